//! `/track/{case_no}`: a case's progress (办件进度) for its applicant — every step with its time and window, the
//! expected completion date, and what to do now (the correction notice's points, each with its upload) — or, for
//! the signed SMS link and a passed lookup, the steps without personal data. `/track`: the lookup by number and
//! the last four characters of the applicant's mobile, ID number or USCC.

use crate::api::cases::{track_case, track_lookup_page, ResubmitCase, SupplyMaterial, TrackLookup};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::file_upload::FileUpload;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::components::timeline::Timeline;
use crate::domain::cases::page::{TrackView, Viewer};
use crate::domain::cases::Target;
use crate::domain::form::page::size_words;
use crate::domain::form::Flash;
use crate::i18n::lang;
use crate::pages::{loaded, param, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/track/{case_no}`.
#[component]
pub fn TrackPage() -> impl IntoView {
    let number = param("number");
    let q: crate::domain::cases::page::TrackQuery = crate::pages::query();
    let next = format!("/track/{}", crate::domain::html::encode_query(&number));
    loaded(signed_in(next, track_case(number, q.s)), |v: TrackView| {
        let l = lang();
        let heading = l.pick("办件进度", "Case progress");
        let failed = !v.flash.errors.is_empty();
        let title = format!("{}{heading} - {}", if failed { l.pick("错误：", "Error: ") } else { "" }, v.number);
        let mut rows = vec![
            (l.pick("办件编号", "Case number").to_string(), v.number.clone()),
            (l.pick("事项", "Service").to_string(), v.item_name.clone()),
            (l.pick("当前状态", "Status").to_string(), v.state.label(l).to_string()),
            (l.pick("收件日期", "Received").to_string(), v.received.clone()),
            (l.pick("预计办结日期", "Expected to be completed").to_string(), v.expected.clone()),
            (l.pick("结果领取", "How you receive the result").to_string(), v.delivery.clone()),
        ];
        if let Some((carrier, tracking, _)) = &v.shipment {
            rows.push((l.pick("邮寄", "Posted").to_string(), l.pick(format!("{carrier}，运单号 {tracking}"), format!("{carrier}, tracking number {tracking}"))));
        }
        let shipment_link = v.shipment.as_ref().map(|(carrier, _, url)| view! {
            <p><a href=url.clone() rel="noopener noreferrer">{l.pick(format!("在{carrier}网站查询邮件", ), format!("Track it on the {carrier} website"))}</a></p>
        });
        let public = v.viewer != Viewer::Applicant;
        let todo = match v.viewer {
            Viewer::Applicant => (!v.todo.is_empty()).then(|| todo_section(&v).into_any()),
            // The SMS's link: what is asked, to be supplied once signed in.
            Viewer::Link => (!v.todo.is_empty()).then(|| view! {
                <section class="todo" aria-labelledby="todo-heading">
                    <h2 id="todo-heading">{l.pick("需要申请人补正", "The applicant needs to send")}</h2>
                    <ul>{v.todo.iter().map(|it| view! { <li><strong>{it.label.clone()}</strong>{l.pick(format!("：{}。{}", it.problem, it.bring), format!(": {}. {}", it.problem, it.bring))}</li> }).collect_view()}</ul>
                    <p><a class="button" href=format!("/signin?next=/track/{}", v.number)>{l.pick("登录后补正", "Sign in to send them")}</a></p>
                </section>
            }.into_any()),
            Viewer::Public => None,
        };
        view! {
            <Page title=title>
                {(!public).then(|| view! { <BackLink href="/cases" text=l.pick("返回我的办件", "Back to My cases")/> })}
                <ErrorSummary errors=v.flash.errors.clone()/>
                <span class="caption">{v.number.clone()}</span>
                <h1>{v.item_name.clone()}</h1>
                <SummaryList rows=rows/>
                {shipment_link}
                {public.then(|| view! {
                    <p>{l.pick("为保护个人信息，这里只显示办理进度。", "To protect personal data, only the progress is shown here.")}
                        " " <a href=format!("/signin?next=/track/{}", v.number)>{l.pick("申请人登录后可查看详情和补正材料", "The applicant can sign in to see everything and send corrections")}</a></p>
                })}
                {todo}
                <h2>{l.pick("办理过程", "What has happened")}</h2>
                <Timeline steps=v.steps.clone()/>
                <p>{l.pick("咨询请拨打 0871-67911234（工作日 9:00–19:00），或到任一政务服务中心窗口。", "For help call 0871-67911234 (working days 9:00–19:00) or ask at any service centre window.")}</p>
            </Page>
        }
    })
}

/// What the applicant must do now: each point of the correction notice (or each deferred material), a material's
/// with its own upload form, a field's with a box for the corrected answer; then one button sends them all.
fn todo_section(v: &TrackView) -> impl IntoView {
    let l = lang();
    let deferring = v.deferred.is_some() && v.state == crate::domain::cases::CaseState::Accepted;
    let heading = if deferring { l.pick("请补交容缺材料", "Send the documents still to follow") } else { l.pick("请补正以下内容", "Please correct the following") };
    let intro = match &v.deferred {
        Some((_, by)) if deferring => l.pick(format!("您的申请已容缺受理，请于{by}前补交以下材料。"), format!("Your application was accepted with documents to follow: send them by {by}.")),
        _ => l.pick(
            "部门一次性告知您需要补正的全部内容。补正期间暂停计时，全部补正后点“提交补正”。".to_string(),
            "The department has told you, all at once, everything to correct. The clock stops while you correct; when everything is done, choose Send corrections.".to_string(),
        ),
    };
    let flash: &Flash = &v.flash;
    let written = |k: &str| v.written.iter().find(|(x, _)| x == k).map(|(_, y)| y.clone()).unwrap_or_default();
    let says = |it: &crate::domain::cases::CorrectionItem| view! {
        <h3>{it.label.clone()}</h3>
        <p>{l.pick(format!("问题：{}", it.problem), format!("Problem: {}", it.problem))}</p>
        <p>{l.pick(format!("需要：{}", it.bring), format!("What to do: {}", it.bring))}</p>
    };
    let materials = v
        .todo
        .iter()
        .filter_map(|it| match &it.target {
            Target::Material(m) => Some((it, m)),
            Target::Field(_) => None,
        })
        .map(|(it, m)| {
            let name = format!("file-{m}");
            let up = v.supplied.iter().find(|u| &u.material == m).cloned();
            view! {
                <div class="todo-item">
                    {says(it)}
                    {up.map(|u| view! {
                        <p class="todo-item__done">{l.pick("已上传：", "Uploaded: ")}<a href=format!("/files/{}", u.id) target="_blank" rel="noopener">{u.file_name.clone()}</a>
                            " " <span class="caption">{size_words(u.bytes)}</span></p>
                    })}
                    <form method="post" action=SupplyMaterial::url() enctype="multipart/form-data" class="form">
                        <input type="hidden" name="number" value=v.number.clone()/>
                        <input type="hidden" name="material" value=m.clone()/>
                        <FileUpload name=name.clone() accept=".jpg,.jpeg,.png,.pdf" error=flash.error(&name)
                            label=l.pick(format!("选择{}的文件", it.label), format!("Choose a file for {}", it.label))
                            hint=l.pick(format!("照片（JPG、PNG）或 PDF，不超过 {}", v.max_upload), format!("A photo (JPG or PNG) or a PDF, up to {}", v.max_upload))/>
                        <button class="button button--secondary" type="submit">{l.pick("上传", "Upload")}<span class="visually-hidden">{it.label.clone()}</span></button>
                    </form>
                </div>
            }
        })
        .collect_view();
    let fields = v
        .todo
        .iter()
        .filter_map(|it| match &it.target {
            Target::Field(f) => Some((it, format!("f:{f}"))),
            Target::Material(_) => None,
        })
        .map(|(it, key)| view! {
            <div class="todo-item">
                {says(it)}
                <TextInput name=key.clone() label=l.pick(format!("更正后的{}", it.label), format!("Corrected {}", it.label)) value=written(&key) error=flash.error(&key)/>
            </div>
        })
        .collect_view();
    view! {
        <section class="todo" aria-labelledby="todo-heading">
            <h2 id="todo-heading">{heading}</h2>
            <p>{intro}</p>
            {flash.error("resubmit").map(|m| view! { <p class="error-message" id="resubmit">{m}</p> })}
            {materials}
            <form method="post" action=ResubmitCase::url() class="form">
                <input type="hidden" name="number" value=v.number.clone()/>
                {fields}
                <button class="button" type="submit">{if deferring { l.pick("提交容缺材料", "Send the documents") } else { l.pick("提交补正", "Send corrections") }}</button>
            </form>
        </section>
    }
}

/// `/track`: look a case up without signing in.
#[component]
pub fn TrackLookupPage() -> impl IntoView {
    loaded(track_lookup_page(), |f: Flash| {
        let l = lang();
        let heading = l.pick("查询办件进度", "Check a case's progress");
        let title = if f.errors.is_empty() { heading.to_string() } else { l.pick(format!("错误：{heading}"), format!("Error: {heading}")) };
        view! {
            <Page title=title>
                <BackLink href="/" text=l.pick("返回首页", "Back to the home page")/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>{heading}</h1>
                <p>{l.pick("不用登录，输入办件编号和申请人号码的后四位即可查看办理进度。为保护个人信息，查询结果不显示申请人的信息。", "No sign-in needed: enter the case number and the last four characters of the applicant's number. To protect personal data, the answer shows no details of the applicant.")}</p>
                <form method="post" action=TrackLookup::url() class="form">
                    <TextInput name="number" label=l.pick("办件编号", "Case number") hint=l.pick("在受理通知书或短信中，如 SM2026120700042", "On the acceptance notice or the text message, like SM2026120700042") value=f.value("number") error=f.error("number") autocomplete="off"/>
                    <TextInput name="digits" label=l.pick("号码后四位", "Last four characters") hint=l.pick("申请人手机号码、身份证号码或企业统一社会信用代码的后四位", "Of the applicant's mobile number, ID number or the business's unified social credit code") error=f.error("digits") short=true autocomplete="off"/>
                    <button class="button" type="submit">{l.pick("查询", "Check")}</button>
                </form>
                <p><a href="/cases">{l.pick("已登录？查看我的办件", "Signed in? See My cases")}</a></p>
            </Page>
        }
    })
}
