//! The road network for administrators: what is in use, the zones' snapshot, and replacing or extending the
//! network by uploading GeoJSON. Only the centre administrator.

use crate::error::AppError;
use crate::domain::form::Flash;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Streaming};
use serde::{Deserialize, Serialize};

/// One import, for the pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportLine {
    pub id: String,
    /// 演示路网 / the uploaded file's name.
    pub source: String,
    /// 替换 / 追加
    pub mode: String,
    /// Asia/Shanghai, "2026-11-24 10:00", empty for the demo seed.
    pub at: String,
    pub features: i64,
    pub nodes_added: i64,
    pub segments_added: i64,
    /// (class label, segments added)
    pub by_class: Vec<(String, i64)>,
    pub nodes_total: i64,
    pub segments_total: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneSnapshot {
    pub version: u64,
    pub computed_at: String,
    pub compute_ms: u64,
    pub nodes: usize,
    pub segments: usize,
    /// The database changed since: a recompute is under way, pages show the previous zones until it is done.
    pub recomputing: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NetworkOverview {
    pub zones: ZoneSnapshot,
    pub imports: Vec<ImportLine>,
    pub classes: Vec<(String, String)>,
    /// The travel profile in use: (road class code, label, km/h).
    pub speeds: Vec<(String, String, i64)>,
    pub flash: Flash,
}

#[cfg(feature = "ssr")]
fn line(r: crate::store::network::ImportRecord) -> ImportLine {
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

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await
}

#[server]
pub async fn network_state() -> Result<NetworkOverview, AppError> {
    use super::context::db;
    use crate::domain::calendar::china_offset;
    use crate::domain::zones::RoadClass;
    admin().await?;
    let db = db()?;
    let m = crate::api::context::zones().await?;
    let recomputing = crate::service::zones::current_fingerprint(&db).await? != m.fingerprint;
    let zones = ZoneSnapshot {
        version: m.version,
        computed_at: m.computed_at.with_timezone(&china_offset()).format("%Y-%m-%d %H:%M:%S").to_string(),
        compute_ms: m.compute_ms.round() as u64,
        nodes: m.nodes,
        segments: m.segments,
        recomputing,
    };
    let imports = crate::store::network::recent_imports(&db, 10).await?.into_iter().map(line).collect();
    let classes = RoadClass::ALL.iter().map(|c| (c.code().to_string(), c.label_zh().to_string())).collect();
    let profile = crate::store::network::travel_profile(&db).await?;
    let speeds = RoadClass::ALL.iter().map(|c| (c.code().to_string(), c.label_zh().to_string(), profile.speed_kmh(*c).round() as i64)).collect();
    let flash = super::session::take_flash("network").await?.unwrap_or_else(|| Flash::new("network"));
    Ok(NetworkOverview { zones, imports, classes, speeds, flash })
}

/// Saves the travel profile (speeds per road class, whole km/h) and asks for the zones to be recomputed. Every
/// problem is named by its field; what was typed comes back.
#[server(endpoint = "save_travel_profile")]
pub async fn save_travel_profile(
    speed_county: Option<String>,
    speed_town: Option<String>,
    speed_village: Option<String>,
    speed_path: Option<String>,
) -> Result<(), AppError> {
    use super::context::{db, now, state};
    use crate::domain::zones::{RoadClass, TravelProfile};
    admin().await?;
    let typed = [speed_county, speed_town, speed_village, speed_path].map(|v| v.unwrap_or_default().trim().to_string());
    let mut flash = Flash::new("network");
    let mut speeds = [0i64; 4];
    for (i, class) in RoadClass::ALL.iter().enumerate() {
        flash = flash.with_value(&format!("speed_{}", class.code()), &typed[i]);
        match typed[i].parse::<i64>() {
            Ok(v) => speeds[i] = v,
            Err(_) => flash = flash.with_error(&format!("speed_{}", class.code()), &format!("{}的速度应为整数（公里/小时）", class.label_zh())),
        }
    }
    if flash.errors.is_empty() {
        for (code, message) in (TravelProfile { speeds_kmh: speeds.map(|s| s as f64) }).problems() {
            flash = flash.with_error(&format!("speed_{code}"), &message);
        }
    }
    if !flash.errors.is_empty() {
        return super::session::fail_back(&flash, "/admin/network#speeds").await;
    }
    let db = db()?;
    crate::store::network::save_travel_profile(&db, speeds, now()?.timestamp()).await?;
    state()?.zones.request_recompute();
    let done = Flash::new("network").with_value("done", "出行速度已保存，正在后台按新速度重新计算政务圈。");
    super::session::fail_back(&done, "/admin/network#speeds").await
}

#[server]
pub async fn network_import(id: String) -> Result<Option<ImportLine>, AppError> {
    use super::context::db;
    admin().await?;
    let found = crate::store::network::import_by_id(&db()?, &id).await?;
    if found.is_none() {
        super::context::not_found();
    }
    Ok(found.map(line))
}

/// What became of an upload.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Imported(ImportLine),
    /// Problems, in plain zh-CN; nothing was imported.
    Rejected(Vec<String>),
}

