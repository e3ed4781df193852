//! The road network for the centre administrator: the page (the zones' snapshot, recent imports, the travel
//! speeds), saving the speeds, and importing GeoJSON roads. Each change asks the zones' worker to recompute.

use crate::domain::accounts::Identity;
use crate::domain::form::Flash;
use crate::domain::zones::page::{ImportLine, NetworkOverview, Outcome, ZoneSnapshot};
use crate::domain::zones::{RoadClass, TravelProfile};
use crate::error::AppError;
use crate::store::Db;

/// One import as its page and the list show it.
pub fn line(r: crate::store::network::ImportRecord) -> ImportLine {
    use crate::domain::calendar::china_offset;
    use crate::domain::zones::RoadClass;
    let at = if r.source == "demo" {
        String::new()
    } else {
        chrono::DateTime::from_timestamp(r.imported_at, 0)
            .unwrap_or_default()
            .with_timezone(&china_offset())
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    ImportLine {
        id: r.id,
        source: r.file_name,
        mode: if r.mode == "replace" { "替换全部路网" } else { "追加到现有路网" }.to_string(),
        at,
        features: r.features,
        nodes_added: r.nodes_added,
        segments_added: r.segments_added,
        by_class: RoadClass::ALL.iter().zip(r.by_class).map(|(c, n)| (c.label_zh().to_string(), n)).collect(),
        nodes_total: r.nodes_total,
        segments_total: r.segments_total,
    }
}


/// The network page on the zones' snapshot `model`.
pub async fn network_page(db: &Db, model: &super::ZoneModel, flash: Flash) -> Result<NetworkOverview, sqlx::Error> {
    use crate::domain::calendar::china_offset;
    let recomputing = super::current_fingerprint(db).await? != model.fingerprint;
    let zones = ZoneSnapshot {
        version: model.version,
        computed_at: model.computed_at.with_timezone(&china_offset()).format("%Y-%m-%d %H:%M:%S").to_string(),
        compute_ms: model.compute_ms.round() as u64,
        nodes: model.nodes,
        segments: model.segments,
        recomputing,
    };
    let imports = crate::store::network::recent_imports(db, 10).await?.into_iter().map(line).collect();
    let classes = RoadClass::ALL.iter().map(|c| (c.code().to_string(), c.label_zh().to_string())).collect();
    let profile = crate::store::network::travel_profile(db).await?;
    let speeds = RoadClass::ALL.iter().map(|c| (c.code().to_string(), c.label_zh().to_string(), profile.speed_kmh(*c).round() as i64)).collect();
    Ok(NetworkOverview { zones, imports, classes, speeds, flash })
}

/// One import by its id, or `None`.
pub async fn import_line(db: &Db, id: &str) -> Result<Option<ImportLine>, sqlx::Error> {
    Ok(crate::store::network::import_by_id(db, id).await?.map(line))
}

/// Saves the travel profile from the form's `typed` values (`speed_{class}`, whole km/h) and asks for the zones to
/// be recomputed; `Ok` with what to tell the administrator. Every problem is `Invalid`, named by its field.
pub async fn save_speeds(db: &Db, zones: &super::ZoneState, typed: Flash, now: i64) -> Result<Flash, AppError> {
    let mut flash = typed;
    let mut speeds = [0i64; 4];
    for (i, class) in RoadClass::ALL.iter().enumerate() {
        let field = format!("speed_{}", class.code());
        match flash.value(&field).parse::<i64>() {
            Ok(v) => speeds[i] = v,
            Err(_) => flash = flash.with_error(&field, format!("{}的速度应为整数（公里/小时）", class.label_zh())),
        }
    }
    if flash.errors.is_empty() {
        for (code, message) in (TravelProfile { speeds_kmh: speeds.map(|s| s as f64) }).problems() {
            flash = flash.with_error(&format!("speed_{code}"), &message);
        }
    }
    if !flash.errors.is_empty() {
        return Err(AppError::Invalid(flash));
    }
    crate::store::network::save_travel_profile(db, speeds, now).await?;
    zones.request_recompute();
    Ok(Flash::new("network").with_value("done", "出行速度已保存，正在后台按新速度重新计算政务圈。"))
}

/// Validates GeoJSON `text` and, when every feature is good, replaces the network (`replace`) or adds to it in one
/// transaction, recorded as `who`'s import, and asks for the zones to be recomputed.
pub async fn import(db: &Db, zones: &super::ZoneState, who: &Identity, text: &str, file_name: &str, replace: bool, now: i64) -> Result<Outcome, sqlx::Error> {
    use crate::domain::network_import::{add_lines, parse};
    use crate::domain::zones::RoadNetwork;
    let outline = crate::store::network::outline(db).await?;
    let parsed = match parse(text, &outline) {
        Ok(p) => p,
        Err(problems) => return Ok(Outcome::Rejected(problems.iter().map(|p| p.message()).collect())),
    };
    let mut network = if replace { RoadNetwork::new() } else { crate::store::network::load_network(db).await? };
    let (from_node, from_segment) = (network.nodes.len(), network.segments.len());
    let added = add_lines(&mut network, &parsed.lines);
    let meta = crate::store::network::ImportMeta {
        source: "upload",
        replace,
        file_name,
        account_id: Some(&who.account_id),
        features: parsed.features,
        at: now,
    };
    let record = crate::store::network::save(db, &network, from_node, from_segment, &added, &meta).await?;
    zones.request_recompute();
    Ok(Outcome::Imported(line(record)))
}
