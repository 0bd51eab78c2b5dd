//! The plan: what the customer's network looks like and which options they chose.
//!
//! `Plan` is the domain type; `file` reads plan TOML into it with errors that name the
//! file, line, key and value; `save` writes it back, keeping a hand-edited file's
//! comments and key order.

mod diff;
mod diff_observed;
mod edit;
mod error;
mod field;
mod file;
mod observed_entries;
mod observed_read;
mod observed_save;
mod read;
mod save;
mod version;

pub use diff::{all_changes, changes};
pub use edit::{ContainerDefault, UnknownRegion};
pub use error::{PlanError, Problem};
pub use field::{Field, FieldKind, FieldValue, Section};
pub use file::{MAX_PLAN_BYTES, load_path, plan_text};
pub use read::{parse_draft_plan, parse_plan, parse_plan_in};
pub use save::{to_toml, update_toml};
pub use version::{KubeVersion, NOT_A_VERSION, TERWAY_EDGE_MIN_KUBERNETES};

use crate::cidr::host;
use crate::observed::Observed;
use ipnet::Ipv4Net;
use std::net::Ipv4Addr;
use strum::{Display, EnumString, IntoStaticStr, VariantArray};

/// The plan format version this build writes: 2 added the observed sections.
pub const SCHEMA_VERSION: i64 = 2;

/// The oldest plan format this build reads; a version-1 plan has no observed state.
pub const OLDEST_SCHEMA_VERSION: i64 = 1;

/// The container network plugin of the ACK Edge cluster.
// The strum derives give each choice its stable id in files and on the command line
// (`terway-edge`): `Display`, `FromStr`, `Into<&'static str>` and `VARIANTS` in display order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Cni {
    /// Flannel: VXLAN overlay on UDP 8472; pod addresses never leave the nodes.
    Flannel,
    /// Terway Edge: pods get routable addresses advertised to the core switch by BGP.
    TerwayEdge,
}

/// How the VBR reaches the VPC.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Transit {
    /// Express Connect Router.
    Ecr,
    /// Cloud Enterprise Network transit router.
    Cen,
    /// VPC direct connection: the VBR routes to the VPC with no transit router between.
    Direct,
}

/// How narrowly the cloud-service destinations are written.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Scope {
    /// The plan's `cloud_service_cidrs` (100.0.0.0/8 by default), all ports.
    Broad,
    /// The region's exact OSS, registry and management ranges, with the needed ports only.
    Fine,
}

/// How the edge nodes reach a service the dedicated line does not carry (the NTP
/// servers, the YUM or APT repositories).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Display, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Reach {
    /// The nodes have internet access of their own.
    Internet,
    /// Through a NAT gateway in the data center.
    Nat,
    /// An internal server instead: an NTP server or a package mirror in the data center.
    Internal,
}

impl Reach {
    /// The way in words: `internet access`.
    pub fn words(self) -> &'static str {
        match self {
            Reach::Internet => "internet access",
            Reach::Nat => "a NAT gateway in the data center",
            Reach::Internal => "an internal server in the data center",
        }
    }
}

/// The stable ids of every value of a choice, joined for an error message: `a | b`.
pub fn expected_ids<C: VariantArray + Copy + Into<&'static str>>() -> String {
    C::VARIANTS
        .iter()
        .map(|&c| c.into())
        .collect::<Vec<&str>>()
        .join(" | ")
}

/// Free-text facts about the plan, for reviewers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Short plan name.
    pub name: Option<String>,
    /// Customer.
    pub customer: Option<String>,
    /// Who wrote the plan.
    pub author: Option<String>,
    /// Anything else.
    pub notes: Option<String>,
}

impl Meta {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self == &Meta::default()
    }
}

