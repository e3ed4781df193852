//! Development-only pages (the component gallery): on only when the server was started with `PALM_DEV_PAGES=1`.

use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn dev_pages_enabled() -> Result<bool, AppError> {
    let on = super::context::state()?.dev_pages;
    if !on {
        super::context::not_found();
    }
    Ok(on)
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SmsLine {
    pub phone: String,
    pub body: String,
    pub sent_at: String,
}

/// The SMS sink's messages: only when the sink is on, and only to a client on this machine.
#[server]
pub async fn dev_sms() -> Result<Option<Vec<SmsLine>>, AppError> {
    use crate::domain::calendar::china_offset;
    let st = super::context::state()?;
    if !st.sms_sink || !super::session::from_loopback() {
        super::context::not_found();
        return Ok(None);
    }
    let rows = crate::store::notifications::sink(&st.db, 50).await?;
    Ok(Some(
        rows.into_iter()
            .map(|(phone, body, at)| SmsLine {
                phone,
                body,
                sent_at: chrono::DateTime::from_timestamp(at, 0)
                    .unwrap_or_default()
                    .with_timezone(&china_offset())
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string(),
            })
            .collect(),
    ))
}
