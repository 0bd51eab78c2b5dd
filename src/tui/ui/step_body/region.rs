//! The region step: the catalog's regions filtered by typing, with the highlighted
//! region's registry endpoint and route blocks and its OSS endpoint and VIP blocks.

use super::scroll_to;
use crate::catalog::Region;
use crate::tui::app::App;
use crate::tui::ui::span;
use crate::tui::ui::text::Doc;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

fn join(nets: &[ipnet::Ipv4Net]) -> String {
    nets.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The highlighted region's endpoints and ranges.
fn info(app: &App, region: &Region, width: u16) -> Doc<'static> {
    let t = &app.theme;
    let mut d = Doc::new(width);
    let label = |s: &str| span(format!("{s:<10}"), t.heading());
    match &region.registry {
        Some(r) => {
            d.wrapped(vec![label("Registry")], &r.endpoint, t.base());
            d.wrapped(vec![label("  routes")], &join(&r.routes), t.base());
        }
        None => d.wrapped(
            vec![label("Registry")],
            "not in the ACK add-on registry table",
            t.finding(crate::Severity::Error),
        ),
    }
    match &region.oss {
        Some(o) => {
            d.wrapped(vec![label("OSS")], &o.internal_endpoint, t.base());
            let vips = o
                .vip_cidrs
                .as_deref()
                .map_or_else(|| "not given by the source".to_string(), join);
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

/// Draws the filter, the list and the highlighted region's details.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) {
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
    let line = if filter.is_empty() {
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
    if focused {
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
        return;
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
            let mut text = format!("{pointer}{radio} {:<17}{}", r.id, r.name);
            if r.registry.is_none() {
                text.push_str("  (no registry)");
            }
            let width = usize::from(list_area.width);
            Line::from(vec![span(format!("{text:<width$}"), style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(info) = info {
        frame.render_widget(Paragraph::new(info.lines), info_area);
    }
}
