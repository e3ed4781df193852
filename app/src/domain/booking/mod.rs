//! Appointment booking (预约): slots from opening hours, and the rules every booking obeys.
//!
//! Pure: civil dates and times in Asia/Shanghai, instants as Unix seconds. A service group is a department at a
//! point; its slots are cut from the point's opening sessions for the day (never across the lunch break), so a
//! 365-day point (open weekends and holidays) has slots every day.

pub mod page;
mod status;
pub use status::BookingStatus;

use super::calendar::{china_offset, OpeningHours, WorkCalendar};
use crate::i18n::Lang;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

/// By default three no-shows within 90 days suspend booking for 30 days (settings on `/admin/booking`).
pub const NO_SHOW_LIMIT: i64 = 3;
pub const NO_SHOW_WINDOW_DAYS: i64 = 90;
pub const SUSPENSION_DAYS: i64 = 30;
/// How many days ahead a citizen may book (today included).
pub const BOOKING_DAYS: i64 = 14;
/// A booked person may check in until this long after the slot ends, and is then called ahead of walk-ins; after
/// that the booking is a no-show (the queue uses the same rule: `domain::queue::priority`).
pub const GRACE_SECS: i64 = 15 * 60;

/// The administrator's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub max_active: i64,
    pub cancel_cutoff_minutes: i64,
    pub default_slot_minutes: i64,
    pub default_capacity: i64,
    /// Booked priority in the hall's queue starts this many minutes before the slot (默认30分钟).
    pub checkin_early_minutes: i64,
    /// Messages a day one account may send to numbers other than its own (family bookings, green channel).
    pub sms_per_account_day: i64,
    /// Such messages a day one number may receive, from all accounts together.
    pub sms_per_number_day: i64,
    /// This many no-shows within `no_show_window_days` suspend booking for `suspension_days`.
    pub no_show_limit: i64,
    pub no_show_window_days: i64,
    pub suspension_days: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            max_active: 3,
            cancel_cutoff_minutes: 60,
            default_slot_minutes: 30,
            default_capacity: 4,
            checkin_early_minutes: crate::domain::queue::DEFAULT_EARLY_MINUTES,
            sms_per_account_day: 10,
            sms_per_number_day: 3,
            no_show_limit: NO_SHOW_LIMIT,
            no_show_window_days: NO_SHOW_WINDOW_DAYS,
            suspension_days: SUSPENSION_DAYS,
        }
    }
}

impl Rules {
    /// What is wrong with rules typed by the administrator, field by field.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        if !(1..=20).contains(&self.max_active) {
            out.push(("max_active", "每人同时有效预约数应为1–20"));
        }
        if !(0..=2880).contains(&self.cancel_cutoff_minutes) {
            out.push(("cancel_cutoff_minutes", "取消截止时间应为0–2880分钟"));
        }
        if let Some(m) = group_problem(self.default_slot_minutes, self.default_capacity) {
            out.push(m);
        }
        if !(0..=240).contains(&self.checkin_early_minutes) {
            out.push(("checkin_early_minutes", "提前签到时间应为0–240分钟"));
        }
        if !(1..=1000).contains(&self.sms_per_account_day) {
            out.push(("sms_per_account_day", "每个账号每天发往他人号码的短信数应为1–1000"));
        }
        if !(1..=100).contains(&self.sms_per_number_day) {
            out.push(("sms_per_number_day", "每个号码每天收到的此类短信数应为1–100"));
        }
        if !(1..=20).contains(&self.no_show_limit) {
            out.push(("no_show_limit", "未到次数应为1–20"));
        }
        if !(1..=365).contains(&self.no_show_window_days) {
            out.push(("no_show_window_days", "统计天数应为1–365"));
        }
        if !(1..=365).contains(&self.suspension_days) {
            out.push(("suspension_days", "暂停天数应为1–365"));
        }
        out
    }

    /// The no-show rule in words, as every page and message states it: "90天内有3次预约未到".
    pub fn no_show_words(&self, lang: Lang) -> String {
        no_show_words(lang, self.no_show_window_days, self.no_show_limit)
    }

    /// What happens to a no-show, as the check-answers page states it: "90天内3次未到将暂停预约30天".
    pub fn no_show_rule(&self, lang: Lang) -> String {
        lang.pick(
            format!("{}天内{}次未到将暂停预约{}天", self.no_show_window_days, self.no_show_limit, self.suspension_days),
            format!(
                "{} no-shows within {} days suspend booking for {} days",
                self.no_show_limit, self.no_show_window_days, self.suspension_days
            ),
        )
    }
}

