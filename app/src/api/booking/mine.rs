//! One booking's page, my bookings, and changing a booking: cancel, reschedule.

use super::{BookingView, MyBookingsPage};
use crate::error::AppError;
use crate::domain::form::Flash;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::BookQuery,
    crate::api::context::{db, now},
};

/// One booking. The signed-in owner sees everything and may change it; anyone else holding the code (the hall's
/// staff, a family member) sees only the service, point, time and a masked name.
#[server]
pub async fn get_booking(code: String) -> Result<Option<BookingView>, AppError> {
    let st = crate::api::context::state()?;
    let me = crate::api::session::identity().await?;
    let page = crate::service::booking::booking_page(&st.db, &st.public_url, me.as_ref(), &code, now()?.timestamp()).await?;
    if page.is_none() {
        crate::api::context::not_found();
    }
    Ok(page)
}

/// The signed-in citizen's bookings and their newest notices.
#[server]
pub async fn my_bookings() -> Result<MyBookingsPage, AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let st = crate::api::context::state()?;
    crate::service::booking::my_bookings(&st.db, &st.public_url, &who, now()?.timestamp()).await
}

/// A refused change goes back to the booking's page (the cut-off has passed).
#[cfg(feature = "ssr")]
async fn fail_change(code: &str, e: AppError) -> Result<(), AppError> {
    match e {
        AppError::Invalid(flash) => crate::api::session::fail_back(&flash, &format!("/bookings/{code}")).await,
        e => Err(e),
    }
}

/// Answers a booking the person may not change (someone else's code, or an unknown one) with 404 and their own
/// bookings, so a code's existence is not revealed.
#[cfg(feature = "ssr")]
fn not_theirs() -> Result<(), AppError> {
    crate::api::context::not_found();
    leptos_axum::redirect("/bookings");
    Ok(())
}

/// Cancels the owner's booking before the cut-off (or declines one made for them); the place goes back to the slot.
#[server(endpoint = "cancel_booking")]
pub async fn cancel_booking(code: String) -> Result<(), AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    match crate::service::booking::cancel_mine(&db()?, &who, &code, now()?.timestamp()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("/bookings/{code}"));
            Ok(())
        }
        Err(AppError::NotFound(_)) => not_theirs(),
        Err(e) => fail_change(&code, e).await,
    }
}

/// Moves the owner's booking to another slot of the same group, before the cut-off.
#[server(endpoint = "reschedule_booking")]
pub async fn reschedule_booking(code: String, slot: Option<String>) -> Result<(), AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let slot = super::flow::read_slot(slot);
    match crate::service::booking::reschedule_mine(&db()?, &who, &code, slot.as_ref(), now()?.timestamp()).await {
        Ok(_) => {
            leptos_axum::redirect(&format!("/bookings/{code}"));
            Ok(())
        }
        Err(AppError::NotFound(_)) => not_theirs(),
        Err(AppError::Invalid(flash)) if flash.form != "booking" => {
            let day = slot.as_ref().map(|s| s.day().to_string());
            let back = BookQuery { change: Some(code.clone()), day, ..Default::default() };
            crate::api::session::fail_back(&flash, &back.href()).await
        }
        Err(e) => fail_change(&code, e).await,
    }
}

/// The last failed change to a booking (e.g. a cancellation past the cut-off), shown once on its page.
#[server]
pub async fn booking_flash() -> Result<Flash, AppError> {
    Ok(crate::api::session::take_flash("booking").await?.unwrap_or_else(|| Flash::new("booking")))
}

