//! The rules a plan is checked against. Each rule names the values it found and says
//! what to change.

use super::limits;
use super::lists::{list_hops, overlaps_check, whole_space_check};
use super::names::{NAMED, name_some};
use super::overlap::Cover;
use super::{FieldRef, Finding, FindingCode, Report, Severity, Wording};
use crate::catalog::{Catalog, Region};
use crate::cidr::{Relation, overlaps, relate};
use crate::hop::Hop;
use crate::plan::{Cni, Field, Plan, Scope, example_container_cidr};
use crate::requirements::{Target, cloud_targets};
use crate::trace::{FlowTrace, Tracer, trace_required_with};
use ipnet::Ipv4Net;
use std::borrow::Cow;

/// Ranges a VPC CIDR block may not use: the range, what it is, and what it is in a
/// customer's words.
const VPC_REJECTED: [(&str, &str, &str); 4] = [
    (
        "100.64.0.0/10",
        "shared address space used by Alibaba Cloud services",
        "the range Alibaba Cloud keeps for its own services",
    ),
    ("224.0.0.0/4", "multicast", "the multicast range"),
    ("127.0.0.0/8", "loopback", "the loopback range"),
    ("169.254.0.0/16", "link-local", "the link-local range"),
];

/// Private ranges a VPC CIDR block should sit in.
const PRIVATE: [&str; 3] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

use FindingCode::*;
use Hop::*;

/// The findings of one check, as the rules add them, and the plan's path.
pub(super) struct Findings(Vec<Finding>, &'static [Hop]);

impl Findings {
    /// Adds a finding; its hops are put in path order once each, and a hop the plan's
    /// path does not have (the transit hop of a direct connection) is left out.
    pub(super) fn add(
        &mut self,
        severity: Severity,
        code: FindingCode,
        mut hops: Vec<Hop>,
        subject: Vec<FieldRef>,
        engineer: Wording,
        customer: Wording,
    ) {
        hops.sort();
        hops.dedup();
        let on_path: Vec<Hop> = hops
            .iter()
            .copied()
            .filter(|h| self.1.contains(h))
            .collect();
        if !on_path.is_empty() {
            hops = on_path;
        }
        self.0.push(Finding {
            code,
            severity,
            hops,
            subject,
            message: engineer.message.into_owned(),
            fix: engineer.fix.into_owned(),
            customer,
        });
    }
}

/// A built-in block.
pub(super) fn net(s: &str) -> Ipv4Net {
    s.parse().expect("built-in CIDR")
}

/// How block `a` relates to block `b`, in words.
pub(super) fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::Equal => "is the same block as",
        Relation::Contains => "contains",
        Relation::Inside => "lies inside",
        Relation::Disjoint => "is apart from",
    }
}

fn whole(field: Field) -> Vec<FieldRef> {
    vec![FieldRef::whole(field)]
}

/// The engineer's wording.
fn said(message: impl Into<Cow<'static, str>>, fix: impl Into<Cow<'static, str>>) -> Wording {
    Wording::new(message, fix)
}

/// How to read the API server's address, in a customer's words.
pub(super) const APISERVER_FIX: &str = "Copy the cluster's internal API server endpoint from the Basic Information page of the cluster in the ACK console.";

