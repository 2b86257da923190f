//! Undo and redo for the view, node moves, layout runs and story edits: one timeline of
//! steps, each a [`View`] value to go back to, a node to put back, or a snapshot of the app's
//! own state (`L`: a whole layout, or the stories; the view knows nothing of either) to
//! restore. A run of view changes of the same kind (typing a search, dragging a slider) is one
//! step; each drag of a node is one step; each layout run (re-run, re-layout, engine, flow
//! arrangement) is one step; each story edit is one, typing a title or caption one in all.

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
pub enum Step<L> {
    /// The view as it was (boxed: a view is large, a move small).
    View(Box<View>),
    /// A node to move back.
    Node(NodeMove),
    /// The app's own state as it was before a change: the whole layout before a layout run,
    /// the stories before an edit.
    Snapshot(Box<L>),
}

/// Steps kept at most; the oldest are forgotten first.
const MAX_STEPS: usize = 200;
/// Snapshots kept at most (a layout's holds every node's position): the oldest are forgotten
/// first.
const MAX_SNAPSHOTS: usize = 10;

/// Past and future steps.
#[derive(Clone, Debug)]
pub struct History<L> {
    past: Vec<Step<L>>,
    future: Vec<Step<L>>,
    /// The kind of the last change recorded, to merge a run of them into one step.
    last_kind: Option<&'static str>,
}

impl<L> Default for History<L> {
    fn default() -> Self {
        Self {
            past: Vec::new(),
            future: Vec::new(),
            last_kind: None,
        }
    }
}

impl<L> History<L> {
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

    /// Records a change that is a step of its own, never merged into the one before (a
    /// click on an entity after a click on another); a run of the same kind may still
    /// follow it into this step.
    pub fn record_step(&mut self, before: View, kind: &'static str) {
        self.future.clear();
        self.push(Step::View(Box::new(before)));
        self.last_kind = Some(kind);
    }

    /// Records a node's move.
    pub fn record_move(&mut self, moved: NodeMove) {
        self.future.clear();
        self.push(Step::Node(moved));
        self.last_kind = None;
    }

    /// Records the app's state as it was before a change. A change of the same `kind` as the
    /// last one (typing a story's title) extends that step; `None`: a step of its own.
    pub fn record_snapshot(&mut self, before: L, kind: Option<&'static str>) {
        self.future.clear();
        if kind.is_some() && self.last_kind == kind && !self.past.is_empty() {
            return;
        }
        self.push(Step::Snapshot(Box::new(before)));
        self.last_kind = kind;
    }

    fn push(&mut self, step: Step<L>) {
        self.past.push(step);
        if self.past.len() > MAX_STEPS {
            self.past.remove(0);
        }
        let snapshots = self
            .past
            .iter()
            .filter(|s| matches!(s, Step::Snapshot(_)))
            .count();
        if snapshots > MAX_SNAPSHOTS
            && let Some(oldest) = self
                .past
                .iter()
                .position(|s| matches!(s, Step::Snapshot(_)))
        {
            self.past.remove(oldest);
        }
    }

    /// The last step to undo, if any: the view to go back to (`current` becomes redoable),
    /// the node to move back, or the snapshot to restore (`now`, given that snapshot, takes
    /// one of the same kind as things stand, which becomes redoable).
    pub fn undo(&mut self, current: &View, now: impl FnOnce(&L) -> L) -> Option<Step<L>> {
        let step = self.past.pop()?;
        self.future.push(Self::opposite(&step, current, now));
        self.last_kind = None;
        Some(step)
    }

    /// The step undone last, if any, to do again.
    pub fn redo(&mut self, current: &View, now: impl FnOnce(&L) -> L) -> Option<Step<L>> {
        let step = self.future.pop()?;
        self.past.push(Self::opposite(&step, current, now));
        self.last_kind = None;
        Some(step)
    }

