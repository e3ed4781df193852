//! Appointment booking (预约): the citizen's flow (service → point → day → slot → check → confirmation), one
//! booking's page, my bookings, cancel, reschedule; the administrator's rules and slot settings.
//! Every mutation is a plain form post that redirects, so it all works without JavaScript.

use super::accounts::Flash;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the citizen is in the flow, read from the query string (no personal data: item, point, day, slot).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookQuery {
    pub q: Option<String>,
    pub item: Option<String>,
    pub point: Option<String>,
    pub day: Option<String>,
    pub slot: Option<String>,
    /// Rescheduling this booking (its code): same item and point, a new slot.
    pub change: Option<String>,
    /// The slot form was submitted (so a missing slot is an error, not a first visit).
    pub chosen: Option<String>,
    /// Green channel (绿色通道, `1`): window staff booking on the spot for someone who cannot book online.
    pub green: Option<String>,
    /// The citizen's village or community (its code, `village=` in the URL as on `/map`): points are listed
    /// nearest first by travel time from it.
    pub near: Option<String>,
}

impl BookQuery {
    /// The flow's URL for this state.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in
            [("green", &self.green), ("village", &self.near), ("item", &self.item), ("point", &self.point), ("day", &self.day), ("change", &self.change)]
        {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        if parts.is_empty() {
            "/book".into()
        } else {
            format!("/book?{}", parts.join("&"))
        }
    }

    /// Staff booking through the green channel.
    pub fn is_green(&self) -> bool {
        self.green.as_deref() == Some("1")
    }
}

/// Percent-encodes a query value (item codes, point ids and days are ASCII; `|` in slot ids is encoded).
pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub hint: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayChoice {
    pub day: String,
    pub label: String,
    /// Places left that day; 0 with `open` false: closed that day.
    pub remaining: i64,
    pub open: bool,
    /// Every slot that day was closed by the centre (暂停服务).
    pub suspended: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: String,
    pub label: String,
    pub remaining: i64,
    /// Closed by the centre (暂停服务), with the reason it gave: no booking, no waiting list.
    pub closed: Option<String>,
}

/// One step of the flow: what has been chosen and the choices for the next question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BookStep {
    pub query: BookQuery,
    /// Step 1: items matching `q`.
    pub items: Vec<Choice>,
    pub item: Option<Choice>,
    /// Step 2: points offering the item: nearest first from `query.near`, else the county hall, branches, towns.
    pub points: Vec<Choice>,
    /// Step 2: towns and their villages, to choose where the citizen is (no location access needed).
    pub towns: Vec<super::map::TownOption>,
    /// Step 2: "已按离…的路程由近到远排列" when sorted by travel time.
    pub sorted_from: Option<String>,
    pub point: Option<Choice>,
    /// Step 3: the next 14 days.
    pub days: Vec<DayChoice>,
    pub day: Option<DayChoice>,
    /// Step 4: the day's slots.
    pub slots: Vec<SlotChoice>,
    /// Step 5: the slot to confirm, in words (2026年11月28日 周六 09:00–09:30).
    pub slot: Option<SlotChoice>,
    /// Who will come (the account holder), masked.
    pub holder: String,
    /// The name the citizen gave for their own bookings before (asked once, remembered), or empty.
    pub my_name: String,
    /// Booked priority in the queue starts this many minutes before the slot (the rules).
    pub checkin_early_minutes: i64,
    /// The no-show rule as the page states it: "90天内3次未到将暂停预约30天".
    pub no_show_rule: String,
    pub flash: Flash,
}

