//! Keys to actions. Each context has one table of bindings (in `tables`); the same
//! tables drive the key lookup, the help overlay and the status-line hints, so they
//! cannot disagree.

mod survey_tables;
mod tables;

pub use tables::{Binding, GLOBAL, Help, TEXT_GLOBAL, bindings};

use super::app::{App, Mode, Overlay, Pane, Step};
use super::components::region::RegionMode;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest;

/// Everything a key can ask for. `update` is the only place that acts on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit, asking first when there are unsaved changes.
    Quit,
    /// Save the plan to its file (or ask where, for the example).
    Save,
    /// Open or close the help overlay.
    ToggleHelp,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the walkthrough on the selected hop.
    OpenWalkthrough,
    /// Leave the walkthrough: back to the wizard, or quit when it was started alone.
    CloseWalkthrough,
    /// The next walkthrough slide.
    NextSlide,
    /// The previous walkthrough slide.
    PrevSlide,
    /// The first walkthrough slide: the title.
    FirstSlide,
    /// The last walkthrough slide.
    LastSlide,
    /// Open the export dialog.
    OpenExport,
    /// Write the export the dialog describes.
    WriteExport,
    /// Close the export dialog without writing.
    CloseExport,
    /// Jump to a wizard step.
    GoToStep(Step),
    /// Select the hop towards the data center.
    PrevHop,
    /// Select the hop towards the VPC.
    NextHop,
    /// Move the cursor (or scroll) up one line.
    Up,
    /// Move the cursor (or scroll) down one line.
    Down,
    /// Up one page.
    PageUp,
    /// Down one page.
    PageDown,
    /// Open the step under the cursor in the steps pane.
    OpenStep,
    /// Leave the step body for the steps pane.
    Back,
    /// Show the selected hop's details.
    ShowDetails,
    /// Use the region under the cursor.
    ChooseRegion,
    /// Start typing a region filter.
    StartFilter,
    /// Clear the region filter and browse the whole list again.
    ClearFilter,
    /// Use the CNI or transit under the cursor.
    Choose,
    /// Edit the CIDR row under the cursor (add on an add row, toggle on scope).
    EditRow,
    /// Add an entry to the list under the cursor.
    AddEntry,
    /// Delete the entry under the cursor, or clear the single value.
    DeleteEntry,
    /// Keep the value being typed.
    CommitDraft,
    /// Drop the value being typed and restore the old one.
    CancelDraft,
    /// Go to the step (and row) that fixes the finding under the cursor.
    JumpToFix,
    /// Save to the path in the save step's box.
    SaveToPath,
    /// Quit after saving.
    SaveAndQuit,
    /// Quit without saving.
    DiscardAndQuit,
    /// Stay.
    CancelQuit,
    /// Continue with the draft an earlier session left.
    RestoreDraft,
    /// Delete the draft an earlier session left and continue with the file.
    DiscardDraft,
    /// Another edgeplan edits this plan: review it here without changing it.
    OpenReadOnly,
    /// Another edgeplan edits this plan: edit here too, with a draft of this instance's own.
    TakeOver,
    /// Take back the last edit of the plan.
    Undo,
    /// Do again the last edit undone.
    Redo,
    /// Show the latest messages again (or close them).
    ToggleMessages,
    /// Survey the selected hop, or mark it not surveyed (its entries stay in undo).
    ToggleSurveyed,
    /// Move to the next box of a form.
    NextField,
    /// Move to the previous box of a form.
    PrevField,
    /// Open the box to paste a device's output into.
    OpenPaste,
    /// Import the pasted output into the hop's survey.
    ConfirmImport,
    /// Text editing in the focused box.
    Type(InputRequest),
}

impl Action {
    /// True when the action changes or saves the plan: read-only mode refuses it, so
    /// its hint is not shown there.
    pub fn changes_plan(self) -> bool {
        matches!(
            self,
            Action::Save
                | Action::SaveToPath
                | Action::ChooseRegion
                | Action::Choose
                | Action::EditRow
                | Action::AddEntry
                | Action::DeleteEntry
                | Action::ToggleSurveyed
                | Action::OpenPaste
                | Action::ConfirmImport
                | Action::Undo
                | Action::Redo
        )
    }
}

