//! Online filing's server functions (issue 16): who is asking → one `service::filing` call → data or redirect.
//! Every one needs a signed-in person, and a draft or case is only ever its owner's.

use crate::domain::form::keep::Kept;
use crate::domain::form::page::{ApplicationView, CaseLine, DraftLine, StartView};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Streaming;
use std::collections::BTreeMap;

pub use crate::api::upload::UploadBody;

#[cfg(feature = "ssr")]
async fn citizen() -> Result<crate::domain::accounts::Identity, AppError> {
    crate::api::session::require(crate::domain::accounts::Need::SignedIn).await
}

/// The items that can be filed online with a form of their own, (code, name): `/apply`. Anyone may look.
#[server(endpoint = "online_items")]
pub async fn online_items() -> Result<Vec<(String, String)>, AppError> {
    crate::service::filing::online_items(&crate::api::context::db()?).await
}

/// The start page of an application for `item`: what it asks for, and the asker's drafts of it.
#[server(endpoint = "apply_start")]
pub async fn apply_start(item: String) -> Result<StartView, AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let limit = crate::api::context::state()?.filing.max_upload_bytes;
    crate::service::filing::start_page(&db()?, &who, &item, limit, now()?.timestamp()).await
}

/// Starts an application for `item` and opens its task list: for the asker, or (`filer` = a USCC) as one of their
/// verified enterprises.
#[server(endpoint = "start_application")]
pub async fn start_application(item: String, key: Option<String>, filer: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    use crate::service::filing::For;
    let who = citizen().await?;
    let whom = match filer.filter(|f| !f.is_empty() && f != "self") {
        Some(uscc) => For::Enterprise(uscc),
        None => For::Myself,
    };
    let d = crate::service::filing::start_for(&db()?, &who, &item, key.as_deref(), whom, now()?.timestamp()).await?;
    leptos_axum::redirect(&format!("/apply/d/{}", d.id));
    Ok(())
}

/// An application in progress: its form, answers and task list (and the last failed post of its pages).
#[server(endpoint = "application")]
pub async fn application(id: String) -> Result<ApplicationView, AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let flash = crate::api::session::take_flash_prefixed("apply:").await?.unwrap_or_default();
    let towns = crate::api::context::zones().await?.town_options();
    let f = &crate::api::context::state()?.filing;
    match crate::service::filing::application(&db()?, &who, &id, flash, towns, (f.max_upload_bytes, f.downscale), now()?.timestamp()).await? {
        crate::service::filing::Opened::Draft(view) => Ok(*view),
        crate::service::filing::Opened::Submitted(number) => {
            crate::api::context::redirect_found(&format!("/cases/{number}"));
            Err(AppError::NotFound(crate::i18n::t(crate::i18n::Key::DraftNotFound).into()))
        }
    }
}

/// Keeps one section's answers (every input of the section page, by name) and goes back to the task list, or to
/// the check-answers page when it came from there; problems come back to the section page. `add_row` (a group's
/// 再添加一位 button) keeps the answers and comes back to the section with a blank row.
#[server(endpoint = "save_application_section")]
pub async fn save_section(
    id: String,
    section: String,
    back_to_check: Option<String>,
    add_row: Option<String>,
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let saved = crate::service::filing::save_posted(&db()?, &who, &id, &section, &posted, now()?.timestamp()).await;
    if add_row.is_some() {
        // Kept whatever it is; the page comes back with the answered rows and a blank one, and no errors yet.
        saved.map(|_| ()).or_else(|e| if matches!(e, AppError::Invalid(_)) { Ok(()) } else { Err(e) })?;
        let back = if back_to_check.is_some() { "?from=check" } else { "" };
        leptos_axum::redirect(&format!("/apply/d/{id}/s/{section}{back}"));
        return Ok(());
    }
    after_save(saved, &id, back_to_check.is_some(), &format!("s/{section}")).await
}

/// Keeps what is typed on a section page as it is typed: the drafts island's sync (issue 17), called from the
/// browser with the page's inputs by name. Unchecked (the 继续 and the submit check), no redirect; the answer says
/// whether the browser's copy or a newer one from elsewhere now stands.
#[server(endpoint = "keep_application_section")]
pub async fn keep_section(
    id: String,
    section: String,
    sync_base: i64,
    sync_edited: i64,
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<Kept, AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    crate::service::filing::keep_typed(&db()?, &who, &id, &section, &posted, sync_base, sync_edited, now()?.timestamp()).await
}

/// Where a page's 继续 goes: on to the task list, or back to check answers when it came from there; or back to the
/// page (`/apply/d/{id}/{page}`) with its problems.
#[cfg(feature = "ssr")]
async fn after_save<T>(saved: Result<T, AppError>, id: &str, back_to_check: bool, page: &str) -> Result<(), AppError> {
    // A file goes back to the list of materials; a section or the delivery to the task list.
    let next = if page.starts_with("m/") { "/materials" } else { "" };
    match saved {
        Ok(_) if back_to_check => leptos_axum::redirect(&format!("/apply/d/{id}/check")),
        Ok(_) => leptos_axum::redirect(&format!("/apply/d/{id}{next}")),
        Err(AppError::Invalid(flash)) => {
            let back = if back_to_check { "?from=check" } else { "" };
            return crate::api::session::fail_back(&flash, &format!("/apply/d/{id}/{page}{back}")).await;
        }
        Err(e) => return Err(e),
    }
    Ok(())
}

