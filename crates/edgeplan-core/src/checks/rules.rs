//! The rules a plan is checked against. Each rule names the values it found and says
//! what to change.

use super::names::{NAMED, name_some};
use super::overlap::Cover;
use super::overlap::overlapping_pairs_where;
use super::{Finding, Report, Severity, overlapping_pairs};
use crate::catalog::{Catalog, Region};
use crate::cidr::{Relation, overlaps, relate};
use crate::hop::Hop;
use crate::plan::{CidrList, Cni, Plan, Scope, example_container_cidr};
use crate::requirements::{Target, cloud_targets};
use ipnet::Ipv4Net;

/// At most this many overlap pairs are reported, so huge lists stay fast.
const MAX_OVERLAP_PAIRS: usize = 200;

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

use Hop::*;

/// A block set that takes part in the cross-list overlap check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Set {
    Datacenter,
    Vpc,
    Container,
    CloudService,
    Service,
}

impl Set {
    fn label(self) -> &'static str {
        match self {
            Set::Datacenter => "data center",
            Set::Vpc => "VPC",
            Set::Container => "edge container",
            Set::CloudService => "cloud service",
            Set::Service => "Service",
        }
    }

    /// Where an entry of this set is written, for the fix text.
    fn key(self, scope: Scope) -> &'static str {
        match (self, scope) {
            (Set::CloudService, Scope::Fine) => "the region's fine-scope ranges",
            (Set::Datacenter, _) => "datacenter_cidrs",
            (Set::Vpc, _) => "vpc_cidrs",
            (Set::Container, _) => "container_cidrs",
            (Set::CloudService, _) => "cloud_service_cidrs",
            (Set::Service, _) => "service_cidr",
        }
    }
}

/// The hops an overlap between two sets breaks.
fn overlap_hops(a: Set, b: Set) -> Vec<Hop> {
    let (a, b) = (a.min(b), a.max(b));
    match (a, b) {
        (_, Set::Service) => vec![EdgeNode],
        (Set::Datacenter, Set::Vpc) | (Set::Datacenter, Set::Container) => {
            vec![CoreSwitch, Vbr, Transit, VpcRouteTable]
        }
        (Set::Datacenter, Set::CloudService) => vec![CoreSwitch, Firewall, Vbr, Transit],
        (Set::Vpc, Set::Container) => vec![Vbr, Transit, VpcRouteTable],
        (Set::Vpc, Set::CloudService) => vec![Transit, VpcRouteTable],
        _ => vec![CoreSwitch, Vbr, Transit],
    }
}

/// The hops whose configuration a plan list feeds.
fn list_hops(list: CidrList) -> Vec<Hop> {
    match list {
        // Every hop but the edge nodes themselves routes or filters the data center.
        CidrList::Datacenter => Hop::ALL[1..].to_vec(),
        CidrList::Vpc => vec![CoreSwitch, Firewall, Vbr, Transit, SecurityGroup],
        CidrList::CloudService => vec![CoreSwitch, Firewall, Vbr, Transit],
        CidrList::Container => vec![Vbr, Transit, VpcRouteTable],
        CidrList::Vswitch => vec![EdgeNode],
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn add(
        &mut self,
        severity: Severity,
        code: &'static str,
        mut hops: Vec<Hop>,
        message: String,
        fix: String,
    ) {
        hops.sort();
        hops.dedup();
        self.0.push(Finding {
            hops,
            severity,
            code,
            message,
            fix,
        });
    }
}

fn net(s: &str) -> Ipv4Net {
    s.parse().expect("built-in CIDR")
}

fn overlap_code(a: Set, b: Set) -> &'static str {
    let (a, b) = (a.min(b), a.max(b));
    match (a, b) {
        (Set::Datacenter, Set::Vpc) => "overlap-datacenter-vpc",
        (Set::Datacenter, Set::Container) => "overlap-datacenter-container",
        (Set::Datacenter, Set::CloudService) => "overlap-datacenter-cloud-service",
        (Set::Datacenter, Set::Service) => "overlap-datacenter-service",
        (Set::Vpc, Set::Container) => "overlap-vpc-container",
        (Set::Vpc, Set::CloudService) => "overlap-vpc-cloud-service",
        (Set::Vpc, Set::Service) => "overlap-vpc-service",
        (Set::Container, Set::CloudService) => "overlap-container-cloud-service",
        (Set::Container, Set::Service) => "overlap-container-service",
        (Set::CloudService, Set::Service) => "overlap-cloud-service-service",
        _ => "overlap",
    }
}

fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::Equal => "is the same block as",
        Relation::Contains => "contains",
        Relation::Inside => "lies inside",
        Relation::Disjoint => "is apart from",
    }
}

