//! Online filing's drafts and cases (issue 16). Answers and the delivery are kept as JSON; rows are mapped into
//! domain types here.

use super::Db;
use crate::domain::cases::{CaseState, Delivery};
use crate::domain::form::Answers;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A draft application: its answers so far, on the form version it started on.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub id: String,
    pub account_id: String,
    pub item_code: String,
    pub form_version: u32,
    pub answers: Answers,
    pub delivery: Option<Delivery>,
    /// The idempotency key its submit carries.
    pub submit_key: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// When each section's answers last changed (unix seconds), by a 继续 or a browser's sync.
    pub section_times: std::collections::BTreeMap<String, i64>,
    /// Counts up with every write of the answers (a sync writes only over the version it read).
    pub version: i64,
    /// What was last typed on the delivery page, complete or not.
    pub delivery_typed: Answers,
    /// A clerk's draft for a person at the window (窗口收件): whom it is for.
    pub counter: Option<crate::domain::cases::CounterFor>,
    /// Filed as this enterprise (its USCC): every current member's draft.
    pub enterprise: Option<String>,
    /// A proxy agent's draft for a villager.
    pub proxy: Option<crate::domain::proxy::ProxyFor>,
}

fn draft(r: &AnyRow) -> Draft {
    Draft {
        id: r.get("id"),
        account_id: r.get("account_id"),
        item_code: r.get("item_code"),
        form_version: r.get::<i64, _>("form_version") as u32,
        // Written only from `Answers`; unreadable JSON reads as nothing answered rather than failing the page.
        answers: serde_json::from_str(&r.get::<String, _>("answers")).unwrap_or_default(),
        delivery: r.get::<Option<String>, _>("delivery").and_then(|d| serde_json::from_str(&d).ok()),
        submit_key: r.get("submit_key"),
        created_at: r.get("created_at"),
        updated_at: r.get("updated_at"),
        section_times: serde_json::from_str(&r.get::<String, _>("section_times")).unwrap_or_default(),
        version: r.get("version"),
        delivery_typed: serde_json::from_str(&r.get::<String, _>("delivery_typed")).unwrap_or_default(),
        counter: r.get::<Option<String>, _>("counter").and_then(|j| serde_json::from_str(&j).ok()),
        enterprise: r.get("enterprise"),
        proxy: r.get::<Option<String>, _>("proxy").and_then(|j| serde_json::from_str(&j).ok()),
    }
}

/// Whose drafts and cases `$1` sees: their own filed for themselves, and every one filed as an enterprise they are
/// a member of now (domain::cases::access::owns says the same for one row).
const OWNED_BY: &str = "((enterprise IS NULL AND account_id = $1) OR enterprise IN (SELECT scope FROM grants WHERE account_id = $1 AND role = 'enterprise_member'))";

/// Marks a new draft as an enterprise's, or a proxy agent's for a villager (with the villager's answers to start).
pub async fn set_filer(db: &Db, id: &str, account_id: &str, enterprise: Option<&str>, proxy: Option<&crate::domain::proxy::ProxyFor>, answers: &Answers) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE form_drafts SET enterprise = $1, proxy = $2, answers = $3 WHERE id = $4 AND account_id = $5")
        .bind(enterprise)
        .bind(proxy.and_then(|p| serde_json::to_string(p).ok()))
        .bind(serde_json::to_string(answers).unwrap_or_else(|_| "{}".into()))
        .bind(id)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records a proxy draft's consent.
pub async fn set_proxy(db: &Db, id: &str, proxy: &crate::domain::proxy::ProxyFor) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE form_drafts SET proxy = $1 WHERE id = $2").bind(serde_json::to_string(proxy).unwrap_or_default()).bind(id).execute(db).await?;
    Ok(())
}

