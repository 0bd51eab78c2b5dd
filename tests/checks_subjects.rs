//! What each finding is about: the fields (and list entries) a user edits to fix it, so
//! the TUI's "fix it" and JSON's `fields` never read the message text; every code some
//! plan produces; and the region catalog handed in by the caller.

use edgeplan::catalog::Catalog;
use edgeplan::checks::{FieldRef, FindingCode, Report, check};
use edgeplan::plan::{Cni, Field, Plan, Scope};
use std::collections::BTreeSet;
use strum::VariantArray;

mod every_code;
use every_code::{bare_catalog, plans_for_every_code};

fn nets(list: &[&str]) -> Vec<ipnet::Ipv4Net> {
    list.iter().map(|s| s.parse().unwrap()).collect()
}

fn at(field: Field, i: usize) -> FieldRef {
    FieldRef::entry(field, i)
}

fn whole(field: Field) -> FieldRef {
    FieldRef::whole(field)
}

/// The subject of the one finding with `code` in `report`.
fn subject_of(report: &Report, code: FindingCode) -> Vec<FieldRef> {
    let found: Vec<_> = report.findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), 1, "one {code} in {:#?}", report.findings);
    found[0].subject.clone()
}

fn subject(plan: &Plan, code: FindingCode) -> Vec<FieldRef> {
    subject_of(&check(plan, Catalog::builtin()), code)
}

#[test]
fn overlap_names_both_entries_as_its_subject() {
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["172.20.0.0/16", "10.0.0.0/8"]);
    p.vpc_cidrs = nets(&["192.168.0.0/16", "10.1.0.0/16"]);
    assert_eq!(
        subject(&p, FindingCode::OverlapDatacenterVpc),
        [at(Field::DatacenterCidrs, 1), at(Field::VpcCidrs, 1)]
    );
}

#[test]
fn an_overlap_names_the_set_first_on_the_path_first_whichever_block_is_larger() {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    p.datacenter_cidrs = nets(&["10.1.0.0/16"]);
    p.container_cidrs = nets(&["172.16.0.0/12", "10.0.0.0/8"]);
    let report = check(&p, Catalog::builtin());
    assert_eq!(
        subject_of(&report, FindingCode::OverlapDatacenterContainer),
        [at(Field::DatacenterCidrs, 0), at(Field::ContainerCidrs, 1)]
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.code == FindingCode::OverlapDatacenterContainer);
    assert_eq!(
        f.unwrap().message,
        "data center 10.1.0.0/16 lies inside edge container 10.0.0.0/8"
    );
}

#[test]
fn a_cloud_service_overlap_names_the_field_the_user_can_change() {
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&["192.168.0.0/16"]);
    p.cloud_service_cidrs = nets(&["10.0.0.0/8", "100.0.0.0/8"]);
    assert_eq!(
        subject(&p, FindingCode::OverlapDatacenterCloudService),
        [
            at(Field::DatacenterCidrs, 0),
            at(Field::CloudServiceCidrs, 0)
        ]
    );
    // In fine scope the management address is the plan's; the region's ranges are not.
    p.scope = Scope::Fine;
    p.region = "ap-northeast-2".into();
    p.cloud_service_cidrs.clear();
    p.management_ip = Some("10.9.9.9".parse().unwrap());
    assert_eq!(
        subject(&p, FindingCode::OverlapDatacenterCloudService),
        [at(Field::DatacenterCidrs, 0), whole(Field::ManagementIp)]
    );
}

#[test]
fn list_rules_name_the_entry_to_change() {
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&["192.168.0.0/16", "192.168.1.0/24", "100.64.0.0/16"]);
    p.vswitch_cidrs = nets(&["192.168.1.0/24", "172.31.0.0/24"]);
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "0.0.0.0/0"]);
    let report = check(&p, Catalog::builtin());
    assert_eq!(
        subject_of(&report, FindingCode::RedundantEntry),
        [at(Field::VpcCidrs, 1)],
        "the entry to remove"
    );
    assert_eq!(
        subject_of(&report, FindingCode::VswitchOutsideVpc),
        [at(Field::VswitchCidrs, 1), whole(Field::VpcCidrs)]
    );
    assert_eq!(
        subject_of(&report, FindingCode::VpcReservedRange),
        [at(Field::VpcCidrs, 2)]
    );
    assert_eq!(
        subject_of(&report, FindingCode::DefaultRoute),
        [at(Field::DatacenterCidrs, 1)]
    );
}

