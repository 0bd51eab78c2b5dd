//! The reasons of the edge-node endpoints that depend on what the plan knows: a value
//! that is the source's example, blocks the source leaves unknown, and endpoints the
//! dedicated line does not carry.

use crate::catalog::Region;
use crate::plan::{Field, Plan, Reach};

/// Why the control plane endpoint is listed; says so when the address routed for it is
/// the source's example resolution rather than the customer's.
pub(crate) fn management_why(plan: &Plan) -> String {
    let why = "The control plane endpoint; resolve it in the VPC to learn the address to route.";
    if plan.management_is_example() {
        format!(
            "{why} {} is the source's example resolution, not the customer's: resolve cs-anony-vpc.{}.aliyuncs.com in the customer's VPC and set management_ip to the result.",
            crate::plan::EXAMPLE_MANAGEMENT_IP,
            plan.region_in_names()
        )
    } else {
        why.into()
    }
}

/// Why the OSS endpoint is listed; where the source gives no VIP blocks, how to find them.
pub(crate) fn oss_why(plan: &Plan, region: Option<&Region>) -> String {
    let why = "Add-ons such as edgeadm, kubelet, CNI, runtime and edgehub are downloaded from OSS.";
    // Without a region there is nothing to look up yet: the missing region is its own finding.
    if !plan.has_region() || region.is_some_and(|g| g.oss_vips().is_some()) {
        return why.into();
    }
    let r = &plan.region;
    format!(
        "{why} The source does not give {r}'s OSS internal VIP blocks: resolve oss-{r}-internal.aliyuncs.com from an instance in the VPC and, in fine scope, add their block to cloud_service_cidrs."
    )
}

/// Why an endpoint the dedicated line does not carry is listed, and how the nodes reach
/// it: the plan's answer, or the question while it is unanswered.
pub(super) fn outside_why(why: &str, reach: Option<Reach>, field: Field) -> String {
    let key = field.key();
    match reach {
        Some(reach) => format!(
            "{why} Not over the dedicated line: the nodes reach it through {} ({key} = \"{reach}\").",
            reach.words()
        ),
        None => format!(
            "{why} Not over the dedicated line (beyond the source: it routes no block for it): the nodes need internet access, a NAT or an internal server; set {key}."
        ),
    }
}
