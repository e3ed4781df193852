use super::loaded;
use crate::api::guide::{home_facets, GuideHome};
use crate::components::button::ComingSoon;
use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use leptos::prelude::*;

/// Home: search first, then the ways in — personal or enterprise, department, life event, nearby.
#[component]
pub fn Home() -> impl IntoView {
    let home = Resource::new(|| (), |_| home_facets());
    loaded(home, |h: GuideHome| {
        view! {
            <Page title="首页">
                <h1 class="home__title">"嵩明县掌上办事大厅"</h1>
                <p class="lead">{format!("{}项政务服务事项的办事指南，{}项可在乡镇、村（社区）就近办理。", h.total, h.nearby)}</p>
                <SearchBox large=true/>
                <nav class="quick-links" aria-label="按对象查找">
                    <a class="quick-links__link" href="/guide?audience=personal">"个人办事"</a>
                    <a class="quick-links__link" href="/guide?audience=enterprise">"法人办事"</a>
                    <a class="quick-links__link" href="/guide?nearby=true">"可就近办"</a>
                    <a class="quick-links__link" href="/map/points/530127">"县政务服务中心"</a>
                </nav>
                <section aria-labelledby="events-h">
                    <h2 id="events-h">"一件事一次办"</h2>
                    <ul class="facet-list">
                        {h.events.into_iter().map(|e| view! {
                            <li><a href=format!("/guide?event={}", e.key)>{e.label}</a>
                                <span class="facet-list__count">{format!("{}项", e.count)}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="depts-h">
                    <h2 id="depts-h">"按部门查找"</h2>
                    <ul class="facet-list facet-list--columns">
                        {h.departments.into_iter().map(|d| view! {
                            <li><a href=format!("/guide?department={}", d.key)>{d.label}</a>
                                <span class="facet-list__count">{format!("{}项", d.count)}</span></li>
                        }).collect_view()}
                    </ul>
                </section>
                <section aria-labelledby="soon-h">
                    <h2 id="soon-h">"预约与网上申报"</h2>
                    <p>"网上预约取号、网上申报和办件查询正在建设中。现在可以先查看办事指南，备齐材料后到服务网点办理。"</p>
                    <ComingSoon label="预约办事"/>
                    <ComingSoon label="办件查询"/>
                </section>
            </Page>
        }
    })
}
