//! The observed-state checks: one fault at a time on the surveyed example, each red (or
//! yellow) on exactly its hop, and near misses that stay green.

use super::{FindingCode, Report, Severity, check};
use crate::catalog::Catalog;
use crate::hop::Hop;
use crate::observed::{Direction, RuleAction, Survey};
use crate::plan::{Cni, Plan};
use crate::trace::tests::{route, rule, surveyed_example};
use FindingCode::*;

fn report(plan: &Plan) -> Report {
    check(plan, Catalog::builtin())
}

/// The observed-state findings as (code, hops, severity).
fn observed(plan: &Plan) -> Vec<(FindingCode, Vec<Hop>, Severity)> {
    report(plan)
        .findings
        .into_iter()
        .filter(|f| f.code.is_observed())
        .map(|f| (f.code, f.hops, f.severity))
        .collect()
}

fn survey(plan: &mut Plan, hop: Hop) -> &mut Survey {
    plan.observed.surveys.get_mut(&hop).unwrap()
}

fn red_hops(plan: &Plan) -> Vec<Hop> {
    let r = report(plan);
    let mut hops: Vec<Hop> = Hop::ALL
        .into_iter()
        .filter(|&h| r.worst(h) == Some(Severity::Error))
        .collect();
    hops.dedup();
    hops
}

#[test]
fn a_path_surveyed_as_required_has_no_observed_finding_and_no_error() {
    let plan = surveyed_example();
    assert_eq!(observed(&plan), vec![]);
    assert!(report(&plan).ok());
}

#[test]
fn a_missing_route_is_red_on_its_hop_only_and_an_unsurveyed_hop_is_never_judged() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Vbr).routes_mut().remove(1);
    assert_eq!(
        observed(&plan),
        [(ObservedNoRoute, vec![Hop::Vbr], Severity::Error)]
    );
    assert_eq!(red_hops(&plan), [Hop::Vbr]);
    let f = report(&plan)
        .findings
        .into_iter()
        .find(|f| f.code == ObservedNoRoute)
        .unwrap();
    assert_eq!(
        f.message,
        "vbr has no route for 192.168.0.0/16, which it must send via transit"
    );
    assert_eq!(f.fix, "On vbr, add a route to 192.168.0.0/16 via transit.");
    plan.observed.surveys.remove(&Hop::Vbr);
    assert_eq!(observed(&plan), vec![]);
}

#[test]
fn a_route_to_the_wrong_neighbour_and_a_diverting_one_are_red_and_a_broader_route_is_fine() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Vbr).routes_mut()[1] = route("192.168.0.0/16", "core-switch");
    assert_eq!(
        observed(&plan),
        [(ObservedRouteWrongNeighbour, vec![Hop::Vbr], Severity::Error)]
    );
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Transit)
        .routes_mut()
        .push(route("192.168.7.0/24", "blackhole"));
    assert_eq!(
        observed(&plan),
        [(ObservedRouteDiverted, vec![Hop::Transit], Severity::Error)]
    );
    let f = report(&plan)
        .findings
        .into_iter()
        .find(|f| f.code == ObservedRouteDiverted)
        .unwrap();
    assert!(
        f.message.contains("route 192.168.7.0/24 via blackhole"),
        "{}",
        f.message
    );
    // A broader route still covers the block, and a more specific one the same way is fine.
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::Vbr).routes_mut()[1] = route("192.168.0.0/15", "transit");
    survey(&mut plan, Hop::Transit)
        .routes_mut()
        .push(route("192.168.7.0/24", "vpc"));
    assert_eq!(observed(&plan), vec![]);
}

#[test]
fn a_null_summary_of_the_data_center_is_the_norm_only_with_a_server_subnet_inside() {
    let summary = |server_vlan: Option<&str>| {
        let mut plan = surveyed_example();
        let core = survey(&mut plan, Hop::CoreSwitch);
        core.routes_mut()[2] = route("10.0.0.0/8", "blackhole");
        core.routes_mut().push(route("10.1.0.1/32", "local"));
        core.routes_mut()
            .extend(server_vlan.map(|v| route(v, "local")));
        plan
    };
    let plan = summary(Some("10.1.0.0/16"));
    assert_eq!(observed(&plan), vec![]);
    assert!(report(&plan).ok());
    // Only the switch's own address inside: every server address is dropped.
    let plan = summary(None);
    assert_eq!(
        observed(&plan),
        [(
            ObservedRouteWrongNeighbour,
            vec![Hop::CoreSwitch],
            Severity::Error
        )]
    );
    // A null route inside the block is a summary too when a server subnet lies in it.
    let mut plan = surveyed_example();
    let core = survey(&mut plan, Hop::CoreSwitch);
    core.routes_mut().push(route("10.4.0.0/14", "blackhole"));
    assert_eq!(
        observed(&plan),
        [(
            ObservedRouteDiverted,
            vec![Hop::CoreSwitch],
            Severity::Error
        )]
    );
    survey(&mut plan, Hop::CoreSwitch)
        .routes_mut()
        .push(route("10.5.0.0/24", "local"));
    assert_eq!(observed(&plan), vec![]);
}

#[test]
fn a_data_center_block_wider_than_the_switch_subnets_is_not_an_error_while_servers_are_connected() {
    // The plan's block is 10.0.0.0/8; the switch only has the server VLAN connected.
    let subnets = |server_vlan: Option<&str>| {
        let mut plan = surveyed_example();
        let core = survey(&mut plan, Hop::CoreSwitch);
        core.routes_mut()
            .retain(|r| r.destination.to_string() != "10.0.0.0/8");
        core.routes_mut().push(route("10.1.0.1/32", "local"));
        core.routes_mut()
            .extend(server_vlan.map(|v| route(v, "local")));
        plan
    };
    let plan = subnets(Some("10.1.0.0/16"));
    assert_eq!(observed(&plan), vec![]);
    assert!(report(&plan).ok());
    // Only the switch's own address: no server can be reached.
    assert_eq!(
        observed(&subnets(None)),
        [(ObservedNoRoute, vec![Hop::CoreSwitch], Severity::Error)]
    );
}

