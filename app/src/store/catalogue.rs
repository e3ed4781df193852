use super::{like_escape, Db};
use crate::domain::catalogue::{Facet, GuideFilter, GuideHome, ItemSummary};
use crate::domain::catalogue::{
    is_initials, rank, Audience, Department, Handling, ItemKind, PointKind, ServiceItem,
};
use sqlx::any::AnyRow;
use sqlx::Row;

const SUMMARY_COLUMNS: &str = "i.code, i.name, i.kind, i.handling, i.visits, i.online_depth, i.promised_days, \
     i.statutory_days, i.audience, i.levels, i.search_initials, d.short_name";

fn summary(r: &AnyRow) -> ItemSummary {
    let levels: Vec<PointKind> = serde_json::from_str(&r.get::<String, _>("levels")).unwrap_or_default();
    ItemSummary {
        code: r.get("code"),
        name: r.get("name"),
        kind: ItemKind::parse(&r.get::<String, _>("kind")).unwrap_or(ItemKind::Other),
        handling: Handling::parse(&r.get::<String, _>("handling")).unwrap_or(Handling::Promised),
        visits: r.get::<i64, _>("visits") as u8,
        online_depth: r.get::<i64, _>("online_depth") as u8,
        promised_days: r.get::<i64, _>("promised_days") as u32,
        statutory_days: r.get::<i64, _>("statutory_days") as u32,
        department: r.get("short_name"),
        audience: Audience::parse(&r.get::<String, _>("audience")).unwrap_or(Audience::Both),
        nearby: levels.iter().any(|l| matches!(l, PointKind::Town | PointKind::Village)),
    }
}

/// Items matching every term (in the name, a material, or — for ASCII letters — the name's pinyin initials) and
/// the filter, best first.
pub async fn search(db: &Db, terms: &[String], filter: &GuideFilter) -> Result<Vec<ItemSummary>, sqlx::Error> {
    let mut sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM service_items i JOIN departments d ON d.code = i.department_code WHERE 1 = 1"
    );
    let mut binds: Vec<String> = Vec::new();
    let param = |binds: &mut Vec<String>, value: String| {
        binds.push(value);
        format!("${}", binds.len())
    };
    for t in terms {
        let pattern = format!("%{}%", like_escape(t));
        let a = param(&mut binds, pattern.clone());
        if is_initials(t) {
            let b = param(&mut binds, pattern);
            sql.push_str(&format!(
                " AND (i.search_text LIKE {a} ESCAPE '\\' OR i.search_initials LIKE {b} ESCAPE '\\')"
            ));
        } else {
            sql.push_str(&format!(" AND i.search_text LIKE {a} ESCAPE '\\'"));
        }
    }
    if let Some(a) = filter.audience.as_deref().and_then(Audience::parse) {
        let p = param(&mut binds, a.code().to_string());
        sql.push_str(&format!(" AND (i.audience = {p} OR i.audience = 'both')"));
    }
    if let Some(d) = &filter.department {
        let p = param(&mut binds, d.clone());
        sql.push_str(&format!(" AND i.department_code = {p}"));
    }
    if let Some(e) = &filter.event {
        let p = param(&mut binds, format!("%\"{}\"%", like_escape(e)));
        sql.push_str(&format!(" AND i.life_events LIKE {p} ESCAPE '\\'"));
    }
    if filter.nearby {
        sql.push_str(" AND (i.levels LIKE '%\"town\"%' OR i.levels LIKE '%\"village\"%')");
    }
    sql.push_str(" ORDER BY i.code");
    let mut query = sqlx::query(&sql);
    for b in binds {
        query = query.bind(b);
    }
    let rows = query.fetch_all(db).await?;
    let mut ranked: Vec<((u8, usize), ItemSummary)> = rows
        .iter()
        .map(|r| {
            let initials: String = r.get("search_initials");
            let s = summary(r);
            (rank(&s.name, &initials, terms), s)
        })
        .collect();
    ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
    Ok(ranked.into_iter().map(|(_, s)| s).collect())
}

