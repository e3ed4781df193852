//! What the booking pages show, built for the one asking: one booking (everything to its owner, a masked summary to
//! anyone else holding the code), the citizen's own bookings, waits and notices, and the administrator's page.

use super::{suspension, when_in};
use crate::domain::accounts::Identity;
use crate::domain::booking::page::{BookingAdminPage, BookingView, MyBookingsPage};
use crate::domain::booking::BookingStatus;
use crate::domain::form::Flash;
use crate::error::AppError;
use crate::store::booking::BookingRow;
use crate::store::Db;

/// A booking as its page shows it: everything to `owner` (and the staff who booked it through the green channel),
/// only the service, point, time and a masked name to anyone else holding the code.
async fn view(db: &Db, public_url: &str, b: BookingRow, owner: bool, now: i64) -> Result<BookingView, sqlx::Error> {
    let lang = crate::i18n::lang();
    let r = crate::store::booking::rules(db).await?;
    let active = b.status == BookingStatus::Active;
    let changeable = owner && active && crate::domain::booking::before_cut_off(now, b.starts_at, r.cancel_cutoff_minutes).is_ok();
    let materials = if owner {
        crate::store::catalogue::item(db, &b.item_code)
            .await?
            .map(|(i, _)| {
                i.materials
                    .iter()
                    .map(|m| {
                        let need = m.requirement.label(lang);
                        lang.pick(format!("{}（{}，{}份，{need}）", m.name, m.form, m.copies), format!("{} ({} × {}, {need})", m.name, m.form, m.copies))
                    })
                    .collect()
            })
            .unwrap_or_default()
    } else {
        vec![]
    };
    let url = super::booking_url(public_url, &b.code);
    let ticket = match crate::store::queue::by_booking(db, &b.code).await? {
        Some(t) => Some((t.code.clone(), crate::service::queue::ticket_live(db, &t).await?)),
        None => None,
    };
    Ok(BookingView {
        ticket,
        when: when_in(lang, b.starts_at, b.ends_at),
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

/// Whether `me` may see and change a booking: the account that made it, or — with `holder` — the family member it
/// was made for, signed in with the phone number it names (so they can decline it).
pub async fn may_change(db: &Db, me: Option<&Identity>, b: &BookingRow, holder: bool) -> Result<bool, sqlx::Error> {
    let Some(me) = me else { return Ok(false) };
    if me.account_id == b.account_id {
        return Ok(true);
    }
    if !(holder && b.for_family) {
        return Ok(false);
    }
    let a = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &me.account_id).await?;
    Ok(a.and_then(|a| a.phone).is_some_and(|p| p == b.holder_phone))
}

/// One booking's page for `me` (anyone holding the code may look), or `None` for an unknown code. The owner sees
/// everything and may change it; the staff member who booked it through the green channel sees what to tell the
/// person but cannot change it, and that read is audited; anyone else sees a masked summary.
pub async fn booking_page(db: &Db, public_url: &str, me: Option<&Identity>, code: &str, now: i64) -> Result<Option<BookingView>, AppError> {
    let Some(b) = crate::store::booking::by_code(db, &code.trim().to_ascii_uppercase()).await? else { return Ok(None) };
    let owner = may_change(db, me, &b, true).await?;
    let staff_view = !owner
        && me.is_some_and(|i| b.booked_by.as_deref() == Some(i.account_id.as_str()) && i.works_at(&b.point_id, Some(&b.department_code)));
    let family_view = owner && me.is_some_and(|i| i.account_id != b.account_id);
    let mut v = view(db, public_url, b, owner || staff_view, now).await?;
    if let (true, Some(me)) = (staff_view, me) {
        v.staff_view = true;
        v.changeable = false;
        // Staff shown a person's full details: recorded for the administrator (the audit of staff reads).
        crate::store::audit::record_read(db, &me.account_id, "booking", &v.code, now).await?;
    }
    v.family_view = family_view;
    Ok(Some(v))
}

/// The citizen's bookings (upcoming soonest first, then past), waiting lists, suspension and newest notices.
pub async fn my_bookings(db: &Db, public_url: &str, who: &Identity, now: i64) -> Result<MyBookingsPage, AppError> {
    let rows = crate::store::booking::for_account(db, &who.account_id).await?;
    let (mut upcoming, mut past) = (Vec::new(), Vec::new());
    for b in rows {
        let v = view(db, public_url, b, true, now).await?;
        if v.active {
            upcoming.push(v);
        } else {
            past.push(v);
        }
    }
    upcoming.reverse();
    let notices = crate::service::notify::notices_for(db, &who.account_id, 3).await?;
    let lang = crate::i18n::lang();
    let r = crate::store::booking::rules(db).await?;
    let suspended = suspension(db, &who.account_id, now).await?.map(|until| {
        crate::domain::booking::Refusal::Suspended { until, window_days: r.no_show_window_days, limit: r.no_show_limit }.message(lang)
    });
    let waits = crate::store::booking::waits_for_account(db, &who.account_id)
        .await?
        .into_iter()
        .map(|w| {
            let what = format!("{} · {} · {}", w.item_name, w.point_name, when_in(lang, w.starts_at, w.ends_at));
            (w.id, what, lang.pick(format!("候补第{}位", w.position), format!("Number {} on the waiting list", w.position)))
        })
        .collect();
    Ok(MyBookingsPage { upcoming, past, notices, suspended, waits })
}

/// `/admin/booking`: the rules, the groups' slot settings, and the accounts suspended for no-shows now.
pub async fn admin_page(db: &Db, flash: Flash, now: i64) -> Result<BookingAdminPage, sqlx::Error> {
    use crate::store::booking as store;
    let rules = store::rules(db).await?;
    let groups = store::groups(db).await?;
    let points = crate::service::points::with_windows(db).await?;
    let departments = crate::store::catalogue::departments(db).await?.into_iter().map(|d| (d.code, d.name)).collect();
    let mut suspended = Vec::new();
    let since = now - (rules.no_show_window_days + rules.suspension_days) * 86_400;
    for (id, phone) in store::no_show_accounts(db, since, rules.no_show_limit).await? {
        if let Some(until) = suspension(db, &id, now).await? {
            let until = crate::domain::booking::civil_at(until).format("%Y年%m月%d日").to_string();
            suspended.push((id, crate::domain::pii::mask_mobile(&phone), until));
        }
    }
    Ok(BookingAdminPage { rules, groups, points, departments, suspended, flash })
}
