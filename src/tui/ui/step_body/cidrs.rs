//! The CIDR step: the scope switch, every CIDR list of the plan with its entries and an
//! add row, and the optional single values. The value being typed is checked on every
//! keystroke and, while invalid, shown with its reason beside it.

use super::{Laid, visible};
use crate::plan::{Field, Plan, Scope};
use crate::tui::app::App;
use crate::tui::components::cidrs::CidrRow;
use crate::tui::components::draft::{Draft, entries, meta_text, single_text};
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn scope_note(scope: Scope) -> &'static str {
    match scope {
        Scope::Broad => "cloud services are cloud_service_cidrs, all ports",
        Scope::Fine => {
            "cloud services are the region's exact OSS, registry and management ranges, and cloud_service_cidrs for what the source leaves unknown"
        }
    }
}

/// A reach field's answer as written in the file, `None` while unanswered.
fn reach_text(field: Field, plan: &Plan) -> Option<&'static str> {
    field.reach(plan).map(Into::into)
}

/// Draws the rows; the cursor row is highlighted and kept in view. Only the rows near
/// the cursor are laid out, however long the lists. True when rows follow below.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let rows = app.cidr_rows();
    let cursor = app.components.cidrs.cursor.min(rows.len() - 1);
    let mut cursor_x = None;
    // The lines under the value being typed (its reason, its findings) stay in view too.
    let lead = app.draft().map_or(0, |_| {
        let laid = row_lines(app, rows[cursor], true, focused, area.width).0;
        (laid.lines.len() - laid.focus - 1).min(usize::from(area.height) / 2)
    });
    let (lines, cursor_y, more) = visible(
        rows.len(),
        cursor,
        usize::from(area.height),
        lead,
        vec![],
        |i| {
            let laid = row_lines(app, rows[i], i == cursor, focused, area.width);
            if i == cursor {
                cursor_x = laid.1;
            }
            laid.0
        },
    );
    if let (true, Some(x)) = (focused, cursor_x) {
        // Saturating: a row or column past 65,535 is off screen, never wrapped onto it.
        let y = area
            .y
            .saturating_add(u16::try_from(cursor_y).unwrap_or(u16::MAX));
        let x = area.x
            + u16::try_from(x)
                .unwrap_or(u16::MAX)
                .min(area.width.saturating_sub(1));
        if y < area.bottom() {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    more
}

/// One row's lines (with the heading of the list it opens), and where the text cursor
/// goes when the row is being edited.
fn row_lines(
    app: &App,
    row: CidrRow,
    under: bool,
    focused: bool,
    columns: u16,
) -> (Laid<'static>, Option<usize>) {
    let (t, g) = (&app.theme, &app.glyphs);
    let draft = app.draft();
    let plan: &Plan = draft.map_or(app.plan(), |d| &d.before);
    let full = usize::from(columns);
    let mut d = Doc::new(columns);
    let highlight = |style: Style| {
        if under {
            style.patch(t.cursor(focused))
        } else {
            style
        }
    };
    let first_of_list = match row {
        CidrRow::Entry(list, 0) => Some(list),
        CidrRow::Add(list) if entries(list, plan).is_empty() => Some(list),
        _ => None,
    };
    if let Some(list) = first_of_list {
        let mut spans = vec![span(list.label().to_string(), t.heading())];
        let missing = list.required() && entries(list, plan).is_empty();
        if missing {
            // A new plan's missing blocks, in red, in the place of the key and purpose.
            spans.push(span(
                format!("  {} required: none yet", app.glyphs.error),
                t.finding(crate::Severity::Error),
            ));
        } else {
            spans.push(span(format!("  {}", list.key()), t.muted()));
        }
        let used: usize = spans.iter().map(Span::width).sum();
        if !missing && used + 2 + width(list.purpose()) <= full {
            spans.push(span(format!("  {}", list.purpose()), t.muted()));
        }
        d.line(Line::from(spans));
    }
    if row == CidrRow::Single(Field::SINGLES[0]) {
        d.line(span("Addresses", t.heading()));
    }
    if row == CidrRow::Reach(Field::REACHES[0]) {
        d.line(span("Not over the dedicated line", t.heading()));
    }
    if row == CidrRow::Text(Field::TEXTS[0]) {
        d.line(span("Plan", t.heading()));
    }
    let focus = d.lines.len();
    let laid = |d: Doc<'static>| Laid {
        lines: d.lines,
        focus,
    };
    let pointer = if under { g.pointer } else { " " };
    if let Some(dr) = draft.filter(|dr| dr.row() == row) {
        let prefix = match row {
            CidrRow::Single(s) => format!("{pointer} {:<24}", s.label()),
            CidrRow::Text(f) => format!("{pointer} {:<10}", f.label()),
            _ => format!("  {pointer} "),
        };
        // A long value (a pasted list) scrolls so that the cursor stays in view.
        let room = d.width.saturating_sub(width(&prefix) + 2).max(8);
        let scroll = dr.input.visual_scroll(room);
        let x = width(&prefix) + dr.input.visual_cursor() - scroll;
        draft_line(app, &mut d, prefix, dr, (scroll, room));
        draft_findings(app, &mut d, dr);
        return (laid(d), Some(x));
    }
    let line = match row {
        CidrRow::Scope => {
            let radio = |s: Scope| {
                if plan.scope == s {
                    g.radio_on
                } else {
                    g.radio_off
                }
            };
            let text = format!(
                "{pointer} Scope  {} broad  {} fine",
                radio(Scope::Broad),
                radio(Scope::Fine)
            );
            d.line(span(format!("{text:<full$}"), highlight(t.base())));
            d.wrapped(
                vec![span("    ", t.base())],
                scope_note(plan.scope),
                t.muted(),
            );
            return (laid(d), None);
        }
        CidrRow::Entry(list, i) => format!("  {pointer} {}", entries(list, plan)[i]),
        CidrRow::Add(_) => format!("  {pointer} + add"),
        CidrRow::Single(s) => {
            let value = single_text(s, plan).unwrap_or_else(|| "(not set)".into());
            format!("{pointer} {:<24}{value}", s.label())
        }
        CidrRow::Text(f) => {
            let value = meta_text(f, plan).unwrap_or("(not set)");
            format!("{pointer} {:<10}{value}", f.label())
        }
        CidrRow::Reach(field) => {
            let value = reach_text(field, plan).unwrap_or("(not answered)");
            format!("{pointer} {:<24}{value}", field.label())
        }
    };
    let base = match row {
        CidrRow::Add(_) => t.muted(),
        CidrRow::Single(s) if single_text(s, plan).is_none() => t.muted(),
        CidrRow::Text(f) if meta_text(f, plan).is_none() => t.muted(),
        CidrRow::Reach(field) if reach_text(field, plan).is_none() => t.muted(),
        _ => t.base(),
    };
    d.line(span(format!("{line:<full$}"), highlight(base)));
    (laid(d), None)
}

