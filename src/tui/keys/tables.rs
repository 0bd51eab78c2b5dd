//! The key tables: one per context, plus the shared ones. Help and the status line
//! read the same tables, so they cannot disagree with the keys.

use super::{Action, Context, Key};
use crate::tui::app::Step;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

pub(super) const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
pub(super) const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
pub(super) const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

/// How help lists a binding: the keys as written, and what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    /// The keys as help and the status line write them: `Enter`, `↑/k`.
    pub label: &'static str,
    /// What it does.
    pub text: &'static str,
}

/// One line of a context's key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// What it does.
    pub action: Action,
    /// How help lists it; `None` for a key help lists with another (`2`..`6` under `1-6`).
    pub help: Option<Help>,
    /// The word the status line shows after the key; `None` when not shown there.
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The same binding, shown in the status line as `word`.
    pub(super) const fn hint(self, word: &'static str) -> Binding {
        Binding {
            hint: Some(word),
            ..self
        }
    }

    /// True when the status line shows the hint whatever room it has: help and quit,
    /// so a user is never left without a way out.
    pub fn always_hinted(&self) -> bool {
        matches!(self.action, Action::ToggleHelp | Action::Quit)
    }
}

/// A binding help lists as `label`: `text`.
pub(super) const fn b(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    text: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        help: Some(Help { label, text }),
        hint: None,
    }
}

/// A binding help lists with another one.
const fn also(keys: &'static [Key], action: Action) -> Binding {
    Binding {
        keys,
        action,
        help: None,
        hint: None,
    }
}

use Action as A;
use KeyCode as C;

pub(super) const UP: &[Key] = &[code(C::Up), k('k')];
pub(super) const DOWN: &[Key] = &[code(C::Down), k('j')];
#[rustfmt::skip]
pub(super) const PAGES: [Binding; 2] = [
    b(&[code(C::PageUp)], "PgUp", A::PageUp, "up one page"),
    b(&[code(C::PageDown)], "PgDn", A::PageDown, "down one page"),
];

/// Keys that work in every context that is not typing text.
#[rustfmt::skip]
pub const GLOBAL: &[Binding] = &[
    b(&[code(C::Left), k('h')], "←/h", A::PrevHop, "previous hop (towards the data center)"),
    b(&[code(C::Right), k('l')], "→/l", A::NextHop, "next hop (towards the VPC)"),
    b(&[code(C::Tab)], "Tab", A::NextPane, "next pane").hint("pane"),
    b(&[code(C::BackTab)], "S-Tab", A::PrevPane, "previous pane"),
    b(&[k('w')], "w", A::OpenWalkthrough, "walkthrough: slides for a customer call, one hop each"),
    b(&[k('1')], "1-8", A::GoToStep(Step::Region), "go to a step: Region, CNI, Transit, CIDRs, Review, Save, Survey, Flows"),
    // Listed once in help, as "1-8" above.
    also(&[k('2')], A::GoToStep(Step::Cni)),
    also(&[k('3')], A::GoToStep(Step::Transit)),
    also(&[k('4')], A::GoToStep(Step::Cidrs)),
    also(&[k('5')], A::GoToStep(Step::Review)),
    also(&[k('6')], A::GoToStep(Step::Save)),
    also(&[k('7')], A::GoToStep(Step::Survey)),
    also(&[k('8')], A::GoToStep(Step::Flows)),
    b(&[ctrl('s')], "^S", A::Save, "save the plan").hint("save"),
    b(&[k('u')], "u", A::Undo, "undo the last edit of the plan").hint("undo"),
    b(&[ctrl('r')], "^R", A::Redo, "redo the edit undone").hint("redo"),
    b(&[k('m')], "m", A::ToggleMessages, "messages: the latest ones again, whole"),
    b(&[k('x')], "x", A::OpenExport, "export: Markdown, JSON or TOML, next to the plan"),
    b(&[k('?'), code(C::F(1))], "?", A::ToggleHelp, "help: the keys of this context").hint("help"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit (asks when there are unsaved changes)").hint("quit"),
];

/// Keys that work while typing text, where letters are text.
#[rustfmt::skip]
pub const TEXT_GLOBAL: &[Binding] = &[
    b(&[ctrl('s')], "^S", A::Save, "save the plan").hint("save"),
    b(&[code(C::F(1))], "F1", A::ToggleHelp, "help: the keys of this context").hint("help"),
    b(&[ctrl('c')], "^C", A::Quit, "quit (asks when there are unsaved changes)").hint("quit"),
];

#[rustfmt::skip]
const STEPS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous step"),
    b(DOWN, "↓/j", A::Down, "next step"),
    b(&[code(C::Enter), k(' ')], "Enter", A::OpenStep, "work on this step").hint("open"),
];

