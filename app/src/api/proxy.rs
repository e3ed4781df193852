//! Proxy filing's server functions (代办, issue 20): who is asking → one `service::proxy` call → data or redirect.
//! An agent's pages need the proxy-agent grant (and the draft's station); granting is the centre administrator's;
//! the oversight list is town-centre staff's.

use crate::domain::form::Flash;
use crate::domain::proxy::{AgentHome, AgentWork, Receipt};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
async fn agent() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::ProxyAgent, None)).await
}

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    crate::api::session::require(Need::Role(Role::CentreAdmin, None)).await
}

/// `/agent`: the agent's stations, the start form for a villager, and the cases they filed.
#[server(endpoint = "agent_overview")]
pub async fn agent_overview() -> Result<AgentHome, AppError> {
    let who = agent().await?;
    let flash = crate::api::session::take_flash(crate::service::proxy::START_FORM).await?.unwrap_or_default();
    crate::service::proxy::home(&crate::api::context::state()?, &who, flash).await
}

/// Starts an application for a villager (`station`, `item`, `name`, `id_number`, `phone` or `no_phone`): on to
/// the consent page when the villager has a phone, else to the application.
#[server(endpoint = "agent_start")]
pub async fn agent_start(
    #[server(flatten)] posted: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = agent().await?;
    let get = |k: &str| posted.get(k).cloned().unwrap_or_default();
    let done = crate::service::proxy::start(&state()?, &who, &get("station"), &get("item"), &posted, now()?.timestamp()).await;
    let ok = match &done {
        Ok(id) if posted.contains_key("no_phone") => format!("/apply/d/{id}"),
        Ok(id) => format!("/agent/d/{id}/consent"),
        Err(_) => String::new(),
    };
    crate::api::session::done_or_back(done, &ok, "/agent").await
}

/// The consent page of a proxy draft: (item name, the villager's name and masked phone, consent given), and the
/// last failure.
#[server(endpoint = "agent_consent")]
pub async fn agent_consent(draft: String) -> Result<(String, String, String, bool, Flash), AppError> {
    let who = agent().await?;
    let flash = crate::api::session::take_flash(&format!("agent:consent:{draft}")).await?.unwrap_or_default();
    let (item, name, phone, done) = crate::service::proxy::consent_page(&crate::api::context::db()?, &who, &draft).await?;
    Ok((item, name, phone, done, flash))
}

/// The code the villager read back; on to the application once right.
#[server(endpoint = "confirm_consent")]
pub async fn confirm_consent(draft: String, code: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = agent().await?;
    let done = crate::service::proxy::confirm(&state()?, &who, &draft, &code.unwrap_or_default(), now()?.timestamp()).await;
    crate::api::session::done_or_back(done, &format!("/apply/d/{draft}"), &format!("/agent/d/{draft}/consent")).await
}

/// Sends the villager a new consent code.
#[server(endpoint = "resend_consent")]
pub async fn resend_consent(draft: String) -> Result<(), AppError> {
    use crate::api::context::{now, state};
    let who = agent().await?;
    let back = format!("/agent/d/{draft}/consent");
    let done = crate::service::proxy::send_code(&state()?, &who, &draft, now()?.timestamp()).await;
    crate::api::session::done_or_back(done, &back, &back).await
}

/// The printable receipt of a case the agent filed.
#[server(endpoint = "agent_receipt")]
pub async fn agent_receipt(number: String) -> Result<Receipt, AppError> {
    use crate::api::context::{now, state};
    let who = agent().await?;
    crate::service::proxy::receipt(&state()?, &who, &number, now()?.timestamp()).await
}

/// `/admin/agents`: the village stations and every agent.
#[server(endpoint = "agents_admin")]
pub async fn agents_admin() -> Result<(Vec<(String, String)>, Vec<crate::domain::proxy::AgentLine>, Flash), AppError> {
    admin().await?;
    let db = crate::api::context::db()?;
    let flash = crate::api::session::take_flash("agents").await?.unwrap_or_default();
    Ok((crate::service::proxy::stations(&db).await?, crate::service::proxy::agents(&db).await?, flash))
}

/// Grants the proxy-agent role for a village station to a mobile number.
#[server(endpoint = "grant_agent")]
pub async fn grant_agent(phone: Option<String>, name: Option<String>, station: Option<String>) -> Result<(), AppError> {
    use crate::api::context::{db, now};
    admin().await?;
    let done = crate::service::proxy::grant(&db()?, &phone.unwrap_or_default(), &name.unwrap_or_default(), &station.unwrap_or_default(), now()?.timestamp()).await;
    crate::api::session::done_or_back(done, "/admin/agents", "/admin/agents").await
}

/// Takes the role back (the agent's open cases of villagers without a phone go to another agent of the station).
#[server(endpoint = "revoke_agent")]
pub async fn revoke_agent(account: String, station: String) -> Result<(), AppError> {
    admin().await?;
    let done = crate::service::proxy::revoke(&crate::api::context::db()?, &account, &station, crate::api::context::now()?.timestamp()).await;
    crate::api::session::done_or_back(done, "/admin/agents", "/admin/agents").await
}

/// `/staff/agents`: the agents of the stations the asker's town centre supervises, and what they filed.
#[server(endpoint = "agents_oversight")]
pub async fn agents_oversight() -> Result<Vec<AgentWork>, AppError> {
    use crate::domain::accounts::{Need, Role};
    // Window staff (a town centre's see its stations' agents) and the administrator.
    let who = crate::api::session::require(Need::Role(Role::WindowStaff, None)).await?;
    crate::service::proxy::oversight(&crate::api::context::state()?, &who).await
}
