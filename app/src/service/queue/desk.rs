//! The check-in desk: a booked person checks in (by the booking's code or its QR code), or anyone takes a
//! walk-in ticket.

use super::{day_of, desk_point};
use crate::domain::accounts::Identity;
use crate::domain::queue::{arrival, booking_code_from, come_back_message, priority, Arrival, Priority};
use crate::error::AppError;
use crate::domain::form::Flash;
use crate::domain::booking::BookingStatus;
use crate::store::queue as store;
use crate::store::Db;
use chrono::{DateTime, Utc};

/// Checks a booking in at `point_id`'s desk: the scanner (or a person) typed the booking's code or its check-in
/// URL. A booked person goes ahead of walk-ins from `checkin_early_minutes` before their slot until it ends plus
/// the grace; someone earlier is told when to come back, or queues as a walk-in if they choose (`walk_in`);
/// someone later queues as a walk-in. A second check-in of the same booking gives the same ticket.
/// `Ok(ticket code)`; `Invalid` on `code` says what is wrong and keeps what was typed; `Forbidden` if `who`
/// does not work at this desk.
pub async fn check_in(db: &Db, who: &Identity, point_id: &str, typed: &str, walk_in: bool, t: DateTime<Utc>) -> Result<String, AppError> {
    let flash = Flash::new("checkin").with_value("code", typed);
    let fail = |flash: Flash, m: String| Err(AppError::Invalid(flash.with_error("code", m)));
    if !desk_point(db, who, point_id).await? {
        return Err(AppError::Forbidden("您不能在该服务点签到".into()));
    }
    let raw = booking_code_from(typed);
    if raw.is_empty() {
        return fail(flash, "请扫描或输入预约码".into());
    }
    let booking = match crate::domain::booking::normalise_code(&raw) {
        Some(c) => crate::store::booking::by_code(db, &c).await?,
        None => None,
    };
    let Some(b) = booking else { return fail(flash, "未找到该预约，请核对预约码".into()) };
    if b.point_id != point_id {
        return fail(flash, format!("该预约的办理地点是{}，请到该处签到", b.point_name));
    }
    if let Some(t) = store::by_booking(db, &b.code).await? {
        return Ok(t.code);
    }
    let day = day_of(t);
    if b.day != day {
        return fail(flash, format!("该预约的办理日期是{}，不是今天", b.day));
    }
    // A no-show (marked by the booking sweep) may still come: it queues by the same rule, late ones as walk-ins.
    if !matches!(b.status, BookingStatus::Active | BookingStatus::NoShow) {
        let why = match b.status {
            BookingStatus::Cancelled | BookingStatus::Served => b.status.label(crate::i18n::Lang::Zh),
            _ => "已失效",
        };
        return fail(flash, format!("该预约{why}，不能签到"));
    }
    if !store::can_check_in(db, point_id, &b.department_code).await? {
        return fail(flash, format!("本服务点暂无办理{}业务的窗口", b.department_name));
    }
    let rules = crate::store::booking::rules(db).await?;
    let came = arrival(b.starts_at, b.ends_at, t.timestamp(), rules.checkin_early_minutes * 60);
    if let (Arrival::Early { from }, false) = (came, walk_in) {
        return fail(flash.with_value("early", "1"), come_back_message(from));
    }
    let ticket = store::issue(
        db,
        store::NewTicket {
            point_id: &b.point_id,
            department_code: &b.department_code,
            day: &day,
            priority: priority(Some(came)),
            checked_in_at: t.timestamp(),
            booking_code: Some(&b.code),
            slot_starts_at: Some(b.starts_at),
            phone: Some(&b.holder_phone).filter(|p| !p.is_empty()).map(|p| p.as_str()),
        },
    )
    .await?;
    // The booking is used: its account's quota comes back; its place in the slot stays taken.
    if b.status == BookingStatus::Active {
        crate::store::booking::finish(db, &b, BookingStatus::CheckedIn, false, t.timestamp()).await?;
    }
    Ok(ticket.code)
}

/// A walk-in ticket in the chosen service group, with an optional mobile number for the "three ahead" SMS.
/// `Ok(ticket code)`; `Invalid` names each field; `Forbidden` if `who` does not work at this desk.
pub async fn take_ticket(db: &Db, who: &Identity, point_id: &str, group: &str, phone_typed: &str, t: DateTime<Utc>) -> Result<String, AppError> {
    let mut flash = Flash::new("checkin").with_value("group", group).with_value("phone", phone_typed);
    if !desk_point(db, who, point_id).await? {
        return Err(AppError::Forbidden("您不能在该服务点取号".into()));
    }
    let groups = store::groups(db, point_id).await?;
    if !groups.iter().any(|g| g.department_code == group) {
        flash = flash.with_error("group", "请选择办理部门");
    }
    let phone = if phone_typed.is_empty() {
        None
    } else {
        let p = crate::domain::accounts::normalise_mobile(phone_typed);
        if p.is_none() {
            flash = flash.with_error("phone", "手机号码应为11位数字，如 13812345678");
        }
        p
    };
    if !flash.errors.is_empty() {
        return Err(AppError::Invalid(flash));
    }
    let day = day_of(t);
    let ticket = store::issue(
        db,
        store::NewTicket {
            point_id,
            department_code: group,
            day: &day,
            priority: Priority::WalkIn,
            checked_in_at: t.timestamp(),
            booking_code: None,
            slot_starts_at: None,
            phone: phone.as_deref(),
        },
    )
    .await?;
    Ok(ticket.code)
}
