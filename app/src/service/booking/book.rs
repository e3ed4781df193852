//! Booking a slot and joining a slot's waiting list (候补).

use super::{booking_url, group, hand_on, new_code, offered_slot, suspension, full_message, when};
use crate::domain::accounts::Identity;
use crate::domain::booking::{self as rules, may_book, Refusal};
use crate::domain::sms::Sms;
use crate::error::AppError;
use crate::domain::form::Flash;
use crate::store::booking as store;
use crate::store::Db;

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
        let name = match rules::check_own_name(&typed.my_name, crate::i18n::lang()) {
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
    let phone = match rules::check_holder(whose, &typed.name, &typed.phone, reason, crate::i18n::lang()) {
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
        Some(a) if a.kind != crate::domain::accounts::AccountKind::Citizen => {
            return Ok(Err(f.with_error("holder_phone", "该号码是工作人员账号，请填写办事人本人的手机号码")));
        }
        Some(a) => a,
        None => crate::store::accounts::citizen_for_phone(db, &phone, now).await?,
    };
    Ok(Ok(Holder { new: new(&person.id, &typed.name, &phone), booker }))
}


/// Green channel: staff book only for their own department, and once the point is chosen, only at a point they
/// work at (`Forbidden` otherwise).
pub fn may_book_green(who: &Identity, point: Option<&str>, department: &str) -> Result<(), AppError> {
    let ok = match point {
        Some(p) => who.works_at(p, Some(department)),
        None => who.serves_department(department),
    };
    if ok {
        Ok(())
    } else {
        Err(AppError::Forbidden("您不能为该部门或服务点办理绿色通道预约".into()))
    }
}

/// What the check-answers page posts.
pub struct BookRequest {
    pub item: String,
    pub point: String,
    /// `None` when no time was chosen (or what came is not a slot id).
    pub slot: Option<rules::SlotId>,
    pub for_whom: ForWhom,
    pub typed: Typed,
}

/// A refusal about the chosen slot, for the slot page's field.
fn slot_problem(message: String) -> AppError {
    AppError::Invalid(Flash::new("book").with_error("slot", message))
}

/// Books the chosen slot and tells the person who comes (SMS in the booking's own transaction, and a notice).
/// `Ok` with the booking as stored. A refusal about the slot is `Invalid` with an error on `slot` (a full one offers its waiting list);
/// a problem with what was typed about the person is `Invalid` with an error on each field, keeping what was typed.
/// Through the green channel, staff may book only for their own point and department (`Forbidden`).
pub async fn book(db: &Db, public_url: &str, who: &Identity, req: &BookRequest, now: i64) -> Result<store::BookingRow, AppError> {
    let green = req.for_whom == ForWhom::Green;
    let Some((p, department, item_name)) = group(db, &req.item, &req.point).await? else {
        return Err(AppError::Refused(crate::i18n::t(crate::i18n::Key::NotAtThisPoint).into()));
    };
    if green {
        may_book_green(who, Some(&p.id), &department)?;
    }
    let lang = crate::i18n::lang();
    let told = |r: &Refusal| if green { r.message_to_staff() } else { r.message(lang) };
    let Some(slot) = &req.slot else {
        return Err(slot_problem(crate::i18n::t(crate::i18n::Key::ChooseATime).into()));
    };
    let r = store::rules(db).await?;
    let Some(s) = offered_slot(db, &p, &department, slot, &r, now).await? else {
        return Err(slot_problem(told(&Refusal::NotOffered)));
    };
    if let Some(why) = store::stored_slot(db, s.id.as_str()).await?.and_then(|x| x.closed) {
        return Err(slot_problem(rules::closed_text(&why, lang)));
    }
    let holder = holder(db, who, &req.item, req.for_whom, &req.typed, now).await?.map_err(AppError::Invalid)?;
    if let Err(refusal) = may_book(suspension(db, &holder.new.account_id, now).await?, 0, &r) {
        return Err(slot_problem(told(&refusal)));
    }
    let code = new_code();
    let (time, url) = (when(s.starts_at, s.ends_at), booking_url(public_url, &code));
    let time_for_page = super::when_in(lang, s.starts_at, s.ends_at);
    let facts = crate::domain::sms::BookingFacts { item: &item_name, point: &p.name, when: &time, code: &code };
    let body = match req.for_whom {
        ForWhom::Family => Sms::BookedByFamily { b: facts, booker: &holder.booker, url: &url },
        ForWhom::Green => Sms::BookedByStaff { b: facts, url: &url },
        ForWhom::Myself => Sms::Booked { b: facts, url: &url },
    }
    .text(crate::i18n::Lang::Zh);
    // Family bookings and the green channel message someone else's number: limited per day, per sender and per
    // receiving number (issue 12), in the booking's own transaction.
    let today = rules::civil_at(now).date().to_string();
    let to_another = (req.for_whom != ForWhom::Myself).then(|| store::ToAnother {
        sender: &who.account_id,
        day: &today,
        per_account: r.sms_per_account_day,
        per_number: r.sms_per_number_day,
    });
    match store::book_and_tell(db, &holder.new, &s, r.max_active, &code, Some(&body), to_another.as_ref(), now).await? {
        Ok(()) => store::by_code(db, &code).await?.ok_or_else(|| AppError::internal("a booking just made is missing")),
        Err(Refusal::Full) => {
            let mut flash = Flash::new("book").with_error("slot", full_message(db, &p, &department, now).await?);
            if !green {
                flash = flash.with_value("wait_slot", s.id.as_str()).with_value("wait_label", &time_for_page);
            }
            Err(AppError::Invalid(flash))
        }
        Err(refusal) => Err(slot_problem(told(&refusal))),
    }
}

