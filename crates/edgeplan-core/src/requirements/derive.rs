//! Derivation of each hop's requirements from a plan, following the source document's
//! tables (core switch, firewall, VBR, ECR/CEN, VPC route table, security group, edge-node
//! inbound ports and outbound endpoints).

use super::blocks::{cloud_targets, list_targets};
use super::builder::Builder;
use super::reasons;
use super::{
    Direction, EndpointEntry, HopRequirements, NextHop, PortSpec, Protocol, RequirementKind,
    Requirements, Target,
};
use crate::catalog::{Catalog, Region};
use crate::hop::Hop;
use crate::plan::{Cni, Field, Plan, Scope, Transit};

/// Kubelet API and read-only ports.
pub const KUBELET_PORTS: [u16; 2] = [10250, 10255];
/// Node-Exporter ports scraped by Prometheus.
pub const NODE_EXPORTER_PORTS: [u16; 2] = [9100, 9445];
/// Flannel's VXLAN port.
pub const FLANNEL_VXLAN_PORT: u16 = 8472;
/// The API server port.
pub const APISERVER_PORT: u16 = 6443;

/// The sets of blocks every hop's requirements are made of.
struct Sides {
    dc: Vec<Target>,
    containers: Vec<Target>,
    vpc: Vec<Target>,
    cloud_side: Vec<Target>,
    node_port_sources: Vec<Target>,
}

pub(crate) const WHY_KUBELET: &str =
    "The cloud-side control plane calls the kubelet on TCP 10250 and 10255 (logs, exec, metrics).";
pub(crate) const WHY_NODE_EXPORTER: &str = "Prometheus scrapes monitoring data from the Node-Exporter service on each node via ports 9100 and 9445.";
pub(crate) const WHY_FLANNEL: &str = "Flannel uses UDP port 8472 on each node to build its VXLAN overlay network for cross-node pod communication.";
pub(crate) const WHY_APISERVER: &str =
    "Edge nodes and their components call the API server on TCP 6443.";
pub(crate) const WHY_CONTAINERS: &str = "Beyond the source's port list: the VPC routes the edge container blocks, so pods in the VPC and edge pods must reach each other on any port (Terway Edge).";
pub(crate) const WHY_REGISTRY: &str =
    "System add-on images are pulled from the region's add-on registry over HTTPS.";

fn edge_node(plan: &Plan, region: Option<&Region>, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    let ports = [
        (KUBELET_PORTS, WHY_KUBELET),
        (NODE_EXPORTER_PORTS, WHY_NODE_EXPORTER),
    ];
    for (ports, why) in ports {
        b.rule(
            Direction::Inbound,
            &s.node_port_sources,
            &s.dc,
            Protocol::Tcp,
            &ports,
            why,
        );
    }
    if plan.cni == Cni::Flannel {
        let sources: Vec<Target> = s.vpc.iter().chain(&s.dc).copied().collect();
        b.rule(
            Direction::Inbound,
            &sources,
            &s.dc,
            Protocol::Udp,
            &[FLANNEL_VXLAN_PORT],
            WHY_FLANNEL,
        );
    }
    let r = plan.region_in_names();
    let endpoints = [
        (
            EndpointEntry {
                destination: "Container Service control plane",
                hosts: vec![format!("cs-anony-vpc.{r}.aliyuncs.com")],
                port: PortSpec::NotGiven,
                route_cidrs: plan.management_net().into_iter().collect(),
            },
            reasons::management_why(plan),
        ),
        (
            EndpointEntry {
                destination: "OSS installation package",
                hosts: vec![format!("aliacs-k8s-{r}.oss-{r}-internal.aliyuncs.com")],
                port: PortSpec::NotGiven,
                route_cidrs: region.and_then(Region::oss_vips).unwrap_or(&[]).to_vec(),
            },
            reasons::oss_why(plan, region),
        ),
        (
            EndpointEntry {
                destination: "API server internal endpoint",
                hosts: vec![plan.apiserver_ip.map_or_else(
                    || "(the Basic Information tab of the cluster)".to_string(),
                    |a| a.to_string(),
                )],
                port: PortSpec::Given(Protocol::Tcp, vec![APISERVER_PORT]),
                route_cidrs: plan.apiserver_ip.map(crate::cidr::host).into_iter().collect(),
            },
            WHY_APISERVER.into(),
        ),
        (
            EndpointEntry {
                destination: "NTP",
                hosts: vec!["ntp1.aliyun.com".into(), "cn.ntp.org.cn".into()],
                port: PortSpec::Given(Protocol::Udp, vec![123]),
                route_cidrs: vec![],
            },
            reasons::outside_why("Nodes keep their clocks in step with an NTP server; certificates fail on a skewed clock.", plan.ntp_access, Field::NtpAccess),
        ),
        (
            EndpointEntry {
                destination: "System add-on image registry endpoint",
                hosts: vec![region
                    .and_then(|g| g.registry.as_ref())
                    .map_or_else(|| format!("registry-{r}-vpc.ack.aliyuncs.com (made up from the pattern of the source's registry table, which does not list {r})"), |g| g.endpoint.clone())],
                port: PortSpec::Given(Protocol::Tcp, vec![443]),
                route_cidrs: region.map(Region::registry_routes).unwrap_or(&[]).to_vec(),
            },
            WHY_REGISTRY.into(),
        ),
        (
            EndpointEntry {
                destination: "System tools",
                hosts: ["net-tools", "iproute", "chrony (or ntpdate)", "crontabs", "pciutils", "socat", "ebtables", "iptables", "conntrack-tools"]
                    .map(String::from)
                    .to_vec(),
                port: PortSpec::NotApplicable("not available: the node's YUM or APT repositories"),
                route_cidrs: vec![],
            },
            reasons::outside_why("Missing system tools are installed online from the node's own package repositories.", plan.package_access, Field::PackageAccess),
        ),
    ];
    for (e, why) in endpoints {
        b.push(RequirementKind::Endpoint(Box::new(e)), why);
    }
    b.finish(Hop::EdgeNode)
}