fn required_lists_check(plan: &Plan, out: &mut Findings) {
    if plan.datacenter_cidrs.is_empty() {
        out.add(
            Severity::Error,
            NoDatacenterCidr,
            // The edge nodes live in these blocks: without them that hop is broken too.
            Hop::ALL.to_vec(),
            whole(Field::DatacenterCidrs),
            said("datacenter_cidrs is empty: no hop knows where the edge nodes are",
                "Add the data center's private blocks, such as 10.0.0.0/8."),
            Wording::new("No data center block is given yet, so no device on the path knows where the edge nodes are.",
                "Give the data center's private blocks where the edge nodes live, such as 10.0.0.0/8."),
        );
    }
    if plan.vpc_cidrs.is_empty() {
        out.add(
            Severity::Error,
            NoVpcCidr,
            // The VPC's route table belongs to these blocks: it is broken too.
            [list_hops(Field::VpcCidrs), vec![Hop::VpcRouteTable]].concat(),
            whole(Field::VpcCidrs),
            said("vpc_cidrs is empty: no hop knows where the cluster's VPC is",
                "Add the VPC's blocks, such as 192.168.0.0/16."),
            Wording::new("No VPC block is given yet, so no device on the path knows where the cluster's VPC is.",
                "Give the blocks of the cluster's VPC, as the VPC console shows them, such as 192.168.0.0/16."),
        );
    }
    if plan.scope == Scope::Broad && plan.cloud_service_cidrs.is_empty() {
        out.add(Severity::Error, NoCloudServiceCidr, list_hops(Field::CloudServiceCidrs),
            vec![FieldRef::whole(Field::CloudServiceCidrs), FieldRef::whole(Field::Scope)],
            said("cloud_service_cidrs is empty in broad scope: OSS, the registry and ACK management are unreachable",
                "Add 100.0.0.0/8, or set scope = \"fine\" to use the region's exact ranges."),
            Wording::new("No cloud service block is routed over the line, so the edge nodes cannot reach OSS, the add-on image registry or the ACK control plane.",
                "Route Alibaba Cloud's service range 100.0.0.0/8 over the line, or route only the region's exact service ranges instead."));
    }
}

fn cni_check(plan: &Plan, out: &mut Findings) {
    match plan.cni {
        Cni::TerwayEdge if plan.container_cidrs.is_empty() => out.add(
            Severity::Error, TerwayWithoutContainerCidr, vec![CoreSwitch, Vbr, Transit, VpcRouteTable],
            vec![FieldRef::whole(Field::ContainerCidrs), FieldRef::whole(Field::Cni)],
            said("Terway Edge needs the edge container CIDR block, and container_cidrs is empty",
                format!("Add the edge container block to container_cidrs (the source's example uses {}).", example_container_cidr())),
            Wording::new("Terway Edge gives the pods on the edge nodes addresses of their own, and no edge container block is given for them.",
                format!("Choose a block for the edge containers that overlaps no other block of the network; Alibaba Cloud's example uses {}.", example_container_cidr())),
        ),
        Cni::Flannel if !plan.container_cidrs.is_empty() => out.add(
            Severity::Warning, FlannelContainerCidrUnused, vec![Vbr, Transit, VpcRouteTable],
            vec![FieldRef::whole(Field::ContainerCidrs), FieldRef::whole(Field::Cni)],
            said(format!("container_cidrs ({}) is not used with Flannel: pod traffic stays inside the VXLAN overlay", join(&plan.container_cidrs)),
                "Empty container_cidrs, or choose cni = \"terway-edge\"."),
            Wording::new(format!("Edge container blocks are given, {}, but Flannel does not use them: pod traffic travels inside the nodes' own addresses.", join(&plan.container_cidrs)),
                "Leave the edge container blocks out, or choose Terway Edge if the pods need routed addresses of their own."),
        ),
        _ => {}
    }
}

/// A few of `nets` and a count of the rest, for a message.
fn join(nets: &[Ipv4Net]) -> String {
    name_some(nets.iter(), NAMED)
}

fn inside_vpc(plan: &Plan, n: Ipv4Net) -> bool {
    plan.vpc_cidrs.iter().any(|v| v.contains(&n))
}

