//! Keys to actions. Each context has one table of bindings; the same tables drive the
//! key lookup, the help overlay and the status-line hints, so they cannot disagree.

use super::app::{App, Mode, Overlay, Pane, Step};
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
    /// Leave the walkthrough.
    CloseWalkthrough,
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
    /// Clear the region filter, or go back when it is empty.
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
    /// Text editing in the focused box.
    Type(InputRequest),
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
    /// The region step (typing filters).
    Region,
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
}

impl Context {
    /// True when printable keys are text in this context.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Context::Region | Context::CidrDraft | Context::SavePath
        )
    }

    /// A title for the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Steps => "Steps pane",
            Context::Topology => "Path pane",
            Context::Details => "Hop details pane",
            Context::Region => "Region step",
            Context::Choice => "Choice step",
            Context::Cidrs => "CIDRs step",
            Context::CidrDraft => "Typing a CIDR value",
            Context::Review => "Review step",
            Context::SavePath => "Save step",
            Context::Walkthrough => "Walkthrough",
            Context::Help => "Help",
            Context::ConfirmQuit => "Quit?",
            Context::RestoreDraft => "Restore unsaved changes?",
            Context::OpenElsewhere => "Open in another edgeplan",
            Context::LoadFailed => "Plan not loaded",
        }
    }
}

/// A key as bindings name it; Shift is ignored for characters (it is in the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

/// One line of a context's key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// How help and the status line write the keys; empty for a key help lists with another.
    pub label: &'static str,
    /// What it does.
    pub action: Action,
    /// What help says it does.
    pub help: &'static str,
    /// The word the status line shows after the key; empty when not shown there.
    pub hint: &'static str,
}

const fn b(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        hint,
    }
}

use Action as A;
use KeyCode as C;

const UP: &[Key] = &[code(C::Up), k('k')];
const DOWN: &[Key] = &[code(C::Down), k('j')];
#[rustfmt::skip]
const PAGES: [Binding; 2] = [
    b(&[code(C::PageUp)], "PgUp", A::PageUp, "up one page", ""),
    b(&[code(C::PageDown)], "PgDn", A::PageDown, "down one page", ""),
];

/// Keys that work in every context that is not typing text.
#[rustfmt::skip]
pub const GLOBAL: &[Binding] = &[
    b(&[code(C::Left), k('h')], "←/h", A::PrevHop, "previous hop (towards the data center)", ""),
    b(&[code(C::Right), k('l')], "→/l", A::NextHop, "next hop (towards the VPC)", ""),
    b(&[code(C::Tab)], "Tab", A::NextPane, "next pane", "pane"),
    b(&[code(C::BackTab)], "S-Tab", A::PrevPane, "previous pane", ""),
    b(&[k('w')], "w", A::OpenWalkthrough, "walkthrough: the path one hop at a time", ""),
    b(&[k('1')], "1-6", A::GoToStep(Step::Region), "go to a step: Region, CNI, Transit, CIDRs, Review, Save", ""),
    // Listed once in help, as "1-6" above.
    b(&[k('2')], "", A::GoToStep(Step::Cni), "", ""),
    b(&[k('3')], "", A::GoToStep(Step::Transit), "", ""),
    b(&[k('4')], "", A::GoToStep(Step::Cidrs), "", ""),
    b(&[k('5')], "", A::GoToStep(Step::Review), "", ""),
    b(&[k('6')], "", A::GoToStep(Step::Save), "", ""),
    b(&[ctrl('s')], "^S", A::Save, "save the plan", "save"),
    b(&[k('?'), code(C::F(1))], "?", A::ToggleHelp, "help: the keys of this context", "help"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit (asks when there are unsaved changes)", "quit"),
];

/// Keys that work while typing text, where letters are text.
#[rustfmt::skip]
pub const TEXT_GLOBAL: &[Binding] = &[
    b(&[ctrl('s')], "^S", A::Save, "save the plan", "save"),
    b(&[code(C::F(1))], "F1", A::ToggleHelp, "help: the keys of this context", "help"),
    b(&[ctrl('c')], "^C", A::Quit, "quit (asks when there are unsaved changes)", "quit"),
];

#[rustfmt::skip]
const STEPS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous step", ""),
    b(DOWN, "↓/j", A::Down, "next step", ""),
    b(&[code(C::Enter), k(' ')], "Enter", A::OpenStep, "work on this step", "open"),
];

#[rustfmt::skip]
const TOPOLOGY: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::ShowDetails, "show this hop's details", "details"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", ""),
];

