//! Autosave: every change of the plan reaches a draft in the data directory at most a
//! moment later (debounced), and at once when the session ends by a signal. A draft
//! exists exactly while the plan has changes that are not in its file.

use super::persist::{Document, file_text, text_over};
use super::session::Session;
use crate::draft::{DraftKey, DraftStore, Unfinished};
use crate::plan::{Plan, all_changes, parse_draft_plan};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long edits are gathered before the draft is written; well under a second.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// A draft found at start-up that differs from the plan as loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveredDraft {
    /// The plan the draft holds.
    pub plan: Plan,
    /// What differs from the loaded plan, one line per field.
    pub changes: Vec<String>,
    /// A value that was being typed, not valid yet (the plan holds the old value).
    pub unfinished: Option<Unfinished>,
}

/// A draft ready to be written, handed to the signal watcher: the plan, not its text,
/// which is made only when written (a plan of 100,000 blocks takes long to serialise,
/// and the watcher gets every keystroke).
#[derive(Debug, Clone)]
pub struct DraftSnapshot {
    /// Where.
    pub store: DraftStore,
    /// Whose.
    pub key: DraftKey,
    /// The plan the draft holds.
    pub plan: Plan,
    /// The text the plan was last read from or written as, whose comments the draft keeps.
    pub original: Option<String>,
    /// A value being typed that is not valid yet, recorded beside the plan.
    pub unfinished: Option<Unfinished>,
}

impl DraftSnapshot {
    /// The plan file text the draft holds, with the half-typed value noted after it.
    pub fn text(&self) -> String {
        let mut text = text_over(self.original.as_deref(), &self.plan);
        if let Some(unfinished) = &self.unfinished {
            text.push_str(&unfinished.note());
        }
        text
    }

    /// Writes the draft; the path on success.
    pub fn write(&self) -> std::io::Result<std::path::PathBuf> {
        self.store.save(&self.key, &self.text())?;
        Ok(self.store.path(&self.key))
    }
}

/// The latest draft for the signal watcher, kept current by the event loop after every
/// event, so a signal ends the session with every edit in the draft.
#[derive(Debug, Default)]
pub struct DraftHandoff {
    /// What the watcher writes on a signal; `None` when nothing is unsaved.
    latest: Arc<Mutex<Option<DraftSnapshot>>>,
    /// The plan last handed over, so an unchanged plan is not handed over again.
    shared: Option<Plan>,
    /// The half-typed value last handed over: a keystroke inside it is an edit too.
    shared_unfinished: Option<Unfinished>,
}

impl DraftHandoff {
    /// The slot the watcher takes the draft from.
    pub fn slot(&self) -> Arc<Mutex<Option<DraftSnapshot>>> {
        Arc::clone(&self.latest)
    }

    /// Hands the session's edits over when they changed (or an earlier draft waits).
    pub fn share(&mut self, session: &Session) {
        if self.shared.as_ref() == Some(session.plan())
            && self.shared_unfinished.as_ref() == session.unfinished().map(|u| &u.value)
            && session.recovered().is_none()
        {
            return;
        }
        let snapshot = session.snapshot();
        if let Ok(mut slot) = self.latest.lock() {
            *slot = snapshot;
        }
        self.shared = Some(session.plan().clone());
        self.shared_unfinished = session.unfinished().map(|u| u.value.clone());
    }
}

/// The draft writer of one session.
#[derive(Debug, Clone, Default)]
pub struct Autosave {
    /// Where drafts go; `None` turns autosave off (tests, or no data directory).
    pub store: Option<DraftStore>,
    /// The plan the draft on disk holds; `None` when there is no draft.
    written: Option<Plan>,
    /// The half-typed value the draft on disk records.
    written_unfinished: Option<Unfinished>,
    /// The key the draft on disk was written under.
    written_key: Option<DraftKey>,
    /// When the plan first differed from the draft, while a write is due.
    pending_since: Option<Instant>,
    /// The last write error, said once.
    pub error: Option<String>,
    /// This instance's lock on its draft slot; released when the last clone goes.
    pub lock: Option<std::sync::Arc<crate::lock::PlanLock>>,
}

/// What the autosave reads of a session: the plan, the file behind it, and whether an
/// earlier session's draft is still waiting for the user (nothing is written meanwhile).
#[derive(Debug, Clone, Copy)]
pub struct Edits<'a> {
    /// The plan as edited.
    pub plan: &'a Plan,
    /// The file behind it.
    pub doc: &'a Document,
    /// True while a recovered draft waits for restore or discard.
    pub held: bool,
    /// A value being typed that is not valid yet, kept beside the plan.
    pub unfinished: Option<&'a Unfinished>,
}

impl Edits<'_> {
    /// The draft key of the plan.
    pub fn key(&self) -> DraftKey {
        key_of(self.doc)
    }

    /// The plan file text the draft holds.
    fn text(&self) -> String {
        let mut text = file_text(self.doc, self.plan);
        if let Some(unfinished) = self.unfinished {
            text.push_str(&unfinished.note());
        }
        text
    }
}

