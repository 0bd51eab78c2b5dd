//! The tracer's indexes: where each address lives, and every surveyed hop's routes
//! and rules, built once per plan.

use super::filter::FilterTable;
use super::prefix::PrefixIndex;
use super::words;
use crate::Catalog;
use crate::hop::Hop;
use crate::observed::{NextHop, PathNode, RouteEntry, Survey};
use crate::plan::{Cni, Plan, Transit};
use crate::requirements::cloud_targets;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// Where an address lives, which decides where its traffic joins and leaves the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Place {
    /// A data-center block: the edge nodes, behind the core switch.
    DataCenter,
    /// An edge container block (Terway Edge), routed by the core switch.
    Containers,
    /// A VPC block: the VPC's nodes, behind the security group.
    Vpc,
    /// A cloud-service block, reached through the VPC.
    CloudService,
}

impl Place {
    /// The routing node that delivers to it.
    pub fn owner(self) -> PathNode {
        match self {
            Place::DataCenter | Place::Containers => PathNode::CoreSwitch,
            Place::Vpc | Place::CloudService => PathNode::Vpc,
        }
    }

    /// True for the data-center side, where the edge nodes are.
    pub fn in_datacenter(self) -> bool {
        self.owner() == PathNode::CoreSwitch
    }
}

/// Where an entry of a route table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteRef {
    /// The survey's route at this index.
    Surveyed(usize),
    /// A system route of the VPC: its own blocks and the cloud services are local
    /// without any entry.
    System,
}

/// A routing hop's surveyed routes, indexed once.
#[derive(Debug, Clone)]
pub struct RouteTable<'a> {
    /// The hop.
    pub hop: Hop,
    /// Its survey.
    pub survey: &'a Survey,
    /// Its surveyed routes, which the indexes point into.
    pub routes: &'a [RouteEntry],
    /// The routes that forward (and the VPC's system routes).
    pub active: PrefixIndex<RouteRef>,
    /// The routes that are imported but do not forward.
    pub inactive: PrefixIndex<usize>,
}

impl<'a> RouteTable<'a> {
    /// The index of `survey`'s routes, with `system` blocks local ahead of any entry;
    /// `None` while its routes are not surveyed (unknown, not empty).
    pub fn new(hop: Hop, survey: &'a Survey, system: &[Ipv4Net]) -> Option<RouteTable<'a>> {
        let list = survey.routes.as_deref()?;
        let routes = list.iter().enumerate();
        let active = system.iter().map(|&n| (n, RouteRef::System)).chain(
            routes
                .clone()
                .filter(|(_, r)| r.is_active())
                .map(|(i, r)| (r.destination, RouteRef::Surveyed(i))),
        );
        let inactive = routes
            .filter(|(_, r)| !r.is_active())
            .map(|(i, r)| (r.destination, i));
        Some(RouteTable {
            hop,
            survey,
            routes: list,
            active: PrefixIndex::new(active),
            inactive: PrefixIndex::new(inactive),
        })
    }

    /// The route text of an entry.
    pub fn describe(&self, net: Ipv4Net, r: RouteRef) -> String {
        match r {
            RouteRef::Surveyed(i) => words::route(&self.routes[i]),
            RouteRef::System => format!("{net} local (the VPC's system route)"),
        }
    }
}

/// Where a route's next hop leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A routing node.
    Node(PathNode),
    /// A network connected here.
    Local,
    /// Dropped.
    Null,
    /// Somewhere off the path.
    OffPath(String),
}

/// Every surveyed hop of a plan, indexed once, ready to trace any number of packets.
pub struct Tracer<'a> {
    nodes: &'static [PathNode],
    routes: Vec<Option<RouteTable<'a>>>,
    firewall: Option<FilterTable<'a>>,
    security_group: Option<FilterTable<'a>>,
    places: PrefixIndex<Place>,
}

fn slot(node: PathNode) -> usize {
    match node {
        PathNode::CoreSwitch => 0,
        PathNode::Vbr => 1,
        PathNode::Transit => 2,
        PathNode::Vpc => 3,
    }
}

