//! The application state: the session (the plan and its file), the components (each
//! step's and pane's own state), and where the user is in the wizard. `update` changes
//! it; rendering only reads it.

use super::components::Components;
use super::components::cidrs::CidrRow;
use super::components::draft::Draft;
use super::components::region::RegionPicker;
use super::components::review::review_findings;
use super::glyphs::Glyphs;
pub use super::nav::{Pane, Step};
use super::persist::Document;
use super::session::Session;
use super::theme::Theme;
use crate::checks::{Finding, Report};
use crate::hop::{Hop, HopStatus};
use crate::plan::Plan;
use crate::requirements::HopRequirements;
use crate::store::DiskStamp;
use std::path::Path;

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
    /// The latest messages again, whole.
    Messages,
    /// Export the plan: format and file.
    Export,
}

/// Messages kept for recall.
pub const MESSAGES_KEPT: usize = 20;

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

/// Everything the TUI knows: the session (the plan and its file), the components'
/// state, and where the user is. Fields are open to the `tui` module (its `update` and
/// `ui`); tests and other faces use the read methods below.
#[derive(Debug, Clone)]
pub struct App {
    /// The plan, its file, the checks' findings and the autosave.
    pub(super) session: Session,
    /// Each step's and pane's own state.
    pub(super) components: Components,
    /// What fills the screen.
    pub(super) mode: Mode,
    /// A box over the screen, if any.
    pub(super) overlay: Option<Overlay>,
    /// The current wizard step.
    pub(super) step: Step,
    /// The focused pane.
    pub(super) focus: Pane,
    /// The hop shown in details and outlined in the topology.
    pub(super) hop: Hop,
    /// The status-bar message.
    pub(super) message: Option<Message>,
    /// The latest messages, oldest first, for recall.
    pub(super) messages: std::collections::VecDeque<Message>,
    /// The terminal's size as last drawn (columns, rows); `None` before the first draw.
    pub(super) screen: Option<(u16, u16)>,
    /// Why the plan file could not be read (in `Mode::LoadFailed`).
    pub(super) load_error: Option<String>,
    /// Set when the event loop should stop.
    pub(super) quit: bool,
    /// The plan started as the source's example: its values are samples to replace.
    pub(super) example: bool,
    /// Started as `edgeplan walkthrough`: the slides only, and leaving them quits.
    pub(super) slides_only: bool,
    /// Colours.
    pub theme: Theme,
    /// Drawing characters.
    pub glyphs: Glyphs,
}

/// What the step pane's top border says while the plan started as the source's example.
pub const EXAMPLE_BANNER: &str = " example values: replace them ";

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
            components: Components::new(&plan, save_path),
            session: Session::new(plan, doc),
            mode: Mode::Wizard,
            overlay: None,
            step: Step::Region,
            focus: Pane::Steps,
            hop: Hop::EdgeNode,
            message: None,
            messages: std::collections::VecDeque::new(),
            screen: None,
            load_error: None,
            quit: false,
            example: false,
            slides_only: false,
            theme,
            glyphs,
        };
        app.hop = app.first_broken_hop().unwrap_or(Hop::EdgeNode);
        app
    }

    /// The built-in example, not yet saved anywhere.
    pub fn example(theme: Theme, glyphs: Glyphs) -> App {
        let plan = Plan::example();
        let doc = Document::unsaved(&plan);
        let mut app = App::new(plan, doc, theme, glyphs);
        app.example = true;
        app
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

    /// A new plan named after the file that saves to `path`, which does not exist yet:
    /// empty (the checks flag what is missing), or the source's `example` when asked.
    pub fn new_file(path: &Path, example: bool, theme: Theme, glyphs: Glyphs) -> App {
        let mut plan = if example {
            Plan::example()
        } else {
            Plan::empty()
        };
        plan.meta.name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let doc = Document {
            path: Some(path.to_path_buf()),
            new_file: true,
            ..Document::unsaved(&plan)
        };
        let mut app = App::new(plan, doc, theme, glyphs);
        app.example = example;
        // Said at once, not first at the save an hour later.
        if let Err(problem) = super::persist::check_save_path(path) {
            app.say(MessageKind::Error, problem.explain());
        }
        app
    }

    /// Shows the walkthrough slides only, from the title: leaving them quits.
    pub fn start_slides_only(&mut self) {
        self.slides_only = true;
        self.mode = Mode::Walkthrough;
        self.components.walkthrough.open();
    }

    /// True when started as `edgeplan walkthrough`: the slides only.
    pub fn slides_only(&self) -> bool {
        self.slides_only
    }

    /// The export dialog, while it is open.
    pub fn export_dialog(&self) -> Option<&super::components::export::ExportDialog> {
        self.components.export.as_ref()
    }

    /// True when the plan started as the source's example: a banner says to replace it.
    pub fn started_as_example(&self) -> bool {
        self.example
    }

    /// A screen that shows why `path` could not be read and changes nothing.
    pub fn load_failed(path: &Path, error: String, theme: Theme, glyphs: Glyphs) -> App {
        let mut app = App::example(theme, glyphs);
        app.session.doc_mut().path = Some(path.to_path_buf());
        app.mode = Mode::LoadFailed;
        app.load_error = Some(error);
        app.session.set_read_only(true);
        app
    }

    /// The session: the plan, its file and its draft.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, to change it directly (start-up, tests).
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The components' state.
    pub fn components(&self) -> &Components {
        &self.components
    }

    /// The components' state, to put a cursor where keys would take long (a test or a
    /// bench on 100,000 rows).
    pub fn components_mut(&mut self) -> &mut Components {
        &mut self.components
    }

    /// The plan as edited so far.
    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }

    /// Findings for the plan.
    pub fn report(&self) -> &Report {
        self.session.report()
    }

    /// Requirements of one hop of the plan.
    pub fn hop_requirements(&self, hop: Hop) -> &HopRequirements {
        self.session.hop_requirements(hop)
    }

    /// What fills the screen.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The box over the screen, if any.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    /// The current wizard step.
    pub fn step(&self) -> Step {
        self.step
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The selected hop.
    pub fn hop(&self) -> Hop {
        self.hop
    }

    /// The status-bar message, if any.
    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// True once the event loop should stop.
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// Why the plan file could not be read, on the load-error screen.
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    /// True when nothing may be changed or saved.
    pub fn read_only(&self) -> bool {
        self.session.read_only()
    }

    /// The region step's filter and cursor.
    pub fn regions(&self) -> &RegionPicker {
        &self.components.region
    }

    /// The CIDR value being typed, if any.
    pub fn draft(&self) -> Option<&Draft> {
        self.components.cidrs.draft.as_ref()
    }

    /// True when the plan differs from what was last loaded or saved.
    pub fn dirty(&self) -> bool {
        self.session.changed()
            || self.components.cidrs.draft.is_some()
            || self.components.survey.form.is_some()
    }

    /// The name the status bar shows for the file.
    pub fn file_label(&self) -> String {
        let doc = self.session.doc();
        match &doc.path {
            Some(p) => {
                // Escaped here, before the status line cuts it to fit.
                let name = crate::escape::escape_path(p);
                if doc.new_file {
                    format!("{name} (new file)")
                } else {
                    name
                }
            }
            None => "built-in example".to_string(),
        }
    }
}

mod view;

#[cfg(test)]
mod tests;
