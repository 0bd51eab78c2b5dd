//! The questions drawn over the screen: quit with unsaved changes, restore the draft an
//! earlier session left, another edgeplan on this plan. Each box is sized to its wrapped
//! lines, and the answers are always shown: the list above them is cut first.

use super::span;
use super::text::Doc;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Paragraph};

/// A question: its title, the widest its box gets, the lines above the list, the list
/// (cut to fit, "… and N more"), and the answers (key, what it does).
struct Question<'a> {
    title: &'a str,
    width: u16,
    head: Vec<(String, bool)>,
    list: &'a [String],
    answers: &'a [(&'a str, &'a str)],
}

/// Draws the question centred over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let question = Question {
        title: " Quit? ",
        width: 60,
        head: vec![
            ("The plan has unsaved changes.".into(), true),
            (format!("File: {}", app.file_label()), false),
        ],
        list: &[],
        answers: &[
            ("y", "save, then quit"),
            ("n", "quit without saving"),
            ("Esc", "stay"),
        ],
    };
    boxed(app, frame, area, &question);
}

/// Draws the restore question with what the draft changes.
pub fn render_restore(app: &App, frame: &mut Frame, area: Rect) {
    let Some(recovered) = app.session().recovered() else {
        return;
    };
    let question = Question {
        title: " Restore unsaved changes? ",
        width: 76,
        head: vec![
            ("An earlier session left unsaved changes.".into(), true),
            (format!("File: {}", app.file_label()), false),
        ],
        list: &recovered.changes,
        answers: &[
            ("r", "restore them"),
            ("d", "discard them, open the file as it is"),
            ("q", "quit, keep them for later"),
        ],
    };
    boxed(app, frame, area, &question);
}

/// Draws the question what to do about other edgeplans on this plan.
pub fn render_elsewhere(app: &App, frame: &mut Frame, area: Rect) {
    let Some(elsewhere) = app.session().elsewhere() else {
        return;
    };
    let owners: Vec<String> = elsewhere
        .owners
        .iter()
        .map(|o| format!("Open by {}", o.describe()))
        .collect();
    let question = Question {
        title: " Open in another edgeplan ",
        width: 76,
        head: vec![
            ("This plan is open in another edgeplan.".into(), true),
            (format!("File: {}", app.file_label()), false),
        ],
        list: &owners,
        answers: &[
            ("r", "open it read-only here"),
            ("t", "take over: edit here too (the other keeps its draft)"),
            ("q", "quit"),
        ],
    };
    boxed(app, frame, area, &question);
}

/// The question's lines wrapped to `inner` columns, in at most `height` lines: the
/// head, as much of the list as fits (wrapped lines indented), then every answer.
fn layout(app: &App, q: &Question, inner: u16, height: usize) -> Doc<'static> {
    let t = &app.theme;
    let mut head = Doc::new(inner);
    for (text, heading) in &q.head {
        let style = if *heading { t.heading() } else { t.overlay() };
        head.wrapped(vec![], text, style);
    }
    head.line("");
    let mut answers = Doc::new(inner);
    answers.line("");
    let key_width = q.answers.iter().map(|a| a.0.len()).max().unwrap_or(1);
    for (key, what) in q.answers {
        answers.wrapped(
            vec![span(format!("  {key:<key_width$} "), t.key())],
            what,
            t.overlay(),
        );
    }
    let room = height.saturating_sub(head.lines.len() + answers.lines.len());
    let mut list = Doc::new(inner);
    for (i, item) in q.list.iter().enumerate() {
        let mut one = Doc::new(inner);
        // "key: value" wraps under its value, so the key stands out.
        match item.split_once(": ") {
            Some((key, value)) if key.len() + 3 < usize::from(inner) / 2 => {
                one.wrapped(
                    vec![span(format!(" {key}: "), t.overlay())],
                    value,
                    t.overlay(),
                );
            }
            _ => one.wrapped(vec![Span::raw("  ")], item, t.overlay()),
        }
        let rest = q.list.len() - i;
        // Leave a line for "… and N more" unless this is the last item.
        let need = one.lines.len() + usize::from(rest > 1);
        if list.lines.len() + need > room {
            list.wrapped(
                vec![Span::raw(" ")],
                &format!("… and {rest} more"),
                t.overlay(),
            );
            break;
        }
        list.lines.extend(one.lines);
    }
    if q.list.is_empty() {
        // Without a list the blank line after the head is enough.
        answers.lines.remove(0);
    }
    let mut all = head;
    all.lines.extend(list.lines);
    all.lines.extend(answers.lines);
    all
}

/// A bordered box centred over `area`, sized to the question's wrapped lines.
fn boxed(app: &App, frame: &mut Frame, area: Rect, q: &Question) {
    let t = &app.theme;
    let width = area.width.min(q.width);
    let doc = layout(
        app,
        q,
        width.saturating_sub(2),
        usize::from(area.height.saturating_sub(2)),
    );
    let height = u16::try_from(doc.lines.len() + 2).unwrap_or(u16::MAX);
    let rect = area.centered(
        Constraint::Length(width),
        Constraint::Length(height.min(area.height)),
    );
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(q.title, t.overlay_border()));
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(doc.lines).block(block), rect);
}
