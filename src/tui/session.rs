//! The session: the plan being edited, its document on disk, what the checks say about
//! it (refreshed on every change, in one place) and the autosave that keeps a draft of
//! it. Components change the plan only through [`Session::set_plan`].

use super::autosave::{Autosave, DraftSnapshot, Edits, RecoveredDraft};
use super::history::History;
use super::persist::{self, Document};
use crate::catalog::Catalog;
use crate::checks::{Report, check_and_trace};
use crate::draft::Unfinished;
use crate::hop::Hop;
use crate::plan::Plan;
use crate::requirements::{HopRequirements, derive_hop};
use edgeplan_core::trace::FlowTrace;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Other running edgeplans that edit this plan, found at start.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// Who they are.
    pub owners: Vec<crate::lock::Owner>,
    /// The draft directory to claim a slot in on take-over.
    pub base: crate::draft::DraftStore,
}

/// One plan being edited, with everything derived from it and the file behind it.
#[derive(Debug, Clone)]
pub struct Session {
    /// The plan as edited so far (only valid values).
    plan: Plan,
    /// Findings for `plan`.
    report: Report,
    /// Every required flow traced through `plan`'s observed state (none while no hop
    /// is surveyed).
    flows: Vec<FlowTrace>,
    /// Requirements for `plan`, each hop derived when first shown: a plan of 100,000
    /// blocks would spend most of a keystroke deriving hops no one looks at.
    requirements: [OnceCell<HopRequirements>; Hop::ALL.len()],
    /// The file behind the plan.
    doc: Document,
    /// Writes every change to a draft, so a dropped session loses nothing.
    autosave: Autosave,
    /// A draft from an earlier session, waiting for restore or discard.
    recovered: Option<RecoveredDraft>,
    /// Other edgeplans on this plan, while the user decides what to do.
    elsewhere: Option<Elsewhere>,
    /// Review only: no edits, no saving.
    read_only: bool,
    /// A value being typed that is not valid yet (the plan keeps the old value).
    unfinished: Option<UnfinishedEdit>,
    /// The edits to undo and redo.
    history: History,
}

/// A value being typed that is not valid yet: the text, why, and the hops it feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfinishedEdit {
    /// Where it goes and the text, as the draft file records it.
    pub value: Unfinished,
    /// Why the text is not a valid value.
    pub reason: String,
    /// The hops whose requirements the value feeds.
    pub hops: Vec<crate::hop::Hop>,
}

impl Session {
    /// A session editing `plan`, which lives in `doc`; autosave is off until set.
    pub fn new(plan: Plan, doc: Document) -> Session {
        let (report, flows) = check_and_trace(&plan, Catalog::builtin());
        Session {
            report,
            flows,
            plan,
            requirements: Default::default(),
            doc,
            autosave: Autosave::default(),
            recovered: None,
            elsewhere: None,
            read_only: false,
            unfinished: None,
            history: History::default(),
        }
    }

    /// The plan as edited.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The findings for the plan.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every required flow and its trace through the observed state.
    pub fn flows(&self) -> &[FlowTrace] {
        &self.flows
    }

    /// True when `hop` is where some required flow stops.
    pub fn stops_a_flow(&self, hop: Hop) -> bool {
        self.flows.iter().any(|f| {
            f.trace
                .as_ref()
                .and_then(|t| t.verdict.blocked())
                .is_some_and(|b| b.hop == hop)
        })
    }

    /// The requirements of one hop of the plan, derived on first asking (a memo: the
    /// answer depends on the plan alone, so reading it changes nothing that shows).
    pub fn hop_requirements(&self, hop: Hop) -> &HopRequirements {
        self.requirements[hop.index()]
            .get_or_init(|| derive_hop(&self.plan, Catalog::builtin(), hop))
    }

    /// The file behind the plan.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The file behind the plan, for the load-error screen to name its path.
    pub(super) fn doc_mut(&mut self) -> &mut Document {
        &mut self.doc
    }

    /// Replaces the plan by an edit the user can undo.
    pub fn set_plan(&mut self, plan: Plan) {
        self.commit_edit(self.plan.clone(), plan);
    }

    /// Keeps `plan` as one edit from `before` (a typed value, from the draft's start).
    pub fn commit_edit(&mut self, before: Plan, plan: Plan) {
        if before != plan {
            self.history.record(before);
        }
        self.preview(plan);
    }

