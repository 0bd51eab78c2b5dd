//! The tracer against surveys built in code: the example plan with every hop as the
//! requirements want it, then one fault at a time.

use super::*;
use crate::observed::{
    Direction, NextHop, Observed, PathNode, Ports, RouteEntry, RuleAction, RuleEntry, Survey,
};

pub(crate) fn route(dest: &str, via: &str) -> RouteEntry {
    RouteEntry::new(dest.parse().unwrap(), NextHop::from_word(via))
}

pub(crate) fn rule(
    dir: Direction,
    action: RuleAction,
    proto: &str,
    ports: &str,
    peers: &[&str],
    priority: u32,
) -> RuleEntry {
    RuleEntry {
        direction: dir,
        action,
        protocol: proto.parse().unwrap(),
        ports: ports.parse::<Ports>().unwrap(),
        peers: peers.iter().map(|p| p.parse().unwrap()).collect(),
        priority,
    }
}

fn routes(list: &[(&str, &str)]) -> Survey {
    Survey {
        routes: Some(list.iter().map(|(d, v)| route(d, v)).collect()),
        ..Survey::default()
    }
}

/// The source's example (Flannel over ECR) with every hop surveyed as the
/// requirements want it.
pub(crate) fn surveyed_example() -> Plan {
    use Direction::{Inbound, Outbound};
    use RuleAction::Allow;
    let cloud = ["192.168.0.0/16", "100.0.0.0/8"];
    let mut plan = Plan::example();
    let mut s = std::collections::BTreeMap::new();
    s.insert(
        Hop::CoreSwitch,
        routes(&[
            ("192.168.0.0/16", "vbr"),
            ("100.0.0.0/8", "vbr"),
            ("10.0.0.0/8", "local"),
        ]),
    );
    s.insert(
        Hop::Firewall,
        Survey {
            rules: Some(vec![
                rule(Outbound, Allow, "all", "all", &cloud, 10),
                rule(
                    Inbound,
                    Allow,
                    "tcp",
                    "10250,10255,9100,9445",
                    &["192.168.0.0/16"],
                    10,
                ),
                rule(Inbound, Allow, "udp", "8472", &["192.168.0.0/16"], 10),
            ]),
            ..Survey::default()
        },
    );
    s.insert(
        Hop::Vbr,
        routes(&[
            ("10.0.0.0/8", "core-switch"),
            ("192.168.0.0/16", "transit"),
            ("100.0.0.0/8", "transit"),
        ]),
    );
    s.insert(
        Hop::Transit,
        routes(&[
            ("10.0.0.0/8", "vbr"),
            ("192.168.0.0/16", "vpc"),
            ("100.0.0.0/8", "vpc"),
        ]),
    );
    s.insert(Hop::VpcRouteTable, routes(&[("10.0.0.0/8", "transit")]));
    s.insert(
        Hop::SecurityGroup,
        Survey {
            rules: Some(vec![
                rule(Inbound, Allow, "tcp", "6443", &["10.0.0.0/8"], 1),
                rule(Inbound, Allow, "udp", "8472", &["10.0.0.0/8"], 1),
            ]),
            ..Survey::default()
        },
    );
    plan.observed = Observed { surveys: s };
    plan
}

fn survey(plan: &mut Plan, hop: Hop) -> &mut Survey {
    plan.observed.surveys.get_mut(&hop).unwrap()
}

fn trace_of(plan: &Plan, id: &str) -> Trace {
    trace_required(plan, Catalog::builtin())
        .into_iter()
        .find(|f| f.flow.id == id)
        .unwrap_or_else(|| panic!("no flow {id}"))
        .trace
        .expect("traced")
}

fn blocked(plan: &Plan, id: &str) -> Blocked {
    match trace_of(plan, id).verdict {
        Verdict::Blocked(b) => b,
        other => panic!("{id} is {other:?}"),
    }
}

#[test]
fn every_required_flow_of_a_path_surveyed_as_required_is_delivered() {
    let plan = surveyed_example();
    let traces = trace_required(&plan, Catalog::builtin());
    assert!(traces.len() >= 9);
    for t in &traces {
        let trace = t.trace.as_ref().unwrap();
        assert_eq!(
            trace.verdict,
            Verdict::Delivered,
            "{}: {:#?}",
            t.flow.id,
            trace
        );
        assert!(!trace.reply.is_empty(), "the reply is traced too");
    }
    let api = trace_of(&plan, "edge-to-apiserver");
    let hops: Vec<&str> = api.forward.iter().map(|s| s.hop.id()).collect();
    assert_eq!(
        hops,
        [
            "edge-node",
            "core-switch",
            "firewall",
            "vbr",
            "transit",
            "vpc-route-table",
            "security-group"
        ]
    );
    assert_eq!(api.reply[0].hop, Hop::SecurityGroup);
    assert_eq!(api.reply.last().unwrap().result, StepResult::Delivered);
    assert!(api.reply.iter().any(|s| s.detail.contains("stateful")));
}

