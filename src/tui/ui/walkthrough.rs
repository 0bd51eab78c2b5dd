//! The walkthrough, for customer calls: one hop at a time across the whole screen,
//! each requirement as a plain sentence with its reason, large enough to read on a
//! screen share.

use super::details::{LISTED_BLOCKS, hop_description, more_label, write_groups};
use super::span;
use super::text::Doc;
use crate::hop::Hop;
use crate::requirements::capitalise;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The path with the current hop stood out, wrapped between hops to `width`.
fn path_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let (t, g) = (&app.theme, &app.glyphs);
    let mut lines = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    let transit = app.plan().transit;
    for &hop in Hop::path(transit) {
        let status = app.hop_status(hop);
        let current = hop == app.hop;
        let name = format!("{} {}", g.status(status), hop.title(app.plan().transit));
        let text = if current { format!("[{name}]") } else { name };
        let link = match hop.next_on(transit) {
            Some(Hop::Vbr) => format!(" {}{} ", g.express_line.repeat(2), g.arrow_right),
            Some(_) => format!(" {}{} ", g.link, g.arrow_right),
            None => String::new(),
        };
        let piece = super::text::width(&text) + super::text::width(&link);
        if used > 0 && used + piece > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        used += piece;
        spans.push(span(text, t.hop(status, current)));
        spans.push(span(link, t.link()));
    }
    lines.push(Line::from(spans));
    lines
}

/// The walkthrough page of the selected hop, wrapped to `width`.
pub fn doc(app: &App, width: u16) -> Doc<'static> {
    doc_upto(app, width, usize::MAX)
}

/// Like `doc`, laid out only as far as its first `limit` lines.
pub fn doc_upto(app: &App, width: u16, limit: usize) -> Doc<'static> {
    let t = &app.theme;
    let hop = app.hop;
    let mut d = Doc::upto(width, limit);
    for line in path_lines(app, usize::from(width)) {
        d.line(line);
    }
    d.gap();
    let title = format!(
        "Hop {} of {}: {}",
        super::hop_number(app),
        Hop::path(app.plan().transit).len(),
        hop.title(app.plan().transit)
    );
    d.line(span(title, t.heading()));
    d.wrapped(
        vec![],
        &format!("{}.", capitalise(hop_description(hop, app.plan().transit))),
        t.muted(),
    );
    let findings: Vec<_> = app.report().on(hop).collect();
    if !findings.is_empty() {
        d.gap();
        d.line(span("Before this hop works", t.heading()));
        for f in findings {
            if d.full() {
                break;
            }
            let mark = format!("  {} ", app.glyphs.severity(f.severity));
            d.wrapped(
                vec![span(mark, t.finding(f.severity))],
                &format!("{}.", f.message),
                t.finding(f.severity),
            );
            d.wrapped(vec![span("    Fix: ", t.muted())], &f.fix, t.fix());
        }
    }
    let mut n = 0;
    write_groups(&mut d, app, hop, |d, r| {
        n += 1;
        d.wrapped(
            vec![span(format!("  {n:>2}. "), t.key())],
            &r.kind.plain(LISTED_BLOCKS),
            t.base(),
        );
        d.wrapped(vec![span("      Why: ", t.muted())], &r.reason, t.muted());
    });
    if n == 0 {
        d.gap();
        d.line(span("Nothing to configure on this hop.", t.muted()));
    }
    d
}

/// Draws the walkthrough over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let block = Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(t.border(true))
        .title(span(" Walkthrough ", t.title(true)))
        .title(
            Line::from(span(app.glyphs.key_label(" ←/→ hop, Esc back "), t.muted()))
                .right_aligned(),
        );
    let inner = block.inner(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    // Laid out only down to the bottom of the view: a hop may carry 100,000 routes.
    let height = usize::from(inner.height);
    let scroll = app.components.walkthrough.scroll;
    let d = doc_upto(app, inner.width, scroll.saturating_add(height + 1));
    let block = if d.more_below(scroll, height) {
        block.title_bottom(Line::from(span(more_label(app), t.muted())).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(d.window(scroll, height)), inner);
}
