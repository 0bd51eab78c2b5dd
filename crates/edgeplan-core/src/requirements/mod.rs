//! What each hop must carry for edge nodes to join the cluster, each with a reason a
//! customer can follow. Derived from a `Plan` and the region catalog by `derive`, or one hop
//! at a time by `derive_hop`.

mod blocks;
mod builder;
pub(crate) mod derive;
pub(crate) mod reasons;
mod words;

pub use blocks::{cloud_targets, key_blocks};
pub use derive::{derive, derive_hop};
pub use words::capitalise;

use crate::hop::Hop;
use crate::plan::{Field, Transit};
use ipnet::Ipv4Net;
use std::fmt;
use std::sync::Arc;

/// Direction. For routes, the source's terms: inbound is data center → cloud, outbound is
/// cloud → data center. For rules, as seen from the enforcing device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// From the data center towards the VPC and cloud services.
    Inbound,
    /// From the VPC towards the data center.
    Outbound,
}

impl Direction {
    /// `inbound` or `outbound`.
    pub fn id(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }
}

/// What a destination block is, so its reason can be told: a block of one of the
/// plan's lists, or one of the region's (or the resolved management address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dest {
    /// A block of a plan list, such as `Field::VpcCidrs`.
    List(Field),
    /// An OSS internal VIP block of the region.
    OssVip,
    /// A route block of the region's add-on image registry.
    Registry,
    /// The resolved ACK management address.
    Management,
}

impl Dest {
    /// A short label; a plan list's is its field's.
    pub fn label(self) -> &'static str {
        match self {
            Dest::List(field) => field.label(),
            Dest::OssVip => "OSS",
            Dest::Registry => "add-on registry",
            Dest::Management => "ACK management",
        }
    }
}

/// A CIDR block with what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    /// The block.
    pub net: Ipv4Net,
    /// What it is.
    pub dest: Dest,
}

/// Where a route sends its packets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NextHop {
    /// The VBR, over Express Connect through the firewall (from the core switch).
    Vbr,
    /// The transit router's link to the VBR: a VBR attachment on CEN, a VBR association
    /// on ECR (each product's own word).
    VbrLink(Transit),
    /// The ECR or CEN transit router.
    Transit(Transit),
    /// The transit router's link to the VPC: a VPC attachment on CEN, a VPC association
    /// on ECR.
    VpcLink(Transit),
    /// The Express Connect physical connection to the core switch, through the firewall.
    ExpressConnect,
    /// The server subnets connected to the core switch.
    ServerSubnets,
    /// The VPC itself, over the VBR's direct connection (no transit router).
    DirectVpc,
    /// The VBR, over the VPC's direct connection (no transit router).
    DirectVbr,
}

impl NextHop {
    /// Where the VBR sends traffic for the VPC: the transit router, or the VPC itself.
    pub fn towards_vpc(transit: Transit) -> NextHop {
        match transit {
            Transit::Direct => NextHop::DirectVpc,
            t => NextHop::Transit(t),
        }
    }

    /// Where the VPC route table sends traffic for the data center: the transit router,
    /// or the VBR itself.
    pub fn towards_vbr(transit: Transit) -> NextHop {
        match transit {
            Transit::Direct => NextHop::DirectVbr,
            t => NextHop::Transit(t),
        }
    }
}

impl fmt::Display for NextHop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NextHop::Vbr => f.write_str("VBR (via firewall, Express Connect)"),
            NextHop::Transit(Transit::Ecr) => f.write_str("ECR"),
            NextHop::Transit(Transit::Cen) => f.write_str("CEN transit router"),
            NextHop::VbrLink(Transit::Cen) => f.write_str("VBR attachment"),
            NextHop::VbrLink(Transit::Ecr) => f.write_str("VBR association"),
            NextHop::VpcLink(Transit::Cen) => f.write_str("VPC attachment"),
            NextHop::VpcLink(Transit::Ecr) => f.write_str("VPC association"),
            // A direct connection has no transit router; derive never makes these.
            NextHop::Transit(Transit::Direct)
            | NextHop::VbrLink(Transit::Direct)
            | NextHop::VpcLink(Transit::Direct) => f.write_str("none (direct connection)"),
            NextHop::DirectVpc => f.write_str("VPC (direct connection)"),
            NextHop::DirectVbr => f.write_str("VBR (direct connection)"),
            NextHop::ExpressConnect => f.write_str("Express Connect to core switch (via firewall)"),
            NextHop::ServerSubnets => f.write_str("server subnets (connected)"),
        }
    }
}

