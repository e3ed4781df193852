//! The service catalogue (政务服务事项 / 办事指南): items, materials, departments, and how a search query is read.

pub mod page;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Licence,
    Confirmation,
    Benefit,
    Levy,
    PublicService,
    Other,
}

impl ItemKind {
    pub const ALL: [ItemKind; 6] =
        [Self::Licence, Self::Confirmation, Self::Benefit, Self::Levy, Self::PublicService, Self::Other];

    pub fn zh(self) -> &'static str {
        match self {
            Self::Licence => "行政许可",
            Self::Confirmation => "行政确认",
            Self::Benefit => "行政给付",
            Self::Levy => "行政征收",
            Self::PublicService => "公共服务",
            Self::Other => "其他",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Licence => "Administrative licence",
            Self::Confirmation => "Administrative confirmation",
            Self::Benefit => "Benefit payment",
            Self::Levy => "Administrative levy",
            Self::PublicService => "Public service",
            Self::Other => "Other",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Licence => "Licence",
            Self::Confirmation => "Confirmation",
            Self::Benefit => "Benefit",
            Self::Levy => "Levy",
            Self::PublicService => "PublicService",
            Self::Other => "Other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// 即办件 / 承诺件 / 上报件.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Handling {
    Immediate,
    Promised,
    Referred,
}

impl Handling {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Immediate => "即办件",
            Self::Promised => "承诺件",
            Self::Referred => "上报件",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Immediate => "Done on the spot",
            Self::Promised => "Done within a promised time",
            Self::Referred => "Referred upwards",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Immediate => "Immediate",
            Self::Promised => "Promised",
            Self::Referred => "Referred",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Immediate, Self::Promised, Self::Referred].into_iter().find(|k| k.code() == s)
    }
}

/// Who an item serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Personal,
    Enterprise,
    Both,
}

impl Audience {
    pub fn code(self) -> &'static str {
        match self {
            Self::Personal => "personal",
            Self::Enterprise => "enterprise",
            Self::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Personal, Self::Enterprise, Self::Both].into_iter().find(|k| k.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Personal => "个人办事",
            Self::Enterprise => "法人办事",
            Self::Both => "个人和法人",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Personal => "Individuals",
            Self::Enterprise => "Businesses and organisations",
            Self::Both => "Individuals and businesses",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    /// Whether an item for this audience shows under the personal (`personal`) or enterprise filter.
    pub fn serves(self, wanted: Audience) -> bool {
        self == Audience::Both || wanted == Audience::Both || self == wanted
    }
}

/// Required, optional, or may be supplied later (容缺受理).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Requirement {
    Required,
    Optional,
    Deferrable,
}

impl Requirement {
    pub fn code(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::Optional => "optional",
            Self::Deferrable => "deferrable",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Required, Self::Optional, Self::Deferrable].into_iter().find(|k| k.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Required => "必交",
            Self::Optional => "选交",
            Self::Deferrable => "可容缺",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Required => "Required",
            Self::Optional => "Optional",
            Self::Deferrable => "Can follow later",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: String,
    pub requirement: Requirement,
    /// 原件 / 复印件 / 原件及复印件 / 电子证照.
    pub form: String,
    pub copies: u32,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub code: String,
    pub name: String,
    pub short: String,
}

/// A service point's kind, from the county hall down to the village station.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PointKind {
    County,
    Branch,
    Town,
    Village,
}

impl PointKind {
    pub const ALL: [PointKind; 4] = [Self::County, Self::Branch, Self::Town, Self::Village];

    pub fn code(self) -> &'static str {
        match self {
            Self::County => "county",
            Self::Branch => "branch",
            Self::Town => "town",
            Self::Village => "village",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::County => "县政务服务中心",
            Self::Branch => "政务服务分中心",
            Self::Town => "便民服务中心",
            Self::Village => "便民服务站",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::County => "County government service centre",
            Self::Branch => "Government service branch centre",
            Self::Town => "Town service centre",
            Self::Village => "Village service station",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
}

/// An item in full, as the guide shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceItem {
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    pub department: String,
    pub legal_basis: String,
    pub statutory_days: u32,
    pub promised_days: u32,
    pub handling: Handling,
    pub online_depth: u8,
    pub visits: u8,
    pub fee: String,
    pub audience: Audience,
    /// Kinds of service point that handle it (可就近办 when it includes town or village).
    pub levels: Vec<PointKind>,
    pub life_events: Vec<String>,
    pub summary: String,
    pub conditions: String,
    pub materials: Vec<Material>,
    pub steps: Vec<Step>,
}

impl ServiceItem {
    /// 可就近办: can be done at a town centre or village station.
    pub fn nearby(&self) -> bool {
        self.levels.iter().any(|l| matches!(l, PointKind::Town | PointKind::Village))
    }

    /// Problems that make an item unfit to publish; empty when valid.
    pub fn problems(&self) -> Vec<String> {
        let mut p = Vec::new();
        let c = &self.code;
        if self.materials.is_empty() {
            p.push(format!("{c}: 没有申请材料"));
        }
        if !self.materials.iter().any(|m| m.requirement == Requirement::Required) {
            p.push(format!("{c}: 没有必交材料"));
        }
        if self.promised_days > self.statutory_days {
            p.push(format!("{c}: 承诺时限长于法定时限"));
        }
        if (self.handling == Handling::Immediate) != (self.promised_days == 0) {
            p.push(format!("{c}: 即办件的承诺时限必须为0"));
        }
        if !(1..=4).contains(&self.online_depth) {
            p.push(format!("{c}: 网办深度须为1–4"));
        }
        if self.visits > 1 {
            p.push(format!("{c}: 跑动次数须为0或1"));
        }
        if !self.levels.contains(&PointKind::County) {
            p.push(format!("{c}: 县政务服务中心必须可办"));
        }
        if self.steps.is_empty() {
            p.push(format!("{c}: 没有办理流程"));
        }
        p
    }
}

