//! The components of the screen: one per wizard step and per scrolling pane.
//!
//! Like gitui's components, each one owns its state (a cursor, a filter, the text being
//! typed, a scroll offset) and handles the actions meant for it in its own `update`,
//! which may change the plan only through the [`Session`](super::session::Session) it is
//! handed and answers with [`Effect`]s the app applies (a message, another step). The
//! app's one `update` picks the component by the key context; rendering, under
//! `ui/`, only reads the components and never changes them.

pub mod choice;
pub mod cidrs;
pub mod details;
pub mod draft;
pub mod export;
pub mod flows;
pub mod region;
pub mod review;
pub mod save;
pub mod survey;
pub mod survey_form;
pub mod survey_paste;
pub mod walkthrough;

use super::app::{MessageKind, Step};
use super::keys::Action;
use super::session::Session;
use crate::hop::Hop;
use crate::plan::Plan;

/// What a component asks the app to do after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put a line in the status bar.
    Say(MessageKind, String),
    /// Open another step.
    GoToStep(Step),
    /// Give the focus back to the steps pane.
    Back,
    /// Show this hop in the details and the topology.
    SelectHop(Hop),
}

/// Everything the components ask for after one action, in order.
pub type Effects = Vec<Effect>;

/// An error line for the status bar.
pub fn error(text: impl Into<String>) -> Effects {
    vec![Effect::Say(MessageKind::Error, text.into())]
}

/// An info line for the status bar.
pub fn info(text: impl Into<String>) -> Effect {
    Effect::Say(MessageKind::Info, text.into())
}

/// Lines a page key moves.
pub const PAGE: isize = 10;

/// How far an up/down/page action moves a cursor or a scroll (0 for other actions).
pub fn scroll_delta(action: Action) -> isize {
    match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -PAGE,
        Action::PageDown => PAGE,
        _ => 0,
    }
}

/// `index + delta` kept inside `0..len`.
pub fn step_index(index: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    index.saturating_add_signed(delta).min(len - 1)
}

/// Refuses a change when the session is read-only: `Err` says so with what is refused
/// (`refused`: "nothing is saved").
pub fn writable(session: &Session, refused: &str) -> Result<(), Effects> {
    if session.read_only() {
        return Err(error(format!(
            "read-only: started with --read-only, so {refused}"
        )));
    }
    Ok(())
}

/// Refuses an edit of the plan in read-only mode.
pub fn may_edit(session: &Session) -> Result<(), Effects> {
    writable(session, "the plan cannot be changed")
}

/// The state of every component.
#[derive(Debug, Clone)]
pub struct Components {
    /// The region step.
    pub region: region::RegionPicker,
    /// The CNI and transit steps.
    pub choice: choice::Choices,
    /// The CIDR step.
    pub cidrs: cidrs::CidrEditor,
    /// The review step.
    pub review: review::Review,
    /// The save step.
    pub save: save::SaveStep,
    /// The survey step.
    pub survey: survey::SurveyEditor,
    /// The flows step.
    pub flows: flows::FlowList,
    /// The hop details pane.
    pub details: details::Details,
    /// The walkthrough.
    pub walkthrough: walkthrough::Walkthrough,
    /// The export dialog while it is open.
    pub export: Option<export::ExportDialog>,
}

impl Components {
    /// Every component at its start for `plan`, which saves to `save_path`.
    pub fn new(plan: &Plan, save_path: String) -> Components {
        Components {
            region: region::RegionPicker::at(&plan.region),
            choice: choice::Choices::at(plan),
            cidrs: cidrs::CidrEditor::default(),
            review: review::Review::default(),
            save: save::SaveStep::new(save_path),
            survey: survey::SurveyEditor::default(),
            flows: flows::FlowList::default(),
            details: details::Details::default(),
            walkthrough: walkthrough::Walkthrough::default(),
            export: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::choice::Choices;
    use super::*;
    use crate::tui::persist::Document;

    fn session(read_only: bool) -> Session {
        let plan = Plan::example();
        let mut s = Session::new(plan.clone(), Document::unsaved(&plan));
        s.set_read_only(read_only);
        s
    }

    #[test]
    fn a_component_changes_the_plan_through_the_session_and_answers_with_effects() {
        let mut s = session(false);
        let mut choices = Choices::at(s.plan());
        choices.update(Action::Down, Step::Transit, &mut s);
        let effects = choices.update(Action::Choose, Step::Transit, &mut s);
        assert_eq!(s.plan().transit, crate::plan::Transit::Cen);
        assert_eq!(effects, [Effect::GoToStep(Step::Cidrs)]);
    }

    #[test]
    fn a_read_only_session_refuses_a_component_edit_with_a_message() {
        let mut s = session(true);
        let mut cidrs = cidrs::CidrEditor::default();
        let effects = cidrs.update(Action::EditRow, &mut s);
        assert_eq!(*s.plan(), Plan::example());
        assert!(
            matches!(&effects[..], [Effect::Say(MessageKind::Error, t)] if t.starts_with("read-only")),
            "{effects:?}"
        );
    }
}
