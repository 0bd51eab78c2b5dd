//! The CIDR step: rows for the scope switch, each CIDR-list field's entries and its add
//! row, the single-value fields and the reach answers (all from the core `Field` model); a cursor over
//! them and the value being typed, if any.

use super::draft::{Draft, DraftTarget, entries, meta_text, remove_entry, single_text};
use super::{Effect, Effects, error, info, may_edit, scroll_delta, step_index};
use crate::catalog::Catalog;
use crate::draft::Unfinished;
use crate::plan::{Field, Plan, Scope};
use crate::requirements::derive;
use crate::tui::keys::Action;
use crate::tui::session::{Session, UnfinishedEdit};

/// One row of the CIDR editor the cursor can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CidrRow {
    /// The broad/fine scope switch.
    Scope,
    /// Entry `i` of a CIDR-list field.
    Entry(Field, usize),
    /// "add an entry" at the end of a CIDR-list field.
    Add(Field),
    /// A single-value field.
    Single(Field),
    /// How the nodes reach what the dedicated line does not carry (`Field::REACHES`).
    Reach(Field),
    /// A free-text `[meta]` field (name, customer, author, notes).
    Text(Field),
}

/// The CIDR editor's rows for a plan: scope, each list's entries and its add row, then
/// the single values.
pub fn cidr_rows(plan: &Plan) -> Vec<CidrRow> {
    let mut rows = vec![CidrRow::Scope];
    for list in Field::CIDR_LISTS {
        rows.extend((0..entries(list, plan).len()).map(|i| CidrRow::Entry(list, i)));
        rows.push(CidrRow::Add(list));
    }
    rows.extend(Field::SINGLES.map(CidrRow::Single));
    rows.extend(Field::REACHES.map(CidrRow::Reach));
    rows.extend(Field::TEXTS.map(CidrRow::Text));
    rows
}

/// The CIDR editor's state.
#[derive(Debug, Clone, Default)]
pub struct CidrEditor {
    /// The cursor, an index into `rows()`.
    pub cursor: usize,
    /// The value being typed, if any.
    pub draft: Option<Draft>,
}

impl CidrEditor {
    /// The rows; while a value is typed, those of the plan before typing.
    pub fn rows(&self, plan: &Plan) -> Vec<CidrRow> {
        cidr_rows(self.draft.as_ref().map_or(plan, |d| &d.before))
    }

    /// The row under the cursor.
    pub fn row(&self, plan: &Plan) -> CidrRow {
        let rows = self.rows(plan);
        rows[self.cursor.min(rows.len() - 1)]
    }

    /// Puts the cursor on `row` (the first row when there is no such row).
    pub fn select(&mut self, row: CidrRow, plan: &Plan) {
        self.cursor = self.rows(plan).iter().position(|r| *r == row).unwrap_or(0);
    }

