//! Values edgeplan did not learn from the customer are labelled as such: a registry host
//! made up from the pattern, and the source's example resolution of the management name.

mod tui_support;

use edgeplan::catalog::Catalog;
use edgeplan::hop::Hop;
use edgeplan::plan::Plan;
use edgeplan::requirements::{RequirementKind, derive};
use std::process::{Command, Output};
use tui_support::TempDir;

/// The edge-node endpoint `destination`: its hosts and its reason.
fn endpoint(plan: &Plan, destination: &str) -> (Vec<String>, String) {
    let reqs = derive(plan, Catalog::builtin());
    reqs.hop(Hop::EdgeNode)
        .items
        .iter()
        .find_map(|r| match &r.kind {
            RequirementKind::Endpoint(e) if e.destination == destination => {
                Some((e.listed_hosts(), r.reason.to_string()))
            }
            _ => None,
        })
        .expect("the endpoint is listed")
}

fn in_region(id: &str) -> Plan {
    let mut plan = Plan::example();
    plan.set_region(Catalog::builtin(), id).unwrap();
    plan
}

const REGISTRY: &str = "System add-on image registry endpoint";
const CONTROL_PLANE: &str = "Container Service control plane";

#[test]
fn a_registry_host_made_up_from_the_pattern_says_so() {
    let (hosts, _) = endpoint(&in_region("cn-nanjing"), REGISTRY);
    assert_eq!(
        hosts,
        [
            "registry-cn-nanjing-vpc.ack.aliyuncs.com (made up from the pattern of the source's registry table, which does not list cn-nanjing)"
        ]
    );
}

#[test]
fn near_miss_a_registry_host_from_the_table_is_not_labelled() {
    let (hosts, _) = endpoint(&Plan::example(), REGISTRY);
    assert_eq!(hosts, ["registry-cn-hangzhou-vpc.ack.aliyuncs.com"]);
}

#[test]
fn the_example_management_address_is_labelled_as_the_sources_example() {
    let (_, why) = endpoint(&Plan::example(), CONTROL_PLANE);
    assert!(
        why.contains("100.103.42.233 is the source's example resolution, not the customer's")
            && why.contains("resolve cs-anony-vpc.cn-hangzhou.aliyuncs.com in the customer's VPC"),
        "{why}"
    );
}

#[test]
fn near_miss_a_resolved_management_address_is_not_labelled() {
    let mut plan = Plan::example();
    plan.management_ip = Some("100.103.42.234".parse().unwrap());
    let (_, why) = endpoint(&plan, CONTROL_PLANE);
    assert!(!why.contains("example"), "{why}");
}

fn new(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .arg("new")
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn new_for_hangzhou_warns_that_the_management_address_is_the_sources_example() {
    let dir = TempDir::new("new-example-management");
    let path = dir.join("plan.toml");
    let o = new(&["-o", path.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("warning: management_ip 100.103.42.233 is the source's example resolution, not the customer's: resolve cs-anony-vpc.cn-hangzhou.aliyuncs.com in the customer's VPC"),
        "{out}"
    );
}

#[test]
fn near_miss_new_with_the_resolved_management_address_does_not_warn() {
    let dir = TempDir::new("new-resolved-management");
    let path = dir.join("plan.toml");
    let o = new(&[
        "-o",
        path.to_str().unwrap(),
        "--management-ip",
        "100.103.9.1",
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(!out.contains("example resolution"), "{out}");
}
