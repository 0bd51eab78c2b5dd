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
    #[strum(
        message = "the source: Network architecture (the data center, VPC, cloud-service and container blocks are routed to each other, so they must be distinct)"
    )]
    OverlapDatacenterVpc,
    /// A data center block overlaps an edge container block.
    #[strum(
        message = "the source: Network architecture (the data center, VPC, cloud-service and container blocks are routed to each other, so they must be distinct)"
    )]
    OverlapDatacenterContainer,
    /// A data center block overlaps a cloud-service destination.
    #[strum(
        message = "the source: Network architecture (the data center, VPC, cloud-service and container blocks are routed to each other, so they must be distinct)"
    )]
    OverlapDatacenterCloudService,
    /// A data center block overlaps the Service CIDR.
    #[strum(
        message = "the source's cluster blocks; the Service CIDR must not meet routed blocks (ACK documentation, planning the cluster network; beyond the source)"
    )]
    OverlapDatacenterService,
    /// A VPC block overlaps an edge container block.
    #[strum(
        message = "the source: Network architecture (the data center, VPC, cloud-service and container blocks are routed to each other, so they must be distinct)"
    )]
    OverlapVpcContainer,
    /// A VPC block overlaps a cloud-service destination.
    #[strum(
        message = "the source: VPC topology (Alibaba Cloud services use 100.0.0.0/8, reached through the vSwitches)"
    )]
    OverlapVpcCloudService,
    /// A VPC block overlaps the Service CIDR.
    #[strum(message = "ACK documentation, planning the cluster network (beyond the source)")]
    OverlapVpcService,
    /// An edge container block overlaps a cloud-service destination.
    #[strum(
        message = "the source: Network architecture (the data center, VPC, cloud-service and container blocks are routed to each other, so they must be distinct)"
    )]
    OverlapContainerCloudService,
    /// An edge container block overlaps the Service CIDR.
    #[strum(message = "ACK documentation, planning the cluster network (beyond the source)")]
    OverlapContainerService,
    /// A cloud-service destination overlaps the Service CIDR.
    #[strum(message = "ACK documentation, planning the cluster network (beyond the source)")]
    OverlapCloudServiceService,
    /// More overlapping pairs than are listed.
    #[strum(message = "edgeplan: bounded output")]
    OverlapTruncated,
    /// A list holds a block twice, or a block inside another of its blocks.
    #[strum(message = "edgeplan: one route per block (route tables refuse duplicates)")]
    RedundantEntry,
    /// One list has more redundant pairs than are listed.
    #[strum(message = "edgeplan: bounded output")]
    RedundantTruncated,
    /// A list or the Service CIDR is 0.0.0.0/0.
    #[strum(
        message = "edgeplan: a default route through the line would send everything to the cloud (beyond the source)"
    )]
    DefaultRoute,
    /// `datacenter_cidrs` is empty.
    #[strum(message = "the source: Sample network configurations (the data center CIDR block)")]
    NoDatacenterCidr,
    /// `vpc_cidrs` is empty.
    #[strum(message = "the source: Sample network configurations (the VPC CIDR block)")]
    NoVpcCidr,
    /// `cloud_service_cidrs` is empty in broad scope.
    #[strum(
        message = "the source: Sample network configurations (the cloud service block, 100.0.0.0/8)"
    )]
    NoCloudServiceCidr,
    /// Terway Edge without an edge container block.
    #[strum(
        message = "the source: Sample network configurations (edge containers are required with Terway Edge)"
    )]
    TerwayWithoutContainerCidr,
    /// Edge container blocks given with Flannel, which does not use them.
    #[strum(
        message = "the source: the firewall table (Flannel's VXLAN on UDP 8472 keeps pod addresses inside the overlay)"
    )]
    FlannelContainerCidrUnused,
    /// A vSwitch block is outside every VPC block.
    #[strum(
        message = "Alibaba Cloud VPC documentation: a vSwitch is a block of its VPC (beyond the source)"
    )]
    VswitchOutsideVpc,
    /// The API server address is outside every VPC block.
    #[strum(
        message = "the source: VPC topology (the API server's internal endpoint is in the VPC)"
    )]
    ApiserverOutsideVpc,
    /// A VPC block uses a range an Alibaba Cloud VPC cannot use.
    #[strum(message = "Alibaba Cloud VPC documentation, CreateVpc (beyond the source)")]
    VpcReservedRange,
    /// A VPC block is outside the private ranges.
    #[strum(message = "Alibaba Cloud VPC documentation, CreateVpc (beyond the source)")]
    VpcNotPrivate,
    /// The region is not in the catalog.
    #[strum(message = "the source's region tables")]
    UnknownRegion,
    /// The region has no ACK add-on registry endpoint.
    #[strum(
        message = "the source: ACK add-on internal image registry endpoints and route CIDR blocks"
    )]
    RegionWithoutRegistry,
    /// Fine scope in a region whose OSS internal VIP blocks are unknown.
    #[strum(message = "the source: OSS internal endpoints and VIP CIDR blocks")]
    FineScopeOssUnknown,
    /// Fine scope without the resolved management address.
    #[strum(
        message = "the source: Sample network configurations (resolve cs-anony-vpc.{region} in the VPC)"
    )]
    FineScopeNoManagement,
    /// The management address is in no routed block.
    #[strum(
        message = "the source: Sample network configurations (the management address) and the routing tables"
    )]
    ManagementNotRouted,
    /// The management address lies inside a VPC block, where no cloud service lives.
    #[strum(
        message = "the source: VPC topology (cloud services use 100.0.0.0/8, not the VPC's blocks)"
    )]
    ManagementInsideVpc,
    /// A VPC block's prefix is outside /8 to /28, which a VPC cannot have.
    #[strum(message = "Alibaba Cloud VPC documentation, CreateVpc: /8 to /28 (beyond the source)")]
    VpcPrefixOutOfRange,
    /// A vSwitch block's prefix is outside /16 to /29, which a vSwitch cannot have.
    #[strum(
        message = "Alibaba Cloud VPC documentation, CreateVSwitch: /16 to /29 (beyond the source)"
    )]
    VswitchPrefixOutOfRange,
    /// A block the VPC must route back lies inside 100.64.0.0/10, which a custom route cannot use.
    #[strum(message = "Alibaba Cloud VPC documentation, CreateRouteEntry (beyond the source)")]
    VpcRouteInSharedSpace,
    /// A data center or container block lies in a range that is never routed (loopback, multicast, …).
    #[strum(message = "IANA special-purpose address registry, RFC 6890 (beyond the source)")]
    UnroutableBlock,
    /// The API server address is a reserved address of its vSwitch.
    #[strum(
        message = "Alibaba Cloud VPC documentation, CreateVSwitch: reserved addresses (beyond the source)"
    )]
    ApiserverReservedAddress,
    /// The API server address is outside every vSwitch block given.
    #[strum(message = "the source: VPC topology (the cluster lives in its vSwitches)")]
    ApiserverOutsideVswitch,
    /// More custom routes in the VPC route table than it holds.
    #[strum(message = "Alibaba Cloud VPC documentation, route table quotas (beyond the source)")]
    VpcRouteBudget,
    /// More dynamic routes on the VBR's BGP peer than it accepts.
    #[strum(
        message = "Alibaba Cloud Express Connect documentation, VBR BGP route limits (beyond the source)"
    )]
    VbrBgpRouteBudget,
    /// More security group rules than a security group holds.
    #[strum(message = "Alibaba Cloud ECS documentation, security group limits (beyond the source)")]
    SecurityGroupRuleBudget,
    /// Broad scope: cloud_service_cidrs misses some of the region's cloud destinations.
    #[strum(
        message = "the source: Endpoints and corresponding route CIDR blocks (the region tables)"
    )]
    CloudServiceUncovered,
    /// The region is marked "Closing Down" by the source.
    #[strum(message = "the source: the OSS region table")]
    RegionClosingDown,
    /// Terway Edge on a Kubernetes version before 1.28, which it does not support.
    #[strum(message = "the vendor's Terway Edge page (beyond the source)")]
    TerwayKubernetesTooOld,
    /// `ntp_access` is unset: how the nodes reach an NTP server, which the line does not carry.
    #[strum(message = "the source: the endpoint table (NTP servers, no route given)")]
    NtpAccessUnanswered,
    /// `package_access` is unset: how the nodes reach their YUM or APT repositories.
    #[strum(
        message = "the source: the endpoint table (system tools from the node's YUM or APT repositories)"
    )]
    PackageAccessUnanswered,
    /// A surveyed routing hop has no active route for a block it must carry.
    #[strum(
        message = "the source's routing tables (each hop's required routes), against the hop's observed routes"
    )]
    ObservedNoRoute,
    /// A surveyed route for a required block leads to the wrong neighbour, off the path, or nowhere.
    #[strum(
        message = "the source's routing tables (each route's next hop), against the hop's observed routes"
    )]
    ObservedRouteWrongNeighbour,
    /// A more specific surveyed route sends part of a required block somewhere else.
    #[strum(
        message = "longest-prefix match (RFC 1812, 5.2.4.3) over the hop's observed routes, against the source's routing tables"
    )]
    ObservedRouteDiverted,
    /// A deny rule evaluated first matches all an allow rule matches, so the allow never applies.
    #[strum(
        message = "the filter's own order: lower priority number first, deny before allow at a tie (Alibaba Cloud ECS security group rule priority)"
    )]
    ObservedDenyShadowsAllow,
    /// A surveyed filter drops a required flow: its protocol or port is not allowed.
    #[strum(
        message = "the source: the firewall, security group and edge-node port tables, against the filter's observed rules"
    )]
    ObservedPortNotAllowed,
    /// BGP is off on the surveyed core switch while Terway Edge advertises container routes by BGP.
    #[strum(
        message = "the source: Sample network configurations (BGP on the core switch with Terway Edge)"
    )]
    ObservedBgpOff,
    /// An allow rule lets every protocol or every port through from or to anywhere (0.0.0.0/0); the security group's outbound, open by the cloud's default, is left alone.
    #[strum(message = "edgeplan: least privilege (beyond the source)")]
    ObservedOverBroadAllow,
    /// With Flannel, the surveyed path MTU (the smallest of the core switch, firewall and VBR) minus VXLAN's 50 bytes is below the 1450-byte pod MTU Flannel sets on a 1500-byte node link, so full-size pod packets do not fit.
    #[strum(
        message = "Flannel's VXLAN backend (50 bytes of encapsulation; pod MTU 1450 on a 1500 link) and the VBR's Mtu (beyond the source)"
    )]
    ObservedPathMtuLow,
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

    /// True for the codes about the observed state: what a device has, which no plan
    /// field is the subject of.
    pub fn is_observed(self) -> bool {
        use FindingCode::*;
        matches!(
            self,
            ObservedNoRoute
                | ObservedRouteWrongNeighbour
                | ObservedRouteDiverted
                | ObservedDenyShadowsAllow
                | ObservedPortNotAllowed
                | ObservedBgpOff
                | ObservedOverBroadAllow
                | ObservedPathMtuLow
        )
    }

    /// Where the fact behind the check comes from: a section of the source document, or
    /// the vendor page (or standard) it goes beyond the source with.
    pub fn source(self) -> &'static str {
        self.get_message().unwrap_or_default()
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
