//! The importers' edge cases: errors that name the place and the value, the shapes the
//! reference leaves open (handled conservatively, with a note), and the caps.

use super::*;
use crate::observed::PathNode;
use crate::plan::Transit;
use std::net::Ipv4Addr;

fn ctx(transit: Transit) -> ImportContext {
    ImportContext {
        transit,
        vbr_peer_ip: Some(Ipv4Addr::new(10, 255, 0, 1)),
    }
}

fn vpc_entry(dest: &str, extra: &str) -> String {
    format!(
        r#"{{"RouteEntrys":{{"RouteEntry":[{{"DestinationCidrBlock":"{dest}","Status":"Available"{extra}}}]}}}}"#
    )
}

#[test]
fn a_bad_destination_names_its_json_path_and_value() {
    let text = format!(
        r#"{{"RouteEntrys":{{"RouteEntry":[{},{},{},{}]}}}}"#,
        r#"{"DestinationCidrBlock":"10.0.0.0/8","NextHops":{"NextHop":[]}}"#,
        r#"{"DestinationCidrBlock":"10.1.0.0/16","NextHops":{"NextHop":[]}}"#,
        r#"{"DestinationCidrBlock":"10.2.0.0/16","NextHops":{"NextHop":[]}}"#,
        r#"{"DestinationCidrBlock":"10.0.0.0/33"}"#,
    );
    let e = read(&text, Hop::VpcRouteTable, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(
        e.at,
        Location::Json("RouteEntrys.RouteEntry[3].DestinationCidrBlock".into())
    );
    assert_eq!(
        e.to_string(),
        "Alibaba Cloud VPC DescribeRouteEntryList: RouteEntrys.RouteEntry[3].DestinationCidrBlock: \
         \"10.0.0.0/33\" is not an IPv4 CIDR block"
    );
}

#[test]
fn a_missing_field_and_a_wrong_type_name_their_path() {
    let text = r#"{"Permissions":{"Permission":[{"Direction":"ingress","IpProtocol":"TCP","PortRange":"1/2","SourceCidrIp":"10.0.0.0/8","Priority":"1"}]}}"#;
    let e = read(text, Hop::SecurityGroup, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(
        e.at,
        Location::Json("Permissions.Permission[0].Policy".into())
    );
    assert_eq!(e.problem, Problem::Missing);
    let text = r#"{"Permissions":{"Permission":{"Direction":"ingress"}}}"#;
    let e = read(text, Hop::SecurityGroup, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Alibaba Cloud ECS DescribeSecurityGroupAttribute: Permissions.Permission: should be an array"
    );
}

#[test]
fn a_security_group_priority_out_of_range_or_a_bad_port_range_is_refused() {
    let rule = |ports: &str, priority: &str| {
        format!(
            r#"{{"Permissions":{{"Permission":[{{"Direction":"egress","IpProtocol":"UDP","PortRange":"{ports}","DestCidrIp":"10.0.0.0/8","Policy":"Accept","Priority":{priority}}}]}}}}"#
        )
    };
    let got = read(
        &rule("8472/8472", "7"),
        Hop::SecurityGroup,
        &ctx(Transit::Ecr),
    )
    .unwrap();
    assert_eq!(got.rules[0].priority, 7, "a numeric priority is read too");
    let e = read(
        &rule("8472/8472", "\"101\""),
        Hop::SecurityGroup,
        &ctx(Transit::Ecr),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .ends_with("Priority: \"101\" is not a priority from 1 to 100"),
        "{e}"
    );
    let e = read(
        &rule("9/8", "\"1\""),
        Hop::SecurityGroup,
        &ctx(Transit::Ecr),
    )
    .unwrap_err();
    assert!(e.to_string().contains("PortRange: \"9/8\""), "{e}");
    let got = read(
        &rule("1/65535", "\"1\""),
        Hop::SecurityGroup,
        &ctx(Transit::Ecr),
    )
    .unwrap();
    assert_eq!(got.rules[0].ports, crate::observed::Ports::All);
}

#[test]
fn a_system_route_whose_next_hop_shape_is_undocumented_is_skipped_with_a_note() {
    let text = vpc_entry("192.168.1.0/24", r#","Type":"System""#);
    let got = read(&text, Hop::VpcRouteTable, &ctx(Transit::Ecr)).unwrap();
    assert!(got.routes.is_empty());
    assert_eq!(got.notes[0].kind, NoteKind::Assumed);
    assert!(got.notes[0].text.contains("System route 192.168.1.0/24"));
}

#[test]
fn router_interfaces_are_the_direct_peer_and_a_physical_connection_is_the_core_switch() {
    let via = |kind: &str, id: &str, related: &str| {
        vpc_entry(
            "10.0.0.0/8",
            &format!(
                r#","NextHops":{{"NextHop":[{{"NextHopType":"{kind}","NextHopId":"{id}"{related}}}]}}"#
            ),
        )
    };
    let first = |text: &str, hop: Hop, transit: Transit| {
        read(text, hop, &ctx(transit)).unwrap().routes[0]
            .next_hop
            .clone()
    };
    let ri = via("RouterInterface", "ri-2ze1", "");
    assert_eq!(
        first(&ri, Hop::VpcRouteTable, Transit::Direct),
        NextHop::Neighbour(PathNode::Vbr)
    );
    assert_eq!(
        first(&ri, Hop::Vbr, Transit::Direct),
        NextHop::Neighbour(PathNode::Vpc)
    );
    assert_eq!(
        first(&ri, Hop::VpcRouteTable, Transit::Cen).word(),
        "RouterInterface:ri-2ze1"
    );
    let peering = via(
        "RouterInterface",
        "ri-2ze1",
        r#","NextHopRelatedInfo":{"InstanceType":"VPC"}"#,
    );
    assert_eq!(
        first(&peering, Hop::VpcRouteTable, Transit::Direct).word(),
        "RouterInterface:ri-2ze1"
    );
    let pconn = via(
        "RouterInterface",
        "ri-2ze1",
        r#","NextHopRelatedInfo":{"InstanceType":"PCONN"}"#,
    );
    for transit in [Transit::Ecr, Transit::Direct] {
        assert_eq!(
            first(&pconn, Hop::Vbr, transit),
            NextHop::Neighbour(PathNode::CoreSwitch)
        );
    }
    let got = read(
        &via("Tunnel", "x", ""),
        Hop::VpcRouteTable,
        &ctx(Transit::Ecr),
    )
    .unwrap();
    assert_eq!(
        got.notes[0].kind,
        NoteKind::Assumed,
        "an undocumented type is noted"
    );
}

#[test]
fn ecmp_next_hops_in_one_vpc_entry_give_one_route_each() {
    let text = vpc_entry(
        "10.0.0.0/8",
        r#","NextHops":{"NextHop":[{"NextHopType":"Ecr","NextHopId":"a"},{"NextHopType":"Instance","NextHopId":"i-1"}]}"#,
    );
    let got = read(&text, Hop::VpcRouteTable, &ctx(Transit::Ecr)).unwrap();
    let words: Vec<&str> = got.routes.iter().map(|r| r.next_hop.word()).collect();
    assert_eq!(words, ["transit", "Instance:i-1"]);
}

#[test]
fn ipv6_routes_are_skipped_and_host_bits_are_cleared_with_a_note() {
    let got = read(
        &vpc_entry("2408:4000::/56", ""),
        Hop::VpcRouteTable,
        &ctx(Transit::Ecr),
    )
    .unwrap();
    assert!(got.routes.is_empty());
    assert_eq!(got.notes[0].kind, NoteKind::Skipped);
    let text = vpc_entry(
        "10.0.0.1/8",
        r#","NextHops":{"NextHop":[{"NextHopType":"Ecr","NextHopId":"a"}]}"#,
    );
    let got = read(&text, Hop::VpcRouteTable, &ctx(Transit::Ecr)).unwrap();
    assert_eq!(got.routes[0].destination.to_string(), "10.0.0.0/8");
    assert_eq!(got.notes[0].kind, NoteKind::Assumed);
}

#[test]
fn unknown_json_names_its_keys_and_broken_json_says_where() {
    let e = read(r#"{"Foo":1,"Bar":[]}"#, Hop::Vbr, &ctx(Transit::Ecr)).unwrap_err();
    assert!(e.to_string().contains("top-level keys [Bar, Foo]"), "{e}");
    let e = read("{\"RouteEntrys\": [", Hop::Vbr, &ctx(Transit::Ecr)).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("not valid JSON: EOF while parsing"),
        "{e}"
    );
    let e = read("hello\nworld\n", Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(e.problem, Problem::UnknownFormat);
}

#[test]
fn a_prompt_after_the_json_is_ignored_with_a_note() {
    let text = format!(
        "{}\n[admin@host ~]$ ",
        vpc_entry(
            "10.0.0.0/8",
            r#","NextHops":{"NextHop":[{"NextHopType":"Ecr","NextHopId":"a"}]}"#
        )
    );
    let got = read(&text, Hop::VpcRouteTable, &ctx(Transit::Ecr)).unwrap();
    assert_eq!(got.routes.len(), 1);
    assert_eq!(got.notes[0].text, "text after the JSON response ignored");
}

#[test]
fn several_vbrs_are_refused_and_a_bad_mtu_names_its_value() {
    let text =
        r#"{"VirtualBorderRouterSet":{"VirtualBorderRouterType":[{"Mtu":1500},{"Mtu":8500}]}}"#;
    let e = read(text, Hop::Vbr, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(e.problem, Problem::SeveralVbrs { count: 2 });
    let text = r#"{"VirtualBorderRouterSet":{"VirtualBorderRouterType":[{"Mtu":"15OO"}]}}"#;
    let e = read(text, Hop::Vbr, &ctx(Transit::Ecr)).unwrap_err();
    assert!(e.to_string().ends_with("VirtualBorderRouterSet.VirtualBorderRouterType[0].Mtu: \"15OO\" is not an MTU from 68 to 9216"), "{e}");
}

#[test]
fn a_bad_route_line_names_its_line_and_value() {
    let text = "Route Flags: R - relay, D - download to fib\nRouting Tables: Public\n\
                Destination/Mask    Proto   Pre  Cost      Flags NextHop         Interface\n\
                10.0.0.0/8 Static 60 0 RD 10.255.0.1 Vlanif100\n\
                10.0.0.0/33 Static 60 0 RD 10.255.0.1 Vlanif100\n";
    let e = read(text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Huawei VRP display ip routing-table: line 5: \"10.0.0.0/33\" is not an IPv4 prefix"
    );
    let text = "Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n\
                10.0.0.0/8 Static 60 0 10.255.0.300 Vlan100\n";
    let e = read(text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap_err();
    assert_eq!(e.at, Location::Line(2));
    assert!(
        e.to_string()
            .contains("\"10.255.0.300\" is not an IPv4 next-hop address"),
        "{e}"
    );
}

#[test]
fn cisco_classful_lines_wrapped_prefixes_and_static_interface_routes() {
    let text = "Gateway of last resort is not set\n\n\
                \x20    1.0.0.0/32 is subnetted, 1 subnets\n\
                S       1.1.1.1 [1/0] via 10.255.0.1\n\
                \x20               [1/0] via 192.168.0.1\n\
                C    192.168.5.0 is directly connected, Vlan5\n\
                O E2    10.80.130.0/24\n\
                \x20          [110/20] via 10.255.0.1, 00:00:10, Gi0/1\n\
                S       2.2.2.0 is directly connected, FastEthernet0/0\n";
    let got = read(text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap();
    let got: Vec<(String, &str)> = got
        .routes
        .iter()
        .map(|r| (r.destination.to_string(), r.next_hop.word()))
        .collect();
    assert_eq!(
        got,
        [
            ("1.1.1.1/32".into(), "vbr"),
            ("1.1.1.1/32".into(), "192.168.0.1"),
            ("192.168.5.0/24".into(), "local"),
            ("10.80.130.0/24".into(), "vbr"),
            ("2.0.0.0/8".into(), "interface:FastEthernet0/0"),
        ]
    );
}

#[test]
fn notes_stop_at_the_cap_and_one_counts_the_rest() {
    let mut text =
        String::from("Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n");
    for i in 0..(MAX_NOTES + 7) {
        text.push_str(&format!("garbage line {i}\n"));
    }
    let got = read(&text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap();
    assert_eq!(got.notes.len(), MAX_NOTES + 1);
    assert_eq!(got.notes.last().unwrap().kind, NoteKind::MoreNotes);
    assert_eq!(got.notes.last().unwrap().text, "7 more notes not shown");
}

#[test]
fn input_over_the_cap_is_refused_before_it_is_read() {
    let text = " ".repeat(MAX_INPUT_BYTES + 1);
    let e = read(&text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap_err();
    assert!(matches!(e.problem, Problem::TooLarge { .. }));
}

#[test]
fn off_path_words_hold_no_space_or_control_and_are_capped() {
    let long = "x".repeat(500);
    let NextHop::Elsewhere(word) = elsewhere("Nat Gateway\u{1b}[2J", &long) else {
        panic!("not off the path");
    };
    assert!(word.starts_with("NatGateway[2J:xxx"), "{word}");
    assert_eq!(word.chars().count(), MAX_WORD_CHARS);
}

#[test]
fn apply_replaces_the_routes_and_keeps_the_surveys_other_keys() {
    use crate::observed::{Observed, RouteEntry, Survey};
    let mut observed = Observed::default();
    observed.surveys.insert(
        Hop::CoreSwitch,
        Survey {
            routes: Some(vec![RouteEntry::new(
                "1.0.0.0/8".parse().unwrap(),
                NextHop::Local,
            )]),
            bgp: Some(true),
            vbr_peer_ip: Some(Ipv4Addr::new(10, 255, 0, 1)),
            ..Survey::default()
        },
    );
    let text = "Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n\
                192.168.0.0/16 Static 60 0 10.255.0.1 Vlan100\n";
    let got = read(text, Hop::CoreSwitch, &ctx(Transit::Ecr)).unwrap();
    got.apply(&mut observed, Hop::CoreSwitch);
    let survey = observed.survey(Hop::CoreSwitch).unwrap();
    assert_eq!(survey.routes, Some(got.routes));
    assert_eq!(survey.bgp, Some(true));
    assert_eq!(survey.vbr_peer_ip, Some(Ipv4Addr::new(10, 255, 0, 1)));
    // A VBR listed without an MTU records nothing, so the VBR stays not surveyed.
    let text = r#"{"VirtualBorderRouterSet":{"VirtualBorderRouterType":[{"VbrId":"vbr-1"}]}}"#;
    read(text, Hop::Vbr, &ctx(Transit::Ecr))
        .unwrap()
        .apply(&mut observed, Hop::Vbr);
    assert!(observed.survey(Hop::Vbr).is_none());
    let text = r#"{"VirtualBorderRouterSet":{"VirtualBorderRouterType":[{"Mtu":8500}]}}"#;
    read(text, Hop::Vbr, &ctx(Transit::Ecr))
        .unwrap()
        .apply(&mut observed, Hop::Vbr);
    assert_eq!(observed.survey(Hop::Vbr).unwrap().mtu, Some(8500));
}

#[test]
fn a_response_with_more_pages_says_so() {
    let text = r#"{"NextToken":"abc","RouteEntriesList":[]}"#;
    let got = read(text, Hop::Transit, &ctx(Transit::Ecr)).unwrap();
    assert_eq!(got.notes[0].kind, NoteKind::Hint);
    assert!(got.notes[0].text.contains("NextToken is set"));
    let text = r#"{"NextToken":"","RouteEntriesList":[]}"#;
    assert!(
        read(text, Hop::Transit, &ctx(Transit::Ecr))
            .unwrap()
            .notes
            .is_empty()
    );
}
