//! What the cloud itself refuses or drops, beyond the source's tables: prefix ranges,
//! reserved addresses and ranges. The route and rule budgets and the region's own
//! destinations are in `quotas`. Each fact names where it comes from.

use super::customer::{block_noun, list_words};
use super::names::{NAMED, name_some, thousands};
use super::rules::{Findings, net, relation_words};
use super::{FieldRef, FindingCode::*, Severity, Wording};
use crate::cidr::{Relation, overlaps, relate};
use crate::hop::Hop::{self, *};
use crate::plan::{Cni, Field, Plan};
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;

/// Where the prefix ranges come from.
const VPC_DOCS: &str = "Alibaba Cloud VPC documentation";

/// Ranges that are never routed between networks (IANA special-purpose registry, RFC 6890):
/// the range, what it is, and what it is in a customer's words.
const UNROUTABLE: [(&str, &str, &str); 5] = [
    (
        "0.0.0.0/8",
        "\"this network\"",
        "the range kept for \"this network\"",
    ),
    ("127.0.0.0/8", "loopback", "the loopback range"),
    ("169.254.0.0/16", "link-local", "the link-local range"),
    ("224.0.0.0/4", "multicast", "the multicast range"),
    ("240.0.0.0/4", "reserved", "a reserved range"),
];

/// The range a VPC custom route may not point into.
const SHARED_SPACE: &str = "100.64.0.0/10";

/// The hops that route a data center or container block.
const ROUTING_HOPS: [Hop; 4] = [CoreSwitch, Vbr, Transit, VpcRouteTable];

/// The container blocks the cloud routes: only Terway Edge uses them.
pub(super) fn routed_containers(plan: &Plan) -> &[Ipv4Net] {
    match plan.cni {
        Cni::TerwayEdge => &plan.container_cidrs,
        Cni::Flannel => &[],
    }
}

/// Entry findings of one rule on one list beyond this many are counted in one more
/// finding, so a list of 100,000 bad blocks gives bounded output.
const MAX_PER_LIST: usize = 200;

