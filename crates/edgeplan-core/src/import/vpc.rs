//! VPC `DescribeRouteEntryList`: a VPC's route table, or a VBR's (the same API reads
//! both). `RouteEntrys.RouteEntry[]`, each with `NextHops.NextHop[]` (one per ECMP path).

use super::json::Node;
use super::model::{Format, ImportError, Imported, NoteKind};
use crate::hop::Hop;
use crate::observed::{NextHop, PathNode, RouteEntry};
use crate::plan::Transit;

/// The next-hop types the API documents; any other is noted as undocumented.
const DOCUMENTED: [&str; 13] = [
    "Instance",
    "HaVip",
    "VpnGateway",
    "NatGateway",
    "NetworkInterface",
    "RouterInterface",
    "IPv6Gateway",
    "Attachment",
    "Ipv4Gateway",
    "GatewayEndpoint",
    "CenBasic",
    "Ecr",
    "VpcPeer",
];

/// Reads the route entries for `hop` (the VBR or the VPC route table).
pub(super) fn read(root: &Node, hop: Hop, transit: Transit) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(Format::VpcRouteEntries);
    let list = root.field("RouteEntrys")?.field("RouteEntry")?;
    for entry in list.items()? {
        read_entry(&entry, hop, transit, &mut imported)?;
    }
    Ok(imported)
}

fn read_entry(
    entry: &Node,
    hop: Hop,
    transit: Transit,
    imported: &mut Imported,
) -> Result<(), ImportError> {
    let (text, node) = entry.req_text("DestinationCidrBlock")?;
    let Some(destination) = node.block(&text, imported)? else {
        return Ok(());
    };
    if entry.opt_text("Type")?.as_deref() == Some("System") {
        // The reference has no documented next-hop shape for System routes (the
        // vSwitch blocks); the VPC's own blocks are local implicitly, so skip them.
        imported.note(
            NoteKind::Assumed,
            entry.at(),
            format!("System route {destination} not imported: the VPC's own blocks are local"),
        );
        return Ok(());
    }
    let inactive = match entry.opt_text("Status")? {
        Some(status) if status == "Available" => None,
        Some(status) => Some(status),
        None => {
            imported.note(
                NoteKind::Assumed,
                entry.at(),
                format!("route {destination} has no Status; taken as Available"),
            );
            None
        }
    };
    let hops = match entry.get("NextHops").and_then(|n| n.get("NextHop")) {
        Some(list) => list.items()?,
        None => Vec::new(),
    };
    if hops.is_empty() {
        imported.note(
            NoteKind::Skipped,
            entry.at(),
            format!("route {destination} lists no next hop"),
        );
    }
    for next in hops {
        let (kind, kind_node) = next.req_text("NextHopType")?;
        let id = next.opt_text("NextHopId")?.unwrap_or_default();
        let related = match next.get("NextHopRelatedInfo") {
            Some(info) => info.opt_text("InstanceType")?,
            None => None,
        };
        let next_hop = map(&kind, &id, related.as_deref(), hop, transit);
        if !DOCUMENTED.contains(&kind.as_str()) {
            imported.note(
                NoteKind::Assumed,
                kind_node.at(),
                format!("next-hop type {kind} is not documented; {destination} leaves the path"),
            );
        } else if let Some(why) = why_off_path(&next_hop, &kind, hop, transit) {
            imported.note(
                NoteKind::OffPath,
                kind_node.at(),
                format!("{destination} via {kind} {id}: {why}"),
            );
        }
        if next_hop == NextHop::Neighbour(PathNode::CoreSwitch) {
            imported.note(
                NoteKind::Assumed,
                kind_node.at(),
                format!("{destination} via {kind} {id}: the physical connection, taken as the core switch"),
            );
        }
        let route = RouteEntry {
            destination,
            next_hop,
            inactive: inactive.clone(),
        };
        imported.push_route(route, &next.at())?;
    }
    Ok(())
}

/// The path neighbour a next hop of `kind` is from `hop`, or where else it goes.
fn map(kind: &str, id: &str, related: Option<&str>, hop: Hop, transit: Transit) -> NextHop {
    let elsewhere = || super::elsewhere(kind, id);
    // The VBR's side of the direct connection, or the VPC's.
    let direct_peer = if hop == Hop::Vbr {
        PathNode::Vpc
    } else {
        PathNode::Vbr
    };
    match kind {
        "Attachment" if transit == Transit::Cen => NextHop::Neighbour(PathNode::Transit),
        "Ecr" if transit == Transit::Ecr => NextHop::Neighbour(PathNode::Transit),
        // A router interface toward a physical connection is the data center's side.
        "RouterInterface"
            if hop == Hop::Vbr && (related == Some("PCONN") || id.starts_with("pc-")) =>
        {
            NextHop::Neighbour(PathNode::CoreSwitch)
        }
        "RouterInterface"
            if transit == Transit::Direct && matches!(related, None | Some("VPC" | "VBR")) =>
        {
            // From a VPC a router interface to another VPC is peering, not the VBR.
            if hop == Hop::VpcRouteTable && related == Some("VPC") {
                elsewhere()
            } else {
                NextHop::Neighbour(direct_peer)
            }
        }
        _ => elsewhere(),
    }
}

/// Why a documented next hop left the path, when the plan explains it.
fn why_off_path(next_hop: &NextHop, kind: &str, hop: Hop, transit: Transit) -> Option<String> {
    if !matches!(next_hop, NextHop::Elsewhere(_)) {
        return None;
    }
    let plan = <&str>::from(transit);
    Some(match kind {
        "Attachment" => format!("a transit router attachment, but the plan's transit is {plan}"),
        "Ecr" => format!("an Express Connect Router, but the plan's transit is {plan}"),
        "RouterInterface" if transit != Transit::Direct => {
            format!("a direct router interface, but the plan's transit is {plan}")
        }
        "RouterInterface" => "a router interface to another VPC (peering)".to_string(),
        _ => format!("not a neighbour of the {hop} hop on the path"),
    })
}
