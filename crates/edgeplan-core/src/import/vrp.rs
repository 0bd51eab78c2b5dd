//! Huawei VRP and H3C Comware `display ip routing-table`, brief view: one row per route
//! under `Destination/Mask Proto Pre Cost [Flags] NextHop Interface` (Huawei prints
//! Flags, H3C does not). ECMP next hops continue on the following lines with the prefix
//! left blank: H3C prints only `NextHop Interface`, Huawei repeats the other columns.

use super::model::{Format, ImportContext, ImportError, Imported, Location, NoteKind};
use super::text;
use crate::observed::{NextHop, RouteEntry};
use ipnet::Ipv4Net;

/// One row's columns after the prefix.
struct Columns<'a> {
    proto: String,
    flags: &'a str,
    next_hop: &'a str,
    interface: &'a str,
}

/// Reads the public routing table; VPN-instance tables are skipped with a note.
pub(super) fn read(
    input: &str,
    format: Format,
    context: &ImportContext,
) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(format);
    let mut public = true;
    let mut other_tables = 0usize;
    // The prefix ECMP continuation lines belong to.
    let mut last: Option<(Ipv4Net, String)> = None;
    for (index, raw) in input.lines().enumerate() {
        let n = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = table_name(line) {
            public = name.eq_ignore_ascii_case("public") || name == "_public_";
            last = None;
            continue;
        }
        if is_header(line) || text::is_prompt(line) {
            continue;
        }
        let tokens: Vec<&str> = line.split_whitespace().collect();
        let (destination, rest) = if text::looks_like_prefix(tokens[0]) {
            let net = text::prefix(tokens[0], format, n, &mut imported)?;
            (net, &tokens[1..])
        } else if let Some((net, _)) = &last {
            (*net, &tokens[..])
        } else {
            text::skip(&mut imported, n, line);
            continue;
        };
        let Some(mut columns) = columns(rest) else {
            text::skip(&mut imported, n, line);
            last = None;
            continue;
        };
        // An H3C continuation line shares its first line's protocol.
        if let (true, Some((_, proto))) = (columns.proto.is_empty(), &last) {
            columns.proto = proto.clone();
        }
        last = Some((destination, columns.proto.clone()));
        if !public {
            other_tables += 1;
            continue;
        }
        let next_hop = next_hop(&columns, format, n, context)?;
        imported.push_route(RouteEntry::new(destination, next_hop), &Location::Line(n))?;
    }
    if other_tables > 0 {
        imported.note(
            NoteKind::Skipped,
            Location::Whole,
            format!(
                "{other_tables} routes of VPN-instance tables (only the public table is imported)"
            ),
        );
    }
    text::finish(&mut imported, context);
    Ok(imported)
}

/// The table a `Routing Table(s) : NAME` header opens.
fn table_name(line: &str) -> Option<&str> {
    let rest = line
        .strip_prefix("Routing Tables")
        .or_else(|| line.strip_prefix("Routing Table"))?;
    let name = rest.trim_start().strip_prefix(':')?.trim();
    Some(name)
}

/// Lines above the table: the flags legend, the counts, the column titles, rules.
fn is_header(line: &str) -> bool {
    line.starts_with("Route Flags")
        || line.starts_with("Destinations")
        || line.starts_with("Destination/Mask")
        || line.starts_with("Summary Count")
        || line.chars().all(|c| c == '-' || c == '=')
}

/// Splits a row's columns after the prefix: `Proto Pre Cost [Flags] NextHop Interface`,
/// or an H3C continuation's `NextHop Interface`.
fn columns<'a>(rest: &[&'a str]) -> Option<Columns<'a>> {
    let numeric = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    match rest {
        [next_hop, interface] if text::looks_like_address(next_hop) => Some(Columns {
            proto: String::new(),
            flags: "",
            next_hop,
            interface,
        }),
        [proto, pre, cost, tail @ ..] if numeric(pre) && numeric(cost) => {
            let (flags, next_hop, interface) = match tail {
                [flags, next_hop, interface] => (*flags, *next_hop, *interface),
                [next_hop, interface] => ("", *next_hop, *interface),
                _ => return None,
            };
            Some(Columns {
                proto: proto.to_string(),
                flags,
                next_hop,
                interface,
            })
        }
        _ => None,
    }
}

/// Where a row sends traffic: connected and loopback routes are local, null and
/// black-hole routes go nowhere, the VBR's address is the VBR.
fn next_hop(
    columns: &Columns,
    format: Format,
    line: usize,
    context: &ImportContext,
) -> Result<NextHop, ImportError> {
    let interface = columns.interface.to_ascii_lowercase();
    if interface.starts_with("null") || columns.flags.contains('B') {
        return Ok(NextHop::Elsewhere("blackhole".to_string()));
    }
    let address = text::address(columns.next_hop, format, line)?;
    if columns.proto.eq_ignore_ascii_case("Direct") || interface.starts_with("inloop") {
        return Ok(NextHop::Local);
    }
    Ok(text::next_hop(address, context))
}
