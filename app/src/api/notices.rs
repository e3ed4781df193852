//! In-app notices (消息): what the service told the signed-in person, newest first.

use crate::error::AppError;
use leptos::prelude::*;

/// `/notices`: the signed-in person's in-app notices, newest first: confirmations, reminders, changes, closures,
/// waiting-list places. Each is (text, link, when in words).
#[server]
pub async fn my_notices() -> Result<Vec<(String, String, String)>, AppError> {
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    Ok(crate::service::notify::notices_for(&crate::api::context::db()?, &who.account_id, 100).await?)
}
