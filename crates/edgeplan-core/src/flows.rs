//! The flows a working path must carry, derived from the plan's requirements and the
//! region catalog: what the edge nodes send to the cloud, what the cloud sends back to
//! them, and the overlay's own traffic. Each flow is a concrete packet the tracer can
//! follow, with the reason the requirements give for it.

use crate::catalog::{Catalog, Region};
use crate::hop::Hop;
use crate::observed::Protocol;
use crate::plan::{Cni, Plan, Scope};
use crate::requirements::derive::{
    APISERVER_PORT, FLANNEL_VXLAN_PORT, KUBELET_PORTS, NODE_EXPORTER_PORTS, WHY_APISERVER,
    WHY_CONTAINERS, WHY_FLANNEL, WHY_KUBELET, WHY_NODE_EXPORTER, WHY_REGISTRY,
};
use crate::requirements::reasons::{management_why, oss_why};
use crate::requirements::{Dest, cloud_targets};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// The port the source leaves unnamed for OSS and the management endpoint: both are
/// HTTPS services, as the registry the source does name.
pub const HTTPS_PORT: u16 = 443;

/// One end of a flow: the block it stands for and the address traced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowEnd {
    /// The block of the plan (or of the region) this end lives in.
    pub block: Ipv4Net,
    /// The address traced: the plan's own, or a stand-in for the block.
    pub addr: Ipv4Addr,
    /// What the block is: `data center`, `VPC`, `add-on registry`…
    pub label: &'static str,
    /// True when the plan names no address and `addr` stands in for the block.
    pub representative: bool,
    /// The core switch's connected subnet `addr` was taken from, when the survey shows
    /// where the servers really are.
    pub subnet: Option<Ipv4Net>,
}

impl FlowEnd {
    /// The end for a known address inside `block`.
    fn exact(block: Ipv4Net, addr: Ipv4Addr, label: &'static str) -> FlowEnd {
        FlowEnd {
            block,
            addr,
            label,
            representative: false,
            subnet: None,
        }
    }

    /// The end for `block` as a whole, traced through its first host: the edge nodes,
    /// the VPC's callers, a region's service block.
    fn of_block(block: Ipv4Net, label: &'static str) -> FlowEnd {
        FlowEnd {
            block,
            addr: first_host(block),
            label,
            representative: false,
            subnet: None,
        }
    }

    /// The end for an address the plan does not give, stood in for by the first host
    /// of the block the requirement names.
    fn stand_in(block: Ipv4Net, label: &'static str) -> FlowEnd {
        FlowEnd {
            representative: true,
            ..FlowEnd::of_block(block, label)
        }
    }
}

/// The first usable host of a block: the network address of a /31 or /32.
pub fn first_host(block: Ipv4Net) -> Ipv4Addr {
    block.hosts().next().unwrap_or(block.network())
}

/// One flow the path must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// A stable id: `edge-to-apiserver`, `vpc-to-kubelet-10250`.
    pub id: String,
    /// Where it starts.
    pub from: FlowEnd,
    /// Where it goes.
    pub to: FlowEnd,
    /// The protocol traced.
    pub protocol: Protocol,
    /// The destination port; `None` for ICMP.
    pub port: Option<u16>,
    /// Why it is needed, in one line (the requirement's reason).
    pub reason: String,
    /// The hop whose requirement it comes from.
    pub requirement: Hop,
    /// What stands in for what the plan does not say, if anything.
    pub note: Option<String>,
}

impl Flow {
    /// `tcp 6443`, or `icmp`.
    pub fn service(&self) -> String {
        match self.port {
            Some(p) => format!("{} {p}", self.protocol),
            None => self.protocol.to_string(),
        }
    }
}

/// Collects flows, numbering the ids of repeated kinds.
struct Flows {
    out: Vec<Flow>,
}

impl Flows {
    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        id: String,
        from: FlowEnd,
        to: FlowEnd,
        protocol: Protocol,
        port: Option<u16>,
        reason: &str,
        requirement: Hop,
    ) {
        let notes: Vec<String> = [&from, &to].iter().filter_map(|e| end_note(e)).collect();
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        self.out.push(Flow {
            id,
            from,
            to,
            protocol,
            port,
            reason: reason.to_string(),
            requirement,
            note,
        });
    }

    /// One flow from the edge nodes to each block, TCP `port`, ids numbered when more
    /// than one.
    fn calls_out(
        &mut self,
        node: &FlowEnd,
        kind: &str,
        ends: Vec<FlowEnd>,
        port: u16,
        reason: &str,
    ) {
        let many = ends.len() > 1;
        for (i, end) in ends.into_iter().enumerate() {
            let id = match many {
                true => format!("edge-to-{kind}-{}", i + 1),
                false => format!("edge-to-{kind}"),
            };
            let tcp = Protocol::Tcp;
            self.add(
                id,
                node.clone(),
                end,
                tcp,
                Some(port),
                reason,
                Hop::EdgeNode,
            );
        }
    }
}

/// Where an end's address comes from, when the plan does not give it outright.
fn end_note(end: &FlowEnd) -> Option<String> {
    if end.representative {
        return Some(format!(
            "the plan gives no address here: traced to {}, the first host of {} {}",
            end.addr, end.label, end.block
        ));
    }
    end.subnet.map(|subnet| {
        format!(
            "the edge nodes are traced from {}, a host on the core switch's connected subnet {subnet}",
            end.addr
        )
    })
}

