//! The survey and flows steps' key tables, kept apart from the wizard's so each stays short.

use super::tables::{Binding, DOWN, PAGES, UP, b, code, ctrl, k};
use crate::tui::keys::Action as A;
use ratatui::crossterm::event::KeyCode as C;

/// Browsing the selected hop's survey.
#[rustfmt::skip]
pub const SURVEY: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous row"),
    b(DOWN, "↓/j", A::Down, "next row"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter), k('e'), k(' ')], "Enter", A::EditRow, "edit the row (switch on/off rows)").hint("edit"),
    b(&[k('a')], "a", A::AddEntry, "add a route or rule to this hop").hint("add"),
    b(&[k('d'), code(C::Delete)], "d", A::DeleteEntry, "delete the entry, or unset the setting").hint("delete"),
    b(&[k('p')], "p", A::OpenPaste, "paste the device's output to import its routes or rules").hint("paste"),
    b(&[k('s')], "s", A::ToggleSurveyed, "surveyed / not surveyed (undo brings entries back)").hint("surveyed"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];

/// Filling in a route, rule or setting.
#[rustfmt::skip]
pub const SURVEY_FORM: &[Binding] = &[
    b(&[code(C::Enter)], "Enter", A::CommitDraft, "keep the entry (refused while a box is invalid)").hint("keep"),
    b(&[code(C::Esc)], "Esc", A::CancelDraft, "drop the form, change nothing").hint("cancel"),
    b(&[code(C::Tab), code(C::Down)], "Tab/↓", A::NextField, "next box").hint("next box"),
    b(&[code(C::BackTab), code(C::Up)], "S-Tab/↑", A::PrevField, "previous box"),
    b(&[ctrl('u')], "^U", A::Type(tui_input::InputRequest::DeleteLine), "clear the box"),
];

/// The paste box: Enter is a line break, so a paste without bracketed paste arrives whole.
#[rustfmt::skip]
pub const SURVEY_PASTE: &[Binding] = &[
    b(&[ctrl('d')], "^D", A::ConfirmImport, "import: replace the hop's routes or rules with what is pasted").hint("import"),
    b(&[code(C::Esc)], "Esc", A::CancelDraft, "close the box, import nothing").hint("cancel"),
    b(&[code(C::Enter)], "Enter", A::Type(tui_input::InputRequest::InsertChar('\n')), "a line break"),
    b(&[ctrl('u')], "^U", A::Type(tui_input::InputRequest::DeleteLine), "clear the box"),
];

/// The flows step.
#[rustfmt::skip]
pub const FLOWS: &[Binding] = &[
    b(UP, "↑/k", A::Up, "previous flow (its path is drawn on the topology)"),
    b(DOWN, "↓/j", A::Down, "next flow"),
    PAGES[0],
    PAGES[1],
    b(&[code(C::Enter)], "Enter", A::JumpToFix, "survey the hop that stops it (or is not surveyed)").hint("fix it"),
    b(&[code(C::Esc)], "Esc", A::Back, "back to the steps"),
];