#[test]
fn an_inactive_route_is_a_missing_one_that_says_why() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::VpcRouteTable).routes_mut()[0].inactive = Some("Prohibited".into());
    let f = report(&plan)
        .findings
        .into_iter()
        .find(|f| f.code == ObservedNoRoute)
        .unwrap();
    assert_eq!(f.hops, [Hop::VpcRouteTable]);
    assert!(
        f.message
            .contains("route 10.0.0.0/8 via transit (Prohibited) does not forward"),
        "{}",
        f.message
    );
}

#[test]
fn a_deny_ahead_of_an_allow_shadows_it_and_drops_the_required_port() {
    use Direction::Outbound;
    let mut plan = surveyed_example();
    let fw = survey(&mut plan, Hop::Firewall);
    fw.rules_mut()[0].priority = 30;
    fw.rules_mut().push(rule(
        Outbound,
        RuleAction::Allow,
        "tcp",
        "6443",
        &["192.168.0.0/16"],
        20,
    ));
    fw.rules_mut().push(rule(
        Outbound,
        RuleAction::Deny,
        "tcp",
        "6000-7000",
        &["0.0.0.0/0"],
        5,
    ));
    let found = observed(&plan);
    assert!(
        found.contains(&(
            ObservedDenyShadowsAllow,
            vec![Hop::Firewall],
            Severity::Warning
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(ObservedPortNotAllowed, vec![Hop::Firewall], Severity::Error)),
        "{found:?}"
    );
    assert_eq!(red_hops(&plan), [Hop::Firewall]);
    // A deny for an unrelated port hides nothing the path needs.
    let mut plan = surveyed_example();
    let deny = rule(Outbound, RuleAction::Deny, "tcp", "22", &["0.0.0.0/0"], 1);
    survey(&mut plan, Hop::Firewall).rules_mut().push(deny);
    assert_eq!(observed(&plan), vec![]);
}

#[test]
fn a_required_port_the_security_group_does_not_allow_is_red_there() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::SecurityGroup).rules_mut().remove(0);
    assert_eq!(
        observed(&plan),
        [(
            ObservedPortNotAllowed,
            vec![Hop::SecurityGroup],
            Severity::Error
        )]
    );
    let f = report(&plan)
        .findings
        .into_iter()
        .find(|f| f.code == ObservedPortNotAllowed)
        .unwrap();
    assert!(
        f.message
            .contains("tcp 6443 from 10.0.0.1 to 192.168.0.1 (edge-to-apiserver, inbound)"),
        "{}",
        f.message
    );
    assert_eq!(
        f.fix,
        "On security-group, add an inbound allow rule for tcp 6443 from 10.0.0.0/8: no rule lets it through and the default denies."
    );
}

#[test]
fn bgp_off_is_red_on_the_core_switch_with_terway_edge_only() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::CoreSwitch).bgp = Some(false);
    assert_eq!(observed(&plan), vec![], "Flannel needs no BGP");
    plan.cni = Cni::TerwayEdge;
    plan.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
    let found = observed(&plan);
    assert!(
        found.contains(&(ObservedBgpOff, vec![Hop::CoreSwitch], Severity::Error)),
        "{found:?}"
    );
}

#[test]
fn an_allow_for_everything_from_anywhere_warns_except_the_security_groups_way_out() {
    let mut plan = surveyed_example();
    let all = |dir| rule(dir, RuleAction::Allow, "all", "all", &["0.0.0.0/0"], 50);
    survey(&mut plan, Hop::SecurityGroup)
        .rules_mut()
        .push(all(Direction::Outbound));
    assert_eq!(observed(&plan), vec![]);
    survey(&mut plan, Hop::Firewall)
        .rules_mut()
        .push(all(Direction::Inbound));
    assert_eq!(
        observed(&plan),
        [(
            ObservedOverBroadAllow,
            vec![Hop::Firewall],
            Severity::Warning
        )]
    );
}

#[test]
fn a_path_mtu_below_what_flannels_vxlan_needs_warns_on_the_narrowest_hop() {
    let mut plan = surveyed_example();
    survey(&mut plan, Hop::CoreSwitch).mtu = Some(9000);
    survey(&mut plan, Hop::Vbr).mtu = Some(1500);
    assert_eq!(observed(&plan), vec![], "1500 - 50 = 1450 fits");
    survey(&mut plan, Hop::Vbr).mtu = Some(1480);
    assert_eq!(
        observed(&plan),
        [(ObservedPathMtuLow, vec![Hop::Vbr], Severity::Warning)]
    );
    plan.cni = Cni::TerwayEdge;
    plan.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
    assert!(
        !observed(&plan).iter().any(|f| f.0 == ObservedPathMtuLow),
        "no overlay, no overhead"
    );
}

#[test]
fn checking_and_tracing_through_one_tracer_answers_as_each_does_alone() {
    let mut broken = surveyed_example();
    survey(&mut broken, Hop::Vbr).routes_mut().remove(1);
    for plan in [surveyed_example(), broken, Plan::example()] {
        let catalog = Catalog::builtin();
        let (report, flows) = super::check_and_trace(&plan, catalog);
        assert_eq!(report, check(&plan, catalog));
        assert_eq!(flows, crate::trace::trace_required(&plan, catalog));
    }
}