/// Marks a clerk's new draft as filed at the counter for `whom`.
pub async fn set_counter(db: &Db, id: &str, account_id: &str, whom: &crate::domain::cases::CounterFor) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE form_drafts SET counter = $1 WHERE id = $2 AND account_id = $3")
        .bind(serde_json::to_string(whom).unwrap_or_default())
        .bind(id)
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Starts a draft `id` (a random value the start page made) for `account_id`, with a new random submit key.
/// `None` when a draft of that id exists already (the same start sent twice).
pub async fn create_draft(db: &Db, id: &str, account_id: &str, item_code: &str, form_version: u32, now: i64) -> Result<Option<Draft>, sqlx::Error> {
    let key = super::new_id();
    let n = sqlx::query(
        "INSERT INTO form_drafts (id, account_id, item_code, form_version, answers, submit_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, '{}', $5, $6, $6) ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(account_id)
    .bind(item_code)
    .bind(i64::from(form_version))
    .bind(&key)
    .bind(now)
    .execute(db)
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(None);
    }
    Ok(Some(Draft { id: id.into(), account_id: account_id.into(), item_code: item_code.into(), form_version, counter: None, enterprise: None, proxy: None, answers: Answers::new(), delivery: None, submit_key: key, created_at: now, updated_at: now, section_times: Default::default(), version: 0, delivery_typed: Answers::new() }))
}

/// The draft `id` if `account_id` sees it (theirs, or their enterprise's).
pub async fn draft_of(db: &Db, id: &str, account_id: &str) -> Result<Option<Draft>, sqlx::Error> {
    let r = sqlx::query(&format!("SELECT * FROM form_drafts WHERE {OWNED_BY} AND id = $2")).bind(account_id).bind(id).fetch_optional(db).await?;
    Ok(r.as_ref().map(draft))
}

/// The drafts an account sees (theirs, and their enterprises'), most recently changed first.
pub async fn drafts_of(db: &Db, account_id: &str) -> Result<Vec<Draft>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT * FROM form_drafts WHERE {OWNED_BY} ORDER BY updated_at DESC, id")).bind(account_id).fetch_all(db).await?;
    Ok(rows.iter().map(draft).collect())
}

/// Keeps a draft's answers and delivery (the owner's only). `false` if there is no such draft of theirs.
pub async fn save_draft(db: &Db, d: &Draft, now: i64) -> Result<bool, sqlx::Error> {
    save_draft_where(db, d, None, now).await
}

/// [`save_draft`] only if the draft has not been written since it was read (its version is still `d.version`):
/// `false` when it has (or is gone), so the caller can read it again. Two browsers syncing the same draft cannot
/// lose each other's sections this way.
pub async fn save_draft_unchanged(db: &Db, d: &Draft, now: i64) -> Result<bool, sqlx::Error> {
    save_draft_where(db, d, Some(d.version), now).await
}

async fn save_draft_where(db: &Db, d: &Draft, read_version: Option<i64>, now: i64) -> Result<bool, sqlx::Error> {
    let answers = serde_json::to_string(&d.answers).unwrap_or_else(|_| "{}".into());
    let delivery = d.delivery.as_ref().and_then(|x| serde_json::to_string(x).ok());
    let times = serde_json::to_string(&d.section_times).unwrap_or_else(|_| "{}".into());
    let typed = serde_json::to_string(&d.delivery_typed).unwrap_or_else(|_| "{}".into());
    let n = sqlx::query(
        "UPDATE form_drafts SET answers = $1, delivery = $2, section_times = $3, updated_at = $4, warned_at = NULL, \
         version = version + 1, delivery_typed = $9 WHERE id = $5 AND account_id = $6 AND ($7 = 0 OR version = $8)",
    )
    .bind(answers)
    .bind(delivery)
    .bind(times)
    .bind(now)
    .bind(&d.id)
    .bind(&d.account_id)
    .bind(i64::from(read_version.is_some()))
    .bind(read_version.unwrap_or(0))
    .bind(typed)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Deletes the owner's draft; `false` if there was none.
/// Deletes the owner's draft and its uploads: the files they were (`None` if there was no such draft).
pub async fn delete_draft(db: &Db, id: &str, account_id: &str) -> Result<Option<Vec<String>>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let gone = sqlx::query(&format!("DELETE FROM form_drafts WHERE {OWNED_BY} AND id = $2")).bind(account_id).bind(id).execute(&mut *tx).await?.rows_affected() == 1;
    if !gone {
        return Ok(None);
    }
    let files: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM uploads WHERE draft_id = $1 AND case_number IS NULL").bind(id).fetch_all(&mut *tx).await?;
    sqlx::query("DELETE FROM uploads WHERE draft_id = $1 AND case_number IS NULL").bind(id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Some(files))
}

