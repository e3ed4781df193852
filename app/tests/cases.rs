//! Case processing (issue 18) against the real database (SQLite, or PostgreSQL with `PALM_TEST_DATABASE_URL`): a
//! case from submit to postal delivery with a correction on the way, every step traced; who may see and act; the
//! public lookup and its limits under concurrent tries; filing at the counter.

mod common;

use app::api::cases as api;
use app::domain::accounts::Role;
use app::domain::cases::{CaseState, CorrectionItem, Event, Target};
use app::error::AppError;
use app::service::cases::{self, StepInput};
use app::service::filing;
use common::{filled, now, server_at, staff, who, TestServer, PDF, PNG};
use std::collections::BTreeMap;

/// Monday 7 December 2026, 10:00 in Shanghai.
const MONDAY: &str = "2026-12-07T10:00:00+08:00";


/// A GA-009 case submitted by a new citizen: (its number, the applicant, their session token).
async fn a_case(s: &TestServer, phone: &str) -> (String, app::domain::accounts::Identity, String) {
    let me = who(s, phone).await;
    let (id, key) = filled(s, &me).await;
    let number = filing::submit(&s.state, &me, &id, &key, now(s)).await.unwrap();
    let (_, token) = s.citizen(phone).await;
    (number, me, token)
}

fn two_materials() -> StepInput {
    let item = |m: &str, label: &str| CorrectionItem { target: Target::Material(m.into()), label: label.into(), problem: "照片模糊".into(), bring: "请重新拍摄清晰的照片".into() };
    StepInput { items: vec![item("m1", "居民身份证"), item("m2", "委托书")], ..Default::default() }
}

async fn supply(s: &TestServer, me: &app::domain::accounts::Identity, number: &str, material: &str, bytes: &[u8], name: &str) -> Result<(), AppError> {
    let chunks: Vec<Result<leptos::server_fn::Bytes, std::io::Error>> = bytes.chunks(5).map(|c| Ok(leptos::server_fn::Bytes::copy_from_slice(c))).collect();
    cases::supply_file(&s.state, me, number, material, name, futures::stream::iter(chunks), now(s)).await
}

async fn sms_to(s: &TestServer, phone: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM notifications WHERE phone = $1 ORDER BY created_at, id").bind(phone).fetch_all(&s.state.db).await.unwrap()
}

