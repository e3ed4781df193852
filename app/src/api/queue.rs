//! Check-in and the queue: the hall's check-in desk, the window staff console, the window screen and the
//! citizen's ticket page. Every action is a plain form post that redirects, so it works without JavaScript.

use super::accounts::Flash;
use crate::domain::queue::TicketState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the live parts of the ticket page show; sent again by server-sent events on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketLive {
    pub number: String,
    pub state: TicketState,
    pub ahead: usize,
    pub window_number: Option<i64>,
}

/// What the window screen shows; sent again by server-sent events on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenLive {
    pub window_number: i64,
    /// The ticket being served and how many times it was called (a recall announces it again).
    pub serving: Option<(String, i64)>,
    pub waiting: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupLine {
    pub department_code: String,
    pub name: String,
    pub letter: String,
    pub waiting: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckinDesk {
    pub point_id: String,
    pub point_name: String,
    /// The points this clerk checks people in at (id, name): their own, or every point with a desk for the
    /// administrator. More than one: the page lets them switch.
    pub points: Vec<(String, String)>,
    /// The point has a check-in desk in service (otherwise nothing can be checked in there).
    pub has_desk: bool,
    pub groups: Vec<GroupLine>,
    pub flash: Flash,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    pub code: String,
    pub live: TicketLive,
    pub group_name: String,
    pub point_name: String,
    /// 2026-11-24 09:30
    pub issued_at: String,
    pub booked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowChoice {
    pub id: String,
    pub label: String,
    /// Someone else is signed on today.
    pub taken: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentTicket {
    pub id: String,
    pub number: String,
    pub calls: i64,
    pub booked: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsoleWindow {
    pub id: String,
    pub number: i64,
    pub name: String,
    pub paused: bool,
    pub waiting: usize,
    pub current: Option<CurrentTicket>,
    /// Skipped today: (ticket id, number).
    pub skipped: Vec<(String, String)>,
    /// Transfer targets: `q:{department}` queues and `w:{window}` windows, with labels.
    pub targets: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsoleView {
    pub display_name: String,
    pub window: Option<ConsoleWindow>,
    pub choices: Vec<WindowChoice>,
    pub flash: Flash,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenView {
    pub window_id: String,
    pub window_name: String,
    /// This browser is a registered screen of this window.
    pub paired: bool,
    /// The centre administrator is looking: they may register this browser.
    pub admin: bool,
    pub live: ScreenLive,
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::api::context::{internal, now};
    use crate::domain::accounts::{Identity, Need, Role};
    use crate::store::queue as store;
    use crate::store::Db;

    pub const DEVICE_COOKIE: &str = "palm_device";

    /// The civil date (Asia/Shanghai) of an instant: the queues' day.
    pub fn day_of(t: chrono::DateTime<chrono::Utc>) -> String {
        crate::domain::calendar::civil(t).date().format("%Y-%m-%d").to_string()
    }

    pub async fn staff() -> Result<Identity, ServerFnError> {
        crate::api::session::require(Need::Role(Role::WindowStaff, None))
            .await?
            .ok_or_else(|| crate::api::context::sign_in_first())
    }

    /// Whether `who` may sign on at a window: it is at their point and they serve every department it serves.
    pub fn may_staff(who: &Identity, w: &store::WindowRow) -> bool {
        w.in_service() && !w.departments.is_empty() && w.departments.iter().all(|d| who.works_at(&w.point_id, Some(d)))
    }

    /// A clerk signed on to a window they may no longer staff (a grant revoked, the window's departments changed
    /// or the window retired) is signed off, and the request refused.
    pub async fn still_may_staff(db: &Db, who: &Identity, w: &store::WindowRow) -> Result<bool, ServerFnError> {
        if may_staff(who, w) {
            return Ok(true);
        }
        store::sign_off(db, &who.account_id).await.map_err(crate::api::context::internal)?;
        Ok(false)
    }

    /// What the console says to a clerk signed off by [`still_may_staff`].
    pub const NO_LONGER: &str = "您已不能在该窗口工作（授权或窗口已变更），已为您签退";

    /// The points whose check-in desk `who` may work at, with names: their own points, or for the centre
    /// administrator every point with a desk in service.
    pub async fn desk_points(db: &Db, who: &Identity) -> Result<Vec<(String, String)>, sqlx::Error> {
        let with_desk = store::points_with_desk(db).await?;
        if who.has(Role::CentreAdmin, None) {
            return Ok(with_desk);
        }
        let mut out = Vec::new();
        for p in who.staff_points() {
            let name = match with_desk.iter().find(|(id, _)| *id == p) {
                Some((_, n)) => n.clone(),
                None => store::point_name(db, &p).await?.unwrap_or_default(),
            };
            out.push((p, name));
        }
        Ok(out)
    }

    /// The check-in desk's point for a form post: one the person works at and that has a desk in service.
    pub async fn desk_point(db: &Db, who: &Identity, point_id: &str) -> Result<bool, sqlx::Error> {
        Ok(who.works_at(point_id, None) && store::points_with_desk(db).await?.iter().any(|(id, _)| id == point_id))
    }

    pub async fn ticket_live(db: &Db, t: &store::Ticket) -> Result<TicketLive, sqlx::Error> {
        let window_number = match (&t.window_id, t.state) {
            (Some(w), TicketState::Called | TicketState::Served | TicketState::Skipped) => {
                store::window(db, w).await?.map(|w| w.number)
            }
            _ => None,
        };
        Ok(TicketLive { number: t.number.clone(), state: t.state, ahead: store::ahead(db, t).await?, window_number })
    }

    pub async fn screen_live(db: &Db, w: &store::WindowRow, day: &str) -> Result<ScreenLive, sqlx::Error> {
        let current = store::current_at(db, &w.id).await?;
        let waiting = store::waiting_for(db, w, day).await?.len();
        Ok(ScreenLive { window_number: w.number, serving: current.map(|t| (t.number, t.calls)), waiting })
    }

    /// The window the person asking is signed on to today.
    pub async fn signed_on_window(db: &Db, who: &Identity, day: &str) -> Result<Option<store::WindowRow>, ServerFnError> {
        let Some(id) = store::my_window(db, &who.account_id, day).await.map_err(internal)? else { return Ok(None) };
        store::window(db, &id).await.map_err(internal)
    }

    pub async fn after_move(db: &Db, point_id: &str, department: &str, day: &str) -> Result<(), ServerFnError> {
        store::notify_ahead(db, point_id, department, day, now()?.timestamp()).await.map_err(internal)?;
        Ok(())
    }

    /// The check-in desk of a point.
    pub fn desk_href(point_id: &str) -> String {
        format!("/staff/checkin?point={}", crate::api::booking::encode(point_id))
    }

    /// Back to the check-in desk with what was typed and why it failed.
    pub async fn checkin_fail(flash: Flash, point_id: &str, message: String) -> Result<(), ServerFnError> {
        crate::api::session::fail_back(&flash.with_error("code", message), &desk_href(point_id)).await
    }

    pub async fn back_to_console(flash: Option<Flash>) -> Result<(), ServerFnError> {
        match flash {
            Some(f) => crate::api::session::fail_back(&f, "/staff/window").await,
            None => {
                leptos_axum::redirect("/staff/window");
                Ok(())
            }
        }
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{day_of, screen_live, ticket_live, DEVICE_COOKIE};

/// The check-in desk of a point: the signed-in clerk's own point (`point` picks one when they work at several;
/// the centre administrator may pick any point with a desk).
#[server]
pub async fn checkin_page(point: Option<String>) -> Result<CheckinDesk, ServerFnError> {
    use super::context::{db, internal, now};
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let points = ssr::desk_points(&db, &who).await.map_err(internal)?;
    let chosen = point.filter(|p| points.iter().any(|(id, _)| id == p)).or_else(|| points.first().map(|(id, _)| id.clone()));
    let (point_id, point_name) = match chosen {
        Some(id) => {
            let name = points.iter().find(|(p, _)| *p == id).map(|(_, n)| n.clone()).unwrap_or_default();
            (id, name)
        }
        None => (String::new(), String::new()),
    };
    let has_desk = !point_id.is_empty() && ssr::desk_point(&db, &who, &point_id).await.map_err(internal)?;
    let day = ssr::day_of(now()?);
    let mut groups = Vec::new();
    if has_desk {
        for g in store::groups(&db, &point_id).await.map_err(internal)? {
            let waiting = store::waiting(&db, &point_id, &g.department_code, &day).await.map_err(internal)?.len();
            groups.push(GroupLine { department_code: g.department_code, name: g.name, letter: g.letter, waiting });
        }
    }
    let flash = super::session::take_flash("checkin").await?.unwrap_or_else(|| Flash::new("checkin"));
    Ok(CheckinDesk { point_id, point_name, points, has_desk, groups, flash })
}

/// A booking's code, from what the scanner typed: the code alone or the whole check-in URL (…/bookings/{code}).
pub fn booking_code_from(input: &str) -> String {
    let s = input.trim().trim_end_matches('/');
    let s = s.rsplit_once("/bookings/").map(|(_, c)| c).unwrap_or(s);
    s.split(['?', '#']).next().unwrap_or("").trim().trim_end_matches('/').to_string()
}

/// Check-in with a booking: the scanner (or a person) types the booking's code or its check-in URL. A booked
/// person goes ahead of walk-ins from `checkin_early_minutes` before their slot (default 30) until it ends plus 15
/// minutes' grace; someone earlier is told when to come back, or queues as a walk-in if they choose (`walk_in`
/// = "1"); someone later queues as a walk-in. A second check-in of the same booking shows the same ticket.
#[server(endpoint = "queue_check_in")]
pub async fn check_in(point_id: String, code: Option<String>, walk_in: Option<String>) -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::queue::{arrival, come_back_message, priority, Arrival};
    use crate::store::booking::status;
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let typed = code.unwrap_or_default();
    let flash = Flash::new("checkin").with_value("code", &typed);
    if !ssr::desk_point(&db, &who, &point_id).await.map_err(internal)? {
        return super::session::fail_back(&flash.with_error("code", "您不能在该服务点签到"), "/staff/checkin").await;
    }
    let raw = booking_code_from(&typed);
    if raw.is_empty() {
        return ssr::checkin_fail(flash, &point_id, "请扫描或输入预约码".into()).await;
    }
    let booking = match crate::domain::booking::normalise_code(&raw) {
        Some(c) => crate::store::booking::by_code(&db, &c).await.map_err(internal)?,
        None => None,
    };
    let Some(b) = booking else { return ssr::checkin_fail(flash, &point_id, "未找到该预约，请核对预约码".into()).await };
    if b.point_id != point_id {
        return ssr::checkin_fail(flash, &point_id, format!("该预约的办理地点是{}，请到该处签到", b.point_name)).await;
    }
    if let Some(t) = store::by_booking(&db, &b.code).await.map_err(internal)? {
        leptos_axum::redirect(&format!("/tickets/{}", t.code));
        return Ok(());
    }
    let t = now()?;
    let day = ssr::day_of(t);
    if b.day != day {
        return ssr::checkin_fail(flash, &point_id, format!("该预约的办理日期是{}，不是今天", b.day)).await;
    }
    // A no-show (marked by the booking sweep) may still come: it queues by the same rule, late ones as walk-ins.
    if b.status != status::ACTIVE && b.status != status::NO_SHOW {
        let why = match b.status.as_str() {
            status::CANCELLED => "已取消",
            status::SERVED => "已办结",
            _ => "已失效",
        };
        return ssr::checkin_fail(flash, &point_id, format!("该预约{why}，不能签到")).await;
    }
    if !store::can_check_in(&db, &point_id, &b.department_code).await.map_err(internal)? {
        return ssr::checkin_fail(flash, &point_id, format!("本服务点暂无办理{}业务的窗口", b.department_name)).await;
    }
    let rules = crate::store::booking::rules(&db).await.map_err(internal)?;
    let came = arrival(b.starts_at, b.ends_at, t.timestamp(), rules.checkin_early_minutes * 60);
    if let (Arrival::Early { from }, false) = (came, walk_in.as_deref() == Some("1")) {
        let flash = flash.with_value("early", "1");
        return ssr::checkin_fail(flash, &point_id, come_back_message(from)).await;
    }
    let ticket = store::issue(
        &db,
        store::NewTicket {
            point_id: &b.point_id,
            department_code: &b.department_code,
            day: &day,
            priority: priority(Some(came)),
            checked_in_at: t.timestamp(),
            booking_code: Some(&b.code),
            slot_starts_at: Some(b.starts_at),
            phone: Some(&b.holder_phone).filter(|p| !p.is_empty()).map(|p| p.as_str()),
        },
    )
    .await
    .map_err(internal)?;
    // The booking is used: its account's quota comes back; its place in the slot stays taken.
    if b.status == status::ACTIVE {
        crate::store::booking::finish(&db, &b, status::CHECKED_IN, false, t.timestamp()).await.map_err(internal)?;
    }
    leptos_axum::redirect(&format!("/tickets/{}", ticket.code));
    Ok(())
}

/// A walk-in ticket in the chosen service group; an optional mobile number for the "three ahead" SMS.
#[server(endpoint = "queue_take_ticket")]
pub async fn take_ticket(point_id: String, group: Option<String>, phone: Option<String>) -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::queue::Priority;
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let (group, phone_typed) = (group.unwrap_or_default(), phone.unwrap_or_default().trim().to_string());
    let mut flash = Flash::new("checkin").with_value("group", &group).with_value("phone", &phone_typed);
    if !ssr::desk_point(&db, &who, &point_id).await.map_err(internal)? {
        return super::session::fail_back(&flash.with_error("group", "您不能在该服务点取号"), "/staff/checkin").await;
    }
    let groups = store::groups(&db, &point_id).await.map_err(internal)?;
    if !groups.iter().any(|g| g.department_code == group) {
        flash = flash.with_error("group", "请选择办理部门");
    }
    let phone = if phone_typed.is_empty() {
        None
    } else {
        let p = crate::domain::accounts::normalise_mobile(&phone_typed);
        if p.is_none() {
            flash = flash.with_error("phone", "手机号码应为11位数字，如 13812345678");
        }
        p
    };
    if !flash.errors.is_empty() {
        return super::session::fail_back(&flash, &ssr::desk_href(&point_id)).await;
    }
    let t = now()?;
    let day = ssr::day_of(t);
    let ticket = store::issue(
        &db,
        store::NewTicket {
            point_id: &point_id,
            department_code: &group,
            day: &day,
            priority: Priority::WalkIn,
            checked_in_at: t.timestamp(),
            booking_code: None,
            slot_starts_at: None,
            phone: phone.as_deref(),
        },
    )
    .await
    .map_err(internal)?;
    leptos_axum::redirect(&format!("/tickets/{}", ticket.code));
    Ok(())
}

/// A ticket, for the person holding it (no personal data: the number, the queue and where to go).
#[server]
pub async fn ticket_page(code: String) -> Result<Option<TicketView>, ServerFnError> {
    use super::context::{db, internal};
    use crate::domain::calendar::china_offset;
    use crate::store::queue as store;
    let db = db()?;
    let Some(t) = store::by_code(&db, &code).await.map_err(internal)? else {
        super::context::not_found();
        return Ok(None);
    };
    let live = ssr::ticket_live(&db, &t).await.map_err(internal)?;
    let group_name = store::groups(&db, &t.point_id)
        .await
        .map_err(internal)?
        .into_iter()
        .find(|g| g.department_code == t.department_code)
        .map(|g| g.name)
        .unwrap_or_default();
    let point_name = store::point_name(&db, &t.point_id).await.map_err(internal)?.unwrap_or_default();
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

/// The window staff console: sign on, then call and handle tickets.
#[server]
pub async fn window_console() -> Result<ConsoleView, ServerFnError> {
    use super::context::{db, internal, now};
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let day = ssr::day_of(now()?);
    let flash = super::session::take_flash("window").await?.unwrap_or_else(|| Flash::new("window"));
    let mut choices = Vec::new();
    let point_names: std::collections::HashMap<String, String> =
        crate::store::points::all(&db).await.map_err(internal)?.into_iter().map(|p| (p.id, p.name)).collect();
    let several_points = who.has(crate::domain::accounts::Role::CentreAdmin, None) || who.staff_points().len() > 1;
    for w in store::all_windows(&db).await.map_err(internal)? {
        if !ssr::may_staff(&who, &w) {
            continue;
        }
        let state = store::window_state(&db, &w.id, &day).await.map_err(internal)?;
        let taken = state.signed_on_by.as_deref().is_some_and(|a| a != who.account_id);
        let at = if several_points { format!("{} ", point_names.get(&w.point_id).cloned().unwrap_or_default()) } else { String::new() };
        choices.push(WindowChoice { id: w.id.clone(), label: format!("{at}{}号 {}", w.number, w.name), taken });
    }
    let window = match ssr::signed_on_window(&db, &who, &day).await? {
        None => None,
        Some(w) => {
            let state = store::window_state(&db, &w.id, &day).await.map_err(internal)?;
            let current = store::current_at(&db, &w.id).await.map_err(internal)?.map(|t| CurrentTicket {
                id: t.id,
                number: t.number,
                calls: t.calls,
                booked: t.priority == crate::domain::queue::Priority::Booked,
            });
            let waiting = store::waiting_for(&db, &w, &day).await.map_err(internal)?.len();
            let skipped = store::skipped_at(&db, &w.id, &day)
                .await
                .map_err(internal)?
                .into_iter()
                .map(|t| (t.id, t.number))
                .collect();
            let mut targets: Vec<(String, String)> = store::groups(&db, &w.point_id)
                .await
                .map_err(internal)?
                .into_iter()
                .filter(|g| !w.serves(&g.department_code))
                .map(|g| (format!("q:{}", g.department_code), format!("{}（{}字头）", g.name, g.letter)))
                .collect();
            targets.extend(
                store::windows_at(&db, &w.point_id)
                    .await
                    .map_err(internal)?
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
pub async fn window_sign_on(window_id: Option<String>) -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let t = now()?;
    let flash = Flash::new("window");
    let w = store::window(&db, &window_id.unwrap_or_default()).await.map_err(internal)?;
    let Some(w) = w else { return ssr::back_to_console(Some(flash.with_error("window_id", "请选择窗口"))).await };
    if !ssr::may_staff(&who, &w) {
        return ssr::back_to_console(Some(flash.with_error("window_id", "您不能在该窗口签到：它不在您所在的服务点，或办理您未获授权的部门业务"))).await;
    }
    if !store::sign_on(&db, &w.id, &who.account_id, &ssr::day_of(t), t.timestamp()).await.map_err(internal)? {
        return ssr::back_to_console(Some(flash.with_error("window_id", "该窗口已有工作人员签到"))).await;
    }
    ssr::back_to_console(None).await
}

#[server(endpoint = "queue_sign_off")]
pub async fn window_sign_off() -> Result<(), ServerFnError> {
    let who = ssr::staff().await?;
    crate::store::queue::sign_off(&super::context::db()?, &who.account_id).await.map_err(super::context::internal)?;
    ssr::back_to_console(None).await
}

/// Pauses (`paused` = "1") or resumes the window the person is signed on to.
#[server(endpoint = "queue_pause")]
pub async fn window_pause(paused: String) -> Result<(), ServerFnError> {
    let who = ssr::staff().await?;
    crate::store::queue::set_paused(&super::context::db()?, &who.account_id, paused == "1")
        .await
        .map_err(super::context::internal)?;
    ssr::back_to_console(None).await
}

/// 叫号: the next ticket of the window's queue.
#[server(endpoint = "queue_call_next")]
pub async fn call_next() -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let t = now()?;
    let day = ssr::day_of(t);
    let flash = Flash::new("window");
    let Some(w) = ssr::signed_on_window(&db, &who, &day).await? else {
        return ssr::back_to_console(Some(flash.with_error("call", crate::domain::queue::CallRefusal::NotSignedOn.message()))).await;
    };
    if !ssr::still_may_staff(&db, &who, &w).await? {
        return ssr::back_to_console(Some(flash.with_error("call", ssr::NO_LONGER))).await;
    }
    let state = store::window_state(&db, &w.id, &day).await.map_err(internal)?;
    let busy = store::current_at(&db, &w.id).await.map_err(internal)?.is_some();
    if let Err(r) = state.may_call(&who.account_id, busy) {
        return ssr::back_to_console(Some(flash.with_error("call", r.message()))).await;
    }
    match store::call_next(&db, &w, &day, t.timestamp()).await.map_err(internal)? {
        store::Call::Called(ticket) => ssr::after_move(&db, &w.point_id, &ticket.department_code, &day).await?,
        store::Call::Empty => return ssr::back_to_console(Some(flash.with_error("call", "当前没有等候的号码"))).await,
        // Another tap or tab called first: the window serves that one.
        store::Call::Busy => {
            return ssr::back_to_console(Some(flash.with_error("call", crate::domain::queue::CallRefusal::Busy.message()))).await
        }
    }
    ssr::back_to_console(None).await
}

/// 重呼 / 过号 / 办结 / 转移 a ticket at the window the person is signed on to.
#[server(endpoint = "queue_ticket_action")]
pub async fn ticket_action(action: String, ticket_id: String, target: Option<String>) -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::queue::{next_state, TicketAction};
    use crate::store::queue as store;
    let who = ssr::staff().await?;
    let db = db()?;
    let t = now()?;
    let day = ssr::day_of(t);
    let flash = Flash::new("window");
    let Some(w) = ssr::signed_on_window(&db, &who, &day).await? else {
        return ssr::back_to_console(Some(flash.with_error("call", "请先签到窗口"))).await;
    };
    if !ssr::still_may_staff(&db, &who, &w).await? {
        return ssr::back_to_console(Some(flash.with_error("call", ssr::NO_LONGER))).await;
    }
    let action = match action.as_str() {
        "recall" => TicketAction::Recall,
        "skip" => TicketAction::Skip,
        "serve" => TicketAction::Serve,
        "transfer" => TicketAction::Transfer,
        _ => return ssr::back_to_console(Some(flash.with_error("call", "操作无效"))).await,
    };
    // Only this window's own tickets (called or skipped here).
    let ticket = store::by_id(&db, &ticket_id).await.map_err(internal)?.filter(|tk| tk.window_id.as_deref() == Some(&w.id));
    let Some(ticket) = ticket else { return ssr::back_to_console(Some(flash.with_error("call", "该号码不在本窗口"))).await };
    if let Err(e) = next_state(ticket.state, action) {
        return ssr::back_to_console(Some(flash.with_error("call", e.message()))).await;
    }
    let target = if action == TicketAction::Transfer {
        let raw = target.unwrap_or_default();
        let resolved = if let Some(d) = raw.strip_prefix("q:") {
            let known = store::groups(&db, &w.point_id).await.map_err(internal)?.iter().any(|g| g.department_code == d);
            known.then(|| store::Target::Queue(d.to_string()))
        } else if let Some(id) = raw.strip_prefix("w:") {
            store::window(&db, id).await.map_err(internal)?.filter(|o| o.point_id == w.point_id && o.id != w.id && o.kind == crate::domain::points::CounterKind::Window && o.in_service()).map(store::Target::Window)
        } else {
            None
        };
        match resolved {
            Some(r) => Some(r),
            None => return ssr::back_to_console(Some(flash.with_error("target", "请选择转往的部门或窗口"))).await,
        }
    } else {
        None
    };
    match store::act(&db, &ticket, &w.id, action, t.timestamp(), &who.account_id, target.as_ref()).await.map_err(internal)? {
        store::Acted::Done => {}
        store::Acted::Stale => return ssr::back_to_console(Some(flash.with_error("call", "该号码状态已变化，请刷新"))).await,
        store::Acted::Busy => {
            return ssr::back_to_console(Some(flash.with_error("call", crate::domain::queue::CallRefusal::Busy.message()))).await
        }
    }
    if target.is_some() {
        let moved = store::by_id(&db, &ticket.id).await.map_err(internal)?;
        if let Some(m) = moved {
            ssr::after_move(&db, &w.point_id, &m.department_code, &day).await?;
        }
    }
    ssr::back_to_console(None).await
}

/// The window screen: what it shows, and whether this browser is the window's registered screen.
#[server]
pub async fn screen_page(window_id: String) -> Result<Option<ScreenView>, ServerFnError> {
    use super::context::{db, internal, now, request_cookie};
    use crate::domain::accounts::Role;
    use crate::store::queue as store;
    let db = db()?;
    let Some(w) = store::window(&db, &window_id).await.map_err(internal)? else {
        super::context::not_found();
        return Ok(None);
    };
    let paired = match request_cookie(ssr::DEVICE_COOKIE) {
        Some(token) => store::device_window(&db, &token).await.map_err(internal)?.as_deref() == Some(&w.id),
        None => false,
    };
    let admin = super::session::identity().await?.is_some_and(|i| i.has(Role::CentreAdmin, None));
    let live = if paired {
        ssr::screen_live(&db, &w, &ssr::day_of(now()?)).await.map_err(internal)?
    } else {
        ScreenLive { window_number: w.number, serving: None, waiting: 0 }
    };
    Ok(Some(ScreenView { window_id: w.id, window_name: format!("{}号窗口 {}", w.number, w.name), paired, admin, live }))
}

/// Registers this browser as the window's screen: a long-lived device cookie (ten years), and signs the
/// administrator out on it. Centre administrator only.
#[server(endpoint = "queue_pair_screen")]
pub async fn pair_screen(window_id: String) -> Result<(), ServerFnError> {
    use super::context::{db, internal, now};
    use crate::domain::accounts::{Need, Role};
    use crate::store::queue as store;
    let who = super::session::require(Need::Role(Role::CentreAdmin, None)).await?.ok_or_else(|| crate::api::context::sign_in_first())?;
    let db = db()?;
    let w = store::window(&db, &window_id).await.map_err(internal)?.filter(|w| w.kind == crate::domain::points::CounterKind::Window && w.in_service());
    let Some(w) = w else {
        leptos_axum::redirect("/admin/screens");
        return Ok(());
    };
    let token = store::pair_device(&db, &w.id, &who.account_id, now()?.timestamp()).await.map_err(internal)?;
    super::context::set_response_cookie(ssr::DEVICE_COOKIE, &token, 10 * 365 * 24 * 3600, true);
    // The hall's display must never hold an administrator's session: it ends here, in the same step.
    super::session::sign_out().await?;
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
    pub flash: super::accounts::Flash,
}

/// `/admin/screens`: every window's screen address and its registered devices. Centre administrator only.
#[server]
pub async fn screens_admin() -> Result<ScreensPage, ServerFnError> {
    use super::context::{db, internal};
    use crate::domain::accounts::{Need, Role};
    use crate::store::queue as store;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let points: std::collections::HashMap<String, String> =
        crate::store::points::all(&db).await.map_err(internal)?.into_iter().map(|p| (p.id, p.name)).collect();
    let devices = store::screen_devices(&db).await.map_err(internal)?;
    let windows = store::all_windows(&db)
        .await
        .map_err(internal)?
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
    let flash = super::session::take_flash("screens").await?.unwrap_or_else(|| super::accounts::Flash::new("screens"));
    Ok(ScreensPage { windows, flash })
}

/// Revokes a registered screen device (lost, stolen or replaced). Centre administrator only.
#[server(endpoint = "queue_unpair_screen")]
pub async fn unpair_screen(device: String) -> Result<(), ServerFnError> {
    use super::context::{db, internal};
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let done = if crate::store::queue::unpair_device(&db()?, &device).await.map_err(internal)? {
        "已撤销该设备的登记，它将显示“此设备未登记”。"
    } else {
        "该设备已不在登记列表中。"
    };
    super::session::fail_back(&super::accounts::Flash::new("screens").with_value("done", done), "/admin/screens").await
}

#[cfg(test)]
mod tests {
    use super::booking_code_from;

    #[test]
    fn scanner_input_gives_the_code() {
        assert_eq!(booking_code_from(" AB12CD "), "AB12CD");
        assert_eq!(booking_code_from("https://hall.example/bookings/AB12CD"), "AB12CD");
        assert_eq!(booking_code_from("http://127.0.0.1:3000/bookings/AB12CD/?x=1"), "AB12CD");
        assert_eq!(booking_code_from(""), "");
    }
}
