//! Centre administration: staff accounts and their grants. Only the centre administrator.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::domain::form::Flash;
use leptos::prelude::*;

pub use crate::domain::accounts::page::{AdminOverview, StaffLine};

#[server]
pub async fn admin_state() -> Result<AdminOverview, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let flash = super::session::take_flash("admin").await?.unwrap_or_else(|| Flash::new("admin"));
    Ok(crate::service::staff::admin_page(&super::context::db()?, flash, super::context::now()?).await?)
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
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let typed = crate::service::staff::NewStaff {
        username: username.unwrap_or_default().trim().to_string(),
        display_name: display_name.unwrap_or_default().trim().to_string(),
        password: password.unwrap_or_default(),
        role: role.unwrap_or_default(),
        point: point.unwrap_or_default(),
        scope: scope.unwrap_or_default().trim().to_string(),
    };
    match crate::service::staff::create(&super::context::db()?, &typed, super::context::now()?.timestamp()).await {
        Ok(_) => {
            leptos_axum::redirect("/admin");
            Ok(())
        }
        Err(AppError::Invalid(flash)) => super::session::fail_back(&flash, "/admin").await,
        Err(e) => Err(e),
    }
}

#[server(endpoint = "admin_grant")]
pub async fn grant_role(account_id: String, role: String, point: Option<String>, scope: Option<String>) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let (point, scope) = (point.unwrap_or_default(), scope.unwrap_or_default());
    match crate::service::staff::grant(&super::context::db()?, &account_id, &role, &point, &scope).await {
        Ok(()) => {
            leptos_axum::redirect("/admin");
            Ok(())
        }
        Err(AppError::Invalid(flash)) => super::session::fail_back(&flash, "/admin").await,
        Err(e) => Err(e),
    }
}

#[server(endpoint = "admin_revoke")]
pub async fn revoke_grant(account_id: String, role: String, scope: String) -> Result<(), AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    crate::service::staff::revoke(&super::context::db()?, &account_id, &role, &scope).await?;
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
