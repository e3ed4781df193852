//! A service point's page as the one asking sees it: open now or not, today's sessions, the week, what can be done
//! there, its windows and, for a town centre, its village stations.

use crate::domain::points::page::{NearbyStation, PointDetail, WindowLine};
use crate::i18n::Lang;
use crate::store::Db;

/// One point's page at civil time `now`, or `None` for an unknown point.
pub async fn point_page(db: &Db, id: &str, lang: Lang, now: chrono::NaiveDateTime) -> Result<Option<PointDetail>, sqlx::Error> {
    use crate::domain::calendar::{describe_state_in, weekday, DayKind};
    use crate::i18n::Key;
    use crate::domain::catalogue::PointKind;
    use chrono::Datelike;
    let Some(point) = crate::store::points::get(db, id).await? else { return Ok(None) };
    let calendar = crate::store::calendar::load(db).await?;
    let (open_word, open_text) = describe_state_in(lang, &point.hours.state_at(&calendar, now), now);
    let day = now.date();
    let labels = |s: &[crate::domain::calendar::Session]| s.iter().map(|s| s.label()).collect::<Vec<_>>();
    let today_note = match calendar.day_kind(day) {
        DayKind::Holiday => calendar.holiday_name(day).map(|n| lang.pick(format!("今天是{n}假期"), format!("Today is a public holiday ({n})"))),
        DayKind::Working => calendar.makeup_workday_name(day).map(|n| lang.pick(format!("今天是{n}调休上班日"), format!("Today is a make-up working day ({n})"))),
        DayKind::Weekend => None,
    };
    let h = &point.hours;
    let schedule = vec![
        (lang.t(Key::WorkingDays).to_string(), labels(&h.working)),
        (lang.t(Key::Weekends).to_string(), labels(&h.weekend)),
        (lang.t(Key::PublicHolidays).to_string(), labels(&h.holiday)),
    ];
    let items = crate::store::catalogue::at_point(db, id).await?;
    let windows = crate::store::points::windows(db, id)
        .await
        ?
        .into_iter()
        .map(|(w, department)| WindowLine { number: w.number, name: w.name, department })
        .collect();
    let stations = if point.kind == PointKind::Town {
        crate::store::points::in_town(db, &point.town_code, PointKind::Village)
            .await
            ?
            .into_iter()
            .map(|p| NearbyStation { id: p.id, name: p.name })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Some(PointDetail {
        routes: crate::domain::geo::route_links(point.location, &point.name),
        open_word,
        open_text,
        today: match lang {
            Lang::Zh => format!("{}月{}日 {}", day.month(), day.day(), weekday(lang, day)),
            Lang::En => format!("{}, {}", weekday(lang, day), day.format("%-d %B")),
        },
        today_sessions: labels(point.hours.sessions_on(&calendar, day)),
        today_note,
        schedule,
        all_year: h.is_all_year(),
        lunch_service: h.serves_through_lunch(),
        evening_service: h.serves_evenings(),
        items,
        windows,
        stations,
        point,
    }))
}

/// The points that have windows and staff (every point but village stations), as (id, name) for choosing one.
pub async fn with_windows(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    Ok(crate::store::points::all(db)
        .await?
        .into_iter()
        .filter(|p| p.kind != crate::domain::catalogue::PointKind::Village)
        .map(|p| (p.id, p.name))
        .collect())
}
