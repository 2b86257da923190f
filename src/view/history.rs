//! Undo and redo for the view: a history of [`View`] values. A run of changes of the same
//! kind (typing a search, dragging a slider) is one step.

use super::View;

/// Steps kept at most; the oldest are forgotten first.
const MAX_STEPS: usize = 200;

/// Past and future views.
#[derive(Clone, Debug, Default)]
pub struct History {
    past: Vec<View>,
    future: Vec<View>,
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
        self.past.push(before);
        if self.past.len() > MAX_STEPS {
            self.past.remove(0);
        }
        self.last_kind = Some(kind);
    }

    /// The view before the last step, if any; `current` becomes redoable.
    pub fn undo(&mut self, current: &View) -> Option<View> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        self.last_kind = None;
        Some(previous)
    }

    /// The view undone last, if any; `current` becomes undoable again.
    pub fn redo(&mut self, current: &View) -> Option<View> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        self.last_kind = None;
        Some(next)
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
        let back = history.undo(&current).unwrap();
        assert_eq!(back, view("a"));
        let back = history.undo(&back).unwrap();
        assert_eq!(back, view(""));
        assert!(history.undo(&back).is_none());
        assert_eq!(history.redo(&back), Some(view("a")));
        assert!(history.can_redo());
    }

    #[test]
    fn a_run_of_the_same_kind_is_one_step() {
        let mut history = History::default();
        for typed in ["", "h", "hu", "hua"] {
            history.record(view(typed), "search");
        }
        assert_eq!(history.undo(&view("huaw")), Some(view("")));
        assert!(!history.can_undo());
    }

    #[test]
    fn a_new_change_forgets_what_was_undone() {
        let mut history = History::default();
        history.record(view(""), "select");
        let undone = history.undo(&view("x")).unwrap();
        history.record(undone, "filters");
        assert!(!history.can_redo());
    }
}