fn core_switch(plan: &Plan, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    b.routes(Direction::Inbound, &s.cloud_side, NextHop::Vbr);
    b.routes(Direction::Outbound, &s.dc, NextHop::ServerSubnets);
    if plan.cni == Cni::TerwayEdge {
        // No "()" while the plan has no container block yet (a finding says it is missing).
        let nets = match super::join_targets(&s.containers) {
            nets if nets.is_empty() => String::new(),
            nets => format!(" ({nets})"),
        };
        b.push(
            RequirementKind::Setting(format!("BGP on the core switch and switches, learning container routes{nets} from Terway Edge")),
            "Terway Edge advertises container routes by BGP; the switches must accept them to reach pods.",
        );
    }
    b.finish(Hop::CoreSwitch)
}

fn firewall(plan: &Plan, s: &Sides) -> HopRequirements {
    const WHY_CONTAINERS_IN: &str = "Beyond the source's port list: the VPC routes the edge container blocks, so pods in the VPC must reach edge pods on any port (Terway Edge).";
    let mut b = Builder::new(plan);
    let local: Vec<Target> = s.dc.iter().chain(&s.containers).copied().collect();
    b.rule(
        Direction::Outbound,
        &local,
        &s.cloud_side,
        Protocol::All,
        &[],
        "Edge nodes must reach the VPC and the cloud services they depend on.",
    );
    match plan.scope {
        Scope::Broad => b.rule(
            Direction::Inbound,
            &s.cloud_side,
            &local,
            Protocol::All,
            &[],
            "The VPC and cloud services must reach the edge nodes (kubelet, monitoring, replies).",
        ),
        Scope::Fine => {
            b.rule(
                Direction::Inbound,
                &s.cloud_side,
                &s.dc,
                Protocol::Tcp,
                &KUBELET_PORTS,
                WHY_KUBELET,
            );
            b.rule(
                Direction::Inbound,
                &s.cloud_side,
                &s.dc,
                Protocol::Tcp,
                &NODE_EXPORTER_PORTS,
                WHY_NODE_EXPORTER,
            );
            // The VBR, ECR/CEN and VPC route the container blocks; a routed block the
            // firewall drops carries nothing. Outbound is the all-traffic rule above.
            b.rule(
                Direction::Inbound,
                &s.vpc,
                &s.containers,
                Protocol::All,
                &[],
                WHY_CONTAINERS_IN,
            );
        }
    }
    if plan.cni == Cni::Flannel {
        b.rule(
            Direction::Outbound,
            &s.dc,
            &s.vpc,
            Protocol::Udp,
            &[FLANNEL_VXLAN_PORT],
            WHY_FLANNEL,
        );
        b.rule(
            Direction::Inbound,
            &s.vpc,
            &s.dc,
            Protocol::Udp,
            &[FLANNEL_VXLAN_PORT],
            WHY_FLANNEL,
        );
    }
    b.finish(Hop::Firewall)
}

fn vbr(plan: &Plan, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    b.routes(
        Direction::Inbound,
        &s.cloud_side,
        NextHop::towards_vpc(plan.transit),
    );
    b.routes(Direction::Outbound, &s.dc, NextHop::ExpressConnect);
    b.routes(Direction::Outbound, &s.containers, NextHop::ExpressConnect);
    b.finish(Hop::Vbr)
}

fn transit(plan: &Plan, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    if !Hop::Transit.on_path(plan.transit) {
        // Not on this path: a direct connection links the VBR to the VPC.
        return b.finish(Hop::Transit);
    }
    b.routes(
        Direction::Inbound,
        &s.cloud_side,
        NextHop::VpcLink(plan.transit),
    );
    b.routes(Direction::Outbound, &s.dc, NextHop::VbrLink(plan.transit));
    b.routes(
        Direction::Outbound,
        &s.containers,
        NextHop::VbrLink(plan.transit),
    );
    b.finish(Hop::Transit)
}

