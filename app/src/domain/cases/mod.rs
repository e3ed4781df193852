//! Cases (办件): what a submitted application becomes. What submitting decides (the receipt date on the working
//! calendar, the case number, the delivery) is here; the lifecycle is [`lifecycle`], its dates [`deadline`], and who
//! may see and act on a case [`access`].

pub mod access;
pub mod deadline;
pub mod lifecycle;
pub mod page;

pub use lifecycle::{CaseState, Event};

use crate::domain::calendar::WorkCalendar;
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use crate::domain::form::definition::{Choice, Field, FieldKind, Section, ShowIf};
use crate::domain::form::{Answers, Value};
use serde::{Deserialize, Serialize};

/// How the applicant receives the result (结果领取方式).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "way", rename_all = "snake_case")]
pub enum Delivery {
    /// Picked up at a window of this service point.
    Window { point: String },
    /// Posted free (免费邮寄) to this address.
    Post { name: String, mobile: String, village: String, detail: String },
    /// An electronic licence, where the item issues one.
    Electronic,
}

impl Delivery {
    /// The way's code, as the delivery page's `way` choice posts it.
    pub fn way(&self) -> &'static str {
        match self {
            Self::Window { .. } => "window",
            Self::Post { .. } => "post",
            Self::Electronic => "electronic",
        }
    }

    /// The delivery page's questions, as a form section, so the one validation and the one field renderer serve
    /// it too: the way, then the service point (for 窗口领取) or the address (for 免费邮寄). `points` are (id, name)
    /// of the points that handle the item; `e_licence` offers the electronic licence.
    pub fn form(points: &[(String, String)], e_licence: bool, lang: Lang) -> Section {
        let l = lang;
        let choice = |value: &str, label: String| Choice { value: value.into(), label };
        let mut ways = vec![choice("window", l.pick("窗口领取", "Collect it at a service window").into()), choice("post", l.pick("免费邮寄", "Free postal delivery").into())];
        if e_licence {
            ways.push(choice("electronic", l.pick("电子证照（发放到电子证照库，可在手机上出示）", "Electronic licence (issued to your e-licence wallet)").into()));
        }
        let when = |way: &str| Some(ShowIf { field: "way".into(), any_of: vec![way.into()] });
        let field = |id: &str, label: &str, kind: FieldKind, show_if: Option<ShowIf>| Field { id: id.into(), label: label.into(), hint: None, kind, required: true, show_if };
        Section {
            id: "delivery".into(),
            title: l.pick("结果领取方式", "How to receive the result").into(),
            fields: vec![
                field("way", l.pick("领取方式", "How you receive it"), FieldKind::Choice { options: ways }, None),
                field(
                    "point",
                    l.pick("领取地点", "Where you collect it"),
                    FieldKind::Choice { options: points.iter().map(|(id, name)| choice(id, name.clone())).collect() },
                    when("window"),
                ),
                field("recipient", l.pick("收件人", "Recipient"), FieldKind::Text { max_chars: 20 }, when("post")),
                field("recipient_mobile", l.pick("收件人手机号码", "Recipient's mobile number"), FieldKind::Mobile, when("post")),
                field("post_address", l.pick("邮寄地址", "Postal address"), FieldKind::Address, when("post")),
            ],
        }
    }

    /// The delivery the page's answers choose (already validated against [`Delivery::form`]).
    pub fn from_answers(a: &Answers) -> Option<Self> {
        let one = |k: &str| crate::domain::form::post::text(a, k);
        match one("way").as_str() {
            "window" => Some(Self::Window { point: one("point") }),
            "post" => {
                let (village, detail) = crate::domain::form::post::address(a, "post_address");
                Some(Self::Post { name: one("recipient"), mobile: one("recipient_mobile"), village, detail })
            }
            "electronic" => Some(Self::Electronic),
            _ => None,
        }
    }

    /// The answers that show this delivery on its page again.
    pub fn answers(&self) -> Answers {
        let mut a = Answers::new();
        a.insert("way".into(), Value::One(self.way().into()));
        match self {
            Self::Window { point } => {
                a.insert("point".into(), Value::One(point.clone()));
            }
            Self::Post { name, mobile, village, detail } => {
                a.insert("recipient".into(), Value::One(name.clone()));
                a.insert("recipient_mobile".into(), Value::One(mobile.clone()));
                a.insert("post_address".into(), Value::Address { village: village.clone(), detail: detail.clone() });
            }
            Self::Electronic => {}
        }
        a
    }
}

/// A draft application untouched this long is removed ...
pub const DRAFT_KEEP_DAYS: i64 = 90;
/// ... and its owner is told this many days before.
pub const DRAFT_WARN_DAYS: i64 = 7;

/// Applications submitted after this time of day are received the next working day (a setting; this is its default).
pub const DEFAULT_CUT_OFF: (u32, u32) = (17, 0);

