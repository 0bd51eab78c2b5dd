//! The quit question shown when there are unsaved changes.

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
    let rect = area.centered(
        Constraint::Length(area.width.min(60)),
        Constraint::Length(8),
    );
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(" Quit? ", t.overlay_border()));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        rect,
    );
}
