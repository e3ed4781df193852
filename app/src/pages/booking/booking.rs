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
        None => view! { <NotFoundBody what="预约"/> }.into_any(),
        Some(b) => view! { <BookingBody b flash/> }.into_any(),
    })
}

#[component]
fn BookingBody(b: BookingView, flash: crate::domain::form::Flash) -> impl IntoView {
    let rows = vec![
        ("预约码".to_string(), b.code.clone()),
        ("事项".into(), b.item_name.clone()),
        ("网点".into(), b.point_name.clone()),
        ("时间".into(), b.when.clone()),
        ("办事人".into(), b.holder.clone()),
        ("状态".into(), b.status.label(crate::i18n::lang()).to_string()),
    ];
    let heading = if b.owner && b.active { "预约成功" } else { "预约信息" };
    let has_error = !flash.errors.is_empty();
    view! {
        <Page title=title(has_error, &format!("{heading} {}", b.code))>
            {match (b.staff_view, b.owner) {
                (true, _) => Some(view! { <BackLink href="/staff" text="返回工作台"/> }),
                (false, true) => Some(view! { <BackLink href="/bookings" text="我的预约"/> }),
                _ => None,
            }}
            <ErrorSummary errors=flash.errors.clone()/>
            {if b.owner && b.active {
                view! { <Panel title=heading reference=("预约码".to_string(), b.code.clone())/> }.into_any()
            } else {
                view! { <h1>{heading}</h1> }.into_any()
            }}
            <p>
                <Tag text=b.status.label(crate::i18n::lang())/>
                {b.green_reason.clone().map(|r| view! { " " <Tag text=format!("绿色通道 · {r}") tone="green"/> })}
            </p>
            // Checked in: where the person stands in the queue, live while the page is open (刷新 without JavaScript).
            {b.ticket.clone().map(|(code, live)| view! {
                <h2>"排队进度"</h2>
                <p class="booking-ticket">{format!("排队号 {}。", live.number)}<a href=format!("/tickets/{code}")>"打开排队号页面（可打印）"</a></p>
                <LiveTicket code=code.clone() initial=live en=false/>
                <RefreshButton href=format!("/bookings/{}", b.code)/>
                <IslandScripts/>
            })}
            <SummaryList rows/>
            {b.owner.then(|| {
                let b2 = b.clone();
                view! {
                    {b2.active.then(|| view! {
                        <h2>"签到二维码"</h2>
                        <p>"到厅后在取号机扫描此二维码，或报预约码给工作人员签到。"</p>
                        {b2.qr.clone().map(|text| view! { <QrCode text label="签到二维码"/> })}
                        <p><a href=format!("/bookings/{}/calendar.ics", b2.code) download=format!("预约-{}.ics", b2.code)>"加入日历（.ics 文件）"</a></p>
                    })}
                    <h2>"请携带"</h2>
                    {if b2.materials.is_empty() {
                        view! { <p>"本人有效身份证件。"</p> }.into_any()
                    } else {
                        view! { <ul>{b2.materials.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                    <p><a href=format!("/guide/{}", b2.item_code)>"查看完整办事指南"</a></p>
                    <h2>"接下来"</h2>
                    <p>{format!("请按时到{}（{}）。预约时段结束后15分钟内未签到视为未到。", b2.point_name, b2.point_address)}</p>
                    {if b2.staff_view {
                        view! {
                            <p>"已短信告知办事人预约码。办事人用预约时填写的手机号码登录后，可以查看、改约或取消。"</p>
                            <p class="button-group">
                                <a class="button" href="/book?green=1">"为下一位群众预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable && b2.family_view {
                        view! {
                            <p>{format!("这是家人为您预约的。如不能前往，请在预约开始{}分钟前谢绝，名额将释放给其他群众；如需改约，请联系为您预约的家人。", b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>"谢绝此预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable {
                        view! {
                            <p>{format!("如需改约或取消，请在预约开始{}分钟前操作。", b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--secondary" href=format!("/book?change={}", b2.code)>"改约"</a>
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>"取消预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.active {
                        view! { <p id="cancel">{format!("距预约开始已不足{}分钟，不能再改约或取消。", b2.cutoff_minutes)}</p> }.into_any()
                    } else {
                        view! { <p><a href="/book">"重新预约"</a></p> }.into_any()
                    }}
                }
            })}
            {(!b.owner).then(|| view! { <p>"这是预约的公开信息。预约人登录后可查看详情、改约或取消。"<a href=format!("/signin?next=/bookings/{}", b.code)>"登录"</a></p> })}
            <p>"如需帮助，请致电网点或在工作时间到服务台咨询。"</p>
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
                ("谢绝预约", "确定谢绝这个预约吗？", "不谢绝，返回", "确定谢绝")
            } else {
                ("取消预约", "确定取消这个预约吗？", "不取消，返回", "确定取消")
            };
            view! {
                <Page title=title>
                    <BackLink href=format!("/bookings/{}", b.code) text=back/>
                    <h1>{question}</h1>
                    <SummaryList rows=vec![("事项".to_string(), b.item_name.clone()), ("网点".into(), b.point_name.clone()), ("时间".into(), b.when.clone())]/>
                    <form method="post" action=crate::api::booking::CancelBooking::url()>
                        <input type="hidden" name="code" value=b.code.clone()/>
                        <button class="button button--warning" type="submit">{confirm}</button>
                    </form>
                </Page>
            }
            .into_any()
        }
        _ => view! { <NotFoundBody what="预约"/> }.into_any(),
    })
}

