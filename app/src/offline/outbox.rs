//! What waits on this device to be sent, and sending it: a section's copy (to `api::filing::keep_section`), a file
//! picked offline (to `upload_material`), a submit made offline (to `submit_application`, with its idempotency key:
//! however often it is sent, one case). Posts are sent without `Accept: text/html`, so the server answers a page's
//! redirect with its `Location` and no redirect is followed: a failed post's message waits in the session for the
//! page it names, as without JavaScript.

use super::db::{self, DraftRec, FileRec, OutRec, DRAFTS, FILES, OUTBOX};
use crate::domain::form::keep::{Kept, KeptOutcome, Said};
use gloo_net::http::Request;
use leptos::server_fn::ServerFn;
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Names the posted fields the sync adds itself (never taken from the form's copy).
const OWN: [&str; 6] = ["id", "section", "sync_base", "sync_edited", "back_to_check", "add_row"];

/// Sends a section's copy to the server's draft. `None` when it could not be sent (offline, signed out, the
/// server away); the copy then stays unsent for the next try.
pub async fn push(rec: DraftRec) -> Option<KeptOutcome> {
    let section = crate::domain::form::keep::page_key(&rec.page).to_string();
    let params = web_sys::UrlSearchParams::new().ok()?;
    for (k, v) in rec.values.iter().filter(|(k, _)| !OWN.contains(&k.as_str())) {
        params.append(k, v);
    }
    params.append("id", &rec.draft);
    params.append("section", &section);
    params.append("sync_base", &(rec.base as i64).to_string());
    params.append("sync_edited", &(rec.edited as i64).to_string());
    let url = crate::api::filing::KeepSection::url();
    let resp = Request::post(&url).header("Accept", "application/json").body(params).ok()?.send().await.ok()?;
    if resp.status() == 404 {
        // Submitted or deleted meanwhile: there is nothing left to keep it for.
        let _ = db::delete(DRAFTS, &rec.key).await;
        return None;
    }
    if !resp.ok() {
        return None;
    }
    let kept: Kept = serde_json::from_str(&resp.text().await.ok()?).ok()?;
    let _ = db::put_meta("clock", kept.now as f64 - js_sys::Date::now() / 1000.0).await;
    if kept.outcome == KeptOutcome::ServerNewer {
        let _ = db::delete(DRAFTS, &rec.key).await;
        return Some(kept.outcome);
    }
    // Typing went on while this was on its way: only the copy that was sent is marked as the server's (read and
    // written in one transaction, so a keystroke's write comes before or after, never between).
    let _ = db::update::<DraftRec>(DRAFTS, &rec.key, |now| {
        now.map(|mut now| {
            now.synced = now.synced || now.values == rec.values;
            now.base = kept.section_time as f64;
            now
        })
    })
    .await;
    Some(kept.outcome)
}

/// How an upload ended.
pub enum Uploaded {
    /// The server answered: where its page would go next (the list of materials, or the material's page with
    /// the problem).
    Went(String),
    /// It never reached the server.
    Failed,
}

/// Uploads `blob` as the file of `material`, reporting progress (0–100) as it goes (XMLHttpRequest: fetch has no
/// upload progress).
pub async fn upload(draft: &str, material: &str, back_to_check: bool, blob: &web_sys::Blob, name: &str, progress: impl Fn(f64) + 'static) -> Uploaded {
    let sent = async {
        let data = web_sys::FormData::new()?;
        data.append_with_str("id", draft)?;
        data.append_with_str("material", material)?;
        if back_to_check {
            data.append_with_str("back_to_check", "1")?;
        }
        data.append_with_blob_and_filename("file", blob, name)?;
        let xhr = web_sys::XmlHttpRequest::new()?;
        xhr.open_with_async("POST", &crate::api::filing::UploadMaterial::url(), true)?;
        let on_progress = Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                progress((e.loaded() / e.total() * 100.0).floor());
            }
        });
        xhr.upload()?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        let done = js_sys::Promise::new(&mut |resolve, reject| {
            xhr.set_onload(Some(&resolve));
            xhr.set_onerror(Some(&reject));
            xhr.set_onabort(Some(&reject));
        });
        xhr.send_with_opt_form_data(Some(&data))?;
        JsFuture::from(done).await?;
        drop(on_progress);
        Ok::<_, wasm_bindgen::JsValue>((xhr.status()?, xhr.get_response_header("Location")?))
    };
    match sent.await {
        Ok((status, Some(to))) if status < 400 => Uploaded::Went(to),
        _ => Uploaded::Failed,
    }
}

/// How the server answered a submit.
enum Answer {
    /// Where the page goes: the case's confirmation, the check page with what is missing ("" for 我的办件: neither
    /// the draft nor a case of this key is the asker's any more).
    Goes(String),
    /// Something else (signed out, a server error).
    Other,
}

