//! The working calendar and opening hours: one model for every later capability (deadlines, slots, "open now").
//!
//! Pure: dates and times are civil time in Asia/Shanghai (UTC+8, no daylight saving). Callers turn an instant
//! into civil time with [`civil`]. Working days follow the State Council's annual announcement: weekends are rest
//! days except make-up workdays (调休), and public holidays are rest days. A year whose calendar has not been
//! published is treated as weekends-only, and [`WorkCalendar::is_published`] says so, so the admin can see it.

pub mod page;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Asia/Shanghai: UTC+8 all year.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// An instant as civil date-time in Asia/Shanghai.
pub fn civil(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&china_offset()).naive_local()
}

/// What kind of day a date is, for opening hours and working-day arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayKind {
    /// Monday–Friday that is not a holiday, or a make-up workday (调休上班).
    Working,
    /// A Saturday or Sunday that is not a make-up workday.
    Weekend,
    /// A public holiday (法定节假日, including the days moved into it).
    Holiday,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidayEntry {
    pub date: NaiveDate,
    /// Chinese name, e.g. 春节.
    pub name: String,
}

/// China's public holidays and make-up workdays for the published years.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkCalendar {
    holidays: BTreeMap<NaiveDate, String>,
    workdays: BTreeMap<NaiveDate, String>,
    published: BTreeSet<i32>,
}

impl WorkCalendar {
    pub fn new(
        holidays: impl IntoIterator<Item = HolidayEntry>,
        workdays: impl IntoIterator<Item = HolidayEntry>,
        published_years: impl IntoIterator<Item = i32>,
    ) -> Self {
        Self {
            holidays: holidays.into_iter().map(|h| (h.date, h.name)).collect(),
            workdays: workdays.into_iter().map(|h| (h.date, h.name)).collect(),
            published: published_years.into_iter().collect(),
        }
    }

    /// Parses the shipped `cn-holidays.json` (npm chinese-days format: `"2026-02-15": "Spring Festival,春节,4"`).
    /// Every year that has at least one entry counts as published.
    pub fn from_chinese_days_json(json: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Raw {
            holidays: BTreeMap<String, String>,
            workdays: BTreeMap<String, String>,
        }
        let raw: Raw = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let parse = |m: BTreeMap<String, String>| -> Result<Vec<HolidayEntry>, String> {
            m.into_iter()
                .map(|(d, v)| {
                    let date = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|e| format!("{d}: {e}"))?;
                    let name = v.split(',').nth(1).unwrap_or(&v).to_string();
                    Ok(HolidayEntry { date, name })
                })
                .collect()
        };
        let holidays = parse(raw.holidays)?;
        let workdays = parse(raw.workdays)?;
        let years: BTreeSet<i32> = holidays.iter().chain(workdays.iter()).map(|h| h.date.year()).collect();
        Ok(Self::new(holidays, workdays, years))
    }

    pub fn is_published(&self, year: i32) -> bool {
        self.published.contains(&year)
    }

    pub fn published_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.published.iter().copied()
    }

    /// Every public holiday and make-up workday, for storing.
    pub fn entries(&self) -> impl Iterator<Item = (NaiveDate, DayKind, &str)> + '_ {
        let h = self.holidays.iter().map(|(d, n)| (*d, DayKind::Holiday, n.as_str()));
        let w = self.workdays.iter().map(|(d, n)| (*d, DayKind::Working, n.as_str()));
        h.chain(w)
    }

    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&date).map(String::as_str)
    }

    pub fn makeup_workday_name(&self, date: NaiveDate) -> Option<&str> {
        self.workdays.get(&date).map(String::as_str)
    }

    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        if self.holidays.contains_key(&date) {
            DayKind::Holiday
        } else if self.workdays.contains_key(&date) {
            DayKind::Working
        } else if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_kind(date) == DayKind::Working
    }

    /// The date `n` working days after `start` (the start day itself is not counted, as for 承诺时限:
    /// accepted on day D with a 5-day limit, the case is due by the 5th working day after D).
    /// `n == 0` returns `start`.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut date = start;
        let mut left = n;
        while left > 0 {
            // At chrono's last date there is no next day: stop there rather than panic a request.
            let Some(next) = date.succ_opt() else { return date };
            date = next;
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// Working days in the half-open range `(from, to]`; zero when `to <= from`.
    /// Inverse of [`Self::add_working_days`]: `working_days_between(d, add_working_days(d, n)) == n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut date = from;
        while date < to {
            date = date.succ_opt().expect("date in range");
            if self.is_working_day(date) {
                count += 1;
            }
        }
        count
    }
}

