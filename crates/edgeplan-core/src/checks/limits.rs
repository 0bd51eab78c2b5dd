//! What the cloud itself refuses or drops, beyond the source's tables: prefix ranges,
//! reserved addresses and ranges, route and rule budgets; and the region's own
//! destinations that broad scope must still cover. Each fact names where it comes from.

use super::names::{NAMED, name_some, thousands};
use super::overlap::Cover;
use super::rules::{Findings, net, relation_words};
use super::{FieldRef, FindingCode::*, Severity};
use crate::catalog::Region;
use crate::cidr::{Relation, overlaps, relate};
use crate::hop::Hop::{self, *};
use crate::plan::{Cni, Field, Plan, Scope};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// Where the prefix ranges come from.
const VPC_DOCS: &str = "Alibaba Cloud VPC documentation";

/// Ranges that are never routed between networks (IANA special-purpose registry, RFC 6890).
const UNROUTABLE: [(&str, &str); 5] = [
    ("0.0.0.0/8", "\"this network\""),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
];

/// The range a VPC custom route may not point into.
const SHARED_SPACE: &str = "100.64.0.0/10";

/// Custom routes one VPC route table holds.
pub(super) const VPC_ROUTE_BUDGET: usize = 200;
/// Dynamic routes one VBR BGP peer accepts.
pub(super) const VBR_BGP_BUDGET: usize = 110;
/// Rules one security group holds.
pub(super) const SECURITY_GROUP_BUDGET: usize = 200;

/// The hops that route a data center or container block.
const ROUTING_HOPS: [Hop; 4] = [CoreSwitch, Vbr, Transit, VpcRouteTable];

/// The container blocks the cloud routes: only Terway Edge uses them.
fn routed_containers(plan: &Plan) -> &[Ipv4Net] {
    match plan.cni {
        Cni::TerwayEdge => &plan.container_cidrs,
        Cni::Flannel => &[],
    }
}

/// Entry findings of one rule on one list beyond this many are counted in one more
/// finding, so a list of 100,000 bad blocks gives bounded output.
const MAX_PER_LIST: usize = 200;

/// One finding per entry in `hits` (up to [`MAX_PER_LIST`], then one that counts the
/// rest), each said by `say` as (message, fix).
fn per_entry(
    out: &mut Findings,
    (code, hops): (super::FindingCode, &[Hop]),
    list: Field,
    hits: &[(usize, Ipv4Net)],
    say: impl Fn(Ipv4Net) -> (String, String),
) {
    for &(i, n) in hits.iter().take(MAX_PER_LIST) {
        let (message, fix) = say(n);
        out.add(
            Severity::Error,
            code,
            hops.to_vec(),
            vec![FieldRef::entry(list, i)],
            message,
            fix,
        );
    }
    if hits.len() > MAX_PER_LIST {
        let rest = thousands(hits.len() - MAX_PER_LIST);
        out.add(Severity::Error, code, hops.to_vec(), vec![FieldRef::whole(list)],
            format!("{rest} more entries of {} have the same problem; only the first {MAX_PER_LIST} are listed", list.key()),
            "Fix the listed entries and check again.".into());
    }
}

/// The entries of `nets` (0.0.0.0/0 left to default-route) that `bad` picks.
fn hits(nets: &[Ipv4Net], bad: impl Fn(Ipv4Net) -> bool) -> Vec<(usize, Ipv4Net)> {
    let entries = nets.iter().copied().enumerate();
    entries
        .filter(|&(_, n)| n.prefix_len() != 0 && bad(n))
        .collect()
}

/// VPC blocks outside /8–/28 and vSwitch blocks outside /16–/29.
pub(super) fn prefix_check(plan: &Plan, out: &mut Findings) {
    let lists = [
        (
            Field::VpcCidrs,
            8,
            28,
            VpcPrefixOutOfRange,
            "VPC",
            &[VpcRouteTable, SecurityGroup][..],
        ),
        (
            Field::VswitchCidrs,
            16,
            29,
            VswitchPrefixOutOfRange,
            "vSwitch",
            &[EdgeNode][..],
        ),
    ];
    for (list, min, max, code, what, hops) in lists {
        let nets = list.cidrs(plan).map_or(&[][..], Vec::as_slice);
        let bad = hits(nets, |v| !(min..=max).contains(&v.prefix_len()));
        let key = list.key();
        per_entry(out, (code, hops), list, &bad, |v| {
            (
                format!(
                    "{what} block {v} has a /{} prefix; Alibaba Cloud accepts /{min} to /{max} (beyond the source: {VPC_DOCS})",
                    v.prefix_len()
                ),
                format!("Change {v} in {key} to a block of /{min} to /{max}."),
            )
        });
    }
}