/// One booking as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookingView {
    pub code: String,
    pub item_code: String,
    pub item_name: String,
    pub point_id: String,
    pub point_name: String,
    pub department_name: String,
    pub when: String,
    pub status: String,
    pub status_label: String,
    /// Masked for anyone but the owner.
    pub holder: String,
    /// The signed-in owner is looking: show materials, QR, changes.
    pub owner: bool,
    pub active: bool,
    /// Cancelling and rescheduling are still allowed (before the cut-off).
    pub changeable: bool,
    /// Booked by staff through the green channel (绿色通道), and the reason in words.
    pub green_reason: Option<String>,
    /// The one looking is the staff member who booked it: details without the changes, and the way back.
    pub staff_view: bool,
    /// The one looking is the family member it was booked for (signed in with its phone number): they may
    /// decline it (谢绝), not reschedule it — that is the booker's business.
    pub family_view: bool,
    pub cutoff_minutes: i64,
    pub point_address: String,
    pub materials: Vec<String>,
    /// The check-in QR code (SVG markup, made on the server) encoding the booking's URL.
    pub qr_svg: String,
    pub url: String,
    /// The queue ticket this booking was checked in for: its code and where it stands (people ahead, called, …).
    pub ticket: Option<(String, crate::api::queue::TicketLive)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyBookingsPage {
    pub upcoming: Vec<BookingView>,
    pub past: Vec<BookingView>,
    /// The newest few notices; all are on `/notices`.
    pub notices: Vec<(String, String, String)>,
    /// Suspended for no-shows: the reason.
    pub suspended: Option<String>,
    /// Waiting lists joined: (id, what and when, position in words).
    pub waits: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookingAdminPage {
    pub rules: crate::domain::booking::Rules,
    /// (point id, point name, department code, department name, slot length in words, capacity)
    pub groups: Vec<(String, String, String, String, String, i64)>,
    pub points: Vec<(String, String)>,
    pub departments: Vec<(String, String)>,
    /// Suspended accounts: (account id, masked phone, until).
    pub suspended: Vec<(String, String, String)>,
    pub flash: Flash,
}

pub fn status_label(status: &str) -> &'static str {
    match status {
        "active" => "已预约",
        "cancelled" => "已取消",
        "checked_in" => "已签到",
        "served" => "已办理",
        "no_show" => "未到",
        "closed" => "因网点停止服务已取消",
        _ => "未知",
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::api::context::{db, internal, now};
    use crate::domain::booking::{self as rules, civil_at, slots_on, Refusal, Rules};
    use crate::domain::calendar::{weekday_zh, WorkCalendar};
    use crate::domain::points::ServicePoint;
    use crate::store::booking as store;
    use crate::store::Db;
    use chrono::NaiveDate;

    pub fn when(starts_at: i64, ends_at: i64) -> String {
        let s = civil_at(starts_at);
        format!("{} {} {}–{}", s.format("%Y年%m月%d日"), weekday_zh(s.date()), s.format("%H:%M"), civil_at(ends_at).format("%H:%M"))
    }

    pub fn day_label(d: NaiveDate) -> String {
        format!("{} {}", d.format("%m月%d日"), weekday_zh(d))
    }

    /// A service group's slots on some days with places left: (day, [(slot ref, remaining)]).
    pub async fn availability(
        db: &Db,
        point: &ServicePoint,
        department: &str,
        calendar: &WorkCalendar,
        rules: &Rules,
        days: &[NaiveDate],
        now: i64,
    ) -> Result<Vec<(NaiveDate, Vec<(store::SlotRef, Places)>)>, sqlx::Error> {
        let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(vec![]) };
        let group = store::group_settings(db, &point.id, department, rules).await?;
        let capacity = group.capacity;
        let stored = store::stored_slots(db, &point.id, department, &first.to_string(), &last.to_string()).await?;
        Ok(days
            .iter()
            .map(|d| {
                // A day with stored slots keeps their length (a change of length never overlaps them).
                let kept = stored.values().find(|s| s.day == d.to_string()).map(|s| s.minutes);
                let slots = slots_on(&point.hours, calendar, *d, kept.unwrap_or_else(|| group.minutes_on(&d.to_string())))
                    .into_iter()
                    .map(|t| {
                        let slot = slot_ref(point, department, *d, t, capacity);
                        let places = places(stored.get(&slot.starts_at), capacity);
                        (slot, places)
                    })
                    .filter(|(s, _)| rules::bookable(now, s.starts_at))
                    .collect();
                (*d, slots)
            })
            .collect())
    }

    pub fn slot_ref(point: &ServicePoint, department: &str, day: NaiveDate, t: rules::SlotTime, capacity: i64) -> store::SlotRef {
        let starts_at = rules::instant(day, t.start);
        store::SlotRef {
            id: rules::slot_id(&point.id, department, starts_at),
            point_id: point.id.clone(),
            department: department.to_string(),
            day: day.to_string(),
            starts_at,
            ends_at: rules::instant(day, t.end),
            capacity,
        }
    }

    /// A slot's places left, and why it is closed if it is.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Places {
        pub remaining: i64,
        pub closed: Option<String>,
    }

    /// Places left in a slot, from the stored slot or, if not stored yet, the group's capacity.
    pub fn places(stored: Option<&store::StoredSlot>, capacity: i64) -> Places {
        match stored {
            Some(s) if s.closed.is_some() => Places { remaining: 0, closed: s.closed.clone() },
            Some(s) => Places { remaining: (s.capacity - s.booked).max(0), closed: None },
            None => Places { remaining: capacity, closed: None },
        }
    }

    /// The point, the item's department there and the item's name; `None` if the point does not offer booking
    /// for the item: it does not handle it, or has no check-in desk and window for it (a booking nobody could
    /// check in would only turn into a no-show).
    pub async fn group(db: &Db, item: &str, point_id: &str) -> Result<Option<(ServicePoint, String, String)>, sqlx::Error> {
        let Some((department, item_name)) = store::item_at_point(db, item, point_id).await? else { return Ok(None) };
        let Some(point) = crate::store::points::get(db, point_id).await? else { return Ok(None) };
        if point.kind == crate::domain::catalogue::PointKind::Village
            || !crate::store::queue::can_check_in(db, point_id, &department).await?
        {
            return Ok(None);
        }
        Ok(Some((point, department, item_name)))
    }

    pub fn window(now: i64) -> Vec<NaiveDate> {
        rules::booking_days(civil_at(now).date())
    }

    /// The first few free slots from the booking window, for "该时段已约满" and the day page.
    pub async fn next_free(
        db: &Db,
        point: &ServicePoint,
        department: &str,
        calendar: &WorkCalendar,
        rules: &Rules,
        now: i64,
        limit: usize,
    ) -> Result<Vec<(store::SlotRef, i64)>, sqlx::Error> {
        let all = availability(db, point, department, calendar, rules, &window(now), now).await?;
        Ok(all.into_iter().flat_map(|(_, s)| s).filter(|(_, p)| p.remaining > 0).map(|(s, p)| (s, p.remaining)).take(limit).collect())
    }

    /// The slot named by `slot_id`, if it is one of the group's bookable slots now (no places counted: claiming
    /// one is the guard).
    pub async fn offered_slot(
        db: &Db,
        point: &ServicePoint,
        department: &str,
        slot_id: &str,
        rules: &Rules,
        now: i64,
    ) -> Result<Option<store::SlotRef>, sqlx::Error> {
        let Some((p, d, starts_at)) = rules::parse_slot_id(slot_id) else { return Ok(None) };
        if p != point.id || d != department || !rules::bookable(now, starts_at) {
            return Ok(None);
        }
        let day = civil_at(starts_at).date();
        let calendar = crate::store::calendar::load(db).await?;
        let group = store::group_settings(db, &point.id, department, rules).await?;
        let minutes = match store::stored_minutes_on(db, &point.id, department, &day.to_string()).await? {
            Some(m) => m,
            None => group.minutes_on(&day.to_string()),
        };
        Ok(slots_on(&point.hours, &calendar, day, minutes)
            .into_iter()
            .map(|t| slot_ref(point, department, day, t, group.capacity))
            .find(|s| s.id == slot_id))
    }

    /// [`offered_slot`] and the places left in it.
    pub async fn find_slot(
        db: &Db,
        point: &ServicePoint,
        department: &str,
        slot_id: &str,
        rules: &Rules,
        now: i64,
    ) -> Result<Option<(store::SlotRef, Places)>, sqlx::Error> {
        let Some(slot) = offered_slot(db, point, department, slot_id, rules, now).await? else { return Ok(None) };
        let left = places(store::stored_slot(db, slot_id).await?.as_ref(), slot.capacity);
        Ok(Some((slot, left)))
    }

    pub async fn suspension(db: &Db, account_id: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
        let (times, lifted) = store::no_show_record(db, account_id).await?;
        Ok(rules::suspended_until(&times, lifted, now, &store::rules(db).await?))
    }

    pub fn new_code() -> String {
        use rand::RngCore;
        let mut b = [0u8; rules::CODE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut b);
        rules::code_from(b)
    }

    /// "该时段已约满" and the next free slots in words.
    pub async fn full_message(db: &Db, point: &ServicePoint, department: &str, now: i64) -> Result<String, sqlx::Error> {
        let calendar = crate::store::calendar::load(db).await?;
        let r = store::rules(db).await?;
        let next = next_free(db, point, department, &calendar, &r, now, 3).await?;
        let mut m = Refusal::Full.message();
        if next.is_empty() {
            m.push_str("，近14天已无空余时段");
        } else {
            let list: Vec<String> = next.iter().map(|(s, _)| when(s.starts_at, s.ends_at)).collect();
            m.push_str(&format!("。最近可约：{}", list.join("；")));
        }
        Ok(m)
    }

    /// The absolute URL of a booking's page, for the QR code, the SMS and the .ics file.
    /// From the configured public URL, never from the request (issue 12: a forged `X-Forwarded-Proto` was copied
    /// into the SMS).
    pub fn booking_url(code: &str) -> String {
        let base = use_context::<crate::api::context::AppState>().map(|s| s.public_url).unwrap_or_default();
        crate::api::context::absolute_url(&base, &format!("/bookings/{code}"))
    }

    pub fn qr_svg(url: &str) -> String {
        use qrcode::render::svg;
        match qrcode::QrCode::new(url.as_bytes()) {
            Ok(q) => q
                .render::<svg::Color>()
                .min_dimensions(200, 200)
                .quiet_zone(true)
                .build()
                .split_once("<svg ")
                .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"签到二维码\" {rest}"))
                .unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    pub async fn view(db: &Db, b: store::BookingRow, owner: bool, now: i64) -> Result<BookingView, sqlx::Error> {
        let r = store::rules(db).await?;
        let active = b.status == store::status::ACTIVE;
        let changeable = owner && active && rules::before_cut_off(now, b.starts_at, r.cancel_cutoff_minutes).is_ok();
        let materials = if owner {
            crate::store::catalogue::item(db, &b.item_code)
                .await?
                .map(|(i, _)| {
                    i.materials
                        .iter()
                        .map(|m| format!("{}（{}，{}份，{}）", m.name, m.form, m.copies, m.requirement.zh()))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            vec![]
        };
        let url = booking_url(&b.code);
        let ticket = match crate::store::queue::by_booking(db, &b.code).await? {
            Some(t) => Some((t.code.clone(), crate::api::queue::ticket_live(db, &t).await?)),
            None => None,
        };
        Ok(BookingView {
            ticket,
            when: when(b.starts_at, b.ends_at),
            status_label: status_label(&b.status).to_string(),
            holder: if owner { b.holder_name.clone() } else { rules::mask_name(&b.holder_name) },
            qr_svg: if owner && active { qr_svg(&url) } else { String::new() },
            url,
            code: b.code,
            item_code: b.item_code,
            item_name: b.item_name,
            point_id: b.point_id,
            point_name: b.point_name,
            department_name: b.department_name,
            status: b.status,
            owner,
            active,
            changeable,
            cutoff_minutes: r.cancel_cutoff_minutes,
            // Why someone needed the green channel (e.g. 残疾人) is sensitive: not on the public page.
            green_reason: b.green_reason.as_deref().filter(|_| owner).and_then(rules::green_reason).map(str::to_string),
            staff_view: false,
            family_view: false,
            point_address: b.point_address,
            materials,
        })
    }

    /// Tells the holder about a booking by SMS (through the notification queue) and in the in-app notices.
    pub async fn tell(db: &Db, b: &store::BookingRow, body: &str, now: i64) -> Result<(), sqlx::Error> {
        crate::store::notifications::enqueue(db, &b.holder_phone, "booking", body, now).await?;
        store::add_notice(db, &b.account_id, body, &format!("/bookings/{}", b.code), now).await
    }

    /// Who a booking is for (the check-answers page's choice).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ForWhom {
        Myself,
        Family,
        Green,
    }

    /// What was typed on the check-answers page about the person who comes.
    pub struct Typed {
        /// The citizen's own name (for their own booking; remembered on the account).
        pub my_name: String,
        pub name: String,
        pub phone: String,
        pub reason: String,
    }

    /// The booking to make, and the name of whoever made it (for the family member's SMS).
    pub struct Holder {
        pub new: store::NewBooking,
        pub booker: String,
    }

    /// Who a booking is for: the signed-in citizen; a family member they name; or, through the green channel, the
    /// person at the counter, whose own citizen account (found or created by mobile number) holds the booking, so
    /// their rules apply and they can sign in with that number to see or cancel it. `Err(flash)` names each field
    /// to correct and keeps what was typed.
    pub async fn holder(
        db: &Db,
        who: &crate::domain::accounts::Identity,
        item: &str,
        for_whom: ForWhom,
        typed: &Typed,
        now: i64,
    ) -> Result<Result<Holder, Flash>, sqlx::Error> {
        use crate::store::accounts::{account_by, AccountKey};
        let new = |account_id: &str, name: &str, phone: &str| store::NewBooking {
            account_id: account_id.to_string(),
            item_code: item.to_string(),
            holder_name: name.to_string(),
            holder_phone: phone.to_string(),
            for_family: for_whom == ForWhom::Family,
            booked_by: (for_whom == ForWhom::Green).then(|| who.account_id.clone()),
            green_reason: (for_whom == ForWhom::Green).then(|| typed.reason.clone()),
        };
        let booker = who.display_name.clone();
        if for_whom == ForWhom::Myself {
            let name = match rules::check_own_name(&typed.my_name) {
                Ok(n) => n,
                Err(m) => return Ok(Err(Flash::new("book").with_value("my_name", &typed.my_name).with_error("my_name", m))),
            };
            crate::store::accounts::set_real_name(db, &who.account_id, &name).await?;
            let phone = account_by(db, AccountKey::Id, &who.account_id).await?.and_then(|a| a.phone).unwrap_or_default();
            return Ok(Ok(Holder { new: new(&who.account_id, &name, &phone), booker }));
        }
        let (whose, reason) =
            if for_whom == ForWhom::Family { ("家人", None) } else { ("办事人", Some(typed.reason.as_str())) };
        let mut f = Flash::new("book")
            .with_value("my_name", &typed.my_name)
            .with_value("for_whom", if for_whom == ForWhom::Family { "family" } else { "green" })
            .with_value("holder_name", &typed.name)
            .with_value("holder_phone", &typed.phone)
            .with_value("reason", &typed.reason);
        let phone = match rules::check_holder(whose, &typed.name, &typed.phone, reason) {
            Ok(phone) => phone,
            Err(problems) => {
                for (field, message) in problems {
                    f = f.with_error(field, message);
                }
                return Ok(Err(f));
            }
        };
        if for_whom == ForWhom::Family {
            return Ok(Ok(Holder { new: new(&who.account_id, &typed.name, &phone), booker }));
        }
        let person = match account_by(db, AccountKey::Phone, &phone).await? {
            Some(a) if a.kind != "citizen" => {
                return Ok(Err(f.with_error("holder_phone", "该号码是工作人员账号，请填写办事人本人的手机号码")));
            }
            Some(a) => a,
            None => crate::store::accounts::citizen_for_phone(db, &phone, now).await?,
        };
        Ok(Ok(Holder { new: new(&person.id, &typed.name, &phone), booker }))
    }

    /// Green channel: any window staff (to start), …
    pub fn staff() -> crate::domain::accounts::Need {
        crate::domain::accounts::Need::Role(crate::domain::accounts::Role::WindowStaff, None)
    }

    /// … and staff of the item's department (to book it): at the point, once it is chosen.
    pub fn staff_of(who: &crate::domain::accounts::Identity, point: Option<&str>, department: &str) -> Result<(), ServerFnError> {
        let ok = match point {
            Some(p) => who.works_at(p, Some(department)),
            None => who.serves_department(department),
        };
        if ok {
            Ok(())
        } else {
            Err(crate::api::context::refused(http::StatusCode::FORBIDDEN, "您不能为该部门或服务点办理绿色通道预约"))
        }
    }

    pub fn now_secs() -> Result<i64, ServerFnError> {
        Ok(now()?.timestamp())
    }

    pub fn dbh() -> Result<Db, ServerFnError> {
        db()
    }

    pub fn int(e: impl std::fmt::Display) -> ServerFnError {
        internal(e)
    }
}

