//! Dates as calendar days: what a written date covers, and the steps a time window moves by.
//! A file's dates are kept as written (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, perhaps with a time
//! after); here they become the first and last day they cover, so that a window can be a
//! few months of one year as well as a run of years.

use jiff::civil::Date;

/// How finely a date is written. Ordered from coarse to fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    Year,
    Month,
    Day,
}

/// The days a stretch of time covers, first and last inclusive, and how finely its dates are
/// written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub first: Date,
    pub last: Date,
    pub precision: DatePrecision,
}

impl Days {
    /// The days of a date written `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after is
    /// ignored, such as a time of day). A month or day that is not one (`2023-13`,
    /// `2023-02-30`) leaves the date as precise as its valid part. `None` without four digits
    /// of year.
    pub fn of(date: &str) -> Option<Self> {
        let year: i16 = date
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()?;
        let two_digits = |range: std::ops::Range<usize>| -> Option<i8> {
            let part = date.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let month = (date.get(4..5) == Some("-"))
            .then(|| two_digits(5..7))
            .flatten()
            .filter(|m| (1..=12).contains(m));
        let Some(month) = month else {
            return Some(Self {
                first: Date::new(year, 1, 1).ok()?,
                last: Date::new(year, 12, 31).ok()?,
                precision: DatePrecision::Year,
            });
        };
        let first_of_month = Date::new(year, month, 1).ok()?;
        let day = (date.get(7..8) == Some("-"))
            .then(|| two_digits(8..10))
            .flatten()
            .and_then(|d| Date::new(year, month, d).ok());
        Some(match day {
            Some(day) => Self {
                first: day,
                last: day,
                precision: DatePrecision::Day,
            },
            None => Self {
                first: first_of_month,
                last: first_of_month.last_of_month(),
                precision: DatePrecision::Month,
            },
        })
    }

    /// The whole of `year`.
    pub fn year(year: i32) -> Self {
        Self {
            first: first_day_of_year(year),
            last: last_day_of_year(year),
            precision: DatePrecision::Year,
        }
    }

    /// One day.
    pub fn day(date: Date) -> Self {
        Self {
            first: date,
            last: date,
            precision: DatePrecision::Day,
        }
    }

    /// The date as written, as finely as it is given: `2023`, `2023-05`, `2023-05-14`.
    pub fn written(&self) -> String {
        let step = match self.precision {
            DatePrecision::Year => TimeStep::Year,
            DatePrecision::Month => TimeStep::Month,
            DatePrecision::Day => TimeStep::Day,
        };
        step.label(self.first)
    }

    /// The days from the earlier of the two to the later, as finely as the finer is written.
    #[must_use]
    pub fn span(self, other: Self) -> Self {
        Self {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
            precision: self.precision.max(other.precision),
        }
    }

    /// Whether any day of these is in `from..=to`.
    pub fn meets(&self, from: Date, to: Date) -> bool {
        self.first <= to && self.last >= from
    }
}

/// What a time window moves by: whole years for a story that runs over years, months or days
/// for one that happens within a year or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStep {
    Year,
    Month,
    Day,
}

impl TimeStep {
    /// The step that suits dates spanning `days`: years when they cover three calendar years
    /// or more, or are written as years only; else months, unless they fall within two
    /// calendar months and are written to the day.
    pub fn for_span(days: Days) -> Self {
        let years = i32::from(days.last.year()) - i32::from(days.first.year());
        if years >= 2 || days.precision == DatePrecision::Year {
            return Self::Year;
        }
        if months_between(days.first, days.last) >= 2 || days.precision == DatePrecision::Month {
            Self::Month
        } else {
            Self::Day
        }
    }

    /// "year", "month" or "day".
    pub fn noun(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }

    /// The first day of the step `date` is in.
    pub fn start_of(self, date: Date) -> Date {
        match self {
            Self::Year => date.first_of_year(),
            Self::Month => date.first_of_month(),
            Self::Day => date,
        }
    }

    /// The last day of the step `date` is in.
    pub fn end_of(self, date: Date) -> Date {
        match self {
            Self::Year => date.last_of_year(),
            Self::Month => date.last_of_month(),
            Self::Day => date,
        }
    }

    /// How many steps on from `origin`'s step `date`'s step is.
    pub fn index(self, origin: Date, date: Date) -> i32 {
        match self {
            Self::Year => i32::from(date.year()) - i32::from(origin.year()),
            Self::Month => months_between(origin, date),
            Self::Day => origin.until(date).map_or(0, |span| span.get_days()),
        }
    }

