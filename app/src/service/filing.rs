//! Online filing (网上申报) as workflows: start a draft from a catalogue item, keep each section's answers at its
//! 继续 (checked by `domain::form::validate`, the one validation), list and delete drafts, and submit once per key.

use crate::domain::accounts::Identity;
use crate::domain::cases::Delivery;
use crate::domain::form::definition::FormDef;
use crate::domain::form::{Answers, Check, Flash};
use crate::error::AppError;
use crate::i18n::{t, Key};
use crate::store::filing::{self as store, Draft};
use crate::store::Db;

/// The form a draft is filled on: its item's definition at the draft's version.
pub async fn form_of(db: &Db, d: &Draft) -> Result<FormDef, AppError> {
    let (item, _) = crate::store::catalogue::item(db, &d.item_code).await?.ok_or_else(|| AppError::NotFound(t(Key::ItemNotFound).into()))?;
    let def = crate::domain::form::library::form_for(&d.item_code, Some(d.form_version), &item.materials)
        .ok_or_else(|| AppError::internal(format!("draft {} names form version {} of {}", d.id, d.form_version, d.item_code)))?;
    Ok(match &d.proxy {
        Some(p) => p.form(def),
        None => def,
    })
}

/// The form a case was filed on.
pub async fn form_of_case(db: &Db, c: &store::CaseRow) -> Result<FormDef, AppError> {
    let (item, _) = crate::store::catalogue::item(db, &c.item_code).await?.ok_or_else(|| AppError::NotFound(t(Key::ItemNotFound).into()))?;
    let def = crate::domain::form::library::form_for(&c.item_code, Some(c.form_version), &item.materials)
        .ok_or_else(|| AppError::internal(format!("case {} names form version {} of {}", c.number, c.form_version, c.item_code)))?;
    Ok(match &c.proxy {
        Some(p) => p.form(def),
        None => def,
    })
}

/// Whom a draft or case is filed for, in words, when it is not the person themselves.
pub async fn filed_as(db: &Db, enterprise: Option<&str>, proxy: Option<&crate::domain::proxy::ProxyFor>) -> Result<Option<String>, AppError> {
    let l = crate::i18n::lang();
    if let Some(uscc) = enterprise {
        let name = crate::store::enterprise::get(db, uscc).await?.map(|e| e.name).unwrap_or_default();
        return Ok(Some(l.pick(format!("以企业名义申请：{name}（统一社会信用代码 {uscc}）"), format!("Filed as the enterprise {name} (USCC {uscc})"))));
    }
    Ok(proxy.map(|p| l.pick(format!("代办：为村民 {} 申请", p.villager.name), format!("Proxy filing for the villager {}", p.villager.name))))
}

/// For whom a new application is started.
#[derive(Clone, Debug, PartialEq)]
pub enum For {
    Myself,
    /// As this enterprise (its USCC): the asker must be a member, and it verified.
    Enterprise(String),
    /// By a proxy agent for a villager.
    Villager(crate::domain::proxy::ProxyFor),
}

/// [`start`] for `whom`: an enterprise's draft starts with its USCC in the form's credit-code fields; a proxy
/// agent's with the villager's name, ID number and phone in the applicant section.
pub async fn start_for(db: &Db, who: &Identity, item: &str, key: Option<&str>, whom: For, now: i64) -> Result<Draft, AppError> {
    if let For::Enterprise(uscc) = &whom {
        crate::service::enterprise::ensure_files_as(db, who, uscc, item).await?;
    }
    let mut d = start(db, who, item, key, now).await?;
    // A start sent twice opens the draft it made; it is marked once.
    if whom == For::Myself || d.version > 0 || d.enterprise.is_some() || d.proxy.is_some() {
        return Ok(d);
    }
    let def = form_of(db, &d).await?;
    let answers = match &whom {
        For::Enterprise(uscc) => def
            .fields()
            .filter(|f| matches!(f.kind, crate::domain::form::definition::FieldKind::CreditCode))
            .map(|f| (f.id.clone(), crate::domain::form::Value::One(uscc.clone())))
            .collect(),
        For::Villager(p) => p.prefill(&def),
        For::Myself => Answers::new(),
    };
    let (enterprise, proxy) = match whom {
        For::Enterprise(u) => (Some(u), None),
        For::Villager(p) => (None, Some(p)),
        For::Myself => (None, None),
    };
    store::set_filer(db, &d.id, &who.account_id, enterprise.as_deref(), proxy.as_ref(), &answers).await?;
    (d.enterprise, d.proxy, d.answers) = (enterprise, proxy, answers);
    Ok(d)
}

