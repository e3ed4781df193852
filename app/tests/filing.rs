//! Online filing's service against the real database (SQLite, or PostgreSQL with `PALM_TEST_DATABASE_URL`):
//! drafts kept section by section on their form version, answers checked on the server, a submit that makes one
//! case however often it is retried, and the receipt date on the working calendar.

mod common;

use app::domain::cases::Delivery;
use app::domain::form::Answers;
use app::error::AppError;
use app::service::filing;
use common::{filled, now, one, server_at, upload, who, PDF, PNG};
use std::collections::BTreeMap;

/// Saturday 5 December 2026, 22:14 in Shanghai.
const SATURDAY_NIGHT: &str = "2026-12-05T22:14:00+08:00";

#[tokio::test]
async fn a_draft_keeps_what_was_typed_and_the_server_names_each_problem() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000101").await;
    let d = filing::start(db, &me, "GA-009", None, now(&s)).await.unwrap();
    assert_eq!(d.form_version, 1);
    let typed: Answers = BTreeMap::from([("name".into(), one("王秀英")), ("id_number".into(), one("110105194912310021")), ("mobile".into(), one(""))]);
    let Err(AppError::Invalid(flash)) = filing::save_section(db, &me, &d.id, "applicant", typed, now(&s)).await else { panic!("refused") };
    let fields: Vec<&str> = flash.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["id_number", "mobile"]);
    assert_eq!(flash.errors[0].message, "申请人身份证号码有误，请对照身份证核对每一位");
    // Nothing typed is lost: the draft kept the name and the wrong number.
    let kept = filing::mine(db, &me, &d.id).await.unwrap();
    assert_eq!(kept.answers.get("name"), Some(&one("王秀英")));
    assert_eq!(kept.answers.get("id_number"), Some(&one("110105194912310021")));
    // Someone else cannot read or change it.
    let other = who(&s, "13800000102").await;
    assert!(matches!(filing::mine(db, &other, &d.id).await, Err(AppError::NotFound(_))));
    assert!(matches!(filing::save_section(db, &other, &d.id, "applicant", Answers::new(), now(&s)).await, Err(AppError::NotFound(_))));
    assert!(matches!(filing::delete(db, &s.state.filing.files, &other, &d.id).await, Err(AppError::NotFound(_))));
    assert_eq!(app::store::filing::drafts_of(db, &me.account_id).await.unwrap().len(), 1);
    filing::delete(db, &s.state.filing.files, &me, &d.id).await.unwrap();
    assert!(app::store::filing::drafts_of(db, &me.account_id).await.unwrap().is_empty());
}

#[tokio::test]
async fn submitting_checks_everything_and_is_received_on_the_next_working_day() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000103").await;
    // No delivery chosen and nothing answered: every problem at once.
    let bare = filing::start(db, &me, "GA-009", None, now(&s)).await.unwrap();
    let Err(AppError::Invalid(flash)) = filing::submit(&s.state, &me, &bare.id, &bare.submit_key, now(&s)).await else { panic!("refused") };
    assert!(flash.errors.iter().any(|e| e.field == "name") && flash.errors.iter().any(|e| e.field == "delivery"), "{flash:?}");
    let (id, key) = filled(&s, &me).await;
    let number = filing::submit(&s.state, &me, &id, &key, now(&s)).await.unwrap();
    // Saturday night: received Monday 7 December.
    assert_eq!(number, "SM2026120700001");
    let case = app::store::filing::case_by_number(db, &number).await.unwrap().unwrap();
    assert_eq!((case.receipt_date.as_str(), case.state, case.account_id.as_str()), ("2026-12-07", app::domain::cases::CaseState::Submitted, me.account_id.as_str()));
    assert_eq!(case.answers.get("purpose"), Some(&one("job")));
    assert_eq!(case.answers.get("agent_name"), None, "an answer to a question no longer asked is not sent");
    assert!(matches!(case.delivery, Delivery::Post { .. }));
    // The draft became the case, and its pages lead there (for its applicant only).
    let open = |w: app::domain::accounts::Identity| {
        let (s, id) = (&s, id.clone());
        async move { filing::application(&s.state.db, &w, &id, Default::default(), vec![], (1, Default::default()), now(s)).await }
    };
    assert!(matches!(open(me.clone()).await, Ok(filing::Opened::Submitted(n)) if n == number));
    assert!(matches!(open(who(&s, "13800000113").await).await, Err(AppError::NotFound(_))));
    // The next case that day takes the next number.
    assert!(app::store::filing::drafts_of(db, &me.account_id).await.unwrap().iter().all(|d| d.id != id));
    let (id2, key2) = filled(&s, &me).await;
    assert_eq!(filing::submit(&s.state, &me, &id2, &key2, now(&s)).await.unwrap(), "SM2026120700002");
    // Another person cannot learn a case through its key.
    let other = who(&s, "13800000104").await;
    assert!(matches!(filing::submit(&s.state, &other, &id, &key, now(&s)).await, Err(AppError::NotFound(_))));
}