/// What is wrong with a group's slot length and capacity, if anything.
pub fn group_problem(slot_minutes: i64, capacity: i64) -> Option<(&'static str, &'static str)> {
    if !(5..=240).contains(&slot_minutes) {
        Some(("slot_minutes", "时段长度应为5–240分钟"))
    } else if !(1..=500).contains(&capacity) {
        Some(("capacity", "每时段名额应为1–500"))
    } else {
        None
    }
}

/// One slot of a day: civil start and end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotTime {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl SlotTime {
    pub fn label(&self) -> String {
        format!("{}–{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

/// The slots of a day: each opening session cut into `slot_minutes` pieces; a remainder shorter than a slot is
/// not offered. Closed days have none.
pub fn slots_on(hours: &OpeningHours, calendar: &WorkCalendar, date: NaiveDate, slot_minutes: i64) -> Vec<SlotTime> {
    let len = Duration::minutes(slot_minutes.max(1));
    let mut out = Vec::new();
    for s in hours.sessions_on(calendar, date) {
        let mut t = s.open;
        loop {
            let (end, wrapped) = t.overflowing_add_signed(len);
            if wrapped != 0 || end > s.close || end <= t {
                break;
            }
            out.push(SlotTime { start: t, end });
            t = end;
        }
    }
    out
}

/// A civil date and time in Asia/Shanghai as Unix seconds.
pub fn instant(date: NaiveDate, time: NaiveTime) -> i64 {
    china_offset().from_local_datetime(&date.and_time(time)).single().expect("fixed offset").timestamp()
}

/// Unix seconds as civil date-time in Asia/Shanghai.
pub fn civil_at(secs: i64) -> chrono::NaiveDateTime {
    super::calendar::civil(chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default())
}

/// The days a citizen may book from `today`: today and the next 13.
pub fn booking_days(today: NaiveDate) -> Vec<NaiveDate> {
    (0..BOOKING_DAYS).map(|i| today + Duration::days(i)).collect()
}

/// A slot's stable id: the group and its start.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SlotId {
    text: String,
    point: String,
    department: String,
    starts_at: i64,
}

impl SlotId {
    pub fn new(point_id: &str, department: &str, starts_at: i64) -> Self {
        Self { text: format!("{point_id}|{department}|{starts_at}"), point: point_id.into(), department: department.into(), starts_at }
    }

    /// The id as stored and as written in forms and URLs.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn point(&self) -> &str {
        &self.point
    }

    pub fn department(&self) -> &str {
        &self.department
    }

    pub fn starts_at(&self) -> i64 {
        self.starts_at
    }

    /// The civil day the slot is on.
    pub fn day(&self) -> NaiveDate {
        civil_at(self.starts_at).date()
    }
}

impl std::fmt::Display for SlotId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// A slot id read from a form or a URL: `point|department|starts_at`.
impl std::str::FromStr for SlotId {
    type Err = String;

    fn from_str(id: &str) -> Result<Self, String> {
        let bad = || format!("not a slot id: {id}");
        let mut parts = id.split('|');
        let (p, d, s) = (parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?, parts.next().ok_or_else(bad)?);
        if parts.next().is_some() || p.is_empty() || d.is_empty() {
            return Err(bad());
        }
        let starts_at: i64 = s.parse().map_err(|_| bad())?;
        let slot = Self::new(p, d, starts_at);
        // Only the canonical form: "+42" or "042" would name the same slot under another key.
        if slot.text != id {
            return Err(bad());
        }
        Ok(slot)
    }
}

impl TryFrom<String> for SlotId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<SlotId> for String {
    fn from(s: SlotId) -> String {
        s.text
    }
}

/// The alphabet of booking codes: no 0/O, 1/I/L, so a code read aloud or typed is unambiguous.
pub const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LEN: usize = 12;

/// A booking code from 12 random bytes (12 × log2(31) ≈ 59 bits: unguessable).
pub fn code_from(random: [u8; CODE_LEN]) -> String {
    random.iter().map(|b| CODE_ALPHABET[*b as usize % CODE_ALPHABET.len()] as char).collect()
}

