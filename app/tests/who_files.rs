//! Who files (issue 20) against the real database (SQLite, or PostgreSQL with `PALM_TEST_DATABASE_URL`):
//! enterprise accounts with several members, a removed member losing everything at once; proxy agents filing for
//! villagers with consent by code or by the signed form; and who may see what, through the server functions.

mod common;

use app::api::{cases as cases_api, enterprise as ent_api, filing as filing_api, proxy as proxy_api};
use app::domain::accounts::Role;
use app::domain::cases::{CaseState, CorrectionItem, Event, Target};
use app::domain::enterprise::{Registration, RegistryAnswer, Status};
use app::error::AppError;
use app::service::cases::{self, StepInput};
use app::service::filing::{self, For};
use common::{a_village, fill, now, one, server_at, staff, upload, TestServer, PDF, PNG};
use app::domain::form::{Answers, Value};
use std::collections::BTreeMap;

/// Monday 7 December 2026, 10:00 in Shanghai.
const MONDAY: &str = "2026-12-07T10:00:00+08:00";
/// A code printed on a business licence (GB 32100 check character right).
const USCC: &str = "91350100M000100Y43";
/// The demo's 山脚社区便民服务站, under the 嵩阳街道 town centre (530127001).
const STATION: &str = "530127001005";

async fn me(s: &TestServer, token: &str) -> app::domain::accounts::Identity {
    let session = app::store::accounts::find_session(&s.state.db, token).await.unwrap().unwrap();
    app::store::accounts::identity(&s.state.db, &session.account_id.unwrap()).await.unwrap().unwrap()
}

async fn sms_to(s: &TestServer, phone: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM notifications WHERE phone = $1 ORDER BY created_at, id").bind(phone).fetch_all(&s.state.db).await.unwrap()
}

/// The consent code in the newest message to `phone`.
async fn consent_code(s: &TestServer, phone: &str) -> String {
    let last = sms_to(s, phone).await.into_iter().rev().find(|b| b.contains("授权验证码")).expect("a consent code was sent");
    let at = last.find("授权验证码").unwrap() + "授权验证码".len();
    last[at..].chars().take(6).collect()
}

/// Fills the enterprise's SJ-007 (食品经营许可) draft `draft` and returns its submit key.
async fn fill_sj007(s: &TestServer, me: &app::domain::accounts::Identity, draft: &str) -> String {
    let db = &s.state.db;
    let applicant: Answers = BTreeMap::from([("name".into(), one("张三")), ("id_number".into(), one("11010519491231002X")), ("mobile".into(), one("13812345678"))]);
    filing::save_section(db, me, draft, "applicant", applicant, now(s)).await.unwrap();
    let mut matter = filing::mine(db, me, draft).await.unwrap().answers;
    matter.extend([
        ("operator".to_string(), one("嵩明某某食品有限公司")),
        ("premises".into(), Value::Address { village: a_village(s).await, detail: "玉明路3号".into() }),
        ("main_business".into(), Value::Many(vec!["shop".into()])),
        ("items".into(), Value::Many(vec!["packaged".into()])),
        ("area".into(), one("60")),
    ]);
    filing::save_section(db, me, draft, "matter", matter, now(s)).await.unwrap();
    for m in ["m1", "m2", "m3"] {
        upload(s, me, draft, m, "材料.pdf", PDF.to_vec()).await.unwrap();
    }
    let posted = BTreeMap::from([("way".to_string(), "window".to_string()), ("point".into(), "530127".into())]);
    filing::save_delivery_posted(db, me, draft, &posted, now(s)).await.unwrap();
    filing::mine(db, me, draft).await.unwrap().submit_key
}

/// A verified enterprise whose administrator is a new citizen: (admin's token).
async fn enterprise(s: &TestServer, admin_phone: &str) -> String {
    let (_, admin) = s.citizen(admin_phone).await;
    s.call_as(Some(&admin), || ent_api::register_enterprise(Some(USCC.into()), Some("嵩明县<b>某某</b>食品有限公司".into()), Some("张三".into()))).await.unwrap();
    let centre = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let (pending, _) = s.call_as(Some(&centre), ent_api::pending_enterprises).await.unwrap();
    assert_eq!(pending.iter().map(|p| p.uscc.as_str()).collect::<Vec<_>>(), vec![USCC], "the demo's registry leaves it to the centre");
    s.call_as(Some(&centre), || ent_api::verify_enterprise(USCC.into(), "verified".into(), Default::default())).await.unwrap();
    admin
}

