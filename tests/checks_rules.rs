//! Each rule of the checks: a broken plan fails on the right hops with a message naming
//! the values, and a near-miss plan passes.

use edgeplan::catalog::Catalog;
use edgeplan::checks::{Report, Severity, check};
use edgeplan::hop::Hop::{self, *};
use edgeplan::plan::{Cni, Plan, Scope};

fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

fn nets(list: &[&str]) -> Vec<ipnet::Ipv4Net> {
    list.iter().map(|s| net(s)).collect()
}

fn terway() -> Plan {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    p.container_cidrs = nets(&["172.16.0.0/12"]);
    p
}

/// The one finding with `code`; fails when there is none or several.
fn only(report: &Report, code: &str) -> edgeplan::Finding {
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code.id() == code)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code}, got {:#?}",
        report.findings
    );
    found[0].clone()
}

fn assert_clean(plan: &Plan) {
    let r = check(plan, Catalog::builtin());
    assert!(
        r.findings.is_empty(),
        "expected no errors or warnings, got {:#?}",
        r.findings
    );
}

fn assert_error(plan: &Plan, code: &str, hops: &[Hop], words: &[&str]) {
    let f = only(&check(plan, Catalog::builtin()), code);
    assert_eq!(f.severity, Severity::Error, "{f:?}");
    assert_eq!(f.hops, hops, "{f:?}");
    for w in words {
        assert!(f.message.contains(w), "{:?} should name {w}", f.message);
    }
    assert!(!f.fix.is_empty());
}

#[test]
fn the_source_example_checks_clean_for_both_cnis_and_both_transits() {
    for transit in [edgeplan::Transit::Ecr, edgeplan::Transit::Cen] {
        let mut flannel = Plan::example();
        flannel.transit = transit;
        assert_clean(&flannel);
        let mut t = terway();
        t.transit = transit;
        assert_clean(&t);
        t.scope = Scope::Fine;
        assert_clean(&t);
    }
}

#[test]
fn terway_without_container_cidr_breaks_vbr_transit_and_route_table() {
    let mut p = terway();
    p.container_cidrs.clear();
    assert_error(
        &p,
        "terway-without-container-cidr",
        &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        &["container_cidrs"],
    );
    assert!(
        only(
            &check(&p, Catalog::builtin()),
            "terway-without-container-cidr"
        )
        .fix
        .contains("172.16.0.0/12")
    );
}

#[test]
fn flannel_with_container_cidr_is_a_warning_not_an_error() {
    let mut p = Plan::example();
    p.container_cidrs = nets(&["172.16.0.0/12"]);
    let r = check(&p, Catalog::builtin());
    let f = only(&r, "flannel-container-cidr-unused");
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.message.contains("172.16.0.0/12"));
    assert!(r.ok());
}

#[test]
fn datacenter_vpc_overlap_is_found_in_each_direction_of_containment() {
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&["10.20.0.0/16"]);
    assert_error(
        &p,
        "overlap-datacenter-vpc",
        &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        &["data center 10.0.0.0/8 contains VPC 10.20.0.0/16"],
    );
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["192.168.8.0/24"]);
    assert_error(
        &p,
        "overlap-datacenter-vpc",
        &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        &["data center 192.168.8.0/24 lies inside VPC 192.168.0.0/16"],
    );
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["192.168.0.0/16"]);
    assert_error(
        &p,
        "overlap-datacenter-vpc",
        &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        &["is the same block as"],
    );
    let mut near = Plan::example();
    near.datacenter_cidrs = nets(&["192.169.0.0/16"]);
    assert!(
        !check(&near, Catalog::builtin())
            .findings
            .iter()
            .any(|f| f.code.id().starts_with("overlap"))
    );
}

