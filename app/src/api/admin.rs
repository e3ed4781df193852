//! Centre administration: staff accounts and their grants. Only the centre administrator.

use crate::error::AppError;
use crate::domain::form::Flash;
use crate::domain::accounts::Grant;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffLine {
    pub id: String,
    pub username: String,
    pub display_name: String,
    /// Each grant with its scope in words: "嵩明县政务服务中心 · 县公安局".
    pub grants: Vec<(Grant, String)>,
    /// 已锁定（至 HH:MM） when locked now.
    pub locked: Option<String>,
    pub failed_logins: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub staff: Vec<StaffLine>,
    pub departments: Vec<(String, String)>,
    /// Points with windows (not village stations), for window staff grants.
    pub points: Vec<(String, String)>,
    pub flash: Flash,
    pub unpublished_years: Vec<i32>,
    /// The newest staff reads of personal records: (when, who, what).
    pub reads: Vec<(String, String, String)>,
}

#[server]
pub async fn admin_state() -> Result<AdminOverview, AppError> {
    use super::context::{db, now};
    use crate::domain::accounts::{Need, Role};
    use crate::domain::calendar::{china_offset, civil};
    use chrono::Datelike;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let t = now()?;
    let departments: Vec<(String, String)> = crate::store::catalogue::departments(&db)
        .await
        ?
        .into_iter()
        .map(|d| (d.code, d.name))
        .collect();
    let points = staff_points(&db).await?;
    let name_of = |list: &[(String, String)], code: &str| list.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone());
    let scope_words = |g: &Grant| match (g.role, crate::domain::accounts::staff_scope_parts(&g.scope)) {
        (Role::WindowStaff, Some((p, d))) => format!(
            "{} · {}",
            name_of(&points, p).unwrap_or_else(|| p.to_string()),
            if d == crate::domain::accounts::ALL_DEPARTMENTS { "全部部门".to_string() } else { name_of(&departments, d).unwrap_or_else(|| d.to_string()) }
        ),
        _ => name_of(&departments, &g.scope).unwrap_or_else(|| g.scope.clone()),
    };
    let staff = crate::store::accounts::staff_accounts(&db)
        .await
        ?
        .into_iter()
        .map(|(a, grants)| StaffLine {
            locked: a.locked_until.filter(|u| *u > t.timestamp()).map(|u| {
                let at = chrono::DateTime::from_timestamp(u, 0).unwrap_or_default().with_timezone(&china_offset());
                format!("已锁定（至 {}）", at.format("%H:%M"))
            }),
            id: a.id,
            username: a.username.unwrap_or_default(),
            display_name: a.display_name,
            grants: grants.into_iter().map(|g| { let w = scope_words(&g); (g, w) }).collect(),
            failed_logins: a.failed_logins,
        })
        .collect();
    let calendar = crate::store::calendar::load(&db).await?;
    let year = civil(t).year();
    let unpublished_years = [year, year + 1].into_iter().filter(|y| !calendar.is_published(*y)).collect();
    let flash = super::session::take_flash("admin").await?.unwrap_or_else(|| Flash::new("admin"));
    let reads = crate::store::audit::recent_reads(&db, 50)
        .await
        ?
        .into_iter()
        .map(|r| {
            let at = chrono::DateTime::from_timestamp(r.at, 0).unwrap_or_default().with_timezone(&china_offset());
            let what = match r.what.as_str() {
                "booking" => format!("预约 {}", r.subject),
                other => format!("{other} {}", r.subject),
            };
            (at.format("%Y-%m-%d %H:%M").to_string(), format!("{}（{}）", r.display_name, r.username), what)
        })
        .collect();
    Ok(AdminOverview { staff, departments, points, flash, unpublished_years, reads })
}

/// Points where window staff work: every point but village stations, (id, name).
#[cfg(feature = "ssr")]
async fn staff_points(db: &crate::store::Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    Ok(crate::store::points::all(db)
        .await?
        .into_iter()
        .filter(|p| p.kind != crate::domain::catalogue::PointKind::Village)
        .map(|p| (p.id, p.name))
        .collect())
}

/// The scope of a new grant from the form: window staff need a point and a department (or all departments
/// there), reviewers a department, the administrator nothing. Err: (field, message).
#[cfg(feature = "ssr")]
async fn grant_scope(
    db: &crate::store::Db,
    role: crate::domain::accounts::Role,
    point: &str,
    department: &str,
) -> Result<Result<String, (&'static str, &'static str)>, sqlx::Error> {
    use crate::domain::accounts::{staff_scope, Role, ALL_DEPARTMENTS};
    let known = crate::store::catalogue::department_short(db, department).await?.is_some();
    Ok(match role {
        Role::WindowStaff => {
            if !staff_points(db).await?.iter().any(|(id, _)| id == point) {
                Err(("point", "请选择服务点"))
            } else if !known && department != ALL_DEPARTMENTS {
                Err(("scope", "请选择所属部门"))
            } else {
                Ok(staff_scope(point, department))
            }
        }
        Role::Reviewer if !known => Err(("scope", "请选择所属部门")),
        Role::Reviewer => Ok(department.to_string()),
        _ => Ok(String::new()),
    })
}