#[cfg(feature = "ssr")]
pub use ssr::{availability, full_message, when};

/// The state of the booking flow for the query string. Signed in only: a booking belongs to an account.
#[server]
pub async fn booking_flow(query: BookQuery) -> Result<BookStep, ServerFnError> {
    use crate::domain::accounts::Need;
    use crate::domain::booking::civil_at;
    use ssr::*;
    let green = query.is_green();
    let who = super::session::require(if green { staff() } else { Need::SignedIn }).await?.expect("signed in");
    let db = dbh()?;
    let t = now_secs()?;
    let mut query = query;
    if green {
        // Rescheduling is the person's own business (they sign in with their number).
        query.change = None;
    }
    let mut step = BookStep { query: query.clone(), ..Default::default() };
    step.flash = super::session::take_flash("book").await?.unwrap_or_else(|| Flash::new("book"));
    // Rescheduling: the item and point are the booking's own.
    if let Some(code) = query.change.clone() {
        let b = crate::store::booking::by_code(&db, &code).await.map_err(int)?.filter(|b| b.account_id == who.account_id);
        let Some(b) = b else { return Err(crate::api::context::refused(http::StatusCode::NOT_FOUND, "找不到该预约")) };
        query.item = Some(b.item_code);
        query.point = Some(b.point_id);
        step.query = query.clone();
    }
    let Some(item_code) = query.item.clone().filter(|s| !s.is_empty()) else {
        let q = query.q.clone().unwrap_or_default();
        if !q.trim().is_empty() {
            let terms = crate::domain::catalogue::query_terms(&q);
            let mut filter = crate::api::guide::GuideFilter::default();
            if green {
                // Staff book only their own department's items: with one department, list only those.
                filter.department = who.only_department();
            }
            let found = crate::store::catalogue::search(&db, &terms, &filter).await.map_err(int)?;
            step.items = found.into_iter().take(20).map(|i| Choice { id: i.code, label: i.name, hint: i.department }).collect();
        }
        return Ok(step);
    };
    let Some((item, department_name)) = crate::store::catalogue::item(&db, &item_code).await.map_err(int)? else {
        return Err(crate::api::context::refused(http::StatusCode::NOT_FOUND, "找不到该事项"));
    };
    if green {
        staff_of(&who, query.point.as_deref().filter(|p| !p.is_empty()), &item.department)?;
    }
    step.item = Some(Choice { id: item.code.clone(), label: item.name.clone(), hint: department_name });
    let lang = crate::i18n::Lang::Zh;
    let Some(point_id) = query.point.clone().filter(|s| !s.is_empty()) else {
        let (handling, _) = crate::store::points::handling_item(&db, &item_code).await.map_err(int)?;
        // Only points that can check the booking in: a desk and a window for the item's department.
        let mut points = Vec::new();
        for p in handling {
            if crate::store::queue::can_check_in(&db, &p.id, &item.department).await.map_err(int)? {
                points.push(p);
            }
        }
        let model = super::zone_model::current().await?;
        step.towns = model.town_options();
        // Nearest first by travel time from the citizen's village; points it cannot reach go last.
        let times = query.near.as_deref().and_then(|code| model.from_village(code));
        let minutes = |id: &str| times.as_ref().and_then(|(_, t)| t.iter().find(|(p, _)| p == id)).map(|(_, ms)| ms.div_ceil(60_000));
        if let Some((village, _)) = &times {
            points.sort_by_key(|p| minutes(&p.id).unwrap_or(u32::MAX));
            step.sorted_from = Some(format!("已按离{}的路程由近到远排列。", village.name));
        }
        step.points = points
            .into_iter()
            .map(|p| {
                let all_year = if p.hours.is_all_year() { " · 365天不打烊" } else { "" };
                let near = minutes(&p.id).map(|m| format!("约{m}分钟 · ")).unwrap_or_default();
                Choice { hint: format!("{near}{}{all_year} · {}", p.kind.label(lang), p.address), id: p.id, label: p.name }
            })
            .collect();
        return Ok(step);
    };
    let Some((point, department, _)) = group(&db, &item_code, &point_id).await.map_err(int)? else {
        return Err(crate::api::context::refused(http::StatusCode::UNPROCESSABLE_ENTITY, "该网点不办理此事项"));
    };
    step.point = Some(Choice { id: point.id.clone(), label: point.name.clone(), hint: point.address.clone() });
    let calendar = crate::store::calendar::load(&db).await.map_err(int)?;
    let r = crate::store::booking::rules(&db).await.map_err(int)?;
    if let Some(slot_id) = query.slot.clone().filter(|s| !s.is_empty()) {
        let Some((s, places)) = find_slot(&db, &point, &department, &slot_id, &r, t).await.map_err(int)? else {
            return Err(crate::api::context::refused(http::StatusCode::UNPROCESSABLE_ENTITY, "该时段不可预约，请另选时段"));
        };
        step.slot = Some(SlotChoice { id: s.id, label: when(s.starts_at, s.ends_at), remaining: places.remaining, closed: places.closed });
        let account = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &who.account_id)
            .await
            .map_err(int)?;
        step.my_name = crate::store::accounts::real_name(&db, &who.account_id).await.map_err(int)?.unwrap_or_default();
        step.checkin_early_minutes = r.checkin_early_minutes;
        step.no_show_rule = format!("{}天内{}次未到将暂停预约{}天", r.no_show_window_days, r.no_show_limit, r.suspension_days);
        step.holder = match account.and_then(|a| a.phone).filter(|_| !green) {
            Some(p) => format!("本人（{}）", crate::domain::points::mask_mobile(&p)),
            None => "本人".to_string(),
        };
        return Ok(step);
    }
    let days = window(t);
    let avail = availability(&db, &point, &department, &calendar, &r, &days, t).await.map_err(int)?;
    let day_choices: Vec<DayChoice> = avail
        .iter()
        .map(|(d, slots)| DayChoice {
            day: d.to_string(),
            label: day_label(*d),
            remaining: slots.iter().map(|(_, p)| p.remaining).sum(),
            open: !slots.is_empty(),
            suspended: !slots.is_empty() && slots.iter().all(|(_, p)| p.closed.is_some()),
        })
        .collect();
    if let Some(day) = query.day.clone().filter(|s| !s.is_empty()) {
        if query.chosen.is_some() && step.flash.errors.is_empty() {
            step.flash = Flash::new("book").with_error("slot", "请选择时段");
        }
        let Some((_, slots)) = avail.into_iter().find(|(d, _)| d.to_string() == day) else {
            return Err(crate::api::context::refused(http::StatusCode::UNPROCESSABLE_ENTITY, "请选择14天内的日期"));
        };
        step.day = day_choices.into_iter().find(|d| d.day == day);
        step.slots = slots
            .into_iter()
            .map(|(s, p)| SlotChoice {
                label: format!("{}–{}", civil_at(s.starts_at).format("%H:%M"), civil_at(s.ends_at).format("%H:%M")),
                id: s.id,
                remaining: p.remaining,
                closed: p.closed,
            })
            .collect();
        return Ok(step);
    }
    step.days = day_choices;
    Ok(step)
}