#[rustfmt::skip]
const TOPOLOGY: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::ShowDetails, "show this hop's details").hint("details"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const DETAILS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "scroll up"),
    b(DOWN, "↓/j", A::Down, "scroll down"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const REGION: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous region"),
    b(DOWN, "↓/j", A::Down, "next region"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter), k(' ')], "Enter", A::ChooseRegion, "use this region and go on").hint("choose"),
    b(&[k('/')], "/", A::StartFilter, "filter: type part of an id or name").hint("filter"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const REGION_FILTER: &[Binding] = &[
    b(&[code(C::Up)], "↑", A::Up, "previous region"),
    b(&[code(C::Down)], "↓", A::Down, "next region"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter)], "Enter", A::ChooseRegion, "use the highlighted region and go on").hint("choose"),
    b(&[code(C::Esc)], "Esc", A::ClearFilter, "leave the filter, clearing it").hint("leave filter"),
];

#[rustfmt::skip]
const CHOICE: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous option"),
    b(DOWN, "↓/j", A::Down, "next option"),
    b(&[code(C::Enter), k(' ')], "Enter", A::Choose, "use this option and go on").hint("choose"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const CIDRS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous row"),
    b(DOWN, "↓/j", A::Down, "next row"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter), k('e'), k(' ')], "Enter", A::EditRow, "edit the row (add on \"+ add\", switch scope)").hint("edit"),
    b(&[k('a')], "a", A::AddEntry, "add an entry to this list").hint("add"),
    b(&[k('d'), code(C::Delete)], "d", A::DeleteEntry, "delete the entry, or unset the value").hint("delete"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const CIDR_DRAFT: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::CommitDraft, "keep the value (refused while invalid)").hint("keep"),
    b(&[code(C::Esc)], "Esc", A::CancelDraft, "drop the typing, restore the old value").hint("cancel"),
    b(&[k('?')], "?", A::ToggleHelp, "help"),
];

#[rustfmt::skip]
const REVIEW: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous finding"),
    b(DOWN, "↓/j", A::Down, "next finding"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter)], "Enter", A::JumpToFix, "go to the step that fixes it").hint("fix it"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

#[rustfmt::skip]
const SAVE_PATH: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::SaveToPath, "save to this path").hint("save"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps").hint("back"),
    b(&[code(C::Tab)], "Tab", A::NextPane, "next pane"),
    b(&[code(C::BackTab)], "S-Tab", A::PrevPane, "previous pane"),
];

