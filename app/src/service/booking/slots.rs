//! The slots a service group offers, and the places left in them.

use super::when_in;
use crate::domain::booking::{self as rules, civil_at, slots_on, Refusal, Rules};
use crate::domain::calendar::WorkCalendar;
use crate::domain::points::ServicePoint;
use crate::store::booking as store;
use crate::store::Db;
use chrono::NaiveDate;

/// A service group's slots on some days with places left: (day, [(slot ref, remaining)]).
pub async fn availability(
    db: &Db,
    point: &ServicePoint,
    department: &str,
    calendar: &WorkCalendar,
    rules: &Rules,
    days: &[NaiveDate],
    now: i64,
) -> Result<Vec<(NaiveDate, Vec<(store::SlotRef, Places)>)>, sqlx::Error> {
    let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(vec![]) };
    let group = store::group_settings(db, &point.id, department, rules).await?;
    let capacity = group.capacity;
    let stored = store::stored_slots(db, &point.id, department, &first.to_string(), &last.to_string()).await?;
    Ok(days
        .iter()
        .map(|d| {
            // A day with stored slots keeps their length (a change of length never overlaps them).
            let kept = stored.values().find(|s| s.day == d.to_string()).map(|s| s.minutes);
            let slots = slots_on(&point.hours, calendar, *d, kept.unwrap_or_else(|| group.minutes_on(&d.to_string())))
                .into_iter()
                .map(|t| {
                    let slot = slot_ref(point, department, *d, t, capacity);
                    let places = places(stored.get(&slot.starts_at), capacity);
                    (slot, places)
                })
                .filter(|(s, _)| rules::bookable(now, s.starts_at))
                .collect();
            (*d, slots)
        })
        .collect())
}

pub fn slot_ref(point: &ServicePoint, department: &str, day: NaiveDate, t: rules::SlotTime, capacity: i64) -> store::SlotRef {
    let starts_at = rules::instant(day, t.start);
    store::SlotRef {
        id: rules::SlotId::new(&point.id, department, starts_at),
        point_id: point.id.clone(),
        department: department.to_string(),
        day: day.to_string(),
        starts_at,
        ends_at: rules::instant(day, t.end),
        capacity,
    }
}

/// A slot's places left, and why it is closed if it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Places {
    pub remaining: i64,
    pub closed: Option<String>,
}

/// Places left in a slot, from the stored slot or, if not stored yet, the group's capacity.
pub fn places(stored: Option<&store::StoredSlot>, capacity: i64) -> Places {
    match stored {
        Some(s) if s.closed.is_some() => Places { remaining: 0, closed: s.closed.clone() },
        Some(s) => Places { remaining: (s.capacity - s.booked).max(0), closed: None },
        None => Places { remaining: capacity, closed: None },
    }
}

/// The point, the item's department there and the item's name; `None` if the point does not offer booking
/// for the item: it does not handle it, or has no check-in desk and window for it (a booking nobody could
/// check in would only turn into a no-show).
pub async fn group(db: &Db, item: &str, point_id: &str) -> Result<Option<(ServicePoint, String, String)>, sqlx::Error> {
    let Some((department, item_name)) = store::item_at_point(db, item, point_id).await? else { return Ok(None) };
    let Some(point) = crate::store::points::get(db, point_id).await? else { return Ok(None) };
    if point.kind == crate::domain::catalogue::PointKind::Village
        || !crate::store::queue::can_check_in(db, point_id, &department).await?
    {
        return Ok(None);
    }
    Ok(Some((point, department, item_name)))
}

/// The points that offer booking for an item: they handle it and can check the booking in (a desk and a window for
/// its department). From a village (`near`, its code), nearest first by travel time, with the minutes, and the
/// village's name; points it cannot reach go last.
pub async fn points_for(
    db: &Db,
    zones: &crate::service::zones::ZoneModel,
    item: &str,
    department: &str,
    near: Option<&str>,
) -> Result<(Vec<(ServicePoint, Option<u32>)>, Option<String>), sqlx::Error> {
    let (handling, _) = crate::store::points::handling_item(db, item).await?;
    let times = near.and_then(|code| zones.from_village(code));
    let minutes = |id: &str| times.as_ref().and_then(|(_, t)| t.iter().find(|(p, _)| p == id)).map(|(_, ms)| ms.div_ceil(60_000));
    let mut points = Vec::new();
    for p in handling {
        if crate::store::queue::can_check_in(db, &p.id, department).await? {
            let m = minutes(&p.id);
            points.push((p, m));
        }
    }
    if times.is_some() {
        points.sort_by_key(|(_, m)| m.unwrap_or(u32::MAX));
    }
    Ok((points, times.map(|(village, _)| village.name.clone())))
}

