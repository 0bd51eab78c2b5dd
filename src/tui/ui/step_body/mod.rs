//! The current wizard step, centre of the screen; one module per step.

pub mod choice;
mod cidrs;
pub mod flows;
mod region;
mod review;
mod save;
pub mod survey;
mod survey_paste;

use super::details::more_label;
use super::{pane, span};
use crate::tui::app::{App, Pane, Step};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

pub use choice::{cni_options, transit_options};

/// Draws the current step in its pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(" {} {} ", app.step.index() + 1, app.step.title());
    let mut block = pane(app, title, Pane::Body);
    if app.started_as_example() {
        // On every step: the plan's values are the source's samples, not the customer's.
        block = block.title(
            Line::from(span(
                crate::tui::app::EXAMPLE_BANNER,
                app.theme.finding(crate::Severity::Warning),
            ))
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    let focused = app.focus == Pane::Body && app.overlay.is_none();
    let more = match app.step {
        Step::Region => region::render(app, frame, inner, focused),
        Step::Cni | Step::Transit => choice::render(app, frame, inner, focused),
        Step::Cidrs => cidrs::render(app, frame, inner, focused),
        Step::Review => review::render(app, frame, inner, focused),
        Step::Save => save::render(app, frame, inner, focused),
        Step::Survey => survey::render(app, frame, inner, focused),
        Step::Flows => flows::render(app, frame, inner, focused),
    };
    let block = if more {
        block.title_bottom(Line::from(span(more_label(app), app.theme.muted())).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, area);
}

/// The first row to show so that row `cursor` of `total` stays in a `height`-row view
/// with a little context below it. A function of the cursor alone, so rendering needs
/// no scroll state.
pub fn scroll_to(cursor: usize, total: usize, height: usize) -> usize {
    if total <= height || height == 0 {
        return 0;
    }
    let margin = (height / 4).min(2);
    (cursor + margin + 1)
        .saturating_sub(height)
        .min(total - height)
}

/// One item of a cursor list laid out: its lines, and the line the cursor marks when it
/// stands on the item.
pub struct Laid<'a> {
    /// The item's lines, headings before it included.
    pub lines: Vec<Line<'a>>,
    /// Index into `lines` of the line that stays in view under the cursor.
    pub focus: usize,
}

/// The visible part of a cursor list: the `height` lines that `scroll_to` would show of
/// the whole list, the cursor's focus line on screen, and whether lines follow below. Only items within a screen of
/// the cursor are laid out, so a frame costs the same for 10 or 300,000 items.
/// `top` comes before item 0; `lead` lines below the focus line are kept in view too.
pub fn visible<'a>(
    count: usize,
    cursor: usize,
    height: usize,
    lead: usize,
    top: Vec<Line<'a>>,
    mut item: impl FnMut(usize) -> Laid<'a>,
) -> (Vec<Line<'a>>, usize, bool) {
    // scroll_to looks at most height + lead + 3 lines either side of the focus line.
    let reach = height + lead + 3;
    let here = item(cursor);
    let mut above: Vec<Line<'a>> = Vec::new();
    let mut i = cursor;
    while i > 0 && above.len() < reach {
        i -= 1;
        let mut lines = item(i).lines;
        lines.extend(above);
        above = lines;
    }
    if i == 0 {
        above.splice(0..0, top);
    }
    let focus = above.len() + here.focus;
    let mut lines = above;
    lines.extend(here.lines);
    let mut j = cursor + 1;
    while j < count && lines.len() < focus + reach {
        lines.extend(item(j).lines);
        j += 1;
    }
    let first = scroll_to(focus + lead, lines.len(), height);
    let on_screen = focus.saturating_sub(first);
    let more = j < count || lines.len() > first + height;
    (
        lines.into_iter().skip(first).take(height).collect(),
        on_screen,
        more,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_window_is_what_scroll_to_shows_of_the_whole_list(
            heights in prop::collection::vec((1usize..4, 0usize..3), 1..60),
            cursor in 0usize..60,
            height in 1usize..20,
            lead in 0usize..3,
            top in 0usize..3,
        ) {
            let cursor = cursor % heights.len();
            let item = |i: usize| {
                let (n, focus) = heights[i];
                Laid {
                    lines: (0..n).map(|k| Line::raw(format!("{i}.{k}"))).collect(),
                    focus: focus.min(n - 1),
                }
            };
            let top_lines = || (0..top).map(|k| Line::raw(format!("top {k}"))).collect::<Vec<_>>();
            let mut all = top_lines();
            let mut focus = 0;
            for i in 0..heights.len() {
                let laid = item(i);
                if i == cursor {
                    focus = all.len() + laid.focus;
                }
                all.extend(laid.lines);
            }
            let first = scroll_to(focus + lead, all.len(), height);
            let more_below = all.len() > first + height;
            let want: Vec<Line> = all.into_iter().skip(first).take(height).collect();
            let (got, at, more) = visible(heights.len(), cursor, height, lead, top_lines(), item);
            prop_assert_eq!(more, more_below);
            prop_assert_eq!(got, want);
            prop_assert_eq!(at, focus.saturating_sub(first));
        }
    }
}
