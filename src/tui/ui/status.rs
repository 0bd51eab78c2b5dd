//! The status line: the file, the unsaved-changes mark, then the latest message or the
//! keys that apply now.

use super::span;
use super::text::{truncate_left, width};
use crate::tui::app::App;
use crate::tui::keys::{Action, Binding, bindings, context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// How much a hint matters when the status line is short of room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// Shown whatever the room: help and quit, a way out.
    Always,
    /// Shown before the rest: saving a modified plan, undoing an edit.
    First,
    /// As room allows, in table order.
    Rest,
}

/// The priority of a binding's hint now.
fn priority(app: &App, binding: &Binding) -> Priority {
    match binding.action {
        _ if binding.always_hinted() => Priority::Always,
        Action::Save | Action::SaveToPath if app.dirty() => Priority::First,
        Action::Undo | Action::Redo => Priority::First,
        _ => Priority::Rest,
    }
}

/// The key hints for the current context in table order: the key, the word, and how
/// much it matters when room is short. Only keys that do something now, and each word once
/// (the step's own key wins over a shared one, so the Save step shows "Enter save" and
/// not "^S save" beside it).
pub fn hints(app: &App) -> Vec<(&'static str, &'static str, Priority)> {
    let mut shown: Vec<(&'static str, &'static str, Priority)> = Vec::new();
    for b in bindings(context(app)).into_iter().flatten() {
        let (Some(help), Some(word)) = (b.help, hint_word(app, b)) else {
            continue;
        };
        if !shown.iter().any(|(_, w, _)| *w == word) {
            shown.push((help.label, word, priority(app, b)));
        }
    }
    shown
}

/// The word a binding shows now; `None` when it has no hint or would do nothing.
fn hint_word(app: &App, binding: &Binding) -> Option<&'static str> {
    match binding.action {
        Action::JumpToFix if app.step() == crate::tui::app::Step::Flows => app
            .selected_flow()
            .and_then(|f| f.trace.as_ref())
            .filter(|t| t.verdict.id() != "delivered")
            .and(binding.hint),
        Action::JumpToFix if app.review_findings().is_empty() => None,
        a if a.changes_plan() && app.read_only() => None,
        Action::Undo if app.session.history().undoable() == 0 => None,
        Action::Redo if app.session.history().redoable() == 0 => None,
        Action::CommitDraft if app.draft().is_some_and(|d| d.error.is_some()) => None,
        _ => binding.hint,
    }
}

/// Which hints fit in `room` columns: help and quit first, then saving and undoing, then
/// the rest; the columns they take.
fn fit(app: &App, all: &[(&str, &str, Priority)], room: usize) -> (Vec<bool>, usize) {
    let piece = |(key, word, _): &(&str, &str, Priority)| {
        width(&app.glyphs.key_label(key)) + width(word) + 3
    };
    let mut kept = vec![false; all.len()];
    let mut len = 0;
    // By rank, so a lower one never takes a higher one's room.
    for rank in [Priority::Always, Priority::First, Priority::Rest] {
        for (i, hint) in all.iter().enumerate().filter(|(_, h)| h.2 == rank) {
            let p = piece(hint);
            if len + p <= room {
                kept[i] = true;
                len += p;
            }
        }
    }
    (kept, len)
}

/// Draws the status line: the file and the modified mark on the left, the hints on the
/// right. The hints come first; the file name and the mark's word give way to them.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let bar = t.status_bar();
    let total = usize::from(area.width);
    let mut file = app.file_label();
    if app.read_only() {
        file.push_str(" [read-only]");
    }
    let modified = app.dirty() && !app.read_only();
    let mark = format!(" {}", app.glyphs.modified);
    let mark_width = if modified { width(&mark) } else { 0 };
    // The file keeps at least this much of its name.
    let file_min = width(&file).min(20);
    let all = hints(app);
    let (kept, len) = fit(app, &all, total.saturating_sub(2 + file_min + mark_width));
    let left_room = total.saturating_sub(2 + len);
    let word = " modified";
    let with_word = modified && width(&file) + mark_width + width(word) <= left_room;
    let mark_room = mark_width + if with_word { width(word) } else { 0 };
    let shown = truncate_left(
        &file,
        left_room.saturating_sub(mark_room),
        app.glyphs.ellipsis,
    );
    let mut line = vec![span(" ", bar), span(shown, bar)];
    if modified {
        let text = if with_word {
            format!("{mark}{word}")
        } else {
            mark
        };
        line.push(span(text, t.status_modified()));
    }
    line.push(span(" ", bar));
    let used: usize = line.iter().map(Span::width).sum();
    line.push(span(" ".repeat(total.saturating_sub(used + len)), bar));
    for (hint, _) in all.iter().zip(&kept).filter(|(_, k)| **k) {
        line.push(span(
            format!(" {}", app.glyphs.key_label(hint.0)),
            t.status_key(),
        ));
        line.push(span(format!(" {} ", hint.1), bar));
    }
    frame.render_widget(Paragraph::new(Line::from(line)).style(bar), area);
}

/// Draws the latest message on a line of its own: the bottom row of `area` (the panes'
/// lower borders), so it covers no pane's text; a message too long for it is cut, and
/// `m` shows it whole.
pub fn render_message(app: &App, frame: &mut Frame, area: Rect) {
    let Some(message) = &app.message else { return };
    if area.height == 0 {
        return;
    }
    let style = app.theme.message(message.kind);
    let total = usize::from(area.width);
    let lead = format!(" {} ", mark(app, message.kind));
    let mut text = message.text.replace('\n', " ");
    if width(&lead) + width(&text) + 1 > total {
        let tail = " (m: whole)";
        let room = total.saturating_sub(width(&lead) + width(tail) + 1);
        text = format!(
            "{}{tail}",
            super::text::truncate(&text, room, app.glyphs.ellipsis)
        );
    }
    let pad = total.saturating_sub(width(&lead) + width(&text));
    let line = Line::from(vec![
        span(lead, style),
        span(text, style),
        span(" ".repeat(pad), style),
    ]);
    let row = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    frame.render_widget(ratatui::widgets::Clear, row);
    frame.render_widget(Paragraph::new(line).style(style), row);
}

/// The mark before a message: ok or error.
fn mark(app: &App, kind: crate::tui::app::MessageKind) -> &'static str {
    match kind {
        crate::tui::app::MessageKind::Info => app.glyphs.ok,
        crate::tui::app::MessageKind::Error => app.glyphs.error,
    }
}

/// Draws the latest messages, whole and wrapped, newest last, in a box over `area`.
pub fn render_messages(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let width = area.width.min(76);
    let mut d = super::text::Doc::new(width.saturating_sub(2));
    for message in app.messages() {
        let style = app.theme.message(message.kind);
        let lead = format!("{} ", mark(app, message.kind));
        d.wrapped(vec![span(lead, style)], &message.text, t.overlay());
    }
    if d.lines.is_empty() {
        d.line(span("No messages yet.", t.muted()));
    }
    let inner = usize::from(area.height.saturating_sub(2));
    // The newest are the ones wanted: drop the oldest lines that do not fit.
    let skip = d.lines.len().saturating_sub(inner);
    let lines: Vec<Line> = d.lines.into_iter().skip(skip).collect();
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let rect = area.centered(
        ratatui::layout::Constraint::Length(width),
        ratatui::layout::Constraint::Length(height),
    );
    let block = ratatui::widgets::Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(" Messages (Esc or m closes) ", t.overlay_border()));
    frame.render_widget(ratatui::widgets::Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
