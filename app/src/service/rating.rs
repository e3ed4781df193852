//! 好差评 (issue 19) as workflows: rate a window (from its placard, or its screen's rotating token), a served ticket
//! (一次一评) or a completed case (一事一评); once per ticket or case; within the limits per phone and device; a bad
//! rating only with a verified phone (the signed-in account's, verified by SMS code at sign-in). And what a window's
//! staff see: its ratings and 好评率 this month.

use crate::domain::accounts::Identity;
use crate::domain::form::{FieldError, Flash};
use crate::domain::rating::{accepted_slots, qr_show_secs, rate_path, token_slot, Level, ScreenQr, Source, FORM_TOKEN_SECS};
use crate::domain::sms::Sms;
use crate::service::notify::About;
use crate::error::AppError;
use crate::i18n::lang;
use crate::service::AppState;
use crate::store::rating::{self as store, Kept, RatingRow};

/// What is rated.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A window, from its placard (`token` none) or its screen's QR code (`token` the one it showed).
    Window { window_id: String, token: Option<String> },
    /// A served ticket, by its code.
    Ticket(String),
    /// A completed case, by its number (its applicant only).
    Case(String),
}

/// What the rating page posts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RateInput {
    pub level: String,
    pub indicators: Vec<String>,
    pub comment: String,
}

/// The longest comment, in characters.
pub const COMMENT_MAX: usize = 500;

/// The token a window screen shows in the slot of `now`.
pub fn screen_token(st: &AppState, window_id: &str, now: i64) -> String {
    slot_token(st, window_id, token_slot(now, st.filing.rating_limits.token_rotate_secs))
}

/// The rating QR code a window screen shows at `now`: its address (from `PALM_PUBLIC_URL`, never a request header)
/// with the slot's token.
pub fn screen_qr(st: &AppState, window_id: &str, now: i64) -> ScreenQr {
    let rotate = st.filing.rating_limits.token_rotate_secs;
    let token = screen_token(st, window_id, now);
    let url = crate::service::absolute_url(&st.public_url, &rate_path("w", window_id, Some(&token)));
    let svg = crate::domain::qr::svg(&url, "扫码评价本窗口服务");
    ScreenQr { slot: token_slot(now, rotate), url, svg, show_secs: qr_show_secs(rotate) }
}

fn slot_token(st: &AppState, window_id: &str, slot: i64) -> String {
    crate::service::sign(&st.secret, &format!("rate:{window_id}:{slot}"))
}

/// Whether `token` was shown by the window's screen within the acceptance time.
pub fn token_accepted(st: &AppState, window_id: &str, token: &str, now: i64) -> bool {
    accepted_slots(now, st.filing.rating_limits.token_rotate_secs).any(|slot| crate::service::same(&slot_token(st, window_id, slot), token))
}

fn form_token(st: &AppState, window_id: &str, issued: i64) -> String {
    format!("f{issued}.{}", crate::service::sign(&st.secret, &format!("rate-form:{window_id}:{issued}")))
}

/// The screen's code proves that someone stood at the window when they scanned it; the page it opens exchanges it
/// for a form token that keeps this rating open for [`FORM_TOKEN_SECS`], long enough to write a comment and sign in
/// with the phone. `Some(form token)` for a screen token still accepted or a form token still valid; `None` for
/// anything else (expired, or not this window's).
pub fn presence(st: &AppState, window_id: &str, token: &str, now: i64) -> Option<String> {
    if let Some((issued, _)) = token.strip_prefix('f').and_then(|t| t.split_once('.')) {
        let issued: i64 = issued.parse().ok()?;
        let fresh = issued <= now && now - issued < FORM_TOKEN_SECS;
        return (fresh && crate::service::same(&form_token(st, window_id, issued), token)).then(|| token.to_string());
    }
    token_accepted(st, window_id, token, now).then(|| form_token(st, window_id, now))
}

