//! `/admin/windows`: the centre administrator adds, edits, retires and restores the windows and check-in desks of
//! each service point, with the departments each window serves. Centre administrator only.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::domain::form::Flash;
use leptos::prelude::*;

pub use crate::domain::points::page::{windows_href, WindowsPage};

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await
}

#[server]
pub async fn windows_admin(point: Option<String>, edit: Option<String>) -> Result<WindowsPage, AppError> {
    admin().await?;
    let flash = super::session::take_flash("windows").await?.unwrap_or_else(|| Flash::new("windows"));
    Ok(crate::service::windows::windows_page(&super::context::db()?, point, edit, flash).await?)
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
    admin().await?;
    let typed = crate::service::windows::CounterTyped {
        point_id,
        id,
        kind,
        number: number.unwrap_or_default(),
        name: name.unwrap_or_default(),
        departments: departments.unwrap_or_default(),
    };
    let a = crate::service::windows::save_counter(&super::context::db()?, &typed).await?;
    super::session::fail_back(&a.flash, &a.to).await
}

/// Takes a window or desk out of service (`retire` = "1") or back into service. Its id stays: placards and
/// paired screens keep working when it returns.
#[server(endpoint = "admin_retire_window")]
pub async fn retire_window(id: String, retire: String) -> Result<(), AppError> {
    admin().await?;
    let now = super::context::now()?.timestamp();
    let a = crate::service::windows::retire(&super::context::db()?, &id, retire == "1", now).await?;
    super::session::fail_back(&a.flash, &a.to).await
}