/// Where the keys go now; each has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The steps pane.
    Steps,
    /// The topology pane.
    Topology,
    /// The details pane.
    Details,
    /// The region step, browsing the list (`/` filters).
    Region,
    /// The region step, typing the filter.
    RegionFilter,
    /// The CNI or transit step.
    Choice,
    /// The CIDR step.
    Cidrs,
    /// Typing a CIDR value.
    CidrDraft,
    /// The review step.
    Review,
    /// The save step (typing edits the path).
    SavePath,
    /// The survey step, browsing the selected hop's routes or rules.
    Survey,
    /// Filling in a route, rule or setting of the survey.
    SurveyForm,
    /// Pasting a device's output for import.
    SurveyPaste,
    /// The flows step.
    Flows,
    /// The walkthrough.
    Walkthrough,
    /// The help overlay.
    Help,
    /// The quit question.
    ConfirmQuit,
    /// The question whether to restore an earlier session's draft.
    RestoreDraft,
    /// The question what to do about another edgeplan on this plan.
    OpenElsewhere,
    /// The load-error screen.
    LoadFailed,
    /// The latest messages, recalled.
    Messages,
    /// The export dialog (typing edits the path).
    Export,
    /// The terminal is too small to show anything but that.
    TooSmall,
}

impl Context {
    /// True when printable keys are text in this context.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Context::RegionFilter
                | Context::CidrDraft
                | Context::SavePath
                | Context::Export
                | Context::SurveyForm
                | Context::SurveyPaste
        )
    }

    /// A title for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Steps => "Steps pane",
            Context::Topology => "Path pane",
            Context::Details => "Hop details pane",
            Context::Region => "Region step",
            Context::RegionFilter => "Filtering regions",
            Context::Choice => "Choice step",
            Context::Cidrs => "CIDRs step",
            Context::CidrDraft => "Typing a CIDR value",
            Context::Review => "Review step",
            Context::SavePath => "Save step",
            Context::Survey => "Survey step",
            Context::SurveyForm => "Typing a surveyed entry",
            Context::SurveyPaste => "Pasting a device's output",
            Context::Flows => "Flows step",
            Context::Walkthrough => "Walkthrough",
            Context::Help => "Help",
            Context::ConfirmQuit => "Quit?",
            Context::RestoreDraft => "Restore unsaved changes?",
            Context::OpenElsewhere => "Open in another edgeplan",
            Context::LoadFailed => "Plan not loaded",
            Context::Messages => "Messages",
            Context::Export => "Export",
            Context::TooSmall => "Terminal too small",
        }
    }
}

/// A key as bindings name it; Shift is ignored for characters (it is in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

/// The context the keys go to now.
pub fn context(app: &App) -> Context {
    if app.too_small() {
        return Context::TooSmall;
    }
    match app.overlay {
        Some(Overlay::Messages) => Context::Messages,
        Some(Overlay::ConfirmQuit) => Context::ConfirmQuit,
        Some(Overlay::RestoreDraft) => Context::RestoreDraft,
        Some(Overlay::OpenElsewhere) => Context::OpenElsewhere,
        Some(Overlay::Help) => Context::Help,
        Some(Overlay::Export) => Context::Export,
        None => base_context(app),
    }
}

/// The context under any overlay: what help describes.
pub fn base_context(app: &App) -> Context {
    match app.mode {
        Mode::LoadFailed => Context::LoadFailed,
        Mode::Walkthrough => Context::Walkthrough,
        Mode::Wizard => match app.focus {
            Pane::Steps => Context::Steps,
            Pane::Topology => Context::Topology,
            Pane::Details => Context::Details,
            Pane::Body => match app.step {
                Step::Region if app.components.region.mode == RegionMode::Filter => {
                    Context::RegionFilter
                }
                Step::Region => Context::Region,
                Step::Cni | Step::Transit => Context::Choice,
                Step::Cidrs if app.components.cidrs.draft.is_some() => Context::CidrDraft,
                Step::Cidrs => Context::Cidrs,
                Step::Review => Context::Review,
                Step::Save => Context::SavePath,
                Step::Survey if app.components.survey.form.is_some() => Context::SurveyForm,
                Step::Survey if app.components.survey.paste.is_some() => Context::SurveyPaste,
                Step::Survey => Context::Survey,
                Step::Flows => Context::Flows,
            },
        },
    }
}

fn normalise(key: KeyEvent) -> Key {
    let mods = match key.code {
        // Shift is part of the character (`?`, `G`) and of BackTab.
        KeyCode::Char(_) | KeyCode::BackTab => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    Key(key.code, mods)
}

/// The action for a key in a context: the tables first, then text editing.
pub fn keymap(ctx: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let pressed = normalise(key);
    let found = bindings(ctx)
        .into_iter()
        .flatten()
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action);
    if found.is_some() || !ctx.is_text() {
        return found;
    }
    tui_input::backend::crossterm::to_input_request(&Event::Key(key)).map(Action::Type)
}

#[cfg(test)]
mod tests;
