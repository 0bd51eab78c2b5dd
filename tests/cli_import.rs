//! `edgeplan import` through the real binary: each device fixture lands in the plan's
//! `[observed.HOP]` exactly as the importer reads it, comments and other hops untouched;
//! bad input exits 2 naming the file, the place and the value, and leaves the plan as it was.

mod cli_support;

use cli_support::{edgeplan, fx};
use edgeplan::hop::Hop;
use edgeplan::import::{self, ImportContext};
use edgeplan::plan::{Plan, load_path};
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn device(name: &str) -> String {
    fx(&format!("devices/{name}"))
}

/// A copy of fixture `plan` in a temporary directory.
fn plan_copy(plan: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    std::fs::copy(fx(plan), &path).unwrap();
    (dir, path)
}

fn load(path: &Path) -> Plan {
    load_path(path).unwrap_or_else(|e| panic!("{e}")).0
}

fn context_of(plan: &Plan) -> ImportContext {
    ImportContext {
        transit: plan.transit,
        vbr_peer_ip: plan
            .observed
            .survey(Hop::CoreSwitch)
            .and_then(|s| s.vbr_peer_ip),
    }
}

#[test]
fn each_fixture_lands_in_its_hops_section_as_the_importer_reads_it() {
    let cases = [
        (
            "observed-flannel-ecr.toml",
            "core-switch",
            "huawei-vrp5-display-ip-routing-table.txt",
        ),
        (
            "observed-flannel-ecr.toml",
            "core-switch",
            "huawei-vrp8-display-ip-routing-table.txt",
        ),
        (
            "observed-flannel-ecr.toml",
            "core-switch",
            "h3c-comware-display-ip-routing-table.txt",
        ),
        (
            "observed-flannel-ecr.toml",
            "core-switch",
            "cisco-ios-show-ip-route.txt",
        ),
        (
            "observed-flannel-ecr.toml",
            "vpc-route-table",
            "vpc-describe-route-entry-list.json",
        ),
        (
            "observed-flannel-ecr.toml",
            "transit",
            "ecr-describe-route-entries.json",
        ),
        (
            "example-terway-cen.toml",
            "transit",
            "cen-list-transit-router-route-entries.json",
        ),
        (
            "observed-flannel-ecr.toml",
            "security-group",
            "ecs-describe-security-group-attribute.json",
        ),
    ];
    for (plan_fixture, hop_id, input) in cases {
        let (_dir, path) = plan_copy(plan_fixture);
        let before = load(&path);
        let hop = edgeplan::cli::parse_hop(hop_id).unwrap();
        let text = std::fs::read_to_string(device(input)).unwrap();
        let expected = import::read(&text, hop, &context_of(&before)).unwrap();
        edgeplan([
            "import",
            path.to_str().unwrap(),
            "--hop",
            hop_id,
            &device(input),
        ])
        .assert()
        .code(0)
        .stdout(contains(format!("into [observed.{hop_id}]")));
        let after = load(&path);
        let survey = after.observed.survey(hop).expect("surveyed");
        let routes = survey.routes.as_deref().unwrap_or_default();
        assert_eq!(routes, expected.routes, "{input}");
        let rules = survey.rules.as_deref().unwrap_or_default();
        assert_eq!(rules, expected.rules, "{input}");
        for other in Hop::ALL.into_iter().filter(|h| *h != hop) {
            assert_eq!(
                after.observed.survey(other),
                before.observed.survey(other),
                "{input}: {other}"
            );
        }
        let mut unchanged = after.clone();
        unchanged.observed = before.observed.clone();
        assert_eq!(
            unchanged, before,
            "{input}: only the observed section changes"
        );
    }
}

#[test]
fn the_report_counts_next_hops_and_lists_inactive_routes_and_notes() {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    edgeplan([
        "import",
        path.to_str().unwrap(),
        "--hop",
        "vpc-route-table",
        &device("vpc-describe-route-entry-list.json"),
    ])
    .assert()
    .code(0)
    .stdout(contains(
        "Imported 4 route(s) from Alibaba Cloud VPC DescribeRouteEntryList",
    ))
    .stdout(contains("next hops: off the path 2, transit 2"))
    .stdout(contains(
        "1 inactive (imported, not forwarding):\n    10.30.0.0/16 -> transit (Pending)",
    ))
    .stdout(contains(
        "RouteEntrys.RouteEntry[1].NextHops.NextHop[0].NextHopType: 10.20.0.0/16 via Attachment",
    ));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(
            r#"{ destination = "10.30.0.0/16", next_hop = "transit", status = "Pending" }"#
        ),
        "{text}"
    );
    assert!(
        text.contains("# the VPC's own block is local implicitly"),
        "comments are kept"
    );
}

#[test]
fn the_vbr_mtu_is_set_and_a_differing_interconnect_address_is_pointed_out() {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    edgeplan(["import", path.to_str().unwrap(), "--hop", "vbr", &device("vbr-describe-virtual-border-routers.json")])
        .assert()
        .code(0)
        .stdout(contains("Set mtu = 1500"))
        .stdout(contains("The VBR's address is 10.255.0.1, but [observed.core-switch] has vbr_peer_ip = 10.255.255.1"));
    assert_eq!(
        load(&path).observed.survey(Hop::Vbr).unwrap().mtu,
        Some(1500)
    );
}