fn vpc_route_table(plan: &Plan, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    b.push(
        RequirementKind::Setting(
            "Inbound: nothing to add; the VPC routes requests from the data center by default"
                .into(),
        ),
        match plan.transit {
            Transit::Direct => "VPC system routes already deliver traffic arriving from the VBR.",
            _ => "VPC system routes already deliver traffic arriving from the transit router.",
        },
    );
    b.routes(
        Direction::Outbound,
        &s.dc,
        NextHop::towards_vbr(plan.transit),
    );
    b.routes(
        Direction::Outbound,
        &s.containers,
        NextHop::towards_vbr(plan.transit),
    );
    b.finish(Hop::VpcRouteTable)
}

fn security_group(plan: &Plan, s: &Sides) -> HopRequirements {
    let mut b = Builder::new(plan);
    let local: Vec<Target> = s.dc.iter().chain(&s.containers).copied().collect();
    match plan.scope {
        Scope::Broad => {
            b.rule(
                Direction::Outbound,
                &s.vpc,
                &local,
                Protocol::All,
                &[],
                "Cloud components must reach the data center (kubelet, monitoring, replies).",
            );
            b.rule(
                Direction::Inbound,
                &local,
                &s.vpc,
                Protocol::All,
                &[],
                "The data center must reach the cluster in the VPC (API server and more).",
            );
        }
        Scope::Fine => {
            b.rule(
                Direction::Outbound,
                &s.vpc,
                &s.dc,
                Protocol::Tcp,
                &KUBELET_PORTS,
                WHY_KUBELET,
            );
            b.rule(
                Direction::Outbound,
                &s.vpc,
                &s.dc,
                Protocol::Tcp,
                &NODE_EXPORTER_PORTS,
                WHY_NODE_EXPORTER,
            );
            b.rule(
                Direction::Inbound,
                &local,
                &s.vpc,
                Protocol::Tcp,
                &[APISERVER_PORT],
                WHY_APISERVER,
            );
            // The VPC route table routes the container blocks back; the security group
            // must let that traffic pass both ways, or the routes carry nothing.
            b.rule(
                Direction::Outbound,
                &s.vpc,
                &s.containers,
                Protocol::All,
                &[],
                WHY_CONTAINERS,
            );
            b.rule(
                Direction::Inbound,
                &s.containers,
                &s.vpc,
                Protocol::All,
                &[],
                WHY_CONTAINERS,
            );
        }
    }
    if plan.cni == Cni::Flannel {
        b.rule(
            Direction::Outbound,
            &s.vpc,
            &s.dc,
            Protocol::Udp,
            &[FLANNEL_VXLAN_PORT],
            WHY_FLANNEL,
        );
        b.rule(
            Direction::Inbound,
            &s.dc,
            &s.vpc,
            Protocol::Udp,
            &[FLANNEL_VXLAN_PORT],
            WHY_FLANNEL,
        );
    }
    b.finish(Hop::SecurityGroup)
}

impl Sides {
    /// The blocks of `plan` every hop's requirements are made of.
    fn of(plan: &Plan, region: Option<&Region>) -> Sides {
        let vpc = list_targets(plan, Field::VpcCidrs);
        let containers = match plan.cni {
            Cni::TerwayEdge => list_targets(plan, Field::ContainerCidrs),
            Cni::Flannel => Vec::new(),
        };
        let node_port_sources = if plan.vswitch_cidrs.is_empty() {
            vpc.clone()
        } else {
            list_targets(plan, Field::VswitchCidrs)
        };
        let cloud_side = vpc
            .iter()
            .copied()
            .chain(cloud_targets(plan, region))
            .collect();
        Sides {
            dc: list_targets(plan, Field::DatacenterCidrs),
            containers,
            vpc,
            cloud_side,
            node_port_sources,
        }
    }
}

/// One hop's requirements, from the blocks set up once.
fn hop_requirements(plan: &Plan, region: Option<&Region>, s: &Sides, hop: Hop) -> HopRequirements {
    match hop {
        Hop::EdgeNode => edge_node(plan, region, s),
        Hop::CoreSwitch => core_switch(plan, s),
        Hop::Firewall => firewall(plan, s),
        Hop::Vbr => vbr(plan, s),
        Hop::Transit => transit(plan, s),
        Hop::VpcRouteTable => vpc_route_table(plan, s),
        Hop::SecurityGroup => security_group(plan, s),
    }
}

/// Every hop's requirements for `plan`, in path order, the region looked up in `catalog`.
pub fn derive(plan: &Plan, catalog: &Catalog) -> Requirements {
    let region = catalog.region(&plan.region);
    let s = Sides::of(plan, region);
    Requirements {
        hops: Hop::ALL
            .iter()
            .map(|&hop| hop_requirements(plan, region, &s, hop))
            .collect(),
    }
}

/// The requirements of one hop of `plan`, as `derive` gives them: for a screen that
/// shows one hop of a plan with 100,000 blocks.
pub fn derive_hop(plan: &Plan, catalog: &Catalog, hop: Hop) -> HopRequirements {
    let region = catalog.region(&plan.region);
    hop_requirements(plan, region, &Sides::of(plan, region), hop)
}
