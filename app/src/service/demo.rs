//! Puts the demo county into the database, once per demo data version.

use crate::store::Db;
use crate::demo::{DemoCounty, DEMO_VERSION};
use crate::domain::calendar::DayKind;
use chrono::Datelike;
use pinyin::ToPinyin;
use sqlx::Row;

/// Pinyin initials of the Chinese characters in `s`, ASCII letters and digits kept: 营业执照 → yyzz.
pub fn initials(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else {
                c.to_pinyin().and_then(|p| p.first_letter().chars().next())
            }
        })
        .collect()
}

/// The demo data version the database holds (0 when none).
pub async fn installed_version(db: &Db) -> Result<i64, sqlx::Error> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'demo_version'").fetch_optional(db).await?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Seeds when the database holds no demo data or an older version. Returns whether it seeded.
pub async fn seed_if_older(db: &Db, demo: &DemoCounty) -> Result<bool, sqlx::Error> {
    if installed_version(db).await? >= DEMO_VERSION {
        return Ok(false);
    }
    reset(db, demo).await?;
    Ok(true)
}

/// Replaces the catalogue, points, windows, the shipped calendar years, villages, populated places and the road
/// network with the demo county, in one transaction: nothing is half-replaced.
pub async fn reset(db: &Db, demo: &DemoCounty) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    for table in ["point_items", "window_departments", "windows", "service_points", "service_items", "departments"] {
        sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *tx).await?;
    }
    for (i, d) in demo.departments.iter().enumerate() {
        sqlx::query("INSERT INTO departments (code, name, short_name, sort) VALUES ($1, $2, $3, $4)")
            .bind(&d.code)
            .bind(&d.name)
            .bind(&d.short)
            .bind(i as i64)
            .execute(&mut *tx)
            .await?;
    }
    for it in &demo.items {
        let mut text = it.name.clone();
        for m in &it.materials {
            text.push(' ');
            text.push_str(&m.name);
        }
        sqlx::query(
            "INSERT INTO service_items (code, name, kind, department_code, legal_basis, statutory_days, promised_days, \
             handling, online_depth, visits, fee, audience, levels, life_events, summary, conditions, materials, steps, \
             search_text, search_initials) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
        )
        .bind(&it.code)
        .bind(&it.name)
        .bind(it.kind.code())
        .bind(&it.department)
        .bind(&it.legal_basis)
        .bind(it.statutory_days as i64)
        .bind(it.promised_days as i64)
        .bind(it.handling.code())
        .bind(it.online_depth as i64)
        .bind(it.visits as i64)
        .bind(&it.fee)
        .bind(it.audience.code())
        .bind(json(&it.levels))
        .bind(json(&it.life_events))
        .bind(&it.summary)
        .bind(&it.conditions)
        .bind(json(&it.materials))
        .bind(json(&it.steps))
        .bind(text.to_lowercase())
        .bind(initials(&it.name))
        .execute(&mut *tx)
        .await?;
    }
    for p in &demo.points {
        sqlx::query(
            "INSERT INTO service_points (id, name, kind, town_code, town_name, lat, lon, address, phone, hours) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&p.id)
        .bind(&p.name)
        .bind(p.kind.code())
        .bind(&p.town_code)
        .bind(&p.town_name)
        .bind(p.location.lat)
        .bind(p.location.lon)
        .bind(&p.address)
        .bind(&p.phone)
        .bind(json(&p.hours))
        .execute(&mut *tx)
        .await?;
    }
    for (point, item) in &demo.point_items {
        sqlx::query("INSERT INTO point_items (point_id, item_code) VALUES ($1, $2)")
            .bind(point)
            .bind(item)
            .execute(&mut *tx)
            .await?;
    }
    for w in &demo.windows {
        sqlx::query("INSERT INTO windows (id, point_id, kind, number, name, retired_at) VALUES ($1, $2, $3, $4, $5, NULL)")
            .bind(&w.id)
            .bind(&w.point_id)
            .bind(w.kind.code())
            .bind(w.number)
            .bind(&w.name)
            .execute(&mut *tx)
            .await?;
        for d in &w.departments {
            sqlx::query("INSERT INTO window_departments (window_id, department_code) VALUES ($1, $2)")
                .bind(&w.id)
                .bind(d)
                .execute(&mut *tx)
                .await?;
        }
    }
    // The shipped calendar replaces the years it covers; years an administrator entered beyond them stay.
    for year in demo.calendar.published_years() {
        let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
        sqlx::query("DELETE FROM calendar_days WHERE day >= $1 AND day <= $2")
            .bind(&from)
            .bind(&to)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM calendar_years WHERE year = $1").bind(year as i64).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO calendar_years (year, source) VALUES ($1, $2)")
            .bind(year as i64)
            .bind("国务院办公厅节假日安排（随应用发布）")
            .execute(&mut *tx)
            .await?;
    }
    for (day, kind, name) in demo.calendar.entries() {
        debug_assert!(demo.calendar.is_published(day.year()));
        sqlx::query("INSERT INTO calendar_days (day, kind, name) VALUES ($1, $2, $3)")
            .bind(day.format("%Y-%m-%d").to_string())
            .bind(if kind == DayKind::Holiday { "holiday" } else { "workday" })
            .bind(name)
            .execute(&mut *tx)
            .await?;
    }
    let roads = crate::demo::road_network(demo);
    let county = crate::store::network::County { villages: &demo.villages, places: &demo.places, outline: &demo.outline, network: &roads.network };
    crate::store::network::replace_county(&mut tx, &county, 0).await?;
    let existing = sqlx::query("SELECT key FROM meta WHERE key = 'demo_version'").fetch_optional(&mut *tx).await?;
    let sql = if existing.map(|r| r.get::<String, _>("key")).is_some() {
        "UPDATE meta SET value = $1 WHERE key = 'demo_version'"
    } else {
        "INSERT INTO meta (key, value) VALUES ('demo_version', $1)"
    };
    sqlx::query(sql).bind(DEMO_VERSION.to_string()).execute(&mut *tx).await?;
    tx.commit().await?;
    crate::store::forget(db, crate::store::calendar::CALENDAR);
    Ok(())
}