    /// Goes back one edit; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.history.undo(&self.plan) else {
            return false;
        };
        self.preview(before);
        true
    }

    /// Goes forward one undone edit; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.history.redo(&self.plan) else {
            return false;
        };
        self.preview(after);
        true
    }

    /// The edits to undo and redo.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Replaces the plan without an undo step (a value being typed, or its cancel), and
    /// refreshes everything derived from it.
    pub fn preview(&mut self, plan: Plan) {
        if plan != self.plan {
            (self.report, self.flows) = check_and_trace(&plan, Catalog::builtin());
            self.requirements = Default::default();
            self.plan = plan;
        }
    }

    /// The value being typed while it is not valid, if any.
    pub fn unfinished(&self) -> Option<&UnfinishedEdit> {
        self.unfinished.as_ref()
    }

    /// Notes the value being typed while it is not valid (or that it is done).
    pub fn set_unfinished(&mut self, unfinished: Option<UnfinishedEdit>) {
        self.unfinished = unfinished;
    }

    /// True when the plan differs from what was last loaded or saved.
    pub fn changed(&self) -> bool {
        self.plan != self.doc.saved
    }

    /// True when the session may not change or save the plan.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// Makes the session read-only (or not).
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// The draft an earlier session left, while it waits for an answer.
    pub fn recovered(&self) -> Option<&RecoveredDraft> {
        self.recovered.as_ref()
    }

    /// Other edgeplans on this plan, while the user decides.
    pub fn elsewhere(&self) -> Option<&Elsewhere> {
        self.elsewhere.as_ref()
    }

    /// Notes other edgeplans on this plan (or forgets them, when answered).
    pub fn set_elsewhere(&mut self, elsewhere: Option<Elsewhere>) -> Option<Elsewhere> {
        std::mem::replace(&mut self.elsewhere, elsewhere)
    }

    /// The draft writer.
    pub fn autosave(&self) -> &Autosave {
        &self.autosave
    }

    /// Replaces the draft writer (autosave on, off, or in another slot).
    pub fn set_autosave(&mut self, autosave: Autosave) {
        self.autosave = autosave;
    }

    /// What the autosave reads of this session.
    fn view(&self) -> Edits<'_> {
        Edits {
            plan: &self.plan,
            doc: &self.doc,
            held: self.recovered.is_some(),
            unfinished: self.unfinished.as_ref().map(|u| &u.value),
        }
    }

    /// What the autosave reads, and the autosave itself to write with it: the fields are
    /// borrowed apart, so the autosave never needs the whole session.
    fn edits(&mut self) -> (&mut Autosave, Edits<'_>) {
        let edits = Edits {
            plan: &self.plan,
            doc: &self.doc,
            held: self.recovered.is_some(),
            unfinished: self.unfinished.as_ref().map(|u| &u.value),
        };
        (&mut self.autosave, edits)
    }

    /// Looks for a draft an earlier session left; one that differs waits for an answer.
    /// `Err` says why the draft there could not be read.
    pub fn recover(&mut self) -> Result<bool, String> {
        let (autosave, edits) = self.edits();
        let found = autosave.recover(edits)?;
        self.recovered = found;
        Ok(self.recovered.is_some())
    }

    /// Continues with the recovered draft; the number of changes it brought, and the
    /// value that was being typed, to offer back.
    pub fn restore_draft(&mut self) -> Option<(usize, Option<Unfinished>)> {
        let recovered = self.recovered.take()?;
        let n = recovered.changes.len();
        self.set_plan(recovered.plan);
        Some((n, recovered.unfinished))
    }

    /// Deletes the recovered draft and continues with the file; false when there was none.
    pub fn discard_recovered(&mut self) -> bool {
        if self.recovered.take().is_none() {
            return false;
        }
        self.discard_draft();
        true
    }

    /// Brings the draft up to date when it has been out of date long enough.
    pub fn tick(&mut self, now: Instant) {
        let (autosave, edits) = self.edits();
        autosave.tick(edits, now);
    }

    /// Writes (or removes) the draft now.
    pub fn flush(&mut self) {
        let (autosave, edits) = self.edits();
        autosave.flush(edits);
    }

    /// Removes the draft: saved, or the changes were declined.
    pub fn discard_draft(&mut self) {
        let (autosave, edits) = self.edits();
        autosave.discard(edits);
    }

    /// True when the draft on disk matches the plan.
    pub fn draft_up_to_date(&self) -> bool {
        self.autosave.up_to_date(self.view())
    }

    /// The draft as it should be now, for the signal watcher.
    pub fn snapshot(&self) -> Option<DraftSnapshot> {
        self.autosave.snapshot(self.view())
    }

    /// Time until the next draft write is due, if one is pending.
    pub fn draft_due_in(&self, now: Instant) -> Option<Duration> {
        self.autosave.due_in(now)
    }

    /// The last autosave error, taken so it is said once.
    pub fn take_autosave_error(&mut self) -> Option<String> {
        self.autosave.error.take()
    }

    /// The text the plan would be saved as.
    pub fn file_text(&self) -> String {
        persist::file_text(&self.doc, &self.plan)
    }

    /// Saves the plan to `path` (see [`persist::save`]).
    pub fn save(&mut self, path: &Path, armed: &mut Option<PathBuf>) -> Result<String, String> {
        if !self.plan.has_region() {
            // region = "" is a new plan's in memory only: a plan file must name one.
            return Err("choose a region first (step 1): a plan file must name one".into());
        }
        persist::save(&mut self.doc, &self.plan, path, armed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::check;

    #[test]
    fn a_new_plan_refreshes_findings_and_requirements_together() {
        let plan = Plan::example();
        let mut session = Session::new(plan.clone(), Document::unsaved(&plan));
        assert!(!session.changed());
        let mut broken = plan.clone();
        broken.vpc_cidrs.clear();
        session.set_plan(broken.clone());
        assert!(session.changed());
        assert_eq!(*session.report(), check(&broken, Catalog::builtin()));
        let derived = crate::requirements::derive(&broken, Catalog::builtin());
        for hop in Hop::ALL {
            assert_eq!(session.hop_requirements(hop), derived.hop(hop));
        }
    }
}
