//! 好差评 (issue 19): the rating page (`/rate/w/{window}`, `/rate/t/{ticket}`, `/rate/c/{case}`), opened straight
//! from a camera — tiny, no WASM, complete without JavaScript — its thank-you page, and `/staff/ratings`, a window's
//! ratings and 好评率 this month for its staff.

use crate::api::rating::{flagged_ratings, rate_page, rating_thanks, staff_ratings, SubmitRating};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::domain::rating::{Level, RateView, WindowRatings};
use crate::i18n::lang;
use crate::pages::{loaded, param, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn rate_form(kind: &'static str) -> impl IntoView {
    let id = param("id");
    let q = leptos_router::hooks::use_query_map().read_untracked().get("t").filter(|t| !t.is_empty());
    let here = crate::domain::rating::rate_path(kind, &id, q.as_deref());
    loaded(signed_in(here, rate_page(kind.into(), id, q)), move |p: RateView| {
        let l = lang();
        let heading = l.pick("评价服务", "Rate the service");
        let f = p.flash.clone();
        let title = if f.errors.is_empty() { heading.to_string() } else { l.pick(format!("错误：{heading}"), format!("Error: {heading}")) };
        if let Some(why) = p.closed.clone() {
            let title = l.pick(format!("错误：{heading}"), format!("Error: {heading}"));
            return view! {
                <Page title=title>
                    <h1>{heading}</h1>
                    <div class="error-summary" role="alert"><p>{why}</p></div>
                    <p><a href="/">{l.pick("返回首页", "Back to the home page")}</a></p>
                </Page>
            }
            .into_any();
        }
        if let Some((level, at)) = p.earlier.clone() {
            let said = l.pick(format!("您已于{at}评价过这次服务：{}。每次服务评价一次。", level.label(l)), format!("You rated this service on {at}: {}. Each service is rated once.", level.label(l)));
            return view! {
                <Page title=heading>
                    <span class="caption">{p.what.clone()}</span>
                    <h1>{heading}</h1>
                    <div class="panel" role="status"><p>{said}</p></div>
                    <p><a href="/">{l.pick("返回首页", "Back to the home page")}</a></p>
                </Page>
            }
            .into_any();
        }
        let chosen = f.value("level");
        let ticked: Vec<String> = f.value("indicators").split(',').filter(|s| !s.is_empty()).map(String::from).collect();
        // Back to this rating after signing in: with the form token, which outlives the screen's code.
        let back = crate::domain::rating::rate_path(&p.kind, &p.id, p.token.as_deref());
        let sign_in = format!("/signin?next={}", crate::domain::html::encode_query(&back));
        view! {
            <Page title=title>
                <ErrorSummary errors=f.errors.clone()/>
                <span class="caption">{p.what.clone()}</span>
                <h1>{heading}</h1>
                <form method="post" action=SubmitRating::url() class="form">
                    <input type="hidden" name="kind" value=p.kind.clone()/>
                    <input type="hidden" name="id" value=p.id.clone()/>
                    {p.token.clone().map(|t| view! { <input type="hidden" name="t" value=t/> })}
                    <fieldset class="rate-levels" id="level">
                        <legend class="fieldset__legend">{l.pick("您对这次服务满意吗？", "How satisfied are you with this service?")}</legend>
                        {f.error("level").map(|m| view! { <p class="error-message">{m}</p> })}
                        {Level::ALL.into_iter().map(|lv| {
                            let id = format!("level-{}", lv.code());
                            view! {
                                <div class="rate-levels__item">
                                    <input class="rate-levels__input" type="radio" name="level" id=id.clone() value=lv.code() checked=chosen == lv.code()/>
                                    <label class="rate-levels__label" for=id>{face(lv)}{lv.label(l)}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <div id="phone">
                        {f.error("phone").map(|m| view! { <p class="error-message">{m}</p> })}
                        {(!p.verified).then(|| view! {
                            <p class="hint">{l.pick("选择“不满意”或“非常不满意”，需要先", "To choose Dissatisfied or Very dissatisfied, first ")}
                                <a href=sign_in.clone()>{l.pick("用手机号码登录验证", "sign in with your mobile number")}</a>
                                {l.pick("，以便工作人员回访整改。", " so staff can follow it up.")}</p>
                        })}
                    </div>
                    <fieldset class="fieldset">
                        <legend class="fieldset__legend">{l.pick("哪些方面（选填）", "What was it about (optional)")}</legend>
                        <div class="checkboxes">
                        {p.channel.indicators().iter().map(|(code, zh, en)| {
                            let id = format!("i:{code}");
                            view! {
                                <div class="checkboxes__item">
                                    <input class="checkboxes__input" type="checkbox" id=id.clone() name=id.clone() value="1" checked=ticked.iter().any(|t| t == code)/>
                                    <label class="checkboxes__label" for=id>{l.pick(*zh, *en)}</label>
                                </div>
                            }
                        }).collect_view()}
                        </div>
                    </fieldset>
                    <TextInput name="comment" label=l.pick("意见和建议（选填）", "Comments (optional)") hint=l.pick("最多500字", "Up to 500 characters") error=f.error("comment") value=f.value("comment") rows=3/>
                    <button class="button" type="submit">{l.pick("提交评价", "Send rating")}</button>
                </form>
            </Page>
        }
        .into_any()
    })
}

/// A face drawn in SVG (emoji fonts are missing on many cheap phones): the mouth curves from a smile to a frown.
fn face(level: Level) -> impl IntoView {
    let (mouth, fill) = match level {
        Level::VerySatisfied => ("M9 19 Q16 27 23 19", "#00703c"),
        Level::Satisfied => ("M10 20 Q16 24 22 20", "#00703c"),
        Level::Basic => ("M10 21 L22 21", "#505a5f"),
        Level::Dissatisfied => ("M10 23 Q16 19 22 23", "#d4351c"),
        Level::VeryDissatisfied => ("M9 24 Q16 16 23 24", "#d4351c"),
    };
    view! {
        <svg class="rate-levels__face" viewBox="0 0 32 32" width="36" height="36" aria-hidden="true" focusable="false">
            <circle cx="16" cy="16" r="14" fill="none" stroke=fill stroke-width="2.5"/>
            <circle cx="11" cy="12" r="2" fill=fill/>
            <circle cx="21" cy="12" r="2" fill=fill/>
            <path d=mouth fill="none" stroke=fill stroke-width="2.5" stroke-linecap="round"/>
        </svg>
    }
}

#[component]
pub fn RateWindow() -> impl IntoView {
    rate_form("w")
}

#[component]
pub fn RateTicket() -> impl IntoView {
    rate_form("t")
}

#[component]
pub fn RateCase() -> impl IntoView {
    rate_form("c")
}

/// `/rate/thanks/{id}`: what happens next.
#[component]
pub fn RateThanks() -> impl IntoView {
    loaded(rating_thanks(param("id")), |level: Level| {
        let l = lang();
        let heading = l.pick("感谢您的评价", "Thank you for your rating");
        view! {
            <Page title=heading>
                <div class="panel"><h1 class="panel__title">{heading}</h1></div>
                <p class="rate-thanks__level">{face(level)}{l.pick(format!("您的评价：{}", level.label(l)), format!("Your rating: {}", level.label(l)))}</p>
                <h2>{l.pick("接下来", "What happens next")}</h2>
                {if level.is_good() {
                    view! { <p>{l.pick("您的评价已记录，计入窗口本月的好评率，并向社会公开。", "Your rating is recorded and counts towards the window's rating this month, which is published.")}</p> }.into_any()
                } else {
                    view! { <p>{l.pick("工作人员将在3个工作日内用您验证的手机号码联系您回访，整改结果会短信告诉您。", "Staff will call the mobile number you verified within 3 working days, and text you what was put right.")}</p> }.into_any()
                }}
                <p><a href="/">{l.pick("返回首页", "Back to the home page")}</a></p>
            </Page>
        }
    })
}

/// `/staff/ratings` (staff pages speak Chinese).
#[component]
pub fn StaffRatings() -> impl IntoView {
    loaded(signed_in("/staff/ratings".into(), staff_ratings()), |groups: Vec<WindowRatings>| {
        view! {
            <Page title="窗口评价">
                <crate::components::back_link::BackLink href="/staff" text="工作台"/>
                <h1>"窗口评价"</h1>
                <p>"本月好评率 = （非常满意 + 满意 + 基本满意）÷ 全部评价。标记的评价照常计入，请管理员核查。"</p>
                <RatingGroups groups empty="本月还没有评价"/>
            </Page>
        }
    })
}

/// `/admin/ratings`: this month's flagged ratings, by window, for the administrator to check.
#[component]
pub fn FlaggedRatings() -> impl IntoView {
    loaded(signed_in("/admin/ratings".into(), flagged_ratings()), |groups: Vec<WindowRatings>| {
        view! {
            <Page title="需核查的评价">
                <crate::components::back_link::BackLink href="/admin" text="中心管理"/>
                <h1>"需核查的评价"</h1>
                <p>"本月被标记的评价：同一手机号一天内多次评价同一窗口，或通过贴纸二维码评价了前一小时没有办结任何业务的窗口。标记的评价不会被删除，照常计入好评率；请核查是否为刷评或恶意差评。"</p>
                {groups.is_empty().then(|| view! { <p class="panel" role="status">"本月没有被标记的评价。"</p> })}
                <RatingGroups groups empty=""/>
            </Page>
        }
    })
}

/// Groups of ratings (a window's, a department's cases'), each with its 好评率 this month and its lines.
/// Groups with no ratings this month are named together in one line at the end, not each under a heading.
#[component]
fn RatingGroups(groups: Vec<WindowRatings>, empty: &'static str) -> impl IntoView {
    use crate::domain::rating::Source;
    let (rated, unrated): (Vec<WindowRatings>, Vec<WindowRatings>) = groups.into_iter().partition(|g| !g.lines.is_empty());
    let unrated = (!unrated.is_empty() && !empty.is_empty()).then(|| view! {
        <section class="window-ratings window-ratings--none">
            <h2>{empty}</h2>
            <ul class="plain-list">
                {unrated.into_iter().map(|g| view! { <li data-window=g.window_id>{g.window}</li> }).collect_view()}
            </ul>
        </section>
    });
    let rated = rated.into_iter().map(|w| view! {
        <section class="window-ratings" data-window=w.window_id.clone()>
            <h2>{format!("{} · 本月好评率 {}", w.window, w.good_rate)}</h2>
            {
                view! {
                    <ul class="choice-list">
                        {w.lines.into_iter().map(|r| view! {
                            <li class="rating-line">
                                <Tag text=r.level.label(crate::i18n::Lang::Zh) tone=if r.level.is_good() { "green" } else { "red" }/>
                                <span class="choice-list__hint">{format!("{} · {}", r.at, match r.source { Source::Placard => "贴纸二维码", Source::Case => "网上办件", _ => "现场" })}
                                    {r.phone.map(|p| format!(" · 回访电话 {p}"))}</span>
                                {(!r.indicators.is_empty()).then(|| view! { <span>{r.indicators.join("、")}</span> })}
                                {(!r.comment.is_empty()).then(|| view! { <p class="rating-line__comment">{r.comment}</p> })}
                                {r.flags.into_iter().map(|f| view! { <Tag text=f.label() tone="yellow"/> }).collect_view()}
                            </li>
                        }).collect_view()}
                    </ul>
                }
            }
        </section>
    }).collect_view();
    view! { {rated} {unrated} }
}

/// `/admin/placards?point=`: one A4 placard per window of a point — the window, its rating QR code and the five
/// levels in words — printed in one run.
#[component]
pub fn Placards() -> impl IntoView {
    let point = leptos_router::hooks::use_query_map().read_untracked().get("point").filter(|p| !p.is_empty());
    let here = "/admin/placards".to_string();
    loaded(signed_in(here, crate::api::rating::rating_placards(point)), |v: crate::domain::rating::PlacardsView| {
        let levels = Level::ALL.iter().map(|l| l.label(crate::i18n::Lang::Zh)).collect::<Vec<_>>().join(" · ");
        view! {
            <Page title="评价二维码贴纸">
                <div class="no-print">
                    <crate::components::back_link::BackLink href="/admin" text="中心管理"/>
                    <h1>"评价二维码贴纸"</h1>
                    <p>"每个窗口一张 A4，一次打印。贴纸上的二维码长期有效；窗口屏幕上的二维码每分钟更新，只有在窗口前才能扫到。通过贴纸的评价会标明来源。"</p>
                    <form method="get" action="/admin/placards" class="inline-form">
                        <crate::components::select_input::SelectInput name="point" label="服务网点" options=v.points.clone() selected=v.point_id.clone()/>
                        <button class="button button--secondary" type="submit">"显示"</button>
                    </form>
                    <p>{format!("{}：{}个窗口。用浏览器的“打印”打印本页。", v.point_name, v.placards.len())}</p>
                </div>
                {v.placards.into_iter().map(|(window, url)| view! {
                    <article class="placard">
                        <p class="placard__point">{v.point_name.clone()}</p>
                        <h2 class="placard__window">{window}</h2>
                        <p class="placard__ask">"请为我们的服务评价"</p>
                        <crate::components::qr::QrCode text=url.clone() label="评价二维码"/>
                        <p class="placard__levels">{levels.clone()}</p>
                        <p class="placard__url">{url}</p>
                    </article>
                }).collect_view()}
            </Page>
        }
    })
}