/// The draft key of the plan behind `doc`.
pub fn key_of(doc: &Document) -> DraftKey {
    match &doc.path {
        Some(p) => DraftKey::for_file(p),
        None => DraftKey::Example,
    }
}

impl Autosave {
    /// Autosave into `store`.
    pub fn new(store: Option<DraftStore>) -> Autosave {
        Autosave {
            store,
            ..Autosave::default()
        }
    }

    /// The draft for the plan, if one exists and differs from the plan as loaded.
    /// A draft equal to the plan is removed; an unreadable one is reported and kept.
    pub fn recover(&mut self, edits: Edits<'_>) -> Result<Option<RecoveredDraft>, String> {
        let Some(store) = &self.store else {
            return Ok(None);
        };
        let key = edits.key();
        let text = match store.load(&key) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(None),
            Err(e) => return Err(format!("a draft of this plan could not be read: {e}")),
        };
        let draft_path = store.path(&key);
        let plan = parse_draft_plan(&draft_path.display().to_string(), &text)
            .map_err(|e| format!("a draft of this plan could not be read: {e}"))?;
        let unfinished = Unfinished::read(&text);
        if plan == *edits.plan && unfinished.is_none() {
            let _ = store.discard(&key);
            return Ok(None);
        }
        self.written = Some(plan.clone());
        self.written_unfinished = unfinished.clone();
        self.written_key = Some(key);
        let mut changes = all_changes(edits.plan, &plan);
        if let Some(u) = &unfinished {
            let text = crate::escape::Escaped(&u.text);
            changes.push(format!(
                "{}: \"{text}\" was being typed (not valid, not kept)",
                u.field
            ));
        }
        Ok(Some(RecoveredDraft {
            changes,
            plan,
            unfinished,
        }))
    }

    /// What the draft should hold now: the plan while it has unsaved changes or a value
    /// is half typed, else nothing.
    fn wanted<'a>(edits: &Edits<'a>) -> Option<&'a Plan> {
        (*edits.plan != edits.doc.saved || edits.unfinished.is_some()).then_some(edits.plan)
    }

    /// Brings the draft up to date when it has been out of date for `DEBOUNCE`.
    pub fn tick(&mut self, edits: Edits<'_>, now: Instant) {
        if edits.held || self.up_to_date(edits) {
            self.pending_since = None;
            return;
        }
        let since = *self.pending_since.get_or_insert(now);
        if now.duration_since(since) >= DEBOUNCE {
            self.flush(edits);
        }
    }

    /// True when the draft on disk matches the edits.
    pub fn up_to_date(&self, edits: Edits<'_>) -> bool {
        self.written.as_ref() == Self::wanted(&edits)
            && self.written_unfinished.as_ref() == edits.unfinished
            && (self.written.is_none() || self.written_key == Some(edits.key()))
    }

    /// Time until the next write is due, if one is pending.
    pub fn due_in(&self, now: Instant) -> Option<Duration> {
        self.pending_since
            .map(|s| DEBOUNCE.saturating_sub(now.duration_since(s)))
    }

    /// Writes (or removes) the draft now.
    pub fn flush(&mut self, edits: Edits<'_>) {
        self.pending_since = None;
        let Some(store) = &self.store else { return };
        if edits.held || self.up_to_date(edits) {
            return;
        }
        // A draft under another key (the example saved as a file) is superseded.
        if let Some(old) = self.written_key.take() {
            let _ = store.discard(&old);
        }
        self.written = None;
        self.written_unfinished = None;
        let Some(plan) = Self::wanted(&edits) else {
            return;
        };
        let key = edits.key();
        match store.save(&key, &edits.text()) {
            Ok(()) => {
                self.written = Some(plan.clone());
                self.written_unfinished = edits.unfinished.cloned();
                self.written_key = Some(key);
                self.error = None;
            }
            Err(e) => {
                self.error = Some(format!("autosave to {} failed: {e}", store.dir.display()));
            }
        }
    }

    /// What the draft should hold now, for the signal watcher: where, and the text;
    /// `None` when there is nothing unsaved (or autosave is off).
    pub fn snapshot(&self, edits: Edits<'_>) -> Option<DraftSnapshot> {
        let store = self.store.clone()?;
        if edits.held || Self::wanted(&edits).is_none() {
            return None;
        }
        Some(DraftSnapshot {
            store,
            key: edits.key(),
            plan: edits.plan.clone(),
            original: edits.doc.original.clone(),
            unfinished: edits.unfinished.cloned(),
        })
    }

    /// Removes the draft: the user saved, or chose to quit without the changes.
    pub fn discard(&mut self, edits: Edits<'_>) {
        self.pending_since = None;
        let Some(store) = &self.store else { return };
        for key in [self.written_key.take(), Some(edits.key())]
            .into_iter()
            .flatten()
        {
            let _ = store.discard(&key);
        }
        self.written = None;
        self.written_unfinished = None;
    }
}

#[cfg(test)]
mod tests;
