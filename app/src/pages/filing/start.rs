//! `/apply/{item}`: what an online application asks for, and a button to start it (or carry on a draft of it).

use crate::api::filing::{apply_start, online_items, StartApplication};
use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::domain::form::page::StartView;
use crate::i18n::lang;
use crate::pages::{loaded, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn ApplyStart() -> impl IntoView {
    let item = super::param("item");
    let next = format!("/apply/{}", crate::domain::html::encode_query(&item));
    loaded(signed_in(next, apply_start(item)), |s: StartView| {
        let l = lang();
        let heading = l.pick("网上申报", "Apply online");
        let mb = s.max_upload_bytes / (1024 * 1024);
        view! {
            <Page title=format!("{heading} - {}", s.item_name)>
                <BackLink href=format!("/guide/{}", s.item_code)/>
                <span class="caption">{s.item_name.clone()}</span>
                <h1>{heading}</h1>
                <p>{l.pick(
                    format!("在手机上填写申请、上传材料，提交后由部门审核，承诺{}个工作日内办结。填写的内容每一步都会保存，可以随时回来继续。", s.promised_days),
                    format!("Fill in the application and upload the documents on your phone. The department checks it and promises to finish within {} working days. Every step is saved, so you can come back to it.", s.promised_days),
                )}</p>
                <h2>{l.pick("需要填写", "What you will be asked")}</h2>
                <ul class="list">{s.sections.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                <h2>{l.pick("需要上传的材料", "Documents to upload")}</h2>
                {if s.materials.is_empty() {
                    view! { <p>{l.pick("本事项无需上传材料。", "Nothing to upload for this service.")}</p> }.into_any()
                } else {
                    view! {
                        <p>{l.pick(format!("请准备好材料的照片或 PDF 文件（JPG、PNG、PDF，每个不超过 {mb} MB）。"), format!("Have photos or PDFs of these ready (JPG, PNG or PDF, up to {mb} MB each)."))}</p>
                        <ul class="list">
                            {s.materials.into_iter().map(|m| view! {
                                <li>{m.name}" "<span class="caption">{format!("（{}）", l.pick(m.requirement.zh(), m.requirement.en()))}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(!s.drafts.is_empty()).then(|| view! {
                    <h2>{l.pick("未完成的申请", "Applications you have started")}</h2>
                    <ul class="choice-list">
                        {s.drafts.into_iter().map(|d| view! {
                            <li><a href=format!("/apply/d/{}", d.id)>{l.pick(format!("继续填写（{} 保存）", d.changed), format!("Carry on (saved {})", d.changed))}</a>
                                <span class="choice-list__hint">{l.pick(format!("已完成{}/{}项", d.done, d.tasks), format!("{} of {} done", d.done, d.tasks))}</span></li>
                        }).collect_view()}
                    </ul>
                })}
                <form method="post" action=StartApplication::url()>
                    <input type="hidden" name="item" value=s.item_code/>
                    <input type="hidden" name="key" value=s.start_key/>
                    {(!s.enterprises.is_empty()).then(|| {
                        let mut options = vec![("self".to_string(), l.pick("本人申请", "For myself").to_string())];
                        options.extend(s.enterprises.iter().map(|(uscc, name)| (uscc.clone(), l.pick(format!("以企业名义：{name}"), format!("As the enterprise: {name}")))));
                        view! { <crate::components::radios::Radios name="filer" legend=l.pick("以谁的名义申请", "Who is applying") options=options checked="self".to_string()/> }
                    })}
                    <button class="button" type="submit">{l.pick("开始申请", "Start now")}</button>
                </form>
            </Page>
        }
    })
}

/// `/apply`: the services that can be filed online with their own form; every other is started from its guide.
#[component]
pub fn ApplyIndex() -> impl IntoView {
    loaded(online_items(), |items: Vec<(String, String)>| {
        let l = lang();
        let heading = l.pick("网上申报", "Apply online");
        view! {
            <Page title=heading>
                <BackLink href="/"/>
                <h1>{heading}</h1>
                <p>{l.pick("以下事项可以在手机上填写申请、上传材料，不用跑腿。其他事项请在办事指南中找到后点“网上申报”。", "These services can be applied for on your phone, documents and all. For any other, find it in the guide and choose Apply online.")}</p>
                <ul class="choice-list">
                    {items.into_iter().map(|(code, name)| view! {
                        <li><a href=format!("/apply/{code}")>{name}</a></li>
                    }).collect_view()}
                </ul>
                <p><a href="/drafts">{l.pick("我的草稿", "My drafts")}</a>" · "<a href="/cases">{l.pick("我的办件", "My cases")}</a></p>
            </Page>
        }
    })
}
