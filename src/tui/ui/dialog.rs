//! The questions drawn over the screen: quit with unsaved changes, and restore the
//! draft an earlier session left.

use super::span;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Draws the question centred over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = vec![
        Line::from(span("The plan has unsaved changes.", t.heading())),
        Line::from(span(format!("File: {}", app.file_label()), t.overlay())),
        Line::default(),
        Line::from(vec![
            span("  y ", t.key()),
            span("save, then quit", t.overlay()),
        ]),
        Line::from(vec![
            span("  n ", t.key()),
            span("quit without saving", t.overlay()),
        ]),
        Line::from(vec![span("  Esc ", t.key()), span("stay", t.overlay())]),
    ];
    boxed(app, frame, area, (" Quit? ", 60), lines);
}

/// Draws the restore question with what the draft changes.
pub fn render_restore(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(recovered) = app.session().recovered() else {
        return;
    };
    let mut lines = vec![
        Line::from(span(
            "An earlier session left unsaved changes.",
            t.heading(),
        )),
        Line::from(span(format!("File: {}", app.file_label()), t.overlay())),
        Line::default(),
    ];
    let room = usize::from(area.height.saturating_sub(10)).max(1);
    for change in recovered.changes.iter().take(room) {
        lines.push(Line::from(span(format!(" {change}"), t.overlay())));
    }
    if recovered.changes.len() > room {
        let more = recovered.changes.len() - room;
        lines.push(Line::from(span(format!(" … and {more} more"), t.overlay())));
    }
    lines.push(Line::default());
    lines.extend(answers(
        app,
        &[
            ("r", "restore them"),
            ("d", "discard them, open the file as it is"),
            ("q", "quit, keep them for later"),
        ],
    ));
    boxed(app, frame, area, (" Restore unsaved changes? ", 76), lines);
}

/// Draws the question what to do about other edgeplans on this plan.
pub fn render_elsewhere(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let Some(elsewhere) = app.session().elsewhere() else {
        return;
    };
    let mut lines = vec![
        Line::from(span("This plan is open in another edgeplan.", t.heading())),
        Line::from(span(format!("File: {}", app.file_label()), t.overlay())),
    ];
    for owner in &elsewhere.owners {
        lines.push(Line::from(span(
            format!(" Open by {}", owner.describe()),
            t.overlay(),
        )));
    }
    lines.push(Line::default());
    lines.extend(answers(
        app,
        &[
            ("r", "open it read-only here"),
            ("t", "take over: edit here too (the other keeps its draft)"),
            ("q", "quit"),
        ],
    ));
    boxed(app, frame, area, (" Open in another edgeplan ", 76), lines);
}

/// One line per answer to a question: its key, then what it does.
fn answers(app: &App, keys: &[(&str, &'static str)]) -> Vec<Line<'static>> {
    let t = &app.theme;
    keys.iter()
        .map(|&(key, what)| {
            Line::from(vec![
                span(format!("  {key} "), t.key()),
                span(what, t.overlay()),
            ])
        })
        .collect()
}

/// A bordered box centred over `area`, sized to its lines.
fn boxed(app: &App, frame: &mut Frame, area: Rect, (title, width): (&str, u16), lines: Vec<Line>) {
    let t = &app.theme;
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let rect = area.centered(
        Constraint::Length(area.width.min(width)),
        Constraint::Length(height.min(area.height)),
    );
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(title, t.overlay_border()));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