/// Data center and container blocks no router forwards, or no VPC custom route can point to.
pub(super) fn routable_check(plan: &Plan, out: &mut Findings) {
    let lists = [
        (Field::DatacenterCidrs, &plan.datacenter_cidrs[..]),
        (Field::ContainerCidrs, routed_containers(plan)),
    ];
    let shared = net(SHARED_SPACE);
    // Parsed once: this runs for every block of a list that may hold 100,000.
    let ranges: Vec<Ipv4Net> = UNROUTABLE.iter().map(|(r, _)| net(r)).collect();
    let never = |n: Ipv4Net| ranges.iter().any(|&r| overlaps(n, r));
    for (list, nets) in lists {
        let (key, label) = (list.key(), list.label());
        let unroutable = hits(nets, never);
        per_entry(
            out,
            (UnroutableBlock, &ROUTING_HOPS),
            list,
            &unroutable,
            |n| {
                let hit: Vec<String> = UNROUTABLE
                    .iter()
                    .filter(|(r, _)| overlaps(n, net(r)))
                    .map(|(r, what)| match relate(n, net(r)) {
                        Relation::Equal => format!("is {r} ({what})"),
                        rel => format!("{} {r} ({what})", relation_words(rel)),
                    })
                    .collect();
                (
                    format!(
                        "{label} {n} {}, which no router forwards (beyond the source: IANA special-purpose address registry, RFC 6890)",
                        hit.join(" and ")
                    ),
                    format!(
                        "Give the {label} a routable private block in {key}, such as one inside 10.0.0.0/8 or 172.16.0.0/12."
                    ),
                )
            },
        );
        let in_shared = hits(nets, |n| !never(n) && shared.contains(&n));
        per_entry(
            out,
            (VpcRouteInSharedSpace, &[VpcRouteTable]),
            list,
            &in_shared,
            |n| {
                (
                    format!(
                        "{label} {n} lies inside {SHARED_SPACE}, where a VPC custom route cannot point, so the VPC cannot route it back (beyond the source: {VPC_DOCS}, CreateRouteEntry)"
                    ),
                    format!("Move the {label} out of {SHARED_SPACE}: change {n} in {key}."),
                )
            },
        );
    }
}

/// The first and the last address a host of `n` may use, if any.
fn usable(n: Ipv4Net) -> Option<(Ipv4Addr, Ipv4Addr)> {
    let (first, last) = (u32::from(n.network()), u32::from(n.broadcast()));
    (last - first >= 4).then(|| (Ipv4Addr::from(first + 1), Ipv4Addr::from(last - 3)))
}

/// True when `ip` is the first or one of the last three addresses of `n`.
fn reserved_in(ip: Ipv4Addr, n: Ipv4Net) -> bool {
    n.contains(&ip) && (ip == n.network() || u32::from(n.broadcast()) - u32::from(ip) < 3)
}

/// `apiserver_ip` must be an address a vSwitch hands out, in one of the given vSwitches.
pub(super) fn apiserver_check(plan: &Plan, out: &mut Findings) {
    let Some(ip) = plan.apiserver_ip else { return };
    let hops = vec![EdgeNode, SecurityGroup];
    let fix =
        "Copy the internal endpoint from the cluster's Basic Information tab into apiserver_ip.";
    if !plan.vswitch_cidrs.is_empty() {
        let Some(i) = plan.vswitch_cidrs.iter().position(|v| v.contains(&ip)) else {
            out.add(
                Severity::Error,
                ApiserverOutsideVswitch,
                hops,
                vec![
                    FieldRef::whole(Field::ApiserverIp),
                    FieldRef::whole(Field::VswitchCidrs),
                ],
                format!(
                    "API server address {ip} is in none of the cluster's vSwitches ({})",
                    name_some(plan.vswitch_cidrs.iter(), NAMED)
                ),
                format!("{fix} If it is right, add its vSwitch to vswitch_cidrs."),
            );
            return;
        };
        let v = plan.vswitch_cidrs[i];
        if reserved_in(ip, v) {
            out.add(Severity::Error, ApiserverReservedAddress, hops,
                vec![FieldRef::whole(Field::ApiserverIp), FieldRef::entry(Field::VswitchCidrs, i)],
                format!("API server address {ip} is reserved in vSwitch {v}: the cloud keeps a vSwitch's first and last three addresses (beyond the source: {VPC_DOCS}, CreateVSwitch)"),
                usable_fix(fix, v));
        }
        return;
    }
    // Without vSwitches: a VPC block's first and last three addresses are those of every
    // vSwitch that holds them (a vSwitch is at most /29, aligned inside its VPC block).
    if let Some(&v) = plan.vpc_cidrs.iter().find(|v| reserved_in(ip, **v)) {
        out.add(Severity::Error, ApiserverReservedAddress, hops,
            vec![FieldRef::whole(Field::ApiserverIp)],
            format!("API server address {ip} is the first or one of the last three addresses of VPC {v}, which every vSwitch there reserves (beyond the source: {VPC_DOCS}, CreateVSwitch)"),
            usable_fix(fix, v));
    }
}

fn usable_fix(fix: &str, n: Ipv4Net) -> String {
    match usable(n) {
        Some((a, b)) => format!("{fix} A usable address of {n} lies from {a} to {b}."),
        None => fix.to_string(),
    }
}