#[test]
fn every_pair_of_block_sets_is_checked_for_overlap() {
    type Case = (&'static str, fn(&mut Plan), &'static [Hop]);
    let cases: [Case; 9] = [
        (
            "overlap-datacenter-container",
            |p| p.container_cidrs = nets(&["10.1.0.0/16"]),
            &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        ),
        (
            "overlap-datacenter-cloud-service",
            |p| p.datacenter_cidrs = nets(&["100.100.0.0/16"]),
            &[CoreSwitch, Firewall, Vbr, Transit],
        ),
        (
            "overlap-datacenter-service",
            |p| p.service_cidr = Some(net("10.96.0.0/12")),
            &[EdgeNode],
        ),
        (
            "overlap-vpc-container",
            |p| p.container_cidrs = nets(&["192.168.128.0/17"]),
            &[Vbr, Transit, VpcRouteTable],
        ),
        (
            "overlap-vpc-cloud-service",
            |p| p.cloud_service_cidrs = nets(&["192.168.100.0/24", "100.0.0.0/8"]),
            &[Transit, VpcRouteTable],
        ),
        (
            "overlap-vpc-service",
            |p| p.service_cidr = Some(net("192.168.240.0/20")),
            &[EdgeNode],
        ),
        (
            "overlap-container-cloud-service",
            |p| p.container_cidrs = nets(&["100.64.0.0/16"]),
            &[CoreSwitch, Vbr, Transit],
        ),
        (
            "overlap-container-service",
            |p| p.service_cidr = Some(net("172.21.0.0/20")),
            &[EdgeNode],
        ),
        (
            "overlap-cloud-service-service",
            |p| p.service_cidr = Some(net("100.100.0.0/20")),
            &[EdgeNode],
        ),
    ];
    for (code, breaks, hops) in cases {
        let mut p = terway();
        breaks(&mut p);
        assert_error(&p, code, hops, &[]);
    }
    let mut near = terway();
    near.service_cidr = Some(net("172.32.0.0/20"));
    assert_clean(&near);
}

#[test]
fn vswitch_outside_the_vpc_breaks_the_edge_node_rules() {
    let mut p = Plan::example();
    p.vswitch_cidrs = nets(&["192.168.1.0/24", "172.31.0.0/24"]);
    assert_error(
        &p,
        "vswitch-outside-vpc",
        &[EdgeNode],
        &["172.31.0.0/24", "192.168.0.0/16"],
    );
    p.vswitch_cidrs.pop();
    assert_clean(&p);
}

#[test]
fn apiserver_outside_the_vpc_breaks_edge_node_and_security_group() {
    let mut p = Plan::example();
    p.apiserver_ip = Some("10.0.0.10".parse().unwrap());
    assert_error(
        &p,
        "apiserver-outside-vpc",
        &[EdgeNode, SecurityGroup],
        &["10.0.0.10"],
    );
    p.apiserver_ip = Some("192.168.0.10".parse().unwrap());
    assert_clean(&p);
}

#[test]
fn vpc_blocks_in_rejected_ranges_are_errors_and_public_ones_warnings() {
    for bad in [
        "100.64.0.0/16",
        "224.0.0.0/8",
        "127.0.0.0/16",
        "169.254.0.0/24",
        "96.0.0.0/3",
    ] {
        let mut p = Plan::example();
        p.vpc_cidrs = nets(&[bad]);
        p.cloud_service_cidrs = nets(&["100.96.0.0/11"]);
        p.management_ip = None;
        let f = only(&check(&p, Catalog::builtin()), "vpc-reserved-range");
        assert_eq!(f.hops, [VpcRouteTable, SecurityGroup]);
        assert!(f.message.contains(bad));
    }
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&["47.0.0.0/16"]);
    let f = only(&check(&p, Catalog::builtin()), "vpc-not-private");
    assert_eq!(f.severity, Severity::Warning);
    p.vpc_cidrs = nets(&["172.31.0.0/16"]);
    assert_clean(&p);
}

#[test]
fn the_whole_address_space_in_any_list_is_an_error() {
    let mut p = Plan::example();
    p.datacenter_cidrs.push(net("0.0.0.0/0"));
    let f = only(&check(&p, Catalog::builtin()), "default-route");
    assert!(f.message.contains("datacenter_cidrs contains 0.0.0.0/0"));
    assert!(f.hops.contains(&Vbr));
    let mut p = Plan::example();
    p.cloud_service_cidrs = nets(&["0.0.0.0/0"]);
    assert!(
        only(&check(&p, Catalog::builtin()), "default-route")
            .hops
            .contains(&Firewall)
    );
}

#[test]
fn redundant_entries_inside_one_list_are_warnings() {
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "10.1.0.0/16"]);
    let f = only(&check(&p, Catalog::builtin()), "redundant-entry");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message
            .contains("10.1.0.0/16, which lies inside 10.0.0.0/8"),
        "{}",
        f.message
    );
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "10.0.0.0/8"]);
    assert!(
        only(&check(&p, Catalog::builtin()), "redundant-entry")
            .message
            .contains("twice")
    );
    p.datacenter_cidrs = nets(&["10.0.0.0/9", "10.128.0.0/9"]);
    assert_clean(&p);
}

