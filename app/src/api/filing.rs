//! Online filing's server functions (issue 16): who is asking → one `service::filing` call → data or redirect.
//! Every one needs a signed-in person, and a draft or case is only ever its owner's.

use crate::domain::form::page::{ApplicationView, CaseLine, DraftLine};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
async fn citizen() -> Result<crate::domain::accounts::Identity, AppError> {
    crate::api::session::require(crate::domain::accounts::Need::SignedIn).await
}

/// Starts an application for `item` and opens its task list.
#[server(endpoint = "start_application")]
pub async fn start_application(item: String) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let d = crate::service::filing::start(&db()?, &who, &item, now()?.timestamp()).await?;
    leptos_axum::redirect(&format!("/apply/d/{}", d.id));
    Ok(())
}

/// An application in progress: its form, answers and task list (and the last failed post of its pages).
#[server(endpoint = "application")]
pub async fn application(id: String) -> Result<ApplicationView, AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let flash = crate::api::session::take_flash_prefixed("apply:").await?.unwrap_or_default();
    crate::service::filing::application(&db()?, &who, &id, flash, now()?.timestamp()).await
}

/// Keeps one section's answers (every input of the section page, by name) and goes back to the task list, or to
/// the check-answers page when it came from there; problems come back to the section page.
#[server(endpoint = "save_application_section")]
pub async fn save_section(
    id: String,
    section: String,
    back_to_check: Option<String>,
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    match crate::service::filing::save_posted(&db()?, &who, &id, &section, &posted, now()?.timestamp()).await {
        Ok(_) if back_to_check.is_some() => leptos_axum::redirect(&format!("/apply/d/{id}/check")),
        Ok(_) => leptos_axum::redirect(&format!("/apply/d/{id}")),
        Err(AppError::Invalid(flash)) => return crate::api::session::fail_back(&flash, &format!("/apply/d/{id}/s/{section}")).await,
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Deletes one of the asker's drafts.
#[server(endpoint = "delete_draft")]
pub async fn delete_draft(id: String) -> Result<(), AppError> {
    let who = citizen().await?;
    crate::service::filing::delete(&crate::api::context::db()?, &who, &id).await?;
    leptos_axum::redirect("/drafts");
    Ok(())
}

/// Submits the application once per key; every retry lands on the same case's confirmation.
#[server(endpoint = "submit_application")]
pub async fn submit_application(id: String, key: String) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let cut_off = chrono::NaiveTime::from_hms_opt(crate::domain::cases::DEFAULT_CUT_OFF.0, crate::domain::cases::DEFAULT_CUT_OFF.1, 0).unwrap_or_default();
    match crate::service::filing::submit(&db()?, &who, &id, &key, cut_off, now()?.timestamp()).await {
        Ok(number) => leptos_axum::redirect(&format!("/cases/{number}")),
        Err(AppError::Invalid(flash)) => return crate::api::session::fail_back(&flash, &format!("/apply/d/{id}/check")).await,
        Err(e) => return Err(e),
    }
    Ok(())
}

/// 我的草稿.
#[server(endpoint = "my_drafts")]
pub async fn my_drafts() -> Result<Vec<DraftLine>, AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    crate::service::filing::my_drafts(&db()?, &who, now()?.timestamp()).await
}

/// 我的办件.
#[server(endpoint = "my_cases")]
pub async fn my_cases() -> Result<Vec<CaseLine>, AppError> {
    let who = citizen().await?;
    crate::service::filing::my_cases(&crate::api::context::db()?, &who).await
}

/// One of the asker's cases: its number, state and receipt date.
#[server(endpoint = "my_case")]
pub async fn my_case(number: String) -> Result<CaseLine, AppError> {
    let who = citizen().await?;
    crate::service::filing::my_case(&crate::api::context::db()?, &who, &number).await
}
