//! Staff administration for the centre administrator: the staff page (accounts, grants in words, locks, the audit
//! of staff reads), creating a staff account with its first grant, and granting a role with its scope.

use crate::domain::accounts::page::{AdminOverview, StaffLine};
use crate::domain::accounts::{Grant, Role};
use crate::domain::form::Flash;
use crate::error::AppError;
use crate::store::Db;

/// The staff page at `now`, with the last failed form's `flash`.
pub async fn admin_page(db: &Db, flash: Flash, now: chrono::DateTime<chrono::Utc>) -> Result<AdminOverview, sqlx::Error> {
    use crate::domain::accounts::Role;
    use crate::domain::calendar::{china_offset, civil};
    use chrono::Datelike;
    let t = now;
    let departments: Vec<(String, String)> = crate::store::catalogue::departments(db)
        .await
        ?
        .into_iter()
        .map(|d| (d.code, d.name))
        .collect();
    let points = crate::service::points::with_windows(db).await?;
    let name_of = |list: &[(String, String)], code: &str| list.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone());
    let scope_words = |g: &Grant| match (g.role, crate::domain::accounts::staff_scope_parts(&g.scope)) {
        (Role::WindowStaff, Some((p, d))) => format!(
            "{} · {}",
            name_of(&points, p).unwrap_or_else(|| p.to_string()),
            if d == crate::domain::accounts::ALL_DEPARTMENTS { "全部部门".to_string() } else { name_of(&departments, d).unwrap_or_else(|| d.to_string()) }
        ),
        _ => name_of(&departments, &g.scope).unwrap_or_else(|| g.scope.clone()),
    };
    let staff = crate::store::accounts::staff_accounts(db)
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
    let calendar = crate::store::calendar::load(db).await?;
    let year = civil(t).year();
    let unpublished_years = [year, year + 1].into_iter().filter(|y| !calendar.is_published(*y)).collect();
    let reads = crate::store::audit::recent_reads(db, 50)
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
/// The scope of a new grant from the form: window staff need a point and a department (or all departments
/// there), reviewers a department, the administrator nothing. Err: (field, message).
async fn grant_scope(
    db: &crate::store::Db,
    role: crate::domain::accounts::Role,
    point: &str,
    department: &str,
) -> Result<Result<String, (&'static str, &'static str)>, sqlx::Error> {
    use crate::domain::accounts::{staff_scope, ALL_DEPARTMENTS};
    let known = crate::store::catalogue::department_short(db, department).await?.is_some();
    Ok(match role {
        Role::WindowStaff => {
            if !crate::service::points::with_windows(db).await?.iter().any(|(id, _)| id == point) {
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

/// A new staff account as typed on the form.
#[derive(Clone, Debug, Default)]
pub struct NewStaff {
    pub username: String,
    pub display_name: String,
    pub password: String,
    /// A role's code: window staff, reviewer or centre administrator.
    pub role: String,
    pub point: String,
    pub scope: String,
}

/// Creates a staff account with its first grant; `Ok` with its id. Every problem is `Invalid`, on its field, with
/// what was typed (never the password).
pub async fn create(db: &Db, t: &NewStaff, now: i64) -> Result<String, AppError> {
    use crate::store::accounts::{account_by, add_grant, create_staff, AccountKey};
    let mut flash = Flash::new("admin")
        .with_value("username", &t.username)
        .with_value("display_name", &t.display_name)
        .with_value("role", &t.role)
        .with_value("point", &t.point)
        .with_value("scope", &t.scope);
    let username_ok = (3..=32).contains(&t.username.len())
        && t.username.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-');
    if !username_ok {
        flash = flash.with_error("username", "用户名为3–32位字母、数字或 . _ -");
    } else if account_by(db, AccountKey::Username, &t.username).await?.is_some() {
        flash = flash.with_error("username", "该用户名已被使用，请换一个");
    }
    if t.display_name.is_empty() {
        flash = flash.with_error("display_name", "请输入姓名");
    }
    if let Err(m) = crate::store::passwords::strong_enough(&t.password) {
        flash = flash.with_error("password", m);
    }
    let role = Role::parse(&t.role).filter(|r| matches!(r, Role::WindowStaff | Role::Reviewer | Role::CentreAdmin));
    let grant = match role {
        None => {
            flash = flash.with_error("role", "请选择角色");
            None
        }
        Some(r) => match grant_scope(db, r, &t.point, &t.scope).await? {
            Ok(s) => Some((r, s)),
            Err((field, m)) => {
                flash = flash.with_error(field, m);
                None
            }
        },
    };
    let Some((role, scope)) = grant.filter(|_| flash.errors.is_empty()) else { return Err(AppError::Invalid(flash)) };
    let id = create_staff(db, &t.username, &t.display_name, &crate::store::passwords::hash(&t.password), now).await?;
    add_grant(db, &id, role, &scope).await?;
    Ok(id)
}

/// Grants `role` (a code) to the staff account `account_id` with the scope from the form's point and department.
/// Problems are `Invalid` on that account's row of the form (`grant-role-{id}`, `grant-point-{id}`,
/// `grant-scope-{id}`).
pub async fn grant(db: &Db, account_id: &str, role: &str, point: &str, scope: &str) -> Result<(), AppError> {
    let role = Role::parse(role).filter(|r| matches!(r, Role::WindowStaff | Role::Reviewer | Role::CentreAdmin));
    let refuse = |field: String, m: &str| AppError::Invalid(Flash::new("admin").with_error(&field, m));
    let Some(role) = role else { return Err(refuse(format!("grant-role-{account_id}"), "请选择要添加的角色")) };
    let scope = match grant_scope(db, role, point, scope).await? {
        Ok(s) => s,
        Err((field, m)) => {
            let field = if field == "point" { format!("grant-point-{account_id}") } else { format!("grant-scope-{account_id}") };
            return Err(refuse(field, m));
        }
    };
    let staff = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, account_id)
        .await?
        .filter(|a| a.kind == crate::domain::accounts::AccountKind::Staff);
    if staff.is_none() {
        return Err(refuse(format!("grant-role-{account_id}"), "该工作人员账号不存在"));
    }
    crate::store::accounts::add_grant(db, account_id, role, &scope).await?;
    Ok(())
}

/// Takes the grant of `role` (a code) with `scope` from a staff account; an unknown role is `Refused`.
pub async fn revoke(db: &Db, account_id: &str, role: &str, scope: &str) -> Result<(), AppError> {
    let role = Role::parse(role).ok_or_else(|| AppError::Refused("角色不存在".into()))?;
    crate::store::accounts::remove_grant(db, account_id, role, scope).await?;
    Ok(())
}
