//! The booking flow: choose a service, a point, a day and a slot, check answers, book; or join a full slot's
//! waiting list. Staff use the same flow for the green channel (绿色通道).

use super::{BookQuery, BookStep};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::api::context::{db, now},
    crate::domain::form::Flash,
    crate::service::booking::{ForWhom, Typed},
};

/// Green channel: any window staff (to start), …
#[cfg(feature = "ssr")]
pub(super) fn staff() -> crate::domain::accounts::Need {
    crate::domain::accounts::Need::Role(crate::domain::accounts::Role::WindowStaff, None)
}

/// The state of the booking flow for the query string. Signed in only: a booking belongs to an account.
#[server]
pub async fn booking_flow(query: BookQuery) -> Result<BookStep, AppError> {
    use crate::domain::accounts::Need;
    let who = crate::api::session::require(if query.is_green() { staff() } else { Need::SignedIn }).await?;
    let flash = crate::api::session::take_flash("book").await?.unwrap_or_else(|| Flash::new("book"));
    crate::service::booking::step(&crate::api::context::state()?, &who, query, flash, now()?).await
}

/// Books the chosen slot for the signed-in citizen, then shows the booking. Refusals come back to the slot page, or
/// to the check-answers page for what was typed about the person.
#[server(endpoint = "book_slot")]
pub async fn book_slot(
    item: String,
    point: String,
    slot: Option<String>,
    /// Who comes: `self` (default), `family` (为家人预约: told by SMS, may decline), or `green` (window staff booking
    /// on the spot for someone who cannot book online: the booking goes to that person's own account).
    for_whom: Option<String>,
    /// The citizen's own name, for their own booking (asked once, remembered on the account).
    my_name: Option<String>,
    /// The person who comes, for `family` and `green`.
    holder_name: Option<String>,
    holder_phone: Option<String>,
    /// Green channel: why (a code of `domain::booking::GREEN_REASONS`).
    reason: Option<String>,
    /// The village the points were ordered from, kept for the way back.
    village: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let for_whom = match for_whom.as_deref() {
        Some("family") => ForWhom::Family,
        Some("green") => ForWhom::Green,
        _ => ForWhom::Myself,
    };
    let green = for_whom == ForWhom::Green;
    let who = crate::api::session::require(if green { staff() } else { Need::SignedIn }).await?;
    let slot = read_slot(slot);
    let day = slot.as_ref().map(|s| s.day().to_string());
    let back = BookQuery {
        item: Some(item.clone()),
        point: Some(point.clone()),
        day,
        green: green.then(|| "1".to_string()),
        near: village.filter(|v| !v.is_empty()),
        ..Default::default()
    };
    let request = crate::service::booking::BookRequest {
        item,
        point,
        slot: slot.clone(),
        for_whom,
        typed: Typed {
            my_name: my_name.unwrap_or_default(),
            name: holder_name.unwrap_or_default().trim().to_string(),
            phone: holder_phone.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
        },
    };
    let st = crate::api::context::state()?;
    match crate::service::booking::book(&st.db, &st.public_url, &who, &request, now()?.timestamp()).await {
        Ok(booked) => {
            leptos_axum::redirect(&format!("/bookings/{}", booked.code));
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &back_to(&back, slot.as_ref(), &flash)).await,
        Err(e) => Err(e),
    }
}

/// A posted slot id, read once: `None` when none was chosen or what came is not one.
#[cfg(feature = "ssr")]
pub(super) fn read_slot(slot: Option<String>) -> Option<crate::domain::booking::SlotId> {
    slot.and_then(|s| s.parse().ok())
}

/// Where a refused booking goes back to: the slot page for a problem with the slot, else the check-answers page
/// with what was typed.
#[cfg(feature = "ssr")]
fn back_to(back: &BookQuery, slot: Option<&crate::domain::booking::SlotId>, flash: &Flash) -> String {
    match slot.filter(|_| flash.error("slot").is_none()) {
        Some(slot) => format!("{}&slot={}", back.href(), crate::domain::html::encode_query(slot.as_str())),
        None => back.href(),
    }
}

/// Joins the waiting list (候补) of a full slot; when a place frees, the first waiting gets it automatically.
#[server(endpoint = "join_waitlist")]
pub async fn join_waitlist(item: String, point: String, slot: Option<String>, my_name: Option<String>) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let who = crate::api::session::require(Need::SignedIn).await?;
    let slot = read_slot(slot);
    let day = slot.as_ref().map(|s| s.day().to_string());
    let back = BookQuery { item: Some(item.clone()), point: Some(point.clone()), day, ..Default::default() };
    let my_name = my_name.unwrap_or_default();
    match crate::service::booking::join_wait(&db()?, &who, &item, &point, slot.as_ref(), &my_name, now()?.timestamp()).await {
        Ok(_) => {
            leptos_axum::redirect("/bookings");
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &back_to(&back, slot.as_ref(), &flash)).await,
        Err(e) => Err(e),
    }
}

/// Leaves a waiting list.
#[server(endpoint = "withdraw_wait")]
pub async fn withdraw_wait(id: String) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let who = crate::api::session::require(Need::SignedIn).await?;
    crate::store::booking::withdraw_wait(&db()?, &id, &who.account_id).await?;
    leptos_axum::redirect("/bookings");
    Ok(())
}
