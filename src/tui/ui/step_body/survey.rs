//! The survey step: the selected hop's observed settings and its routes or rules, one
//! row each; the form being filled in opens in place of its row, each box checked as
//! typed with its reason beside it.

use super::{Laid, visible};
use crate::hop::Hop;
use crate::tui::app::App;
use crate::tui::components::survey::{SurveyRow, survey_rows, surveyable};
use crate::tui::components::survey_form::{FormTarget, SurveyForm};
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, truncate, width};
use edgeplan_core::observed::{Direction, RouteEntry, RuleEntry, Survey, SurveyKey, is_routing};
use edgeplan_core::trace::default_action;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Columns the label of a setting or a form box takes.
const LABEL: usize = 13;

/// Draws the survey of the selected hop. True when rows follow below.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let (t, plan, hop) = (&app.theme, app.plan(), app.hop);
    let title = hop.title(plan.transit);
    if !surveyable(plan, hop) {
        let mut d = Doc::new(area.width);
        let why = if hop.on_path(plan.transit) {
            "the edge nodes are where the flows start and end, not a device on the path: nothing to survey here."
        } else {
            "not on this plan's path (a direct connection has no transit router)."
        };
        titled(&mut d, format!("{title}:"), why, (t.heading(), t.base()));
        d.gap();
        d.wrapped(vec![], "←/→ picks another hop.", t.muted());
        frame.render_widget(Paragraph::new(d.lines), area);
        return false;
    }
    if let Some(paste) = &app.components.survey.paste {
        super::survey_paste::paste_box(app, frame, area, paste);
        return false;
    }
    let survey = plan.observed.survey(hop);
    let mut header = header(app, hop, survey, area.width);
    header.extend(super::survey_paste::report_lines(app, hop, area.width));
    let rows = survey_rows(plan, hop);
    let editor = &app.components.survey;
    let cursor = editor.cursor.min(rows.len() - 1);
    let mut cursor_at = None;
    let lead = editor.form.as_ref().map_or(0, |f| 2 * f.boxes.len());
    let (lines, cursor_y, more) = visible(
        rows.len(),
        cursor,
        usize::from(area.height),
        lead,
        header,
        |i| {
            let laid = row_lines(app, rows[i], i == cursor, focused, area.width);
            if i == cursor {
                cursor_at = laid.1;
            }
            laid.0
        },
    );
    if let (true, Some((x, dy))) = (focused, cursor_at) {
        let y = area
            .y
            .saturating_add(u16::try_from(cursor_y + dy).unwrap_or(u16::MAX));
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

/// The hop's name and whether it is surveyed, with what the survey holds.
fn header(app: &App, hop: Hop, survey: Option<&Survey>, columns: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut d = Doc::new(columns);
    let title = hop.title(app.plan().transit);
    let state = match survey {
        None => "not surveyed, flows unknown".to_string(),
        Some(s) if is_routing(hop) => match &s.routes {
            Some(list) => format!("surveyed, {}", count(list.len(), "route")),
            None => "surveyed, routes not surveyed, flows unknown".to_string(),
        },
        Some(s) => match &s.rules {
            Some(list) => format!("surveyed, {}", count(list.len(), "rule")),
            None => "surveyed, rules not surveyed, flows unknown".to_string(),
        },
    };
    let style = if app.plan().observed.list_surveyed(hop) {
        t.base()
    } else {
        t.muted()
    };
    titled(&mut d, format!("{title}:"), &state, (t.heading(), style));
    d.lines
}

/// A heading and its text: on one line when they fit, else the heading above the text,
/// which wraps from the left edge (a hanging indent the heading's width reads badly).
pub fn titled(
    d: &mut Doc<'static>,
    heading: String,
    text: &str,
    (heading_style, style): (ratatui::style::Style, ratatui::style::Style),
) {
    if width(&heading) + 1 + width(text) <= d.width {
        d.line(Line::from(vec![
            span(heading, heading_style),
            span(format!(" {text}"), style),
        ]));
    } else {
        d.line(span(heading, heading_style));
        d.wrapped(vec![], text, style);
    }
}

fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// A setting's value as the file writes it, `None` while unset.
fn setting_text(survey: &Survey, key: SurveyKey) -> Option<String> {
    match key {
        SurveyKey::Bgp => survey
            .bgp
            .map(|on| if on { "on" } else { "off" }.to_string()),
        SurveyKey::VbrPeerIp => survey.vbr_peer_ip.map(|a| a.to_string()),
        SurveyKey::Mtu => survey.mtu.map(|m| m.to_string()),
        SurveyKey::DefaultInbound => survey.default_inbound.map(|a| a.to_string()),
        SurveyKey::DefaultOutbound => survey.default_outbound.map(|a| a.to_string()),
        SurveyKey::Routes | SurveyKey::Rules => None,
    }
}

/// A setting's label.
fn setting_label(key: SurveyKey) -> &'static str {
    match key {
        SurveyKey::Bgp => "BGP",
        SurveyKey::VbrPeerIp => "VBR peer IP",
        SurveyKey::Mtu => "MTU",
        SurveyKey::DefaultInbound => "no match in",
        SurveyKey::DefaultOutbound => "no match out",
        SurveyKey::Routes => "routes",
        SurveyKey::Rules => "rules",
    }
}

