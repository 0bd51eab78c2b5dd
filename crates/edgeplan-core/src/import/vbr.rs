//! VPC `DescribeVirtualBorderRouters`: the VBR's MTU, and its own address on the
//! interconnect (`LocalGatewayIp`), which the core switch sees as its next hop.

use super::json::Node;
use super::model::{Format, ImportError, Imported, NoteKind, Problem};
use std::net::Ipv4Addr;

/// The MTUs a link can have: IPv4's minimum up to the largest jumbo frame in use.
const MTU_RANGE: std::ops::RangeInclusive<u32> = 68..=9216;

/// Reads the one VBR listed.
pub(super) fn read(root: &Node) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(Format::VirtualBorderRouters);
    let list = root
        .field("VirtualBorderRouterSet")?
        .field("VirtualBorderRouterType")?;
    let vbrs = list.items()?;
    let vbr = match vbrs.as_slice() {
        [vbr] => vbr,
        [] => return Err(list.error(Problem::Missing)),
        many => return Err(list.error(Problem::SeveralVbrs { count: many.len() })),
    };
    let id = vbr.opt_text("VbrId")?.unwrap_or_default();
    match vbr.get("Mtu") {
        Some(node) => {
            let text = node.text()?;
            match text.trim().parse::<u32>() {
                Ok(mtu) if MTU_RANGE.contains(&mtu) => imported.mtu = Some(mtu),
                _ => return Err(node.bad(&text, "an MTU from 68 to 9216")),
            }
        }
        None => imported.note(
            NoteKind::Skipped,
            vbr.at(),
            format!("VBR {id} lists no Mtu"),
        ),
    }
    if let Some(status) = vbr.opt_text("Status")?.filter(|s| s != "active") {
        imported.note(
            NoteKind::Hint,
            vbr.at(),
            format!("VBR {id} is {status}, not active: it forwards nothing yet"),
        );
    }
    if let Some(text) = vbr.opt_text("LocalGatewayIp")? {
        let node = vbr.field("LocalGatewayIp")?;
        let address = text
            .parse::<Ipv4Addr>()
            .map_err(|_| node.bad(&text, "an IPv4 address"))?;
        imported.vbr_address = Some(address);
        imported.note(
            NoteKind::Hint,
            node.at(),
            format!(
                "the VBR's address on the interconnect is {address}: the core switch's vbr_peer_ip"
            ),
        );
    }
    Ok(imported)
}
