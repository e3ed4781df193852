//! The road network, villages and populated places, the county outline, and the record of network imports.

use super::Db;
use crate::domain::points::Village;
use crate::domain::geo::LatLon;
use crate::domain::network_import::Added;
use crate::domain::planning::PopulatedPlace;
use crate::domain::zones::{RoadClass, RoadNetwork, Segment};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// Rows per multi-row INSERT: few statements for 30,000 segments, well under both databases' parameter limits.
const BATCH: usize = 400;

/// One change of the network, as shown on the admin pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub id: String,
    pub seq: i64,
    pub imported_at: i64,
    pub source: String,
    pub mode: String,
    pub file_name: String,
    pub features: i64,
    pub nodes_added: i64,
    pub segments_added: i64,
    /// Segments added per class, in [`RoadClass::ALL`] order.
    pub by_class: [i64; 4],
    pub nodes_total: i64,
    pub segments_total: i64,
}

/// What is being imported, for the record.
pub struct ImportMeta<'a> {
    pub source: &'a str,
    pub replace: bool,
    pub file_name: &'a str,
    pub account_id: Option<&'a str>,
    pub features: usize,
    pub at: i64,
}

pub async fn load_network(db: &Db) -> Result<RoadNetwork, sqlx::Error> {
    let nodes = sqlx::query("SELECT lat, lon FROM road_nodes ORDER BY id").fetch_all(db).await?;
    let segments = sqlx::query("SELECT a, b, class, length_m FROM road_segments ORDER BY id").fetch_all(db).await?;
    Ok(RoadNetwork {
        nodes: nodes.iter().map(|r| LatLon::new(r.get("lat"), r.get("lon"))).collect(),
        segments: segments
            .iter()
            .map(|r| Segment {
                a: r.get::<i64, _>("a") as u32,
                b: r.get::<i64, _>("b") as u32,
                class: RoadClass::from_code(&r.get::<String, _>("class")).unwrap_or(RoadClass::Path),
                length_m: r.get("length_m"),
            })
            .collect(),
    })
}

pub async fn villages(db: &Db) -> Result<Vec<Village>, sqlx::Error> {
    let rows = sqlx::query("SELECT code, name, town_code, lat, lon FROM villages ORDER BY code").fetch_all(db).await?;
    Ok(rows
        .iter()
        .map(|r| Village {
            code: r.get("code"),
            name: r.get("name"),
            town_code: r.get("town_code"),
            location: LatLon::new(r.get("lat"), r.get("lon")),
        })
        .collect())
}

pub async fn places(db: &Db) -> Result<Vec<PopulatedPlace>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM populated_places ORDER BY id").fetch_all(db).await?;
    Ok(rows
        .iter()
        .map(|r| PopulatedPlace {
            id: r.get("id"),
            village_code: r.get("village_code"),
            name: r.get("name"),
            location: LatLon::new(r.get("lat"), r.get("lon")),
            population: r.get::<i64, _>("population") as u32,
        })
        .collect())
}

/// The county outline (WGS-84 ring), empty before the demo is installed.
pub async fn outline(db: &Db) -> Result<Vec<LatLon>, sqlx::Error> {
    let v: Option<String> =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'county_outline'").fetch_optional(db).await?;
    let pairs: Vec<(f64, f64)> = v.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default();
    Ok(pairs.into_iter().map(|(lat, lon)| LatLon::new(lat, lon)).collect())
}

fn record(r: &AnyRow) -> ImportRecord {
    ImportRecord {
        id: r.get("id"),
        seq: r.get("seq"),
        imported_at: r.get("imported_at"),
        source: r.get("source"),
        mode: r.get("mode"),
        file_name: r.get("file_name"),
        features: r.get("features"),
        nodes_added: r.get("nodes_added"),
        segments_added: r.get("segments_added"),
        by_class: serde_json::from_str(&r.get::<String, _>("by_class")).unwrap_or_default(),
        nodes_total: r.get("nodes_total"),
        segments_total: r.get("segments_total"),
    }
}