/// Overlaps across sets (errors) and inside one list (redundant entries, warnings).
fn overlaps_check(plan: &Plan, cloud: &[Target], out: &mut Findings) {
    let mut entries: Vec<(Ipv4Net, Set)> = Vec::new();
    let whole = net("0.0.0.0/0");
    let mut push = |nets: &[Ipv4Net], set| {
        entries.extend(nets.iter().filter(|n| **n != whole).map(|&n| (n, set)))
    };
    push(&plan.datacenter_cidrs, Set::Datacenter);
    push(&plan.vpc_cidrs, Set::Vpc);
    push(&plan.container_cidrs, Set::Container);
    let cloud: Vec<Ipv4Net> = cloud.iter().map(|t| t.net).collect();
    push(&cloud, Set::CloudService);
    push(plan.service_cidr.as_slice(), Set::Service);

    // Same-list pairs are the redundancy check's (fine-scope ranges are the catalog's):
    // they must not use up the pair limit, and equal entries of one list are one entry here.
    entries.sort_by_key(|&(n, set)| (n.network(), n.prefix_len(), set));
    entries.dedup();
    let nets: Vec<Ipv4Net> = entries.iter().map(|e| e.0).collect();
    let (pairs, truncated) = overlapping_pairs_where(&nets, MAX_OVERLAP_PAIRS, |a, b| {
        entries[a].1 != entries[b].1
    });
    for p in pairs {
        let ((a, sa), (b, sb)) = (entries[p.outer], entries[p.inner]);
        // Say it from the point of view of the set that comes first on the path.
        let (x, sx, y, sy, rel) = if sa <= sb {
            (a, sa, b, sb, p.relation)
        } else {
            (b, sb, a, sa, invert(p.relation))
        };
        out.add(
            Severity::Error,
            overlap_code(sx, sy),
            overlap_hops(sx, sy),
            format!("{} {x} {} {} {y}", sx.label(), relation_words(rel), sy.label()),
            format!(
                "Give each block its own range: change {} or {} so that {x} and {y} do not overlap.",
                sx.key(plan.scope),
                sy.key(plan.scope)
            ),
        );
    }
    if truncated {
        out.add(
            Severity::Warning,
            "overlap-truncated",
            vec![CoreSwitch],
            format!("more than {MAX_OVERLAP_PAIRS} overlapping pairs; only the first are listed"),
            "Fix the listed overlaps and check again.".into(),
        );
    }

    for list in CidrList::ALL {
        let nets: Vec<Ipv4Net> = list.get(plan).clone();
        let (pairs, truncated) = overlapping_pairs(&nets, MAX_OVERLAP_PAIRS);
        for p in pairs.iter().filter(|p| nets[p.outer] != whole) {
            let (a, b) = (nets[p.outer], nets[p.inner]);
            let message = match p.relation {
                Relation::Equal => format!("{} lists {a} twice", list.key()),
                _ => format!("{} lists {b}, which lies inside {a} listed too", list.key()),
            };
            out.add(
                Severity::Warning,
                "redundant-entry",
                list_hops(list),
                message,
                format!("Remove {b} from {}; {a} already covers it.", list.key()),
            );
        }
        if truncated {
            out.add(Severity::Warning, "redundant-truncated", list_hops(list),
                format!("{} has more than {MAX_OVERLAP_PAIRS} redundant pairs; only the first are listed", list.key()),
                "Remove duplicates and check again.".into());
        }
    }
}

fn invert(r: Relation) -> Relation {
    match r {
        Relation::Contains => Relation::Inside,
        Relation::Inside => Relation::Contains,
        other => other,
    }
}

fn whole_space_check(plan: &Plan, out: &mut Findings) {
    let whole = net("0.0.0.0/0");
    for list in CidrList::ALL {
        if list.get(plan).contains(&whole) {
            out.add(
                Severity::Error,
                "default-route",
                list_hops(list),
                format!(
                    "{} contains 0.0.0.0/0, which routes or opens every address",
                    list.key()
                ),
                format!("Replace 0.0.0.0/0 in {} with the real blocks.", list.key()),
            );
        }
    }
    if plan.service_cidr == Some(whole) {
        out.add(
            Severity::Error,
            "default-route",
            vec![EdgeNode],
            "service_cidr is 0.0.0.0/0, which captures every address".into(),
            "Set service_cidr to the cluster's Service CIDR, such as 172.21.0.0/20.".into(),
        );
    }
}

fn required_lists_check(plan: &Plan, out: &mut Findings) {
    if plan.datacenter_cidrs.is_empty() {
        out.add(
            Severity::Error,
            "no-datacenter-cidr",
            list_hops(CidrList::Datacenter),
            "datacenter_cidrs is empty: no hop knows where the edge nodes are".into(),
            "Add the data center's private blocks, such as 10.0.0.0/8.".into(),
        );
    }
    if plan.vpc_cidrs.is_empty() {
        out.add(
            Severity::Error,
            "no-vpc-cidr",
            list_hops(CidrList::Vpc),
            "vpc_cidrs is empty: no hop knows where the cluster's VPC is".into(),
            "Add the VPC's blocks, such as 192.168.0.0/16.".into(),
        );
    }
    if plan.scope == Scope::Broad && plan.cloud_service_cidrs.is_empty() {
        out.add(Severity::Error, "no-cloud-service-cidr", list_hops(CidrList::CloudService),
            "cloud_service_cidrs is empty in broad scope: OSS, the registry and ACK management are unreachable".into(),
            "Add 100.0.0.0/8, or set scope = \"fine\" to use the region's exact ranges.".into());
    }
}

