//! Service points (服务网点): one point's page.

use crate::error::AppError;
use super::guide::ItemSummary;
use crate::domain::calendar::OpenWord;
use crate::domain::points::ServicePoint;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowLine {
    pub number: i64,
    pub name: String,
    pub department: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyStation {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointDetail {
    pub point: ServicePoint,
    pub open_word: OpenWord,
    pub open_text: String,
    /// Today's date and sessions, e.g. ("11月24日 星期二", ["09:00–12:00", "14:00–17:30"]); empty sessions = closed.
    pub today: String,
    pub today_sessions: Vec<String>,
    pub today_note: Option<String>,
    /// Week schedule lines: 工作日 / 周末 / 法定节假日 → sessions.
    pub schedule: Vec<(String, Vec<String>)>,
    pub all_year: bool,
    pub lunch_service: bool,
    pub evening_service: bool,
    pub items: Vec<ItemSummary>,
    pub windows: Vec<WindowLine>,
    pub stations: Vec<NearbyStation>,
    /// Routes to the point in Amap (GCJ-02) and Baidu Maps (BD-09).
    pub routes: crate::domain::geo::RouteLinks,
}

#[server]
pub async fn get_point(id: String) -> Result<Option<PointDetail>, AppError> {
    use super::context::{db, not_found, now};
    use crate::domain::calendar::{civil, describe_state_in, weekday, DayKind};
    use crate::i18n::{t, Key, Lang};
    let lang = crate::i18n::lang();
    use crate::domain::catalogue::PointKind;
    use chrono::Datelike;
    let db = db()?;
    let now = civil(now()?);
    let Some(point) = crate::store::points::get(&db, &id).await? else {
        not_found();
        return Ok(None);
    };
    let calendar = crate::store::calendar::load(&db).await?;
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
        (t(Key::WorkingDays).to_string(), labels(&h.working)),
        (t(Key::Weekends).to_string(), labels(&h.weekend)),
        (t(Key::PublicHolidays).to_string(), labels(&h.holiday)),
    ];
    let items = crate::store::catalogue::at_point(&db, &id).await?;
    let windows = crate::store::points::windows(&db, &id)
        .await
        ?
        .into_iter()
        .map(|(w, department)| WindowLine { number: w.number, name: w.name, department })
        .collect();
    let stations = if point.kind == PointKind::Town {
        crate::store::points::in_town(&db, &point.town_code, PointKind::Village)
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
