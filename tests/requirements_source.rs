//! Requirements reproduce every table of the source document for its example plan, and
//! fine scope lists each region's exact ranges.

use edgeplan::catalog::Catalog;
use edgeplan::cli::show_text;
use edgeplan::hop::Hop;
use edgeplan::plan::{Cni, Plan, Scope, Transit};
use edgeplan::requirements::{Direction, RequirementKind, derive, derive_hop};

fn terway(transit: Transit) -> Plan {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    p.transit = transit;
    p.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
    p
}

/// The hop's requirements, one line each, as `show` prints them.
fn lines(plan: &Plan, hop: Hop) -> Vec<String> {
    derive(plan, Catalog::builtin())
        .hop(hop)
        .items
        .iter()
        .map(|r| r.kind.to_string())
        .collect()
}

fn has(plan: &Plan, hop: Hop, line: &str) -> bool {
    lines(plan, hop).iter().any(|l| l == line)
}

#[track_caller]
fn assert_has(plan: &Plan, hop: Hop, line: &str) {
    assert!(
        has(plan, hop, line),
        "{hop} lacks {line:?}; has {:#?}",
        lines(plan, hop)
    );
}

#[test]
fn core_switch_table_routes_cloud_blocks_to_the_vbr_and_bgp_with_terway() {
    let p = Plan::example();
    assert_has(
        &p,
        Hop::CoreSwitch,
        "inbound route 192.168.0.0/16 (VPC) -> VBR (via firewall, Express Connect)",
    );
    assert_has(
        &p,
        Hop::CoreSwitch,
        "inbound route 100.0.0.0/8 (cloud services) -> VBR (via firewall, Express Connect)",
    );
    assert_has(
        &p,
        Hop::CoreSwitch,
        "outbound route 10.0.0.0/8 (data center) -> server subnets (connected)",
    );
    assert!(!lines(&p, Hop::CoreSwitch).iter().any(|l| l.contains("BGP")));
    let t = terway(Transit::Ecr);
    assert!(
        lines(&t, Hop::CoreSwitch)
            .iter()
            .any(|l| l.starts_with("BGP") && l.contains("172.16.0.0/12"))
    );
}

#[test]
fn firewall_table_opens_cloud_blocks_and_flannel_vxlan_both_ways() {
    let p = Plan::example();
    assert_has(
        &p,
        Hop::Firewall,
        "allow outbound all traffic from 10.0.0.0/8 to 192.168.0.0/16, 100.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::Firewall,
        "allow inbound all traffic from 192.168.0.0/16, 100.0.0.0/8 to 10.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::Firewall,
        "allow outbound UDP 8472 from 10.0.0.0/8 to 192.168.0.0/16",
    );
    assert_has(
        &p,
        Hop::Firewall,
        "allow inbound UDP 8472 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert!(
        !lines(&terway(Transit::Ecr), Hop::Firewall)
            .iter()
            .any(|l| l.contains("8472"))
    );
    let mut fine = Plan::example();
    fine.scope = Scope::Fine;
    let cloud = "192.168.0.0/16, 100.118.28.0/24, 100.114.102.0/24, 100.98.170.0/24, 100.118.31.0/24, 100.103.9.188/32, 100.103.7.181/32, 100.103.42.233/32";
    assert_has(
        &fine,
        Hop::Firewall,
        &format!("allow outbound all traffic from 10.0.0.0/8 to {cloud}"),
    );
    assert_has(
        &fine,
        Hop::Firewall,
        &format!("allow inbound TCP 10250, 10255 from {cloud} to 10.0.0.0/8"),
    );
    assert_has(
        &fine,
        Hop::Firewall,
        &format!("allow inbound TCP 9100, 9445 from {cloud} to 10.0.0.0/8"),
    );
}