/// A file uploaded for one material of a draft (and, once submitted, of its case).
#[derive(Clone, Debug, PartialEq)]
pub struct UploadRow {
    pub id: String,
    pub draft_id: String,
    pub case_number: Option<String>,
    pub account_id: String,
    pub material: String,
    pub file_name: String,
    pub file_type: crate::domain::form::definition::FileType,
    pub bytes: u64,
    pub sha256: String,
    /// A thumbnail was made for it.
    pub thumbnail: bool,
    pub uploaded_at: i64,
}

fn upload(r: &AnyRow) -> UploadRow {
    UploadRow {
        id: r.get("id"),
        draft_id: r.get("draft_id"),
        case_number: r.get("case_number"),
        account_id: r.get("account_id"),
        material: r.get("material"),
        file_name: r.get("file_name"),
        // Written only as a `FileType` code.
        file_type: crate::domain::form::definition::FileType::parse(&r.get::<String, _>("file_type")).unwrap_or(crate::domain::form::definition::FileType::Pdf),
        bytes: r.get::<i64, _>("bytes") as u64,
        sha256: r.get("sha256"),
        thumbnail: r.get::<i64, _>("thumbnail") == 1,
        uploaded_at: r.get("uploaded_at"),
    }
}

/// Takes the owner's draft for a change of its files, in `tx`: touches it (which locks its row on PostgreSQL, so a
/// submit of the same draft waits for the change or the change for the submit). `false` when it is no longer the
/// owner's draft (submitted or deleted meanwhile).
async fn lock_draft(tx: &mut sqlx::AnyConnection, draft_id: &str, account_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(&format!("UPDATE form_drafts SET updated_at = $3, warned_at = NULL WHERE {OWNED_BY} AND id = $2"))
        .bind(account_id)
        .bind(draft_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Keeps `u` as the file of its material of its draft, replacing any earlier one. `None` (nothing kept) when the
/// draft is no longer its owner's draft (submitted or deleted meanwhile); otherwise the file it replaced, if any.
pub async fn put_upload(db: &Db, u: &UploadRow) -> Result<Option<Option<String>>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !lock_draft(&mut tx, &u.draft_id, &u.account_id, u.uploaded_at).await? {
        return Ok(None);
    }
    let replaced = replace_upload(&mut tx, u).await?;
    tx.commit().await?;
    Ok(Some(replaced))
}

/// Keeps `u` as the applicant's file for its material in a round of corrections (its `draft_id` names the round),
/// replacing one supplied before in the same round; the file it replaced, if any.
pub async fn put_supply(db: &Db, u: &UploadRow) -> Result<Option<String>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let replaced = replace_upload(&mut tx, u).await?;
    tx.commit().await?;
    Ok(replaced)
}

/// The files of a round of corrections join their case, in the step's transaction.
pub async fn attach_round(conn: &mut sqlx::AnyConnection, round: &str, number: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE uploads SET case_number = $1 WHERE draft_id = $2 AND case_number IS NULL").bind(number).bind(round).execute(&mut *conn).await?;
    Ok(())
}