/// The catalogue item `item` and its newest form. `NotFound` for an unknown item.
async fn newest_form(db: &Db, item: &str) -> Result<(crate::domain::catalogue::ServiceItem, FormDef), AppError> {
    let (i, _) = crate::store::catalogue::item(db, item).await?.ok_or_else(|| AppError::NotFound(t(Key::ItemNotFound).into()))?;
    let def = crate::domain::form::library::form_for(&i.code, None, &i.materials).ok_or_else(|| AppError::internal("no form"))?;
    Ok((i, def))
}

/// Starts an application for `item` on its newest form. `key` is the start page's (a random id it made): the same
/// start sent twice (a double tap, a retry) opens the one draft it made. `NotFound` for an unknown item.
pub async fn start(db: &Db, who: &Identity, item: &str, key: Option<&str>, now: i64) -> Result<Draft, AppError> {
    let (i, def) = newest_form(db, item).await?;
    if let Some(key) = key.filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())) {
        if let Some(d) = store::create_draft(db, key, &who.account_id, &i.code, def.version, now).await? {
            return Ok(d);
        }
        // Made by this start a moment ago: that draft. (Anyone else's id, or one since submitted: a new draft.)
        if let Some(d) = store::draft_of(db, key, &who.account_id).await?.filter(|d| d.item_code == i.code) {
            return Ok(d);
        }
    }
    store::create_draft(db, &crate::store::new_id(), &who.account_id, &i.code, def.version, now).await?.ok_or_else(|| AppError::internal("draft id taken"))
}

/// The asker's draft `id` (`NotFound` for anyone else's, so a draft's existence is not revealed).
pub async fn mine(db: &Db, who: &Identity, id: &str) -> Result<Draft, AppError> {
    store::draft_of(db, id, &who.account_id).await?.filter(|d| usable(who, d)).ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()))
}

/// Whether `who` may open draft `d` (`domain::cases::access::may_use_draft`): a proxy draft only while its agent holds
/// the role at its station.
fn usable(who: &Identity, d: &Draft) -> bool {
    crate::domain::cases::access::may_use_draft(who, &d.account_id, d.enterprise.as_deref(), d.proxy.as_ref().map(|p| p.station.as_str()))
}

/// Runs `f` with what validation checks against: today, the county's villages, the reader's language.
async fn with_check<R>(db: &Db, now: i64, f: impl FnOnce(&Check) -> R) -> Result<R, sqlx::Error> {
    let mut villages: Vec<String> = crate::store::network::villages(db).await?.into_iter().map(|v| v.code).collect();
    villages.sort_unstable();
    let is_village = |v: &str| villages.binary_search_by(|x| x.as_str().cmp(v)).is_ok();
    let check = Check { today: crate::domain::booking::civil_at(now).date(), is_village: &is_village, lang: crate::i18n::lang() };
    Ok(f(&check))
}

/// The problems with `answers` (one section's, or all).
pub(crate) async fn problems(db: &Db, def: &FormDef, section: Option<&str>, answers: &Answers, now: i64) -> Result<Vec<crate::domain::form::FieldError>, sqlx::Error> {
    with_check(db, now, |c| crate::domain::form::validate(def, section, answers, c)).await
}

/// Keeps the answers to one section of the asker's draft: what was typed is kept whatever it is (nothing typed is
/// lost), and the section's problems come back as `Invalid` with an error on each field, for its page.
pub async fn save_section(db: &Db, who: &Identity, id: &str, section: &str, typed: Answers, now: i64) -> Result<Draft, AppError> {
    let mut d = mine(db, who, id).await?;
    let def = form_of(db, &d).await?;
    let s = def.section(section).ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()))?;
    put_section(&mut d, s, &typed, now);
    if !store::save_draft(db, &d, now).await? {
        // Submitted or deleted meanwhile (another tab): say so rather than pretend it was kept.
        return Err(AppError::NotFound(t(Key::DraftNotFound).into()));
    }
    let errors = problems(db, &def, Some(section), &d.answers, now).await?;
    if errors.is_empty() {
        Ok(d)
    } else {
        Err(AppError::Invalid(Flash { form: crate::domain::form::page::flash_form(id, section), values: Default::default(), errors }))
    }
}

/// Puts `typed` as the answers to section `s` of `d`, changed `at`.
fn put_section(d: &mut Draft, s: &crate::domain::form::definition::Section, typed: &Answers, at: i64) {
    for f in &s.fields {
        match typed.get(&f.id) {
            Some(v) => d.answers.insert(f.id.clone(), v.clone()),
            None => d.answers.remove(&f.id),
        };
    }
    d.section_times.insert(s.id.clone(), at);
}

