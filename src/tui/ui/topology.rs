//! The path diagram: one box per hop, labelled with its key CIDR blocks (which the core
//! picks), drawn in the colour of its worst finding with a mark that reads without
//! colour; the selected hop outlined. Left to right on wide terminals, top to bottom below 100 columns.

use super::text::truncate;
use super::{pane, span};
use crate::catalog::Catalog;
use crate::hop::{Hop, HopStatus};
use crate::plan::{Plan, Transit};
use crate::requirements::key_blocks;
use crate::tui::app::{App, Pane};
use crate::tui::glyphs::Glyphs;
use ipnet::Ipv4Net;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Rows the left-to-right diagram takes, with its frame.
pub const HORIZONTAL_HEIGHT: u16 = 6;
/// Rows the top-to-bottom diagram needs at least, with its frame.
pub const VERTICAL_HEIGHT: u16 = 10;
/// Width of a plain link between two boxes.
const LINK: u16 = 3;
/// Width of the Express Connect link between the firewall and the VBR.
const EXPRESS: u16 = 9;

/// The blocks a hop's box is labelled with (the rule is the core's).
fn key_cidrs(plan: &Plan, hop: Hop) -> Vec<Ipv4Net> {
    key_blocks(plan, Catalog::builtin(), hop)
}

/// A title that fits narrow boxes.
pub fn short_title(hop: Hop, transit: Transit) -> &'static str {
    match hop {
        Hop::VpcRouteTable => "VPC routes",
        Hop::SecurityGroup => "Sec. group",
        other => other.title(transit),
    }
}

/// Columns the top-to-bottom diagram's pane takes with `glyphs`: room for the pointer,
/// the mark, the longest short title and a block with its count ("192.168.0.0/16 +1").
pub fn vertical_width(glyphs: &Glyphs) -> u16 {
    33 + super::text::width(glyphs.ok).max(1) as u16
}

/// One legend entry: the mark and what it means, the word left out when the mark is
/// the word itself (ASCII "ok").
fn legend_entry(app: &App, status: HopStatus) -> String {
    let mark = app.glyphs.status(status);
    let word = match status {
        HopStatus::Ok => "ok",
        HopStatus::Warning => "warning",
        HopStatus::Error => "error",
    };
    if mark.eq_ignore_ascii_case(word) {
        format!(" {mark} ")
    } else {
        format!(" {mark} {word} ")
    }
}

/// A hop's mark and style: its verdict's, or the unfinished mark while a value it
/// depends on is being typed and not valid yet.
fn mark_and_style(app: &App, hop: Hop, selected: bool) -> (&'static str, Style) {
    if app.waits_on_unfinished(hop) {
        (
            app.glyphs.ellipsis,
            app.theme.hop(HopStatus::Warning, selected),
        )
    } else if app.hop_unknown(hop) {
        (app.glyphs.unknown, app.theme.hop_unknown(selected))
    } else {
        let status = app.hop_status(hop);
        (app.glyphs.status(status), app.theme.hop(status, selected))
    }
}

/// On the flows step, what the selected flow meets at `hop`: the hop where it stops
/// (its disposition and leg), the step taken on the way, or nothing; and its style.
fn flow_label(app: &App, hop: Hop) -> Option<(String, Style)> {
    let trace = app.selected_flow()?.trace.as_ref()?;
    if let Some(b) = trace.verdict.blocked().filter(|b| b.hop == hop) {
        // "there" and "back", as the details pane heads the legs: short enough to fit.
        let leg = match b.leg {
            edgeplan_core::trace::Leg::Forward => "there",
            edgeplan_core::trace::Leg::Reply => "back",
        };
        let label = format!("{} {} {leg}", app.glyphs.error, b.disposition);
        return Some((label, app.theme.flow_step(true)));
    }
    let step = trace
        .forward
        .iter()
        .chain(&trace.reply)
        .find(|s| s.hop == hop);
    Some(match step {
        Some(step) => {
            let word: &'static str = step.result.into();
            (
                word.to_lowercase().replace('_', " "),
                app.theme.flow_step(false),
            )
        }
        None => ("not crossed".into(), app.theme.muted()),
    })
}