#[tokio::test]
async fn an_enterprise_member_files_every_member_sees_it_and_a_removed_member_sees_nothing_at_once() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let admin = enterprise(&s, "13800002001").await;
    // Someone else cannot register the same code.
    let (_, other) = s.citizen("13800002009").await;
    s.call_as(Some(&other), || ent_api::register_enterprise(Some(USCC.into()), Some("冒名公司".into()), Some("李四".into()))).await.unwrap();
    let home = s.call_as(Some(&other), ent_api::my_enterprises).await.unwrap();
    assert!(home.mine.is_empty());
    assert!(home.flash.error("uscc").unwrap().contains("已登记"), "{:?}", home.flash);

    // The administrator invites a colleague by mobile; the colleague accepts by signing in with it.
    s.call_as(Some(&admin), || ent_api::invite_member(USCC.into(), Some("138 0000 2002".into()))).await.unwrap();
    assert!(sms_to(&s, "13800002002").await.iter().any(|b| b.contains("邀请您作为企业经办人") && b.contains("https://hall.example.gov.cn/enterprise")));
    let (_, colleague) = s.citizen("13800002002").await;
    assert!(matches!(s.call_as(Some(&other), || ent_api::accept_invite(USCC.into())).await, Err(AppError::NotFound(_))), "not invited");
    let home = s.call_as(Some(&colleague), ent_api::my_enterprises).await.unwrap();
    assert_eq!(home.invites.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(), vec![USCC]);
    s.call_as(Some(&colleague), || ent_api::accept_invite(USCC.into())).await.unwrap();
    let view = s.call_as(Some(&colleague), || ent_api::enterprise_page(USCC.into())).await.unwrap();
    assert_eq!((view.members.len(), view.admin, view.status), (2, false, Status::Verified));
    // Only the administrator manages members.
    let colleague_id = me(&s, &colleague).await;
    assert!(matches!(s.call_as(Some(&colleague), || ent_api::remove_member(USCC.into(), "x".into())).await, Err(AppError::Forbidden(_))));

    // The colleague files as the enterprise: the applicant is the enterprise, the colleague recorded as who filed.
    let c = me(&s, &colleague).await;
    let start = filing::start_page(&st.db, &c, "SJ-007", 1 << 20, now(&s)).await.unwrap().enterprises;
    assert!(filing::start_page(&st.db, &c, "GA-009", 1 << 20, now(&s)).await.unwrap().enterprises.is_empty(), "not offered for a personal item");
    assert_eq!(start, vec![(USCC.to_string(), "嵩明县<b>某某</b>食品有限公司".to_string())], "offered for an item enterprises apply for");
    let personal = filing::start_for(&st.db, &c, "GA-009", None, For::Enterprise(USCC.into()), now(&s)).await;
    assert!(matches!(personal, Err(AppError::Refused(_))), "a personal item is not filed as an enterprise: {personal:?}");
    let d = filing::start_for(&st.db, &c, "SJ-007", None, For::Enterprise(USCC.into()), now(&s)).await.unwrap();
    assert_eq!(d.enterprise.as_deref(), Some(USCC));
    assert_eq!(d.answers.get("operator_code"), Some(&one(USCC)), "the form's credit code starts as the enterprise's");
    let key = fill_sj007(&s, &c, &d.id).await;
    let number = filing::submit(st, &c, &d.id, &key, now(&s)).await.unwrap();
    // A retry of the same submit (a double tap, the outbox) answers the same case.
    assert_eq!(filing::submit(st, &c, &d.id, &key, now(&s)).await.unwrap(), number);
    let case = app::store::filing::case_by_number(&st.db, &number).await.unwrap().unwrap();
    assert_eq!((case.enterprise.as_deref(), case.account_id.as_str()), (Some(USCC), c.account_id.as_str()));
    let trace = app::store::cases::trace(&st.db, &number).await.unwrap();
    assert_eq!(trace[0].actor.role, Role::EnterpriseMember);

    // The administrator sees the colleague's case and a draft the colleague started.
    let listed = s.call_as(Some(&admin), filing_api::my_cases).await.unwrap();
    assert_eq!(listed.iter().map(|l| l.number.as_str()).collect::<Vec<_>>(), vec![number.as_str()]);
    assert!(listed[0].filed_as.as_deref().unwrap().contains(USCC));
    assert!(s.call_as(Some(&admin), || cases_api::track_case(number.clone(), None)).await.is_ok());
    let draft = filing::start_for(&st.db, &c, "SJ-007", None, For::Enterprise(USCC.into()), now(&s)).await.unwrap();
    assert!(s.call_as(Some(&admin), filing_api::my_drafts).await.unwrap().iter().any(|d| d.id == draft.id));
    assert!(s.call_as(Some(&admin), || filing_api::application(draft.id.clone())).await.is_ok());
    // Another citizen sees none of it.
    assert!(s.call_as(Some(&other), filing_api::my_cases).await.unwrap().is_empty());
    assert!(matches!(s.call_as(Some(&other), || cases_api::track_case(number.clone(), None)).await, Err(AppError::NotFound(_))));
    assert!(matches!(s.call_as(Some(&other), || ent_api::enterprise_page(USCC.into())).await, Err(AppError::NotFound(_))));

    // The lookup: the case number and the last four of the USCC; not the filer's phone nor the form's numbers.
    assert_eq!(cases::lookup(st, "198.51.100.1", &number, "0Y43", now(&s)).await.unwrap(), number);
    assert!(cases::lookup(st, "198.51.100.1", &number, "2002", now(&s)).await.is_err());
    assert!(cases::lookup(st, "198.51.100.1", &number, "5678", now(&s)).await.is_err(), "the applicant section's mobile");

    // Removed: from this moment the colleague sees nothing of the enterprise, the draft they started included,
    // and their phone's sync of that draft is answered "not found" (the phone drops it).
    s.call_as(Some(&admin), || ent_api::remove_member(USCC.into(), colleague_id.account_id.clone())).await.unwrap();
    assert!(s.call_as(Some(&colleague), filing_api::my_cases).await.unwrap().is_empty());
    assert!(s.call_as(Some(&colleague), filing_api::my_drafts).await.unwrap().is_empty());
    assert!(matches!(s.call_as(Some(&colleague), || cases_api::track_case(number.clone(), None)).await, Err(AppError::NotFound(_))));
    assert!(matches!(s.call_as(Some(&colleague), || filing_api::application(draft.id.clone())).await, Err(AppError::NotFound(_))));
    let sync = s.call_as(Some(&colleague), || filing_api::keep_section(draft.id.clone(), "applicant".into(), 0, now(&s), BTreeMap::from([("name".to_string(), "x".to_string())]))).await;
    assert!(matches!(sync, Err(AppError::NotFound(_))), "{sync:?}");
    assert!(matches!(s.call_as(Some(&colleague), || ent_api::enterprise_page(USCC.into())).await, Err(AppError::NotFound(_))));
    let mine = s.call_as(Some(&colleague), || filing_api::my_case(number.clone())).await;
    assert!(mine.is_err());
    // The enterprise's next message goes to its administrator, not to the removed member who filed it.
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:SJ")]).await;
    let (before_admin, before_removed) = (sms_to(&s, "13800002001").await.len(), sms_to(&s, "13800002002").await.len());
    let item = CorrectionItem { target: Target::Material("m1".into()), label: "食品经营许可申请书".into(), problem: "未签字".into(), bring: "请签字后重新上传".into() };
    cases::act(st, &clerk, &number, Event::RequestCorrection, StepInput { items: vec![item], ..Default::default() }, now(&s)).await.unwrap();
    assert_eq!(sms_to(&s, "13800002001").await.len(), before_admin + 1);
    assert_eq!(sms_to(&s, "13800002002").await.len(), before_removed, "nothing more to the removed member");
    // The draft the removed member started is the enterprise's: its expiry warning goes to the administrator.
    let (before_admin, before_removed) = (sms_to(&s, "13800002001").await.len(), sms_to(&s, "13800002002").await.len());
    let idle = now(&s) + (app::domain::cases::DRAFT_KEEP_DAYS - app::domain::cases::DRAFT_WARN_DAYS) * 86_400;
    let (told, _) = filing::run_jobs(&st.db, &st.filing.files, idle).await.unwrap();
    assert!(told >= 1);
    assert_eq!(sms_to(&s, "13800002001").await.len(), before_admin + 1, "the administrator is told");
    assert_eq!(sms_to(&s, "13800002002").await.len(), before_removed, "not the removed member");
    // The administrator still sees both; the role is handed on only to a member.
    assert_eq!(s.call_as(Some(&admin), filing_api::my_cases).await.unwrap().len(), 1);
    assert!(s.call_as(Some(&admin), || ent_api::hand_over_enterprise(USCC.into(), colleague_id.account_id.clone())).await.is_err());
    let admin_id = me(&s, &admin).await.account_id;
    assert!(matches!(s.call_as(Some(&admin), || ent_api::remove_member(USCC.into(), admin_id.clone())).await, Err(AppError::Refused(_))), "not themselves");
}

