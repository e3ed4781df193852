//! A material's page with JavaScript: the file is checked in the browser by the server's own rules (type by content,
//! size) before it is sent, a large photo is made smaller first (`Downscale`: longest side and JPEG quality are
//! settings), the upload shows its progress, and a file picked offline is kept as a Blob and sent when the network
//! is back.

use super::db::{self, FileRec, FILES};
use super::outbox::{upload, Uploaded};
use super::{form, online};
use crate::domain::form::definition::FileType;
use crate::domain::form::keep::{KeepUpload, Said};
use crate::domain::form::upload::{check, HEAD_BYTES};
use gloo_events::{EventListener, EventListenerOptions};
use leptos::prelude::{RwSignal, Set};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Blob, HtmlFormElement, HtmlInputElement};

/// Starts the upload form inside `root`.
pub fn start(root: web_sys::Element, k: KeepUpload, status: RwSignal<String>) {
    let Some(form) = root.query_selector("form[enctype]").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok()) else { return };
    let Some(input) = form.query_selector("input[type=file]").ok().flatten().and_then(|i| i.dyn_into::<HtmlInputElement>().ok()) else { return };
    let k_owner = k.owner.clone();
    EventListener::new_with_options(&form.clone(), "submit", EventListenerOptions::enable_prevent_default(), move |e| {
        let Some(file) = input.files().and_then(|l| l.get(0)) else {
            // No file chosen: the server's page says so, as without JavaScript.
            return;
        };
        e.prevent_default();
        let (form, k) = (form.clone(), k.clone());
        spawn_local(async move { send(&form, &k, file, status).await });
    })
    .forget();
    let _ = root.set_attribute("data-ready", "1");
    // What waits on this phone (files picked offline, other pages, a submit) goes now and when the network is back.
    let owner = std::rc::Rc::new(k_owner);
    let send = move || {
        let owner = owner.clone();
        spawn_local(async move {
            super::outbox::flush(&owner).await;
        });
    };
    send();
    EventListener::new(&super::window(), "online", move |_| send()).forget();
}

async fn send(form: &HtmlFormElement, k: &KeepUpload, file: web_sys::File, status: RwSignal<String>) {
    let l = k.lang;
    let (mut blob, mut name): (Blob, String) = (file.clone().into(), file.name());
    if let Some((smaller, from, to)) = smaller(&file, k).await {
        name = jpeg_name(&name);
        blob = smaller;
        status.set(Said::Downscaled { from, to }.message(l));
    }
    let head = head(&blob).await;
    if let Err(problem) = check(&name, &head, blob.size() as u64, k.max_bytes, &k.accept) {
        form::say(form, "file", Some(&problem.message(l, &k.name)), l);
        return;
    }
    form::say(form, "file", None, l);
    if online() {
        status.set(Said::Uploading { file: name.clone() }.message(l));
        let bar = Bar::of(form);
        bar.show(0.0);
        match upload(&k.draft, &k.material, k.back_to_check, &blob, &name, move |p| bar.show(p)).await {
            Uploaded::Went(to) => {
                let _ = super::window().location().assign(&to);
                return;
            }
            Uploaded::Failed => {}
        }
    }
    // Offline, or the upload broke off: kept on the device until the network is back.
    let rec = FileRec {
        key: format!("{}/{}/{}", k.owner, k.draft, k.material),
        owner: k.owner.clone(),
        draft: k.draft.clone(),
        material: k.material.clone(),
        name: name.clone(),
        back_to_check: k.back_to_check,
        blob,
    };
    if db::put(FILES, &rec).await.is_ok() {
        status.set(Said::FileHeld { file: name }.message(l));
    }
}

/// The page's progress bar (`components::file_upload`).
#[derive(Clone)]
struct Bar(Option<web_sys::Element>);

impl Bar {
    fn of(form: &HtmlFormElement) -> Self {
        Self(form.query_selector(".file-upload__progress").ok().flatten())
    }

    fn show(&self, percent: f64) {
        let Some(wrap) = &self.0 else { return };
        let _ = wrap.remove_attribute("hidden");
        // Whole percents, formatted as integers (float formatting would add kilobytes of WASM).
        let text = format!("{}%", percent as u32);
        if let Some(bar) = wrap.query_selector("progress").ok().flatten().and_then(|b| b.dyn_into::<web_sys::HtmlProgressElement>().ok()) {
            bar.set_value(percent);
            bar.set_text_content(Some(&text));
        }
        if let Ok(Some(label)) = wrap.query_selector(".file-upload__percent") {
            label.set_text_content(Some(&text));
        }
    }
}

/// The first bytes of a file, which say what it is.
async fn head(blob: &Blob) -> Vec<u8> {
    let Ok(part) = blob.slice_with_f64_and_f64(0.0, HEAD_BYTES as f64) else { return vec![] };
    match JsFuture::from(part.array_buffer()).await {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => vec![],
    }
}

/// `photo.png` → `photo.jpg`: a photo made smaller is a JPEG, and its name must say so.
fn jpeg_name(name: &str) -> String {
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    format!("{stem}.jpg")
}

/// A JPEG or PNG photo larger than the setting, drawn smaller on a canvas and encoded as JPEG: (blob, from, to).
/// `None` for anything else (a PDF, a small photo, a material that takes no JPEG, a browser that cannot).
async fn smaller(file: &web_sys::File, k: &KeepUpload) -> Option<(Blob, (u32, u32), (u32, u32))> {
    let photo = matches!(file.type_().as_str(), "image/jpeg" | "image/png");
    if !photo || !k.accept.contains(&FileType::Jpeg) {
        return None;
    }
    let w = super::window();
    let bitmap: web_sys::ImageBitmap = JsFuture::from(w.create_image_bitmap_with_blob(file).ok()?).await.ok()?.dyn_into().ok()?;
    let from = (bitmap.width(), bitmap.height());
    let Some(to) = k.downscale.fit(from.0, from.1) else {
        bitmap.close();
        return None;
    };
    let canvas: web_sys::HtmlCanvasElement = w.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(to.0);
    canvas.set_height(to.1);
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(to.0), f64::from(to.1)).ok()?;
    bitmap.close();
    let quality = k.downscale.quality;
    let made = js_sys::Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |b: JsValue| {
            let _ = if b.is_null() { reject.call1(&JsValue::NULL, &b) } else { resolve.call1(&JsValue::NULL, &b) };
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &JsValue::from_f64(quality));
    });
    let blob: Blob = JsFuture::from(made).await.ok()?.dyn_into().ok()?;
    Some((blob, from, to))
}
