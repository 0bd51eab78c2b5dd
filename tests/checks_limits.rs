//! What the cloud refuses or drops, beyond the source's tables (prefix ranges, reserved
//! addresses and ranges, route and rule budgets), and the region's destinations broad
//! scope must still cover: a broken plan fails on the right hops with the right subject;
//! a near miss stays green.

mod verdicts;

use edgeplan::Finding;
use edgeplan::catalog::Catalog;
use edgeplan::checks::{FindingCode, Severity};
use edgeplan::hop::Hop::*;
use edgeplan::plan::{Cni, Field, Plan, Scope};
use edgeplan::requirements::{Direction, RequirementKind, derive};
use verdicts::*;

// Item 3: what the cloud refuses.

#[test]
fn vpc_blocks_must_be_slash_8_to_slash_28() {
    let mut p = Plan::example();
    p.vpc_cidrs = nets(&["192.168.0.0/16", "172.31.0.0/29"]);
    let f = only(
        &p,
        FindingCode::VpcPrefixOutOfRange,
        Severity::Error,
        &[VpcRouteTable, SecurityGroup],
        &[at(Field::VpcCidrs, 1)],
    );
    assert!(
        f.message.contains("172.31.0.0/29") && f.message.contains("/8 to /28"),
        "{}",
        f.message
    );
    assert!(
        f.message
            .contains("beyond the source: Alibaba Cloud VPC documentation")
    );
    p.vpc_cidrs = nets(&["172.0.0.0/7"]);
    assert_eq!(found(&p, FindingCode::VpcPrefixOutOfRange).len(), 1);
    p.vpc_cidrs = nets(&["192.168.0.0/16", "172.31.0.0/28"]);
    assert_clean(&p);
}

#[test]
fn vswitch_blocks_must_be_slash_16_to_slash_29() {
    let mut p = Plan::example();
    p.vswitch_cidrs = nets(&["192.168.1.0/30"]);
    let f = only(
        &p,
        FindingCode::VswitchPrefixOutOfRange,
        Severity::Error,
        &[EdgeNode],
        &[at(Field::VswitchCidrs, 0)],
    );
    assert!(f.message.contains("/16 to /29"), "{}", f.message);
    p.vswitch_cidrs = nets(&["192.168.0.0/15"]);
    assert_eq!(found(&p, FindingCode::VswitchPrefixOutOfRange).len(), 1);
    p.vswitch_cidrs = nets(&["192.168.1.0/29", "192.168.2.0/24"]);
    assert_clean(&p);
    p.vswitch_cidrs = nets(&["192.168.0.0/16"]);
    assert_clean(&p);
}

#[test]
fn blocks_inside_the_shared_space_cannot_be_routed_back_from_the_vpc() {
    let mut p = terway();
    p.scope = Scope::Fine;
    p.container_cidrs = nets(&["100.127.0.0/16"]);
    let f = only(
        &p,
        FindingCode::VpcRouteInSharedSpace,
        Severity::Error,
        &[VpcRouteTable],
        &[at(Field::ContainerCidrs, 0)],
    );
    assert!(
        f.message.contains("100.127.0.0/16") && f.message.contains("100.64.0.0/10"),
        "{}",
        f.message
    );
    let mut dc = Plan::example();
    dc.datacenter_cidrs = nets(&["10.0.0.0/8", "100.64.1.0/24"]);
    only(
        &dc,
        FindingCode::VpcRouteInSharedSpace,
        Severity::Error,
        &[VpcRouteTable],
        &[at(Field::DatacenterCidrs, 1)],
    );
    // Just outside 100.64.0.0/10, and away from the region's cloud blocks.
    p.container_cidrs = nets(&["100.128.0.0/16"]);
    assert_clean(&p);
}