/// Keeps what a browser typed on a section page, sent by its sync (issue 17): unchecked, like a draft (the 继续 and
/// the submit check it). `base` is the section's server time the browser's copy started from, `edited` when it was
/// last edited (on the server's clock, as the browser reckons it). A section changed elsewhere after that edit is
/// not overwritten (`ServerNewer`); see [`Kept::decide`].
#[allow(clippy::too_many_arguments)]
pub async fn keep_typed(
    db: &Db,
    who: &Identity,
    id: &str,
    section: &str,
    posted: &std::collections::BTreeMap<String, String>,
    base: i64,
    edited: i64,
    now: i64,
) -> Result<crate::domain::form::keep::Kept, AppError> {
    use crate::domain::form::keep::{Kept, KeptOutcome};
    // An edit dated in the future (a phone's clock astray) counts as now.
    let edited = edited.min(now);
    // Read, decide, write only if no one wrote meanwhile; a few tries when two devices sync at once.
    for _ in 0..5 {
        let mut d = mine(db, who, id).await?;
        let def = form_of(db, &d).await?;
        // A section's questions, or `None` for the delivery page's.
        let asked = match section {
            DELIVERY => None,
            _ => Some(def.section(section).cloned().ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()))?),
        };
        let server = d.section_times.get(section).copied().unwrap_or(0);
        let outcome = Kept::decide(server, base, edited);
        if outcome == KeptOutcome::ServerNewer {
            return Ok(Kept { outcome, section_time: server, now });
        }
        match asked {
            Some(s) => put_section(&mut d, &s, &crate::domain::form::post::read_section(&s, posted), edited),
            None => {
                put_delivery(db, &mut d, posted, edited, now).await?;
            }
        }
        if store::save_draft_unchanged(db, &d, now).await? {
            return Ok(Kept { outcome, section_time: edited, now });
        }
    }
    Err(AppError::Busy(t(Key::Busy).to_string()))
}

/// The case a submit key made, if it is the asker's (only its own applicant learns where a key's case is).
/// A case filed at the counter is the walk-in's; the clerk who filed it learns it too: (number, at the counter).
async fn case_of_key(db: &Db, who: &Identity, key: &str) -> Result<Option<(String, bool)>, sqlx::Error> {
    let Some(number) = store::case_for_key(db, key).await? else { return Ok(None) };
    let Some(c) = store::case_by_number(db, &number).await? else { return Ok(None) };
    if c.at_counter {
        let filer = crate::store::cases::trace(db, &number).await?.first().map(|r| r.actor.account_id.clone());
        return Ok((filer.as_deref() == Some(&who.account_id)).then_some((c.number, true)));
    }
    // Its applicant's side: the applicant, a member of its enterprise, or the agent who filed it.
    Ok(crate::domain::cases::access::side(who, c.held()).is_some().then_some((c.number, false)))
}

/// [`save_section`] from a plain form post: every input of the section page by its name (`domain::form::post`).
pub async fn save_posted(db: &Db, who: &Identity, id: &str, section: &str, posted: &std::collections::BTreeMap<String, String>, now: i64) -> Result<Draft, AppError> {
    let d = mine(db, who, id).await?;
    let def = form_of(db, &d).await?;
    let s = def.section(section).ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()))?;
    save_section(db, who, id, section, crate::domain::form::post::read_section(s, posted), now).await
}

/// (id, name) of the service points that handle `item`: where its result can be collected.
async fn handling_points(db: &Db, item: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    Ok(crate::store::points::handling_item(db, item).await?.0.into_iter().map(|p| (p.id, p.name)).collect())
}

/// Keeps how the result is to be delivered, from the delivery page's post (the questions of
/// [`Delivery::form`], checked by the one validation). A bad answer keeps what was typed in the flash.
pub async fn save_delivery_posted(db: &Db, who: &Identity, id: &str, posted: &std::collections::BTreeMap<String, String>, now: i64) -> Result<Draft, AppError> {
    let mut d = mine(db, who, id).await?;
    let errors = put_delivery(db, &mut d, posted, now, now).await?;
    if !store::save_draft(db, &d, now).await? {
        return Err(AppError::NotFound(t(Key::DraftNotFound).into()));
    }
    if d.delivery.is_none() {
        return Err(AppError::Invalid(Flash { form: crate::domain::form::page::flash_form(id, "delivery"), values: posted.clone(), errors }));
    }
    Ok(d)
}

