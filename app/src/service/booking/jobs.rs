//! The waiting list's hand-overs and the booking worker's round: no-shows, lapsed waits, reminders.

use super::{new_code, tell, when};
use crate::domain::sms::{BookingFacts, Sms};
use crate::service::notify::{notify, About};
use crate::store::Db;

/// A place in `slot_id` is free: the first person waiting who can take it gets it; everyone is told.
pub async fn hand_on(db: &Db, slot_id: &str, max_active: i64, now: i64) -> Result<Option<String>, sqlx::Error> {
    let handed = crate::store::booking::promote(db, slot_id, max_active, &new_code(), now).await?;
    tell_handed(db, &handed, now).await?;
    Ok(handed.booking)
}

/// Tells whoever got a freed place (SMS and notice) and everyone whose wait lapsed on the way.
pub async fn tell_handed(db: &Db, handed: &crate::store::booking::HandedOn, now: i64) -> Result<(), sqlx::Error> {
    if let Some(b) = match &handed.booking {
        Some(code) => crate::store::booking::by_code(db, code).await?,
        None => None,
    } {
        let body = Sms::WaitFilled { b: super::facts(&b, &when(b.starts_at, b.ends_at)) }.text(crate::i18n::Lang::Zh);
        tell(db, &b, &body, now).await?;
    }
    tell_lapsed(db, &handed.lapsed, now).await
}

/// Tells people whose wait can no longer be met, and why (SMS and notice).
pub async fn tell_lapsed(db: &Db, lapsed: &[crate::store::booking::Lapsed], now: i64) -> Result<(), sqlx::Error> {
    for l in lapsed {
        let time = when(l.starts_at, l.ends_at);
        let b = BookingFacts { item: &l.item_name, point: &l.point_name, when: &time, code: "" };
        let body = Sms::WaitLapsed { b, why: l.why }.text(crate::i18n::Lang::Zh);
        notify(db, About::Booking, &l.account_id, &l.phone, &body, "/bookings", now).await?;
    }
    Ok(())
}

/// A booking's .ics file (served at `/bookings/{code}/calendar.ics`); `None` for an unknown code.
/// In the reader's language; the service, point and address are the catalogue's, in Chinese.
pub async fn ics_for(db: &Db, code: &str, url: &str, lang: crate::i18n::Lang, now: i64) -> Result<Option<String>, sqlx::Error> {
    let Some(b) = crate::store::booking::by_code(db, code).await? else { return Ok(None) };
    let summary = lang.pick(format!("预约办理：{}", b.item_name), format!("Booked visit: {}", b.item_name));
    let location = lang.pick(format!("{}（{}）", b.point_name, b.point_address), format!("{} ({})", b.point_name, b.point_address));
    Ok(Some(crate::domain::booking::ics(&b.code, &summary, &location, b.starts_at, b.ends_at, url, lang, now)))
}

/// The booking worker's round: marks bookings not checked in within the grace period as no-shows, and sends the
/// reminders that are due (the day before at 09:00, one hour before), each exactly once, by SMS through the
/// notification queue and as an in-app notice.
pub async fn run_jobs(db: &Db, now: i64) -> Result<(u32, u32), sqlx::Error> {
    use crate::domain::booking::{reminder_times, GRACE_SECS};
    use crate::store::booking as store;
    let mut no_shows = 0;
    for b in store::overdue(db, now - GRACE_SECS).await? {
        // Nobody is suspended for a booking that could not be checked in (the point's desk or window was
        // retired): it closes instead, and does not count.
        let could_check_in = crate::store::queue::can_check_in(db, &b.point_id, &b.department_code).await?;
        let to = if could_check_in { crate::domain::booking::BookingStatus::NoShow } else { crate::domain::booking::BookingStatus::Closed };
        if store::finish(db, &b, to, false, now).await? && could_check_in {
            no_shows += 1;
        }
    }
    // Waits that can no longer be met (the slot started or was closed): the people are told.
    tell_lapsed(db, &store::expire_waits(db, now).await?, now).await?;
    let mut sent = 0;
    for (b, day_done, hour_done) in store::unreminded(db, now, now + 48 * 3600).await? {
        let (day_at, hour_at) = reminder_times(b.starts_at);
        let when = when(b.starts_at, b.ends_at);
        if !hour_done && now >= hour_at {
            store::claim_reminder(db, &b.code, false).await?;
            if store::claim_reminder(db, &b.code, true).await? {
                let body = Sms::ReminderHour { b: super::facts(&b, &when) }.text(crate::i18n::Lang::Zh);
                tell(db, &b, &body, now).await?;
                sent += 1;
            }
        } else if !day_done && now >= day_at && now < hour_at {
            // Booked after the day-before reminder was due: the confirmation SMS already said it all.
            let claimed = store::claim_reminder(db, &b.code, false).await?;
            if claimed && b.created_at < day_at {
                let body = Sms::ReminderDay { b: super::facts(&b, &when) }.text(crate::i18n::Lang::Zh);
                tell(db, &b, &body, now).await?;
                sent += 1;
            }
        }
    }
    Ok((no_shows, sent))
}