/// A typed code, normalised (upper case, spaces and dashes dropped); `None` if it cannot be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let c: String = input.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_ascii_uppercase();
    (c.len() == CODE_LEN && c.bytes().all(|b| CODE_ALPHABET.contains(&b))).then_some(c)
}

/// Until when an account may not book because of no-shows, if it is suspended at `now`. Only no-shows after the
/// administrator last lifted a suspension count. The suspension runs `suspension_days` from the no-show that made
/// `no_show_limit` within `no_show_window_days` (by default 30 days, 3 within 90).
pub fn suspended_until(no_shows: &[i64], lifted_at: Option<i64>, now: i64, rules: &Rules) -> Option<i64> {
    let mut times: Vec<i64> = no_shows.iter().copied().filter(|t| lifted_at.is_none_or(|l| *t > l) && *t <= now).collect();
    times.sort_unstable();
    let limit = rules.no_show_limit.max(1) as usize;
    let mut until = None;
    for w in times.windows(limit) {
        if w[limit - 1] - w[0] <= rules.no_show_window_days * 86_400 {
            until = Some(w[limit - 1] + rules.suspension_days * 86_400);
        }
    }
    until.filter(|u| *u > now)
}

fn no_show_words(lang: Lang, window_days: i64, limit: i64) -> String {
    lang.pick(format!("{window_days}天内有{limit}次预约未到"), format!("missed {limit} bookings within {window_days} days"))
}

/// Why a booking (or a change to one) is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Suspended for no-shows until this instant, under the rule "`limit` no-shows within `window_days`".
    Suspended { until: i64, window_days: i64, limit: i64 },
    TooMany { max: i64 },
    SameServiceSameDay,
    /// The slot has no place left.
    Full,
    /// The slot has started, is beyond the booking window, or does not exist for this group.
    NotOffered,
    /// Within the cancellation cut-off.
    PastCutOff { minutes: i64 },
    /// The account has sent its messages for the day to numbers other than its own.
    MessagesFromAccount { max: i64 },
    /// The receiving number has had its messages for the day from other people's accounts.
    MessagesToNumber { max: i64 },
}

impl Refusal {
    /// The refusal in the person's language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Refusal::Suspended { until, window_days, limit } => {
                let rule = no_show_words(lang, *window_days, *limit);
                let day = civil_at(*until).date();
                if zh {
                    format!("您在{rule}，{}前暂停预约。如有疑问请致电服务中心", day.format("%Y年%m月%d日"))
                } else {
                    format!("You {rule}, so you cannot book until {}. If you have a question, call the service centre", day.format("%-d %B %Y"))
                }
            }
            Refusal::TooMany { max } => lang.pick(
                format!("您已有{max}个有效预约，请先办理或取消后再预约"),
                format!("You already have {max} bookings. Attend or cancel one before you book again"),
            ),
            Refusal::SameServiceSameDay => lang.pick("同一事项每天只能预约一次", "You can book the same service only once a day").to_string(),
            Refusal::Full => lang.pick("该时段已约满", "This time is fully booked").to_string(),
            Refusal::NotOffered => lang.pick("该时段不可预约，请另选时段", "This time cannot be booked. Choose another time").to_string(),
            Refusal::PastCutOff { minutes } => lang.pick(
                format!("距预约开始不足{minutes}分钟，不能再取消或改约"),
                format!("The booking starts in less than {minutes} minutes, so it can no longer be cancelled or changed"),
            ),
            Refusal::MessagesFromAccount { max } => lang.pick(
                format!("您今天为他人预约发送的短信已达{max}条，请明天再为他人预约（为本人预约不受影响）"),
                format!("You have sent {max} text messages today booking for other people. Book for others again tomorrow (you can still book for yourself)"),
            ),
            Refusal::MessagesToNumber { max } => lang.pick(
                format!("该手机号码今天已收到{max}条他人代为预约的短信，请明天再试"),
                format!("This mobile number has had {max} booking messages from other people today. Try again tomorrow"),
            ),
        }
    }
}

impl Refusal {
    /// The same refusal told to the staff member booking on someone's behalf (green channel).
    pub fn message_to_staff(&self) -> String {
        self.message(Lang::Zh).replace("您", "该办事人")
    }
}