#[tokio::test]
async fn a_case_is_corrected_once_accepted_approved_completed_and_posted_every_step_traced() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (number, me, _) = a_case(&s, "13800001801").await;
    let c = app::store::filing::case_by_number(&st.db, &number).await.unwrap().unwrap();
    assert_eq!((c.state, c.point_id.as_str(), c.department.as_str(), c.at_counter), (CaseState::Submitted, "530127", "GA", false));
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let (reviewer, _) = staff(&s, &[(Role::Reviewer, "GA")]).await;

    // 一次性告知: two materials at once; the applicant sees exactly those two, and the clock stops.
    cases::act(st, &clerk, &number, Event::RequestCorrection, two_materials(), now(&s)).await.unwrap();
    let v = cases::track(st, Some(&me), &number, None, Default::default(), &[], now(&s)).await.unwrap();
    assert_eq!(v.state, CaseState::CorrectionRequested);
    assert_eq!(v.todo.iter().map(|i| i.target.clone()).collect::<Vec<_>>(), vec![Target::Material("m1".into()), Target::Material("m2".into())]);
    assert!(v.expected.contains("暂停计时"), "{}", v.expected);
    // Sending before supplying both names each missing one.
    let Err(AppError::Invalid(f)) = cases::resubmit(st, &me, &number, &BTreeMap::new(), now(&s)).await else { panic!("refused") };
    assert_eq!(f.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), vec!["file-m1", "file-m2"]);
    supply(&s, &me, &number, "m1", PNG, "身份证-清晰.png").await.unwrap();
    // A material the notice does not list is not taken.
    assert!(matches!(supply(&s, &me, &number, "m9", PNG, "x.png").await, Err(AppError::Refused(_))));
    let Err(AppError::Invalid(f)) = cases::resubmit(st, &me, &number, &BTreeMap::new(), now(&s)).await else { panic!("refused") };
    assert_eq!(f.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), vec!["file-m2"]);
    supply(&s, &me, &number, "m2", PDF, "委托书.pdf").await.unwrap();
    let back = cases::resubmit(st, &me, &number, &BTreeMap::new(), now(&s)).await.unwrap();
    assert_eq!(back.state, CaseState::Submitted);
    assert!(back.correction.is_empty());
    // 一次性告知 is once: no second notice before acceptance.
    assert!(matches!(cases::act(st, &clerk, &number, Event::RequestCorrection, two_materials(), now(&s)).await, Err(AppError::Refused(_))));
    // The supplied files joined the case: 3 files (the first 居民身份证 stays, replaced).
    assert_eq!(app::store::filing::uploads_of_case(&st.db, &number).await.unwrap().len(), 3);

    // Accept (window), approve (reviewer), complete and post (window).
    assert_eq!(cases::act(st, &clerk, &number, Event::Accept, StepInput::default(), now(&s)).await.unwrap().state, CaseState::Accepted);
    assert_eq!(cases::act(st, &reviewer, &number, Event::Approve, StepInput::default(), now(&s)).await.unwrap().state, CaseState::Approved);
    assert_eq!(cases::act(st, &clerk, &number, Event::Complete, StepInput::default(), now(&s)).await.unwrap().state, CaseState::Completed);
    let Err(AppError::Invalid(f)) = cases::act(st, &clerk, &number, Event::Deliver, StepInput { carrier: "ems".into(), tracking: "12".into(), ..Default::default() }, now(&s)).await else {
        panic!("a short tracking number is refused")
    };
    assert_eq!(f.errors[0].field, "tracking");
    let done = cases::act(st, &clerk, &number, Event::Deliver, StepInput { carrier: "ems".into(), tracking: "1180 2345 6789 0".into(), ..Default::default() }, now(&s)).await.unwrap();
    assert_eq!(done.state, CaseState::Delivered);
    assert_eq!(done.shipment.as_ref().map(|x| x.tracking.as_str()), Some("1180234567890"));

    // The trace: every step, in order, with who and in which role.
    let trace = app::store::cases::trace(&st.db, &number).await.unwrap();
    let steps: Vec<(Event, Role)> = trace.iter().map(|r| (r.event, r.actor.role)).collect();
    assert_eq!(
        steps,
        vec![
            (Event::Submit, Role::Citizen),
            (Event::RequestCorrection, Role::WindowStaff),
            (Event::Resubmit, Role::Citizen),
            (Event::Accept, Role::WindowStaff),
            (Event::Approve, Role::Reviewer),
            (Event::Complete, Role::WindowStaff),
            (Event::Deliver, Role::WindowStaff),
        ]
    );
    assert_eq!(trace[2].attachments.len(), 2, "the corrections' files go with their step");
    // The applicant was told of each step that concerns them, with the signed link from configuration.
    let (invited, told): (Vec<String>, Vec<String>) = sms_to(&s, "13800001801").await.into_iter().partition(|m| m.contains("/rate/c/"));
    assert_eq!(told.len(), 5, "{told:#?}");
    // And invited once to rate it (好差评, 一事一评), with the rating page's address from configuration.
    assert_eq!(invited, vec![format!("【掌上办事大厅】您的办件{number}（无犯罪记录证明开具）已办结，欢迎对本次办事服务作出评价：{}/rate/c/{number}", common::PUBLIC_URL)]);
    for step in ["一次性告知补正", "受理", "准予许可", "办结", "1180234567890"] {
        assert!(told.iter().any(|m| m.contains(step)), "no message says {step}: {told:#?}");
    }
    assert!(told.iter().all(|m| m.contains(&format!("{}/track/{number}?s=", common::PUBLIC_URL))), "{told:#?}");

    // The applicant's view shows the shipment with the carrier's link; the public view the same steps, no one's data.
    let mine = cases::track(st, Some(&me), &number, None, Default::default(), &[], now(&s)).await.unwrap();
    assert_eq!(mine.steps.len(), 7);
    assert!(mine.shipment.as_ref().unwrap().2.contains("1180234567890"));
    let public = cases::track(st, None, &number, Some(app::domain::cases::page::Viewer::Public), Default::default(), &[], now(&s)).await.unwrap();
    assert_eq!(public.steps.iter().map(|x| x.event).collect::<Vec<_>>(), mine.steps.iter().map(|x| x.event).collect::<Vec<_>>());
    let shown = format!("{public:?}");
    for personal in ["王秀英", "13812345678", "11010519491231002X", "13800001801", "3号"] {
        assert!(!shown.contains(personal), "the public view shows {personal}");
    }
    assert!(public.steps.iter().all(|x| x.by.is_none() && x.files.is_empty() && x.lines.is_empty()));
    assert!(public.shipment.is_none(), "a carrier's page can show the recipient");
    // The SMS's link: what the steps say and the shipment, still nobody's personal data.
    let link = cases::track(st, None, &number, Some(app::domain::cases::page::Viewer::Link), Default::default(), &[], now(&s)).await.unwrap();
    assert!(link.shipment.is_some() && link.steps.iter().any(|x| !x.lines.is_empty()));
    let shown = format!("{link:?}");
    for personal in ["王秀英", "13812345678", "11010519491231002X", "13800001801", "3号"] {
        assert!(!shown.contains(personal), "the link's view shows {personal}");
    }
}

