//! Forms shared by every capability: a failed form's values and errors ([`Flash`]), kept for the next GET so the
//! page comes back with what was typed and a message beside each field (GUIDE §4, one pattern for a failed post).
//! The session keeps it between the post and the page (`api::session::fail_back`, `take_flash`). Pure data, so
//! services and page types below the api can carry it.
//!
//! Application forms (网上申报) live here too: [`definition`] (sections, field kinds, conditions, materials),
//! [`ids`] (the ID number's and the credit code's check characters) and [`validate`], the one check of the answers.

pub mod definition;
pub mod ids;
pub mod keep;
pub mod library;
pub mod page;
pub mod post;
pub mod progress;
pub mod upload;
mod validate;

pub use validate::{shown, validate, Answers, Check, Value};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One problem with a form field: the field's id and a message naming it and what to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// A failed form, kept for the next GET: which form, what was typed, what is wrong.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub errors: Vec<FieldError>,
}

impl Flash {
    pub fn new(form: &str) -> Self {
        Self { form: form.into(), ..Default::default() }
    }

    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.clone())
    }

    pub fn with_value(mut self, field: &str, value: &str) -> Self {
        self.values.insert(field.into(), value.into());
        self
    }

    pub fn with_error(mut self, field: &str, message: impl Into<String>) -> Self {
        self.errors.push(FieldError { field: field.into(), message: message.into() });
        self
    }

    /// Reads the typed value of `field` as a whole number; when it is not one, an error on the field naming it
    /// (`{label}应为整数`) and -1.
    pub fn int(self, field: &str, label: &str) -> (Self, i64) {
        match self.value(field).trim().parse::<i64>() {
            Ok(n) => (self, n),
            Err(_) => (self.with_error(field, format!("{label}应为整数")), -1),
        }
    }
}
