//! How routes, rules and fixes read in a trace: one line each, naming the values.

use super::Packet;
use crate::checks::{NAMED, name_some};
use crate::hop::Hop;
use crate::observed::{Direction, PathNode, RouteEntry, RuleEntry};
use ipnet::Ipv4Net;

/// `192.168.0.0/16 via vbr`, with the status of a route that does not forward:
/// `192.168.0.0/16 via vpc (Rejected)`.
pub fn route(r: &RouteEntry) -> String {
    let via = match r.next_hop.word() {
        "local" => "local".to_string(),
        w => format!("via {w}"),
    };
    match &r.inactive {
        Some(status) => format!("route {} {via} ({status})", r.destination),
        None => format!("route {} {via}", r.destination),
    }
}

/// `rule priority 10 deny tcp 6443 peers 192.168.0.0/16`.
pub fn rule(r: &RuleEntry) -> String {
    let ports = match r.protocol.has_ports() {
        true => format!(" {}", r.ports),
        false => String::new(),
    };
    let peers = match r.peers.is_empty() {
        true => "any".to_string(),
        false => name_some(r.peers.iter(), NAMED),
    };
    format!(
        "rule priority {} {} {}{ports} peers {peers}",
        r.priority, r.action, r.protocol
    )
}

/// `from 10.0.0.1 to 192.168.0.1`.
pub fn towards(p: &Packet) -> String {
    format!("from {} to {}", p.src, p.dst)
}

/// `transit is`, `firewall and transit are`.
pub fn hop_list_verb(hops: &[Hop]) -> String {
    let names: Vec<&str> = hops.iter().map(|h| h.id()).collect();
    match names.as_slice() {
        [one] => format!("{one} is"),
        [rest @ .., last] => format!("{} and {last} are", rest.join(", ")),
        [] => "no hop is".into(),
    }
}

/// What a routing hop should do with a destination block.
pub struct Fix {
    /// The hop to change.
    pub hop: Hop,
    /// The plan's block the destination lies in.
    pub block: Ipv4Net,
    /// The neighbour toward the destination; `None` where the hop delivers it itself.
    pub expected: Option<PathNode>,
}

impl Fix {
    fn via(&self) -> String {
        match self.expected {
            Some(n) => format!("via {n}"),
            None => "local (connected)".into(),
        }
    }

    /// Add a route, or make the inactive one active.
    pub fn no_route(&self, inactive: Option<&str>) -> String {
        let (hop, block, via) = (self.hop, self.block, self.via());
        match inactive {
            Some(r) => format!(
                "On {hop}, make {r} active (see why the device rejects it), or add an active route to {block} {via}."
            ),
            None => format!("On {hop}, add a route to {block} {via}."),
        }
    }

    /// Learn the edge container block by BGP, as Terway Edge advertises it.
    pub fn bgp(&self) -> String {
        format!(
            "On {}, enable BGP toward the edge nodes so it learns {} from Terway Edge.",
            self.hop, self.block
        )
    }

    /// Point the responsible route (for `net`) the right way; one narrower than the
    /// block only takes part of it away, so removing it is enough.
    pub fn repoint(&self, route: &str, net: Ipv4Net) -> String {
        let (hop, block, via) = (self.hop, self.block, self.via());
        match net.prefix_len() > block.prefix_len() && block.contains(&net) {
            true => format!("On {hop}, remove {route}, or point it {via}."),
            false => format!(
                "On {hop}, replace {route} with a route to {block} {via} (or add a more specific route to {block} {via})."
            ),
        }
    }
}

/// What to allow on a filter that denies a packet: a rule ahead of the deny, or one at
/// all where the default denies.
pub fn fix_deny(
    hop: Hop,
    direction: Direction,
    packet: &Packet,
    far: Ipv4Net,
    deny_priority: Option<u32>,
) -> String {
    let side = match direction {
        Direction::Inbound => "from",
        Direction::Outbound => "to",
    };
    let allow = format!(
        "add an {direction} allow rule for {} {side} {far}",
        packet.service()
    );
    match deny_priority {
        Some(p) => format!(
            "On {hop}, {allow} with a priority number below {p}, ahead of the deny, or narrow the deny so it leaves {} alone.",
            packet.service()
        ),
        None => format!("On {hop}, {allow}: no rule lets it through and the default denies."),
    }
}
