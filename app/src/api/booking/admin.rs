//! `/admin/booking`: the rules, the groups' slot settings, suspended accounts, closing a point for a while.

use super::BookingAdminPage;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::domain::form::Flash,
    crate::api::context::{db, now},
};

/// `/admin/booking`: the rules, the groups' slot settings, suspended accounts.
#[server]
pub async fn booking_admin() -> Result<BookingAdminPage, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let flash = crate::api::session::take_flash("booking-admin").await?.unwrap_or_else(|| Flash::new("booking-admin"));
    Ok(crate::service::booking::admin_page(&db()?, flash, now()?.timestamp()).await?)
}

#[cfg(feature = "ssr")]
fn parse_number(flash: Flash, field: &str, value: &Option<String>, label: &str) -> (Flash, i64) {
    let typed = value.clone().unwrap_or_default();
    let flash = flash.with_value(field, &typed);
    match typed.trim().parse::<i64>() {
        Ok(n) => (flash, n),
        Err(_) => (flash.with_error(field, format!("{label}应为整数")), -1),
    }
}

#[server(endpoint = "save_booking_rules")]
pub async fn save_booking_rules(
    max_active: Option<String>,
    cancel_cutoff_minutes: Option<String>,
    default_slot_minutes: Option<String>,
    default_capacity: Option<String>,
    checkin_early_minutes: Option<String>,
    sms_per_account_day: Option<String>,
    sms_per_number_day: Option<String>,
    no_show_limit: Option<String>,
    no_show_window_days: Option<String>,
    suspension_days: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    use crate::domain::booking::Rules;
        crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let f = Flash::new("booking-admin");
    let (f, max_active) = parse_number(f, "max_active", &max_active, "每人同时有效预约数");
    let (f, cutoff) = parse_number(f, "cancel_cutoff_minutes", &cancel_cutoff_minutes, "取消截止时间");
    let (f, minutes) = parse_number(f, "default_slot_minutes", &default_slot_minutes, "默认时段长度");
    let (f, capacity) = parse_number(f, "default_capacity", &default_capacity, "默认每时段名额");
    let (f, early) = parse_number(f, "checkin_early_minutes", &checkin_early_minutes, "提前签到时间");
    let (f, per_account) = parse_number(f, "sms_per_account_day", &sms_per_account_day, "每个账号每天发往他人号码的短信数");
    let (f, per_number) = parse_number(f, "sms_per_number_day", &sms_per_number_day, "每个号码每天收到的此类短信数");
    let (f, no_show_limit) = parse_number(f, "no_show_limit", &no_show_limit, "未到次数");
    let (f, no_show_window_days) = parse_number(f, "no_show_window_days", &no_show_window_days, "统计天数");
    let (mut f, suspension_days) = parse_number(f, "suspension_days", &suspension_days, "暂停天数");
    let rules = Rules {
        max_active,
        cancel_cutoff_minutes: cutoff,
        default_slot_minutes: minutes,
        default_capacity: capacity,
        checkin_early_minutes: early,
        sms_per_account_day: per_account,
        sms_per_number_day: per_number,
        no_show_limit,
        no_show_window_days,
        suspension_days,
    };
    for (field, m) in rules.problems() {
        let field = match field {
            "slot_minutes" => "default_slot_minutes",
            "capacity" => "default_capacity",
            other => other,
        };
        if f.error(field).is_none() {
            f = f.with_error(field, m);
        }
    }
    if !f.errors.is_empty() {
        return crate::api::session::fail_back(&f, "/admin/booking").await;
    }
    crate::store::booking::save_rules(&db()?, &rules).await?;
    leptos_axum::redirect("/admin/booking");
    Ok(())
}

#[server(endpoint = "set_booking_group")]
pub async fn set_booking_group(
    group_point: Option<String>,
    group_department: Option<String>,
    group_minutes: Option<String>,
    group_capacity: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
        crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let (point, department) = (group_point.unwrap_or_default(), group_department.unwrap_or_default());
    let f = Flash::new("booking-admin").with_value("group_point", &point).with_value("group_department", &department);
    let (f, minutes) = parse_number(f, "group_minutes", &group_minutes, "时段长度");
    let (mut f, cap) = parse_number(f, "group_capacity", &group_capacity, "每时段名额");
    if crate::store::points::get(&db, &point).await?.is_none() {
        f = f.with_error("group_point", "请选择网点");
    }
    if crate::store::catalogue::department_short(&db, &department).await?.is_none() {
        f = f.with_error("group_department", "请选择部门");
    }
    if f.errors.is_empty() {
        if let Some((field, m)) = crate::domain::booking::group_problem(minutes, cap) {
            f = f.with_error(if field == "slot_minutes" { "group_minutes" } else { "group_capacity" }, m);
        }
    }
    if !f.errors.is_empty() {
        return crate::api::session::fail_back(&f, "/admin/booking").await;
    }
    let from = crate::service::booking::set_group(&db, &point, &department, minutes, cap, now()?.timestamp()).await?;
    // Saying from which day a new slot length applies (slots already stored keep theirs).
    if let Some(day) = from {
        let done = Flash::new("booking-admin").with_value("done", &format!("已保存。新的时段长度自{}起生效；此前已生成的时段保持原长度，已有预约不受影响。", day.format("%Y年%m月%d日")));
        return crate::api::session::fail_back(&done, "/admin/booking").await;
    }
    leptos_axum::redirect("/admin/booking");
    Ok(())
}

#[server(endpoint = "lift_booking_suspension")]
pub async fn lift_booking_suspension(account_id: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
        let admin = crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let known = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &account_id).await?;
    if known.is_some() {
        crate::store::booking::lift_suspension(&db, &account_id, &admin.account_id, now()?.timestamp()).await?;
    }
    leptos_axum::redirect("/admin/booking");
    Ok(())
}


/// Closes a point for part of a day (e.g. a power cut): its slots in that time are closed, and everyone booked
/// in them has the booking cancelled and is told by SMS and notice. Centre administrator only.
#[server(endpoint = "close_point")]
pub async fn close_point(
    close_point: Option<String>,
    close_day: Option<String>,
    close_from: Option<String>,
    close_to: Option<String>,
    close_reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let typed = |v: Option<String>| v.unwrap_or_default().trim().to_string();
    let closing = crate::service::booking::Closing {
        point: close_point.unwrap_or_default(),
        day: typed(close_day),
        from: typed(close_from),
        to: typed(close_to),
        reason: typed(close_reason),
    };
    let flash = match crate::service::booking::close(&db()?, &closing, now()?.timestamp()).await {
        Ok(done) => Flash::new("booking-admin").with_value("done", &done),
        Err(AppError::Invalid(flash)) => flash,
        Err(e) => return Err(e),
    };
    crate::api::session::fail_back(&flash, "/admin/booking").await
}
