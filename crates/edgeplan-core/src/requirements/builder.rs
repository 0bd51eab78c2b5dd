//! How one hop's requirements are collected: routes share their reason, rules with an
//! empty side are left out.

use super::{
    Dest, Direction, HopRequirements, NextHop, Protocol, Requirement, RequirementKind, RouteEntry,
    RuleEntry, Target,
};
use crate::hop::Hop;
use crate::plan::{Field, Plan};
use std::sync::Arc;

/// Why a route to `dest` is needed.
fn why_route(dest: Dest, region: &str) -> String {
    match dest {
        Dest::List(Field::VpcCidrs) => "Edge nodes reach the API server and cloud nodes in the VPC over the dedicated line.".into(),
        Dest::List(Field::CloudServiceCidrs) => "Cloud services edge nodes need (OSS, add-on registry, ACK management) live in this block.".into(),
        Dest::OssVip => "Add-on packages and images are stored in OSS; this is the region's OSS internal VIP block.".into(),
        Dest::Registry => "The region's ACK add-on image registry endpoint resolves into this block.".into(),
        Dest::Management => format!("cs-anony-vpc.{region}.aliyuncs.com, the ACK control plane endpoint, resolves here in the VPC."),
        Dest::List(Field::DatacenterCidrs) => "Traffic from the cloud (kubelet calls, monitoring, replies) must find the way back to the edge nodes.".into(),
        Dest::List(Field::ContainerCidrs) => "With Terway Edge, pods use edge container addresses that the cloud must route back to the data center.".into(),
        // The vSwitches, the one list left.
        Dest::List(_) => "The cluster's vSwitches hold the cloud-side components.".into(),
    }
}

/// A requirement's reason: the engineer's, and the customer's where they differ.
pub(crate) struct Why {
    engineer: Arc<str>,
    customer: Option<Arc<str>>,
}

impl Why {
    /// A reason told one way to the engineer (citing the source, naming the plan's keys)
    /// and another to the customer.
    pub(super) fn both(engineer: impl Into<Arc<str>>, customer: impl Into<Arc<str>>) -> Why {
        Why {
            engineer: engineer.into(),
            customer: Some(customer.into()),
        }
    }
}

impl Why {
    /// The engineer's wording, which the flows quote as their reason.
    pub(crate) fn engineer(&self) -> &str {
        &self.engineer
    }
}

impl From<&str> for Why {
    fn from(s: &str) -> Why {
        Arc::<str>::from(s).into()
    }
}

impl From<String> for Why {
    fn from(s: String) -> Why {
        Arc::<str>::from(s).into()
    }
}

impl From<Arc<str>> for Why {
    fn from(engineer: Arc<str>) -> Why {
        Why {
            engineer,
            customer: None,
        }
    }
}

/// Collects one hop's requirements.
pub(super) struct Builder<'a> {
    plan: &'a Plan,
    items: Vec<Requirement>,
}

impl<'a> Builder<'a> {
    /// An empty hop for `plan`.
    pub(super) fn new(plan: &'a Plan) -> Builder<'a> {
        Builder {
            plan,
            items: Vec::new(),
        }
    }

    /// Adds one requirement.
    pub(super) fn push(&mut self, kind: RequirementKind, reason: impl Into<Why>) {
        let why = reason.into();
        self.items.push(Requirement {
            kind,
            reason: why.engineer,
            customer_reason: why.customer,
        });
    }

    /// A route to each of `dests`, the reason shared by runs of one kind.
    pub(super) fn routes(&mut self, direction: Direction, dests: &[Target], next_hop: NextHop) {
        self.items.reserve(dests.len());
        let mut last: Option<(Dest, Arc<str>, Option<Arc<str>>)> = None;
        for &destination in dests {
            let (reason, customer) = match &last {
                Some((dest, reason, customer)) if *dest == destination.dest => {
                    (reason.clone(), customer.clone())
                }
                _ => {
                    let reason: Arc<str> =
                        why_route(destination.dest, self.plan.region_in_names()).into();
                    // The engineer's reason names the endpoint, `{region}` and all.
                    let customer: Option<Arc<str>> = (destination.dest == Dest::Management)
                        .then(|| "The cluster's control plane endpoint resolves to this address in the VPC.".into());
                    last = Some((destination.dest, reason.clone(), customer.clone()));
                    (reason, customer)
                }
            };
            let route = RouteEntry {
                direction,
                destination,
                next_hop,
            };
            self.items.push(Requirement {
                kind: RequirementKind::Route(route),
                reason,
                customer_reason: customer,
            });
        }
    }

    /// An allow rule, unless one side is empty.
    pub(super) fn rule(
        &mut self,
        direction: Direction,
        from: &[Target],
        to: &[Target],
        protocol: Protocol,
        ports: &[u16],
        reason: impl Into<Why>,
    ) {
        if from.is_empty() || to.is_empty() {
            return;
        }
        let rule = RuleEntry {
            direction,
            from: from.to_vec(),
            to: to.to_vec(),
            protocol,
            ports: ports.to_vec(),
        };
        self.push(RequirementKind::Rule(Box::new(rule)), reason);
    }

    /// The hop's requirements.
    pub(super) fn finish(self, hop: Hop) -> HopRequirements {
        HopRequirements {
            hop,
            items: self.items,
        }
    }
}
