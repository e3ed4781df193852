//! The administrator's slot settings for a service group.

use super::hand_on;
use crate::store::booking as store;
use crate::store::Db;

/// Sets a group's slot length and places per slot. Stored future slots take the new capacity, and the places a
/// raised capacity opened go to the people already waiting, first come first served, before anyone else. Returns
/// the day a new slot length applies from, if it changed (slots already stored keep theirs).
pub async fn set_group(db: &Db, point: &str, department: &str, minutes: i64, capacity: i64, now: i64) -> Result<Option<chrono::NaiveDate>, sqlx::Error> {
    let from = store::set_group(db, point, department, minutes, capacity, now).await?;
    let max_active = store::rules(db).await?.max_active;
    for slot in store::slots_to_hand_on(db, point, department, now).await? {
        while hand_on(db, &slot, max_active, now).await?.is_some() {}
    }
    Ok(from.and_then(|d| d.parse::<chrono::NaiveDate>().ok()))
}