/// One opening session, e.g. 09:00–12:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl Session {
    pub fn new(open: (u32, u32), close: (u32, u32)) -> Self {
        Self {
            open: NaiveTime::from_hms_opt(open.0, open.1, 0).expect("valid time"),
            close: NaiveTime::from_hms_opt(close.0, close.1, 0).expect("valid time"),
        }
    }

    pub fn label(&self) -> String {
        format!("{}–{}", self.open.format("%H:%M"), self.close.format("%H:%M"))
    }
}

/// A point's opening hours: sessions for working days, weekends and public holidays. A gap between two sessions
/// of a day is the lunch break; a working-day schedule with one session from morning to evening is lunch-break
/// service (午间不打烊). Empty means closed on that kind of day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    pub working: Vec<Session>,
    pub weekend: Vec<Session>,
    pub holiday: Vec<Session>,
}

/// Whether a point is open at a moment, and when that changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenState {
    Open { closes: NaiveTime },
    /// Between two sessions of the same day.
    LunchBreak { reopens: NaiveTime },
    /// Closed; opens at the given civil date-time, or not within the next 30 days.
    Closed { opens: Option<NaiveDateTime> },
}

impl OpeningHours {
    pub fn sessions(&self, kind: DayKind) -> &[Session] {
        match kind {
            DayKind::Working => &self.working,
            DayKind::Weekend => &self.weekend,
            DayKind::Holiday => &self.holiday,
        }
    }

    pub fn sessions_on<'a>(&'a self, calendar: &WorkCalendar, date: NaiveDate) -> &'a [Session] {
        self.sessions(calendar.day_kind(date))
    }

    /// Open on weekends and on public holidays: a 365天不打烊 point.
    pub fn is_all_year(&self) -> bool {
        !self.weekend.is_empty() && !self.holiday.is_empty()
    }

    /// Working-day service through the lunch break (one session spanning noon to 14:00).
    pub fn serves_through_lunch(&self) -> bool {
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        let two = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        self.working.iter().any(|s| s.open <= noon && s.close >= two)
    }

    /// Open on working-day evenings (after 18:00).
    pub fn serves_evenings(&self) -> bool {
        let six = NaiveTime::from_hms_opt(18, 0, 0).unwrap();
        self.working.iter().any(|s| s.close > six)
    }

    /// Open now / closed for lunch / opens at. Sessions are half-open: open at `open`, closed at `close`.
    pub fn state_at(&self, calendar: &WorkCalendar, at: NaiveDateTime) -> OpenState {
        let (date, time) = (at.date(), at.time());
        let today = self.sessions_on(calendar, date);
        if let Some(s) = today.iter().find(|s| s.open <= time && time < s.close) {
            return OpenState::Open { closes: s.close };
        }
        let later_today = today.iter().filter(|s| s.open > time).map(|s| s.open).min();
        if let Some(reopens) = later_today {
            let had_earlier = today.iter().any(|s| s.close <= time);
            return if had_earlier {
                OpenState::LunchBreak { reopens }
            } else {
                OpenState::Closed { opens: Some(date.and_time(reopens)) }
            };
        }
        let mut day = date;
        for _ in 0..30 {
            day = day.succ_opt().expect("date in range");
            if let Some(first) = self.sessions_on(calendar, day).iter().map(|s| s.open).min() {
                return OpenState::Closed { opens: Some(day.and_time(first)) };
            }
        }
        OpenState::Closed { opens: None }
    }
}