#[tokio::test]
async fn illegal_steps_and_steps_by_the_wrong_person_are_refused() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (number, me, _) = a_case(&s, "13800001802").await;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let (reviewer, _) = staff(&s, &[(Role::Reviewer, "GA")]).await;
    let (other_dept, _) = staff(&s, &[(Role::WindowStaff, "530127:SJ")]).await;
    let (other_point, _) = staff(&s, &[(Role::WindowStaff, "530127001:*")]).await;
    let t = now(&s);
    // Not the case of these two: as if it did not exist.
    for w in [&other_dept, &other_point] {
        assert!(matches!(cases::act(st, w, &number, Event::Accept, StepInput::default(), t).await, Err(AppError::NotFound(_))));
    }
    // The reviewer sees it but does not accept; the clerk does not decide; the applicant does neither.
    assert!(matches!(cases::act(st, &reviewer, &number, Event::Accept, StepInput::default(), t).await, Err(AppError::Forbidden(_))));
    assert!(matches!(cases::act(st, &me, &number, Event::Accept, StepInput::default(), t).await, Err(AppError::NotFound(_))));
    // Not yet accepted: nothing to approve or complete.
    assert!(matches!(cases::act(st, &reviewer, &number, Event::Approve, StepInput::default(), t).await, Err(AppError::Refused(_))));
    assert!(matches!(cases::act(st, &clerk, &number, Event::Complete, StepInput::default(), t).await, Err(AppError::Refused(_))));
    // A refusal needs its reason and legal basis, and is final.
    let Err(AppError::Invalid(f)) = cases::act(st, &clerk, &number, Event::Refuse, StepInput::default(), t).await else { panic!() };
    assert_eq!(f.errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), vec!["reason", "basis"]);
    let refuse = StepInput { reason: "不属于本部门职权范围".into(), basis: "《行政许可法》第三十二条".into(), ..Default::default() };
    assert_eq!(cases::act(st, &clerk, &number, Event::Refuse, refuse, t).await.unwrap().state, CaseState::Refused);
    assert!(matches!(cases::act(st, &clerk, &number, Event::Accept, StepInput::default(), t).await, Err(AppError::Refused(_))));
    // Two clerks accepting the same case at once: one step is written.
    let (number2, _, _) = a_case(&s, "13800001803").await;
    let tries = (0..6).map(|_| {
        let (st, clerk, number2) = (st.clone(), clerk.clone(), number2.clone());
        tokio::spawn(async move { cases::act(&st, &clerk, &number2, Event::Accept, StepInput::default(), t).await })
    });
    let ok = futures::future::join_all(tries).await.into_iter().filter(|r| r.as_ref().unwrap().is_ok()).count();
    assert_eq!(ok, 1);
    let accepts = app::store::cases::trace(&st.db, &number2).await.unwrap().iter().filter(|r| r.event == Event::Accept).count();
    assert_eq!(accepts, 1);
}