#[test]
fn field_rules_name_the_field_as_a_whole() {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    assert_eq!(
        subject(&p, FindingCode::TerwayWithoutContainerCidr),
        [whole(Field::ContainerCidrs), whole(Field::Cni)]
    );
    p.region = "xx-nowhere-1".into();
    assert_eq!(
        subject(&p, FindingCode::UnknownRegion),
        [whole(Field::Region)]
    );
    let mut p = Plan::example();
    p.scope = Scope::Fine;
    p.region = "ap-northeast-2".into();
    p.management_ip = None;
    assert_eq!(
        subject(&p, FindingCode::FineScopeNoManagement)[0],
        whole(Field::ManagementIp)
    );
    let report = check(&p, &bare_catalog());
    assert_eq!(report.findings[0].subject, [whole(Field::Region)]);
}

#[test]
fn every_finding_code_is_produced_by_some_plan_and_says_what_it_checks() {
    let mut seen = BTreeSet::new();
    for (plan, catalog) in plans_for_every_code() {
        for f in check(&plan, &catalog).findings {
            assert!(
                f.code == FindingCode::OverlapTruncated
                    || f.code.is_observed()
                    || !f.subject.is_empty(),
                "{} has no subject",
                f.code
            );
            seen.insert(f.code);
        }
    }
    let missing: Vec<_> = FindingCode::VARIANTS
        .iter()
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "no plan produces {missing:?}");
    for code in FindingCode::VARIANTS {
        assert!(!code.what().is_empty(), "{code}");
    }
}

#[test]
fn finding_codes_keep_their_ids() {
    let ids: Vec<&str> = FindingCode::VARIANTS.iter().map(|c| c.id()).collect();
    assert_eq!(
        ids,
        [
            "overlap-datacenter-vpc",
            "overlap-datacenter-container",
            "overlap-datacenter-cloud-service",
            "overlap-datacenter-service",
            "overlap-vpc-container",
            "overlap-vpc-cloud-service",
            "overlap-vpc-service",
            "overlap-container-cloud-service",
            "overlap-container-service",
            "overlap-cloud-service-service",
            "overlap-truncated",
            "redundant-entry",
            "redundant-truncated",
            "default-route",
            "no-datacenter-cidr",
            "no-vpc-cidr",
            "no-cloud-service-cidr",
            "terway-without-container-cidr",
            "flannel-container-cidr-unused",
            "vswitch-outside-vpc",
            "apiserver-outside-vpc",
            "vpc-reserved-range",
            "vpc-not-private",
            "unknown-region",
            "region-without-registry",
            "fine-scope-oss-unknown",
            "fine-scope-no-management",
            "management-not-routed",
            "management-inside-vpc",
            "vpc-prefix-out-of-range",
            "vswitch-prefix-out-of-range",
            "vpc-route-in-shared-space",
            "unroutable-block",
            "apiserver-reserved-address",
            "apiserver-outside-vswitch",
            "vpc-route-budget",
            "vbr-bgp-route-budget",
            "security-group-rule-budget",
            "cloud-service-uncovered",
            "region-closing-down",
            "terway-kubernetes-too-old",
            "ntp-access-unanswered",
            "package-access-unanswered",
            "observed-no-route",
            "observed-route-wrong-neighbour",
            "observed-route-diverted",
            "observed-deny-shadows-allow",
            "observed-port-not-allowed",
            "observed-bgp-off",
            "observed-over-broad-allow",
            "observed-path-mtu-low",
        ]
    );
}

#[test]
fn the_region_is_looked_up_in_the_catalog_the_caller_hands_in() {
    let mut p = Plan::example();
    p.region = "xx-bare-1".into();
    let codes = |catalog: &Catalog| -> Vec<FindingCode> {
        check(&p, catalog).findings.iter().map(|f| f.code).collect()
    };
    assert_eq!(codes(Catalog::builtin()), [FindingCode::UnknownRegion]);
    assert_eq!(codes(&bare_catalog()), [FindingCode::RegionWithoutRegistry]);
}