/// The registry behind the trait: a connected one verifies (or refuses) at registration.
struct Registry(RegistryAnswer);

impl app::service::enterprise::MarketRegistry for Registry {
    fn check<'a>(&'a self, _reg: &'a Registration) -> std::pin::Pin<Box<dyn std::future::Future<Output = RegistryAnswer> + Send + 'a>> {
        let a = self.0.clone();
        Box::pin(async move { a })
    }
}

#[tokio::test]
async fn a_connected_registry_verifies_or_refuses_at_registration_and_bad_codes_are_named() {
    let mut s = server_at(MONDAY).await;
    s.state.filing.registry = app::service::enterprise::Registry(std::sync::Arc::new(Registry(RegistryAnswer::Matches)));
    let (_, a) = s.citizen("13800002011").await;
    s.call_as(Some(&a), || ent_api::register_enterprise(Some(USCC.into()), Some("甲公司".into()), Some("张三".into()))).await.unwrap();
    assert_eq!(s.call_as(Some(&a), || ent_api::enterprise_page(USCC.into())).await.unwrap().status, Status::Verified);
    s.state.filing.registry = app::service::enterprise::Registry(std::sync::Arc::new(Registry(RegistryAnswer::Differs("法定代表人与登记信息不一致".into()))));
    s.call_as(Some(&a), || ent_api::register_enterprise(Some("91110000100017643K".into()), Some("乙公司".into()), Some("李四".into()))).await.unwrap();
    let v = s.call_as(Some(&a), || ent_api::enterprise_page("91110000100017643K".into())).await.unwrap();
    assert_eq!((v.status, v.note.as_deref()), (Status::Refused, Some("法定代表人与登记信息不一致")));
    // A refused enterprise cannot invite or file.
    s.call_as(Some(&a), || ent_api::invite_member("91110000100017643K".into(), Some("13800002012".into()))).await.unwrap();
    let v = s.call_as(Some(&a), || ent_api::enterprise_page("91110000100017643K".into())).await.unwrap();
    assert!(v.flash.error("phone").unwrap().contains("通过核验后") && v.invited.is_empty());
    assert!(sms_to(&s, "13800002012").await.is_empty());
    let who = me(&s, &a).await;
    assert!(matches!(filing::start_for(&s.state.db, &who, "SJ-007", None, For::Enterprise("91110000100017643K".into()), now(&s)).await, Err(AppError::Forbidden(_))));
    // A refused registration does not hold the code: the real enterprise registers it, and the first registrant
    // loses it.
    let (_, real) = s.citizen("13800002013").await;
    s.call_as(Some(&real), || ent_api::register_enterprise(Some("91110000100017643K".into()), Some("乙公司".into()), Some("王六".into()))).await.unwrap();
    assert!(s.call_as(Some(&real), || ent_api::enterprise_page("91110000100017643K".into())).await.unwrap().admin);
    assert!(s.call_as(Some(&a), || ent_api::enterprise_page("91110000100017643K".into())).await.is_err());
    // An invitation sends one message, however often it is sent again.
    for _ in 0..3 {
        s.call_as(Some(&a), || ent_api::invite_member(USCC.into(), Some("13800002014".into()))).await.unwrap();
    }
    assert_eq!(sms_to(&s, "13800002014").await.len(), 1);
    // A typo in the check character is named, and what was typed comes back.
    s.call_as(Some(&a), || ent_api::register_enterprise(Some("91350100M000100Y44".into()), Some("".into()), Some("王五".into()))).await.unwrap();
    let f = s.call_as(Some(&a), ent_api::my_enterprises).await.unwrap().flash;
    assert!(f.error("uscc").unwrap().contains("校验位") && f.error("name").is_some());
    assert_eq!(f.value("uscc"), "91350100M000100Y44");
}