#[test]
fn a_missing_route_is_no_route_at_that_hop_and_the_fix_names_the_neighbour() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Vbr)
        .routes_mut()
        .retain(|r| r.destination.to_string() != "192.168.0.0/16");
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.leg, b.disposition),
        (Hop::Vbr, Leg::Forward, Disposition::NoRoute)
    );
    assert_eq!(b.fix, "On vbr, add a route to 192.168.0.0/16 via transit.");
    // The way back is the VPC's: without its route the reply has nowhere to go.
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::VpcRouteTable).routes_mut().clear();
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.leg, b.disposition),
        (Hop::VpcRouteTable, Leg::Reply, Disposition::NoRoute)
    );
    assert_eq!(
        b.fix,
        "On vpc-route-table, add a route to 10.0.0.0/8 via transit."
    );
}

#[test]
fn an_inactive_route_does_not_forward_and_the_trace_says_so() {
    let mut plan = surveyed_example();
    let vpc = survey(&mut plan, Hop::VpcRouteTable);
    vpc.routes_mut()[0].inactive = Some("Rejected".into());
    let b = blocked(&plan, "vpc-to-kubelet-10250");
    assert_eq!(
        (b.hop, b.disposition),
        (Hop::VpcRouteTable, Disposition::NoRoute)
    );
    assert!(
        b.detail
            .contains("route 10.0.0.0/8 via transit (Rejected), does not forward"),
        "{}",
        b.detail
    );
    assert!(
        b.fix
            .contains("make route 10.0.0.0/8 via transit (Rejected) active"),
        "{}",
        b.fix
    );
}

#[test]
fn a_route_back_toward_the_source_loops_and_one_off_the_path_is_named() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Vbr).routes_mut()[1] = route("192.168.0.0/16", "core-switch");
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!((b.hop, b.disposition), (Hop::Vbr, Disposition::Loop));
    assert_eq!(
        b.culprit.as_deref(),
        Some("route 192.168.0.0/16 via core-switch")
    );
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::CoreSwitch).routes_mut()[0] = route("192.168.0.0/16", "blackhole");
    assert_eq!(
        blocked(&plan, "edge-to-apiserver").disposition,
        Disposition::NullRouted
    );
    survey(&mut plan, Hop::CoreSwitch).routes_mut()[0] = route("192.168.0.0/16", "transit");
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.disposition),
        (Hop::CoreSwitch, Disposition::NeighborUnreachable)
    );
    assert!(
        b.detail
            .contains("transit is not a neighbour of core-switch"),
        "{}",
        b.detail
    );
    survey(&mut plan, Hop::CoreSwitch).routes_mut()[0] = route("192.168.0.0/16", "nat-gw-1");
    let b = blocked(&plan, "edge-to-apiserver");
    assert!(b.detail.contains("nat-gw-1, off the path"), "{}", b.detail);
}

#[test]
fn a_more_specific_route_diverts_only_its_part() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Transit)
        .routes_mut()
        .push(route("192.168.0.0/24", "blackhole"));
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.disposition),
        (Hop::Transit, Disposition::NullRouted)
    );
    plan.apiserver_ip = Some("192.168.5.5".parse().unwrap());
    assert_eq!(
        trace_of(&plan, "edge-to-apiserver").verdict,
        Verdict::Delivered
    );
}

#[test]
fn the_firewall_evaluates_by_priority_with_deny_first_at_a_tie() {
    use Direction::Outbound;
    let mut plan = surveyed_example();
    let deny = rule(
        Outbound,
        RuleAction::Deny,
        "tcp",
        "6443",
        &["192.168.0.0/16"],
        10,
    );
    survey(&mut plan, Hop::Firewall).rules_mut().push(deny);
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.leg, b.disposition),
        (Hop::Firewall, Leg::Forward, Disposition::DeniedOut)
    );
    assert_eq!(
        b.culprit.as_deref(),
        Some("rule priority 10 deny tcp 6443 peers 192.168.0.0/16")
    );
    assert!(b.fix.contains("priority number below 10"), "{}", b.fix);
    // Behind an allow with a lower number, the deny never matches.
    survey(&mut plan, Hop::Firewall).rules_mut()[3].priority = 11;
    assert_eq!(
        trace_of(&plan, "edge-to-apiserver").verdict,
        Verdict::Delivered
    );
    // A deny for another port leaves the flow alone.
    survey(&mut plan, Hop::Firewall).rules_mut()[3] =
        rule(Outbound, RuleAction::Deny, "tcp", "22", &["0.0.0.0/0"], 1);
    assert_eq!(
        trace_of(&plan, "edge-to-apiserver").verdict,
        Verdict::Delivered
    );
}

