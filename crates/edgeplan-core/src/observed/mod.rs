//! Observed state: what each device on the path really has configured, as surveyed on
//! site or imported from its console output. A hop with no survey is *not surveyed*:
//! unknown, never wrong.

mod keys;
mod ports;
mod subnets;
mod text;

pub use keys::{SurveyKey, is_filtering, is_routing, is_surveyable};
pub use ports::{PortRange, Ports, PortsError};

use crate::hop::Hop;
use ipnet::Ipv4Net;
use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

/// Every surveyed hop's observed configuration; a hop without an entry is not surveyed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// The surveys by hop, in path order.
    pub surveys: BTreeMap<Hop, Survey>,
}

impl Survey {
    /// The route list to edit, surveyed from now on (empty if it was not surveyed).
    pub fn routes_mut(&mut self) -> &mut Vec<RouteEntry> {
        self.routes.get_or_insert_with(Vec::new)
    }

    /// The rule list to edit, surveyed from now on (empty if it was not surveyed).
    pub fn rules_mut(&mut self) -> &mut Vec<RuleEntry> {
        self.rules.get_or_insert_with(Vec::new)
    }
}

impl Observed {
    /// The survey of `hop`, or `None` while it is not surveyed.
    pub fn survey(&self, hop: Hop) -> Option<&Survey> {
        self.surveys.get(&hop)
    }

    /// True when `hop`'s own list (routes on a routing hop, rules on a filtering one) is
    /// surveyed, even empty: only then can a trace blame the hop.
    pub fn list_surveyed(&self, hop: Hop) -> bool {
        self.survey(hop).is_some_and(|s| {
            if is_routing(hop) {
                s.routes.is_some()
            } else if is_filtering(hop) {
                s.rules.is_some()
            } else {
                true
            }
        })
    }

    /// True when no hop is surveyed (a version-1 plan, or a design only).
    pub fn is_empty(&self) -> bool {
        self.surveys.is_empty()
    }
}

/// What one device has: routes on a routing hop, rules on a filtering hop, and the few
/// facts the flows depend on. Keys a hop does not use stay unset. A list that is `None`
/// was not surveyed (unknown); `Some` of an empty list was surveyed and holds nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Survey {
    /// The route table, in the order found (order carries no meaning for forwarding);
    /// `None` while the routes are not surveyed.
    pub routes: Option<Vec<RouteEntry>>,
    /// The filter rules, in the order found (priority decides, not order); `None` while
    /// the rules are not surveyed.
    pub rules: Option<Vec<RuleEntry>>,
    /// Core switch: BGP running toward the edge nodes (needed with Terway Edge).
    pub bgp: Option<bool>,
    /// Core switch: the VBR's address on the interconnect, which maps an imported
    /// next-hop address to the `vbr` neighbour.
    pub vbr_peer_ip: Option<Ipv4Addr>,
    /// The link MTU in bytes (the VBR's `Mtu`, or a data-center link's).
    pub mtu: Option<u32>,
    /// What a filter does with traffic no rule matches coming in; the device's default
    /// when unset (deny, for both the firewall and the security group).
    pub default_inbound: Option<RuleAction>,
    /// What a filter does with traffic no rule matches going out; unset means deny on
    /// the firewall and allow on the security group (the cloud's default).
    pub default_outbound: Option<RuleAction>,
}

/// One route as the device holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// The destination block.
    pub destination: Ipv4Net,
    /// Where matching traffic goes.
    pub next_hop: NextHop,
    /// `None` when the route forwards; otherwise the device's status word
    /// (`Rejected`, `Prohibited`, `Pending`…): imported, but it does not forward.
    pub inactive: Option<String>,
}

impl RouteEntry {
    /// An active route to `destination` via `next_hop`.
    pub fn new(destination: Ipv4Net, next_hop: NextHop) -> RouteEntry {
        RouteEntry {
            destination,
            next_hop,
            inactive: None,
        }
    }

    /// True when the route takes part in forwarding.
    pub fn is_active(&self) -> bool {
        self.inactive.is_none()
    }
}