#[test]
fn importing_only_the_vbr_mtu_leaves_its_routes_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site.toml");
    let site = site.to_str().unwrap();
    edgeplan(["new", "-o", site]).assert().code(0);
    let vbr = device("vbr-describe-virtual-border-routers.json");
    edgeplan(["import", site, "--hop", "vbr", &vbr])
        .assert()
        .code(0)
        .stdout(contains("Set mtu = 1500"))
        .stdout(contains("The VBR's routes are not surveyed yet"))
        .stdout(contains("DescribeRouteEntryList"));
    let text = std::fs::read_to_string(site).unwrap();
    let section = &text[text.find("[observed.vbr]").expect("the VBR is surveyed")..];
    assert_eq!(
        section, "[observed.vbr]\nmtu = 1500\n",
        "no routes key: not surveyed"
    );
    let survey = load(Path::new(site))
        .observed
        .survey(Hop::Vbr)
        .cloned()
        .unwrap();
    assert_eq!((survey.mtu, survey.routes), (Some(1500), None));
    // Warnings are allowed; no error, and no hop is blamed for routes nobody read.
    let out = edgeplan(["check", site]).assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains("observed-no-route"), "{stdout}");
    assert!(!stdout.contains("BLOCKED"), "{stdout}");
    assert!(stdout.contains("0 blocked, 14 unknown"), "{stdout}");
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    let text = std::fs::read_to_string(device("cisco-ios-show-ip-route.txt")).unwrap();
    edgeplan([
        "import",
        path.to_str().unwrap(),
        "--hop",
        "core-switch",
        "-",
    ])
    .write_stdin(text)
    .assert()
    .code(0)
    .stdout(contains(
        "Imported 12 route(s) from Cisco IOS show ip route",
    ));
}

/// Runs an import expected to fail and checks the plan's bytes did not change.
fn refused(input: &str, hop: &str, stdin: Option<&str>) -> String {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    let before = std::fs::read(&path).unwrap();
    let mut cmd = edgeplan(["import", path.to_str().unwrap(), "--hop", hop, input]);
    if let Some(stdin) = stdin {
        cmd.write_stdin(stdin.to_string());
    }
    let out = cmd.assert().code(2).get_output().clone();
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the plan was changed"
    );
    assert!(
        !path.with_extension("toml.bak").exists(),
        "no backup: nothing was written"
    );
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn a_bad_value_exits_2_naming_the_file_json_path_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("routes.json");
    let text = std::fs::read_to_string(device("cen-list-transit-router-route-entries.json"))
        .unwrap()
        .replace("\"10.10.0.0/16\"", "\"10.10.0.0/99\"");
    std::fs::write(&input, text).unwrap();
    let (_dir, path) = plan_copy("example-terway-cen.toml");
    let before = std::fs::read(&path).unwrap();
    edgeplan([
        "import",
        path.to_str().unwrap(),
        "--hop",
        "transit",
        input.to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stderr(contains(format!(
        "edgeplan: {}: Alibaba Cloud CEN ListTransitRouterRouteEntries: \
             TransitRouterRouteEntries[3].TransitRouterRouteEntryDestinationCidrBlock: \
             \"10.10.0.0/99\" is not an IPv4 CIDR block",
        input.display()
    )));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn an_unknown_format_a_wrong_hop_and_a_missing_file_exit_2_and_leave_the_plan() {
    let e = refused("-", "core-switch", Some("just some text\n"));
    assert!(
        e.starts_with("edgeplan: standard input: unknown format"),
        "{e}"
    );
    let e = refused(&device("ecr-describe-route-entries.json"), "vbr", None);
    assert!(e.contains("does not describe the vbr hop"), "{e}");
    let e = refused("/nonexistent/routes.txt", "core-switch", None);
    assert!(e.starts_with("edgeplan: /nonexistent/routes.txt: "), "{e}");
    let e = refused("/dev/null", "core-switch", None);
    assert!(e.contains("not a regular file"), "{e}");
    let e = refused(
        "-",
        "core-switch",
        Some("Codes: C - connected\nC    10.1.0.0/33 is directly connected, Vlan10\n"),
    );
    assert!(
        e.contains("line 2: \"10.1.0.0/33\" is not an IPv4 prefix"),
        "{e}"
    );
}

#[test]
fn a_bad_hop_name_is_refused_with_the_ids() {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    edgeplan(["import", path.to_str().unwrap(), "--hop", "switch", "-"])
        .assert()
        .code(2)
        .stderr(contains("expected edge-node | core-switch | firewall | vbr | transit | vpc-route-table | security-group"));
}

#[test]
fn terminal_controls_in_the_input_are_escaped_in_the_report_and_the_error() {
    let (_dir, path) = plan_copy("observed-flannel-ecr.toml");
    let text = std::fs::read_to_string(device("ecr-describe-route-entries.json"))
        .unwrap()
        .replace("tr-bp1su1ytdxtataupl****", "tr-\\u001b]52;c;AAAA\\u0007x");
    let out = edgeplan(["import", path.to_str().unwrap(), "--hop", "transit", "-"])
        .write_stdin(text)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("tr-\\e]52;c;AAAA\\u{7}x"), "{out}");
    let e = refused(
        "-",
        "vpc-route-table",
        Some(r#"{"RouteEntrys":{"RouteEntry":[{"DestinationCidrBlock":"\u001b[2J"}]}}"#),
    );
    assert!(
        !e.contains('\u{1b}') && e.contains("\"\\e[2J\" is not an IPv4 CIDR block"),
        "{e}"
    );
}
