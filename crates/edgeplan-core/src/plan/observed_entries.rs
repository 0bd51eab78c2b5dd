//! Reading one route or one rule of an observed section: each key checked, every
//! problem named by its full key (`observed.firewall.rules[2].ports`) and value.

use super::observed_read::integer;
use super::read::{Reader, found};
use crate::cidr::parse_net;
use crate::observed::{
    Direction, NextHop, PathNode, Ports, Protocol, RouteEntry, RuleAction, RuleEntry,
};
use ipnet::Ipv4Net;
use strum::VariantArray;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of one route, in writing order.
const ROUTE_KEYS: [&str; 3] = ["destination", "next_hop", "status"];
/// The keys of one rule, in writing order.
const RULE_KEYS: [&str; 6] = [
    "direction",
    "action",
    "protocol",
    "ports",
    "peers",
    "priority",
];

/// The words a `next_hop` may name on the path.
fn path_words() -> impl Iterator<Item = &'static str> {
    PathNode::VARIANTS
        .iter()
        .map(|n| n.into())
        .chain(std::iter::once("local"))
}

impl Reader<'_> {
    /// The value of required key `key` of an entry, or a problem saying it is missing.
    fn required<'v, 'i>(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &'v DeTable<'i>,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<&'v Spanned<DeValue<'i>>> {
        let value = table.get(key);
        if value.is_none() {
            let message = format!("missing; {what}");
            self.missing(item, format!("{path}.{key}"), message);
        }
        value
    }

    pub(super) fn route(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<RouteEntry> {
        const WHAT: &str = "a route has a destination and a next_hop";
        self.unknown_in(table, path, &ROUTE_KEYS);
        let destination = self
            .required(item, table, path, "destination", WHAT)
            .and_then(|v| self.cidr(v, &format!("{path}.destination")));
        let next_hop = self
            .required(item, table, path, "next_hop", WHAT)
            .and_then(|v| self.next_hop(v, &format!("{path}.next_hop")));
        let inactive = match table.get("status") {
            None => Some(None),
            Some(v) => self.status(v, &format!("{path}.status")),
        };
        Some(RouteEntry {
            destination: destination?,
            next_hop: next_hop?,
            inactive: inactive?,
        })
    }

    fn cidr(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Ipv4Net> {
        let text = self.text_at(value, key)?;
        match parse_net(text) {
            Ok(net) => Some(net),
            Err(e) => {
                self.keyed(value, key.to_string(), e.to_string());
                None
            }
        }
    }

    fn next_hop(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<NextHop> {
        let word = self.text_at(value, key)?;
        let neighbours = path_words().collect::<Vec<_>>().join(", ");
        if word.trim().is_empty() {
            let message = format!(
                "empty; write a path neighbour ({neighbours}) or the device's own word (blackhole, an instance id)"
            );
            self.keyed(value, key.to_string(), message);
            return None;
        }
        // `VBR` would silently read as a next hop off the path.
        if let Some(meant) = path_words().find(|w| w.eq_ignore_ascii_case(word) && *w != word) {
            let message = format!("write `{meant}`: next hops on the path are lower case");
            self.keyed(value, key.to_string(), message);
            return None;
        }
        Some(NextHop::from_word(word))
    }

    /// `None` when the status is unreadable; `Some(None)` when it says active.
    fn status(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Option<String>> {
        let word = self.text_at(value, key)?;
        if word.trim().is_empty() || word.trim() != word {
            let message =
                "expected active or the device's word for a route that does not forward (Rejected, Prohibited, Pending)".into();
            self.keyed(value, key.to_string(), message);
            return None;
        }
        Some((!word.eq_ignore_ascii_case("active")).then(|| word.to_string()))
    }

    pub(super) fn rule(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<RuleEntry> {
        const WHAT: &str =
            "a rule has a direction, action, protocol, ports (for tcp and udp), peers and priority";
        self.unknown_in(table, path, &RULE_KEYS);
        let key = |k: &str| format!("{path}.{k}");
        let direction = self
            .required(item, table, path, "direction", WHAT)
            .and_then(|v| self.choice_at::<Direction>(v, &key("direction"), "direction"));
        let action = self
            .required(item, table, path, "action", WHAT)
            .and_then(|v| self.choice_at::<RuleAction>(v, &key("action"), "action"));
        let protocol = self
            .required(item, table, path, "protocol", WHAT)
            .and_then(|v| self.choice_at::<Protocol>(v, &key("protocol"), "protocol"));
        let ports = match (table.get("ports"), protocol) {
            (Some(v), _) => self.ports(v, &key("ports")),
            // ICMP and `all` match every port; a protocol that did not read is already a problem.
            (None, Some(p)) if !p.has_ports() => Some(Ports::All),
            (None, Some(_)) => {
                self.missing(item, key("ports"), format!("missing; {WHAT}"));
                None
            }
            (None, None) => None,
        };
        let peers = self
            .required(item, table, path, "peers", WHAT)
            .and_then(|v| self.peers(v, &key("peers")));
        let priority = self
            .required(item, table, path, "priority", WHAT)
            .and_then(|v| match integer(v.get_ref()).map(u32::try_from) {
                Some(Ok(p)) => Some(p),
                _ => {
                    let message =
                        "expected a priority, a whole number from 0 (lower is evaluated first)"
                            .into();
                    self.keyed(v, key("priority"), message);
                    None
                }
            });
        Some(RuleEntry {
            direction: direction?,
            action: action?,
            protocol: protocol?,
            ports: ports?,
            peers: peers?,
            priority: priority?,
        })
    }

    fn ports(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Ports> {
        let text = self.text_at(value, key)?;
        match text.parse::<Ports>() {
            Ok(ports) => Some(ports),
            Err(e) => {
                self.keyed(value, key.to_string(), e.to_string());
                None
            }
        }
    }

    fn peers(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Vec<Ipv4Net>> {
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!(
                "invalid type: {}, expected an array of CIDR strings",
                found(value.get_ref())
            );
            self.keyed(value, key.to_string(), message);
            return None;
        };
        let mut nets = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.cidr(item, &format!("{key}[{i}]")) {
                Some(net) => nets.push(net),
                None => ok = false,
            }
        }
        ok.then_some(nets)
    }
}