/// The time-limit phrase a guide shows: 即办 / 承诺5个工作日（法定20个工作日）.
pub fn time_limit(lang: crate::i18n::Lang, promised_days: u32, statutory_days: u32) -> String {
    match lang {
        crate::i18n::Lang::Zh => time_limit_zh(promised_days, statutory_days),
        crate::i18n::Lang::En if promised_days == 0 => "Done on the spot".to_string(),
        crate::i18n::Lang::En => {
            format!("{promised_days} working days promised ({statutory_days} by law)")
        }
    }
}

pub fn time_limit_zh(promised_days: u32, statutory_days: u32) -> String {
    if promised_days == 0 {
        "即时办结".to_string()
    } else {
        format!("承诺{promised_days}个工作日（法定{statutory_days}个工作日）")
    }
}

/// The terms of a search query: full-width letters, digits and punctuation are folded to half-width, punctuation
/// and spaces separate terms, ASCII letters are lower-cased. Never cuts a character in half.
pub fn query_terms(q: &str) -> Vec<String> {
    let folded: String = q
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    folded
        .split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation()) || "，。、；：？！“”‘’（）《》【】·—…".contains(c))
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase())
        .take(8)
        .collect()
}

/// A term made only of ASCII letters is also read as pinyin initials (`yyzz` → 营业执照).
pub fn is_initials(term: &str) -> bool {
    !term.is_empty() && term.chars().all(|c| c.is_ascii_lowercase())
}

/// Ranks a matched item: name hits first, then initials, then material-only hits; shorter names first.
pub fn rank(name: &str, initials: &str, terms: &[String]) -> (u8, usize) {
    let in_name = terms.iter().all(|t| name.to_lowercase().contains(t.as_str()));
    let in_initials = terms.iter().all(|t| is_initials(t) && initials.contains(t.as_str()));
    let tier = if in_name {
        0
    } else if in_initials {
        1
    } else {
        2
    };
    (tier, name.chars().count())
}

/// Truncates to at most `max` characters, on a character boundary, adding an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

// The service guide's (办事指南) result lines, filter and home-page facets: what the store reads and the guide shows.

/// One line of a result list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    pub handling: Handling,
    pub visits: u8,
    pub online_depth: u8,
    pub promised_days: u32,
    pub statutory_days: u32,
    pub department: String,
    pub audience: Audience,
    pub nearby: bool,
}

impl crate::domain::query::FromQuery for GuideFilter {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        use crate::domain::query::given;
        Self {
            q: get("q").unwrap_or_default(),
            audience: given(get, "audience"),
            department: given(get, "department"),
            event: given(get, "event"),
            nearby: get("nearby").is_some_and(|v| v == "true"),
        }
    }
}

/// What narrows a search; every field optional. Read from the query string of `/guide`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GuideFilter {
    pub q: String,
    /// `personal` or `enterprise`.
    pub audience: Option<String>,
    pub department: Option<String>,
    /// A life-event tag (一件事), e.g. 出生.
    pub event: Option<String>,
    /// Only items that can be done nearby (可就近办).
    pub nearby: bool,
}

impl GuideFilter {
    pub fn is_empty(&self) -> bool {
        self.q.trim().is_empty() && self.audience.is_none() && self.department.is_none() && self.event.is_none() && !self.nearby
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    pub key: String,
    pub label: String,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GuideHome {
    pub total: u32,
    pub nearby: u32,
    pub departments: Vec<Facet>,
    pub events: Vec<Facet>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_terms_fold_full_width_and_split_on_chinese_punctuation() {
        assert_eq!(query_terms("营业执照，　ＹＹＺＺ"), vec!["营业执照", "yyzz"]);
        assert_eq!(query_terms("  身份证（补领）"), vec!["身份证", "补领"]);
        assert!(query_terms(" ，。 ").is_empty());
    }

    #[test]
    fn initials_are_ascii_letters_only() {
        assert!(is_initials("yyzz"));
        assert!(!is_initials("yy1"));
        assert!(!is_initials("营业"));
    }

    #[test]
    fn rank_prefers_name_hits() {
        let t = vec!["营业执照".to_string()];
        assert!(rank("营业执照注销登记", "yyzzzxdj", &t) < rank("食品经营许可", "spjyxk", &t));
        let p = vec!["yyzz".to_string()];
        assert_eq!(rank("营业执照注销登记", "yyzzzxdj", &p).0, 1);
    }

    #[test]
    fn truncation_never_splits_a_character() {
        assert_eq!(truncate_chars("嵩明县政务服务中心", 4), "嵩明县…");
        assert_eq!(truncate_chars("嵩明", 4), "嵩明");
    }

    #[test]
    fn time_limit_phrase() {
        assert_eq!(time_limit_zh(0, 0), "即时办结");
        assert_eq!(time_limit_zh(5, 20), "承诺5个工作日（法定20个工作日）");
    }
}