/// Puts `u` in place of the file not yet in a case for its material under its `draft_id`, in the caller's
/// transaction; the file it replaced, if any.
async fn replace_upload(conn: &mut sqlx::AnyConnection, u: &UploadRow) -> Result<Option<String>, sqlx::Error> {
    let replaced: Option<String> = sqlx::query_scalar("SELECT sha256 FROM uploads WHERE draft_id = $1 AND material = $2 AND case_number IS NULL")
        .bind(&u.draft_id)
        .bind(&u.material)
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM uploads WHERE draft_id = $1 AND material = $2 AND case_number IS NULL").bind(&u.draft_id).bind(&u.material).execute(&mut *conn).await?;
    insert_upload(conn, u).await?;
    Ok(replaced)
}

async fn insert_upload(conn: &mut sqlx::AnyConnection, u: &UploadRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO uploads (id, draft_id, case_number, account_id, material, file_name, file_type, bytes, sha256, thumbnail, uploaded_at) \
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&u.id)
    .bind(&u.draft_id)
    .bind(&u.account_id)
    .bind(&u.material)
    .bind(&u.file_name)
    .bind(u.file_type.code())
    .bind(u.bytes as i64)
    .bind(&u.sha256)
    .bind(i64::from(u.thumbnail))
    .bind(u.uploaded_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether any upload still refers to the file `sha256`.
pub async fn sha_in_use(db: &Db, sha256: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM uploads WHERE sha256 = $1").bind(sha256).fetch_one(db).await?;
    Ok(n > 0)
}

/// The files of a draft, by material.
pub async fn uploads_of_draft(db: &Db, draft_id: &str) -> Result<Vec<UploadRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM uploads WHERE draft_id = $1 AND case_number IS NULL ORDER BY material").bind(draft_id).fetch_all(db).await?;
    Ok(rows.iter().map(upload).collect())
}

/// The files of a case, by material.
pub async fn uploads_of_case(db: &Db, number: &str) -> Result<Vec<UploadRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM uploads WHERE case_number = $1 ORDER BY material").bind(number).fetch_all(db).await?;
    Ok(rows.iter().map(upload).collect())
}

pub async fn upload_by_id(db: &Db, id: &str) -> Result<Option<UploadRow>, sqlx::Error> {
    let r = sqlx::query("SELECT * FROM uploads WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(r.as_ref().map(upload))
}

/// Removes the file of one material of a draft (the owner's, not yet submitted): the file it was, if any.
pub async fn remove_upload(db: &Db, draft_id: &str, account_id: &str, material: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !lock_draft(&mut tx, draft_id, account_id, now).await? {
        return Ok(None);
    }
    let removed: Option<String> = sqlx::query_scalar("SELECT sha256 FROM uploads WHERE draft_id = $1 AND material = $2 AND case_number IS NULL")
        .bind(draft_id)
        .bind(material)
        .fetch_optional(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM uploads WHERE draft_id = $1 AND material = $2 AND case_number IS NULL").bind(draft_id).bind(material).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(removed)
}

/// The files no upload refers to any more, of those named.
pub async fn unused_files(db: &Db, sha256s: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let mut out = Vec::new();
    for sha in sha256s {
        if !sha_in_use(db, sha).await? && !out.contains(sha) {
            out.push(sha.clone());
        }
    }
    Ok(out)
}

/// A case as listed and shown to its applicant.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseRow {
    pub number: String,
    pub account_id: String,
    pub item_code: String,
    pub item_name: String,
    pub form_version: u32,
    pub answers: Answers,
    pub delivery: Delivery,
    pub state: CaseState,
    pub receipt_date: String,
    pub submitted_at: i64,
    /// Where and by which department it is handled.
    pub point_id: String,
    pub department: String,
    /// Filed at a window (窗口收件) rather than online.
    pub at_counter: bool,
    pub assigned_to: Option<String>,
    /// Counts every change; a step is written only on the version it was decided on.
    pub version: i64,
    /// The open correction notice, while the applicant corrects.
    pub correction: Vec<crate::domain::cases::CorrectionItem>,
    pub deferred: Option<crate::domain::cases::Deferred>,
    pub shipment: Option<crate::domain::cases::Shipment>,
    /// The item's 承诺时限 and whether it is a 即办件.
    pub promised_days: u32,
    pub immediate: bool,
    /// Filed as this enterprise (its USCC); `account_id` is then the member who filed it.
    pub enterprise: Option<String>,
    /// Filed by this proxy agent for the villager (`account_id`), and how.
    pub agent_id: Option<String>,
    pub proxy: Option<crate::domain::proxy::ProxyFor>,
}

impl CaseRow {
    /// What the access rules need to know of it.
    pub fn held(&self) -> crate::domain::cases::access::Held<'_> {
        crate::domain::cases::access::Held {
            point: &self.point_id,
            department: &self.department,
            applicant: &self.account_id,
            enterprise: self.enterprise.as_deref(),
            agent: match (&self.agent_id, &self.proxy) {
                (Some(account), Some(p)) => Some(crate::domain::cases::access::Agent { account, station: &p.station, answers: p.agent_answers() }),
                _ => None,
            },
            finished: self.state.is_finished(),
        }
    }
}