#[server(endpoint = "admin_unlock")]
pub async fn unlock_account(account_id: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    crate::store::accounts::clear_lock(&super::context::db()?, &account_id).await?;
    leptos_axum::redirect("/admin");
    Ok(())
}

#[server(endpoint = "admin_create_staff")]
pub async fn create_staff_account(
    username: Option<String>,
    display_name: Option<String>,
    password: Option<String>,
    role: Option<String>,
    point: Option<String>,
    scope: Option<String>,
) -> Result<(), AppError> {
    use super::context::{db, now};
    use crate::domain::accounts::{Need, Role};
    use crate::store::accounts::{account_by, add_grant, create_staff, AccountKey};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let (username, display_name, password) =
        (username.unwrap_or_default().trim().to_string(), display_name.unwrap_or_default().trim().to_string(), password.unwrap_or_default());
    let (role_code, scope) = (role.unwrap_or_default(), scope.unwrap_or_default().trim().to_string());
    let point = point.unwrap_or_default();
    let mut flash = Flash::new("admin")
        .with_value("username", &username)
        .with_value("display_name", &display_name)
        .with_value("role", &role_code)
        .with_value("point", &point)
        .with_value("scope", &scope);
    let db = db()?;
    let username_ok = (3..=32).contains(&username.len())
        && username.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-');
    if !username_ok {
        flash = flash.with_error("username", "用户名为3–32位字母、数字或 . _ -");
    } else if account_by(&db, AccountKey::Username, &username).await?.is_some() {
        flash = flash.with_error("username", "该用户名已被使用，请换一个");
    }
    if display_name.is_empty() {
        flash = flash.with_error("display_name", "请输入姓名");
    }
    if let Err(m) = crate::store::passwords::strong_enough(&password) {
        flash = flash.with_error("password", m);
    }
    let role = Role::parse(&role_code).filter(|r| !matches!(r, Role::Citizen | Role::EnterpriseMember | Role::ProxyAgent));
    let mut grant = None;
    match role {
        None => flash = flash.with_error("role", "请选择角色"),
        Some(r) => match grant_scope(&db, r, &point, &scope).await? {
            Ok(s) => grant = Some((r, s)),
            Err((field, m)) => flash = flash.with_error(field, m),
        },
    }
    if !flash.errors.is_empty() {
        return super::session::fail_back(&flash, "/admin").await;
    }
    let (role, scope) = grant.expect("checked");
    let id = create_staff(&db, &username, &display_name, &crate::store::passwords::hash(&password), now()?.timestamp())
        .await
        ?;
    add_grant(&db, &id, role, &scope).await?;
    leptos_axum::redirect("/admin");
    Ok(())
}

#[server(endpoint = "admin_grant")]
pub async fn grant_role(account_id: String, role: String, point: Option<String>, scope: Option<String>) -> Result<(), AppError> {
    use super::context::db;
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = db()?;
    let scope = scope.unwrap_or_default();
    let role = Role::parse(&role).filter(|r| matches!(r, Role::WindowStaff | Role::Reviewer | Role::CentreAdmin));
    let flash = Flash::new("admin");
    let Some(role) = role else {
        return super::session::fail_back(&flash.with_error(&format!("grant-role-{account_id}"), "请选择要添加的角色"), "/admin").await;
    };
    let scope = match grant_scope(&db, role, &point.unwrap_or_default(), &scope).await? {
        Ok(s) => s,
        Err((field, m)) => {
            let field = if field == "point" { format!("grant-point-{account_id}") } else { format!("grant-scope-{account_id}") };
            return super::session::fail_back(&flash.with_error(&field, m), "/admin").await;
        }
    };
    let staff = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &account_id)
        .await
        ?
        .filter(|a| a.kind == crate::domain::accounts::AccountKind::Staff);
    if staff.is_none() {
        return super::session::fail_back(&flash.with_error(&format!("grant-role-{account_id}"), "该工作人员账号不存在"), "/admin").await;
    }
    crate::store::accounts::add_grant(&db, &account_id, role, &scope).await?;
    leptos_axum::redirect("/admin");
    Ok(())
}

#[server(endpoint = "admin_revoke")]
pub async fn revoke_grant(account_id: String, role: String, scope: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let role = Role::parse(&role).ok_or_else(|| AppError::Refused("角色不存在".into()))?;
    crate::store::accounts::remove_grant(&super::context::db()?, &account_id, role, &scope)
        .await
        ?;
    leptos_axum::redirect("/admin");
    Ok(())
}

/// The staff console's first page: who is signed on and what they may do.
#[server]
pub async fn staff_home() -> Result<super::accounts::Me, AppError> {
    use crate::domain::accounts::{Need, Role};
    let who = super::session::identity().await?;
    let staff = who.as_ref().is_some_and(|w| {
        w.grants.iter().any(|g| matches!(g.role, Role::WindowStaff | Role::Reviewer | Role::CentreAdmin))
    });
    if !staff {
        super::session::require(Need::Role(Role::WindowStaff, None)).await?;
    }
    super::accounts::whoami().await?.ok_or(AppError::SignInRequired)
}