/// An agent of the station, with the role granted by the centre administrator: (their identity, token).
async fn agent(s: &TestServer, phone: &str) -> (app::domain::accounts::Identity, String) {
    let centre = s.session_with(&[(Role::CentreAdmin, "")]).await;
    s.call_as(Some(&centre), || proxy_api::grant_agent(Some(phone.into()), Some("杨丽".into()), Some(STATION.into()))).await.unwrap();
    let (_, token) = s.citizen(phone).await;
    (me(s, &token).await, token)
}

fn villager(name: &str, id: &str, phone: Option<&str>) -> BTreeMap<String, String> {
    let mut m = BTreeMap::from([("station".to_string(), STATION.to_string()), ("item".into(), "GA-009".into()), ("name".into(), name.into()), ("id_number".into(), id.into())]);
    match phone {
        Some(p) => m.insert("phone".into(), p.into()),
        None => m.insert("no_phone".into(), "1".into()),
    };
    m
}

#[tokio::test]
async fn a_consent_code_is_used_once_for_its_draft_and_expires() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (g, _) = agent(&s, "13800002101").await;
    let t = now(&s);
    // The start form sent twice (a double tap): one draft, one code.
    let mut posted = villager("李四", "530127195001010019", Some("13800002102"));
    posted.insert("key".into(), app::store::new_id());
    let a = app::service::proxy::start(st, &g, STATION, "GA-009", &posted, t).await.unwrap();
    assert_eq!(app::service::proxy::start(st, &g, STATION, "GA-009", &posted, t).await.unwrap(), a);
    assert_eq!(sms_to(&s, "13800002102").await.len(), 1);
    let code_a = consent_code(&s, "13800002102").await;
    let b = app::service::proxy::start(st, &g, STATION, "GA-009", &villager("李四", "530127195001010019", Some("13800002102")), t).await.unwrap();
    let code_b = consent_code(&s, "13800002102").await;
    // Draft A's code does not open draft B.
    if code_a != code_b {
        assert!(app::service::proxy::confirm(st, &g, &b, &code_a, t + 10).await.is_err());
    }
    app::service::proxy::confirm(st, &g, &a, &code_a, t + 20).await.unwrap();
    let again = app::service::proxy::confirm(st, &g, &a, &code_a, t + 30).await;
    assert!(matches!(&again, Err(AppError::Invalid(f)) if f.error("code").unwrap().contains("已失效")), "used once: {again:?}");
    // Draft B's code, read back after 10 minutes: expired.
    let late = app::service::proxy::confirm(st, &g, &b, &code_b, t + 601).await;
    assert!(matches!(&late, Err(AppError::Invalid(f)) if f.error("code").unwrap().contains("已失效")), "expired: {late:?}");
    // A new code (not within a minute of the last), then five wrong tries burn it.
    assert!(app::service::proxy::send_code(st, &g, &b, t + 30).await.is_err(), "once a minute");
    app::service::proxy::send_code(st, &g, &b, t + 700).await.unwrap();
    let fresh = consent_code(&s, "13800002102").await;
    let wrong = if fresh == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        assert!(matches!(app::service::proxy::confirm(st, &g, &b, wrong, t + 710).await, Err(AppError::Invalid(f)) if f.error("code").unwrap().contains("不正确")));
    }
    assert!(app::service::proxy::confirm(st, &g, &b, &fresh, t + 711).await.is_err(), "burnt by wrong tries");
    // Four resends at once: one new code.
    let sent = sms_to(&s, "13800002102").await.len();
    let resends = futures::future::join_all((0..4).map(|_| app::service::proxy::send_code(st, &g, &b, t + 760))).await;
    assert_eq!((resends.iter().filter(|r| r.is_ok()).count(), sms_to(&s, "13800002102").await.len()), (1, sent + 1));
    // Two tries at once with the right code: one uses it.
    app::service::proxy::send_code(st, &g, &b, t + 830).await.unwrap();
    let fresh = consent_code(&s, "13800002102").await;
    let tries = futures::future::join_all((0..4).map(|_| app::service::proxy::confirm(st, &g, &b, &fresh, t + 831))).await;
    assert_eq!(tries.iter().filter(|r| r.is_ok()).count(), 1);
}

