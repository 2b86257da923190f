//! Search as you type in a big network: each key would recompute the search and the lens
//! (100,000 entities and 500,000 relations: 100–190 ms), so the window would stall on every
//! key. There the box takes the keys at once and the search runs once typing pauses, or at
//! Enter.

use std::time::{Duration, Instant};

/// From this many entities and relations together, a search waits for a pause in typing.
pub const DELAYED_FROM: usize = 100_000;
/// The pause that runs the search.
pub const PAUSE: Duration = Duration::from_millis(250);

/// A search typed but not yet run.
#[derive(Debug, Default)]
pub struct PendingSearch {
    typed: Option<(String, Instant)>,
}

impl PendingSearch {
    /// The box now holds `text`, typed at `now`.
    pub fn typed(&mut self, text: String, now: Instant) {
        self.typed = Some((text, now));
    }

    /// Whether a search is waiting.
    pub fn is_waiting(&self) -> bool {
        self.typed.is_some()
    }

    /// The search to run now, if typing has paused by `now` or `enter` was pressed; else
    /// how long until it may be, for a repaint.
    pub fn due(&mut self, now: Instant, enter: bool) -> Result<Option<String>, Duration> {
        match &self.typed {
            None => Ok(None),
            Some((_, at)) if !enter && now.saturating_duration_since(*at) < PAUSE => {
                Err(PAUSE.saturating_sub(now.saturating_duration_since(*at)))
            }
            Some(_) => Ok(self.typed.take().map(|(text, _)| text)),
        }
    }

    /// Forgets a search not yet run (another file opened, an undo).
    pub fn clear(&mut self) {
        self.typed = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_text_typed_runs_once_typing_pauses_or_at_enter() {
        let start = Instant::now();
        let mut pending = PendingSearch::default();
        assert_eq!(pending.due(start, false), Ok(None));
        pending.typed("hu".to_owned(), start);
        pending.typed("hua".to_owned(), start + Duration::from_millis(100));
        let soon = start + Duration::from_millis(200);
        assert_eq!(pending.due(soon, false), Err(Duration::from_millis(150)));
        assert!(pending.is_waiting());
        let later = start + Duration::from_millis(350);
        assert_eq!(pending.due(later, false), Ok(Some("hua".to_owned())));
        assert!(!pending.is_waiting());
        assert_eq!(pending.due(later, false), Ok(None), "run once");
        pending.typed("huaw".to_owned(), later);
        assert_eq!(
            pending.due(later, true),
            Ok(Some("huaw".to_owned())),
            "Enter runs it"
        );
    }
}
