//! The window screen (`/windows/{id}/screen`) and the administrator's list of registered screens.

use super::ScreenView;
#[cfg(feature = "ssr")]
use super::ScreenLive;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use crate::api::context::{db, now, request_cookie};

/// The window screen: what it shows, and whether this browser is the window's registered screen.
#[server]
pub async fn screen_page(window_id: String) -> Result<Option<ScreenView>, AppError> {
    use crate::domain::accounts::Role;
    use crate::store::queue as store;
    let db = db()?;
    let Some(w) = store::window(&db, &window_id).await? else {
        crate::api::context::not_found();
        return Ok(None);
    };
    let paired = match request_cookie(crate::service::queue::DEVICE_COOKIE) {
        Some(token) => store::device_window(&db, &token).await?.as_deref() == Some(&w.id),
        None => false,
    };
    let admin = crate::api::session::identity().await?.is_some_and(|i| i.has(Role::CentreAdmin, None));
    let live = if paired {
        crate::service::queue::screen_live(&db, &w, &crate::service::queue::day_of(now()?)).await?
    } else {
        ScreenLive { window_number: w.number, serving: None, waiting: 0 }
    };
    Ok(Some(ScreenView { window_id: w.id, window_name: format!("{}号窗口 {}", w.number, w.name), paired, admin, live }))
}

/// Registers this browser as the window's screen: a long-lived device cookie (ten years), and signs the
/// administrator out on it. Centre administrator only.
#[server(endpoint = "queue_pair_screen")]
pub async fn pair_screen(window_id: String) -> Result<(), AppError> {
        use crate::domain::accounts::{Need, Role};
    use crate::store::queue as store;
    let who = crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let w = store::window(&db, &window_id).await?.filter(|w| w.kind == crate::domain::points::CounterKind::Window && w.in_service());
    let Some(w) = w else {
        leptos_axum::redirect("/admin/screens");
        return Ok(());
    };
    let token = store::pair_device(&db, &w.id, &who.account_id, now()?.timestamp()).await?;
    crate::api::context::set_response_cookie(crate::service::queue::DEVICE_COOKIE, &token, 10 * 365 * 24 * 3600, true);
    // The hall's display must never hold an administrator's session: it ends here, in the same step.
    crate::api::session::sign_out().await?;
    leptos_axum::redirect(&format!("/windows/{}/screen", w.id));
    Ok(())
}

/// One window on the administrator's screen list, with its registered devices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenWindow {
    pub window_id: String,
    /// "嵩明县政务服务中心 3号窗口 公安"
    pub label: String,
    /// (device id, "2026年11月24日 09:30 由 中心管理员 登记")
    pub devices: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreensPage {
    pub windows: Vec<ScreenWindow>,
    pub flash: crate::forms::Flash,
}

/// `/admin/screens`: every window's screen address and its registered devices. Centre administrator only.
#[server]
pub async fn screens_admin() -> Result<ScreensPage, AppError> {
        use crate::domain::accounts::{Need, Role};
    use crate::store::queue as store;
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let points: std::collections::HashMap<String, String> =
        crate::store::points::all(&db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let devices = store::screen_devices(&db).await?;
    let windows = store::all_windows(&db)
        .await
        ?
        .into_iter()
        .map(|w| ScreenWindow {
            label: format!("{} {}号窗口 {}", points.get(&w.point_id).cloned().unwrap_or_default(), w.number, w.name),
            devices: devices
                .iter()
                .filter(|d| d.window_id == w.id)
                .map(|d| {
                    let at = crate::domain::booking::civil_at(d.paired_at).format("%Y年%m月%d日 %H:%M");
                    (d.token_hash.clone(), format!("{at} 由 {} 登记", d.paired_by))
                })
                .collect(),
            window_id: w.id,
        })
        .collect();
    let flash = crate::api::session::take_flash("screens").await?.unwrap_or_else(|| crate::forms::Flash::new("screens"));
    Ok(ScreensPage { windows, flash })
}

/// Revokes a registered screen device (lost, stolen or replaced). Centre administrator only.
#[server(endpoint = "queue_unpair_screen")]
pub async fn unpair_screen(device: String) -> Result<(), AppError> {
        use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let done = if crate::store::queue::unpair_device(&db()?, &device).await? {
        "已撤销该设备的登记，它将显示“此设备未登记”。"
    } else {
        "该设备已不在登记列表中。"
    };
    crate::api::session::fail_back(&crate::forms::Flash::new("screens").with_value("done", done), "/admin/screens").await
}