#[tokio::test]
async fn ten_concurrent_submits_with_one_key_make_one_case() {
    let s = server_at(SATURDAY_NIGHT).await;
    let me = who(&s, "13800000105").await;
    let (id, key) = filled(&s, &me).await;
    let t = now(&s);
    let tries = (0..10).map(|_| {
        let (st, me, id, key) = (s.state.clone(), me.clone(), id.clone(), key.clone());
        tokio::spawn(async move { filing::submit(&st, &me, &id, &key, t).await })
    });
    let numbers: Vec<String> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap().unwrap()).collect();
    assert!(numbers.iter().all(|n| *n == numbers[0]), "{numbers:?}");
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE submit_key = $1").bind(&key).fetch_one(&s.state.db).await.unwrap();
    assert_eq!(cases, 1);
    assert_eq!(app::store::filing::cases_of(&s.state.db, &me.account_id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_idle_draft_is_announced_a_week_ahead_once_then_removed_and_a_touched_one_kept() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let day = 86_400;
    let t0 = now(&s);
    let me = who(&s, "13800000106").await;
    let idle = filing::start(db, &me, "GA-009", None, t0).await.unwrap();
    let kept = filing::start(db, &me, "SJ-001", None, t0).await.unwrap();
    let sms = |db: app::store::Db| async move {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE phone = '13800000106' AND kind = 'filing'").fetch_one(&db).await.unwrap();
        n
    };
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 82 * day).await.unwrap(), (0, 0), "not yet");
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 83 * day).await.unwrap(), (2, 0), "83 days idle: both owners told");
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 84 * day).await.unwrap(), (0, 0), "told once");
    assert_eq!(sms(db.clone()).await, 2);
    let body: String = sqlx::query_scalar("SELECT body FROM notifications WHERE kind = 'filing' ORDER BY body LIMIT 1").fetch_one(db).await.unwrap();
    assert!(body.starts_with("【掌上办事大厅】您网上申报的“") && body.contains("将于2027年3月"), "{body}");
    // Opening and saving one keeps it: the clock starts again.
    let mut d = filing::mine(db, &me, &kept.id).await.unwrap();
    d.answers.insert("name".into(), one("王秀英"));
    app::store::filing::save_draft(db, &d, t0 + 85 * day).await.unwrap();
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 90 * day).await.unwrap(), (0, 1));
    let left: Vec<String> = app::store::filing::drafts_of(db, &me.account_id).await.unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(left, vec![kept.id.clone()]);
    assert!(matches!(filing::mine(db, &me, &idle.id).await, Err(AppError::NotFound(_))));
}

#[test]
fn a_section_post_arrives_with_every_input_by_its_own_name() {
    // As a browser posts the section page without JavaScript (brackets and Chinese percent-encoded).
    let body = "id=d1&section=applicant&back_to_check=1&name=%E7%8E%8B%E7%A7%80%E8%8B%B1&born-year=1949&born-month=12\
                &needs-illness=on&members-2-name=%E6%9D%8E&add_row=members";
    let args: app::api::filing::SaveSection = serde_qs::Config::new(5, false).deserialize_str(body).unwrap();
    assert_eq!((args.id.as_str(), args.section.as_str(), args.back_to_check.as_deref()), ("d1", "applicant", Some("1")));
    assert_eq!(args.posted.get("name").map(String::as_str), Some("王秀英"));
    assert_eq!(args.posted.get("born-month").map(String::as_str), Some("12"));
    assert_eq!(args.posted.get("needs-illness").map(String::as_str), Some("on"));
    assert_eq!(args.posted.get("members-2-name").map(String::as_str), Some("李"));
    assert_eq!(args.add_row.as_deref(), Some("members"));
    assert!(!args.posted.contains_key("id") && !args.posted.contains_key("add_row"), "the named arguments are not among the answers");
}