fn refused(field: &str, message: impl Into<String>, input: &RateInput) -> AppError {
    let mut f = Flash::new("rate").with_value("level", &input.level).with_value("comment", &input.comment).with_value("indicators", &input.indicators.join(","));
    f.errors.push(FieldError { field: field.into(), message: message.into() });
    AppError::Invalid(f)
}

/// Who is rating: the browser's device cookie and the address the request came from (the per-address limit).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rater {
    pub device: String,
    pub address: Option<String>,
}

impl From<&str> for Rater {
    fn from(device: &str) -> Self {
        Rater { device: device.into(), address: None }
    }
}

impl From<&String> for Rater {
    fn from(device: &String) -> Self {
        device.as_str().into()
    }
}

/// What rating did: a new rating, or the one the ticket or case had already (a second try shows the first).
#[derive(Clone, Debug, PartialEq)]
pub struct Rated {
    pub row: RatingRow,
    pub earlier: bool,
}

impl std::ops::Deref for Rated {
    type Target = RatingRow;
    fn deref(&self) -> &RatingRow {
        &self.row
    }
}

/// What is rated, once found: the rating's facts, and how the page names it.
struct Found {
    kind: &'static str,
    id: String,
    what: String,
    subject: Option<String>,
    source: Source,
    window_id: Option<String>,
    point_id: String,
    department: String,
    staff_id: Option<String>,
    /// A screen rating's form token ([`presence`]).
    token: Option<String>,
}

/// Why something found cannot be rated now: its page says so instead of showing the form.
enum NotNow {
    /// The screen's code is too old.
    Expired,
    /// A case not completed yet.
    NotCompleted,
}

impl NotNow {
    fn words(&self) -> &'static str {
        match self {
            NotNow::Expired => lang().pick(
                "这个二维码已过期（窗口屏幕上的二维码每分钟更新，扫码后5分钟内有效）。请重新扫描窗口屏幕上的二维码。",
                "This QR code has expired (the window screen's code changes every minute and works for 5 minutes after it is shown). Scan the code on the screen again.",
            ),
            NotNow::NotCompleted => lang().pick("办件办结后才能评价。", "You can rate a case once it is completed."),
        }
    }
}

/// Finds what `target` rates. `NotFound` for a window not in service, a ticket not served, or a case that is not the
/// asker's; `Ok(Err(_))` for what exists but cannot be rated now.
async fn find(st: &AppState, who: Option<&Identity>, target: &Target, now: i64) -> Result<Result<Found, NotNow>, AppError> {
    let db = &st.db;
    let l = lang();
    Ok(Ok(match target {
        Target::Window { window_id, token } => {
            let w = crate::store::queue::window(db, window_id).await?.filter(|w| w.in_service()).ok_or_else(|| AppError::NotFound(l.pick("找不到这个窗口", "This window cannot be found").into()))?;
            let token = match token {
                Some(t) => match presence(st, &w.id, t, now) {
                    Some(f) => Some(f),
                    None => return Ok(Err(NotNow::Expired)),
                },
                None => None,
            };
            let point = crate::store::points::get(db, &w.point_id).await?.map(|p| p.name).unwrap_or_default();
            Found {
                kind: "w",
                id: w.id.clone(),
                what: format!("{point} {}", w.label()),
                subject: None,
                source: if token.is_some() { Source::Screen } else { Source::Placard },
                window_id: Some(w.id.clone()),
                point_id: w.point_id.clone(),
                department: w.departments.first().cloned().unwrap_or_default(),
                staff_id: None,
                token,
            }
        }
        Target::Ticket(code) => {
            let (window, point_id, department, served_by) = store::served_ticket(db, code).await?.ok_or_else(|| AppError::NotFound(l.pick("这个号还没有办结，办结后才能评价", "This ticket has not been served yet").into()))?;
            let w = crate::store::queue::window(db, &window).await?.map(|w| w.label()).unwrap_or_default();
            let point = crate::store::points::get(db, &point_id).await?.map(|p| p.name).unwrap_or_default();
            Found { kind: "t", id: code.clone(), what: format!("{point} {w}"), subject: Some(format!("ticket:{code}")), source: Source::Ticket, window_id: Some(window), point_id, department, staff_id: served_by, token: None }
        }
        Target::Case(number) => {
            let c = crate::store::filing::case_by_number(db, number).await?.filter(|c| who.is_some_and(|w| crate::domain::cases::access::side(w, c.held()) == Some(crate::domain::cases::access::Side::Applicant)));
            let c = c.ok_or_else(|| AppError::NotFound(crate::i18n::t(crate::i18n::Key::CaseNotFound).into()))?;
            if !matches!(c.state, crate::domain::cases::CaseState::Completed | crate::domain::cases::CaseState::Delivered) {
                return Ok(Err(NotNow::NotCompleted));
            }
            Found {
                kind: "c",
                id: number.clone(),
                what: format!("{}（{}）", c.item_name, c.number),
                subject: Some(format!("case:{number}")),
                source: Source::Case,
                window_id: None,
                point_id: c.point_id.clone(),
                department: c.department.clone(),
                staff_id: c.assigned_to.clone(),
                token: None,
            }
        }
    }))
}

