//! What the filing pages show: the application's task list and sections, my drafts, my cases, a submitted case's
//! confirmation. Plain data built by `service::filing`, returned by `api::filing`, rendered by the pages.

use super::definition::FormDef;
use super::progress::Task;
use super::validate::Answers;
use super::Flash;
use crate::domain::cases::{CaseState, Delivery};
use serde::{Deserialize, Serialize};

/// One application in progress, for its task list, section pages and check-answers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub draft: String,
    pub item_code: String,
    pub item_name: String,
    pub form: FormDef,
    pub answers: Answers,
    pub delivery: Option<Delivery>,
    pub tasks: Vec<Task>,
    /// Carried by the submit form: however often it is sent, one case.
    pub submit_key: String,
    /// The last failed post of one of its pages, if any.
    pub flash: Flash,
}

/// A draft in 我的草稿.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    pub id: String,
    pub item_name: String,
    /// When it last changed, in words.
    pub changed: String,
    pub done: usize,
    pub tasks: usize,
}

/// A case in 我的办件, or confirmed after submitting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseLine {
    pub number: String,
    pub item_name: String,
    pub state: CaseState,
    /// When it was submitted, in words.
    pub submitted: String,
    /// The receipt date in words: "您于周六 22:14 提交，收件日为12月7日（周一）。"
    pub receipt: String,
}
