//! Proxy filing (代办, issue 20): a village proxy agent (代办员, the grant `proxy_agent` scoped by the village
//! station's point id) files for a villager, with the villager's consent, one of:
//!
//! - a code sent to the villager's phone and read back to the agent (used once, within [`CONSENT_CODE_SECS`]);
//! - when the villager has no phone, a photo of the signed 代办委托书 with the villager's ID, uploaded as the
//!   application's material [`CONSENT_MATERIAL`].
//!
//! The case belongs to the villager. The agent receives the notices and correction requests of a villager without
//! a phone and may answer them; the agent's list masks the villager's data once the case is completed.

use crate::domain::form::definition::{Field, FieldKind, FormDef, MaterialSpec, Section};
use crate::domain::form::{Answers, Value};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A consent code lives this long ...
pub const CONSENT_CODE_SECS: i64 = 10 * 60;
/// ... and is burnt after this many wrong tries.
pub const CONSENT_GUESSES: i64 = 5;
/// A new code for the same draft at most this often.
pub const RESEND_SECS: i64 = 60;
/// The material id of the signed consent form's photo (a villager without a phone).
pub const CONSENT_MATERIAL: &str = "consent";

/// The villager an agent files for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Villager {
    pub name: String,
    pub id_number: String,
    /// `None`: the villager has no phone.
    pub phone: Option<String>,
}

/// How the villager agreed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Consent {
    /// The code sent to the villager's phone was read back, at this instant.
    Code { at: i64 },
    /// The signed form's photo is the draft's [`CONSENT_MATERIAL`].
    Paper,
}

/// A draft's or case's proxy filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProxyFor {
    /// The village station the agent files from.
    pub station: String,
    pub villager: Villager,
    pub consent: Option<Consent>,
}

impl ProxyFor {
    /// Whether the agent stands in for the villager after filing (notices, corrections): a villager without a phone.
    pub fn agent_answers(&self) -> bool {
        self.villager.phone.is_none()
    }

    /// Whether the consent is given (a villager without a phone: the photo is a required material, checked with
    /// the others at submit).
    pub fn consented(&self) -> bool {
        match &self.villager.phone {
            Some(_) => matches!(self.consent, Some(Consent::Code { .. })),
            None => true,
        }
    }

    /// The form of a draft or case filed by proxy: the item's own, plus the consent form's photo when the villager
    /// has no phone.
    pub fn form(&self, mut def: FormDef) -> FormDef {
        if self.agent_answers() && !def.materials.iter().any(|m| m.id == CONSENT_MATERIAL) {
            def.materials.push(MaterialSpec {
                id: CONSENT_MATERIAL.into(),
                name: "代办委托书（村民签字）及村民身份证照片".into(),
                requirement: crate::domain::catalogue::Requirement::Required,
                original: false,
                accept: crate::domain::form::definition::FileType::ALL.to_vec(),
            });
        }
        def
    }

    /// The answers a new draft starts with: the villager's name, ID number and phone in the applicant section's
    /// fields of those kinds.
    pub fn prefill(&self, def: &FormDef) -> Answers {
        let mut a = Answers::new();
        for f in def.section("applicant").map(|s| s.fields.as_slice()).unwrap_or_default() {
            let v = match (&f.kind, f.id.as_str()) {
                (FieldKind::IdNumber, _) => Some(self.villager.id_number.clone()),
                (FieldKind::Mobile, _) => self.villager.phone.clone(),
                (FieldKind::Text { .. }, "name") => Some(self.villager.name.clone()),
                _ => None,
            };
            if let Some(v) = v {
                a.insert(f.id.clone(), Value::One(v));
            }
        }
        a
    }
}

impl ProxyFor {
    /// The applicant section's answers that no longer name the villager who consented, each with why: the consent
    /// is theirs, so the application must stay theirs.
    pub fn not_the_villager(&self, def: &FormDef, answers: &Answers, l: Lang) -> Vec<crate::domain::form::FieldError> {
        self.prefill(def)
            .into_iter()
            .filter(|(field, kept)| answers.get(field) != Some(kept))
            .map(|(field, _)| crate::domain::form::FieldError {
                field,
                message: l.pick("申请人信息必须与授权代办的村民一致；为其他村民代办请重新开始", "The applicant must be the villager who consented: start again for another villager").into(),
            })
            .collect()
    }
}

/// The villager page's questions as a form section, so the one validation names each problem: name, ID number,
/// and the phone unless the villager has none.
pub fn villager_form(no_phone: bool, l: Lang) -> FormDef {
    let field = |id: &str, label: &str, kind: FieldKind| Field { id: id.into(), label: label.into(), hint: None, kind, required: true, show_if: None };
    let mut fields = vec![
        field("name", l.pick("村民姓名", "Villager's name"), FieldKind::Text { max_chars: 20 }),
        field("id_number", l.pick("村民身份证号码", "Villager's ID number"), FieldKind::IdNumber),
    ];
    if !no_phone {
        fields.push(field("phone", l.pick("村民手机号码", "Villager's mobile number"), FieldKind::Mobile));
    }
    FormDef { item: String::new(), version: 1, sections: vec![Section { id: "villager".into(), title: String::new(), fields }], materials: vec![], e_licence: false }
}

/// A name as an agent's list shows it once the case is completed.
pub fn masked(v: &Villager) -> (String, String) {
    (crate::domain::pii::mask_name(&v.name), crate::domain::pii::mask_id_number(&v.id_number))
}

