//! Checks of the observed state: each surveyed routing hop against the routes its
//! requirements list, the core switch's BGP with Terway Edge, and the path MTU with
//! Flannel. A hop with no survey is never judged. The filters are in `observed_rules`.

use super::customer::{and_list, hop_first, hop_words, resolved_words};
use super::rules::Findings;
use super::{FindingCode, Severity, Wording};
use crate::catalog::Catalog;
use crate::checks::{NAMED, name_some};
use crate::hop::Hop;
use crate::observed::PathNode;
use crate::plan::{Cni, Plan, Transit};
use crate::requirements::{self, NextHop as Required, RequirementKind};
use crate::trace::{Resolved, RouteRef, RouteTable, Tracer, words};
use ipnet::Ipv4Net;
use std::collections::BTreeMap;

/// VXLAN's encapsulation: outer Ethernet, IP, UDP and VXLAN headers.
pub const VXLAN_OVERHEAD: u32 = 50;
/// The pod MTU Flannel's VXLAN backend sets on nodes with a 1500-byte link.
pub const FLANNEL_POD_MTU: u32 = 1450;

/// Where a required route's next hop leads, as the tracer resolves an observed one.
fn expected(next_hop: Required) -> Resolved {
    match next_hop {
        Required::Vbr | Required::VbrLink(_) | Required::DirectVbr => Resolved::Node(PathNode::Vbr),
        Required::Transit(_) => Resolved::Node(PathNode::Transit),
        Required::VpcLink(_) | Required::DirectVpc => Resolved::Node(PathNode::Vpc),
        Required::ExpressConnect => Resolved::Node(PathNode::CoreSwitch),
        Required::ServerSubnets => Resolved::Local,
    }
}

/// `via vbr`, `local`.
fn via(r: &Resolved) -> String {
    match r {
        Resolved::Node(n) => format!("via {n}"),
        Resolved::Local => "local".into(),
        Resolved::Null => "to a blackhole".into(),
        Resolved::OffPath(w) => format!("to {w}"),
    }
}

/// Findings of one kind on one hop, gathered so a long list makes one finding.
#[derive(Default)]
struct Gathered {
    blocks: Vec<Ipv4Net>,
    routes: Vec<String>,
    /// The destinations of the routes to blame, for the customer's words.
    route_nets: Vec<Ipv4Net>,
    /// Where those routes send the traffic instead, in the customer's words.
    leads: Vec<String>,
    /// Where the blocks must go, in the customer's words.
    want: String,
}

/// One observed route to blame: its engineer's words, its destination, and where it
/// leads (the customer's words).
struct Blamed {
    words: String,
    net: Ipv4Net,
    leads: Option<String>,
}

/// Adds one finding per (code, expected next hop) with the blocks gathered.
fn report(
    out: &mut Findings,
    (hop, transit): (Hop, Transit),
    gathered: BTreeMap<(FindingCode, String), Gathered>,
) {
    for ((code, via), mut g) in gathered {
        let blocks = name_some(g.blocks.iter(), NAMED);
        let routes = name_some(g.routes.iter(), NAMED);
        g.route_nets.dedup();
        g.leads.sort();
        g.leads.dedup();
        let nets = name_some(g.route_nets.iter(), NAMED);
        let (leads, want) = (and_list(&g.leads), &g.want);
        let (on, on_first) = (hop_words(hop, transit), hop_first(hop, transit));
        let (engineer, customer) = match code {
            FindingCode::ObservedNoRoute if g.routes.is_empty() => (
                Wording::new(
                    format!("{hop} has no route for {blocks}, which it must send {via}"),
                    format!("On {hop}, add a route to {blocks} {via}."),
                ),
                Wording::new(
                    format!("{on_first} has no route for {blocks}, which it must send {want}."),
                    format!("On {on}, add a route for {blocks} {want}."),
                ),
            ),
            FindingCode::ObservedNoRoute => (
                Wording::new(
                    format!(
                        "{hop} has no active route for {blocks}, which it must send {via}: {routes} does not forward"
                    ),
                    format!(
                        "On {hop}, make {routes} active (see why the device rejects it), or add an active route to {blocks} {via}."
                    ),
                ),
                Wording::new(
                    format!(
                        "{on_first} has no working route for {blocks}, which it must send {want}: its route for {nets} is not active."
                    ),
                    format!(
                        "On {on}, find out why the route for {nets} is not active and correct it, or add a working route for {blocks} {want}."
                    ),
                ),
            ),
            FindingCode::ObservedRouteWrongNeighbour => (
                Wording::new(
                    format!("on {hop}, {routes} takes {blocks}, which must go {via}"),
                    format!("On {hop}, point the route for {blocks} {via}."),
                ),
                Wording::new(
                    format!(
                        "{on_first} sends traffic for {blocks} {leads}, and it must go {want}."
                    ),
                    format!("On {on}, point the route for {blocks} {want}."),
                ),
            ),
            _ => (
                Wording::new(
                    format!("{routes} on {hop} takes part of {blocks} away from its route {via}"),
                    format!("On {hop}, remove {routes}, or point it {via}."),
                ),
                Wording::new(
                    format!(
                        "On {on}, a narrower route for {nets} takes part of {blocks} off its way {want}: it sends that part {leads}."
                    ),
                    format!("On {on}, remove the narrower route for {nets}, or point it {want}."),
                ),
            ),
        };
        out.add(Severity::Error, code, vec![hop], vec![], engineer, customer);
    }
}

