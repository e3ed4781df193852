//! Case processing (办件, issue 18) as workflows: where a submitted case goes, each step staff take (accept, ask
//! once for corrections, refuse, decide, complete, deliver, give to a colleague), the applicant's corrections, the
//! pages that show a case to its applicant, to the public lookup and to staff, and filing at the counter.
//!
//! Every step is one transaction: the case's new state (written only on the version it was decided on), its row
//! in the trace (留痕), and the applicant's message when it concerns them.

use crate::domain::accounts::{Identity, Role};
use crate::domain::cases::access::{acting_role, staff_may_see, Held};
use crate::domain::cases::deadline::{self, Dates};
use crate::domain::cases::lifecycle::{next, CaseState, Event};
use crate::domain::cases::page::*;
use crate::domain::cases::{date_words, Carrier, CorrectionItem, CounterFor, Deferred, Delivery, Shipment, Target};
use crate::domain::form::page::UploadLine;
use crate::domain::form::{FieldError, Flash};
use crate::error::AppError;
use crate::i18n::{lang, t, Key};
use crate::service::AppState;
use crate::store::cases::{self as store, Actor, TraceRow};
use crate::store::filing::{CaseRow, Draft, Filed, UploadRow};
use crate::store::Db;
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn not_found() -> AppError {
    AppError::NotFound(t(Key::CaseNotFound).into())
}

fn civil_day(at: i64) -> NaiveDate {
    crate::domain::booking::civil_at(at).date()
}

fn when_words(at: i64) -> String {
    crate::domain::booking::civil_at(at).format(lang().pick("%Y年%m月%d日 %H:%M", "%-d %B %Y, %H:%M")).to_string()
}

fn receipt_of(c: &CaseRow) -> NaiveDate {
    NaiveDate::parse_from_str(&c.receipt_date, "%Y-%m-%d").unwrap_or_else(|_| civil_day(c.submitted_at))
}

fn held(c: &CaseRow) -> Held<'_> {
    c.held()
}

async fn case(db: &Db, number: &str) -> Result<CaseRow, AppError> {
    crate::store::filing::case_by_number(db, number).await?.ok_or_else(not_found)
}

/// The signature of a tracking link for `number` (HMAC with the server's `PALM_SECRET`): who holds it sees the
/// case's steps without personal data.
pub fn signature(secret: &[u8], number: &str) -> String {
    crate::service::sign(secret, &format!("track:{number}"))
}

/// The absolute, signed tracking link of a case, from configuration (never from a request).
pub fn track_link(st: &AppState, number: &str) -> String {
    crate::service::absolute_url(&st.public_url, &format!("/track/{number}?s={}", signature(&st.secret, number)))
}

/// Whether `sig` is the signature of `number`'s tracking link (compared in constant time).
pub fn signed(st: &AppState, number: &str, sig: &str) -> bool {
    crate::service::same(&signature(&st.secret, number), sig)
}

/// The dates of a case on `today`.
fn dates_of(calendar: &crate::domain::calendar::WorkCalendar, st: &AppState, c: &CaseRow, steps: &[(i64, Event)], today: NaiveDate) -> Dates {
    let trace: Vec<(NaiveDate, Event)> = steps.iter().map(|(at, e)| (civil_day(*at), *e)).collect();
    let promised = if c.immediate { 0 } else { c.promised_days };
    deadline::dates(calendar, st.filing.deadlines, receipt_of(c), promised, c.state, &trace, today)
}

/// The due date in words, for staff.
fn due_words(d: &Dates) -> String {
    match (d.due, d.paused) {
        (_, true) => "暂停计时（申请人补正中）".into(),
        (Some(due), _) => {
            let left = d.days_left.unwrap_or(0);
            let phase = if d.phase == Some(deadline::Phase::Acceptance) { "受理" } else { "办结" };
            let tail = if left < 0 { format!("已超期{}个工作日", -left) } else { format!("剩余{left}个工作日") };
            format!("{phase}期限 {}（{tail}）", date_words(crate::i18n::Lang::Zh, due))
        }
        (None, false) => "—".into(),
    }
}

/// The expected completion in words, for the applicant.
fn expected_words(c: &CaseRow, d: &Dates) -> String {
    let l = lang();
    match (c.state, d.expected, d.paused) {
        (CaseState::Refused, _, _) => l.pick("不予受理，办理结束", "Not accepted: this case is closed").into(),
        (CaseState::Completed | CaseState::Delivered, _, _) => l.pick("已办结", "Completed").into(),
        (_, _, true) => l.pick("补正期间暂停计时，补正后重新计算", "The clock stops while you correct; it restarts when you send the corrections").into(),
        (_, Some(e), _) => date_words(l, e),
        _ => "—".into(),
    }
}

fn upload_line(u: UploadRow) -> UploadLine {
    UploadLine { id: u.id, material: u.material, file_name: u.file_name, file_type: u.file_type, bytes: u.bytes, thumbnail: u.thumbnail }
}

/// What a step says, line by line (the applicant sees these too, so no staff-only facts are here).
fn step_lines(r: &TraceRow) -> Vec<String> {
    let l = lang();
    let mut out = Vec::new();
    let d = &r.detail;
    let s = |k: &str| d.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    match r.event {
        Event::RequestCorrection => {
            let items: Vec<CorrectionItem> = serde_json::from_value(d.get("items").cloned().unwrap_or_default()).unwrap_or_default();
            for (i, it) in items.iter().enumerate() {
                out.push(l.pick(
                    format!("{}. {}：{}。{}", i + 1, it.label, it.problem, it.bring),
                    format!("{}. {}: {}. {}", i + 1, it.label, it.problem, it.bring),
                ));
            }
        }
        Event::Refuse => {
            out.push(l.pick(format!("理由：{}", s("reason")), format!("Reason: {}", s("reason"))));
            out.push(l.pick(format!("依据：{}", s("basis")), format!("Legal basis: {}", s("basis"))));
        }
        Event::Deny => out.push(l.pick(format!("理由：{}", s("reason")), format!("Reason: {}", s("reason")))),
        Event::AcceptDeferred => {
            let materials: Vec<String> = serde_json::from_value(d.get("materials").cloned().unwrap_or_default()).unwrap_or_default();
            out.push(l.pick(format!("容缺材料：{}，请于{}前补交", materials.join("、"), s("by")), format!("To follow: {}, by {}", materials.join(", "), s("by"))));
        }
        Event::Resubmit | Event::SupplyDeferred => {
            if let Some(w) = d.get("written").and_then(|v| v.as_object()) {
                for (label, text) in w {
                    out.push(format!("{label}：{}", text.as_str().unwrap_or_default()));
                }
            }
        }
        Event::Deliver => {
            if let Some(c) = Carrier::parse(&s("carrier")) {
                out.push(l.pick(format!("{}，运单号{}", c.label(l), s("tracking")), format!("{}, tracking number {}", c.label(l), s("tracking"))));
            } else if !s("way").is_empty() {
                out.push(s("way"));
            }
        }
        _ => {}
    }
    if !r.comment.is_empty() && r.event != Event::Assign {
        out.push(l.pick(format!("说明：{}", r.comment), format!("Note: {}", r.comment)));
    }
    out
}