/// The receipt date of an application submitted at `submitted` (civil time): the same day when that is a working
/// day and it is before `cut_off`; otherwise the next working day. Deadlines count from it.
pub fn receipt_date(calendar: &WorkCalendar, submitted: NaiveDateTime, cut_off: NaiveTime) -> NaiveDate {
    let day = submitted.date();
    if calendar.is_working_day(day) && submitted.time() < cut_off {
        return day;
    }
    let mut next = day.succ_opt().unwrap_or(day);
    while !calendar.is_working_day(next) {
        next = next.succ_opt().unwrap_or(next);
    }
    next
}

fn short_weekday(lang: Lang, d: NaiveDate) -> &'static str {
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => crate::domain::calendar::weekday_en(d),
    }
}

/// A date in words with its weekday: "2026年12月14日（周一）", "Mon 14 December 2026".
pub fn date_words(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日（{}）", d.year(), d.month(), d.day(), short_weekday(lang, d)),
        Lang::En => format!("{} {}", short_weekday(lang, d), d.format("%-d %B %Y")),
    }
}

/// The receipt date in words, for the confirmation: "您于周六 22:14 提交，收件日为12月7日（周一）。"
pub fn receipt_words(lang: Lang, submitted: NaiveDateTime, receipt: NaiveDate) -> String {
    let at = submitted.format("%H:%M");
    let (sw, rw) = (short_weekday(lang, submitted.date()), short_weekday(lang, receipt));
    match (lang, receipt == submitted.date()) {
        (Lang::Zh, true) => format!("您于{}月{}日（{sw}）{at} 提交，收件日为当天。", receipt.month(), receipt.day()),
        (Lang::Zh, false) => format!("您于{sw} {at} 提交，收件日为{}月{}日（{rw}）。", receipt.month(), receipt.day()),
        (Lang::En, true) => format!("You submitted it on {sw} {} at {at}: it is received today.", submitted.format("%-d %B")),
        (Lang::En, false) => format!("You submitted it on {sw} at {at}: it is received on {rw} {}.", receipt.format("%-d %B")),
    }
}

/// A case number: `SM`, the receipt date, and that day's sequence in five digits, e.g. `SM2026120700042`. The
/// sequence comes from a counter claimed in the submit's transaction, never from `MAX() + 1`. Not a secret.
pub fn case_number(receipt: NaiveDate, seq: u32) -> String {
    format!("SM{}{seq:05}", receipt.format("%Y%m%d"))
}

/// Reads a typed case number back (upper case, spaces dropped): `None` if it cannot be one.
pub fn normalise_case_number(typed: &str) -> Option<String> {
    let n: String = typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let digits = n.strip_prefix("SM")?;
    (digits.len() == 13 && digits.bytes().all(|b| b.is_ascii_digit()) && NaiveDate::parse_from_str(&digits[..8], "%Y%m%d").is_ok()).then_some(n)
}

/// One point of a correction notice (一次性告知书): a material or a field of the application, what is wrong with
/// it, and what to bring or change. A notice lists every point at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionItem {
    pub target: Target,
    /// The material's or the field's name, as the form calls it.
    pub label: String,
    /// What is wrong.
    pub problem: String,
    /// What to bring or change.
    pub bring: String,
}

/// What a correction point is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Target {
    /// A material, by its id in the form: the applicant uploads it again.
    Material(String),
    /// A field, by its id: the applicant writes the corrected answer.
    Field(String),
}

impl Target {
    /// The name of the control a correction builder and a supply form use for it: `m:{id}` or `f:{id}`.
    pub fn key(&self) -> String {
        match self {
            Self::Material(id) => format!("m:{id}"),
            Self::Field(id) => format!("f:{id}"),
        }
    }

    pub fn parse_key(key: &str) -> Option<Self> {
        match key.split_once(':')? {
            ("m", id) if !id.is_empty() => Some(Self::Material(id.into())),
            ("f", id) if !id.is_empty() => Some(Self::Field(id.into())),
            _ => None,
        }
    }
}

/// The longest problem or instruction a correction point may have, in characters.
pub const CORRECTION_TEXT_MAX: usize = 200;

/// Whom a clerk's draft is for, when filed at the counter (窗口收件): the person's mobile (their account and the
/// number notices go to), and the point where it was filed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterFor {
    pub mobile: String,
    pub point: String,
}

/// Materials accepted as deferred (容缺受理): their names, and the date the applicant must supply them by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferred {
    pub materials: Vec<String>,
    pub by: NaiveDate,
    /// Supplied (the applicant's step).
    #[serde(default)]
    pub supplied: bool,
}

/// A posted result of postal delivery (免费邮寄): the carrier and its tracking number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub carrier: Carrier,
    pub tracking: String,
}

/// The carriers the centre posts results with (its contract: EMS for government mail, SF as the alternative).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Carrier {
    Ems,
    Sf,
}

impl Carrier {
    pub const ALL: [Carrier; 2] = [Self::Ems, Self::Sf];

    pub fn code(self) -> &'static str {
        match self {
            Self::Ems => "ems",
            Self::Sf => "sf",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Ems => lang.pick("中国邮政EMS", "China Post EMS"),
            Self::Sf => lang.pick("顺丰速运", "SF Express"),
        }
    }

    /// The carrier's own tracking page for a number (the number is checked by [`tracking_number`] first).
    pub fn tracking_url(self, number: &str) -> String {
        match self {
            Self::Ems => format!("https://www.ems.com.cn/queryList?mailNum={number}"),
            Self::Sf => format!("https://www.sf-express.com/chn/sc/waybill/waybill-detail/{number}"),
        }
    }
}

