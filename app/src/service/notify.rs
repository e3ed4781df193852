//! Telling a person something: one SMS through the notification queue (sent by the worker, retried, never lost
//! with a crash) and the same words as an in-app notice on `/notices`, linking to what it is about.

use crate::store::Db;

/// What a message is about (the notification queue's `kind`, for the sender's statistics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    Booking,
    Filing,
    /// 好差评's invitations and reminders.
    Rating,
}

impl About {
    pub fn kind(self) -> &'static str {
        match self {
            About::Booking => "booking",
            About::Filing => "filing",
            About::Rating => "rating",
        }
    }
}

/// Tells the person behind `account_id` (SMS to `phone`, notice linking to `link`), both or neither. Every message
/// comes from the SMS catalogue (`domain::sms`), signed 【掌上办事大厅】. A booking's confirmation is written
/// in the booking's own transaction by the same store function (`store::notices::tell`).
pub async fn notify(db: &Db, about: About, account_id: &str, phone: &str, body: &str, link: &str, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    tell_in(&mut tx, about, account_id, phone, body, link, now).await?;
    tx.commit().await
}

/// [`notify`] inside the caller's transaction, so the message goes with the change it is about, or not at all.
pub async fn tell_in(conn: &mut sqlx::AnyConnection, about: About, account_id: &str, phone: &str, body: &str, link: &str, now: i64) -> Result<(), sqlx::Error> {
    crate::store::notices::tell(conn, account_id, phone, about.kind(), body, link, now).await
}

/// An account's newest in-app notices: (text, link, when in the reader's words). The text is the SMS's, in Chinese.
pub async fn notices_for(db: &Db, account_id: &str, limit: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let lang = crate::i18n::lang();
    Ok(crate::store::notices::newest(db, account_id, limit)
        .await?
        .into_iter()
        .map(|(body, link, at)| {
            let at = crate::domain::booking::civil_at(at);
            (body, link, at.format(lang.pick("%Y年%m月%d日 %H:%M", "%-d %B %Y, %H:%M")).to_string())
        })
        .collect())
}
