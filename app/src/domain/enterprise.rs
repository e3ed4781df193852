//! Enterprise accounts (issue 20): an enterprise registered by a citizen with its 统一社会信用代码, name and legal
//! representative; verified before it may file; its members (the grant `enterprise_member` scoped by the code) see
//! everything filed as it, and a removed member nothing from that moment. The administrator invites members by
//! mobile number, removes them, and hands the role on.

use crate::domain::form::ids::{parse_uscc, UsccProblem};
use crate::domain::form::Flash;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Registered; waiting for the registry's answer or the centre administrator.
    Pending,
    Verified,
    Refused,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Verified => "verified",
            Self::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "verified" => Self::Verified,
            "refused" => Self::Refused,
            _ => Self::Pending,
        }
    }

    pub fn label(self, l: Lang) -> &'static str {
        match self {
            Self::Pending => l.pick("待核验", "Awaiting verification"),
            Self::Verified => l.pick("已核验", "Verified"),
            Self::Refused => l.pick("核验未通过", "Not verified"),
        }
    }
}

/// An enterprise as the store keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enterprise {
    pub uscc: String,
    pub name: String,
    pub legal_rep: String,
    /// The administrator's account.
    pub admin: String,
    pub status: Status,
    /// Why verification was refused.
    pub note: Option<String>,
}

/// What the registration form asks, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    pub uscc: String,
    pub name: String,
    pub legal_rep: String,
}

pub const NAME_MAX: usize = 60;
/// Invitations waiting at once, at most: each sends a message in the enterprise's name.
pub const MAX_OPEN_INVITES: usize = 20;
pub const LEGAL_REP_MAX: usize = 20;

impl Registration {
    /// The registration form's answers, checked: every problem named by field, with what was typed kept.
    pub fn parse(uscc: &str, name: &str, legal_rep: &str, l: Lang) -> Result<Self, Flash> {
        let (name, legal_rep) = (name.trim(), legal_rep.trim());
        let mut f = Flash::new("enterprise").with_value("uscc", uscc).with_value("name", name).with_value("legal_rep", legal_rep);
        let code = match parse_uscc(uscc) {
            Ok(c) => Some(c),
            Err(UsccProblem::Shape) => {
                f = f.with_error("uscc", l.pick("统一社会信用代码应为18位数字或大写字母，请按营业执照填写", "The USCC is 18 digits or capital letters: copy it from the business licence"));
                None
            }
            Err(UsccProblem::CheckCharacter) => {
                f = f.with_error("uscc", l.pick("统一社会信用代码校验位不正确，请核对营业执照上的代码", "The USCC's check character is wrong: check it against the business licence"));
                None
            }
        };
        if name.is_empty() {
            f = f.with_error("name", l.pick("请填写企业名称", "Enter the enterprise's name"));
        } else if name.chars().count() > NAME_MAX {
            f = f.with_error("name", l.pick(format!("企业名称不能超过{NAME_MAX}个字"), format!("The name can be at most {NAME_MAX} characters")));
        }
        if legal_rep.is_empty() {
            f = f.with_error("legal_rep", l.pick("请填写法定代表人姓名", "Enter the legal representative's name"));
        } else if legal_rep.chars().count() > LEGAL_REP_MAX {
            f = f.with_error("legal_rep", l.pick(format!("法定代表人姓名不能超过{LEGAL_REP_MAX}个字"), format!("The name can be at most {LEGAL_REP_MAX} characters")));
        }
        match code {
            Some(uscc) if f.errors.is_empty() => Ok(Self { uscc, name: name.into(), legal_rep: legal_rep.into() }),
            _ => Err(f),
        }
    }
}

/// What a market-regulator registry says of a registration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryAnswer {
    /// The code is registered with this name and legal representative.
    Matches,
    /// The code is registered, with other details (or not at all): said to the registrant.
    Differs(String),
    /// The registry cannot say (not connected, or down): the centre administrator checks by hand.
    Unknown,
}

/// A member as the enterprise's pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub account_id: String,
    pub name: String,
    /// Masked.
    pub phone: String,
    pub admin: bool,
}

/// `/enterprise`: the asker's enterprises, the invitations waiting for their phone, and the registration form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseHome {
    pub mine: Vec<EnterpriseLine>,
    /// (uscc, name) of enterprises that invited the asker's phone.
    pub invites: Vec<(String, String)>,
    pub flash: Flash,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseLine {
    pub uscc: String,
    pub name: String,
    pub status: Status,
    pub admin: bool,
}

/// `/enterprise/{uscc}`: one enterprise for a member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnterpriseView {
    pub uscc: String,
    pub name: String,
    pub legal_rep: String,
    pub status: Status,
    pub note: Option<String>,
    /// Whether the asker is its administrator (who may invite, remove and hand on).
    pub admin: bool,
    pub members: Vec<Member>,
    /// Invitations not yet accepted: (token to withdraw it by, the phone masked).
    pub invited: Vec<(String, String)>,
    pub flash: Flash,
}

/// The centre administrator's list of registrations waiting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingLine {
    pub uscc: String,
    pub name: String,
    pub legal_rep: String,
    pub registered: String,
    /// The registrant, masked.
    pub by: String,
}

/// Whether someone who is a member may remove `target`: only the administrator, and never themselves (they hand
/// the role on first).
pub fn may_remove(asker_is_admin: bool, asker: &str, target: &str) -> bool {
    asker_is_admin && asker != target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_names_each_problem_and_keeps_what_was_typed() {
        let ok = Registration::parse(" 91350100m000100y43 ", " 福州某某有限公司 ", "张三", Lang::Zh).unwrap();
        assert_eq!(ok.uscc, "91350100M000100Y43");
        assert_eq!(ok.name, "福州某某有限公司");
        let bad = Registration::parse("91350100M000100Y44", "", "<b>李</b>", Lang::Zh).unwrap_err();
        assert!(bad.error("uscc").unwrap().contains("校验位"));
        assert!(bad.error("name").unwrap().contains("企业名称"));
        assert!(bad.error("legal_rep").is_none());
        assert_eq!(bad.value("legal_rep"), "<b>李</b>");
        assert!(Registration::parse("123", "x", "y", Lang::Zh).unwrap_err().error("uscc").unwrap().contains("18位"));
    }

    #[test]
    fn only_the_administrator_removes_and_not_themselves() {
        assert!(may_remove(true, "a", "b"));
        assert!(!may_remove(true, "a", "a"));
        assert!(!may_remove(false, "a", "b"));
    }
}
