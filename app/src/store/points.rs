use super::Db;
use crate::domain::catalogue::PointKind;
use crate::domain::geo::LatLon;
use crate::domain::points::{ServicePoint, Window};
use sqlx::any::AnyRow;
use sqlx::Row;

fn point(r: &AnyRow) -> ServicePoint {
    ServicePoint {
        id: r.get("id"),
        name: r.get("name"),
        kind: PointKind::parse(&r.get::<String, _>("kind")).unwrap_or(PointKind::Village),
        town_code: r.get("town_code"),
        town_name: r.get("town_name"),
        location: LatLon::new(r.get("lat"), r.get("lon")),
        address: r.get("address"),
        phone: r.get("phone"),
        hours: serde_json::from_str(&r.get::<String, _>("hours")).unwrap_or_default(),
    }
}

pub async fn get(db: &Db, id: &str) -> Result<Option<ServicePoint>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM service_points WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.as_ref().map(point))
}

/// How many items a point handles (就近办: what can be done there).
pub async fn item_count(db: &Db, point_id: &str) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM point_items WHERE point_id = $1").bind(point_id).fetch_one(db).await?;
    Ok(u32::try_from(n).unwrap_or(0))
}

/// The non-village points that handle an item (hall, branches, town centres), and how many village stations do.
pub async fn handling_item(db: &Db, item_code: &str) -> Result<(Vec<ServicePoint>, u32), sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.* FROM point_items p JOIN service_points s ON s.id = p.point_id \
         WHERE p.item_code = $1 AND s.kind <> 'village' ORDER BY s.id",
    )
    .bind(item_code)
    .fetch_all(db)
    .await?;
    let villages: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM point_items p JOIN service_points s ON s.id = p.point_id \
         WHERE p.item_code = $1 AND s.kind = 'village'",
    )
    .bind(item_code)
    .fetch_one(db)
    .await?;
    let mut points: Vec<ServicePoint> = rows.iter().map(point).collect();
    points.sort_by_key(|p| p.kind);
    Ok((points, villages as u32))
}

/// Village stations in a town, for the town centre's page.
pub async fn in_town(db: &Db, town_code: &str, kind: PointKind) -> Result<Vec<ServicePoint>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM service_points WHERE town_code = $1 AND kind = $2 ORDER BY id")
        .bind(town_code)
        .bind(kind.code())
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(point).collect())
}

/// The windows in service at a point, each with the names of the departments it serves (、-separated).
pub async fn windows(db: &Db, point_id: &str) -> Result<Vec<(Window, String)>, sqlx::Error> {
    let names: std::collections::HashMap<String, String> =
        super::catalogue::departments(db).await?.into_iter().map(|d| (d.code, d.name)).collect();
    Ok(super::queue::windows_at(db, point_id)
        .await?
        .into_iter()
        .map(|w| {
            let served = w.departments.iter().map(|d| names.get(d).cloned().unwrap_or_else(|| d.clone())).collect::<Vec<_>>().join("、");
            (w, served)
        })
        .collect())
}

/// Every service point, by id: the sources of the zone search.
pub async fn all(db: &Db) -> Result<Vec<ServicePoint>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM service_points ORDER BY id").fetch_all(db).await?;
    Ok(rows.iter().map(point).collect())
}
