//! `/calendar`: holidays and make-up workdays by year, and the working-day calculator.

use crate::api::calendar::{calendar_page, CalendarOverview};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarScreen() -> impl IntoView {
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (q.get("from"), q.get("days"))
    };
    let page = Resource::new(args, |(from, days)| calendar_page(from, days));
    loaded(page, |p: CalendarOverview| {
        let error_for = |field: &str| p.errors.iter().find(|e| e.field == field).map(|e| e.message.clone());
        let (from_error, days_error) = (error_for("from"), error_for("days"));
        let title = if p.errors.is_empty() { "节假日与工作日" } else { "错误：节假日与工作日" };
        view! {
            <Page title=title>
                <BackLink href="/" text="返回首页"/>
                <h1>"节假日与工作日"</h1>
                <p>"办理时限按工作日计算：周六、周日和法定节假日不计，调休上班日计入。"</p>
                <ErrorSummary errors=p.errors.clone()/>
                <form method="get" action="/calendar" class="form" novalidate>
                    <h2>"计算办理期限"</h2>
                    <TextInput name="from" label="受理日期" hint="例如 2026-09-30" error=from_error value=p.from.clone()
                        inputmode="numeric"/>
                    <TextInput name="days" label="承诺时限（工作日）" error=days_error value=p.days.clone()
                        inputmode="numeric" short=true/>
                    <button class="button" type="submit">"计算"</button>
                </form>
                {p.answer.map(|a| view! {
                    <div class="panel" role="status">
                        <p>{format!("{}受理，{}个工作日后为", a.from, a.days)}</p>
                        <p class="panel__big">{a.due}</p>
                        {a.provisional.then(|| view! {
                            <p>"注意：其中有年份的节假日安排尚未发布，暂按周末休息计算，发布后可能调整。"</p>
                        })}
                    </div>
                })}
                {p.years.into_iter().map(|y| view! {
                    <h2>{format!("{}年", y.year)}</h2>
                    {if y.published {
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{format!("{}年节假日安排", y.year)}</caption>
                                <thead><tr><th scope="col">"日期"</th><th scope="col">"安排"</th></tr></thead>
                                <tbody>
                                    {y.days.into_iter().map(|d| view! {
                                        <tr><td>{format!("{} {}", d.date, d.weekday)}</td><td>{format!("{}{}", d.name, d.kind)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    } else {
                        view! {
                            <div class="warning-text" role="note">
                                <strong>{format!("{}年节假日安排尚未发布。", y.year)}</strong>
                                "发布前，本站暂按周六、周日休息计算办公时间和办理时限；管理员录入国务院办公厅通知后即按新安排计算。"
                            </div>
                        }.into_any()
                    }}
                }).collect_view()}
            </Page>
        }
    })
}