/// Books the chosen slot for the signed-in citizen, then shows the booking. Refusals come back to the slot page.
#[server(endpoint = "book_slot")]
pub async fn book_slot(
    item: String,
    point: String,
    slot: Option<String>,
    /// Who comes: `self` (default), `family` (为家人预约: told by SMS, may decline), or `green` (window staff booking
    /// on the spot for someone who cannot book online: the booking goes to that person's own account).
    for_whom: Option<String>,
    /// The citizen's own name, for their own booking (asked once, remembered on the account).
    my_name: Option<String>,
    /// The person who comes, for `family` and `green`.
    holder_name: Option<String>,
    holder_phone: Option<String>,
    /// Green channel: why (a code of `domain::booking::GREEN_REASONS`).
    reason: Option<String>,
    /// The village the points were ordered from, kept for the way back.
    village: Option<String>,
) -> Result<(), ServerFnError> {
    let near = village.filter(|v| !v.is_empty());
    use crate::domain::accounts::Need;
    use crate::domain::booking::{may_book, Refusal};
    use crate::store::booking as store;
    use ssr::*;
    let for_whom = match for_whom.as_deref() {
        Some("family") => ForWhom::Family,
        Some("green") => ForWhom::Green,
        _ => ForWhom::Myself,
    };
    let green = for_whom == ForWhom::Green;
    let who = super::session::require(if green { staff() } else { Need::SignedIn }).await?.expect("signed in");
    let db = dbh()?;
    let t = now_secs()?;
    let slot = slot.unwrap_or_default();
    let Some((p, department, item_name)) = group(&db, &item, &point).await.map_err(int)? else {
        return Err(crate::api::context::refused(http::StatusCode::UNPROCESSABLE_ENTITY, "该网点不办理此事项"));
    };
    if green {
        staff_of(&who, Some(&p.id), &department)?;
    }
    let day = crate::domain::booking::parse_slot_id(&slot).map(|(_, _, s)| crate::domain::booking::civil_at(s).date().to_string());
    let back = BookQuery {
        item: Some(item.clone()),
        point: Some(point.clone()),
        day: day.clone(),
        green: green.then(|| "1".to_string()),
        near,
        ..Default::default()
    };
    let told = |r: &Refusal| if green { r.message_to_staff() } else { r.message() };
    let refuse = |message: String| {
        let back = back.clone();
        async move {
            super::session::fail_back(&Flash::new("book").with_error("slot", message), &back.href()).await
        }
    };
    if slot.is_empty() {
        return refuse("请选择时段".into()).await;
    }
    let r = store::rules(&db).await.map_err(int)?;
    let Some(s) = offered_slot(&db, &p, &department, &slot, &r, t).await.map_err(int)? else {
        return refuse(told(&Refusal::NotOffered)).await;
    };
    if let Some(why) = store::stored_slot(&db, &s.id).await.map_err(int)?.and_then(|x| x.closed) {
        return refuse(crate::domain::booking::closed_text(&why)).await;
    }
    let typed = Typed {
        my_name: my_name.unwrap_or_default(),
        name: holder_name.unwrap_or_default().trim().to_string(),
        phone: holder_phone.unwrap_or_default(),
        reason: reason.unwrap_or_default(),
    };
    let holder = match holder(&db, &who, &item, for_whom, &typed, t).await.map_err(int)? {
        Ok(h) => h,
        Err(flash) => {
            // Back to the check-answers page with what was typed.
            let here = format!("{}&slot={}", back.href(), encode(&slot));
            return super::session::fail_back(&flash, &here).await;
        }
    };
    if let Err(refusal) = may_book(suspension(&db, &holder.new.account_id, t).await.map_err(int)?, 0, &r) {
        return refuse(told(&refusal)).await;
    }
    let code = new_code();
    let (time, url) = (when(s.starts_at, s.ends_at), booking_url(&code));
    let body = match for_whom {
        ForWhom::Family => format!(
            "【掌上办事大厅】{}为您预约了{item_name}：{}，{time}。预约码{code}，到厅出示二维码签到。如不能前往，请用本手机号登录后取消：{url}",
            holder.booker, p.name
        ),
        ForWhom::Green => format!(
            "【掌上办事大厅】工作人员已为您预约{item_name}：{}，{time}。预约码{code}，到厅报预约码签到。如需取消，请用本手机号登录：{url}",
            p.name
        ),
        ForWhom::Myself => {
            format!("【掌上办事大厅】您已预约{item_name}：{}，{time}。预约码{code}，到厅出示二维码签到：{url}", p.name)
        }
    };
    // Family bookings and the green channel message someone else's number: limited per day, per sender and per
    // receiving number (issue 12), in the booking's own transaction.
    let today = crate::domain::booking::civil_at(t).date().to_string();
    let to_another = (for_whom != ForWhom::Myself).then(|| store::ToAnother {
        sender: &who.account_id,
        day: &today,
        per_account: r.sms_per_account_day,
        per_number: r.sms_per_number_day,
    });
    match store::book_and_tell(&db, &holder.new, &s, r.max_active, &code, Some(&body), to_another.as_ref(), t).await.map_err(int)? {
        Ok(()) => {
            leptos_axum::redirect(&format!("/bookings/{code}"));
            Ok(())
        }
        Err(Refusal::Full) => {
            let mut flash = Flash::new("book").with_error("slot", full_message(&db, &p, &department, t).await.map_err(int)?);
            if !green {
                flash = flash.with_value("wait_slot", &s.id).with_value("wait_label", &time);
            }
            super::session::fail_back(&flash, &back.href()).await
        }
        Err(refusal) => refuse(told(&refusal)).await,
    }
}