impl<'a> Tracer<'a> {
    /// Indexes every surveyed hop of `plan` on its path.
    pub fn new(plan: &'a Plan, catalog: &Catalog) -> Tracer<'a> {
        const DIRECT: [PathNode; 3] = [PathNode::CoreSwitch, PathNode::Vbr, PathNode::Vpc];
        const VIA_TRANSIT: [PathNode; 4] = [
            PathNode::CoreSwitch,
            PathNode::Vbr,
            PathNode::Transit,
            PathNode::Vpc,
        ];
        let nodes: &'static [PathNode] = match plan.transit {
            Transit::Direct => &DIRECT,
            Transit::Ecr | Transit::Cen => &VIA_TRANSIT,
        };
        let cloud: Vec<Ipv4Net> = cloud_targets(plan, catalog.region(&plan.region))
            .iter()
            .map(|t| t.net)
            .collect();
        let containers: &[Ipv4Net] = match plan.cni {
            Cni::TerwayEdge => &plan.container_cidrs,
            Cni::Flannel => &[],
        };
        let places = PrefixIndex::new(
            plan.datacenter_cidrs
                .iter()
                .map(|&n| (n, Place::DataCenter))
                .chain(containers.iter().map(|&n| (n, Place::Containers)))
                .chain(plan.vpc_cidrs.iter().map(|&n| (n, Place::Vpc)))
                .chain(cloud.iter().map(|&n| (n, Place::CloudService))),
        );
        let system: Vec<Ipv4Net> = plan.vpc_cidrs.iter().chain(&cloud).copied().collect();
        let mut routes: Vec<Option<RouteTable>> = vec![None, None, None, None];
        for &node in nodes {
            let hop = node.hop();
            if let Some(s) = plan.observed.survey(hop) {
                let own: &[Ipv4Net] = if node == PathNode::Vpc { &system } else { &[] };
                routes[slot(node)] = RouteTable::new(hop, s, own);
            }
        }
        let filter = |hop| {
            plan.observed
                .survey(hop)
                .and_then(|s| FilterTable::new(hop, s))
        };
        Tracer {
            nodes,
            routes,
            firewall: filter(Hop::Firewall),
            security_group: filter(Hop::SecurityGroup),
            places,
        }
    }

    /// Where `addr` lives, and the plan's block that holds it.
    pub fn place(&self, addr: Ipv4Addr) -> Option<(Ipv4Net, Place)> {
        self.places.longest_match(addr).map(|(n, p)| (n, *p))
    }

    /// The surveyed route table of `node`; `None` while its routes are not surveyed.
    pub fn routes(&self, node: PathNode) -> Option<&RouteTable<'a>> {
        self.routes[slot(node)].as_ref()
    }

    /// The surveyed filter of `hop` (firewall or security group); `None` while its rules
    /// are not surveyed.
    pub fn filter(&self, hop: Hop) -> Option<&FilterTable<'a>> {
        match hop {
            Hop::Firewall => self.firewall.as_ref(),
            Hop::SecurityGroup => self.security_group.as_ref(),
            _ => None,
        }
    }

    /// The routing nodes of the path, data center first.
    pub fn nodes(&self) -> &'static [PathNode] {
        self.nodes
    }

    pub(super) fn index(&self, node: PathNode) -> Option<usize> {
        self.nodes.iter().position(|n| *n == node)
    }

    /// The neighbour of `at` on the way to `target` (`at` itself when it is the target).
    pub fn toward(&self, at: PathNode, target: PathNode) -> PathNode {
        match (self.index(at), self.index(target)) {
            (Some(a), Some(t)) if t > a => self.nodes[a + 1],
            (Some(a), Some(t)) if t < a => self.nodes[a - 1],
            _ => at,
        }
    }

    /// Where `next_hop`, as `at`'s survey writes it, leads. On the core switch, the
    /// VBR's interconnect address is the VBR, and an address in a data-center block (an
    /// edge node, a BGP peer) delivers into the data center.
    pub fn resolve(&self, at: PathNode, survey: &Survey, next_hop: &NextHop) -> Resolved {
        match next_hop {
            NextHop::Local => Resolved::Local,
            NextHop::Neighbour(n) => Resolved::Node(*n),
            NextHop::Elsewhere(_) if next_hop.is_blackhole() => Resolved::Null,
            NextHop::Elsewhere(w) => {
                let ip = w.parse::<Ipv4Addr>().ok();
                match ip {
                    Some(ip) if at == PathNode::CoreSwitch && survey.vbr_peer_ip == Some(ip) => {
                        Resolved::Node(PathNode::Vbr)
                    }
                    Some(ip)
                        if at == PathNode::CoreSwitch
                            && self.place(ip).is_some_and(|(_, p)| p.in_datacenter()) =>
                    {
                        Resolved::Local
                    }
                    _ => Resolved::OffPath(w.clone()),
                }
            }
        }
    }
}