/// At most this many findings of the value being typed show under it; Review has all.
const DRAFT_FINDINGS: usize = 3;

/// The findings the value being typed causes, under it, each with the hops it breaks.
fn draft_findings(app: &App, d: &mut Doc<'static>, draft: &Draft) {
    let (t, g) = (&app.theme, &app.glyphs);
    let findings = draft.findings(app.report());
    for f in findings.iter().take(DRAFT_FINDINGS) {
        let hops: Vec<&str> = f.hops.iter().map(|h| h.id()).collect();
        d.wrapped(
            vec![span(
                format!("    {} ", g.severity(f.severity)),
                t.finding(f.severity),
            )],
            &format!("{} [{}]", f.message, hops.join(", ")),
            t.finding(f.severity),
        );
    }
    if findings.len() > DRAFT_FINDINGS {
        let more = findings.len() - DRAFT_FINDINGS;
        d.line(span(format!("    and {more} more on Review"), t.muted()));
    }
}

/// The value being typed (the `room` columns from `scroll` on), and beside it (or below,
/// when there is no room) why it is invalid.
fn draft_line(
    app: &App,
    d: &mut Doc<'static>,
    prefix: String,
    draft: &Draft,
    (scroll, room): (usize, usize),
) {
    let t = &app.theme;
    let value: String = draft
        .input
        .value()
        .chars()
        .skip(scroll)
        .take(room)
        .collect();
    let valid = draft.error.is_none();
    let shown = format!("{value:<18}");
    let mut spans = vec![
        span(prefix.clone(), t.base()),
        span(shown.clone(), t.input(valid)),
    ];
    match &draft.error {
        None => {
            spans.push(span(format!(" {}", app.glyphs.ok), t.fix()));
            d.line(Line::from(spans));
        }
        Some(reason) => {
            let mark = format!(" {} ", app.glyphs.error);
            let used = width(&prefix) + width(&shown) + width(&mark);
            if used + width(reason) <= d.width {
                spans.push(span(mark, t.reason()));
                spans.push(span(reason.clone(), t.reason()));
                d.line(Line::from(spans));
            } else {
                d.line(Line::from(spans));
                let indent = " ".repeat(width(&prefix));
                d.wrapped(
                    vec![
                        Span::raw(indent),
                        span(mark.trim_start().to_string(), t.reason()),
                    ],
                    reason,
                    t.reason(),
                );
            }
        }
    }
}