/// Demo staff accounts (README lists them): created once, never overwritten, so passwords changed later stay.
/// Window staff scopes name the point beside the department (`domain::accounts::staff_scope`): 李明 works at the
/// county hall's 公安 windows, 张华 at every window of the 嵩阳街道 town centre.
pub const DEMO_STAFF: [(&str, &str, &str, crate::domain::accounts::Role, &str); 5] = [
    ("admin", "中心管理员", "PalmHall-admin-2026", crate::domain::accounts::Role::CentreAdmin, ""),
    ("ga.window", "公安窗口 李明", "PalmHall-staff-2026", crate::domain::accounts::Role::WindowStaff, "530127:GA"),
    ("town.window", "嵩阳便民服务中心 张华", "PalmHall-staff-2026", crate::domain::accounts::Role::WindowStaff, "530127001:*"),
    ("sj.review", "市场监管审核 王芳", "PalmHall-staff-2026", crate::domain::accounts::Role::Reviewer, "SJ"),
    ("ga.review", "公安审核 赵强", "PalmHall-staff-2026", crate::domain::accounts::Role::Reviewer, "GA"),
];

pub async fn seed_staff(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    use crate::store::accounts::{account_by, add_grant, create_staff, AccountKey};
    for (username, name, password, role, scope) in DEMO_STAFF {
        if account_by(db, AccountKey::Username, username).await?.is_none() {
            let id = create_staff(db, username, name, &crate::store::passwords::hash(password), now).await?;
            add_grant(db, &id, role, scope).await?;
        }
    }
    // A village proxy agent (代办员) at 山脚社区便民服务站, under the 嵩阳街道 town centre: signs in by SMS like any
    // citizen (README lists the number).
    let (phone, name, station) = DEMO_AGENT;
    if account_by(db, AccountKey::Phone, phone).await?.is_none() {
        crate::store::proxy::make_agent(db, phone, name, station, now).await?;
    }
    Ok(())
}

/// The demo proxy agent: (mobile, name, village station).
pub const DEMO_AGENT: (&str, &str, &str) = ("13700137001", "杨丽", "530127001005");

/// The JSON text stored in a TEXT column.
fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).expect("seed values serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_business_licence() {
        assert_eq!(initials("个体工商户营业执照设立登记"), "gtgshyyzzsldj");
        assert_eq!(initials("ABC证明"), "abczm");
    }
}
