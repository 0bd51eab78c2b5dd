//! The details pane on the flows step: the selected flow's verdict with the route or
//! rule responsible and the fix, its ends and reason, then every step there and back.

use super::step_body::flows::{verdict_mark, verdict_words};
use super::text::Doc;
use super::{pane, span};
use crate::tui::app::{App, Pane};
use edgeplan_core::trace::{FlowTrace, Step, Verdict};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The selected flow's trace as lines wrapped to `width`.
pub fn doc(app: &App, flow: &FlowTrace, width: u16) -> Doc<'static> {
    let t = &app.theme;
    let transit = app.plan().transit;
    let f = &flow.flow;
    let mut d = Doc::new(width);
    let (mark, style) = verdict_mark(app, flow);
    d.wrapped(
        vec![span(format!("{mark} "), style)],
        &verdict_words(flow),
        style.patch(t.heading()),
    );
    let Some(trace) = &flow.trace else {
        return d;
    };
    // The fix first: on a small screen it is what the engineer came for.
    match &trace.verdict {
        Verdict::Blocked(b) => {
            d.gap();
            d.wrapped(vec![], &b.detail, t.finding(crate::Severity::Error));
            if let Some(culprit) = &b.culprit {
                d.wrapped(vec![span("by: ", t.muted())], culprit, t.base());
            }
            d.wrapped(vec![span("fix: ", t.muted())], &b.fix, t.fix());
        }
        Verdict::Unknown(_) => {
            d.gap();
            d.wrapped(vec![], &trace.reason(), t.muted());
        }
        Verdict::Delivered => {}
    }
    d.gap();
    d.wrapped(
        vec![],
        &format!(
            "{} {} to {} {}, {}",
            f.from.label,
            f.from.addr,
            f.to.label,
            f.to.addr,
            f.service()
        ),
        t.base(),
    );
    d.wrapped(vec![span("why: ", t.muted())], &f.reason, t.muted());
    if let Some(note) = &f.note {
        d.wrapped(vec![span("note: ", t.muted())], note, t.muted());
    }
    for (heading, steps) in [("There", &trace.forward), ("Back", &trace.reply)] {
        if steps.is_empty() {
            continue;
        }
        d.gap();
        d.line(span(heading, t.heading()));
        for step in steps {
            step_lines(app, &mut d, step, transit);
        }
    }
    d
}

fn step_lines(app: &App, d: &mut Doc<'static>, step: &Step, transit: crate::Transit) {
    let t = &app.theme;
    let result: &'static str = step.result.into();
    d.line(Line::from(vec![
        span(format!(" {:<16}", step.hop.title(transit)), t.base()),
        span(result, t.heading()),
    ]));
    if !step.detail.is_empty() {
        d.wrapped(vec![span("   ", t.base())], &step.detail, t.muted());
    }
}

/// Draws the selected flow's trace in the details pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect, flow: &FlowTrace) {
    let flows = app.session().flows();
    let at = app
        .components
        .flows
        .cursor
        .min(flows.len().saturating_sub(1));
    let title = format!(" Flow {}/{}: {} ", at + 1, flows.len(), flow.flow.id);
    let block = pane(app, title, Pane::Details);
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    let d = doc(app, flow, inner.width);
    let scroll = app.components.details.scroll;
    let block = if d.more_below(scroll, height) {
        block.title_bottom(
            Line::from(span(super::details::more_label(app), app.theme.muted())).right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(d.window(scroll, height)), inner);
}
