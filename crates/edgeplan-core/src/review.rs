//! What a plan change does: the fields that changed, the requirements each hop gains or
//! loses, and the findings that appear or go. For reviewing a change before it is applied.

use crate::catalog::Catalog;
use crate::checks::{Finding, check};
use crate::hop::Hop;
use crate::plan::{Plan, changes};
use crate::requirements::{Requirements, derive};
use std::collections::BTreeSet;

/// The requirements one hop gains and loses, each in `show`'s terse words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HopDelta {
    /// The hop.
    pub hop: Hop,
    /// Requirements the new plan adds, in the new plan's order.
    pub added: Vec<String>,
    /// Requirements the new plan drops, in the old plan's order.
    pub removed: Vec<String>,
}

/// One finding named by what identifies it across plans: its code and message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingKey {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// The finding's code id.
    pub code: &'static str,
    /// Its message (untrusted: it quotes plan values).
    pub message: String,
}

impl FindingKey {
    fn of(f: &Finding) -> FindingKey {
        FindingKey {
            severity: f.severity.id(),
            code: f.code.id(),
            message: f.message.clone(),
        }
    }
}

/// Everything a change from one plan to another changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDiff {
    /// The design's changed fields, `key: old -> new`, in file order.
    pub fields: Vec<String>,
    /// Per hop whose requirements changed, in path order (`Hop::ALL`).
    pub hops: Vec<HopDelta>,
    /// Findings the new plan has and the old has not.
    pub findings_added: Vec<FindingKey>,
    /// Findings the old plan had and the new has not.
    pub findings_removed: Vec<FindingKey>,
}

impl PlanDiff {
    /// True when the two plans are the same design.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
            && self.hops.is_empty()
            && self.findings_added.is_empty()
            && self.findings_removed.is_empty()
    }

    /// The delta of one hop, if its requirements changed.
    pub fn hop(&self, hop: Hop) -> Option<&HopDelta> {
        self.hops.iter().find(|d| d.hop == hop)
    }
}

/// The lines of `hop` in `reqs`, terse, in order. A hop off the path carries nothing.
fn lines(reqs: &Requirements, hop: Hop) -> Vec<String> {
    reqs.hop(hop)
        .items
        .iter()
        .map(|r| r.kind.to_string())
        .collect()
}

/// The entries of `a` missing from `b`, in `a`'s order (compared as sets).
fn missing<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let b: BTreeSet<&T> = b.iter().collect();
    let mut seen = BTreeSet::new();
    a.iter()
        .filter(|x| !b.contains(x) && seen.insert(*x))
        .cloned()
        .collect()
}

/// What changes from `old` to `new`, with requirements and findings from `catalog`.
pub fn diff(old: &Plan, new: &Plan, catalog: &Catalog) -> PlanDiff {
    let (ro, rn) = (derive(old, catalog), derive(new, catalog));
    let hops = Hop::ALL
        .into_iter()
        .filter_map(|hop| {
            let (a, b) = (lines(&ro, hop), lines(&rn, hop));
            let delta = HopDelta {
                hop,
                added: missing(&b, &a),
                removed: missing(&a, &b),
            };
            (!delta.added.is_empty() || !delta.removed.is_empty()).then_some(delta)
        })
        .collect();
    let keys = |plan: &Plan| -> Vec<FindingKey> {
        check(plan, catalog)
            .findings
            .iter()
            .map(FindingKey::of)
            .collect()
    };
    let (ko, kn) = (keys(old), keys(new));
    PlanDiff {
        fields: changes(old, new),
        hops,
        findings_added: missing(&kn, &ko),
        findings_removed: missing(&ko, &kn),
    }
}
