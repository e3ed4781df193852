//! `/admin/windows`: the centre administrator adds, edits, retires and restores the windows and check-in desks of
//! each service point, with the departments each window serves. Centre administrator only.

use crate::error::AppError;
use crate::domain::form::Flash;
use crate::domain::points::Window;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowsPage {
    /// Every point that can have windows (not village stations): (id, name).
    pub points: Vec<(String, String)>,
    pub point_id: String,
    pub point_name: String,
    /// The point's windows and desks, retired ones included.
    pub counters: Vec<Window>,
    /// Every department: (code, name).
    pub departments: Vec<(String, String)>,
    /// The window or desk being edited, if any.
    pub editing: Option<Window>,
    pub flash: Flash,
}

/// The page's address for a point (and a window or desk being edited).
pub fn windows_href(point: &str, edit: Option<&str>) -> String {
    let mut href = format!("/admin/windows?point={}", crate::domain::html::encode_query(point));
    if let Some(e) = edit {
        href.push_str(&format!("&edit={}", crate::domain::html::encode_query(e)));
    }
    href
}

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await
}

#[server]
pub async fn windows_admin(point: Option<String>, edit: Option<String>) -> Result<WindowsPage, AppError> {
    use super::context::db;
    use crate::domain::catalogue::PointKind;
    use crate::store::queue as store;
    admin().await?;
    let db = db()?;
    let points: Vec<(String, String)> = crate::store::points::all(&db)
        .await
        ?
        .into_iter()
        .filter(|p| p.kind != PointKind::Village)
        .map(|p| (p.id, p.name))
        .collect();
    let (point_id, point_name) = point
        .and_then(|p| points.iter().find(|(id, _)| *id == p).cloned())
        .or_else(|| points.first().cloned())
        .unwrap_or_default();
    let counters = store::counters_at(&db, &point_id).await?;
    let editing = edit.and_then(|e| counters.iter().find(|c| c.id == e).cloned());
    let departments =
        crate::store::catalogue::departments(&db).await?.into_iter().map(|d| (d.code, d.name)).collect();
    let flash = super::session::take_flash("windows").await?.unwrap_or_else(|| Flash::new("windows"));
    Ok(WindowsPage { points, point_id, point_name, counters, departments, editing, flash })
}

/// Adds (`id` empty) or edits a window or desk. `departments`: the ticked departments a window serves (the page's
/// checkboxes are named `departments[]`, which the form decoder reads as a list).
#[server(endpoint = "admin_save_window")]
pub async fn save_window(
    point_id: String,
    id: Option<String>,
    kind: Option<String>,
    number: Option<String>,
    name: Option<String>,
    departments: Option<Vec<String>>,
) -> Result<(), AppError> {
    use super::context::db;
    use crate::domain::points::{counter_problems, CounterKind};
    use crate::store::queue::{self as store, CounterInput, CounterRefusal};
    admin().await?;
    let db = db()?;
    let id = id.filter(|i| !i.is_empty());
    let (number_typed, name_typed) = (number.unwrap_or_default(), name.unwrap_or_default());
    let known: Vec<String> = crate::store::catalogue::departments(&db).await?.into_iter().map(|d| d.code).collect();
    let departments: Vec<String> = departments.unwrap_or_default().into_iter().filter(|d| known.contains(d)).collect();
    let existing = match &id {
        Some(i) => store::window(&db, i).await?.filter(|w| w.point_id == point_id),
        None => None,
    };
    let back = windows_href(&point_id, id.as_deref());
    let mut flash = Flash::new("windows")
        .with_value("number", &number_typed)
        .with_value("name", &name_typed)
        .with_value("departments", &departments.join(","))
        .with_value("kind", kind.as_deref().unwrap_or_default());
    if id.is_some() && existing.is_none() {
        return super::session::fail_back(&flash.with_error("name", "该窗口或签到台不存在"), &windows_href(&point_id, None)).await;
    }
    let point_ok = crate::store::points::get(&db, &point_id)
        .await
        ?
        .is_some_and(|p| p.kind != crate::domain::catalogue::PointKind::Village);
    if !point_ok {
        return super::session::fail_back(&flash.with_error("name", "请选择服务点"), "/admin/windows").await;
    }
    let kind = match &existing {
        Some(w) => Some(w.kind),
        None => kind.as_deref().and_then(CounterKind::parse),
    };
    let Some(kind) = kind else {
        return super::session::fail_back(&flash.with_error("kind", "请选择类型：窗口或签到台"), &back).await;
    };
    for (field, message) in counter_problems(kind, &number_typed, &name_typed, &departments) {
        flash = flash.with_error(field, message);
    }
    if !flash.errors.is_empty() {
        return super::session::fail_back(&flash, &back).await;
    }
    let input = CounterInput {
        id: id.as_deref(),
        point_id: &point_id,
        kind,
        number: number_typed.trim().parse().unwrap_or(0),
        name: name_typed.trim(),
        departments: &departments,
    };
    match store::save_counter(&db, input).await? {
        Ok(saved) => {
            let done = format!("已保存 {saved}。");
            super::session::fail_back(&Flash::new("windows").with_value("done", &done), &windows_href(&point_id, None)).await
        }
        Err(CounterRefusal::NumberTaken) => {
            let message = format!("本服务点已有在用的{}，请换一个编号", kind.numbered(input_number(&number_typed)));
            super::session::fail_back(&flash.with_error("number", message), &back).await
        }
        Err(CounterRefusal::NotFound) => {
            super::session::fail_back(&flash.with_error("name", "该窗口或签到台不存在"), &windows_href(&point_id, None)).await
        }
        Err(CounterRefusal::Conflict) => {
            super::session::fail_back(&flash.with_error("name", "其他管理员刚刚添加了窗口或签到台，请再保存一次"), &back).await
        }
    }
}

#[cfg(feature = "ssr")]
fn input_number(typed: &str) -> i64 {
    typed.trim().parse().unwrap_or(0)
}

/// Takes a window or desk out of service (`retire` = "1") or back into service. Its id stays: placards and
/// paired screens keep working when it returns.
#[server(endpoint = "admin_retire_window")]
pub async fn retire_window(id: String, retire: String) -> Result<(), AppError> {
    use super::context::{db, now};
    use crate::store::queue as store;
    admin().await?;
    let db = db()?;
    let Some(w) = store::window(&db, &id).await? else {
        return super::session::fail_back(&Flash::new("windows").with_error("name", "该窗口或签到台不存在"), "/admin/windows").await;
    };
    let at = (retire == "1").then(|| now().map(|t| t.timestamp())).transpose()?;
    let back = windows_href(&w.point_id, None);
    match store::set_retired(&db, &w.id, at).await? {
        Ok(()) => {
            let done = if at.is_some() { format!("{}（{}）已停用。", w.label(), w.id) } else { format!("{}（{}）已恢复使用。", w.label(), w.id) };
            super::session::fail_back(&Flash::new("windows").with_value("done", &done), &back).await
        }
        Err(_) => {
            let m = format!("不能恢复{}（{}）：本服务点已有在用的{}，请先修改其中一个的编号", w.label(), w.id, w.kind.numbered(w.number));
            super::session::fail_back(&Flash::new("windows").with_error("number", m), &back).await
        }
    }
}
