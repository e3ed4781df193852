//! Case processing's server functions (issue 18): who is asking → one `service::cases` call → data or redirect.
//! The applicant's tracking and corrections need them signed in (or, to read the steps, the signed link or a passed
//! lookup); the staff console needs a staff grant, and the service checks each case against it.

use crate::domain::cases::page::{IntakeView, StaffCaseView, TrackView};
use crate::domain::form::Flash;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

pub use crate::api::upload::UploadBody;

/// The cookie a passed lookup leaves: `{case number}.{signature}`, for an hour.
#[cfg(feature = "ssr")]
const TRACK_COOKIE: &str = "palm_track";

/// Anyone with a staff grant (window staff, reviewer, administrator).
#[cfg(feature = "ssr")]
async fn staff() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    let who = crate::api::session::require(Need::SignedIn).await?;
    if [Role::WindowStaff, Role::Reviewer, Role::CentreAdmin].into_iter().any(|r| who.has(r, None)) {
        Ok(who)
    } else {
        Err(AppError::Forbidden(crate::i18n::t(crate::i18n::Key::NoPermission).into()))
    }
}

/// `/track/{number}`: the applicant's own view, or the steps without personal data for the holder of the signed
/// link (`s`) or of a passed lookup. Anyone else is sent to sign in, or to the lookup when signed in as someone else.
#[server(endpoint = "track_case")]
pub async fn track_case(number: String, s: Option<String>) -> Result<TrackView, AppError> {
    use crate::api::context::{now, request_cookie, state};
    let st = state()?;
    let who = crate::api::session::identity().await?;
    use crate::domain::cases::page::Viewer;
    // The SMS's signed link shows what the applicant is told; a passed lookup (its cookie) the steps only.
    let passed = request_cookie(TRACK_COOKIE).and_then(|c| c.split_once('.').map(|(n, sig)| (n.to_string(), sig.to_string())));
    let granted = if s.as_deref().is_some_and(|sig| crate::service::cases::signed(&st, &number, sig)) {
        Some(Viewer::Link)
    } else if passed.is_some_and(|(n, sig)| n == number && crate::service::cases::signed(&st, &n, &sig)) {
        Some(Viewer::Public)
    } else {
        None
    };
    let flash = crate::api::session::take_flash(&crate::service::cases::supply_form(&number)).await?.unwrap_or_default();
    let towns = crate::api::context::zones().await?.town_options();
    match crate::service::cases::track(&st, who.as_ref(), &number, granted, flash, &towns, now()?.timestamp()).await {
        Err(AppError::NotFound(_)) if who.is_none() => Err(AppError::SignInRequired),
        other => other,
    }
}

/// `/track`: the lookup form's last failed try, if any.
#[server(endpoint = "track_lookup_page")]
pub async fn track_lookup_page() -> Result<Flash, AppError> {
    Ok(crate::api::session::take_flash("track:lookup").await?.unwrap_or_default())
}

/// Looks a case up by its number and the last four characters of the applicant's mobile, ID number or USCC,
/// without signing in (rate-limited per address and per case number). Passed: on to the case's steps.
#[server(endpoint = "track_lookup")]
pub async fn track_lookup(number: Option<String>, digits: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let st = state()?;
    let address = crate::api::session::client_address();
    let (typed, digits) = (number.unwrap_or_default(), digits.unwrap_or_default());
    match crate::service::cases::lookup(&st, &address, &typed, &digits, now()?.timestamp()).await {
        Ok(number) => {
            let value = format!("{number}.{}", crate::service::cases::signature(&st.secret, &number));
            crate::api::context::set_response_cookie(TRACK_COOKIE, &value, 3600, true);
            leptos_axum::redirect(&format!("/track/{number}"));
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, "/track").await,
        Err(AppError::Refused(message)) => {
            let flash = Flash::new("track:lookup").with_value("number", &typed).with_error("number", message);
            crate::api::session::fail_back(&flash, "/track").await
        }
        Err(e) => Err(e),
    }
}

/// A file the applicant supplies for a correction or a deferred material (multipart: `number`, `material`, then
/// `file`). Works without JavaScript: back to the tracking page, with the problem when it was refused.
#[server(endpoint = "supply_material", input = leptos::server_fn::codec::Streaming)]
pub async fn supply_material(data: UploadBody) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let st = state()?;
    let Some(mut parts) = crate::api::upload::material_parts(data, st.filing.max_upload_bytes) else {
        return Err(AppError::NotFound(crate::i18n::t(crate::i18n::Key::CaseNotFound).into()));
    };
    let (fields, file) = crate::api::upload::fields_then_file(&mut parts).await;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let (number, material) = (get("number"), get("material"));
    let saved = match file {
        Some(mut field) => {
            let name = field.file_name().unwrap_or_default().to_string();
            let saved = crate::service::cases::supply_file(&st, &who, &number, &material, &name, &mut field, now()?.timestamp()).await;
            while let Ok(Some(_)) = field.chunk().await {}
            saved
        }
        None => crate::service::cases::supply_file(&st, &who, &number, &material, "", futures::stream::empty::<Result<leptos::server_fn::Bytes, AppError>>(), now()?.timestamp()).await,
    };
    back_to_track(saved, &number).await
}

