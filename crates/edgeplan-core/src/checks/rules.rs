//! The rules a plan is checked against. Each rule names the values it found and says
//! what to change.

use super::limits;
use super::lists::{list_hops, overlaps_check, whole_space_check};
use super::names::{NAMED, name_some};
use super::overlap::Cover;
use super::{FieldRef, Finding, FindingCode, Report, Severity};
use crate::catalog::{Catalog, Region};
use crate::cidr::{Relation, overlaps, relate};
use crate::hop::Hop;
use crate::plan::{Cni, Field, Plan, Scope, example_container_cidr};
use crate::requirements::{Target, cloud_targets};
use ipnet::Ipv4Net;

/// Ranges a VPC CIDR block may not use.
const VPC_REJECTED: [(&str, &str); 4] = [
    (
        "100.64.0.0/10",
        "shared address space used by Alibaba Cloud services",
    ),
    ("224.0.0.0/4", "multicast"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
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
        message: String,
        fix: String,
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
            message,
            fix,
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

fn required_lists_check(plan: &Plan, out: &mut Findings) {
    if plan.datacenter_cidrs.is_empty() {
        out.add(
            Severity::Error,
            NoDatacenterCidr,
            // The edge nodes live in these blocks: without them that hop is broken too.
            Hop::ALL.to_vec(),
            whole(Field::DatacenterCidrs),
            "datacenter_cidrs is empty: no hop knows where the edge nodes are".into(),
            "Add the data center's private blocks, such as 10.0.0.0/8.".into(),
        );
    }
    if plan.vpc_cidrs.is_empty() {
        out.add(
            Severity::Error,
            NoVpcCidr,
            // The VPC's route table belongs to these blocks: it is broken too.
            [list_hops(Field::VpcCidrs), vec![Hop::VpcRouteTable]].concat(),
            whole(Field::VpcCidrs),
            "vpc_cidrs is empty: no hop knows where the cluster's VPC is".into(),
            "Add the VPC's blocks, such as 192.168.0.0/16.".into(),
        );
    }
    if plan.scope == Scope::Broad && plan.cloud_service_cidrs.is_empty() {
        out.add(Severity::Error, NoCloudServiceCidr, list_hops(Field::CloudServiceCidrs),
            vec![FieldRef::whole(Field::CloudServiceCidrs), FieldRef::whole(Field::Scope)],
            "cloud_service_cidrs is empty in broad scope: OSS, the registry and ACK management are unreachable".into(),
            "Add 100.0.0.0/8, or set scope = \"fine\" to use the region's exact ranges.".into());
    }
}

fn cni_check(plan: &Plan, out: &mut Findings) {
    match plan.cni {
        Cni::TerwayEdge if plan.container_cidrs.is_empty() => out.add(
            Severity::Error, TerwayWithoutContainerCidr, vec![CoreSwitch, Vbr, Transit, VpcRouteTable],
            vec![FieldRef::whole(Field::ContainerCidrs), FieldRef::whole(Field::Cni)],
            "Terway Edge needs the edge container CIDR block, and container_cidrs is empty".into(),
            format!("Add the edge container block to container_cidrs (the source's example uses {}).", example_container_cidr()),
        ),
        Cni::Flannel if !plan.container_cidrs.is_empty() => out.add(
            Severity::Warning, FlannelContainerCidrUnused, vec![Vbr, Transit, VpcRouteTable],
            vec![FieldRef::whole(Field::ContainerCidrs), FieldRef::whole(Field::Cni)],
            format!("container_cidrs ({}) is not used with Flannel: pod traffic stays inside the VXLAN overlay", join(&plan.container_cidrs)),
            "Empty container_cidrs, or choose cni = \"terway-edge\".".into(),
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
                format!(
                    "vSwitch {v} is not inside the VPC ({})",
                    join(&plan.vpc_cidrs)
                ),
                format!(
                    "Correct {v} in vswitch_cidrs, or add the VPC block that holds it to vpc_cidrs."
                ),
            );
        }
    }
    if let Some(ip) = plan.apiserver_ip
        && !inside_vpc(plan, crate::cidr::host(ip))
    {
        out.add(Severity::Error, ApiserverOutsideVpc, vec![EdgeNode, SecurityGroup],
            vec![FieldRef::whole(Field::ApiserverIp), FieldRef::whole(Field::VpcCidrs)],
            format!("API server address {ip} is not inside the VPC ({})", join(&plan.vpc_cidrs)),
            "Copy the internal endpoint from the cluster's Basic Information tab into apiserver_ip.".into());
    }
}

fn vpc_range_check(plan: &Plan, out: &mut Findings) {
    for (i, &v) in plan.vpc_cidrs.iter().enumerate() {
        let at = vec![FieldRef::entry(Field::VpcCidrs, i)];
        if v.prefix_len() == 0 {
            continue; // reported as default-route
        }
        let rejected: Vec<String> = VPC_REJECTED
            .iter()
            .filter(|(r, _)| overlaps(v, net(r)))
            .map(|(r, what)| format!("{} {r} ({what})", relation_words(relate(v, net(r)))))
            .collect();
        if !rejected.is_empty() {
            out.add(
                Severity::Error,
                VpcReservedRange,
                vec![VpcRouteTable, SecurityGroup],
                at,
                format!(
                    "VPC block {v} {}, which an Alibaba Cloud VPC cannot use",
                    rejected.join(" and ")
                ),
                "Use a VPC block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.".into(),
            );
        } else if !PRIVATE.iter().any(|p| net(p).contains(&v)) {
            out.add(
                Severity::Warning,
                VpcNotPrivate,
                vec![VpcRouteTable],
                at,
                format!("VPC block {v} is outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16"),
                "Prefer a private block; public ranges in a VPC shadow Internet addresses.".into(),
            );
        }
    }
}

fn region_check(plan: &Plan, region: Option<&Region>, out: &mut Findings) {
    let id = &plan.region;
    let Some(region) = region else {
        let message = if plan.has_region() {
            format!("region {id} is not in the catalog")
        } else {
            "no region is chosen: the registry, OSS and management endpoints depend on it".into()
        };
        out.add(
            Severity::Error,
            UnknownRegion,
            vec![EdgeNode],
            whole(Field::Region),
            message,
            "Choose a region from `edgeplan regions`.".into(),
        );
        return;
    };
    if region.registry.is_none() {
        out.add(Severity::Error, RegionWithoutRegistry, vec![EdgeNode, CoreSwitch, Firewall],
            whole(Field::Region),
            format!("{id} ({}) is not in the ACK add-on registry table: edge nodes have no registry endpoint to pull system add-ons from", region.name),
            "Choose a region that lists an add-on registry endpoint (`edgeplan regions`).".into());
    }
    if plan.scope == Scope::Fine {
        // The engineer's blocks stand in for what the source leaves unknown.
        if region.oss_vips().is_none() && plan.fine_scope_cloud_cidrs().next().is_none() {
            out.add(Severity::Error, FineScopeOssUnknown, vec![CoreSwitch, Firewall, Vbr, Transit],
                vec![FieldRef::whole(Field::CloudServiceCidrs), FieldRef::whole(Field::Scope)],
                format!("fine scope needs {id}'s OSS internal VIP blocks, and the source does not give them: resolve oss-{id}-internal.aliyuncs.com from an instance in the VPC to find them"),
                format!("Resolve oss-{id}-internal.aliyuncs.com from an instance in the VPC and add the block of the addresses it returns to cloud_service_cidrs, or use scope = \"broad\"."));
        }
        if plan.management_ip.is_none() {
            out.add(Severity::Error, FineScopeNoManagement, vec![CoreSwitch, Firewall, Vbr, Transit],
                vec![FieldRef::whole(Field::ManagementIp), FieldRef::whole(Field::Scope)],
                format!("fine scope needs the address of cs-anony-vpc.{id}.aliyuncs.com, and management_ip is not set"),
                format!("Resolve cs-anony-vpc.{id}.aliyuncs.com inside the VPC and set management_ip to the result."));
        }
    }
}

fn management_check(plan: &Plan, cloud: &[Target], out: &mut Findings) {
    let Some(ip) = plan.management_ip else { return };
    // One verdict in both scopes: in fine scope this is no longer also a VPC overlap.
    if let Some(v) = plan.vpc_cidrs.iter().find(|v| v.contains(&ip)) {
        out.add(Severity::Error, ManagementInsideVpc, vec![CoreSwitch, Firewall, Vbr, Transit],
            vec![FieldRef::whole(Field::ManagementIp)],
            format!("management_ip {ip} lies inside VPC {v}, so it cannot be what cs-anony-vpc.{}.aliyuncs.com resolves to: the source puts Alibaba Cloud services in 100.0.0.0/8 (its example resolves to 100.103.42.233)", plan.region),
            format!("Resolve cs-anony-vpc.{}.aliyuncs.com inside the VPC again and set management_ip to the result.", plan.region));
        return;
    }
    let routed = cloud.iter().any(|t| t.net.contains(&ip));
    if !routed {
        out.add(
            Severity::Warning,
            ManagementNotRouted,
            vec![CoreSwitch, Firewall, Vbr, Transit],
            vec![
                FieldRef::whole(Field::CloudServiceCidrs),
                FieldRef::whole(Field::ManagementIp),
            ],
            format!(
                "management_ip {ip} is in none of the cloud-service blocks ({})",
                join(&plan.cloud_service_cidrs)
            ),
            format!("Add a block that holds {ip} to cloud_service_cidrs."),
        );
    }
}

/// Checks a plan against every rule, the region looked up in `catalog`; findings come
/// errors first, then in path order.
pub fn check(plan: &Plan, catalog: &Catalog) -> Report {
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
    limits::budget_check(plan, &mut out);
    limits::coverage_check(plan, region, &mut out);
    limits::closing_check(region, &mut out);
    super::versions::kubernetes_check(plan, &mut out);
    super::outside::outside_check(plan, &mut out);
    super::observed::observed_check(plan, catalog, &mut out);
    let mut findings = out.0;
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.hop()));
    Report { findings }
}