    /// The first day of the step `index` steps on from `origin`'s (clamped to the calendar).
    pub fn nth(self, origin: Date, index: i32) -> Date {
        let span = match self {
            Self::Year => jiff::Span::new().try_years(i64::from(index)),
            Self::Month => jiff::Span::new().try_months(i64::from(index)),
            Self::Day => jiff::Span::new().try_days(i64::from(index)),
        };
        let start = self.start_of(origin);
        span.ok()
            .and_then(|span| start.checked_add(span).ok())
            .map_or(start, |date| self.start_of(date))
    }

    /// The step `date` is in, written as finely as the step: `2023`, `2023-05`, `2023-05-14`.
    pub fn label(self, date: Date) -> String {
        match self {
            Self::Year => format!("{:04}", date.year()),
            Self::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Self::Day => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        }
    }
}

/// Calendar months from `from`'s month to `to`'s: 0 within one month.
fn months_between(from: Date, to: Date) -> i32 {
    let month_number = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
    month_number(to) - month_number(from)
}

/// The first day of `year`, clamped to the years a calendar date can have.
pub fn first_day_of_year(year: i32) -> Date {
    let year = year.clamp(i32::from(Date::MIN.year()), i32::from(Date::MAX.year())) as i16;
    Date::new(year, 1, 1).unwrap_or(Date::MIN)
}

/// The last day of `year`, clamped to the years a calendar date can have.
pub fn last_day_of_year(year: i32) -> Date {
    first_day_of_year(year).last_of_year()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_written_date_covers_the_days_it_names() {
        let year = Days::of("2019").unwrap();
        assert_eq!(
            (year.first, year.last),
            (date(2019, 1, 1), date(2019, 12, 31))
        );
        assert_eq!(year.precision, DatePrecision::Year);
        let month = Days::of("2020-02").unwrap();
        assert_eq!(
            (month.first, month.last),
            (date(2020, 2, 1), date(2020, 2, 29))
        );
        assert_eq!(month.precision, DatePrecision::Month);
        let day = Days::of("2023-05-14T10:00:00Z").unwrap();
        assert_eq!(
            (day.first, day.last),
            (date(2023, 5, 14), date(2023, 5, 14))
        );
        assert_eq!(day.precision, DatePrecision::Day);
    }

    #[test]
    fn an_impossible_month_or_day_leaves_the_date_coarser() {
        assert_eq!(Days::of("2023-13").unwrap().precision, DatePrecision::Year);
        let no_such_day = Days::of("2023-02-30").unwrap();
        assert_eq!(no_such_day.precision, DatePrecision::Month);
        assert_eq!(no_such_day.last, date(2023, 2, 28));
        assert_eq!(Days::of("c. 2020"), None);
        assert_eq!(no_such_day.written(), "2023-02");
        assert_eq!(Days::year(2014), Days::of("2014").unwrap());
        assert_eq!(Days::of("20"), None);
    }

    #[test]
    fn the_step_follows_how_long_and_how_finely_dates_run() {
        let span = |a: &str, b: &str| Days::of(a).unwrap().span(Days::of(b).unwrap());
        assert_eq!(TimeStep::for_span(span("2009", "2020")), TimeStep::Year);
        assert_eq!(
            TimeStep::for_span(span("2009-03", "2020-05")),
            TimeStep::Year
        );
        assert_eq!(TimeStep::for_span(span("2022", "2023")), TimeStep::Year);
        assert_eq!(
            TimeStep::for_span(span("2023-01-05", "2023-11-20")),
            TimeStep::Month
        );
        assert_eq!(
            TimeStep::for_span(span("2023-03", "2023-03")),
            TimeStep::Month
        );
        assert_eq!(
            TimeStep::for_span(span("2023-03-01", "2023-04-12")),
            TimeStep::Day
        );
    }

    #[test]
    fn steps_count_and_name_calendar_units() {
        let origin = date(2022, 11, 20);
        assert_eq!(TimeStep::Month.index(origin, date(2023, 2, 1)), 3);
        assert_eq!(TimeStep::Month.nth(origin, 3), date(2023, 2, 1));
        assert_eq!(TimeStep::Month.label(date(2023, 2, 1)), "2023-02");
        assert_eq!(TimeStep::Day.index(origin, date(2022, 12, 1)), 11);
        assert_eq!(TimeStep::Day.nth(origin, 11), date(2022, 12, 1));
        assert_eq!(TimeStep::Year.index(origin, date(2025, 1, 1)), 3);
        assert_eq!(TimeStep::Year.nth(origin, 3), date(2025, 1, 1));
        assert_eq!(TimeStep::Year.end_of(origin), date(2022, 12, 31));
        assert!(
            Days::of("2023-02")
                .unwrap()
                .meets(date(2023, 2, 28), date(2023, 3, 31))
        );
        assert!(
            !Days::of("2023-02")
                .unwrap()
                .meets(date(2023, 3, 1), date(2023, 3, 31))
        );
    }
}