#[tokio::test]
async fn the_lookup_answers_by_the_last_four_and_counts_every_try_atomically() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (number, _, _) = a_case(&s, "13800001804").await;
    let t = now(&s);
    // The account's mobile, the answered mobile and the ID number's last four (X in either case) all open it.
    for digits in ["1804", "5678", "002x"] {
        assert_eq!(cases::lookup(st, "198.51.100.7", &number.to_lowercase(), digits, t).await.unwrap(), number);
    }
    // A wrong number and wrong digits get the same answer.
    let Err(AppError::Invalid(wrong)) = cases::lookup(st, "198.51.100.7", &number, "0000", t).await else { panic!() };
    let Err(AppError::Invalid(none)) = cases::lookup(st, "198.51.100.7", "SM2026120799999", "1804", t).await else { panic!() };
    assert_eq!(wrong.errors, none.errors);

    // Twenty tries at once at another case from one address: exactly the per-case limit is checked, the rest refused.
    let (other, _, _) = a_case(&s, "13800001805").await;
    let limit = st.filing.lookup.per_case_hour as usize;
    let tries = (0..20).map(|i| {
        let (st, other) = (st.clone(), other.clone());
        tokio::spawn(async move { cases::lookup(&st, "203.0.113.9", &other, &format!("{:04}", 1000 + i), t).await })
    });
    let answers: Vec<_> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap()).collect();
    let refused = answers.iter().filter(|r| matches!(r, Err(AppError::Refused(_)))).count();
    let checked = answers.iter().filter(|r| matches!(r, Err(AppError::Invalid(_)))).count();
    assert_eq!((checked, refused), (limit, 20 - limit), "{answers:?}");
    // Even the right digits wait now, from anywhere: the case number's tries are used up for the hour.
    assert!(matches!(cases::lookup(st, "192.0.2.1", &other, "1805", t).await, Err(AppError::Refused(_))));
    // An hour later it answers again.
    assert_eq!(cases::lookup(st, "192.0.2.1", &other, "1805", t + 3601).await.unwrap(), other);
    // The per-address limit: twenty-five tries at once at different cases from one address; exactly its limit pass.
    let tries = (0..25).map(|i| {
        let st = st.clone();
        tokio::spawn(async move { cases::lookup(&st, "203.0.113.50", &format!("SM202612070{:04}", 100 + i), "1234", t).await })
    });
    let answers: Vec<_> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap()).collect();
    let passed = answers.iter().filter(|r| !matches!(r, Err(AppError::Refused(_)))).count();
    assert_eq!(passed as i64, st.filing.lookup.per_address_hour);
}

