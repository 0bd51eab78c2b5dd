//! What a plan change does: the fields that changed, the requirements each hop gains or
//! loses, the routes and rules each surveyed hop gains or loses, and the findings that
//! appear or go. For reviewing a change before it is applied.

use crate::catalog::Catalog;
use crate::checks::{Finding, check};
use crate::hop::Hop;
use crate::observed::{RouteEntry, RuleEntry, Survey, SurveyKey};
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
    /// Per hop whose observed state changed, in path order.
    pub observed: Vec<ObservedDelta>,
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
            && self.observed.is_empty()
            && self.findings_added.is_empty()
            && self.findings_removed.is_empty()
    }

    /// The delta of one hop, if its requirements changed.
    pub fn hop(&self, hop: Hop) -> Option<&HopDelta> {
        self.hops.iter().find(|d| d.hop == hop)
    }

    /// The observed-state delta of one hop, if it changed.
    pub fn observed(&self, hop: Hop) -> Option<&ObservedDelta> {
        self.observed.iter().find(|d| d.hop == hop)
    }
}

/// What changed in one hop's observed state: whether it is surveyed, the routes and
/// rules it gains and loses (compared as sets), and its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservedDelta {
    /// The hop.
    pub hop: Hop,
    /// Whether the old plan surveyed the hop.
    pub was_surveyed: bool,
    /// Whether the new plan surveys the hop.
    pub is_surveyed: bool,
    /// Routes the new survey has and the old has not, in the new order.
    pub routes_added: Vec<RouteEntry>,
    /// Routes the old survey had and the new has not, in the old order.
    pub routes_removed: Vec<RouteEntry>,
    /// Rules the new survey has and the old has not, in the new order.
    pub rules_added: Vec<RuleEntry>,
    /// Rules the old survey had and the new has not, in the old order.
    pub rules_removed: Vec<RuleEntry>,
    /// Settings that changed, `key: old -> new` (`(unset)` for none), and lists that
    /// became surveyed or not (`routes: not surveyed -> surveyed`).
    pub settings: Vec<String>,
}

/// The entries of `a` whose summary `b` lacks, in `a`'s order; summaries name every
/// field, so this compares entries as sets in linear time.
fn entries_missing<T: Clone>(a: &[T], b: &[T], summary: fn(&T) -> String) -> Vec<T> {
    let b: BTreeSet<String> = b.iter().map(summary).collect();
    let mut seen = BTreeSet::new();
    a.iter()
        .filter(|x| {
            let s = summary(x);
            !b.contains(&s) && seen.insert(s)
        })
        .cloned()
        .collect()
}

/// The entries of a list, none while it is not surveyed.
fn list<T>(entries: &Option<Vec<T>>) -> &[T] {
    entries.as_deref().unwrap_or_default()
}

/// How `hop`'s observed state changes from `old` to `new`, if it does.
fn observed_delta(hop: Hop, old: Option<&Survey>, new: Option<&Survey>) -> Option<ObservedDelta> {
    if old == new {
        return None;
    }
    let empty = Survey::default();
    let (a, b) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let shown = |s: &Survey, key| s.setting(key).unwrap_or_else(|| "(unset)".into());
    let mut settings: Vec<String> = SurveyKey::allowed(hop)
        .filter(|&key| a.setting(key) != b.setting(key))
        .map(|key| format!("{}: {} -> {}", key.key(), shown(a, key), shown(b, key)))
        .collect();
    // A list that becomes surveyed (even empty) or unknown is a change of its own.
    let listed = |s: &Survey, key| s.list_state(key).unwrap_or_default();
    settings.extend(
        SurveyKey::allowed(hop)
            .filter(|&key| a.list_state(key) != b.list_state(key))
            .map(|key| format!("{}: {} -> {}", key.key(), listed(a, key), listed(b, key))),
    );
    let delta = ObservedDelta {
        hop,
        was_surveyed: old.is_some(),
        is_surveyed: new.is_some(),
        routes_added: entries_missing(list(&b.routes), list(&a.routes), RouteEntry::summary),
        routes_removed: entries_missing(list(&a.routes), list(&b.routes), RouteEntry::summary),
        rules_added: entries_missing(list(&b.rules), list(&a.rules), RuleEntry::summary),
        rules_removed: entries_missing(list(&a.rules), list(&b.rules), RuleEntry::summary),
        settings,
    };
    // Entries only reordered: order carries no meaning, for routes or for rules.
    let same = delta.was_surveyed == delta.is_surveyed
        && delta.routes_added.is_empty()
        && delta.routes_removed.is_empty()
        && delta.rules_added.is_empty()
        && delta.rules_removed.is_empty()
        && delta.settings.is_empty();
    (!same).then_some(delta)
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
    let observed = Hop::ALL
        .into_iter()
        .filter_map(|hop| observed_delta(hop, old.observed.survey(hop), new.observed.survey(hop)))
        .collect();
    PlanDiff {
        fields: changes(old, new),
        hops,
        observed,
        findings_added: missing(&kn, &ko),
        findings_removed: missing(&ko, &kn),
    }
}
