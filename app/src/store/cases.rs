//! Case processing's queries (issue 18): the cases a member of staff may list, a case's trace (留痕), writing one
//! step (the case's new state and the trace's new row in the caller's transaction, only on the version the step was
//! decided on), and the public lookup's counted tries.

use super::filing::{case, CaseRow, CASE_SELECT};
use super::Db;
use crate::domain::accounts::Role;
use crate::domain::cases::{CaseState, Event};
use sqlx::Row;

/// Who did a step, as the trace keeps it: the account, the name it had then, the role it acted in, and the window
/// (or the point) where.
#[derive(Clone, Debug, PartialEq)]
pub struct Actor {
    pub account_id: String,
    pub name: String,
    pub role: Role,
    pub place: String,
}

/// One row of a case's trace.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceRow {
    pub seq: i64,
    pub at: i64,
    pub event: Event,
    pub state: CaseState,
    pub actor: Actor,
    pub comment: String,
    /// The step's facts as JSON (`serde_json::Value::Null` when none).
    pub detail: serde_json::Value,
    /// Upload ids of the files that came with the step.
    pub attachments: Vec<String>,
}

fn trace_row(r: &sqlx::any::AnyRow) -> TraceRow {
    TraceRow {
        seq: r.get("seq"),
        at: r.get("at"),
        // Written only from the domain's codes.
        event: Event::parse(&r.get::<String, _>("event")).unwrap_or(Event::Submit),
        state: CaseState::parse(&r.get::<String, _>("state")).unwrap_or(CaseState::Submitted),
        actor: Actor {
            account_id: r.get("actor"),
            name: r.get("actor_name"),
            role: Role::parse(&r.get::<String, _>("role")).unwrap_or(Role::Citizen),
            place: r.get("place"),
        },
        comment: r.get("comment"),
        detail: serde_json::from_str(&r.get::<String, _>("detail")).unwrap_or(serde_json::Value::Null),
        attachments: serde_json::from_str(&r.get::<String, _>("attachments")).unwrap_or_default(),
    }
}

/// A case's trace, oldest first.
pub async fn trace(db: &Db, number: &str) -> Result<Vec<TraceRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM case_events WHERE case_number = $1 ORDER BY seq").bind(number).fetch_all(db).await?;
    Ok(rows.iter().map(trace_row).collect())
}