/// Why window staff booked for someone through the green channel (绿色通道), recorded for supervision.
pub const GREEN_REASONS: &[(&str, &str)] = &[
    ("elderly", "老年人"),
    ("disabled", "残疾人"),
    ("no_phone", "不会使用智能手机或没有手机"),
    ("other", "其他特殊困难"),
];

/// The label of a green-channel reason code, if it is one.
pub fn green_reason(code: &str) -> Option<&'static str> {
    GREEN_REASONS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Checks the name a citizen gives for their own booking (asked once on the check-answers page, then remembered):
/// the hall sees it masked (张*英) and checks it against the ID card. Returns the trimmed name or the message.
pub fn check_own_name(name: &str, lang: Lang) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 20 || name.chars().any(|c| c.is_control()) {
        Err(lang.pick("请输入您的姓名（20个字以内），与身份证件一致", "Enter your name as on your ID card (at most 20 characters)").to_string())
    } else {
        Ok(name.to_string())
    }
}

/// Checks who comes in someone else's place (a family member, or the person at the counter through the green
/// channel, when `reason` is given): `whose` names them in the messages (家人, 办事人). Returns the normalised mobile
/// number, or each field's problem as (field, message).
pub fn check_holder(whose: &str, name: &str, phone: &str, reason: Option<&str>, lang: Lang) -> Result<String, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    if name.is_empty() || name.chars().count() > 20 {
        problems.push((
            "holder_name",
            lang.pick(format!("请输入{whose}的姓名（20个字以内）"), "Enter the name of the person you are booking for (at most 20 characters)".into()),
        ));
    }
    let phone = crate::domain::accounts::normalise_mobile(phone);
    if phone.is_none() {
        problems.push((
            "holder_phone",
            lang.pick(
                format!("{whose}的手机号码应为11位数字，如 13812345678"),
                "Enter the mobile number of the person you are booking for: 11 digits, like 13812345678".into(),
            ),
        ));
    }
    if reason.is_some_and(|r| green_reason(r).is_none()) {
        problems.push(("reason", lang.pick("请选择办理绿色通道的原因", "Choose why the green channel is needed").to_string()));
    }
    match phone {
        Some(p) if problems.is_empty() => Ok(p),
        _ => Err(problems),
    }
}

/// May a slot starting at `starts_at` be booked at `now`? It must not have started and must lie within the
/// booking window (today and the next 13 days).
pub fn bookable(now: i64, starts_at: i64) -> bool {
    let today = civil_at(now).date();
    let last = today + Duration::days(BOOKING_DAYS - 1);
    starts_at > now && civil_at(starts_at).date() <= last
}

/// May a booking starting at `starts_at` still be cancelled or moved at `now`?
pub fn before_cut_off(now: i64, starts_at: i64, cutoff_minutes: i64) -> Result<(), Refusal> {
    if now <= starts_at - cutoff_minutes * 60 {
        Ok(())
    } else {
        Err(Refusal::PastCutOff { minutes: cutoff_minutes })
    }
}

/// The checks made before claiming a place: suspension, then the per-account limit. (The per-day rule and the
/// capacity are enforced by the database in the same transaction that claims the place, so races cannot beat them.)
pub fn may_book(suspended_until: Option<i64>, active: i64, rules: &Rules) -> Result<(), Refusal> {
    if let Some(until) = suspended_until {
        return Err(Refusal::Suspended { until, window_days: rules.no_show_window_days, limit: rules.no_show_limit });
    }
    if active >= rules.max_active {
        return Err(Refusal::TooMany { max: rules.max_active });
    }
    Ok(())
}

/// When reminders are due for a booking starting at `starts_at`: the day before (at 09:00 civil, or at booking
/// time if that is later) and one hour before.
pub fn reminder_times(starts_at: i64) -> (i64, i64) {
    let day = civil_at(starts_at).date() - Duration::days(1);
    (instant(day, NaiveTime::from_hms_opt(9, 0, 0).expect("valid")), starts_at - 3600)
}

