//! Enterprise accounts' server functions (issue 20): who is asking → one `service::enterprise` call → data or
//! redirect. Every one needs a signed-in person; an enterprise's pages are its members' only, its management its
//! administrator's, and verification the centre administrator's.

use crate::domain::enterprise::{EnterpriseHome, EnterpriseView, PendingLine};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn signed_in() -> Result<crate::domain::accounts::Identity, AppError> {
    crate::api::session::require(crate::domain::accounts::Need::SignedIn).await
}

#[cfg(feature = "ssr")]
fn page_of(uscc: &str) -> String {
    format!("/enterprise/{}", crate::domain::html::encode_query(uscc))
}

/// `/enterprise`: the asker's enterprises, invitations to accept, and the registration form.
#[server(endpoint = "my_enterprises")]
pub async fn my_enterprises() -> Result<EnterpriseHome, AppError> {
    let who = signed_in().await?;
    let flash = crate::api::session::take_flash("enterprise").await?.unwrap_or_default();
    crate::service::enterprise::home(&crate::api::context::db()?, &who, flash).await
}

/// Registers an enterprise with the asker as its administrator.
#[server(endpoint = "register_enterprise")]
pub async fn register_enterprise(uscc: Option<String>, name: Option<String>, legal_rep: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = signed_in().await?;
    let (uscc, name, legal_rep) = (uscc.unwrap_or_default(), name.unwrap_or_default(), legal_rep.unwrap_or_default());
    let done = crate::service::enterprise::register(&state()?, &who, &uscc, &name, &legal_rep, now()?.timestamp()).await;
    let ok = done.as_ref().map(|u| page_of(u)).unwrap_or_default();
    crate::api::session::done_or_back(done, &ok, "/enterprise").await
}

/// `/enterprise/{uscc}`: one enterprise, for its members.
#[server(endpoint = "enterprise_page")]
pub async fn enterprise_page(uscc: String) -> Result<EnterpriseView, AppError> {
    let who = signed_in().await?;
    let flash = crate::api::session::take_flash(&format!("enterprise:{uscc}")).await?.unwrap_or_default();
    crate::service::enterprise::view(&crate::api::context::db()?, &who, &uscc, flash).await
}

/// Invites a mobile number to file for the enterprise (its administrator only).
#[server(endpoint = "invite_member")]
pub async fn invite_member(uscc: String, phone: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = signed_in().await?;
    let done = crate::service::enterprise::invite(&state()?, &who, &uscc, &phone.unwrap_or_default(), now()?.timestamp()).await;
    crate::api::session::done_or_back(done, &page_of(&uscc), &page_of(&uscc)).await
}

/// Accepts the invitation sent to the asker's phone.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(uscc: String) -> Result<(), AppError> {
    let who = signed_in().await?;
    crate::service::enterprise::accept(&crate::api::context::db()?, &who, &uscc).await?;
    leptos_axum::redirect(&page_of(&uscc));
    Ok(())
}

/// Removes a member (the administrator only): at once they see nothing of the enterprise.
#[server(endpoint = "remove_member")]
pub async fn remove_member(uscc: String, member: String) -> Result<(), AppError> {
    let who = signed_in().await?;
    crate::service::enterprise::remove(&crate::api::context::db()?, &who, &uscc, &member).await?;
    leptos_axum::redirect(&page_of(&uscc));
    Ok(())
}

/// Withdraws an invitation not yet accepted (named by the token the page gives it).
#[server(endpoint = "withdraw_invite")]
pub async fn withdraw_invite(uscc: String, invite: String) -> Result<(), AppError> {
    let who = signed_in().await?;
    crate::service::enterprise::withdraw(&crate::api::context::db()?, &who, &uscc, &invite).await?;
    leptos_axum::redirect(&page_of(&uscc));
    Ok(())
}

/// Hands the administrator role on to another member.
#[server(endpoint = "hand_over_enterprise")]
pub async fn hand_over_enterprise(uscc: String, to: String) -> Result<(), AppError> {
    let who = signed_in().await?;
    crate::service::enterprise::hand_over(&crate::api::context::db()?, &who, &uscc, &to).await?;
    leptos_axum::redirect(&page_of(&uscc));
    Ok(())
}

/// `/admin/enterprises`: registrations waiting for verification (the centre administrator).
#[server(endpoint = "pending_enterprises")]
pub async fn pending_enterprises() -> Result<(Vec<PendingLine>, crate::domain::form::Flash), AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let flash = crate::api::session::take_flash_prefixed("verify:").await?.unwrap_or_default();
    Ok((crate::service::enterprise::pending(&crate::api::context::db()?).await?, flash))
}

/// The centre administrator's verification of a registration: `decision` is `verified` or `refused` (with the
/// reason in `note-{uscc}`).
#[server(endpoint = "verify_enterprise")]
pub async fn verify_enterprise(
    uscc: String,
    decision: String,
    #[server(flatten)] posted: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let note = posted.get(&format!("note-{uscc}")).cloned().unwrap_or_default();
    let done = crate::service::enterprise::decide(&db()?, &uscc, decision == "verified", &note, now()?.timestamp()).await;
    crate::api::session::done_or_back(done, "/admin/enterprises", "/admin/enterprises").await
}