/// One item in full, with its department's name.
pub async fn item(db: &Db, code: &str) -> Result<Option<(ServiceItem, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT i.*, d.name AS department_name FROM service_items i \
         JOIN departments d ON d.code = i.department_code WHERE i.code = $1",
    )
    .bind(code)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let json = |col: &str| r.get::<String, _>(col);
        let item = ServiceItem {
            code: r.get("code"),
            name: r.get("name"),
            kind: ItemKind::parse(&r.get::<String, _>("kind")).unwrap_or(ItemKind::Other),
            department: r.get("department_code"),
            legal_basis: r.get("legal_basis"),
            statutory_days: r.get::<i64, _>("statutory_days") as u32,
            promised_days: r.get::<i64, _>("promised_days") as u32,
            handling: Handling::parse(&r.get::<String, _>("handling")).unwrap_or(Handling::Promised),
            online_depth: r.get::<i64, _>("online_depth") as u8,
            visits: r.get::<i64, _>("visits") as u8,
            fee: r.get("fee"),
            audience: Audience::parse(&r.get::<String, _>("audience")).unwrap_or(Audience::Both),
            levels: serde_json::from_str(&json("levels")).unwrap_or_default(),
            life_events: serde_json::from_str(&json("life_events")).unwrap_or_default(),
            summary: r.get("summary"),
            conditions: r.get("conditions"),
            materials: serde_json::from_str(&json("materials")).unwrap_or_default(),
            steps: serde_json::from_str(&json("steps")).unwrap_or_default(),
        };
        (item, r.get("department_name"))
    }))
}

pub async fn department_short(db: &Db, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT short_name FROM departments WHERE code = $1").bind(code).fetch_optional(db).await
}

pub async fn departments(db: &Db) -> Result<Vec<Department>, sqlx::Error> {
    let rows = sqlx::query("SELECT code, name, short_name FROM departments ORDER BY sort").fetch_all(db).await?;
    Ok(rows
        .iter()
        .map(|r| Department { code: r.get("code"), name: r.get("name"), short: r.get("short_name") })
        .collect())
}

/// The home page's ways in: departments and life events with their item counts.
pub async fn home(db: &Db) -> Result<GuideHome, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.code, d.short_name, COUNT(i.code) AS n FROM departments d \
         LEFT JOIN service_items i ON i.department_code = d.code GROUP BY d.code, d.short_name, d.sort ORDER BY d.sort",
    )
    .fetch_all(db)
    .await?;
    let departments = rows
        .iter()
        .map(|r| Facet { key: r.get("code"), label: r.get("short_name"), count: r.get::<i64, _>("n") as u32 })
        .collect();
    let all = sqlx::query("SELECT life_events, levels FROM service_items").fetch_all(db).await?;
    let mut events: Vec<Facet> = Vec::new();
    let mut nearby = 0;
    for r in &all {
        let tags: Vec<String> = serde_json::from_str(&r.get::<String, _>("life_events")).unwrap_or_default();
        for t in tags {
            match events.iter_mut().find(|f| f.key == t) {
                Some(f) => f.count += 1,
                None => events.push(Facet { label: format!("{t}一件事"), key: t, count: 1 }),
            }
        }
        let levels: String = r.get("levels");
        if levels.contains("\"town\"") || levels.contains("\"village\"") {
            nearby += 1;
        }
    }
    events.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Ok(GuideHome { total: all.len() as u32, nearby, departments, events })
}

/// Items a point handles, grouped in catalogue order.
pub async fn at_point(db: &Db, point_id: &str) -> Result<Vec<ItemSummary>, sqlx::Error> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM point_items p JOIN service_items i ON i.code = p.item_code \
         JOIN departments d ON d.code = i.department_code WHERE p.point_id = $1 ORDER BY d.sort, i.code"
    );
    let rows = sqlx::query(&sql).bind(point_id).fetch_all(db).await?;
    Ok(rows.iter().map(summary).collect())
}
