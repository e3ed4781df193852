//! One booking's page, my bookings, and changing a booking: cancel, reschedule.

use super::{BookingView, MyBookingsPage};
use crate::error::AppError;
use crate::forms::Flash;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{status_label, BookQuery},
    crate::api::context::{db, now},
    crate::service::booking::{suspension, when},
    crate::store::Db,
};

/// A booking as its page shows it: everything to its owner (and the staff who booked it through the green channel),
/// only the service, point, time and a masked name to anyone else holding the code.
#[cfg(feature = "ssr")]
async fn view(db: &Db, b: crate::store::booking::BookingRow, owner: bool, now: i64) -> Result<BookingView, sqlx::Error> {
    let r = crate::store::booking::rules(db).await?;
    let active = b.status == crate::store::booking::status::ACTIVE;
    let changeable = owner && active && crate::domain::booking::before_cut_off(now, b.starts_at, r.cancel_cutoff_minutes).is_ok();
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
    let url = crate::service::booking::booking_url(&crate::api::context::state().map(|s| s.public_url).unwrap_or_default(), &b.code);
    let ticket = match crate::store::queue::by_booking(db, &b.code).await? {
        Some(t) => Some((t.code.clone(), crate::service::queue::ticket_live(db, &t).await?)),
        None => None,
    };
    Ok(BookingView {
        ticket,
        when: when(b.starts_at, b.ends_at),
        status_label: status_label(&b.status).to_string(),
        holder: if owner { b.holder_name.clone() } else { crate::domain::pii::mask_name(&b.holder_name) },
        qr: (owner && active).then(|| url.clone()),
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
        green_reason: b.green_reason.as_deref().filter(|_| owner).and_then(crate::domain::booking::green_reason).map(str::to_string),
        staff_view: false,
        family_view: false,
        point_address: b.point_address,
        materials,
    })
}


/// One booking. The signed-in owner sees everything and may change it; anyone else holding the code (the hall's
/// staff, a family member) sees only the service, point, time and a masked name.
#[server]
pub async fn get_booking(code: String) -> Result<Option<BookingView>, AppError> {
        let db = db()?;
    let Some(b) = crate::store::booking::by_code(&db, &code.trim().to_ascii_uppercase()).await? else {
        crate::api::context::not_found();
        return Ok(None);
    };
    let owner = may_change(&db, &b, true).await?;
    // The staff member who booked it through the green channel sees what to tell the person, but cannot change it.
    let me = crate::api::session::identity().await?;
    let staff_view = !owner
        && me.as_ref().is_some_and(|i| {
            b.booked_by.as_deref() == Some(i.account_id.as_str())
                && i.works_at(&b.point_id, Some(&b.department_code))
        });
    let family_view = owner && me.as_ref().is_some_and(|i| i.account_id != b.account_id);
    let mut v = view(&db, b, owner || staff_view, now()?.timestamp()).await?;
    if staff_view {
        v.staff_view = true;
        v.changeable = false;
        // Staff shown a person's full details: recorded for the administrator (the audit of staff reads).
        let me = me.as_ref().map(|i| i.account_id.as_str()).unwrap_or_default();
        crate::store::audit::record_read(&db, me, "booking", &v.code, now()?.timestamp()).await?;
    }
    v.family_view = family_view;
    Ok(Some(v))
}

/// The signed-in citizen's bookings and their newest notices.
#[server]
pub async fn my_bookings() -> Result<MyBookingsPage, AppError> {
    use crate::domain::accounts::Need;
        let who = crate::api::session::require(Need::SignedIn).await?;
    let db = db()?;
    let t = now()?.timestamp();
    let rows = crate::store::booking::for_account(&db, &who.account_id).await?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for b in rows {
        let v = view(&db, b, true, t).await?;
        if v.active {
            upcoming.push(v);
        } else {
            past.push(v);
        }
    }
    upcoming.reverse();
    let notices = crate::service::notify::notices_for(&db, &who.account_id, 3).await?;
    let rule = crate::store::booking::rules(&db).await?.no_show_words();
    let suspended = suspension(&db, &who.account_id, t)
        .await
        ?
        .map(|until| crate::domain::booking::Refusal::Suspended { until, rule }.message());
    let waits = crate::store::booking::waits_for_account(&db, &who.account_id)
        .await
        ?
        .into_iter()
        .map(|w| (w.id, format!("{} · {} · {}", w.item_name, w.point_name, when(w.starts_at, w.ends_at)), format!("候补第{}位", w.position)))
        .collect();
    Ok(MyBookingsPage { upcoming, past, notices, suspended, waits })
}

