//! `/tickets/{code}`: a queue ticket.

use super::param;
use crate::api::queue::{
    ticket_page, TicketView,
};
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::i18n::lang;
use crate::components::island_scripts::IslandScripts;
use crate::pages::loaded;
use leptos::prelude::*;
use crate::components::live::LiveTicket;
use crate::components::refresh_button::RefreshButton;

/// `/tickets/{code}`: a queue ticket — printable at the desk, live on the person's phone.
#[component]
pub fn TicketScreen() -> impl IntoView {
    let code = param("code");
    loaded(ticket_page(code), |t: Option<TicketView>| match t {
        None => view! { <crate::components::not_found::NotFoundBody what=lang().pick("排队号", "ticket")/> }.into_any(),
        Some(t) => view! { <TicketBody t/> }.into_any(),
    })
}

#[component]
fn TicketBody(t: TicketView) -> impl IntoView {
    let l = lang();
    let href = format!("/tickets/{}", t.code);
    let mut rows = vec![
        (l.pick("办理部门", "Department").to_string(), t.group_name.clone()),
        (l.pick("服务网点", "Service point").to_string(), t.point_name.clone()),
        (l.pick("取号时间", "Issued").to_string(), t.issued_at.clone()),
    ];
    if t.booked {
        rows.push((l.pick("预约", "Booking").to_string(), l.pick("已预约签到，优先叫号", "Checked in with a booking: called first").to_string()));
    }
    view! {
        <Page title=format!("{} {}", l.pick("排队号", "Ticket"), t.live.number)>
            <div class="ticket">
                <h1 class="ticket__heading">{l.pick("排队号", "Your ticket")}</h1>
                <p class="ticket__number" data-testid="ticket-number">{t.live.number.clone()}</p>
                <LiveTicket code=t.code.clone() initial=t.live.clone() lang=l/>
                <RefreshButton href=href.clone()/>
                <IslandScripts/>
                <SummaryList rows/>
                <p class="ticket__link">{l.pick("用手机查看排队进度：", "Follow the queue on your phone: ")}<a href=href.clone()>{href.clone()}</a></p>
                <p class="no-print">{l.pick("过号请到窗口联系工作人员。", "If you miss your number, speak to the staff at the window.")}</p>
                <crate::components::rate_offer::RateOffer ticket=t.code.clone() served=t.live.state == crate::domain::queue::TicketState::Served/>
            </div>
        </Page>
    }
}

