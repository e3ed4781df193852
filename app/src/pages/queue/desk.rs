//! `/staff/checkin`: a point's check-in desk.

use crate::api::queue::{
    checkin_page, CheckinDesk,
};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::select_input::SelectInput;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/staff/checkin`: a point's check-in desk — the signed-in clerk's own point (`?point=` picks one when they
/// work at several). The scanner types a booking's code (or its URL) into the first field and "presses Enter";
/// walk-ins choose a service group. Someone who came too early is told when to come back, and may queue now as a
/// walk-in instead.
#[component]
pub fn CheckinScreen() -> impl IntoView {
    let point = crate::pages::query::<crate::domain::queue::page::DeskQuery>().point;
    loaded(checkin_page(point), |d: CheckinDesk| {
        let f = d.flash.clone();
        let title = if f.errors.is_empty() { "签到取号" } else { "错误：签到取号" };
        let options: Vec<(String, String)> = d
            .groups
            .iter()
            .map(|g| (g.department_code.clone(), format!("{}（{}字头，等候{}人）", g.name, g.letter, g.waiting)))
            .collect();
        let switch = (d.points.len() > 1).then(|| {
            let options: Vec<(String, String)> = d.points.clone();
            view! {
                <form method="get" action="/staff/checkin" class="inline-form">
                    <SelectInput name="point" label="服务点" options selected=d.point_id.clone()/>
                    <button class="button button--secondary" type="submit">"切换"</button>
                </form>
            }
        });
        let early = f.value("early") == "1";
        let body = if !d.has_desk {
            view! {
                <div class="panel" role="status">
                    <p>{if d.point_id.is_empty() {
                        "您的账号未分配服务点，请联系中心管理员。".to_string()
                    } else {
                        format!("{}未设签到台，不能签到取号。请联系中心管理员在“窗口和签到台”中添加。", d.point_name)
                    }}</p>
                </div>
            }
            .into_any()
        } else {
            let point_id = d.point_id.clone();
            view! {
                <h2>"预约签到"</h2>
                <form method="post" action=crate::api::queue::CheckIn::url() novalidate>
                    <input type="hidden" name="point_id" value=point_id.clone()/>
                    <TextInput name="code" label="预约码" hint="扫描预约二维码，或输入预约码后按回车"
                        error=f.error("code") value=f.value("code") autofocus=true/>
                    <button class="button" type="submit">"签到"</button>
                </form>
                {early.then(|| view! {
                    <form method="post" action=crate::api::queue::CheckIn::url() novalidate>
                        <input type="hidden" name="point_id" value=point_id.clone()/>
                        <input type="hidden" name="code" value=f.value("code")/>
                        <input type="hidden" name="walk_in" value="1"/>
                        <button class="button button--secondary" type="submit">"现在按现场取号排队"</button>
                    </form>
                })}
                <h2>"现场取号"</h2>
                <form method="post" action=crate::api::queue::TakeTicket::url() novalidate>
                    <input type="hidden" name="point_id" value=point_id/>
                    <SelectInput name="group" label="办理部门" error=f.error("group") options selected=f.value("group")/>
                    <TextInput name="phone" label="手机号码（选填）" hint="前面还有3人时发短信提醒" inputmode="tel"
                        error=f.error("phone") value=f.value("phone")/>
                    <button class="button" type="submit">"取号"</button>
                </form>
            }
            .into_any()
        };
        view! {
            <Page title=title>
                <span class="caption">{d.point_name.clone()}</span>
                <h1>"签到取号"</h1>
                <ErrorSummary errors=f.errors.clone()/>
                {switch}
                {body}
                <p><a href="/staff">"返回工作台"</a></p>
            </Page>
        }
    })
}