/// An agent's grant for a station, as the administrator's list and the oversight show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentLine {
    pub account: String,
    pub name: String,
    pub phone: String,
    pub station: String,
    pub station_name: String,
}

/// One case on an agent's list, or on the town centre's oversight list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentCase {
    pub number: String,
    pub item_name: String,
    pub state: String,
    pub submitted: String,
    /// The villager's name and ID number: whole while the case is open (for the agent), masked once completed and
    /// always on the oversight list.
    pub villager: String,
    pub id_number: String,
    /// Whether the agent is asked to do something (a correction for a villager without a phone).
    pub asked: bool,
}

/// `/agent`: the agent's stations, and the cases they filed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentHome {
    /// (point id, name) of the stations the asker is agent for.
    pub stations: Vec<(String, String)>,
    pub items: Vec<(String, String)>,
    pub cases: Vec<AgentCase>,
    pub flash: crate::domain::form::Flash,
    /// Carried by the start form: the same start sent twice opens one draft (and sends one code).
    pub start_key: String,
}

/// One agent's work, for the town centre that supervises the station.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentWork {
    pub agent: String,
    pub phone: String,
    pub station: String,
    pub filed: usize,
    /// (item name, how many).
    pub items: Vec<(String, usize)>,
    pub cases: Vec<AgentCase>,
}

impl AgentWork {
    /// The line of `agent` at `station` before any case is counted (the phone masked).
    pub fn of(agent: &AgentLine) -> Self {
        Self { agent: agent.name.clone(), phone: crate::domain::pii::mask_mobile(&agent.phone), station: agent.station_name.clone(), filed: 0, items: vec![], cases: vec![] }
    }

    /// Counts one case of item `item_name` filed there.
    pub fn count(&mut self, item_name: &str, case: AgentCase) {
        match self.items.iter_mut().find(|(n, _)| n == item_name) {
            Some((_, k)) => *k += 1,
            None => self.items.push((item_name.to_string(), 1)),
        }
        self.filed += 1;
        self.cases.push(case);
    }
}

/// The printable receipt an agent hands a villager.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub number: String,
    pub item_name: String,
    pub villager: String,
    pub submitted: String,
    pub station: String,
    pub agent: String,
    /// Where to look it up (from configuration).
    pub track_url: String,
    pub expected: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxy(phone: Option<&str>) -> ProxyFor {
        ProxyFor {
            station: "530127101201".into(),
            villager: Villager { name: "李四".into(), id_number: "530127195001010012".into(), phone: phone.map(String::from) },
            consent: None,
        }
    }

    #[test]
    fn an_agents_work_counts_cases_by_item() {
        let line = AgentLine { account: "g".into(), name: "杨丽".into(), phone: "13700137001".into(), station: "s".into(), station_name: "山脚社区便民服务站".into() };
        let mut w = AgentWork::of(&line);
        let case = |n: &str| AgentCase { number: n.into(), item_name: String::new(), state: String::new(), submitted: String::new(), villager: String::new(), id_number: String::new(), asked: false };
        w.count("无犯罪记录证明开具", case("1"));
        w.count("居住证申领", case("2"));
        w.count("无犯罪记录证明开具", case("3"));
        assert_eq!((w.filed, w.phone.as_str(), w.cases.len()), (3, "137****7001", 3));
        assert_eq!(w.items, vec![("无犯罪记录证明开具".to_string(), 2), ("居住证申领".to_string(), 1)]);
    }

    #[test]
    fn consent_by_code_or_by_paper() {
        let mut with_phone = proxy(Some("13800000001"));
        assert!(!with_phone.consented() && !with_phone.agent_answers());
        with_phone.consent = Some(Consent::Code { at: 1 });
        assert!(with_phone.consented());
        let without = proxy(None);
        assert!(without.consented() && without.agent_answers(), "the photo is a required material instead");
        let def = FormDef::plain("X-1", &[]);
        assert!(without.form(def.clone()).materials.iter().any(|m| m.id == CONSENT_MATERIAL));
        assert!(!with_phone.form(def.clone()).materials.iter().any(|m| m.id == CONSENT_MATERIAL));
        assert_eq!(without.form(without.form(def)).materials.len(), 1, "added once");
    }

    #[test]
    fn the_applicant_section_starts_with_the_villager() {
        let def = FormDef::plain("X-1", &[]);
        let a = proxy(Some("13800000001")).prefill(&def);
        assert_eq!(a.get("name"), Some(&Value::One("李四".into())));
        assert_eq!(a.get("id_number"), Some(&Value::One("530127195001010012".into())));
        assert_eq!(a.get("mobile"), Some(&Value::One("13800000001".into())));
        assert!(!proxy(None).prefill(&def).contains_key("mobile"));
        let mut a = proxy(Some("13800000001")).prefill(&def);
        assert!(proxy(Some("13800000001")).not_the_villager(&def, &a, Lang::Zh).is_empty());
        a.insert("id_number".into(), Value::One("11010519491231002X".into()));
        let wrong = proxy(Some("13800000001")).not_the_villager(&def, &a, Lang::Zh);
        assert_eq!(wrong.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), vec!["id_number"]);
        assert_eq!(masked(&proxy(None).villager), ("李*".to_string(), "530***********0012".to_string()));
    }
}
