//! The road network for administrators: what is in use, the zones' snapshot, and replacing or extending the
//! network by uploading GeoJSON. Only the centre administrator.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::domain::form::Flash;
use leptos::prelude::*;
use leptos::server_fn::codec::Streaming;

pub use crate::domain::zones::page::{ImportLine, NetworkOverview, Outcome, ZoneSnapshot};

#[cfg(feature = "ssr")]
async fn admin() -> Result<crate::domain::accounts::Identity, AppError> {
    use crate::domain::accounts::{Need, Role};
    super::session::require(Need::Role(Role::CentreAdmin, None)).await
}

#[server]
pub async fn network_state() -> Result<NetworkOverview, AppError> {
    admin().await?;
    let model = crate::api::context::zones().await?;
    let flash = super::session::take_flash("network").await?.unwrap_or_else(|| Flash::new("network"));
    Ok(crate::service::zones::network_page(&super::context::db()?, &model, flash).await?)
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
    admin().await?;
    let mut typed = Flash::new("network");
    for (field, value) in [("speed_county", speed_county), ("speed_town", speed_town), ("speed_village", speed_village), ("speed_path", speed_path)] {
        typed = typed.with_value(field, value.unwrap_or_default().trim());
    }
    let st = super::context::state()?;
    let flash = match crate::service::zones::save_speeds(&st.db, &st.zones, typed, super::context::now()?.timestamp()).await {
        Ok(done) => done,
        Err(AppError::Invalid(flash)) => flash,
        Err(e) => return Err(e),
    };
    super::session::fail_back(&flash, "/admin/network#speeds").await
}

#[server]
pub async fn network_import(id: String) -> Result<Option<ImportLine>, AppError> {
    use super::context::db;
    admin().await?;
    let found = crate::service::zones::import_line(&db()?, &id).await?;
    if found.is_none() {
        super::context::not_found();
    }
    Ok(found)
}

/// Pasted text is kept for the form after a failed post only up to this size.
#[cfg(feature = "ssr")]
const KEEP_TEXT_BYTES: usize = 100 * 1024;

/// Validates `text` and, when every feature is good, replaces the network (or adds to it) in one transaction and
/// asks for the zones to be recomputed (`service::zones::import`). Checks who is asking itself, like a server function.
#[cfg(feature = "ssr")]
pub async fn import_text(text: &str, file_name: &str, replace: bool) -> Result<Outcome, AppError> {
    let who = admin().await?;
    let st = super::context::state()?;
    Ok(crate::service::zones::import(&st.db, &st.zones, &who, text, file_name, replace, super::context::now()?.timestamp()).await?)
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

pub use super::upload::UploadBody;
crate::streamed_args!(NetworkUpload);

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
    let mut form = UploadForm::default();
    let limits = multer::Constraints::new()
        .size_limit(multer::SizeLimit::new().whole_stream(2 * MAX_BYTES as u64 + 65_536).per_field(MAX_BYTES as u64 + 1));
    let Some(mut multipart) = super::upload::multipart(data, limits) else { return form };
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
