//! The hop details pane: how far it is scrolled.

use super::scroll_delta;
use crate::tui::keys::Action;

/// The details pane's state.
#[derive(Debug, Clone, Default)]
pub struct Details {
    /// Lines scrolled.
    pub scroll: usize,
}

impl Details {
    /// Scrolls on up/down/page actions.
    pub fn update(&mut self, action: Action) {
        self.scroll = self.scroll.saturating_add_signed(scroll_delta(action));
    }
}