#[tokio::test]
async fn a_draft_nobody_was_told_about_is_not_removed_until_a_week_after_the_warning() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let (day, t0) = (86_400, now(&s));
    let me = who(&s, "13800000107").await;
    filing::start(db, &me, "GA-009", None, t0).await.unwrap();
    // The job was down for months: the first round tells, and removes nothing.
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 100 * day).await.unwrap(), (1, 0));
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 106 * day).await.unwrap(), (0, 0));
    assert_eq!(filing::run_jobs(db, &s.state.filing.files, t0 + 107 * day).await.unwrap(), (0, 1));
}

#[tokio::test]
async fn files_are_checked_by_content_size_and_emptiness_and_shown_only_to_whom_they_concern() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000108").await;
    let d = filing::start(db, &me, "GA-009", None, now(&s)).await.unwrap();
    let problem = |r: Result<app::store::filing::UploadRow, AppError>| match r {
        Err(AppError::Invalid(f)) => f.error("file").unwrap_or_default(),
        other => panic!("refused: {other:?}"),
    };
    assert_eq!(
        problem(upload(&s, &me, &d.id, "m1", "身份证.pdf", PNG.to_vec()).await),
        "申请人居民身份证的文件名是PDF 文件，但内容是PNG 图片，文件可能被改过名。请上传原始文件"
    );
    assert_eq!(problem(upload(&s, &me, &d.id, "m1", "空.png", vec![]).await), "所选申请人居民身份证的文件是空的，请重新选择");
    let mut small = s.state.filing.clone();
    small.max_upload_bytes = 1024 * 1024;
    let mut big = PNG.to_vec();
    big.resize(1024 * 1024 + 1, 0);
    assert_eq!(
        problem(filing::upload(db, &small, &me, &d.id, "m1", "大.png", futures::stream::iter(vec![Ok::<_, std::io::Error>(big.into())]), now(&s)).await),
        "申请人居民身份证的文件不能超过 1 MB，请压缩后或改用清晰度较低的照片重新上传"
    );
    // Nothing refused was kept, in the database or in the store.
    assert!(app::store::filing::uploads_of_draft(db, &d.id).await.unwrap().is_empty());
    // A good file is kept, named by its content; a second replaces it.
    let first = upload(&s, &me, &d.id, "m1", "身份证.png", PNG.to_vec()).await.unwrap();
    let second = upload(&s, &me, &d.id, "m1", "身份证.pdf", PDF.to_vec()).await.unwrap();
    assert_eq!(second.file_type, app::domain::form::definition::FileType::Pdf);
    let kept = app::store::filing::uploads_of_draft(db, &d.id).await.unwrap();
    assert_eq!(kept.iter().map(|u| u.id.clone()).collect::<Vec<_>>(), vec![second.id.clone()]);
    assert_ne!(first.sha256, second.sha256);
    let files = &s.state.filing.files;
    assert!(!files.has(&first.sha256).await && files.has(&second.sha256).await, "the replaced file is gone from the store");
    // The applicant reads it back whole; another citizen, or staff of another department, cannot tell it exists.
    use futures::StreamExt;
    let read = |who: app::domain::accounts::Identity, id: String| {
        let s = &s;
        async move {
            match filing::open_upload(&s.state.db, &s.state.filing, &who, &id, false, now(s)).await {
                Ok((_, body)) => Ok(body.map(|c| c.unwrap().to_vec()).concat().await),
                Err(e) => Err(e),
            }
        }
    };
    assert_eq!(read(me.clone(), second.id.clone()).await.unwrap(), PDF);
    let other = who(&s, "13800000109").await;
    assert!(matches!(read(other.clone(), second.id.clone()).await, Err(AppError::NotFound(_))));
    // Once submitted, staff of the item's department (GA, 公安) may read it, and the read is recorded.
    let d2 = filled(&s, &me).await;
    let number = filing::submit(&s.state, &me, &d2.0, &d2.1, now(&s)).await.unwrap();
    let file = app::store::filing::uploads_of_case(db, &number).await.unwrap().remove(0);
    let staff = |dept: &str| {
        let scope = format!("530127:{dept}");
        let s = &s;
        async move {
            let id = app::store::accounts::create_staff(&s.state.db, &app::store::new_id(), "窗口人员", "x", 0).await.unwrap();
            app::store::accounts::add_grant(&s.state.db, &id, app::domain::accounts::Role::WindowStaff, &scope).await.unwrap();
            app::store::accounts::identity(&s.state.db, &id).await.unwrap().unwrap()
        }
    };
    assert!(matches!(read(staff("SJ").await, file.id.clone()).await, Err(AppError::NotFound(_))), "another department");
    let reads_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_reads WHERE what = 'material'").fetch_one(db).await.unwrap();
    assert_eq!(read(staff("GA").await, file.id.clone()).await.unwrap(), PNG);
    let reads_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_reads WHERE what = 'material'").fetch_one(db).await.unwrap();
    assert_eq!((reads_before, reads_after), (0, 1));
}

