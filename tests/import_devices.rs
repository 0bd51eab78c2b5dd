//! Each captured device output in `tests/fixtures/devices/` imports to exactly the routes
//! or rules it shows, with next hops mapped onto the example plan's path (core switch
//! 10.255.0.2 ↔ VBR 10.255.0.1, DC 10.0.0.0/8, VPC 192.168.0.0/16).

use edgeplan_core::hop::Hop;
use edgeplan_core::import::{self, Format, ImportContext, Imported, NoteKind};
use edgeplan_core::observed::{
    Direction, NextHop, PathNode, PortRange, Ports, Protocol, RouteEntry, RuleAction, RuleEntry,
};
use edgeplan_core::plan::Transit;
use std::net::Ipv4Addr;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/devices")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

fn context(transit: Transit) -> ImportContext {
    ImportContext {
        transit,
        vbr_peer_ip: Some(Ipv4Addr::new(10, 255, 0, 1)),
    }
}

fn import(name: &str, hop: Hop, transit: Transit) -> Imported {
    import::read(&fixture(name), hop, &context(transit)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// `(destination, next hop word, inactive status)` of each route, in order.
fn routes(imported: &Imported) -> Vec<(String, String, Option<String>)> {
    imported
        .routes
        .iter()
        .map(|r: &RouteEntry| {
            (
                r.destination.to_string(),
                r.next_hop.word().to_string(),
                r.inactive.clone(),
            )
        })
        .collect()
}

fn active(dest: &str, next_hop: &str) -> (String, String, Option<String>) {
    (dest.to_string(), next_hop.to_string(), None)
}

fn kinds(imported: &Imported) -> Vec<NoteKind> {
    imported.notes.iter().map(|n| n.kind).collect()
}

#[test]
fn vpc_route_entries_map_ecr_to_the_transit_and_keep_pending_routes_inactive() {
    let got = import(
        "vpc-describe-route-entry-list.json",
        Hop::VpcRouteTable,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::VpcRouteEntries);
    assert_eq!(
        routes(&got),
        [
            active("10.0.0.0/8", "transit"),
            active("10.20.0.0/16", "Attachment:tr-attach-vx6iwhjr1x1j78****"),
            (
                "10.30.0.0/16".into(),
                "transit".into(),
                Some("Pending".into())
            ),
            active("0.0.0.0/0", "NatGateway:ngw-bp1uewa15k4iy5770****"),
        ]
    );
    assert_eq!(got.inactive_routes().count(), 1);
    // The attachment is a transit router, but this plan's transit is the ECR.
    assert_eq!(kinds(&got), [NoteKind::OffPath, NoteKind::OffPath]);
    assert!(
        got.notes[0].text.contains("plan's transit is ecr"),
        "{:?}",
        got.notes
    );
}

#[test]
fn vpc_route_entries_in_a_cen_plan_send_the_attachment_to_the_transit_and_the_ecr_away() {
    let got = import(
        "vpc-describe-route-entry-list.json",
        Hop::VpcRouteTable,
        Transit::Cen,
    );
    assert_eq!(got.routes[0].next_hop.word(), "Ecr:<AssociationId>");
    assert_eq!(
        got.routes[1].next_hop,
        NextHop::Neighbour(PathNode::Transit)
    );
}

#[test]
fn cen_route_entries_map_vbr_and_vpc_attachments_and_keep_blackhole_and_rejected() {
    let got = import(
        "cen-list-transit-router-route-entries.json",
        Hop::Transit,
        Transit::Cen,
    );
    assert_eq!(got.format, Format::CenRouteEntries);
    assert_eq!(
        routes(&got),
        [
            active("10.0.0.0/8", "vbr"),
            active("192.168.0.0/16", "vpc"),
            active("10.99.0.0/16", "blackhole"),
            ("10.10.0.0/16".into(), "vbr".into(), Some("Rejected".into())),
            active("172.16.0.0/12", "VPN:vco-bp15oes1py4i66rmd****"),
        ]
    );
    assert!(got.routes[2].next_hop.is_blackhole());
    assert_eq!(kinds(&got), [NoteKind::OffPath]);
}

#[test]
fn ecr_route_entries_take_the_next_hop_kind_from_the_instance_id_prefix() {
    let got = import(
        "ecr-describe-route-entries.json",
        Hop::Transit,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::EcrRouteEntries);
    assert_eq!(
        routes(&got),
        [
            active("10.0.0.0/8", "vbr"),
            active("192.168.0.0/16", "vpc"),
            active("172.16.0.0/12", "tr-bp1su1ytdxtataupl****"),
        ]
    );
    assert_eq!(kinds(&got), [NoteKind::OffPath]);
}

fn rule(
    direction: Direction,
    action: RuleAction,
    protocol: Protocol,
    ports: Ports,
    peer: &str,
    priority: u32,
) -> RuleEntry {
    RuleEntry {
        direction,
        action,
        protocol,
        ports,
        peers: vec![peer.parse().unwrap()],
        priority,
    }
}

#[test]
fn security_group_rules_read_direction_policy_ports_and_the_string_priority() {
    use Direction::*;
    use Protocol::*;
    use RuleAction::*;
    let got = import(
        "ecs-describe-security-group-attribute.json",
        Hop::SecurityGroup,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::SecurityGroupRules);
    assert!(got.routes.is_empty());
    assert_eq!(
        got.rules,
        [
            rule(Inbound, Allow, Tcp, Ports::one(6443), "10.0.0.0/8", 1),
            rule(Outbound, Deny, Tcp, Ports::one(10250), "10.0.0.0/8", 100),
            rule(Inbound, Allow, Udp, Ports::one(8472), "10.0.0.0/8", 1),
            rule(Inbound, Allow, Icmp, Ports::All, "0.0.0.0/0", 50),
            rule(
                Inbound,
                Deny,
                Tcp,
                Ports::Ranges(vec![PortRange {
                    first: 30000,
                    last: 32767
                }]),
                "10.0.0.0/8",
                10
            ),
        ]
    );
    // The rule naming a security group instead of a block is skipped, and says so.
    assert_eq!(kinds(&got), [NoteKind::Skipped]);
    assert!(got.notes[0].text.contains("SourceCidrIp"));
}

#[test]
fn virtual_border_routers_give_the_mtu_and_the_vbr_address() {
    let got = import(
        "vbr-describe-virtual-border-routers.json",
        Hop::Vbr,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::VirtualBorderRouters);
    assert_eq!(got.mtu, Some(1500));
    assert_eq!(got.vbr_address, Some(Ipv4Addr::new(10, 255, 0, 1)));
    assert!(got.routes.is_empty() && got.rules.is_empty());
    assert_eq!(kinds(&got), [NoteKind::Hint]);
}

#[test]
fn huawei_vrp5_routes_to_the_vbr_address_go_to_the_vbr_and_direct_routes_are_local() {
    let got = import(
        "huawei-vrp5-display-ip-routing-table.txt",
        Hop::CoreSwitch,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::HuaweiVrp);
    assert_eq!(
        routes(&got),
        [
            active("0.0.0.0/0", "vbr"),
            active("10.1.0.0/16", "local"),
            active("10.1.0.1/32", "local"),
            active("10.2.0.0/16", "10.1.0.2"),
            active("10.255.0.0/30", "local"),
            active("10.255.0.2/32", "local"),
            active("100.0.0.0/8", "vbr"),
            active("127.0.0.0/8", "local"),
            active("127.0.0.1/32", "local"),
            active("192.168.0.0/16", "vbr"),
            active("192.168.9.0/24", "10.1.0.9"),
        ]
    );
    assert!(got.notes.is_empty(), "{:?}", got.notes);
}

#[test]
fn huawei_vrp8_reads_the_public_table_keeps_black_holes_and_skips_vpn_instances() {
    let got = import(
        "huawei-vrp8-display-ip-routing-table.txt",
        Hop::CoreSwitch,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::HuaweiVrp);
    assert_eq!(
        routes(&got),
        [
            active("10.0.0.0/8", "blackhole"),
            active("10.1.0.0/16", "local"),
            active("10.1.0.1/32", "local"),
            active("10.255.0.0/30", "local"),
            active("10.255.0.2/32", "local"),
            active("100.0.0.0/8", "vbr"),
            active("127.0.0.0/8", "local"),
            active("127.0.0.1/32", "local"),
            active("192.168.0.0/16", "vbr"),
        ]
    );
    assert_eq!(kinds(&got), [NoteKind::Skipped]);
    assert!(got.notes[0].text.contains("1 routes of VPN-instance"));
}

#[test]
fn h3c_comware_ecmp_continuation_lines_give_one_route_per_next_hop() {
    let got = import(
        "h3c-comware-display-ip-routing-table.txt",
        Hop::CoreSwitch,
        Transit::Ecr,
    );
    assert_eq!(got.format, Format::H3cComware);
    assert_eq!(
        routes(&got),
        [
            active("0.0.0.0/32", "local"),
            active("10.1.0.0/16", "local"),
            active("10.2.0.0/16", "10.1.0.2"),
            active("10.2.0.0/16", "10.1.0.3"),
            active("10.255.0.0/30", "local"),
            active("127.0.0.0/8", "local"),
            active("100.0.0.0/8", "vbr"),
            active("100.0.0.0/8", "10.255.0.5"),
            active("192.168.0.0/16", "vbr"),
            active("192.168.0.0/16", "10.255.0.5"),
            active("224.0.0.0/4", "blackhole"),
            active("255.255.255.255/32", "local"),
        ]
    );
    assert!(got.notes.is_empty(), "{:?}", got.notes);
}

#[test]
fn cisco_ios_reads_subnetted_headers_local_routes_null0_and_ecmp_via_lines() {
    let got = import("cisco-ios-show-ip-route.txt", Hop::CoreSwitch, Transit::Ecr);
    assert_eq!(got.format, Format::CiscoIos);
    assert_eq!(
        routes(&got),
        [
            active("0.0.0.0/0", "vbr"),
            active("10.1.0.0/16", "local"),
            active("10.1.0.1/32", "local"),
            active("10.2.0.0/16", "10.1.0.2"),
            active("10.2.0.0/16", "10.1.0.3"),
            active("10.255.0.0/30", "local"),
            active("10.255.0.2/32", "local"),
            active("10.99.0.0/16", "blackhole"),
            active("100.0.0.0/8", "vbr"),
            active("172.16.0.1/32", "local"),
            active("192.168.0.0/16", "vbr"),
            active("192.168.0.0/16", "10.255.0.5"),
        ]
    );
    assert!(got.notes.is_empty(), "{:?}", got.notes);
}

#[test]
fn without_vbr_peer_ip_no_route_is_the_vbr_and_a_hint_says_how_to_fix_it() {
    let context = ImportContext {
        transit: Transit::Ecr,
        vbr_peer_ip: None,
    };
    let text = fixture("cisco-ios-show-ip-route.txt");
    let got = import::read(&text, Hop::CoreSwitch, &context).unwrap();
    assert!(
        !got.routes
            .iter()
            .any(|r| r.next_hop == NextHop::Neighbour(PathNode::Vbr))
    );
    assert_eq!(kinds(&got), [NoteKind::Hint]);
    assert!(got.notes[0].text.contains("vbr_peer_ip"));
}

#[test]
fn every_fixture_is_refused_on_a_hop_it_does_not_describe() {
    let cases = [
        ("vpc-describe-route-entry-list.json", Hop::CoreSwitch),
        ("cen-list-transit-router-route-entries.json", Hop::Vbr),
        ("ecr-describe-route-entries.json", Hop::VpcRouteTable),
        ("ecs-describe-security-group-attribute.json", Hop::Firewall),
        ("vbr-describe-virtual-border-routers.json", Hop::Transit),
        ("huawei-vrp5-display-ip-routing-table.txt", Hop::Vbr),
        (
            "h3c-comware-display-ip-routing-table.txt",
            Hop::SecurityGroup,
        ),
        ("cisco-ios-show-ip-route.txt", Hop::Firewall),
    ];
    for (name, hop) in cases {
        let e = import::read(&fixture(name), hop, &context(Transit::Ecr)).unwrap_err();
        assert!(
            e.to_string().contains(&format!("the {hop} hop")),
            "{name}: {e}"
        );
    }
}

#[test]
fn a_transit_router_table_is_refused_in_a_plan_with_another_transit() {
    let e = import::read(
        &fixture("cen-list-transit-router-route-entries.json"),
        Hop::Transit,
        &context(Transit::Ecr),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Alibaba Cloud CEN ListTransitRouterRouteEntries: this is a cen table, but the plan's transit is ecr"
    );
}