/// A case's timeline as a viewer sees it: staff see who did each step and every file; the applicant their own
/// files; the public neither.
async fn steps(db: &Db, trace: &[TraceRow], staff: bool, files: bool) -> Result<Vec<StepLine>, AppError> {
    let mut out = Vec::new();
    for r in trace.iter().filter(|r| staff || r.event != Event::Assign) {
        let mut lines = if staff || r.event != Event::Resubmit { step_lines(r) } else { vec![] };
        if r.event == Event::Assign && staff {
            lines.push(format!("转交给：{}", r.detail.get("to_name").and_then(|v| v.as_str()).unwrap_or_default()));
        }
        let mut attached = Vec::new();
        if files {
            for id in &r.attachments {
                if let Some(u) = crate::store::filing::upload_by_id(db, id).await? {
                    attached.push(upload_line(u));
                }
            }
        }
        out.push(StepLine {
            event: r.event,
            label: r.event.label(lang()).into(),
            at: when_words(r.at),
            // The applicant's side acts online (a member for an enterprise, an agent for a villager).
            place: if matches!(r.actor.role, Role::Citizen | Role::EnterpriseMember | Role::ProxyAgent) && r.actor.place.is_empty() {
                lang().pick("网上", "Online").into()
            } else {
                r.actor.place.clone()
            },
            by: staff.then(|| format!("{}（{}）", r.actor.name, r.actor.role.zh())),
            lines: if staff || r.event.tells_applicant() || r.event == Event::Submit { lines } else { vec![] },
            files: attached,
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------------------
// Where a submitted case goes.

/// Where a draft's case goes and who filed it: online, the draft's owner's case at the point they collect the
/// result from (else the first point that handles the item); at the counter, the walk-in's case at the clerk's
/// point, with an SMS to the walk-in's mobile.
pub(crate) async fn filed(st: &AppState, who: &Identity, d: &Draft, delivery: &Delivery, now: i64) -> Result<Filed, AppError> {
    let db = &st.db;
    let (item, _) = crate::store::catalogue::item(db, &d.item_code).await?.ok_or_else(|| AppError::NotFound(t(Key::ItemNotFound).into()))?;
    let handling: Vec<String> = crate::store::points::handling_item(db, &d.item_code).await?.0.into_iter().map(|p| p.id).collect();
    let today = civil_day(now).to_string();
    match (&d.counter, &d.proxy) {
        (Some(CounterFor { mobile, point }), _) => {
            let applicant = crate::store::accounts::citizen_for_phone(db, mobile, now).await?;
            let place = store::place_of(db, &who.account_id, &today, point).await?;
            let (st, item_name) = (st.clone(), item.name.clone());
            let text = move |number: &str| {
                let url = track_link(&st, number);
                crate::domain::sms::Sms::CaseFiledAtCounter { number, item: &item_name, url: &url }.text(crate::i18n::Lang::Zh)
            };
            Ok(Filed {
                applicant: applicant.id,
                point: point.clone(),
                department: item.department,
                counter: true,
                by: Actor { account_id: who.account_id.clone(), name: who.display_name.clone(), role: Role::WindowStaff, place },
                tell: Some((mobile.clone(), std::sync::Arc::new(text))),
                enterprise: None,
                agent: None,
            })
        }
        (None, Some(p)) => {
            // A proxy agent's draft becomes the villager's case, filed from the agent's station.
            if !who.has(Role::ProxyAgent, Some(&p.station)) {
                return Err(AppError::Forbidden(t(Key::NoPermission).into()));
            }
            let applicant = match &p.villager.phone {
                Some(phone) => crate::store::accounts::citizen_for_phone(db, phone, now).await?.id,
                None => crate::store::proxy::phoneless_villager(db, &p.villager.name, now).await?,
            };
            let point = match delivery {
                Delivery::Window { point } if handling.contains(point) => point.clone(),
                _ => handling.first().cloned().unwrap_or_else(|| crate::domain::points::COUNTY_HALL.to_string()),
            };
            let station = crate::store::points::get(db, &p.station).await?.map(|s| s.name).unwrap_or_default();
            let tell = p.villager.phone.clone().map(|phone| {
                let (st, item_name, agent) = (st.clone(), item.name.clone(), who.display_name.clone());
                let text = move |number: &str| {
                    let url = track_link(&st, number);
                    crate::domain::sms::Sms::ProxyFiled { number, item: &item_name, agent: &agent, url: &url }.text(crate::i18n::Lang::Zh)
                };
                (phone, std::sync::Arc::new(text) as std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>)
            });
            Ok(Filed {
                applicant,
                point,
                department: item.department,
                counter: false,
                by: Actor { account_id: who.account_id.clone(), name: who.display_name.clone(), role: Role::ProxyAgent, place: station },
                tell,
                enterprise: None,
                agent: Some((who.account_id.clone(), p.clone())),
            })
        }
        (None, None) => {
            let point = match delivery {
                Delivery::Window { point } if handling.contains(point) => point.clone(),
                _ => handling.first().cloned().unwrap_or_else(|| crate::domain::points::COUNTY_HALL.to_string()),
            };
            let name = crate::store::accounts::real_name(db, &who.account_id).await?.unwrap_or_else(|| who.display_name.clone());
            Ok(Filed {
                applicant: who.account_id.clone(),
                point,
                department: item.department,
                counter: false,
                by: Actor { account_id: who.account_id.clone(), name, role: if d.enterprise.is_some() { Role::EnterpriseMember } else { Role::Citizen }, place: String::new() },
                tell: None,
                enterprise: d.enterprise.clone(),
                agent: None,
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Staff steps.

/// What a member of staff posts with a step.
#[derive(Clone, Debug, Default)]
pub struct StepInput {
    pub comment: String,
    /// 不予受理 / 不予许可: why.
    pub reason: String,
    /// 不予受理: the legal basis.
    pub basis: String,
    /// 容缺受理: the deferred materials (ids) and the date to supply them by.
    pub deferred: Vec<String>,
    pub by: String,
    /// 一次性告知: the points, by target key.
    pub items: Vec<CorrectionItem>,
    /// 送达 by post.
    pub carrier: String,
    pub tracking: String,
    /// 转交: the colleague's account.
    pub to: String,
}

/// A step's facts from its form post, by name: `comment`, `reason`, `basis`, `by`, `carrier`, `tracking`, `to`;
/// `defer:{material}` for each deferred material; and for each correction point picked (`pick:{m:id|f:id}`), its
/// `problem:{key}` and `bring:{key}`, named as the case's form names the material or field.
pub async fn step_input(db: &Db, number: &str, posted: &BTreeMap<String, String>) -> Result<StepInput, AppError> {
    let c = case(db, number).await?;
    let def = crate::service::filing::form_of_case(db, &c).await?;
    let get = |k: &str| posted.get(k).cloned().unwrap_or_default();
    let mut items = Vec::new();
    // A point counts when ticked, or when its problem or remedy was written (nothing typed is dropped unseen).
    let mut keys: Vec<&str> = posted
        .iter()
        .filter(|(k, v)| k.starts_with("pick:") || ((k.starts_with("problem:") || k.starts_with("bring:")) && !v.trim().is_empty()))
        .filter_map(|(k, _)| k.split_once(':').map(|(_, key)| key))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let label = match Target::parse_key(key) {
            Some(Target::Material(id)) => def.materials.iter().find(|m| m.id == id).map(|m| (Target::Material(id), m.name.clone())),
            Some(Target::Field(id)) => def.fields().find(|f| f.id == id).map(|f| (Target::Field(id), f.label.clone())),
            None => None,
        };
        if let Some((target, label)) = label {
            items.push(CorrectionItem { target, label, problem: get(&format!("problem:{key}")).trim().into(), bring: get(&format!("bring:{key}")).trim().into() });
        }
    }
    Ok(StepInput {
        comment: get("comment"),
        reason: get("reason"),
        basis: get("basis"),
        deferred: posted.keys().filter_map(|k| k.strip_prefix("defer:")).map(str::to_string).collect(),
        by: get("by"),
        items,
        carrier: get("carrier"),
        tracking: get("tracking"),
        to: get("to"),
    })
}

/// The flash form of a step's post on case `number`.
pub fn step_form(number: &str, event: Event) -> String {
    format!("case:{number}:{}", event.code())
}

/// Takes one step on a case as `who`: the step must be theirs to take (else `Forbidden`; a case they may not see is
/// `NotFound`), legal in the case's state (else `Refused`), and its facts right (else `Invalid`, on its fields).
pub async fn act(st: &AppState, who: &Identity, number: &str, event: Event, input: StepInput, now: i64) -> Result<CaseRow, AppError> {
    let db = &st.db;
    let c = case(db, number).await?;
    if !staff_may_see(who, held(&c)) {
        return Err(not_found());
    }
    let Some(role) = acting_role(who, held(&c), event).filter(|r| *r != Role::Citizen) else {
        return Err(AppError::Forbidden(t(Key::NoPermission).into()));
    };
    let Some(to) = next(c.state, event, c.immediate) else {
        return Err(AppError::Refused(format!("该办件当前为“{}”，不能{}。请刷新页面查看最新状态。", c.state.label(crate::i18n::Lang::Zh), event.label(crate::i18n::Lang::Zh))));
    };
    let trace = store::trace(db, number).await?;
    if event == Event::RequestCorrection && !crate::domain::cases::lifecycle::correction_allowed(c.state, &trace.iter().map(|r| r.event).collect::<Vec<_>>()) {
        return Err(AppError::Refused("已经一次性告知过补正内容，不能再次要求补正。补正后仍不符合要求的，请作出不予受理（或不予许可）决定。".into()));
    }
    if matches!(event, Event::Approve | Event::Complete) && c.deferred.as_ref().is_some_and(|d| !d.supplied) {
        return Err(AppError::Refused("容缺受理的材料尚未补齐，补齐后才能准予或办结。".into()));
    }
    let mut after = c.clone();
    after.state = to;
    let form = step_form(number, event);
    let mut errors: Vec<FieldError> = Vec::new();
    let mut err = |field: &str, message: &str| errors.push(FieldError { field: field.into(), message: message.into() });
    let comment: String = input.comment.trim().chars().take(500).collect();
    let mut detail = serde_json::Map::new();
    let def = crate::service::filing::form_of_case(db, &c).await?;
    match event {
        Event::AcceptDeferred => {
            // Only materials the catalogue marks 可容缺 may follow later.
            let deferrable = |m: &&crate::domain::form::definition::MaterialSpec| m.requirement == crate::domain::catalogue::Requirement::Deferrable;
            let names: Vec<String> = def.materials.iter().filter(deferrable).filter(|m| input.deferred.contains(&m.id)).map(|m| m.name.clone()).collect();
            if names.is_empty() || names.len() != input.deferred.len() {
                err("deferred", "请选择容缺的材料（只有标明“可容缺”的材料可以后补）");
            }
            let today = civil_day(now);
            match NaiveDate::parse_from_str(input.by.trim(), "%Y-%m-%d") {
                Ok(by) if by > today => {
                    detail.insert("materials".into(), serde_json::json!(names));
                    detail.insert("by".into(), serde_json::json!(date_words(crate::i18n::Lang::Zh, by)));
                    after.deferred = Some(Deferred { materials: input.deferred.clone(), by, supplied: false });
                    detail.insert("ids".into(), serde_json::json!(input.deferred));
                }
                Ok(_) => err("by", "补交期限必须晚于今天"),
                Err(_) => err("by", "请填写补交期限，格式如 2026-12-31"),
            }
        }
        Event::RequestCorrection => {
            if input.items.is_empty() {
                err("items", "请至少选择一项需要补正的材料或内容");
            }
            for it in &input.items {
                let key = it.target.key();
                if it.problem.trim().is_empty() {
                    err(&format!("problem:{key}"), &format!("请填写“{}”存在的问题", it.label));
                }
                if it.bring.trim().is_empty() {
                    err(&format!("bring:{key}"), &format!("请填写“{}”需要补充或更正的内容", it.label));
                }
                if it.problem.chars().count() > crate::domain::cases::CORRECTION_TEXT_MAX || it.bring.chars().count() > crate::domain::cases::CORRECTION_TEXT_MAX {
                    err(&format!("problem:{key}"), &format!("“{}”的说明不能超过{}个字", it.label, crate::domain::cases::CORRECTION_TEXT_MAX));
                }
            }
            detail.insert("items".into(), serde_json::json!(input.items));
            after.correction = input.items.clone();
        }
        Event::Refuse => {
            if input.reason.trim().is_empty() {
                err("reason", "请填写不予受理的理由");
            }
            if input.basis.trim().is_empty() {
                err("basis", "请填写不予受理的法律依据");
            }
            detail.insert("reason".into(), serde_json::json!(input.reason.trim()));
            detail.insert("basis".into(), serde_json::json!(input.basis.trim()));
        }
        Event::Deny => {
            if input.reason.trim().is_empty() {
                err("reason", "请填写不予许可的理由");
            }
            detail.insert("reason".into(), serde_json::json!(input.reason.trim()));
        }
        Event::Deliver => match &c.delivery {
            Delivery::Post { .. } => {
                let carrier = Carrier::parse(&input.carrier);
                let tracking = crate::domain::cases::tracking_number(&input.tracking);
                if carrier.is_none() {
                    err("carrier", "请选择快递公司");
                }
                if tracking.is_none() {
                    err("tracking", "请填写运单号：8至30位字母或数字");
                }
                if let (Some(carrier), Some(tracking)) = (carrier, tracking) {
                    detail.insert("carrier".into(), serde_json::json!(carrier.code()));
                    detail.insert("tracking".into(), serde_json::json!(tracking));
                    after.shipment = Some(Shipment { carrier, tracking });
                }
            }
            Delivery::Window { .. } => {
                detail.insert("way".into(), serde_json::json!("窗口领取"));
            }
            Delivery::Electronic => {
                detail.insert("way".into(), serde_json::json!("电子证照已发放"));
            }
        },
        Event::Assign => {
            let colleagues = store::colleagues(db, &c.point_id, &c.department).await?;
            match colleagues.iter().find(|(id, _)| *id == input.to) {
                Some((id, name)) => {
                    detail.insert("to".into(), serde_json::json!(id));
                    detail.insert("to_name".into(), serde_json::json!(name));
                    after.assigned_to = Some(id.clone());
                }
                None => err("to", "请选择本窗口的同事"),
            }
        }
        _ => {}
    }
    if !errors.is_empty() {
        let mut values = BTreeMap::new();
        for (k, v) in [("comment", &input.comment), ("reason", &input.reason), ("basis", &input.basis), ("by", &input.by), ("carrier", &input.carrier), ("tracking", &input.tracking)] {
            values.insert(k.to_string(), v.clone());
        }
        for it in &input.items {
            let key = it.target.key();
            values.insert(format!("pick:{key}"), "1".into());
            values.insert(format!("problem:{key}"), it.problem.clone());
            values.insert(format!("bring:{key}"), it.bring.clone());
        }
        return Err(AppError::Invalid(Flash { form, values, errors }));
    }
    // Whoever takes a step on an unassigned case is handling it.
    if after.assigned_to.is_none() && role == Role::WindowStaff {
        after.assigned_to = Some(who.account_id.clone());
    }
    if matches!(event, Event::Accept | Event::AcceptDeferred) && after.state == CaseState::Completed {
        // A 即办件 is decided and completed at acceptance.
        detail.insert("immediate".into(), serde_json::json!(true));
    }
    let place = store::place_of(db, &who.account_id, &civil_day(now).to_string(), &c.point_id).await?;
    let actor = Actor { account_id: who.account_id.clone(), name: who.display_name.clone(), role, place };
    let detail = serde_json::Value::Object(detail);
    let url = track_link(st, number);
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !store::update(&mut tx, &after, c.version).await? {
        tx.rollback().await?;
        return Err(AppError::Refused("该办件刚刚被其他工作人员处理过，请刷新页面查看最新状态后再操作。".into()));
    }
    store::append(&mut tx, number, event, to, &actor, &comment, &detail, &[], now).await?;
    if event.tells_applicant() {
        tell_applicant(&mut tx, &after, event, &url, now).await?;
    }
    if after.state == CaseState::Completed && c.state != CaseState::Completed {
        // 一事一评: the applicant is invited to rate the service, with the completion.
        let to = told(&mut tx, &after, false).await?;
        crate::service::rating::invite_case(&mut tx, &st.public_url, number, &after.item_name, &to, false, now).await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// Whose account hears about a case: its applicant; for an enterprise's, the member who filed it while still a
/// member, else the enterprise's administrator (a removed member hears nothing more); for a villager without a
/// phone, the agent who filed it while they hold the role at the station (`steps`: a rating invitation goes to the
/// villager's account, whose notice is all it gets).
pub(crate) async fn told(conn: &mut sqlx::AnyConnection, c: &CaseRow, steps: bool) -> Result<String, sqlx::Error> {
    use crate::store::accounts::holds;
    if let Some(uscc) = &c.enterprise {
        return crate::service::enterprise::hears(conn, uscc, &c.account_id).await;
    }
    match (&c.agent_id, &c.proxy) {
        (Some(agent), Some(p)) if steps && p.agent_answers() && holds(conn, agent, Role::ProxyAgent, &p.station).await? => Ok(agent.clone()),
        _ => Ok(c.account_id.clone()),
    }
}

/// Tells the applicant of a step (SMS and in-app notice, with the case's signed link), in the step's transaction.
async fn tell_applicant(tx: &mut sqlx::AnyConnection, c: &CaseRow, event: Event, url: &str, now: i64) -> Result<(), AppError> {
    let zh = crate::i18n::Lang::Zh;
    let to = told(tx, c, true).await?;
    let phone = store::applicant_phone(tx, &to).await?;
    let then = match (event, c.state) {
        (Event::RequestCorrection, _) => "请按一次性告知书补正，补正期间暂停计时。".to_string(),
        (Event::AcceptDeferred, _) => match &c.deferred {
            Some(d) => format!("请于{}前补交容缺材料。", date_words(zh, d.by)),
            None => String::new(),
        },
        (Event::Complete, _) => match &c.delivery {
            Delivery::Window { .. } => "请凭身份证到窗口领取结果。".into(),
            Delivery::Post { .. } => "结果将免费邮寄给您。".into(),
            Delivery::Electronic => "电子证照已发放。".into(),
        },
        (Event::Deliver, _) => match &c.shipment {
            Some(s) => format!("{}运单号{}。", s.carrier.label(zh), s.tracking),
            None => String::new(),
        },
        (Event::Refuse, _) => "理由和依据请查看详情。".into(),
        (Event::Accept, CaseState::Completed) => "即办件已办结。".into(),
        _ => String::new(),
    };
    let step = if event == Event::Accept && c.state == CaseState::Completed { "已受理并办结".to_string() } else { event.label(zh).to_string() };
    let body = crate::domain::sms::Sms::CaseStep { number: &c.number, item: &c.item_name, step: &step, then: &then, url }.text(zh);
    crate::service::notify::tell_in(tx, crate::service::notify::About::Filing, &to, &phone, &body, &format!("/track/{}", c.number), now).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// The applicant's part: corrections and deferred materials.

/// What the applicant must supply now: the open correction notice's points, or the deferred materials.
fn todo_of(c: &CaseRow, def: &crate::domain::form::definition::FormDef) -> Vec<CorrectionItem> {
    match c.state {
        CaseState::CorrectionRequested | CaseState::ReviewCorrection => c.correction.clone(),
        CaseState::Accepted => match &c.deferred {
            Some(d) if !d.supplied => d
                .materials
                .iter()
                .map(|id| CorrectionItem {
                    target: Target::Material(id.clone()),
                    label: def.materials.iter().find(|m| &m.id == id).map(|m| m.name.clone()).unwrap_or_else(|| id.clone()),
                    problem: lang().pick("容缺受理", "Accepted to follow").into(),
                    bring: lang().pick(format!("请于{}前补交", date_words(lang(), d.by)), format!("Send it by {}", date_words(lang(), d.by))),
                })
                .collect(),
            _ => vec![],
        },
        _ => vec![],
    }
}

/// The files supplied for what is asked now are kept under this name until sent: one round per case version.
fn supply_round(c: &CaseRow, trace: &[TraceRow]) -> String {
    let seq = trace.iter().rev().find(|r| matches!(r.event, Event::RequestCorrection | Event::AcceptDeferred)).map(|r| r.seq).unwrap_or(0);
    format!("{}#{seq}", c.number)
}

/// Whether a field's answer is one line of text the correction page can take and check as typed.
fn typed_in_one_line(kind: &crate::domain::form::definition::FieldKind) -> bool {
    use crate::domain::form::definition::FieldKind as K;
    matches!(kind, K::Text { .. } | K::LongText { .. } | K::Number { .. } | K::Mobile | K::IdNumber | K::CreditCode)
}

/// The case, for whoever answers for its applicant: the applicant (a member, for an enterprise's), or the agent of a
/// villager without a phone while it is open (`NotFound` for anyone else).
async fn applicants(db: &Db, who: &Identity, number: &str) -> Result<CaseRow, AppError> {
    use crate::domain::cases::access::{side, Side};
    match crate::store::filing::case_by_number(db, number).await? {
        Some(c) if matches!(side(who, c.held()), Some(Side::Applicant | Side::Agent { answers: true, .. })) => Ok(c),
        _ => Err(not_found()),
    }
}

/// The flash form of the applicant's supply page of case `number`.
pub fn supply_form(number: &str) -> String {
    format!("track:{number}")
}

/// Keeps a file the applicant supplies for `material` of what is asked now (replacing one supplied before in the same
/// round). Checked as in filing; problems come back as `Invalid` for the tracking page.
pub async fn supply_file<E: std::fmt::Display>(
    st: &AppState,
    who: &Identity,
    number: &str,
    material: &str,
    file_name: &str,
    body: impl futures::Stream<Item = Result<leptos::server_fn::Bytes, E>> + Unpin,
    now: i64,
) -> Result<(), AppError> {
    let db = &st.db;
    let c = applicants(db, who, number).await?;
    let def = crate::service::filing::form_of_case(db, &c).await?;
    let asked = todo_of(&c, &def).into_iter().any(|it| it.target == Target::Material(material.into()));
    let spec = def.materials.iter().find(|m| m.id == material).filter(|_| asked).ok_or_else(|| {
        AppError::Refused(lang().pick("这份材料现在不需要补交。", "This document is not asked for now.").into())
    })?;
    // Several materials' forms share the page: the problem goes beside this one's file input.
    let received = crate::service::filing::receive_file(db, &st.filing, spec, &supply_form(number), file_name, body).await.map_err(|e| match e {
        AppError::Invalid(mut f) => {
            f.errors.iter_mut().for_each(|x| x.field = format!("file-{material}"));
            AppError::Invalid(f)
        }
        other => other,
    })?;
    let trace = store::trace(db, number).await?;
    let row = received.into_row(supply_round(&c, &trace), &who.account_id, material, file_name, now);
    let replaced = crate::store::filing::put_supply(db, &row).await?;
    crate::service::filing::forget_files(db, &st.filing.files, &replaced.into_iter().collect::<Vec<_>>()).await
}

/// Sends what is asked now: every material point must have a file and every field point an answer (else `Invalid`
/// naming each). The files join the case, the answers are kept in the step, and the case goes back to staff.
pub async fn resubmit(st: &AppState, who: &Identity, number: &str, written: &BTreeMap<String, String>, now: i64) -> Result<CaseRow, AppError> {
    let db = &st.db;
    let c = applicants(db, who, number).await?;
    let def = crate::service::filing::form_of_case(db, &c).await?;
    let todo = todo_of(&c, &def);
    let event = if c.state == CaseState::Accepted { Event::SupplyDeferred } else { Event::Resubmit };
    let Some(to) = next(c.state, event, c.immediate).filter(|_| !todo.is_empty()) else {
        return Err(AppError::Refused(lang().pick("这个办件现在不需要您补正。", "Nothing is asked of you on this case now.").into()));
    };
    let trace = store::trace(db, number).await?;
    let round = supply_round(&c, &trace);
    let supplied = crate::store::filing::uploads_of_draft(db, &round).await?;
    let l = lang();
    let mut errors = Vec::new();
    let mut answers = serde_json::Map::new();
    let mut corrected = c.answers.clone();
    for it in &todo {
        match &it.target {
            Target::Material(m) if !supplied.iter().any(|u| &u.material == m) => errors.push(FieldError { field: format!("file-{m}"), message: l.pick(format!("请上传{}", it.label), format!("Upload {}", it.label)) }),
            Target::Field(f) => {
                let text: String = written.get(&format!("f:{f}")).map(|s| s.trim().chars().take(500).collect()).unwrap_or_default();
                if text.is_empty() {
                    errors.push(FieldError { field: format!("f:{f}"), message: l.pick(format!("请填写更正后的{}", it.label), format!("Enter the corrected {}", it.label)) });
                    continue;
                }
                // A one-line answer (text, number, mobile, ID number, credit code) is checked by the one validation
                // and replaces the answer; any other kind is kept as the applicant wrote it, for staff to apply.
                if let Some(field) = def.fields().find(|x| &x.id == f).filter(|x| typed_in_one_line(&x.kind)) {
                    let one = crate::domain::form::definition::FormDef {
                        sections: vec![crate::domain::form::definition::Section { id: "correction".into(), title: String::new(), fields: vec![crate::domain::form::definition::Field { show_if: None, ..field.clone() }] }],
                        materials: vec![],
                        ..def.clone()
                    };
                    let typed: crate::domain::form::Answers = [(f.clone(), crate::domain::form::Value::One(text.clone()))].into();
                    let problems = crate::service::filing::problems(db, &one, None, &typed, now).await?;
                    if problems.is_empty() {
                        corrected.insert(f.clone(), crate::domain::form::Value::One(text.clone()));
                    }
                    errors.extend(problems.into_iter().map(|p| FieldError { field: format!("f:{f}"), message: p.message }));
                }
                answers.insert(it.label.clone(), serde_json::json!(text));
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        let values = written.iter().filter(|(k, _)| k.starts_with("f:")).map(|(k, v)| (k.clone(), v.clone())).collect();
        return Err(AppError::Invalid(Flash { form: supply_form(number), values, errors }));
    }
    let mut after = c.clone();
    after.state = to;
    after.answers = corrected;
    after.correction.clear();
    if let Some(d) = after.deferred.as_mut().filter(|_| event == Event::SupplyDeferred) {
        d.supplied = true;
    }
    let name = crate::store::accounts::real_name(db, &who.account_id).await?.unwrap_or_else(|| who.display_name.clone());
    // In the role they answer in: the applicant, a member of its enterprise, or the agent of a villager.
    let role = acting_role(who, held(&c), Event::Resubmit).unwrap_or(Role::Citizen);
    let actor = Actor { account_id: who.account_id.clone(), name, role, place: String::new() };
    let ids: Vec<String> = supplied.iter().map(|u| u.id.clone()).collect();
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !store::update(&mut tx, &after, c.version).await? {
        tx.rollback().await?;
        return Err(AppError::Refused(l.pick("办件状态刚刚有变化，请刷新页面后再提交。", "The case changed a moment ago: reload the page and send again.").into()));
    }
    crate::store::filing::attach_round(&mut tx, &round, number).await?;
    store::append(&mut tx, number, event, to, &actor, "", &serde_json::json!({ "written": answers }), &ids, now).await?;
    tx.commit().await?;
    Ok(after)
}

// ---------------------------------------------------------------------------------------------------------------
// Pages.

/// How the result is received, in words; with the address only for `full` (the applicant and staff).
async fn delivery_words(db: &Db, d: &Delivery, full: bool, towns: &[crate::domain::points::TownOption]) -> Result<String, AppError> {
    let l = lang();
    Ok(match d {
        Delivery::Window { point } => {
            let name = crate::store::points::get(db, point).await?.map(|p| p.name).unwrap_or_else(|| point.clone());
            l.pick(format!("窗口领取：{name}"), format!("Collect at a window: {name}"))
        }
        Delivery::Post { name, mobile, village, detail } if full => {
            let to = format!("{} {detail}", crate::domain::form::page::village_words(towns, village));
            l.pick(format!("免费邮寄：{name}，{mobile}，{to}"), format!("Free post: {name}, {mobile}, {to}"))
        }
        Delivery::Post { .. } => l.pick("免费邮寄", "Free post").into(),
        Delivery::Electronic => l.pick("电子证照", "Electronic licence").into(),
    })
}

/// `/track/{number}`: the applicant's own view when `who` is its applicant; else the view `granted` (the signed
/// link's, or a passed lookup's); otherwise `NotFound`.
pub async fn track(st: &AppState, who: Option<&Identity>, number: &str, granted: Option<Viewer>, flash: Flash, towns: &[crate::domain::points::TownOption], now: i64) -> Result<TrackView, AppError> {
    let db = &st.db;
    let c = case(db, number).await?;
    use crate::domain::cases::access::{side, Side};
    // The applicant's side sees everything (an agent until the case is completed; then only what the lookup shows).
    let viewer = match who.and_then(|w| side(w, c.held())) {
        Some(Side::Applicant | Side::Agent { masked: false, .. }) => Viewer::Applicant,
        Some(Side::Agent { masked: true, .. }) => Viewer::Public,
        None => granted.ok_or_else(not_found)?,
    };
    let applicant = viewer == Viewer::Applicant;
    let trace = store::trace(db, number).await?;
    let clock: Vec<(i64, Event)> = trace.iter().map(|r| (r.at, r.event)).collect();
    let d = dates_of(&crate::store::calendar::load(db).await?, st, &c, &clock, civil_day(now));
    let def = crate::service::filing::form_of_case(db, &c).await?;
    let l = lang();
    let (todo, supplied) = match viewer {
        Viewer::Applicant => {
            let todo = todo_of(&c, &def);
            let supplied = if todo.is_empty() { vec![] } else { crate::store::filing::uploads_of_draft(db, &supply_round(&c, &trace)).await?.into_iter().map(upload_line).collect() };
            (todo, supplied)
        }
        Viewer::Link => (todo_of(&c, &def), vec![]),
        Viewer::Public => (vec![], vec![]),
    };
    let mut steps = steps(db, &trace, false, applicant).await?;
    if viewer == Viewer::Public {
        // What staff wrote (reasons, comments, the notice's words) may name people: the lookup shows the steps only.
        steps.iter_mut().for_each(|x| x.lines.clear());
    }
    Ok(TrackView {
        viewer,
        number: c.number.clone(),
        item_name: c.item_name.clone(),
        state: c.state,
        received: date_words(l, receipt_of(&c)),
        expected: expected_words(&c, &d),
        steps,
        written: flash.values.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        todo,
        supplied,
        deferred: c.deferred.as_ref().filter(|x| viewer != Viewer::Public && !x.supplied).map(|x| (x.materials.clone(), date_words(l, x.by))),
        // A carrier's page can show the recipient: not for the lookup.
        shipment: c.shipment.as_ref().filter(|_| viewer != Viewer::Public).map(|s| (s.carrier.label(l).to_string(), s.tracking.clone(), s.carrier.tracking_url(&s.tracking))),
        delivery: delivery_words(db, &c.delivery, applicant, towns).await?,
        max_upload: crate::domain::form::page::size_words(st.filing.max_upload_bytes),
        flash,
    })
}

/// The public lookup: a case number and the last four characters of the applicant's mobile, ID number or USCC.
/// Each try counts against the address and the case number (whatever it answers); over either limit it is refused
/// before anything is checked. A wrong number and wrong digits get the same answer. The case number, once passed.
pub async fn lookup(st: &AppState, address: &str, typed_number: &str, digits: &str, now: i64) -> Result<String, AppError> {
    let db = &st.db;
    let l = lang();
    let form = "track:lookup";
    let values: BTreeMap<String, String> = [("number".to_string(), typed_number.chars().take(30).collect()), ("digits".to_string(), String::new())].into();
    let Some(number) = crate::domain::cases::normalise_case_number(typed_number) else {
        return Err(AppError::Invalid(Flash { form: form.into(), values, errors: vec![FieldError { field: "number".into(), message: l.pick("请填写办件编号，如 SM2026120700042", "Enter the case number, like SM2026120700042").into() }] }));
    };
    if digits.trim().chars().count() != 4 {
        return Err(AppError::Invalid(Flash { form: form.into(), values, errors: vec![FieldError { field: "digits".into(), message: l.pick("请填写手机号码、身份证号码或统一社会信用代码的后四位", "Enter the last four characters of the mobile number, ID number or USCC").into() }] }));
    }
    if !store::claim_lookup(db, address, &number, st.filing.lookup, now).await? {
        return Err(AppError::Refused(l.pick("查询次数过多，请一小时后再试，或登录后在“我的办件”查看。", "Too many tries: try again in an hour, or sign in and see My cases.").into()));
    }
    let matches = match crate::store::filing::case_by_number(db, &number).await? {
        Some(c) => {
            let mut conn = db.acquire().await?;
            let phone = store::applicant_phone(&mut conn, &c.account_id).await?;
            drop(conn);
            // The account's mobile, and the applicant's own mobile, ID number and USCC as the form's applicant section
            // asks them (by kind: an agent's or a seller's numbers elsewhere in the form do not open the case).
            let def = crate::service::filing::form_of_case(db, &c).await?;
            use crate::domain::form::definition::FieldKind as K;
            // An enterprise's case: its USCC only (the numbers in the form are its staff's). A villager's: their ID
            // number too.
            let mut known = match &c.enterprise {
                Some(_) => vec![],
                None => vec![phone],
            };
            known.extend(c.enterprise.clone());
            known.extend(c.proxy.as_ref().map(|p| p.villager.id_number.clone()));
            let applicant_fields = if c.enterprise.is_some() { &[][..] } else { def.section("applicant").map(|s| s.fields.as_slice()).unwrap_or_default() };
            for f in applicant_fields {
                if let (K::Mobile | K::IdNumber | K::CreditCode, Some(crate::domain::form::Value::One(v))) = (&f.kind, c.answers.get(&f.id)) {
                    known.push(v.clone());
                }
            }
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            crate::domain::cases::last_four_matches(digits, &known)
        }
        None => false,
    };
    if !matches {
        return Err(AppError::Invalid(Flash { form: form.into(), values, errors: vec![FieldError { field: "number".into(), message: l.pick("办件编号或号码后四位不正确，请核对后再试", "The case number or the last four characters are not right: check them and try again").into() }] }));
    }
    Ok(number)
}

/// `/staff/cases`: the cases the asker may see, oldest deadline first (paused and finished ones after), filtered.
pub async fn intake(st: &AppState, who: &Identity, filter: IntakeFilter, now: i64) -> Result<IntakeView, AppError> {
    let db = &st.db;
    let departments = staff_departments(db, who).await?;
    let all = store::of_departments(db, departments.as_deref()).await?;
    let today = civil_day(now);
    let calendar = crate::store::calendar::load(db).await?;
    let mut lines = Vec::new();
    let mut items: BTreeMap<String, String> = BTreeMap::new();
    let mut total = 0;
    for (c, clock) in all.into_iter().filter(|(c, _)| staff_may_see(who, held(c))) {
        total += 1;
        items.insert(c.item_code.clone(), c.item_name.clone());
        let d = dates_of(&calendar, st, &c, &clock, today);
        // Finished cases (refused, delivered) are listed only when asked for by their state.
        let keep = filter.state.as_deref().map_or(!c.state.is_final(), |s| s.is_empty() || s == c.state.code())
            && filter.colour.as_deref().is_none_or(|s| s.is_empty() || d.colour.map(|x| x.code()) == Some(s))
            && filter.item.as_deref().is_none_or(|s| s.is_empty() || s == c.item_code)
            && filter.date.as_deref().is_none_or(|s| s.is_empty() || s == c.receipt_date);
        if !keep {
            continue;
        }
        lines.push((d.due.unwrap_or(NaiveDate::MAX), c.state.is_final() || c.state == CaseState::Completed, IntakeLine {
            received: date_words(crate::i18n::Lang::Zh, receipt_of(&c)),
            due: due_words(&d),
            colour: d.colour,
            number: c.number,
            item_code: c.item_code,
            item_name: c.item_name,
            state: c.state,
            at_counter: c.at_counter,
            assigned: c.assigned_to,
        }));
    }
    lines.sort_by(|a, b| (a.1, a.0, &a.2.number).cmp(&(b.1, b.0, &b.2.number)));
    Ok(IntakeView { lines: lines.into_iter().map(|(_, _, l)| l).collect(), filter, items: items.into_iter().collect(), total })
}

/// The departments whose cases `who` may list (`None`: all of them, for the administrator).
async fn staff_departments(db: &Db, who: &Identity) -> Result<Option<Vec<String>>, AppError> {
    if who.has(Role::CentreAdmin, None) {
        return Ok(None);
    }
    let mut ds: Vec<String> = Vec::new();
    for g in &who.grants {
        match g.role {
            Role::Reviewer => ds.push(g.scope.clone()),
            Role::WindowStaff => match crate::domain::accounts::staff_scope_parts(&g.scope) {
                Some((_, crate::domain::accounts::ALL_DEPARTMENTS)) => ds.extend(crate::store::catalogue::departments(db).await?.into_iter().map(|d| d.code)),
                Some((_, d)) => ds.push(d.to_string()),
                None => {}
            },
            _ => {}
        }
    }
    ds.sort();
    ds.dedup();
    Ok(Some(ds))
}

/// `/staff/cases/{number}`: the whole case for staff who may see it (the read is recorded), with what the asker may
/// do now.
pub async fn staff_case(st: &AppState, who: &Identity, number: &str, flash: Flash, towns: &[crate::domain::points::TownOption], now: i64) -> Result<StaffCaseView, AppError> {
    let db = &st.db;
    let c = case(db, number).await?;
    if !staff_may_see(who, held(&c)) {
        return Err(not_found());
    }
    crate::store::audit::record_read(db, &who.account_id, "case", number, now).await?;
    let trace = store::trace(db, number).await?;
    let clock: Vec<(i64, Event)> = trace.iter().map(|r| (r.at, r.event)).collect();
    let d = dates_of(&crate::store::calendar::load(db).await?, st, &c, &clock, civil_day(now));
    let def = crate::service::filing::form_of_case(db, &c).await?;
    let zh = crate::i18n::Lang::Zh;
    let answers = def
        .fields()
        .filter(|f| c.answers.contains_key(&f.id))
        .map(|f| (f.label.clone(), crate::domain::form::page::answer_words(f, &c.answers, towns, zh).join("；")))
        .collect();
    let uploads = crate::store::filing::uploads_of_case(db, number).await?;
    let materials = def
        .materials
        .iter()
        .map(|m| {
            let mut files: Vec<UploadLine> = uploads.iter().filter(|u| u.material == m.id).cloned().map(upload_line).collect();
            files.reverse();
            MaterialFiles { id: m.id.clone(), name: m.name.clone(), deferrable: m.requirement == crate::domain::catalogue::Requirement::Deferrable, files }
        })
        .collect();
    let mut conn = db.acquire().await?;
    let phone = store::applicant_phone(&mut conn, &c.account_id).await?;
    drop(conn);
    let name = crate::domain::form::post::text(&c.answers, "name");
    let name = if name.is_empty() { crate::store::accounts::real_name(db, &c.account_id).await?.unwrap_or_default() } else { name };
    // Whom it was filed as or by: the enterprise (the name above is who filed for it), or the proxy agent.
    let (name, phone) = match (&c.enterprise, &c.agent_id) {
        (Some(uscc), _) => {
            let ent = crate::store::enterprise::get(db, uscc).await?.map(|e| e.name).unwrap_or_default();
            (format!("{ent}（统一社会信用代码 {uscc}；经办人 {name}）"), phone)
        }
        (None, Some(agent)) => {
            let agent = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, agent).await?.map(|a| a.display_name).unwrap_or_default();
            let phone = if phone.is_empty() { "无手机，通知发给代办员".to_string() } else { phone };
            (format!("{name}（代办员 {agent} 代为申请）"), phone)
        }
        _ => (name, phone),
    };
    let actions = Event::ALL
        .into_iter()
        .filter(|e| e.party() != crate::domain::cases::lifecycle::Party::Applicant)
        .filter(|e| next(c.state, *e, c.immediate).is_some() && acting_role(who, held(&c), *e).is_some())
        .collect();
    let colleagues = store::colleagues(db, &c.point_id, &c.department).await?;
    let assigned = match &c.assigned_to {
        Some(id) => Some(colleagues.iter().find(|(a, _)| a == id).map(|(_, n)| n.clone()).unwrap_or_else(|| id.clone())),
        None => None,
    };
    let (item, _) = crate::store::catalogue::item(db, &c.item_code).await?.ok_or_else(not_found)?;
    Ok(StaffCaseView {
        number: c.number.clone(),
        item_code: c.item_code.clone(),
        item_name: c.item_name.clone(),
        legal_basis: item.legal_basis,
        state: c.state,
        received: date_words(zh, receipt_of(&c)),
        due: due_words(&d),
        colour: d.colour,
        expected: expected_words(&c, &d),
        at_counter: c.at_counter,
        applicant: (name, phone),
        answers,
        fields: def.fields().map(|f| (f.id.clone(), f.label.clone())).collect(),
        materials,
        delivery: delivery_words(db, &c.delivery, true, towns).await?,
        posted: matches!(c.delivery, Delivery::Post { .. }),
        steps: steps(db, &trace, true, true).await?,
        correction: c.correction.clone(),
        last_notice: trace
            .iter()
            .rev()
            .find(|r| r.event == Event::RequestCorrection)
            .and_then(|r| serde_json::from_value(r.detail.get("items").cloned().unwrap_or_default()).ok())
            .unwrap_or_default(),
        deferred: c.deferred.as_ref().map(|x| (x.materials.clone(), date_words(zh, x.by))),
        actions,
        assigned,
        colleagues,
        track_url: crate::service::absolute_url(&st.public_url, &format!("/track/{}", c.number)),
        point_name: crate::store::points::get(db, &c.point_id).await?.map(|p| p.name).unwrap_or_default(),
        flash,
    })
}

/// When the case is expected to be completed, in words, as of `now` (or what stops its clock).
pub async fn expected_now(st: &AppState, c: &CaseRow, now: i64) -> Result<String, AppError> {
    let trace = store::trace(&st.db, &c.number).await?;
    let clock: Vec<(i64, Event)> = trace.iter().map(|r| (r.at, r.event)).collect();
    let d = dates_of(&crate::store::calendar::load(&st.db).await?, st, c, &clock, civil_day(now));
    Ok(expected_words(c, &d))
}

/// 我的办件: each of the asker's cases with its state, expected completion and what to do next.
pub async fn mine(st: &AppState, who: &Identity, now: i64) -> Result<Vec<crate::domain::form::page::CaseLine>, AppError> {
    let db = &st.db;
    let mut out = Vec::new();
    for c in crate::store::filing::cases_of(db, &who.account_id).await? {
        let expected = expected_now(st, &c, now).await?;
        let filed_as = crate::service::filing::case_filed_as(db, &c).await?;
        let mut line = crate::service::filing::case_line(c);
        line.expected = expected;
        line.filed_as = filed_as;
        out.push(line);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------------------
// Filing at the counter.

/// The items a clerk can file at the counter at `point`: those the point handles for the clerk's departments
/// (each has a form: its own, or the plain one made from its materials), (code, name).
pub async fn counter_items(db: &Db, who: &Identity, point: &str) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    for (code, name, department) in store::items_at(db, point).await? {
        if who.works_at(point, Some(&department)) {
            out.push((code, name));
        }
    }
    Ok(out)
}

/// The point a clerk files at: their first window-staff point (the administrator: the county hall).
pub fn counter_point(who: &Identity) -> Option<String> {
    who.staff_points().into_iter().next().or_else(|| who.has(Role::CentreAdmin, None).then(|| crate::domain::points::COUNTY_HALL.to_string()))
}

/// Opens a draft for a person at the window (窗口收件): the clerk fills the same form, uploads the scans, and the
/// case made from it is the person's (the account of `mobile`), handled at the clerk's point. `Invalid` on a bad
/// mobile or an item the clerk cannot file.
pub async fn start_counter(st: &AppState, who: &Identity, item: &str, mobile: &str, now: i64) -> Result<Draft, AppError> {
    let db = &st.db;
    let point = counter_point(who).ok_or_else(|| AppError::Forbidden(t(Key::NoPermission).into()))?;
    let mut flash = Flash::new("counter").with_value("item", item).with_value("mobile", mobile);
    let items = counter_items(db, who, &point).await?;
    if !items.iter().any(|(c, _)| c == item) {
        flash = flash.with_error("item", "请选择要办理的事项");
    }
    let normal = crate::domain::accounts::normalise_mobile(mobile);
    if normal.is_none() {
        flash = flash.with_error("mobile", "请填写申请人的11位手机号码，用于接收办理进度短信");
    }
    let Some(mobile) = normal.filter(|_| flash.errors.is_empty()) else {
        return Err(AppError::Invalid(flash));
    };
    let d = crate::service::filing::start(db, who, item, None, now).await?;
    crate::store::filing::set_counter(db, &d.id, &who.account_id, &CounterFor { mobile, point }).await?;
    Ok(d)
}
