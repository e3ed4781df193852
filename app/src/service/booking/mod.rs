//! Appointment booking (预约) as workflows: the slots on offer and their places, booking one, the waiting list,
//! cancelling and rescheduling, closing a point for a while, and the worker's round of reminders and no-shows.
//! Each action is one call with a typed result; every person it concerns is told through [`super::notify`].

mod book;
mod change;
mod closing;
mod flow;
mod jobs;
mod settings;
mod slots;
mod view;

pub use book::{book, holder, join_wait, may_book_green, BookRequest, ForWhom, Holder, Typed, Waiting};
pub use change::{cancel, cancel_mine, reschedule, reschedule_mine, Cancelled};
pub use closing::{close, Closing};
pub use flow::step;
pub use jobs::{hand_on, ics_for, run_jobs, tell_handed, tell_lapsed};
pub use settings::{lift_suspension, save_group, save_rules, set_group};
pub use view::{admin_page, booking_page, may_change, my_bookings};
pub use slots::{availability, day_minutes, find_slot, full_message, group, next_free, offered_slot, places, points_for, slot_ref, window, Places};

use crate::domain::booking::{self as rules, civil_at};
use crate::domain::calendar::weekday;
use crate::i18n::Lang;
use crate::store::booking as store;
use crate::store::Db;
use chrono::NaiveDate;

/// A booking's facts as the SMS catalogue states them, with its time in words.
pub fn facts<'a>(b: &'a store::BookingRow, when: &'a str) -> crate::domain::sms::BookingFacts<'a> {
    crate::domain::sms::BookingFacts { item: &b.item_name, point: &b.point_name, when, code: &b.code }
}

/// A slot's time in words, as the SMS catalogue (always Chinese) states it: "2026年11月28日 周六 09:00–09:30".
pub fn when(starts_at: i64, ends_at: i64) -> String {
    when_in(Lang::Zh, starts_at, ends_at)
}

/// A slot's time in the reader's words: "2026年11月28日 周六 09:00–09:30", "Saturday 28 November 2026, 09:00–09:30".
pub fn when_in(lang: Lang, starts_at: i64, ends_at: i64) -> String {
    let s = civil_at(starts_at);
    let (from, to) = (s.format("%H:%M"), civil_at(ends_at).format("%H:%M"));
    match lang {
        Lang::Zh => format!("{} {} {from}–{to}", s.format("%Y年%m月%d日"), weekday(lang, s.date())),
        Lang::En => format!("{} {}, {from}–{to}", weekday(lang, s.date()), s.format("%-d %B %Y")),
    }
}

/// A day in words for the day list: "11月28日 周六", "Saturday 28 November".
pub fn day_label(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Zh => format!("{} {}", d.format("%m月%d日"), weekday(lang, d)),
        Lang::En => format!("{} {}", weekday(lang, d), d.format("%-d %B")),
    }
}

/// Until when an account may not book, under the no-show rule.
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

/// The absolute URL of a booking's page, for the QR code, the SMS and the .ics file: from the configured public
/// URL, never from the request (issue 12: a forged `X-Forwarded-Proto` was copied into the SMS).
pub fn booking_url(public_url: &str, code: &str) -> String {
    super::absolute_url(public_url, &format!("/bookings/{code}"))
}

/// Tells a booking's holder about it (SMS and notice, linking to the booking).
async fn tell(db: &Db, b: &store::BookingRow, body: &str, now: i64) -> Result<(), sqlx::Error> {
    super::notify::notify(db, super::notify::About::Booking, &b.account_id, &b.holder_phone, body, &format!("/bookings/{}", b.code), now).await
}