/// The signed-in account's phone (verified by SMS code at sign-in), which a bad rating needs.
async fn verified_phone(st: &AppState, who: Option<&Identity>) -> Result<Option<String>, sqlx::Error> {
    Ok(match who {
        Some(w) => crate::store::accounts::account_by(&st.db, crate::store::accounts::AccountKey::Id, &w.account_id).await?.and_then(|a| a.phone),
        None => None,
    })
}

/// Keeps a rating by `rater`. `Ok` is the kept rating, or the earlier one of the same ticket or case (a second try
/// shows the first). `Invalid` names what to fix: no level chosen, an expired screen code, a bad rating without a
/// verified phone, a limit reached; `Refused` a case not completed.
pub async fn rate(st: &AppState, who: Option<&Identity>, rater: impl Into<Rater>, target: Target, input: RateInput, now: i64) -> Result<Rated, AppError> {
    let db = &st.db;
    let l = lang();
    let rater = rater.into();
    let f = match find(st, who, &target, now).await? {
        Ok(f) => f,
        Err(NotNow::Expired) => return Err(refused("level", NotNow::Expired.words(), &input)),
        Err(n) => return Err(AppError::Refused(n.words().into())),
    };
    if let Some(s) = &f.subject {
        if let Some(row) = store::of_subject(db, s).await? {
            return Ok(Rated { row, earlier: true });
        }
    }
    let Some(level) = Level::parse(&input.level) else {
        return Err(refused("level", l.pick("请选择您的评价", "Choose how satisfied you are"), &input));
    };
    let phone = verified_phone(st, who).await?;
    if level.needs_verified_phone() && phone.is_none() {
        return Err(refused(
            "phone",
            l.pick("选择“不满意”或“非常不满意”时，需要先用手机号码和短信验证码登录，以便工作人员回访整改。", "A dissatisfied rating needs your mobile number, checked by a text message code, so staff can follow it up: sign in first."),
            &input,
        ));
    }
    let comment: String = input.comment.trim().chars().filter(|c| !c.is_control() || *c == '\n').collect();
    if comment.chars().count() > COMMENT_MAX {
        return Err(refused("comment", l.pick(format!("意见和建议不能超过{COMMENT_MAX}字，请删减后再提交"), format!("Comments can be at most {COMMENT_MAX} characters: shorten them and submit again")), &input));
    }
    let row = RatingRow {
        id: crate::store::new_id(),
        subject: f.subject,
        source: f.source,
        window_id: f.window_id,
        point_id: f.point_id,
        department: f.department,
        staff_id: f.staff_id,
        level,
        indicators: f.source.channel().keep_indicators(&input.indicators),
        comment,
        account_id: who.map(|w| w.account_id.clone()),
        phone,
        device: rater.device.chars().take(64).collect(),
        address: rater.address,
        day: crate::domain::booking::civil_at(now).date().to_string(),
        at: now,
        flags: vec![],
    };
    match store::keep(db, row, st.filing.rating_limits).await? {
        Kept::New(row) => Ok(Rated { row, earlier: false }),
        Kept::Earlier(row) => Ok(Rated { row, earlier: true }),
        Kept::OverPhone => Err(refused("level", l.pick("这个手机号今天对该窗口的评价次数已达上限，明天可以再评价。", "This number has rated this window as often as allowed today."), &input)),
        Kept::OverDevice => Err(refused("level", l.pick("这台手机今天对该窗口的评价次数已达上限，明天可以再评价。", "This phone has rated this window as often as allowed today."), &input)),
    }
}