/// Draws the diagram in the shape the area calls for.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let wide = area.width >= super::VERTICAL_BELOW;
    let unfinished = app.session().unfinished().is_some();
    let unknown = Hop::path(app.plan().transit)
        .iter()
        .any(|h| app.hop_unknown(*h));
    // A narrow pane has room for three entries: ok, error, and the one that matters
    // most now (unfinished, unknown, then warning).
    let narrow_third = if unfinished || unknown {
        None
    } else {
        Some(HopStatus::Warning)
    };
    let mut legend: Vec<Span> = [HopStatus::Ok, HopStatus::Warning, HopStatus::Error]
        .into_iter()
        .filter(|s| wide || *s != HopStatus::Warning || narrow_third.is_some())
        .map(|status| span(legend_entry(app, status), app.theme.hop(status, false)))
        .collect();
    if unfinished {
        legend.push(span(
            format!(" {} unfinished ", app.glyphs.ellipsis),
            app.theme.hop(HopStatus::Warning, false),
        ));
    }
    if unknown && (wide || !unfinished) {
        legend.push(span(
            format!(" {} unknown ", app.glyphs.unknown),
            app.theme.hop_unknown(false),
        ));
    }
    let legend = Line::from(legend);
    let block = pane(app, " Path ", Pane::Topology);
    // Narrow panes keep the title on top and the legend at the bottom.
    let block = if wide {
        block.title(legend.right_aligned())
    } else {
        block.title_bottom(legend.centered())
    };
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if wide {
        horizontal(app, frame, inner, Some(app.hop));
    } else {
        vertical(app, frame, inner, Some(app.hop));
    }
}

fn label(app: &App, hop: Hop, room: usize) -> String {
    let (mark, _) = mark_and_style(app, hop, false);
    let full = format!("{mark} {}", hop.title(app.plan().transit));
    if super::text::width(&full) <= room {
        return full;
    }
    truncate(
        &format!("{mark} {}", short_title(hop, app.plan().transit)),
        room,
        app.glyphs.ellipsis,
    )
}

/// Up to two lines of blocks for a box `room` columns wide.
fn cidr_lines(app: &App, hop: Hop, room: usize) -> [String; 2] {
    let nets = key_cidrs(app.plan(), hop);
    let e = app.glyphs.ellipsis;
    match nets.as_slice() {
        [] => ["(none)".into(), String::new()],
        [a] => [truncate(&a.to_string(), room, e), String::new()],
        [a, b] => [
            truncate(&a.to_string(), room, e),
            truncate(&b.to_string(), room, e),
        ],
        [a, b, rest @ ..] => [
            truncate(&a.to_string(), room, e),
            truncate(&format!("{b} +{}", rest.len()), room, e),
        ],
    }
}