/// Joins the waiting list (候补) of a full slot; when a place frees, the first waiting gets it automatically.
#[server(endpoint = "join_waitlist")]
pub async fn join_waitlist(item: String, point: String, slot: Option<String>, my_name: Option<String>) -> Result<(), ServerFnError> {
    use crate::domain::accounts::Need;
    use crate::store::booking as store;
    use ssr::*;
    let who = super::session::require(Need::SignedIn).await?.expect("signed in");
    let db = dbh()?;
    let t = now_secs()?;
    let slot = slot.unwrap_or_default();
    let Some((p, department, _)) = group(&db, &item, &point).await.map_err(int)? else {
        return Err(crate::api::context::refused(http::StatusCode::UNPROCESSABLE_ENTITY, "该网点不办理此事项"));
    };
    let stored = crate::domain::booking::parse_slot_id(&slot)
        .filter(|(sp, sd, starts)| *sp == p.id && *sd == department && crate::domain::booking::bookable(t, *starts));
    let day = stored.as_ref().map(|(_, _, s)| crate::domain::booking::civil_at(*s).date().to_string());
    let back = BookQuery { item: Some(item.clone()), point: Some(point.clone()), day, ..Default::default() };
    // Only a stored slot can be full: one nobody has booked yet has nothing to wait for.
    let exists = store::stored_slot(&db, &slot).await.map_err(int)?;
    if let Some(why) = exists.as_ref().and_then(|x| x.closed.clone()) {
        return super::session::fail_back(&Flash::new("book").with_error("slot", crate::domain::booking::closed_text(&why)), &back.href()).await;
    }
    if stored.is_none() || exists.is_none() {
        return super::session::fail_back(&Flash::new("book").with_error("slot", crate::domain::booking::Refusal::NotOffered.message()), &back.href()).await;
    }
    if let Some(until) = suspension(&db, &who.account_id, t).await.map_err(int)? {
        return super::session::fail_back(&Flash::new("book").with_error("slot", crate::domain::booking::Refusal::Suspended { until, rule: store::rules(&db).await.map_err(int)?.no_show_words() }.message()), &back.href()).await;
    }
    // The name the booking will record, as on the check-answers page (asked once, remembered).
    let typed = my_name.unwrap_or_default();
    let name = match crate::domain::booking::check_own_name(&typed) {
        Ok(n) => n,
        Err(m) => {
            let here = format!("{}&slot={}", back.href(), encode(&slot));
            return super::session::fail_back(&Flash::new("book").with_value("my_name", &typed).with_error("my_name", m), &here).await;
        }
    };
    crate::store::accounts::set_real_name(&db, &who.account_id, &name).await.map_err(int)?;
    let account = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &who.account_id)
        .await
        .map_err(int)?
        .ok_or_else(|| crate::api::context::sign_in_first())?;
    let new = store::NewBooking {
        account_id: who.account_id.clone(),
        item_code: item,
        holder_name: name,
        holder_phone: account.phone.unwrap_or_default(),
        for_family: false,
        booked_by: None,
        green_reason: None,
    };
    store::join_wait(&db, &new, &slot, t).await.map_err(int)?;
    // A place may have freed meanwhile.
    let r = store::rules(&db).await.map_err(int)?;
    hand_on(&db, &slot, r.max_active, t).await.map_err(int)?;
    leptos_axum::redirect("/bookings");
    Ok(())
}

/// Leaves a waiting list.
#[server(endpoint = "withdraw_wait")]
pub async fn withdraw_wait(id: String) -> Result<(), ServerFnError> {
    use crate::domain::accounts::Need;
    use ssr::*;
    let who = super::session::require(Need::SignedIn).await?.expect("signed in");
    crate::store::booking::withdraw_wait(&dbh()?, &id, &who.account_id).await.map_err(int)?;
    leptos_axum::redirect("/bookings");
    Ok(())
}

/// A place in `slot_id` is free: the first person waiting who can take it gets it; everyone is told.
#[cfg(feature = "ssr")]
pub async fn hand_on(db: &crate::store::Db, slot_id: &str, max_active: i64, now: i64) -> Result<Option<String>, sqlx::Error> {
    let handed = crate::store::booking::promote(db, slot_id, max_active, &ssr::new_code(), now).await?;
    tell_handed(db, &handed, now).await?;
    Ok(handed.booking)
}

/// Tells whoever got a freed place (SMS and notice) and everyone whose wait lapsed on the way.
#[cfg(feature = "ssr")]
pub async fn tell_handed(db: &crate::store::Db, handed: &crate::store::booking::HandedOn, now: i64) -> Result<(), sqlx::Error> {
    if let Some(b) = match &handed.booking {
        Some(code) => crate::store::booking::by_code(db, code).await?,
        None => None,
    } {
        let body = format!(
            "【掌上办事大厅】候补成功：已为您预约{}（{}，{}），预约码{}。如不需要，请登录后取消以释放名额",
            b.item_name,
            b.point_name,
            ssr::when(b.starts_at, b.ends_at),
            b.code
        );
        ssr::tell(db, &b, &body, now).await?;
    }
    tell_lapsed(db, &handed.lapsed, now).await
}

/// Tells people whose wait can no longer be met, and why (SMS and notice).
#[cfg(feature = "ssr")]
pub async fn tell_lapsed(db: &crate::store::Db, lapsed: &[crate::store::booking::Lapsed], now: i64) -> Result<(), sqlx::Error> {
    for l in lapsed {
        let body = format!(
            "【掌上办事大厅】候补未成功：{}（{}，{}），{}。您可以预约其他时段",
            l.item_name,
            l.point_name,
            ssr::when(l.starts_at, l.ends_at),
            l.why
        );
        crate::store::notifications::enqueue(db, &l.phone, "booking", &body, now).await?;
        crate::store::booking::add_notice(db, &l.account_id, &body, "/bookings", now).await?;
    }
    Ok(())
}

/// One booking. The signed-in owner sees everything and may change it; anyone else holding the code (the hall's
/// staff, a family member) sees only the service, point, time and a masked name.
#[server]
pub async fn get_booking(code: String) -> Result<Option<BookingView>, ServerFnError> {
    use ssr::*;
    let db = dbh()?;
    let Some(b) = crate::store::booking::by_code(&db, &code.trim().to_ascii_uppercase()).await.map_err(int)? else {
        crate::api::context::not_found();
        return Ok(None);
    };
    let owner = may_change(&db, &b, true).await?;
    // The staff member who booked it through the green channel sees what to tell the person, but cannot change it.
    let me = super::session::identity().await?;
    let staff_view = !owner
        && me.as_ref().is_some_and(|i| {
            b.booked_by.as_deref() == Some(i.account_id.as_str())
                && i.works_at(&b.point_id, Some(&b.department_code))
        });
    let family_view = owner && me.as_ref().is_some_and(|i| i.account_id != b.account_id);
    let mut v = view(&db, b, owner || staff_view, now_secs()?).await.map_err(int)?;
    if staff_view {
        v.staff_view = true;
        v.changeable = false;
        // Staff shown a person's full details: recorded for the administrator (the audit of staff reads).
        let me = me.as_ref().map(|i| i.account_id.as_str()).unwrap_or_default();
        crate::store::audit::record_read(&db, me, "booking", &v.code, now_secs()?).await.map_err(int)?;
    }
    v.family_view = family_view;
    Ok(Some(v))
}