fn one_material(m: &str) -> StepInput {
    StepInput { items: vec![CorrectionItem { target: Target::Material(m.into()), label: "申请人居民身份证".into(), problem: "照片模糊".into(), bring: "请重新拍摄".into() }], ..Default::default() }
}

#[tokio::test]
async fn a_proxy_case_is_the_villagers_and_the_agent_answers_for_one_without_a_phone() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (g, agent_token) = agent(&s, "13800002201").await;

    // With the villager's SMS consent.
    let posted = villager("李四", "530127195001010019", Some("13800002202"));
    let d = app::service::proxy::start(st, &g, STATION, "GA-009", &posted, now(&s)).await.unwrap();
    fill(&s, &g, &d).await;
    let key = filing::mine(&st.db, &g, &d).await.unwrap().submit_key;
    let refused = filing::submit(st, &g, &d, &key, now(&s)).await;
    assert!(matches!(&refused, Err(AppError::Invalid(f)) if f.error("consent").is_some()), "no submit before consent: {refused:?}");
    app::service::proxy::confirm(st, &g, &d, &consent_code(&s, "13800002202").await, now(&s)).await.unwrap();
    // The consent is the villager's: the applicant cannot be changed to someone else after it.
    let other_person: Answers = BTreeMap::from([("name".into(), one("赵七")), ("id_number".into(), one("11010519491231002X")), ("mobile".into(), one("13800002202"))]);
    filing::save_section(&st.db, &g, &d, "applicant", other_person, now(&s)).await.unwrap();
    let changed = filing::submit(st, &g, &d, &key, now(&s)).await;
    assert!(matches!(&changed, Err(AppError::Invalid(f)) if f.error("name").is_some() && f.error("id_number").is_some()), "{changed:?}");
    let back: Answers = BTreeMap::from([("name".into(), one("李四")), ("id_number".into(), one("530127195001010019")), ("mobile".into(), one("13800002202"))]);
    filing::save_section(&st.db, &g, &d, "applicant", back, now(&s)).await.unwrap();
    let number = filing::submit(st, &g, &d, &key, now(&s)).await.unwrap();
    assert_eq!(filing::submit(st, &g, &d, &key, now(&s)).await.unwrap(), number, "a retry by the agent answers the villager's case");
    let c = app::store::filing::case_by_number(&st.db, &number).await.unwrap().unwrap();
    assert_eq!(c.agent_id.as_deref(), Some(g.account_id.as_str()));
    assert!(sms_to(&s, "13800002202").await.iter().any(|b| b.contains("代办员杨丽已为您提交") && b.contains(&number)));
    // The villager signs in with that phone and finds it; the lookup takes their ID's last four.
    let (_, villager_token) = s.citizen("13800002202").await;
    let theirs = s.call_as(Some(&villager_token), filing_api::my_cases).await.unwrap();
    assert_eq!(theirs.iter().map(|l| l.number.as_str()).collect::<Vec<_>>(), vec![number.as_str()]);
    assert!(theirs[0].filed_as.as_deref().unwrap().contains("杨丽"));
    assert_eq!(cases::lookup(st, "198.51.100.2", &number, "0019", now(&s)).await.unwrap(), number);
    // The agent cannot consent with their own phone as the villager's.
    let own = app::service::proxy::start(st, &g, STATION, "GA-009", &villager("李四", "530127195001010019", Some("13800002201")), now(&s)).await;
    assert!(matches!(&own, Err(AppError::Invalid(f)) if f.error("phone").unwrap().contains("村民本人")), "{own:?}");
    // The agent lists it, whole while open; the villager answers for themselves (they have a phone).
    let home = s.call_as(Some(&agent_token), proxy_api::agent_overview).await.unwrap();
    assert_eq!((home.cases[0].villager.as_str(), home.cases[0].id_number.as_str()), ("李四", "530127195001010019"));
    assert!(s.call_as(Some(&agent_token), filing_api::my_cases).await.unwrap().is_empty(), "not the agent's own case");

    // Without a phone: the signed consent form is a required material instead.
    let posted = villager("王<i>五</i>", "53012719500101006X", None);
    let d2 = app::service::proxy::start(st, &g, STATION, "GA-009", &posted, now(&s)).await.unwrap();
    fill(&s, &g, &d2).await;
    let key2 = filing::mine(&st.db, &g, &d2).await.unwrap().submit_key;
    let missing = filing::submit(st, &g, &d2, &key2, now(&s)).await;
    assert!(matches!(&missing, Err(AppError::Invalid(f)) if f.errors.iter().any(|e| e.message.contains("代办委托书"))), "{missing:?}");
    upload(&s, &g, &d2, "consent", "委托书.png", PNG.to_vec()).await.unwrap();
    let number2 = filing::submit(st, &g, &d2, &key2, now(&s)).await.unwrap();
    // The receipt: the case number and how to look it up, for the agent only.
    let r = s.call_as(Some(&agent_token), || proxy_api::agent_receipt(number2.clone())).await.unwrap();
    assert_eq!((r.number.as_str(), r.track_url.as_str(), r.villager.as_str()), (number2.as_str(), "https://hall.example.gov.cn/track", "王********"));
    assert!(s.call_as(Some(&villager_token), || proxy_api::agent_receipt(number2.clone())).await.is_err());
    assert_eq!(cases::lookup(st, "198.51.100.3", &number2, "006x", now(&s)).await.unwrap(), number2);

    // A correction request reaches the agent (notice + SMS), who supplies the material and sends it back.
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let sent_before = sms_to(&s, "13800002201").await.len();
    cases::act(st, &clerk, &number2, Event::RequestCorrection, one_material("m1"), now(&s)).await.unwrap();
    assert_eq!(sms_to(&s, "13800002201").await.len(), sent_before + 1, "the agent is told");
    let notices = app::service::notify::notices_for(&st.db, &g.account_id, 10).await.unwrap();
    assert!(notices.iter().any(|(body, link, _)| body.contains(&number2) && link.ends_with(&number2)));
    assert!(s.call_as(Some(&agent_token), proxy_api::agent_overview).await.unwrap().cases.iter().any(|c| c.number == number2 && c.asked));
    let chunks: Vec<Result<leptos::server_fn::Bytes, std::io::Error>> = vec![Ok(leptos::server_fn::Bytes::from_static(PNG))];
    cases::supply_file(st, &g, &number2, "m1", "身份证.png", futures::stream::iter(chunks), now(&s)).await.unwrap();
    cases::resubmit(st, &g, &number2, &BTreeMap::new(), now(&s)).await.unwrap();
    assert_eq!(app::store::filing::case_by_number(&st.db, &number2).await.unwrap().unwrap().state, CaseState::Submitted);
    // The agent cannot answer for a villager who has a phone.
    cases::act(st, &clerk, &number, Event::RequestCorrection, one_material("m1"), now(&s)).await.unwrap();
    assert!(cases::resubmit(st, &g, &number, &BTreeMap::new(), now(&s)).await.is_err());

    // Completed: the agent's list masks the villager.
    let (reviewer, _) = staff(&s, &[(Role::Reviewer, "GA")]).await;
    cases::act(st, &clerk, &number2, Event::Accept, Default::default(), now(&s)).await.unwrap();
    cases::act(st, &reviewer, &number2, Event::Approve, Default::default(), now(&s)).await.unwrap();
    cases::act(st, &clerk, &number2, Event::Complete, Default::default(), now(&s)).await.unwrap();
    let done = s.call_as(Some(&agent_token), proxy_api::agent_overview).await.unwrap();
    let line = done.cases.iter().find(|c| c.number == number2).unwrap();
    assert_eq!((line.villager.as_str(), line.id_number.as_str()), ("王********", "530***********006X"));
    let track = s.call_as(Some(&agent_token), || cases_api::track_case(number2.clone(), None)).await.unwrap();
    assert_eq!(track.viewer, app::domain::cases::page::Viewer::Public, "the completed case without personal data");

    // The town centre over the station sees its agent's work; another town's does not.
    let town = s.session_with(&[(Role::WindowStaff, "530127001:*")]).await;
    let work = s.call_as(Some(&town), proxy_api::agents_oversight).await.unwrap();
    let w = work.iter().find(|w| w.agent == "杨丽" && w.filed == 2).expect("the agent's work");
    assert_eq!(w.items, vec![("无犯罪记录证明开具".to_string(), 2)]);
    assert!(w.cases.iter().all(|c| c.villager.ends_with('*')), "masked on the oversight list");
    let elsewhere = s.session_with(&[(Role::WindowStaff, "530127002:*")]).await;
    assert!(s.call_as(Some(&elsewhere), proxy_api::agents_oversight).await.unwrap().iter().all(|w| w.agent != "杨丽"));

    // Revoked: the agent sees nothing they filed from the station any more, and their open draft is gone for them;
    // the town centre still sees the work that was done.
    let d3 = app::service::proxy::start(st, &g, STATION, "GA-009", &villager("钱八", "530127195001010027", None), now(&s)).await.unwrap();
    // An open case of a villager without a phone: the role cannot go until another agent of the station takes it.
    let d4 = app::service::proxy::start(st, &g, STATION, "GA-009", &villager("孙九", "530127195001010035", None), now(&s)).await.unwrap();
    fill(&s, &g, &d4).await;
    upload(&s, &g, &d4, "consent", "委托书.png", PNG.to_vec()).await.unwrap();
    let key4 = filing::mine(&st.db, &g, &d4).await.unwrap().submit_key;
    let number4 = filing::submit(st, &g, &d4, &key4, now(&s)).await.unwrap();
    let alone = app::service::proxy::revoke(&st.db, &g.account_id, STATION, now(&s)).await;
    assert!(matches!(&alone, Err(AppError::Invalid(f)) if f.error("station").unwrap().contains("另一名代办员")), "{alone:?}");
    let (heir, _) = agent(&s, "13800002209").await;
    let centre = s.session_with(&[(Role::CentreAdmin, "")]).await;
    s.call_as(Some(&centre), || proxy_api::revoke_agent(g.account_id.clone(), STATION.into())).await.unwrap();
    let c4 = app::store::filing::case_by_number(&st.db, &number4).await.unwrap().unwrap();
    assert_eq!(c4.agent_id.as_deref(), Some(heir.account_id.as_str()), "the station's other agent answers for it now");
    assert!(sms_to(&s, "13800002209").await.iter().any(|b| b.contains("转给您代办")));
    cases::act(st, &clerk, &number4, Event::RequestCorrection, one_material("m1"), now(&s)).await.unwrap();
    assert!(sms_to(&s, "13800002209").await.iter().any(|b| b.contains(&number4)), "the new agent is told");
    let g2 = me(&s, &agent_token).await;
    assert!(filing::mine(&st.db, &g2, &d3).await.is_err());
    assert!(s.call_as(Some(&agent_token), || cases_api::track_case(number2.clone(), None)).await.is_err());
    assert!(s.call_as(Some(&agent_token), || proxy_api::agent_receipt(number2.clone())).await.is_err());
    assert!(s.call_as(Some(&agent_token), filing_api::my_drafts).await.unwrap().is_empty());
    let work = s.call_as(Some(&town), proxy_api::agents_oversight).await.unwrap();
    assert!(work.iter().any(|w| w.agent == "杨丽" && w.filed == 2), "past work stays on the list");
}