/// Puts the delivery page's inputs into `d`, changed `at`: what was typed is kept whatever it is, and the delivery
/// itself when it is complete and right (`None` otherwise). Its problems.
async fn put_delivery(
    db: &Db,
    d: &mut Draft,
    posted: &std::collections::BTreeMap<String, String>,
    at: i64,
    now: i64,
) -> Result<Vec<crate::domain::form::FieldError>, AppError> {
    let def = form_of(db, d).await?;
    let section = Delivery::form(&handling_points(db, &d.item_code).await?, def.e_licence, crate::i18n::lang());
    let typed = crate::domain::form::post::read_section(&section, posted);
    let one = FormDef { sections: vec![section], materials: vec![], ..def };
    let errors = problems(db, &one, None, &typed, now).await?;
    d.delivery = Delivery::from_answers(&one.asked(&typed)).filter(|_| errors.is_empty());
    d.delivery_typed = typed;
    d.section_times.insert(DELIVERY.into(), at);
    Ok(errors)
}

/// The delivery page's name among a draft's pages (its section times, the browser's sync).
const DELIVERY: &str = "delivery";

/// Deletes the asker's draft, its uploads and the files no one else's upload refers to.
pub async fn delete(db: &Db, files: &crate::store::files::Files, who: &Identity, id: &str) -> Result<(), AppError> {
    mine(db, who, id).await?;
    match store::delete_draft(db, id, &who.account_id).await? {
        Some(gone) => forget_files(db, files, &gone).await,
        None => Err(AppError::NotFound(t(Key::DraftNotFound).into())),
    }
}

/// Submits the asker's draft once: the whole form is checked again (the server's answer is the one that counts),
/// then the case is made with its receipt date. A retry of a key already used, from any tab, answers that case's
/// number, even after the draft is gone. `Invalid` lists every problem left.
pub async fn submit(st: &crate::service::AppState, who: &Identity, id: &str, key: &str, now: i64) -> Result<String, AppError> {
    Ok(submit_case(st, who, id, key, now).await?.0)
}

/// [`submit`], saying whether the case was filed at the counter (a clerk's draft for someone else).
pub async fn submit_case(st: &crate::service::AppState, who: &Identity, id: &str, key: &str, now: i64) -> Result<(String, bool), AppError> {
    let (db, cut_off) = (&st.db, st.filing.cut_off);
    if let Some(done) = case_of_key(db, who, key).await? {
        return Ok(done);
    }
    let Some(mut d) = store::draft_of(db, id, &who.account_id).await?.filter(|d| d.submit_key == key) else {
        // A submit of the same key from another tab may have made the case, and removed the draft, a moment ago.
        return case_of_key(db, who, key).await?.ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()));
    };
    let def = form_of(db, &d).await?;
    // Answers to questions no longer asked (an agent's ID number after switching to 本人办理) are not sent.
    d.answers = def.asked(&d.answers);
    let mut errors = problems(db, &def, None, &d.answers, now).await?;
    if d.proxy.as_ref().is_some_and(|p| !p.consented()) {
        let l = crate::i18n::lang();
        errors.push(crate::domain::form::FieldError { field: "consent".into(), message: l.pick("村民尚未确认授权：请让村民把短信验证码告诉您，并在“村民授权”页填写", "The villager has not consented yet: enter the code from their text message on the consent page").into() });
    }
    if let Some(uscc) = &d.enterprise {
        crate::service::enterprise::ensure_files_as(db, who, uscc, &d.item_code).await?;
    }
    if let Some(p) = &d.proxy {
        errors.extend(p.not_the_villager(&def, &d.answers, crate::i18n::lang()));
    }
    let uploaded: Vec<String> = store::uploads_of_draft(db, &d.id).await?.into_iter().map(|u| u.material).collect();
    errors.extend(def.missing_materials(&uploaded, crate::i18n::lang()));
    if d.delivery.is_none() {
        errors.push(crate::domain::form::FieldError { field: "delivery".into(), message: t(Key::ChooseDelivery).into() });
    }
    let refused = |errors| AppError::Invalid(Flash { form: crate::domain::form::page::flash_form(id, "check"), values: Default::default(), errors });
    let Some(delivery) = d.delivery.clone().filter(|_| errors.is_empty()) else {
        // A submit of the same key in another tab may have made the case meanwhile, taking the draft's files with
        // it: that case is the answer, not the problems of the half-moved draft.
        if let Some(done) = case_of_key(db, who, key).await? {
            return Ok(done);
        }
        return Err(refused(errors));
    };
    let calendar = crate::store::calendar::load(db).await?;
    let receipt = crate::domain::cases::receipt_date(&calendar, crate::domain::booking::civil_at(now), cut_off);
    let required: Vec<String> = def.required_materials().map(|m| m.id.clone()).collect();
    let filed = crate::service::cases::filed(st, who, &d, &delivery, now).await?;
    let counter = filed.counter;
    match store::submit(db, &d, &delivery, receipt, &required, &filed, now).await? {
        store::Submitted::Case(number) => Ok((number, counter)),
        store::Submitted::DraftGone => case_of_key(db, who, key).await?.ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into())),
        // A file removed at the same moment: the materials still there are the ones not missing.
        store::Submitted::Missing(missing) => {
            let there: Vec<String> = required.into_iter().filter(|m| !missing.contains(m)).collect();
            Err(refused(def.missing_materials(&there, crate::i18n::lang())))
        }
    }
}