/// An account's newest in-app notices: (text, link, when in words).
#[cfg(feature = "ssr")]
async fn notices_for(db: &crate::store::Db, account_id: &str, limit: i64) -> Result<Vec<(String, String, String)>, ServerFnError> {
    Ok(crate::store::booking::notices(db, account_id, limit)
        .await
        .map_err(ssr::int)?
        .into_iter()
        .map(|(body, link, at)| (body, link, crate::domain::booking::civil_at(at).format("%Y年%m月%d日 %H:%M").to_string()))
        .collect())
}

/// `/notices`: the signed-in person's in-app notices (消息), newest first: confirmations, reminders, changes,
/// closures, waiting-list places.
#[server]
pub async fn my_notices() -> Result<Vec<(String, String, String)>, ServerFnError> {
    let who = super::session::require(crate::domain::accounts::Need::SignedIn).await?.expect("signed in");
    notices_for(&ssr::dbh()?, &who.account_id, 100).await
}

/// The signed-in citizen's bookings and their newest notices.
#[server]
pub async fn my_bookings() -> Result<MyBookingsPage, ServerFnError> {
    use crate::domain::accounts::Need;
    use ssr::*;
    let who = super::session::require(Need::SignedIn).await?.expect("signed in");
    let db = dbh()?;
    let t = now_secs()?;
    let rows = crate::store::booking::for_account(&db, &who.account_id).await.map_err(int)?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for b in rows {
        let v = view(&db, b, true, t).await.map_err(int)?;
        if v.active {
            upcoming.push(v);
        } else {
            past.push(v);
        }
    }
    upcoming.reverse();
    let notices = notices_for(&db, &who.account_id, 3).await?;
    let rule = crate::store::booking::rules(&db).await.map_err(int)?.no_show_words();
    let suspended = suspension(&db, &who.account_id, t)
        .await
        .map_err(int)?
        .map(|until| crate::domain::booking::Refusal::Suspended { until, rule }.message());
    let waits = crate::store::booking::waits_for_account(&db, &who.account_id)
        .await
        .map_err(int)?
        .into_iter()
        .map(|w| (w.id, format!("{} · {} · {}", w.item_name, w.point_name, when(w.starts_at, w.ends_at)), format!("候补第{}位", w.position)))
        .collect();
    Ok(MyBookingsPage { upcoming, past, notices, suspended, waits })
}

/// Whether the signed-in person may see and change a booking: the account that made it, or — with `holder` —
/// the family member it was made for, signed in with the phone number it names (so they can decline it).
#[cfg(feature = "ssr")]
async fn may_change(db: &crate::store::Db, b: &crate::store::booking::BookingRow, holder: bool) -> Result<bool, ServerFnError> {
    let Some(who) = super::session::identity().await? else { return Ok(false) };
    if who.account_id == b.account_id {
        return Ok(true);
    }
    if !(holder && b.for_family) {
        return Ok(false);
    }
    let a = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &who.account_id).await.map_err(ssr::int)?;
    Ok(a.and_then(|a| a.phone).is_some_and(|p| p == b.holder_phone))
}

/// The booking if the signed-in person may change it (see [`may_change`]); for anyone else's code (or an unknown
/// one) `None`, having answered 404 and sent the person to their own bookings, so a code's existence is not revealed.
#[cfg(feature = "ssr")]
async fn owned(code: &str, holder: bool) -> Result<Option<crate::store::booking::BookingRow>, ServerFnError> {
    use crate::domain::accounts::Need;
    super::session::require(Need::SignedIn).await?;
    let db = ssr::dbh()?;
    let b = crate::store::booking::by_code(&db, code).await.map_err(ssr::int)?;
    let allowed = match &b {
        Some(b) => may_change(&db, b, holder).await?,
        None => false,
    };
    match b {
        Some(b) if allowed => Ok(Some(b)),
        _ => {
            crate::api::context::not_found();
            leptos_axum::redirect("/bookings");
            Ok(None)
        }
    }
}

/// Cancels the owner's booking before the cut-off; the place goes back to the slot.
#[server(endpoint = "cancel_booking")]
pub async fn cancel_booking(code: String) -> Result<(), ServerFnError> {
    use crate::domain::booking::before_cut_off;
    use crate::store::booking as store;
    use ssr::*;
    let Some(b) = owned(&code, true).await? else { return Ok(()) };
    let db = dbh()?;
    let t = now_secs()?;
    let r = store::rules(&db).await.map_err(int)?;
    let page = format!("/bookings/{}", b.code);
    if let Err(refusal) = before_cut_off(t, b.starts_at, r.cancel_cutoff_minutes) {
        return super::session::fail_back(&Flash::new("booking").with_error("cancel", refusal.message()), &page).await;
    }
    // The place goes straight to the first person waiting, in the same transaction as the cancellation.
    if let Some(handed) = store::release(&db, &b, store::status::CANCELLED, r.max_active, &new_code(), t).await.map_err(int)? {
        let body = format!("【掌上办事大厅】您已取消{}的预约（{}，{}）", b.item_name, b.point_name, when(b.starts_at, b.ends_at));
        tell(&db, &b, &body, t).await.map_err(int)?;
        tell_handed(&db, &handed, t).await.map_err(int)?;
    }
    leptos_axum::redirect(&page);
    Ok(())
}

/// Moves the owner's booking to another slot of the same group, before the cut-off.
#[server(endpoint = "reschedule_booking")]
pub async fn reschedule_booking(code: String, slot: Option<String>) -> Result<(), ServerFnError> {
    use crate::domain::booking::{before_cut_off, parse_slot_id, civil_at, Refusal};
    use crate::store::booking as store;
    use ssr::*;
    let Some(b) = owned(&code, false).await? else { return Ok(()) };
    let db = dbh()?;
    let t = now_secs()?;
    let slot = slot.unwrap_or_default();
    let day = parse_slot_id(&slot).map(|(_, _, s)| civil_at(s).date().to_string());
    let back = BookQuery { change: Some(b.code.clone()), day, ..Default::default() };
    let fail = |m: String| {
        let href = back.href();
        async move { super::session::fail_back(&Flash::new("book").with_error("slot", m), &href).await }
    };
    let r = store::rules(&db).await.map_err(int)?;
    if let Err(refusal) = before_cut_off(t, b.starts_at, r.cancel_cutoff_minutes) {
        return super::session::fail_back(&Flash::new("booking").with_error("cancel", refusal.message()), &format!("/bookings/{}", b.code)).await;
    }
    let Some((p, department, _)) = group(&db, &b.item_code, &b.point_id).await.map_err(int)? else {
        return fail(Refusal::NotOffered.message()).await;
    };
    let Some(s) = offered_slot(&db, &p, &department, &slot, &r, t).await.map_err(int)? else {
        return fail(if slot.is_empty() { "请选择时段".into() } else { Refusal::NotOffered.message() }).await;
    };
    if let Some(why) = store::stored_slot(&db, &s.id).await.map_err(int)?.and_then(|x| x.closed) {
        return fail(crate::domain::booking::closed_text(&why)).await;
    }
    if s.id == b.slot_id {
        leptos_axum::redirect(&format!("/bookings/{}", b.code));
        return Ok(());
    }
    // Moving a booking made for someone else messages their number again: it counts against the day's limits, so
    // moving one booking back and forth cannot flood a stranger's phone (issue 12).
    if b.for_family || b.booked_by.is_some() {
        let who = super::session::identity().await?.ok_or_else(|| crate::api::context::sign_in_first())?;
        let today = crate::domain::booking::civil_at(t).date().to_string();
        let to = store::ToAnother { sender: &who.account_id, day: &today, per_account: r.sms_per_account_day, per_number: r.sms_per_number_day };
        if let Err(refusal) = store::claim_message_to(&db, &to, &b.holder_phone).await.map_err(int)? {
            return fail(refusal.message()).await;
        }
    }
    match store::reschedule(&db, &b, &s, r.max_active, &new_code(), t).await.map_err(int)? {
        Ok(handed) => {
            let body = format!("【掌上办事大厅】您的{}预约已改至{}，{}", b.item_name, b.point_name, when(s.starts_at, s.ends_at));
            tell(&db, &b, &body, t).await.map_err(int)?;
            tell_handed(&db, &handed, t).await.map_err(int)?;
            leptos_axum::redirect(&format!("/bookings/{}", b.code));
            Ok(())
        }
        Err(Refusal::Full) => fail(full_message(&db, &p, &department, t).await.map_err(int)?).await,
        Err(refusal) => fail(refusal.message()).await,
    }
}

