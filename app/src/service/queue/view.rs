//! What the queue's pages show, built for the one asking: the check-in desk, a ticket, the window console, a window
//! screen and the administrator's list of screens, and registering a browser as a screen or revoking one.

use super::{day_of, desk_point, desk_points, may_staff, screen_live, signed_on_window, ticket_live};
use crate::domain::accounts::{Identity, Role};
use crate::domain::form::Flash;
use crate::domain::queue::page::{
    CheckinDesk, ConsoleView, ConsoleWindow, CurrentTicket, GroupLine, ScreenView, ScreenWindow, ScreensPage, TicketView, WindowChoice,
};
use crate::domain::queue::{Priority, ScreenLive};
use crate::store::queue as store;
use crate::store::Db;
use chrono::{DateTime, Utc};

/// The check-in desk of a point for a clerk: `point` picks one when they work at several (the centre
/// administrator may pick any point with a desk); otherwise their first.
pub async fn checkin_desk(db: &Db, who: &Identity, point: Option<String>, flash: Flash, now: DateTime<Utc>) -> Result<CheckinDesk, sqlx::Error> {
    let points = desk_points(db, who).await?;
    let chosen = point.filter(|p| points.iter().any(|(id, _)| id == p)).or_else(|| points.first().map(|(id, _)| id.clone()));
    let (point_id, point_name) = match chosen {
        Some(id) => {
            let name = points.iter().find(|(p, _)| *p == id).map(|(_, n)| n.clone()).unwrap_or_default();
            (id, name)
        }
        None => (String::new(), String::new()),
    };
    let has_desk = !point_id.is_empty() && desk_point(db, who, &point_id).await?;
    let day = day_of(now);
    let mut groups = Vec::new();
    if has_desk {
        for g in store::groups(db, &point_id).await? {
            let waiting = store::waiting(db, &point_id, &g.department_code, &day).await?.len();
            groups.push(GroupLine { department_code: g.department_code, name: g.name, letter: g.letter, waiting });
        }
    }
    Ok(CheckinDesk { point_id, point_name, points, has_desk, groups, flash })
}

/// A ticket for whoever holds its code (no personal data: the number, the queue and where to go), or `None`.
pub async fn ticket(db: &Db, code: &str) -> Result<Option<TicketView>, sqlx::Error> {
    let Some(t) = store::by_code(db, code).await? else { return Ok(None) };
    let live = ticket_live(db, &t).await?;
    let group_name =
        store::groups(db, &t.point_id).await?.into_iter().find(|g| g.department_code == t.department_code).map(|g| g.name).unwrap_or_default();
    let point_name = store::point_name(db, &t.point_id).await?.unwrap_or_default();
    let issued_at = crate::domain::booking::civil_at(t.checked_in_at).format("%Y-%m-%d %H:%M").to_string();
    Ok(Some(TicketView { code: t.code, live, group_name, point_name, issued_at, booked: t.priority == Priority::Booked }))
}

/// The window staff console: the windows the clerk may sign on to, and — once signed on — the window's state, the
/// ticket at it, the skipped tickets and where a ticket may be transferred.
pub async fn console(db: &Db, who: &Identity, flash: Flash, now: DateTime<Utc>) -> Result<ConsoleView, sqlx::Error> {
    let day = day_of(now);
    let mut choices = Vec::new();
    let point_names: std::collections::HashMap<String, String> =
        crate::store::points::all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let several_points = who.has(Role::CentreAdmin, None) || who.staff_points().len() > 1;
    for w in store::all_windows(db).await? {
        if !may_staff(who, &w) {
            continue;
        }
        let state = store::window_state(db, &w.id, &day).await?;
        let taken = state.signed_on_by.as_deref().is_some_and(|a| a != who.account_id);
        let at = if several_points { format!("{} ", point_names.get(&w.point_id).cloned().unwrap_or_default()) } else { String::new() };
        choices.push(WindowChoice { id: w.id.clone(), label: format!("{at}{}号 {}", w.number, w.name), taken });
    }
    let window = match signed_on_window(db, who, &day).await? {
        None => None,
        Some(w) => {
            let state = store::window_state(db, &w.id, &day).await?;
            let current = store::current_at(db, &w.id).await?.map(|t| CurrentTicket {
                id: t.id,
                number: t.number,
                calls: t.calls,
                booked: t.priority == Priority::Booked,
            });
            let waiting = store::waiting_for(db, &w, &day).await?.len();
            let skipped = store::skipped_at(db, &w.id, &day).await?.into_iter().map(|t| (t.id, t.number)).collect();
            let mut targets: Vec<(String, String)> = store::groups(db, &w.point_id)
                .await?
                .into_iter()
                .filter(|g| !w.serves(&g.department_code))
                .map(|g| (format!("q:{}", g.department_code), format!("{}（{}字头）", g.name, g.letter)))
                .collect();
            targets.extend(
                store::windows_at(db, &w.point_id)
                    .await?
                    .into_iter()
                    .filter(|o| o.id != w.id)
                    .map(|o| (format!("w:{}", o.id), format!("{}号窗口 {}", o.number, o.name))),
            );
            Some(ConsoleWindow { id: w.id, number: w.number, name: w.name, paused: state.paused, waiting, current, skipped, targets })
        }
    };
    Ok(ConsoleView { display_name: who.display_name.clone(), window, choices, flash })
}

/// A window's screen: what it shows, only to the browser registered as that window's screen (`device`, its
/// cookie); `admin` may register this browser. `None` for an unknown window.
pub async fn screen(st: &crate::service::AppState, window_id: &str, device: Option<&str>, admin: bool, now: DateTime<Utc>) -> Result<Option<ScreenView>, sqlx::Error> {
    let db = &st.db;
    let Some(w) = store::window(db, window_id).await? else { return Ok(None) };
    let paired = match device {
        Some(token) => store::device_window(db, token).await?.as_deref() == Some(&w.id),
        None => false,
    };
    let live = if paired { screen_live(st, &w, now).await? } else { ScreenLive { window_number: w.number, serving: None, waiting: 0, qr: None } };
    Ok(Some(ScreenView { window_id: w.id, window_name: format!("{}号窗口 {}", w.number, w.name), paired, admin, live }))
}

/// Every window's screen address and its registered devices, for the centre administrator.
pub async fn screens(db: &Db, flash: Flash) -> Result<ScreensPage, sqlx::Error> {
    let points: std::collections::HashMap<String, String> =
        crate::store::points::all(db).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let devices = store::screen_devices(db).await?;
    let windows = store::all_windows(db)
        .await?
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
    Ok(ScreensPage { windows, flash })
}

/// Registers a browser as a window's screen, by the administrator `who`: `Some((window id, device token))` for a
/// window in service (the token goes in the browser's long-lived cookie), `None` for anything else.
pub async fn pair(db: &Db, who: &Identity, window_id: &str, now: i64) -> Result<Option<(String, String)>, sqlx::Error> {
    let w = store::window(db, window_id).await?.filter(|w| w.kind == crate::domain::points::CounterKind::Window && w.in_service());
    let Some(w) = w else { return Ok(None) };
    let token = store::pair_device(db, &w.id, &who.account_id, now).await?;
    Ok(Some((w.id, token)))
}

/// Revokes a registered screen device (lost, stolen or replaced): what to tell the administrator.
pub async fn unpair(db: &Db, device: &str) -> Result<Flash, sqlx::Error> {
    let done = if store::unpair_device(db, device).await? {
        "已撤销该设备的登记，它将显示“此设备未登记”。"
    } else {
        "该设备已不在登记列表中。"
    };
    Ok(Flash::new("screens").with_value("done", done))
}
