//! A server-rendered form, from the browser: its inputs by name (what its post would send), filled again from a
//! kept copy, and a message beside one field, in the same markup the server renders (`components::field`).

use crate::domain::form::definition::{FieldKind, Section};
use crate::domain::form::FieldError;
use crate::i18n::{Key, Lang};
use std::collections::{BTreeMap, BTreeSet};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Every named control of `form` whose value a post would send (checked boxes only; no files).
pub fn read(form: &HtmlFormElement) -> Vec<(String, String)> {
    values(form, false)
}

/// [`read`] as the server rendered the page, before anyone typed.
pub fn read_defaults(form: &HtmlFormElement) -> Vec<(String, String)> {
    values(form, true)
}

fn values(form: &HtmlFormElement, defaults: bool) -> Vec<(String, String)> {
    controls(form)
        .into_iter()
        .filter_map(|el| {
            if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                let kind = i.type_();
                let checked = if defaults { i.default_checked() } else { i.checked() };
                if kind == "file" || kind == "submit" || ((kind == "checkbox" || kind == "radio") && !checked) {
                    return None;
                }
                return Some((i.name(), if defaults { i.default_value() } else { i.value() }));
            }
            if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
                return Some((s.name(), if defaults { default_option(s) } else { s.value() }));
            }
            el.dyn_ref::<HtmlTextAreaElement>().map(|t| (t.name(), if defaults { t.default_value().unwrap_or_default() } else { t.value() }))
        })
        .filter(|(name, _)| !name.is_empty())
        .collect()
}

/// The option a select showed when the page was made.
fn default_option(s: &HtmlSelectElement) -> String {
    s.query_selector("option[selected]")
        .ok()
        .flatten()
        .or_else(|| s.query_selector("option").ok().flatten())
        .and_then(|o| o.get_attribute("value"))
        .unwrap_or_default()
}

/// The inputs by name, as the server reads a post.
pub fn posted(values: &[(String, String)]) -> BTreeMap<String, String> {
    values.iter().cloned().collect()
}

fn controls(form: &HtmlFormElement) -> Vec<Element> {
    let Ok(list) = form.query_selector_all("input[name], select[name], textarea[name]") else { return vec![] };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
}

/// Puts a kept copy back into the form's visible controls (hidden inputs are the page's own). A control the
/// person has already changed on this page (typing before the script arrived) keeps what they typed.
pub fn fill(form: &HtmlFormElement, values: &[(String, String)]) {
    let kept = posted(values);
    for el in controls(form) {
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            match i.type_().as_str() {
                "hidden" | "file" | "submit" => {}
                "checkbox" | "radio" if i.checked() == i.default_checked() => i.set_checked(kept.get(&i.name()).is_some_and(|v| *v == i.value())),
                "checkbox" | "radio" => {}
                _ if i.value() == i.default_value() => i.set_value(kept.get(&i.name()).map(String::as_str).unwrap_or("")),
                _ => {}
            }
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            if s.value() == default_option(s) {
                s.set_value(kept.get(&s.name()).map(String::as_str).unwrap_or(""));
            }
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            if Ok(t.value()) == t.default_value().map_err(|_| ()) {
                t.set_value(kept.get(&t.name()).map(String::as_str).unwrap_or(""));
            }
        }
    }
}

/// The field an input belongs to, as validation names it: a date's parts and an address's detail are their
/// field's, a multiple choice's boxes their field's, a group's inputs their own (`{group}-{row}-{field}`).
pub fn field_of(section: &Section, name: &str) -> Option<String> {
    let mut fields: Vec<_> = section.fields.iter().collect();
    // The longest id first, so `home-detail` is not taken for a field `home-d…`.
    fields.sort_by_key(|f| std::cmp::Reverse(f.id.len()));
    fields.into_iter().find_map(|f| {
        let under = name.strip_prefix(f.id.as_str()).is_some_and(|rest| rest.starts_with('-'));
        match f.kind {
            FieldKind::Group { .. } if under => Some(name.to_string()),
            _ if name == f.id || under => Some(f.id.clone()),
            _ => None,
        }
    })
}

/// Shows the problems of the fields in `fields` beside them, and clears the message of those that have none.
pub fn show(form: &HtmlFormElement, errors: &[FieldError], fields: &BTreeSet<String>, lang: Lang) {
    for field in fields {
        let message = errors.iter().find(|e| &e.field == field).map(|e| e.message.as_str());
        say(form, field, message, lang);
    }
}

/// Puts `message` beside field `field` (or takes it away): the same markup as a failed post's
/// (`components::field::hint_and_error`), the field's group marked as in error.
pub fn say(form: &HtmlFormElement, field: &str, message: Option<&str>, lang: Lang) {
    let Ok(Some(group)) = form.query_selector(&format!("[data-field=\"{field}\"]")) else { return };
    let doc = super::window().document().expect("a window has a document");
    let error_id = format!("{field}-error");
    let existing = doc.get_element_by_id(&error_id);
    let base = group.class_list().item(0).unwrap_or_default();
    let marked = format!("{base}--error");
    let control = doc.get_element_by_id(field).filter(|c| group.contains(Some(c)));
    match message {
        None => {
            let _ = group.class_list().remove_1(&marked);
            if let Some(p) = existing {
                p.remove();
            }
            if let Some(c) = control {
                describe(&c, &error_id, false);
            }
        }
        Some(m) => {
            let _ = group.class_list().add_1(&marked);
            let p = match existing {
                Some(p) => p,
                None => {
                    let Ok(p) = doc.create_element("p") else { return };
                    p.set_class_name("text-input__error");
                    p.set_id(&error_id);
                    // After the hint, or after the label or legend.
                    let hint = doc.get_element_by_id(&format!("{field}-hint")).filter(|h| group.contains(Some(h)));
                    let anchor = hint.or_else(|| group.query_selector("label, legend").ok().flatten());
                    match anchor {
                        Some(a) => {
                            let _ = a.after_with_node_1(&p);
                        }
                        None => {
                            let _ = group.prepend_with_node_1(&p);
                        }
                    }
                    p
                }
            };
            p.set_text_content(None);
            if let Ok(prefix) = doc.create_element("span") {
                prefix.set_class_name("visually-hidden");
                prefix.set_text_content(Some(lang.t(Key::ErrorPrefix)));
                let _ = p.append_with_node_1(&prefix);
            }
            let _ = p.append_with_str_1(m);
            if let Some(c) = control {
                describe(&c, &error_id, true);
            }
        }
    }
}

/// Adds or removes `id` from a control's `aria-describedby`.
fn describe(control: &Element, id: &str, on: bool) {
    let now = control.get_attribute("aria-describedby").unwrap_or_default();
    let mut ids: Vec<&str> = now.split_whitespace().filter(|x| *x != id).collect();
    if on {
        ids.push(id);
    }
    if ids.is_empty() {
        let _ = control.remove_attribute("aria-describedby");
    } else {
        let _ = control.set_attribute("aria-describedby", &ids.join(" "));
    }
}
