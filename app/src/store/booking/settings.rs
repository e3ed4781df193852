//! A service group's slot settings: slot length and places per slot, per point and department.

use super::*;

/// A service group's slot length and capacity: its own setting, or the rules' defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSetting {
    pub minutes: i64,
    pub capacity: i64,
    /// After a change of length: the earlier length and the first day of `minutes` (days before it keep theirs).
    pub earlier: Option<(i64, String)>,
}

impl GroupSetting {
    /// The slot length on `day` (YYYY-MM-DD).
    pub fn minutes_on(&self, day: &str) -> i64 {
        match &self.earlier {
            Some((m, from)) if day < from.as_str() => *m,
            _ => self.minutes,
        }
    }
}

pub async fn group_settings(db: &Db, point_id: &str, department: &str, rules: &Rules) -> Result<GroupSetting, sqlx::Error> {
    let r = sqlx::query(
        "SELECT slot_minutes, capacity, earlier_minutes, minutes_from FROM booking_groups WHERE point_id = $1 AND department_code = $2",
    )
    .bind(point_id)
    .bind(department)
    .fetch_optional(db)
    .await?;
    Ok(match r {
        Some(r) => GroupSetting {
            minutes: r.get("slot_minutes"),
            capacity: r.get("capacity"),
            earlier: r.get::<Option<i64>, _>("earlier_minutes").zip(r.get::<Option<String>, _>("minutes_from")),
        },
        None => GroupSetting { minutes: rules.default_slot_minutes, capacity: rules.default_capacity, earlier: None },
    })
}

/// Sets a group's slot length and capacity at `now`, and returns the first day of the new length when it changed.
/// - Capacity reaches the future slots already stored: raising it opens places there; lowering it cancels nobody
///   (a claim needs `booked < capacity`, so new bookings stop until enough are cancelled).
/// - A new length applies from the first day after the last stored future slot of the group (today when there is
///   none); days before it keep the length their stored slots have, so old and new slots never overlap.
pub async fn set_group(
    db: &Db,
    point_id: &str,
    department: &str,
    slot_minutes: i64,
    capacity: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let rules = rules(db).await?;
    let old = group_settings(db, point_id, department, &rules).await?;
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let today = crate::domain::booking::civil_at(now).date();
    let last: Option<String> = sqlx::query_scalar(
        "SELECT MAX(day) FROM slots WHERE point_id = $1 AND department_code = $2 AND day >= $3",
    )
    .bind(point_id)
    .bind(department)
    .bind(today.to_string())
    .fetch_one(&mut *tx)
    .await?;
    let (earlier, from) = if slot_minutes == old.minutes {
        // Same length: a change still waiting for its first day stays as it is.
        (old.earlier.as_ref().map(|e| e.0), old.earlier.as_ref().map(|e| e.1.clone()))
    } else {
        match last.as_deref().and_then(|d| d.parse::<chrono::NaiveDate>().ok()) {
            Some(d) => {
                let from = (d + chrono::Duration::days(1)).max(today);
                (Some(old.minutes_on(&d.to_string())), Some(from.to_string()))
            }
            None => (None, Some(today.to_string())),
        }
    };
    sqlx::query(
        "INSERT INTO booking_groups (point_id, department_code, slot_minutes, capacity, earlier_minutes, minutes_from) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (point_id, department_code) DO UPDATE SET slot_minutes = $3, \
         capacity = $4, earlier_minutes = $5, minutes_from = $6",
    )
    .bind(point_id)
    .bind(department)
    .bind(slot_minutes)
    .bind(capacity)
    .bind(earlier)
    .bind(earlier.and(from.clone()))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE slots SET capacity = $1 WHERE point_id = $2 AND department_code = $3 AND starts_at > $4 AND closed = 0")
        .bind(capacity)
        .bind(point_id)
        .bind(department)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(if slot_minutes == old.minutes { None } else { from })
}

/// Every group with its own setting: (point id, point name, department code, department name, slot length in
/// words, capacity).
pub async fn groups(db: &Db) -> Result<Vec<(String, String, String, String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.point_id, p.name AS point_name, g.department_code, d.name AS department_name, g.slot_minutes, \
         g.capacity, g.earlier_minutes, g.minutes_from FROM booking_groups g JOIN service_points p ON p.id = g.point_id \
         JOIN departments d ON d.code = g.department_code ORDER BY g.point_id, d.sort",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let minutes: i64 = r.get("slot_minutes");
            // A change of length waiting for its first day says so.
            let length = match (r.get::<Option<i64>, _>("earlier_minutes"), r.get::<Option<String>, _>("minutes_from")) {
                (Some(e), Some(from)) => format!("{minutes}分钟（{from}起；此前{e}分钟）"),
                _ => format!("{minutes}分钟"),
            };
            (r.get("point_id"), r.get("point_name"), r.get("department_code"), r.get("department_name"), length, r.get("capacity"))
        })
        .collect())
}