/// Keeps how the result is to be received (the delivery page's inputs, by name) and goes back to the task list or
/// to check answers; problems come back to the delivery page with what was typed.
#[server(endpoint = "save_application_delivery")]
pub async fn save_delivery(
    id: String,
    back_to_check: Option<String>,
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    let who = citizen().await?;
    let saved = crate::service::filing::save_delivery_posted(&db()?, &who, &id, &posted, now()?.timestamp()).await;
    after_save(saved, &id, back_to_check.is_some(), "delivery").await
}

/// A material's file (multipart: `id`, `material`, `back_to_check` if 修改 led here, then `file`), streamed into
/// the file store. Works without JavaScript: back to the material's page, with the problem when it was refused.
#[server(endpoint = "upload_material", input = Streaming)]
pub async fn upload_material(data: UploadBody) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = citizen().await?;
    let st = state()?;
    let Some(mut parts) = crate::api::upload::material_parts(data, st.filing.max_upload_bytes) else {
        return Err(AppError::NotFound(crate::i18n::t(crate::i18n::Key::DraftNotFound).into()));
    };
    let (fields, file) = crate::api::upload::fields_then_file(&mut parts).await;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let (id, material, back_to_check) = (get("id"), get("material"), fields.contains_key("back_to_check"));
    let page = format!("m/{material}");
    let saved = match file {
        Some(mut field) => {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let saved = crate::service::filing::upload(&st.db, &st.filing, &who, &id, &material, &file_name, &mut field, now()?.timestamp()).await;
            // The rest of a refused file is read and dropped, so the browser gets the page, not a reset.
            while let Ok(Some(_)) = field.chunk().await {}
            saved
        }
        // No file part at all (a form without the file input): the page says to choose one.
        None => crate::service::filing::upload(&st.db, &st.filing, &who, &id, &material, "", futures::stream::empty::<Result<leptos::server_fn::Bytes, AppError>>(), now()?.timestamp()).await,
    };
    after_save(saved, &id, back_to_check, &page).await
}

crate::streamed_args!(UploadMaterial);

/// Removes the file of one material and goes back to the material's page.
#[server(endpoint = "remove_material")]
pub async fn remove_material(id: String, material: String) -> Result<(), AppError> {
    let who = citizen().await?;
    let st = crate::api::context::state()?;
    crate::service::filing::remove_upload(&st.db, &st.filing.files, &who, &id, &material, crate::api::context::now()?.timestamp()).await?;
    leptos_axum::redirect(&format!("/apply/d/{id}/m/{material}"));
    Ok(())
}

/// An uploaded file for `GET /files/{id}` (not a server function: the route streams the bytes): the asker must be
/// its applicant, or staff of the case's department (the read is recorded).
#[cfg(feature = "ssr")]
pub async fn open_file(
    id: &str,
    thumbnail: bool,
) -> Result<(crate::store::filing::UploadRow, futures::stream::BoxStream<'static, Result<leptos::server_fn::Bytes, object_store::Error>>), AppError> {
    use crate::api::context::{now, state};
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let st = state()?;
    crate::service::filing::open_upload(&st.db, &st.filing, &who, id, thumbnail, now()?.timestamp()).await
}

/// Deletes one of the asker's drafts.
#[server(endpoint = "delete_draft")]
pub async fn delete_draft(id: String) -> Result<(), AppError> {
    let who = citizen().await?;
    let st = crate::api::context::state()?;
    crate::service::filing::delete(&st.db, &st.filing.files, &who, &id).await?;
    leptos_axum::redirect("/drafts");
    Ok(())
}

/// Submits the application once per key; every retry lands on the same case's confirmation.
#[server(endpoint = "submit_application")]
pub async fn submit_application(id: String, key: String) -> Result<(), AppError> {
    use crate::api::context::now;
    let who = citizen().await?;
    let st = crate::api::context::state()?;
    match crate::service::filing::submit_case(&st, &who, &id, &key, now()?.timestamp()).await {
        // A case filed at the counter is the walk-in's: the clerk goes on to it in the staff console.
        Ok((number, true)) => leptos_axum::redirect(&format!("/staff/cases/{number}")),
        Ok((number, false)) => leptos_axum::redirect(&format!("/cases/{number}")),
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
    crate::service::cases::mine(&crate::api::context::state()?, &who, crate::api::context::now()?.timestamp()).await
}

/// One of the asker's cases: its number, state and receipt date.
#[server(endpoint = "my_case")]
pub async fn my_case(number: String) -> Result<CaseLine, AppError> {
    let who = citizen().await?;
    crate::service::filing::my_case(&crate::api::context::db()?, &who, &number).await
}
