//! The edge nodes' requirements: the ports the cloud calls them on, and the endpoints
//! they must reach, each with what the plan knows of its hosts and port.

use super::builder::Builder;
use super::derive::{
    APISERVER_PORT, FLANNEL_VXLAN_PORT, KUBELET_PORTS, NODE_EXPORTER_PORTS, Sides, WHY_APISERVER,
    WHY_FLANNEL, WHY_KUBELET, WHY_NODE_EXPORTER, WHY_REGISTRY,
};
use super::reasons;
use super::{
    Direction, EndpointEntry, HopRequirements, HostsKnown, PortSpec, Protocol, RequirementKind,
    Service, Target,
};
use crate::catalog::Region;
use crate::hop::Hop;
use crate::plan::{Cni, Field, Plan};

/// The edge nodes' requirements for `plan` in `region`.
pub(super) fn edge_node(plan: &Plan, region: Option<&Region>, s: &Sides) -> HopRequirements {
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
    let registry = region.and_then(|g| g.registry.as_ref());
    // The names follow the region: without one they are only a pattern.
    let named = if plan.has_region() {
        HostsKnown::Known
    } else {
        HostsKnown::NoRegion
    };
    let endpoints = [
        (
            EndpointEntry {
                destination: "Container Service control plane",
                service: Service::ControlPlane,
                hosts: vec![format!("cs-anony-vpc.{r}.aliyuncs.com")],
                known: named.clone(),
                port: PortSpec::NotGiven,
                route_cidrs: plan.management_net().into_iter().collect(),
            },
            reasons::management_why(plan),
        ),
        (
            EndpointEntry {
                destination: "OSS installation package",
                service: Service::OssPackages,
                hosts: vec![format!("aliacs-k8s-{r}.oss-{r}-internal.aliyuncs.com")],
                known: named.clone(),
                port: PortSpec::NotGiven,
                route_cidrs: region.and_then(Region::oss_vips).unwrap_or(&[]).to_vec(),
            },
            reasons::oss_why(plan, region),
        ),
        (
            EndpointEntry {
                destination: "API server internal endpoint",
                service: Service::ApiServer,
                hosts: plan.apiserver_ip.iter().map(ToString::to_string).collect(),
                known: match plan.apiserver_ip {
                    Some(_) => HostsKnown::Known,
                    None => HostsKnown::NotSet,
                },
                port: PortSpec::Given(Protocol::Tcp, vec![APISERVER_PORT]),
                route_cidrs: plan
                    .apiserver_ip
                    .map(crate::cidr::host)
                    .into_iter()
                    .collect(),
            },
            WHY_APISERVER.into(),
        ),
        (
            EndpointEntry {
                destination: "NTP",
                service: Service::Ntp,
                known: HostsKnown::Known,
                hosts: vec!["ntp1.aliyun.com".into(), "cn.ntp.org.cn".into()],
                port: PortSpec::Given(Protocol::Udp, vec![123]),
                route_cidrs: vec![],
            },
            reasons::outside_why(
                "Nodes keep their clocks in step with an NTP server; certificates fail on a skewed clock.",
                plan.ntp_access,
                Field::NtpAccess,
            ),
        ),
        (
            EndpointEntry {
                destination: "System add-on image registry endpoint",
                service: Service::AddonRegistry,
                hosts: vec![registry.map_or_else(
                    || format!("registry-{r}-vpc.ack.aliyuncs.com"),
                    |g| g.endpoint.clone(),
                )],
                known: match registry {
                    Some(_) => HostsKnown::Known,
                    None if !plan.has_region() => HostsKnown::NoRegion,
                    None => HostsKnown::Patterned {
                        region: r.to_string(),
                    },
                },
                port: PortSpec::Given(Protocol::Tcp, vec![443]),
                route_cidrs: region.map(Region::registry_routes).unwrap_or(&[]).to_vec(),
            },
            WHY_REGISTRY.into(),
        ),
        (
            EndpointEntry {
                destination: "System tools",
                service: Service::SystemTools,
                known: HostsKnown::Known,
                hosts: [
                    "net-tools",
                    "iproute",
                    "chrony (or ntpdate)",
                    "crontabs",
                    "pciutils",
                    "socat",
                    "ebtables",
                    "iptables",
                    "conntrack-tools",
                ]
                .map(String::from)
                .to_vec(),
                port: PortSpec::NotApplicable("not available: the node's YUM or APT repositories"),
                route_cidrs: vec![],
            },
            reasons::outside_why(
                "Missing system tools are installed online from the node's own package repositories.",
                plan.package_access,
                Field::PackageAccess,
            ),
        ),
    ];
    for (e, why) in endpoints {
        b.push(RequirementKind::Endpoint(Box::new(e)), why);
    }
    b.finish(Hop::EdgeNode)
}