/// The import that made the network in use.
pub async fn latest_import(db: &Db) -> Result<Option<ImportRecord>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM road_imports ORDER BY seq DESC LIMIT 1").fetch_optional(db).await?;
    Ok(row.as_ref().map(record))
}

pub async fn import_by_id(db: &Db, id: &str) -> Result<Option<ImportRecord>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM road_imports WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.as_ref().map(record))
}

/// The latest imports, newest first.
pub async fn recent_imports(db: &Db, limit: i64) -> Result<Vec<ImportRecord>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM road_imports ORDER BY seq DESC LIMIT $1").bind(limit).fetch_all(db).await?;
    Ok(rows.iter().map(record).collect())
}

/// Writes the network's nodes from `from_node` and segments from `from_segment` (all of them when `replace`,
/// after deleting the old network) and records the import, in one transaction: a failure leaves the old network.
pub async fn save(
    db: &Db,
    network: &RoadNetwork,
    from_node: usize,
    from_segment: usize,
    added: &Added,
    meta: &ImportMeta<'_>,
) -> Result<ImportRecord, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id = write(&mut tx, network, from_node, from_segment, added, meta).await?;
    tx.commit().await?;
    Ok(import_by_id(db, &id).await?.expect("just recorded"))
}

async fn write(
    conn: &mut AnyConnection,
    network: &RoadNetwork,
    from_node: usize,
    from_segment: usize,
    added: &Added,
    meta: &ImportMeta<'_>,
) -> Result<String, sqlx::Error> {
    if meta.replace {
        sqlx::query("DELETE FROM road_segments").execute(&mut *conn).await?;
        sqlx::query("DELETE FROM road_nodes").execute(&mut *conn).await?;
    }
    let (from_node, from_segment) = if meta.replace { (0, 0) } else { (from_node, from_segment) };
    for (batch_no, batch) in network.nodes[from_node..].chunks(BATCH).enumerate() {
        let sql = values_sql("INSERT INTO road_nodes (id, lat, lon) VALUES ", 3, batch.len());
        let mut q = sqlx::query(&sql);
        for (i, p) in batch.iter().enumerate() {
            q = q.bind((from_node + batch_no * BATCH + i) as i64).bind(p.lat).bind(p.lon);
        }
        q.execute(&mut *conn).await?;
    }
    for (batch_no, batch) in network.segments[from_segment..].chunks(BATCH).enumerate() {
        let sql = values_sql("INSERT INTO road_segments (id, a, b, class, length_m) VALUES ", 5, batch.len());
        let mut q = sqlx::query(&sql);
        for (i, s) in batch.iter().enumerate() {
            q = q
                .bind((from_segment + batch_no * BATCH + i) as i64)
                .bind(i64::from(s.a))
                .bind(i64::from(s.b))
                .bind(s.class.code())
                .bind(s.length_m);
        }
        q.execute(&mut *conn).await?;
    }
    let seq = super::next_in_sequence(&mut *conn, "road_imports").await?;
    let id = super::new_id();
    sqlx::query(
        "INSERT INTO road_imports (id, seq, imported_at, source, mode, file_name, account_id, features, nodes_added, \
         segments_added, by_class, nodes_total, segments_total) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&id)
    .bind(seq)
    .bind(meta.at)
    .bind(meta.source)
    .bind(if meta.replace { "replace" } else { "add" })
    .bind(meta.file_name)
    .bind(meta.account_id)
    .bind(meta.features as i64)
    .bind(added.nodes as i64)
    .bind(added.segments as i64)
    .bind(serde_json::to_string(&added.by_class).expect("counts serialise"))
    .bind(network.nodes.len() as i64)
    .bind(network.segments.len() as i64)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// `prefix` followed by `rows` groups of `cols` numbered placeholders.
fn values_sql(prefix: &str, cols: usize, rows: usize) -> String {
    let mut sql = String::from(prefix);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * cols + c + 1));
        }
        sql.push(')');
    }
    sql
}

