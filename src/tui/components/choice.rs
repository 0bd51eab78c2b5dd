//! The CNI and transit steps: a cursor over each step's options.

use super::{Effect, Effects, info, may_edit, step_index};
use crate::plan::{Cni, ContainerDefault, Plan, Transit};
use crate::tui::app::Step;
use crate::tui::keys::Action;
use crate::tui::session::Session;
use strum::VariantArray;

/// The cursors of the two choice steps.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// The CNI step's cursor, an index into `Cni::VARIANTS`.
    pub cni: usize,
    /// The transit step's cursor, an index into `Transit::VARIANTS`.
    pub transit: usize,
}

impl Choices {
    /// The cursors on the plan's choices.
    pub fn at(plan: &Plan) -> Choices {
        Choices {
            cni: Cni::VARIANTS
                .iter()
                .position(|c| *c == plan.cni)
                .unwrap_or(0),
            transit: Transit::VARIANTS
                .iter()
                .position(|t| *t == plan.transit)
                .unwrap_or(0),
        }
    }

    /// The cursor of `step` (the CNI step, else the transit step).
    pub fn cursor(&self, step: Step) -> usize {
        if step == Step::Cni {
            self.cni
        } else {
            self.transit
        }
    }

    /// Handles an action of the CNI step (`step` is `Cni`) or the transit step.
    pub fn update(&mut self, action: Action, step: Step, session: &mut Session) -> Effects {
        let delta = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::Choose => return self.choose(step, session).unwrap_or_else(|e| e),
            _ => return vec![],
        };
        if step == Step::Cni {
            self.cni = step_index(self.cni, delta, Cni::VARIANTS.len());
        } else {
            self.transit = step_index(self.transit, delta, Transit::VARIANTS.len());
        }
        vec![]
    }

    /// Uses the option under the cursor and goes on to the next step.
    fn choose(&self, step: Step, session: &mut Session) -> Result<Effects, Effects> {
        may_edit(session)?;
        let mut plan = session.plan().clone();
        let mut note = None;
        if step == Step::Cni {
            note = match plan.set_cni(Cni::VARIANTS[self.cni]) {
                ContainerDefault::Unchanged => None,
                ContainerDefault::SourceExample(block) => Some(format!(
                    "Terway Edge: added the edge container block {block} (the source's example); edit it in step 4"
                )),
                ContainerDefault::Substitute(block) => Some(format!(
                    "Terway Edge: added the edge container block {block}, as 172.16.0.0/12 overlaps the plan"
                )),
                ContainerDefault::NoneFree => {
                    Some("Terway Edge needs an edge container block: add one in step 4".to_string())
                }
            };
        } else {
            plan.transit = Transit::VARIANTS[self.transit];
        }
        session.set_plan(plan);
        let mut effects = vec![Effect::GoToStep(step.next())];
        effects.extend(note.map(info));
        Ok(effects)
    }
}
