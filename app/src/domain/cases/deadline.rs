//! A case's dates on the working calendar (工作日).
//!
//! - Accepting (or asking for corrections, or refusing) is due within [`Settings::accept_days`] working days of the
//!   receipt date (5: the Administrative Licensing Law's limit).
//! - The item's promised working days (承诺时限) count from the acceptance date.
//! - Either clock stands still while the applicant is correcting (from the day of the notice to the day the
//!   corrections arrive): every working day in that stretch is added to the limit.
//! - Staff see green, yellow (at most [`Settings::warn_days`] working days left) or red (overdue).

use super::lifecycle::{CaseState, Event};
use crate::domain::calendar::WorkCalendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The deadline settings (`PALM_ACCEPT_DAYS`, `PALM_WARN_DAYS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub accept_days: u32,
    pub warn_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self { accept_days: 5, warn_days: 2 }
    }
}

/// How a case's running clock stands, for staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Colour {
    Green,
    Yellow,
    Red,
}

impl Colour {
    pub const ALL: [Colour; 3] = [Self::Green, Self::Yellow, Self::Red];

    pub fn code(self) -> &'static str {
        match self {
            Self::Green => "green",
            Self::Yellow => "yellow",
            Self::Red => "red",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    /// Words as well as a colour: never a colour-only cue.
    pub fn label(self) -> &'static str {
        match self {
            Self::Green => "正常",
            Self::Yellow => "即将到期",
            Self::Red => "已超期",
        }
    }
}

/// Which clock is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// From the receipt date to accepting (受理时限).
    Acceptance,
    /// From acceptance to completion (承诺时限).
    Promised,
}

/// A case's dates, as of one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dates {
    /// The clock that counts now; `None` once the case is refused or completed.
    pub phase: Option<Phase>,
    /// When the running clock's step is due; `None` while paused or when no clock runs.
    pub due: Option<NaiveDate>,
    /// The applicant is correcting: the clock stands still.
    pub paused: bool,
    /// For staff; `None` when no clock runs or it is paused.
    pub colour: Option<Colour>,
    /// When the applicant can expect the case completed: the promised due date once accepted, else the acceptance
    /// due date plus the promised days (at the latest). `None` while paused, or once completed or refused.
    pub expected: Option<NaiveDate>,
    /// Working days left before `due` (0 on the day; negative when overdue).
    pub days_left: Option<i64>,
}

/// A case's dates on `today`. `trace` is its events in order, each with its civil date; `promised_days` the
/// item's 承诺时限 (0 for a 即办件).
pub fn dates(calendar: &WorkCalendar, settings: Settings, receipt: NaiveDate, promised_days: u32, state: CaseState, trace: &[(NaiveDate, Event)], today: NaiveDate) -> Dates {
    let none = Dates { phase: None, due: None, paused: false, colour: None, expected: None, days_left: None };
    if matches!(state, CaseState::Refused | CaseState::Completed | CaseState::Delivered) {
        return none;
    }
    // The running phase starts at the receipt date, or at the last acceptance.
    let accepted = trace.iter().rev().find(|(_, e)| matches!(e, Event::Accept | Event::AcceptDeferred)).map(|(d, _)| *d);
    let (phase, start, limit) = match accepted.filter(|_| state.is_accepted()) {
        Some(d) => (Phase::Promised, d, promised_days),
        None => (Phase::Acceptance, receipt, settings.accept_days),
    };
    if state.is_paused() {
        return Dates { phase: Some(phase), paused: true, ..none };
    }
    let paused_days = paused_working_days(calendar, trace, start);
    let due = calendar.add_working_days(start, limit + paused_days);
    // Overdue is at least one day late, even when only a weekend has passed since.
    let days_left = if today <= due { i64::from(calendar.working_days_between(today, due)) } else { -i64::from(calendar.working_days_between(due, today).max(1)) };
    let colour = if today > due {
        Colour::Red
    } else if days_left <= i64::from(settings.warn_days) {
        Colour::Yellow
    } else {
        Colour::Green
    };
    let expected = match phase {
        Phase::Promised => due,
        Phase::Acceptance => calendar.add_working_days(due, promised_days),
    };
    Dates { phase: Some(phase), due: Some(due), paused: false, colour: Some(colour), expected: Some(expected), days_left: Some(days_left) }
}

/// Working days the applicant spent correcting since `start`: for each correction notice on or after `start`, the
/// working days after the notice up to and including the day the corrections arrived.
pub fn paused_working_days(calendar: &WorkCalendar, trace: &[(NaiveDate, Event)], start: NaiveDate) -> u32 {
    let mut total = 0;
    let mut open: Option<NaiveDate> = None;
    for (day, e) in trace.iter().filter(|(d, _)| *d >= start) {
        match e {
            Event::RequestCorrection => open = Some(*day),
            Event::Resubmit => {
                if let Some(from) = open.take() {
                    total += calendar.working_days_between(from, *day);
                }
            }
            _ => {}
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::HolidayEntry;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The 2026 calendar from `cn-holidays.json`'s shape: National Day 10-01..10-08, make-up workday 10-10 (Sat).
    fn calendar() -> WorkCalendar {
        let h = |s: &str| HolidayEntry { date: d(s), name: "国庆节".into() };
        WorkCalendar::new((1..=8).map(|i| h(&format!("2026-10-0{i}"))), [HolidayEntry { date: d("2026-10-10"), name: "国庆节调休".into() }], [2026])
    }

    #[test]
    fn five_working_days_to_accept_skip_the_weekend() {
        let c = calendar();
        // Received Monday 2026-11-23: due Monday 11-30.
        let x = dates(&c, Settings::default(), d("2026-11-23"), 10, CaseState::Submitted, &[(d("2026-11-23"), Event::Submit)], d("2026-11-24"));
        assert_eq!(x.phase, Some(Phase::Acceptance));
        assert_eq!(x.due, Some(d("2026-11-30")));
        assert_eq!(x.colour, Some(Colour::Green));
        assert_eq!(x.days_left, Some(4));
        // Expected completion: the acceptance limit, then ten working days.
        assert_eq!(x.expected, Some(d("2026-12-14")));
        let late = dates(&c, Settings::default(), d("2026-11-23"), 10, CaseState::Submitted, &[], d("2026-11-27"));
        assert_eq!((late.colour, late.days_left), (Some(Colour::Yellow), Some(1)));
        let over = dates(&c, Settings::default(), d("2026-11-23"), 10, CaseState::Submitted, &[], d("2026-12-01"));
        assert_eq!((over.colour, over.days_left), (Some(Colour::Red), Some(-1)));
    }

    #[test]
    fn holidays_and_makeup_days_count_as_the_calendar_says() {
        let c = calendar();
        // Received Wed 2026-09-30; 10-01..10-08 are holidays, 10-09 a Friday, 10-10 a make-up Saturday.
        let x = dates(&c, Settings::default(), d("2026-09-30"), 0, CaseState::Submitted, &[], d("2026-09-30"));
        assert_eq!(x.due, Some(d("2026-10-14")), "10-09, 10-10, 10-12, 10-13, 10-14");
    }

    #[test]
    fn the_promised_clock_runs_from_acceptance_and_pauses_while_correcting() {
        let c = calendar();
        let trace = [
            (d("2026-11-23"), Event::Submit),
            (d("2026-11-24"), Event::Accept),
            (d("2026-11-25"), Event::RequestCorrection),
        ];
        let paused = dates(&c, Settings::default(), d("2026-11-23"), 3, CaseState::ReviewCorrection, &trace, d("2026-11-26"));
        assert!(paused.paused);
        assert_eq!((paused.due, paused.colour, paused.expected), (None, None, None));
        let mut back = trace.to_vec();
        back.push((d("2026-11-30"), Event::Resubmit));
        // Accepted Tue 11-24 with 3 days: due Fri 11-27; paused Thu, Fri, Mon = 3 working days: due Wed 12-02.
        let x = dates(&c, Settings::default(), d("2026-11-23"), 3, CaseState::Accepted, &back, d("2026-11-30"));
        assert_eq!((x.phase, x.due, x.expected), (Some(Phase::Promised), Some(d("2026-12-02")), Some(d("2026-12-02"))));
        assert_eq!((x.colour, x.days_left), (Some(Colour::Yellow), Some(2)), "two working days left");
    }

    #[test]
    fn a_correction_before_acceptance_pauses_the_acceptance_clock() {
        let c = calendar();
        let trace = [(d("2026-11-23"), Event::Submit), (d("2026-11-24"), Event::RequestCorrection), (d("2026-11-26"), Event::Resubmit)];
        let x = dates(&c, Settings::default(), d("2026-11-23"), 10, CaseState::Submitted, &trace, d("2026-11-26"));
        assert_eq!(x.due, Some(d("2026-12-02")), "11-30 plus the two working days 11-25 and 11-26");
    }

    #[test]
    fn no_clock_once_finished() {
        let c = calendar();
        for s in [CaseState::Refused, CaseState::Completed, CaseState::Delivered] {
            let x = dates(&c, Settings::default(), d("2026-11-23"), 10, s, &[], d("2026-11-24"));
            assert_eq!((x.phase, x.due, x.colour), (None, None, None));
        }
    }

    fn arb_calendar() -> impl Strategy<Value = WorkCalendar> {
        // Up to 15 holidays and 3 make-up days in 2026-11..2027-02.
        (proptest::collection::vec(0u32..120, 0..15), proptest::collection::vec(0u32..120, 0..3)).prop_map(|(hs, ws)| {
            let base = d("2026-11-01");
            let day = |n: u32| base + chrono::Days::new(u64::from(n));
            WorkCalendar::new(
                hs.into_iter().map(|n| HolidayEntry { date: day(n), name: "假".into() }),
                ws.into_iter().map(|n| HolidayEntry { date: day(n), name: "班".into() }),
                [2026, 2027],
            )
        })
    }

    proptest! {
        /// With pauses and holidays: the due date is a working day, exactly limit + paused working days after the
        /// start, and a pause never brings it earlier.
        #[test]
        fn due_dates_with_pauses_and_holidays(
            cal in arb_calendar(),
            receipt_off in 0u32..20,
            promised in 0u32..25,
            accept_after in 0u32..8,
            pauses in proptest::collection::vec((0u32..10, 0u32..10), 0..3),
        ) {
            let base = d("2026-11-01");
            let day = |n: u32| base + chrono::Days::new(u64::from(n));
            let receipt = day(receipt_off);
            let accepted = day(receipt_off + accept_after);
            let mut trace = vec![(receipt, Event::Submit), (accepted, Event::Accept)];
            let mut at = receipt_off + accept_after;
            for (gap, len) in &pauses {
                trace.push((day(at + gap), Event::RequestCorrection));
                trace.push((day(at + gap + len), Event::Resubmit));
                at += gap + len;
            }
            let today = day(at);
            let with = dates(&cal, Settings::default(), receipt, promised, CaseState::Accepted, &trace, today);
            let without = dates(&cal, Settings::default(), receipt, promised, CaseState::Accepted, &trace[..2], today);
            let (due, plain) = (with.due.unwrap(), without.due.unwrap());
            let paused = paused_working_days(&cal, &trace, accepted);
            prop_assert_eq!(cal.working_days_between(accepted, due), promised + paused);
            prop_assert!(due >= plain);
            if promised + paused > 0 {
                prop_assert!(cal.is_working_day(due));
            }
            // Every paused working day is one the applicant held the case.
            let held: u32 = pauses.iter().map(|(_, len)| *len).sum();
            prop_assert!(paused <= held);
            // Colour agrees with the days left.
            match with.colour.unwrap() {
                Colour::Red => prop_assert!(today > due && with.days_left.unwrap() < 0),
                Colour::Yellow => prop_assert!(today <= due && with.days_left.unwrap() <= 2),
                Colour::Green => prop_assert!(with.days_left.unwrap() > 2),
            }
        }

        /// A holiday added inside the stretch never makes a case due earlier.
        #[test]
        fn a_holiday_never_brings_a_due_date_forward(cal in arb_calendar(), off in 0u32..30, extra in 0u32..60, limit in 0u32..20) {
            let base = d("2026-11-01");
            let start = base + chrono::Days::new(u64::from(off));
            let before = cal.add_working_days(start, limit);
            let mut holidays: Vec<HolidayEntry> = cal.entries().filter(|(_, k, _)| *k == crate::domain::calendar::DayKind::Holiday).map(|(date, _, n)| HolidayEntry { date, name: n.into() }).collect();
            let workdays: Vec<HolidayEntry> = cal.entries().filter(|(_, k, _)| *k == crate::domain::calendar::DayKind::Working).map(|(date, _, n)| HolidayEntry { date, name: n.into() }).collect();
            holidays.push(HolidayEntry { date: base + chrono::Days::new(u64::from(extra)), name: "新".into() });
            let more = WorkCalendar::new(holidays, workdays.into_iter().filter(|w| w.date != base + chrono::Days::new(u64::from(extra))), [2026, 2027]);
            prop_assert!(more.add_working_days(start, limit) >= before);
        }
    }
}
