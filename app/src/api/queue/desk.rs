//! The check-in desk and the ticket page.

use super::{CheckinDesk, TicketView};
#[cfg(feature = "ssr")]
use crate::domain::form::Flash;
#[cfg(feature = "ssr")]
use super::staff;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::api::context::{db, now};

/// The check-in desk of a point.
#[cfg(feature = "ssr")]
fn desk_href(point_id: &str) -> String {
    format!("/staff/checkin?point={}", crate::domain::html::encode_query(point_id))
}

/// A refused check-in or ticket goes back to the desk with what was typed; one at a desk the clerk does not work
/// at goes to their own desk.
#[cfg(feature = "ssr")]
async fn back_to_desk(point_id: &str, field: &str, typed: Flash, e: AppError) -> Result<(), AppError> {
    match e {
        AppError::Invalid(flash) => crate::api::session::fail_back(&flash, &desk_href(point_id)).await,
        AppError::Forbidden(m) => crate::api::session::fail_back(&typed.with_error(field, m), "/staff/checkin").await,
        e => Err(e),
    }
}

/// The check-in desk of a point: the signed-in clerk's own point (`point` picks one when they work at several;
/// the centre administrator may pick any point with a desk).
#[server]
pub async fn checkin_page(point: Option<String>) -> Result<CheckinDesk, AppError> {
    let who = staff().await?;
    let flash = crate::api::session::take_flash("checkin").await?.unwrap_or_else(|| Flash::new("checkin"));
    Ok(crate::service::queue::checkin_desk(&db()?, &who, point, flash, now()?).await?)
}

/// Check-in with a booking: the scanner (or a person) types the booking's code or its check-in URL; `walk_in` =
/// "1" queues someone early as a walk-in. See `service::queue::check_in`.
#[server(endpoint = "queue_check_in")]
pub async fn check_in(point_id: String, code: Option<String>, walk_in: Option<String>) -> Result<(), AppError> {
    let who = staff().await?;
    let typed = code.unwrap_or_default();
    match crate::service::queue::check_in(&db()?, &who, &point_id, &typed, walk_in.as_deref() == Some("1"), now()?).await {
        Ok(ticket) => {
            leptos_axum::redirect(&format!("/tickets/{ticket}"));
            Ok(())
        }
        Err(e) => back_to_desk(&point_id, "code", Flash::new("checkin").with_value("code", &typed), e).await,
    }
}

/// A walk-in ticket in the chosen service group; an optional mobile number for the "three ahead" SMS.
#[server(endpoint = "queue_take_ticket")]
pub async fn take_ticket(point_id: String, group: Option<String>, phone: Option<String>) -> Result<(), AppError> {
    let who = staff().await?;
    let (group, phone) = (group.unwrap_or_default(), phone.unwrap_or_default().trim().to_string());
    match crate::service::queue::take_ticket(&db()?, &who, &point_id, &group, &phone, now()?).await {
        Ok(ticket) => {
            leptos_axum::redirect(&format!("/tickets/{ticket}"));
            Ok(())
        }
        Err(e) => {
            let typed = Flash::new("checkin").with_value("group", &group).with_value("phone", &phone);
            back_to_desk(&point_id, "group", typed, e).await
        }
    }
}

/// A ticket, for the person holding it (no personal data: the number, the queue and where to go).
#[server]
pub async fn ticket_page(code: String) -> Result<Option<TicketView>, AppError> {
    let ticket = crate::service::queue::ticket(&db()?, &code).await?;
    if ticket.is_none() {
        crate::api::context::not_found();
    }
    Ok(ticket)
}