fn vpc_membership_check(plan: &Plan, out: &mut Findings) {
    if plan.vpc_cidrs.is_empty() {
        return;
    }
    // A sorted search, not a scan of the VPC list per vSwitch: both lists may be long.
    let vpc = Cover::new(&plan.vpc_cidrs);
    for (i, &v) in plan.vswitch_cidrs.iter().enumerate() {
        if !vpc.holds(v) {
            out.add(
                Severity::Error,
                VswitchOutsideVpc,
                vec![EdgeNode],
                vec![
                    FieldRef::entry(Field::VswitchCidrs, i),
                    FieldRef::whole(Field::VpcCidrs),
                ],
                said(format!("vSwitch {v} is not inside the VPC ({})", join(&plan.vpc_cidrs)),
                    format!("Correct {v} in vswitch_cidrs, or add the VPC block that holds it to vpc_cidrs.")),
                Wording::new(format!("The vSwitch block {v} lies in none of the VPC blocks, {}: a vSwitch is always a part of its VPC.", join(&plan.vpc_cidrs)),
                    format!("Check the block of that vSwitch in the VPC console: correct {v}, or add the VPC block that holds it.")),
            );
        }
    }
    if let Some(ip) = plan.apiserver_ip
        && !inside_vpc(plan, crate::cidr::host(ip))
    {
        out.add(Severity::Error, ApiserverOutsideVpc, vec![EdgeNode, SecurityGroup],
            vec![FieldRef::whole(Field::ApiserverIp), FieldRef::whole(Field::VpcCidrs)],
            said(format!("API server address {ip} is not inside the VPC ({})", join(&plan.vpc_cidrs)),
                "Copy the internal endpoint from the cluster's Basic Information tab into apiserver_ip."),
            Wording::new(format!("The API server address {ip} lies in none of the VPC blocks, {}, and the cluster's internal endpoint is always inside its VPC.", join(&plan.vpc_cidrs)),
                APISERVER_FIX));
    }
}

fn vpc_range_check(plan: &Plan, out: &mut Findings) {
    for (i, &v) in plan.vpc_cidrs.iter().enumerate() {
        let at = vec![FieldRef::entry(Field::VpcCidrs, i)];
        if v.prefix_len() == 0 {
            continue; // reported as default-route
        }
        let hit: Vec<(Ipv4Net, &str, &str)> = VPC_REJECTED
            .iter()
            .filter(|(r, ..)| overlaps(v, net(r)))
            .map(|&(r, what, plain)| (net(r), what, plain))
            .collect();
        if !hit.is_empty() {
            let rejected: Vec<String> = hit
                .iter()
                .map(|(r, what, _)| format!("{} {r} ({what})", relation_words(relate(v, *r))))
                .collect();
            let plain: Vec<String> = hit
                .iter()
                .map(|(r, _, plain)| match relate(v, *r) {
                    Relation::Equal => format!("is {plain}"),
                    rel => format!("{} {r}, {plain}", relation_words(rel)),
                })
                .collect();
            out.add(
                Severity::Error,
                VpcReservedRange,
                vec![VpcRouteTable, SecurityGroup],
                at,
                said(
                    format!(
                        "VPC block {v} {}, which an Alibaba Cloud VPC cannot use",
                        rejected.join(" and ")
                    ),
                    "Use a VPC block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.",
                ),
                Wording::new(
                    format!(
                        "The VPC block {v} {}, which an Alibaba Cloud VPC cannot use.",
                        plain.join(" and ")
                    ),
                    "Choose a VPC block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.",
                ),
            );
        } else if !PRIVATE.iter().any(|p| net(p).contains(&v)) {
            out.add(
                Severity::Warning,
                VpcNotPrivate,
                vec![VpcRouteTable],
                at,
                said(format!("VPC block {v} is outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16"),
                    "Prefer a private block; public ranges in a VPC shadow Internet addresses."),
                Wording::new(format!("The VPC block {v} is a public range: the Internet addresses in it cannot be reached from the VPC."),
                    "Prefer a VPC block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16."),
            );
        }
    }
}

