//! The observed sections of the plan format (schema version 2): what each device really
//! has, read strictly with errors naming file, line, field and value, and written so
//! that a file round-trips byte for byte and an edit touches only its own lines.

mod cli_support;

use cli_support::{edgeplan, fx};
use edgeplan::Hop;
use edgeplan::observed::{NextHop, PathNode, Ports, Protocol, RouteEntry};
use edgeplan::plan::{Plan, Transit, load_path, parse_plan, to_toml, update_toml};

const FIXTURE: &str = "tests/fixtures/observed-flannel-ecr.toml";

/// A version-2 plan of the example network followed by `observed`.
fn with_observed(observed: &str) -> String {
    format!(
        "schema_version = 2\n\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n{observed}"
    )
}

fn error_of(text: &str) -> String {
    parse_plan("plan.toml", text).unwrap_err().to_string()
}

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

#[test]
fn the_observed_fixture_loads_every_hop_it_surveys() {
    let (plan, _) = load_path(FIXTURE.as_ref()).unwrap();
    let surveyed: Vec<Hop> = plan.observed.surveys.keys().copied().collect();
    assert_eq!(
        surveyed,
        [
            Hop::CoreSwitch,
            Hop::Firewall,
            Hop::Vbr,
            Hop::Transit,
            Hop::VpcRouteTable,
            Hop::SecurityGroup
        ]
    );
    let core = plan.observed.survey(Hop::CoreSwitch).unwrap();
    assert_eq!(core.bgp, Some(false));
    assert_eq!(core.vbr_peer_ip, Some("10.255.255.1".parse().unwrap()));
    assert_eq!(core.mtu, Some(1500));
    assert_eq!(
        core.routes.as_ref().unwrap()[0],
        RouteEntry::new(net("192.168.0.0/16"), NextHop::Neighbour(PathNode::Vbr))
    );
    assert_eq!(core.routes.as_ref().unwrap()[2].next_hop, NextHop::Local);
    let firewall = plan.observed.survey(Hop::Firewall).unwrap();
    assert_eq!(firewall.rules.as_ref().unwrap().len(), 4);
    assert_eq!(
        firewall.rules.as_ref().unwrap()[0].ports,
        "443,6443".parse::<Ports>().unwrap()
    );
    assert_eq!(
        firewall.rules.as_ref().unwrap()[0].peers,
        [net("192.168.0.0/16"), net("100.0.0.0/8")]
    );
    assert_eq!(firewall.rules.as_ref().unwrap()[3].protocol, Protocol::Udp);
    let transit = plan.observed.survey(Hop::Transit).unwrap();
    assert_eq!(
        transit.routes.as_ref().unwrap()[1].next_hop,
        NextHop::Neighbour(PathNode::Vpc)
    );
    // Everything else is the example plan.
    assert_eq!(
        Plan {
            observed: Default::default(),
            meta: Plan::example().meta,
            ..plan.clone()
        },
        Plan::example()
    );
}

#[test]
fn the_observed_fixture_round_trips_byte_identically() {
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let plan = parse_plan("f.toml", &text).unwrap();
    assert_eq!(update_toml(&text, &plan), text, "a hand-written file");
    let canonical = to_toml(&plan);
    let back = parse_plan("c.toml", &canonical).unwrap();
    assert_eq!(back, plan);
    assert_eq!(to_toml(&back), canonical);
    // The fixture is the canonical text plus its comments.
    let uncommented: String = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(" #").next().unwrap().trim_end().to_string() + "\n")
        .collect();
    assert_eq!(canonical, uncommented.trim_start());
}

#[test]
fn version_1_plan_loads_without_observed_state() {
    let (plan, text) = load_path("tests/fixtures/example-flannel-ecr.toml".as_ref()).unwrap();
    assert!(text.contains("schema_version = 1"));
    assert!(plan.observed.is_empty());
}

#[test]
fn saving_a_version_1_plan_keeps_version_1_until_it_gains_observed_state() {
    let text = std::fs::read_to_string("tests/fixtures/example-flannel-ecr.toml").unwrap();
    let mut plan = parse_plan("p.toml", &text).unwrap();
    assert_eq!(update_toml(&text, &plan), text);
    plan.vpc_cidrs.push(net("172.16.0.0/16"));
    assert!(update_toml(&text, &plan).starts_with("# The source document's example: Hangzhou, Flannel over ECR, broad scope.\nschema_version = 1\n"));
    plan.observed.surveys.insert(
        Hop::VpcRouteTable,
        edgeplan::observed::Survey {
            routes: Some(vec![RouteEntry::new(
                net("10.0.0.0/8"),
                NextHop::Neighbour(PathNode::Transit),
            )]),
            ..Default::default()
        },
    );
    let saved = update_toml(&text, &plan);
    assert!(saved.contains("\nschema_version = 2\n"), "{saved}");
    assert!(
        saved.ends_with("\n[observed.vpc-route-table]\nroutes = [\n    { destination = \"10.0.0.0/8\", next_hop = \"transit\" },\n]\n"),
        "{saved}"
    );
    assert_eq!(parse_plan("p.toml", &saved).unwrap(), plan);
    // A new file is always written in this build's format.
    assert!(to_toml(&Plan::example()).starts_with("schema_version = 2\n"));
}

