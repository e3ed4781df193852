//! `/calendar`: holidays and make-up workdays by year, and the working-day calculator.

use crate::api::calendar::{calendar_page, CalendarOverview};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};

#[component]
pub fn CalendarScreen() -> impl IntoView {
    let q: crate::domain::calendar::page::CalendarQuery = crate::pages::query();
    let page = calendar_page(q.from, q.days);
    loaded(page, |p: CalendarOverview| {
        let error_for = |field: &str| p.errors.iter().find(|e| e.field == field).map(|e| e.message.clone());
        let (from_error, days_error) = (error_for("from"), error_for("days"));
        let l = lang();
        let title = crate::i18n::page_title(l, !p.errors.is_empty(), t(Key::CalendarTitle));
        view! {
            <Page title=title>
                <BackLink href="/" text=t(Key::BackHome)/>
                <h1>{t(Key::CalendarTitle)}</h1>
                <p>{t(Key::CalendarIntro)}</p>
                <ErrorSummary errors=p.errors.clone()/>
                <form method="get" action="/calendar" class="form" novalidate>
                    <h2>{t(Key::CalcTitle)}</h2>
                    <TextInput name="from" label=t(Key::FromLabel) hint=t(Key::FromHint) error=from_error value=p.from.clone()
                        inputmode="numeric"/>
                    <TextInput name="days" label=t(Key::DaysLabel) error=days_error value=p.days.clone()
                        inputmode="numeric" short=true/>
                    <button class="button" type="submit">{t(Key::Calculate)}</button>
                </form>
                {p.answer.map(|a| view! {
                    <div class="panel" role="status">
                        <p>{l.pick(format!("{}受理，{}个工作日后为", a.from, a.days), format!("{} working days after {} is", a.days, a.from))}</p>
                        <p class="panel__big">{a.due}</p>
                        {a.provisional.then(|| view! {
                            <p>{t(Key::Provisional)}</p>
                        })}
                    </div>
                })}
                {p.years.into_iter().map(|y| view! {
                    <h2>{l.pick(format!("{}年", y.year), y.year.to_string())}</h2>
                    {if y.published {
                        view! {
                            <table class="table">
                                <caption class="visually-hidden">{l.pick(format!("{}年节假日安排", y.year), format!("Holidays in {}", y.year))}</caption>
                                <thead><tr><th scope="col">{t(Key::Date)}</th><th scope="col">{t(Key::Arrangement)}</th></tr></thead>
                                <tbody>
                                    {y.days.into_iter().map(|d| view! {
                                        <tr><td>{format!("{} {}", d.date, d.weekday)}</td><td>{l.pick(format!("{}{}", d.name, d.kind), format!("{} {}", d.name, d.kind))}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    } else {
                        view! {
                            <div class="warning-text" role="note">
                                <strong>{l.pick(format!("{}年节假日安排尚未发布。", y.year), format!("The holidays for {} are not published yet. ", y.year))}</strong>
                                {t(Key::NotPublishedText)}
                            </div>
                        }.into_any()
                    }}
                }).collect_view()}
            </Page>
        }
    })
}
