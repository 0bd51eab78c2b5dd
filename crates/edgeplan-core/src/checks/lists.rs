//! The rules about the plan's block lists: overlaps across lists, redundant entries
//! inside one list, and 0.0.0.0/0 where a real block belongs.

use super::customer::{block_noun, list_words};
use super::overlap::{nested_pairs, overlapping_pairs_where};
use super::rules::{Findings, net, relation_words};
use super::{FieldRef, FindingCode, Severity, Wording};
use crate::cidr::Relation;
use crate::hop::Hop::{self, *};
use crate::plan::{Field, Plan, Scope};
use crate::requirements::capitalise;
use crate::requirements::{Dest, Target};
use ipnet::Ipv4Net;
use std::collections::HashMap;

/// At most this many overlap pairs are reported, so huge lists stay fast.
const MAX_OVERLAP_PAIRS: usize = 200;

/// The block sets of the cross-list overlap check, in path order: a message speaks from
/// the point of view of the set that comes first.
const OVERLAP_SETS: [Field; 5] = [
    Field::DatacenterCidrs,
    Field::VpcCidrs,
    Field::ContainerCidrs,
    Field::CloudServiceCidrs,
    Field::ServiceCidr,
];

fn path_rank(set: Field) -> usize {
    OVERLAP_SETS.iter().position(|&s| s == set).unwrap_or(0)
}

/// What one block of an overlap set is called in a sentence.
fn noun(set: Field) -> &'static str {
    match set {
        Field::ContainerCidrs => "edge container",
        Field::CloudServiceCidrs => "cloud service",
        Field::ServiceCidr => "Service",
        other => other.label(),
    }
}

/// Where an entry of a set is written, for the fix text.
fn written_in(set: Field, scope: Scope) -> &'static str {
    match (set, scope) {
        (Field::CloudServiceCidrs, Scope::Fine) => "the region's fine-scope ranges",
        (set, _) => set.key(),
    }
}

/// The code of an overlap between two different sets (in path order); `None` for two
/// blocks of one set, which the redundancy check reports instead.
fn overlap_code(a: Field, b: Field) -> Option<FindingCode> {
    use Field::*;
    use FindingCode::*;
    Some(match (a, b) {
        (DatacenterCidrs, VpcCidrs) => OverlapDatacenterVpc,
        (DatacenterCidrs, ContainerCidrs) => OverlapDatacenterContainer,
        (DatacenterCidrs, CloudServiceCidrs) => OverlapDatacenterCloudService,
        (DatacenterCidrs, ServiceCidr) => OverlapDatacenterService,
        (VpcCidrs, ContainerCidrs) => OverlapVpcContainer,
        (VpcCidrs, CloudServiceCidrs) => OverlapVpcCloudService,
        (VpcCidrs, ServiceCidr) => OverlapVpcService,
        (ContainerCidrs, CloudServiceCidrs) => OverlapContainerCloudService,
        (ContainerCidrs, ServiceCidr) => OverlapContainerService,
        (CloudServiceCidrs, ServiceCidr) => OverlapCloudServiceService,
        _ => return None,
    })
}

/// An overlap in a customer's words: `x` of field `fx` (the set first on the path) and
/// `y` of field `fy` in set `sy`, `x` related to `y` by `rel`.
fn overlap_words(
    (x, fx): (Ipv4Net, Field),
    (y, fy): (Ipv4Net, Field),
    rel: Relation,
    sy: Field,
) -> Wording {
    let (a, b) = (block_noun(fx), block_noun(fy));
    let why = match sy {
        Field::ServiceCidr => {
            "the edge nodes would take traffic for the overlap as traffic to a Kubernetes Service and never send it on"
        }
        _ => "traffic for the overlap cannot be routed to both places",
    };
    // The management address is one address, said without its /32.
    let show = |n: Ipv4Net, f| match f {
        Field::ManagementIp => n.addr().to_string(),
        _ => n.to_string(),
    };
    let (x, y) = (show(x, fx), show(y, fy));
    let message = format!("The {a} {x} {} the {b} {y}: {why}.", relation_words(rel));
    // The region's own ranges (`Scope`) are not the customer's to move.
    let fix = match (fx == Field::Scope, fy == Field::Scope) {
        (false, true) => format!("Change the {a} so that it does not overlap {y}."),
        (true, false) => format!("Change the {b} so that it does not overlap {x}."),
        _ => format!("Change the {a} or the {b} so that the two do not overlap."),
    };
    Wording::new(message, fix)
}