/// Removes from the store those of these files no upload refers to any more (with their thumbnails). A failure
/// leaves a file behind, never loses one in use.
pub(crate) async fn forget_files(db: &Db, files: &crate::store::files::Files, sha256s: &[String]) -> Result<(), AppError> {
    for sha in store::unused_files(db, sha256s).await? {
        if let Err(e) = files.remove(&sha).await {
            tracing::warn!(error = %e, sha, "removing an unused file");
        }
    }
    Ok(())
}

/// The drafts' round: tells the owners of drafts untouched for `DRAFT_KEEP_DAYS - DRAFT_WARN_DAYS` days, once,
/// that they will be removed (SMS and notice), and removes those untouched for `DRAFT_KEEP_DAYS`. (told, removed).
pub async fn run_jobs(db: &Db, files: &crate::store::files::Files, now: i64) -> Result<(usize, u64), AppError> {
    use crate::domain::cases::{DRAFT_KEEP_DAYS, DRAFT_WARN_DAYS};
    let day = 86_400;
    let idle_days = DRAFT_KEEP_DAYS - DRAFT_WARN_DAYS;
    let before = now - idle_days * day;
    let mut told = 0;
    for d in store::idle_drafts(db, before).await? {
        // Told and marked together: a crash between the two can neither lose the warning nor send it twice.
        let mut tx = db.begin().await?;
        if store::mark_warned(&mut tx, &d.id, before, now).await? {
            let on = crate::domain::booking::civil_at(d.updated_at + DRAFT_KEEP_DAYS * day).date();
            let on = format!("{}年{}月{}日", chrono::Datelike::year(&on), chrono::Datelike::month(&on), chrono::Datelike::day(&on));
            let body = crate::domain::sms::Sms::DraftExpiring { item: &d.item_name, idle_days, on: &on }.text(crate::i18n::Lang::Zh);
            // An enterprise's draft: whoever started it while still a member, else the administrator.
            let (to, phone) = match &d.enterprise {
                Some(uscc) => {
                    let to = crate::service::enterprise::hears(&mut tx, uscc, &d.account_id).await?;
                    let phone = crate::store::cases::applicant_phone(&mut tx, &to).await?;
                    (to, phone)
                }
                None => (d.account_id.clone(), d.phone.clone()),
            };
            crate::service::notify::tell_in(&mut tx, crate::service::notify::About::Filing, &to, &phone, &body, "/drafts", now).await?;
            told += 1;
        }
        tx.commit().await?;
    }
    // Only drafts whose owner was told at least the warning's days ago go.
    let (removed, gone) = store::remove_idle(db, now - DRAFT_KEEP_DAYS * day, now - DRAFT_WARN_DAYS * day).await?;
    forget_files(db, files, &gone).await?;
    Ok((told, removed))
}

/// An application's pages, opened: the application in progress, or the case it became.
pub enum Opened {
    Draft(Box<crate::domain::form::page::ApplicationView>),
    /// Submitted already (the back button, a bookmark, another tab): its pages lead to this case.
    Submitted(String),
}

