//! The region step: the catalog's regions, browsed with the usual keys or filtered
//! after `/` (as in k9s, lazygit, htop), and the cursor in the filtered list.

use super::{Effect, Effects, error, info, may_edit, scroll_delta, step_index};
use crate::catalog::{Catalog, Region};
use crate::tui::app::Step;
use crate::tui::keys::Action;
use crate::tui::session::Session;
use tui_input::Input;

/// Whether keys browse the list or type into the filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RegionMode {
    /// Keys move in the list; digits and letters keep their meaning (`/` filters).
    #[default]
    Browse,
    /// Keys type into the filter.
    Filter,
}

/// A region list filtered by what the user typed.
#[derive(Debug, Clone, Default)]
pub struct RegionPicker {
    /// The filter text; every word must appear in the region's id or name.
    pub filter: Input,
    /// Browsing the list or typing the filter.
    pub mode: RegionMode,
    /// Index into the filtered list.
    pub cursor: usize,
}

impl RegionPicker {
    /// A picker with the cursor on `current`.
    pub fn at(current: &str) -> RegionPicker {
        let cursor = Catalog::builtin()
            .regions
            .iter()
            .position(|r| r.id == current)
            .unwrap_or(0);
        RegionPicker {
            filter: Input::default(),
            mode: RegionMode::Browse,
            cursor,
        }
    }

    /// The regions that match the filter, in catalog order.
    pub fn matches(&self) -> Vec<&'static Region> {
        let words: Vec<String> = self
            .filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        Catalog::builtin()
            .regions
            .iter()
            .filter(|r| {
                let (id, name) = (r.id.to_lowercase(), r.name.to_lowercase());
                words
                    .iter()
                    .all(|w| id.contains(w.as_str()) || name.contains(w.as_str()))
            })
            .collect()
    }

    /// The region under the cursor, if any matches.
    pub fn selected(&self) -> Option<&'static Region> {
        self.matches().get(self.cursor).copied()
    }

    /// Moves the cursor by `delta`, staying in the list.
    pub fn move_by(&mut self, delta: isize) {
        let len = self.matches().len();
        self.cursor = step_index(self.cursor, delta, len);
    }

    /// Puts the cursor back in range after the filter changed, on `current` when it matches.
    pub fn refilter(&mut self, current: &str) {
        let matches = self.matches();
        self.cursor = matches.iter().position(|r| r.id == current).unwrap_or(0);
    }

    /// Handles an action of the region step.
    pub fn update(&mut self, action: Action, session: &mut Session) -> Effects {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.move_by(scroll_delta(action));
                vec![]
            }
            Action::ChooseRegion => self.choose(session).unwrap_or_else(|e| e),
            Action::StartFilter => {
                self.mode = RegionMode::Filter;
                vec![]
            }
            Action::ClearFilter => {
                self.leave_filter(&session.plan().region);
                vec![]
            }
            Action::Type(request) => {
                self.filter.handle(request);
                self.refilter(&session.plan().region);
                vec![]
            }
            _ => vec![],
        }
    }

    /// Drops the filter and goes back to browsing, the cursor on `current`.
    pub fn leave_filter(&mut self, current: &str) {
        self.filter.reset();
        self.mode = RegionMode::Browse;
        self.refilter(current);
    }

    /// Uses the region under the cursor (the catalog's rule decides what follows it).
    fn choose(&mut self, session: &mut Session) -> Result<Effects, Effects> {
        let Some(region) = self.selected() else {
            return Err(error("no region matches the filter; Esc clears it"));
        };
        may_edit(session)?;
        let mut plan = session.plan().clone();
        let note = match plan.set_region(Catalog::builtin(), &region.id) {
            Ok(Some(ip)) => format!(
                "; management_ip {ip} was {}'s, so it is unset: resolve cs-anony-vpc.{}.aliyuncs.com in the VPC",
                session.plan().region,
                region.id
            ),
            Ok(None) => String::new(),
            Err(_) => return Err(error("that region is not in the catalog")),
        };
        session.set_plan(plan);
        self.leave_filter(&session.plan().region);
        Ok(vec![
            info(format!("Region: {} ({}){note}", region.id, region.name)),
            Effect::GoToStep(Step::Cni),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_matches_id_and_name_words() {
        let mut p = RegionPicker {
            filter: Input::new("shang".into()),
            mode: RegionMode::Filter,
            cursor: 0,
        };
        assert_eq!(
            p.matches()
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["cn-shanghai"]
        );
        p.filter = Input::new("china hong".into());
        assert_eq!(p.matches()[0].id, "cn-hongkong");
    }
}
