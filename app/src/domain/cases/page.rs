//! What case pages show, as plain data the server fills and the pages render: the applicant's tracking page, the
//! public lookup's answer, the staff intake list and the staff case page.

use super::deadline::Colour;
use super::lifecycle::{CaseState, Event};
use super::CorrectionItem;
use crate::domain::form::page::UploadLine;
use crate::domain::form::Flash;
use serde::{Deserialize, Serialize};

/// One step of a case's timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepLine {
    pub event: Event,
    pub label: String,
    /// When, in words (civil time).
    pub at: String,
    /// The window or point where it happened ("" online).
    pub place: String,
    /// Who did it (staff pages only).
    pub by: Option<String>,
    /// What the step says to the applicant: the refusal's reason, the decision's, the correction points.
    pub lines: Vec<String>,
    /// Files that came with it (staff pages and the applicant's own).
    pub files: Vec<UploadLine>,
}

/// Who is looking at a tracking page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Viewer {
    /// The applicant, signed in: everything, and what to do now.
    Applicant,
    /// Someone holding the signed link from the applicant's SMS: the steps with what they say, the shipment and
    /// what is asked (to supply it, sign in); no name, number, address or file.
    Link,
    /// Someone who passed the lookup: the steps and dates only.
    Public,
}

/// `/track/{case_no}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackView {
    pub viewer: Viewer,
    pub number: String,
    pub item_name: String,
    pub state: CaseState,
    /// The receipt date in words.
    pub received: String,
    /// The expected completion date in words, or why there is none.
    pub expected: String,
    pub steps: Vec<StepLine>,
    /// The applicant's part now (applicant only): the open correction notice's points.
    pub todo: Vec<CorrectionItem>,
    /// Files supplied so far for the open notice, by material (applicant only).
    pub supplied: Vec<UploadLine>,
    /// Answers written so far for the notice's fields, by field id (applicant only).
    pub written: Vec<(String, String)>,
    /// Deferred materials to supply, and by when (applicant only).
    pub deferred: Option<(Vec<String>, String)>,
    /// The posted result: carrier, tracking number, the carrier's tracking page.
    pub shipment: Option<(String, String, String)>,
    /// How the result is received, in words.
    pub delivery: String,
    /// The largest file accepted, in words.
    pub max_upload: String,
    pub flash: Flash,
}

/// One line of the staff intake list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntakeLine {
    pub number: String,
    pub item_code: String,
    pub item_name: String,
    pub state: CaseState,
    pub received: String,
    /// The running step's due date, in words; "暂停计时" while the applicant corrects.
    pub due: String,
    pub colour: Option<Colour>,
    pub at_counter: bool,
    pub assigned: Option<String>,
}

/// The intake list's filters (`/staff/cases?state=&colour=&item=&date=`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IntakeFilter {
    pub state: Option<String>,
    pub colour: Option<String>,
    pub item: Option<String>,
    /// Received on this date (YYYY-MM-DD).
    pub date: Option<String>,
}

/// `/staff/cases`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IntakeView {
    pub lines: Vec<IntakeLine>,
    pub filter: IntakeFilter,
    /// (code, name) of the items among the listed cases, for the filter.
    pub items: Vec<(String, String)>,
    /// Cases the asker may see before filtering.
    pub total: usize,
}

/// A material of a case as staff see it: its files, newest first (earlier ones replaced by a correction).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialFiles {
    pub id: String,
    pub name: String,
    pub deferrable: bool,
    pub files: Vec<UploadLine>,
}

/// `/staff/cases/{number}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffCaseView {
    pub number: String,
    pub item_code: String,
    pub item_name: String,
    pub legal_basis: String,
    pub state: CaseState,
    pub received: String,
    pub due: String,
    pub colour: Option<Colour>,
    pub expected: String,
    pub at_counter: bool,
    /// The applicant as the account knows them: name and mobile, in full (staff handling the case).
    pub applicant: (String, String),
    /// (label, answer in words) of every question asked.
    pub answers: Vec<(String, String)>,
    /// (field id, label) of the top-level questions, for the correction notice.
    pub fields: Vec<(String, String)>,
    pub materials: Vec<MaterialFiles>,
    pub delivery: String,
    /// The result is posted: the clerk records the carrier and tracking number when delivering.
    pub posted: bool,
    pub steps: Vec<StepLine>,
    /// The open correction notice.
    pub correction: Vec<CorrectionItem>,
    /// The last correction notice sent (for printing it again after the applicant answered).
    pub last_notice: Vec<CorrectionItem>,
    pub deferred: Option<(Vec<String>, String)>,
    /// What the asker may do now.
    pub actions: Vec<Event>,
    pub assigned: Option<String>,
    /// (account id, name) of colleagues it can be given to.
    pub colleagues: Vec<(String, String)>,
    /// The absolute tracking link printed on notices (from configuration).
    pub track_url: String,
    /// The point that handles it, by name.
    pub point_name: String,
    pub flash: Flash,
}

/// `/track/{case_no}?s=`: the signature of the SMS's link.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TrackQuery {
    pub s: Option<String>,
}

impl crate::domain::query::FromQuery for TrackQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { s: crate::domain::query::given(get, "s") }
    }
}

impl crate::domain::query::FromQuery for IntakeFilter {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        use crate::domain::query::given;
        Self { state: given(get, "state"), colour: given(get, "colour"), item: given(get, "item"), date: given(get, "date") }
    }
}
