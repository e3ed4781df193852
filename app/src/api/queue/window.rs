//! The window staff console: sign on and off, pause, call the next ticket, and act on the one at the window.

use super::ConsoleView;
#[cfg(feature = "ssr")]
use {super::{ConsoleWindow, CurrentTicket, WindowChoice}, crate::forms::Flash};
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
        use crate::store::queue as store;
    let who = staff().await?;
    let db = db()?;
    let day = crate::service::queue::day_of(now()?);
    let flash = crate::api::session::take_flash("window").await?.unwrap_or_else(|| Flash::new("window"));
    let mut choices = Vec::new();
    let point_names: std::collections::HashMap<String, String> =
        crate::store::points::all(&db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let several_points = who.has(crate::domain::accounts::Role::CentreAdmin, None) || who.staff_points().len() > 1;
    for w in store::all_windows(&db).await? {
        if !crate::service::queue::may_staff(&who, &w) {
            continue;
        }
        let state = store::window_state(&db, &w.id, &day).await?;
        let taken = state.signed_on_by.as_deref().is_some_and(|a| a != who.account_id);
        let at = if several_points { format!("{} ", point_names.get(&w.point_id).cloned().unwrap_or_default()) } else { String::new() };
        choices.push(WindowChoice { id: w.id.clone(), label: format!("{at}{}号 {}", w.number, w.name), taken });
    }
    let window = match crate::service::queue::signed_on_window(&db, &who, &day).await? {
        None => None,
        Some(w) => {
            let state = store::window_state(&db, &w.id, &day).await?;
            let current = store::current_at(&db, &w.id).await?.map(|t| CurrentTicket {
                id: t.id,
                number: t.number,
                calls: t.calls,
                booked: t.priority == crate::domain::queue::Priority::Booked,
            });
            let waiting = store::waiting_for(&db, &w, &day).await?.len();
            let skipped = store::skipped_at(&db, &w.id, &day)
                .await
                ?
                .into_iter()
                .map(|t| (t.id, t.number))
                .collect();
            let mut targets: Vec<(String, String)> = store::groups(&db, &w.point_id)
                .await
                ?
                .into_iter()
                .filter(|g| !w.serves(&g.department_code))
                .map(|g| (format!("q:{}", g.department_code), format!("{}（{}字头）", g.name, g.letter)))
                .collect();
            targets.extend(
                store::windows_at(&db, &w.point_id)
                    .await
                    ?
                    .into_iter()
                    .filter(|o| o.id != w.id)
                    .map(|o| (format!("w:{}", o.id), format!("{}号窗口 {}", o.number, o.name))),
            );
            Some(ConsoleWindow {
                id: w.id,
                number: w.number,
                name: w.name,
                paused: state.paused,
                waiting,
                current,
                skipped,
                targets,
            })
        }
    };
    Ok(ConsoleView { display_name: who.display_name, window, choices, flash })
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
    back_to_console(crate::service::queue::act(&db()?, &who, &action, &ticket_id, target.as_deref(), now()?).await).await
}
