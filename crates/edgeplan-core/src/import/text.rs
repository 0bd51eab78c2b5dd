//! What the device-text readers share: telling the device from its headers, reading a
//! prefix, mapping a next-hop address onto the path, and noting lines not understood.

use super::model::{Format, ImportContext, ImportError, Imported, Location, NoteKind, Problem};
use crate::observed::{NextHop, PathNode};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// How much of a skipped line a note quotes.
const QUOTE_CHARS: usize = 80;

/// The device whose output `text` is, from the headers it prints above the table.
pub(super) fn detect(text: &str) -> Option<Format> {
    let mut huawei_legend = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("Codes:")
            || line.starts_with("Gateway of last resort")
            || line.contains(" is variably subnetted")
            || line.contains(" is directly connected,")
        {
            return Some(Format::CiscoIos);
        }
        // Comware prints `Routing Tables: Public` too: the column titles tell them apart.
        if line.starts_with("Destination/Mask") {
            return Some(if line.contains("Flags") || huawei_legend {
                Format::HuaweiVrp
            } else {
                Format::H3cComware
            });
        }
        huawei_legend |= line.starts_with("Route Flags:");
    }
    huawei_legend.then_some(Format::HuaweiVrp)
}

/// True for a console prompt echoing the command (`<sw>display …`, `[~PE3] display …`,
/// `router#show ip route`), which is no part of the table.
pub(super) fn is_prompt(line: &str) -> bool {
    let line = line.trim();
    let prompt_only = !line.contains(' ') && (line.ends_with('#') || line.ends_with('>'));
    let echoed = line.contains("routing-table") || line.contains("ip rout");
    prompt_only
        || (echoed
            && (line.starts_with('<')
                || line.starts_with('[')
                || line.contains('#')
                || line.contains('>')))
}

/// True when `token` is shaped like a prefix (`10.0.0.0/8`), even an invalid one.
pub(super) fn looks_like_prefix(token: &str) -> bool {
    match token.split_once('/') {
        Some((addr, len)) => {
            !addr.is_empty()
                && addr.chars().all(|c| c.is_ascii_digit() || c == '.')
                && addr.contains('.')
                && !len.is_empty()
                && len.chars().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// True when `token` is shaped like a dotted address, even an invalid one.
pub(super) fn looks_like_address(token: &str) -> bool {
    token.matches('.').count() == 3 && token.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// An error naming line `line` and the value found there.
pub(super) fn bad(format: Format, line: usize, value: &str, expected: &'static str) -> ImportError {
    ImportError {
        format: Some(format),
        at: Location::Line(line),
        problem: Problem::BadValue {
            value: value.chars().take(QUOTE_CHARS).collect(),
            expected,
        },
    }
}

/// Reads a prefix as printed (`10.0.0.0/8`), its network when host bits are set.
pub(super) fn prefix(
    token: &str,
    format: Format,
    line: usize,
    imported: &mut Imported,
) -> Result<Ipv4Net, ImportError> {
    let net: Ipv4Net = token
        .parse()
        .map_err(|_| bad(format, line, token, "an IPv4 prefix"))?;
    if net.trunc() != net {
        imported.note(
            NoteKind::Assumed,
            Location::Line(line),
            format!("{token} has host bits set; read as {}", net.trunc()),
        );
    }
    Ok(net.trunc())
}

/// Reads a next-hop address.
pub(super) fn address(token: &str, format: Format, line: usize) -> Result<Ipv4Addr, ImportError> {
    token
        .parse()
        .map_err(|_| bad(format, line, token, "an IPv4 next-hop address"))
}

/// Where a route via `addr` goes: the VBR when it is the interconnect peer, the switch
/// itself for a loopback address, off the path otherwise.
pub(super) fn next_hop(addr: Ipv4Addr, context: &ImportContext) -> NextHop {
    if context.vbr_peer_ip == Some(addr) {
        NextHop::Neighbour(PathNode::Vbr)
    } else if addr.is_loopback() {
        NextHop::Local
    } else {
        NextHop::Elsewhere(addr.to_string())
    }
}

/// Notes a line that is no part of the table as this reader knows it.
pub(super) fn skip(imported: &mut Imported, line: usize, text: &str) {
    let quoted: String = text.trim().chars().take(QUOTE_CHARS).collect();
    imported.note(
        NoteKind::Skipped,
        Location::Line(line),
        format!("not understood: {quoted}"),
    );
}

/// Closing notes: without `vbr_peer_ip` (or with a wrong one) no address is the VBR, so
/// say how to fix it.
pub(super) fn finish(imported: &mut Imported, context: &ImportContext) {
    let off_path = imported
        .routes
        .iter()
        .filter(|r| matches!(&r.next_hop, NextHop::Elsewhere(w) if w.parse::<Ipv4Addr>().is_ok()))
        .count();
    let to_vbr = imported
        .routes
        .iter()
        .any(|r| r.next_hop == NextHop::Neighbour(PathNode::Vbr));
    if let (Some(peer), false, true) = (context.vbr_peer_ip, to_vbr, off_path > 0) {
        imported.note(
            NoteKind::Hint,
            Location::Whole,
            format!(
                "no route goes to the core switch's vbr_peer_ip {peer}: check that it is the \
                 VBR's address on the interconnect (its LocalGatewayIp)"
            ),
        );
    }
    if context.vbr_peer_ip.is_none() && off_path > 0 {
        imported.note(
            NoteKind::Hint,
            Location::Whole,
            format!(
                "{off_path} routes go to an address, and no vbr_peer_ip is set for the core \
                 switch: set it (the VBR's LocalGatewayIp) and import again to map them to the VBR"
            ),
        );
    }
}
