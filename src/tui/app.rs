//! The application state: the plan being edited, where it came from, what the checks
//! say about it, and where the user is in the wizard. `update` changes it; rendering
//! only reads it.

use super::autosave::{Autosave, RecoveredDraft};
use super::editor::{CidrRow, Draft, RegionPicker, cidr_rows};
use super::glyphs::Glyphs;
use super::theme::Theme;
use crate::checks::{Finding, Report, check};
use crate::hop::{Hop, HopStatus};
use crate::plan::{Cni, Plan, Transit};
use crate::requirements::{Requirements, derive};
use crate::store::DiskStamp;
use std::path::{Path, PathBuf};
use strum::VariantArray;
use tui_input::Input;

/// A wizard step, in the order the left pane lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Pick the cluster's region.
    Region,
    /// Pick Flannel or Terway Edge.
    Cni,
    /// Pick ECR or CEN.
    Transit,
    /// Edit the CIDR blocks and addresses.
    Cidrs,
    /// Every finding with its fix.
    Review,
    /// Write the plan file.
    Save,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 6] = [
        Step::Region,
        Step::Cni,
        Step::Transit,
        Step::Cidrs,
        Step::Review,
        Step::Save,
    ];

    /// The step's name.
    pub fn title(self) -> &'static str {
        match self {
            Step::Region => "Region",
            Step::Cni => "CNI",
            Step::Transit => "Transit",
            Step::Cidrs => "CIDRs",
            Step::Review => "Review",
            Step::Save => "Save",
        }
    }

    /// Position in the list, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one (the last stays put).
    pub fn next(self) -> Step {
        Step::ALL[(self.index() + 1).min(Step::ALL.len() - 1)]
    }
}

/// A region of the screen that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The path diagram.
    Topology,
    /// The list of wizard steps.
    Steps,
    /// The current step.
    Body,
    /// The selected hop's requirements and findings.
    Details,
}

impl Pane {
    /// Tab order: left to right, top to bottom.
    pub const ORDER: [Pane; 4] = [Pane::Steps, Pane::Body, Pane::Details, Pane::Topology];

    /// The pane Tab moves to (`forward`) or Shift-Tab moves to.
    pub fn cycle(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        Pane::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// What fills the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Topology, steps, step, details and status.
    Wizard,
    /// One hop at a time, full width, for customer calls.
    Walkthrough,
    /// The plan file could not be read; only its errors are shown.
    LoadFailed,
}

/// A box drawn over the screen that takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The keys of the current context.
    Help,
    /// "Save before quitting?"
    ConfirmQuit,
    /// "Restore the draft an earlier session left?"
    RestoreDraft,
    /// "This plan is open in another edgeplan": read-only, take over, or quit.
    OpenElsewhere,
}

/// Other running edgeplans that edit this plan, found at start.
#[derive(Debug, Clone)]
pub struct Elsewhere {
    /// Who they are.
    pub owners: Vec<crate::lock::Owner>,
    /// The draft directory to claim a slot in on take-over.
    pub base: crate::draft::DraftStore,
}

/// Where the plan lives on disk and what was last read from or written there.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file; `None` for the built-in example until it is saved.
    pub path: Option<PathBuf>,
    /// The text last read from or written to `path`; edits keep its comments.
    pub original: Option<String>,
    /// The plan as last loaded or saved, to tell unsaved changes.
    pub saved: Plan,
    /// True when `path` did not exist yet.
    pub new_file: bool,
    /// The file as last read or written, to notice changes made by someone else.
    pub stamp: Option<DiskStamp>,
}

/// What a status-line message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Something worked (saved, region chosen).
    Info,
    /// Something failed or was refused.
    Error,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Good news or bad.
    pub kind: MessageKind,
    /// What to say.
    pub text: String,
}

