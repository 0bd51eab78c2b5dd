//! What the cloud holds and what broad scope must cover, beyond the source's tables:
//! route and rule budgets, the region's own destinations, a region closing down.

use super::customer::{and_list, list_words};
use super::limits::routed_containers;
use super::names::{name_some, thousands};
use super::overlap::Cover;
use super::rules::Findings;
use super::{FieldRef, FindingCode::*, Severity, Wording};
use crate::catalog::Region;
use crate::hop::Hop::*;
use crate::plan::{Cni, Field, Plan, Scope};
use ipnet::Ipv4Net;

/// Custom routes one VPC route table holds.
pub(super) const VPC_ROUTE_BUDGET: usize = 200;
/// Dynamic routes one VBR BGP peer accepts.
pub(super) const VBR_BGP_BUDGET: usize = 110;
/// Rules one security group holds.
pub(super) const SECURITY_GROUP_BUDGET: usize = 200;

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
    let blocks = match routed_containers(plan).is_empty() {
        true => list_words(Field::DatacenterCidrs),
        false => format!(
            "{} and {}",
            list_words(Field::DatacenterCidrs),
            list_words(Field::ContainerCidrs)
        ),
    };
    let plain = format!(
        "Summarize {blocks} into fewer, larger blocks, or ask for a higher quota in Alibaba Cloud's Quota Center where the quota can be raised."
    );
    type Say = fn(&str, usize) -> String;
    let budgets: [(_, _, _, _, &str, Say); 3] = [
        (
            VpcRouteBudget,
            VpcRouteTable,
            routed,
            VPC_ROUTE_BUDGET,
            "the VPC route table needs {n} custom routes back to the data center, and it holds at most {max} (beyond the source: Alibaba Cloud VPC documentation, CreateRouteEntry)",
            |n, max| {
                format!(
                    "The VPC route table needs {n} routes back to the data center, and it holds at most {max}."
                )
            },
        ),
        (
            VbrBgpRouteBudget,
            Vbr,
            routed,
            VBR_BGP_BUDGET,
            "the core switch advertises {n} routes to the VBR by BGP, and a VBR BGP peer accepts at most {max}; the rest are dropped (beyond the source: Alibaba Cloud Express Connect documentation, VBR limits)",
            |n, max| {
                format!(
                    "The core switch would advertise {n} routes to the VBR, and the VBR accepts at most {max} from it: the rest are dropped."
                )
            },
        ),
        (
            SecurityGroupRuleBudget,
            SecurityGroup,
            sg_rule_count(plan),
            SECURITY_GROUP_BUDGET,
            "the security group needs {n} rules (one per data center or container block and port), and it holds at most {max} (beyond the source: Alibaba Cloud ECS documentation, security group limits)",
            |n, max| {
                format!(
                    "The security group needs {n} rules, one for each data center or edge container block and port, and it holds at most {max}."
                )
            },
        ),
    ];
    for (code, hop, n, max, text, customer) in budgets {
        if n > max {
            // The texts are built in here with counts; nothing a user typed is replaced.
            let fill = |t: &str| {
                t.replace("{n}", &thousands(n))
                    .replace("{max}", &max.to_string())
            };
            out.add(
                Severity::Warning,
                code,
                vec![hop],
                subject.clone(),
                Wording::new(fill(text), fix),
                Wording::new(customer(&thousands(n), max), plain.clone()),
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
    let mut plain = Vec::new();
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
            let named = name_some(uncovered.iter(), usize::MAX);
            missed.push(format!("{what} {endpoint} ({named})"));
            let listed: Vec<String> = uncovered.iter().map(Ipv4Net::to_string).collect();
            plain.push(format!("the {what} {endpoint} uses {}", and_list(&listed)));
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
        Wording::new(
            format!(
                "cloud_service_cidrs does not cover {}'s {}",
                region.id,
                missed.join(" or ")
            ),
            format!(
                "Add {} to cloud_service_cidrs, use the source's 100.0.0.0/8, or set scope = \"fine\".",
                name_some(blocks.iter(), usize::MAX)
            ),
        ),
        Wording::new(
            format!(
                "The cloud service blocks routed over the line leave out addresses the edge nodes must reach in {}: {}.",
                region.name,
                plain.join("; ")
            ),
            "Route those addresses over the line too, or all of Alibaba Cloud's service range 100.0.0.0/8, or route only the region's exact service ranges instead.",
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
            Wording::new(
                format!("the source marks {} ({}) \"Closing Down\"", r.id, r.name),
                "Choose another region from `edgeplan regions` for a new cluster.",
            ),
            Wording::new(
                format!(
                    "Alibaba Cloud marks the region {}, {}, as closing down: a new cluster there will not last.",
                    r.id,
                    // The catalog's name carries the mark the message already says.
                    r.name.replace(" (Closing Down)", "")
                ),
                "Choose another region for a new cluster.",
            ),
        );
    }
}