/// The customer's network and choices: everything requirements and checks are derived from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Reviewer-facing facts.
    pub meta: Meta,
    /// Region id of the cluster, such as `cn-hangzhou`.
    pub region: String,
    /// The cluster's CNI plugin.
    pub cni: Cni,
    /// ECR, CEN or a direct connection between the VBR and the VPC.
    pub transit: Transit,
    /// Broad or fine cloud-service destinations.
    pub scope: Scope,
    /// The data center's private CIDR blocks (the edge nodes live here).
    pub datacenter_cidrs: Vec<Ipv4Net>,
    /// The VPC's CIDR blocks.
    pub vpc_cidrs: Vec<Ipv4Net>,
    /// Cloud-service CIDR blocks: every destination in broad scope; in fine scope, the
    /// blocks the engineer found for what the source leaves unknown.
    pub cloud_service_cidrs: Vec<Ipv4Net>,
    /// Edge container CIDR blocks; required with Terway Edge.
    pub container_cidrs: Vec<Ipv4Net>,
    /// The cluster's vSwitch CIDR blocks; narrow the node-port rule sources.
    pub vswitch_cidrs: Vec<Ipv4Net>,
    /// The cluster's Service CIDR block.
    pub service_cidr: Option<Ipv4Net>,
    /// The API server's internal address.
    pub apiserver_ip: Option<Ipv4Addr>,
    /// What `cs-anony-vpc.{region}.aliyuncs.com` resolves to inside the VPC.
    pub management_ip: Option<Ipv4Addr>,
    /// The cluster's Kubernetes version as written (`1.30`); checked when read.
    pub kubernetes_version: Option<String>,
    /// How the nodes reach an NTP server; `None` while unanswered.
    pub ntp_access: Option<Reach>,
    /// How the nodes reach their YUM or APT repositories; `None` while unanswered.
    pub package_access: Option<Reach>,
    /// What the devices on the path really have (schema version 2); empty in a design.
    pub observed: Observed,
}

fn net(s: &str) -> Ipv4Net {
    s.parse().expect("built-in CIDR")
}

/// The default cloud-service block: "Specific Alibaba Cloud services use 100.0.0.0/8".
pub fn default_cloud_service_cidrs() -> Vec<Ipv4Net> {
    vec![net("100.0.0.0/8")]
}

/// The source's example resolution of `cs-anony-vpc.cn-hangzhou.aliyuncs.com` ("In this
/// example, the resolution result is 100.103.42.233"): an example, not any customer's.
pub const EXAMPLE_MANAGEMENT_IP: Ipv4Addr = Ipv4Addr::new(100, 103, 42, 233);

/// The source's example edge-container block, used with Terway Edge.
pub fn example_container_cidr() -> Ipv4Net {
    net("172.16.0.0/12")
}

impl Plan {
    /// The source document's example: Hangzhou, data center 10.0.0.0/8, VPC
    /// 192.168.0.0/16, cloud services 100.0.0.0/8, Flannel over ECR. Its nodes reach NTP
    /// and their package repositories over the internet, as the source's public NTP
    /// names and "install the tools online" assume.
    pub fn example() -> Plan {
        Plan {
            meta: Meta {
                name: Some("example-hangzhou-edge".into()),
                ..Meta::default()
            },
            region: "cn-hangzhou".into(),
            cni: Cni::Flannel,
            transit: Transit::Ecr,
            scope: Scope::Broad,
            datacenter_cidrs: vec![net("10.0.0.0/8")],
            vpc_cidrs: vec![net("192.168.0.0/16")],
            cloud_service_cidrs: default_cloud_service_cidrs(),
            container_cidrs: vec![],
            vswitch_cidrs: vec![],
            service_cidr: None,
            apiserver_ip: None,
            management_ip: Some(EXAMPLE_MANAGEMENT_IP),
            kubernetes_version: None,
            ntp_access: Some(Reach::Internet),
            package_access: Some(Reach::Internet),
            observed: Observed::default(),
        }
    }

    /// A new plan with nothing chosen: no region (`""`, which only memory and drafts
    /// hold: a plan file must name one), no blocks or addresses, and the format's
    /// defaults for the choices and the cloud-service blocks. The checks flag what is
    /// missing (`unknown-region`, `no-datacenter-cidr`, `no-vpc-cidr`).
    pub fn empty() -> Plan {
        Plan {
            meta: Meta::default(),
            region: String::new(),
            cni: Cni::Flannel,
            transit: Transit::Ecr,
            scope: Scope::Broad,
            datacenter_cidrs: Vec::new(),
            vpc_cidrs: Vec::new(),
            cloud_service_cidrs: default_cloud_service_cidrs(),
            container_cidrs: Vec::new(),
            vswitch_cidrs: Vec::new(),
            service_cidr: None,
            apiserver_ip: None,
            management_ip: None,
            kubernetes_version: None,
            ntp_access: None,
            package_access: None,
            observed: Observed::default(),
        }
    }