/// Everything the TUI knows.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan as edited so far (only valid values).
    pub plan: Plan,
    /// Findings for `plan`, refreshed on every change.
    pub report: Report,
    /// Requirements for `plan`, refreshed on every change.
    pub requirements: Requirements,
    /// The file behind the plan.
    pub doc: Document,
    /// What fills the screen.
    pub mode: Mode,
    /// A box over the screen, if any.
    pub overlay: Option<Overlay>,
    /// The current wizard step.
    pub step: Step,
    /// The focused pane.
    pub focus: Pane,
    /// The hop shown in details and outlined in the topology.
    pub hop: Hop,
    /// The region step's filter and cursor.
    pub regions: RegionPicker,
    /// The CNI step's cursor.
    pub cni_cursor: usize,
    /// The transit step's cursor.
    pub transit_cursor: usize,
    /// The CIDR step's cursor, an index into `cidr_rows()`.
    pub cidr_cursor: usize,
    /// The CIDR value being typed, if any.
    pub draft: Option<Draft>,
    /// The review step's cursor, an index into `review_findings()`.
    pub review_cursor: usize,
    /// The save step's path box.
    pub save_path: Input,
    /// A path that exists and is not the plan's file; Enter again overwrites it.
    pub overwrite_armed: Option<PathBuf>,
    /// Lines scrolled in the details pane.
    pub details_scroll: usize,
    /// Lines scrolled in the walkthrough.
    pub walkthrough_scroll: usize,
    /// The status-bar message.
    pub message: Option<Message>,
    /// Review only: no edits, no saving.
    pub read_only: bool,
    /// Colours.
    pub theme: Theme,
    /// Drawing characters.
    pub glyphs: Glyphs,
    /// Why the plan file could not be read (in `Mode::LoadFailed`).
    pub load_error: Option<String>,
    /// Set when the event loop should stop.
    pub quit: bool,
    /// Writes every change to a draft, so a dropped session loses nothing.
    pub autosave: Autosave,
    /// A draft from an earlier session, waiting for restore or discard.
    pub recovered: Option<RecoveredDraft>,
    /// Other edgeplans on this plan, while the user decides what to do.
    pub elsewhere: Option<Elsewhere>,
}

/// The file name the example is offered to be saved as.
pub fn default_save_name(plan: &Plan) -> String {
    format!(
        "{}.toml",
        plan.meta.name.as_deref().unwrap_or("edgeplan-plan")
    )
}

impl App {
    /// An app editing `plan` that lives in `doc`.
    pub fn new(plan: Plan, doc: Document, theme: Theme, glyphs: Glyphs) -> App {
        let save_path = doc
            .path
            .as_ref()
            .map_or_else(|| default_save_name(&plan), |p| p.display().to_string());
        let mut app = App {
            report: check(&plan, crate::Catalog::builtin()),
            requirements: derive(&plan, crate::Catalog::builtin()),
            regions: RegionPicker::at(&plan.region),
            cni_cursor: Cni::VARIANTS
                .iter()
                .position(|c| *c == plan.cni)
                .unwrap_or(0),
            transit_cursor: Transit::VARIANTS
                .iter()
                .position(|t| *t == plan.transit)
                .unwrap_or(0),
            plan,
            doc,
            mode: Mode::Wizard,
            overlay: None,
            step: Step::Region,
            focus: Pane::Steps,
            hop: Hop::EdgeNode,
            cidr_cursor: 0,
            draft: None,
            review_cursor: 0,
            save_path: Input::new(save_path),
            overwrite_armed: None,
            details_scroll: 0,
            walkthrough_scroll: 0,
            message: None,
            read_only: false,
            theme,
            glyphs,
            load_error: None,
            quit: false,
            autosave: Autosave::default(),
            elsewhere: None,
            recovered: None,
        };
        app.hop = app.first_broken_hop().unwrap_or(Hop::EdgeNode);
        app
    }

    /// The built-in example, not yet saved anywhere.
    pub fn example(theme: Theme, glyphs: Glyphs) -> App {
        let plan = Plan::example();
        let doc = Document {
            path: None,
            original: None,
            saved: plan.clone(),
            new_file: false,
            stamp: None,
        };
        App::new(plan, doc, theme, glyphs)
    }

    /// An app for a plan file that exists and was read: `text` is what was read.
    pub fn from_file(path: &Path, plan: Plan, text: String, theme: Theme, glyphs: Glyphs) -> App {
        let doc = Document {
            path: Some(path.to_path_buf()),
            stamp: Some(DiskStamp::of_bytes(text.as_bytes())),
            original: Some(text),
            saved: plan.clone(),
            new_file: false,
        };
        App::new(plan, doc, theme, glyphs)
    }

