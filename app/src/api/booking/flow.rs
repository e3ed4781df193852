//! The booking flow: choose a service, a point, a day and a slot, check answers, book; or join a full slot's
//! waiting list. Staff use the same flow for the green channel (绿色通道).

use super::{BookQuery, BookStep};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{Choice, DayChoice, SlotChoice},
    crate::forms::Flash,
    crate::api::context::{db, now},
    crate::service::booking::{availability, day_label, find_slot, group, when, window, ForWhom, Typed},
};

/// Green channel: any window staff (to start), …
#[cfg(feature = "ssr")]
pub(super) fn staff() -> crate::domain::accounts::Need {
    crate::domain::accounts::Need::Role(crate::domain::accounts::Role::WindowStaff, None)
}

/// The state of the booking flow for the query string. Signed in only: a booking belongs to an account.
#[server]
pub async fn booking_flow(query: BookQuery) -> Result<BookStep, AppError> {
    use crate::domain::accounts::Need;
    use crate::domain::booking::civil_at;
        let green = query.is_green();
    let who = crate::api::session::require(if green { staff() } else { Need::SignedIn }).await?;
    let db = db()?;
    let t = now()?.timestamp();
    let mut query = query;
    if green {
        // Rescheduling is the person's own business (they sign in with their number).
        query.change = None;
    }
    let mut step = BookStep { query: query.clone(), ..Default::default() };
    step.flash = crate::api::session::take_flash("book").await?.unwrap_or_else(|| Flash::new("book"));
    // Rescheduling: the item and point are the booking's own.
    if let Some(code) = query.change.clone() {
        let b = crate::store::booking::by_code(&db, &code).await?.filter(|b| b.account_id == who.account_id);
        let Some(b) = b else { return Err(AppError::NotFound("找不到该预约".into())) };
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
            let found = crate::store::catalogue::search(&db, &terms, &filter).await?;
            step.items = found.into_iter().take(20).map(|i| Choice { id: i.code, label: i.name, hint: i.department }).collect();
        }
        return Ok(step);
    };
    let Some((item, department_name)) = crate::store::catalogue::item(&db, &item_code).await? else {
        return Err(AppError::NotFound("找不到该事项".into()));
    };
    if green {
        crate::service::booking::may_book_green(&who, query.point.as_deref().filter(|p| !p.is_empty()), &item.department)?;
    }
    step.item = Some(Choice { id: item.code.clone(), label: item.name.clone(), hint: department_name });
    let lang = crate::i18n::Lang::Zh;
    let Some(point_id) = query.point.clone().filter(|s| !s.is_empty()) else {
        let model = crate::api::context::zones().await?;
        step.towns = model.town_options();
        let (points, from) = crate::service::booking::points_for(&db, &model, &item_code, &item.department, query.near.as_deref()).await?;
        step.sorted_from = from.map(|village| format!("已按离{village}的路程由近到远排列。"));
        step.points = points
            .into_iter()
            .map(|(p, minutes)| {
                let all_year = if p.hours.is_all_year() { " · 365天不打烊" } else { "" };
                let near = minutes.map(|m| format!("约{m}分钟 · ")).unwrap_or_default();
                Choice { hint: format!("{near}{}{all_year} · {}", p.kind.label(lang), p.address), id: p.id, label: p.name }
            })
            .collect();
        return Ok(step);
    };
    let Some((point, department, _)) = group(&db, &item_code, &point_id).await? else {
        return Err(AppError::Refused("该网点不办理此事项".into()));
    };
    step.point = Some(Choice { id: point.id.clone(), label: point.name.clone(), hint: point.address.clone() });
    let calendar = crate::store::calendar::load(&db).await?;
    let r = crate::store::booking::rules(&db).await?;
    if let Some(slot_id) = query.slot.clone().filter(|s| !s.is_empty()) {
        let Some((s, places)) = find_slot(&db, &point, &department, &slot_id, &r, t).await? else {
            return Err(AppError::Refused("该时段不可预约，请另选时段".into()));
        };
        step.slot = Some(SlotChoice { id: s.id, label: when(s.starts_at, s.ends_at), remaining: places.remaining, closed: places.closed });
        let account = crate::store::accounts::account_by(&db, crate::store::accounts::AccountKey::Id, &who.account_id)
            .await
            ?;
        step.my_name = crate::store::accounts::real_name(&db, &who.account_id).await?.unwrap_or_default();
        step.checkin_early_minutes = r.checkin_early_minutes;
        step.no_show_rule = format!("{}天内{}次未到将暂停预约{}天", r.no_show_window_days, r.no_show_limit, r.suspension_days);
        step.holder = match account.and_then(|a| a.phone).filter(|_| !green) {
            Some(p) => format!("本人（{}）", crate::domain::pii::mask_mobile(&p)),
            None => "本人".to_string(),
        };
        return Ok(step);
    }
    let days = window(t);
    let avail = availability(&db, &point, &department, &calendar, &r, &days, t).await?;
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
            return Err(AppError::Refused("请选择14天内的日期".into()));
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

