//! Changing a booking: cancelling it, or moving it to another slot of the same group, before the cut-off.

use super::{full_message, group, new_code, offered_slot, tell, tell_handed, when};
use crate::domain::accounts::Identity;
use crate::domain::booking::{self as rules, before_cut_off, Refusal};
use crate::domain::sms::Sms;
use crate::error::AppError;
use crate::domain::form::Flash;
use crate::store::booking::{self as store, BookingRow};
use crate::store::Db;

/// Past the cut-off: for the booking's page.
fn too_late(refusal: Refusal) -> AppError {
    AppError::Invalid(Flash::new("booking").with_error("cancel", refusal.message(crate::i18n::lang())))
}

/// A refusal about the new slot: for the slot page.
fn slot_problem(message: String) -> AppError {
    AppError::Invalid(Flash::new("book").with_error("slot", message))
}

/// What cancelling did.
#[derive(Clone, Debug, PartialEq)]
pub struct Cancelled {
    /// The code of the booking the freed place went to (the first person waiting who could take it), if any.
    pub handed_to: Option<String>,
}

/// Cancels a booking before the cut-off (`Invalid` on the booking's `cancel` after it); the place goes straight to
/// the first person waiting, in the same transaction, and both are told. Cancelling one already cancelled changes
/// nothing.
pub async fn cancel(db: &Db, b: &BookingRow, now: i64) -> Result<Cancelled, AppError> {
    let r = store::rules(db).await?;
    before_cut_off(now, b.starts_at, r.cancel_cutoff_minutes).map_err(too_late)?;
    if let Some(handed) = store::release(db, b, rules::BookingStatus::Cancelled, r.max_active, &new_code(), now).await? {
        let body = Sms::Cancelled { b: super::facts(b, &when(b.starts_at, b.ends_at)) }.text(crate::i18n::Lang::Zh);
        tell(db, b, &body, now).await?;
        tell_handed(db, &handed, now).await?;
        return Ok(Cancelled { handed_to: handed.booking });
    }
    Ok(Cancelled { handed_to: None })
}

/// The booking `code` if `who` may change it (see `may_change`; `holder`: the family member it was made for may too),
/// else `NotFound`, so a code's existence is not revealed.
async fn mine(db: &Db, who: &Identity, code: &str, holder: bool) -> Result<BookingRow, AppError> {
    match store::by_code(db, code).await? {
        Some(b) if super::may_change(db, Some(who), &b, holder).await? => Ok(b),
        _ => Err(AppError::NotFound(crate::i18n::t(crate::i18n::Key::BookingNotFound).into())),
    }
}

/// [`cancel`] for the person asking: their own booking, or one made for them by family (they may decline it).
pub async fn cancel_mine(db: &Db, who: &Identity, code: &str, now: i64) -> Result<Cancelled, AppError> {
    cancel(db, &mine(db, who, code, true).await?, now).await
}

/// [`reschedule`] for the person asking: only their own booking (a family member may decline, not move it).
pub async fn reschedule_mine(db: &Db, who: &Identity, code: &str, slot: Option<&rules::SlotId>, now: i64) -> Result<BookingRow, AppError> {
    reschedule(db, who, &mine(db, who, code, false).await?, slot, now).await
}

/// Moves a booking to `slot` of the same group before the cut-off; `who` is the person moving it (for the limits on
/// messaging someone else's number). Refusals: `Invalid` on the booking's `cancel` past the cut-off, else `Invalid`
/// on `slot`. `Ok` with the booking as it now stands.
pub async fn reschedule(db: &Db, who: &Identity, b: &BookingRow, slot: Option<&rules::SlotId>, now: i64) -> Result<BookingRow, AppError> {
    let lang = crate::i18n::lang();
    let r = store::rules(db).await?;
    before_cut_off(now, b.starts_at, r.cancel_cutoff_minutes).map_err(too_late)?;
    let Some((p, department, _)) = group(db, &b.item_code, &b.point_id).await? else {
        return Err(slot_problem(Refusal::NotOffered.message(lang)));
    };
    let Some(slot) = slot else {
        return Err(slot_problem(crate::i18n::Key::ChooseATime.get(lang).into()));
    };
    let Some(s) = offered_slot(db, &p, &department, slot, &r, now).await? else {
        return Err(slot_problem(Refusal::NotOffered.message(lang)));
    };
    if let Some(why) = store::stored_slot(db, s.id.as_str()).await?.and_then(|x| x.closed) {
        return Err(slot_problem(rules::closed_text(&why, lang)));
    }
    if s.id == b.slot_id {
        return Ok(b.clone());
    }
    // Moving a booking made for someone else messages their number again: it counts against the day's limits, so
    // moving one booking back and forth cannot flood a stranger's phone (issue 12).
    if b.for_family || b.booked_by.is_some() {
        let today = rules::civil_at(now).date().to_string();
        let to = store::ToAnother { sender: &who.account_id, day: &today, per_account: r.sms_per_account_day, per_number: r.sms_per_number_day };
        if let Err(refusal) = store::claim_message_to(db, &to, &b.holder_phone).await? {
            return Err(slot_problem(refusal.message(lang)));
        }
    }
    match store::reschedule(db, b, &s, r.max_active, &new_code(), now).await? {
        Ok(handed) => {
            let body = Sms::Moved { b: super::facts(b, &when(s.starts_at, s.ends_at)) }.text(crate::i18n::Lang::Zh);
            tell(db, b, &body, now).await?;
            tell_handed(db, &handed, now).await?;
            store::by_code(db, &b.code).await?.ok_or_else(|| AppError::internal("a booking just moved is missing"))
        }
        Err(Refusal::Full) => Err(slot_problem(full_message(db, &p, &department, now).await?)),
        Err(refusal) => Err(slot_problem(refusal.message(lang))),
    }
}