    /// A new plan (the example, named after the file) that saves to `path`, which does not exist yet.
    pub fn new_file(path: &Path, theme: Theme, glyphs: Glyphs) -> App {
        let mut plan = Plan::example();
        plan.meta.name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let doc = Document {
            path: Some(path.to_path_buf()),
            original: None,
            saved: plan.clone(),
            new_file: true,
            stamp: None,
        };
        App::new(plan, doc, theme, glyphs)
    }

    /// A screen that shows why `path` could not be read and changes nothing.
    pub fn load_failed(path: &Path, error: String, theme: Theme, glyphs: Glyphs) -> App {
        let mut app = App::example(theme, glyphs);
        app.doc.path = Some(path.to_path_buf());
        app.mode = Mode::LoadFailed;
        app.load_error = Some(error);
        app.read_only = true;
        app
    }

    /// Refreshes findings and requirements after the plan changed.
    pub fn recheck(&mut self) {
        self.report = check(&self.plan, crate::Catalog::builtin());
        self.requirements = derive(&self.plan, crate::Catalog::builtin());
    }

    /// Replaces the plan and refreshes everything derived from it.
    pub fn set_plan(&mut self, plan: Plan) {
        if plan != self.plan {
            self.plan = plan;
            self.recheck();
        }
    }

    /// True when the plan differs from what was last loaded or saved.
    pub fn dirty(&self) -> bool {
        self.plan != self.doc.saved || self.draft.is_some()
    }

    /// The name the status bar shows for the file.
    pub fn file_label(&self) -> String {
        match &self.doc.path {
            Some(p) => {
                // Escaped here, before the status line cuts it to fit.
                let name = crate::escape::escape_path(p);
                if self.doc.new_file {
                    format!("{name} (new file)")
                } else {
                    name
                }
            }
            None => "built-in example".to_string(),
        }
    }

    /// How a hop stands after the checks.
    pub fn hop_status(&self, hop: Hop) -> HopStatus {
        HopStatus::from_worst(self.report.worst(hop))
    }

    /// The first hop with an error, else with a warning.
    pub fn first_broken_hop(&self) -> Option<Hop> {
        let worst = |status| Hop::ALL.into_iter().find(|h| self.hop_status(*h) == status);
        worst(HopStatus::Error).or_else(|| worst(HopStatus::Warning))
    }

    /// Findings grouped by their primary hop in path order, worst first within a hop.
    pub fn review_findings(&self) -> Vec<&Finding> {
        let mut findings: Vec<&Finding> = self.report.findings.iter().collect();
        findings.sort_by_key(|f| (f.hop().index(), std::cmp::Reverse(f.severity)));
        findings
    }

    /// The CIDR editor's rows; while a value is typed, those of the plan before typing.
    pub fn cidr_rows(&self) -> Vec<CidrRow> {
        cidr_rows(self.draft.as_ref().map_or(&self.plan, |d| &d.before))
    }

    /// The CIDR row under the cursor.
    pub fn cidr_row(&self) -> CidrRow {
        let rows = self.cidr_rows();
        rows[self.cidr_cursor.min(rows.len() - 1)]
    }

    /// Runs `f` on the autosave with the rest of the app to read.
    pub fn with_autosave<T>(&mut self, f: impl FnOnce(&mut Autosave, &App) -> T) -> T {
        let mut autosave = std::mem::take(&mut self.autosave);
        let out = f(&mut autosave, self);
        self.autosave = autosave;
        out
    }

    /// Sets a status-bar message.
    pub fn say(&mut self, kind: MessageKind, text: impl Into<String>) {
        self.message = Some(Message {
            kind,
            text: text.into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::glyphs::UNICODE;

    #[test]
    fn tab_visits_every_pane_and_comes_back() {
        let mut p = Pane::Steps;
        for _ in 0..4 {
            p = p.cycle(true);
        }
        assert_eq!(p, Pane::Steps);
        assert_eq!(Pane::Steps.cycle(false), Pane::Topology);
    }

    #[test]
    fn the_example_opens_clean_on_the_region_step() {
        let app = App::example(Theme::default_dark(), UNICODE);
        assert!(!app.dirty());
        assert_eq!((app.step, app.focus), (Step::Region, Pane::Steps));
        assert_eq!(app.regions.selected().unwrap().id, "cn-hangzhou");
    }
}