#[test]
fn blocks_in_never_routed_ranges_fail_every_routing_hop() {
    let mut p = Plan::example();
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "169.254.0.0/16"]);
    let f = only(
        &p,
        FindingCode::UnroutableBlock,
        Severity::Error,
        &[CoreSwitch, Vbr, Transit, VpcRouteTable],
        &[at(Field::DatacenterCidrs, 1)],
    );
    assert!(
        f.message.contains("link-local") && f.message.contains("RFC 6890"),
        "{}",
        f.message
    );
    for bad in ["0.0.0.0/8", "127.0.0.0/16", "224.0.0.0/24", "240.0.0.0/4"] {
        let mut t = terway();
        t.container_cidrs = nets(&[bad]);
        only(
            &t,
            FindingCode::UnroutableBlock,
            Severity::Error,
            &[CoreSwitch, Vbr, Transit, VpcRouteTable],
            &[at(Field::ContainerCidrs, 0)],
        );
    }
    // Near misses: next to the ranges, and a Flannel container block nobody routes.
    p.datacenter_cidrs = nets(&["10.0.0.0/8", "169.253.0.0/16", "223.255.0.0/16"]);
    assert_clean(&p);
    let mut f = Plan::example();
    f.container_cidrs = nets(&["127.0.0.0/8"]);
    assert_none(&f, FindingCode::UnroutableBlock);
}

#[test]
fn the_api_server_address_must_be_usable_in_its_vswitch() {
    let mut p = Plan::example();
    p.vswitch_cidrs = nets(&["192.168.1.0/24"]);
    let subject = [whole(Field::ApiserverIp), at(Field::VswitchCidrs, 0)];
    for reserved in [
        "192.168.1.0",
        "192.168.1.253",
        "192.168.1.254",
        "192.168.1.255",
    ] {
        p.apiserver_ip = Some(reserved.parse().unwrap());
        let f = only(
            &p,
            FindingCode::ApiserverReservedAddress,
            Severity::Error,
            &[EdgeNode, SecurityGroup],
            &subject,
        );
        assert!(f.fix.contains("192.168.1.1 to 192.168.1.252"), "{}", f.fix);
    }
    p.apiserver_ip = Some("192.168.2.10".parse().unwrap());
    only(
        &p,
        FindingCode::ApiserverOutsideVswitch,
        Severity::Error,
        &[EdgeNode, SecurityGroup],
        &[whole(Field::ApiserverIp), whole(Field::VswitchCidrs)],
    );
    for usable in ["192.168.1.1", "192.168.1.252"] {
        p.apiserver_ip = Some(usable.parse().unwrap());
        assert_clean(&p);
    }
}

#[test]
fn without_vswitches_the_vpc_blocks_ends_are_reserved_in_every_vswitch() {
    let mut p = Plan::example();
    p.apiserver_ip = Some("192.168.255.253".parse().unwrap());
    only(
        &p,
        FindingCode::ApiserverReservedAddress,
        Severity::Error,
        &[EdgeNode, SecurityGroup],
        &[whole(Field::ApiserverIp)],
    );
    p.apiserver_ip = Some("192.168.255.252".parse().unwrap());
    assert_clean(&p);
}

/// The count a budget warning names.
fn count_in(f: &Finding) -> usize {
    let digits: String = f
        .message
        .split_whitespace()
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .unwrap_or_default()
        .replace(',', "");
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no count in {}", f.message))
}

#[test]
fn route_budgets_warn_with_the_count_past_the_limit_only() {
    let mut p = terway();
    p.datacenter_cidrs = dc_blocks(199);
    assert_none(&p, FindingCode::VpcRouteBudget); // 199 + 1 container block = 200
    p.datacenter_cidrs = dc_blocks(200);
    let subject = [whole(Field::DatacenterCidrs), whole(Field::ContainerCidrs)];
    let f = only(
        &p,
        FindingCode::VpcRouteBudget,
        Severity::Warning,
        &[VpcRouteTable],
        &subject,
    );
    assert_eq!(count_in(&f), 201, "{}", f.message);
    assert!(f.message.contains("200"));

    p.datacenter_cidrs = dc_blocks(109);
    assert_none(&p, FindingCode::VbrBgpRouteBudget); // 110 with the container block
    p.datacenter_cidrs = dc_blocks(110);
    let f = only(
        &p,
        FindingCode::VbrBgpRouteBudget,
        Severity::Warning,
        &[Vbr],
        &subject,
    );
    assert_eq!(count_in(&f), 111, "{}", f.message);

    let mut flannel = Plan::example();
    flannel.datacenter_cidrs = dc_blocks(110);
    flannel.container_cidrs = nets(&["172.16.0.0/12"]); // Flannel routes no container block
    assert_none(&flannel, FindingCode::VbrBgpRouteBudget);
}

