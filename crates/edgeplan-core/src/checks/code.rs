//! The stable codes of findings and the plan fields a finding is about.

use crate::plan::Field;
use std::fmt;
use strum::{Display, EnumMessage, EnumString, IntoStaticStr, VariantArray};

/// What a finding is about. The kebab-case id (`overlap-datacenter-vpc`) is the stable
/// code in text and JSON output; each variant's doc line says what it checks and is read
/// back by [`FindingCode::what`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Display,
    EnumString,
    IntoStaticStr,
    VariantArray,
    EnumMessage,
)]
#[strum(serialize_all = "kebab-case")]
pub enum FindingCode {
    /// A data center block overlaps a VPC block.
    OverlapDatacenterVpc,
    /// A data center block overlaps an edge container block.
    OverlapDatacenterContainer,
    /// A data center block overlaps a cloud-service destination.
    OverlapDatacenterCloudService,
    /// A data center block overlaps the Service CIDR.
    OverlapDatacenterService,
    /// A VPC block overlaps an edge container block.
    OverlapVpcContainer,
    /// A VPC block overlaps a cloud-service destination.
    OverlapVpcCloudService,
    /// A VPC block overlaps the Service CIDR.
    OverlapVpcService,
    /// An edge container block overlaps a cloud-service destination.
    OverlapContainerCloudService,
    /// An edge container block overlaps the Service CIDR.
    OverlapContainerService,
    /// A cloud-service destination overlaps the Service CIDR.
    OverlapCloudServiceService,
    /// More overlapping pairs than are listed.
    OverlapTruncated,
    /// A list holds a block twice, or a block inside another of its blocks.
    RedundantEntry,
    /// One list has more redundant pairs than are listed.
    RedundantTruncated,
    /// A list or the Service CIDR is 0.0.0.0/0.
    DefaultRoute,
    /// `datacenter_cidrs` is empty.
    NoDatacenterCidr,
    /// `vpc_cidrs` is empty.
    NoVpcCidr,
    /// `cloud_service_cidrs` is empty in broad scope.
    NoCloudServiceCidr,
    /// Terway Edge without an edge container block.
    TerwayWithoutContainerCidr,
    /// Edge container blocks given with Flannel, which does not use them.
    FlannelContainerCidrUnused,
    /// A vSwitch block is outside every VPC block.
    VswitchOutsideVpc,
    /// The API server address is outside every VPC block.
    ApiserverOutsideVpc,
    /// A VPC block uses a range an Alibaba Cloud VPC cannot use.
    VpcReservedRange,
    /// A VPC block is outside the private ranges.
    VpcNotPrivate,
    /// The region is not in the catalog.
    UnknownRegion,
    /// The region has no ACK add-on registry endpoint.
    RegionWithoutRegistry,
    /// Fine scope in a region whose OSS internal VIP blocks are unknown.
    FineScopeOssUnknown,
    /// Fine scope without the resolved management address.
    FineScopeNoManagement,
    /// The management address is in no routed block.
    ManagementNotRouted,
    /// The management address lies inside a VPC block, where no cloud service lives.
    ManagementInsideVpc,
    /// A VPC block's prefix is outside /8 to /28, which a VPC cannot have.
    VpcPrefixOutOfRange,
    /// A vSwitch block's prefix is outside /16 to /29, which a vSwitch cannot have.
    VswitchPrefixOutOfRange,
    /// A block the VPC must route back lies inside 100.64.0.0/10, which a custom route cannot use.
    VpcRouteInSharedSpace,
    /// A data center or container block lies in a range that is never routed (loopback, multicast, …).
    UnroutableBlock,
    /// The API server address is a reserved address of its vSwitch.
    ApiserverReservedAddress,
    /// The API server address is outside every vSwitch block given.
    ApiserverOutsideVswitch,
    /// More custom routes in the VPC route table than it holds.
    VpcRouteBudget,
    /// More dynamic routes on the VBR's BGP peer than it accepts.
    VbrBgpRouteBudget,
    /// More security group rules than a security group holds.
    SecurityGroupRuleBudget,
    /// Broad scope: cloud_service_cidrs misses some of the region's cloud destinations.
    CloudServiceUncovered,
    /// The region is marked "Closing Down" by the source.
    RegionClosingDown,
    /// Terway Edge on a Kubernetes version before 1.28, which it does not support.
    TerwayKubernetesTooOld,
    /// `ntp_access` is unset: how the nodes reach an NTP server, which the line does not carry.
    NtpAccessUnanswered,
    /// `package_access` is unset: how the nodes reach their YUM or APT repositories.
    PackageAccessUnanswered,
}

impl FindingCode {
    /// The stable id: `overlap-datacenter-vpc`.
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// What the code checks, in one line (its doc comment).
    pub fn what(self) -> &'static str {
        self.get_documentation().unwrap_or_default()
    }
}

/// A field of the plan a finding is about and, for a list, which entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldRef {
    /// The field.
    pub field: Field,
    /// The entry of a list field; `None` for the field as a whole.
    pub entry: Option<usize>,
}

impl FieldRef {
    /// The field as a whole.
    pub fn whole(field: Field) -> FieldRef {
        FieldRef { field, entry: None }
    }

    /// Entry `i` of a list field.
    pub fn entry(field: Field, i: usize) -> FieldRef {
        FieldRef {
            field,
            entry: Some(i),
        }
    }
}

impl fmt::Display for FieldRef {
    /// `network.datacenter_cidrs[0]`, or the dotted key alone for the whole field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.entry {
            Some(i) => write!(f, "{}[{i}]", self.field),
            None => write!(f, "{}", self.field),
        }
    }
}

impl From<Field> for FieldRef {
    fn from(field: Field) -> FieldRef {
        FieldRef::whole(field)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn every_code_reads_back_from_its_id_and_says_what_it_checks() {
        for &code in FindingCode::VARIANTS {
            assert_eq!(FindingCode::from_str(code.id()), Ok(code));
            assert_eq!(code.to_string(), code.id());
            assert!(!code.what().is_empty(), "{code} has no doc line");
        }
        assert_eq!(
            FindingCode::OverlapCloudServiceService.id(),
            "overlap-cloud-service-service"
        );
    }

    #[test]
    fn a_field_ref_names_the_dotted_key_and_the_entry() {
        assert_eq!(
            FieldRef::entry(Field::DatacenterCidrs, 0).to_string(),
            "network.datacenter_cidrs[0]"
        );
        assert_eq!(FieldRef::whole(Field::Region).to_string(), "network.region");
    }
}