#[rustfmt::skip]
const WALKTHROUGH: &[Binding] = &[
    b(&[code(C::Right), code(C::PageDown), k('l'), k(' ')], "→/PgDn", A::NextSlide, "next slide").hint("next"),
    b(&[code(C::Left), code(C::PageUp), k('h'), code(C::Backspace)], "←/PgUp", A::PrevSlide, "previous slide").hint("prev"),
    b(&[code(C::Home), k('g')], "Home", A::FirstSlide, "first slide: the plan's title"),
    b(&[code(C::End), k('G')], "End", A::LastSlide, "last slide"),
    b(UP, "↑/k", A::Up, "scroll the slide up"),
    b(DOWN, "↓/j", A::Down, "scroll the slide down"),
    b(&[ctrl('u')], "^U", A::PageUp, "scroll the slide up one page"),
    b(&[ctrl('d')], "^D", A::PageDown, "scroll the slide down one page"),
    b(&[code(C::Esc), k('w')], "Esc", A::CloseWalkthrough, "leave the slides (quits when started as edgeplan walkthrough)").hint("back"),
    b(&[k('m')], "m", A::ToggleMessages, "messages: the latest ones again, whole"),
    b(&[k('?'), code(C::F(1))], "?", A::ToggleHelp, "help").hint("help"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit (asks when there are unsaved changes)").hint("quit"),
];

#[rustfmt::skip]
const EXPORT: &[Binding] = &[
    b(&[code(C::Up)], "↑", A::Up, "previous format"),
    b(&[code(C::Down)], "↓", A::Down, "next format"),
    b(&[code(C::Enter)], "Enter", A::WriteExport, "write the export to the path").hint("export"),
    b(&[code(C::Esc)], "Esc", A::CloseExport, "close without writing").hint("cancel"),
    b(&[code(C::F(1))], "F1", A::ToggleHelp, "help").hint("help"),
    b(&[ctrl('c')], "^C", A::Quit, "quit (asks when there are unsaved changes)").hint("quit"),
];

#[rustfmt::skip]
const HELP: &[Binding] = &[
    b(&[code(C::Esc), k('?'), k('q'), code(C::Enter), code(C::F(1))], "Esc/?", A::ToggleHelp, "close help").hint("close"),
];

#[rustfmt::skip]
const CONFIRM_QUIT: &[Binding] = &[
    b(&[k('y'), k('s')], "y", A::SaveAndQuit, "save, then quit").hint("save & quit"),
    b(&[k('n'), k('d')], "n", A::DiscardAndQuit, "quit without saving").hint("discard"),
    b(&[code(C::Esc), k('c')], "Esc", A::CancelQuit, "stay").hint("stay"),
    b(&[ctrl('c')], "^C", A::DiscardAndQuit, "quit without saving"),
];

#[rustfmt::skip]
const RESTORE_DRAFT: &[Binding] = &[
    b(&[k('r'), code(C::Enter)], "r", A::RestoreDraft, "restore the unsaved changes").hint("restore"),
    b(&[k('d')], "d", A::DiscardDraft, "discard them and open the file as it is").hint("discard"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit, keeping the draft for later").hint("quit"),
];

#[rustfmt::skip]
const OPEN_ELSEWHERE: &[Binding] = &[
    b(&[k('r')], "r", A::OpenReadOnly, "open it read-only here").hint("read-only"),
    b(&[k('t')], "t", A::TakeOver, "take over: edit here too, with a draft of its own").hint("take over"),
    b(&[k('q'), code(C::Esc), ctrl('c')], "q", A::Quit, "quit").hint("quit"),
];

#[rustfmt::skip]
const MESSAGES: &[Binding] = &[
    b(&[code(C::Esc), k('m'), k('q'), code(C::Enter)], "Esc/m", A::ToggleMessages, "close the messages").hint("close"),
];

#[rustfmt::skip]
const TOO_SMALL: &[Binding] = &[
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit (asks when there are unsaved changes)").hint("quit"),
];

#[rustfmt::skip]
const LOAD_FAILED: &[Binding] = &[
    b(&[k('q'), code(C::Esc), code(C::Enter), ctrl('c')], "q", A::Quit, "quit (the file is left as it is)").hint("quit"),
];

/// The key tables of a context: its own first, then the shared ones that apply.
pub fn bindings(ctx: Context) -> Vec<&'static [Binding]> {
    let own: &'static [Binding] = match ctx {
        Context::Steps => STEPS,
        Context::Topology => TOPOLOGY,
        Context::Details => DETAILS,
        Context::Region => REGION,
        Context::RegionFilter => REGION_FILTER,
        Context::Choice => CHOICE,
        Context::Cidrs => CIDRS,
        Context::CidrDraft => CIDR_DRAFT,
        Context::Review => REVIEW,
        Context::SavePath => SAVE_PATH,
        Context::Survey => super::survey_tables::SURVEY,
        Context::SurveyForm => super::survey_tables::SURVEY_FORM,
        Context::SurveyPaste => super::survey_tables::SURVEY_PASTE,
        Context::Flows => super::survey_tables::FLOWS,
        Context::Walkthrough => WALKTHROUGH,
        Context::Help => HELP,
        Context::ConfirmQuit => CONFIRM_QUIT,
        Context::RestoreDraft => RESTORE_DRAFT,
        Context::OpenElsewhere => OPEN_ELSEWHERE,
        Context::LoadFailed => LOAD_FAILED,
        Context::Messages => MESSAGES,
        Context::Export => EXPORT,
        Context::TooSmall => TOO_SMALL,
    };
    match ctx {
        Context::Walkthrough
        | Context::Help
        | Context::ConfirmQuit
        | Context::RestoreDraft
        | Context::OpenElsewhere
        | Context::LoadFailed
        | Context::Messages
        | Context::Export
        | Context::TooSmall => {
            vec![own]
        }
        c if c.is_text() => vec![own, TEXT_GLOBAL],
        _ => vec![own, GLOBAL],
    }
}