#[test]
fn fine_scope_needs_known_oss_vips_and_a_management_address() {
    let mut p = Plan::example();
    p.scope = Scope::Fine;
    p.region = "cn-shanghai".into();
    p.management_ip = Some("100.100.1.1".parse().unwrap());
    assert_error(
        &p,
        "fine-scope-oss-unknown",
        &[CoreSwitch, Firewall, Vbr, Transit],
        &["cn-shanghai"],
    );
    p.region = "ap-northeast-2".into();
    assert_clean(&p);
    p.management_ip = None;
    assert_error(
        &p,
        "fine-scope-no-management",
        &[CoreSwitch, Firewall, Vbr, Transit],
        &["cs-anony-vpc.ap-northeast-2.aliyuncs.com"],
    );
}

#[test]
fn a_region_missing_from_the_registry_table_is_an_error() {
    let mut p = Plan::example();
    p.region = "cn-nanjing".into();
    assert_error(
        &p,
        "region-without-registry",
        &[EdgeNode, CoreSwitch, Firewall],
        &["cn-nanjing"],
    );
    p.region = "cn-fuzhou".into();
    assert_clean(&p);
}

#[test]
fn empty_required_lists_are_errors() {
    let mut p = Plan::example();
    p.datacenter_cidrs.clear();
    assert_eq!(
        only(&check(&p, Catalog::builtin()), "no-datacenter-cidr").severity,
        Severity::Error
    );
    let mut p = Plan::example();
    p.vpc_cidrs.clear();
    assert_eq!(
        only(&check(&p, Catalog::builtin()), "no-vpc-cidr").severity,
        Severity::Error
    );
    let mut p = Plan::example();
    p.cloud_service_cidrs.clear();
    assert_eq!(
        only(&check(&p, Catalog::builtin()), "no-cloud-service-cidr").severity,
        Severity::Error
    );
    p.scope = Scope::Fine;
    assert_clean(&p);
}

#[test]
fn a_management_address_no_route_reaches_is_a_warning() {
    let mut p = Plan::example();
    p.management_ip = Some("47.1.2.3".parse().unwrap());
    assert_eq!(
        only(&check(&p, Catalog::builtin()), "management-not-routed").severity,
        Severity::Warning
    );
}

#[test]
fn findings_light_up_the_hops_they_break_and_only_those() {
    let mut p = terway();
    p.container_cidrs.clear();
    let r = check(&p, Catalog::builtin());
    assert_eq!(r.worst(Vbr), Some(Severity::Error));
    assert_eq!(r.worst(Firewall), None);
    assert_eq!(r.worst(SecurityGroup), None);
}

#[test]
fn many_duplicates_in_one_list_do_not_hide_an_overlap_between_lists() {
    let mut p = Plan::example();
    p.datacenter_cidrs = vec![net("10.0.0.0/8"); 500];
    p.vpc_cidrs = nets(&["10.1.0.0/16"]);
    let r = check(&p, Catalog::builtin());
    let overlap = only(&r, "overlap-datacenter-vpc");
    assert!(
        overlap.message.contains("10.1.0.0/16"),
        "{}",
        overlap.message
    );
    assert!(!r.ok());
}

#[test]
fn a_vswitch_outside_a_long_vpc_list_names_three_blocks_and_counts_the_rest() {
    let mut p = Plan::example();
    p.vpc_cidrs = (0..2000u32)
        .map(|i| ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(0x0a00_0000 + (i << 8)), 24).unwrap())
        .collect();
    p.vswitch_cidrs = nets(&["192.168.1.0/24"]);
    let f = only(&check(&p, Catalog::builtin()), "vswitch-outside-vpc");
    assert_eq!(
        f.message,
        "vSwitch 192.168.1.0/24 is not inside the VPC (10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24 and 1,997 more)"
    );
}

#[test]
fn a_vswitch_inside_any_of_many_nested_vpc_blocks_is_inside() {
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&[
        "192.168.0.0/16",
        "192.168.1.0/24",
        "10.0.0.0/25",
        "10.0.0.128/25",
    ]);
    p.vswitch_cidrs = nets(&["192.168.1.0/26", "10.0.0.128/26"]);
    assert!(
        !check(&p, Catalog::builtin())
            .findings
            .iter()
            .any(|f| f.code.id() == "vswitch-outside-vpc")
    );
    // Covered by two blocks together, but inside neither.
    p.vswitch_cidrs = nets(&["10.0.0.0/24"]);
    only(&check(&p, Catalog::builtin()), "vswitch-outside-vpc");
}
