//! The survey step's paste box (what is pasted, why its import failed) and the report
//! of the last import above the survey.

use crate::hop::Hop;
use crate::tui::app::App;
use crate::tui::components::survey_paste::PasteBox;
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Report lines shown at most; `m` recalls every note.
const REPORT_LINES: usize = 3;

/// What the last import into `hop` brought: the summary and its first notes.
pub fn report_lines(app: &App, hop: Hop, columns: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let Some(report) = app
        .components
        .survey
        .report
        .as_ref()
        .filter(|r| r.hop == hop)
    else {
        return vec![];
    };
    let mut d = Doc::new(columns);
    d.wrapped(vec![], &report.lines[0], t.fix());
    for note in report.lines[1..].iter().take(REPORT_LINES) {
        d.wrapped(vec![span("  ", t.base())], note, t.muted());
    }
    if report.lines.len() > REPORT_LINES + 1 {
        let more = report.lines.len() - 1 - REPORT_LINES;
        d.line(span(
            format!("  and {more} more notes: m shows them"),
            t.muted(),
        ));
    }
    d.lines
}

/// The paste box: what it reads, the last lines pasted, and why an import failed.
pub fn paste_box(app: &App, frame: &mut Frame, area: Rect, paste: &PasteBox) {
    let t = &app.theme;
    let hop = app.hop;
    let mut d = Doc::new(area.width);
    let title = hop.title(app.plan().transit);
    super::survey::titled(
        &mut d,
        format!("Paste {title}'s output:"),
        "it replaces the hop's routes or rules; ^D imports, Esc closes.",
        (t.heading(), t.base()),
    );
    let formats: Vec<&str> = edgeplan_core::import::Format::for_hop(hop)
        .map(|f| f.title())
        .collect();
    d.wrapped(
        vec![span("Reads ", t.muted())],
        &formats.join("; "),
        t.muted(),
    );
    let lines = paste.line_count();
    let mut tail = Doc::new(area.width);
    if let Some(e) = &paste.error {
        tail.wrapped(
            vec![span(format!("{} ", app.glyphs.error), t.reason())],
            e,
            t.reason(),
        );
    }
    tail.line(span(
        format!("{lines} lines, {} bytes pasted", paste.text.len()),
        t.muted(),
    ));
    // The last lines pasted, as many as fit between the heading and the tail.
    let room = usize::from(area.height).saturating_sub(d.lines.len() + tail.lines.len());
    let shown: Vec<&str> = paste.text.lines().collect();
    let from = shown.len().saturating_sub(room);
    for line in &shown[from..] {
        let text = truncate(
            &crate::escape::escape(line),
            usize::from(area.width),
            app.glyphs.ellipsis,
        );
        d.line(span(text, t.input(paste.error.is_none())));
    }
    d.lines.extend(tail.lines);
    frame.render_widget(Paragraph::new(d.lines), area);
}