/// The asker's application `id` as its pages show it (the form at its version, the answers, the task list), or
/// the case it became once submitted. `NotFound` for a draft that is not theirs.
pub async fn application(
    db: &Db,
    who: &Identity,
    id: &str,
    flash: Flash,
    towns: Vec<crate::domain::points::TownOption>,
    (max_upload_bytes, downscale): (u64, crate::domain::form::keep::Downscale),
    now: i64,
) -> Result<Opened, AppError> {
    let d = match mine(db, who, id).await {
        Ok(d) => d,
        Err(AppError::NotFound(m)) => {
            // Submitted: the case, for whoever is on its applicant's side now.
            let number = store::case_from_draft(db, id, &who.account_id).await?;
            let case = match &number {
                Some(n) => store::case_by_number(db, n).await?,
                None => None,
            };
            return case.filter(|c| crate::domain::cases::access::side(who, c.held()).is_some()).map(|c| Opened::Submitted(c.number)).ok_or(AppError::NotFound(m));
        }
        Err(e) => return Err(e),
    };
    let def = form_of(db, &d).await?;
    let item_name = crate::store::catalogue::item(db, &d.item_code).await?.map(|(i, _)| i.name).unwrap_or_default();
    let tasks = task_list(db, &def, &d, now).await?;
    let points = handling_points(db, &d.item_code).await?;
    let uploads = store::uploads_of_draft(db, &d.id).await?;
    Ok(Opened::Draft(Box::new(crate::domain::form::page::ApplicationView {
        draft: d.id,
        item_code: d.item_code,
        item_name,
        form: def,
        answers: d.answers,
        delivery: d.delivery,
        tasks,
        submit_key: d.submit_key,
        flash,
        towns,
        points,
        uploads: uploads
            .into_iter()
            .map(|u| crate::domain::form::page::UploadLine {
                id: u.id,
                material: u.material,
                file_name: u.file_name,
                file_type: u.file_type,
                bytes: u.bytes,
                thumbnail: u.thumbnail,
            })
            .collect(),
        max_upload_bytes,
        owner: owner_key(&who.account_id),
        downscale,
        section_times: d.section_times,
        delivery_typed: d.delivery_typed,
        now,
        filed_as: filed_as(db, d.enterprise.as_deref(), d.proxy.as_ref()).await?,
        consent_needed: d.proxy.as_ref().is_some_and(|p| !p.consented()),
    })))
}

/// What names an account's drafts in a browser's store: a digest, so the page does not carry the account's id.
fn owner_key(account_id: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("palm-drafts:{account_id}").as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

async fn task_list(db: &Db, def: &FormDef, d: &Draft, now: i64) -> Result<Vec<crate::domain::form::progress::Task>, sqlx::Error> {
    let uploaded: Vec<String> = store::uploads_of_draft(db, &d.id).await?.into_iter().map(|u| u.material).collect();
    with_check(db, now, |c| crate::domain::form::progress::tasks(def, &d.answers, &uploaded, d.delivery.is_some(), c)).await
}

/// The items with an online form of their own, (code, name) in the catalogue's order: the home page's way in.
pub async fn online_items(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    for code in crate::domain::form::library::items_with_forms() {
        if let Some((i, _)) = crate::store::catalogue::item(db, code).await? {
            out.push((i.code, i.name));
        }
    }
    Ok(out)
}

/// The start page of an application for `item`: what it asks, and the asker's unfinished drafts of it.
pub async fn start_page(db: &Db, who: &Identity, item: &str, max_upload_bytes: u64, now: i64) -> Result<crate::domain::form::page::StartView, AppError> {
    let (i, def) = newest_form(db, item).await?;
    let drafts = my_drafts(db, who, now).await?.into_iter().filter(|d| d.item_code == i.code).collect();
    Ok(crate::domain::form::page::StartView {
        item_code: i.code,
        item_name: i.name,
        promised_days: i.promised_days,
        sections: def.sections.iter().map(|s| s.title.clone()).collect(),
        materials: def.materials,
        max_upload_bytes,
        start_key: crate::store::new_id(),
        drafts,
        enterprises: if i.audience.serves(crate::domain::catalogue::Audience::Enterprise) { crate::service::enterprise::may_file_as(db, who).await? } else { vec![] },
    })
}

/// 我的草稿: the asker's drafts, most recently changed first, with how far each has got.
pub async fn my_drafts(db: &Db, who: &Identity, now: i64) -> Result<Vec<crate::domain::form::page::DraftLine>, AppError> {
    let lang = crate::i18n::lang();
    let mut out = Vec::new();
    for d in store::drafts_of(db, &who.account_id).await?.into_iter().filter(|d| usable(who, d)) {
        let def = form_of(db, &d).await?;
        let tasks = task_list(db, &def, &d, now).await?;
        let item_name = crate::store::catalogue::item(db, &d.item_code).await?.map(|(i, _)| i.name).unwrap_or_default();
        out.push(crate::domain::form::page::DraftLine {
            id: d.id,
            item_code: d.item_code.clone(),
            item_name,
            changed: crate::domain::booking::civil_at(d.updated_at).format(lang.pick("%Y年%m月%d日 %H:%M", "%-d %B %Y, %H:%M")).to_string(),
            done: tasks.iter().filter(|t| t.status == crate::domain::form::progress::TaskStatus::Done).count(),
            tasks: tasks.len() - 1,
            filed_as: filed_as(db, d.enterprise.as_deref(), d.proxy.as_ref()).await?,
        });
    }
    Ok(out)
}

pub(crate) fn case_line(c: store::CaseRow) -> crate::domain::form::page::CaseLine {
    let lang = crate::i18n::lang();
    let at = crate::domain::booking::civil_at(c.submitted_at);
    let receipt = chrono::NaiveDate::parse_from_str(&c.receipt_date, "%Y-%m-%d").unwrap_or(at.date());
    crate::domain::form::page::CaseLine {
        receipt: crate::domain::cases::receipt_words(lang, at, receipt),
        submitted: at.format(lang.pick("%Y年%m月%d日 %H:%M", "%-d %B %Y, %H:%M")).to_string(),
        number: c.number,
        item_name: c.item_name,
        state: c.state,
        expected: String::new(),
        filed_as: None,
    }
}

/// Whom a case was filed as or by, in the words of its applicant's side.
pub async fn case_filed_as(db: &Db, c: &store::CaseRow) -> Result<Option<String>, AppError> {
    let l = crate::i18n::lang();
    if c.enterprise.is_some() {
        return filed_as(db, c.enterprise.as_deref(), None).await;
    }
    match &c.agent_id {
        Some(agent) => {
            let name = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, agent).await?.map(|a| a.display_name).unwrap_or_default();
            let station = match &c.proxy {
                Some(p) => crate::store::points::get(db, &p.station).await?.map(|s| s.name).unwrap_or_default(),
                None => String::new(),
            };
            Ok(Some(l.pick(format!("由{station}代办员 {name} 代为申请"), format!("Filed for you by the proxy agent {name}, {station}"))))
        }
        None => Ok(None),
    }
}