/// The thank-you page of a rating: its level (the id is unguessable; nothing personal is shown).
pub async fn thanks(st: &AppState, id: &str) -> Result<Level, AppError> {
    store::by_id(&st.db, id).await?.map(|r| r.level).ok_or_else(|| AppError::NotFound(lang().pick("找不到这条评价", "This rating cannot be found").into()))
}

/// A window's ratings this month (from the first of the month of `now`), newest first, and its 好评率 in words.
pub async fn window_month(st: &AppState, window_id: &str, now: i64) -> Result<(Vec<RatingRow>, String), AppError> {
    let rows = store::of_window(&st.db, window_id, &month_start(now)).await?;
    let levels: Vec<Level> = rows.iter().map(|r| r.level).collect();
    let rate = crate::domain::rating::good_rate_words(&levels, lang());
    Ok((rows, rate))
}

/// The rating page of `target`: what is rated, and its earlier rating (a ticket or case is rated once). `NotFound`
/// for a window not in service, a ticket not served, or a case that is not the asker's.
pub async fn page(st: &AppState, who: Option<&Identity>, target: &Target, flash: Flash, now: i64) -> Result<crate::domain::rating::RateView, AppError> {
    use crate::domain::rating::RateView;
    let l = lang();
    let (kind, id) = match target {
        Target::Window { window_id, .. } => ("w", window_id.clone()),
        Target::Ticket(code) => ("t", code.clone()),
        Target::Case(number) => ("c", number.clone()),
    };
    let verified = verified_phone(st, who).await?.is_some();
    let f = match find(st, who, target, now).await? {
        Ok(f) => f,
        Err(n) => {
            let what = String::new();
            return Ok(RateView { kind: kind.into(), id, token: None, what, channel: Source::Placard.channel(), earlier: None, verified, flash, closed: Some(n.words().into()) });
        }
    };
    let earlier = match &f.subject {
        Some(s) => store::of_subject(&st.db, s).await?.map(|r| (r.level, crate::domain::booking::civil_at(r.at).format(l.pick("%Y年%m月%d日 %H:%M", "%-d %B %Y, %H:%M")).to_string())),
        None => None,
    };
    Ok(RateView { kind: f.kind.into(), id: f.id, token: f.token, what: f.what, channel: f.source.channel(), earlier, verified, flash, closed: None })
}