fn derived_sg_rules(plan: &Plan) -> usize {
    let reqs = derive(plan, Catalog::builtin());
    reqs.hop(SecurityGroup)
        .items
        .iter()
        .map(|item| match &item.kind {
            RequirementKind::Rule(r) => {
                let peers = match r.direction {
                    Direction::Inbound => r.from.len(),
                    Direction::Outbound => r.to.len(),
                };
                peers * r.ports.len().max(1)
            }
            _ => 0,
        })
        .sum()
}

#[test]
fn the_security_group_budget_counts_the_derived_rules_one_per_block_and_port() {
    for cni in [Cni::Flannel, Cni::TerwayEdge] {
        for scope in [Scope::Broad, Scope::Fine] {
            let mut p = terway();
            p.cni = cni;
            p.scope = scope;
            p.datacenter_cidrs = dc_blocks(120);
            let f = only(
                &p,
                FindingCode::SecurityGroupRuleBudget,
                Severity::Warning,
                &[SecurityGroup],
                &found(&p, FindingCode::SecurityGroupRuleBudget)[0].subject,
            );
            assert_eq!(
                count_in(&f),
                derived_sg_rules(&p),
                "{cni:?} {scope:?}: {}",
                f.message
            );
        }
    }
    // Near miss: broad Terway Edge, 99 data center blocks and 1 container block: 200 rules.
    let mut p = terway();
    p.datacenter_cidrs = dc_blocks(99);
    assert_eq!(derived_sg_rules(&p), 200);
    assert_none(&p, FindingCode::SecurityGroupRuleBudget);
}

// Item 4: broad scope must still cover the region's cloud destinations.

#[test]
fn a_narrowed_cloud_service_list_must_cover_the_regions_registry_and_oss_blocks() {
    let mut p = Plan::example();
    p.cloud_service_cidrs = nets(&["100.103.0.0/16"]);
    let f = only(
        &p,
        FindingCode::CloudServiceUncovered,
        Severity::Error,
        &[CoreSwitch, Firewall, Vbr, Transit],
        &[whole(Field::CloudServiceCidrs), whole(Field::Scope)],
    );
    assert!(
        f.message.contains("oss-cn-hangzhou-internal.aliyuncs.com"),
        "{}",
        f.message
    );
    for block in [
        "100.118.28.0/24",
        "100.114.102.0/24",
        "100.98.170.0/24",
        "100.118.31.0/24",
    ] {
        assert!(
            f.message.contains(block) && f.fix.contains(block),
            "{block}: {f:?}"
        );
    }
    assert!(
        !f.message.contains("registry"),
        "the registry is covered: {}",
        f.message
    );
    p.cloud_service_cidrs = nets(&["100.118.0.0/16", "100.114.0.0/16", "100.98.0.0/16"]);
    let f = only(
        &p,
        FindingCode::CloudServiceUncovered,
        Severity::Error,
        &[CoreSwitch, Firewall, Vbr, Transit],
        &[whole(Field::CloudServiceCidrs), whole(Field::Scope)],
    );
    assert!(
        f.message
            .contains("registry-cn-hangzhou-vpc.ack.aliyuncs.com")
            && f.message.contains("100.103.9.188/32")
            && f.message.contains("100.103.7.181/32"),
        "{}",
        f.message
    );
    // Near miss: every block covered by narrower entries.
    p.cloud_service_cidrs.push(net("100.103.0.0/16"));
    assert_clean(&p);
}

#[test]
fn a_long_list_of_bad_blocks_lists_two_hundred_and_counts_the_rest() {
    let mut p = Plan::example();
    p.vswitch_cidrs = (0..1000)
        .map(|i| net(&format!("192.168.{}.{}/30", i / 64, (i % 64) * 4)))
        .collect();
    let all = found(&p, FindingCode::VswitchPrefixOutOfRange);
    assert_eq!(all.len(), 201);
    let last = all.last().unwrap();
    assert_eq!(last.subject, [whole(Field::VswitchCidrs)]);
    assert!(
        last.message
            .starts_with("800 more entries of vswitch_cidrs"),
        "{}",
        last.message
    );
}
