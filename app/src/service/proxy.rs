//! Proxy filing (代办, issue 20) as workflows: the centre administrator grants the role for a village station; an
//! agent starts an application for a villager, gets the villager's consent (a code read back, or the signed form's
//! photo), and files it as the villager's case (`service::cases::filed`); the agent's list and receipts; the town
//! centre's view of its stations' agents.

use crate::domain::accounts::{normalise_mobile, Identity, Role};
use crate::domain::catalogue::PointKind;
use crate::domain::form::{Flash, Value};
use crate::domain::proxy::{masked, AgentCase, AgentHome, AgentLine, AgentWork, Consent, ProxyFor, Receipt, Villager, CONSENT_CODE_SECS, CONSENT_GUESSES, RESEND_SECS};
use crate::error::AppError;
use crate::i18n::lang;
use crate::service::AppState;
use crate::store::proxy::{self as store, CodeTry};
use crate::store::Db;
use std::collections::BTreeMap;

/// The flash form of the agent's start page.
pub const START_FORM: &str = "agent:start";

fn consent_form(draft: &str) -> String {
    format!("agent:consent:{draft}")
}

/// The village stations (id, name), for the administrator's grant form.
pub async fn stations(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    Ok(crate::store::points::all(db).await?.into_iter().filter(|p| p.kind == PointKind::Village).map(|p| (p.id, p.name)).collect())
}

/// `/admin/agents`: every agent, by station, the phone masked.
pub async fn agents(db: &Db) -> Result<Vec<AgentLine>, AppError> {
    Ok(store::agents(db).await?.into_iter().map(|a| AgentLine { phone: crate::domain::pii::mask_mobile(&a.phone), ..a }).collect())
}

/// Grants the proxy-agent role for `station` (a village station) to the citizen with `phone` (their account is
/// made if they never signed in), named `name`.
pub async fn grant(db: &Db, phone: &str, name: &str, station: &str, now: i64) -> Result<(), AppError> {
    let l = lang();
    let flash = Flash::new("agents").with_value("phone", phone).with_value("name", name).with_value("station", station);
    let Some(phone) = normalise_mobile(phone) else {
        return Err(AppError::Invalid(flash.with_error("phone", crate::domain::accounts::mobile_problem(phone, l))));
    };
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 20 {
        return Err(AppError::Invalid(flash.with_error("name", "请填写代办员姓名（不超过20个字）")));
    }
    if !stations(db).await?.iter().any(|(id, _)| id == station) {
        return Err(AppError::Invalid(flash.with_error("station", "请从列出的便民服务站中选择")));
    }
    store::make_agent(db, &phone, name, station, now).await?;
    Ok(())
}

/// Takes the role at `station` back. The open cases the agent answers for (villagers without a phone) go to another
/// agent of the station, who is told; with no other agent there, it is refused, so no villager's case is left with
/// no one to answer it.
pub async fn revoke(db: &Db, account: &str, station: &str, now: i64) -> Result<(), AppError> {
    let open: Vec<String> = crate::store::filing::cases_by_agent(db, account)
        .await?
        .into_iter()
        .filter(|c| !c.state.is_finished() && c.proxy.as_ref().is_some_and(|p| p.station == station && p.agent_answers()))
        .map(|c| c.number)
        .collect();
    if !open.is_empty() {
        let Some(heir) = store::agents(db).await?.into_iter().find(|a| a.station == station && a.account != account) else {
            return Err(AppError::Invalid(Flash::new("agents").with_error(
                "station",
                format!("该代办员还有{}件无手机村民的办件未办结，请先为这个便民服务站授权另一名代办员，再取消授权（办件会转给新代办员）", open.len()),
            )));
        };
        store::hand_over(db, &open, account, &heir.account).await?;
        let body = crate::domain::sms::Sms::ProxyHandedOver { count: open.len() }.text(crate::i18n::Lang::Zh);
        crate::service::notify::notify(db, crate::service::notify::About::Filing, &heir.account, &heir.phone, &body, "/agent", now).await?;
    }
    crate::store::accounts::remove_grant(db, account, Role::ProxyAgent, station).await?;
    Ok(())
}

fn agent_stations(who: &Identity) -> Vec<String> {
    who.grants.iter().filter(|g| g.role == Role::ProxyAgent).map(|g| g.scope.clone()).collect()
}

