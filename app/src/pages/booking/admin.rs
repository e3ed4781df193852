//! `/admin/booking`: the booking rules, each service group's slot length and capacity, and suspensions.

use crate::api::booking::{booking_admin, BookingAdminPage};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::select_input::SelectInput;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn BookingAdminScreen() -> impl IntoView {
    loaded(booking_admin(), |a: BookingAdminPage| {
        let f = a.flash.clone();
        let value = |field: &str, current: i64| {
            if f.values.contains_key(field) { f.value(field) } else { current.to_string() }
        };
        let v_max = value("max_active", a.rules.max_active);
        let v_cut = value("cancel_cutoff_minutes", a.rules.cancel_cutoff_minutes);
        let v_min = value("default_slot_minutes", a.rules.default_slot_minutes);
        let v_cap = value("default_capacity", a.rules.default_capacity);
        let v_early = value("checkin_early_minutes", a.rules.checkin_early_minutes);
        let v_per_account = value("sms_per_account_day", a.rules.sms_per_account_day);
        let v_per_number = value("sms_per_number_day", a.rules.sms_per_number_day);
        let v_no_show = value("no_show_limit", a.rules.no_show_limit);
        let v_window = value("no_show_window_days", a.rules.no_show_window_days);
        let v_suspend = value("suspension_days", a.rules.suspension_days);
        let suspension_words = format!("{}的账号暂停预约{}天。核实情况后可以解除。", a.rules.no_show_words(crate::i18n::Lang::Zh), a.rules.suspension_days);
        let title = if f.errors.is_empty() { "预约设置" } else { "错误：预约设置" };
        let group_point = f.value("group_point");
        let group_department = f.value("group_department");
        let close_point = f.value("close_point");
        view! {
            <Page title=title>
                <BackLink href="/admin" text="中心管理"/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>"预约设置"</h1>
                {(!f.value("done").is_empty()).then(|| view! { <div class="panel" role="status"><p>{f.value("done")}</p></div> })}
                <h2>"预约规则"</h2>
                <form method="post" action=crate::api::booking::SaveBookingRules::url() novalidate>
                    <TextInput name="max_active" label="每人同时有效预约数" inputmode="numeric" short=true
                        error=f.error("max_active") value=v_max/>
                    <TextInput name="cancel_cutoff_minutes" label="取消、改约截止（预约开始前多少分钟）" inputmode="numeric" short=true
                        error=f.error("cancel_cutoff_minutes") value=v_cut/>
                    <TextInput name="default_slot_minutes" label="默认时段长度（分钟）" inputmode="numeric" short=true
                        error=f.error("default_slot_minutes") value=v_min/>
                    <TextInput name="default_capacity" label="默认每时段名额" inputmode="numeric" short=true
                        error=f.error("default_capacity") value=v_cap/>
                    <TextInput name="checkin_early_minutes" label="预约优先从时段开始前多少分钟起（签到）" inputmode="numeric" short=true
                        hint="更早到达的群众会被告知何时再来签到，也可选择按现场取号排队。"
                        error=f.error("checkin_early_minutes") value=v_early/>
                    <TextInput name="sms_per_account_day" label="每个账号每天最多发往他人号码的短信（为家人预约、绿色通道）" inputmode="numeric" short=true
                        error=f.error("sms_per_account_day") value=v_per_account/>
                    <TextInput name="sms_per_number_day" label="每个号码每天最多收到他人代为预约的短信" inputmode="numeric" short=true
                        error=f.error("sms_per_number_day") value=v_per_number/>
                    <TextInput name="no_show_limit" label="预约未到几次暂停预约" inputmode="numeric" short=true
                        error=f.error("no_show_limit") value=v_no_show/>
                    <TextInput name="no_show_window_days" label="未到次数按多少天内统计" inputmode="numeric" short=true
                        error=f.error("no_show_window_days") value=v_window/>
                    <TextInput name="suspension_days" label="暂停预约多少天" inputmode="numeric" short=true
                        error=f.error("suspension_days") value=v_suspend/>
                    <button class="button" type="submit">"保存规则"</button>
                </form>
                <h2>"各网点部门的时段"</h2>
                <p>"未单独设置的网点部门使用默认时段长度和名额。名额的修改立即作用于今后所有时段：调高即可多约，调低不会取消已有预约，只是不再接受超出的预约。时段长度的修改从该网点部门最后一个已生成时段之后的第一天起生效，此前的时段保持原长度。"</p>
                <table class="table">
                    <caption class="visually-hidden">"已单独设置的网点部门"</caption>
                    <thead><tr><th scope="col">"网点"</th><th scope="col">"部门"</th><th scope="col">"时段"</th><th scope="col">"名额"</th></tr></thead>
                    <tbody>
                        {a.groups.iter().map(|(_, pn, _, dn, m, c)| view! {
                            <tr><td>{pn.clone()}</td><td>{dn.clone()}</td><td>{m.clone()}</td><td>{c.to_string()}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <form method="post" action=crate::api::booking::SetBookingGroup::url() novalidate>
                    <SelectInput name="group_point" label="网点" error=f.error("group_point") options=a.points.clone() selected=group_point.clone()/>
                    <SelectInput name="group_department" label="部门" error=f.error("group_department") options=a.departments.clone() selected=group_department.clone()/>
                    <TextInput name="group_minutes" label="时段长度（分钟）" inputmode="numeric" short=true
                        error=f.error("group_minutes") value=f.value("group_minutes")/>
                    <TextInput name="group_capacity" label="每时段名额" inputmode="numeric" short=true
                        error=f.error("group_capacity") value=f.value("group_capacity")/>
                    <button class="button" type="submit">"保存时段设置"</button>
                </form>
                <h2>"临时停止服务"</h2>
                <p>"如停电等原因需要暂停服务，该时间内的预约将全部取消，并短信通知预约人。"</p>
                <form method="post" action=crate::api::booking::ClosePoint::url() novalidate>
                    <SelectInput name="close_point" label="暂停服务的网点" error=f.error("close_point") options=a.points.clone() selected=close_point.clone()/>
                    <TextInput name="close_day" label="日期" hint="例如 2026-11-28" short=true error=f.error("close_day") value=f.value("close_day")/>
                    <TextInput name="close_from" label="开始时间" hint="例如 09:00" short=true error=f.error("close_from") value=f.value("close_from")/>
                    <TextInput name="close_to" label="结束时间" hint="例如 12:00" short=true error=f.error("close_to") value=f.value("close_to")/>
                    <TextInput name="close_reason" label="原因" hint="例如 线路检修停电" error=f.error("close_reason") value=f.value("close_reason")/>
                    <button class="button button--warning" type="submit">"暂停服务并通知预约人"</button>
                </form>
                <h2>"暂停预约的账号"</h2>
                <p>{suspension_words}</p>
                {if a.suspended.is_empty() {
                    view! { <p>"目前没有暂停预约的账号。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list">
                            {a.suspended.iter().map(|(id, phone, until)| view! {
                                <li>
                                    {format!("{phone}，暂停至{until}")}
                                    <form method="post" action=crate::api::booking::LiftBookingSuspension::url() class="inline-form">
                                        <input type="hidden" name="account_id" value=id.clone()/>
                                        <button class="link-button" type="submit">"解除"<span class="visually-hidden">{format!("{phone}的暂停")}</span></button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Page>
        }
    })
}