/// Pasted text is kept for the form after a failed post only up to this size.
#[cfg(feature = "ssr")]
const KEEP_TEXT_BYTES: usize = 100 * 1024;

/// Validates `text` and, when every feature is good, replaces the network (or adds to it) in one transaction and
/// asks for the zones to be recomputed. Checks who is asking itself, like a server function.
#[cfg(feature = "ssr")]
pub async fn import_text(text: &str, file_name: &str, replace: bool) -> Result<Outcome, AppError> {
    use super::context::{db, now, state};
    use crate::domain::network_import::{add_lines, parse};
    use crate::domain::zones::RoadNetwork;
    let who = admin().await?;
    let db = db()?;
    let outline = crate::store::network::outline(&db).await?;
    let parsed = match parse(text, &outline) {
        Ok(p) => p,
        Err(problems) => return Ok(Outcome::Rejected(problems.iter().map(|p| p.message()).collect())),
    };
    let mut network = if replace { RoadNetwork::new() } else { crate::store::network::load_network(&db).await? };
    let (from_node, from_segment) = (network.nodes.len(), network.segments.len());
    let added = add_lines(&mut network, &parsed.lines);
    let meta = crate::store::network::ImportMeta {
        source: "upload",
        replace,
        file_name,
        account_id: Some(&who.account_id),
        features: parsed.features,
        at: now()?.timestamp(),
    };
    let record = crate::store::network::save(&db, &network, from_node, from_segment, &added, &meta).await?;
    state()?.zones.request_recompute();
    Ok(Outcome::Imported(line(record)))
}

/// The upload form's post (multipart: a file, or pasted text, and the mode). Works without JavaScript: it
/// redirects to the import's result page, or back to the form with the problems.
#[server(endpoint = "network_upload", input = Streaming)]
pub async fn network_upload(data: UploadBody) -> Result<(), AppError> {
    use crate::domain::network_import::{Problem, MAX_BYTES};
    admin().await?;
    let form = read_form(data).await;
    let mut flash = Flash::new("network").with_value("mode", &form.mode);
    if form.text.len() <= KEEP_TEXT_BYTES && form.file.is_none() {
        flash = flash.with_value("text", &form.text);
    }
    let (field, text, name) = match (&form.file, form.text.trim().is_empty()) {
        (Some((name, bytes)), _) => match String::from_utf8(bytes.clone()) {
            Ok(t) => ("file", t, name.clone()),
            Err(_) => return fail(flash.with_error("file", "文件不是 UTF-8 编码的文本：请以 UTF-8 编码保存 GeoJSON 文件后重新上传")).await,
        },
        (None, false) => ("text", form.text.clone(), "粘贴的内容".to_string()),
        (None, true) if form.too_large => ("file", String::new(), String::new()),
        (None, true) => return fail(flash.with_error("file", "请选择要上传的 GeoJSON 文件，或粘贴文件内容")).await,
    };
    if form.too_large {
        return fail(flash.with_error(field, Problem::TooLarge { bytes: MAX_BYTES + 1 }.message())).await;
    }
    if form.mode != "replace" && form.mode != "add" {
        return fail(flash.with_error("mode", "请选择替换全部路网还是追加到现有路网")).await;
    }
    match import_text(&text, &name, form.mode == "replace").await? {
        Outcome::Imported(l) => {
            leptos_axum::redirect(&format!("/admin/network/imports/{}", l.id));
            Ok(())
        }
        Outcome::Rejected(problems) => {
            let n = problems.len();
            for p in problems {
                flash = flash.with_error(field, p);
            }
            fail(flash.with_value("problems", &n.to_string())).await
        }
    }
}

