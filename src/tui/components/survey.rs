//! The survey step: what the selected hop's device really has (its observed routes or
//! rules and its few settings), a cursor over them, the form or paste box
//! open on them. Every change is one edit of the plan, so undo brings it back.

use super::survey_form::{FormTarget, SurveyForm};
use super::survey_paste::{ImportReport, PasteBox, said};
use super::{Effects, error, info, may_edit, scroll_delta, step_index};
use crate::hop::Hop;
use crate::plan::Plan;
use crate::tui::keys::Action;
use crate::tui::session::Session;
use edgeplan_core::observed::{RuleAction, Survey, SurveyKey, is_routing};

mod rows;

pub use rows::{SurveyRow, device_for, settings, survey_rows, surveyable};

/// The survey editor's state.
#[derive(Debug, Clone, Default)]
pub struct SurveyEditor {
    /// The cursor, an index into `survey_rows`.
    pub cursor: usize,
    /// The form being filled in, if any.
    pub form: Option<SurveyForm>,
    /// The paste box, if open: what the engineer pasted of a device's output.
    pub paste: Option<PasteBox>,
    /// What the last import brought, until the hop changes.
    pub report: Option<ImportReport>,
}

/// `v` switched on, then off, then back to unset.
fn next_bool(v: Option<bool>) -> Option<bool> {
    match v {
        None => Some(true),
        Some(true) => Some(false),
        Some(false) => None,
    }
}

/// A default action cycled: unset (the device's own default), allow, deny.
fn next_action(v: Option<RuleAction>) -> Option<RuleAction> {
    match v {
        None => Some(RuleAction::Allow),
        Some(RuleAction::Allow) => Some(RuleAction::Deny),
        Some(RuleAction::Deny) => None,
    }
}

impl SurveyEditor {
    /// The row under the cursor for `hop`, if the hop has rows.
    pub fn row(&self, plan: &Plan, hop: Hop) -> Option<SurveyRow> {
        let rows = survey_rows(plan, hop);
        rows.get(self.cursor.min(rows.len().saturating_sub(1)))
            .copied()
    }

    /// Puts the cursor on `row`, if `hop` has it.
    fn select(&mut self, row: SurveyRow, plan: &Plan, hop: Hop) {
        if let Some(i) = survey_rows(plan, hop).iter().position(|r| *r == row) {
            self.cursor = i;
        }
    }