/// Whether the signed-in person may see and change a booking: the account that made it, or — with `holder` —
/// the family member it was made for, signed in with the phone number it names (so they can decline it).
#[cfg(feature = "ssr")]
async fn may_change(db: &crate::store::Db, b: &crate::store::booking::BookingRow, holder: bool) -> Result<bool, AppError> {
    let Some(who) = crate::api::session::identity().await? else { return Ok(false) };
    if who.account_id == b.account_id {
        return Ok(true);
    }
    if !(holder && b.for_family) {
        return Ok(false);
    }
    let a = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &who.account_id).await?;
    Ok(a.and_then(|a| a.phone).is_some_and(|p| p == b.holder_phone))
}

/// The booking if the signed-in person may change it (see [`may_change`]); for anyone else's code (or an unknown
/// one) `None`, having answered 404 and sent the person to their own bookings, so a code's existence is not revealed.
#[cfg(feature = "ssr")]
async fn owned(code: &str, holder: bool) -> Result<Option<crate::store::booking::BookingRow>, AppError> {
    use crate::domain::accounts::Need;
    crate::api::session::require(Need::SignedIn).await?;
    let db = db()?;
    let b = crate::store::booking::by_code(&db, code).await?;
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

/// A refused change goes back to the booking's page (the cut-off has passed).
#[cfg(feature = "ssr")]
async fn fail_change(code: &str, e: AppError) -> Result<(), AppError> {
    match e {
        AppError::Invalid(flash) => crate::api::session::fail_back(&flash, &format!("/bookings/{code}")).await,
        e => Err(e),
    }
}

/// Cancels the owner's booking before the cut-off; the place goes back to the slot.
#[server(endpoint = "cancel_booking")]
pub async fn cancel_booking(code: String) -> Result<(), AppError> {
    let Some(b) = owned(&code, true).await? else { return Ok(()) };
    match crate::service::booking::cancel(&db()?, &b, now()?.timestamp()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/bookings/{}", b.code));
            Ok(())
        }
        Err(e) => fail_change(&b.code, e).await,
    }
}

/// Moves the owner's booking to another slot of the same group, before the cut-off.
#[server(endpoint = "reschedule_booking")]
pub async fn reschedule_booking(code: String, slot: Option<String>) -> Result<(), AppError> {
    let Some(b) = owned(&code, false).await? else { return Ok(()) };
    let who = crate::api::session::require(crate::domain::accounts::Need::SignedIn).await?;
    let slot = slot.unwrap_or_default();
    match crate::service::booking::reschedule(&db()?, &who, &b, &slot, now()?.timestamp()).await {
        Ok(()) => {
            leptos_axum::redirect(&format!("/bookings/{}", b.code));
            Ok(())
        }
        Err(AppError::Invalid(flash)) if flash.form != "booking" => {
            let day = crate::domain::booking::parse_slot_id(&slot).map(|(_, _, s)| crate::domain::booking::civil_at(s).date().to_string());
            let back = BookQuery { change: Some(b.code.clone()), day, ..Default::default() };
            crate::api::session::fail_back(&flash, &back.href()).await
        }
        Err(e) => fail_change(&b.code, e).await,
    }
}

/// The last failed change to a booking (e.g. a cancellation past the cut-off), shown once on its page.
#[server]
pub async fn booking_flash() -> Result<Flash, AppError> {
    Ok(crate::api::session::take_flash("booking").await?.unwrap_or_else(|| Flash::new("booking")))
}

