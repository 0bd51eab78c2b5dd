//! Observed state at survey scale: 10,000 routes on each routing hop and 2,000 rules on
//! each filtering hop load, round-trip byte for byte, and one edit still changes one line
//! (the edit is linear in the list, never a whole-list rewrite). Time is not asserted.

use edgeplan::Hop;
use edgeplan::observed::{
    Direction, NextHop, Observed, PathNode, Ports, Protocol, RouteEntry, RuleAction, RuleEntry,
    Survey,
};
use edgeplan::plan::{MAX_PLAN_BYTES, Plan, parse_plan, to_toml, update_toml};

const ROUTES: u32 = 10_000;
const RULES: u32 = 2_000;

fn routes(next_hop: PathNode) -> Vec<RouteEntry> {
    (0..ROUTES)
        .map(|i| {
            let net = ipnet::Ipv4Net::new((0x0a00_0000 + (i << 8)).into(), 24).unwrap();
            RouteEntry::new(net, NextHop::Neighbour(next_hop))
        })
        .collect()
}

fn rules() -> Vec<RuleEntry> {
    (0..RULES)
        .map(|i| RuleEntry {
            direction: if i % 2 == 0 {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            action: RuleAction::Allow,
            protocol: Protocol::Tcp,
            ports: Ports::one(1024 + i as u16),
            peers: vec!["10.0.0.0/8".parse().unwrap()],
            priority: i,
        })
        .collect()
}

fn big_plan() -> Plan {
    let mut observed = Observed::default();
    for (hop, next) in [
        (Hop::CoreSwitch, PathNode::Vbr),
        (Hop::Vbr, PathNode::Transit),
        (Hop::Transit, PathNode::Vpc),
        (Hop::VpcRouteTable, PathNode::Transit),
    ] {
        let survey = Survey {
            routes: Some(routes(next)),
            ..Survey::default()
        };
        observed.surveys.insert(hop, survey);
    }
    for hop in [Hop::Firewall, Hop::SecurityGroup] {
        let survey = Survey {
            rules: Some(rules()),
            ..Survey::default()
        };
        observed.surveys.insert(hop, survey);
    }
    Plan {
        observed,
        ..Plan::example()
    }
}

#[test]
fn a_surveyed_plan_of_ten_thousand_routes_per_hop_fits_loads_and_edits_one_line() {
    let plan = big_plan();
    let text = to_toml(&plan);
    assert!(
        (text.len() as u64) < MAX_PLAN_BYTES,
        "{} bytes: a survey this size must fit the plan limit",
        text.len()
    );
    let back = parse_plan("big.toml", &text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(update_toml(&text, &back), text);
    let mut edited = back;
    let vbr = edited.observed.surveys.get_mut(&Hop::Vbr).unwrap();
    vbr.routes_mut()[5_000].inactive = Some("Rejected".into());
    let saved = update_toml(&text, &edited);
    let changed = text
        .lines()
        .zip(saved.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 1);
    assert_eq!(text.lines().count(), saved.lines().count());
}
