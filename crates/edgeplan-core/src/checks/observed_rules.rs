//! Checks of the surveyed filters (the firewall and the security group): a required flow
//! they drop, a deny that hides an allow, an allow open to everything.

use super::customer::{hop_first, hop_words};
use super::rules::Findings;
use super::{FindingCode, Severity, Wording};
use crate::catalog::Catalog;
use crate::flows::required_flows;
use crate::hop::Hop;
use crate::observed::{Direction, Ports, Protocol, RuleAction, RuleEntry};
use crate::plan::Transit;
use crate::trace::{
    FilterTable, Packet, Place, RuleMatch, Tracer, filter_peer, flow_packet, words,
};

/// The filters a flow between `from` and `to` crosses, and which way, as designed.
fn crossings(from: Place, to: Place) -> Vec<(Hop, Direction)> {
    let mut out = Vec::new();
    if from == Place::Vpc {
        out.push((Hop::SecurityGroup, Direction::Outbound));
    }
    if from.in_datacenter() != to.in_datacenter() {
        let way = match from.in_datacenter() {
            true => Direction::Outbound,
            false => Direction::Inbound,
        };
        out.push((Hop::Firewall, way));
    }
    if to == Place::Vpc {
        out.push((Hop::SecurityGroup, Direction::Inbound));
    }
    out
}

/// A packet's protocol and port as a customer reads them: `TCP port 6443`, `ICMP`.
fn service_words(p: &Packet) -> String {
    let protocol = p.protocol.to_string().to_uppercase();
    match p.port {
        Some(port) => format!("{protocol} port {port}"),
        None => protocol,
    }
}

/// What a filter that drops a required packet says to the customer.
fn dropped_words(
    (hop, transit): (Hop, Transit),
    direction: Direction,
    packet: &Packet,
    far: ipnet::Ipv4Net,
    deny_priority: Option<u32>,
) -> Wording {
    let (on, on_first) = (hop_words(hop, transit), hop_first(hop, transit));
    let service = service_words(packet);
    let why = match deny_priority {
        Some(p) => format!("its {direction} deny rule at priority {p} blocks it"),
        None => format!("no {direction} rule allows it, and the default denies it"),
    };
    let side = match direction {
        Direction::Inbound => "from",
        Direction::Outbound => "to",
    };
    let fix = match deny_priority {
        Some(p) => format!(
            "On {on}, add an {direction} rule allowing {service} {side} {far} with a priority number below {p}, ahead of the deny, or narrow the deny so it leaves that traffic alone."
        ),
        None => format!("On {on}, add an {direction} rule allowing {service} {side} {far}."),
    };
    Wording::new(
        format!(
            "{on_first} drops {service} from {} to {}, which the cluster needs: {why}.",
            packet.src, packet.dst
        ),
        fix,
    )
}

/// Every required flow against each surveyed filter it crosses.
fn flows_check(plan: &crate::Plan, catalog: &Catalog, tracer: &Tracer, out: &mut Findings) {
    for flow in required_flows(plan, catalog) {
        let packet = flow_packet(&flow);
        let (Some((_, from)), Some((_, to))) = (tracer.place(packet.src), tracer.place(packet.dst))
        else {
            continue;
        };
        for (hop, direction) in crossings(from, to) {
            let Some(table) = tracer.filter(hop) else {
                continue;
            };
            let (action, by) = table.decide(&packet, direction);
            if action == RuleAction::Allow {
                continue;
            }
            let (why, priority) = match by {
                RuleMatch::Rule(i) => {
                    let r = &table.rules[i];
                    (words::rule(r), Some(r.priority))
                }
                RuleMatch::Default => (
                    format!("no {direction} rule matches and the default denies"),
                    None,
                ),
            };
            let far = filter_peer(&packet, direction);
            let far_block = tracer.place(far).map_or(crate::cidr::host(far), |(n, _)| n);
            out.add(
                Severity::Error,
                FindingCode::ObservedPortNotAllowed,
                vec![hop],
                vec![],
                Wording::new(
                    format!(
                        "{hop} drops {} {} ({}, {direction}): {why}",
                        packet.service(),
                        words::towards(&packet),
                        flow.id
                    ),
                    words::fix_deny(hop, direction, &packet, far_block, priority),
                ),
                dropped_words((hop, plan.transit), direction, &packet, far_block, priority),
            );
        }
    }
}

