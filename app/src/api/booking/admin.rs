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
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let mut typed = Flash::new("booking-admin");
    for (field, value) in [
        ("max_active", max_active),
        ("cancel_cutoff_minutes", cancel_cutoff_minutes),
        ("default_slot_minutes", default_slot_minutes),
        ("default_capacity", default_capacity),
        ("checkin_early_minutes", checkin_early_minutes),
        ("sms_per_account_day", sms_per_account_day),
        ("sms_per_number_day", sms_per_number_day),
        ("no_show_limit", no_show_limit),
        ("no_show_window_days", no_show_window_days),
        ("suspension_days", suspension_days),
    ] {
        typed = typed.with_value(field, &value.unwrap_or_default());
    }
    match crate::service::booking::save_rules(&db()?, typed).await {
        Ok(_) => {
            leptos_axum::redirect("/admin/booking");
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, "/admin/booking").await,
        Err(e) => Err(e),
    }
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
    let typed = Flash::new("booking-admin")
        .with_value("group_point", &group_point.unwrap_or_default())
        .with_value("group_department", &group_department.unwrap_or_default())
        .with_value("group_minutes", &group_minutes.unwrap_or_default())
        .with_value("group_capacity", &group_capacity.unwrap_or_default());
    // Either way back to the page: with what was wrong, or with from which day a new slot length applies.
    let flash = match crate::service::booking::save_group(&db()?, typed, now()?.timestamp()).await {
        Ok(done) => done,
        Err(AppError::Invalid(flash)) => flash,
        Err(e) => return Err(e),
    };
    crate::api::session::fail_back(&flash, "/admin/booking").await
}

#[server(endpoint = "lift_booking_suspension")]
pub async fn lift_booking_suspension(account_id: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    let admin = crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    crate::service::booking::lift_suspension(&db()?, &admin, &account_id, now()?.timestamp()).await?;
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