/// An iCalendar file for one booking (RFC 5545), times in UTC.
#[allow(clippy::too_many_arguments)]
pub fn ics(code: &str, summary: &str, location: &str, starts_at: i64, ends_at: i64, url: &str, lang: Lang, now: i64) -> String {
    let fmt = |s: i64| chrono::DateTime::from_timestamp(s, 0).unwrap_or_default().format("%Y%m%dT%H%M%SZ").to_string();
    let esc = |s: &str| s.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n");
    [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Palm Hall//Booking//ZH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{code}@palm-hall"),
        format!("DTSTAMP:{}", fmt(now)),
        format!("DTSTART:{}", fmt(starts_at)),
        format!("DTEND:{}", fmt(ends_at)),
        format!("SUMMARY:{}", esc(summary)),
        format!("LOCATION:{}", esc(location)),
        format!(
            "DESCRIPTION:{}",
            esc(&lang.pick(
                format!("预约码 {code}，到厅后出示二维码签到。{url}"),
                format!("Booking code {code}. Show the QR code at the hall to check in. {url}"),
            ))
        ),
        format!("URL:{url}"),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
        String::new(),
    ]
    .join("\r\n")
}

/// What a slot the centre closed says: 暂停服务 and its reason; there is no waiting list for it.
pub fn closed_text(why: &str, lang: Lang) -> String {
    match (lang, why.is_empty()) {
        (Lang::Zh, true) => "该时段暂停服务，不能预约或候补，请选择其他时段".to_string(),
        (Lang::Zh, false) => format!("该时段暂停服务（{why}），不能预约或候补，请选择其他时段"),
        (Lang::En, true) => "Service is suspended at this time: it cannot be booked or waited for. Choose another time".to_string(),
        (Lang::En, false) => format!("Service is suspended at this time ({why}): it cannot be booked or waited for. Choose another time"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{date, Session};
    use proptest::prelude::*;

    fn hall_365() -> OpeningHours {
        OpeningHours {
            working: vec![Session::new((9, 0), (17, 0))],
            weekend: vec![Session::new((9, 0), (12, 0)), Session::new((13, 30), (17, 0))],
            holiday: vec![Session::new((9, 0), (12, 0))],
        }
    }

    fn town() -> OpeningHours {
        OpeningHours {
            working: vec![Session::new((9, 0), (12, 0)), Session::new((14, 0), (17, 30))],
            weekend: vec![],
            holiday: vec![],
        }
    }

    #[test]
    fn who_comes_instead_is_checked_field_by_field() {
        assert_eq!(check_holder("家人", "王秀英", "139 0000 0077", None, Lang::Zh), Ok("13900000077".to_string()));
        let fields = |r: Result<String, Vec<(&'static str, String)>>| r.unwrap_err().into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(check_holder("办事人", "", "1390000", Some(""), Lang::Zh)), vec!["holder_name", "holder_phone", "reason"]);
        assert_eq!(fields(check_holder("家人", &"王".repeat(21), "13900000077", None, Lang::Zh)), vec!["holder_name"]);
        assert_eq!(check_holder("办事人", "李桂芬", "13900000055", Some("elderly"), Lang::Zh), Ok("13900000055".to_string()));
        assert_eq!(check_holder("办事人", "李桂芬", "x", Some("elderly"), Lang::Zh).unwrap_err()[0].1, "办事人的手机号码应为11位数字，如 13812345678");
    }

    #[test]
    fn refusals_told_to_staff_speak_of_the_person() {
        let m = Refusal::TooMany { max: 3 }.message_to_staff();
        assert_eq!(m, "该办事人已有3个有效预约，请先办理或取消后再预约");
        assert!(!Refusal::Suspended { until: 0, window_days: 90, limit: 3 }.message_to_staff().contains('您'));
        assert_eq!(green_reason("elderly"), Some("老年人"));
        assert_eq!(green_reason("vip"), None);
    }

    #[test]
    fn slots_follow_sessions_and_skip_the_lunch_break() {
        let cal = WorkCalendar::default();
        let mon = date(2026, 11, 23);
        let s = slots_on(&town(), &cal, mon, 30);
        assert_eq!(s.len(), 6 + 7);
        assert_eq!(s[5].label(), "11:30–12:00");
        assert_eq!(s[6].label(), "14:00–14:30");
        // 45-minute slots leave a 15-minute remainder before 12:00 unused.
        let s = slots_on(&town(), &cal, mon, 45);
        assert_eq!(s.iter().filter(|x| x.end <= NaiveTime::from_hms_opt(12, 0, 0).unwrap()).count(), 4);
        assert!(s.iter().all(|x| x.end <= NaiveTime::from_hms_opt(17, 30, 0).unwrap()));
    }

    #[test]
    fn only_365_day_points_have_weekend_and_holiday_slots() {
        let cal = WorkCalendar::new(
            [crate::domain::calendar::HolidayEntry { date: date(2026, 10, 1), name: "国庆节".into() }],
            [],
            [2026],
        );
        let sat = date(2026, 11, 28);
        assert!(slots_on(&town(), &cal, sat, 30).is_empty());
        assert_eq!(slots_on(&hall_365(), &cal, sat, 30).len(), 6 + 7);
        assert!(slots_on(&town(), &cal, date(2026, 10, 1), 30).is_empty());
        assert_eq!(slots_on(&hall_365(), &cal, date(2026, 10, 1), 60).len(), 3);
    }

    #[test]
    fn instants_are_china_time() {
        let t = instant(date(2026, 11, 28), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert_eq!(chrono::DateTime::from_timestamp(t, 0).unwrap().to_rfc3339(), "2026-11-28T01:00:00+00:00");
        assert_eq!(civil_at(t).format("%Y-%m-%d %H:%M").to_string(), "2026-11-28 09:00");
    }

    #[test]
    fn booking_window_and_cut_off() {
        let now = instant(date(2026, 11, 24), NaiveTime::from_hms_opt(10, 0, 0).unwrap());
        let at = |d: u32, h: u32| instant(date(2026, 11, d), NaiveTime::from_hms_opt(h, 0, 0).unwrap());
        assert!(!bookable(now, at(24, 9)), "started");
        assert!(bookable(now, at(24, 11)));
        assert!(bookable(now, instant(date(2026, 12, 7), NaiveTime::from_hms_opt(16, 0, 0).unwrap())), "13 days on");
        assert!(!bookable(now, instant(date(2026, 12, 8), NaiveTime::from_hms_opt(9, 0, 0).unwrap())), "14 days on");
        assert_eq!(booking_days(date(2026, 11, 24)).len(), 14);
        assert_eq!(before_cut_off(now, at(24, 11), 60), Ok(()));
        assert_eq!(before_cut_off(now + 1, at(24, 11), 60), Err(Refusal::PastCutOff { minutes: 60 }));
    }

    #[test]
    fn no_shows_suspend_for_thirty_days_and_lifting_clears() {
        let d = 86_400;
        let t0 = 1_800_000_000;
        let r = Rules::default();
        let shows = [t0, t0 + 40 * d, t0 + 80 * d];
        assert_eq!(suspended_until(&shows[..2], None, t0 + 81 * d, &r), None, "two are not enough");
        assert_eq!(suspended_until(&shows, None, t0 + 81 * d, &r), Some(t0 + 110 * d));
        assert_eq!(suspended_until(&shows, None, t0 + 110 * d, &r), None, "served its time");
        assert_eq!(suspended_until(&shows, Some(t0 + 85 * d), t0 + 86 * d, &r), None, "lifted by the admin");
        // Spread over more than 90 days: no suspension.
        assert_eq!(suspended_until(&[t0, t0 + 50 * d, t0 + 91 * d], None, t0 + 92 * d, &r), None);
        // No-shows "in the future" of the clock do not count.
        assert_eq!(suspended_until(&shows, None, t0 + 79 * d, &r), None);
        // The administrator's settings (issue 13): 2 within 30 days suspend for 7.
        let strict = Rules { no_show_limit: 2, no_show_window_days: 30, suspension_days: 7, ..r };
        assert_eq!(suspended_until(&[t0, t0 + 20 * d], None, t0 + 21 * d, &strict), Some(t0 + 27 * d));
        assert_eq!(suspended_until(&shows[..2], None, t0 + 41 * d, &strict), None, "40 days apart");
        assert_eq!(strict.no_show_words(Lang::Zh), "30天内有2次预约未到");
        assert_eq!(strict.no_show_words(Lang::En), "missed 2 bookings within 30 days");
    }

    #[test]
    fn may_book_checks_suspension_then_limit() {
        let r = Rules::default();
        assert_eq!(may_book(None, 2, &r), Ok(()));
        assert_eq!(may_book(None, 3, &r), Err(Refusal::TooMany { max: 3 }));
        assert_eq!(may_book(Some(5), 0, &r), Err(Refusal::Suspended { until: 5, window_days: 90, limit: 3 }));
        assert_eq!(Refusal::Full.message(Lang::Zh), "该时段已约满");
        assert_eq!(Refusal::Full.message(Lang::En), "This time is fully booked");
        let suspended = Refusal::Suspended { until: 1_767_225_600, window_days: 90, limit: 3 };
        assert!(suspended.message(Lang::Zh).starts_with("您在90天内有3次预约未到，2026年01月01日前暂停预约"), "{}", suspended.message(Lang::Zh));
        assert!(suspended.message(Lang::En).contains("missed 3 bookings within 90 days, so you cannot book until 1 January 2026"));
    }

    #[test]
    fn codes_ids_and_masks() {
        let c = code_from([0; CODE_LEN]);
        assert_eq!(c, "222222222222");
        assert_eq!(normalise_code("abcd-efgh-jkmn").as_deref(), Some("ABCDEFGHJKMN"));
        assert_eq!(normalise_code("ABCDEFGHJKM0"), None, "0 is not in the alphabet");
        let id = SlotId::new("530127", "GA", 42);
        assert_eq!(id.to_string().parse::<SlotId>(), Ok(id.clone()));
        assert_eq!((id.point(), id.department(), id.starts_at()), ("530127", "GA", 42));
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"530127|GA|42\"");
        assert_eq!(serde_json::from_str::<SlotId>("\"530127|GA|42\"").unwrap(), id);
        for bad in ["a|b", "a|b|c", "|GA|42", "a||42", "a|b|42|x", "a|b|+42", "a|b|042", ""] {
            assert!(bad.parse::<SlotId>().is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<SlotId>("\"a|b\"").is_err());
        assert!(Rules::default().problems().is_empty());
        assert_eq!(Rules { max_active: 0, ..Rules::default() }.problems()[0].0, "max_active");
    }

    #[test]
    fn ics_has_the_event() {
        let s = ics("ABC", "办理身份证", "县政务服务中心", 1_800_000_000, 1_800_001_800, "https://x/bookings/ABC", Lang::Zh, 1_799_000_000);
        assert!(s.contains("BEGIN:VEVENT\r\n"));
        assert!(s.contains("DTSTART:20270115T080000Z"));
        assert!(s.contains("SUMMARY:办理身份证"));
    }

    proptest! {
        #[test]
        fn slots_are_inside_sessions_ordered_and_full_length(
            open_h in 6u32..12, len_h in 1u32..8, minutes in 5i64..120, day in 0i64..730
        ) {
            let close_h = (open_h + len_h).min(23);
            let hours = OpeningHours {
                working: vec![Session::new((open_h, 0), (close_h, 0))],
                weekend: vec![Session::new((open_h, 0), (close_h, 0))],
                holiday: vec![],
            };
            let d = date(2026, 1, 1) + Duration::days(day);
            let s = slots_on(&hours, &WorkCalendar::default(), d, minutes);
            let session = (close_h - open_h) as i64 * 60;
            prop_assert_eq!(s.len() as i64, session / minutes);
            for w in s.windows(2) {
                prop_assert_eq!(w[0].end, w[1].start);
            }
            for x in &s {
                prop_assert_eq!((x.end - x.start).num_minutes(), minutes);
            }
        }

        #[test]
        fn suspension_never_exceeds_thirty_days_and_needs_three(times in proptest::collection::vec(0i64..400 * 86_400, 0..8), now in 0i64..500 * 86_400) {
            match suspended_until(&times, None, now, &Rules::default()) {
                None => {}
                Some(u) => {
                    prop_assert!(u > now && u <= now + SUSPENSION_DAYS * 86_400);
                    prop_assert!(times.iter().filter(|t| **t <= now).count() as i64 >= NO_SHOW_LIMIT);
                }
            }
        }

        #[test]
        fn codes_round_trip(bytes in proptest::array::uniform12(any::<u8>())) {
            let c = code_from(bytes);
            prop_assert_eq!(normalise_code(&c.to_lowercase()), Some(c));
        }
    }

    #[test]
    fn own_name_is_asked_for_and_checked() {
        assert_eq!(check_own_name("  王秀英 ", Lang::Zh).as_deref(), Ok("王秀英"));
        assert!(check_own_name("", Lang::En).is_err());
        assert!(check_own_name("   ", Lang::En).is_err());
        assert!(check_own_name(&"名".repeat(21), Lang::En).is_err());
        assert!(check_own_name("王\u{0}英", Lang::En).is_err());
    }
}
