//! Window screens: the devices registered to show a window's queue.

use super::*;

/// Registers a window screen: returns the device token for its cookie.
pub async fn pair_device(db: &Db, window_id: &str, by: &str, now: i64) -> Result<String, sqlx::Error> {
    let token = format!("{}{}", crate::store::new_id(), crate::store::new_id());
    sqlx::query("INSERT INTO screen_devices (token_hash, window_id, paired_by, paired_at) VALUES ($1, $2, $3, $4)")
        .bind(crate::store::sha256_hex(&token))
        .bind(window_id)
        .bind(by)
        .bind(now)
        .execute(db)
        .await?;
    Ok(token)
}

/// One registered window screen device, for the administrator's list.
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenDevice {
    /// SHA-256 of the device's cookie token: names the device without revealing the token.
    pub token_hash: String,
    pub window_id: String,
    pub paired_by: String,
    pub paired_at: i64,
}

/// Every registered screen device, newest first, with the name of whoever registered it.
pub async fn screen_devices(db: &Db) -> Result<Vec<ScreenDevice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.token_hash, d.window_id, COALESCE(a.display_name, d.paired_by) AS paired_by, d.paired_at \
         FROM screen_devices d LEFT JOIN accounts a ON a.id = d.paired_by ORDER BY d.paired_at DESC, d.token_hash",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| ScreenDevice {
            token_hash: r.get("token_hash"),
            window_id: r.get("window_id"),
            paired_by: r.get("paired_by"),
            paired_at: r.get("paired_at"),
        })
        .collect())
}

/// Revokes a registered screen device (lost, stolen or replaced): it shows "此设备未登记" from its next request.
pub async fn unpair_device(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("DELETE FROM screen_devices WHERE token_hash = $1").bind(token_hash).execute(db).await?.rows_affected();
    // Open screen streams re-check their device now.
    changed();
    Ok(n == 1)
}

/// The window a device token was registered for.
pub async fn device_window(db: &Db, token: &str) -> Result<Option<String>, sqlx::Error> {
    let r = sqlx::query("SELECT window_id FROM screen_devices WHERE token_hash = $1")
        .bind(crate::store::sha256_hex(token))
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| r.get("window_id")))
}
