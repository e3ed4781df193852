use crate::api::guide::{search_items, GuideFilter, SearchResult};
use crate::components::back_link::BackLink;
use crate::components::item_list::ItemList;
use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/guide?q=…&audience=…&department=…&event=…&nearby=true`: results, best first.
#[component]
pub fn GuideSearch() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let opt = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        GuideFilter {
            q: q.get("q").unwrap_or_default(),
            audience: opt("audience"),
            department: opt("department"),
            event: opt("event"),
            nearby: q.get("nearby").is_some_and(|v| v == "true"),
        }
    };
    let results = Resource::new(filter, |f| async move { search_items(f.clone()).await.map(|r| (f, r)) });
    loaded(results, |(f, r): (GuideFilter, SearchResult)| {
        let q = f.q.trim().to_string();
        let count = r.items.len();
        let heading = if q.is_empty() { "办事指南".to_string() } else { format!("“{q}”的搜索结果") };
        let described = r.described.join(" · ");
        view! {
            <Page title=heading.clone()>
                <BackLink href="/" text="返回首页"/>
                <h1>{heading}</h1>
                <SearchBox value=q.clone()/>
                {(!described.is_empty()).then(|| view! {
                    <p class="filter-line">"筛选：" <strong>{described}</strong> " " <a href="/guide">"清除筛选"</a></p>
                })}
                <p class="result-count" role="status">{format!("找到 {count} 项")}</p>
                {if count == 0 {
                    view! {
                        <div class="empty-state">
                            <h2>"没有找到相关事项"</h2>
                            <ul>
                                <li>"检查是否有错别字，或换一个说法，如“营业执照”“身份证”"</li>
                                <li>"只输入关键的两三个字"</li>
                                <li>"用拼音首字母搜索，如“yyzz”"</li>
                            </ul>
                            <p>"仍找不到？请拨打 0871-67911234 咨询。"</p>
                        </div>
                    }.into_any()
                } else {
                    view! { <ItemList items=r.items/> }.into_any()
                }}
            </Page>
        }
    })
}