/// `/agent`: the asker's stations, the items they can file, and the cases they filed.
pub async fn home(st: &AppState, who: &Identity, flash: Flash) -> Result<AgentHome, AppError> {
    let db = &st.db;
    let mut stations = Vec::new();
    for s in agent_stations(who) {
        let name = crate::store::points::get(db, &s).await?.map(|p| p.name).unwrap_or_else(|| s.clone());
        stations.push((s, name));
    }
    let items = crate::service::filing::online_items(db).await?;
    // From the stations they are agent for now: a station's grant revoked, its cases are no longer theirs to see.
    let cases = crate::store::filing::cases_by_agent(&st.db, &who.account_id)
        .await?
        .into_iter()
        .filter_map(|c| c.proxy.clone().filter(|p| who.has(Role::ProxyAgent, Some(&p.station))).map(|p| agent_case(c, &p, false)))
        .collect();
    Ok(AgentHome { stations, items, cases, flash, start_key: crate::store::new_id() })
}

/// One case as an agent's list shows it; `oversight`: masked always (the town centre's list), else masked once
/// completed.
fn agent_case(c: crate::store::filing::CaseRow, p: &ProxyFor, oversight: bool) -> AgentCase {
    let (villager, id_number) = if oversight || c.state.is_finished() { masked(&p.villager) } else { (p.villager.name.clone(), p.villager.id_number.clone()) };
    AgentCase {
        asked: p.agent_answers() && c.state.waits_for() == crate::domain::cases::lifecycle::Party::Applicant,
        number: c.number,
        item_name: c.item_name,
        state: c.state.label(lang()).to_string(),
        submitted: crate::domain::booking::civil_at(c.submitted_at).format("%Y-%m-%d %H:%M").to_string(),
        villager,
        id_number,
    }
}

