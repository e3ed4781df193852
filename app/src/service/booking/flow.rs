//! The booking flow's steps: choose a service, a point, a day and a slot, then check answers. Each step is built
//! from the query string for the one asking; staff use the same flow for the green channel (绿色通道).

use super::{availability, day_label, find_slot, group, when_in, window};
use crate::i18n::{Key, Lang};
use crate::domain::accounts::Identity;
use crate::domain::booking::page::{BookQuery, BookStep, Choice, DayChoice, SlotChoice};
use crate::domain::form::Flash;
use crate::error::AppError;
use crate::service::AppState;

/// The state of the booking flow for `query`: what has been chosen and the choices for the next question. `flash`
/// is the last failed post of the flow, if any.
pub async fn step(st: &AppState, who: &Identity, query: BookQuery, flash: Flash, now: chrono::DateTime<chrono::Utc>) -> Result<BookStep, AppError> {
    use crate::domain::booking::civil_at;
    let db = &st.db;
    let lang = crate::i18n::lang();
    let t = now.timestamp();
    let green = query.is_green();
    let mut query = query;
    if green {
        // Rescheduling is the person's own business (they sign in with their number).
        query.change = None;
    }
    let mut step = BookStep { query: query.clone(), ..Default::default() };
    step.flash = flash;
    // Rescheduling: the item and point are the booking's own.
    if let Some(code) = query.change.clone() {
        let b = crate::store::booking::by_code(db, &code).await?.filter(|b| b.account_id == who.account_id);
        let Some(b) = b else { return Err(AppError::NotFound(Key::BookingNotFound.get(lang).into())) };
        query.item = Some(b.item_code);
        query.point = Some(b.point_id);
        step.query = query.clone();
    }
    let Some(item_code) = query.item.clone().filter(|s| !s.is_empty()) else {
        let q = query.q.clone().unwrap_or_default();
        if !q.trim().is_empty() {
            let terms = crate::domain::catalogue::query_terms(&q);
            let mut filter = crate::domain::catalogue::GuideFilter::default();
            if green {
                // Staff book only their own department's items: with one department, list only those.
                filter.department = who.only_department();
            }
            let found = crate::store::catalogue::search(db, &terms, &filter).await?;
            step.items = found.into_iter().take(20).map(|i| Choice { id: i.code, label: i.name, hint: i.department }).collect();
        }
        return Ok(step);
    };
    let Some((item, department_name)) = crate::store::catalogue::item(db, &item_code).await? else {
        return Err(AppError::NotFound(Key::ItemNotFound.get(lang).into()));
    };
    if green {
        crate::service::booking::may_book_green(&who, query.point.as_deref().filter(|p| !p.is_empty()), &item.department)?;
    }
    step.item = Some(Choice { id: item.code.clone(), label: item.name.clone(), hint: department_name });
    let Some(point_id) = query.point.clone().filter(|s| !s.is_empty()) else {
        let model = st.zones.get(db, now).await?;
        step.towns = model.town_options();
        let (points, from) = crate::service::booking::points_for(db, &model, &item_code, &item.department, query.near.as_deref()).await?;
        step.sorted_from =
            from.map(|village| lang.pick(format!("已按离{village}的路程由近到远排列。"), format!("Listed by travel time from {village}, nearest first.")));
        step.points = points
            .into_iter()
            .map(|(p, minutes)| {
                let all_year = if p.hours.is_all_year() { format!(" · {}", Key::AllYear.get(lang)) } else { String::new() };
                let near = minutes.map(|m| lang.pick(format!("约{m}分钟 · "), format!("about {m} min · "))).unwrap_or_default();
                Choice { hint: format!("{near}{}{all_year} · {}", p.kind.label(lang), p.address), id: p.id, label: p.name }
            })
            .collect();
        return Ok(step);
    };
    let Some((point, department, _)) = group(db, &item_code, &point_id).await? else {
        return Err(AppError::Refused(Key::NotAtThisPoint.get(lang).into()));
    };
    step.point = Some(Choice { id: point.id.clone(), label: point.name.clone(), hint: point.address.clone() });
    let calendar = crate::store::calendar::load(db).await?;
    let r = crate::store::booking::rules(db).await?;
    if let Some(slot_id) = query.slot.clone() {
        let Some((s, places)) = find_slot(db, &point, &department, &slot_id, &r, t).await? else {
            return Err(AppError::Refused(crate::domain::booking::Refusal::NotOffered.message(lang)));
        };
        step.slot = Some(SlotChoice { id: s.id, label: when_in(lang, s.starts_at, s.ends_at), remaining: places.remaining, closed: places.closed });
        let account = crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, &who.account_id)
            .await
            ?;
        step.my_name = crate::store::accounts::real_name(db, &who.account_id).await?.unwrap_or_default();
        step.checkin_early_minutes = r.checkin_early_minutes;
        step.no_show_rule = r.no_show_rule(lang);
        let myself = Key::Myself.get(lang);
        step.holder = match account.and_then(|a| a.phone).filter(|_| !green) {
            Some(p) if lang == Lang::Zh => format!("{myself}（{}）", crate::domain::pii::mask_mobile(&p)),
            Some(p) => format!("{myself} ({})", crate::domain::pii::mask_mobile(&p)),
            None => myself.to_string(),
        };
        return Ok(step);
    }
    let days = window(t);
    let avail = availability(db, &point, &department, &calendar, &r, &days, t).await?;
    let day_choices: Vec<DayChoice> = avail
        .iter()
        .map(|(d, slots)| DayChoice {
            day: d.to_string(),
            label: day_label(lang, *d),
            remaining: slots.iter().map(|(_, p)| p.remaining).sum(),
            open: !slots.is_empty(),
            suspended: !slots.is_empty() && slots.iter().all(|(_, p)| p.closed.is_some()),
        })
        .collect();
    if let Some(day) = query.day.clone().filter(|s| !s.is_empty()) {
        if query.chosen.is_some() && step.flash.errors.is_empty() {
            step.flash = Flash::new("book").with_error("slot", Key::ChooseATime.get(lang));
        }
        let Some((_, slots)) = avail.into_iter().find(|(d, _)| d.to_string() == day) else {
            return Err(AppError::Refused(lang.pick(
                format!("请选择{}天内的日期", crate::domain::booking::BOOKING_DAYS),
                format!("Choose a day within the next {} days", crate::domain::booking::BOOKING_DAYS),
            )));
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

