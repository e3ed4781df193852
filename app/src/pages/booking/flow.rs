//! `/book`: the booking flow, one question per page (service → point → day → slot → check answers).

use crate::api::booking::{
    booking_flow, BookQuery, BookStep,
};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::radios::{Opt, Radios};
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::components::grouped_select::GroupedSelect;
use crate::pages::{loaded, signed_in};
use super::title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::i18n::{booking as words, lang, t, Key};

/// `/book`: the booking flow, one question per page.
#[component]
pub fn BookScreen() -> impl IntoView {
    let query: BookQuery = crate::pages::query();
    let here = {
        let mut h = query.href();
        if let Some(s) = &query.slot {
            h.push_str(if h.contains('?') { "&" } else { "?" });
            h.push_str(&format!("slot={}", crate::domain::html::encode_query(s.as_str())));
        }
        h
    };
    loaded(signed_in(here, booking_flow(query)), |s: BookStep| {
        if s.item.is_none() {
            view! { <ChooseItem s/> }.into_any()
        } else if s.point.is_none() {
            view! { <ChoosePoint s/> }.into_any()
        } else if s.slot.is_some() {
            view! { <CheckAnswers s/> }.into_any()
        } else if s.day.is_some() {
            view! { <ChooseSlot s/> }.into_any()
        } else {
            view! { <ChooseDay s/> }.into_any()
        }
    })
}

#[component]
fn ChooseItem(s: BookStep) -> impl IntoView {
    let q = s.query.q.clone().unwrap_or_default();
    let searched = !q.trim().is_empty();
    let green = s.query.is_green();
    let (back, back_text) = if green { ("/staff", t(Key::BackToConsole)) } else { ("/", t(Key::BackHome)) };
    view! {
        <Page title=t(Key::BookChooseItemTitle)>
            <BackLink href=back text=back_text/>
            <span class="caption">{caption(&s)}</span>
            <h1>{t(if green { Key::WhatItemGreen } else { Key::WhatItem })}</h1>
            {green.then(|| view! { <p>{t(Key::GreenIntro)}</p> })}
            <form method="get" action="/book" class="search-form">
                {green.then(|| view! { <input type="hidden" name="green" value="1"/> })}
                <label class="text-input__label" for="q">{t(Key::ItemName)}</label>
                <p class="text-input__hint" id="q-hint">{t(Key::ItemNameHint)}</p>
                <input class="text-input__input" id="q" name="q" type="search" value=q aria-describedby="q-hint"/>
                <button class="button" type="submit">{t(Key::Search)}</button>
            </form>
            {(searched && s.items.is_empty()).then(|| view! {
                <p>{t(Key::NoMatchingItem)}<a href="/guide">{t(Key::NavGuide)}</a>{t(Key::FullStop)}</p>
            })}
            <ul class="choice-list">
                {s.items.into_iter().map(|i| {
                    let q = BookQuery { item: Some(i.id.clone()), green: s.query.green.clone(), ..Default::default() };
                    view! { <li><a href=q.href()>{i.label}</a></li> }
                }).collect_view()}
            </ul>
        </Page>
    }
}

