//! The flows step: every required flow with its verdict, and a cursor over them. The
//! selected flow's path is drawn on the topology and its trace fills the details pane.

use super::{Effect, Effects, error, info, scroll_delta, step_index};
use crate::tui::app::Step;
use crate::tui::keys::Action;
use crate::tui::session::Session;
use edgeplan_core::trace::{FlowTrace, Verdict};

/// The flows step's state.
#[derive(Debug, Clone, Default)]
pub struct FlowList {
    /// The cursor, an index into the session's flows.
    pub cursor: usize,
}

impl FlowList {
    /// The flow under the cursor, if any flow is traced.
    pub fn selected<'a>(&self, session: &'a Session) -> Option<&'a FlowTrace> {
        let flows = session.flows();
        flows.get(self.cursor.min(flows.len().saturating_sub(1)))
    }

    /// Handles an action of the flows step.
    pub fn update(&mut self, action: Action, session: &Session) -> Effects {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let len = session.flows().len();
                self.cursor = step_index(self.cursor, scroll_delta(action), len);
                // The hop the flow stops at is the one to look at.
                self.selected(session)
                    .and_then(stop_hop)
                    .map(Effect::SelectHop)
                    .into_iter()
                    .collect()
            }
            Action::JumpToFix => self.survey_the_stop(session),
            _ => vec![],
        }
    }

    /// Opens the survey of the hop that stops the selected flow, with its fix said.
    fn survey_the_stop(&self, session: &Session) -> Effects {
        let Some(flow) = self.selected(session) else {
            return error("no flows traced: survey a hop first (step 7)");
        };
        match flow.trace.as_ref().map(|t| &t.verdict) {
            Some(Verdict::Blocked(b)) => vec![
                Effect::SelectHop(b.hop),
                Effect::GoToStep(Step::Survey),
                info(format!("Fix: {}", crate::escape::escape(&b.fix))),
            ],
            Some(Verdict::Unknown(hops)) => match hops.first() {
                Some(&hop) => vec![
                    Effect::SelectHop(hop),
                    Effect::GoToStep(Step::Survey),
                    info(format!("{} is not surveyed: record what it has", hop.id())),
                ],
                None => vec![],
            },
            _ => error("this flow is delivered: nothing to fix"),
        }
    }
}

/// The hop a flow stops at, if it is blocked.
pub fn stop_hop(flow: &FlowTrace) -> Option<crate::hop::Hop> {
    flow.trace.as_ref()?.verdict.blocked().map(|b| b.hop)
}
