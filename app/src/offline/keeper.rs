//! A section page or the delivery page with JavaScript: what is typed is kept in IndexedDB within a second,
//! checked beside each field as it is left (the server's own validation, so the words are the server's), and sent
//! to the server's draft when online (sections), so it survives a reload, a dead network, a closed tab, and can be
//! continued on another device. When both copies changed, the newer wins and the page says which.

use super::db::{self, DraftRec, DRAFTS};
use super::{form, online, Clock};
use crate::domain::form::definition::FormDef;
use crate::domain::form::keep::{KeepPage, KeptOutcome, Said};
use crate::domain::form::{post, Check};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use leptos::prelude::{RwSignal, Set};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlFormElement;

/// How long after the last keystroke the copy is written, and the longest typing goes unsaved while it goes on
/// (the "within a second").
const SAVE_AFTER_MS: u32 = 400;
const SAVE_AT_MOST_MS: f64 = 800.0;

struct Keeper {
    k: KeepPage,
    form: HtmlFormElement,
    clock: Clock,
    status: RwSignal<String>,
    /// Fields the person has left or changed: only their problems are shown before a post.
    touched: RefCell<BTreeSet<String>>,
    timer: RefCell<Option<Timeout>>,
    /// The page's own post is on its way (after the copy was kept).
    posting: Cell<bool>,
    /// When the oldest keystroke not yet written was typed (browser milliseconds).
    unsaved_since: Cell<Option<f64>>,
    /// A sync post is on its way; `again` when the copy changed meanwhile. One post at a time, in order, each
    /// from the base the last answer gave, so a slow network makes neither false conflicts nor lost typing.
    pushing: Cell<bool>,
    again: Cell<bool>,
}

/// Starts keeping the form inside `root`.
pub fn start(root: web_sys::Element, k: KeepPage, status: RwSignal<String>) {
    let Some(form) = root.query_selector("form").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok()) else { return };
    let root = root.clone();
    spawn_local(async move {
        let clock = Clock::from_page(k.now).await;
        let me = Rc::new(Keeper {
            k,
            form,
            clock,
            status,
            touched: Default::default(),
            timer: Default::default(),
            posting: Cell::new(false),
            unsaved_since: Cell::new(None),
            pushing: Cell::new(false),
            again: Cell::new(false),
        });
        super::outbox::OPEN.with(|o| o.borrow_mut().insert(me.key()));
        me.restore().await;
        listen(&me);
        // Ready: what was kept is back on the page and typing is being kept.
        let _ = root.set_attribute("data-ready", "1");
        // Typed before the script arrived: kept now.
        if form::read(&me.form) != form::read_defaults(&me.form) {
            me.save().await;
        }
        // What else waits on this phone (other pages, files, a submit) goes now.
        super::outbox::flush(&me.k.owner).await;
    });
}

impl Keeper {
    fn key(&self) -> String {
        format!("{}/{}/{}", self.k.owner, self.k.draft, self.k.page)
    }

    fn say(&self, said: Said) {
        self.status.set(said.message(self.k.lang));
    }

    /// Decides, on load, between this device's copy and the page the server made (see the README's "Drafts on
    /// the phone"): equal copies are in step; a server unchanged since the copy was made (or a page from the
    /// offline cache) gives way to the copy; when both changed, the newer edit wins and the page says so.
    async fn restore(&self) {
        if let Some(note) = db::take_note(&self.key()).await {
            self.status.set(note);
        }
        let Ok(Some(mut rec)) = db::get::<DraftRec>(DRAFTS, &self.key()).await else { return };
        let rendered = form::read(&self.form);
        let server = self.k.section_time as f64;
        if rec.posted && server >= rec.edited {
            // The page's 继续 arrived: the server's copy is this one, as it kept it.
            let _ = db::delete(DRAFTS, &self.key()).await;
            return;
        }
        if form::posted(&rec.values) == form::posted(&rendered) {
            rec.synced = true;
            rec.base = rec.base.max(server);
            let _ = db::put(DRAFTS, &rec).await;
            return;
        }
        if server <= rec.base {
            form::fill(&self.form, &rec.values);
            self.say(Said::Restored);
            if !rec.synced {
                self.push().await;
            }
            return;
        }
        if !rec.synced && rec.edited > server {
            form::fill(&self.form, &rec.values);
            rec.base = server;
            let _ = db::put(DRAFTS, &rec).await;
            self.say(Said::DeviceNewer);
            self.push().await;
            return;
        }
        // The server's is newer: it is on the page already.
        if !rec.synced {
            self.say(Said::ServerNewer);
        }
        let _ = db::delete(DRAFTS, &self.key()).await;
    }

    /// Keeps the form as it is now, and sends it when online.
    async fn save(&self) {
        self.unsaved_since.set(None);
        if self.keep(false).await.is_some() && online() {
            self.push().await;
        }
    }

