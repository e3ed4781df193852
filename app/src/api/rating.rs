//! 好差评's server functions (issue 19): who is asking → one `service::rating` call → data or redirect. Anyone may
//! rate a window or a served ticket (a bad rating needs the signed-in, SMS-verified phone); a case only its
//! applicant; a window's ratings only its staff.

use crate::domain::rating::{RateView, WindowRatings};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The browser's rating device cookie (a random id, a year): the per-device limit counts it.
#[cfg(feature = "ssr")]
const DEVICE: &str = "palm_rater";

#[cfg(feature = "ssr")]
fn target(kind: &str, id: String, t: Option<String>) -> Result<crate::service::rating::Target, AppError> {
    use crate::service::rating::Target;
    match kind {
        "w" => Ok(Target::Window { window_id: id, token: t.filter(|t| !t.is_empty()) }),
        "t" => Ok(Target::Ticket(id)),
        "c" => Ok(Target::Case(id)),
        _ => Err(AppError::Unreadable("kind".into())),
    }
}

/// The rating page (`/rate/w/{window}?t=`, `/rate/t/{ticket}`, `/rate/c/{case}`), with the last failed post's values.
#[server(endpoint = "rate_page")]
pub async fn rate_page(kind: String, id: String, t: Option<String>) -> Result<RateView, AppError> {
    use crate::api::context::{now, state};
    let who = crate::api::session::identity().await?;
    let here = crate::domain::rating::rate_path(&kind, &id, t.as_deref());
    let target = target(&kind, id, t)?;
    if kind == "c" && who.is_none() {
        return Err(AppError::SignInRequired);
    }
    // A refused post's values, or what was chosen and written before signing in to verify the phone.
    let flash = match crate::api::session::take_flash("rate").await? {
        Some(f) => f,
        None => crate::api::session::take_carried("rate", &here).await?.unwrap_or_default(),
    };
    crate::service::rating::page(&state()?, who.as_ref(), &target, flash, now()?.timestamp()).await
}

/// Keeps a rating (`level`, `comment`, and `i:{indicator}` for each tag ticked) and shows the thank-you page; the
/// rating page again with what was typed when something needs fixing.
#[server(endpoint = "submit_rating")]
pub async fn submit_rating(
    kind: String,
    id: String,
    t: Option<String>,
    level: Option<String>,
    comment: Option<String>,
    #[server(flatten)] ticked: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{now, request_cookie, set_response_cookie, state};
    let who = crate::api::session::identity().await?;
    let device = match request_cookie(DEVICE).filter(|d| d.len() == 32 && d.bytes().all(|b| b.is_ascii_alphanumeric())) {
        Some(d) => d,
        None => {
            let d = crate::store::new_id();
            set_response_cookie(DEVICE, &d, 365 * 86_400, true);
            d
        }
    };
    let back = crate::domain::rating::rate_path(&kind, &id, t.as_deref());
    let input = crate::service::rating::RateInput {
        level: level.unwrap_or_default(),
        indicators: ticked.keys().filter_map(|k| k.strip_prefix("i:")).map(str::to_string).collect(),
        comment: comment.unwrap_or_default(),
    };
    let rater = crate::service::rating::Rater { device, address: Some(crate::api::session::client_address()) };
    match crate::service::rating::rate(&state()?, who.as_ref(), rater, target(&kind, id, t)?, input, now()?.timestamp()).await {
        // Rated before: the page says when and how, not "thank you" again.
        Ok(r) if r.earlier => {
            leptos_axum::redirect(&back);
            Ok(())
        }
        Ok(r) => {
            leptos_axum::redirect(&format!("/rate/thanks/{}", r.id));
            Ok(())
        }
        Err(AppError::Invalid(flash)) => {
            if flash.error("phone").is_some() {
                // Told to sign in with the phone first: what they chose and wrote waits for them after it.
                crate::api::session::carry_across_sign_in(&flash, &back).await?;
            }
            crate::api::session::fail_back(&flash, &back).await
        }
        Err(AppError::Refused(m)) => crate::api::session::fail_back(&crate::domain::form::Flash::new("rate").with_error("level", m), &back).await,
        Err(e) => Err(e),
    }
}

/// The thank-you page of a rating: its level (the id is unguessable; nothing personal is shown).
#[server(endpoint = "rating_thanks")]
pub async fn rating_thanks(id: String) -> Result<crate::domain::rating::Level, AppError> {
    crate::service::rating::thanks(&crate::api::context::state()?, &id).await
}

/// `/staff/ratings`: this month's ratings of the windows the asker works at, or of their department (reviewers).
#[server(endpoint = "staff_ratings")]
pub async fn staff_ratings() -> Result<Vec<WindowRatings>, AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    if !crate::domain::rating::may_see_ratings(&who) {
        return Err(AppError::Forbidden(crate::i18n::t(crate::i18n::Key::NoPermission).into()));
    }
    crate::service::rating::for_staff(&crate::api::context::state()?, &who, crate::api::context::now()?.timestamp()).await
}

/// `/admin/ratings`: this month's flagged ratings, by window. Centre administrator only.
#[server(endpoint = "flagged_ratings")]
pub async fn flagged_ratings() -> Result<Vec<WindowRatings>, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    crate::service::rating::flagged(&crate::api::context::state()?, crate::api::context::now()?.timestamp()).await
}

/// `/admin/placards`: a point's window placards, printable in one run. Centre administrator only.
#[server(endpoint = "rating_placards")]
pub async fn rating_placards(point: Option<String>) -> Result<crate::domain::rating::PlacardsView, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    crate::service::rating::placards(&crate::api::context::state()?, point.as_deref()).await
}
