//! The wizard steps, with the plan's value for each when there is room.

use super::{pane, span};
use crate::Severity;
use crate::tui::app::{App, Pane, Step};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// What the plan holds for a step, in a few words.
pub fn summary(app: &App, step: Step) -> String {
    let (errors, warnings) = (
        app.report().count(Severity::Error),
        app.report().count(Severity::Warning),
    );
    match step {
        Step::Region if !app.plan().has_region() => "not chosen".into(),
        Step::Region => app.plan().region.clone(),
        Step::Cni => app.plan().cni.to_string(),
        Step::Transit => app.plan().transit.to_string(),
        Step::Cidrs => format!("{} scope", app.plan().scope),
        Step::Review if app.session().unfinished().is_some() => "unfinished".into(),
        Step::Review if errors + warnings == 0 => "all ok".into(),
        Step::Review if warnings == 0 => format!("{errors} err"),
        Step::Review if errors == 0 => format!("{warnings} warn"),
        Step::Review => format!("{errors} err {warnings} warn"),
        Step::Save if app.read_only() => "read-only".into(),
        Step::Save if app.dirty() => "unsaved".into(),
        Step::Save if app.session().doc().path.is_none() => "no file yet".into(),
        Step::Save if app.session().doc().new_file => "new file".into(),
        Step::Save => "saved".into(),
        Step::Survey => {
            let plan = app.plan();
            let hops = crate::hop::Hop::path(plan.transit)
                .iter()
                .filter(|h| crate::tui::components::survey::surveyable(plan, **h));
            let done = hops
                .clone()
                .filter(|h| plan.observed.survey(**h).is_some())
                .count();
            format!("{done}/{} hops", hops.count())
        }
        Step::Flows => flows_summary(app),
    }
}

/// Draws the step list; the current step is under the cursor.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.focus == Pane::Steps;
    let block = pane(app, " Steps ", Pane::Steps);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let t = &app.theme;
    let lines: Vec<Line> = Step::ALL
        .into_iter()
        .map(|step| {
            let current = step == app.step;
            let pointer = if current { app.glyphs.pointer } else { " " };
            let name = format!("{pointer}{} {:<8}", step.index() + 1, step.title());
            let style = if current { t.cursor(focused) } else { t.base() };
            let mut spans = vec![span(name, style)];
            let summary = summary(app, step);
            let room = usize::from(inner.width).saturating_sub(12);
            if room >= super::text::width(&summary) {
                let value_style = match step {
                    Step::Region if !app.plan().has_region() => t.finding(Severity::Error),
                    Step::Review if app.session().unfinished().is_some() => {
                        t.finding(Severity::Warning)
                    }
                    Step::Review if app.report().count(Severity::Error) > 0 => {
                        t.finding(Severity::Error)
                    }
                    Step::Review if app.report().count(Severity::Warning) > 0 => {
                        t.finding(Severity::Warning)
                    }
                    Step::Save if app.dirty() && !app.read_only() => t.finding(Severity::Warning),
                    Step::Flows if flows_with(app, "blocked") > 0 => t.finding(Severity::Error),
                    _ => t.muted(),
                };
                spans.push(Span::raw(" "));
                spans.push(span(summary, value_style));
            }
            Line::from(spans)
        })
        .collect();
    let mut d = super::text::Doc::new(inner.width);
    d.lines = lines;
    // The guide only whole: below the list and a blank line, or not at all.
    let guide_lines = super::text::wrap(guide(app.step), usize::from(inner.width)).len();
    if usize::from(inner.height) >= Step::ALL.len() + 1 + guide_lines {
        d.gap();
        d.wrapped(vec![], guide(app.step), t.muted());
    }
    frame.render_widget(Paragraph::new(d.lines), inner);
}

/// What to do on a step, in a sentence, for the room under the list.
fn guide(step: Step) -> &'static str {
    match step {
        Step::Region => "Pick the cluster's region; / filters the list.",
        Step::Cni => "Pick the cluster's CNI plugin: it decides UDP 8472 or container routes.",
        Step::Transit => "Pick how the VBR reaches the VPC: ECR or CEN.",
        Step::Cidrs => "Edit blocks and addresses; last, the plan's name, customer, author, notes.",
        Step::Review => "Every finding, by hop; Enter goes to its fix.",
        Step::Save => "Write the plan file; Ctrl-S saves from any step.",
        Step::Survey => {
            "On site: what each device really has; ←/→ picks the hop, a adds, s surveyed."
        }
        Step::Flows => {
            "Every required flow traced through the surveyed devices; Enter surveys the hop that stops it."
        }
    }
}

/// The flows' verdicts in a few words: how many are blocked, else unknown, else all delivered.
fn flows_summary(app: &App) -> String {
    let flows = app.session().flows();
    match (
        flows.len(),
        flows_with(app, "blocked"),
        flows_with(app, "unknown"),
    ) {
        (0, _, _) => "none traced".into(),
        (_, 0, 0) => "all delivered".into(),
        (_, 0, unknown) => format!("{unknown} unknown"),
        (_, blocked, _) => format!("{blocked} blocked"),
    }
}

/// How many flows have the verdict `id` (`blocked`, `unknown`).
fn flows_with(app: &App, id: &str) -> usize {
    let flows = app.session().flows();
    flows
        .iter()
        .filter(|f| f.trace.as_ref().is_some_and(|t| t.verdict.id() == id))
        .count()
}
