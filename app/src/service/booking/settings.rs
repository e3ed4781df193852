//! The administrator's slot settings for a service group.

use super::hand_on;
use crate::domain::booking::Rules;
use crate::domain::form::Flash;
use crate::error::AppError;
use crate::store::booking as store;
use crate::store::Db;

/// Lifts an account's no-show suspension, recorded as `admin`'s decision; an unknown account changes nothing.
pub async fn lift_suspension(db: &Db, admin: &crate::domain::accounts::Identity, account_id: &str, now: i64) -> Result<(), sqlx::Error> {
    let known = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, account_id).await?;
    if known.is_some() {
        store::lift_suspension(db, account_id, &admin.account_id, now).await?;
    }
    Ok(())
}

/// Saves the booking rules from the form's `typed` values (`max_active`, `cancel_cutoff_minutes`, …). Each problem
/// is `Invalid` on its field: not a whole number, or outside what the rules allow.
pub async fn save_rules(db: &Db, typed: Flash) -> Result<Rules, AppError> {
    let f = typed;
    let (f, max_active) = f.int("max_active", "每人同时有效预约数");
    let (f, cancel_cutoff_minutes) = f.int("cancel_cutoff_minutes", "取消截止时间");
    let (f, default_slot_minutes) = f.int("default_slot_minutes", "默认时段长度");
    let (f, default_capacity) = f.int("default_capacity", "默认每时段名额");
    let (f, checkin_early_minutes) = f.int("checkin_early_minutes", "提前签到时间");
    let (f, sms_per_account_day) = f.int("sms_per_account_day", "每个账号每天发往他人号码的短信数");
    let (f, sms_per_number_day) = f.int("sms_per_number_day", "每个号码每天收到的此类短信数");
    let (f, no_show_limit) = f.int("no_show_limit", "未到次数");
    let (f, no_show_window_days) = f.int("no_show_window_days", "统计天数");
    let (mut f, suspension_days) = f.int("suspension_days", "暂停天数");
    let rules = Rules {
        max_active,
        cancel_cutoff_minutes,
        default_slot_minutes,
        default_capacity,
        checkin_early_minutes,
        sms_per_account_day,
        sms_per_number_day,
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
        return Err(AppError::Invalid(f));
    }
    store::save_rules(db, &rules).await?;
    Ok(rules)
}

/// Saves a group's slot settings from the form's `typed` values (`group_point`, `group_department`,
/// `group_minutes`, `group_capacity`) through [`set_group`]. `Ok` with what to tell the administrator (from which
/// day a new slot length applies, when it changed); problems are `Invalid` on their fields.
pub async fn save_group(db: &Db, typed: Flash, now: i64) -> Result<Flash, AppError> {
    let (point, department) = (typed.value("group_point"), typed.value("group_department"));
    let (f, minutes) = typed.int("group_minutes", "时段长度");
    let (mut f, capacity) = f.int("group_capacity", "每时段名额");
    if crate::store::points::get(db, &point).await?.is_none() {
        f = f.with_error("group_point", "请选择网点");
    }
    if crate::store::catalogue::department_short(db, &department).await?.is_none() {
        f = f.with_error("group_department", "请选择部门");
    }
    if f.errors.is_empty() {
        if let Some((field, m)) = crate::domain::booking::group_problem(minutes, capacity) {
            f = f.with_error(if field == "slot_minutes" { "group_minutes" } else { "group_capacity" }, m);
        }
    }
    if !f.errors.is_empty() {
        return Err(AppError::Invalid(f));
    }
    let done = match set_group(db, &point, &department, minutes, capacity, now).await? {
        // Slots already stored keep their length.
        Some(day) => format!("已保存。新的时段长度自{}起生效；此前已生成的时段保持原长度，已有预约不受影响。", day.format("%Y年%m月%d日")),
        None => "已保存。".to_string(),
    };
    Ok(Flash::new("booking-admin").with_value("done", &done))
}

/// Sets a group's slot length and places per slot. Stored future slots take the new capacity, and the places a
/// raised capacity opened go to the people already waiting, first come first served, before anyone else. Returns
/// the day a new slot length applies from, if it changed (slots already stored keep theirs).
pub async fn set_group(db: &Db, point: &str, department: &str, minutes: i64, capacity: i64, now: i64) -> Result<Option<chrono::NaiveDate>, sqlx::Error> {
    let from = store::set_group(db, point, department, minutes, capacity, now).await?;
    let max_active = store::rules(db).await?.max_active;
    for slot in store::slots_to_hand_on(db, point, department, now).await? {
        while hand_on(db, &slot, max_active, now).await?.is_some() {}
    }
    Ok(from.and_then(|d| d.parse::<chrono::NaiveDate>().ok()))
}
