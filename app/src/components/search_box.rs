use leptos::prelude::*;

/// The guide's search: a plain GET form to `/guide`, so it works without JavaScript.
#[component]
pub fn SearchBox(#[prop(into, default = "".into())] value: String, #[prop(default = false)] large: bool) -> impl IntoView {
    view! {
        <form class=if large { "search search--large" } else { "search" } method="get" action="/guide" role="search">
            <label class="search__label" for="q">"搜索办事事项"</label>
            <p class="search__hint" id="q-hint">"输入事项名称、材料名称或拼音首字母，如“营业执照”或“yyzz”"</p>
            <div class="search__row">
                <input class="search__input" id="q" name="q" type="search" value=value aria-describedby="q-hint"
                    autocomplete="off" enterkeyhint="search"/>
                <button class="search__button" type="submit">"搜索"</button>
            </div>
        </form>
    }
}