#[component]
fn ChoosePoint(s: BookStep) -> impl IntoView {
    let item = s.item.clone().expect("item chosen");
    let back = if s.query.is_green() {
        BookQuery { green: s.query.green.clone(), ..Default::default() }.href()
    } else {
        format!("/guide/{}", item.id)
    };
    view! {
        <Page title=t(Key::BookChoosePointTitle)>
            <BackLink href=back text=t(Key::Back)/>
            <span class="caption">{caption(&s)}</span>
            <h1>{t(if s.query.is_green() { Key::WherePointGreen } else { Key::WherePoint })}</h1>
            <form method="get" action="/book" class="form">
                <input type="hidden" name="item" value=item.id.clone()/>
                {s.query.green.clone().map(|g| view! { <input type="hidden" name="green" value=g/> })}
                <GroupedSelect name="village" groups=crate::domain::points::TownOption::groups(&s.towns) selected=s.query.near.clone().unwrap_or_default()
                    label=t(Key::VillageLabel) hint=t(Key::VillageHint) placeholder=t(Key::PleaseChoose)/>
                <button class="button button--secondary" type="submit">{t(Key::SortByDistance)}</button>
            </form>
            {s.sorted_from.clone().map(|m| view! { <p role="status">{m}</p> })}
            <p>{t(Key::HallAllYear)}</p>
            {s.points.is_empty().then(|| view! { <p>{t(Key::NoPointForItem)}</p> })}
            <ul class="choice-list">
                {s.points.into_iter().map(|p| {
                    let q = BookQuery { item: Some(item.id.clone()), point: Some(p.id.clone()), green: s.query.green.clone(), near: s.query.near.clone(), ..Default::default() };
                    view! { <li><a href=q.href()>{p.label}</a><span class="choice-list__hint">{p.hint}</span></li> }
                }).collect_view()}
            </ul>
        </Page>
    }
}