/// A tracking number as typed (spaces dropped, upper case): 8–30 letters and digits, else `None`.
pub fn tracking_number(typed: &str) -> Option<String> {
    let n: String = typed.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    (8..=30).contains(&n.len()).then_some(()).filter(|_| n.bytes().all(|b| b.is_ascii_alphanumeric())).map(|_| n)
}

/// The public lookup's limits (`/track`): tries per address and per case number in an hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LookupLimits {
    pub per_address_hour: i64,
    pub per_case_hour: i64,
}

impl Default for LookupLimits {
    fn default() -> Self {
        Self { per_address_hour: 20, per_case_hour: 10 }
    }
}

/// Whether `typed` (four characters: the last four of the applicant's mobile, ID number or USCC) matches one of
/// `known` (full numbers). An ID's final X matches x too.
pub fn last_four_matches(typed: &str, known: &[&str]) -> bool {
    let t: String = typed.trim().to_ascii_uppercase();
    if t.chars().count() != 4 {
        return false;
    }
    known.iter().filter(|k| k.len() >= 4).any(|k| k.to_ascii_uppercase().ends_with(&t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::date;

    fn calendar() -> WorkCalendar {
        WorkCalendar::from_chinese_days_json(include_str!("../../../data/cn-holidays.json")).unwrap()
    }

    fn at(d: NaiveDate, h: u32, m: u32) -> NaiveDateTime {
        d.and_hms_opt(h, m, 0).unwrap()
    }

    fn cut_off() -> NaiveTime {
        NaiveTime::from_hms_opt(DEFAULT_CUT_OFF.0, DEFAULT_CUT_OFF.1, 0).unwrap()
    }

    #[test]
    fn friday_night_is_received_on_monday() {
        let fri = date(2026, 11, 27);
        assert_eq!(receipt_date(&calendar(), at(fri, 22, 0), cut_off()), date(2026, 11, 30));
        assert_eq!(receipt_date(&calendar(), at(fri, 16, 59), cut_off()), fri, "before the cut-off: the same day");
        assert_eq!(receipt_date(&calendar(), at(fri, 17, 0), cut_off()), date(2026, 11, 30), "at the cut-off: the next working day");
        assert_eq!(receipt_date(&calendar(), at(date(2026, 11, 28), 10, 0), cut_off()), date(2026, 11, 30), "a Saturday morning");
    }

    #[test]
    fn the_eve_of_national_day_is_received_after_the_holiday() {
        // 2026: 1–7 October off.
        assert_eq!(receipt_date(&calendar(), at(date(2026, 9, 30), 22, 0), cut_off()), date(2026, 10, 8));
        assert_eq!(receipt_date(&calendar(), at(date(2026, 10, 3), 9, 0), cut_off()), date(2026, 10, 8));
        assert_eq!(receipt_date(&calendar(), at(date(2026, 9, 30), 9, 0), cut_off()), date(2026, 9, 30));
    }

    #[test]
    fn a_make_up_workday_receives_like_any_working_day() {
        // Sunday 20 September 2026 is worked (调休上班) for National Day.
        let sun = date(2026, 9, 20);
        assert_eq!(receipt_date(&calendar(), at(sun, 10, 0), cut_off()), sun);
        assert_eq!(receipt_date(&calendar(), at(sun, 22, 0), cut_off()), date(2026, 9, 21));
        // Saturday 10 October 2026 too: the Friday night before is received on it.
        assert_eq!(receipt_date(&calendar(), at(date(2026, 10, 9), 22, 0), cut_off()), date(2026, 10, 10));
    }

    #[test]
    fn the_receipt_is_said_in_words() {
        let sat = at(date(2026, 12, 5), 22, 14);
        assert_eq!(receipt_words(Lang::Zh, sat, date(2026, 12, 7)), "您于周六 22:14 提交，收件日为12月7日（周一）。");
        assert_eq!(receipt_words(Lang::En, sat, date(2026, 12, 7)), "You submitted it on Saturday at 22:14: it is received on Monday 7 December.");
        let mon = at(date(2026, 12, 7), 9, 5);
        assert_eq!(receipt_words(Lang::Zh, mon, date(2026, 12, 7)), "您于12月7日（周一）09:05 提交，收件日为当天。");
    }

    #[test]
    fn case_numbers_carry_the_receipt_date_and_sequence() {
        assert_eq!(case_number(date(2026, 12, 7), 42), "SM2026120700042");
        assert_eq!(normalise_case_number(" sm2026 1207 00042"), Some("SM2026120700042".into()));
        assert_eq!(normalise_case_number("SM2026130700042"), None, "month 13");
        assert_eq!(normalise_case_number("SM20261207000420"), None);
        assert_eq!(normalise_case_number("XX2026120700042"), None);
    }
}