/// How many security group rules `rules` make: one per peer block and port.
fn sg_rule_count(plan: &Plan) -> usize {
    let (dc, c) = (plan.datacenter_cidrs.len(), routed_containers(plan).len());
    if plan.vpc_cidrs.is_empty() {
        return 0; // derive adds no rule with an empty side
    }
    // Mirrors `requirements::derive`'s security group (pinned by a test that counts it).
    let scoped = match plan.scope {
        Scope::Broad => 2 * (dc + c),             // all traffic, both ways
        Scope::Fine => 4 * dc + (dc + c) + 2 * c, // kubelet and Node-Exporter ports, 6443, containers both ways
    };
    let flannel = if plan.cni == Cni::Flannel { 2 * dc } else { 0 };
    scoped + flannel
}

/// The counts of routes and rules the plan derives, against what the cloud holds.
pub(super) fn budget_check(plan: &Plan, out: &mut Findings) {
    let routed = plan.datacenter_cidrs.len() + routed_containers(plan).len();
    let mut subject = vec![FieldRef::whole(Field::DatacenterCidrs)];
    if !routed_containers(plan).is_empty() {
        subject.push(FieldRef::whole(Field::ContainerCidrs));
    }
    let fix = "Summarize datacenter_cidrs (and container_cidrs) into fewer, larger blocks, or raise the quota in Alibaba Cloud Quota Center if it is adjustable.";
    let budgets = [
        (
            VpcRouteBudget,
            VpcRouteTable,
            routed,
            VPC_ROUTE_BUDGET,
            "the VPC route table needs {n} custom routes back to the data center, and it holds at most {max} (beyond the source: Alibaba Cloud VPC documentation, CreateRouteEntry)",
        ),
        (
            VbrBgpRouteBudget,
            Vbr,
            routed,
            VBR_BGP_BUDGET,
            "the core switch advertises {n} routes to the VBR by BGP, and a VBR BGP peer accepts at most {max}; the rest are dropped (beyond the source: Alibaba Cloud Express Connect documentation, VBR limits)",
        ),
        (
            SecurityGroupRuleBudget,
            SecurityGroup,
            sg_rule_count(plan),
            SECURITY_GROUP_BUDGET,
            "the security group needs {n} rules (one per data center or container block and port), and it holds at most {max} (beyond the source: Alibaba Cloud ECS documentation, security group limits)",
        ),
    ];
    for (code, hop, n, max, text) in budgets {
        if n > max {
            let message = text
                .replace("{n}", &thousands(n))
                .replace("{max}", &max.to_string());
            out.add(
                Severity::Warning,
                code,
                vec![hop],
                subject.clone(),
                message,
                fix.into(),
            );
        }
    }
}

/// Broad scope: every registry route and OSS VIP block of the region must lie inside
/// `cloud_service_cidrs`, or edge nodes cannot pull add-ons.
pub(super) fn coverage_check(plan: &Plan, region: Option<&Region>, out: &mut Findings) {
    let Some(region) = region else { return };
    if plan.scope != Scope::Broad || plan.cloud_service_cidrs.is_empty() {
        return; // fine scope routes the region's blocks; an empty list is its own error
    }
    let cover = Cover::new(&plan.cloud_service_cidrs);
    let mut missed = Vec::new();
    let mut blocks = Vec::new();
    let destinations = [
        (
            region.registry.as_ref().map(|g| g.endpoint.as_str()),
            region.registry_routes(),
            "add-on registry",
        ),
        (
            region.oss.as_ref().map(|o| o.internal_endpoint.as_str()),
            region.oss_vips().unwrap_or(&[]),
            "OSS",
        ),
    ];
    for (endpoint, nets, what) in destinations {
        let uncovered: Vec<Ipv4Net> = nets.iter().copied().filter(|n| !cover.holds(*n)).collect();
        if let (Some(endpoint), false) = (endpoint, uncovered.is_empty()) {
            missed.push(format!(
                "{what} {endpoint} ({})",
                name_some(uncovered.iter(), usize::MAX)
            ));
            blocks.extend(uncovered);
        }
    }
    if missed.is_empty() {
        return;
    }
    out.add(
        Severity::Error,
        CloudServiceUncovered,
        vec![CoreSwitch, Firewall, Vbr, Transit],
        vec![
            FieldRef::whole(Field::CloudServiceCidrs),
            FieldRef::whole(Field::Scope),
        ],
        format!(
            "cloud_service_cidrs does not cover {}'s {}",
            region.id,
            missed.join(" or ")
        ),
        format!(
            "Add {} to cloud_service_cidrs, use the source's 100.0.0.0/8, or set scope = \"fine\".",
            name_some(blocks.iter(), usize::MAX)
        ),
    );
}

/// The source marks a region "Closing Down": a new cluster there will not last.
pub(super) fn closing_check(region: Option<&Region>, out: &mut Findings) {
    if let Some(r) = region.filter(|r| r.closing_down()) {
        out.add(
            Severity::Warning,
            RegionClosingDown,
            vec![EdgeNode],
            vec![FieldRef::whole(Field::Region)],
            format!("the source marks {} ({}) \"Closing Down\"", r.id, r.name),
            "Choose another region from `edgeplan regions` for a new cluster.".into(),
        );
    }
}
