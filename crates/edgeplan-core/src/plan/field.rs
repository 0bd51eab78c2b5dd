//! The one list of a plan's fields: each field's section and key in the file, its label
//! for people, its kind, and how to read it from a [`Plan`]. The reader, the writer, the
//! diff, the editors and the messages all go through it, so a field is added here once.

use super::Plan;
use ipnet::Ipv4Net;
use std::fmt;
use std::net::Ipv4Addr;
use strum::{IntoStaticStr, VariantArray};

/// The table a field is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    /// `[meta]`: free text for reviewers.
    Meta,
    /// `[network]`: what requirements and checks are derived from.
    Network,
}

impl Section {
    /// The table name in the file.
    pub fn key(self) -> &'static str {
        match self {
            Section::Meta => "meta",
            Section::Network => "network",
        }
    }
}

/// What sort of value a field holds, which decides how it is read, edited and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Optional free text.
    Text,
    /// A region id from the catalog.
    Region,
    /// One of a fixed set of ids.
    Choice,
    /// A list of CIDR blocks.
    CidrList,
    /// One optional CIDR block.
    Cidr,
    /// One optional IPv4 address.
    Address,
    /// An optional Kubernetes version, such as `1.30`.
    Version,
}

/// One field of a plan, in file order; the variant's snake_case name is its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    /// `meta.name`
    Name,
    /// `meta.customer`
    Customer,
    /// `meta.author`
    Author,
    /// `meta.notes`
    Notes,
    /// `network.region`
    Region,
    /// `network.cni`
    Cni,
    /// `network.transit`
    Transit,
    /// `network.scope`
    Scope,
    /// `network.datacenter_cidrs`
    DatacenterCidrs,
    /// `network.vpc_cidrs`
    VpcCidrs,
    /// `network.cloud_service_cidrs`
    CloudServiceCidrs,
    /// `network.container_cidrs`
    ContainerCidrs,
    /// `network.vswitch_cidrs`
    VswitchCidrs,
    /// `network.service_cidr`
    ServiceCidr,
    /// `network.apiserver_ip`
    ApiserverIp,
    /// `network.management_ip`
    ManagementIp,
    /// `network.kubernetes_version`
    KubernetesVersion,
    /// `network.ntp_access`
    NtpAccess,
    /// `network.package_access`
    PackageAccess,
}

/// A field's value as read from a plan, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    /// Free text, unset when `None`.
    Text(Option<&'a str>),
    /// A region or choice id.
    Id(&'a str),
    /// A list of blocks, possibly empty.
    Cidrs(&'a [Ipv4Net]),
    /// One block, unset when `None`.
    Cidr(Option<Ipv4Net>),
    /// One address, unset when `None`.
    Address(Option<Ipv4Addr>),
}

impl fmt::Display for FieldValue<'_> {
    /// The value as a person reads it: lists joined by commas, `(none)` and `(unset)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(Some(s)) | FieldValue::Id(s) => f.write_str(s),
            FieldValue::Cidrs([]) => f.write_str("(none)"),
            FieldValue::Cidrs(nets) => crate::checks::write_some(f, nets.iter(), usize::MAX),
            FieldValue::Cidr(Some(n)) => write!(f, "{n}"),
            FieldValue::Address(Some(a)) => write!(f, "{a}"),
            FieldValue::Text(None) | FieldValue::Cidr(None) | FieldValue::Address(None) => {
                f.write_str("(unset)")
            }
        }
    }
}

impl Field {
    /// Every field, in the order the file writes them.
    pub const ALL: &'static [Field] = Field::VARIANTS;

    /// The CIDR-list fields, in file order.
    pub const CIDR_LISTS: [Field; 5] = [
        Field::DatacenterCidrs,
        Field::VpcCidrs,
        Field::CloudServiceCidrs,
        Field::ContainerCidrs,
        Field::VswitchCidrs,
    ];

    /// The free-text `[meta]` fields, in file order.
    pub const TEXTS: [Field; 4] = [Field::Name, Field::Customer, Field::Author, Field::Notes];

    /// The single-value network fields (one block or address), in file order.
    pub const SINGLES: [Field; 3] = [Field::ServiceCidr, Field::ApiserverIp, Field::ManagementIp];

    /// The fields that say how the nodes reach what the dedicated line does not carry.
    pub const REACHES: [Field; 2] = [Field::NtpAccess, Field::PackageAccess];

