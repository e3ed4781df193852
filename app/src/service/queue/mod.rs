//! The queue as workflows: check-in at the desk and walk-in tickets, the window's calls and actions, and what the
//! ticket page and the window screen show live.

mod desk;
mod view;
mod window;

pub use desk::{check_in, take_ticket};
pub use view::{checkin_desk, console, pair, screen, screens, ticket, unpair};
pub use window::{act, call_next, sign_on};

use crate::domain::queue::{ScreenLive, TicketLive, TicketState};
use crate::domain::accounts::{Identity, Role};
use crate::store::queue as store;
use crate::store::Db;

/// The cookie that marks a browser as a window's registered screen.
pub const DEVICE_COOKIE: &str = "palm_device";

/// The civil date (Asia/Shanghai) of an instant: the queues' day.
pub fn day_of(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::calendar::civil(t).date().format("%Y-%m-%d").to_string()
}

/// Whether `who` may sign on at a window: it is at their point and they serve every department it serves.
pub fn may_staff(who: &Identity, w: &store::WindowRow) -> bool {
    w.in_service() && !w.departments.is_empty() && w.departments.iter().all(|d| who.works_at(&w.point_id, Some(d)))
}

/// A clerk signed on to a window they may no longer staff (a grant revoked, the window's departments changed
/// or the window retired) is signed off, and the request refused.
pub async fn still_may_staff(db: &Db, who: &Identity, w: &store::WindowRow) -> Result<bool, sqlx::Error> {
    if may_staff(who, w) {
        return Ok(true);
    }
    store::sign_off(db, &who.account_id).await?;
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

/// What a ticket's page shows live.
pub async fn ticket_live(db: &Db, t: &store::Ticket) -> Result<TicketLive, sqlx::Error> {
    let window_number = match (&t.window_id, t.state) {
        (Some(w), TicketState::Called | TicketState::Served | TicketState::Skipped) => {
            store::window(db, w).await?.map(|w| w.number)
        }
        _ => None,
    };
    Ok(TicketLive { number: t.number.clone(), state: t.state, ahead: store::ahead(db, t).await?, window_number })
}

/// What a window screen shows live at `now`: the number served, how many wait, and the rating QR code of the
/// token's current slot.
pub async fn screen_live(st: &crate::service::AppState, w: &store::WindowRow, now: chrono::DateTime<chrono::Utc>) -> Result<ScreenLive, sqlx::Error> {
    let current = store::current_at(&st.db, &w.id).await?;
    let waiting = store::waiting_for(&st.db, w, &day_of(now)).await?.len();
    let qr = crate::service::rating::screen_qr(st, &w.id, now.timestamp());
    Ok(ScreenLive { window_number: w.number, serving: current.map(|t| (t.number, t.calls)), waiting, qr: Some(qr) })
}

/// The window the person asking is signed on to today.
pub async fn signed_on_window(db: &Db, who: &Identity, day: &str) -> Result<Option<store::WindowRow>, sqlx::Error> {
    let Some(id) = store::my_window(db, &who.account_id, day).await? else { return Ok(None) };
    store::window(db, &id).await
}

/// After tickets moved in a queue: everyone who left a number and now has three or fewer ahead is told by SMS,
/// once (walk-in tickets have no account, so no in-app notice). Returns how many were told.
pub async fn after_move(db: &Db, point_id: &str, department: &str, day: &str, now: i64) -> Result<u32, sqlx::Error> {
    use crate::domain::queue::{ahead_sms, ahead_sms_due};
    let mut all = Vec::new();
    for d in store::shared_departments(db, point_id, department).await? {
        all.extend(store::waiting(db, point_id, &d, day).await?);
    }
    let point_name = store::point_name(db, point_id).await?.unwrap_or_default();
    let mut sent = 0;
    for t in all.iter().filter(|t| t.ahead_sms_at.is_none()) {
        let Some(phone) = t.phone.as_deref() else { continue };
        let n = store::ahead(db, t).await?;
        if ahead_sms_due(n, false) && store::claim_ahead_sms(db, &t.id, phone, &ahead_sms(&t.number, &point_name, n), now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