/// Sends a submit. `None` when it never reached the server.
async fn submit_answer(rec: &OutRec) -> Option<Answer> {
    let params = web_sys::UrlSearchParams::new().ok()?;
    params.append("id", &rec.draft);
    params.append("key", &rec.key);
    let url = crate::api::filing::SubmitApplication::url();
    let resp = Request::post(&url).body(params).ok()?.send().await.ok()?;
    if resp.status() == 404 {
        return Some(Answer::Goes(String::new()));
    }
    Some(match resp.headers().get("Location").filter(|_| resp.ok()) {
        Some(to) => Answer::Goes(to),
        None => Answer::Other,
    })
}

/// Sends a submit made offline. `Some(where the page goes)` when the server answered with a page.
async fn submit(rec: &OutRec) -> Option<String> {
    match submit_answer(rec).await? {
        Answer::Goes(to) => Some(to),
        Answer::Other => None,
    }
}

/// One result of sending the outbox.
pub struct Sent {
    pub draft: String,
    pub said: Said,
    /// Where the result can be seen.
    pub href: String,
}

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
    /// The pages open here with their own keeper (`keeper::start`): their copies are sent by it, one post at a
    /// time, not by [`flush`].
    pub static OPEN: std::cell::RefCell<std::collections::BTreeSet<String>> = Default::default();
}

/// Sends everything of `owner` that waits on this device: sections' copies, files, then submits (after the files
/// and sections they may need). One run at a time per page; a run that finds one already going does nothing.
pub async fn flush(owner: &str) -> Vec<Sent> {
    if !super::online() || SENDING.with(|s| s.replace(true)) {
        return vec![];
    }
    let mut out = Vec::new();
    for rec in db::all::<DraftRec>(DRAFTS, Some(owner)).await.unwrap_or_default() {
        if !rec.synced && !OPEN.with(|o| o.borrow().contains(&rec.key)) {
            push(rec).await;
        }
    }
    for f in db::all::<FileRec>(FILES, Some(owner)).await.unwrap_or_default() {
        if let Uploaded::Went(_) = upload(&f.draft, &f.material, f.back_to_check, &f.blob, &f.name, |_| {}).await {
            let _ = db::delete(FILES, &f.key).await;
        }
    }
    for rec in db::all::<OutRec>(OUTBOX, Some(owner)).await.unwrap_or_default() {
        let Some(to) = submit(&rec).await else { continue };
        let _ = db::delete(OUTBOX, &rec.key).await;
        let said = match to.strip_prefix("/cases/") {
            Some(case) => Said::Submitted { item: rec.item.clone(), case: case.to_string() },
            None => Said::SubmitRefused { item: rec.item.clone() },
        };
        let href = if to.is_empty() { "/cases".to_string() } else { to };
        out.push(Sent { draft: rec.draft.clone(), said, href });
    }
    SENDING.with(|s| s.set(false));
    out
}

/// What waits of `owner`'s: the submits, and how many files.
pub async fn waiting(owner: &str) -> (Vec<OutRec>, usize) {
    let submits = db::all::<OutRec>(OUTBOX, Some(owner)).await.unwrap_or_default();
    let files = db::all::<FileRec>(FILES, Some(owner)).await.map(|f| f.len()).unwrap_or(0);
    (submits, files)
}