fn caption(s: &BookStep) -> String {
    let parts: Vec<String> = [
        Some(t(if s.query.is_green() { Key::CaptionGreen } else if s.query.change.is_some() { Key::CaptionChange } else { Key::BookVisit }).to_string()),
        s.item.as_ref().map(|i| i.label.clone()),
        s.point.as_ref().map(|p| p.label.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

fn back_to_points(s: &BookStep) -> String {
    match &s.query.change {
        Some(code) => format!("/bookings/{code}"),
        None => BookQuery { item: s.query.item.clone(), green: s.query.green.clone(), near: s.query.near.clone(), ..Default::default() }.href(),
    }
}

#[component]
fn ChooseDay(s: BookStep) -> impl IntoView {
    let cap = caption(&s);
    let back = back_to_points(&s);
    let l = lang();
    view! {
        <Page title=t(Key::BookChooseDayTitle)>
            <BackLink href=back text=t(Key::Back)/>
            <span class="caption">{cap}</span>
            <h1>{t(Key::ChooseDay)}</h1>
            <p>{words::days_ahead(l, crate::domain::booking::BOOKING_DAYS)}</p>
            <ul class="choice-list day-list">
                {s.days.iter().map(|d| {
                    let q = BookQuery { day: Some(d.day.clone()), ..s.query.clone() };
                    if !d.open {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">{t(Key::DayClosed)}</span></li> }.into_any()
                    } else if d.suspended {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">{t(Key::Suspended)}</span></li> }.into_any()
                    } else if d.remaining == 0 {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">{t(Key::FullyBooked)}</span></li> }.into_any()
                    } else {
                        view! { <li><a href=q.href()>{d.label.clone()}</a><span class="choice-list__hint">{words::places_left(l, d.remaining)}</span></li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        </Page>
    }
}

#[component]
fn ChooseSlot(s: BookStep) -> impl IntoView {
    let cap = caption(&s);
    let day = s.day.clone().expect("day chosen");
    let back = BookQuery { day: None, ..s.query.clone() }.href();
    let error = s.flash.error("slot");
    let has_error = error.is_some();
    let free: Vec<_> = s.slots.iter().filter(|x| x.remaining > 0).cloned().collect();
    // No waiting list when rescheduling or booking for someone at the counter: only free slots may be chosen.
    let rescheduling = s.query.change.is_some() || s.query.is_green();
    let wait_slot = if !rescheduling { s.flash.value("wait_slot") } else { String::new() };
    let wait_label = s.flash.value("wait_label");
    let l = lang();
    let day_hint = if free.is_empty() && day.suspended {
        Some(t(Key::DaySuspendedHint).to_string())
    } else if free.is_empty() {
        Some(t(Key::DayFullHint).to_string())
    } else {
        None
    };
    let slot_options: Vec<Opt> = s
        .slots
        .iter()
        .map(|x| {
            let full = x.remaining == 0;
            let hint = match (&x.closed, full, rescheduling) {
                (Some(why), _, _) if why.is_empty() => t(Key::Suspended).to_string(),
                (Some(why), _, _) => words::suspended_because(l, why),
                (None, true, true) => t(Key::FullyBooked).to_string(),
                (None, true, false) => t(Key::FullWaitOpen).to_string(),
                _ => words::left(l, x.remaining),
            };
            Opt::new(x.id.to_string(), x.label.clone()).hint(hint).disabled((full && rescheduling) || x.closed.is_some())
        })
        .collect();
    view! {
        <Page title=title(has_error, t(Key::BookChooseSlotTitle))>
            <BackLink href=back text=t(Key::OtherDay)/>
            <ErrorSummary errors=s.flash.errors.clone()/>
            <span class="caption">{cap}</span>
            <form method="get" action="/book" novalidate>
                <input type="hidden" name="chosen" value="1"/>
                {[("green", s.query.green.clone()), ("village", s.query.near.clone()), ("item", s.query.item.clone()), ("point", s.query.point.clone()), ("day", s.query.day.clone()), ("change", s.query.change.clone())]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| view! { <input type="hidden" name=k value=v/> }))
                    .collect_view()}
                <Radios name="slot" legend=words::choose_time_on(l, &day.label) heading=true error=error
                    hint=day_hint.unwrap_or_default() options=slot_options/>
                {(!free.is_empty() || (!rescheduling && s.slots.iter().any(|x| x.closed.is_none()))).then(|| view! { <button class="button" type="submit">{t(Key::Continue)}</button> })}
            </form>
            {(!wait_slot.is_empty()).then(|| view! {
                <h2>{t(Key::WaitingList)}</h2>
                <p>{words::wait_offer(l, &wait_label)}</p>
                <form method="post" action=crate::api::booking::JoinWaitlist::url()>
                    <input type="hidden" name="item" value=s.query.item.clone().unwrap_or_default()/>
                    <input type="hidden" name="point" value=s.query.point.clone().unwrap_or_default()/>
                    <input type="hidden" name="slot" value=wait_slot.clone()/>
                    <button class="button button--secondary" type="submit">{t(Key::JoinWait)}</button>
                </form>
            })}
        </Page>
    }
}

/// The citizen's own name for the booking: asked once, then offered again (what was typed wins after an error).
#[component]
fn MyName(s: BookStep) -> impl IntoView {
    let f = &s.flash;
    let value = if f.values.contains_key("my_name") { f.value("my_name") } else { s.my_name.clone() };
    view! {
        <TextInput name="my_name" label=t(Key::MyNameLabel) hint=t(Key::MyNameHint)
            error=f.error("my_name") value=value autocomplete="name"/>
    }
}

#[component]
fn CheckAnswers(s: BookStep) -> impl IntoView {
    let item = s.item.clone().expect("item");
    let point = s.point.clone().expect("point");
    let slot = s.slot.clone().expect("slot");
    let day = Some(slot.id.day().to_string());
    let back = BookQuery { day: day.clone(), ..s.query.clone() }.href();
    let change = s.query.change.clone();
    let green = s.query.is_green();
    let l = lang();
    let place = l.pick(format!("{}（{}）", point.label, point.hint), format!("{} ({})", point.label, point.hint));
    let mut rows = vec![(t(Key::RowItem).to_string(), item.label.clone()), (t(Key::RowPoint).into(), place)];
    rows.push((t(Key::RowTime).into(), slot.label.clone()));
    if !green {
        rows.push((t(Key::RowHolder).into(), s.holder.clone()));
    }
    let (action, button) = if change.is_some() {
        (crate::api::booking::RescheduleBooking::url(), t(Key::ConfirmChange))
    } else {
        (crate::api::booking::BookSlot::url(), t(Key::ConfirmBooking))
    };
    if let Some(why) = slot.closed.clone() {
        return view! {
            <Page title=title(false, t(Key::BookSuspendedTitle))>
                <BackLink href=back.clone() text=t(Key::BackOtherTime)/>
                <span class="caption">{caption(&s)}</span>
                <h1>{t(Key::SlotSuspended)}</h1>
                <SummaryList rows/>
                <p>{crate::domain::booking::closed_text(&why, l)}</p>
                <p><a class="button" href=back.clone()>{t(Key::ChooseOtherTime)}</a></p>
            </Page>
        }
        .into_any();
    }
    if slot.remaining == 0 && change.is_none() && !green {
        return view! {
            <Page title=title(!s.flash.errors.is_empty(), t(Key::BookWaitTitle))>
                <BackLink href=back.clone() text=t(Key::BackOtherTime)/>
                <ErrorSummary errors=s.flash.errors.clone()/>
                <span class="caption">{caption(&s)}</span>
                <h1>{t(Key::SlotFullWait)}</h1>
                <SummaryList rows/>
                <p>{t(Key::WaitText)}</p>
                <form method="post" action=crate::api::booking::JoinWaitlist::url() novalidate>
                    <input type="hidden" name="item" value=item.id.clone()/>
                    <input type="hidden" name="point" value=point.id.clone()/>
                    <input type="hidden" name="slot" value=slot.id.to_string()/>
                    <MyName s=s.clone()/>
                    <button class="button" type="submit">{t(Key::JoinWait)}</button>
                </form>
            </Page>
        }
        .into_any();
    }
    let f = s.flash.clone();
    let who = if green {
        view! {
            <input type="hidden" name="for_whom" value="green"/>
            <h2>{t(Key::Person)}</h2>
            <TextInput name="holder_name" label=t(Key::PersonName) error=f.error("holder_name") value=f.value("holder_name")/>
            <TextInput name="holder_phone" label=t(Key::PersonPhone) hint=t(Key::PersonPhoneHint)
                inputmode="tel" error=f.error("holder_phone") value=f.value("holder_phone")/>
            <Radios name="reason" legend=t(Key::GreenReason) error=f.error("reason") checked=f.value("reason")
                options={ crate::domain::booking::GREEN_REASONS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect::<Vec<_>>() }/>
        }
        .into_any()
    } else if change.is_none() {
        let family = f.value("for_whom") == "family";
        view! {
            <MyName s=s.clone()/>
            <Radios name="for_whom" legend=t(Key::ForWhom) checked=if family { "family" } else { "self" }
                options=vec![("self".into(), t(Key::Myself).into()), ("family".into(), t(Key::ForFamily).into())]/>
            <TextInput name="holder_name" label=t(Key::FamilyName) error=f.error("holder_name") value=f.value("holder_name")/>
            <TextInput name="holder_phone" label=t(Key::FamilyPhone) hint=t(Key::FamilyPhoneHint)
                inputmode="tel" error=f.error("holder_phone") value=f.value("holder_phone")/>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let grace = crate::domain::booking::GRACE_SECS / 60;
    let next = words::next_steps(l, green, s.checkin_early_minutes, grace, &s.no_show_rule);
    view! {
        <Page title=title(!s.flash.errors.is_empty(), t(Key::BookCheckTitle))>
            <BackLink href=back.clone() text=t(Key::BackChangeTime)/>
            <ErrorSummary errors=s.flash.errors.clone()/>
            <span class="caption">{caption(&s)}</span>
            <h1>{t(Key::CheckBooking)}</h1>
            <SummaryList rows/>
            <p><a href=back>{t(Key::ChangeTime)}</a></p>
            <p>{next}</p>
            <form method="post" action=action novalidate>
                {match change.clone() {
                    Some(code) => view! { <input type="hidden" name="code" value=code/> }.into_any(),
                    None => view! {
                        <input type="hidden" name="item" value=item.id.clone()/>
                        <input type="hidden" name="point" value=point.id.clone()/>
                    }.into_any(),
                }}
                <input type="hidden" name="slot" value=slot.id.to_string()/>
                {s.query.near.clone().filter(|_| change.is_none()).map(|v| view! { <input type="hidden" name="village" value=v/> })}
                {who}
                <button class="button" type="submit">{button}</button>
            </form>
        </Page>
    }
    .into_any()
}