fn region_check(plan: &Plan, region: Option<&Region>, out: &mut Findings) {
    let id = &plan.region;
    let Some(region) = region else {
        let (message, plain) = if plan.has_region() {
            (
                format!("region {id} is not in the catalog"),
                format!(
                    "The region {id} is not one whose service addresses are known here, so the addresses of the add-on registry, OSS and the ACK control plane cannot be given."
                ),
            )
        } else {
            ("no region is chosen: the registry, OSS and management endpoints depend on it".into(),
                "No region is chosen yet: the addresses of the add-on registry, OSS and the ACK control plane depend on it.".into())
        };
        out.add(
            Severity::Error,
            UnknownRegion,
            vec![EdgeNode],
            whole(Field::Region),
            said(message, "Choose a region from `edgeplan regions`."),
            Wording::new(
                plain,
                "Choose the Alibaba Cloud region the cluster runs in.",
            ),
        );
        return;
    };
    let name = &region.name;
    if region.registry.is_none() {
        out.add(Severity::Error, RegionWithoutRegistry, vec![EdgeNode, CoreSwitch, Firewall],
            whole(Field::Region),
            said(format!("{id} ({}) is not in the ACK add-on registry table: edge nodes have no registry endpoint to pull system add-ons from", region.name),
                "Choose a region that lists an add-on registry endpoint (`edgeplan regions`)."),
            Wording::new(format!("{name}, {id}, has no internal endpoint of the ACK add-on image registry, so the edge nodes have nowhere to pull their system add-ons from."),
                "Choose a region with an internal add-on registry endpoint for the cluster."));
    }
    if plan.scope == Scope::Fine {
        // The engineer's blocks stand in for what the source leaves unknown.
        if region.oss_vips().is_none() && plan.fine_scope_cloud_cidrs().next().is_none() {
            out.add(Severity::Error, FineScopeOssUnknown, vec![CoreSwitch, Firewall, Vbr, Transit],
                vec![FieldRef::whole(Field::CloudServiceCidrs), FieldRef::whole(Field::Scope)],
                said(format!("fine scope needs {id}'s OSS internal VIP blocks, and the source does not give them: resolve oss-{id}-internal.aliyuncs.com from an instance in the VPC to find them"),
                    format!("Resolve oss-{id}-internal.aliyuncs.com from an instance in the VPC and add the block of the addresses it returns to cloud_service_cidrs, or use scope = \"broad\".")),
                Wording::new(format!("Routing only the exact service ranges needs the internal OSS addresses of {name}, and Alibaba Cloud's guide does not list them."),
                    format!("From a machine in the VPC, look up oss-{id}-internal.aliyuncs.com and share the addresses it returns, or route all of Alibaba Cloud's service range 100.0.0.0/8 instead.")));
        }
        if plan.management_ip.is_none() {
            out.add(Severity::Error, FineScopeNoManagement, vec![CoreSwitch, Firewall, Vbr, Transit],
                vec![FieldRef::whole(Field::ManagementIp), FieldRef::whole(Field::Scope)],
                said(format!("fine scope needs the address of cs-anony-vpc.{id}.aliyuncs.com, and management_ip is not set"),
                    format!("Resolve cs-anony-vpc.{id}.aliyuncs.com inside the VPC and set management_ip to the result.")),
                Wording::new(format!("Routing only the exact service ranges needs the address of the ACK control plane, cs-anony-vpc.{id}.aliyuncs.com, and it is not known yet."),
                    format!("From a machine in the VPC, look up cs-anony-vpc.{id}.aliyuncs.com and share the address it returns.")));
        }
    }
}

/// How to find the ACK management address again, in a customer's words.
fn management_lookup(plan: &Plan) -> String {
    match plan.has_region() {
        true => format!("From a machine in the VPC, look up cs-anony-vpc.{}.aliyuncs.com again and share the address it returns.", plan.region),
        false => "Once the region is chosen, look up the ACK control plane's internal name from a machine in the VPC and share the address it returns.".into(),
    }
}

