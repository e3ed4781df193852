//! `/bookings/{code}`: one booking, and cancelling it.

use crate::api::booking::{
    get_booking, BookingView,
};
use crate::components::panel::Panel;
use crate::components::island_scripts::IslandScripts;
use crate::components::back_link::BackLink;
use crate::components::live::LiveTicket;
use crate::components::refresh_button::RefreshButton;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::qr::QrCode;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::pages::{loaded, signed_in};
use crate::components::not_found::NotFoundBody;
use super::title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;
use crate::i18n::{booking as words, lang, t, Key};

/// `/bookings/{code}`: the booking, its check-in QR code and .ics file (owner), or the hall's view (anyone).
#[component]
pub fn BookingScreen() -> impl IntoView {
    let code = use_params_map().read_untracked().get("code").unwrap_or_default();
    let load = async move {
        let b = get_booking(code).await?;
        let flash = crate::api::booking::booking_flash().await?;
        Ok((b, flash))
    };
    loaded(load, |(b, flash): (Option<BookingView>, crate::domain::form::Flash)| match b {
        None => view! { <NotFoundBody what=t(Key::BookingWord)/> }.into_any(),
        Some(b) => view! { <BookingBody b flash/> }.into_any(),
    })
}

#[component]
fn BookingBody(b: BookingView, flash: crate::domain::form::Flash) -> impl IntoView {
    let l = lang();
    let rows = vec![
        (t(Key::RowCode).to_string(), b.code.clone()),
        (t(Key::RowItem).into(), b.item_name.clone()),
        (t(Key::RowPoint).into(), b.point_name.clone()),
        (t(Key::RowTime).into(), b.when.clone()),
        (t(Key::RowHolder).into(), b.holder.clone()),
        (t(Key::RowStatus).into(), b.status.label(l).to_string()),
    ];
    let heading = t(if b.owner && b.active { Key::Booked } else { Key::BookingDetails });
    let has_error = !flash.errors.is_empty();
    view! {
        <Page title=title(has_error, &format!("{heading} {}", b.code))>
            {match (b.staff_view, b.owner) {
                (true, _) => Some(view! { <BackLink href="/staff" text=t(Key::BackToConsole)/> }),
                (false, true) => Some(view! { <BackLink href="/bookings" text=t(Key::MyBookings)/> }),
                _ => None,
            }}
            <ErrorSummary errors=flash.errors.clone()/>
            {if b.owner && b.active {
                view! { <Panel title=heading reference=(t(Key::RowCode).to_string(), b.code.clone())/> }.into_any()
            } else {
                view! { <h1>{heading}</h1> }.into_any()
            }}
            <p>
                <Tag text=b.status.label(l)/>
                {b.green_reason.clone().map(|r| view! { " " <Tag text=format!("{} · {r}", t(Key::GreenChannel)) tone="green"/> })}
            </p>
            // Checked in: where the person stands in the queue, live while the page is open (刷新 without JavaScript).
            {b.ticket.clone().map(|(code, live)| view! {
                <h2>{t(Key::QueueProgress)}</h2>
                <p class="booking-ticket">{words::ticket_number(l, &live.number)}<a href=format!("/tickets/{code}")>{t(Key::OpenTicket)}</a></p>
                <crate::components::rate_offer::RateOffer ticket=code.clone() served=live.state == crate::domain::queue::TicketState::Served/>
                <LiveTicket code=code.clone() initial=live lang=l/>
                <RefreshButton href=format!("/bookings/{}", b.code)/>
                <IslandScripts/>
            })}
            <SummaryList rows/>
            {b.owner.then(|| {
                let b2 = b.clone();
                view! {
                    {b2.active.then(|| view! {
                        <h2>{t(Key::CheckInQr)}</h2>
                        <p>{t(Key::CheckInQrText)}</p>
                        {b2.qr.clone().map(|text| view! { <QrCode text label=t(Key::CheckInQr)/> })}
                        <p><a href=format!("/bookings/{}/calendar.ics", b2.code) download=words::ics_name(l, &b2.code)>{t(Key::AddToCalendar)}</a></p>
                    })}
                    <h2>{t(Key::PleaseBring)}</h2>
                    {if b2.materials.is_empty() {
                        view! { <p>{t(Key::YourId)}</p> }.into_any()
                    } else {
                        view! { <ul>{b2.materials.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                    <p><a href=format!("/guide/{}", b2.item_code)>{t(Key::FullGuide)}</a></p>
                    <h2>{t(Key::WhatNext)}</h2>
                    <p>{words::come_on_time(l, &b2.point_name, &b2.point_address, crate::domain::booking::GRACE_SECS / 60)}</p>
                    {if b2.staff_view {
                        view! {
                            <p>{t(Key::TellPersonText)}</p>
                            <p class="button-group">
                                <a class="button" href="/book?green=1">{t(Key::BookNextPerson)}</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable && b2.family_view {
                        view! {
                            <p>{words::family_may_decline(l, b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>{t(Key::Decline)}</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable {
                        view! {
                            <p>{words::change_before(l, b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--secondary" href=format!("/book?change={}", b2.code)>{t(Key::Change)}</a>
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>{t(Key::CancelBooking)}</a>
                            </p>
                        }.into_any()
                    } else if b2.active {
                        view! { <p id="cancel">{words::too_late_to_change(l, b2.cutoff_minutes)}</p> }.into_any()
                    } else {
                        view! { <p><a href="/book">{t(Key::BookAgain)}</a></p> }.into_any()
                    }}
                }
            })}
            {(!b.owner).then(|| view! {
                <p>{t(Key::PublicBookingText)}<a href=format!("/signin?next=/bookings/{}", b.code)>{t(Key::SignIn)}</a></p>
            })}
            <p>{t(Key::HelpText)}</p>
        </Page>
    }
}

/// `/bookings/{code}/cancel`: are you sure?
#[component]
pub fn CancelScreen() -> impl IntoView {
    let code = use_params_map().read_untracked().get("code").unwrap_or_default();
    let next = format!("/bookings/{code}/cancel");
    loaded(signed_in(next, get_booking(code)), |b: Option<BookingView>| match b {
        Some(b) if b.owner && !b.staff_view => {
            // The family member it was booked for declines it; the booker cancels it.
            let (title, question, back, confirm) = if b.family_view {
                (t(Key::DeclineTitle), t(Key::DeclineQuestion), t(Key::DeclineBack), t(Key::DeclineConfirm))
            } else {
                (t(Key::CancelBooking), t(Key::CancelQuestion), t(Key::CancelBack), t(Key::CancelConfirm))
            };
            view! {
                <Page title=title>
                    <BackLink href=format!("/bookings/{}", b.code) text=back/>
                    <h1>{question}</h1>
                    <SummaryList rows=vec![
                        (t(Key::RowItem).to_string(), b.item_name.clone()),
                        (t(Key::RowPoint).into(), b.point_name.clone()),
                        (t(Key::RowTime).into(), b.when.clone()),
                    ]/>
                    <form method="post" action=crate::api::booking::CancelBooking::url()>
                        <input type="hidden" name="code" value=b.code.clone()/>
                        <button class="button button--warning" type="submit">{confirm}</button>
                    </form>
                </Page>
            }
            .into_any()
        }
        _ => view! { <NotFoundBody what=t(Key::BookingWord)/> }.into_any(),
    })
}