/// The edge nodes' end: a host on the first server subnet the surveyed core switch
/// has inside a data-center block, since the switch may drop the rest of the block (a
/// null summary route); else the first host of the first data-center block.
fn edge_nodes(plan: &Plan, first_dc: Ipv4Net) -> FlowEnd {
    let label = "data center";
    let server = plan.observed.survey(Hop::CoreSwitch).and_then(|core| {
        plan.datacenter_cidrs
            .iter()
            .find_map(|&dc| core.server_host(dc).map(|host| (dc, host)))
    });
    match server {
        Some((block, (subnet, addr))) => FlowEnd {
            subnet: Some(subnet),
            ..FlowEnd::exact(block, addr, label)
        },
        None => FlowEnd::of_block(first_dc, label),
    }
}

/// The cloud-service blocks that stand in for a service whose own blocks are unknown:
/// the first of the plan's blocks that fine scope (or broad scope) routes.
fn cloud_stand_in(plan: &Plan, region: Option<&Region>) -> Option<FlowEnd> {
    let t = cloud_targets(plan, region)
        .into_iter()
        .find(|t| matches!(t.dest, Dest::List(_)))?;
    Some(FlowEnd::stand_in(t.net, t.dest.label()))
}

/// The ends of the OSS flows: the region's VIP blocks, or a stand-in block.
fn oss_ends(plan: &Plan, region: Option<&Region>) -> Vec<FlowEnd> {
    match region.and_then(Region::oss_vips) {
        Some(vips) if !vips.is_empty() => vips
            .iter()
            .map(|&v| FlowEnd::of_block(v, Dest::OssVip.label()))
            .collect(),
        _ => cloud_stand_in(plan, region).into_iter().collect(),
    }
}

/// Every flow `plan` must carry, in a stable order: the edge nodes' calls out, the
/// cloud's calls in, then the CNI's own traffic. Empty while the plan has no data
/// center or no VPC block: there is nothing to trace between.
pub fn required_flows(plan: &Plan, catalog: &Catalog) -> Vec<Flow> {
    let (Some(&dc), Some(&vpc)) = (plan.datacenter_cidrs.first(), plan.vpc_cidrs.first()) else {
        return Vec::new();
    };
    let region = catalog.region(&plan.region);
    let node = edge_nodes(plan, dc);
    let vpc_end = FlowEnd::of_block(vpc, "VPC");
    let mut flows = Flows { out: Vec::new() };
    let apiserver = match plan.apiserver_ip {
        Some(ip) => {
            let block = plan.vpc_cidrs.iter().find(|v| v.contains(&ip)).copied();
            FlowEnd::exact(block.unwrap_or(crate::cidr::host(ip)), ip, "VPC")
        }
        None => FlowEnd::stand_in(vpc, "VPC"),
    };
    flows.calls_out(
        &node,
        "apiserver",
        vec![apiserver],
        APISERVER_PORT,
        WHY_APISERVER,
    );
    let registry: Vec<FlowEnd> = region
        .map(Region::registry_routes)
        .unwrap_or(&[])
        .iter()
        .map(|&r| FlowEnd::of_block(r, Dest::Registry.label()))
        .collect();
    flows.calls_out(&node, "registry", registry, HTTPS_PORT, WHY_REGISTRY);
    let oss = oss_why(plan, region);
    flows.calls_out(
        &node,
        "oss",
        oss_ends(plan, region),
        HTTPS_PORT,
        oss.engineer(),
    );
    let management = match plan.management_net() {
        Some(m) => Some(FlowEnd::of_block(m, Dest::Management.label())),
        None if plan.scope == Scope::Broad => cloud_stand_in(plan, region),
        None => None,
    };
    let why = management_why(plan);
    flows.calls_out(
        &node,
        "management",
        management.into_iter().collect(),
        HTTPS_PORT,
        why.engineer(),
    );
    // The node ports are opened to the vSwitches when given, else to the whole VPC.
    let caller = match plan.vswitch_cidrs.first() {
        Some(&v) => FlowEnd::of_block(v, "vSwitch"),
        None => vpc_end.clone(),
    };
    let node_ports = [
        ("kubelet", KUBELET_PORTS, WHY_KUBELET),
        ("node-exporter", NODE_EXPORTER_PORTS, WHY_NODE_EXPORTER),
    ];
    for (kind, ports, why) in node_ports {
        for port in ports {
            let (id, tcp) = (format!("vpc-to-{kind}-{port}"), Protocol::Tcp);
            flows.add(
                id,
                caller.clone(),
                node.clone(),
                tcp,
                Some(port),
                why,
                Hop::EdgeNode,
            );
        }
    }
    match plan.cni {
        Cni::Flannel => {
            let (udp, port) = (Protocol::Udp, Some(FLANNEL_VXLAN_PORT));
            let id = format!("vpc-to-flannel-{FLANNEL_VXLAN_PORT}");
            flows.add(
                id,
                vpc_end.clone(),
                node.clone(),
                udp,
                port,
                WHY_FLANNEL,
                Hop::EdgeNode,
            );
            let id = format!("edge-to-flannel-{FLANNEL_VXLAN_PORT}");
            flows.add(
                id,
                node,
                vpc_end,
                udp,
                port,
                WHY_FLANNEL,
                Hop::SecurityGroup,
            );
        }
        Cni::TerwayEdge => {
            if let Some(&c) = plan.container_cidrs.first() {
                // Any protocol must pass; a ping is the one every device can be asked about.
                let pods = FlowEnd::of_block(c, "edge containers");
                let (icmp, sg) = (Protocol::Icmp, Hop::SecurityGroup);
                let id = "vpc-to-containers".to_string();
                flows.add(
                    id,
                    vpc_end.clone(),
                    pods.clone(),
                    icmp,
                    None,
                    WHY_CONTAINERS,
                    sg,
                );
                let id = "containers-to-vpc".to_string();
                flows.add(id, pods, vpc_end, icmp, None, WHY_CONTAINERS, sg);
            }
        }
    }
    flows.out
}

#[cfg(test)]
#[path = "flows_tests.rs"]
mod tests;
