//! Undo and redo for the view and for node moves: one timeline of steps, each a [`View`]
//! value to go back to or a node to put back. A run of view changes of the same kind (typing
//! a search, dragging a slider) is one step; each drag of a node is one step.

use egui::Pos2;

use super::View;
use crate::model::EntityIdx;

/// A node dragged from one place to another (dragging pins it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeMove {
    pub entity: EntityIdx,
    pub from: Pos2,
    pub to: Pos2,
    /// Whether it was pinned before the drag.
    pub was_pinned: bool,
}

impl NodeMove {
    /// The same move the other way round, for redo.
    fn reversed(self) -> Self {
        Self {
            from: self.to,
            to: self.from,
            was_pinned: true,
            ..self
        }
    }
}

/// One step of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// The view as it was (boxed: a view is large, a move small).
    View(Box<View>),
    /// A node to move back.
    Node(NodeMove),
}

/// Steps kept at most; the oldest are forgotten first.
const MAX_STEPS: usize = 200;

/// Past and future views.
#[derive(Clone, Debug, Default)]
pub struct History {
    past: Vec<Step>,
    future: Vec<Step>,
    /// The kind of the last change recorded, to merge a run of them into one step.
    last_kind: Option<&'static str>,
}

impl History {
    /// Records that the view was `before` until a change of `kind`. A change of the same
    /// kind as the last one extends that step instead of making a new one.
    pub fn record(&mut self, before: View, kind: &'static str) {
        self.future.clear();
        if self.last_kind == Some(kind) && !self.past.is_empty() {
            return;
        }
        self.push(Step::View(Box::new(before)));
        self.last_kind = Some(kind);
    }

    /// Records a node's move.
    pub fn record_move(&mut self, moved: NodeMove) {
        self.future.clear();
        self.push(Step::Node(moved));
        self.last_kind = None;
    }

    fn push(&mut self, step: Step) {
        self.past.push(step);
        if self.past.len() > MAX_STEPS {
            self.past.remove(0);
        }
    }

    /// The last step to undo, if any: the view to go back to (`current` becomes redoable),
    /// or the node to move back.
    pub fn undo(&mut self, current: &View) -> Option<Step> {
        let step = self.past.pop()?;
        self.future.push(Self::opposite(&step, current));
        self.last_kind = None;
        Some(step)
    }

    /// The step undone last, if any, to do again.
    pub fn redo(&mut self, current: &View) -> Option<Step> {
        let step = self.future.pop()?;
        self.past.push(Self::opposite(&step, current));
        self.last_kind = None;
        Some(step)
    }

    /// What takes a step back again: the current view, or the move reversed.
    fn opposite(step: &Step, current: &View) -> Step {
        match step {
            Step::View(_) => Step::View(Box::new(current.clone())),
            Step::Node(moved) => Step::Node(moved.reversed()),
        }
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(search: &str) -> View {
        View {
            search: search.to_owned(),
            ..View::default()
        }
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut history = History::default();
        history.record(view(""), "select");
        history.record(view("a"), "filters");
        let current = view("b");
        let Some(Step::View(back)) = history.undo(&current) else {
            panic!("a view step");
        };
        assert_eq!(*back, view("a"));
        let Some(Step::View(back)) = history.undo(&back) else {
            panic!("a view step");
        };
        assert_eq!(*back, view(""));
        assert!(history.undo(&back).is_none());
        assert_eq!(history.redo(&back), Some(Step::View(Box::new(view("a")))));
        assert!(history.can_redo());
    }

    #[test]
    fn a_run_of_the_same_kind_is_one_step() {
        let mut history = History::default();
        for typed in ["", "h", "hu", "hua"] {
            history.record(view(typed), "search");
        }
        assert_eq!(
            history.undo(&view("huaw")),
            Some(Step::View(Box::new(view(""))))
        );
        assert!(!history.can_undo());
    }

    #[test]
    fn a_node_move_is_undone_and_redone_in_its_place_in_the_timeline() {
        let mut history = History::default();
        history.record(view(""), "select");
        let moved = NodeMove {
            entity: EntityIdx(3),
            from: egui::pos2(0.0, 0.0),
            to: egui::pos2(10.0, 5.0),
            was_pinned: false,
        };
        history.record_move(moved);
        assert_eq!(history.undo(&view("a")), Some(Step::Node(moved)));
        // Redo moves it to where it was dragged, pinned.
        let Some(Step::Node(again)) = history.redo(&view("a")) else {
            panic!("the move again");
        };
        assert_eq!(
            (again.from, again.to, again.was_pinned),
            (moved.to, moved.from, true)
        );
    }

    #[test]
    fn a_new_change_forgets_what_was_undone() {
        let mut history = History::default();
        history.record(view(""), "select");
        let Some(Step::View(undone)) = history.undo(&view("x")) else {
            panic!("a view step");
        };
        history.record(*undone, "filters");
        assert!(!history.can_redo());
    }
}