#[test]
fn observed_sections_in_a_version_1_plan_ask_for_version_2() {
    let text = with_observed("[observed.vbr]\nroutes = []\n")
        .replace("schema_version = 2", "schema_version = 1");
    assert_eq!(
        error_of(&text),
        "plan.toml:9: observed: observed sections need schema_version = 2; this file says 1"
    );
}

#[test]
fn observed_rule_with_bad_ports_names_line_field_and_value() {
    let text = with_observed(
        "[observed.firewall]\nrules = [\n    { direction = \"outbound\", action = \"allow\", protocol = \"tcp\", ports = \"443\", peers = [\"192.168.0.0/16\"], priority = 1 },\n    { direction = \"outbound\", action = \"allow\", protocol = \"udp\", ports = \"8472\", peers = [\"192.168.0.0/16\"], priority = 2 },\n    { direction = \"inbound\", action = \"allow\", protocol = \"tcp\", ports = \"10250-https\", peers = [\"192.168.0.0/16\"], priority = 3 },\n]\n",
    );
    assert_eq!(
        error_of(&text),
        "plan.toml:13: observed.firewall.rules[2].ports = \"10250-https\": \"10250-https\" is not a port (1-65535), a range such as 9000-9500, or all"
    );
}

#[test]
fn every_observed_problem_is_reported_in_one_read() {
    let text = with_observed(concat!(
        "[observed.core-switch]\n",
        "bgp = \"yes\"\n",
        "vbr_peer_ip = \"10.255.255.1/30\"\n",
        "routes = [\n",
        "    { destination = \"192.168.0.1/16\", next_hop = \"vbr\" },\n",
        "    { destination = \"100.0.0.0/8\", next_hop = \"VBR\" },\n",
        "    { destination = \"10.0.0.0/8\" },\n",
        "    { destination = \"10.1.0.0/16\", next_hop = \"local\", via = \"eth0\" },\n",
        "]\n",
        "[observed.security-group]\n",
        "default_inbound = \"accept\"\n",
        "rules = [ { direction = \"ingress\", action = \"allow\", protocol = \"tcp\", ports = \"6443\", peers = [\"10.0.0.0/8\"], priority = -1 } ]\n",
        "[observed.vbr]\n",
        "mtu = 40\n",
    ));
    let err = error_of(&text);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "plan.toml:10: observed.core-switch.bgp = \"yes\": invalid type: string \"yes\", expected true or false",
            "plan.toml:11: observed.core-switch.vbr_peer_ip = \"10.255.255.1/30\": \"10.255.255.1/30\" is not an IPv4 address (four numbers 0-255, no leading zeros)",
            "plan.toml:13: observed.core-switch.routes[0].destination = \"192.168.0.1/16\": host bits are set; the network is 192.168.0.0/16",
            "plan.toml:14: observed.core-switch.routes[1].next_hop = \"VBR\": write `vbr`: next hops on the path are lower case",
            "plan.toml:15: observed.core-switch.routes[2].next_hop: missing; a route has a destination and a next_hop",
            "plan.toml:16: observed.core-switch.routes[3].via = \"eth0\": unknown field `via`, expected one of `destination`, `next_hop`, `status`",
            "plan.toml:19: observed.security-group.default_inbound = \"accept\": unknown default action; expected allow | deny",
            "plan.toml:20: observed.security-group.rules[0].direction = \"ingress\": unknown direction; expected inbound | outbound",
            "plan.toml:20: observed.security-group.rules[0].priority = -1: expected a priority, a whole number from 0 (lower is evaluated first)",
            "plan.toml:22: observed.vbr.mtu = 40: expected an MTU in bytes, 68 to 65535",
        ],
        "{err}"
    );
}