#[rustfmt::skip]
const DETAILS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "scroll up", ""),
    b(DOWN, "↓/j", A::Down, "scroll down", ""),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", ""),
];

#[rustfmt::skip]
const REGION: &[Binding] = &[
    b(&[code(C::Up)], "↑", A::Up, "previous region", ""),
    b(&[code(C::Down)], "↓", A::Down, "next region", ""),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter)], "Enter", A::ChooseRegion, "use this region and go on", "choose"),
    b(&[code(C::Esc)], "Esc", A::ClearFilter, "clear the filter, then back to the steps", "clear"),
    b(&[code(C::Tab)], "Tab", A::NextPane, "next pane", ""),
    b(&[code(C::BackTab)], "S-Tab", A::PrevPane, "previous pane", ""),
    b(&[k('?')], "?", A::ToggleHelp, "help (letters and digits type into the filter)", ""),
];

#[rustfmt::skip]
const CHOICE: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous option", ""),
    b(DOWN, "↓/j", A::Down, "next option", ""),
    b(&[code(C::Enter), k(' ')], "Enter", A::Choose, "use this option and go on", "choose"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", ""),
];

#[rustfmt::skip]
const CIDRS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous row", ""),
    b(DOWN, "↓/j", A::Down, "next row", ""),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter), k('e'), k(' ')], "Enter", A::EditRow, "edit the row (add on \"+ add\", switch scope)", "edit"),
    b(&[k('a')], "a", A::AddEntry, "add an entry to this list", "add"),
    b(&[k('d'), code(C::Delete)], "d", A::DeleteEntry, "delete the entry, or unset the value", "delete"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", ""),
];

#[rustfmt::skip]
const CIDR_DRAFT: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::CommitDraft, "keep the value (refused while invalid)", "keep"),
    b(&[code(C::Esc)], "Esc", A::CancelDraft, "drop the typing, restore the old value", "cancel"),
    b(&[k('?')], "?", A::ToggleHelp, "help", ""),
];

#[rustfmt::skip]
const REVIEW: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous finding", ""),
    b(DOWN, "↓/j", A::Down, "next finding", ""),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter)], "Enter", A::JumpToFix, "go to the step that fixes it", "fix it"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", ""),
];

#[rustfmt::skip]
const SAVE_PATH: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::SaveToPath, "save to this path", "save"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps", "back"),
    b(&[code(C::Tab)], "Tab", A::NextPane, "next pane", ""),
    b(&[code(C::BackTab)], "S-Tab", A::PrevPane, "previous pane", ""),
];

#[rustfmt::skip]
const WALKTHROUGH: &[Binding] = &[
    b(&[code(C::Right), k('l'), k(' ')], "→/l/Space", A::NextHop, "next hop", "next hop"),
    b(&[code(C::Left), k('h'), code(C::Backspace)], "←/h", A::PrevHop, "previous hop", "prev hop"),
    b(UP, "↑/k", A::Up, "scroll up", ""),
    b(DOWN, "↓/j", A::Down, "scroll down", ""),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Esc), k('w')], "Esc/w", A::CloseWalkthrough, "back to the wizard", "wizard"),
    b(&[ctrl('s')], "^S", A::Save, "save the plan", ""),
    b(&[k('?'), code(C::F(1))], "?", A::ToggleHelp, "help", "help"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit (asks when there are unsaved changes)", "quit"),
];

#[rustfmt::skip]
const HELP: &[Binding] = &[b(
    &[code(C::Esc), k('?'), k('q'), code(C::Enter), code(C::F(1))],
    "Esc/?",
    A::ToggleHelp,
    "close help",
    "close",
)];

#[rustfmt::skip]
const CONFIRM_QUIT: &[Binding] = &[
    b(&[k('y'), k('s')], "y", A::SaveAndQuit, "save, then quit", "save & quit"),
    b(&[k('n'), k('d')], "n", A::DiscardAndQuit, "quit without saving", "discard"),
    b(&[code(C::Esc), k('c')], "Esc", A::CancelQuit, "stay", "stay"),
    b(&[ctrl('c')], "^C", A::DiscardAndQuit, "quit without saving", ""),
];

#[rustfmt::skip]
const RESTORE_DRAFT: &[Binding] = &[
    b(&[k('r'), code(C::Enter)], "r", A::RestoreDraft, "restore the unsaved changes", "restore"),
    b(&[k('d')], "d", A::DiscardDraft, "discard them and open the file as it is", "discard"),
    b(&[k('q'), ctrl('c')], "q", A::Quit, "quit, keeping the draft for later", "quit"),
];

