//! Closing a point for part of a day (e.g. a power cut): its slots in that time are closed, everyone booked in them
//! has the booking cancelled, and they and everyone waiting on those slots are told.

use super::{day_minutes, slot_ref, tell, tell_lapsed, when};
use crate::domain::booking::{instant, slots_on};
use crate::error::AppError;
use crate::domain::form::Flash;
use crate::store::booking as store;
use crate::store::Db;
use chrono::{NaiveDate, NaiveTime};

/// What the administrator typed (trimmed).
pub struct Closing {
    pub point: String,
    pub day: String,
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// Closes the point for the time given and returns what was done, in words. `Invalid` names each field to correct
/// and keeps what was typed.
pub async fn close(db: &Db, c: &Closing, now: i64) -> Result<String, AppError> {
    let mut f = Flash::new("booking-admin")
        .with_value("close_point", &c.point)
        .with_value("close_day", &c.day)
        .with_value("close_from", &c.from)
        .with_value("close_to", &c.to)
        .with_value("close_reason", &c.reason);
    let p = crate::store::points::get(db, &c.point).await?;
    if p.is_none() {
        f = f.with_error("close_point", "请选择网点");
    }
    let date = NaiveDate::parse_from_str(&c.day, "%Y-%m-%d").ok();
    if date.is_none() {
        f = f.with_error("close_day", "日期格式应为 2026-11-28");
    }
    let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
    let (start, end) = (time(&c.from), time(&c.to));
    if start.is_none() {
        f = f.with_error("close_from", "开始时间格式应为 09:00");
    }
    if end.is_none() {
        f = f.with_error("close_to", "结束时间格式应为 12:00");
    } else if start.is_some() && end <= start {
        f = f.with_error("close_to", "结束时间应晚于开始时间");
    }
    if c.reason.is_empty() {
        f = f.with_error("close_reason", "请填写暂停服务的原因，将通过短信告知预约人");
    }
    let (Some(p), Some(date), Some(start), Some(end)) = (p, date, start, end) else { return Err(AppError::Invalid(f)) };
    if !f.errors.is_empty() {
        return Err(AppError::Invalid(f));
    }
    let (from_ts, to_ts) = (instant(date, start), instant(date, end));
    let calendar = crate::store::calendar::load(db).await?;
    let r = store::rules(db).await?;
    let mut slots = Vec::new();
    for dept in store::point_departments(db, &p.id).await? {
        let group = store::group_settings(db, &p.id, &dept, &r).await?;
        let minutes = day_minutes(db, &p.id, &dept, &group, date).await?;
        slots.extend(
            slots_on(&p.hours, &calendar, date, minutes)
                .into_iter()
                .map(|st| slot_ref(&p, &dept, date, st, group.capacity))
                .filter(|s| s.starts_at < to_ts && s.ends_at > from_ts),
        );
    }
    let mut told = 0;
    for b in store::close_range(db, &p.id, from_ts, to_ts, &slots, &c.reason).await? {
        if store::finish(db, &b, crate::domain::booking::BookingStatus::Closed, false, now).await? {
            told += 1;
            let period = format!("{} {}–{}", date.format("%m月%d日"), c.from, c.to);
            let b_when = when(b.starts_at, b.ends_at);
            let body = crate::domain::sms::Sms::PointClosed { b: super::facts(&b, &b_when), reason: &c.reason, period: &period }.text(crate::i18n::Lang::Zh);
            tell(db, &b, &body, now).await?;
        }
    }
    // The people waiting on the closed slots: their wait has ended, and they are told so.
    let lapsed = store::expire_waits(db, now).await?;
    tell_lapsed(db, &lapsed, now).await?;
    Ok(format!(
        "{} {} {}–{} 已暂停服务：取消了{told}个预约，已短信通知预约人和{}位候补人。该时间内不再接受预约。",
        p.name,
        date.format("%Y年%m月%d日"),
        c.from,
        c.to,
        lapsed.len()
    ))
}