#[test]
fn observed_keys_on_the_wrong_hop_name_where_they_belong() {
    let err = error_of(&with_observed(
        "[observed.vbr]\nrules = []\n[observed.transit]\nbgp = true\n",
    ));
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "plan.toml:10: observed.vbr.rules = []: `rules` is not surveyed on vbr; it belongs on firewall, security-group; expected one of `mtu`, `routes`",
            "plan.toml:12: observed.transit.bgp = true: `bgp` is not surveyed on transit; it belongs on core-switch; expected one of `routes`",
        ]
    );
    let err = error_of(&with_observed(
        "[observed.firewall]\nroutes = []\n[observed.security-group]\nmtu = 1500\n",
    ));
    assert!(
        err.contains("observed.firewall.routes = []: `routes` is not surveyed on firewall; it belongs on core-switch, vbr, transit, vpc-route-table"),
        "{err}"
    );
    assert!(
        err.contains("observed.security-group.mtu = 1500: `mtu` is not surveyed on security-group; it belongs on core-switch, firewall, vbr"),
        "{err}"
    );
}

#[test]
fn unknown_keys_and_hops_in_observed_sections_are_errors() {
    let err = error_of(&with_observed(
        "[observed.vbr]\nroute = []\n[observed.router]\nroutes = []\n[observed.edge-node]\nroutes = []\n",
    ));
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "plan.toml:10: observed.vbr.route = []: unknown field `route`, expected one of `mtu`, `routes`",
            "plan.toml:11: observed.router: unknown field `router`, expected one of `core-switch`, `firewall`, `vbr`, `transit`, `vpc-route-table`, `security-group`",
            "plan.toml:13: observed.edge-node: unknown field `edge-node`, the edge nodes are where flows start and end, not a device to survey; expected one of `core-switch`, `firewall`, `vbr`, `transit`, `vpc-route-table`, `security-group`",
        ]
    );
    let err = error_of(&with_observed(
        "[observed.firewall]\nrules = [ { direction = \"inbound\", action = \"allow\", protocol = \"tcp\", port = \"443\", peers = [], priority = 1 } ]\n",
    ));
    assert!(
        err.contains(
            "plan.toml:10: observed.firewall.rules[0].port = \"443\": unknown field `port`"
        ),
        "{err}"
    );
    assert!(
        err.contains("plan.toml:10: observed.firewall.rules[0].ports: missing;"),
        "{err}"
    );
}

#[test]
fn a_transit_survey_with_a_direct_connection_names_the_key() {
    let text = with_observed("[observed.transit]\nroutes = []\n").replace("\"ecr\"", "\"direct\"");
    assert_eq!(
        error_of(&text),
        "plan.toml:9: observed.transit: network.transit is direct: there is no transit router to survey; remove this section or choose ecr or cen"
    );
    // The writer leaves out a transit survey the plan's path no longer has.
    let mut plan = load_path(FIXTURE.as_ref()).unwrap().0;
    plan.transit = Transit::Direct;
    let text = to_toml(&plan);
    assert!(!text.contains("[observed.transit]"), "{text}");
    assert!(parse_plan("p.toml", &text).is_ok());
}

#[test]
fn an_inactive_route_keeps_its_status_word_and_active_reads_as_active() {
    let plan = parse_plan(
        "p.toml",
        &with_observed("[observed.transit]\nroutes = [\n    { destination = \"10.0.0.0/8\", next_hop = \"vbr\", status = \"Rejected\" },\n    { destination = \"10.1.0.0/16\", next_hop = \"blackhole\", status = \"Active\" },\n]\n"),
    )
    .unwrap();
    let routes = plan
        .observed
        .survey(Hop::Transit)
        .unwrap()
        .routes
        .as_deref()
        .unwrap();
    assert_eq!(routes[0].inactive.as_deref(), Some("Rejected"));
    assert!(!routes[0].is_active());
    assert!(routes[1].is_active() && routes[1].next_hop.is_blackhole());
    let text = to_toml(&plan);
    assert!(text.contains("    { destination = \"10.0.0.0/8\", next_hop = \"vbr\", status = \"Rejected\" },\n    { destination = \"10.1.0.0/16\", next_hop = \"blackhole\" },\n"), "{text}");
}

#[test]
fn a_section_without_routes_or_rules_leaves_them_not_surveyed() {
    let text = with_observed("[observed.vbr]\nmtu = 1500\n\n[observed.firewall]\nmtu = 1500\n");
    let plan = parse_plan("p.toml", &text).unwrap();
    let vbr = plan.observed.survey(Hop::Vbr).unwrap();
    assert_eq!((vbr.mtu, &vbr.routes), (Some(1500), &None));
    assert_eq!(plan.observed.survey(Hop::Firewall).unwrap().rules, None);
    assert!(!plan.observed.list_surveyed(Hop::Vbr));
    assert_eq!(update_toml(&text, &plan), text);
    let written = to_toml(&plan);
    assert!(
        !written.contains("routes") && !written.contains("rules"),
        "{written}"
    );
    assert_eq!(parse_plan("p.toml", &written).unwrap(), plan);
}

