//! `/bookings`: my bookings, waits and newest notices.

use crate::api::booking::{
    my_bookings, BookingView, MyBookingsPage,
};
use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::components::tag::Tag;
use crate::components::notice_list::NoticeList;
use crate::pages::{loaded, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::i18n::{t, Key};

/// `/bookings`: my bookings, reminders and notices.
#[component]
pub fn MyBookingsScreen() -> impl IntoView {
    loaded(signed_in("/bookings".into(), my_bookings()), |m: MyBookingsPage| {
        let line = |b: BookingView| {
            view! {
                <li class="booking-line">
                    <a href=format!("/bookings/{}", b.code)>{b.item_name.clone()}</a>
                    <span class="choice-list__hint">{format!("{} · {}", b.point_name, b.when)}</span>
                    <Tag text=b.status.label(crate::i18n::lang())/>
                </li>
            }
        };
        view! {
            <Page title=t(Key::MyBookings)>
                <BackLink href="/account" text=t(Key::BackToMy)/>
                <h1>{t(Key::MyBookings)}</h1>
                {m.suspended.clone().map(|s| view! { <div class="warning-text" role="note"><strong>{s}</strong></div> })}
                <p><a class="button" href="/book">{t(Key::NewBooking)}</a></p>
                <h2>{t(Key::Upcoming)}</h2>
                {if m.upcoming.is_empty() {
                    view! { <p>{t(Key::NoUpcoming)}</p> }.into_any()
                } else {
                    view! { <ul class="choice-list">{m.upcoming.into_iter().map(line).collect_view()}</ul> }.into_any()
                }}
                {(!m.waits.is_empty()).then(|| view! {
                    <h2>{t(Key::Waiting)}</h2>
                    <ul class="choice-list">
                        {m.waits.clone().into_iter().map(|(id, what, position)| view! {
                            <li class="booking-line">
                                <span>{what.clone()}</span>
                                <Tag text=position/>
                                <form method="post" action=crate::api::booking::WithdrawWait::url() class="inline-form">
                                    <input type="hidden" name="id" value=id/>
                                    <button class="link-button" type="submit">{t(Key::LeaveWait)}<span class="visually-hidden">{what}</span></button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {(!m.past.is_empty()).then(|| view! {
                    <h2>{t(Key::PastBookings)}</h2>
                    <ul class="choice-list">{m.past.into_iter().map(line).collect_view()}</ul>
                })}
                {(!m.notices.is_empty()).then(|| view! {
                    <h2>{t(Key::LatestNotices)}</h2>
                    <NoticeList notices=m.notices.clone()/>
                    <p><a href="/notices">{t(Key::AllNotices)}</a></p>
                })}
            </Page>
        }
    })
}