/// A short Chinese description of when a closed point opens, relative to `now`: 今天 09:00, 明天 09:00, 10月8日 09:00.
pub fn opens_label(now: NaiveDateTime, opens: NaiveDateTime) -> String {
    let days = (opens.date() - now.date()).num_days();
    let time = opens.format("%H:%M");
    match days {
        0 => format!("今天 {time}"),
        1 => format!("明天 {time}"),
        2 => format!("后天 {time}"),
        _ => format!("{}月{}日 {time}", opens.month(), opens.day()),
    }
}

/// [`opens_label`] in English: "today 09:00", "tomorrow 09:00", "1 Dec 09:00".
pub fn opens_label_en(now: NaiveDateTime, opens: NaiveDateTime) -> String {
    let time = opens.format("%H:%M");
    match (opens.date() - now.date()).num_days() {
        0 => format!("today at {time}"),
        1 => format!("tomorrow at {time}"),
        _ => format!("{} at {time}", opens.format("%-d %b, %a")),
    }
}

/// How the guide states a point's state: a short status word and the sentence beside it. The word carries the
/// meaning (never colour alone): 办公中 / 午休 / 休息.
pub fn describe_state(state: &OpenState, now: NaiveDateTime) -> (OpenWord, String) {
    describe_state_in(crate::i18n::Lang::Zh, state, now)
}

/// [`describe_state`] in the interface language.
pub fn describe_state_in(lang: crate::i18n::Lang, state: &OpenState, now: NaiveDateTime) -> (OpenWord, String) {
    if lang == crate::i18n::Lang::En {
        return match state {
            OpenState::Open { closes } => (OpenWord::Open, format!("closes at {}", closes.format("%H:%M"))),
            OpenState::LunchBreak { reopens } => (OpenWord::Lunch, format!("reopens at {}", reopens.format("%H:%M"))),
            OpenState::Closed { opens: Some(at) } => (OpenWord::Closed, format!("opens {}", opens_label_en(now, *at))),
            OpenState::Closed { opens: None } => (OpenWord::Closed, "closed until further notice".to_string()),
        };
    }
    match state {
        OpenState::Open { closes } => (OpenWord::Open, format!("{} 下班", closes.format("%H:%M"))),
        OpenState::LunchBreak { reopens } => (OpenWord::Lunch, format!("{} 恢复办公", reopens.format("%H:%M"))),
        OpenState::Closed { opens: Some(at) } => (OpenWord::Closed, format!("{} 开门", opens_label(now, *at))),
        OpenState::Closed { opens: None } => (OpenWord::Closed, "近期暂停办公".to_string()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpenWord {
    Open,
    Lunch,
    Closed,
}

impl OpenWord {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Open => "办公中",
            Self::Lunch => "午休",
            Self::Closed => "休息",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Lunch => "Lunch break",
            Self::Closed => "Closed",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    pub fn css(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Lunch => "lunch",
            Self::Closed => "closed",
        }
    }
}

/// Chinese weekday name.
pub fn weekday_zh(date: NaiveDate) -> &'static str {
    ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][date.weekday().num_days_from_monday() as usize]
}

/// English weekday name.
pub fn weekday_en(date: NaiveDate) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday().num_days_from_monday() as usize]
}

/// Weekday name in the interface language.
pub fn weekday(lang: crate::i18n::Lang, date: NaiveDate) -> &'static str {
    lang.pick(weekday_zh(date), weekday_en(date))
}