#[tokio::test]
async fn who_may_see_a_case_by_applicant_member_agent_villager_and_staff() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    // An enterprise's case, filed by a member.
    let admin = enterprise(&s, "13800002301").await;
    s.call_as(Some(&admin), || ent_api::invite_member(USCC.into(), Some("13800002302".into()))).await.unwrap();
    let (_, member) = s.citizen("13800002302").await;
    s.call_as(Some(&member), || ent_api::accept_invite(USCC.into())).await.unwrap();
    s.call_as(Some(&admin), || ent_api::invite_member(USCC.into(), Some("13800002303".into()))).await.unwrap();
    let (_, removed) = s.citizen("13800002303").await;
    s.call_as(Some(&removed), || ent_api::accept_invite(USCC.into())).await.unwrap();
    let filer = me(&s, &removed).await;
    let d = filing::start_for(&st.db, &filer, "SJ-007", None, For::Enterprise(USCC.into()), now(&s)).await.unwrap();
    let key = fill_sj007(&s, &filer, &d.id).await;
    let ent_case = filing::submit(st, &filer, &d.id, &key, now(&s)).await.unwrap();
    s.call_as(Some(&admin), || ent_api::remove_member(USCC.into(), filer.account_id.clone())).await.unwrap();
    // A villager's case, filed by an agent.
    let (g, agent_token) = agent(&s, "13800002304").await;
    let v = app::service::proxy::start(st, &g, STATION, "GA-009", &villager("李四", "530127195001010019", Some("13800002305")), now(&s)).await.unwrap();
    fill(&s, &g, &v).await;
    app::service::proxy::confirm(st, &g, &v, &consent_code(&s, "13800002305").await, now(&s)).await.unwrap();
    let key = filing::mine(&st.db, &g, &v).await.unwrap().submit_key;
    let proxy_case = filing::submit(st, &g, &v, &key, now(&s)).await.unwrap();
    let (_, villager_token) = s.citizen("13800002305").await;
    // A citizen's own case.
    let own = me(&s, &s.citizen("13800002306").await.1).await;
    let (od, ok) = common::filled(&s, &own).await;
    let own_case = filing::submit(st, &own, &od, &ok, now(&s)).await.unwrap();
    let (_, applicant) = s.citizen("13800002306").await;
    let (_, other) = s.citizen("13800002307").await;
    // The cases are 公安 (GA-009) and 市场监管 (SJ-007) ones, handled at the county hall.
    let dept = s.session_with(&[(Role::WindowStaff, "530127:GA"), (Role::WindowStaff, "530127:SJ")]).await;
    let other_dept = s.session_with(&[(Role::WindowStaff, "530127:RS"), (Role::Reviewer, "RS")]).await;
    let centre = s.session_with(&[(Role::CentreAdmin, "")]).await;

    // (who, token, sees: own case, enterprise's case, villager's case — as applicant's side; as staff)
    let people: [(&str, &String, [bool; 3], bool); 10] = [
        ("the applicant", &applicant, [true, false, false], false),
        ("another citizen", &other, [false, false, false], false),
        ("an enterprise member", &member, [false, true, false], false),
        ("the enterprise's administrator", &admin, [false, true, false], false),
        ("a removed member (who filed it)", &removed, [false, false, false], false),
        ("the proxy agent", &agent_token, [false, false, true], false),
        ("the villager", &villager_token, [false, false, true], false),
        ("staff of the department", &dept, [false, false, false], true),
        ("staff of another department", &other_dept, [false, false, false], false),
        ("the admin", &centre, [false, false, false], true),
    ];
    for (who, token, sees, staff_sees) in people {
        let t = Some(token.as_str());
        for (i, number) in [&own_case, &ent_case, &proxy_case].into_iter().enumerate() {
            let n = || number.clone();
            let tracked = s.call_as(t, || cases_api::track_case(n(), None)).await;
            assert_eq!(tracked.is_ok(), sees[i], "{who} tracking case {i}: {tracked:?}");
            if let Err(e) = &tracked {
                assert!(matches!(e, AppError::NotFound(_)), "{who}: answered as if there were no such case, not {e:?}");
            }
            let staff_view = s.call_as(t, || cases_api::staff_case(n())).await.is_ok();
            assert_eq!(staff_view, staff_sees, "{who} as staff, case {i}");
        }
        let listed: Vec<String> = s.call_as(t, filing_api::my_cases).await.map(|v| v.into_iter().map(|l| l.number).collect()).unwrap_or_default();
        let expected: Vec<&String> = [&own_case, &ent_case, &proxy_case].into_iter().zip(sees).filter(|(_, s)| *s).map(|(n, _)| n).filter(|n| **n != proxy_case || who == "the villager").collect();
        assert_eq!(listed.iter().collect::<Vec<_>>(), expected, "{who}: 我的办件");
        let receipt = s.call_as(t, || proxy_api::agent_receipt(proxy_case.clone())).await.is_ok();
        assert_eq!(receipt, who == "the proxy agent", "{who}: the receipt");
        let ent_page = s.call_as(t, || ent_api::enterprise_page(USCC.into())).await.is_ok();
        assert_eq!(ent_page, sees[1], "{who}: the enterprise's page");
    }

    // The administrator hands the role on to a member: the member manages now, the former administrator does not.
    let member_id = me(&s, &member).await.account_id;
    s.call_as(Some(&admin), || ent_api::hand_over_enterprise(USCC.into(), member_id.clone())).await.unwrap();
    assert!(s.call_as(Some(&member), || ent_api::enterprise_page(USCC.into())).await.unwrap().admin);
    assert!(!s.call_as(Some(&admin), || ent_api::enterprise_page(USCC.into())).await.unwrap().admin);
    assert!(matches!(s.call_as(Some(&admin), || ent_api::invite_member(USCC.into(), Some("13800002308".into()))).await, Err(AppError::Forbidden(_))));
    let admin_id = me(&s, &admin).await.account_id;
    s.call_as(Some(&member), || ent_api::remove_member(USCC.into(), admin_id.clone())).await.unwrap();
    assert!(s.call_as(Some(&admin), filing_api::my_cases).await.unwrap().is_empty(), "the former administrator, removed, sees nothing");
}