/// Appends one row to a case's trace, in the caller's transaction (the case row is already locked by its update, or
/// new): its number follows the last.
pub async fn append(
    conn: &mut sqlx::AnyConnection,
    number: &str,
    event: Event,
    state: CaseState,
    actor: &Actor,
    comment: &str,
    detail: &serde_json::Value,
    attachments: &[String],
    now: i64,
) -> Result<(), sqlx::Error> {
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM case_events WHERE case_number = $1").bind(number).fetch_one(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO case_events (case_number, seq, at, event, state, actor, actor_name, role, place, comment, detail, attachments) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(number)
    .bind(seq)
    .bind(now)
    .bind(event.code())
    .bind(state.code())
    .bind(&actor.account_id)
    .bind(&actor.name)
    .bind(actor.role.code())
    .bind(&actor.place)
    .bind(comment)
    .bind(detail.to_string())
    .bind(serde_json::to_string(attachments).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes a case's new state and facts (`after`, a changed copy of the row read as `before_version`), only if no one
/// changed it meanwhile. False when someone did: the step was decided on a case that is no longer there.
pub async fn update(conn: &mut sqlx::AnyConnection, after: &CaseRow, before_version: i64) -> Result<bool, sqlx::Error> {
    let json = |v: Option<String>| v;
    let n = sqlx::query(
        "UPDATE cases SET state = $1, version = version + 1, correction = $2, deferred = $3, shipment = $4, assigned_to = $5, answers = $6 \
         WHERE number = $7 AND version = $8",
    )
    .bind(after.state.code())
    .bind(json((!after.correction.is_empty()).then(|| serde_json::to_string(&after.correction).unwrap_or_default())))
    .bind(json(after.deferred.as_ref().map(|d| serde_json::to_string(d).unwrap_or_default())))
    .bind(json(after.shipment.as_ref().map(|s| serde_json::to_string(s).unwrap_or_default())))
    .bind(&after.assigned_to)
    .bind(serde_json::to_string(&after.answers).unwrap_or_else(|_| "{}".into()))
    .bind(&after.number)
    .bind(before_version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// The cases of these departments (all of them for `None`), with each one's dated steps that move its clocks
/// (acceptance, corrections): (case, [(at, event)]). Newest receipt last.
pub async fn of_departments(db: &Db, departments: Option<&[String]>) -> Result<Vec<(CaseRow, Vec<(i64, Event)>)>, sqlx::Error> {
    let filter = match departments {
        None => String::new(),
        Some([]) => return Ok(vec![]),
        Some(ds) => format!(" WHERE c.department IN ({})", (1..=ds.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")),
    };
    let sql = format!("{CASE_SELECT}{filter} ORDER BY c.receipt_date, c.number");
    let mut q = sqlx::query(&sql);
    for d in departments.unwrap_or_default() {
        q = q.bind(d);
    }
    let cases: Vec<CaseRow> = q.fetch_all(db).await?.iter().map(case).collect();
    let clock_events = "('accept', 'accept_deferred', 'request_correction', 'resubmit')";
    let sql = format!(
        "SELECT e.case_number, e.at, e.event FROM case_events e JOIN cases c ON c.number = e.case_number{filter}{} e.event IN {clock_events} ORDER BY e.case_number, e.seq",
        if filter.is_empty() { " WHERE" } else { " AND" }
    );
    let mut q = sqlx::query(&sql);
    for d in departments.unwrap_or_default() {
        q = q.bind(d);
    }
    let mut steps: std::collections::HashMap<String, Vec<(i64, Event)>> = Default::default();
    for r in q.fetch_all(db).await? {
        if let Some(e) = Event::parse(&r.get::<String, _>("event")) {
            steps.entry(r.get("case_number")).or_default().push((r.get("at"), e));
        }
    }
    Ok(cases.into_iter().map(|c| {
        let s = steps.remove(&c.number).unwrap_or_default();
        (c, s)
    }).collect())
}

/// The applicant's mobile number (their account's), for notices and the public lookup.
pub async fn applicant_phone(conn: &mut sqlx::AnyConnection, account_id: &str) -> Result<String, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT phone FROM accounts WHERE id = $1").bind(account_id).fetch_optional(&mut *conn).await?.flatten().unwrap_or_default())
}

/// The window `account_id` is signed on to on `day`, by name; else the name of `point`: where a step happened.
pub async fn place_of(db: &Db, account_id: &str, day: &str, point: &str) -> Result<String, sqlx::Error> {
    let window: Option<String> = sqlx::query_scalar(
        "SELECT p.name || ' ' || w.name FROM window_sessions s JOIN windows w ON w.id = s.window_id JOIN service_points p ON p.id = w.point_id \
         WHERE s.account_id = $1 AND s.day = $2",
    )
    .bind(account_id)
    .bind(day)
    .fetch_optional(db)
    .await?;
    match window {
        Some(w) => Ok(w),
        None => Ok(sqlx::query_scalar::<_, String>("SELECT name FROM service_points WHERE id = $1").bind(point).fetch_optional(db).await?.unwrap_or_default()),
    }
}

/// Staff who may handle cases of `department` at `point` (window staff there, for it or every department), by
/// name: whom a case can be given to.
pub async fn colleagues(db: &Db, point: &str, department: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT a.id, a.display_name FROM accounts a JOIN grants g ON g.account_id = a.id \
         WHERE g.role = 'window_staff' AND (g.scope = $1 OR g.scope = $2) ORDER BY a.display_name",
    )
    .bind(crate::domain::accounts::staff_scope(point, department))
    .bind(crate::domain::accounts::staff_scope(point, crate::domain::accounts::ALL_DEPARTMENTS))
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("id"), r.get("display_name"))).collect())
}

/// One try of the public lookup, as one atomic step: the address's and the case number's gates are locked, their
/// tries in the last hour counted, and the try recorded only when both are under their limits. False: refused.
pub async fn claim_lookup(db: &Db, address: &str, number: &str, limits: crate::domain::cases::LookupLimits, now: i64) -> Result<bool, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let keys = [(format!("track-address:{address}"), limits.per_address_hour), (format!("track-case:{number}"), limits.per_case_hour)];
    for (key, _) in &keys {
        super::accounts::gate(&mut tx, key).await?;
    }
    for (key, limit) in &keys {
        let tries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM track_lookups WHERE key = $1 AND at > $2 AND at <= $3")
            .bind(key)
            .bind(now - 3600)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
        if tries >= *limit {
            tx.rollback().await?;
            return Ok(false);
        }
    }
    for (key, _) in &keys {
        sqlx::query("INSERT INTO track_lookups (key, at) VALUES ($1, $2)").bind(key).bind(now).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The items `point` handles: (code, name, department code), in catalogue order.
pub async fn items_at(db: &Db, point: &str) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT i.code, i.name, i.department_code FROM point_items p JOIN service_items i ON i.code = p.item_code \
         JOIN departments d ON d.code = i.department_code WHERE p.point_id = $1 ORDER BY d.sort, i.code",
    )
    .bind(point)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("code"), r.get("name"), r.get("department_code"))).collect())
}
