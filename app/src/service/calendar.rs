//! The working calendar's page: this year's and next year's holidays and make-up workdays, and the working-day
//! calculator (承诺时限计算) for the two fields as typed.

use crate::domain::calendar::page::CalendarOverview;
use crate::i18n::Lang;
use crate::store::Db;

/// The calendar page on civil date `today`; `from` and `days` are the calculator's fields as typed (both empty: no
/// answer, no errors).
pub async fn calendar_page(db: &Db, from: &str, days: &str, lang: Lang, today: chrono::NaiveDate) -> Result<CalendarOverview, sqlx::Error> {
    use crate::domain::calendar::{weekday, DayKind};
    use crate::domain::calendar::page::{parse_calculator_in, CalendarDay, CalendarYear, WorkingDaysAnswer};
    use crate::i18n::Key;
    use chrono::Datelike;
    let calendar = crate::store::calendar::load(db).await?;
    let years = [today.year(), today.year() + 1]
        .into_iter()
        .map(|year| CalendarYear {
            year,
            published: calendar.is_published(year),
            days: calendar
                .entries()
                .filter(|(d, _, _)| d.year() == year)
                .map(|(d, kind, name)| {
                    let day = CalendarDay {
                        date: d.format("%Y-%m-%d").to_string(),
                        weekday: weekday(lang, d).to_string(),
                        kind: lang.t(if kind == DayKind::Holiday { Key::DayOff } else { Key::MakeupWorkday }).to_string(),
                        name: name.to_string(),
                    };
                    (d, day)
                })
                .collect::<std::collections::BTreeMap<_, _>>()
                .into_values()
                .collect(),
        })
        .collect();
    let (answer, errors) = if from.is_empty() && days.is_empty() {
        (None, Vec::new())
    } else {
        match parse_calculator_in(lang, from, days) {
            Ok((start, n)) => {
                let due = calendar.add_working_days(start, n);
                let provisional = (start.year()..=due.year()).any(|y| !calendar.is_published(y));
                let label = |d: chrono::NaiveDate| match lang {
                    Lang::Zh => format!("{}年{}月{}日（{}）", d.year(), d.month(), d.day(), weekday(lang, d)),
                    Lang::En => format!("{}, {}", weekday(lang, d), d.format("%-d %B %Y")),
                };
                (Some(WorkingDaysAnswer { from: label(start), days: n, due: label(due), provisional }), Vec::new())
            }
            Err(e) => (None, e),
        }
    };
    Ok(CalendarOverview { today: today.format("%Y-%m-%d").to_string(), years, from: from.to_string(), days: days.to_string(), answer, errors })
}