pub(crate) const CASE_SELECT: &str = "SELECT c.*, i.name AS item_name, i.promised_days, i.handling FROM cases c JOIN service_items i ON i.code = c.item_code";

pub(crate) fn case(r: &AnyRow) -> CaseRow {
    CaseRow {
        number: r.get("number"),
        account_id: r.get("account_id"),
        item_code: r.get("item_code"),
        item_name: r.get("item_name"),
        form_version: r.get::<i64, _>("form_version") as u32,
        answers: serde_json::from_str(&r.get::<String, _>("answers")).unwrap_or_default(),
        delivery: serde_json::from_str(&r.get::<String, _>("delivery")).unwrap_or(Delivery::Electronic),
        // Written only as a `CaseState` code.
        state: CaseState::parse(&r.get::<String, _>("state")).unwrap_or(CaseState::Submitted),
        receipt_date: r.get("receipt_date"),
        submitted_at: r.get("submitted_at"),
        point_id: r.get("point_id"),
        department: r.get("department"),
        at_counter: r.get::<String, _>("channel") == "counter",
        assigned_to: r.get("assigned_to"),
        version: r.get("version"),
        correction: r.get::<Option<String>, _>("correction").and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default(),
        deferred: r.get::<Option<String>, _>("deferred").and_then(|j| serde_json::from_str(&j).ok()),
        shipment: r.get::<Option<String>, _>("shipment").and_then(|j| serde_json::from_str(&j).ok()),
        promised_days: r.get::<i64, _>("promised_days") as u32,
        immediate: r.get::<String, _>("handling") == crate::domain::catalogue::Handling::Immediate.code(),
        enterprise: r.get("enterprise"),
        agent_id: r.get("agent_id"),
        proxy: r.get::<Option<String>, _>("proxy").and_then(|j| serde_json::from_str(&j).ok()),
    }
}

pub async fn case_by_number(db: &Db, number: &str) -> Result<Option<CaseRow>, sqlx::Error> {
    let r = sqlx::query(&format!("{CASE_SELECT} WHERE c.number = $1")).bind(number).fetch_optional(db).await?;
    Ok(r.as_ref().map(case))
}

/// The cases an account sees as applicant (theirs, and their enterprises'), newest first.
pub async fn cases_of(db: &Db, account_id: &str) -> Result<Vec<CaseRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{CASE_SELECT} WHERE {OWNED_BY} ORDER BY c.submitted_at DESC, c.number"))
        .bind(account_id)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(case).collect())
}