/// One of the asker's cases (`NotFound` for anyone else's: the number is not a secret, the case is).
pub async fn my_case(db: &Db, who: &Identity, number: &str) -> Result<crate::domain::form::page::CaseLine, AppError> {
    match store::case_by_number(db, number).await? {
        Some(c) if crate::domain::cases::access::side(who, c.held()).is_some() => {
            let filed_as = case_filed_as(db, &c).await?;
            Ok(crate::domain::form::page::CaseLine { filed_as, ..case_line(c) })
        }
        _ => Err(AppError::NotFound(t(Key::CaseNotFound).into())),
    }
}

/// Keeps the file `body` as the asker's upload for `material` of draft `id`: streamed into the file store (never
/// whole in memory), checked by content, size and type, then recorded, replacing an earlier file. Problems come
/// back as `Invalid` with the message on `file`, for the material's page.
#[allow(clippy::too_many_arguments)]
pub async fn upload<E: std::fmt::Display>(
    db: &Db,
    filing: &crate::service::Filing,
    who: &Identity,
    id: &str,
    material: &str,
    file_name: &str,
    body: impl futures::Stream<Item = Result<leptos::server_fn::Bytes, E>> + Unpin,
    now: i64,
) -> Result<store::UploadRow, AppError> {
    let d = mine(db, who, id).await?;
    let def = form_of(db, &d).await?;
    let spec = def.materials.iter().find(|m| m.id == material).ok_or_else(|| AppError::NotFound(t(Key::DraftNotFound).into()))?;
    let flash = crate::domain::form::page::flash_form(id, &format!("m:{material}"));
    let row = receive_file(db, filing, spec, &flash, file_name, body).await?.into_row(d.id, &who.account_id, material, file_name, now);
    match store::put_upload(db, &row).await? {
        Some(replaced) => forget_files(db, &filing.files, &replaced.into_iter().collect::<Vec<_>>()).await?,
        None => {
            forget_files(db, &filing.files, std::slice::from_ref(&row.sha256)).await?;
            return Err(AppError::NotFound(t(Key::DraftNotFound).into()));
        }
    }
    Ok(row)
}

/// A file received and kept in the file store, not yet recorded as anyone's upload.
pub(crate) struct Received {
    stored: crate::store::files::Stored,
    file_type: crate::domain::form::definition::FileType,
    thumbnail: bool,
}

impl Received {
    /// The upload row of this file: `account_id`'s for `material` under `draft_id` (a draft, or a case's round of
    /// corrections).
    pub(crate) fn into_row(self, draft_id: String, account_id: &str, material: &str, file_name: &str, now: i64) -> store::UploadRow {
        store::UploadRow {
            id: crate::store::new_id(),
            draft_id,
            case_number: None,
            account_id: account_id.to_string(),
            material: material.into(),
            // Shown back to its owner and the case's staff only, always escaped; a path never comes from it.
            file_name: file_name.chars().filter(|c| !c.is_control()).take(100).collect(),
            file_type: self.file_type,
            bytes: self.stored.bytes,
            sha256: self.stored.sha256,
            thumbnail: self.thumbnail,
            uploaded_at: now,
        }
    }
}