/// Where an active entry of `table` leads.
fn leads(tracer: &Tracer, node: PathNode, table: &RouteTable, r: RouteRef) -> Resolved {
    match r {
        RouteRef::System => Resolved::Local,
        RouteRef::Surveyed(i) => tracer.resolve(node, table.survey, &table.routes[i].next_hop),
    }
}

/// True when the null route `net` on the core switch is the summary of the data-center
/// `block`: the switch has server subnets where the two overlap, which it delivers to
/// (more specific routes win), so the null route only drops addresses no server has
/// and lets the switch advertise the aggregate. Without one, every server is dropped.
fn summary_null(
    tracer: &Tracer,
    node: PathNode,
    table: &RouteTable,
    (net, r): (Ipv4Net, RouteRef),
    block: Ipv4Net,
) -> bool {
    let overlap = match net.contains(&block) {
        true => block,
        false => net,
    };
    leads(tracer, node, table, r) == Resolved::Null && has_servers(node, table, overlap)
}

/// True when `node` is the core switch and has connected server subnets inside `block`.
fn has_servers(node: PathNode, table: &RouteTable, block: Ipv4Net) -> bool {
    node == PathNode::CoreSwitch && !table.survey.server_subnets(block).is_empty()
}

/// Each surveyed routing hop against its required routes: a missing route, a route to
/// the wrong neighbour, a more specific route that diverts part of a block.
fn routes_check(plan: &Plan, catalog: &Catalog, tracer: &Tracer, out: &mut Findings) {
    for &node in tracer.nodes() {
        let Some(table) = tracer.routes(node) else {
            continue;
        };
        let mut gathered: BTreeMap<(FindingCode, String), Gathered> = BTreeMap::new();
        let mut add = |code, want: &Resolved, block, route: Option<Blamed>| {
            let g = gathered.entry((code, via(want))).or_default();
            g.want = resolved_words(want, plan.transit);
            g.blocks.push(block);
            if let Some(r) = route {
                g.routes.push(r.words);
                g.route_nets.push(r.net);
                g.leads.extend(r.leads);
            }
        };
        let blamed = |net, r| Blamed {
            words: table.describe(net, r),
            net,
            leads: Some(resolved_words(&leads(tracer, node, table, r), plan.transit)),
        };
        let reqs = requirements::derive_hop(plan, catalog, node.hop());
        for item in &reqs.items {
            let RequirementKind::Route(required) = &item.kind else {
                continue;
            };
            let (block, want) = (required.destination.net, expected(required.next_hop));
            let servers = required.next_hop == Required::ServerSubnets;
            let wrong = |net, r: RouteRef| {
                leads(tracer, node, table, r) != want
                    && !(servers && summary_null(tracer, node, table, (net, r), block))
            };
            match table.active.covering(block) {
                // The switch delivers the servers on its connected subnets inside the
                // block: the rest of the block holds no server it knows of, the same
                // reasoning as for a null summary route.
                None if servers && has_servers(node, table, block) => {}
                None => {
                    let inactive = table.inactive.covering(block);
                    let route = inactive.map(|(net, &i)| Blamed {
                        words: words::route(&table.routes[i]),
                        net,
                        leads: None,
                    });
                    add(FindingCode::ObservedNoRoute, &want, block, route);
                }
                Some((net, &r)) if wrong(net, r) => {
                    add(
                        FindingCode::ObservedRouteWrongNeighbour,
                        &want,
                        block,
                        Some(blamed(net, r)),
                    );
                }
                Some(_) => {
                    let diverting = table.active.inside(block).find(|(net, r)| wrong(*net, **r));
                    if let Some((net, &r)) = diverting {
                        add(
                            FindingCode::ObservedRouteDiverted,
                            &want,
                            block,
                            Some(blamed(net, r)),
                        );
                    }
                }
            }
        }
        report(out, (node.hop(), plan.transit), gathered);
    }
}

