//! Cisco IOS `show ip route`: the `Codes:` legend, `Gateway of last resort`, subnetting
//! headers (`10.0.0.0/8 is variably subnetted…`, `172.16.0.0/32 is subnetted…`, whose
//! mask applies to the lines below that print no length), route lines
//! `O IA 10.23.21.0/24 [110/2] via 10.12.11.2, …`, and ECMP `[110/20] via …` lines.

use super::model::{Format, ImportContext, ImportError, Imported, Location, NoteKind};
use super::text;
use crate::observed::{NextHop, RouteEntry};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

const FORMAT: Format = Format::CiscoIos;

/// Reads the routing table.
pub(super) fn read(input: &str, context: &ImportContext) -> Result<Imported, ImportError> {
    let mut imported = Imported::new(FORMAT);
    let mut in_legend = false;
    // The `is subnetted` header's network and the mask it gives its lines.
    let mut subnetted: Option<Ipv4Net> = None;
    // The prefix an ECMP `[x/y] via` line adds a next hop to.
    let mut last: Option<Ipv4Net> = None;
    for (index, raw) in input.lines().enumerate() {
        let n = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            in_legend = false;
            continue;
        }
        if line.starts_with("Codes:") {
            in_legend = true;
            continue;
        }
        if (in_legend && raw.starts_with(char::is_whitespace))
            || line.starts_with("Gateway of last resort")
            || text::is_prompt(line)
        {
            continue;
        }
        in_legend = false;
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if line.contains(" is variably subnetted") || line.contains(" is subnetted") {
            let header = text::prefix(tokens[0], FORMAT, n, &mut imported)?;
            subnetted = line.contains(" is subnetted").then_some(header);
            last = None;
            continue;
        }
        if tokens[0].starts_with('[') {
            // An ECMP path (or the rest of a line wrapped after a long prefix).
            match last {
                Some(destination) => {
                    let next_hop = via(&tokens, n, context)?;
                    add(&mut imported, destination, next_hop, n)?;
                }
                None => text::skip(&mut imported, n, line),
            }
            continue;
        }
        let Some(k) = tokens
            .iter()
            .position(|t| text::looks_like_prefix(t) || text::looks_like_address(t))
        else {
            text::skip(&mut imported, n, line);
            continue;
        };
        let codes = &tokens[..k];
        if codes.is_empty() || !codes.iter().all(|c| is_code(c)) {
            text::skip(&mut imported, n, line);
            continue;
        }
        let destination = destination(tokens[k], subnetted, n, &mut imported)?;
        last = Some(destination);
        let rest = &tokens[k + 1..];
        let code = codes[0].trim_end_matches(['*', '+', '%']);
        let next_hop = if line.contains("is directly connected") {
            directly_connected(code, rest, destination, n, &mut imported)
        } else if rest.contains(&"via") {
            via(rest, n, context)?
        } else {
            // Wrapped: the paths follow on `[x/y] via` lines.
            continue;
        };
        add(&mut imported, destination, next_hop, n)?;
    }
    text::finish(&mut imported, context);
    Ok(imported)
}

/// True for a route code or sub-code (`S*`, `O`, `IA`, `E2`, `L1`, `B+`, `O*E2`).
fn is_code(token: &str) -> bool {
    token.len() <= 4
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '+' | '%'))
}

/// The destination as printed: with its length, or under a subnetting header that gives
/// it, or classful.
fn destination(
    token: &str,
    subnetted: Option<Ipv4Net>,
    line: usize,
    imported: &mut Imported,
) -> Result<Ipv4Net, ImportError> {
    if token.contains('/') {
        return text::prefix(token, FORMAT, line, imported);
    }
    let address: Ipv4Addr = text::address(token, FORMAT, line)
        .map_err(|_| text::bad(FORMAT, line, token, "an IPv4 prefix"))?;
    let length = match subnetted {
        Some(header) if classful(header.network()) == classful(address) => header.prefix_len(),
        _ => classful(address).prefix_len(),
    };
    let net = Ipv4Net::new(address, length).unwrap_or_else(|_| Ipv4Net::from(address));
    Ok(net.trunc())
}

/// The classful network an address belongs to (A /8, B /16, C and above /24).
fn classful(address: Ipv4Addr) -> Ipv4Net {
    let length = match address.octets()[0] {
        0..=127 => 8,
        128..=191 => 16,
        _ => 24,
    };
    Ipv4Net::new(address, length)
        .map(|n| n.trunc())
        .unwrap_or_else(|_| Ipv4Net::from(address))
}

/// A connected (`C`) or local (`L`) route is delivered here; a static route to an
/// interface names no address, so it is off the path unless it is `Null0`.
fn directly_connected(
    code: &str,
    rest: &[&str],
    destination: Ipv4Net,
    line: usize,
    imported: &mut Imported,
) -> NextHop {
    if matches!(code, "C" | "L") {
        return NextHop::Local;
    }
    let interface = rest.last().map(|t| t.trim_end_matches(',')).unwrap_or("");
    if interface.eq_ignore_ascii_case("Null0") {
        return NextHop::Elsewhere("blackhole".to_string());
    }
    imported.note(
        NoteKind::OffPath,
        Location::Line(line),
        format!("{destination} is routed to interface {interface}, not an address: edit its next hop if it leads to the VBR"),
    );
    super::elsewhere("interface", interface)
}

/// The next hop after `via`.
fn via(tokens: &[&str], line: usize, context: &ImportContext) -> Result<NextHop, ImportError> {
    let at = tokens.iter().position(|t| *t == "via");
    let token = at
        .and_then(|i| tokens.get(i + 1))
        .map(|t| t.trim_end_matches(','))
        .unwrap_or("");
    let address = text::address(token, FORMAT, line)?;
    Ok(text::next_hop(address, context))
}

fn add(
    imported: &mut Imported,
    destination: Ipv4Net,
    next_hop: NextHop,
    line: usize,
) -> Result<(), ImportError> {
    imported.push_route(
        RouteEntry::new(destination, next_hop),
        &Location::Line(line),
    )
}
