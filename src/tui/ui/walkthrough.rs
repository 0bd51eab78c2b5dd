//! The walkthrough slides, for a customer call: a title slide (the plan, the customer,
//! the choices, the verdict), then one slide per hop with the path drawn and that hop
//! lit, what to configure there and why in the customer's words, and what to fix first.
//!
//! ```text
//! ┌ example-hangzhou-edge: slide 4 of 8 ──────────────────── ←/→ slide, Esc back ┐
//! │ ┌✓ Edge nodes┐──▶┌✓ Core switch┐──▶┏✓ Firewall┓ Express ┌✓ VBR┐──▶ … (150+ cols)│
//! │  or, narrower, the path top to bottom on the left, the hop's title beside it   │
//! │ Hop 3 of 7 · Firewall                                                         │
//! │ What to configure                        Why                                  │
//! │  1. Allow all traffic from …              Edge nodes must reach the VPC …      │
//! └────────────────────────────────────────────────────────── more below: ↓ ──────┘
//! ```
//!
//! Only what follows the header scrolls; the header and the diagram stay.

use super::details::{Group, LISTED_BLOCKS, hop_description, write_groups};
use super::span;
use super::text::{Doc, wrap};
use super::title_slide;
use super::topology;
use crate::checks::Finding;
use crate::escape::escape;
use crate::hop::{Hop, HopStatus};
use crate::requirements::capitalise;
use crate::tui::app::App;
use crate::tui::components::walkthrough::{Slide, slide_count};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Inner widths from this on draw the path left to right above the slide.
const WIDE: u16 = super::VERTICAL_BELOW - 2;
/// Inner widths from this on set a requirement and its reason side by side.
const TABLE: u16 = 100;

/// The slide shown.
pub fn slide(app: &App) -> Slide {
    app.components.walkthrough.current(app.plan().transit)
}

/// The scrolling part of the slide shown, wrapped to `width`.
pub fn doc(app: &App, width: u16) -> Doc<'static> {
    doc_upto(app, width, usize::MAX)
}

/// Like `doc`, laid out only as far as its first `limit` lines.
pub fn doc_upto(app: &App, width: u16, limit: usize) -> Doc<'static> {
    match slide(app) {
        Slide::Title => title_slide::doc_upto(app, width, limit),
        Slide::Hop(hop) => hop_doc(app, hop, width, limit),
    }
}

/// The hop slide's header: which hop, what it is, whether it has problems.
fn hop_header(app: &App, hop: Hop, width: u16) -> Doc<'static> {
    let (t, g) = (&app.theme, &app.glyphs);
    let transit = app.plan().transit;
    let mut d = Doc::new(width);
    let number = hop.position(transit).map_or(0, |i| i + 1);
    d.wrapped(
        vec![],
        &format!(
            "Hop {number} of {}: {}",
            Hop::path(transit).len(),
            hop.title(transit)
        ),
        t.heading(),
    );
    d.wrapped(
        vec![],
        &format!("{}.", capitalise(hop_description(hop, transit))),
        t.muted(),
    );
    d.gap();
    let status = app.hop_status(hop);
    let problems = app.report().on(hop).count();
    let verdict = match status {
        HopStatus::Ok => "Nothing to fix on this hop.".to_string(),
        _ => format!(
            "{} to fix first, listed below.",
            plural(problems, "problem")
        ),
    };
    d.wrapped(
        vec![span(format!("{} ", g.status(status)), t.hop(status, false))],
        &verdict,
        t.hop(status, false),
    );
    d
}