/// The case made from draft `draft_id`, if `account_id` sees it (as applicant, member or agent).
pub async fn case_from_draft(db: &Db, draft_id: &str, account_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT number FROM cases WHERE ({OWNED_BY} OR agent_id = $1) AND draft_id = $2")).bind(account_id).bind(draft_id).fetch_optional(db).await
}

/// The cases `agent` filed, newest first.
pub async fn cases_by_agent(db: &Db, agent: &str) -> Result<Vec<CaseRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{CASE_SELECT} WHERE c.agent_id = $1 ORDER BY c.submitted_at DESC, c.number")).bind(agent).fetch_all(db).await?;
    Ok(rows.iter().map(case).collect())
}

/// The case number a submit key already made, if any.
pub async fn case_for_key(db: &Db, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT number FROM cases WHERE submit_key = $1").bind(key).fetch_optional(db).await
}

/// Where a submitted case goes and who filed it.
#[derive(Clone)]
pub struct Filed {
    /// The applicant's account: the draft's owner online, the walk-in's at the counter.
    pub applicant: String,
    pub point: String,
    pub department: String,
    /// Filed at a window by `by` (窗口收件).
    pub counter: bool,
    /// Who filed it, for the trace.
    pub by: super::cases::Actor,
    /// A message to the applicant's phone, sent with the case: (phone, its text for the case number).
    pub tell: Option<(String, std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>)>,
    /// Filed as this enterprise.
    pub enterprise: Option<String>,
    /// Filed by this agent for a villager.
    pub agent: Option<(String, crate::domain::proxy::ProxyFor)>,
}

/// What a submit came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// The case (made now, or by an earlier submit of the same key).
    Case(String),
    /// The draft was deleted meanwhile.
    DraftGone,
    /// These required materials have no file (one was removed meanwhile).
    Missing(Vec<String>),
}

/// Turns a draft into a case, once per submit key: in one transaction, a number from the receipt date's sequence,
/// the case, the draft's files moved to it, and the draft removed. A retry of the same key (from another tab, a
/// double tap, an outbox) gets the case already made. `required` materials are counted again inside the
/// transaction, after the draft's row is taken, so a file removed at the same moment cannot slip through.
pub async fn submit(db: &Db, d: &Draft, delivery: &Delivery, receipt_date: chrono::NaiveDate, required: &[String], filed: &Filed, now: i64) -> Result<Submitted, sqlx::Error> {
    if let Some(n) = case_for_key(db, &d.submit_key).await? {
        return Ok(Submitted::Case(n));
    }
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let seq = super::next_in_sequence(&mut *tx, &format!("cases:{receipt_date}")).await?;
    let number = crate::domain::cases::case_number(receipt_date, seq as u32);
    let inserted = sqlx::query(
        "INSERT INTO cases (number, submit_key, account_id, item_code, form_version, answers, delivery, state, receipt_date, submitted_at, draft_id, \
         point_id, department, channel, enterprise, agent_id, proxy) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (submit_key) DO NOTHING",
    )
    .bind(&number)
    .bind(&d.submit_key)
    .bind(&filed.applicant)
    .bind(&d.item_code)
    .bind(i64::from(d.form_version))
    .bind(serde_json::to_string(&d.answers).unwrap_or_else(|_| "{}".into()))
    .bind(serde_json::to_string(delivery).unwrap_or_default())
    .bind(CaseState::Submitted.code())
    .bind(receipt_date.to_string())
    .bind(now)
    .bind(&d.id)
    .bind(&filed.point)
    .bind(&filed.department)
    .bind(if filed.counter { "counter" } else { "online" })
    .bind(&filed.enterprise)
    .bind(filed.agent.as_ref().map(|a| a.0.clone()))
    .bind(filed.agent.as_ref().and_then(|a| serde_json::to_string(&a.1).ok()))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        // Another submit of this key won the race: its case stands, and this transaction's number is not used.
        tx.rollback().await?;
        return Ok(case_for_key(db, &d.submit_key).await?.map(Submitted::Case).unwrap_or(Submitted::DraftGone));
    }
    if sqlx::query("DELETE FROM form_drafts WHERE id = $1 AND account_id = $2").bind(&d.id).bind(&d.account_id).execute(&mut *tx).await?.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(Submitted::DraftGone);
    }
    let uploaded: Vec<String> = sqlx::query_scalar("SELECT material FROM uploads WHERE draft_id = $1 AND case_number IS NULL").bind(&d.id).fetch_all(&mut *tx).await?;
    let missing: Vec<String> = required.iter().filter(|m| !uploaded.contains(m)).cloned().collect();
    if !missing.is_empty() {
        tx.rollback().await?;
        return Ok(Submitted::Missing(missing));
    }
    sqlx::query("UPDATE uploads SET case_number = $1, account_id = $2 WHERE draft_id = $3 AND case_number IS NULL")
        .bind(&number)
        .bind(&filed.applicant)
        .bind(&d.id)
        .execute(&mut *tx)
        .await?;
    super::cases::append(&mut tx, &number, crate::domain::cases::Event::Submit, CaseState::Submitted, &filed.by, "", &serde_json::Value::Null, &[], now).await?;
    if let Some(sms) = &filed.tell {
        crate::store::notices::tell(&mut tx, &filed.applicant, &sms.0, "filing", &(sms.1)(&number), &format!("/track/{number}"), now).await?;
    }
    tx.commit().await?;
    Ok(Submitted::Case(number))
}