/// A material's file streamed into the file store (never whole in memory) and checked by content, size and type
/// against `spec`, with its thumbnail made. Problems come back as `Invalid` with the message on `file`, for the form
/// `flash`; a refused file is not kept.
pub(crate) async fn receive_file<E: std::fmt::Display>(
    db: &Db,
    filing: &crate::service::Filing,
    spec: &crate::domain::form::definition::MaterialSpec,
    flash: &str,
    file_name: &str,
    body: impl futures::Stream<Item = Result<leptos::server_fn::Bytes, E>> + Unpin,
) -> Result<Received, AppError> {
    use crate::domain::form::upload::{check, UploadProblem, HEAD_BYTES};
    use crate::store::files::PutError;
    let refuse = |p: UploadProblem| AppError::Invalid(Flash::new(flash).with_error("file", p.message(crate::i18n::lang(), &spec.name)));
    if file_name.is_empty() {
        return Err(refuse(UploadProblem::NoFile));
    }
    let limit = filing.max_upload_bytes;
    let stored = match filing.files.put_stream(body, limit, HEAD_BYTES).await {
        Ok(s) => s,
        Err(PutError::TooLarge) => return Err(refuse(UploadProblem::TooLarge { limit })),
        Err(PutError::Body(e)) => return Err(AppError::internal(format!("upload broke off: {e}"))),
        Err(PutError::Store(e)) => return Err(AppError::internal(format!("file store: {e}"))),
    };
    let file_type = match check(file_name, &stored.head, stored.bytes, limit, &spec.accept) {
        Ok(t) => t,
        Err(p) => {
            if stored.bytes > 0 {
                forget_files(db, &filing.files, std::slice::from_ref(&stored.sha256)).await?;
            }
            return Err(refuse(p));
        }
    };
    let thumbnail = match filing.files.make_thumbnail(&stored.sha256, file_type).await {
        Ok(made) => made,
        Err(e) => {
            tracing::warn!(error = %e, "thumbnail");
            false
        }
    };
    Ok(Received { stored, file_type, thumbnail })
}

/// Removes the asker's file for `material` of draft `id`.
pub async fn remove_upload(db: &Db, files: &crate::store::files::Files, who: &Identity, id: &str, material: &str, now: i64) -> Result<(), AppError> {
    mine(db, who, id).await?;
    let removed = store::remove_upload(db, id, &who.account_id, material, now).await?;
    forget_files(db, files, &removed.into_iter().collect::<Vec<_>>()).await
}

/// An uploaded file, for the person who may see it: its applicant, or staff who may see its case (each staff read
/// recorded in the audit). Anyone else gets `NotFound`, as if there were no such file.
pub async fn open_upload(
    db: &Db,
    filing: &crate::service::Filing,
    who: &Identity,
    upload_id: &str,
    thumbnail: bool,
    now: i64,
) -> Result<(store::UploadRow, futures::stream::BoxStream<'static, Result<leptos::server_fn::Bytes, object_store::Error>>), AppError> {
    let missing = || AppError::NotFound(t(Key::FileNotFound).into());
    let u = store::upload_by_id(db, upload_id).await?.ok_or_else(missing)?;
    let case = match &u.case_number {
        Some(n) => store::case_by_number(db, n).await?,
        None => None,
    };
    use crate::domain::cases::access::{side, Side};
    // A draft's files are whoever sees the draft's (its owner, or its enterprise's members); a correction round's,
    // who supplied them; a case's, its applicant's side (an agent's until it is completed) and its handling staff's.
    let own = match &case {
        Some(c) => matches!(side(who, c.held()), Some(Side::Applicant | Side::Agent { masked: false, .. })),
        None => mine(db, who, &u.draft_id).await.is_ok() || (u.account_id == who.account_id && u.draft_id.contains('#')),
    };
    if !own {
        let staff = case.as_ref().is_some_and(|c| crate::domain::cases::access::staff_may_see(who, c.held()));
        if !staff {
            return Err(missing());
        }
        crate::store::audit::record_read(db, &who.account_id, "material", &format!("{} {}", u.case_number.clone().unwrap_or_default(), u.material), now).await?;
    }
    let body = if thumbnail && u.thumbnail { filing.files.thumbnail(&u.sha256).await } else { filing.files.get(&u.sha256).await };
    let body = body.map_err(AppError::internal)?;
    Ok((u, body))
}
