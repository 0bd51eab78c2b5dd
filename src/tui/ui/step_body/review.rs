//! The review step: every finding grouped by hop, each with its fix.

use crate::Severity;
use crate::tui::app::App;
use crate::tui::ui::span;
use crate::tui::ui::text::Doc;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Laid, visible};

/// Draws the findings; the one under the cursor is highlighted. True when findings
/// follow below.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let (t, g) = (&app.theme, &app.glyphs);
    let findings = app.review_findings();
    let mut d = Doc::new(area.width);
    if let Some(v) = &app.plan().kubernetes_version {
        d.line(span(format!("Kubernetes {v}"), t.muted()));
    }
    let (errors, warnings) = (
        app.report().count(Severity::Error),
        app.report().count(Severity::Warning),
    );
    if findings.is_empty() {
        d.line(span(
            format!("{} No findings: the plan passes every check.", g.ok),
            t.fix(),
        ));
        d.wrapped(
            vec![],
            "Go on to Save, or open the walkthrough (w) to go through the path hop by hop.",
            t.muted(),
        );
        frame.render_widget(Paragraph::new(d.lines), area);
        return false;
    }
    d.wrapped(
        vec![],
        &format!(
            "{}, {}. Enter goes to the step that fixes the finding under the cursor.",
            count(errors, "error"),
            count(warnings, "warning"),
        ),
        t.muted(),
    );
    let cursor = app.components.review.cursor.min(findings.len() - 1);
    // Only the findings near the cursor are laid out, however many there are.
    let (lines, _, more) = visible(
        findings.len(),
        cursor,
        usize::from(area.height),
        1,
        d.lines,
        |i| {
            let f = findings[i];
            let mut d = Doc::new(area.width);
            if i == 0 || findings[i - 1].hop() != f.hop() {
                d.line(Line::default());
                d.line(span(f.hop().title(app.plan().transit), t.heading()));
            }
            let focus = d.lines.len();
            let under = i == cursor;
            let pointer = if under { g.pointer } else { " " };
            let mut style = t.finding(f.severity);
            if under {
                style = style.patch(t.cursor(focused));
            }
            let also: Vec<&str> = f
                .hops
                .iter()
                .skip(1)
                .map(|h| h.title(app.plan().transit))
                .collect();
            let mut text = format!("{} {}: {}", f.severity, f.code, f.message);
            if !also.is_empty() {
                text.push_str(&format!(" (also {})", also.join(", ")));
            }
            d.wrapped(
                vec![span(format!("{pointer}{} ", g.severity(f.severity)), style)],
                &text,
                style,
            );
            d.wrapped(vec![span("   fix: ", t.muted())], &f.fix, t.fix());
            Laid {
                lines: d.lines,
                focus,
            }
        },
    );
    frame.render_widget(Paragraph::new(lines), area);
    more
}

/// "1 error", "2 errors", "no errors".
fn count(n: usize, noun: &str) -> String {
    match n {
        0 => format!("no {noun}s"),
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}