fn management_check(plan: &Plan, cloud: &[Target], out: &mut Findings) {
    let Some(ip) = plan.management_ip else { return };
    // One verdict in both scopes: in fine scope this is no longer also a VPC overlap.
    if let Some(v) = plan.vpc_cidrs.iter().find(|v| v.contains(&ip)) {
        out.add(Severity::Error, ManagementInsideVpc, vec![CoreSwitch, Firewall, Vbr, Transit],
            vec![FieldRef::whole(Field::ManagementIp)],
            said(format!("management_ip {ip} lies inside VPC {v}, so it cannot be what cs-anony-vpc.{}.aliyuncs.com resolves to: the source puts Alibaba Cloud services in 100.0.0.0/8 (its example resolves to 100.103.42.233)", plan.region),
                format!("Resolve cs-anony-vpc.{}.aliyuncs.com inside the VPC again and set management_ip to the result.", plan.region)),
            Wording::new(format!("The ACK management address {ip} lies inside the VPC block {v}, where no Alibaba Cloud service lives: Alibaba Cloud's services use 100.0.0.0/8, so it cannot be the control plane's address."),
                management_lookup(plan)));
        return;
    }
    let routed = cloud.iter().any(|t| t.net.contains(&ip));
    if !routed {
        let blocks = join(&plan.cloud_service_cidrs);
        let listed = match blocks.is_empty() {
            true => "no cloud service block is routed".to_string(),
            false => format!("the cloud service blocks routed over the line are {blocks}"),
        };
        out.add(
            Severity::Warning,
            ManagementNotRouted,
            vec![CoreSwitch, Firewall, Vbr, Transit],
            vec![
                FieldRef::whole(Field::CloudServiceCidrs),
                FieldRef::whole(Field::ManagementIp),
            ],
            said(format!("management_ip {ip} is in none of the cloud-service blocks ({blocks})"),
                format!("Add a block that holds {ip} to cloud_service_cidrs.")),
            Wording::new(format!("The ACK management address {ip} is not routed over the line: {listed}, and none holds it."),
                format!("Route a cloud service block that holds {ip} over the line.")),
        );
    }
}

/// Checks a plan against every rule, the region looked up in `catalog`; findings come
/// errors first, then in path order.
pub fn check(plan: &Plan, catalog: &Catalog) -> Report {
    let tracer = (!plan.observed.is_empty()).then(|| Tracer::new(plan, catalog));
    check_with(plan, catalog, tracer.as_ref())
}

/// The checks and every required flow's trace, through one tracer built once: what the
/// TUI refreshes on each edit and what `check`, `show` and the exports print.
pub fn check_and_trace(plan: &Plan, catalog: &Catalog) -> (Report, Vec<FlowTrace>) {
    let tracer = (!plan.observed.is_empty()).then(|| Tracer::new(plan, catalog));
    let flows = tracer
        .as_ref()
        .map_or_else(Vec::new, |t| trace_required_with(t, plan, catalog));
    (check_with(plan, catalog, tracer.as_ref()), flows)
}

fn check_with(plan: &Plan, catalog: &Catalog, tracer: Option<&Tracer>) -> Report {
    let region = catalog.region(&plan.region);
    let mut out = Findings(Vec::new(), Hop::path(plan.transit));
    required_lists_check(plan, &mut out);
    region_check(plan, region, &mut out);
    cni_check(plan, &mut out);
    whole_space_check(plan, &mut out);
    vpc_range_check(plan, &mut out);
    vpc_membership_check(plan, &mut out);
    let cloud = cloud_targets(plan, region);
    overlaps_check(plan, &cloud, &mut out);
    management_check(plan, &cloud, &mut out);
    limits::prefix_check(plan, &mut out);
    limits::routable_check(plan, &mut out);
    limits::apiserver_check(plan, &mut out);
    super::quotas::budget_check(plan, &mut out);
    super::quotas::coverage_check(plan, region, &mut out);
    super::quotas::closing_check(region, &mut out);
    super::versions::kubernetes_check(plan, &mut out);
    super::outside::outside_check(plan, &mut out);
    if let Some(tracer) = tracer {
        super::observed::observed_check(plan, catalog, tracer, &mut out);
    }
    let mut findings = out.0;
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.hop()));
    Report { findings }
}
