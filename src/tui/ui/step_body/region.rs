//! The region step: the catalog's regions filtered by typing, with the highlighted
//! region's registry endpoint and route blocks and its OSS endpoint and VIP blocks.

use super::scroll_to;
use crate::catalog::Region;
use crate::tui::app::App;
use crate::tui::components::region::RegionMode;
use crate::tui::ui::span;
use crate::tui::ui::text::{Doc, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// As many of `nets` as fit in `room` columns, then how many more ("+2").
fn join_fit(nets: &[ipnet::Ipv4Net], room: usize) -> String {
    let mut shown = String::new();
    for (i, net) in nets.iter().enumerate() {
        let sep = if shown.is_empty() { "" } else { " " };
        let rest = nets.len() - i - 1;
        let more = if rest > 0 {
            format!(" +{rest}")
        } else {
            String::new()
        };
        let net = net.to_string();
        if width(&shown) + sep.len() + width(&net) + width(&more) > room && !shown.is_empty() {
            shown.push_str(&format!(" +{}", nets.len() - i));
            break;
        }
        shown.push_str(sep);
        shown.push_str(&net);
    }
    shown
}

/// `value` beside `label`; a host name too long for that goes whole on the next line
/// rather than broken in two.
fn labelled(d: &mut Doc<'static>, label: Span<'static>, value: &str, style: Style) {
    let one_word = !value.contains(' ');
    if one_word && label.width() + width(value) > d.width && width(value) + 2 <= d.width {
        d.line(label);
        d.wrapped(vec![Span::raw("  ")], value, style);
    } else {
        d.wrapped(vec![label], value, style);
    }
}

/// The highlighted region's endpoints and ranges.
fn info(app: &App, region: &Region, width: u16) -> Doc<'static> {
    let t = &app.theme;
    let mut d = Doc::new(width);
    let label = |s: &str| span(format!("{s:<10}"), t.heading());
    // Route and VIP lists take one line each: the full lists are in `edgeplan show`.
    let room = d.width.saturating_sub(10);
    match &region.registry {
        Some(r) => {
            labelled(&mut d, label("Registry"), &r.endpoint, t.base());
            d.wrapped(
                vec![label("  routes")],
                &join_fit(&r.routes, room),
                t.base(),
            );
        }
        None => d.wrapped(
            vec![label("Registry")],
            "not in the ACK add-on registry table",
            t.finding(crate::Severity::Error),
        ),
    }
    match &region.oss {
        Some(o) => {
            labelled(&mut d, label("OSS"), &o.internal_endpoint, t.base());
            let vips = o.vip_cidrs.as_deref().map_or_else(
                || "not given by the source".to_string(),
                |v| join_fit(v, room),
            );
            d.wrapped(
                vec![label("  VIPs")],
                &vips,
                if o.vip_cidrs.is_some() {
                    t.base()
                } else {
                    t.muted()
                },
            );
        }
        None => d.wrapped(vec![label("OSS")], "not in the OSS table", t.muted()),
    }
    d
}

/// Draws the filter, the list and the highlighted region's details; true when regions
/// follow below the list.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let t = &app.theme;
    let picker = app.regions();
    let matches = picker.matches();
    let selected = picker.selected();
    let info = selected.map(|r| info(app, r, area.width));
    let info_height = info
        .as_ref()
        .map_or(0, |d| d.lines.len() as u16)
        .min(area.height.saturating_sub(5));
    let [filter_area, list_area, info_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(info_height),
    ])
    .areas(area);

    let filter = picker.filter.value();
    let prompt = "Filter: ";
    let filtering = picker.mode == RegionMode::Filter;
    let line = if !filtering {
        Line::from(vec![span("/ to filter", t.muted())])
    } else if filter.is_empty() {
        Line::from(vec![
            span(prompt, t.heading()),
            span("type part of an id or name", t.muted()),
        ])
    } else {
        Line::from(vec![
            span(prompt, t.heading()),
            span(filter.to_string(), t.input(!matches.is_empty())),
        ])
    };
    frame.render_widget(Paragraph::new(line), filter_area);
    if focused && filtering {
        // Saturating: a pasted filter may be wider than 65,535 columns.
        let typed = u16::try_from(prompt.len() + picker.filter.visual_cursor()).unwrap_or(u16::MAX);
        let x = filter_area.x.saturating_add(typed);
        frame.set_cursor_position(Position::new(
            x.min(filter_area.right().saturating_sub(1)),
            filter_area.y,
        ));
    }

    if matches.is_empty() {
        let msg = format!("No region matches {filter:?}. Esc clears the filter.");
        frame.render_widget(Paragraph::new(span(msg, t.muted())), list_area);
        return false;
    }
    let height = usize::from(list_area.height);
    let first = scroll_to(picker.cursor, matches.len(), height);
    let lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, r)| {
            let current = r.id == app.plan().region;
            let under = i == picker.cursor;
            let radio = if current {
                app.glyphs.radio_on
            } else {
                app.glyphs.radio_off
            };
            let pointer = if under { app.glyphs.pointer } else { " " };
            let mut style = if current { t.current() } else { t.base() };
            if under {
                style = style.patch(t.cursor(focused));
            }
            let head = format!("{pointer}{radio} {:<17}", r.id);
            // The no-registry note outlives a long name: the name is cut, not the
            // note, which is shortened only to leave the name a few words.
            let room = usize::from(list_area.width);
            let left = room.saturating_sub(width(&head));
            let note = match r.registry {
                Some(_) => "",
                None if width(&r.name) + 15 <= left || left >= 16 + 15 => "  (no registry)",
                None => " (no reg.)",
            };
            let name_room = left.saturating_sub(width(note));
            let text = format!(
                "{head}{}{note}",
                truncate(&r.name, name_room, app.glyphs.ellipsis)
            );
            Line::from(vec![span(format!("{text:<room$}"), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(info) = info {
        frame.render_widget(Paragraph::new(info.lines), info_area);
    }
    matches.len() > first + height
}
