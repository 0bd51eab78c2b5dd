//! Writing observed state: any survey round-trips through the file exactly, and editing
//! a hand-written file changes only the lines of the entries that changed.

use edgeplan::Hop;
use edgeplan::observed::{
    Direction, NextHop, Observed, PathNode, PortRange, Ports, Protocol, RouteEntry, RuleAction,
    RuleEntry, Survey, SurveyKey,
};
use edgeplan::plan::{Plan, parse_plan, to_toml, update_toml};
use proptest::prelude::*;
use strum::VariantArray;

const FIXTURE: &str = "tests/fixtures/observed-flannel-ecr.toml";

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

fn fixture() -> (String, Plan) {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let plan = parse_plan("f.toml", &text).unwrap();
    (text, plan)
}

/// The lines of `a` and `b` that differ, as (line number, old, new); both must have
/// the same number of lines.
fn changed_lines(a: &str, b: &str) -> Vec<(usize, String, String)> {
    assert_eq!(a.lines().count(), b.lines().count(), "{b}");
    a.lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn editing_one_route_changes_only_its_line() {
    let (text, mut plan) = fixture();
    let vbr = plan.observed.surveys.get_mut(&Hop::Vbr).unwrap();
    vbr.routes_mut()[1].next_hop = NextHop::from_word("blackhole");
    vbr.routes_mut()[1].inactive = Some("Rejected".into());
    let saved = update_toml(&text, &plan);
    assert_eq!(
        changed_lines(&text, &saved),
        [(
            46,
            "    { destination = \"192.168.0.0/16\", next_hop = \"transit\" },".into(),
            "    { destination = \"192.168.0.0/16\", next_hop = \"blackhole\", status = \"Rejected\" },".into()
        )]
    );
    assert_eq!(parse_plan("p.toml", &saved).unwrap(), plan);
}

#[test]
fn adding_and_removing_entries_touches_only_their_lines_and_keeps_comments() {
    let (text, mut plan) = fixture();
    let firewall = plan.observed.surveys.get_mut(&Hop::Firewall).unwrap();
    let removed = firewall.rules_mut().remove(1);
    let core = plan.observed.surveys.get_mut(&Hop::CoreSwitch).unwrap();
    core.routes_mut().insert(
        1,
        RouteEntry::new(net("172.16.0.0/12"), NextHop::from_word("nat")),
    );
    core.mtu = Some(9000);
    let saved = update_toml(&text, &plan);
    let expected = text
        .replace(
            "mtu = 1500\nroutes = [\n    { destination = \"192.168.0.0/16\", next_hop = \"vbr\" },\n",
            "mtu = 9000\nroutes = [\n    { destination = \"192.168.0.0/16\", next_hop = \"vbr\" },\n    { destination = \"172.16.0.0/12\", next_hop = \"nat\" },\n",
        )
        .replace(
            "    { direction = \"outbound\", action = \"allow\", protocol = \"udp\", ports = \"8472\", peers = [\"192.168.0.0/16\"], priority = 20 },\n",
            "",
        );
    assert_eq!(saved, expected);
    assert_eq!(parse_plan("p.toml", &saved).unwrap(), plan);
    // Put back, the file is as it was.
    let firewall = plan.observed.surveys.get_mut(&Hop::Firewall).unwrap();
    firewall.rules_mut().insert(1, removed);
    let core = plan.observed.surveys.get_mut(&Hop::CoreSwitch).unwrap();
    core.routes_mut().remove(1);
    core.mtu = Some(1500);
    assert_eq!(update_toml(&saved, &plan), text);
}

#[test]
fn a_survey_added_or_dropped_adds_or_removes_its_section_only() {
    let (text, mut plan) = fixture();
    let sg = plan.observed.surveys.remove(&Hop::SecurityGroup).unwrap();
    let saved = update_toml(&text, &plan);
    assert!(!saved.contains("security-group"), "{saved}");
    assert!(text.starts_with(&saved), "only the last section goes");
    plan.observed.surveys.insert(Hop::SecurityGroup, sg);
    let back = update_toml(&saved, &plan);
    assert_eq!(parse_plan("p.toml", &back).unwrap(), plan);
    plan.observed = Observed::default();
    let bare = update_toml(&text, &plan);
    assert!(!bare.contains("observed"), "{bare}");
    assert_eq!(parse_plan("p.toml", &bare).unwrap(), plan);
}

#[test]
fn a_one_line_route_list_stays_one_line_when_a_route_is_added() {
    let text = "schema_version = 2\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n[observed.transit]\nroutes = [ { destination = \"10.0.0.0/8\", next_hop = \"vbr\" } ]  # from the console\n";
    let mut plan = parse_plan("p.toml", text).unwrap();
    plan.observed
        .surveys
        .get_mut(&Hop::Transit)
        .unwrap()
        .routes_mut()
        .push(RouteEntry::new(
            net("192.168.0.0/16"),
            NextHop::Neighbour(PathNode::Vpc),
        ));
    let saved = update_toml(text, &plan);
    assert!(saved.ends_with("routes = [ { destination = \"10.0.0.0/8\", next_hop = \"vbr\" }, { destination = \"192.168.0.0/16\", next_hop = \"vpc\" } ]  # from the console\n"), "{saved}");
}

fn arb_net() -> impl Strategy<Value = ipnet::Ipv4Net> {
    (any::<u32>(), 0u8..=32).prop_map(|(a, l)| ipnet::Ipv4Net::new(a.into(), l).unwrap().trunc())
}

fn arb_next_hop() -> impl Strategy<Value = NextHop> {
    prop_oneof![
        prop::sample::select(PathNode::VARIANTS).prop_map(NextHop::Neighbour),
        Just(NextHop::Local),
        // Words off the path as devices write them; never a path word in another case.
        "[a-z][a-z0-9-]{0,12}|i-[a-z0-9]{8}".prop_map(|w| NextHop::from_word(&w)),
    ]
}

fn arb_route() -> impl Strategy<Value = RouteEntry> {
    let status = prop::option::of(prop::sample::select(vec![
        "Rejected",
        "Prohibited",
        "Pending",
        "Deleting",
    ]));
    (arb_net(), arb_next_hop(), status).prop_map(|(destination, next_hop, s)| RouteEntry {
        destination,
        next_hop,
        inactive: s.map(str::to_string),
    })
}

fn arb_ports() -> impl Strategy<Value = Ports> {
    prop_oneof![
        Just(Ports::All),
        prop::collection::vec((1u16..=65535, 0u16..100), 1..4).prop_map(|pieces| {
            let text: Vec<String> = pieces
                .iter()
                .map(|(first, span)| {
                    let last = first.saturating_add(*span);
                    PortRange {
                        first: *first,
                        last,
                    }
                })
                .map(|r| format!("{}-{}", r.first, r.last))
                .collect();
            text.join(",").parse().unwrap()
        }),
    ]
}

fn arb_rule() -> impl Strategy<Value = RuleEntry> {
    (
        prop::sample::select(Direction::VARIANTS),
        prop::sample::select(RuleAction::VARIANTS),
        prop::sample::select(Protocol::VARIANTS),
        arb_ports(),
        prop::collection::vec(arb_net(), 0..3),
        any::<u32>(),
    )
        .prop_map(
            |(direction, action, protocol, ports, peers, priority)| RuleEntry {
                direction,
                action,
                protocol,
                ports,
                peers,
                priority,
            },
        )
}

/// A survey of `hop` holding only the keys the hop allows; each list not surveyed
/// (`None`), surveyed and empty, or holding entries.
fn arb_survey(hop: Hop) -> impl Strategy<Value = Survey> {
    (
        prop::option::of(prop::collection::vec(arb_route(), 0..6)),
        prop::option::of(prop::collection::vec(arb_rule(), 0..6)),
        any::<Option<bool>>(),
        any::<Option<u32>>(),
        prop::option::of(68u32..=65535),
        prop::option::of(prop::sample::select(RuleAction::VARIANTS)),
        prop::option::of(prop::sample::select(RuleAction::VARIANTS)),
    )
        .prop_map(move |(routes, rules, bgp, peer, mtu, inbound, outbound)| {
            let on = |k: SurveyKey| k.allowed_on(hop);
            Survey {
                routes: routes.filter(|_| on(SurveyKey::Routes)),
                rules: rules.filter(|_| on(SurveyKey::Rules)),
                bgp: bgp.filter(|_| on(SurveyKey::Bgp)),
                vbr_peer_ip: peer.map(Into::into).filter(|_| on(SurveyKey::VbrPeerIp)),
                mtu: mtu.filter(|_| on(SurveyKey::Mtu)),
                default_inbound: inbound.filter(|_| on(SurveyKey::DefaultInbound)),
                default_outbound: outbound.filter(|_| on(SurveyKey::DefaultOutbound)),
            }
        })
}

fn arb_observed() -> impl Strategy<Value = Observed> {
    let hops: Vec<Hop> = Hop::ALL
        .into_iter()
        .filter(|h| *h != Hop::EdgeNode)
        .collect();
    let surveys: Vec<_> = hops
        .into_iter()
        .map(|hop| prop::option::of(arb_survey(hop)).prop_map(move |s| (hop, s)))
        .collect();
    surveys.prop_map(|pairs| Observed {
        surveys: pairs
            .into_iter()
            .filter_map(|(hop, s)| s.map(|s| (hop, s)))
            .collect(),
    })
}

proptest! {
    #[test]
    fn any_observed_state_round_trips_exactly(observed in arb_observed()) {
        let plan = Plan { observed, ..Plan::example() };
        let text = to_toml(&plan);
        let back = parse_plan("p.toml", &text).unwrap();
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(to_toml(&back), text.clone());
        prop_assert_eq!(update_toml(&text, &back), text);
    }

    #[test]
    fn editing_a_saved_plan_into_any_other_observed_state_reads_back_as_that_state(
        before in arb_observed(),
        after in arb_observed(),
    ) {
        let old = Plan { observed: before, ..Plan::example() };
        let new = Plan { observed: after, ..Plan::example() };
        let saved = update_toml(&to_toml(&old), &new);
        prop_assert_eq!(parse_plan("p.toml", &saved).unwrap(), new);
    }
}