    /// Handles an action of the CIDR step.
    pub fn update(&mut self, action: Action, session: &mut Session) -> Effects {
        let done = match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let len = self.rows(session.plan()).len();
                self.cursor = step_index(self.cursor, scroll_delta(action), len);
                Ok(vec![])
            }
            Action::EditRow => self.edit_row(session),
            Action::AddEntry => match self.row(session.plan()) {
                CidrRow::Entry(list, _) | CidrRow::Add(list) => {
                    self.start(DraftTarget::New(list), session)
                }
                CidrRow::Scope | CidrRow::Single(_) | CidrRow::Text(_) | CidrRow::Reach(_) => {
                    Err(error("a adds to a list; move onto a list first"))
                }
            },
            Action::DeleteEntry => self.delete(session),
            Action::CommitDraft => self.commit(session).map(|()| vec![]),
            Action::CancelDraft => {
                if let Some(d) = self.draft.take() {
                    session.preview(d.before);
                }
                Ok(vec![])
            }
            Action::Type(request) => {
                let mut effects = vec![];
                if let Some(draft) = self.draft.as_mut() {
                    draft.input.handle(request);
                    draft.revalidate();
                    session.preview(draft.plan());
                    // The details follow the hop the typed value breaks.
                    if let Some(f) = draft.findings(session.report()).first() {
                        effects.push(Effect::SelectHop(f.hop()));
                    }
                }
                Ok(effects)
            }
            _ => Ok(vec![]),
        };
        self.note_unfinished(session);
        done.unwrap_or_else(|e| e)
    }

    /// Tells the session about the value being typed while it is not valid: the plan
    /// keeps the old value, the session keeps the text and the hops the value feeds.
    fn note_unfinished(&self, session: &mut Session) {
        let Some((draft, value)) = self
            .draft
            .as_ref()
            .and_then(|d| d.unfinished().map(|u| (d, u)))
        else {
            session.set_unfinished(None);
            return;
        };
        if session.unfinished().is_some_and(|u| u.value == value) {
            return;
        }
        let (with, without) = draft.probe();
        let catalog = Catalog::builtin();
        let hops = derive(&with, catalog).hops_differing(&derive(&without, catalog));
        session.set_unfinished(Some(UnfinishedEdit {
            value,
            reason: draft.error.clone().unwrap_or_default(),
            hops,
        }));
    }

    /// Opens the editor again on a value that was being typed when an earlier session
    /// ended, with its text; false when the plan has no such row any more.
    pub fn reopen(&mut self, unfinished: &Unfinished, session: &mut Session) -> bool {
        let path = unfinished.field.as_str();
        let (key, entry) = match path.strip_suffix(']').and_then(|p| p.split_once('[')) {
            Some((key, entry)) => (key, Some(entry)),
            None => (path, None),
        };
        let Some(field) = Field::from_path(key) else {
            return false;
        };
        let plan = session.plan();
        let target = match entry {
            None if Field::SINGLES.contains(&field) => DraftTarget::Single(field),
            None if Field::TEXTS.contains(&field) => DraftTarget::Text(field),
            Some("new") if Field::CIDR_LISTS.contains(&field) => DraftTarget::New(field),
            Some(i) => match i.parse::<usize>() {
                Ok(i) if i < entries(field, plan).len() => DraftTarget::Entry(field, i),
                _ => return false,
            },
            None => return false,
        };
        let draft = Draft::new(target, unfinished.text.clone(), plan.clone());
        self.select(draft.row(), plan);
        self.draft = Some(draft);
        self.note_unfinished(session);
        true
    }

    fn start(&mut self, target: DraftTarget, session: &Session) -> Result<Effects, Effects> {
        may_edit(session)?;
        let plan = session.plan();
        let text = match target {
            DraftTarget::Entry(list, i) => entries(list, plan)[i].to_string(),
            DraftTarget::New(_) => String::new(),
            DraftTarget::Single(s) => single_text(s, plan).unwrap_or_default(),
            DraftTarget::Text(t) => meta_text(t, plan).unwrap_or_default().to_string(),
        };
        let draft = Draft::new(target, text, plan.clone());
        self.select(draft.row(), plan);
        self.draft = Some(draft);
        Ok(vec![])
    }

    fn edit_row(&mut self, session: &mut Session) -> Result<Effects, Effects> {
        match self.row(session.plan()) {
            CidrRow::Scope => {
                may_edit(session)?;
                let mut plan = session.plan().clone();
                plan.scope = match plan.scope {
                    Scope::Broad => Scope::Fine,
                    Scope::Fine => Scope::Broad,
                };
                session.set_plan(plan);
                Ok(vec![])
            }
            CidrRow::Entry(list, i) => self.start(DraftTarget::Entry(list, i), session),
            CidrRow::Add(list) => self.start(DraftTarget::New(list), session),
            CidrRow::Single(s) => self.start(DraftTarget::Single(s), session),
            CidrRow::Text(t) => self.start(DraftTarget::Text(t), session),
            CidrRow::Reach(field) => {
                may_edit(session)?;
                let mut plan = session.plan().clone();
                if let Some(answer) = field.reach_mut(&mut plan) {
                    *answer = Field::next_reach(*answer);
                }
                session.set_plan(plan);
                Ok(vec![])
            }
        }
    }

    fn delete(&mut self, session: &mut Session) -> Result<Effects, Effects> {
        may_edit(session)?;
        let mut plan = session.plan().clone();
        let mut said = vec![];
        match self.row(&plan) {
            CidrRow::Entry(list, i) => {
                let removed = remove_entry(list, &mut plan, i);
                said.push(info(format!("Removed {removed} from {}", list.key())));
            }
            CidrRow::Single(s) => {
                s.set_single(&mut plan, None);
            }
            CidrRow::Reach(field) => {
                if let Some(answer) = field.reach_mut(&mut plan) {
                    *answer = None;
                }
            }
            CidrRow::Text(t) => {
                if let Some(slot) = t.text_mut(&mut plan) {
                    *slot = None;
                }
            }
            CidrRow::Scope | CidrRow::Add(_) => return Err(error("nothing to delete on this row")),
        }
        session.set_plan(plan);
        self.cursor = self.cursor.min(self.rows(session.plan()).len() - 1);
        Ok(said)
    }

    /// Keeps a valid draft; refuses an invalid one, saying why. `Ok` when no draft is
    /// left open.
    pub fn commit(&mut self, session: &mut Session) -> Result<(), Effects> {
        let Some(draft) = self.draft.as_ref() else {
            return Ok(());
        };
        if draft.is_empty_new() {
            self.draft = None;
            return Ok(());
        }
        if let Some(reason) = &draft.error {
            let value = crate::escape::Escaped(draft.input.value());
            return Err(error(format!("\"{value}\" is not kept: {reason}")));
        }
        let row = draft.row();
        let (before, plan) = (draft.before.clone(), draft.plan());
        self.draft = None;
        session.commit_edit(before, plan);
        // After adding, the draft's row is the add row: the next entry can follow.
        self.select(row, session.plan());
        Ok(())
    }
}