    /// What takes a step back again: the current view, the move reversed, or the state now.
    fn opposite(step: &Step<L>, current: &View, now: impl FnOnce(&L) -> L) -> Step<L> {
        match step {
            Step::View(_) => Step::View(Box::new(current.clone())),
            Step::Node(moved) => Step::Node(moved.reversed()),
            Step::Snapshot(before) => Step::Snapshot(Box::new(now(before))),
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
        let mut history = History::<u32>::default();
        history.record(view(""), "select");
        history.record(view("a"), "filters");
        let current = view("b");
        let Some(Step::View(back)) = history.undo(&current, |_| 0) else {
            panic!("a view step");
        };
        assert_eq!(*back, view("a"));
        let Some(Step::View(back)) = history.undo(&back, |_| 0) else {
            panic!("a view step");
        };
        assert_eq!(*back, view(""));
        assert!(history.undo(&back, |_| 0).is_none());
        assert_eq!(
            history.redo(&back, |_| 0),
            Some(Step::View(Box::new(view("a"))))
        );
        assert!(history.can_redo());
    }

    #[test]
    fn a_run_of_the_same_kind_is_one_step() {
        let mut history = History::<u32>::default();
        for typed in ["", "h", "hu", "hua"] {
            history.record(view(typed), "search");
        }
        assert_eq!(
            history.undo(&view("huaw"), |_| 0),
            Some(Step::View(Box::new(view(""))))
        );
        assert!(!history.can_undo());
    }

    #[test]
    fn a_step_of_its_own_is_never_merged_into_the_last() {
        let mut history = History::<u32>::default();
        history.record_step(view("a"), "select");
        history.record_step(view("b"), "select");
        // A change of the same kind that runs together joins the last step.
        history.record(view("c"), "select");
        assert_eq!(
            history.undo(&view("d"), |_| 0),
            Some(Step::View(Box::new(view("b"))))
        );
        assert_eq!(
            history.undo(&view("b"), |_| 0),
            Some(Step::View(Box::new(view("a"))))
        );
    }

    #[test]
    fn a_node_move_is_undone_and_redone_in_its_place_in_the_timeline() {
        let mut history = History::<u32>::default();
        history.record(view(""), "select");
        let moved = NodeMove {
            entity: EntityIdx(3),
            from: egui::pos2(0.0, 0.0),
            to: egui::pos2(10.0, 5.0),
            was_pinned: false,
        };
        history.record_move(moved);
        assert_eq!(history.undo(&view("a"), |_| 0), Some(Step::Node(moved)));
        // Redo moves it to where it was dragged, pinned.
        let Some(Step::Node(again)) = history.redo(&view("a"), |_| 0) else {
            panic!("the move again");
        };
        assert_eq!(
            (again.from, again.to, again.was_pinned),
            (moved.to, moved.from, true)
        );
    }

    #[test]
    fn a_layout_run_is_undone_to_the_layout_before_and_redone_to_the_one_after() {
        let mut history = History::<u32>::default();
        history.record(view(""), "select");
        history.record_snapshot(1, None);
        assert_eq!(
            history.undo(&view("a"), |_| 2),
            Some(Step::Snapshot(Box::new(1)))
        );
        assert_eq!(
            history.redo(&view("a"), |_| 1),
            Some(Step::Snapshot(Box::new(2)))
        );
        assert_eq!(
            history.undo(&view("a"), |_| 2),
            Some(Step::Snapshot(Box::new(1)))
        );
        assert_eq!(
            history.undo(&view("a"), |_| 1),
            Some(Step::View(Box::new(view(""))))
        );
    }

    #[test]
    fn only_the_latest_layouts_are_kept() {
        let mut history = History::<usize>::default();
        for layout in 0..MAX_SNAPSHOTS + 5 {
            history.record(view(""), "select");
            history.record_snapshot(layout, None);
        }
        let mut layouts = Vec::new();
        while let Some(step) = history.undo(&view(""), |_| 0) {
            if let Step::Snapshot(layout) = step {
                layouts.push(*layout);
            }
        }
        assert_eq!(layouts.len(), MAX_SNAPSHOTS);
        assert_eq!(layouts.first(), Some(&(MAX_SNAPSHOTS + 4)));
        assert_eq!(layouts.last(), Some(&5));
    }

    #[test]
    fn snapshots_of_one_kind_in_a_row_are_one_step() {
        // Typing a story's title: one step back to the stories before the first key.
        let mut history = History::<u32>::default();
        for stories in [1, 2, 3] {
            history.record_snapshot(stories, Some("story text"));
        }
        history.record_snapshot(4, None);
        history.record_snapshot(5, None);
        let mut undone = Vec::new();
        while let Some(Step::Snapshot(before)) = history.undo(&view(""), |_| 0) {
            undone.push(*before);
        }
        assert_eq!(undone, [5, 4, 1]);
    }

    #[test]
    fn a_new_change_forgets_what_was_undone() {
        let mut history = History::<u32>::default();
        history.record(view(""), "select");
        let Some(Step::View(undone)) = history.undo(&view("x"), |_| 0) else {
            panic!("a view step");
        };
        history.record(*undone, "filters");
        assert!(!history.can_redo());
    }
}
