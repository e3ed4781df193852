//! The windows and check-in desks of each service point, for the centre administrator: the page, adding or editing
//! one (with the departments a window serves), and taking one out of service or back.

use crate::domain::form::Flash;
use crate::domain::points::page::{windows_href, WindowsPage};
use crate::store::Db;

/// What a form post on the page comes to: the message to show (done, or the problems with what was typed) and the
/// page to show it on.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer {
    pub flash: Flash,
    pub to: String,
}

/// The page for `point` (else the first), with the counter being edited, if any.
pub async fn windows_page(db: &Db, point: Option<String>, edit: Option<String>, flash: Flash) -> Result<WindowsPage, sqlx::Error> {
    use crate::store::queue as store;
    let points = crate::service::points::with_windows(db).await?;
    let (point_id, point_name) = point
        .and_then(|p| points.iter().find(|(id, _)| *id == p).cloned())
        .or_else(|| points.first().cloned())
        .unwrap_or_default();
    let counters = store::counters_at(db, &point_id).await?;
    let editing = edit.and_then(|e| counters.iter().find(|c| c.id == e).cloned());
    let departments =
        crate::store::catalogue::departments(db).await?.into_iter().map(|d| (d.code, d.name)).collect();
    Ok(WindowsPage { points, point_id, point_name, counters, departments, editing, flash })
}

/// A window or desk as typed on the form; `id` empty adds one. `departments`: the ticked departments it serves.
#[derive(Clone, Debug, Default)]
pub struct CounterTyped {
    pub point_id: String,
    pub id: Option<String>,
    pub kind: Option<String>,
    pub number: String,
    pub name: String,
    pub departments: Vec<String>,
}

/// Adds or edits a window or desk.
pub async fn save_counter(db: &Db, t: &CounterTyped) -> Result<Answer, sqlx::Error> {
    use crate::domain::points::{counter_problems, CounterKind};
    use crate::store::queue::{self as store, CounterInput, CounterRefusal};
    let point_id = t.point_id.as_str();
    let id = t.id.clone().filter(|i| !i.is_empty());
    let (number_typed, name_typed) = (t.number.clone(), t.name.clone());
    let kind = t.kind.clone();
    let known: Vec<String> = crate::store::catalogue::departments(db).await?.into_iter().map(|d| d.code).collect();
    let departments: Vec<String> = t.departments.iter().filter(|d| known.contains(d)).cloned().collect();
    let existing = match &id {
        Some(i) => store::window(db, i).await?.filter(|w| w.point_id == point_id),
        None => None,
    };
    let back = windows_href(point_id, id.as_deref());
    let mut flash = Flash::new("windows")
        .with_value("number", &number_typed)
        .with_value("name", &name_typed)
        .with_value("departments", &departments.join(","))
        .with_value("kind", kind.as_deref().unwrap_or_default());
    if id.is_some() && existing.is_none() {
        return Ok(Answer { flash: flash.with_error("name", "该窗口或签到台不存在"), to: windows_href(point_id, None).to_string() });
    }
    let point_ok = crate::store::points::get(db, point_id)
        .await
        ?
        .is_some_and(|p| p.kind != crate::domain::catalogue::PointKind::Village);
    if !point_ok {
        return Ok(Answer { flash: flash.with_error("name", "请选择服务点"), to: "/admin/windows".to_string() });
    }
    let kind = match &existing {
        Some(w) => Some(w.kind),
        None => kind.as_deref().and_then(CounterKind::parse),
    };
    let Some(kind) = kind else {
        return Ok(Answer { flash: flash.with_error("kind", "请选择类型：窗口或签到台"), to: back.to_string() });
    };
    for (field, message) in counter_problems(kind, &number_typed, &name_typed, &departments) {
        flash = flash.with_error(field, message);
    }
    if !flash.errors.is_empty() {
        return Ok(Answer { flash, to: back.to_string() });
    }
    let input = CounterInput {
        id: id.as_deref(),
        point_id,
        kind,
        number: number_typed.trim().parse().unwrap_or(0),
        name: name_typed.trim(),
        departments: &departments,
    };
    match store::save_counter(db, input).await? {
        Ok(saved) => {
            let done = format!("已保存 {saved}。");
            Ok(Answer { flash: Flash::new("windows").with_value("done", &done), to: windows_href(point_id, None).to_string() })
        }
        Err(CounterRefusal::NumberTaken) => {
            let message = format!("本服务点已有在用的{}，请换一个编号", kind.numbered(input_number(&number_typed)));
            Ok(Answer { flash: flash.with_error("number", message), to: back.to_string() })
        }
        Err(CounterRefusal::NotFound) => {
            Ok(Answer { flash: flash.with_error("name", "该窗口或签到台不存在"), to: windows_href(point_id, None).to_string() })
        }
        Err(CounterRefusal::Conflict) => {
            Ok(Answer { flash: flash.with_error("name", "其他管理员刚刚添加了窗口或签到台，请再保存一次"), to: back.to_string() })
        }
    }
}

fn input_number(typed: &str) -> i64 {
    typed.trim().parse().unwrap_or(0)
}

/// Takes a window or desk out of service (`retire` = "1") or back into service. Its id stays: placards and
/// paired screens keep working when it returns.
pub async fn retire(db: &Db, id: &str, retire: bool, now: i64) -> Result<Answer, sqlx::Error> {
    use crate::store::queue as store;
    let Some(w) = store::window(db, id).await? else {
        return Ok(Answer { flash: Flash::new("windows").with_error("name", "该窗口或签到台不存在"), to: "/admin/windows".to_string() });
    };
    let at = retire.then_some(now);
    let back = windows_href(&w.point_id, None);
    match store::set_retired(db, &w.id, at).await? {
        Ok(()) => {
            let done = if at.is_some() { format!("{}（{}）已停用。", w.label(), w.id) } else { format!("{}（{}）已恢复使用。", w.label(), w.id) };
            Ok(Answer { flash: Flash::new("windows").with_value("done", &done), to: back.to_string() })
        }
        Err(_) => {
            let m = format!("不能恢复{}（{}）：本服务点已有在用的{}，请先修改其中一个的编号", w.label(), w.id, w.kind.numbered(w.number));
            Ok(Answer { flash: Flash::new("windows").with_error("number", m), to: back.to_string() })
        }
    }
}