/// What `/staff/ratings` shows `who`, this month: each window they work at (window staff; the administrator the
/// county hall's); for a department's reviewers, its ratings wherever they were made — by window (its own windows
/// at every point, and any other window where one of its services was rated) — and its completed cases'.
pub async fn for_staff(st: &AppState, who: &Identity, now: i64) -> Result<Vec<crate::domain::rating::WindowRatings>, AppError> {
    use crate::domain::accounts::Role;
    let db = &st.db;
    let first = month_start(now);
    let mut out: Vec<crate::domain::rating::WindowRatings> = Vec::new();
    let mut points = who.staff_points();
    if points.is_empty() && who.has(Role::CentreAdmin, None) {
        points.push(crate::domain::points::COUNTY_HALL.to_string());
    }
    for p in points {
        let point = crate::store::queue::point_name(db, &p).await?.unwrap_or_default();
        for w in crate::store::queue::windows_at(db, &p).await? {
            if w.departments.iter().any(|d| who.works_at(&p, Some(d))) {
                let rows = store::of_window(db, &w.id, &first).await?;
                out.push(group(w.id.clone(), format!("{point} {}", w.label()), &rows, rows.clone()));
            }
        }
    }
    for d in who.grants.iter().filter(|g| g.role == Role::Reviewer).map(|g| g.scope.clone()) {
        let rows = store::of_department(db, &d, &first).await?;
        for p in crate::store::points::all(db).await? {
            for w in crate::store::queue::windows_at(db, &p.id).await? {
                let at_window: Vec<RatingRow> = rows.iter().filter(|r| r.window_id.as_deref() == Some(w.id.as_str())).cloned().collect();
                let ours = w.departments.contains(&d);
                if (ours || !at_window.is_empty()) && !out.iter().any(|g| g.window_id == w.id) {
                    out.push(group(w.id.clone(), format!("{} {}", p.name, w.label()), &at_window, at_window.clone()));
                }
            }
        }
        let cases: Vec<RatingRow> = rows.into_iter().filter(|r| r.source == Source::Case).collect();
        let name = crate::store::catalogue::department_short(db, &d).await?.unwrap_or_else(|| d.clone());
        out.push(group(format!("cases:{d}"), lang().pick(format!("{name} 网上办件"), format!("{name} online cases")), &cases, cases.clone()));
    }
    Ok(out)
}

/// `/admin/ratings`: this month's flagged ratings, by window, each window with its 好评率 (flagged ratings count in
/// it like any other until the administrator decides).
pub async fn flagged(st: &AppState, now: i64) -> Result<Vec<crate::domain::rating::WindowRatings>, AppError> {
    let first = month_start(now);
    let mut out = Vec::new();
    let rows = store::flagged(&st.db, &first).await?;
    let mut windows: Vec<Option<String>> = rows.iter().map(|r| r.window_id.clone()).collect();
    windows.dedup();
    for w in windows {
        let lines: Vec<RatingRow> = rows.iter().filter(|r| r.window_id == w).cloned().collect();
        let (id, label, all) = match &w {
            Some(id) => {
                let label = match crate::store::queue::window(&st.db, id).await? {
                    Some(w) => format!("{} {}", crate::store::queue::point_name(&st.db, &w.point_id).await?.unwrap_or_default(), w.label()),
                    None => id.clone(),
                };
                (id.clone(), label, store::of_window(&st.db, id, &first).await?)
            }
            None => ("cases".into(), lang().pick("网上办件", "Online cases").into(), lines.clone()),
        };
        out.push(group(id, label, &all, lines));
    }
    Ok(out)
}

/// The first day of `now`'s month, as a `day` column compares.
fn month_start(now: i64) -> String {
    use chrono::Datelike;
    let today = crate::domain::booking::civil_at(now).date();
    today.with_day(1).unwrap_or(today).to_string()
}

/// A group of ratings for staff: 好评率 over `all`, the lines of `shown` in the reader's words.
fn group(window_id: String, window: String, all: &[RatingRow], shown: Vec<RatingRow>) -> crate::domain::rating::WindowRatings {
    use crate::domain::rating::{RatingLine, WindowRatings};
    let l = lang();
    let levels: Vec<Level> = all.iter().map(|r| r.level).collect();
    let lines = shown
        .into_iter()
        .map(|r| RatingLine {
            level: r.level,
            indicators: r.indicators.iter().filter_map(|i| r.source.channel().indicators().iter().find(|(c, _, _)| c == i).map(|(_, zh, en)| l.pick(*zh, *en).to_string())).collect(),
            comment: r.comment,
            at: crate::domain::booking::civil_at(r.at).format("%m月%d日 %H:%M").to_string(),
            source: r.source,
            flags: r.flags,
            phone: r.phone.as_deref().map(crate::domain::pii::mask_mobile),
        })
        .collect();
    WindowRatings { window_id, window, good_rate: crate::domain::rating::good_rate_words(&levels, l), lines }
}

