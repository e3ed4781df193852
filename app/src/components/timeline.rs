//! A case's steps, oldest first, each with its time and where it happened (办件进度): the tracking page, the public
//! lookup and the staff case page show the same list; staff also see who did each step.

use crate::domain::cases::page::StepLine;
use crate::domain::form::page::size_words;
use crate::i18n::lang;
use leptos::prelude::*;

#[component]
pub fn Timeline(steps: Vec<StepLine>) -> impl IntoView {
    let l = lang();
    view! {
        <ol class="timeline">
            {steps.into_iter().map(|s| {
                let place = (!s.place.is_empty()).then(|| format!(" · {}", s.place));
                view! {
                    <li class="timeline__step" data-event=s.event.code()>
                        <h3 class="timeline__label">{s.label.clone()}</h3>
                        <p class="timeline__when">{s.at.clone()}{place}</p>
                        {s.by.map(|b| view! { <p class="timeline__by">{l.pick(format!("经办：{b}"), format!("By: {b}"))}</p> })}
                        {(!s.lines.is_empty()).then(|| view! {
                            <ul class="timeline__lines">{s.lines.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                        })}
                        {(!s.files.is_empty()).then(|| view! {
                            <ul class="timeline__files">
                                {s.files.into_iter().map(|f| view! {
                                    <li><a href=format!("/files/{}", f.id) target="_blank" rel="noopener">{f.file_name.clone()}</a>
                                        " " <span class="caption">{size_words(f.bytes)}</span></li>
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
