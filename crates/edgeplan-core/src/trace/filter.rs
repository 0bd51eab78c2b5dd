//! A filtering hop's rules, put in evaluation order once: lowest priority number first,
//! deny before allow at a tie, then as listed. The first rule that matches decides; no
//! match falls to the hop's default.

use super::Packet;
use crate::hop::Hop;
use crate::observed::{Direction, RuleAction, RuleEntry, Survey};
use std::net::Ipv4Addr;

/// What a filter does with traffic no rule matches: the survey's `default_*`, else deny,
/// except the security group's outbound, which allows (the cloud's default).
pub fn default_action(hop: Hop, survey: &Survey, direction: Direction) -> RuleAction {
    let set = match direction {
        Direction::Inbound => survey.default_inbound,
        Direction::Outbound => survey.default_outbound,
    };
    set.unwrap_or(match (hop, direction) {
        (Hop::SecurityGroup, Direction::Outbound) => RuleAction::Allow,
        _ => RuleAction::Deny,
    })
}

/// The far-side address a rule's peers are matched against: the source of traffic
/// coming in, the destination of traffic going out.
pub fn peer(packet: &Packet, direction: Direction) -> Ipv4Addr {
    match direction {
        Direction::Inbound => packet.src,
        Direction::Outbound => packet.dst,
    }
}

/// True when `rule` matches `packet` crossing in `direction`. A rule with no peers
/// matches any far side; a packet with no port (a reply) matches only rules for every
/// port.
pub fn matches(rule: &RuleEntry, packet: &Packet, direction: Direction) -> bool {
    if rule.direction != direction || !rule.protocol.covers(packet.protocol) {
        return false;
    }
    if rule.protocol.has_ports() {
        let ok = match packet.port {
            Some(p) => rule.ports.contains(p),
            None => rule.ports == crate::observed::Ports::All,
        };
        if !ok {
            return false;
        }
    }
    let far = peer(packet, direction);
    rule.peers.is_empty() || rule.peers.iter().any(|n| n.contains(&far))
}

/// How a filter decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleMatch {
    /// This rule (its index in the survey) matched first.
    Rule(usize),
    /// No rule matched: the default applies.
    Default,
}

/// A surveyed filter's rules in evaluation order, per direction.
#[derive(Debug, Clone)]
pub struct FilterTable<'a> {
    /// The hop.
    pub hop: Hop,
    /// Its survey.
    pub survey: &'a Survey,
    /// Its surveyed rules, which the orders point into.
    pub rules: &'a [RuleEntry],
    inbound: Vec<usize>,
    outbound: Vec<usize>,
}

impl<'a> FilterTable<'a> {
    /// The rules of `survey` in evaluation order; `None` while its rules are not
    /// surveyed (unknown, not empty).
    pub fn new(hop: Hop, survey: &'a Survey) -> Option<FilterTable<'a>> {
        let rules = survey.rules.as_deref()?;
        let order = |direction: Direction| {
            let mut idx: Vec<usize> = (0..rules.len())
                .filter(|&i| rules[i].direction == direction)
                .collect();
            // Stable: equal rules keep the order the device listed them in.
            idx.sort_by_key(|&i| {
                let r = &rules[i];
                (r.priority, r.action != RuleAction::Deny)
            });
            idx
        };
        Some(FilterTable {
            hop,
            survey,
            rules,
            inbound: order(Direction::Inbound),
            outbound: order(Direction::Outbound),
        })
    }

    /// The rule indexes of one direction, in evaluation order.
    pub fn in_order(&self, direction: Direction) -> &[usize] {
        match direction {
            Direction::Inbound => &self.inbound,
            Direction::Outbound => &self.outbound,
        }
    }

    /// What the filter does with `packet` crossing in `direction`, and why.
    pub fn decide(&self, packet: &Packet, direction: Direction) -> (RuleAction, RuleMatch) {
        let rules = self.rules;
        match self
            .in_order(direction)
            .iter()
            .find(|&&i| matches(&rules[i], packet, direction))
        {
            Some(&i) => (rules[i].action, RuleMatch::Rule(i)),
            None => (
                default_action(self.hop, self.survey, direction),
                RuleMatch::Default,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observed::{Ports, Protocol};

    fn rule(action: RuleAction, ports: &str, priority: u32) -> RuleEntry {
        RuleEntry {
            direction: Direction::Outbound,
            action,
            protocol: Protocol::Tcp,
            ports: ports.parse::<Ports>().unwrap(),
            peers: vec!["192.168.0.0/16".parse().unwrap()],
            priority,
        }
    }

    fn packet(port: u16) -> Packet {
        Packet {
            src: "10.0.0.1".parse().unwrap(),
            dst: "192.168.0.1".parse().unwrap(),
            protocol: Protocol::Tcp,
            port: Some(port),
        }
    }

    #[test]
    fn lower_priority_first_deny_before_allow_at_a_tie_and_defaults_per_hop() {
        let survey = Survey {
            rules: Some(vec![
                rule(RuleAction::Allow, "6443", 10),
                rule(RuleAction::Deny, "6443", 10),
                rule(RuleAction::Allow, "443", 20),
                rule(RuleAction::Deny, "443", 30),
            ]),
            ..Survey::default()
        };
        let fw = FilterTable::new(Hop::Firewall, &survey).unwrap();
        let out = Direction::Outbound;
        assert_eq!(
            fw.decide(&packet(6443), out),
            (RuleAction::Deny, RuleMatch::Rule(1))
        );
        assert_eq!(
            fw.decide(&packet(443), out),
            (RuleAction::Allow, RuleMatch::Rule(2))
        );
        assert_eq!(
            fw.decide(&packet(80), out),
            (RuleAction::Deny, RuleMatch::Default)
        );
        let sg = FilterTable::new(Hop::SecurityGroup, &survey).unwrap();
        assert_eq!(
            sg.decide(&packet(80), out),
            (RuleAction::Allow, RuleMatch::Default)
        );
        let mut open = Survey {
            default_inbound: Some(RuleAction::Allow),
            ..Survey::default()
        };
        assert!(
            FilterTable::new(Hop::Firewall, &open).is_none(),
            "rules not surveyed are unknown, not an empty list"
        );
        open.rules = Some(Vec::new());
        let fw = FilterTable::new(Hop::Firewall, &open).unwrap();
        assert_eq!(
            fw.decide(&packet(80), Direction::Inbound).0,
            RuleAction::Allow
        );
    }
}