/// The diagram left to right over `area` (150 columns or more keep every label whole),
/// `lit` outlined.
pub fn horizontal(app: &App, frame: &mut Frame, area: Rect, lit: Option<Hop>) {
    let (t, g) = (&app.theme, &app.glyphs);
    let path = Hop::path(app.plan().transit);
    let count = path.len() as u16;
    let links = (count - 2) * LINK + EXPRESS;
    let boxes = area.width.saturating_sub(links);
    let (base, extra) = (boxes / count, boxes % count);
    let mut x = area.x;
    for (i, &hop) in path.iter().enumerate() {
        let w = base + u16::from((i as u16) < extra);
        let rect = Rect {
            x,
            y: area.y,
            width: w,
            height: area.height.min(4),
        };
        let selected = Some(hop) == lit;
        let (_, style) = mark_and_style(app, hop, selected);
        let room = usize::from(w.saturating_sub(2));
        let block = Block::bordered()
            .border_set(if selected {
                g.border_selected
            } else {
                g.border
            })
            .border_style(style)
            .title(Span::styled(label(app, hop, room), style));
        let lines = match flow_label(app, hop) {
            Some((label, style)) => vec![Line::styled(truncate(&label, room, g.ellipsis), style)],
            None => {
                let [a, b] = cidr_lines(app, hop, room);
                let muted = key_cidrs(app.plan(), hop).is_empty();
                let text_style = if muted { t.muted() } else { t.base() };
                vec![Line::styled(a, text_style), Line::styled(b, text_style)]
            }
        };
        frame.render_widget(Paragraph::new(lines).block(block), rect);
        x += w;
        let Some(next) = hop.next_on(app.plan().transit) else {
            break;
        };
        let link_width = if next == Hop::Vbr { EXPRESS } else { LINK };
        let arrow = format!(
            "{}{}",
            g.link.repeat(usize::from(link_width - 1)),
            g.arrow_right
        );
        let link_area = Rect {
            x,
            y: area.y,
            width: link_width,
            height: area.height.min(3),
        };
        let lines = if next == Hop::Vbr {
            let arrow = format!(
                "{}{}",
                g.express_line.repeat(usize::from(link_width - 1)),
                g.arrow_right
            );
            vec![
                Line::styled(" Express", t.muted()),
                Line::styled(arrow, t.link()),
                Line::styled(" Connect", t.muted()),
            ]
        } else {
            vec![Line::default(), Line::styled(arrow, t.link())]
        };
        frame.render_widget(Paragraph::new(lines), link_area);
        x += link_width;
    }
}

/// The diagram top to bottom over `area` (`vertical_width` columns), `lit` pointed at;
/// the data center and cloud headings when it has 10 rows.
pub fn vertical(app: &App, frame: &mut Frame, area: Rect, lit: Option<Hop>) {
    let (t, g) = (&app.theme, &app.glyphs);
    let headings = area.height >= 10;
    let mut lines: Vec<Line> = Vec::new();
    for &hop in Hop::path(app.plan().transit) {
        if headings && hop == Hop::EdgeNode {
            lines.push(Line::styled("Data center", t.heading()));
        }
        if hop == Hop::Vbr {
            let bar = g.express_line.repeat(2);
            lines.push(Line::styled(
                format!("  {bar} Express Connect {bar}"),
                t.link(),
            ));
            if headings {
                lines.push(Line::styled("Alibaba Cloud", t.heading()));
            }
        }
        let selected = Some(hop) == lit;
        let (mark, style) = mark_and_style(app, hop, selected);
        let pointer = if selected { g.pointer } else { " " };
        let head = format!(
            "{pointer}{} {:<11}",
            mark,
            short_title(hop, app.plan().transit)
        );
        let room = usize::from(area.width).saturating_sub(super::text::width(&head) + 1);
        if let Some((label, label_style)) = flow_label(app, hop) {
            lines.push(Line::from(vec![
                span(head, style),
                Span::raw(" "),
                span(truncate(&label, room, g.ellipsis), label_style),
            ]));
            continue;
        }
        let nets = key_cidrs(app.plan(), hop);
        let cidrs = match nets.as_slice() {
            [] => "(none)".to_string(),
            [one] => truncate(&one.to_string(), room, g.ellipsis),
            // The whole first block and the count when they fit, else the first block
            // marked as followed by more; a block is cut only as the last resort.
            [first, rest @ ..] => [
                format!("{first} +{}", rest.len()),
                format!("{first}{}", g.ellipsis),
            ]
            .into_iter()
            .find(|c| super::text::width(c) <= room)
            .unwrap_or_else(|| truncate(&format!("{first} +{}", rest.len()), room, g.ellipsis)),
        };
        lines.push(Line::from(vec![
            span(head, style),
            Span::raw(" "),
            span(cidrs, if nets.is_empty() { t.muted() } else { t.base() }),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