#[test]
fn vbr_transit_and_vpc_route_tables_match_the_source_for_both_transits_and_cnis() {
    for transit in [Transit::Ecr, Transit::Cen] {
        // ECR associates the VBR and the VPC; CEN attaches them (each product's word).
        let (name, link) = if transit == Transit::Ecr {
            ("ECR", "association")
        } else {
            ("CEN transit router", "attachment")
        };
        for p in [
            {
                let mut f = Plan::example();
                f.transit = transit;
                f
            },
            terway(transit),
        ] {
            assert_has(
                &p,
                Hop::Vbr,
                &format!("inbound route 192.168.0.0/16 (VPC) -> {name}"),
            );
            assert_has(
                &p,
                Hop::Vbr,
                &format!("inbound route 100.0.0.0/8 (cloud services) -> {name}"),
            );
            assert_has(
                &p,
                Hop::Vbr,
                "outbound route 10.0.0.0/8 (data center) -> Express Connect to core switch (via firewall)",
            );
            assert_has(
                &p,
                Hop::Transit,
                &format!("inbound route 192.168.0.0/16 (VPC) -> VPC {link}"),
            );
            assert_has(
                &p,
                Hop::Transit,
                &format!("inbound route 100.0.0.0/8 (cloud services) -> VPC {link}"),
            );
            assert_has(
                &p,
                Hop::Transit,
                &format!("outbound route 10.0.0.0/8 (data center) -> VBR {link}"),
            );
            assert_has(
                &p,
                Hop::VpcRouteTable,
                &format!("outbound route 10.0.0.0/8 (data center) -> {name}"),
            );
            assert!(lines(&p, Hop::VpcRouteTable)[0].starts_with("Inbound: nothing to add"));
            let containers = [
                (Hop::Vbr, "outbound route 172.16.0.0/12 (edge containers) -> Express Connect to core switch (via firewall)".to_string()),
                (Hop::Transit, format!("outbound route 172.16.0.0/12 (edge containers) -> VBR {link}")),
                (Hop::VpcRouteTable, format!("outbound route 172.16.0.0/12 (edge containers) -> {name}")),
            ];
            for (hop, line) in containers {
                assert_eq!(
                    has(&p, hop, &line),
                    p.cni == Cni::TerwayEdge,
                    "{hop} {line}"
                );
            }
        }
    }
}

#[test]
fn security_group_table_allows_the_data_center_with_fine_ports_and_flannel() {
    let p = Plan::example();
    assert_has(
        &p,
        Hop::SecurityGroup,
        "allow outbound all traffic from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::SecurityGroup,
        "allow inbound all traffic from 10.0.0.0/8 to 192.168.0.0/16",
    );
    assert_has(
        &p,
        Hop::SecurityGroup,
        "allow outbound UDP 8472 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::SecurityGroup,
        "allow inbound UDP 8472 from 10.0.0.0/8 to 192.168.0.0/16",
    );
    let mut fine = Plan::example();
    fine.scope = Scope::Fine;
    assert_has(
        &fine,
        Hop::SecurityGroup,
        "allow outbound TCP 10250, 10255 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &fine,
        Hop::SecurityGroup,
        "allow outbound TCP 9100, 9445 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &fine,
        Hop::SecurityGroup,
        "allow inbound TCP 6443 from 10.0.0.0/8 to 192.168.0.0/16",
    );
}

#[test]
fn edge_node_inbound_ports_follow_the_source_table_and_narrow_to_vswitches() {
    let mut p = Plan::example();
    assert_has(
        &p,
        Hop::EdgeNode,
        "allow inbound TCP 10250, 10255 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::EdgeNode,
        "allow inbound TCP 9100, 9445 from 192.168.0.0/16 to 10.0.0.0/8",
    );
    assert_has(
        &p,
        Hop::EdgeNode,
        "allow inbound UDP 8472 from 192.168.0.0/16, 10.0.0.0/8 to 10.0.0.0/8",
    );
    p.vswitch_cidrs = vec!["192.168.1.0/24".parse().unwrap()];
    assert_has(
        &p,
        Hop::EdgeNode,
        "allow inbound TCP 10250, 10255 from 192.168.1.0/24 to 10.0.0.0/8",
    );
    assert!(
        !lines(&terway(Transit::Cen), Hop::EdgeNode)
            .iter()
            .any(|l| l.contains("8472"))
    );
}

#[test]
fn edge_node_outbound_endpoints_fill_in_the_region_and_ports() {
    let mut p = Plan::example();
    p.region = "eu-central-1".into();
    p.apiserver_ip = Some("192.168.0.10".parse().unwrap());
    let l = lines(&p, Hop::EdgeNode);
    let want = [
        "Container Service control plane: cs-anony-vpc.eu-central-1.aliyuncs.com [port not given by the source]",
        "OSS installation package: aliacs-k8s-eu-central-1.oss-eu-central-1-internal.aliyuncs.com [port not given by the source] routes 100.115.154.0/24",
        "API server internal endpoint: 192.168.0.10 [TCP 6443] routes 192.168.0.10/32",
        "NTP: ntp1.aliyun.com cn.ntp.org.cn [UDP 123]",
        "System add-on image registry endpoint: registry-eu-central-1-vpc.ack.aliyuncs.com [TCP 443] routes 100.100.0.92/32 100.100.80.155/32",
    ];
    for w in want {
        assert!(
            l.iter().any(|x| x.starts_with(w)),
            "missing {w:?} in {l:#?}"
        );
    }
    assert!(l.iter().any(|x| x.starts_with("System tools: net-tools iproute chrony (or ntpdate) crontabs pciutils socat ebtables iptables conntrack-tools")));
}