/// The days a booking can be made for, from now.
pub fn window(now: i64) -> Vec<NaiveDate> {
    rules::booking_days(civil_at(now).date())
}

/// The first few free slots from the booking window, for "该时段已约满" and the day page.
pub async fn next_free(
    db: &Db,
    point: &ServicePoint,
    department: &str,
    calendar: &WorkCalendar,
    rules: &Rules,
    now: i64,
    limit: usize,
) -> Result<Vec<(store::SlotRef, i64)>, sqlx::Error> {
    let all = availability(db, point, department, calendar, rules, &window(now), now).await?;
    Ok(all.into_iter().flat_map(|(_, s)| s).filter(|(_, p)| p.remaining > 0).map(|(s, p)| (s, p.remaining)).take(limit).collect())
}

/// The slot named by `slot_id`, if it is one of the group's bookable slots now (no places counted: claiming
/// one is the guard).
pub async fn offered_slot(
    db: &Db,
    point: &ServicePoint,
    department: &str,
    slot_id: &rules::SlotId,
    rules: &Rules,
    now: i64,
) -> Result<Option<store::SlotRef>, sqlx::Error> {
    if slot_id.point() != point.id || slot_id.department() != department || !rules::bookable(now, slot_id.starts_at()) {
        return Ok(None);
    }
    let day = slot_id.day();
    let calendar = crate::store::calendar::load(db).await?;
    let group = store::group_settings(db, &point.id, department, rules).await?;
    let minutes = day_minutes(db, &point.id, department, &group, day).await?;
    Ok(slots_on(&point.hours, &calendar, day, minutes)
        .into_iter()
        .map(|t| slot_ref(point, department, day, t, group.capacity))
        .find(|s| &s.id == slot_id))
}

/// A day's slot length: that of the slots already stored for it (a change of length never splits a day), else the
/// group's setting for the day.
pub async fn day_minutes(db: &Db, point_id: &str, department: &str, group: &store::GroupSetting, day: NaiveDate) -> Result<i64, sqlx::Error> {
    Ok(match store::stored_minutes_on(db, point_id, department, &day.to_string()).await? {
        Some(m) => m,
        None => group.minutes_on(&day.to_string()),
    })
}

/// [`offered_slot`] and the places left in it.
pub async fn find_slot(
    db: &Db,
    point: &ServicePoint,
    department: &str,
    slot_id: &rules::SlotId,
    rules: &Rules,
    now: i64,
) -> Result<Option<(store::SlotRef, Places)>, sqlx::Error> {
    let Some(slot) = offered_slot(db, point, department, slot_id, rules, now).await? else { return Ok(None) };
    let left = places(store::stored_slot(db, slot_id.as_str()).await?.as_ref(), slot.capacity);
    Ok(Some((slot, left)))
}

/// "该时段已约满" and the next free slots in words.
pub async fn full_message(db: &Db, point: &ServicePoint, department: &str, now: i64) -> Result<String, sqlx::Error> {
    let calendar = crate::store::calendar::load(db).await?;
    let r = store::rules(db).await?;
    let next = next_free(db, point, department, &calendar, &r, now, 3).await?;
    let lang = crate::i18n::lang();
    let full = Refusal::Full.message(lang);
    let days = rules::BOOKING_DAYS;
    Ok(if next.is_empty() {
        lang.pick(format!("{full}，近{days}天已无空余时段"), format!("{full}, and there are no free times in the next {days} days"))
    } else {
        let list: Vec<String> = next.iter().map(|(s, _)| when_in(lang, s.starts_at, s.ends_at)).collect();
        lang.pick(format!("{full}。最近可约：{}", list.join("；")), format!("{full}. The next free times: {}", list.join("; ")))
    })
}