/// The hops an overlap between two sets (in path order) breaks.
fn overlap_hops(a: Field, b: Field) -> Vec<Hop> {
    use Field::{CloudServiceCidrs, ContainerCidrs, DatacenterCidrs, ServiceCidr, VpcCidrs};
    match (a, b) {
        (_, ServiceCidr) => vec![EdgeNode],
        (DatacenterCidrs, VpcCidrs) | (DatacenterCidrs, ContainerCidrs) => {
            vec![CoreSwitch, Vbr, Transit, VpcRouteTable]
        }
        (DatacenterCidrs, CloudServiceCidrs) => vec![CoreSwitch, Firewall, Vbr, Transit],
        (VpcCidrs, ContainerCidrs) => vec![Vbr, Transit, VpcRouteTable],
        (VpcCidrs, CloudServiceCidrs) => vec![Transit, VpcRouteTable],
        _ => vec![CoreSwitch, Vbr, Transit],
    }
}

/// The hops whose configuration a plan list feeds.
pub(super) fn list_hops(list: Field) -> Vec<Hop> {
    match list {
        // Every hop but the edge nodes themselves routes or filters the data center.
        Field::DatacenterCidrs => Hop::ALL[1..].to_vec(),
        Field::VpcCidrs => vec![CoreSwitch, Firewall, Vbr, Transit, SecurityGroup],
        Field::CloudServiceCidrs => vec![CoreSwitch, Firewall, Vbr, Transit],
        Field::ContainerCidrs => vec![Vbr, Transit, VpcRouteTable],
        // The vSwitches narrow the edge nodes' rules; no other field is a list.
        _ => vec![EdgeNode],
    }
}

/// The field a user edits to move cloud-service destination `i` of `cloud`.
fn cloud_owner(cloud: &[Target], i: usize) -> FieldRef {
    match cloud[i].dest {
        Dest::Management => FieldRef::whole(Field::ManagementIp),
        // The region's own ranges: the user can only change the scope (or the region).
        Dest::OssVip | Dest::Registry => FieldRef::whole(Field::Scope),
        // In broad scope the destinations are the list's blocks, in its order.
        Dest::List(list) => FieldRef::entry(list, i),
    }
}

fn invert(r: Relation) -> Relation {
    match r {
        Relation::Contains => Relation::Inside,
        Relation::Inside => Relation::Contains,
        other => other,
    }
}