#[tokio::test]
async fn the_delivery_is_checked_on_the_server() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000110").await;
    let d = filing::start(db, &me, "GA-009", None, now(&s)).await.unwrap();
    let post = |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>();
    let fields = |r: Result<app::store::filing::Draft, AppError>| match r {
        Err(AppError::Invalid(f)) => f.errors.into_iter().map(|e| e.field).collect::<Vec<_>>(),
        other => panic!("refused: {other:?}"),
    };
    // GA-009 issues no electronic licence.
    assert_eq!(fields(filing::save_delivery_posted(db, &me, &d.id, &post(&[("way", "electronic")]), now(&s)).await), vec!["way"]);
    assert_eq!(fields(filing::save_delivery_posted(db, &me, &d.id, &post(&[("way", "window"), ("point", "nowhere")]), now(&s)).await), vec!["point"]);
    assert_eq!(
        fields(filing::save_delivery_posted(db, &me, &d.id, &post(&[("way", "post"), ("recipient", "王"), ("recipient_mobile", "123")]), now(&s)).await),
        vec!["recipient_mobile", "post_address"]
    );
    let refused = filing::mine(db, &me, &d.id).await.unwrap();
    assert_eq!(refused.delivery, None, "no delivery from a refused choice");
    assert_eq!(refused.delivery_typed.get("recipient"), Some(&one("王")), "but what was typed is kept");
    let hall = app::store::points::handling_item(db, "GA-009").await.unwrap().0.remove(0).id;
    let kept = filing::save_delivery_posted(db, &me, &d.id, &post(&[("way", "window"), ("point", &hall)]), now(&s)).await.unwrap();
    assert_eq!(kept.delivery, Some(Delivery::Window { point: hall }));
    // SJ-001 issues an electronic business licence.
    let sj = filing::start(db, &me, "SJ-001", None, now(&s)).await.unwrap();
    let kept = filing::save_delivery_posted(db, &me, &sj.id, &post(&[("way", "electronic")]), now(&s)).await.unwrap();
    assert_eq!(kept.delivery, Some(Delivery::Electronic));
}

#[tokio::test]
async fn the_same_start_sent_twice_opens_one_draft() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000111").await;
    let key = app::store::new_id();
    let first = filing::start(db, &me, "GA-009", Some(&key), now(&s)).await.unwrap();
    let again = filing::start(db, &me, "GA-009", Some(&key), now(&s)).await.unwrap();
    assert_eq!((first.id.as_str(), again.id.as_str()), (key.as_str(), key.as_str()));
    assert_eq!(app::store::filing::drafts_of(db, &me.account_id).await.unwrap().len(), 1);
    // Someone else sending that key gets a draft of their own, and learns nothing of this one.
    let other = who(&s, "13800000112").await;
    let theirs = filing::start(db, &other, "GA-009", Some(&key), now(&s)).await.unwrap();
    assert_ne!(theirs.id, key);
    assert_eq!(filing::mine(db, &me, &key).await.unwrap().account_id, me.account_id);
}

