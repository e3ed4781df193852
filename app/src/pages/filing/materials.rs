//! The uploads: `/apply/d/{draft}/materials` lists the item's materials with what is uploaded, and
//! `/apply/d/{draft}/m/{material}` takes one file for one material (a plain file input: replace and remove).

use super::{caption, load, param, title};
use crate::api::filing::{RemoveMaterial, UploadMaterial};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::drafts::{props, UploadKeeper};
use crate::components::file_upload::FileUpload;
use crate::components::island_scripts::IslandScripts;
use crate::domain::form::keep::KeepUpload;
use crate::components::layout::Page;
use crate::components::task_list::{Task, TaskList};
use crate::domain::catalogue::Requirement;
use crate::domain::form::definition::MaterialSpec;
use crate::domain::form::page::{flash_form, size_words, ApplicationView, ApplyQuery, UploadLine};
use crate::i18n::{lang, Lang};
use crate::pages::{loaded, query};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn requirement_words(m: &MaterialSpec, l: Lang) -> String {
    let mut w = l.pick(m.requirement.zh(), m.requirement.en()).to_string();
    if m.original {
        w.push_str(l.pick("，办结领取时需出示原件", "; show the original when you collect the result"));
    }
    if m.requirement == Requirement::Deferrable {
        w.push_str(l.pick("，可以先提交，之后补交", "; you can submit now and provide it later"));
    }
    w
}

/// `/apply/d/{draft}/materials`.
#[component]
pub fn MaterialsPage() -> impl IntoView {
    loaded(load(), |a: ApplicationView| {
        let l = lang();
        let heading = l.pick("上传材料", "Upload documents");
        let tasks: Vec<Task> = a
            .form
            .materials
            .iter()
            .map(|m| {
                let up = a.upload(&m.id);
                Task {
                    name: m.name.clone(),
                    href: Some(format!("/apply/d/{}/m/{}", a.draft, m.id)),
                    hint: Some(requirement_words(m, l)),
                    status: if up.is_some() { l.pick("已上传", "Uploaded") } else { l.pick("未上传", "Not uploaded") }.into(),
                    tone: if up.is_some() { "green" } else if m.requirement == Requirement::Required { "blue" } else { "grey" },
                }
            })
            .collect();
        view! {
            <Page title=format!("{heading} - {}", a.item_name)>
                <BackLink href=format!("/apply/d/{}", a.draft)/>
                <span class="caption">{caption(&a)}</span>
                <h1>{heading}</h1>
                <p>{l.pick("每项材料上传一个文件：照片（JPG、PNG）或 PDF。多页的材料请合成一个 PDF，或拍在一张照片里。", "One file per document: a photo (JPG or PNG) or a PDF. Put several pages in one PDF or one photo.")}</p>
                {if a.form.materials.is_empty() {
                    view! { <p>{l.pick("本事项无需上传材料。", "Nothing to upload for this service.")}</p> }.into_any()
                } else {
                    view! { <TaskList tasks=tasks/> }.into_any()
                }}
                <p><a class="button" href=format!("/apply/d/{}", a.draft)>{l.pick("返回任务列表", "Back to the task list")}</a></p>
            </Page>
        }
    })
}

/// What is uploaded for a material: a thumbnail for an image, an icon for a PDF, its name and size.
fn uploaded(u: &UploadLine, l: Lang) -> impl IntoView {
    let href = format!("/files/{}", u.id);
    let preview = if u.thumbnail {
        view! { <img class="upload-preview__thumb" src=format!("{href}/thumb") alt="" width="96" height="96" loading="lazy"/> }.into_any()
    } else {
        view! { <span class="upload-preview__icon" aria-hidden="true">{u.file_type.code().to_ascii_uppercase()}</span> }.into_any()
    };
    view! {
        <div class="upload-preview">
            <a href=href class="upload-preview__link" target="_blank" rel="noopener">
                {preview}<span class="visually-hidden">{l.pick(format!("查看 {}", u.file_name), format!("View {}", u.file_name))}</span>
            </a>
            <p class="upload-preview__name">{u.file_name.clone()}<br/><span class="caption">{size_words(u.bytes)}</span></p>
        </div>
    }
}

/// `/apply/d/{draft}/m/{material}`.
#[component]
pub fn MaterialPage() -> impl IntoView {
    let q: ApplyQuery = query();
    let material = param("material");
    loaded(load(), move |a: ApplicationView| {
        let l = lang();
        let Some(m) = a.form.materials.iter().find(|m| m.id == material).cloned() else {
            return view! { <crate::components::not_found::NotFoundBody what=l.pick("页面", "page")/> }.into_any();
        };
        let form = flash_form(&a.draft, &format!("m:{}", m.id));
        let flash = if a.flash.form == form { a.flash.clone() } else { Default::default() };
        let up = a.upload(&m.id).cloned();
        let accept = m.accept.iter().map(|t| t.mime()).collect::<Vec<_>>().join(",");
        let back = if q.from_check { format!("/apply/d/{}/check", a.draft) } else { format!("/apply/d/{}/materials", a.draft) };
        let limit_mb = a.max_upload_bytes / (1024 * 1024);
        let choose = if up.is_some() { l.pick("换一个文件", "Choose a different file") } else { l.pick("选择文件", "Choose a file") };
        let keep = props(&KeepUpload {
            owner: a.owner.clone(),
            draft: a.draft.clone(),
            material: m.id.clone(),
            name: m.name.clone(),
            accept: m.accept.clone(),
            max_bytes: a.max_upload_bytes,
            downscale: a.downscale,
            back_to_check: q.from_check,
            lang: l,
        });
        view! {
            <Page title=title(l, &a, &form, &m.name)>
                <BackLink href=back.clone()/>
                <ErrorSummary errors=flash.errors.clone()/>
                <span class="caption">{caption(&a)}</span>
                <h1>{m.name.clone()}</h1>
                <p>{requirement_words(&m, l)}</p>
                {up.as_ref().map(|u| view! {
                    {uploaded(u, l)}
                    <form method="post" action=RemoveMaterial::url() class="inline-form">
                        <input type="hidden" name="id" value=a.draft.clone()/>
                        <input type="hidden" name="material" value=m.id.clone()/>
                        <button class="link-button" type="submit">{l.pick("删除此文件", "Remove this file")}</button>
                    </form>
                })}
                <UploadKeeper keep=keep>
                <form method="post" action=UploadMaterial::url() enctype="multipart/form-data" class="form">
                    <input type="hidden" name="id" value=a.draft.clone()/>
                    <input type="hidden" name="material" value=m.id.clone()/>
                    {q.from_check.then(|| view! { <input type="hidden" name="back_to_check" value="1"/> })}
                    <FileUpload name="file" accept=accept error=flash.error("file")
                        label=choose
                        hint=l.pick(format!("照片（JPG、PNG）或 PDF，不超过 {limit_mb} MB。拍照时请把材料放平、拍全、拍清楚。"), format!("A photo (JPG or PNG) or a PDF, up to {limit_mb} MB. Lay the document flat and make sure all of it is sharp."))/>
                    <button class="button" type="submit">{l.pick("上传并继续", "Upload and continue")}</button>
                </form>
                </UploadKeeper>
                <IslandScripts/>
                {up.is_some().then(|| view! { <p><a href=back>{l.pick("不更换，继续", "Keep this file and continue")}</a></p> })}
            </Page>
        }
        .into_any()
    })
}