/// The placards of `point`'s windows in service (the county hall when none is named), for one print run.
pub async fn placards(st: &AppState, point: Option<&str>) -> Result<crate::domain::rating::PlacardsView, AppError> {
    let db = &st.db;
    let all = crate::store::points::all(db).await?;
    let point_id = point.filter(|p| all.iter().any(|x| x.id == *p)).unwrap_or(crate::domain::points::COUNTY_HALL).to_string();
    let point_name = all.iter().find(|p| p.id == point_id).map(|p| p.name.clone()).unwrap_or_default();
    let mut placards = Vec::new();
    for w in crate::store::queue::windows_at(db, &point_id).await? {
        placards.push((w.label(), crate::service::absolute_url(&st.public_url, &rate_path("w", &w.id, None))));
    }
    let points = all.into_iter().filter(|p| p.kind != crate::domain::catalogue::PointKind::Village).map(|p| (p.id, p.name)).collect();
    Ok(crate::domain::rating::PlacardsView { point_id, point_name, points, placards })
}

/// After a served ticket (一次一评): the one SMS inviting its rating, when the person left a number. The serve step
/// happens once per ticket, so this is called once.
pub async fn invite_ticket(st: &AppState, t: &crate::store::queue::Ticket, now: i64) -> Result<bool, sqlx::Error> {
    let Some(phone) = t.phone.as_deref().filter(|p| !p.is_empty()) else { return Ok(false) };
    let point = crate::store::queue::point_name(&st.db, &t.point_id).await?.unwrap_or_default();
    let url = crate::service::absolute_url(&st.public_url, &rate_path("t", &t.code, None));
    let body = Sms::RateTicket { number: &t.number, point: &point, url: &url }.text(crate::i18n::Lang::Zh);
    crate::store::notifications::enqueue(&st.db, phone, About::Rating.kind(), &body, now).await?;
    Ok(true)
}

/// A completed case (一事一评): its applicant is invited to rate it (notice + SMS), in the completing step's
/// transaction `tx`; again three days later if unrated ([`run_jobs`]).
pub async fn invite_case(tx: &mut sqlx::AnyConnection, public_url: &str, number: &str, item: &str, account_id: &str, again: bool, now: i64) -> Result<(), sqlx::Error> {
    let phone = crate::store::cases::applicant_phone(tx, account_id).await?;
    let link = rate_path("c", number, None);
    let url = crate::service::absolute_url(public_url, &link);
    let body = Sms::RateCase { number, item, url: &url, again }.text(crate::i18n::Lang::Zh);
    crate::service::notify::tell_in(tx, About::Rating, account_id, &phone, &body, &link, now).await?;
    if !again {
        store::mark_invited(tx, number, now).await?;
    }
    Ok(())
}

/// A completed case still unrated this long after its invitation gets one reminder.
pub const REMIND_AFTER_SECS: i64 = 3 * 86_400;

/// The ratings job at `now`: the reminders due (each claimed once, with its message, in one transaction). Returns
/// how many were sent.
pub async fn run_jobs(st: &AppState, now: i64) -> Result<u32, sqlx::Error> {
    let mut sent = 0;
    for (number, item, _) in store::due_reminders(&st.db, now - REMIND_AFTER_SECS, 200).await? {
        let Some(c) = crate::store::filing::case_by_number(&st.db, &number).await? else { continue };
        let _writer = crate::store::sqlite_writer(&st.db).await;
        let mut tx = st.db.begin().await?;
        if store::claim_reminder(&mut tx, &number, now).await? {
            let to = crate::service::cases::told(&mut tx, &c, false).await?;
            invite_case(&mut tx, &st.public_url, &number, &item, &to, true, now).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}