/// A section's inputs as a page posts them.
fn typed(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[tokio::test]
async fn a_browsers_sync_keeps_typed_answers_and_the_newer_edit_wins() {
    use app::domain::form::keep::KeptOutcome::{Kept, KeptOverOlder, ServerNewer};
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000121").await;
    let t = now(&s);
    let d = filing::start(db, &me, "GA-009", None, t).await.unwrap();
    // Phone A, never synced before (base 0): kept as typed, unchecked (a wrong ID number is still a draft).
    let a = filing::keep_typed(db, &me, &d.id, "applicant", &typed(&[("name", " 王秀英 "), ("id_number", "1101")]), 0, t - 60, t).await.unwrap();
    assert_eq!((a.outcome, a.section_time, a.now), (Kept, t - 60, t));
    let kept = filing::mine(db, &me, &d.id).await.unwrap();
    assert_eq!(kept.answers.get("name"), Some(&one("王秀英")));
    assert_eq!(kept.answers.get("id_number"), Some(&one("1101")));
    assert_eq!(kept.section_times.get("applicant"), Some(&(t - 60)));
    // Phone B had not seen A's copy (base 0) and edited before it: A's newer copy stands.
    let b = filing::keep_typed(db, &me, &d.id, "applicant", &typed(&[("name", "王秀")]), 0, t - 120, t).await.unwrap();
    assert_eq!((b.outcome, b.section_time), (ServerNewer, t - 60));
    assert_eq!(filing::mine(db, &me, &d.id).await.unwrap().answers.get("name"), Some(&one("王秀英")));
    // B edited after A: B's copy wins over the older one, and says so.
    let b = filing::keep_typed(db, &me, &d.id, "applicant", &typed(&[("name", "王秀英子")]), 0, t - 30, t).await.unwrap();
    assert_eq!((b.outcome, b.section_time), (KeptOverOlder, t - 30));
    assert_eq!(filing::mine(db, &me, &d.id).await.unwrap().answers.get("name"), Some(&one("王秀英子")));
    // A, now in step (its base is B's time), keeps its next edit; an edit dated ahead of the server counts as now.
    let a = filing::keep_typed(db, &me, &d.id, "applicant", &typed(&[("name", "王秀英")]), t - 30, t + 3600, t).await.unwrap();
    assert_eq!((a.outcome, a.section_time), (Kept, t));
    // Another section is untouched by all this; a 继续 dates its section too.
    assert_eq!(filing::mine(db, &me, &d.id).await.unwrap().answers.get("purpose"), None);
    let _ = filing::save_section(db, &me, &d.id, "matter", BTreeMap::from([("purpose".into(), one("job"))]), t + 5).await;
    assert_eq!(filing::mine(db, &me, &d.id).await.unwrap().section_times.get("matter"), Some(&(t + 5)));
    // Nobody else's sync reaches it; an unknown section is not found.
    let other = who(&s, "13800000122").await;
    assert!(matches!(filing::keep_typed(db, &other, &d.id, "applicant", &typed(&[("name", "x")]), 0, t, t).await, Err(AppError::NotFound(_))));
    assert!(matches!(filing::keep_typed(db, &me, &d.id, "nosuch", &typed(&[]), 0, t, t).await, Err(AppError::NotFound(_))));
}

#[tokio::test]
async fn two_devices_syncing_different_sections_at_once_lose_neither() {
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000123").await;
    let t = now(&s);
    let d = filing::start(db, &me, "GA-009", None, t).await.unwrap();
    for round in 0..4 {
        let name = format!("王{round}");
        let purpose = if round % 2 == 0 { "job" } else { "study" };
        let applicant = typed(&[("name", &name)]);
        let matter = typed(&[("purpose", purpose)]);
        let (x, y) = tokio::join!(
            filing::keep_typed(db, &me, &d.id, "applicant", &applicant, t, t + round, t + round),
            filing::keep_typed(db, &me, &d.id, "matter", &matter, t, t + round, t + round),
        );
        assert!(x.is_ok() && y.is_ok(), "{x:?} {y:?}");
        let kept = filing::mine(db, &me, &d.id).await.unwrap();
        assert_eq!(kept.answers.get("name"), Some(&one(&name)), "round {round}");
        assert_eq!(kept.answers.get("purpose"), Some(&one(purpose)), "round {round}");
    }
}

#[tokio::test]
async fn the_delivery_page_is_synced_as_typed_and_becomes_the_delivery_when_complete() {
    use app::domain::form::keep::KeptOutcome::Kept;
    let s = server_at(SATURDAY_NIGHT).await;
    let db = &s.state.db;
    let me = who(&s, "13800000124").await;
    let t = now(&s);
    let d = filing::start(db, &me, "GA-009", None, t).await.unwrap();
    // Half typed on one phone: kept as typed, no delivery yet.
    let half = filing::keep_typed(db, &me, &d.id, "delivery", &typed(&[("way", "post"), ("recipient", "王秀英")]), 0, t - 10, t).await.unwrap();
    assert_eq!((half.outcome, half.section_time), (Kept, t - 10));
    let kept = filing::mine(db, &me, &d.id).await.unwrap();
    assert_eq!((kept.delivery.clone(), kept.delivery_typed.get("recipient")), (None, Some(&one("王秀英"))));
    assert_eq!(kept.section_times.get("delivery"), Some(&(t - 10)));
    // Finished on another: now it is the draft's delivery.
    let hall = app::store::points::handling_item(db, "GA-009").await.unwrap().0.remove(0).id;
    filing::keep_typed(db, &me, &d.id, "delivery", &typed(&[("way", "window"), ("point", &hall)]), t - 10, t, t).await.unwrap();
    assert_eq!(filing::mine(db, &me, &d.id).await.unwrap().delivery, Some(Delivery::Window { point: hall }));
}