/// `/admin/booking`: the rules, the groups' slot settings, suspended accounts.
#[server]
pub async fn booking_admin() -> Result<BookingAdminPage, ServerFnError> {
    use crate::domain::accounts::{Need, Role};
    use crate::domain::booking::civil_at;
    use crate::store::booking as store;
    use ssr::*;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = dbh()?;
    let t = now_secs()?;
    let rules = store::rules(&db).await.map_err(int)?;
    let groups = store::groups(&db).await.map_err(int)?;
    let points = crate::store::points::all(&db)
        .await
        .map_err(int)?
        .into_iter()
        .filter(|p| p.kind != crate::domain::catalogue::PointKind::Village)
        .map(|p| (p.id, p.name))
        .collect();
    let departments =
        crate::store::catalogue::departments(&db).await.map_err(int)?.into_iter().map(|d| (d.code, d.name)).collect();
    let mut suspended = Vec::new();
    let since = t - (rules.no_show_window_days + rules.suspension_days) * 86_400;
    for (id, phone) in store::no_show_accounts(&db, since, rules.no_show_limit).await.map_err(int)? {
        if let Some(until) = suspension(&db, &id, t).await.map_err(int)? {
            suspended.push((id, crate::domain::points::mask_mobile(&phone), civil_at(until).format("%Y年%m月%d日").to_string()));
        }
    }
    let flash = super::session::take_flash("booking-admin").await?.unwrap_or_else(|| Flash::new("booking-admin"));
    Ok(BookingAdminPage { rules, groups, points, departments, suspended, flash })
}

#[cfg(feature = "ssr")]
fn parse_number(flash: Flash, field: &str, value: &Option<String>, label: &str) -> (Flash, i64) {
    let typed = value.clone().unwrap_or_default();
    let flash = flash.with_value(field, &typed);
    match typed.trim().parse::<i64>() {
        Ok(n) => (flash, n),
        Err(_) => (flash.with_error(field, format!("{label}应为整数")), -1),
    }
}

#[server(endpoint = "save_booking_rules")]
pub async fn save_booking_rules(
    max_active: Option<String>,
    cancel_cutoff_minutes: Option<String>,
    default_slot_minutes: Option<String>,
    default_capacity: Option<String>,
    checkin_early_minutes: Option<String>,
    sms_per_account_day: Option<String>,
    sms_per_number_day: Option<String>,
    no_show_limit: Option<String>,
    no_show_window_days: Option<String>,
    suspension_days: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::domain::accounts::{Need, Role};
    use crate::domain::booking::Rules;
    use ssr::*;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let f = Flash::new("booking-admin");
    let (f, max_active) = parse_number(f, "max_active", &max_active, "每人同时有效预约数");
    let (f, cutoff) = parse_number(f, "cancel_cutoff_minutes", &cancel_cutoff_minutes, "取消截止时间");
    let (f, minutes) = parse_number(f, "default_slot_minutes", &default_slot_minutes, "默认时段长度");
    let (f, capacity) = parse_number(f, "default_capacity", &default_capacity, "默认每时段名额");
    let (f, early) = parse_number(f, "checkin_early_minutes", &checkin_early_minutes, "提前签到时间");
    let (f, per_account) = parse_number(f, "sms_per_account_day", &sms_per_account_day, "每个账号每天发往他人号码的短信数");
    let (f, per_number) = parse_number(f, "sms_per_number_day", &sms_per_number_day, "每个号码每天收到的此类短信数");
    let (f, no_show_limit) = parse_number(f, "no_show_limit", &no_show_limit, "未到次数");
    let (f, no_show_window_days) = parse_number(f, "no_show_window_days", &no_show_window_days, "统计天数");
    let (mut f, suspension_days) = parse_number(f, "suspension_days", &suspension_days, "暂停天数");
    let rules = Rules {
        max_active,
        cancel_cutoff_minutes: cutoff,
        default_slot_minutes: minutes,
        default_capacity: capacity,
        checkin_early_minutes: early,
        sms_per_account_day: per_account,
        sms_per_number_day: per_number,
        no_show_limit,
        no_show_window_days,
        suspension_days,
    };
    for (field, m) in rules.problems() {
        let field = match field {
            "slot_minutes" => "default_slot_minutes",
            "capacity" => "default_capacity",
            other => other,
        };
        if f.error(field).is_none() {
            f = f.with_error(field, m);
        }
    }
    if !f.errors.is_empty() {
        return super::session::fail_back(&f, "/admin/booking").await;
    }
    crate::store::booking::save_rules(&dbh()?, &rules).await.map_err(int)?;
    leptos_axum::redirect("/admin/booking");
    Ok(())
}

#[server(endpoint = "set_booking_group")]
pub async fn set_booking_group(
    group_point: Option<String>,
    group_department: Option<String>,
    group_minutes: Option<String>,
    group_capacity: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::domain::accounts::{Need, Role};
    use ssr::*;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = dbh()?;
    let (point, department) = (group_point.unwrap_or_default(), group_department.unwrap_or_default());
    let f = Flash::new("booking-admin").with_value("group_point", &point).with_value("group_department", &department);
    let (f, minutes) = parse_number(f, "group_minutes", &group_minutes, "时段长度");
    let (mut f, cap) = parse_number(f, "group_capacity", &group_capacity, "每时段名额");
    if crate::store::points::get(&db, &point).await.map_err(int)?.is_none() {
        f = f.with_error("group_point", "请选择网点");
    }
    if crate::store::catalogue::department_short(&db, &department).await.map_err(int)?.is_none() {
        f = f.with_error("group_department", "请选择部门");
    }
    if f.errors.is_empty() {
        if let Some((field, m)) = crate::domain::booking::group_problem(minutes, cap) {
            f = f.with_error(if field == "slot_minutes" { "group_minutes" } else { "group_capacity" }, m);
        }
    }
    if !f.errors.is_empty() {
        return super::session::fail_back(&f, "/admin/booking").await;
    }
    let t = now_secs()?;
    let from = crate::store::booking::set_group(&db, &point, &department, minutes, cap, t).await.map_err(int)?;
    // Places a raised capacity opened go to the people already waiting, first come first served, before anyone else.
    let max_active = crate::store::booking::rules(&db).await.map_err(int)?.max_active;
    for slot in crate::store::booking::slots_to_hand_on(&db, &point, &department, t).await.map_err(int)? {
        while hand_on(&db, &slot, max_active, t).await.map_err(int)?.is_some() {}
    }
    // Saying from which day a new slot length applies (slots already stored keep theirs).
    if let Some(day) = from.and_then(|d| d.parse::<chrono::NaiveDate>().ok()) {
        let done = Flash::new("booking-admin").with_value("done", &format!("已保存。新的时段长度自{}起生效；此前已生成的时段保持原长度，已有预约不受影响。", day.format("%Y年%m月%d日")));
        return super::session::fail_back(&done, "/admin/booking").await;
    }
    leptos_axum::redirect("/admin/booking");
    Ok(())
}

