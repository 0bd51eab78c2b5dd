//! The rows the survey step shows for a hop: the surveyed switch, its settings, its
//! routes or rules, and the add row.

use crate::hop::Hop;
use crate::plan::Plan;
use edgeplan_core::observed::{SurveyKey, is_routing, is_surveyable};

/// One row of the survey editor the cursor can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyRow {
    /// Surveyed or not: Enter switches.
    Surveyed,
    /// A setting the hop's device has (`bgp`, `vbr_peer_ip`, `mtu`, the defaults).
    Setting(SurveyKey),
    /// Route `i` of a routing hop.
    Route(usize),
    /// Rule `i` of a filtering hop.
    Rule(usize),
    /// "add a route" or "add a rule".
    Add,
}

/// The settings a survey of `hop` may hold, in writing order (its routes or rules aside).
pub fn settings(hop: Hop) -> impl Iterator<Item = SurveyKey> {
    SurveyKey::allowed(hop).filter(|k| !matches!(k, SurveyKey::Routes | SurveyKey::Rules))
}

/// True when `hop` can be surveyed on the plan's path.
pub fn surveyable(plan: &Plan, hop: Hop) -> bool {
    is_surveyable(hop) && hop.on_path(plan.transit)
}

/// The first hop on the path that can be surveyed, when `hop` cannot be.
pub fn device_for(plan: &Plan, hop: Hop) -> Option<Hop> {
    if surveyable(plan, hop) {
        return None;
    }
    Hop::path(plan.transit)
        .iter()
        .copied()
        .find(|h| surveyable(plan, *h))
}

/// The editor's rows for `hop`: none for a hop that cannot be surveyed; the switch and
/// the add row while it is not surveyed; else every setting, entry and the add row.
pub fn survey_rows(plan: &Plan, hop: Hop) -> Vec<SurveyRow> {
    if !surveyable(plan, hop) {
        return vec![];
    }
    let mut rows = vec![SurveyRow::Surveyed];
    if let Some(survey) = plan.observed.survey(hop) {
        rows.extend(settings(hop).map(SurveyRow::Setting));
        if is_routing(hop) {
            rows.extend((0..survey.routes.as_ref().map_or(0, Vec::len)).map(SurveyRow::Route));
        } else {
            rows.extend((0..survey.rules.as_ref().map_or(0, Vec::len)).map(SurveyRow::Rule));
        }
    }
    rows.push(SurveyRow::Add);
    rows
}