/// Convenience for tests and seeds.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Adds whole days.
pub fn plus_days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHIPPED: &str = include_str!("../../../data/cn-holidays.json");

    fn cal() -> WorkCalendar {
        WorkCalendar::from_chinese_days_json(SHIPPED).unwrap()
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn published_years_are_2025_and_2026_only() {
        let c = cal();
        assert!(c.is_published(2025));
        assert!(c.is_published(2026));
        assert!(!c.is_published(2027), "2027 is not announced yet: weekends-only until the admin enters it");
    }

    #[test]
    fn spring_festival_2026() {
        let c = cal();
        // Holidays 2026-02-15 (Sun) .. 02-23 (Mon); make-up workdays Sat 02-14 and Sat 02-28.
        assert_eq!(c.day_kind(date(2026, 2, 14)), DayKind::Working);
        assert_eq!(c.holiday_name(date(2026, 2, 16)), Some("春节"));
        for d in 15..=23 {
            assert_eq!(c.day_kind(date(2026, 2, d)), DayKind::Holiday, "2026-02-{d}");
        }
        assert_eq!(c.day_kind(date(2026, 2, 28)), DayKind::Working);
        // Accepted on Fri 02-13 with 3 working days: Sat 02-14 (make-up), Tue 02-24, Wed 02-25.
        assert_eq!(c.add_working_days(date(2026, 2, 13), 3), date(2026, 2, 25));
        // 5 working days from Thu 02-12: 13, 14 (Sat make-up), 24, 25, 26.
        assert_eq!(c.add_working_days(date(2026, 2, 12), 5), date(2026, 2, 26));
        // Counting across: (02-13, 03-02] = 14, 24, 25, 26, 27, 28, 03-02 = 7
        assert_eq!(c.working_days_between(date(2026, 2, 13), date(2026, 3, 2)), 7);
    }

    #[test]
    fn national_day_2026() {
        let c = cal();
        // Holidays 10-01 .. 10-07; make-up workdays Sun 09-20 and Sat 10-10.
        assert_eq!(c.day_kind(date(2026, 9, 20)), DayKind::Working);
        assert_eq!(c.day_kind(date(2026, 10, 10)), DayKind::Working);
        assert_eq!(c.day_kind(date(2026, 10, 1)), DayKind::Holiday);
        assert_eq!(c.day_kind(date(2026, 10, 7)), DayKind::Holiday);
        // Wed 09-30 + 1 working day = Thu 10-08.
        assert_eq!(c.add_working_days(date(2026, 9, 30), 1), date(2026, 10, 8));
        // Wed 09-30 + 3 = 10-08, 10-09, Sat 10-10.
        assert_eq!(c.add_working_days(date(2026, 9, 30), 3), date(2026, 10, 10));
        // Fri 09-18 + 1 = Sun 09-20 (make-up).
        assert_eq!(c.add_working_days(date(2026, 9, 18), 1), date(2026, 9, 20));
    }

    #[test]
    fn unpublished_year_is_weekends_only() {
        let c = cal();
        // 2027-01-01 is a Friday: a working day until the admin enters 2027's calendar.
        assert_eq!(c.day_kind(date(2027, 1, 1)), DayKind::Working);
        assert_eq!(c.day_kind(date(2027, 1, 2)), DayKind::Weekend);
    }

    fn hall() -> OpeningHours {
        OpeningHours {
            working: vec![Session::new((9, 0), (12, 0)), Session::new((13, 0), (17, 0))],
            weekend: vec![],
            holiday: vec![],
        }
    }

    #[test]
    fn open_now_around_lunch() {
        let c = cal();
        let h = hall();
        let d = date(2026, 11, 24); // Tuesday
        assert_eq!(h.state_at(&c, at(d, 8, 59)), OpenState::Closed { opens: Some(at(d, 9, 0)) });
        assert_eq!(h.state_at(&c, at(d, 9, 0)), OpenState::Open { closes: NaiveTime::from_hms_opt(12, 0, 0).unwrap() });
        assert_eq!(
            h.state_at(&c, at(d, 12, 0)),
            OpenState::LunchBreak { reopens: NaiveTime::from_hms_opt(13, 0, 0).unwrap() }
        );
        assert_eq!(
            h.state_at(&c, at(d, 12, 30)),
            OpenState::LunchBreak { reopens: NaiveTime::from_hms_opt(13, 0, 0).unwrap() }
        );
        assert!(matches!(h.state_at(&c, at(d, 13, 0)), OpenState::Open { .. }));
        // After closing on Tuesday: opens Wednesday 09:00.
        assert_eq!(
            h.state_at(&c, at(d, 17, 0)),
            OpenState::Closed { opens: Some(at(date(2026, 11, 25), 9, 0)) }
        );
    }

    #[test]
    fn closed_on_holidays_opens_on_the_first_working_day() {
        let c = cal();
        let h = hall();
        // National Day: closed 10-01..10-07, opens Thu 10-08.
        assert_eq!(
            h.state_at(&c, at(date(2026, 10, 3), 10, 0)),
            OpenState::Closed { opens: Some(at(date(2026, 10, 8), 9, 0)) }
        );
        // Make-up workday Sat 10-10 is open.
        assert!(matches!(h.state_at(&c, at(date(2026, 10, 10), 10, 0)), OpenState::Open { .. }));
    }

    #[test]
    fn all_year_point_is_open_on_holidays_and_through_lunch() {
        let c = cal();
        let h = OpeningHours {
            working: vec![Session::new((8, 30), (20, 0))],
            weekend: vec![Session::new((9, 0), (17, 0))],
            holiday: vec![Session::new((9, 0), (12, 0))],
        };
        assert!(h.is_all_year() && h.serves_through_lunch() && h.serves_evenings());
        assert!(matches!(h.state_at(&c, at(date(2026, 10, 2), 10, 0)), OpenState::Open { .. }));
        assert!(matches!(h.state_at(&c, at(date(2026, 11, 24), 12, 30)), OpenState::Open { .. }));
        assert_eq!(
            h.state_at(&c, at(date(2026, 10, 2), 12, 0)),
            OpenState::Closed { opens: Some(at(date(2026, 10, 3), 9, 0)) }
        );
    }

    #[test]
    fn opens_label_is_relative() {
        let now = at(date(2026, 11, 24), 18, 0);
        assert_eq!(opens_label(now, at(date(2026, 11, 25), 9, 0)), "明天 09:00");
        assert_eq!(opens_label(now, at(date(2026, 12, 1), 9, 0)), "12月1日 09:00");
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(365 * 3)).prop_map(|n| plus_days(date(2025, 1, 1), n))
    }

    proptest! {
        #[test]
        fn add_then_count_round_trips(start in any_date(), n in 0u32..60) {
            let c = cal();
            let end = c.add_working_days(start, n);
            prop_assert_eq!(c.working_days_between(start, end), n);
            if n > 0 {
                prop_assert!(c.is_working_day(end));
            }
        }

        #[test]
        fn adding_is_monotonic_and_skips_no_working_day(start in any_date(), n in 0u32..40) {
            let c = cal();
            let a = c.add_working_days(start, n);
            let b = c.add_working_days(start, n + 1);
            prop_assert!(b > a);
            // No working day strictly between a and b.
            let mut d = a.succ_opt().unwrap();
            while d < b {
                prop_assert!(!c.is_working_day(d));
                d = d.succ_opt().unwrap();
            }
        }

        #[test]
        fn n_working_days_take_at_least_n_calendar_days(start in any_date(), n in 0u32..60) {
            let c = cal();
            let end = c.add_working_days(start, n);
            prop_assert!((end - start).num_days() >= n as i64);
            // The longest break in 2025–2026 is 9 rest days in a row (Spring Festival 2026 incl. weekends).
            prop_assert!((end - start).num_days() <= n as i64 * 10 + 10);
        }

        #[test]
        fn state_is_consistent_with_sessions(day in any_date(), minute in 0u32..(24*60)) {
            let c = cal();
            let h = hall();
            let t = day.and_hms_opt(minute / 60, minute % 60, 0).unwrap();
            let open = h.sessions_on(&c, day).iter().any(|s| s.open <= t.time() && t.time() < s.close);
            match h.state_at(&c, t) {
                OpenState::Open { closes } => { prop_assert!(open); prop_assert!(closes > t.time()); }
                OpenState::LunchBreak { reopens } => { prop_assert!(!open); prop_assert!(reopens > t.time()); }
                OpenState::Closed { opens } => {
                    prop_assert!(!open);
                    let o = opens.unwrap();
                    prop_assert!(o > t);
                    prop_assert!(c.is_working_day(o.date()));
                }
            }
        }
    }
}
