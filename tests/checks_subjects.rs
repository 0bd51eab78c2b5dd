//! What each finding is about: the fields (and list entries) a user edits to fix it, so
//! the TUI's "fix it" and JSON's `fields` never read the message text; every code some
//! plan produces; and the region catalog handed in by the caller.

use edgeplan::catalog::{Catalog, Region};
use edgeplan::checks::{FieldRef, FindingCode, Report, check};
use edgeplan::plan::{Cni, Field, Plan, Scope};
use std::collections::BTreeSet;
use strum::VariantArray;

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

/// Surveys of the example with every kind of observed fault: one Flannel plan, one
/// Terway Edge plan for BGP.
fn observed_faults() -> Vec<Plan> {
    use edgeplan::Hop;
    use edgeplan::observed::{Direction::*, NextHop, RouteEntry, RuleAction::*, RuleEntry, Survey};
    let route = |d: &str, via: &str| RouteEntry::new(d.parse().unwrap(), NextHop::from_word(via));
    let rule = |direction, action, protocol: &str, ports: &str, peer: &str, priority| RuleEntry {
        direction,
        action,
        protocol: protocol.parse().unwrap(),
        ports: ports.parse().unwrap(),
        peers: nets(&[peer]),
        priority,
    };
    let mut plan = Plan::example();
    let s = &mut plan.observed.surveys;
    let routes = |list: Vec<RouteEntry>| Survey {
        routes: list,
        ..Survey::default()
    };
    s.insert(
        Hop::CoreSwitch,
        Survey {
            mtu: Some(1400),
            ..routes(vec![])
        },
    );
    s.insert(
        Hop::Vbr,
        routes(vec![route("192.168.0.0/16", "core-switch")]),
    );
    s.insert(
        Hop::Transit,
        routes(vec![
            route("192.168.0.0/16", "vpc"),
            route("192.168.1.0/24", "blackhole"),
        ]),
    );
    let rules = vec![
        rule(Inbound, Allow, "all", "all", "0.0.0.0/0", 50),
        rule(Outbound, Deny, "tcp", "all", "0.0.0.0/0", 1),
        rule(Outbound, Allow, "tcp", "6443", "192.168.0.0/16", 2),
    ];
    s.insert(
        Hop::Firewall,
        Survey {
            rules,
            ..Survey::default()
        },
    );
    let mut terway = Plan::example();
    terway.cni = Cni::TerwayEdge;
    terway.container_cidrs = nets(&["172.16.0.0/12"]);
    let core = Survey {
        bgp: Some(false),
        ..Survey::default()
    };
    terway.observed.surveys.insert(Hop::CoreSwitch, core);
    vec![plan, terway]
}

/// A catalog of one region that is in neither the registry table nor the OSS table.
fn bare_catalog() -> Catalog {
    Catalog {
        regions: vec![Region {
            id: "xx-bare-1".into(),
            name: "Nowhere (Bare)".into(),
            registry: None,
            oss: None,
        }],
    }
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

/// Plans that between them produce every code, with the catalog each is checked against.
fn plans_for_every_code() -> Vec<(Plan, Catalog)> {
    let builtin = || Catalog::builtin().clone();
    let mut out = Vec::new();
    let mut push = |edit: &dyn Fn(&mut Plan), catalog: Catalog| {
        let mut p = Plan::example();
        edit(&mut p);
        out.push((p, catalog));
    };
    // Every cross-list overlap at once: one block shared by every set, in broad scope.
    push(
        &|p| {
            p.cni = Cni::TerwayEdge;
            p.datacenter_cidrs = nets(&["10.0.0.0/8"]);
            p.vpc_cidrs = nets(&["10.0.0.0/16", "100.64.0.0/16", "8.8.0.0/16"]);
            p.container_cidrs = nets(&["10.0.0.0/24"]);
            p.cloud_service_cidrs = nets(&["10.0.0.0/25"]);
            p.service_cidr = Some("10.0.0.0/26".parse().unwrap());
            p.vswitch_cidrs = nets(&["172.31.0.0/24", "0.0.0.0/0"]);
            p.apiserver_ip = Some("172.31.0.1".parse().unwrap());
            p.management_ip = Some("1.1.1.1".parse().unwrap());
        },
        builtin(),
    );
    push(
        &|p| {
            p.datacenter_cidrs.clear();
            p.vpc_cidrs.clear();
            p.cloud_service_cidrs.clear();
            p.container_cidrs = nets(&["172.16.0.0/12"]);
            p.region = "xx-nowhere-1".into();
        },
        builtin(),
    );
    push(
        &|p| {
            p.cni = Cni::TerwayEdge;
            p.kubernetes_version = Some("1.26".into());
            p.ntp_access = None;
            p.package_access = None;
        },
        builtin(),
    );
    push(
        &|p| {
            p.scope = Scope::Fine;
            p.region = "xx-bare-1".into();
            p.management_ip = None;
        },
        bare_catalog(),
    );
    // What the cloud refuses or drops (tests/checks_limits.rs pins each one).
    push(
        &|p| {
            p.datacenter_cidrs = nets(&["127.0.0.0/8", "100.64.1.0/24"]);
            p.datacenter_cidrs.extend(
                (0..201).map(|i| format!("10.{i}.0.0/16").parse::<ipnet::Ipv4Net>().unwrap()),
            );
            p.vpc_cidrs = nets(&["192.168.0.0/16", "172.31.0.0/29"]);
            p.vswitch_cidrs = nets(&["192.168.1.0/30"]);
            p.apiserver_ip = Some("192.168.2.10".parse().unwrap());
            p.management_ip = Some("192.168.0.9".parse().unwrap());
            p.cloud_service_cidrs = nets(&["100.100.0.0/16"]);
        },
        builtin(),
    );
    push(
        &|p| {
            p.region = "cn-nanjing".into();
            p.apiserver_ip = Some("192.168.0.0".parse().unwrap());
        },
        builtin(),
    );
    // More pairs than are listed, across lists and inside one list.
    push(
        &|p| {
            let many: Vec<String> = (0..=200).map(|i| format!("10.0.{i}.0/24")).collect();
            let many: Vec<&str> = many.iter().map(String::as_str).collect();
            p.vpc_cidrs = nets(&many);
            p.vswitch_cidrs = nets(&["10.0.0.0/16"]);
            p.vswitch_cidrs.extend(nets(&many));
        },
        builtin(),
    );
    // What the devices have (the core crate's observed tests pin each one).
    out.extend(observed_faults().into_iter().map(|p| (p, builtin())));
    out
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
