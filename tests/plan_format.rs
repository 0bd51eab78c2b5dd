//! The plan file format: strict reading with errors naming file, line, key and value;
//! saving that round-trips byte for byte and keeps a hand-edited file's comments.

use edgeplan::plan::{Cni, Plan, parse_plan, to_toml, update_toml};
use proptest::prelude::*;

const HEADER: &str = "schema_version = 1\n\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\n";

fn with_network(extra: &str) -> String {
    format!(
        "{HEADER}datacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n{extra}"
    )
}

fn error_of(text: &str) -> String {
    parse_plan("plan.toml", text).unwrap_err().to_string()
}

#[test]
fn host_bits_error_names_file_line_key_value_and_the_corrected_network() {
    let text =
        format!("{HEADER}datacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n");
    assert_eq!(
        error_of(&text),
        "plan.toml:7: network.datacenter_cidrs[0] = \"10.0.0.1/8\": host bits are set; the network is 10.0.0.0/8"
    );
}

#[test]
fn every_bad_value_in_one_file_is_reported_not_just_the_first() {
    let text = with_network(
        "container_cidrs = [\"172.16.0.0/33\", \"::1/128\"]\nmanagement_ip = \"100.103.42.233/32\"\n",
    );
    let err = error_of(&text);
    assert!(err.contains("plan.toml:9: network.container_cidrs[0] = \"172.16.0.0/33\": prefix length 33 is out of range"), "{err}");
    assert!(
        err.contains("network.container_cidrs[1] = \"::1/128\": IPv6 is not supported"),
        "{err}"
    );
    assert!(
        err.contains("plan.toml:10: network.management_ip = \"100.103.42.233/32\""),
        "{err}"
    );
}

#[test]
fn unknown_keys_are_errors_at_every_level() {
    let err = error_of(&with_network("colour = \"red\"\n"));
    assert!(
        err.starts_with("plan.toml:9: network.colour = \"red\": unknown field `colour`"),
        "{err}"
    );
    let err = error_of(&format!("{}\n[extra]\nx = 1\n", with_network("")));
    assert!(
        err.contains("plan.toml:10") && err.contains("unknown field `extra`"),
        "{err}"
    );
    let err = error_of(&format!(
        "schema_version = 1\n[meta]\nowner = \"me\"\n{}",
        &with_network("")[18..]
    ));
    assert!(
        err.contains("plan.toml:3: meta.owner = \"me\": unknown field `owner`"),
        "{err}"
    );
}

#[test]
fn unknown_enum_values_and_regions_name_what_is_expected() {
    let err = error_of(&with_network("").replace("flannel", "calico"));
    assert_eq!(
        err,
        "plan.toml:5: network.cni = \"calico\": unknown CNI plugin; expected flannel | terway-edge"
    );
    let err = error_of(&with_network("").replace("cn-hangzhou", "mars-north-1"));
    assert!(
        err.starts_with("plan.toml:4: network.region = \"mars-north-1\": unknown region id"),
        "{err}"
    );
    let err = error_of(&with_network("scope = \"narrow\"\n"));
    assert!(err.contains("expected broad | fine"), "{err}");
}

#[test]
fn schema_versions_from_the_future_are_refused_before_their_keys() {
    let text = with_network("new_thing = 1\n").replace("schema_version = 1", "schema_version = 3");
    let err = error_of(&text);
    assert!(
        err.starts_with(
            "plan.toml:1: schema_version = 3: this plan was written by a newer edgeplan (format 3); this build reads formats 1 to 2"
        ),
        "{err}"
    );
    assert!(
        error_of(&with_network("").replace("schema_version = 1\n", ""))
            .contains("schema_version: missing")
    );
}

#[test]
fn wrong_types_and_broken_toml_name_the_line() {
    let err = error_of(&with_network("vswitch_cidrs = \"192.168.1.0/24\"\n"));
    assert!(
        err.starts_with("plan.toml:9: network.vswitch_cidrs = \"192.168.1.0/24\":"),
        "{err}"
    );
    let err = error_of(&with_network("service_cidr = [\n"));
    assert!(err.starts_with("plan.toml:"), "{err}");
}