/// Starts an application for a villager from `station`: the villager's name, ID number and phone (or none) are
/// checked, the draft starts with them, and a consent code goes to the villager's phone. The draft's id; problems
/// come back as `Invalid` for the start page.
pub async fn start(st: &AppState, who: &Identity, station: &str, item: &str, posted: &BTreeMap<String, String>, now: i64) -> Result<String, AppError> {
    let l = lang();
    let db = &st.db;
    let get = |k: &str| posted.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let no_phone = posted.contains_key("no_phone");
    let mut flash = Flash::new(START_FORM);
    for k in ["name", "id_number", "phone", "item", "station"] {
        flash = flash.with_value(k, &get(k));
    }
    if no_phone {
        flash = flash.with_value("no_phone", "1");
    }
    if !who.has(Role::ProxyAgent, Some(station)) {
        return Err(AppError::Forbidden(crate::i18n::t(crate::i18n::Key::NoPermission).into()));
    }
    // The villager's own phone: the agent cannot consent for them with their own.
    let own_phone = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &who.account_id).await?.and_then(|a| a.phone);
    if !no_phone && own_phone.is_some() && normalise_mobile(&get("phone")) == own_phone {
        flash.errors.push(crate::domain::form::FieldError { field: "phone".into(), message: l.pick("请填写村民本人的手机号码，不能填写代办员自己的", "Enter the villager's own mobile number, not yours").into() });
        return Err(AppError::Invalid(flash));
    }
    let answers: crate::domain::form::Answers = ["name", "id_number", "phone"].iter().map(|k| (k.to_string(), Value::One(get(k)))).collect();
    let def = crate::domain::proxy::villager_form(no_phone, l);
    let mut errors = crate::service::filing::problems(db, &def, None, &answers, now).await?;
    if !crate::service::filing::online_items(db).await?.iter().any(|(code, _)| *code == item) {
        errors.push(crate::domain::form::FieldError { field: "item".into(), message: l.pick("请选择要代办的事项", "Choose the service to apply for").into() });
    }
    if !errors.is_empty() {
        flash.errors = errors;
        return Err(AppError::Invalid(flash));
    }
    let id_number = crate::domain::form::ids::parse_id_number(&get("id_number"), crate::domain::booking::civil_at(now).date()).map(|n| n.number).unwrap_or_default();
    let villager = Villager { name: get("name"), id_number, phone: if no_phone { None } else { normalise_mobile(&get("phone")) } };
    let proxy = ProxyFor { station: station.into(), villager, consent: None };
    let key = posted.get("key").map(String::as_str);
    let d = crate::service::filing::start_for(db, who, item, key, crate::service::filing::For::Villager(proxy), now).await?;
    // A start sent twice opens the draft it made, whose code went already.
    if d.proxy.as_ref().is_some_and(|p| p.villager.phone.is_some()) && store::code_expiry(db, &d.id).await?.is_none() {
        match send_code(st, who, &d.id, now).await {
            // The same start sent twice at once: the other one sent the code.
            Ok(()) | Err(AppError::Invalid(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(d.id)
}

/// The agent's proxy draft `draft` (`filing::mine` lets an agent in only while they hold the role at its station).
async fn agents_draft(db: &Db, who: &Identity, draft: &str) -> Result<(crate::store::filing::Draft, ProxyFor), AppError> {
    let d = crate::service::filing::mine(db, who, draft).await?;
    let p = d.proxy.clone().ok_or_else(|| AppError::NotFound(crate::i18n::t(crate::i18n::Key::DraftNotFound).into()))?;
    Ok((d, p))
}

/// Sends (again) a consent code to the villager's phone: a new code replaces the last, once a minute at most.
pub async fn send_code(st: &AppState, who: &Identity, draft: &str, now: i64) -> Result<(), AppError> {
    use rand::Rng;
    let l = lang();
    let db = &st.db;
    let (d, p) = agents_draft(db, who, draft).await?;
    let Some(phone) = p.villager.phone.clone() else { return Ok(()) };
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    if !store::put_code(db, draft, &phone, &code_hash(draft, &code), now + CONSENT_CODE_SECS, CONSENT_CODE_SECS, RESEND_SECS).await? {
        let sent = store::code_expiry(db, draft).await?.unwrap_or(now) - CONSENT_CODE_SECS;
        let wait = (sent + RESEND_SECS - now).max(1);
        return Err(AppError::Invalid(Flash::new(&consent_form(draft)).with_error("code", l.pick(format!("验证码已发送，请{wait}秒后再重新获取"), format!("A code was sent: wait {wait} seconds before asking again")))));
    }
    let item = crate::store::catalogue::item(db, &d.item_code).await?.map(|(i, _)| i.name).unwrap_or_default();
    let body = crate::domain::sms::Sms::ProxyConsent { agent: &who.display_name, item: &item, code: &code, minutes: CONSENT_CODE_SECS / 60 }.text(crate::i18n::Lang::Zh);
    crate::store::notifications::enqueue(db, &phone, "proxy", &body, now).await?;
    let _ = crate::store::notifications::deliver_due(db, st.sms.as_ref(), now).await;
    Ok(())
}

/// A code is good for its draft only: the draft's id is in its hash.
fn code_hash(draft: &str, code: &str) -> String {
    crate::store::sha256_hex(&format!("proxy-consent:{draft}:{code}"))
}

/// The code the villager read back: once right, the consent is recorded on the draft. A code is used once, and
/// not after [`CONSENT_CODE_SECS`] or [`CONSENT_GUESSES`] wrong tries.
pub async fn confirm(st: &AppState, who: &Identity, draft: &str, typed: &str, now: i64) -> Result<(), AppError> {
    let l = lang();
    let db = &st.db;
    let (_, mut p) = agents_draft(db, who, draft).await?;
    let flash = Flash::new(&consent_form(draft)).with_value("code", typed);
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::Invalid(flash.with_error("code", l.pick("请填写村民短信中的6位数字授权验证码", "Enter the 6-digit code from the villager's text message"))));
    }
    match store::use_code(db, draft, &code_hash(draft, &digits), CONSENT_GUESSES, now).await? {
        CodeTry::Used => {
            p.consent = Some(Consent::Code { at: now });
            crate::store::filing::set_proxy(db, draft, &p).await?;
            Ok(())
        }
        CodeTry::Wrong => Err(AppError::Invalid(flash.with_error("code", l.pick("授权验证码不正确，请让村民核对短信后再试", "The code is not right: ask the villager to check the message")))),
        CodeTry::Spent => Err(AppError::Invalid(flash.with_error("code", l.pick("授权验证码已失效（已使用、已过期或错误次数过多），请重新发送", "The code no longer works (used, expired or too many wrong tries): send a new one")))),
    }
}

/// The consent page of a proxy draft: (the item, the villager's name, their phone masked, whether consent is given).
pub async fn consent_page(db: &Db, who: &Identity, draft: &str) -> Result<(String, String, String, bool), AppError> {
    let (d, p) = agents_draft(db, who, draft).await?;
    let item = crate::store::catalogue::item(db, &d.item_code).await?.map(|(i, _)| i.name).unwrap_or_default();
    let phone = p.villager.phone.as_deref().map(crate::domain::pii::mask_mobile).unwrap_or_default();
    Ok((item, p.villager.name.clone(), phone, p.consented()))
}

/// The printable receipt of a case the asker filed as agent (`NotFound` otherwise).
pub async fn receipt(st: &AppState, who: &Identity, number: &str, now: i64) -> Result<Receipt, AppError> {
    let db = &st.db;
    let c = crate::store::filing::case_by_number(db, number).await?;
    let filed_by_asker = |c: &crate::store::filing::CaseRow, p: &ProxyFor| c.agent_id.as_deref().is_some_and(|a| crate::domain::cases::access::is_agent(who, a, &p.station));
    let Some((c, p)) = c.and_then(|c| c.proxy.clone().map(|p| (c, p))).filter(|(c, p)| filed_by_asker(c, p)) else {
        return Err(AppError::NotFound(crate::i18n::t(crate::i18n::Key::CaseNotFound).into()));
    };
    let station = crate::store::points::get(db, &p.station).await?.map(|s| s.name).unwrap_or_default();
    let expected = crate::service::cases::expected_now(st, &c, now).await?;
    Ok(Receipt {
        number: c.number.clone(),
        item_name: c.item_name.clone(),
        villager: crate::domain::pii::mask_name(&p.villager.name),
        submitted: crate::domain::booking::civil_at(c.submitted_at).format("%Y年%m月%d日 %H:%M").to_string(),
        station,
        agent: who.display_name.clone(),
        track_url: crate::service::absolute_url(&st.public_url, "/track"),
        expected,
    })
}

/// The work of the agents of the stations the asker's town centres supervise (the administrator: every station),
/// one line per agent and station, from the cases filed there (an agent whose grant was since revoked included):
/// how many, for whom (masked), which items.
pub async fn oversight(st: &AppState, who: &Identity) -> Result<Vec<AgentWork>, AppError> {
    let db = &st.db;
    let points = crate::store::points::all(db).await?;
    let towns: Vec<String> = who.staff_points().into_iter().filter(|p| points.iter().any(|x| x.id == *p && x.kind == PointKind::Town)).collect();
    let admin = who.has(Role::CentreAdmin, None);
    let supervised = |station: &str| admin || points.iter().any(|x| x.id == station && x.kind == PointKind::Village && towns.contains(&x.town_code));
    // Everyone who is or was an agent of a supervised station: the grants now, then whoever filed the cases there.
    let mut lines: Vec<AgentLine> = store::agents(db).await?.into_iter().filter(|a| supervised(&a.station)).collect();
    let mut work: Vec<AgentWork> = lines.iter().map(AgentWork::of).collect();
    for c in store::agents_cases(db).await? {
        let (Some(agent), Some(p)) = (c.agent_id.clone(), c.proxy.clone()) else { continue };
        if !supervised(&p.station) {
            continue;
        }
        let station = p.station.clone();
        let at = match lines.iter().position(|l| l.account == agent && l.station == station) {
            Some(i) => i,
            None => {
                let a = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &agent).await?;
                let station_name = points.iter().find(|x| x.id == station).map(|x| x.name.clone()).unwrap_or_else(|| station.clone());
                let (name, phone) = a.map(|a| (a.display_name, a.phone.unwrap_or_default())).unwrap_or_default();
                lines.push(AgentLine { account: agent, name, phone, station, station_name });
                work.push(AgentWork::of(&lines[lines.len() - 1]));
                lines.len() - 1
            }
        };
        let item = c.item_name.clone();
        work[at].count(&item, agent_case(c, &p, true));
    }
    Ok(work)
}