/// The upload's request body as it arrives.
pub struct UploadBody(pub std::pin::Pin<Box<dyn futures::Stream<Item = Result<leptos::server_fn::Bytes, AppError>> + Send>>);

impl std::fmt::Debug for UploadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UploadBody")
    }
}

impl From<ByteStream<AppError>> for NetworkUpload {
    fn from(body: ByteStream<AppError>) -> Self {
        NetworkUpload { data: UploadBody(Box::pin(body.into_inner())) }
    }
}

/// `Streaming`'s client side wants the argument to be a stream of bytes. The browser never calls this from Rust
/// (the form posts), so an error simply ends the stream.
impl futures::Stream for NetworkUpload {
    type Item = leptos::server_fn::Bytes;

    fn poll_next(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        match self.data.0.as_mut().poll_next(cx) {
            std::task::Poll::Ready(Some(Ok(b))) => std::task::Poll::Ready(Some(b)),
            std::task::Poll::Ready(_) => std::task::Poll::Ready(None),
            std::task::Poll::Pending => std::task::Poll::Pending,
        }
    }
}

#[cfg(feature = "ssr")]
async fn fail(flash: Flash) -> Result<(), AppError> {
    super::session::fail_back(&flash, "/admin/network").await
}

#[cfg(feature = "ssr")]
#[derive(Default)]
struct UploadForm {
    mode: String,
    text: String,
    /// (file name, contents) when a file was chosen.
    file: Option<(String, Vec<u8>)>,
    too_large: bool,
}

/// Reads the multipart body; a body that is not multipart reads as an empty form.
#[cfg(feature = "ssr")]
async fn read_form(data: UploadBody) -> UploadForm {
    use crate::domain::network_import::MAX_BYTES;
    use futures::StreamExt;
    let mut form = UploadForm::default();
    let boundary = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string))
        .and_then(|ct| multer::parse_boundary(ct).ok());
    let Some(boundary) = boundary else { return form };
    let stream = data.0.map(|chunk| chunk.map_err(|e| std::io::Error::other(e.to_string())));
    let limits = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(2 * MAX_BYTES as u64 + 65_536).per_field(MAX_BYTES as u64 + 1));
    let mut multipart = multer::Multipart::with_constraints(stream, boundary, limits);
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(_) => {
                form.too_large = true;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let mut bytes = Vec::new();
        loop {
            match field.chunk().await {
                Ok(Some(c)) => bytes.extend_from_slice(&c),
                Ok(None) => break,
                Err(_) => {
                    form.too_large = true;
                    return form;
                }
            }
        }
        match name.as_str() {
            "mode" => form.mode = String::from_utf8_lossy(&bytes).into_owned(),
            "text" => form.text = String::from_utf8_lossy(&bytes).into_owned(),
            // A file input left empty still sends a part, with an empty name and no bytes.
            "file" if !bytes.is_empty() => form.file = Some((file_name.filter(|n| !n.is_empty()).unwrap_or_else(|| "上传的文件".into()), bytes)),
            _ => {}
        }
    }
    form
}
