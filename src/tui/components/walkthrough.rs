//! The walkthrough: how far the current hop's page is scrolled.

use super::scroll_delta;
use crate::tui::keys::Action;

/// The walkthrough's state.
#[derive(Debug, Clone, Default)]
pub struct Walkthrough {
    /// Lines scrolled.
    pub scroll: usize,
}

impl Walkthrough {
    /// Scrolls on up/down/page actions.
    pub fn update(&mut self, action: Action) {
        self.scroll = self.scroll.saturating_add_signed(scroll_delta(action));
    }
}