fn cni_check(plan: &Plan, out: &mut Findings) {
    match plan.cni {
        Cni::TerwayEdge if plan.container_cidrs.is_empty() => out.add(
            Severity::Error, "terway-without-container-cidr", vec![CoreSwitch, Vbr, Transit, VpcRouteTable],
            "Terway Edge needs the edge container CIDR block, and container_cidrs is empty".into(),
            format!("Add the edge container block to container_cidrs (the source's example uses {}).", example_container_cidr()),
        ),
        Cni::Flannel if !plan.container_cidrs.is_empty() => out.add(
            Severity::Warning, "flannel-container-cidr-unused", vec![Vbr, Transit, VpcRouteTable],
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
    for &v in &plan.vswitch_cidrs {
        if !vpc.holds(v) {
            out.add(
                Severity::Error,
                "vswitch-outside-vpc",
                vec![EdgeNode],
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
        out.add(Severity::Error, "apiserver-outside-vpc", vec![EdgeNode, SecurityGroup],
            format!("API server address {ip} is not inside the VPC ({})", join(&plan.vpc_cidrs)),
            "Copy the internal endpoint from the cluster's Basic Information tab into apiserver_ip.".into());
    }
}

fn vpc_range_check(plan: &Plan, out: &mut Findings) {
    for &v in &plan.vpc_cidrs {
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
                "vpc-reserved-range",
                vec![VpcRouteTable, SecurityGroup],
                format!(
                    "VPC block {v} {}, which an Alibaba Cloud VPC cannot use",
                    rejected.join(" and ")
                ),
                "Use a VPC block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.".into(),
            );
        } else if !PRIVATE.iter().any(|p| net(p).contains(&v)) {
            out.add(
                Severity::Warning,
                "vpc-not-private",
                vec![VpcRouteTable],
                format!("VPC block {v} is outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16"),
                "Prefer a private block; public ranges in a VPC shadow Internet addresses.".into(),
            );
        }
    }
}

fn region_check(plan: &Plan, region: Option<&Region>, out: &mut Findings) {
    let id = &plan.region;
    let Some(region) = region else {
        out.add(
            Severity::Error,
            "unknown-region",
            vec![EdgeNode],
            format!("region {id} is not in the catalog"),
            "Choose a region from `edgeplan regions`.".into(),
        );
        return;
    };
    if region.registry.is_none() {
        out.add(Severity::Error, "region-without-registry", vec![EdgeNode, CoreSwitch, Firewall],
            format!("{id} ({}) is not in the ACK add-on registry table: edge nodes have no registry endpoint to pull system add-ons from", region.name),
            "Choose a region that lists an add-on registry endpoint (`edgeplan regions`).".into());
    }
    if plan.scope == Scope::Fine {
        if region.oss_vips().is_none() {
            out.add(Severity::Error, "fine-scope-oss-unknown", vec![CoreSwitch, Firewall, Vbr, Transit],
                format!("fine scope needs {id}'s OSS internal VIP blocks, and the source does not give them"),
                format!("Use scope = \"broad\", or resolve oss-{id}-internal.aliyuncs.com in the VPC and add its block to cloud_service_cidrs with broad scope."));
        }
        if plan.management_ip.is_none() {
            out.add(Severity::Error, "fine-scope-no-management", vec![CoreSwitch, Firewall, Vbr, Transit],
                format!("fine scope needs the address of cs-anony-vpc.{id}.aliyuncs.com, and management_ip is not set"),
                format!("Resolve cs-anony-vpc.{id}.aliyuncs.com inside the VPC and set management_ip to the result."));
        }
    }
}

fn management_check(plan: &Plan, cloud: &[Target], out: &mut Findings) {
    let Some(ip) = plan.management_ip else { return };
    let routed =
        cloud.iter().any(|t| t.net.contains(&ip)) || plan.vpc_cidrs.iter().any(|v| v.contains(&ip));
    if !routed {
        out.add(
            Severity::Warning,
            "management-not-routed",
            vec![CoreSwitch, Firewall, Vbr, Transit],
            format!(
                "management_ip {ip} is in none of the cloud-service blocks ({})",
                join(&plan.cloud_service_cidrs)
            ),
            format!("Add a block that holds {ip} to cloud_service_cidrs."),
        );
    }
}

/// Checks a plan against every rule; findings come errors first, then in path order.
pub fn check(plan: &Plan) -> Report {
    let region = Catalog::builtin().region(&plan.region);
    let mut out = Findings(Vec::new());
    required_lists_check(plan, &mut out);
    region_check(plan, region, &mut out);
    cni_check(plan, &mut out);
    whole_space_check(plan, &mut out);
    vpc_range_check(plan, &mut out);
    vpc_membership_check(plan, &mut out);
    let cloud = cloud_targets(plan, region);
    overlaps_check(plan, &cloud, &mut out);
    management_check(plan, &cloud, &mut out);
    let mut findings = out.0;
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.hop()));
    Report { findings }
}
