//! Undo and redo of plan edits: a bounded stack of the plans before each committed
//! edit (a typed CIDR is one edit, from the draft's start), and the plans undone.

use crate::plan::Plan;
use std::collections::VecDeque;

/// Edits kept for undo; the oldest go first.
pub const DEPTH: usize = 100;

/// The plans to go back to, and the ones to go forward to again.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Plans before each edit, the latest last.
    undo: VecDeque<Plan>,
    /// Plans undone, the latest undone last.
    redo: Vec<Plan>,
}

impl History {
    /// Notes that `before` was replaced by an edit: it can be undone, and nothing undone
    /// can be redone any more.
    pub fn record(&mut self, before: Plan) {
        if self.undo.len() == DEPTH {
            self.undo.pop_front();
        }
        self.undo.push_back(before);
        self.redo.clear();
    }

    /// The plan before the last edit, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &Plan) -> Option<Plan> {
        let before = self.undo.pop_back()?;
        self.redo.push(current.clone());
        Some(before)
    }

    /// The plan the last undo left, if any; `current` becomes undoable again.
    pub fn redo(&mut self, current: &Plan) -> Option<Plan> {
        let after = self.redo.pop()?;
        self.undo.push_back(current.clone());
        Some(after)
    }

    /// Edits that can be undone.
    pub fn undoable(&self) -> usize {
        self.undo.len()
    }

    /// Edits that can be redone.
    pub fn redoable(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(n: usize) -> Plan {
        let mut p = Plan::example();
        p.meta.notes = Some(n.to_string());
        p
    }

    #[test]
    fn undo_then_redo_walks_back_and_forth_and_a_new_edit_drops_the_redo() {
        let mut h = History::default();
        h.record(plan(0));
        h.record(plan(1));
        assert_eq!(h.undo(&plan(2)), Some(plan(1)));
        assert_eq!(h.redo(&plan(1)), Some(plan(2)));
        assert_eq!(h.undo(&plan(2)), Some(plan(1)));
        h.record(plan(1));
        assert_eq!(h.redoable(), 0);
        assert_eq!(h.redo(&plan(5)), None);
    }

    #[test]
    fn the_stack_keeps_only_the_latest_edits() {
        let mut h = History::default();
        for i in 0..DEPTH + 5 {
            h.record(plan(i));
        }
        assert_eq!(h.undoable(), DEPTH);
        let mut oldest = None;
        while let Some(p) = h.undo(&plan(0)) {
            oldest = Some(p);
        }
        assert_eq!(oldest, Some(plan(5)));
    }
}
