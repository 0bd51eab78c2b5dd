//! The flows derived from the example plan, from a Terway Edge plan, and from a surveyed
//! core switch's server subnets.

use super::*;

fn ids(flows: &[Flow]) -> Vec<&str> {
    flows.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn the_example_needs_the_calls_out_the_node_ports_and_flannel_both_ways() {
    let flows = required_flows(&Plan::example(), Catalog::builtin());
    let ids = ids(&flows);
    for id in [
        "edge-to-apiserver",
        "edge-to-registry-1",
        "edge-to-management",
        "vpc-to-kubelet-10250",
        "vpc-to-kubelet-10255",
        "vpc-to-node-exporter-9100",
        "vpc-to-node-exporter-9445",
        "vpc-to-flannel-8472",
        "edge-to-flannel-8472",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let api = &flows[0];
    assert_eq!(api.from.addr.to_string(), "10.0.0.1");
    assert_eq!(api.to.addr.to_string(), "192.168.0.1");
    assert_eq!((api.protocol, api.port), (Protocol::Tcp, Some(6443)));
    assert!(
        api.note
            .as_deref()
            .unwrap()
            .contains("first host of VPC 192.168.0.0/16"),
        "no apiserver_ip: the stand-in is said"
    );
    let mgmt = flows.iter().find(|f| f.id == "edge-to-management").unwrap();
    assert_eq!(mgmt.to.addr.to_string(), "100.103.42.233");
    assert_eq!(mgmt.note, None);
}

#[test]
fn terway_edge_adds_vpc_and_containers_both_ways_and_drops_flannel() {
    let mut plan = Plan::example();
    plan.cni = Cni::TerwayEdge;
    plan.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
    plan.apiserver_ip = Some("192.168.3.4".parse().unwrap());
    let flows = required_flows(&plan, Catalog::builtin());
    let ids = ids(&flows);
    assert!(ids.contains(&"vpc-to-containers") && ids.contains(&"containers-to-vpc"));
    assert!(!ids.iter().any(|i| i.contains("flannel")));
    assert_eq!(flows[0].to.addr.to_string(), "192.168.3.4");
    assert_eq!(flows[0].note, None, "the plan's own address is exact");
}

#[test]
fn the_edge_nodes_are_traced_from_a_server_subnet_of_the_surveyed_core_switch() {
    use crate::observed::{NextHop, RouteEntry, Survey};
    let mut plan = Plan::example();
    let routes = [
        ("10.0.0.0/8", "blackhole"),
        ("10.1.0.0/16", "local"),
        ("10.1.0.1/32", "local"),
    ]
    .map(|(d, n)| RouteEntry::new(d.parse().unwrap(), NextHop::from_word(n)));
    let core = Survey {
        routes: Some(routes.to_vec()),
        ..Survey::default()
    };
    plan.observed.surveys.insert(Hop::CoreSwitch, core);
    let flows = required_flows(&plan, Catalog::builtin());
    let api = &flows[0];
    assert_eq!(api.from.addr.to_string(), "10.1.0.2");
    assert_eq!(api.from.block.to_string(), "10.0.0.0/8");
    let note = api.note.as_deref().unwrap();
    assert!(
        note.contains("first host of VPC 192.168.0.0/16")
            && note.contains("a host on the core switch's connected subnet 10.1.0.0/16"),
        "both ends say where their address comes from: {note}"
    );
    let kubelet = flows
        .iter()
        .find(|f| f.id == "vpc-to-kubelet-10250")
        .unwrap();
    assert_eq!(kubelet.to.addr.to_string(), "10.1.0.2");
    // Without a server subnet inside the data center, the first host stays.
    let core = plan.observed.surveys.get_mut(&Hop::CoreSwitch).unwrap();
    core.routes_mut()
        .retain(|r| r.destination.prefix_len() != 16);
    let flows = required_flows(&plan, Catalog::builtin());
    assert_eq!(flows[0].from.addr.to_string(), "10.0.0.1");
    let kubelet = flows.iter().find(|f| f.id == "vpc-to-kubelet-10250");
    assert_eq!(
        kubelet.unwrap().note,
        None,
        "the block's first host needs no note"
    );
}

#[test]
fn a_plan_without_a_data_center_or_vpc_has_nothing_to_trace() {
    assert!(required_flows(&Plan::empty(), Catalog::builtin()).is_empty());
}
