//! The export dialog: the three formats with the chosen one marked, the file it goes to,
//! and the keys. Drawn over the screen; the path box shows its end when it is long.

use super::span;
use super::text::{Doc, width};
use crate::cli::ExportFormat;
use crate::escape::escape;
use crate::tui::app::App;
use crate::tui::components::export::format_name;
use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use strum::VariantArray;

/// Draws the dialog centred over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(dialog) = app.export_dialog() else {
        return;
    };
    let (t, g) = (&app.theme, &app.glyphs);
    let width_all = area.width.min(72);
    let inner = width_all.saturating_sub(4);
    let mut d = Doc::new(inner);
    d.line(span("Export the plan as it is now, in:", t.heading()));
    for &format in ExportFormat::VARIANTS {
        let chosen = format == dialog.format;
        let mark = if chosen { g.pointer } else { " " };
        d.line(Line::from(vec![
            span(format!("{mark} "), t.cursor(chosen)),
            span(format_name(format), t.cursor(chosen)),
        ]));
    }
    d.gap();
    let prompt = "To file: ";
    let path = dialog.path.value();
    let room = usize::from(inner).saturating_sub(prompt.len());
    let before: String = path.chars().take(dialog.path.cursor()).collect();
    let cursor = width(&escape(&before));
    let mut shown = escape(path).into_owned();
    let mut hidden = 0;
    while hidden + room.saturating_sub(1) < cursor && !shown.is_empty() {
        hidden += width(&shown.remove(0).to_string());
    }
    let path_row = d.lines.len();
    d.line(Line::from(vec![
        span(prompt, t.heading()),
        span(format!("{shown:<room$}"), t.input(!path.trim().is_empty())),
    ]));
    d.gap();
    d.wrapped(
        vec![],
        &app.glyphs
            .key_label("↑/↓ format, type to change the file, Enter writes it (replacing a file there), Esc closes."),
        t.muted(),
    );
    let height = (d.lines.len() as u16 + 2).min(area.height);
    let rect = area.centered(Constraint::Length(width_all), Constraint::Length(height));
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(t.overlay_border())
        .style(t.overlay())
        .title(span(" Export ", t.overlay_border()));
    let text_area = Rect {
        x: rect.x + 2,
        y: rect.y + 1,
        width: rect.width.saturating_sub(4),
        height: rect.height.saturating_sub(2),
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(block, rect);
    frame.render_widget(Paragraph::new(d.lines), text_area);
    let y = text_area.y + path_row as u16;
    if y < text_area.bottom() {
        let x = text_area.x + (prompt.len() + cursor - hidden) as u16;
        frame.set_cursor_position(Position::new(x.min(text_area.right().saturating_sub(1)), y));
    }
}