/// Overlaps across sets (errors) and inside one list (redundant entries, warnings).
pub(super) fn overlaps_check(plan: &Plan, cloud: &[Target], out: &mut Findings) {
    // Each block with its set and the entry a user edits to move it.
    let mut entries: Vec<(Ipv4Net, Field, FieldRef)> = Vec::new();
    let whole = net("0.0.0.0/0");
    let mut push = |nets: &mut dyn Iterator<Item = (Ipv4Net, FieldRef)>, set| {
        entries.extend(
            nets.filter(|(n, _)| *n != whole)
                .map(|(n, at)| (n, set, at)),
        )
    };
    for list in [
        Field::DatacenterCidrs,
        Field::VpcCidrs,
        Field::ContainerCidrs,
    ] {
        let nets = list.cidrs(plan).map_or(&[][..], Vec::as_slice);
        let at = |(i, &n): (usize, &Ipv4Net)| (n, FieldRef::entry(list, i));
        push(&mut nets.iter().enumerate().map(at), list);
    }
    let at = |(i, t): (usize, &Target)| (t.net, cloud_owner(cloud, i));
    push(
        &mut cloud.iter().enumerate().map(at),
        Field::CloudServiceCidrs,
    );
    let service = plan
        .service_cidr
        .map(|n| (n, FieldRef::whole(Field::ServiceCidr)));
    push(&mut service.into_iter(), Field::ServiceCidr);

    // Same-list pairs are the redundancy check's (fine-scope ranges are the catalog's):
    // they must not use up the pair limit, and equal entries of one list are one entry
    // here, the first of them named.
    entries.sort_by_key(|&(n, set, at)| (n.network(), n.prefix_len(), path_rank(set), at.entry));
    entries.dedup_by_key(|&mut (n, set, _)| (n, set));
    let nets: Vec<Ipv4Net> = entries.iter().map(|e| e.0).collect();
    let ordered = |a: Field, b: Field| {
        if path_rank(a) <= path_rank(b) {
            (a, b)
        } else {
            (b, a)
        }
    };
    // management_ip inside the VPC is its own finding (management-inside-vpc), in both
    // scopes alike; fine scope must not report it twice as an overlap.
    let management = FieldRef::whole(Field::ManagementIp);
    let vpc_and_management = |a: usize, b: usize| {
        let (ea, eb) = (entries[a], entries[b]);
        (ea.1 == Field::VpcCidrs && eb.2 == management)
            || (eb.1 == Field::VpcCidrs && ea.2 == management)
    };
    let (pairs, truncated) = overlapping_pairs_where(&nets, MAX_OVERLAP_PAIRS, |a, b| {
        let (x, y) = ordered(entries[a].1, entries[b].1);
        overlap_code(x, y).is_some() && !vpc_and_management(a, b)
    });
    for p in pairs {
        let ((a, sa, at_a), (b, sb, at_b)) = (entries[p.outer], entries[p.inner]);
        // Say it from the point of view of the set that comes first on the path.
        let ((x, sx, at_x), (y, sy, at_y), rel) = if path_rank(sa) <= path_rank(sb) {
            ((a, sa, at_a), (b, sb, at_b), p.relation)
        } else {
            ((b, sb, at_b), (a, sa, at_a), invert(p.relation))
        };
        let Some(code) = overlap_code(sx, sy) else {
            continue;
        };
        out.add(
            Severity::Error,
            code,
            overlap_hops(sx, sy),
            vec![at_x, at_y],
            Wording::new(
                format!("{} {x} {} {} {y}", noun(sx), relation_words(rel), noun(sy)),
                format!(
                    "Give each block its own range: change {} or {} so that {x} and {y} do not overlap.",
                    written_in(sx, plan.scope),
                    written_in(sy, plan.scope)
                ),
            ),
            overlap_words((x, at_x.field), (y, at_y.field), rel, sy),
        );
    }
    if truncated {
        out.add(
            Severity::Warning,
            FindingCode::OverlapTruncated,
            vec![CoreSwitch],
            Vec::new(),
            Wording::new(
                format!("more than {MAX_OVERLAP_PAIRS} overlapping pairs; only the first are listed"),
                "Fix the listed overlaps and check again.",
            ),
            Wording::new(
                format!("More than {MAX_OVERLAP_PAIRS} pairs of blocks overlap; only the first {MAX_OVERLAP_PAIRS} are listed."),
                "Resolve the overlaps listed, then review the plan again for the rest.",
            ),
        );
    }
    redundant_check(plan, out);
}

