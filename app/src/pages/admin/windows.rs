//! `/admin/windows`: each service point's windows and check-in desks — add, edit, retire, restore — with the
//! departments each window serves.

use crate::api::windows::{windows_admin, windows_href, WindowsPage};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::radios::{Checkboxes, Radios};
use crate::components::select_input::SelectInput;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::domain::points::CounterKind;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn WindowsAdmin() -> impl IntoView {
    let q: crate::domain::points::page::WindowsQuery = crate::pages::query();
    loaded(windows_admin(q.point, q.edit), |p: WindowsPage| {
        let f = p.flash.clone();
        let title = if f.errors.is_empty() { "窗口和签到台".to_string() } else { "错误：窗口和签到台".to_string() };
        let failed = !f.errors.is_empty();
        // What the form shows: what was typed when a post failed, else the one being edited, else blanks.
        let (number, name, ticked, kind) = match (&p.editing, failed) {
            (_, true) => (
                f.value("number"),
                f.value("name"),
                f.value("departments").split(',').filter(|d| !d.is_empty()).map(String::from).collect::<Vec<_>>(),
                f.value("kind"),
            ),
            (Some(w), false) => (w.number.to_string(), w.name.clone(), w.departments.clone(), w.kind.code().to_string()),
            (None, false) => (String::new(), String::new(), Vec::new(), CounterKind::Window.code().to_string()),
        };
        let dept_name = |code: &str| p.departments.iter().find(|(c, _)| c == code).map(|(_, n)| n.clone()).unwrap_or_else(|| code.to_string());
        let rows = p
            .counters
            .iter()
            .map(|w| {
                // A 综合窗口 serves many departments: their names fold away (works without JavaScript).
                let names = w.departments.iter().map(|d| dept_name(d)).collect::<Vec<_>>().join("、");
                let served = match (w.kind, w.departments.len()) {
                    (CounterKind::Desk, _) => view! { "签到、取号" }.into_any(),
                    (_, n) if n > 3 => view! { <details><summary>{format!("{n}个部门")}</summary>{names}</details> }.into_any(),
                    _ => view! { {names} }.into_any(),
                };
                let (retire, label) = if w.in_service() { ("1", "停用") } else { ("0", "恢复使用") };
                view! {
                    <tr>
                        <td>{w.id.clone()}</td>
                        <td>{w.label()}{(!w.in_service()).then(|| view! { " " <Tag text="已停用" tone="grey"/> })}</td>
                        <td>{served}</td>
                        <td>
                            <a href=windows_href(&w.point_id, Some(&w.id))>"编辑"<span class="visually-hidden">{w.label()}</span></a>
                            <form method="post" action=crate::api::windows::RetireWindow::url() class="inline-form">
                                <input type="hidden" name="id" value=w.id.clone()/>
                                <input type="hidden" name="retire" value=retire/>
                                <button class="link-button" type="submit">{label}<span class="visually-hidden">{w.label()}</span></button>
                            </form>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let no_desk = !p.counters.iter().any(|w| w.kind == CounterKind::Desk && w.in_service());
        let heading = match &p.editing {
            Some(w) => format!("编辑 {}（{}）", w.label(), w.id),
            None => "添加窗口或签到台".to_string(),
        };
        let department_options = p.departments.clone();
        let done = f.value("done");
        view! {
            <Page title=title>
                <BackLink href="/admin" text="中心管理"/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>"窗口和签到台"</h1>
                {(!done.is_empty()).then(|| view! { <div class="panel" role="status"><p>{done.clone()}</p></div> })}
                <p>"窗口编号（W01…）和签到台编号（D01…）打印在评价二维码和窗口屏幕上，永不改变：不用的窗口请停用，不要删除。没有在用签到台的服务点不开放预约。"</p>
                <form method="get" action="/admin/windows" class="inline-form">
                    <SelectInput name="point" label="服务点" options=p.points.clone() selected=p.point_id.clone()/>
                    <button class="button button--secondary" type="submit">"查看"</button>
                </form>
                <h2>{p.point_name.clone()}</h2>
                {no_desk.then(|| view! {
                    <div class="panel panel--warning" role="status"><p>"本服务点没有在用的签到台：群众不能在此预约，已有预约不会计为爽约。"</p></div>
                })}
                <table class="table">
                    <caption class="visually-hidden">{format!("{}的窗口和签到台", p.point_name)}</caption>
                    <thead><tr><th scope="col">"编号"</th><th scope="col">"名称"</th><th scope="col">"办理"</th><th scope="col">"操作"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <h2>{heading}</h2>
                <form method="post" action=crate::api::windows::SaveWindow::url() novalidate>
                    <input type="hidden" name="point_id" value=p.point_id.clone()/>
                    <input type="hidden" name="id" value=p.editing.as_ref().map(|w| w.id.clone()).unwrap_or_default()/>
                    {p.editing.is_none().then(|| view! {
                        <Radios name="kind" legend="类型" error=f.error("kind") checked=kind.clone()
                            options=vec![("window".into(), "窗口（叫号办理）".into()), ("desk".into(), "签到台（预约签到、现场取号）".into())]/>
                    })}
                    <TextInput name="number" label="编号" hint="例如 3 表示3号窗口" inputmode="numeric" short=true
                        error=f.error("number") value=number/>
                    <TextInput name="name" label="名称" hint="例如 综合窗口、公安窗口、签到台" error=f.error("name") value=name/>
                    <Checkboxes name="departments" legend="办理部门（窗口）" hint="窗口办理所选部门的业务，叫号时按排队规则在这些部门的队列中依次叫号。签到台不选。"
                        error=f.error("departments") options=department_options checked=ticked/>
                    <button class="button" type="submit">"保存"</button>
                    {p.editing.is_some().then(|| view! { " " <a href=windows_href(&p.point_id, None)>"取消编辑"</a> })}
                </form>
            </Page>
        }
    })
}
