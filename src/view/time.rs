//! The time window: which days are shown, and the range and step its slider and play control
//! move over. A network dated over years moves a year at a time; one dated within a year or
//! two moves by months, or by days within a month or two.

use jiff::civil::Date;

use crate::model::time::{first_day_of_year, last_day_of_year};
use crate::model::{Days, TimeStep};

/// The days shown: relations whose dates meet the window, and undated ones if chosen; and
/// the entities with a relation shown, or all of them if chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeWindow {
    /// The first day shown.
    pub from: Date,
    /// The last day shown.
    pub to: Date,
    pub show_undated: bool,
    /// Keep showing the entities none of whose relations the window shows. Hidden by
    /// default, so that the network grows as the window plays on rather than standing
    /// complete with a few links among it.
    pub keep_idle: bool,
}

impl TimeWindow {
    /// The whole years from `from_year` to `to_year`, inclusive (either way round).
    pub fn years(from_year: i32, to_year: i32, show_undated: bool) -> Self {
        Self {
            from: first_day_of_year(from_year.min(to_year)),
            to: last_day_of_year(from_year.max(to_year)),
            show_undated,
            keep_idle: false,
        }
    }

    /// The days from the first of `from` to the last of `to` (either way round).
    pub fn between(from: Days, to: Days, show_undated: bool) -> Self {
        let span = from.span(to);
        Self {
            from: span.first,
            to: span.last,
            show_undated,
            keep_idle: false,
        }
    }

    /// The first and last year, if the window is whole years.
    pub fn whole_years(&self) -> Option<(i32, i32)> {
        (self.from == self.from.first_of_year() && self.to == self.to.last_of_year())
            .then(|| (i32::from(self.from.year()), i32::from(self.to.year())))
    }

    /// Whether a relation of these days (`None`: undated) is shown.
    pub fn shows(&self, days: Option<Days>) -> bool {
        match days {
            Some(days) => days.meets(self.from, self.to),
            None => self.show_undated,
        }
    }

    /// The window as a story step keeps it: whole years as years, else its first and last
    /// day.
    pub fn as_dates(&self) -> (Days, Days) {
        match self.whole_years() {
            Some((from, to)) => (Days::year(from), Days::year(to)),
            None => (Days::day(self.from), Days::day(self.to)),
        }
    }
}

/// The days a network's dated relations cover, from the start of the first one's step to the
/// end of the last one's, and the step the window moves by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeRange {
    pub first: Date,
    pub last: Date,
    pub step: TimeStep,
}

impl TimeRange {
    /// The range of dates spanning `days`, with the step that suits them.
    pub fn of(days: Days) -> Self {
        let step = TimeStep::for_span(days);
        Self {
            first: step.start_of(days.first),
            last: step.end_of(days.last),
            step,
        }
    }

    /// The index of the last step (0 when everything falls in one step).
    pub fn last_index(&self) -> i32 {
        self.step.index(self.first, self.last)
    }

    /// The index of the step `date` falls in, within the range.
    pub fn index_of(&self, date: Date) -> i32 {
        self.step
            .index(self.first, date.clamp(self.first, self.last))
    }

    /// The first day of step `index`.
    pub fn start_of(&self, index: i32) -> Date {
        self.step.nth(self.first, index.clamp(0, self.last_index()))
    }

    /// The window from step `from` to step `to`, inclusive.
    pub fn window(&self, from: i32, to: i32, show_undated: bool) -> TimeWindow {
        let (from, to) = (from.min(to), from.max(to));
        TimeWindow {
            from: self.start_of(from),
            to: self.step.end_of(self.start_of(to)),
            show_undated,
            keep_idle: false,
        }
    }

    /// The step `index` written as finely as the step: `2023`, `2023-05`, `2023-05-14`.
    pub fn label(&self, index: i32) -> String {
        self.step.label(self.start_of(index))
    }

    /// The step written `label` (as [`Self::label`] writes it), if it is one in the range.
    pub fn parse_label(&self, label: &str) -> Option<i32> {
        let days = Days::of(label.trim())?;
        days.meets(self.first, self.last)
            .then(|| self.index_of(days.first))
    }

