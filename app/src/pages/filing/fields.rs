//! One form field of an application, rendered for a plain form post (the names of `domain::form::post`), with its
//! answer, hint and error. The section pages and the delivery page render their questions through here.

use crate::components::date_input::DateInput;
use crate::components::grouped_select::GroupedSelect;
use crate::components::radios::{Checkboxes, Options, Radios};
use crate::components::select_input::SelectInput;
use crate::components::text_input::TextInput;
use crate::domain::form::definition::{Choice, Field, FieldKind};
use crate::domain::form::post;
use crate::domain::form::{Answers, Flash};
use crate::domain::points::TownOption;
use crate::i18n::Lang;
use leptos::prelude::*;

/// More options than this are a drop-down, not radios.
const MOST_RADIOS: usize = 8;

fn choices(options: &[Choice]) -> Options {
    options.iter().map(|o| (o.value.clone(), o.label.clone())).collect::<Vec<_>>().into()
}

/// The hint under a field's label: its own, and when it is asked only for some answers, which ones (without
/// JavaScript every question of the page is shown; the others' answers are not sent).
fn hint(f: &Field, section: &[Field], l: Lang) -> Option<String> {
    let when = f.show_if.as_ref().and_then(|c| {
        let on = section.iter().find(|s| s.id == c.field)?;
        let labels: Vec<String> = match &on.kind {
            FieldKind::Choice { options } | FieldKind::Choices { options } => {
                options.iter().filter(|o| c.any_of.contains(&o.value)).map(|o| o.label.clone()).collect()
            }
            _ => c.any_of.clone(),
        };
        let labels = labels.join(l.pick("”或“", "” or “"));
        Some(l.pick(format!("{}选择“{labels}”时填写。", on.label), format!("Only if “{labels}” is chosen for {}.", on.label)))
    });
    let parts: Vec<String> = [when, f.hint.clone()].into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn label(f: &Field, l: Lang) -> String {
    if f.required {
        f.label.clone()
    } else {
        format!("{}{}", f.label, l.pick("（选填）", " (optional)"))
    }
}

/// One question of `section` (the page's fields, for the "only if" hints).
pub fn field_view(f: &Field, section: &[Field], answers: &Answers, flash: &Flash, towns: &[TownOption], l: Lang) -> AnyView {
    let id = f.id.clone();
    let (label, hint, error) = (label(f, l), hint(f, section, l), flash.error(&id));
    let value = post::text(answers, &id);
    match &f.kind {
        FieldKind::Text { .. } => view! { <TextInput name=id label=label hint=hint.clone().unwrap_or_default() error=error value=value/> }.into_any(),
        FieldKind::LongText { .. } => view! { <TextInput name=id label=label hint=hint.clone().unwrap_or_default() error=error value=value rows=5/> }.into_any(),
        FieldKind::Number { .. } => {
            view! { <TextInput name=id label=label hint=hint.clone().unwrap_or_default() error=error value=value inputmode="decimal" short=true/> }.into_any()
        }
        FieldKind::Mobile => {
            view! { <TextInput name=id label=label hint=hint.clone().unwrap_or_default() error=error value=value inputmode="tel" kind="tel" autocomplete="tel"/> }.into_any()
        }
        FieldKind::IdNumber | FieldKind::CreditCode => view! { <TextInput name=id label=label hint=hint.clone().unwrap_or_default() error=error value=value/> }.into_any(),
        FieldKind::Date => view! { <DateInput name=id legend=label hint=hint.clone().unwrap_or_default() error=error value=post::date_parts(answers, &f.id)/> }.into_any(),
        FieldKind::Choice { options } if options.len() > MOST_RADIOS => {
            let options = options.iter().map(|o| (o.value.clone(), o.label.clone())).collect();
            view! { <SelectInput name=id label=label hint=hint.clone().unwrap_or_default() error=error options=options selected=value/> }.into_any()
        }
        FieldKind::Choice { options } => {
            view! { <Radios name=id legend=label hint=hint.unwrap_or_default() error=error options=choices(options) checked=value/> }.into_any()
        }
        FieldKind::Choices { options } => {
            let checked = options.iter().filter(|o| post::ticked(answers, &f.id, &o.value)).map(|o| o.value.clone()).collect();
            view! { <Checkboxes name=id legend=label hint=hint.unwrap_or_default() error=error options=choices(options) checked=checked per_option=true/> }
                .into_any()
        }
        FieldKind::Address => {
            let (village, detail) = post::address(answers, &f.id);
            let detail_name = format!("{id}-detail");
            view! {
                <fieldset class="address-field">
                    <legend class="address-field__legend">{label}</legend>
                    <GroupedSelect name=id label=l.pick("乡镇（街道）和村（社区）", "Town and village") hint=hint.clone().unwrap_or_default() error=error
                        placeholder=l.pick("请选择", "Choose") groups=TownOption::groups(towns) selected=village/>
                    <TextInput name=detail_name label=l.pick("详细地址", "Street, house number") hint=l.pick("如组、门牌号", "Group and house number")
                        value=detail/>
                </fieldset>
            }
            .into_any()
        }
        FieldKind::Group { fields, min_rows, max_rows } => {
            let rows = post::rows(answers, &f.id, *min_rows, *max_rows);
            let rows_shown = rows.len();
            let (group, inner) = (f.id.clone(), fields.clone());
            let hint = hint.unwrap_or_else(|| l.pick(format!("最多填写{max_rows}位，空着的行不会提交。"), format!("Up to {max_rows}. Rows left blank are not sent.")));
            view! {
                <fieldset class="group-field" id=id.clone() data-field=id.clone()>
                    <legend class="group-field__legend">{label}</legend>
                    <p class="text-input__hint">{hint}</p>
                    {error.map(|m| view! {
                        <p class="text-input__error" id=format!("{id}-error")><span class="visually-hidden">{l.t(crate::i18n::Key::ErrorPrefix)}</span>{m}</p>
                    })}
                    {rows.into_iter().enumerate().map(|(i, row)| {
                        let n = i + 1;
                        view! {
                            <fieldset class="group-field__row">
                                <legend class="group-field__row-legend">{l.pick(format!("第{n}位"), format!("Person {n}"))}</legend>
                                {inner.iter().map(|g| {
                                    let name = format!("{group}-{n}-{}", g.id);
                                    let a: Answers = row.iter().map(|(k, v)| (format!("{group}-{n}-{k}"), crate::domain::form::Value::One(v.clone()))).collect();
                                    let g = Field { id: name, ..g.clone() };
                                    field_view(&g, &[], &a, flash, towns, l)
                                }).collect_view()}
                            </fieldset>
                        }
                    }).collect_view()}
                    {(rows_shown < *max_rows).then(|| view! {
                        <button class="button button--secondary" type="submit" name="add_row" value=group.clone()>
                            {l.pick("保存并再添加一位", "Save and add another")}
                        </button>
                    })}
                </fieldset>
            }
            .into_any()
        }
    }
}
