//! The rules about the plan's block lists: overlaps between lists, blocks in reserved or
//! public ranges, the whole address space, and redundant entries inside one list.

mod checks_support;

use checks_support::*;
use edgeplan::catalog::Catalog;
use edgeplan::checks::{Severity, check};
use edgeplan::hop::Hop::{self, *};
use edgeplan::plan::Plan;

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