/// Where joining a waiting list left the person.
#[derive(Clone, Debug, PartialEq)]
pub enum Waiting {
    /// Waiting, at this position (1 is next).
    At(i64),
    /// A place was free after all: booked at once, with this code.
    Booked(String),
}

/// Joins the waiting list of a full slot for the signed-in citizen; when a place frees, the first waiting gets it
/// automatically (and if one is free already, at once). Refusals as for [`book`]: `Invalid` on `slot`, or on
/// `my_name` for the name the booking will record.
pub async fn join_wait(db: &Db, who: &Identity, item: &str, point: &str, slot: Option<&rules::SlotId>, my_name: &str, now: i64) -> Result<Waiting, AppError> {
    let lang = crate::i18n::lang();
    let Some((p, department, _)) = group(db, item, point).await? else {
        return Err(AppError::Refused(crate::i18n::t(crate::i18n::Key::NotAtThisPoint).into()));
    };
    let Some(slot) = slot.filter(|s| s.point() == p.id && s.department() == department && rules::bookable(now, s.starts_at())) else {
        return Err(slot_problem(Refusal::NotOffered.message(lang)));
    };
    // Only a stored slot can be full: one nobody has booked yet has nothing to wait for.
    let exists = store::stored_slot(db, slot.as_str()).await?;
    if let Some(why) = exists.as_ref().and_then(|x| x.closed.clone()) {
        return Err(slot_problem(rules::closed_text(&why, lang)));
    }
    if exists.is_none() {
        return Err(slot_problem(Refusal::NotOffered.message(lang)));
    }
    if let Some(until) = suspension(db, &who.account_id, now).await? {
        let r = store::rules(db).await?;
        let refusal = Refusal::Suspended { until, window_days: r.no_show_window_days, limit: r.no_show_limit };
        return Err(slot_problem(refusal.message(lang)));
    }
    // The name the booking will record, as on the check-answers page (asked once, remembered).
    let name = rules::check_own_name(my_name, lang)
        .map_err(|m| AppError::Invalid(Flash::new("book").with_value("my_name", my_name).with_error("my_name", m)))?;
    crate::store::accounts::set_real_name(db, &who.account_id, &name).await?;
    let account = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &who.account_id)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let new = store::NewBooking {
        account_id: who.account_id.clone(),
        item_code: item.to_string(),
        holder_name: name,
        holder_phone: account.phone.unwrap_or_default(),
        for_family: false,
        booked_by: None,
        green_reason: None,
    };
    store::join_wait(db, &new, slot.as_str(), now).await?;
    // A place may have freed meanwhile.
    let r = store::rules(db).await?;
    hand_on(db, slot.as_str(), r.max_active, now).await?;
    let mine = store::waits_for_account(db, &who.account_id).await?.into_iter().find(|w| w.slot_id == slot.as_str());
    match mine {
        Some(w) => Ok(Waiting::At(w.position)),
        None => {
            let booked = store::for_account(db, &who.account_id).await?.into_iter().find(|b| &b.slot_id == slot && b.status == rules::BookingStatus::Active);
            booked.map(|b| Waiting::Booked(b.code)).ok_or_else(|| AppError::internal("a wait just joined is missing"))
        }
    }
}
