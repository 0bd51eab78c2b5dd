//! `edgeplan diff`: every kind of plan change shows its field change, the requirements each
//! hop gains or loses and the findings that come or go; exit codes 0, 1, 2.

use assert_cmd::Command;
use edgeplan::catalog::Catalog;
use edgeplan::hop::Hop;
use edgeplan::plan::{Cni, Plan, Scope, Transit};
use edgeplan::review::{PlanDiff, diff};

fn changed(edit: impl FnOnce(&mut Plan)) -> PlanDiff {
    let old = Plan::example();
    let mut new = old.clone();
    edit(&mut new);
    diff(&old, &new, Catalog::builtin())
}

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

fn added(d: &PlanDiff, hop: Hop) -> Vec<String> {
    d.hop(hop).map(|h| h.added.clone()).unwrap_or_default()
}

fn removed(d: &PlanDiff, hop: Hop) -> Vec<String> {
    d.hop(hop).map(|h| h.removed.clone()).unwrap_or_default()
}

fn has(lines: &[String], text: &str) -> bool {
    lines.iter().any(|l| l.contains(text))
}

#[test]
fn the_same_plan_is_no_change() {
    let d = changed(|_| {});
    assert!(d.is_empty());
}

#[test]
fn a_region_change_moves_the_edge_node_endpoints_to_the_new_region() {
    let d = changed(|p| p.region = "cn-shanghai".into());
    assert_eq!(d.fields, ["network.region: cn-hangzhou -> cn-shanghai"]);
    assert!(has(&added(&d, Hop::EdgeNode), "cn-shanghai"));
    assert!(has(&removed(&d, Hop::EdgeNode), "cn-hangzhou"));
}

#[test]
fn a_cni_change_to_terway_drops_vxlan_rules_and_adds_container_routes() {
    let d = changed(|p| {
        p.cni = Cni::TerwayEdge;
        p.container_cidrs = vec![net("172.16.0.0/12")];
    });
    assert!(has(&removed(&d, Hop::Firewall), "UDP 8472"));
    assert!(has(&added(&d, Hop::CoreSwitch), "BGP"));
    assert!(has(
        &added(&d, Hop::VpcRouteTable),
        "outbound route 172.16.0.0/12 (edge containers)"
    ));
}

#[test]
fn a_cni_change_without_container_blocks_adds_its_error() {
    let d = changed(|p| p.cni = Cni::TerwayEdge);
    assert!(
        d.findings_added
            .iter()
            .any(|f| f.code == "terway-without-container-cidr" && f.severity == "error")
    );
    assert!(d.findings_removed.is_empty());
}

#[test]
fn a_transit_change_renames_the_next_hops_on_the_cloud_side() {
    let d = changed(|p| p.transit = Transit::Cen);
    assert_eq!(d.fields, ["network.transit: ecr -> cen"]);
    assert!(has(&removed(&d, Hop::Vbr), "-> ECR"));
    assert!(has(&added(&d, Hop::Vbr), "-> CEN transit router"));
    assert!(has(&added(&d, Hop::Transit), "VPC attachment"));
    assert!(has(&removed(&d, Hop::Transit), "VPC association"));
    assert!(d.hop(Hop::EdgeNode).is_none());
}

#[test]
fn a_direct_transit_drops_the_transit_hop_requirements() {
    let d = changed(|p| p.transit = Transit::Direct);
    assert!(added(&d, Hop::Transit).is_empty());
    assert!(!removed(&d, Hop::Transit).is_empty());
    assert!(has(&added(&d, Hop::Vbr), "VPC (direct connection)"));
}

#[test]
fn a_scope_change_to_fine_replaces_the_broad_cloud_block() {
    let d = changed(|p| p.scope = Scope::Fine);
    assert_eq!(d.fields, ["network.scope: broad -> fine"]);
    assert!(has(&removed(&d, Hop::Vbr), "100.0.0.0/8 (cloud services)"));
    assert!(!added(&d, Hop::Vbr).is_empty());
}

#[test]
fn a_datacenter_block_added_gains_its_return_routes() {
    let d = changed(|p| p.datacenter_cidrs.push(net("172.20.0.0/16")));
    assert!(has(
        &added(&d, Hop::VpcRouteTable),
        "outbound route 172.20.0.0/16 (data center)"
    ));
    assert!(has(&added(&d, Hop::Transit), "172.20.0.0/16"));
    assert!(removed(&d, Hop::VpcRouteTable).is_empty());
}