    /// Handles an action of the survey step on `hop`.
    pub fn update(&mut self, action: Action, hop: Hop, session: &mut Session) -> Effects {
        let done = match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let len = survey_rows(session.plan(), hop).len();
                self.cursor = step_index(self.cursor, scroll_delta(action), len);
                Ok(vec![])
            }
            Action::EditRow => self.edit_row(hop, session),
            Action::AddEntry => self.open_form(new_target(hop), hop, session),
            Action::DeleteEntry => self.delete(hop, session),
            Action::ToggleSurveyed => self.toggle(hop, session),
            Action::NextField | Action::PrevField => {
                if let Some(form) = self.form.as_mut() {
                    form.move_focus(action == Action::NextField);
                }
                Ok(vec![])
            }
            Action::CommitDraft => self.commit(hop, session),
            Action::OpenPaste => self.open_paste(hop, session, ""),
            Action::ConfirmImport => self.import(hop, session),
            Action::CancelDraft => {
                self.form = None;
                self.paste = None;
                Ok(vec![])
            }
            Action::Type(request) => {
                if let Some(form) = self.form.as_mut() {
                    form.handle(request);
                } else if let Some(paste) = self.paste.as_mut() {
                    paste.handle(request);
                }
                Ok(vec![])
            }
            _ => Ok(vec![]),
        };
        done.unwrap_or_else(|e| e)
    }

    /// Changes `hop`'s survey (starting one when it has none) as one edit.
    fn change(
        session: &mut Session,
        hop: Hop,
        edit: impl FnOnce(&mut Survey) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut plan = session.plan().clone();
        let survey = plan.observed.surveys.entry(hop).or_default();
        edit(survey)?;
        session.set_plan(plan);
        Ok(())
    }

    fn toggle(&mut self, hop: Hop, session: &mut Session) -> Result<Effects, Effects> {
        may_edit(session)?;
        if !surveyable(session.plan(), hop) {
            return Err(error(format!(
                "{} is not surveyed: it is an end of the flows, not a device on the path",
                hop.id()
            )));
        }
        let mut plan = session.plan().clone();
        let said = match plan.observed.surveys.remove(&hop) {
            Some(_) => format!(
                "{} is not surveyed now (u brings its entries back)",
                hop.id()
            ),
            None => {
                // Starting a survey here says the engineer looks at the device: its list
                // is surveyed (empty until entries are added), not unknown.
                let mut survey = Survey::default();
                if is_routing(hop) {
                    survey.routes = Some(Vec::new());
                } else {
                    survey.rules = Some(Vec::new());
                }
                plan.observed.surveys.insert(hop, survey);
                format!("{} is surveyed: add what the device has", hop.id())
            }
        };
        session.set_plan(plan);
        self.cursor = 0;
        Ok(vec![info(said)])
    }

    fn edit_row(&mut self, hop: Hop, session: &mut Session) -> Result<Effects, Effects> {
        let Some(row) = self.row(session.plan(), hop) else {
            return Err(error(format!("{} has nothing to survey", hop.id())));
        };
        match row {
            SurveyRow::Surveyed => self.toggle(hop, session),
            SurveyRow::Add => self.open_form(new_target(hop), hop, session),
            SurveyRow::Route(i) => self.open_form(Some(FormTarget::Route(i)), hop, session),
            SurveyRow::Rule(i) => self.open_form(Some(FormTarget::Rule(i)), hop, session),
            SurveyRow::Setting(key @ (SurveyKey::VbrPeerIp | SurveyKey::Mtu)) => {
                self.open_form(Some(FormTarget::Setting(key)), hop, session)
            }
            SurveyRow::Setting(key) => {
                may_edit(session)?;
                Self::change(session, hop, |s| {
                    match key {
                        SurveyKey::Bgp => s.bgp = next_bool(s.bgp),
                        SurveyKey::DefaultInbound => {
                            s.default_inbound = next_action(s.default_inbound)
                        }
                        SurveyKey::DefaultOutbound => {
                            s.default_outbound = next_action(s.default_outbound);
                        }
                        _ => {}
                    }
                    Ok(())
                })
                .map_err(error)?;
                Ok(vec![])
            }
        }
    }

    fn open_form(
        &mut self,
        target: Option<FormTarget>,
        hop: Hop,
        session: &Session,
    ) -> Result<Effects, Effects> {
        may_edit(session)?;
        let Some(target) = target.filter(|_| surveyable(session.plan(), hop)) else {
            return Err(error(format!(
                "{} has no routes or rules to survey",
                hop.id()
            )));
        };
        let empty = Survey::default();
        let survey = session.plan().observed.survey(hop).unwrap_or(&empty);
        self.form = Some(SurveyForm::new(target, survey));
        // The form opens in place of its row: the cursor goes there, so it is in view.
        let row = match target {
            FormTarget::NewRoute | FormTarget::NewRule => SurveyRow::Add,
            FormTarget::Route(i) => SurveyRow::Route(i),
            FormTarget::Rule(i) => SurveyRow::Rule(i),
            FormTarget::Setting(key) => SurveyRow::Setting(key),
        };
        self.select(row, session.plan(), hop);
        Ok(vec![])
    }

    fn commit(&mut self, hop: Hop, session: &mut Session) -> Result<Effects, Effects> {
        let Some(form) = self.form.as_mut() else {
            return Ok(vec![]);
        };
        let mut result = Ok(());
        let target = form.target;
        let applied = Self::change(session, hop, |s| {
            form.apply(s).map_err(|(at, why)| {
                result = Err(at);
                why
            })
        });
        if let Err(why) = applied {
            if let Err(at) = result {
                form.focus = at;
            }
            return Err(error(format!("not kept: {why}")));
        }
        self.form = None;
        let plan = session.plan();
        let row = match target {
            FormTarget::NewRoute => survey_len(plan, hop, true).map(SurveyRow::Route),
            FormTarget::NewRule => survey_len(plan, hop, false).map(SurveyRow::Rule),
            FormTarget::Route(i) => Some(SurveyRow::Route(i)),
            FormTarget::Rule(i) => Some(SurveyRow::Rule(i)),
            FormTarget::Setting(key) => Some(SurveyRow::Setting(key)),
        };
        if let Some(row) = row {
            self.select(row, plan, hop);
        }
        Ok(vec![])
    }

    fn delete(&mut self, hop: Hop, session: &mut Session) -> Result<Effects, Effects> {
        may_edit(session)?;
        let row = self.row(session.plan(), hop);
        let mut said = String::new();
        let outcome = Self::change(session, hop, |s| {
            match row {
                Some(SurveyRow::Route(i)) => {
                    let r = s.routes_mut().remove(i);
                    said = format!(
                        "Removed the route to {} via {}",
                        r.destination,
                        r.next_hop.word()
                    );
                }
                Some(SurveyRow::Rule(i)) => {
                    let r = s.rules_mut().remove(i);
                    said = format!(
                        "Removed the {} {} rule of priority {}",
                        r.direction, r.action, r.priority
                    );
                }
                Some(SurveyRow::Setting(key)) => {
                    match key {
                        SurveyKey::Bgp => s.bgp = None,
                        SurveyKey::VbrPeerIp => s.vbr_peer_ip = None,
                        SurveyKey::Mtu => s.mtu = None,
                        SurveyKey::DefaultInbound => s.default_inbound = None,
                        SurveyKey::DefaultOutbound => s.default_outbound = None,
                        SurveyKey::Routes | SurveyKey::Rules => {}
                    }
                    said = format!("Unset {}", key.key());
                }
                _ => return Err("nothing to delete on this row (s: not surveyed)".into()),
            }
            Ok(())
        });
        outcome.map_err(error)?;
        let len = survey_rows(session.plan(), hop).len();
        self.cursor = self.cursor.min(len.saturating_sub(1));
        Ok(vec![info(crate::escape::escape(&said).into_owned())])
    }

    /// Keeps the form if one is open and valid (before a save); `Err` says why not.
    pub fn commit_open(&mut self, hop: Hop, session: &mut Session) -> Result<(), Effects> {
        self.commit(hop, session).map(|_| ())
    }

    /// Opens the paste box holding `text` (a paste where keys are commands opens it too).
    pub fn open_paste(
        &mut self,
        hop: Hop,
        session: &Session,
        text: &str,
    ) -> Result<Effects, Effects> {
        may_edit(session)?;
        if edgeplan_core::import::Format::for_hop(hop).next().is_none() {
            return Err(error(format!(
                "no importer reads the {}'s output: add its entries with a",
                hop.id()
            )));
        }
        let mut paste = PasteBox::default();
        paste.paste(text);
        self.paste = Some(paste);
        Ok(vec![])
    }

    /// Adds pasted text to the open paste box.
    pub fn paste_text(&mut self, text: &str) {
        if let Some(paste) = self.paste.as_mut() {
            paste.paste(text);
        }
    }

    fn import(&mut self, hop: Hop, session: &mut Session) -> Result<Effects, Effects> {
        let Some(paste) = self.paste.as_mut() else {
            return Ok(vec![]);
        };
        let report = paste.import(hop, session)?;
        let effects = said(&report);
        self.paste = None;
        self.report = Some(report);
        self.cursor = 0;
        Ok(effects)
    }

    /// Drops the form, the paste box and the import report, as when the hop changes under them.
    pub fn close(&mut self) {
        self.form = None;
        self.paste = None;
        self.report = None;
        self.cursor = 0;
    }
}

/// The index of the last route (`routes`) or rule of `hop`'s survey, if any.
fn survey_len(plan: &Plan, hop: Hop, routes: bool) -> Option<usize> {
    let s = plan.observed.survey(hop)?;
    let list = if routes {
        s.routes.as_ref().map(Vec::len)
    } else {
        s.rules.as_ref().map(Vec::len)
    };
    list?.checked_sub(1)
}

/// What "add" adds on `hop`: a route on a routing hop, a rule on a filtering one.
fn new_target(hop: Hop) -> Option<FormTarget> {
    if is_routing(hop) {
        Some(FormTarget::NewRoute)
    } else if edgeplan_core::observed::is_filtering(hop) {
        Some(FormTarget::NewRule)
    } else {
        None
    }
}
