//! The current wizard step, centre of the screen; one module per step.

mod choice;
mod cidrs;
mod region;
mod review;
mod save;

use super::pane;
use crate::tui::app::{App, Pane, Step};
use ratatui::Frame;
use ratatui::layout::Rect;

pub use choice::{cni_options, transit_options};

/// Draws the current step in its pane.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let title = format!(" {} {} ", app.step.index() + 1, app.step.title());
    let block = pane(app, title, Pane::Body);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let focused = app.focus == Pane::Body && app.overlay.is_none();
    match app.step {
        Step::Region => region::render(app, frame, inner, focused),
        Step::Cni | Step::Transit => choice::render(app, frame, inner, focused),
        Step::Cidrs => cidrs::render(app, frame, inner, focused),
        Step::Review => review::render(app, frame, inner, focused),
        Step::Save => save::render(app, frame, inner, focused),
    }
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