/// Who may call each of case processing's server functions on one case: its applicant, another citizen, staff of
/// its department at its point, at another point, of another department, the department's reviewer and the
/// administrator.
#[tokio::test]
async fn who_may_see_and_act_on_a_case() {
    let s = server_at(MONDAY).await;
    let (number, _, applicant) = a_case(&s, "13800001806").await;
    let (_, other_citizen) = s.citizen("13800001807").await;
    let window = s.session_with(&[(Role::WindowStaff, "530127:GA")]).await;
    let other_point = s.session_with(&[(Role::WindowStaff, "530127001:*")]).await;
    let other_dept = s.session_with(&[(Role::WindowStaff, "530127:SJ")]).await;
    let reviewer = s.session_with(&[(Role::Reviewer, "GA")]).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let people = [
        ("applicant", &applicant),
        ("another citizen", &other_citizen),
        ("window staff here", &window),
        ("window staff elsewhere", &other_point),
        ("another department", &other_dept),
        ("reviewer", &reviewer),
        ("admin", &admin),
    ];
    let n = || number.clone();
    for (who, token) in people {
        let t = Some(token.as_str());
        let track = s.call_as(t, || api::track_case(n(), None)).await.is_ok();
        let staff_page = s.call_as(t, || api::staff_case(n())).await.is_ok();
        let listed = s.call_as(t, || api::staff_cases(None, None, None, None)).await.map(|v| v.lines.iter().any(|l| l.number == number)).unwrap_or(false);
        let counter = s.call_as(t, api::counter_page).await.is_ok();
        // Sending corrections: only the applicant gets past who is asking (nothing is asked yet: the page says so).
        let resubmit = s.call_as(t, || api::resubmit_case(n(), BTreeMap::new())).await.is_ok();
        let expected = match who {
            "applicant" => (true, false, false, false, true),
            "another citizen" => (false, false, false, false, false),
            "window staff here" => (false, true, true, true, false),
            "window staff elsewhere" | "another department" => (false, false, false, true, false),
            "reviewer" => (false, true, true, false, false),
            "admin" => (false, true, true, true, false),
            _ => unreachable!(),
        };
        assert_eq!((track, staff_page, listed, counter, resubmit), expected, "{who}");
    }
    // Without a session, the signed link is the only way in.
    assert!(matches!(s.call_as(None, || api::track_case(n(), None)).await, Err(AppError::SignInRequired)));
    let sig = cases::signature(&s.state.secret, &number);
    assert_eq!(s.call_as(None, || api::track_case(n(), Some(sig.clone()))).await.unwrap().viewer, app::domain::cases::page::Viewer::Link);
    assert!(s.call_as(None, || api::track_case(n(), Some("0".repeat(24)))).await.is_err());
    // Steps through the server function: only the clerk here (and the admin) accepts.
    for token in [&applicant, &other_citizen, &other_point, &other_dept, &reviewer] {
        assert!(s.call_as(Some(token.as_str()), || api::case_step(n(), "accept".into(), BTreeMap::new())).await.is_err());
    }
    s.call_as(Some(window.as_str()), || api::case_step(n(), "accept".into(), BTreeMap::new())).await.unwrap();
    let c = app::store::filing::case_by_number(&s.state.db, &number).await.unwrap().unwrap();
    assert_eq!(c.state, CaseState::Accepted);
    // Each staff read of the case is in the audit.
    let reads = app::store::audit::recent_reads(&s.state.db, 50).await.unwrap();
    assert!(reads.iter().filter(|r| r.subject == number).count() >= 3);
}

#[tokio::test]
async fn a_clerk_files_at_the_counter_for_a_walk_in() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    // A bad mobile is named; an item of another department is not offered.
    let Err(AppError::Invalid(f)) = cases::start_counter(st, &clerk, "GA-009", "123", now(&s)).await else { panic!() };
    assert_eq!(f.errors[0].field, "mobile");
    assert!(matches!(cases::start_counter(st, &clerk, "SJ-001", "13800001808", now(&s)).await, Err(AppError::Invalid(_))));
    let d = cases::start_counter(st, &clerk, "GA-009", "138 0000 1808", now(&s)).await.unwrap();
    // The clerk fills the same form and uploads the scan.
    let applicant: app::domain::form::Answers = BTreeMap::from([
        ("name".into(), common::one("赵大爷")),
        ("id_number".into(), common::one("11010519491231002X")),
        ("mobile".into(), common::one("13800001808")),
    ]);
    filing::save_section(&st.db, &clerk, &d.id, "applicant", applicant, now(&s)).await.unwrap();
    let matter: app::domain::form::Answers = BTreeMap::from([("purpose".into(), common::one("job")), ("by_agent".into(), common::one("no"))]);
    filing::save_section(&st.db, &clerk, &d.id, "matter", matter, now(&s)).await.unwrap();
    let window = BTreeMap::from([("way".to_string(), "window".to_string()), ("point".to_string(), "530127".to_string())]);
    filing::save_delivery_posted(&st.db, &clerk, &d.id, &window, now(&s)).await.unwrap();
    common::upload(&s, &clerk, &d.id, "m1", "scan.png", PNG.to_vec()).await.unwrap();
    let (number, counter) = filing::submit_case(st, &clerk, &d.id, &d.submit_key, now(&s)).await.unwrap();
    assert!(counter);
    // The case is the walk-in's, at the clerk's point, filed at the counter; the walk-in is told by SMS.
    let c = app::store::filing::case_by_number(&st.db, &number).await.unwrap().unwrap();
    let walk_in = app::store::accounts::account_by(&st.db, app::store::accounts::AccountKey::Phone, "13800001808").await.unwrap().unwrap();
    assert_eq!((c.account_id.as_str(), c.point_id.as_str(), c.at_counter), (walk_in.id.as_str(), "530127", true));
    let trace = app::store::cases::trace(&st.db, &number).await.unwrap();
    assert_eq!((trace[0].event, trace[0].actor.role, trace[0].actor.account_id.as_str()), (Event::Submit, Role::WindowStaff, clerk.account_id.as_str()));
    let told = sms_to(&s, "13800001808").await;
    assert!(told.iter().any(|m| m.contains(&number) && m.contains("窗口")), "{told:?}");
    // The walk-in sees it among their cases when they sign in with that number; the clerk's retry lands on it.
    let me = who(&s, "13800001808").await;
    assert_eq!(app::store::filing::cases_of(&st.db, &me.account_id).await.unwrap().len(), 1);
    assert_eq!(filing::submit_case(st, &clerk, &d.id, &d.submit_key, now(&s)).await.unwrap(), (number.clone(), true));
    // It counts with every case in the department's intake list.
    let list = cases::intake(st, &clerk, Default::default(), now(&s)).await.unwrap();
    assert!(list.lines.iter().any(|l| l.number == number && l.at_counter));
}

