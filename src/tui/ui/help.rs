//! The help overlay: the keys of the context that was active when it opened.

use super::span;
use super::text::Doc;
use crate::tui::app::App;
use crate::tui::keys::{base_context, bindings};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draws the overlay centred over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let ctx = base_context(app);
    let tables = bindings(ctx);
    let g = &app.glyphs;
    let key_width = tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|b| b.help)
        .map(|h| super::text::width(&g.key_label(h.label)))
        .max()
        .unwrap_or(4)
        + 2;
    // A sliver of the screen beside the box reads as garbage: cover the width instead.
    let width = if area.width < 76 + 8 { area.width } else { 76 };
    let mut d = Doc::new(width.saturating_sub(4));
    for (i, table) in tables.iter().enumerate() {
        let heading = match (i, ctx.is_text()) {
            (0, _) => ctx.title(),
            (_, true) => "Also while typing",
            (_, false) => "Everywhere",
        };
        d.gap();
        d.line(span(heading, t.heading()));
        for help in table.iter().filter_map(|b| b.help) {
            let key = format!("  {:<key_width$}", g.key_label(help.label));
            d.wrapped(vec![span(key, t.key())], help.text, t.overlay());
        }
    }
    if ctx.is_text() {
        d.gap();
        d.wrapped(vec![], "Other keys edit the text: letters, Backspace, Delete, Home, End, Ctrl-U (clear), Ctrl-W (word).", t.muted());
    }
    let height = (d.lines.len() as u16 + 2).min(area.height);
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(" Keys (Esc or ? closes) ", t.overlay_border()));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(d.lines).block(block).style(t.overlay()),
        rect,
    );
}
