//! The review step: a cursor over every finding, grouped by hop.

use super::{Effect, Effects, scroll_delta, step_index};
use crate::checks::{Finding, Report};
use crate::tui::keys::Action;
use crate::tui::session::Session;

/// Findings grouped by their primary hop in path order, worst first within a hop.
pub fn review_findings(report: &Report) -> Vec<&Finding> {
    let mut findings: Vec<&Finding> = report.findings.iter().collect();
    findings.sort_by_key(|f| (f.hop().index(), std::cmp::Reverse(f.severity)));
    findings
}

/// The review step's state.
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// The cursor, an index into `review_findings()`.
    pub cursor: usize,
}

impl Review {
    /// Moves the cursor on up/down/page actions; the hop of the finding under it follows.
    pub fn update(&mut self, action: Action, session: &Session) -> Effects {
        let findings = review_findings(session.report());
        self.cursor = step_index(self.cursor, scroll_delta(action), findings.len());
        findings
            .get(self.cursor)
            .map(|f| Effect::SelectHop(f.hop()))
            .into_iter()
            .collect()
    }

    /// The finding under the cursor, if there are any.
    pub fn selected<'a>(&self, report: &'a Report) -> Option<&'a Finding> {
        let findings = review_findings(report);
        let at = self.cursor.min(findings.len().saturating_sub(1));
        findings.get(at).copied()
    }
}