/// `1 problem`, `2 problems`.
pub fn plural(n: usize, word: &str) -> String {
    match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

/// One requirement as a table row: the numbered sentence on the left, its reason on
/// the right, each wrapped in its column.
fn row(d: &mut Doc<'static>, app: &App, n: usize, what: &str, why: &str) {
    let t = &app.theme;
    let number = format!("{n:>3}. ");
    let left = (d.width * 3 / 5).saturating_sub(number.len());
    let right = d.width.saturating_sub(number.len() + left + 2);
    let (whats, whys) = (wrap(&escape(what), left), wrap(&escape(why), right));
    for i in 0..whats.len().max(whys.len()) {
        let lead = if i == 0 {
            number.clone()
        } else {
            " ".repeat(number.len())
        };
        let what = whats.get(i).map_or("", String::as_str);
        let why = whys.get(i).map_or("", String::as_str);
        d.line(Line::from(vec![
            span(lead, t.key()),
            span(format!("{what:<left$}  "), t.base()),
            span(why.to_string(), t.reason()),
        ]));
    }
}

/// "To fix first": each finding in the customer's words, `message` saying what is wrong,
/// then its fix; as many as the slide holds.
pub fn fix_first(
    app: &App,
    d: &mut Doc<'static>,
    findings: &[&Finding],
    message: impl Fn(&Finding) -> String,
) {
    let (t, g) = (&app.theme, &app.glyphs);
    d.line(span("To fix first", t.heading()));
    for f in findings {
        if d.full() {
            break;
        }
        let mark = format!("  {} ", g.severity(f.severity));
        d.wrapped(
            vec![span(mark, t.finding(f.severity))],
            &message(f),
            t.finding(f.severity),
        );
        d.wrapped(vec![span("    Fix: ", t.muted())], &f.customer.fix, t.fix());
    }
}

fn hop_doc(app: &App, hop: Hop, width: u16, limit: usize) -> Doc<'static> {
    let t = &app.theme;
    let mut d = Doc::upto(width, limit);
    let findings: Vec<_> = app.report().on(hop).collect();
    if !findings.is_empty() {
        fix_first(app, &mut d, &findings, |f| f.customer.message.to_string());
        d.gap();
    }
    let table = width >= TABLE;
    if table {
        let left = usize::from(width) * 3 / 5;
        d.line(Line::from(vec![
            span(format!("{:<left$}", "What to configure here"), t.heading()),
            span("Why", t.heading()),
        ]));
    } else {
        d.line(span("What to configure here", t.heading()));
    }
    let mut n = 0;
    write_groups(&mut d, app, hop, Group::customer_heading, |d, r| {
        n += 1;
        let what = r.kind.customer(LISTED_BLOCKS);
        if table {
            row(d, app, n, &what, r.reason_for_customer());
        } else {
            d.wrapped(vec![span(format!("{n:>3}. "), t.key())], &what, t.base());
            d.wrapped(
                vec![span("     Why: ", t.muted())],
                r.reason_for_customer(),
                t.reason(),
            );
        }
    });
    if n == 0 {
        d.gap();
        d.line(span("Nothing to configure on this hop.", t.muted()));
    }
    d
}

/// Draws the slide shown over `area`.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let (t, g) = (&app.theme, &app.glyphs);
    let w = &app.components.walkthrough;
    let name = app.plan().meta.name.as_deref().unwrap_or("Plan");
    let title = format!(
        " {name}: slide {} of {} ",
        w.slide + 1,
        slide_count(app.plan().transit)
    );
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(t.border(true))
        .title(span(title, t.title(true)))
        .title(Line::from(span(g.key_label(" ←/→ slide, Esc back "), t.muted())).right_aligned());
    let inner = block.inner(area);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    let body = header(app, frame, inner);
    // Laid out only down to the bottom of the view: a hop may carry 100,000 routes.
    let height = usize::from(body.height);
    let d = doc_upto(app, body.width, w.scroll.saturating_add(height + 1));
    let block = if d.more_below(w.scroll, height) {
        let more = g.key_label(" more below: ↓ ");
        block.title_bottom(Line::from(span(more, t.muted())).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(d.window(w.scroll, height)), body);
}

/// Draws the diagram and the slide's header at the top of `inner`; returns the area
/// left for the scrolling part.
fn header(app: &App, frame: &mut Frame, inner: Rect) -> Rect {
    let lit = match slide(app) {
        Slide::Hop(hop) => Some(hop),
        Slide::Title => None,
    };
    let head = |width: u16| match slide(app) {
        Slide::Hop(hop) => hop_header(app, hop, width),
        Slide::Title => title_slide::header(app, width),
    };
    let top = if inner.width >= WIDE {
        let diagram = Rect {
            height: 4.min(inner.height),
            ..inner
        };
        topology::horizontal(app, frame, diagram, lit);
        let d = head(inner.width);
        let rows = (d.lines.len() as u16).min(inner.height.saturating_sub(5));
        let area = Rect {
            y: inner.y + 5,
            height: rows,
            ..inner
        };
        frame.render_widget(Paragraph::new(d.lines), area);
        5 + rows + 1
    } else {
        let left = topology::vertical_width(&app.glyphs).min(inner.width);
        let rows = topology::VERTICAL_HEIGHT.min(inner.height);
        topology::vertical(
            app,
            frame,
            Rect {
                width: left,
                height: rows,
                ..inner
            },
            lit,
        );
        let side = Rect {
            x: inner.x + left + 1,
            width: inner.width.saturating_sub(left + 1),
            height: rows,
            ..inner
        };
        let d = head(side.width);
        frame.render_widget(Paragraph::new(d.lines), side);
        rows + 1
    };
    let top = top.min(inner.height);
    Rect {
        y: inner.y + top,
        height: inner.height - top,
        ..inner
    }
}

/// Spans for a label and its value, the label padded to `width` columns.
pub fn fact(app: &App, label: &str, value: String, width: usize) -> Vec<Span<'static>> {
    vec![
        span(format!("{label:<width$}"), app.theme.muted()),
        span(value, app.theme.base()),
    ]
}
