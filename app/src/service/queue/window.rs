//! A window's work: signing on, calling the next ticket (叫号), and recall, skip, complete or transfer (重呼 / 过号 /
//! 办结 / 转移). Every refusal is `Invalid` with a message for the console's field.

use super::{after_move, day_of, may_staff, signed_on_window, still_may_staff, NO_LONGER};
use crate::domain::accounts::Identity;
use crate::domain::queue::{next_state, CallRefusal, TicketAction};
use crate::error::AppError;
use crate::domain::form::Flash;
use crate::store::queue as store;
use crate::store::Db;
use chrono::{DateTime, Utc};

fn refuse(field: &str, message: impl Into<String>) -> AppError {
    AppError::Invalid(Flash::new("window").with_error(field, message))
}

/// Signs `who` on to a window at their point whose departments they all serve, if nobody else is signed on.
pub async fn sign_on(db: &Db, who: &Identity, window_id: &str, t: DateTime<Utc>) -> Result<(), AppError> {
    let Some(w) = store::window(db, window_id).await? else { return Err(refuse("window_id", "请选择窗口")) };
    if !may_staff(who, &w) {
        return Err(refuse("window_id", "您不能在该窗口签到：它不在您所在的服务点，或办理您未获授权的部门业务"));
    }
    if !store::sign_on(db, &w.id, &who.account_id, &day_of(t), t.timestamp()).await? {
        return Err(refuse("window_id", "该窗口已有工作人员签到"));
    }
    Ok(())
}

/// The window `who` is signed on to today, if they may still staff it (else they are signed off).
async fn my_window(db: &Db, who: &Identity, day: &str, not_signed_on: String) -> Result<store::WindowRow, AppError> {
    let Some(w) = signed_on_window(db, who, day).await? else { return Err(refuse("call", not_signed_on)) };
    if !still_may_staff(db, who, &w).await? {
        return Err(refuse("call", NO_LONGER));
    }
    Ok(w)
}

/// 叫号: the next ticket of the window's queue; those now three ahead are told.
pub async fn call_next(db: &Db, who: &Identity, t: DateTime<Utc>) -> Result<(), AppError> {
    let day = day_of(t);
    let w = my_window(db, who, &day, CallRefusal::NotSignedOn.message().to_string()).await?;
    let state = store::window_state(db, &w.id, &day).await?;
    let busy = store::current_at(db, &w.id).await?.is_some();
    state.may_call(&who.account_id, busy).map_err(|r| refuse("call", r.message()))?;
    match store::call_next(db, &w, &day, t.timestamp()).await? {
        store::Call::Called(ticket) => {
            after_move(db, &w.point_id, &ticket.department_code, &day, t.timestamp()).await?;
            Ok(())
        }
        store::Call::Empty => Err(refuse("call", "当前没有等候的号码")),
        // Another tap or tab called first: the window serves that one.
        store::Call::Busy => Err(refuse("call", CallRefusal::Busy.message())),
    }
}

/// 重呼 / 过号 / 办结 / 转移 (`action`) one of this window's own tickets (called or skipped here); a transfer goes
/// to `target`: another department's queue at the point (`q:GA`) or another window there (`w:ID`).
pub async fn act(st: &crate::service::AppState, who: &Identity, action: &str, ticket_id: &str, target: Option<&str>, t: DateTime<Utc>) -> Result<(), AppError> {
    let db = &st.db;
    let day = day_of(t);
    let w = my_window(db, who, &day, "请先签到窗口".into()).await?;
    let action = match action {
        "recall" => TicketAction::Recall,
        "skip" => TicketAction::Skip,
        "serve" => TicketAction::Serve,
        "transfer" => TicketAction::Transfer,
        _ => return Err(refuse("call", "操作无效")),
    };
    let ticket = store::by_id(db, ticket_id).await?.filter(|tk| tk.window_id.as_deref() == Some(&w.id));
    let Some(ticket) = ticket else { return Err(refuse("call", "该号码不在本窗口")) };
    next_state(ticket.state, action).map_err(|e| refuse("call", e.message()))?;
    let target = if action == TicketAction::Transfer {
        let raw = target.unwrap_or_default();
        let resolved = if let Some(d) = raw.strip_prefix("q:") {
            let known = store::groups(db, &w.point_id).await?.iter().any(|g| g.department_code == d);
            known.then(|| store::Target::Queue(d.to_string()))
        } else if let Some(id) = raw.strip_prefix("w:") {
            store::window(db, id)
                .await?
                .filter(|o| o.point_id == w.point_id && o.id != w.id && o.kind == crate::domain::points::CounterKind::Window && o.in_service())
                .map(store::Target::Window)
        } else {
            None
        };
        Some(resolved.ok_or_else(|| refuse("target", "请选择转往的部门或窗口"))?)
    } else {
        None
    };
    match store::act(db, &ticket, &w.id, action, t.timestamp(), &who.account_id, target.as_ref()).await? {
        store::Acted::Done => {}
        store::Acted::Stale => return Err(refuse("call", "该号码状态已变化，请刷新")),
        store::Acted::Busy => return Err(refuse("call", CallRefusal::Busy.message())),
    }
    if action == TicketAction::Serve {
        // 一次一评: the person is invited to rate this service, once. The ticket is served whatever happens to the
        // message: a failure to queue it is logged, not shown to the clerk as a failed 办结.
        if let Err(e) = crate::service::rating::invite_ticket(st, &ticket, t.timestamp()).await {
            tracing::warn!(error = %e, ticket = %ticket.code, "rating invitation not queued");
        }
    }
    if target.is_some() {
        if let Some(m) = store::by_id(db, &ticket.id).await? {
            after_move(db, &w.point_id, &m.department_code, &day, t.timestamp()).await?;
        }
    }
    Ok(())
}