/// Where a route sends traffic: a neighbouring hop on the path, the device itself
/// (`local`: directly connected), or anywhere else, which leaves the path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NextHop {
    /// The neighbouring hop on the path (`core-switch`, `vbr`, `transit`, `vpc`).
    Neighbour(PathNode),
    /// Delivered here: a connected network.
    Local,
    /// Off the path: `blackhole`, `nat`, an instance id… kept as written.
    Elsewhere(String),
}

impl NextHop {
    /// Reads a `next_hop` value as written in a plan file; never fails, because any
    /// word that is not a path neighbour or `local` sends traffic off the path.
    pub fn from_word(word: &str) -> NextHop {
        if word == "local" {
            NextHop::Local
        } else if let Ok(node) = word.parse::<PathNode>() {
            NextHop::Neighbour(node)
        } else {
            NextHop::Elsewhere(word.to_string())
        }
    }

    /// The value as written in a plan file.
    pub fn word(&self) -> &str {
        match self {
            NextHop::Neighbour(node) => node.into(),
            NextHop::Local => "local",
            NextHop::Elsewhere(word) => word,
        }
    }

    /// True when the route sends traffic off the path (null route, NAT, an instance).
    pub fn is_blackhole(&self) -> bool {
        matches!(self, NextHop::Elsewhere(w) if w.eq_ignore_ascii_case("blackhole"))
    }
}

/// The routing devices a `next_hop` can name: the path's neighbours as the plan file
/// spells them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum PathNode {
    /// The data center's core switch.
    CoreSwitch,
    /// The VBR.
    Vbr,
    /// The ECR or CEN transit router.
    Transit,
    /// The VPC (its route table).
    Vpc,
}

impl PathNode {
    /// The hop whose routes this node's routing is surveyed in.
    pub fn hop(self) -> Hop {
        match self {
            PathNode::CoreSwitch => Hop::CoreSwitch,
            PathNode::Vbr => Hop::Vbr,
            PathNode::Transit => Hop::Transit,
            PathNode::Vpc => Hop::VpcRouteTable,
        }
    }

    /// The routing node a hop's routes belong to, for the four routing hops.
    pub fn of_hop(hop: Hop) -> Option<PathNode> {
        match hop {
            Hop::CoreSwitch => Some(PathNode::CoreSwitch),
            Hop::Vbr => Some(PathNode::Vbr),
            Hop::Transit => Some(PathNode::Transit),
            Hop::VpcRouteTable => Some(PathNode::Vpc),
            _ => None,
        }
    }
}

/// One filter rule as the device holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEntry {
    /// Inbound or outbound, from the enforcing device's point of view.
    pub direction: Direction,
    /// Allow or deny.
    pub action: RuleAction,
    /// The protocol it matches.
    pub protocol: Protocol,
    /// The destination ports it matches (ignored for ICMP and `all`).
    pub ports: Ports,
    /// The far-side blocks it matches: sources inbound, destinations outbound.
    pub peers: Vec<Ipv4Net>,
    /// Lower is evaluated first; at equal priority, deny before allow.
    pub priority: u32,
}

/// A filter direction: inbound is toward the data center on the firewall and into the
/// VPC on the security group; outbound is the other way.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Direction {
    /// Toward the protected side.
    Inbound,
    /// Away from the protected side.
    Outbound,
}

/// What a rule does with the traffic it matches.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum RuleAction {
    /// Let it through.
    Allow,
    /// Drop it.
    Deny,
}

/// The protocols a rule or a flow names.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Protocol {
    /// TCP.
    Tcp,
    /// UDP.
    Udp,
    /// ICMP.
    Icmp,
    /// Every protocol (rules only).
    All,
}

impl Protocol {
    /// True when a rule for `self` matches traffic of `flow`.
    pub fn covers(self, flow: Protocol) -> bool {
        self == Protocol::All || self == flow
    }

    /// True when the protocol has ports to match.
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Tcp | Protocol::Udp)
    }
}