#[tokio::test]
async fn the_intake_list_puts_the_oldest_deadline_first_and_filters() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (first, _, _) = a_case(&s, "13800001809").await;
    let (second, _, _) = a_case(&s, "13800001810").await;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    // The second is accepted: its promised day (1) falls before the first's acceptance limit (5).
    cases::act(st, &clerk, &second, Event::Accept, StepInput::default(), now(&s)).await.unwrap();
    let list = cases::intake(st, &clerk, Default::default(), now(&s)).await.unwrap();
    let order: Vec<&str> = list.lines.iter().map(|l| l.number.as_str()).collect();
    assert_eq!(order, vec![second.as_str(), first.as_str()]);
    assert!(list.lines.iter().all(|l| l.colour.is_some()));
    // Five working days on, the first is red; filtering by colour and state.
    let later = now(&s) + 8 * 86_400;
    let red = cases::intake(st, &clerk, app::domain::cases::page::IntakeFilter { colour: Some("red".into()), ..Default::default() }, later).await.unwrap();
    assert_eq!(red.lines.iter().map(|l| l.number.as_str()).collect::<Vec<_>>(), vec![second.as_str(), first.as_str()]);
    let submitted = cases::intake(st, &clerk, app::domain::cases::page::IntakeFilter { state: Some("submitted".into()), ..Default::default() }, later).await.unwrap();
    assert_eq!(submitted.lines.iter().map(|l| l.number.as_str()).collect::<Vec<_>>(), vec![first.as_str()]);
}

