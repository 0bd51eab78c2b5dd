//! The reasons of the edge-node endpoints that depend on what the plan knows: a value
//! that is the source's example, blocks the source leaves unknown, and endpoints the
//! dedicated line does not carry.

//! Each is told twice: to the engineer, citing the source and naming the plan's keys, and
//! to the customer on a call, in plain words.

use super::builder::Why;
use crate::catalog::Region;
use crate::plan::{Field, Plan, Reach};

/// Why the control plane endpoint is listed; says so when the address routed for it is
/// the source's example resolution rather than the customer's.
pub(crate) fn management_why(plan: &Plan) -> Why {
    let why = "The control plane endpoint; resolve it in the VPC to learn the address to route.";
    if plan.management_is_example() {
        let (ip, r) = (crate::plan::EXAMPLE_MANAGEMENT_IP, plan.region_in_names());
        let name = match plan.has_region() {
            true => format!("cs-anony-vpc.{r}.aliyuncs.com"),
            false => "its name, once the region is chosen,".into(),
        };
        Why::both(
            format!(
                "{why} {ip} is the source's example resolution, not the customer's: resolve cs-anony-vpc.{r}.aliyuncs.com in the customer's VPC and set management_ip to the result."
            ),
            format!(
                "The cluster's control plane. {ip} is Alibaba Cloud's sample address, not yet yours: look up {name} from a machine in your VPC and route the address it gives."
            ),
        )
    } else {
        Why::both(
            why,
            "The cluster's control plane; its name is looked up in the VPC to learn the address to route.",
        )
    }
}

/// Why the OSS endpoint is listed; where the source gives no VIP blocks, how to find them.
pub(crate) fn oss_why(plan: &Plan, region: Option<&Region>) -> Why {
    let why = "Add-ons such as edgeadm, kubelet, CNI, runtime and edgehub are downloaded from OSS.";
    // Without a region there is nothing to look up yet: the missing region is its own finding.
    if !plan.has_region() || region.is_some_and(|g| g.oss_vips().is_some()) {
        return why.into();
    }
    let r = &plan.region;
    Why::both(
        format!(
            "{why} The source does not give {r}'s OSS internal VIP blocks: resolve oss-{r}-internal.aliyuncs.com from an instance in the VPC and, in fine scope, add their block to cloud_service_cidrs."
        ),
        format!(
            "{why} Alibaba Cloud's guide lists no internal OSS address blocks for {r}: look up oss-{r}-internal.aliyuncs.com from a machine in your VPC to learn which block to route."
        ),
    )
}

/// Why an endpoint the dedicated line does not carry is listed, and how the nodes reach
/// it: the plan's answer, or the question while it is unanswered.
pub(super) fn outside_why(why: &str, reach: Option<Reach>, field: Field) -> Why {
    let key = field.key();
    match reach {
        Some(reach) => Why::both(
            format!(
                "{why} Not over the dedicated line: the nodes reach it through {} ({key} = \"{reach}\").",
                reach.words()
            ),
            format!(
                "{why} Not over the dedicated line: the nodes reach it through {}.",
                reach.words()
            ),
        ),
        None => Why::both(
            format!(
                "{why} Not over the dedicated line (beyond the source: it routes no block for it): the nodes need internet access, a NAT or an internal server; set {key}."
            ),
            format!(
                "{why} Not over the dedicated line: the nodes need internet access, a NAT or an internal server for it, still to be decided."
            ),
        ),
    }
}