#[test]
fn no_matching_rule_falls_to_the_default_and_the_security_group_lets_out() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Firewall).rules_mut().remove(1);
    let b = blocked(&plan, "vpc-to-kubelet-10250");
    assert_eq!(
        (b.hop, b.disposition, b.culprit.clone()),
        (Hop::Firewall, Disposition::DeniedIn, None)
    );
    assert_eq!(
        b.fix,
        "On firewall, add an inbound allow rule for tcp 10250 from 192.168.0.0/16: no rule lets it through and the default denies."
    );
    survey(&mut plan, Hop::SecurityGroup).default_outbound = Some(RuleAction::Deny);
    let b = blocked(&plan, "vpc-to-kubelet-10250");
    assert_eq!(
        (b.hop, b.disposition),
        (Hop::SecurityGroup, Disposition::DeniedOut)
    );
}

#[test]
fn an_unsurveyed_hop_is_unknown_never_blocked_and_a_block_past_it_still_shows() {
    let mut plan = surveyed_example();
    plan.observed.surveys.remove(&Hop::Transit);
    let t = trace_of(&plan, "edge-to-apiserver");
    assert_eq!(t.verdict, Verdict::Unknown(vec![Hop::Transit]));
    assert!(
        t.reason().starts_with("INSUFFICIENT_INFO"),
        "{}",
        t.reason()
    );
    survey(&mut plan, Hop::VpcRouteTable).routes_mut().clear();
    assert_eq!(blocked(&plan, "edge-to-apiserver").hop, Hop::VpcRouteTable);
}

#[test]
fn a_list_not_surveyed_is_unknown_like_an_unsurveyed_hop_and_an_empty_one_blocks() {
    let mut plan = surveyed_example();
    let vbr = survey(&mut plan, Hop::Vbr);
    vbr.routes = None;
    vbr.mtu = Some(1500);
    survey(&mut plan, Hop::Firewall).rules = None;
    let t = trace_of(&plan, "edge-to-apiserver");
    assert_eq!(t.verdict, Verdict::Unknown(vec![Hop::Firewall, Hop::Vbr]));
    let at = |hop| t.forward.iter().find(|s| s.hop == hop).unwrap();
    assert_eq!(at(Hop::Vbr).result, StepResult::InsufficientInfo);
    assert_eq!(at(Hop::Firewall).result, StepResult::InsufficientInfo);
    assert_eq!(
        at(Hop::Vbr).detail,
        "not surveyed: assumed to forward it to transit as designed"
    );
    // Surveyed and empty is known: nothing to forward with.
    survey(&mut plan, Hop::Vbr).routes = Some(Vec::new());
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!((b.hop, b.disposition), (Hop::Vbr, Disposition::NoRoute));
}

#[test]
fn a_direct_connection_routes_the_vbr_straight_to_the_vpc() {
    let mut plan = surveyed_example();
    plan.transit = crate::Transit::Direct;
    plan.observed.surveys.remove(&Hop::Transit);
    let vbr = survey(&mut plan, Hop::Vbr);
    vbr.routes = Some(vec![
        route("10.0.0.0/8", "core-switch"),
        route("192.168.0.0/16", "vpc"),
        route("100.0.0.0/8", "vpc"),
    ]);
    survey(&mut plan, Hop::VpcRouteTable).routes = Some(vec![route("10.0.0.0/8", "vbr")]);
    assert_eq!(
        trace_of(&plan, "edge-to-apiserver").verdict,
        Verdict::Delivered
    );
    survey(&mut plan, Hop::VpcRouteTable).routes = Some(vec![route("10.0.0.0/8", "transit")]);
    let b = blocked(&plan, "edge-to-apiserver");
    assert_eq!(
        (b.hop, b.leg, b.disposition),
        (
            Hop::VpcRouteTable,
            Leg::Reply,
            Disposition::NeighborUnreachable
        )
    );
}

#[test]
fn the_core_switch_maps_the_vbr_address_and_edge_node_next_hops() {
    let mut plan = surveyed_example();
    let core = survey(&mut plan, Hop::CoreSwitch);
    core.vbr_peer_ip = Some("172.31.0.1".parse().unwrap());
    core.routes = Some(vec![
        route("192.168.0.0/16", "172.31.0.1"),
        route("100.0.0.0/8", "172.31.0.1"),
        route("10.0.0.0/8", "10.0.0.254"),
    ]);
    assert_eq!(
        trace_of(&plan, "edge-to-apiserver").verdict,
        Verdict::Delivered
    );
    let tracer = Tracer::new(&plan, Catalog::builtin());
    let node = tracer.resolve(
        PathNode::CoreSwitch,
        plan.observed.survey(Hop::CoreSwitch).unwrap(),
        &NextHop::from_word("8.8.8.8"),
    );
    assert_eq!(node, Resolved::OffPath("8.8.8.8".into()));
}

#[test]
fn an_address_outside_the_plan_cannot_be_traced() {
    let plan = surveyed_example();
    let tracer = Tracer::new(&plan, Catalog::builtin());
    let packet = Packet {
        src: "10.0.0.1".parse().unwrap(),
        dst: "8.8.8.8".parse().unwrap(),
        protocol: crate::observed::Protocol::Tcp,
        port: Some(443),
    };
    assert_eq!(
        tracer.trace(packet),
        Err(TraceError::Unplaced("8.8.8.8".parse().unwrap()))
    );
}