/// Books the chosen slot for the signed-in citizen, then shows the booking. Refusals come back to the slot page, or
/// to the check-answers page for what was typed about the person.
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
) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let for_whom = match for_whom.as_deref() {
        Some("family") => ForWhom::Family,
        Some("green") => ForWhom::Green,
        _ => ForWhom::Myself,
    };
    let green = for_whom == ForWhom::Green;
    let who = crate::api::session::require(if green { staff() } else { Need::SignedIn }).await?;
    let slot = slot.unwrap_or_default();
    let day = crate::domain::booking::parse_slot_id(&slot).map(|(_, _, s)| crate::domain::booking::civil_at(s).date().to_string());
    let back = BookQuery {
        item: Some(item.clone()),
        point: Some(point.clone()),
        day,
        green: green.then(|| "1".to_string()),
        near: village.filter(|v| !v.is_empty()),
        ..Default::default()
    };
    let request = crate::service::booking::BookRequest {
        item,
        point,
        slot: slot.clone(),
        for_whom,
        typed: Typed {
            my_name: my_name.unwrap_or_default(),
            name: holder_name.unwrap_or_default().trim().to_string(),
            phone: holder_phone.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
        },
    };
    let st = crate::api::context::state()?;
    match crate::service::booking::book(&st.db, &st.public_url, &who, &request, now()?.timestamp()).await {
        Ok(code) => {
            leptos_axum::redirect(&format!("/bookings/{code}"));
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &back_to(&back, &slot, &flash)).await,
        Err(e) => Err(e),
    }
}

/// Where a refused booking goes back to: the slot page for a problem with the slot, else the check-answers page
/// with what was typed.
#[cfg(feature = "ssr")]
fn back_to(back: &BookQuery, slot: &str, flash: &Flash) -> String {
    if flash.error("slot").is_some() {
        back.href()
    } else {
        format!("{}&slot={}", back.href(), crate::domain::html::encode_query(slot))
    }
}

/// Joins the waiting list (候补) of a full slot; when a place frees, the first waiting gets it automatically.
#[server(endpoint = "join_waitlist")]
pub async fn join_waitlist(item: String, point: String, slot: Option<String>, my_name: Option<String>) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let who = crate::api::session::require(Need::SignedIn).await?;
    let slot = slot.unwrap_or_default();
    let day = crate::domain::booking::parse_slot_id(&slot).map(|(_, _, s)| crate::domain::booking::civil_at(s).date().to_string());
    let back = BookQuery { item: Some(item.clone()), point: Some(point.clone()), day, ..Default::default() };
    let my_name = my_name.unwrap_or_default();
    match crate::service::booking::join_wait(&db()?, &who, &item, &point, &slot, &my_name, now()?.timestamp()).await {
        Ok(()) => {
            leptos_axum::redirect("/bookings");
            Ok(())
        }
        Err(AppError::Invalid(flash)) => crate::api::session::fail_back(&flash, &back_to(&back, &slot, &flash)).await,
        Err(e) => Err(e),
    }
}

/// Leaves a waiting list.
#[server(endpoint = "withdraw_wait")]
pub async fn withdraw_wait(id: String) -> Result<(), AppError> {
    use crate::domain::accounts::Need;
    let who = crate::api::session::require(Need::SignedIn).await?;
    crate::store::booking::withdraw_wait(&db()?, &id, &who.account_id).await?;
    leptos_axum::redirect("/bookings");
    Ok(())
}
