//! Fine scope where the source leaves a region's blocks unknown: the engineer supplies
//! them in `cloud_service_cidrs`, each endpoint with unknown blocks says how to find them,
//! and a clean fine-scope plan can be made for every region of the ACK registry table.

mod checks_support;
mod tui_support;

use checks_support::*;
use edgeplan::catalog::Catalog;
use edgeplan::checks::check;
use edgeplan::hop::Hop;
use edgeplan::plan::{Plan, Scope};
use edgeplan::requirements::derive;
use std::process::Command;
use tui_support::TempDir;

/// A fine-scope plan for `region` with the management address resolved, and `cloud` as
/// the blocks found for what the source leaves unknown.
fn fine(region: &str, cloud: &[&str]) -> Plan {
    let mut plan = Plan::example();
    plan.set_region(Catalog::builtin(), region).unwrap();
    plan.scope = Scope::Fine;
    plan.management_ip = Some("100.103.0.10".parse().unwrap());
    plan.cloud_service_cidrs = nets(cloud);
    plan
}

#[test]
fn fine_scope_without_the_unknown_oss_blocks_fails_and_says_how_to_find_them() {
    assert_error(
        &fine("cn-shanghai", &[]),
        "fine-scope-oss-unknown",
        &[Hop::CoreSwitch, Hop::Firewall, Hop::Vbr, Hop::Transit],
        &["resolve oss-cn-shanghai-internal.aliyuncs.com from an instance in the VPC"],
    );
}

#[test]
fn near_miss_the_broad_catch_all_does_not_stand_in_for_the_unknown_blocks() {
    assert_error(
        &fine("cn-shanghai", &["100.0.0.0/8"]),
        "fine-scope-oss-unknown",
        &[Hop::CoreSwitch, Hop::Firewall, Hop::Vbr, Hop::Transit],
        &["cn-shanghai"],
    );
}

#[test]
fn supplied_blocks_are_routed_in_fine_scope() {
    let plan = fine("cn-shanghai", &["100.118.99.0/24"]);
    assert_clean(&plan);
    let reqs = derive(&plan, Catalog::builtin());
    let lines: Vec<String> = reqs
        .hop(Hop::CoreSwitch)
        .items
        .iter()
        .map(|r| r.kind.to_string())
        .collect();
    assert!(
        lines.contains(&"inbound route 100.118.99.0/24 (cloud services) -> VBR (via firewall, Express Connect)".to_string()),
        "{lines:#?}"
    );
}

#[test]
fn the_oss_endpoint_says_how_to_find_blocks_the_source_leaves_unknown() {
    let reason = |plan: &Plan| -> String {
        let reqs = derive(plan, Catalog::builtin());
        reqs.hop(Hop::EdgeNode)
            .items
            .iter()
            .find(|r| r.kind.to_string().starts_with("OSS installation package"))
            .map(|r| r.reason.to_string())
            .unwrap()
    };
    assert!(
        reason(&fine("cn-shanghai", &[]))
            .contains("resolve oss-cn-shanghai-internal.aliyuncs.com from an instance in the VPC")
    );
    assert!(
        !reason(&fine("cn-hangzhou", &[])).contains("resolve"),
        "known blocks: no advice"
    );
}

#[test]
fn a_clean_fine_scope_plan_can_be_made_for_every_region_of_the_registry_table() {
    let mut regions = 0;
    for region in &Catalog::builtin().regions {
        if region.registry.is_none() {
            continue; // region-without-registry in either scope
        }
        regions += 1;
        let cloud: &[&str] = if region.oss_vips().is_some() {
            &[]
        } else {
            &["100.118.99.0/24"]
        };
        let plan = fine(&region.id, cloud);
        let findings = check(&plan, Catalog::builtin()).findings;
        assert!(findings.is_empty(), "{}: {findings:#?}", region.id);
    }
    assert_eq!(regions, 26);
}

#[test]
fn new_writes_a_clean_fine_scope_plan_for_a_region_with_unknown_oss_blocks() {
    let dir = TempDir::new("new-fine-unknown-oss");
    let path = dir.join("plan.toml");
    let run = |extra: &[&str]| {
        let mut args = vec!["new", "--force", "-o", path.to_str().unwrap()];
        args.extend([
            "--region",
            "cn-shanghai",
            "--scope",
            "fine",
            "--management-ip",
            "100.103.0.10",
            "--ntp-access",
            "internal",
            "--package-access",
            "internal",
        ]);
        args.extend(extra);
        Command::new(env!("CARGO_BIN_EXE_edgeplan"))
            .args(args)
            .output()
            .unwrap()
    };
    let clean = run(&["--cloud", "100.118.99.0/24"]);
    let out = String::from_utf8_lossy(&clean.stdout);
    assert_eq!(clean.status.code(), Some(0), "{out}");
    assert_eq!(out.lines().count(), 1, "no findings:\n{out}");
    let broken = run(&[]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stdout).contains("fine-scope-oss-unknown"));
}
