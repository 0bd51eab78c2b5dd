//! What the cluster's software must be for the path to carry it: Terway Edge's oldest
//! Kubernetes. Beyond the source, which names no versions; each message says where the
//! fact comes from.

use super::rules::Findings;
use super::{FieldRef, FindingCode, Severity, Wording};
use crate::hop::Hop::{CoreSwitch, EdgeNode};
use crate::plan::{Cni, Field, Plan, TERWAY_EDGE_MIN_KUBERNETES};

/// Terway Edge on a cluster older than it supports.
pub(super) fn kubernetes_check(plan: &Plan, out: &mut Findings) {
    let (Cni::TerwayEdge, Some(version)) = (plan.cni, plan.kubernetes()) else {
        return;
    };
    if version >= TERWAY_EDGE_MIN_KUBERNETES {
        return;
    }
    let min = TERWAY_EDGE_MIN_KUBERNETES;
    out.add(
        Severity::Error,
        FindingCode::TerwayKubernetesTooOld,
        // No Terway Edge on the nodes: no pod addresses, no BGP routes for the switch.
        vec![EdgeNode, CoreSwitch],
        vec![
            FieldRef::whole(Field::KubernetesVersion),
            FieldRef::whole(Field::Cni),
        ],
        Wording::new(
            format!(
                "Terway Edge needs Kubernetes {min} or later, and kubernetes_version is {version} (beyond the source: the vendor's Terway Edge page)"
            ),
            format!(
                "Upgrade the cluster to Kubernetes {min} or later and set kubernetes_version, or choose cni = \"flannel\"."
            ),
        ),
        Wording::new(
            format!("Terway Edge needs Kubernetes {min} or later, and the cluster runs Kubernetes {version}."),
            format!("Upgrade the cluster to Kubernetes {min} or later, or choose Flannel as the CNI plugin."),
        ),
    );
}
