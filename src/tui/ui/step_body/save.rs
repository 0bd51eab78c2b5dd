//! The save step: the path to write, whether there is anything unsaved, and the text
//! that will be written.

use crate::escape::escape;
use crate::tui::app::App;
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Draws the path box, the state and a preview of the file. The preview does not scroll,
/// so a cut one says so in its heading and this returns false: no key shows more.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let t = &app.theme;
    let mut d = Doc::new(area.width);
    let prompt = "Save to: ";
    let path = app.components.save.path.value();
    let room = usize::from(area.width).saturating_sub(prompt.len());
    // The path may come from a hostile file name: it is shown escaped, so the cursor and
    // the scroll are measured on the escaped text.
    let before: String = path
        .chars()
        .take(app.components.save.path.cursor())
        .collect();
    let cursor = width(&escape(&before));
    let mut shown = escape(path).into_owned();
    let mut hidden = 0;
    while hidden + room.saturating_sub(1) < cursor && !shown.is_empty() {
        hidden += width(&shown.remove(0).to_string());
    }
    d.line(Line::from(vec![
        span(prompt, t.heading()),
        span(format!("{shown:<room$}"), t.input(!path.trim().is_empty())),
    ]));
    if focused && !app.read_only() {
        let x = area.x + (prompt.len() + cursor - hidden) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
    let state = if app.read_only() {
        "Read-only: this session does not save.".to_string()
    } else if app.dirty() {
        "Unsaved changes. Enter saves to this path; Ctrl-S saves from any step.".to_string()
    } else {
        "No unsaved changes.".to_string()
    };
    d.wrapped(
        vec![],
        &state,
        if app.dirty() && !app.read_only() {
            t.finding(crate::Severity::Warning)
        } else {
            t.muted()
        },
    );
    let how = if app.session().doc().original.is_some() {
        "Only changed values are rewritten; the file's comments and key order stay."
    } else {
        "Written as a new plan file."
    };
    d.wrapped(
        vec![],
        &format!("{how} The file is replaced atomically (temporary file, then rename)."),
        t.muted(),
    );
    if let Some(armed) = &app.components.save.armed {
        d.wrapped(
            vec![],
            &format!("{} exists: Enter again overwrites it.", armed.display()),
            t.finding(crate::Severity::Warning),
        );
    }
    d.gap();
    let text = app.session().file_text();
    let room = usize::from(area.height).saturating_sub(d.lines.len() + 1);
    let heading = if text.lines().count() > room {
        "Preview (the top of the file)"
    } else {
        "Preview"
    };
    d.line(span(heading, t.heading()));
    for line in text.lines().take(room) {
        d.line(span(truncate(line, d.width, app.glyphs.ellipsis), t.base()));
    }
    frame.render_widget(Paragraph::new(d.lines), area);
    false
}
