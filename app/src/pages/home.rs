use super::loaded;
use crate::api::guide::{home_facets, GuideHome};
use crate::components::button::LinkButton;
use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};

/// Home: search first, then the ways in — personal or enterprise, department, life event, nearby.
#[component]
pub fn Home() -> impl IntoView {
    let home = home_facets();
    let count = |n| lang().pick(format!("{n}项"), format!("{n}"));
    loaded(home, move |h: GuideHome| {
        view! {
            <Page title=t(Key::HomeTitle)>
                <h1 class="home__title">{t(Key::ServiceName)}</h1>
                <p class="lead">{lang().pick(format!("{}项政务服务事项的办事指南，{}项可在乡镇、村（社区）就近办理。", h.total, h.nearby), format!("Guidance for {} government services; {} of them can be done in your town or village.", h.total, h.nearby))}</p>
                <SearchBox large=true/>
                <nav class="quick-links" aria-label=t(Key::ByAudience)>
                    <a class="quick-links__link" href="/guide?audience=personal">{t(Key::Personal)}</a>
                    <a class="quick-links__link" href="/guide?audience=enterprise">{t(Key::Enterprise)}</a>
                    <a class="quick-links__link" href="/guide?nearby=true">{t(Key::Nearby)}</a>
                    <a class="quick-links__link" href="/map/points/530127">{t(Key::CountyCentre)}</a>
                </nav>
                <section aria-labelledby="events-h">
                    <h2 id="events-h">{t(Key::Events)}</h2>
                    <ul class="facet-list">
                        {h.events.into_iter().map(|e| view! {
                            <li><a href=format!("/guide?event={}", e.key)>{e.label}</a>
                                <span class="facet-list__count">{count(e.count)}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="depts-h">
                    <h2 id="depts-h">{t(Key::ByDepartment)}</h2>
                    <ul class="facet-list facet-list--columns">
                        {h.departments.into_iter().map(|d| view! {
                            <li><a href=format!("/guide?department={}", d.key)>{d.label}</a>
                                <span class="facet-list__count">{count(d.count)}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="soon-h">
                    <h2 id="soon-h">{t(Key::BookAndApply)}</h2>
                    <p>{t(Key::BookAndApplyText)}</p>
                    <LinkButton href="/book">{t(Key::Book)}</LinkButton>
                    <LinkButton href="/apply">{t(Key::ApplyOnline)}</LinkButton>
                    <p><a href="/cases">{lang().pick("我的办件", "My cases")}</a>" · "<a href="/drafts">{lang().pick("我的草稿", "My drafts")}</a></p>
                </section>
            </Page>
        }
    })
}
