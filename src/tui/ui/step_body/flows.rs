//! The flows step: every required flow, two lines each (its mark, id and service; then
//! its verdict in words), the selected one highlighted and kept in view.

use super::{Laid, visible};
use crate::tui::app::App;
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, truncate};
use edgeplan_core::trace::{FlowTrace, Verdict};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

/// A flow's mark and style: delivered, blocked or unknown.
pub fn verdict_mark(app: &App, flow: &FlowTrace) -> (&'static str, Style) {
    let (g, t) = (&app.glyphs, &app.theme);
    match flow.trace.as_ref().map(|t| &t.verdict) {
        Some(Verdict::Delivered) => (g.ok, t.hop(crate::hop::HopStatus::Ok, false)),
        Some(Verdict::Blocked(_)) => (g.error, t.hop(crate::hop::HopStatus::Error, false)),
        _ => (g.unknown, t.hop_unknown(false)),
    }
}

/// The verdict in a few words: `delivered`, `DENIED_OUT at firewall (forward)`,
/// `unknown: vbr not surveyed`.
pub fn verdict_words(flow: &FlowTrace) -> String {
    match flow.trace.as_ref().map(|t| &t.verdict) {
        Some(Verdict::Delivered) => "delivered there and back".into(),
        Some(Verdict::Blocked(b)) => {
            format!("{} at {} ({})", b.disposition, b.hop, b.leg)
        }
        Some(Verdict::Unknown(hops)) => {
            let ids: Vec<&str> = hops.iter().map(|h| h.id()).collect();
            format!("unknown: {} not surveyed", ids.join(", "))
        }
        None => "not traced: its ends are outside the plan's blocks".into(),
    }
}

/// Draws the list. True when flows follow below.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let (t, g) = (&app.theme, &app.glyphs);
    let flows = app.session().flows();
    if flows.is_empty() {
        let mut d = Doc::new(area.width);
        d.wrapped(
            vec![],
            "No hop is surveyed yet, so no flow can be traced. Record what the devices have on step 7 (Survey), or paste their output there (p).",
            t.muted(),
        );
        frame.render_widget(Paragraph::new(d.lines), area);
        return false;
    }
    let cursor = app.components.flows.cursor.min(flows.len() - 1);
    let full = usize::from(area.width);
    let (lines, _, more) = visible(
        flows.len(),
        cursor,
        usize::from(area.height),
        1,
        vec![],
        |i| {
            let flow = &flows[i];
            let under = i == cursor;
            let (mark, style) = verdict_mark(app, flow);
            let pointer = if under { g.pointer } else { " " };
            let head = format!("{pointer}{mark} {} {}", flow.flow.id, flow.flow.service());
            let head = truncate(&head, full, g.ellipsis);
            let row_style = if under {
                style.patch(t.cursor(focused))
            } else {
                style
            };
            let mut d = Doc::new(area.width);
            d.line(span(format!("{head:<full$}"), row_style));
            let words = truncate(&format!("   {}", verdict_words(flow)), full, g.ellipsis);
            d.line(span(words, t.muted()));
            Laid {
                lines: d.lines,
                focus: 0,
            }
        },
    );
    frame.render_widget(Paragraph::new(lines), area);
    more
}
