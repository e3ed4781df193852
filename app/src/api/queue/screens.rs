//! The window screen (`/windows/{id}/screen`) and the administrator's list of registered screens.

use super::{ScreenView, ScreensPage};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::api::context::{db, now, request_cookie};

/// The window screen: what it shows, and whether this browser is the window's registered screen.
#[server]
pub async fn screen_page(window_id: String) -> Result<Option<ScreenView>, AppError> {
    use crate::domain::accounts::Role;
    let device = request_cookie(crate::service::queue::DEVICE_COOKIE);
    let admin = crate::api::session::identity().await?.is_some_and(|i| i.has(Role::CentreAdmin, None));
    let screen = crate::service::queue::screen(&crate::api::context::state()?, &window_id, device.as_deref(), admin, now()?).await?;
    if screen.is_none() {
        crate::api::context::not_found();
    }
    Ok(screen)
}

/// Registers this browser as the window's screen: a long-lived device cookie (ten years), and signs the
/// administrator out on it. Centre administrator only.
#[server(endpoint = "queue_pair_screen")]
pub async fn pair_screen(window_id: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    let who = crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let Some((window_id, token)) = crate::service::queue::pair(&db()?, &who, &window_id, now()?.timestamp()).await? else {
        leptos_axum::redirect("/admin/screens");
        return Ok(());
    };
    crate::api::context::set_response_cookie(crate::service::queue::DEVICE_COOKIE, &token, 10 * 365 * 24 * 3600, true);
    // The hall's display must never hold an administrator's session: it ends here, in the same step.
    crate::api::session::sign_out().await?;
    leptos_axum::redirect(&format!("/windows/{window_id}/screen"));
    Ok(())
}

/// `/admin/screens`: every window's screen address and its registered devices. Centre administrator only.
#[server]
pub async fn screens_admin() -> Result<ScreensPage, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let flash = crate::api::session::take_flash("screens").await?.unwrap_or_else(|| crate::domain::form::Flash::new("screens"));
    Ok(crate::service::queue::screens(&db()?, flash).await?)
}

/// Revokes a registered screen device (lost, stolen or replaced). Centre administrator only.
#[server(endpoint = "queue_unpair_screen")]
pub async fn unpair_screen(device: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let done = crate::service::queue::unpair(&db()?, &device).await?;
    crate::api::session::fail_back(&done, "/admin/screens").await
}