/// One route a hop's route table must hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// Inbound (towards the cloud) or outbound (towards the data center).
    pub direction: Direction,
    /// Destination block.
    pub destination: Target,
    /// Where to send it.
    pub next_hop: NextHop,
}

/// Transport protocol of a rule or endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// Every protocol and port.
    All,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::All => "all",
        })
    }
}

/// An allow rule on the firewall, the security group or the edge node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEntry {
    /// As seen from the device that enforces it, as the source's tables do: on the
    /// firewall, outbound leaves the data center; on the security group, outbound leaves
    /// the VPC; on an edge node, inbound reaches the node.
    pub direction: Direction,
    /// Which traffic: `from` the first set `to` the second.
    pub from: Vec<Target>,
    /// Destination blocks.
    pub to: Vec<Target>,
    /// Protocol.
    pub protocol: Protocol,
    /// Ports; empty with `Protocol::All`.
    pub ports: Vec<u16>,
}

/// The port of an endpoint as the source gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortSpec {
    /// The source names the protocol and ports.
    Given(Protocol, Vec<u16>),
    /// The source's port cell is empty: unknown, not none.
    NotGiven,
    /// The source says ports do not apply, with its words.
    NotApplicable(&'static str),
}

impl fmt::Display for PortSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortSpec::Given(p, ports) => write!(f, "{p} {}", join_ports(ports)),
            PortSpec::NotGiven => f.write_str("port not given by the source"),
            PortSpec::NotApplicable(why) => f.write_str(why),
        }
    }
}

/// An address an edge node must reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointEntry {
    /// What it is, in the source's words.
    pub destination: &'static str,
    /// Host names or addresses, `{region}` filled in.
    pub hosts: Vec<String>,
    /// Protocol and ports.
    pub port: PortSpec,
    /// The blocks the data center must route for it (empty when not applicable).
    pub route_cidrs: Vec<Ipv4Net>,
}

/// The kinds of thing a hop must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequirementKind {
    /// A route.
    Route(RouteEntry),
    /// An allow rule; boxed, as the endpoint, so the many routes stay small.
    Rule(Box<RuleEntry>),
    /// An endpoint the edge nodes reach.
    Endpoint(Box<EndpointEntry>),
    /// A setting in words, such as BGP on the core switch.
    Setting(String),
}

/// One thing a hop must carry and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// What.
    pub kind: RequirementKind,
    /// Why, in one line a customer can follow; shared by the routes of one list, so a
    /// list of 100,000 blocks does not allocate 100,000 copies on every re-check.
    pub reason: Arc<str>,
}

/// Everything one hop must carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopRequirements {
    /// The hop.
    pub hop: Hop,
    /// Its requirements in display order.
    pub items: Vec<Requirement>,
}

/// Every hop's requirements, in path order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirements {
    /// One entry per hop, in `Hop::ALL` order.
    pub hops: Vec<HopRequirements>,
}

impl Requirements {
    /// The hops whose requirements differ between `self` and `other`: with the plans
    /// they come from differing in one value, the hops that value feeds.
    pub fn hops_differing(&self, other: &Requirements) -> Vec<Hop> {
        Hop::ALL
            .into_iter()
            .filter(|h| self.hop(*h) != other.hop(*h))
            .collect()
    }

    /// The requirements of one hop.
    pub fn hop(&self, hop: Hop) -> &HopRequirements {
        &self.hops[hop.index()]
    }
}

/// `10250, 10255`
pub fn join_ports(ports: &[u16]) -> String {
    ports
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `10.0.0.0/8, 172.16.0.0/12`
pub fn join_targets(targets: &[Target]) -> String {
    join_some_targets(targets, usize::MAX)
}

/// `10.0.0.0/8, 172.16.0.0/12 and 99,998 more`: at most `max` blocks named.
pub fn join_some_targets(targets: &[Target], max: usize) -> String {
    crate::checks::name_some(targets.iter().map(|t| t.net), max)
}
