//! The window staff console: sign on and off, pause, call the next ticket, and act on the one at the window.

use super::ConsoleView;
#[cfg(feature = "ssr")]
use crate::domain::form::Flash;
#[cfg(feature = "ssr")]
use super::staff;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::api::context::{db, now};

/// Back to the console, with the refusal if there is one.
#[cfg(feature = "ssr")]
async fn back_to_console(done: Result<(), AppError>) -> Result<(), AppError> {
    match done {
        Ok(()) => {
            leptos_axum::redirect("/staff/window");
            Ok(())
        }
        Err(AppError::Invalid(f)) => crate::api::session::fail_back(&f, "/staff/window").await,
        Err(e) => Err(e),
    }
}

/// The window staff console: sign on, then call and handle tickets.
#[server]
pub async fn window_console() -> Result<ConsoleView, AppError> {
    let who = staff().await?;
    let flash = crate::api::session::take_flash("window").await?.unwrap_or_else(|| Flash::new("window"));
    Ok(crate::service::queue::console(&db()?, &who, flash, now()?).await?)
}

#[server(endpoint = "queue_sign_on")]
pub async fn window_sign_on(window_id: Option<String>) -> Result<(), AppError> {
    let who = staff().await?;
    back_to_console(crate::service::queue::sign_on(&db()?, &who, &window_id.unwrap_or_default(), now()?).await).await
}

#[server(endpoint = "queue_sign_off")]
pub async fn window_sign_off() -> Result<(), AppError> {
    let who = staff().await?;
    crate::store::queue::sign_off(&crate::api::context::db()?, &who.account_id).await?;
    back_to_console(Ok(())).await
}

/// Pauses (`paused` = "1") or resumes the window the person is signed on to.
#[server(endpoint = "queue_pause")]
pub async fn window_pause(paused: String) -> Result<(), AppError> {
    let who = staff().await?;
    crate::store::queue::set_paused(&crate::api::context::db()?, &who.account_id, paused == "1")
        .await
        ?;
    back_to_console(Ok(())).await
}

/// 叫号: the next ticket of the window's queue.
#[server(endpoint = "queue_call_next")]
pub async fn call_next() -> Result<(), AppError> {
    let who = staff().await?;
    back_to_console(crate::service::queue::call_next(&db()?, &who, now()?).await).await
}

/// 重呼 / 过号 / 办结 / 转移 a ticket at the window the person is signed on to.
#[server(endpoint = "queue_ticket_action")]
pub async fn ticket_action(action: String, ticket_id: String, target: Option<String>) -> Result<(), AppError> {
    let who = staff().await?;
    back_to_console(crate::service::queue::act(&crate::api::context::state()?, &who, &action, &ticket_id, target.as_deref(), now()?).await).await
}
