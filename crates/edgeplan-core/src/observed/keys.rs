//! Which facts a survey records on which hop: routes on the routing hops, rules on the
//! filtering hops, and a few settings where the device has them. The reader refuses a
//! key on a hop that has no such thing, and the editors offer only the allowed keys.

use crate::hop::Hop;
use strum::{IntoStaticStr, VariantArray};

/// One key of an `[observed.<hop>]` section, in the order the writer puts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, VariantArray, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SurveyKey {
    /// `bgp`: BGP running toward the edge nodes (core switch).
    Bgp,
    /// `vbr_peer_ip`: the VBR's address on the interconnect (core switch).
    VbrPeerIp,
    /// `mtu`: the link MTU (the data-center links and the dedicated line).
    Mtu,
    /// `default_inbound`: what the filter does with unmatched inbound traffic.
    DefaultInbound,
    /// `default_outbound`: what the filter does with unmatched outbound traffic.
    DefaultOutbound,
    /// `routes`: the route table.
    Routes,
    /// `rules`: the filter rules.
    Rules,
}

impl SurveyKey {
    /// The key as written in the file.
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// The key written as `key`, if it is one.
    pub fn from_key(key: &str) -> Option<SurveyKey> {
        SurveyKey::VARIANTS.iter().copied().find(|k| k.key() == key)
    }

    /// True when a survey of `hop` may hold this key.
    pub fn allowed_on(self, hop: Hop) -> bool {
        match self {
            SurveyKey::Routes => is_routing(hop),
            SurveyKey::Rules | SurveyKey::DefaultInbound | SurveyKey::DefaultOutbound => {
                is_filtering(hop)
            }
            SurveyKey::Bgp | SurveyKey::VbrPeerIp => hop == Hop::CoreSwitch,
            // The data-center links (core switch, firewall) and the dedicated line (VBR).
            SurveyKey::Mtu => matches!(hop, Hop::CoreSwitch | Hop::Firewall | Hop::Vbr),
        }
    }

    /// The keys a survey of `hop` may hold, in writing order.
    pub fn allowed(hop: Hop) -> impl Iterator<Item = SurveyKey> {
        SurveyKey::VARIANTS
            .iter()
            .copied()
            .filter(move |k| k.allowed_on(hop))
    }

    /// The hops that may hold this key, in path order.
    pub fn hops(self) -> impl Iterator<Item = Hop> {
        Hop::ALL.into_iter().filter(move |h| self.allowed_on(*h))
    }
}

/// True for the hops that forward by a route table.
pub fn is_routing(hop: Hop) -> bool {
    matches!(
        hop,
        Hop::CoreSwitch | Hop::Vbr | Hop::Transit | Hop::VpcRouteTable
    )
}

/// True for the hops that filter by rules.
pub fn is_filtering(hop: Hop) -> bool {
    matches!(hop, Hop::Firewall | Hop::SecurityGroup)
}

/// True for the hops a survey can describe; the edge nodes are the flows' ends, not a
/// device on the path.
pub fn is_surveyable(hop: Hop) -> bool {
    hop != Hop::EdgeNode
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_go_on_routing_hops_rules_on_filtering_hops_and_settings_where_devices_have_them() {
        let keys = |hop| {
            SurveyKey::allowed(hop)
                .map(SurveyKey::key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            keys(Hop::CoreSwitch),
            ["bgp", "vbr_peer_ip", "mtu", "routes"]
        );
        assert_eq!(
            keys(Hop::Firewall),
            ["mtu", "default_inbound", "default_outbound", "rules"]
        );
        assert_eq!(keys(Hop::Vbr), ["mtu", "routes"]);
        assert_eq!(keys(Hop::Transit), ["routes"]);
        assert_eq!(keys(Hop::VpcRouteTable), ["routes"]);
        assert_eq!(
            keys(Hop::SecurityGroup),
            ["default_inbound", "default_outbound", "rules"]
        );
        assert!(keys(Hop::EdgeNode).is_empty() && !is_surveyable(Hop::EdgeNode));
        assert_eq!(
            SurveyKey::from_key("vbr_peer_ip"),
            Some(SurveyKey::VbrPeerIp)
        );
        assert_eq!(SurveyKey::from_key("route"), None);
    }
}