#[rustfmt::skip]
const OPEN_ELSEWHERE: &[Binding] = &[
    b(&[k('r')], "r", A::OpenReadOnly, "open it read-only here", "read-only"),
    b(&[k('t')], "t", A::TakeOver, "take over: edit here too, with a draft of its own", "take over"),
    b(&[k('q'), code(C::Esc), ctrl('c')], "q", A::Quit, "quit", "quit"),
];

#[rustfmt::skip]
const LOAD_FAILED: &[Binding] = &[b(
    &[k('q'), code(C::Esc), code(C::Enter), ctrl('c')],
    "q",
    A::Quit,
    "quit (the file is left as it is)",
    "quit",
)];

/// The context the keys go to now.
pub fn context(app: &App) -> Context {
    match app.overlay {
        Some(Overlay::ConfirmQuit) => Context::ConfirmQuit,
        Some(Overlay::RestoreDraft) => Context::RestoreDraft,
        Some(Overlay::OpenElsewhere) => Context::OpenElsewhere,
        Some(Overlay::Help) => Context::Help,
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
                Step::Region => Context::Region,
                Step::Cni | Step::Transit => Context::Choice,
                Step::Cidrs if app.draft.is_some() => Context::CidrDraft,
                Step::Cidrs => Context::Cidrs,
                Step::Review => Context::Review,
                Step::Save => Context::SavePath,
            },
        },
    }
}

/// The key tables of a context: its own first, then the shared ones that apply.
pub fn bindings(ctx: Context) -> Vec<&'static [Binding]> {
    let own: &'static [Binding] = match ctx {
        Context::Steps => STEPS,
        Context::Topology => TOPOLOGY,
        Context::Details => DETAILS,
        Context::Region => REGION,
        Context::Choice => CHOICE,
        Context::Cidrs => CIDRS,
        Context::CidrDraft => CIDR_DRAFT,
        Context::Review => REVIEW,
        Context::SavePath => SAVE_PATH,
        Context::Walkthrough => WALKTHROUGH,
        Context::Help => HELP,
        Context::ConfirmQuit => CONFIRM_QUIT,
        Context::RestoreDraft => RESTORE_DRAFT,
        Context::OpenElsewhere => OPEN_ELSEWHERE,
        Context::LoadFailed => LOAD_FAILED,
    };
    match ctx {
        Context::Walkthrough
        | Context::Help
        | Context::ConfirmQuit
        | Context::RestoreDraft
        | Context::OpenElsewhere
        | Context::LoadFailed => {
            vec![own]
        }
        c if c.is_text() => vec![own, TEXT_GLOBAL],
        _ => vec![own, GLOBAL],
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
mod tests {
    use super::*;

    fn press(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn letters_type_into_the_region_filter_but_quit_elsewhere() {
        assert_eq!(
            keymap(Context::Region, press(KeyCode::Char('q'))),
            Some(Action::Type(InputRequest::InsertChar('q')))
        );
        assert_eq!(
            keymap(Context::Steps, press(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn shift_tab_and_question_mark_match_with_shift_held() {
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(keymap(Context::Steps, back), Some(Action::PrevPane));
        let q = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(keymap(Context::Cidrs, q), Some(Action::ToggleHelp));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let all = [
            Context::Steps,
            Context::Topology,
            Context::Details,
            Context::Region,
            Context::Choice,
            Context::Cidrs,
            Context::CidrDraft,
            Context::Review,
            Context::SavePath,
            Context::Walkthrough,
            Context::Help,
            Context::ConfirmQuit,
            Context::RestoreDraft,
            Context::OpenElsewhere,
            Context::LoadFailed,
        ];
        for ctx in all {
            let keys: Vec<Key> = bindings(ctx)
                .into_iter()
                .flatten()
                .flat_map(|b| b.keys.iter().copied())
                .collect();
            for (i, key) in keys.iter().enumerate() {
                // A context's own table may shadow a shared key on purpose only when the action agrees.
                let later: Vec<_> = keys[i + 1..].iter().filter(|k| *k == key).collect();
                let actions: Vec<Action> = bindings(ctx)
                    .into_iter()
                    .flatten()
                    .filter(|b| b.keys.contains(key))
                    .map(|b| b.action)
                    .collect();
                assert!(
                    later.is_empty() || actions.windows(2).all(|w| w[0] == w[1]),
                    "{ctx:?}: {key:?} -> {actions:?}"
                );
            }
        }
    }
}