crate::streamed_args!(SupplyMaterial);

/// Sends the corrections (or the deferred materials): the files supplied, and the corrected answers (`f:{field}`).
#[server(endpoint = "resubmit_case")]
pub async fn resubmit_case(
    number: String,
    #[server(flatten)] written: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let saved = crate::service::cases::resubmit(&state()?, &who, &number, &written, now()?.timestamp()).await;
    back_to_track(saved, &number).await
}

/// Back to the tracking page, with a refused post's problems kept for it.
#[cfg(feature = "ssr")]
async fn back_to_track<T>(saved: Result<T, AppError>, number: &str) -> Result<(), AppError> {
    let to = format!("/track/{number}");
    match saved {
        Ok(_) => {
            leptos_axum::redirect(&to);
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &to).await,
        Err(AppError::Refused(message)) => {
            let flash = Flash::new(&crate::service::cases::supply_form(number)).with_error("resubmit", message);
            crate::api::session::fail_back(&flash, &to).await
        }
        Err(e) => Err(e),
    }
}

/// `/staff/cases`: the intake list.
#[server(endpoint = "staff_cases")]
pub async fn staff_cases(state: Option<String>, colour: Option<String>, item: Option<String>, date: Option<String>) -> Result<IntakeView, AppError> {
    let who = staff().await?;
    let filter = crate::domain::cases::page::IntakeFilter { state, colour, item, date };
    crate::service::cases::intake(&crate::api::context::state()?, &who, filter, crate::api::context::now()?.timestamp()).await
}

/// `/staff/cases/{number}` and its printable notices: the whole case, for staff who may see it.
#[server(endpoint = "staff_case")]
pub async fn staff_case(number: String) -> Result<StaffCaseView, AppError> {
    let who = staff().await?;
    let prefix = format!("case:{number}:");
    let flash = crate::api::session::take_flash_prefixed(&prefix).await?.unwrap_or_default();
    let towns = crate::api::context::zones().await?.town_options();
    crate::service::cases::staff_case(&crate::api::context::state()?, &who, &number, flash, &towns, crate::api::context::now()?.timestamp()).await
}

/// One step on a case (`event`, with its facts by name): back to the case, or to the correction notice's page with
/// its problems.
#[server(endpoint = "case_step")]
pub async fn case_step(
    number: String,
    event: String,
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    use crate::domain::cases::Event;
    let who = staff().await?;
    let Some(event) = Event::parse(&event) else {
        return Err(AppError::Unreadable("event".into()));
    };
    let st = state()?;
    let input = crate::service::cases::step_input(&st.db, &number, &posted).await?;
    let back = if event == Event::RequestCorrection { format!("/staff/cases/{number}/correction") } else { format!("/staff/cases/{number}") };
    match crate::service::cases::act(&st, &who, &number, event, input, now()?.timestamp()).await {
        Ok(_) => {
            let to = if event == Event::RequestCorrection { format!("/staff/cases/{number}/notice/correction") } else { format!("/staff/cases/{number}") };
            leptos_axum::redirect(&to);
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &back).await,
        Err(AppError::Refused(message)) => {
            let flash = Flash::new(&crate::service::cases::step_form(&number, event)).with_error("step", message);
            crate::api::session::fail_back(&flash, &format!("/staff/cases/{number}")).await
        }
        Err(e) => Err(e),
    }
}

/// `/staff/counter`: the items the clerk can file at the window, and the last failed start.
#[server(endpoint = "counter_page")]
pub async fn counter_page() -> Result<(Vec<(String, String)>, Flash), AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::Role(crate::domain::accounts::Role::WindowStaff, None)).await?;
    let st = crate::api::context::state()?;
    let point = crate::service::cases::counter_point(&who).unwrap_or_default();
    let items = crate::service::cases::counter_items(&st.db, &who, &point).await?;
    Ok((items, crate::api::session::take_flash("counter").await?.unwrap_or_default()))
}

/// Opens a counter application (窗口收件) of `item` for the person with `mobile`, and its task list.
#[server(endpoint = "start_counter")]
pub async fn start_counter(item: Option<String>, mobile: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = crate::api::session::require(crate::domain::accounts::Need::Role(crate::domain::accounts::Role::WindowStaff, None)).await?;
    match crate::service::cases::start_counter(&state()?, &who, &item.unwrap_or_default(), &mobile.unwrap_or_default(), now()?.timestamp()).await {
        Ok(d) => {
            leptos_axum::redirect(&format!("/apply/d/{}", d.id));
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, "/staff/counter").await,
        Err(e) => Err(e),
    }
}
