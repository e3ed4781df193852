//! The check-in desk and the ticket page.

use super::{CheckinDesk, TicketView};
#[cfg(feature = "ssr")]
use {super::GroupLine, crate::forms::Flash};
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
        use crate::store::queue as store;
    let who = staff().await?;
    let db = db()?;
    let points = crate::service::queue::desk_points(&db, &who).await?;
    let chosen = point.filter(|p| points.iter().any(|(id, _)| id == p)).or_else(|| points.first().map(|(id, _)| id.clone()));
    let (point_id, point_name) = match chosen {
        Some(id) => {
            let name = points.iter().find(|(p, _)| *p == id).map(|(_, n)| n.clone()).unwrap_or_default();
            (id, name)
        }
        None => (String::new(), String::new()),
    };
    let has_desk = !point_id.is_empty() && crate::service::queue::desk_point(&db, &who, &point_id).await?;
    let day = crate::service::queue::day_of(now()?);
    let mut groups = Vec::new();
    if has_desk {
        for g in store::groups(&db, &point_id).await? {
            let waiting = store::waiting(&db, &point_id, &g.department_code, &day).await?.len();
            groups.push(GroupLine { department_code: g.department_code, name: g.name, letter: g.letter, waiting });
        }
    }
    let flash = crate::api::session::take_flash("checkin").await?.unwrap_or_else(|| Flash::new("checkin"));
    Ok(CheckinDesk { point_id, point_name, points, has_desk, groups, flash })
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
        use crate::domain::calendar::china_offset;
    use crate::store::queue as store;
    let db = db()?;
    let Some(t) = store::by_code(&db, &code).await? else {
        crate::api::context::not_found();
        return Ok(None);
    };
    let live = crate::service::queue::ticket_live(&db, &t).await?;
    let group_name = store::groups(&db, &t.point_id)
        .await
        ?
        .into_iter()
        .find(|g| g.department_code == t.department_code)
        .map(|g| g.name)
        .unwrap_or_default();
    let point_name = store::point_name(&db, &t.point_id).await?.unwrap_or_default();
    let issued_at = chrono::DateTime::from_timestamp(t.checked_in_at, 0)
        .unwrap_or_default()
        .with_timezone(&china_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string();
    Ok(Some(TicketView {
        code: t.code,
        live,
        group_name,
        point_name,
        issued_at,
        booked: t.priority == crate::domain::queue::Priority::Booked,
    }))
}

