//! The screen shown instead of the wizard when the plan file cannot be read: the error
//! by file, line and value, and why nothing else starts.

use super::span;
use super::text::Doc;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};

/// Draws the error screen.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let file = app
        .session()
        .doc()
        .path
        .as_ref()
        .map_or_else(String::new, |p| p.display().to_string());
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.finding(crate::Severity::Error))
        .title(span(
            format!(" Cannot open {file} "),
            t.finding(crate::Severity::Error),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut d = Doc::new(inner.width.saturating_sub(2));
    d.line(span("The plan file could not be read:", t.heading()));
    d.gap();
    for line in app.load_error.as_deref().unwrap_or("").lines() {
        d.wrapped(
            vec![span(
                format!(" {} ", app.glyphs.error),
                t.finding(crate::Severity::Error),
            )],
            line,
            t.base(),
        );
    }
    d.gap();
    d.wrapped(
        vec![],
        "edgeplan does not start on a blank plan here, so nothing can overwrite the file. \
         Correct the file (edgeplan check FILE lists every problem), then open it again.",
        t.muted(),
    );
    d.gap();
    d.line(span("q quits.", t.key()));
    let area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(d.lines), area);
}