/// An unset setting: what the device does without it, where the tracer assumes a
/// default (a filter's no-match action), else plainly not set.
fn unset_text(hop: Hop, survey: &Survey, key: SurveyKey) -> String {
    let direction = match key {
        SurveyKey::DefaultInbound => Direction::Inbound,
        SurveyKey::DefaultOutbound => Direction::Outbound,
        _ => return "not set".to_string(),
    };
    format!(
        "not set: {} by default",
        default_action(hop, survey, direction)
    )
}

/// A route in one line: destination, next hop, and why it does not forward.
pub fn route_text(r: &RouteEntry) -> String {
    let mut text = format!("{:<18} {}", r.destination.to_string(), r.next_hop.word());
    if let Some(status) = &r.inactive {
        text.push_str(&format!("  inactive: {status}"));
    }
    text
}

/// A rule in one line of `room` columns: priority, direction, action, protocol, ports,
/// peers (the first and how many more, when all do not fit).
pub fn rule_text(r: &RuleEntry, room: usize) -> String {
    let peers: Vec<String> = r.peers.iter().map(ToString::to_string).collect();
    let whole = rule_line(r, &peers.join(","));
    match peers.as_slice() {
        [first, _, ..] if width(&whole) > room => {
            rule_line(r, &format!("{first} +{}", peers.len() - 1))
        }
        _ => whole,
    }
}

fn rule_line(r: &RuleEntry, peers: &str) -> String {
    let direction = match r.direction {
        edgeplan_core::observed::Direction::Inbound => "in",
        edgeplan_core::observed::Direction::Outbound => "out",
    };
    format!(
        "{:>4} {direction:<3} {:<5} {:<4} {} {}",
        r.priority,
        r.action.to_string(),
        r.protocol.to_string(),
        r.ports,
        peers
    )
}