/// The whole county as the demo generator makes it: villages, populated places, outline, road network.
pub struct County<'a> {
    pub villages: &'a [Village],
    pub places: &'a [crate::domain::planning::PopulatedPlace],
    pub outline: &'a [crate::domain::geo::LatLon],
    pub network: &'a crate::domain::zones::RoadNetwork,
}

/// Replaces villages, populated places, the outline and the network with `county`'s (inside the demo reset's
/// transaction).
pub async fn replace_county(conn: &mut AnyConnection, county: &County<'_>, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM populated_places").execute(&mut *conn).await?;
    sqlx::query("DELETE FROM villages").execute(&mut *conn).await?;
    for v in county.villages {
        sqlx::query("INSERT INTO villages (code, name, town_code, lat, lon) VALUES ($1, $2, $3, $4, $5)")
            .bind(&v.code)
            .bind(&v.name)
            .bind(&v.town_code)
            .bind(v.location.lat)
            .bind(v.location.lon)
            .execute(&mut *conn)
            .await?;
    }
    for batch in county.places.chunks(BATCH) {
        let sql = values_sql("INSERT INTO populated_places (id, village_code, name, lat, lon, population) VALUES ", 6, batch.len());
        let mut q = sqlx::query(&sql);
        for p in batch {
            q = q.bind(&p.id).bind(&p.village_code).bind(&p.name).bind(p.location.lat).bind(p.location.lon).bind(i64::from(p.population));
        }
        q.execute(&mut *conn).await?;
    }
    let outline: Vec<(f64, f64)> = county.outline.iter().map(|p| (p.lat, p.lon)).collect();
    sqlx::query("DELETE FROM meta WHERE key = 'county_outline'").execute(&mut *conn).await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('county_outline', $1)")
        .bind(serde_json::to_string(&outline).expect("outline serialises"))
        .execute(&mut *conn)
        .await?;
    let mut by_class = [0; 4];
    for s in &county.network.segments {
        by_class[RoadClass::ALL.iter().position(|c| *c == s.class).expect("known class")] += 1;
    }
    let added = Added { nodes: county.network.nodes.len(), segments: county.network.segments.len(), by_class };
    let meta = ImportMeta { source: "demo", replace: true, file_name: "演示路网", account_id: None, features: 0, at };
    write(conn, county.network, 0, 0, &added, &meta).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_placeholders_are_numbered_through_the_rows() {
        assert_eq!(super::values_sql("INSERT INTO t VALUES ", 2, 2), "INSERT INTO t VALUES ($1, $2), ($3, $4)");
    }
}

/// The travel profile the zones are computed with (the administrator's setting).
pub async fn travel_profile(db: &Db) -> Result<crate::domain::zones::TravelProfile, sqlx::Error> {
    let r = sqlx::query("SELECT county_kmh, town_kmh, village_kmh, path_kmh FROM travel_profile WHERE id = 'default'").fetch_optional(db).await?;
    Ok(match r {
        Some(r) => crate::domain::zones::TravelProfile {
            speeds_kmh: ["county_kmh", "town_kmh", "village_kmh", "path_kmh"].map(|c| r.get::<i64, _>(c) as f64),
        },
        None => crate::domain::zones::TravelProfile::default(),
    })
}

/// Saves the travel profile (whole km/h).
pub async fn save_travel_profile(db: &Db, speeds_kmh: [i64; 4], at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO travel_profile (id, county_kmh, town_kmh, village_kmh, path_kmh, updated_at) VALUES ('default', $1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO UPDATE SET county_kmh = $1, town_kmh = $2, village_kmh = $3, path_kmh = $4, updated_at = $5",
    )
    .bind(speeds_kmh[0])
    .bind(speeds_kmh[1])
    .bind(speeds_kmh[2])
    .bind(speeds_kmh[3])
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}