    /// True while no region is chosen (a new plan): such a plan is not written to a file.
    pub fn has_region(&self) -> bool {
        !self.region.is_empty()
    }

    /// The region id as endpoint names use it; `{region}`, the source's own notation,
    /// while none is chosen, so no name reads `cs-anony-vpc..aliyuncs.com`.
    pub fn region_in_names(&self) -> &str {
        if self.has_region() {
            &self.region
        } else {
            "{region}"
        }
    }

    /// The example as the start of a customer's plan: what the source only assumes (how
    /// the nodes reach NTP and their package repositories) is left for the engineer.
    pub fn template() -> Plan {
        Plan {
            ntp_access: None,
            package_access: None,
            ..Plan::example()
        }
    }

    /// True when `management_ip` is the source's example resolution, which must be
    /// replaced by what the management name resolves to in the customer's VPC.
    pub fn management_is_example(&self) -> bool {
        self.management_ip == Some(EXAMPLE_MANAGEMENT_IP)
    }

    /// The cluster's Kubernetes version, when given and readable.
    pub fn kubernetes(&self) -> Option<KubeVersion> {
        self.kubernetes_version.as_deref()?.parse().ok()
    }

    /// The blocks of `cloud_service_cidrs` that fine scope routes as well as the region's:
    /// what the engineer found for destinations the source leaves unknown. A block that
    /// holds the broad catch-all 100.0.0.0/8 is left out: it would make fine scope broad.
    pub fn fine_scope_cloud_cidrs(&self) -> impl Iterator<Item = Ipv4Net> + '_ {
        let broad = default_cloud_service_cidrs()[0];
        self.cloud_service_cidrs
            .iter()
            .copied()
            .filter(move |n| !n.contains(&broad))
    }

    /// The management address as a /32 block, if given.
    pub fn management_net(&self) -> Option<Ipv4Net> {
        self.management_ip.map(host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn choices_keep_their_ids_in_display_order_and_read_back_only_those() {
        fn ids<C: VariantArray + Copy + Into<&'static str> + std::fmt::Display>()
        -> Vec<&'static str> {
            let ids: Vec<&str> = C::VARIANTS.iter().map(|&c| c.into()).collect();
            let shown: Vec<String> = C::VARIANTS.iter().map(|c| c.to_string()).collect();
            assert_eq!(ids, shown, "Display writes the id");
            ids
        }
        assert_eq!(ids::<Cni>(), ["flannel", "terway-edge"]);
        assert_eq!(ids::<Transit>(), ["ecr", "cen", "direct"]);
        assert_eq!(ids::<Scope>(), ["broad", "fine"]);
        assert_eq!(expected_ids::<Cni>(), "flannel | terway-edge");
        assert_eq!(Cni::from_str("terway-edge"), Ok(Cni::TerwayEdge));
        for other in [
            "TerwayEdge",
            "terway_edge",
            "Flannel",
            "FLANNEL",
            " flannel",
            "",
        ] {
            assert!(Cni::from_str(other).is_err(), "{other:?}");
        }
    }

    #[test]
    fn an_empty_plan_is_flagged_for_what_is_missing_and_only_a_draft_may_hold_it() {
        let empty = Plan::empty();
        assert!(!empty.has_region());
        let report = crate::checks::check(&empty, crate::catalog::Catalog::builtin());
        let codes: Vec<String> = report.findings.iter().map(|f| f.code.to_string()).collect();
        for code in ["unknown-region", "no-datacenter-cidr", "no-vpc-cidr"] {
            assert!(codes.iter().any(|c| c == code), "{code} in {codes:?}");
        }
        let text = to_toml(&empty);
        assert!(
            parse_plan("plan.toml", &text).is_err(),
            "a plan file names a region"
        );
        assert_eq!(parse_draft_plan("draft", &text).unwrap(), empty);
    }
}