/// One row's lines (with the heading of the table it opens), and where the text
/// cursor goes (column, line below the focus line) when the row holds the open form.
fn row_lines(
    app: &App,
    row: SurveyRow,
    under: bool,
    focused: bool,
    columns: u16,
) -> (Laid<'static>, Option<(usize, usize)>) {
    let (t, g, hop) = (&app.theme, &app.glyphs, app.hop);
    let plan = app.plan();
    let empty = Survey::default();
    let survey = plan.observed.survey(hop).unwrap_or(&empty);
    let full = usize::from(columns);
    let mut d = Doc::new(columns);
    match row {
        SurveyRow::Route(0) => d.line(span("Routes: destination, next hop", t.heading())),
        SurveyRow::Rule(0) => d.line(span(
            "Rules: prio dir action proto ports peers",
            t.heading(),
        )),
        SurveyRow::Add if plan.observed.survey(hop).is_some() => {
            // A list left out is unknown; an empty one is surveyed and holds nothing.
            let list = match is_routing(hop) {
                true => survey.routes.as_ref().map(|l| (l.is_empty(), "Routes")),
                false => survey.rules.as_ref().map(|l| (l.is_empty(), "Rules")),
            };
            match (is_routing(hop), list) {
                (_, Some((true, what))) => d.line(span(format!("{what}: none yet"), t.heading())),
                (true, None) => d.line(span("Routes: not surveyed", t.heading())),
                (false, None) => d.line(span("Rules: not surveyed", t.heading())),
                (_, Some((false, _))) => {}
            }
        }
        _ => {}
    }
    let focus = d.lines.len();
    let pointer = if under { g.pointer } else { " " };
    let style = |muted: bool| {
        let base = if muted { t.muted() } else { t.base() };
        if under {
            base.patch(t.cursor(focused))
        } else {
            base
        }
    };
    let form = app
        .components
        .survey
        .form
        .as_ref()
        .filter(|f| form_row(f.target) == row);
    if let Some(form) = form {
        if let SurveyRow::Add = row {
            d.line(span(
                format!(
                    "{pointer} + new {}",
                    if is_routing(hop) { "route" } else { "rule" }
                ),
                style(false),
            ));
        }
        let at = form_lines(app, &mut d, form);
        let at = at.map(|(x, y)| (x, y - focus));
        return (
            Laid {
                lines: d.lines,
                focus,
            },
            at,
        );
    }
    let (text, muted) = match row {
        SurveyRow::Surveyed => match plan.observed.survey(hop) {
            Some(_) => (format!("{pointer} {:<LABEL$}yes", "Surveyed"), false),
            None => (
                format!("{pointer} {:<LABEL$}no: Enter or s starts one", "Surveyed"),
                true,
            ),
        },
        SurveyRow::Setting(key) => match setting_text(survey, key) {
            Some(v) => (
                format!("{pointer} {:<LABEL$}{v}", setting_label(key)),
                false,
            ),
            None => (
                format!(
                    "{pointer} {:<LABEL$}{}",
                    setting_label(key),
                    unset_text(hop, survey, key)
                ),
                true,
            ),
        },
        SurveyRow::Route(i) => {
            let route = &survey.routes.as_deref().unwrap_or_default()[i];
            (
                format!("{pointer} {}", route_text(route)),
                route.inactive.is_some(),
            )
        }
        SurveyRow::Rule(i) => {
            let rule = &survey.rules.as_deref().unwrap_or_default()[i];
            (
                format!("{pointer} {}", rule_text(rule, full.saturating_sub(2))),
                false,
            )
        }
        SurveyRow::Add => (
            format!(
                "{pointer} + add {}",
                if is_routing(hop) { "route" } else { "rule" }
            ),
            true,
        ),
    };
    let text = truncate(&text, full, g.ellipsis);
    d.line(span(format!("{text:<full$}"), style(muted)));
    (
        Laid {
            lines: d.lines,
            focus,
        },
        None,
    )
}

/// The row a form opens on.
fn form_row(target: FormTarget) -> SurveyRow {
    match target {
        FormTarget::NewRoute | FormTarget::NewRule => SurveyRow::Add,
        FormTarget::Route(i) => SurveyRow::Route(i),
        FormTarget::Rule(i) => SurveyRow::Rule(i),
        FormTarget::Setting(key) => SurveyRow::Setting(key),
    }
}

/// The form's boxes, one a line, the focused one's reason or hint under it; the text
/// cursor's column and line.
fn form_lines(app: &App, d: &mut Doc<'static>, form: &SurveyForm) -> Option<(usize, usize)> {
    let (t, g) = (&app.theme, &app.glyphs);
    let mut cursor = None;
    for (i, b) in form.boxes.iter().enumerate() {
        let here = i == form.focus;
        let prefix = format!(
            "  {} {:<11}",
            if here { g.pointer } else { " " },
            b.column.label()
        );
        let room = d.width.saturating_sub(width(&prefix) + 2).max(8);
        let scroll = if here { b.input.visual_scroll(room) } else { 0 };
        let value: String = b.input.value().chars().skip(scroll).take(room).collect();
        let mark = match &b.error {
            None => span(format!(" {}", g.ok), t.fix()),
            Some(_) => span(format!(" {}", g.error), t.reason()),
        };
        if here {
            cursor = Some((
                width(&prefix) + b.input.visual_cursor() - scroll,
                d.lines.len(),
            ));
        }
        d.line(Line::from(vec![
            span(prefix, t.base()),
            span(format!("{value:<8}"), t.input(b.error.is_none())),
            mark,
        ]));
        match (&b.error, here) {
            (Some(e), _) if !b.input.value().is_empty() || here => {
                d.wrapped(vec![span("      ", t.base())], e, t.reason());
            }
            (None, true) => d.wrapped(vec![span("      ", t.base())], b.column.hint(), t.muted()),
            _ => {}
        }
    }
    cursor
}