/// Sign-out: sends what waits (every owner's: only the signed-in person's can go), then deletes the database when
/// nothing is left unsent. What could not be sent stays until the signed-out page deletes it (the sign-out went
/// through) or the person tries again (it did not).
pub async fn before_sign_out() {
    // A send already running (a photo going up) finishes first.
    while SENDING.with(|s| s.get()) {
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    let mut owners: Vec<String> = db::all::<DraftRec>(DRAFTS, None).await.unwrap_or_default().into_iter().map(|r| r.owner).collect();
    owners.extend(db::all::<OutRec>(OUTBOX, None).await.unwrap_or_default().into_iter().map(|r| r.owner));
    owners.extend(db::all::<FileRec>(FILES, None).await.unwrap_or_default().into_iter().map(|r| r.owner));
    owners.sort();
    owners.dedup();
    for owner in &owners {
        flush(owner).await;
    }
    let unsent = db::all::<DraftRec>(DRAFTS, None).await.unwrap_or_default().iter().any(|r| !r.synced)
        || !db::all::<OutRec>(OUTBOX, None).await.unwrap_or_default().is_empty()
        || !db::all::<FileRec>(FILES, None).await.unwrap_or_default().is_empty();
    if !unsent {
        let _ = db::destroy().await;
    }
}

/// The outbox island: says what waits, sends it on load and when the network comes back, and on the check page
/// holds a submit made offline.
pub fn start(
    root: web_sys::Element,
    owner: String,
    lang: crate::i18n::Lang,
    submit: Option<crate::domain::form::keep::Submit>,
    waiting_lines: leptos::prelude::RwSignal<Vec<String>>,
    sent_lines: leptos::prelude::RwSignal<Vec<(String, String)>>,
) {
    use gloo_events::{EventListener, EventListenerOptions};
    use leptos::prelude::{Set, Update};
    use std::rc::Rc;
    use wasm_bindgen_futures::spawn_local;
    let owner = Rc::new(owner);
    let refresh = {
        let owner = owner.clone();
        move || {
            let owner = owner.clone();
            spawn_local(async move {
                let (submits, files) = waiting(&owner).await;
                let mut lines: Vec<String> = submits.into_iter().map(|s| Said::SubmitWaiting { item: s.item }.message(lang)).collect();
                if files > 0 {
                    lines.push(Said::FilesWaiting { count: files }.message(lang));
                }
                waiting_lines.set(lines);
            });
        }
    };
    let send = {
        let (owner, refresh, here) = (owner.clone(), refresh.clone(), submit.as_ref().map(|s| s.draft.clone()));
        move || {
            let (owner, refresh, here) = (owner.clone(), refresh.clone(), here.clone());
            spawn_local(async move {
                for s in flush(&owner).await {
                    // This page's own application went: on to its case.
                    if here.as_deref() == Some(s.draft.as_str()) && matches!(s.said, Said::Submitted { .. }) {
                        let _ = super::window().location().assign(&s.href);
                    }
                    sent_lines.update(|l| l.push((s.said.message(lang), s.href)));
                }
                refresh();
            });
        }
    };
    refresh();
    send();
    let _ = root.set_attribute("data-ready", "1");
    EventListener::new(&super::window(), "online", {
        let send = send.clone();
        move |_| send()
    })
    .forget();
    let Some(submit) = submit else { return };
    let Some(form) = root.query_selector("form").ok().flatten() else { return };
    // The submit is sent from here, not by the browser: when it cannot reach the server (offline, or a network that
    // is up but goes nowhere) it waits in the outbox instead of ending on an error page.
    let sending = std::rc::Rc::new(Cell::new(false));
    EventListener::new_with_options(&form.clone(), "submit", EventListenerOptions::enable_prevent_default(), move |e| {
        e.prevent_default();
        if sending.replace(true) {
            return;
        }
        let rec = OutRec {
            key: submit.key.clone(),
            owner: owner.to_string(),
            draft: submit.draft.clone(),
            item: submit.item.clone(),
            queued: js_sys::Date::now() / 1000.0,
        };
        let (refresh, sending, form) = (refresh.clone(), sending.clone(), form.clone());
        spawn_local(async move {
            // Kept first: leaving the page or a network that goes nowhere cannot lose it (the key makes a
            // second send harmless).
            let _ = db::put(OUTBOX, &rec).await;
            if super::online() {
                let sent = Box::pin(self::submit_answer(&rec));
                let limit = Box::pin(gloo_timers::future::TimeoutFuture::new(10_000));
                match futures::future::select(sent, limit).await {
                    futures::future::Either::Left((Some(Answer::Goes(to)), _)) => {
                        let _ = db::delete(OUTBOX, &rec.key).await;
                        let _ = super::window().location().assign(if to.is_empty() { "/cases" } else { &to });
                        return;
                    }
                    // The server answered without saying where to go (signed out, an error): the page's own post
                    // shows what it says.
                    futures::future::Either::Left((Some(Answer::Other), _)) => {
                        let _ = db::delete(OUTBOX, &rec.key).await;
                        if let Some(f) = form.dyn_ref::<web_sys::HtmlFormElement>() {
                            let _ = f.submit();
                        }
                        return;
                    }
                    _ => {}
                }
            }
            refresh();
            sending.set(false);
        });
    })
    .forget();
}

/// The sign-out island: on sign-out, sends what waits and deletes the database, then signs out (at most a few
/// seconds: a slow network must not keep a person from signing out of a shared phone; the signed-out page deletes
/// the database again in any case).
pub fn sign_out(root: web_sys::Element, lang: crate::i18n::Lang, status: leptos::prelude::RwSignal<String>) {
    use futures::future::select;
    use gloo_events::{EventListener, EventListenerOptions};
    use leptos::prelude::Set;
    let Some(form) = root.query_selector("form").ok().flatten().and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
    let _ = root.set_attribute("data-ready", "1");
    let going = std::rc::Rc::new(Cell::new(false));
    EventListener::new_with_options(&form.clone(), "submit", EventListenerOptions::enable_prevent_default(), move |e| {
        e.prevent_default();
        if !super::online() {
            // Signing out needs the server; nothing is deleted from the phone before it can be sent.
            status.set(Said::SignOutOffline.message(lang));
            return;
        }
        if going.replace(true) {
            return;
        }
        status.set(Said::SigningOut.message(lang));
        let form = form.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let work = Box::pin(before_sign_out());
            let limit = Box::pin(gloo_timers::future::TimeoutFuture::new(8_000));
            // At most a few seconds: then the sign-out goes, and the signed-out page deletes the database.
            let _ = select(work, limit).await;
            let _ = form.submit();
        });
    })
    .forget();
}