    /// Writes the form as it is now; `sent` when the page's own post is about to carry it to the server.
    async fn keep(&self, sent: bool) -> Option<DraftRec> {
        let (values, edited, first_base) = (form::read(&self.form), self.clock.now(), self.k.section_time as f64);
        let (key, owner, draft, page) = (self.key(), self.k.owner.clone(), self.k.draft.clone(), self.k.page.clone());
        db::update::<DraftRec>(DRAFTS, &self.key(), move |old| {
            Some(DraftRec {
                key,
                owner,
                draft,
                page,
                values,
                edited,
                base: old.map(|o| o.base).unwrap_or(first_base),
                synced: false,
                posted: sent,
            })
        })
        .await
        .ok()
        .flatten()
    }

    /// Sends the kept copy to the server's draft (sections only): one post at a time, the newest copy each time.
    async fn push(&self) {
        if !self.k.sync {
            return;
        }
        if self.pushing.replace(true) {
            self.again.set(true);
            return;
        }
        loop {
            self.again.set(false);
            let Ok(Some(rec)) = db::get::<DraftRec>(DRAFTS, &self.key()).await else { break };
            if rec.synced {
                break;
            }
            match super::outbox::push(rec).await {
                Some(KeptOutcome::KeptOverOlder) => self.say(Said::DeviceNewer),
                // The page's own 继续 landed while this was on its way: it goes on, nothing to say.
                Some(KeptOutcome::ServerNewer) if self.posting.get() => break,
                Some(KeptOutcome::ServerNewer) => {
                    // The page shows what the server had when it was made: read it again, and say why.
                    let _ = db::put_note(&self.key(), &Said::ServerNewer.message(self.k.lang)).await;
                    let _ = super::window().location().reload();
                    break;
                }
                // Not sent (offline, the server away): the next edit or the network's return tries again.
                None => break,
                Some(KeptOutcome::Kept) => {}
            }
            if !self.again.get() {
                break;
            }
        }
        self.pushing.set(false);
    }

    /// The problems of the touched fields, by the server's own validation, beside them.
    fn check(&self) {
        let values = form::read(&self.form);
        let mut answers = self.k.context.clone();
        answers.extend(post::read_section(&self.k.section, &form::posted(&values)));
        let villages = villages(&self.form);
        let is_village = |v: &str| villages.contains(v);
        let check = Check { today: self.k.today, is_village: &is_village, lang: self.k.lang };
        let def = FormDef { item: String::new(), version: 0, sections: vec![self.k.section.clone()], materials: vec![], e_licence: false };
        let errors = crate::domain::form::validate(&def, Some(&self.k.section.id), &answers, &check);
        form::show(&self.form, &errors, &self.touched.borrow(), self.k.lang);
    }

    fn touch(&self, target: Option<web_sys::EventTarget>) {
        let name = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.get_attribute("name"));
        if let Some(field) = name.and_then(|n| form::field_of(&self.k.section, &n)) {
            self.touched.borrow_mut().insert(field);
        }
    }
}

/// The villages an address question offers (its drop-down's options): what validation accepts as one.
fn villages(form: &HtmlFormElement) -> BTreeSet<String> {
    let Ok(list) = form.query_selector_all("select option[value]") else { return BTreeSet::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("value"))
        .filter(|v| !v.is_empty())
        .collect()
}

fn listen(me: &Rc<Keeper>) {
    let typed = {
        let me = me.clone();
        move |_: &web_sys::Event| {
            let now = js_sys::Date::now();
            let since = *me.unsaved_since.get().get_or_insert(now);
            me.unsaved_since.set(Some(since));
            // Typing without a pause is still written within a second.
            let wait = if now - since >= SAVE_AT_MOST_MS { 0 } else { SAVE_AFTER_MS };
            let later = me.clone();
            *me.timer.borrow_mut() = Some(Timeout::new(wait, move || {
                let me = later.clone();
                spawn_local(async move { me.save().await });
                later.check();
            }));
        }
    };
    EventListener::new(&me.form, "input", typed.clone()).forget();
    EventListener::new(&me.form, "change", {
        let me = me.clone();
        move |e| {
            me.touch(e.target());
            typed(e);
        }
    })
    .forget();
    EventListener::new(&me.form, "focusout", {
        let me = me.clone();
        move |e| {
            me.touch(e.target());
            me.check();
        }
    })
    .forget();
    EventListener::new_with_options(&me.form, "submit", EventListenerOptions::enable_prevent_default(), {
        let me = me.clone();
        move |e| {
            if me.posting.get() {
                return;
            }
            e.prevent_default();
            me.timer.borrow_mut().take();
            let submitter = e.dyn_ref::<web_sys::SubmitEvent>().and_then(|s| s.submitter());
            let me = me.clone();
            spawn_local(async move {
                // Never held up by the phone's store: after a moment the post goes anyway.
                let keep = Box::pin(me.keep(online()));
                let _ = futures::future::select(keep, Box::pin(gloo_timers::future::TimeoutFuture::new(1_500))).await;
                if !online() {
                    me.say(Said::HeldOffline);
                    return;
                }
                // The post carries the copy (kept as posted), then the page posts as it would have.
                me.posting.set(true);
                let _ = me.form.request_submit_with_submitter(submitter.as_ref());
            });
        }
    })
    .forget();
    EventListener::new(&super::window(), "online", {
        let me = me.clone();
        move |_| {
            let me = me.clone();
            spawn_local(async move {
                me.push().await;
                super::outbox::flush(&me.k.owner).await;
            });
        }
    })
    .forget();
}
