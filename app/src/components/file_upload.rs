use leptos::prelude::*;

/// A file field with its label, hint (the accepted types and size) and error (GOV.UK file upload), and a progress
/// bar that scripts fill while the file uploads; without JavaScript the form posts the file and the bar stays
/// hidden. `accept` lists the types the material allows (`.jpg,.png,.pdf`).
#[component]
pub fn FileUpload(
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    #[prop(optional, into)] accept: String,
    #[prop(default = false)] multiple: bool,
    /// Already uploaded: percent done (0–100) to show the bar, e.g. while resuming; `None` keeps it hidden.
    #[prop(optional)]
    progress: Option<u8>,
) -> impl IntoView {
    let class = super::field::group_class("file-upload", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let progress_id = format!("{name}-progress");
    let accept = (!accept.is_empty()).then_some(accept);
    let field_name = name.clone();
    view! {
        <div class=class data-field=field_name>
            <label class="file-upload__label" for=name.clone()>{label}</label>
            {hint_and_error}
            <input class="file-upload__input" id=name.clone() name=name type="file" accept=accept multiple=multiple aria-describedby=described/>
            <div class="file-upload__progress" hidden=progress.is_none()>
                <label class="visually-hidden" for=progress_id.clone()>{crate::i18n::t(crate::i18n::Key::UploadProgress)}</label>
                <progress id=progress_id max="100" value=progress.unwrap_or(0).to_string()>{format!("{}%", progress.unwrap_or(0))}</progress>
                <span class="file-upload__percent" aria-hidden="true">{format!("{}%", progress.unwrap_or(0))}</span>
            </div>
        </div>
    }
}
