//! Each rule of the checks about the plan's choices and single values: a broken plan fails
//! on the right hops with a message naming the values, and a near-miss plan passes. The
//! rules about how block lists overlap are in `checks_overlaps.rs`.

mod checks_support;

use checks_support::*;
use edgeplan::catalog::Catalog;
use edgeplan::checks::{Severity, check};
use edgeplan::hop::Hop::*;
use edgeplan::plan::{Plan, Scope};

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