/// BGP off on the core switch with Terway Edge, which advertises the container routes
/// by BGP.
fn bgp_check(plan: &Plan, out: &mut Findings) {
    let core = plan.observed.survey(Hop::CoreSwitch);
    if plan.cni == Cni::TerwayEdge && core.is_some_and(|s| s.bgp == Some(false)) {
        out.add(
            Severity::Error,
            FindingCode::ObservedBgpOff,
            vec![Hop::CoreSwitch],
            vec![],
            Wording::new(
                "BGP is off on the core switch, so it never learns the edge container routes Terway Edge advertises",
                "On core-switch, enable BGP toward the edge nodes and accept the edge container routes they advertise.",
            ),
            Wording::new(
                "BGP is off on the core switch, so it never learns the routes to the edge containers that Terway Edge advertises from the edge nodes.",
                "On the core switch, turn on BGP toward the edge nodes and accept the edge container routes they advertise.",
            ),
        );
    }
}

/// With Flannel, the smallest surveyed MTU on the line must carry a full pod packet
/// plus VXLAN's headers.
fn mtu_check(plan: &Plan, out: &mut Findings) {
    if plan.cni != Cni::Flannel {
        return;
    }
    let line = [Hop::CoreSwitch, Hop::Firewall, Hop::Vbr];
    let smallest = line
        .iter()
        .filter_map(|&h| plan.observed.survey(h)?.mtu.map(|m| (m, h)))
        .min();
    let Some((mtu, hop)) = smallest else { return };
    if mtu.saturating_sub(VXLAN_OVERHEAD) >= FLANNEL_POD_MTU {
        return;
    }
    let need = FLANNEL_POD_MTU + VXLAN_OVERHEAD;
    let fits = mtu.saturating_sub(VXLAN_OVERHEAD);
    let (at, at_first) = (hop_words(hop, plan.transit), hop_first(hop, plan.transit));
    out.add(
        Severity::Warning,
        FindingCode::ObservedPathMtuLow,
        vec![hop],
        vec![],
        Wording::new(
            format!(
                "the path MTU is {mtu} (at {hop}): Flannel's VXLAN adds {VXLAN_OVERHEAD} bytes to pod packets of up to {FLANNEL_POD_MTU}, so packets of more than {fits} bytes from a pod are dropped on the way (large transfers hang)"
            ),
            format!("Raise the MTU of {hop} (and every link of the line) to at least {need}, or set Flannel's MTU to {fits} or less."),
        ),
        Wording::new(
            format!(
                "{at_first} carries packets of at most {mtu} bytes, the least on the line: Flannel wraps each pod packet of up to {FLANNEL_POD_MTU} bytes in {VXLAN_OVERHEAD} more, so pod packets over {fits} bytes are dropped and large transfers hang."
            ),
            format!("Raise the MTU of {at} and of every link of the line to at least {need} bytes, or set Flannel's MTU to {fits} bytes or less."),
        ),
    );
}

/// Every check of the observed state, through `tracer` (built only when a hop is
/// surveyed).
pub(super) fn observed_check(plan: &Plan, catalog: &Catalog, tracer: &Tracer, out: &mut Findings) {
    routes_check(plan, catalog, tracer, out);
    bgp_check(plan, out);
    mtu_check(plan, out);
    super::observed_rules::filters_check(plan, catalog, tracer, out);
}