/// A draft about to be removed for lack of use, and whom to tell.
#[derive(Clone, Debug, PartialEq)]
pub struct Idle {
    pub id: String,
    pub account_id: String,
    /// Started as this enterprise.
    pub enterprise: Option<String>,
    pub phone: String,
    pub item_name: String,
    pub updated_at: i64,
}

/// The drafts untouched since `before` whose owner has not been told yet (changing a draft clears the mark).
pub async fn idle_drafts(db: &Db, before: i64) -> Result<Vec<Idle>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.id, d.account_id, d.enterprise, d.updated_at, a.phone, COALESCE(i.name, d.item_code) AS item_name FROM form_drafts d \
         JOIN accounts a ON a.id = d.account_id LEFT JOIN service_items i ON i.code = d.item_code \
         WHERE d.updated_at <= $1 AND d.warned_at IS NULL ORDER BY d.updated_at",
    )
    .bind(before)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Idle {
            id: r.get("id"),
            account_id: r.get("account_id"),
            enterprise: r.get("enterprise"),
            phone: r.get::<Option<String>, _>("phone").unwrap_or_default(),
            item_name: r.get("item_name"),
            updated_at: r.get("updated_at"),
        })
        .collect())
}

/// Marks an idle draft's owner as told, once (in the transaction that tells them): `false` if it was marked, or
/// changed, meanwhile.
pub async fn mark_warned(conn: &mut sqlx::AnyConnection, id: &str, before: i64, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE form_drafts SET warned_at = $1 WHERE id = $2 AND warned_at IS NULL AND updated_at <= $3")
        .bind(now)
        .bind(id)
        .bind(before)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Removes the drafts untouched since `before` whose owner was told no later than `told_before`; how many. A draft
/// nobody was told about is never removed.
pub async fn remove_idle(db: &Db, before: i64, told_before: i64) -> Result<(u64, Vec<String>), sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let n = sqlx::query("DELETE FROM form_drafts WHERE updated_at <= $1 AND warned_at IS NOT NULL AND warned_at <= $2")
        .bind(before)
        .bind(told_before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let orphans = "FROM uploads WHERE case_number IS NULL AND draft_id NOT IN (SELECT id FROM form_drafts)";
    let files: Vec<String> = sqlx::query_scalar(&format!("SELECT sha256 {orphans}")).fetch_all(&mut *tx).await?;
    sqlx::query(&format!("DELETE {orphans}")).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok((n, files))
}
