//! A finding in a customer's words, for the walkthrough slides on a call: what is wrong on
//! their network and what to change, told from the values each check found, never with
//! the plan's keys, the source's notation or a placeholder.

use crate::hop::Hop;
use crate::observed::PathNode;
use crate::plan::{Field, Transit};
use crate::requirements::capitalise;
use crate::trace::Resolved;
use std::borrow::Cow;

/// One wording of a finding: what is wrong and what to change. Built-in text is borrowed,
/// not copied: a plan of 100,000 bad blocks has as many findings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wording {
    /// What is wrong, naming the values.
    pub message: Cow<'static, str>,
    /// What to change.
    pub fix: Cow<'static, str>,
}

impl Wording {
    /// A message and its fix.
    pub fn new(
        message: impl Into<Cow<'static, str>>,
        fix: impl Into<Cow<'static, str>>,
    ) -> Wording {
        Wording {
            message: tight(message.into()),
            fix: tight(fix.into()),
        }
    }
}

/// `text` with no spare capacity: `format!` leaves some, and findings may be many.
fn tight(text: Cow<'static, str>) -> Cow<'static, str> {
    match text {
        Cow::Owned(mut s) => {
            s.shrink_to_fit();
            Cow::Owned(s)
        }
        borrowed => borrowed,
    }
}

/// A hop as a customer names it, with its article: `the core switch`.
pub(super) fn hop_words(hop: Hop, transit: Transit) -> &'static str {
    match hop {
        Hop::EdgeNode => "the edge nodes",
        Hop::CoreSwitch => "the core switch",
        Hop::Firewall => "the firewall",
        Hop::Vbr => "the VBR",
        Hop::Transit => match transit {
            Transit::Ecr => "the Express Connect Router",
            Transit::Cen => "the CEN transit router",
            Transit::Direct => "the direct connection",
        },
        Hop::VpcRouteTable => "the VPC route table",
        Hop::SecurityGroup => "the security group",
    }
}

/// [`hop_words`] at the start of a sentence.
pub(super) fn hop_first(hop: Hop, transit: Transit) -> String {
    capitalise(hop_words(hop, transit))
}

/// Where a route sends traffic, as a customer says it: `to the VBR`.
pub(super) fn resolved_words(r: &Resolved, transit: Transit) -> String {
    match r {
        Resolved::Node(PathNode::Vpc) => "into the VPC".into(),
        Resolved::Node(n) => format!("to {}", hop_words(n.hop(), transit)),
        Resolved::Local => "to the networks connected to it".into(),
        Resolved::Null => "nowhere, dropping it".into(),
        Resolved::OffPath(w) => format!("to {w}, off this path"),
    }
}

/// One block of a plan field, in words built from the field's label: `data center block`.
pub(super) fn block_noun(field: Field) -> String {
    match field {
        Field::CloudServiceCidrs => "cloud service block".into(),
        Field::ContainerCidrs => "edge container block".into(),
        Field::VswitchCidrs => "vSwitch block".into(),
        Field::ServiceCidr => "cluster's Service CIDR".into(),
        Field::ManagementIp | Field::ApiserverIp => field.label().into(),
        // The region's own ranges, which only the scope (or the region) changes.
        Field::Scope => "Alibaba Cloud service range".into(),
        other => format!("{} block", other.label()),
    }
}

/// The blocks of a list field, with their article: `the data center blocks`.
pub(super) fn list_words(field: Field) -> String {
    format!("the {}s", block_noun(field))
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_is_named_by_its_fields_label_never_its_key() {
        assert_eq!(block_noun(Field::DatacenterCidrs), "data center block");
        assert_eq!(list_words(Field::VpcCidrs), "the VPC blocks");
        for &field in <Field as strum::VariantArray>::VARIANTS {
            assert!(!block_noun(field).contains('_'), "{field:?}");
        }
    }

    #[test]
    fn a_route_says_where_it_sends_traffic_in_words() {
        let vbr = Resolved::Node(PathNode::Vbr);
        assert_eq!(resolved_words(&vbr, Transit::Ecr), "to the VBR");
        let transit = Resolved::Node(PathNode::Transit);
        assert_eq!(
            resolved_words(&transit, Transit::Cen),
            "to the CEN transit router"
        );
    }
}
