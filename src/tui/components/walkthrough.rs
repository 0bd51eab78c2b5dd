//! The walkthrough slides: which slide is shown (the title, then one per hop on the
//! plan's path) and how far it is scrolled.

use super::{Effect, Effects, scroll_delta};
use crate::hop::Hop;
use crate::plan::Transit;
use crate::tui::keys::Action;

/// One slide of the walkthrough.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    /// The plan at a glance: name, customer, region, choices, the verdict.
    Title,
    /// One hop on the path, lit in the diagram.
    Hop(Hop),
}

/// The walkthrough's state.
#[derive(Debug, Clone, Default)]
pub struct Walkthrough {
    /// The slide shown: 0 is the title, `i` the path's hop `i - 1`.
    pub slide: usize,
    /// Lines scrolled within the slide.
    pub scroll: usize,
}

/// How many slides a plan with `transit` has: the title and one per hop on its path.
pub fn slide_count(transit: Transit) -> usize {
    1 + Hop::path(transit).len()
}

/// The slide at `index` of a plan with `transit`.
pub fn slide_at(index: usize, transit: Transit) -> Slide {
    match index.checked_sub(1) {
        None => Slide::Title,
        Some(i) => Hop::path(transit)
            .get(i)
            .copied()
            .map_or(Slide::Title, Slide::Hop),
    }
}

impl Walkthrough {
    /// The slide shown, for a plan with `transit`.
    pub fn current(&self, transit: Transit) -> Slide {
        slide_at(self.slide, transit)
    }

    /// Opens on the title slide.
    pub fn open(&mut self) {
        self.slide = 0;
        self.scroll = 0;
    }

    /// Moves between slides or scrolls one; a hop slide lights its hop.
    pub fn update(&mut self, action: Action, transit: Transit) -> Effects {
        let last = slide_count(transit) - 1;
        let slide = match action {
            Action::NextSlide => (self.slide + 1).min(last),
            Action::PrevSlide => self.slide.saturating_sub(1),
            Action::FirstSlide => 0,
            Action::LastSlide => last,
            other => {
                self.scroll = self.scroll.saturating_add_signed(scroll_delta(other));
                return vec![];
            }
        };
        if slide != self.slide {
            self.slide = slide;
            self.scroll = 0;
        }
        match self.current(transit) {
            Slide::Hop(hop) => vec![Effect::SelectHop(hop)],
            Slide::Title => vec![],
        }
    }
}