/// One finding per entry in `hits` (up to [`MAX_PER_LIST`], then one that counts the
/// rest), each said by `say` to the engineer and to the customer.
fn per_entry(
    out: &mut Findings,
    (code, hops): (super::FindingCode, &[Hop]),
    list: Field,
    hits: &[(usize, Ipv4Net)],
    say: impl Fn(Ipv4Net) -> (Wording, Wording),
) {
    for &(i, n) in hits.iter().take(MAX_PER_LIST) {
        let (engineer, customer) = say(n);
        out.add(
            Severity::Error,
            code,
            hops.to_vec(),
            vec![FieldRef::entry(list, i)],
            engineer,
            customer,
        );
    }
    if hits.len() > MAX_PER_LIST {
        let rest = thousands(hits.len() - MAX_PER_LIST);
        out.add(Severity::Error, code, hops.to_vec(), vec![FieldRef::whole(list)],
            Wording::new(format!("{rest} more entries of {} have the same problem; only the first {MAX_PER_LIST} are listed", list.key()),
                "Fix the listed entries and check again."),
            Wording::new(format!("{rest} more of {} have the same problem; only the first {MAX_PER_LIST} are listed.", list_words(list)),
                "Fix the blocks listed, then review the list again for the rest."));
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
            let p = v.prefix_len();
            (
                Wording::new(
                    format!(
                        "{what} block {v} has a /{p} prefix; Alibaba Cloud accepts /{min} to /{max} (beyond the source: {VPC_DOCS})"
                    ),
                    format!("Change {v} in {key} to a block of /{min} to /{max}."),
                ),
                Wording::new(
                    format!(
                        "The {what} block {v} is a /{p}, and Alibaba Cloud accepts {what} blocks from /{min} to /{max} only."
                    ),
                    format!("Choose a {what} block from /{min} to /{max} in place of {v}."),
                ),
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
    let ranges: Vec<Ipv4Net> = UNROUTABLE.iter().map(|(r, ..)| net(r)).collect();
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
                let ranges = UNROUTABLE.iter().filter(|(r, ..)| overlaps(n, net(r)));
                let hit: Vec<String> = ranges
                    .clone()
                    .map(|(r, what, _)| match relate(n, net(r)) {
                        Relation::Equal => format!("is {r} ({what})"),
                        rel => format!("{} {r} ({what})", relation_words(rel)),
                    })
                    .collect();
                let plain: Vec<String> = ranges
                    .map(|(r, _, plain)| match relate(n, net(r)) {
                        Relation::Equal => format!("is {plain}"),
                        rel => format!("{} {r}, {plain}", relation_words(rel)),
                    })
                    .collect();
                let noun = block_noun(list);
                (
                    Wording::new(
                        format!(
                            "{label} {n} {}, which no router forwards (beyond the source: IANA special-purpose address registry, RFC 6890)",
                            hit.join(" and ")
                        ),
                        format!(
                            "Give the {label} a routable private block in {key}, such as one inside 10.0.0.0/8 or 172.16.0.0/12."
                        ),
                    ),
                    Wording::new(
                        format!(
                            "The {noun} {n} {}, which no router forwards.",
                            plain.join(" and ")
                        ),
                        format!(
                            "Choose a routable private {noun} in place of {n}, such as one inside 10.0.0.0/8 or 172.16.0.0/12."
                        ),
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
                let noun = block_noun(list);
                (
                    Wording::new(
                        format!(
                            "{label} {n} lies inside {SHARED_SPACE}, where a VPC custom route cannot point, so the VPC cannot route it back (beyond the source: {VPC_DOCS}, CreateRouteEntry)"
                        ),
                        format!("Move the {label} out of {SHARED_SPACE}: change {n} in {key}."),
                    ),
                    Wording::new(
                        format!(
                            "The {noun} {n} lies inside {SHARED_SPACE}, which Alibaba Cloud keeps for its own services: the VPC cannot route traffic back to it."
                        ),
                        format!("Choose a {noun} outside {SHARED_SPACE} in place of {n}."),
                    ),
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
    let plain = super::rules::APISERVER_FIX;
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
                Wording::new(
                    format!(
                        "API server address {ip} is in none of the cluster's vSwitches ({})",
                        name_some(plan.vswitch_cidrs.iter(), NAMED)
                    ),
                    format!("{fix} If it is right, add its vSwitch to vswitch_cidrs."),
                ),
                Wording::new(
                    format!(
                        "The API server address {ip} lies in none of the cluster's vSwitches, {}.",
                        name_some(plan.vswitch_cidrs.iter(), NAMED)
                    ),
                    format!("{plain} If it is right, give the vSwitch that holds it."),
                ),
            );
            return;
        };
        let v = plan.vswitch_cidrs[i];
        if reserved_in(ip, v) {
            out.add(Severity::Error, ApiserverReservedAddress, hops,
                vec![FieldRef::whole(Field::ApiserverIp), FieldRef::entry(Field::VswitchCidrs, i)],
                Wording::new(format!("API server address {ip} is reserved in vSwitch {v}: the cloud keeps a vSwitch's first and last three addresses (beyond the source: {VPC_DOCS}, CreateVSwitch)"),
                    usable_fix(fix, v)),
                Wording::new(format!("The API server address {ip} is one Alibaba Cloud reserves in the vSwitch {v}: a vSwitch never hands out its first and last three addresses."),
                    usable_fix(plain, v)));
        }
        return;
    }
    // Without vSwitches: a VPC block's first and last three addresses are those of every
    // vSwitch that holds them (a vSwitch is at most /29, aligned inside its VPC block).
    if let Some(&v) = plan.vpc_cidrs.iter().find(|v| reserved_in(ip, **v)) {
        out.add(Severity::Error, ApiserverReservedAddress, hops,
            vec![FieldRef::whole(Field::ApiserverIp)],
            Wording::new(format!("API server address {ip} is the first or one of the last three addresses of VPC {v}, which every vSwitch there reserves (beyond the source: {VPC_DOCS}, CreateVSwitch)"),
                usable_fix(fix, v)),
            Wording::new(format!("The API server address {ip} is the first or one of the last three addresses of the VPC block {v}, which every vSwitch there reserves and never hands out."),
                usable_fix(plain, v)));
    }
}

fn usable_fix(fix: &str, n: Ipv4Net) -> String {
    match usable(n) {
        Some((a, b)) => format!("{fix} A usable address of {n} lies from {a} to {b}."),
        None => fix.to_string(),
    }
}