    /// Where play starts from `window`: a step on from where it stands, or the first step
    /// alone when there is no window or it already reaches the end. Undated relations and
    /// idle entities stay as chosen.
    pub fn play_start(&self, window: Option<TimeWindow>) -> TimeWindow {
        window
            .and_then(|w| self.next_play_window(w))
            .unwrap_or_else(|| {
                let first = self.window(0, 0, window.is_none_or(|w| w.show_undated));
                TimeWindow {
                    keep_idle: window.is_some_and(|w| w.keep_idle),
                    ..first
                }
            })
    }

    /// Where play started at `start` stops: the whole range, undated relations and idle
    /// entities as at the start.
    pub fn play_end(&self, start: TimeWindow) -> TimeWindow {
        TimeWindow {
            keep_idle: start.keep_idle,
            ..self.window(0, self.last_index(), start.show_undated)
        }
    }

    /// The next window while playing: one more step, from the first; `None` once the whole
    /// range is shown, where play stops.
    pub fn next_play_window(&self, window: TimeWindow) -> Option<TimeWindow> {
        (window.to < self.last).then(|| {
            let next = self.index_of(window.to) + 1;
            TimeWindow {
                keep_idle: window.keep_idle,
                ..self.window(0, next, window.show_undated)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(window: TimeWindow) -> String {
        let (from, to) = window.as_dates();
        format!("{} to {}", from.written(), to.written())
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::of(Days::of(from).unwrap().span(Days::of(to).unwrap()))
    }

    #[test]
    fn playing_grows_the_window_a_step_at_a_time_and_stops_at_the_end() {
        let years = range("2009", "2011");
        let start = years.play_start(None);
        assert_eq!(start.whole_years(), Some((2009, 2009)));
        assert_eq!(years.play_end(start).whole_years(), Some((2009, 2011)));
        assert!(
            start.show_undated,
            "undated relations show, as the window's box does"
        );
        let next = years.next_play_window(start).unwrap();
        assert_eq!(next.whole_years(), Some((2009, 2010)));
        let last = years.next_play_window(next).unwrap();
        assert_eq!(last.whole_years(), Some((2009, 2011)));
        assert_eq!(years.next_play_window(last), None);
        // Played again from the end, it starts over, keeping the choice about undated ones.
        let hide_undated = TimeWindow {
            show_undated: false,
            ..last
        };
        let again = years.play_start(Some(hide_undated));
        assert_eq!(again.whole_years(), Some((2009, 2009)));
        assert!(!again.show_undated);
        // From the middle, it goes on a step from where the window stands.
        assert_eq!(years.play_start(Some(next)), last);

        let months = range("2023-01-15", "2023-04-02");
        assert_eq!(months.step, TimeStep::Month);
        let second = months.next_play_window(months.play_start(None)).unwrap();
        assert_eq!(written(second), "2023-01-01 to 2023-02-28");
    }

    #[test]
    fn a_window_within_a_year_shows_only_relations_of_its_months() {
        let months = range("2023-01", "2023-12");
        assert_eq!(months.last_index(), 11);
        let spring = months.window(2, 4, false);
        assert_eq!(written(spring), "2023-03-01 to 2023-05-31");
        assert_eq!(spring.whole_years(), None);
        assert!(spring.shows(Days::of("2023-05-31")));
        assert!(spring.shows(Days::of("2023")));
        assert!(!spring.shows(Days::of("2023-06-01")));
        assert!(!spring.shows(None));
        assert_eq!(months.label(4), "2023-05");
        assert_eq!(months.parse_label("2023-05"), Some(4));
        assert_eq!(months.parse_label("2024-05"), None);
    }

    #[test]
    fn whole_years_are_written_as_years() {
        let window = TimeWindow::years(2019, 2014, true);
        assert_eq!(window.whole_years(), Some((2014, 2019)));
        assert_eq!(written(window), "2014 to 2019");
        assert!(window.shows(Days::of("2014-01-01")));
        assert!(!window.shows(Days::of("2020-01-01")));
    }
}