#[test]
fn an_empty_list_is_surveyed_and_empty() {
    let text = with_observed(
        "[observed.vbr]\nmtu = 1500\nroutes = []\n\n[observed.firewall]\nrules = []\n",
    );
    let plan = parse_plan("p.toml", &text).unwrap();
    assert_eq!(plan.observed.survey(Hop::Vbr).unwrap().routes, Some(vec![]));
    assert_eq!(
        plan.observed.survey(Hop::Firewall).unwrap().rules,
        Some(vec![])
    );
    assert!(plan.observed.list_surveyed(Hop::Vbr));
    assert_eq!(update_toml(&text, &plan), text);
    let written = to_toml(&plan);
    assert!(
        written.contains("routes = []") && written.contains("rules = []"),
        "{written}"
    );
    assert_eq!(parse_plan("p.toml", &written).unwrap(), plan);
    // Unknown again: the key goes, the rest of the section stays.
    let mut unknown = plan.clone();
    unknown.observed.surveys.get_mut(&Hop::Vbr).unwrap().routes = None;
    let saved = update_toml(&text, &unknown);
    assert!(saved.contains("[observed.vbr]\nmtu = 1500\n\n"), "{saved}");
    assert_eq!(parse_plan("p.toml", &saved).unwrap(), unknown);
}

#[test]
fn icmp_and_all_rules_need_no_ports_and_routes_may_be_arrays_of_tables() {
    let plan = parse_plan(
        "p.toml",
        &with_observed("[observed.security-group]\ndefault_outbound = \"deny\"\nrules = [ { direction = \"inbound\", action = \"deny\", protocol = \"icmp\", peers = [\"0.0.0.0/0\"], priority = 100 } ]\n[[observed.vbr.routes]]\ndestination = \"10.0.0.0/8\"\nnext_hop = \"core-switch\"\n"),
    )
    .unwrap();
    let sg = plan.observed.survey(Hop::SecurityGroup).unwrap();
    assert_eq!(sg.rules.as_ref().unwrap()[0].ports, Ports::All);
    assert_eq!(
        sg.default_outbound,
        Some(edgeplan::observed::RuleAction::Deny)
    );
    assert_eq!(
        plan.observed
            .survey(Hop::Vbr)
            .unwrap()
            .routes
            .as_ref()
            .unwrap()
            .len(),
        1
    );
    let text = to_toml(&plan);
    assert!(text.contains("{ direction = \"inbound\", action = \"deny\", protocol = \"icmp\", peers = [\"0.0.0.0/0\"], priority = 100 }"), "{text}");
    assert_eq!(parse_plan("p.toml", &text).unwrap(), plan);
}

#[test]
fn edgeplan_check_reads_the_observed_fixture_and_finds_the_design_sound() {
    let out = edgeplan(["check", &fx("observed-flannel-ecr.toml")])
        .assert()
        .code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(stdout.contains("ok: 0 error(s), 0 warning(s)"), "{stdout}");
}

#[test]
fn the_readme_observed_example_reads_on_the_example_plan() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```toml\n[observed.core-switch]")
        .expect("README shows observed sections")
        + "```toml\n".len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    let text = format!("{}\n{block}", to_toml(&Plan::example()));
    let plan = parse_plan("README.md", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plan.observed.surveys.len(), 6);
    let transit = plan
        .observed
        .survey(Hop::Transit)
        .unwrap()
        .routes
        .as_deref()
        .unwrap();
    assert_eq!(transit[2].inactive.as_deref(), Some("Rejected"));
}

#[test]
fn a_route_or_rule_that_is_not_a_table_shows_what_one_looks_like() {
    let err = error_of(&with_observed(
        "[observed.vbr]\nroutes = [\"10.0.0.0/8 via core-switch\"]\n[observed.firewall]\nrules = 443\n",
    ));
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        [
            "plan.toml:10: observed.vbr.routes[0] = \"10.0.0.0/8 via core-switch\": invalid type: string \"10.0.0.0/8 via core-switch\", expected a route such as { destination = \"10.0.0.0/8\", next_hop = \"vbr\" }",
            "plan.toml:12: observed.firewall.rules = 443: invalid type: integer `443`, expected an array of tables, one per entry",
        ]
    );
}

#[test]
fn terminal_controls_in_observed_values_are_escaped_in_errors() {
    let err = error_of(&with_observed(
        "[observed.transit]\nroutes = [ { destination = \"10.0.0.0/8\", next_hop = \"vbr\", status = \" \\u001b[2J\" } ]\n[observed.\"vbr\\u001b]52\"]\nroutes = []\n",
    ));
    assert!(!err.contains('\u{1b}'), "{err}");
    assert!(
        err.contains("observed.transit.routes[0].status = \" \\e[2J\""),
        "{err}"
    );
    assert!(err.contains("unknown field `vbr\\e]52`"), "{err}");
}