#[server(endpoint = "lift_booking_suspension")]
pub async fn lift_booking_suspension(account_id: String) -> Result<(), ServerFnError> {
    use crate::domain::accounts::{Need, Role};
    use ssr::*;
    let admin = super::session::require(Need::Role(Role::CentreAdmin, None)).await?.expect("signed in");
    let db = dbh()?;
    let known = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &account_id).await.map_err(int)?;
    if known.is_some() {
        crate::store::booking::lift_suspension(&db, &account_id, &admin.account_id, now_secs()?).await.map_err(int)?;
    }
    leptos_axum::redirect("/admin/booking");
    Ok(())
}

/// The last failed change to a booking (e.g. a cancellation past the cut-off), shown once on its page.
#[server]
pub async fn booking_flash() -> Result<Flash, ServerFnError> {
    Ok(super::session::take_flash("booking").await?.unwrap_or_else(|| Flash::new("booking")))
}

/// A booking's .ics file (served at `/bookings/{code}/calendar.ics`); `None` for an unknown code.
#[cfg(feature = "ssr")]
pub async fn ics_for(db: &crate::store::Db, code: &str, url: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let Some(b) = crate::store::booking::by_code(db, code).await? else { return Ok(None) };
    let summary = format!("预约办理：{}", b.item_name);
    let location = format!("{}（{}）", b.point_name, b.point_address);
    Ok(Some(crate::domain::booking::ics(&b.code, &summary, &location, b.starts_at, b.ends_at, url, now)))
}

/// The booking worker's round: marks bookings not checked in within the grace period as no-shows, and sends the
/// reminders that are due (the day before at 09:00, one hour before), each exactly once, by SMS through the
/// notification queue and as an in-app notice.
#[cfg(feature = "ssr")]
pub async fn run_jobs(db: &crate::store::Db, now: i64) -> Result<(u32, u32), sqlx::Error> {
    use crate::domain::booking::{reminder_times, GRACE_SECS};
    use crate::store::booking as store;
    let mut no_shows = 0;
    for b in store::overdue(db, now - GRACE_SECS).await? {
        // Nobody is suspended for a booking that could not be checked in (the point's desk or window was
        // retired): it closes instead, and does not count.
        let could_check_in = crate::store::queue::can_check_in(db, &b.point_id, &b.department_code).await?;
        let to = if could_check_in { store::status::NO_SHOW } else { store::status::CLOSED };
        if store::finish(db, &b, to, false, now).await? && could_check_in {
            no_shows += 1;
        }
    }
    // Waits that can no longer be met (the slot started or was closed): the people are told.
    tell_lapsed(db, &store::expire_waits(db, now).await?, now).await?;
    let mut sent = 0;
    for (b, day_done, hour_done) in store::unreminded(db, now, now + 48 * 3600).await? {
        let (day_at, hour_at) = reminder_times(b.starts_at);
        let when = ssr::when(b.starts_at, b.ends_at);
        if !hour_done && now >= hour_at {
            store::claim_reminder(db, &b.code, false).await?;
            if store::claim_reminder(db, &b.code, true).await? {
                let body = format!("【掌上办事大厅】提醒：您预约的{}将于1小时后开始（{}，{}），预约码{}", b.item_name, b.point_name, when, b.code);
                ssr::tell(db, &b, &body, now).await?;
                sent += 1;
            }
        } else if !day_done && now >= day_at && now < hour_at {
            // Booked after the day-before reminder was due: the confirmation SMS already said it all.
            let claimed = store::claim_reminder(db, &b.code, false).await?;
            if claimed && b.created_at < day_at {
                let body = format!("【掌上办事大厅】提醒：您明天预约办理{}（{}，{}），预约码{}", b.item_name, b.point_name, when, b.code);
                ssr::tell(db, &b, &body, now).await?;
                sent += 1;
            }
        }
    }
    Ok((no_shows, sent))
}

/// Closes a point for part of a day (e.g. a power cut): its slots in that time are closed, and everyone booked
/// in them has the booking cancelled and is told by SMS and notice. Centre administrator only.
#[server(endpoint = "close_point")]
pub async fn close_point(
    close_point: Option<String>,
    close_day: Option<String>,
    close_from: Option<String>,
    close_to: Option<String>,
    close_reason: Option<String>,
) -> Result<(), ServerFnError> {
    use crate::domain::accounts::{Need, Role};
    use crate::domain::booking::{instant, slots_on};
    let (day, from, to, reason) = (close_day, close_from, close_to, close_reason);
    use crate::store::booking as store;
    use chrono::{NaiveDate, NaiveTime};
    use ssr::*;
    super::session::require(Need::Role(Role::CentreAdmin, None)).await?;
    let db = dbh()?;
    let t = now_secs()?;
    let (point, day, from, to, reason) = (
        close_point.unwrap_or_default(),
        day.unwrap_or_default().trim().to_string(),
        from.unwrap_or_default().trim().to_string(),
        to.unwrap_or_default().trim().to_string(),
        reason.unwrap_or_default().trim().to_string(),
    );
    let mut f = Flash::new("booking-admin")
        .with_value("close_point", &point)
        .with_value("close_day", &day)
        .with_value("close_from", &from)
        .with_value("close_to", &to)
        .with_value("close_reason", &reason);
    let p = crate::store::points::get(&db, &point).await.map_err(int)?;
    if p.is_none() {
        f = f.with_error("close_point", "请选择网点");
    }
    let date = NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok();
    if date.is_none() {
        f = f.with_error("close_day", "日期格式应为 2026-11-28");
    }
    let time = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
    let (start, end) = (time(&from), time(&to));
    if start.is_none() {
        f = f.with_error("close_from", "开始时间格式应为 09:00");
    }
    if end.is_none() {
        f = f.with_error("close_to", "结束时间格式应为 12:00");
    } else if start.is_some() && end <= start {
        f = f.with_error("close_to", "结束时间应晚于开始时间");
    }
    if reason.is_empty() {
        f = f.with_error("close_reason", "请填写暂停服务的原因，将通过短信告知预约人");
    }
    if !f.errors.is_empty() {
        return super::session::fail_back(&f, "/admin/booking").await;
    }
    let (p, date, start, end) = (p.expect("checked"), date.expect("checked"), start.expect("checked"), end.expect("checked"));
    let (from_ts, to_ts) = (instant(date, start), instant(date, end));
    let calendar = crate::store::calendar::load(&db).await.map_err(int)?;
    let r = store::rules(&db).await.map_err(int)?;
    let mut slots = Vec::new();
    for dept in store::point_departments(&db, &p.id).await.map_err(int)? {
        let group = store::group_settings(&db, &p.id, &dept, &r).await.map_err(int)?;
        let minutes = match store::stored_minutes_on(&db, &p.id, &dept, &date.to_string()).await.map_err(int)? {
            Some(m) => m,
            None => group.minutes_on(&date.to_string()),
        };
        slots.extend(
            slots_on(&p.hours, &calendar, date, minutes)
                .into_iter()
                .map(|st| slot_ref(&p, &dept, date, st, group.capacity))
                .filter(|s| s.starts_at < to_ts && s.ends_at > from_ts),
        );
    }
    let mut told = 0;
    for b in store::close_range(&db, &p.id, from_ts, to_ts, &slots, &reason).await.map_err(int)? {
        if store::finish(&db, &b, store::status::CLOSED, false, t).await.map_err(int)? {
            told += 1;
            let body = format!(
                "【掌上办事大厅】因{}，{}{}暂停服务，您预约的{}（{}）已取消，请重新预约。给您带来不便，敬请谅解",
                reason,
                p.name,
                format!("{} {}–{}", date.format("%m月%d日"), from, to),
                b.item_name,
                when(b.starts_at, b.ends_at)
            );
            tell(&db, &b, &body, t).await.map_err(int)?;
        }
    }
    // The people waiting on the closed slots: their wait has ended, and they are told so.
    let lapsed = store::expire_waits(&db, t).await.map_err(int)?;
    tell_lapsed(&db, &lapsed, t).await.map_err(int)?;
    let done = format!(
        "{} {} {}–{} 已暂停服务：取消了{told}个预约，已短信通知预约人和{}位候补人。该时间内不再接受预约。",
        p.name,
        date.format("%Y年%m月%d日"),
        from,
        to,
        lapsed.len()
    );
    super::session::fail_back(&Flash::new("booking-admin").with_value("done", &done), "/admin/booking").await
}
