//! The endpoints the dedicated line does not carry: the NTP servers and the node's YUM or
//! APT repositories are outside Alibaba Cloud's VPC ranges, so the plan must say how the
//! nodes reach them. Beyond the source, which lists them without routes.

use super::rules::Findings;
use super::{FieldRef, FindingCode, Severity, Wording};
use crate::hop::Hop::EdgeNode;
use crate::plan::{Field, Plan};

/// A warning for each of `ntp_access` and `package_access` left unanswered.
pub(super) fn outside_check(plan: &Plan, out: &mut Findings) {
    let questions = [
        (
            plan.ntp_access,
            Field::NtpAccess,
            FindingCode::NtpAccessUnanswered,
            "the NTP servers (ntp1.aliyun.com, cn.ntp.org.cn)",
            "an internal NTP server",
            "the NTP time servers ntp1.aliyun.com and cn.ntp.org.cn",
        ),
        (
            plan.package_access,
            Field::PackageAccess,
            FindingCode::PackageAccessUnanswered,
            "the node's YUM or APT repositories, which install missing system tools,",
            "an internal mirror",
            "the YUM or APT repositories they install missing system tools from",
        ),
    ];
    for (answer, field, code, what, internal, plain) in questions {
        if answer.is_some() {
            continue;
        }
        let key = field.key();
        out.add(
            Severity::Warning,
            code,
            vec![EdgeNode],
            vec![FieldRef::whole(field)],
            Wording::new(
                format!(
                    "{key} is not set: {what} are not reached over the dedicated line, so the nodes need internet access, a NAT or {internal} (beyond the source: it routes no block for them)"
                ),
                format!(
                    "Set {key} = \"internet\", \"nat\" or \"internal\" ({internal} in the data center)."
                ),
            ),
            // Unknown is not none: the answer is still to be given, not "no access".
            Wording::new(
                format!(
                    "How the edge nodes reach {plain} is not decided yet: the dedicated line does not carry that traffic."
                ),
                format!(
                    "Decide whether the edge nodes reach them over the internet, through a NAT, or from {internal} in the data center."
                ),
            ),
        );
    }
}