#[tokio::test]
async fn accepted_with_deferred_materials_the_applicant_supplies_them_by_the_date() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    // GA-009's 授权委托书 (m2) made 可容缺 for this test.
    sqlx::query("UPDATE service_items SET materials = REPLACE(materials, '\"optional\"', '\"deferrable\"') WHERE code = 'GA-009'").execute(&st.db).await.unwrap();
    let (number, me, _) = a_case(&s, "13800001811").await;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let t = now(&s);
    // A required material cannot be deferred; the date must be after today.
    let Err(AppError::Invalid(f)) = cases::act(st, &clerk, &number, Event::AcceptDeferred, StepInput { deferred: vec!["m1".into()], by: "2026-12-20".into(), ..Default::default() }, t).await else { panic!() };
    assert_eq!(f.errors[0].field, "deferred");
    let Err(AppError::Invalid(f)) = cases::act(st, &clerk, &number, Event::AcceptDeferred, StepInput { deferred: vec!["m2".into()], by: "2026-12-07".into(), ..Default::default() }, t).await else { panic!() };
    assert_eq!(f.errors[0].field, "by");
    let c = cases::act(st, &clerk, &number, Event::AcceptDeferred, StepInput { deferred: vec!["m2".into()], by: "2026-12-20".into(), ..Default::default() }, t).await.unwrap();
    assert_eq!(c.state, CaseState::Accepted);
    // The applicant is asked for it, with the date, and supplies it; the promised clock ran from acceptance.
    let v = cases::track(st, Some(&me), &number, None, Default::default(), &[], t).await.unwrap();
    assert_eq!(v.todo.iter().map(|i| i.target.clone()).collect::<Vec<_>>(), vec![Target::Material("m2".into())]);
    assert_eq!(v.deferred.as_ref().map(|d| d.1.as_str()), Some("2026年12月20日（周日）"));
    assert_eq!(v.expected, "2026年12月8日（周二）", "one promised working day after Monday's acceptance");
    supply(&s, &me, &number, "m2", PDF, "委托书.pdf").await.unwrap();
    let c = cases::resubmit(st, &me, &number, &BTreeMap::new(), t).await.unwrap();
    assert_eq!(c.state, CaseState::Accepted);
    assert!(c.deferred.as_ref().unwrap().supplied);
    let trace = app::store::cases::trace(&st.db, &number).await.unwrap();
    assert_eq!(trace.last().map(|r| (r.event, r.attachments.len())), Some((Event::SupplyDeferred, 1)));
    // Nothing more is asked.
    assert!(cases::track(st, Some(&me), &number, None, Default::default(), &[], t).await.unwrap().todo.is_empty());
    assert!(matches!(cases::resubmit(st, &me, &number, &BTreeMap::new(), t).await, Err(AppError::Refused(_))));
}

#[tokio::test]
async fn an_immediate_item_is_completed_at_acceptance() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    sqlx::query("UPDATE service_items SET handling = 'Immediate', promised_days = 0 WHERE code = 'GA-009'").execute(&st.db).await.unwrap();
    let (number, _, _) = a_case(&s, "13800001812").await;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let c = cases::act(st, &clerk, &number, Event::Accept, StepInput::default(), now(&s)).await.unwrap();
    assert_eq!(c.state, CaseState::Completed);
    // Then delivered; no decision step in between.
    let (reviewer, _) = staff(&s, &[(Role::Reviewer, "GA")]).await;
    assert!(matches!(cases::act(st, &reviewer, &number, Event::Approve, StepInput::default(), now(&s)).await, Err(AppError::Refused(_))));
    let told = sms_to(&s, "13800001812").await;
    assert!(told.iter().any(|m| m.contains("已受理并办结")), "{told:?}");
}

#[tokio::test]
async fn a_field_named_in_the_notice_is_corrected_and_checked_as_typed() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let (number, me, _) = a_case(&s, "13800001813").await;
    let (clerk, _) = staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    // Written but not ticked: still a point of the notice, not lost.
    let posted: BTreeMap<String, String> = [
        ("problem:f:mobile".to_string(), "号码已停机".to_string()),
        ("bring:f:mobile".to_string(), "请填写能接通的手机号码".to_string()),
    ]
    .into();
    let input = cases::step_input(&st.db, &number, &posted).await.unwrap();
    assert_eq!(input.items.len(), 1);
    cases::act(st, &clerk, &number, Event::RequestCorrection, input, now(&s)).await.unwrap();
    let typed = |v: &str| BTreeMap::from([("f:mobile".to_string(), v.to_string())]);
    let Err(AppError::Invalid(f)) = cases::resubmit(st, &me, &number, &typed("12345"), now(&s)).await else { panic!("a wrong mobile is refused") };
    assert_eq!(f.errors[0].field, "f:mobile");
    assert_eq!(f.value("f:mobile"), "12345", "what was typed comes back");
    let c = cases::resubmit(st, &me, &number, &typed("13987654321"), now(&s)).await.unwrap();
    assert_eq!(c.answers.get("mobile"), Some(&common::one("13987654321")));
}