#[test]
fn a_saved_plan_loads_back_equal_and_saves_byte_identical() {
    let mut plan = Plan::example();
    plan.cni = Cni::TerwayEdge;
    plan.container_cidrs = vec![
        "172.16.0.0/12".parse().unwrap(),
        "10.200.0.0/16".parse().unwrap(),
    ];
    plan.meta.notes = Some("line one\nline \"two\"".into());
    plan.service_cidr = Some("172.21.0.0/20".parse().unwrap());
    let text = to_toml(&plan);
    let back = parse_plan("p.toml", &text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(to_toml(&back), text);
    assert_eq!(update_toml(&text, &back), text);
}

#[test]
fn a_hand_edited_plan_keeps_comments_and_key_order_when_saved() {
    let original = "# ACME's plan, reviewed by Ops\nschema_version = 1\n\n[network]\ntransit = \"cen\"  # CEN already exists\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\n# the DC\ndatacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n";
    let mut plan = parse_plan("p.toml", original).unwrap();
    assert_eq!(update_toml(original, &plan), original, "no change, no diff");
    plan.transit = edgeplan::Transit::Ecr;
    plan.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
    let saved = update_toml(original, &plan);
    assert!(saved.starts_with("# ACME's plan, reviewed by Ops\nschema_version = 1\n\n[network]\ntransit = \"ecr\"  # CEN already exists\nregion"), "{saved}");
    assert!(saved.contains("# the DC\ndatacenter_cidrs"), "{saved}");
    assert_eq!(parse_plan("p.toml", &saved).unwrap(), plan);
}

fn arb_net() -> impl Strategy<Value = ipnet::Ipv4Net> {
    (any::<u32>(), 0u8..=32).prop_map(|(a, l)| ipnet::Ipv4Net::new(a.into(), l).unwrap().trunc())
}

proptest! {
    #[test]
    fn any_plan_round_trips_exactly(
        dc in prop::collection::vec(arb_net(), 0..5),
        vpc in prop::collection::vec(arb_net(), 0..5),
        notes in proptest::option::of(".{0,40}"),
        terway in any::<bool>(),
    ) {
        let mut plan = Plan::example();
        plan.datacenter_cidrs = dc;
        plan.vpc_cidrs = vpc;
        plan.meta.notes = notes;
        plan.cni = if terway { Cni::TerwayEdge } else { Cni::Flannel };
        let text = to_toml(&plan);
        let back = parse_plan("p.toml", &text).unwrap();
        prop_assert_eq!(&back, &plan);
        prop_assert_eq!(to_toml(&back), text);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in ".{0,200}") {
        let _ = parse_plan("p.toml", &text);
        let _ = edgeplan::cidr::parse_net(&text);
    }
}

#[test]
fn every_structural_problem_is_reported_in_one_read() {
    // An unknown key, a missing field, a bad choice, a host-bits block and IPv6: before,
    // each took its own run to reveal.
    let text = "schema_version = 1\nowner = \"me\"\n[network]\nregion = \"cn-hangzhou\"\ncni = \"Flannel\"\ntransit = \"ecr\"\ndatacenter_cidr = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"10.20.0.1/16\", \"fd00::/8\"]\n";
    let err = error_of(text);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "plan.toml:2: owner = \"me\": unknown field `owner`, expected one of `schema_version`, `meta`, `network`, `observed`",
            "plan.toml:3: [network]: missing field `datacenter_cidrs`",
            "plan.toml:5: network.cni = \"Flannel\": unknown CNI plugin; expected flannel | terway-edge",
            "plan.toml:7: network.datacenter_cidr = [\"10.0.0.0/8\"]: unknown field `datacenter_cidr`, expected one of `region`, `cni`, `transit`, `scope`, `datacenter_cidrs`, `vpc_cidrs`, `cloud_service_cidrs`, `container_cidrs`, `vswitch_cidrs`, `service_cidr`, `apiserver_ip`, `management_ip`, `kubernetes_version`, `ntp_access`, `package_access`",
            "plan.toml:8: network.vpc_cidrs[0] = \"10.20.0.1/16\": host bits are set; the network is 10.20.0.0/16",
            "plan.toml:8: network.vpc_cidrs[1] = \"fd00::/8\": IPv6 is not supported here; use an IPv4 value",
        ],
        "{err}"
    );
}

#[test]
fn the_reader_checks_regions_against_the_catalog_it_is_given() {
    use edgeplan::catalog::Catalog;
    use edgeplan::plan::parse_plan_in;
    let text = with_network("");
    let empty = Catalog { regions: vec![] };
    let err = parse_plan_in(&empty, "plan.toml", &text)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("network.region = \"cn-hangzhou\": unknown region id"),
        "{err}"
    );
    assert!(parse_plan_in(Catalog::builtin(), "plan.toml", &text).is_ok());
}