#[test]
fn fine_scope_lists_each_regions_exact_ranges_on_every_inbound_route() {
    for region in &Catalog::builtin().regions {
        let mut p = Plan::example();
        p.scope = Scope::Fine;
        p.region = region.id.clone();
        let mut want: Vec<String> = vec!["192.168.0.0/16".into()];
        want.extend(
            region
                .oss_vips()
                .unwrap_or(&[])
                .iter()
                .map(|n| n.to_string()),
        );
        want.extend(region.registry_routes().iter().map(|n| n.to_string()));
        want.push("100.103.42.233/32".into());
        let reqs = derive(&p, Catalog::builtin());
        for hop in [Hop::CoreSwitch, Hop::Vbr, Hop::Transit] {
            let got: Vec<String> = reqs
                .hop(hop)
                .items
                .iter()
                .filter_map(|r| match &r.kind {
                    RequirementKind::Route(route) if route.direction == Direction::Inbound => {
                        Some(route.destination.net.to_string())
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(got, want, "{} {hop}", region.id);
        }
    }
}

#[test]
fn every_requirement_carries_a_one_line_reason() {
    for plan in [Plan::example(), terway(Transit::Cen)] {
        for hop in derive(&plan, Catalog::builtin()).hops {
            assert!(!hop.items.is_empty(), "{} has requirements", hop.hop);
            for r in hop.items {
                assert!(
                    r.reason.len() > 20 && !r.reason.contains('\n'),
                    "{}: {:?}",
                    hop.hop,
                    r.reason
                );
            }
        }
    }
}

#[test]
fn show_prints_the_path_and_every_hop_with_reasons() {
    let text = show_text(&terway(Transit::Cen));
    assert!(text.contains("Path:    Edge nodes [10.0.0.0/8] -> Core switch -> Firewall -> Express Connect -> VBR -> CEN -> VPC route table [192.168.0.0/16] -> Security group"));
    for hop in Hop::ALL {
        assert!(text.contains(&format!("({}) ==", hop.id())), "{hop}");
    }
    assert_eq!(
        text.matches("\n  - ").count(),
        text.matches("\n      why: ").count()
    );
}

#[test]
fn one_hop_derived_alone_is_that_hop_of_the_whole_derivation() {
    let mut fine = terway(Transit::Cen);
    fine.scope = Scope::Fine;
    fine.vswitch_cidrs = vec!["192.168.1.0/24".parse().unwrap()];
    for plan in [Plan::example(), terway(Transit::Ecr), fine] {
        let all = derive(&plan, Catalog::builtin());
        for hop in Hop::ALL {
            assert_eq!(
                derive_hop(&plan, Catalog::builtin(), hop),
                *all.hop(hop),
                "{hop}"
            );
        }
    }
}

#[test]
fn a_plan_without_a_region_names_its_endpoints_with_the_region_placeholder() {
    let plan = edgeplan::plan::Plan::empty();
    let reqs = edgeplan::requirements::derive(&plan, edgeplan::Catalog::builtin());
    let mut seen = false;
    for r in &reqs.hop(edgeplan::hop::Hop::EdgeNode).items {
        let (what, why) = (r.kind.to_string(), r.reason.to_string());
        assert!(
            !what.contains("..") && !why.contains(".."),
            "{what} / {why}"
        );
        assert!(!why.contains(" 's "), "{why}");
        seen |= what.contains("cs-anony-vpc.{region}.aliyuncs.com");
    }
    assert!(seen, "the control plane endpoint is named with {{region}}");
}

#[test]
fn terway_edge_without_container_blocks_asks_for_bgp_without_an_empty_list() {
    let mut plan = Plan::example();
    plan.cni = Cni::TerwayEdge;
    plan.container_cidrs.clear();
    let reqs = derive(&plan, Catalog::builtin());
    let bgp: Vec<String> = reqs
        .hop(Hop::CoreSwitch)
        .items
        .iter()
        .map(|r| r.kind.to_string())
        .filter(|t| t.starts_with("BGP"))
        .collect();
    assert_eq!(
        bgp,
        ["BGP on the core switch and switches, learning container routes from Terway Edge"]
    );
}