#[test]
fn a_vpc_block_added_gains_its_inbound_routes() {
    let d = changed(|p| p.vpc_cidrs.push(net("172.31.0.0/16")));
    assert!(has(
        &added(&d, Hop::CoreSwitch),
        "inbound route 172.31.0.0/16 (VPC)"
    ));
    assert!(has(
        &added(&d, Hop::Vbr),
        "inbound route 172.31.0.0/16 (VPC)"
    ));
}

#[test]
fn a_cloud_service_block_replaced_swaps_its_routes() {
    let d = changed(|p| p.cloud_service_cidrs = vec![net("100.64.0.0/10")]);
    assert!(has(&removed(&d, Hop::Vbr), "100.0.0.0/8 (cloud services)"));
    assert!(has(&added(&d, Hop::Vbr), "100.64.0.0/10 (cloud services)"));
}

#[test]
fn a_container_block_with_flannel_changes_findings_not_routes() {
    let d = changed(|p| p.container_cidrs.push(net("172.16.0.0/12")));
    assert!(
        d.findings_added
            .iter()
            .any(|f| f.code == "flannel-container-cidr-unused")
    );
    assert!(d.hop(Hop::VpcRouteTable).is_none());
}

#[test]
fn a_vswitch_block_narrows_the_node_port_rule_sources() {
    let d = changed(|p| p.vswitch_cidrs.push(net("192.168.1.0/24")));
    assert_eq!(
        d.fields,
        ["network.vswitch_cidrs: (none) -> 192.168.1.0/24"]
    );
    assert!(has(&added(&d, Hop::EdgeNode), "192.168.1.0/24"));
    assert!(!removed(&d, Hop::EdgeNode).is_empty());
}

#[test]
fn a_field_set_and_unset_are_both_named() {
    let d = changed(|p| p.apiserver_ip = Some("192.168.0.10".parse().unwrap()));
    assert_eq!(d.fields, ["network.apiserver_ip: (unset) -> 192.168.0.10"]);
    let d = changed(|p| p.ntp_access = None);
    assert_eq!(d.fields.len(), 1);
    assert!(d.fields[0].ends_with("-> (unset)"), "{:?}", d.fields);
    assert!(d.findings_added.iter().any(|f| f.severity == "warning"));
}

fn bin() -> Command {
    Command::cargo_bin("edgeplan").unwrap()
}

const FLANNEL: &str = "tests/fixtures/example-flannel-ecr.toml";
const TERWAY: &str = "tests/fixtures/example-terway-cen.toml";

#[test]
fn diff_exits_0_with_no_change_and_1_with_changes() {
    let out = bin().args(["diff", FLANNEL, FLANNEL]).assert().code(0);
    assert_eq!(
        String::from_utf8_lossy(&out.get_output().stdout),
        "No change.\n"
    );
    let out = bin().args(["diff", FLANNEL, TERWAY]).assert().code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("network.cni: flannel -> terway-edge"));
    assert!(text.contains("== vpc-route-table ==\n"));
    assert!(text.contains("  + outbound route 172.16.0.0/12 (edge containers)"));
}

#[test]
fn diff_exits_2_when_either_plan_cannot_be_read() {
    bin()
        .args(["diff", FLANNEL, "tests/fixtures/bad-toml.toml"])
        .assert()
        .code(2);
    bin()
        .args(["diff", "tests/fixtures/nope.toml", FLANNEL])
        .assert()
        .code(2);
}

#[test]
fn diff_json_lists_fields_hop_deltas_and_findings() {
    let out = bin()
        .args(["diff", FLANNEL, TERWAY, "--format", "json"])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["changed"], true);
    assert!(
        v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "network.transit: ecr -> cen")
    );
    let vpc = v["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["hop"] == "vpc-route-table")
        .unwrap();
    assert!(
        vpc["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().contains("172.16.0.0/12"))
    );
    assert!(
        vpc["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().ends_with("-> ECR"))
    );
    assert!(v["findings_added"].is_array() && v["findings_removed"].is_array());
}

#[test]
fn diff_text_escapes_terminal_controls_from_the_plans() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    let text = std::fs::read_to_string(FLANNEL).unwrap();
    let text = text.replace("example-hangzhou-edge", "evil\\u001b]52;c;AAAA\\u0007");
    std::fs::write(&new, text).unwrap();
    let out = bin()
        .args(["diff".as_ref(), FLANNEL.as_ref(), new.as_os_str()])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains('\u{1b}'), "{stdout}");
    assert!(stdout.contains("evil\\e]52"), "{stdout}");
}