    /// The table the field is written in.
    pub fn section(self) -> Section {
        match self {
            Field::Name | Field::Customer | Field::Author | Field::Notes => Section::Meta,
            _ => Section::Network,
        }
    }

    /// The key within its table: `vpc_cidrs`.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The dotted key, as messages name it: `network.vpc_cidrs`.
    pub fn path(self) -> String {
        format!("{}.{}", self.section().key(), self.key())
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Customer => "customer",
            Field::Author => "author",
            Field::Notes => "notes",
            Field::Region => "region",
            Field::Cni => "CNI plugin",
            Field::Transit => "transit",
            Field::Scope => "scope",
            Field::DatacenterCidrs => "data center",
            Field::VpcCidrs => "VPC",
            Field::CloudServiceCidrs => "cloud services",
            Field::ContainerCidrs => "edge containers",
            Field::VswitchCidrs => "vSwitches",
            Field::ServiceCidr => "Service CIDR",
            Field::ApiserverIp => "API server address",
            Field::ManagementIp => "ACK management address",
            Field::KubernetesVersion => "Kubernetes version",
            Field::NtpAccess => "NTP access",
            Field::PackageAccess => "package repository access",
        }
    }

    /// What a CIDR-list field is for, in a few words beside its label; `""` for others.
    pub fn purpose(self) -> &'static str {
        match self {
            Field::DatacenterCidrs => "where the edge nodes live",
            Field::VpcCidrs => "the cluster's VPC",
            Field::CloudServiceCidrs => "broad: all; fine: what the source lacks",
            Field::ContainerCidrs => "Terway Edge pods",
            Field::VswitchCidrs => "optional: narrows node-port sources",
            _ => "",
        }
    }

    /// What the field holds.
    pub fn kind(self) -> FieldKind {
        match self {
            Field::Name | Field::Customer | Field::Author | Field::Notes => FieldKind::Text,
            Field::Region => FieldKind::Region,
            Field::Cni | Field::Transit | Field::Scope => FieldKind::Choice,
            Field::NtpAccess | Field::PackageAccess => FieldKind::Choice,
            Field::DatacenterCidrs
            | Field::VpcCidrs
            | Field::CloudServiceCidrs
            | Field::ContainerCidrs
            | Field::VswitchCidrs => FieldKind::CidrList,
            Field::ServiceCidr => FieldKind::Cidr,
            Field::ApiserverIp | Field::ManagementIp => FieldKind::Address,
            Field::KubernetesVersion => FieldKind::Version,
        }
    }

    /// True when a plan file must write the field.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Region | Field::Cni | Field::Transit | Field::DatacenterCidrs | Field::VpcCidrs
        )
    }

    /// The field whose dotted key is `path`.
    pub fn from_path(path: &str) -> Option<Field> {
        let (section, key) = path.split_once('.')?;
        Field::ALL
            .iter()
            .copied()
            .find(|f| f.section().key() == section && f.key() == key)
    }

    /// The field's value in `plan`.
    pub fn get(self, plan: &Plan) -> FieldValue<'_> {
        let meta = &plan.meta;
        match self {
            Field::Name => FieldValue::Text(meta.name.as_deref()),
            Field::Customer => FieldValue::Text(meta.customer.as_deref()),
            Field::Author => FieldValue::Text(meta.author.as_deref()),
            Field::Notes => FieldValue::Text(meta.notes.as_deref()),
            Field::Region => FieldValue::Id(&plan.region),
            Field::Cni => FieldValue::Id(plan.cni.into()),
            Field::Transit => FieldValue::Id(plan.transit.into()),
            Field::Scope => FieldValue::Id(plan.scope.into()),
            Field::ServiceCidr => FieldValue::Cidr(plan.service_cidr),
            Field::ApiserverIp => FieldValue::Address(plan.apiserver_ip),
            Field::ManagementIp => FieldValue::Address(plan.management_ip),
            Field::KubernetesVersion => FieldValue::Text(plan.kubernetes_version.as_deref()),
            Field::NtpAccess => FieldValue::Text(plan.ntp_access.map(Into::into)),
            Field::PackageAccess => FieldValue::Text(plan.package_access.map(Into::into)),
            list => FieldValue::Cidrs(list.cidrs(plan).expect("the rest are CIDR lists")),
        }
    }

    /// The blocks of a CIDR-list field; `None` for other fields.
    pub fn cidrs(self, plan: &Plan) -> Option<&Vec<Ipv4Net>> {
        match self {
            Field::DatacenterCidrs => Some(&plan.datacenter_cidrs),
            Field::VpcCidrs => Some(&plan.vpc_cidrs),
            Field::CloudServiceCidrs => Some(&plan.cloud_service_cidrs),
            Field::ContainerCidrs => Some(&plan.container_cidrs),
            Field::VswitchCidrs => Some(&plan.vswitch_cidrs),
            _ => None,
        }
    }

    /// The blocks of a CIDR-list field, for editing; `None` for other fields.
    pub fn cidrs_mut(self, plan: &mut Plan) -> Option<&mut Vec<Ipv4Net>> {
        match self {
            Field::DatacenterCidrs => Some(&mut plan.datacenter_cidrs),
            Field::VpcCidrs => Some(&mut plan.vpc_cidrs),
            Field::CloudServiceCidrs => Some(&mut plan.cloud_service_cidrs),
            Field::ContainerCidrs => Some(&mut plan.container_cidrs),
            Field::VswitchCidrs => Some(&mut plan.vswitch_cidrs),
            _ => None,
        }
    }

    /// The text slot of a `[meta]` field, for editing; `None` for other fields.
    pub fn text_mut(self, plan: &mut Plan) -> Option<&mut Option<String>> {
        let meta = &mut plan.meta;
        match self {
            Field::Name => Some(&mut meta.name),
            Field::Customer => Some(&mut meta.customer),
            Field::Author => Some(&mut meta.author),
            Field::Notes => Some(&mut meta.notes),
            _ => None,
        }
    }

    /// The answer of a reach field (how the nodes get to what the line does not carry),
    /// for editing; `None` for other fields.
    pub fn reach_mut(self, plan: &mut Plan) -> Option<&mut Option<super::Reach>> {
        match self {
            Field::NtpAccess => Some(&mut plan.ntp_access),
            Field::PackageAccess => Some(&mut plan.package_access),
            _ => None,
        }
    }

    /// The answer of a reach field; `None` while unanswered and for other fields.
    pub fn reach(self, plan: &Plan) -> Option<super::Reach> {
        match self {
            Field::NtpAccess => plan.ntp_access,
            Field::PackageAccess => plan.package_access,
            _ => None,
        }
    }

    /// The next answer of a reach field, in the order unset, then each way, then unset.
    pub fn next_reach(current: Option<super::Reach>) -> Option<super::Reach> {
        use strum::VariantArray;
        let all = super::Reach::VARIANTS;
        match current {
            None => all.first().copied(),
            Some(r) => all.iter().skip_while(|&&x| x != r).nth(1).copied(),
        }
    }

    /// Sets a single-value field from a parsed block; `false` for other fields or kinds.
    pub fn set_single(self, plan: &mut Plan, value: Option<Ipv4Net>) -> bool {
        match self {
            Field::ServiceCidr => plan.service_cidr = value,
            Field::ApiserverIp => plan.apiserver_ip = value.map(|n| n.addr()),
            Field::ManagementIp => plan.management_ip = value.map(|n| n.addr()),
            _ => return false,
        }
        true
    }
}

impl fmt::Display for Field {
    /// The dotted key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.section().key(), self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_dotted_key_in_its_own_section() {
        for &field in Field::ALL {
            let path = field.path();
            let (section, key) = path.split_once('.').unwrap();
            assert_eq!(section, field.section().key(), "{field}");
            assert_eq!(key, field.key());
            assert_eq!(Field::from_path(&path), Some(field));
        }
        assert_eq!(Field::VpcCidrs.path(), "network.vpc_cidrs");
        assert_eq!(Field::Name.path(), "meta.name");
        assert!(Field::ALL.is_sorted(), "ALL is in declaration (file) order");
    }

    #[test]
    fn values_read_as_a_person_would_say_them() {
        let plan = Plan::example();
        assert_eq!(Field::VpcCidrs.get(&plan).to_string(), "192.168.0.0/16");
        assert_eq!(Field::ContainerCidrs.get(&plan).to_string(), "(none)");
        assert_eq!(Field::ApiserverIp.get(&plan).to_string(), "(unset)");
        assert_eq!(Field::Cni.get(&plan).to_string(), "flannel");
    }
}
