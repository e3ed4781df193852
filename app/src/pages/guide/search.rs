use crate::api::guide::{search_items, GuideFilter, SearchResult};
use crate::components::back_link::BackLink;
use crate::components::item_list::ItemList;
use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use crate::pages::loaded;
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};

/// `/guide?q=…&audience=…&department=…&event=…&nearby=true`: results, best first.
#[component]
pub fn GuideSearch() -> impl IntoView {
    let f: GuideFilter = crate::pages::query();
    let results = async move { search_items(f.clone()).await.map(|r| (f, r)) };
    loaded(results, |(f, r): (GuideFilter, SearchResult)| {
        let q = f.q.trim().to_string();
        let count = r.items.len();
        let heading = if q.is_empty() { t(Key::NavGuide).to_string() } else { lang().pick(format!("“{q}”的搜索结果"), format!("Results for “{q}”")) };
        let described = r.described.join(" · ");
        view! {
            <Page title=heading.clone()>
                <BackLink href="/" text=t(Key::BackHome)/>
                <h1>{heading}</h1>
                <SearchBox value=q.clone()/>
                {(!described.is_empty()).then(|| view! {
                    <p class="filter-line">{t(Key::Filter)} <strong>{described}</strong> " " <a href="/guide">{t(Key::ClearFilter)}</a></p>
                })}
                <p class="result-count" role="status">{lang().pick(format!("找到 {count} 项"), format!("{count} found"))}</p>
                {if count == 0 {
                    view! {
                        <div class="empty-state">
                            <h2>{t(Key::NoResults)}</h2>
                            <ul>
                                <li>{t(Key::NoResultsTypo)}</li>
                                <li>{t(Key::NoResultsShort)}</li>
                                <li>{t(Key::NoResultsPinyin)}</li>
                            </ul>
                            <p>{t(Key::NoResultsCall)}</p>
                        </div>
                    }.into_any()
                } else {
                    view! { <ItemList items=r.items/> }.into_any()
                }}
            </Page>
        }
    })
}