/// True when every port `allow` matches, `deny` matches too.
fn ports_cover(deny: &RuleEntry, allow: &RuleEntry) -> bool {
    if deny.protocol == Protocol::All || !allow.protocol.has_ports() {
        return true;
    }
    match (&deny.ports, &allow.ports) {
        (Ports::All, _) => true,
        (Ports::Ranges(_), Ports::All) => false,
        (Ports::Ranges(d), Ports::Ranges(a)) => a.iter().all(|ar| {
            d.iter()
                .any(|dr| dr.first <= ar.first && ar.last <= dr.last)
        }),
    }
}

/// True when `deny` matches everything `allow` matches.
fn covers(deny: &RuleEntry, allow: &RuleEntry) -> bool {
    let protocol = deny.protocol == Protocol::All || deny.protocol == allow.protocol;
    let anywhere =
        |r: &RuleEntry| r.peers.is_empty() || r.peers.iter().any(|p| p.prefix_len() == 0);
    let peers = anywhere(deny)
        || (!allow.peers.is_empty()
            && allow
                .peers
                .iter()
                .all(|a| deny.peers.iter().any(|d| d.contains(a))));
    protocol && peers && ports_cover(deny, allow)
}

/// Allow rules a deny evaluated before them hides completely.
fn shadow_check(table: &FilterTable, transit: Transit, out: &mut Findings) {
    let rules = table.rules;
    for direction in [Direction::Inbound, Direction::Outbound] {
        let mut denies: Vec<&RuleEntry> = Vec::new();
        for &i in table.in_order(direction) {
            let rule = &rules[i];
            if rule.action == RuleAction::Deny {
                denies.push(rule);
                continue;
            }
            let Some(deny) = denies.iter().find(|d| covers(d, rule)) else {
                continue;
            };
            let (hop, allow_at, deny_at) = (table.hop, rule.priority, deny.priority);
            let (allow, deny) = (words::rule(rule), words::rule(deny));
            let (on, on_first) = (hop_words(hop, transit), hop_first(hop, transit));
            out.add(
                Severity::Warning,
                FindingCode::ObservedDenyShadowsAllow,
                vec![hop],
                vec![],
                Wording::new(
                    format!("on {hop}, {direction} {deny} comes first and matches everything {allow} does, so the allow never applies"),
                    format!("On {hop}, give the allow a priority number below the deny's, or narrow the deny."),
                ),
                Wording::new(
                    format!("{on_first}'s {direction} deny rule at priority {deny_at} comes first and blocks everything its allow rule at priority {allow_at} lets through, so that allow never applies."),
                    format!("On {on}, give the allow rule a priority number below {deny_at}, or narrow the deny rule."),
                ),
            );
        }
    }
}

/// Allow rules open to every protocol or port from or to anywhere. The security group's
/// outbound is open by the cloud's default, so an allow there says nothing new.
fn broad_check(table: &FilterTable, transit: Transit, out: &mut Findings) {
    for rule in table.rules {
        let open = rule.protocol == Protocol::All
            || (rule.protocol.has_ports() && rule.ports == Ports::All);
        let anywhere = rule.peers.is_empty() || rule.peers.iter().any(|p| p.prefix_len() == 0);
        let cloud_default =
            table.hop == Hop::SecurityGroup && rule.direction == Direction::Outbound;
        if rule.action != RuleAction::Allow || !open || !anywhere || cloud_default {
            continue;
        }
        let (hop, text, direction) = (table.hop, words::rule(rule), rule.direction);
        let (on, on_first) = (hop_words(hop, transit), hop_first(hop, transit));
        let what = match rule.protocol {
            Protocol::All => "every protocol".to_string(),
            p => format!("every {} port", p.to_string().to_uppercase()),
        };
        let way = match direction {
            Direction::Inbound => "from anywhere",
            Direction::Outbound => "to anywhere",
        };
        out.add(
            Severity::Warning,
            FindingCode::ObservedOverBroadAllow,
            vec![hop],
            vec![],
            Wording::new(
                format!("on {hop}, {direction} {text} lets everything through from or to anywhere"),
                format!("On {hop}, narrow it to the blocks and ports the path needs (`edgeplan show` lists them)."),
            ),
            Wording::new(
                format!("{on_first}'s {direction} allow rule at priority {} lets {what} through {way}, far more than this path needs.", rule.priority),
                format!("On {on}, narrow that rule to the blocks and ports this hop's slide lists."),
            ),
        );
    }
}

/// Every check of the surveyed filters.
pub(super) fn filters_check(
    plan: &crate::Plan,
    catalog: &Catalog,
    tracer: &Tracer,
    out: &mut Findings,
) {
    flows_check(plan, catalog, tracer, out);
    for hop in [Hop::Firewall, Hop::SecurityGroup] {
        if let Some(table) = tracer.filter(hop) {
            shadow_check(table, plan.transit, out);
            broad_check(table, plan.transit, out);
        }
    }
}