/// Entries of one list that another entry of it already covers.
fn redundant_check(plan: &Plan, out: &mut Findings) {
    let whole = net("0.0.0.0/0");
    for list in Field::CIDR_LISTS {
        let nets = list.cidrs(plan).map_or(&[][..], Vec::as_slice);
        let key = list.key();
        let (pairs, truncated) = nested_pairs(nets, MAX_OVERLAP_PAIRS);
        let mut copies: Option<HashMap<Ipv4Net, usize>> = None;
        for p in pairs.iter().filter(|p| nets[p.outer] != whole) {
            let (a, b) = (nets[p.outer], nets[p.inner]);
            let blocks = list_words(list);
            let (engineer, customer) = match p.relation {
                Relation::Equal => {
                    // Counted only when a list repeats a block: most plans never pay for it.
                    let copies = copies.get_or_insert_with(|| {
                        let mut m = HashMap::new();
                        for &n in nets {
                            *m.entry(n).or_insert(0) += 1;
                        }
                        m
                    });
                    let times = match copies.get(&a).copied().unwrap_or(2) {
                        2 => "twice".to_string(),
                        k => format!("{k} times"),
                    };
                    (
                        Wording::new(
                            format!("{key} lists {a} {times}"),
                            format!("Remove the repeated {b} from {key}; one copy is enough."),
                        ),
                        Wording::new(
                            format!("{} list {a} {times}.", capitalise(&blocks)),
                            format!(
                                "Keep {a} once among {blocks}: one route or rule per block is enough."
                            ),
                        ),
                    )
                }
                _ => (
                    Wording::new(
                        format!("{key} lists {b}, which lies inside {a} listed too"),
                        format!("Remove {b} from {key}; {a} already covers it."),
                    ),
                    Wording::new(
                        format!(
                            "{} list {b}, which lies inside {a}, listed too.",
                            capitalise(&blocks)
                        ),
                        format!("Drop {b} from {blocks}: {a} already covers it."),
                    ),
                ),
            };
            out.add(
                Severity::Warning,
                FindingCode::RedundantEntry,
                list_hops(list),
                vec![FieldRef::entry(list, p.inner)],
                engineer,
                customer,
            );
        }
        if truncated {
            out.add(Severity::Warning, FindingCode::RedundantTruncated, list_hops(list),
                vec![FieldRef::whole(list)],
                Wording::new(format!("{key} has more than {MAX_OVERLAP_PAIRS} redundant pairs; only the first are listed"),
                    "Remove duplicates and check again."),
                Wording::new(format!("{} hold more than {MAX_OVERLAP_PAIRS} repeated or nested pairs; only the first {MAX_OVERLAP_PAIRS} are listed.", capitalise(&list_words(list))),
                    "Drop the repeated blocks listed, then review the list again for the rest."));
        }
    }
}

/// 0.0.0.0/0 in a list or as the Service CIDR.
pub(super) fn whole_space_check(plan: &Plan, out: &mut Findings) {
    let whole = net("0.0.0.0/0");
    for list in Field::CIDR_LISTS {
        let nets = list.cidrs(plan).map_or(&[][..], Vec::as_slice);
        if let Some(i) = nets.iter().position(|n| *n == whole) {
            let key = list.key();
            out.add(
                Severity::Error,
                FindingCode::DefaultRoute,
                list_hops(list),
                vec![FieldRef::entry(list, i)],
                Wording::new(
                    format!("{key} contains 0.0.0.0/0, which routes or opens every address"),
                    format!("Replace 0.0.0.0/0 in {key} with the real blocks."),
                ),
                Wording::new(
                    format!("{} include 0.0.0.0/0, which is every address: it would route or open everything over the line.", capitalise(&list_words(list))),
                    format!("Replace 0.0.0.0/0 with the real {}s.", block_noun(list)),
                ),
            );
        }
    }
    if plan.service_cidr == Some(whole) {
        out.add(
            Severity::Error,
            FindingCode::DefaultRoute,
            vec![EdgeNode],
            vec![FieldRef::whole(Field::ServiceCidr)],
            Wording::new(
                "service_cidr is 0.0.0.0/0, which captures every address",
                "Set service_cidr to the cluster's Service CIDR, such as 172.21.0.0/20.",
            ),
            Wording::new(
                "The cluster's Service CIDR is 0.0.0.0/0, which would capture every address the edge nodes send to.",
                "Give the cluster's real Service CIDR, as the cluster's Basic Information page shows it, such as 172.21.0.0/20.",
            ),
        );
    }
}
