//! Who may see a case and act on it:
//!
//! - its applicant sees it (and their steps: corrections, deferred materials); a case filed as an enterprise is seen
//!   by every current member of the enterprise and by nobody else, whoever filed it;
//! - the proxy agent who filed it for a villager sees it, the villager's data masked once it is completed, and
//!   answers for a villager without a phone (corrections, deferred materials) while it is open;
//! - window staff see and act on their department's cases at their point (a `530127:*` grant: every department
//!   there);
//! - a reviewer sees the department's cases everywhere and decides them (and may send one back for corrections);
//! - the centre administrator sees and may do everything staff may.
//!
//! Anyone else is answered as if the case did not exist.

use super::lifecycle::{Event, Party};
use crate::domain::accounts::{Identity, Role};

/// What access rules need to know about a case.
#[derive(Clone, Copy, Debug)]
pub struct Held<'a> {
    /// The service point that handles it.
    pub point: &'a str,
    /// The item's department.
    pub department: &'a str,
    /// The applicant's account (for an enterprise's case: the member who filed it).
    pub applicant: &'a str,
    /// Filed as this enterprise (its USCC).
    pub enterprise: Option<&'a str>,
    /// The proxy agent who filed it, from which station, and whether the agent answers for the villager (who has no
    /// phone).
    pub agent: Option<Agent<'a>>,
    /// Completed (办结) or closed otherwise: the agent's view is masked.
    pub finished: bool,
}

/// The proxy agent of a case or draft filed for a villager.
#[derive(Clone, Copy, Debug)]
pub struct Agent<'a> {
    pub account: &'a str,
    pub station: &'a str,
    /// The villager has no phone: the agent is told and answers.
    pub answers: bool,
}

impl<'a> Held<'a> {
    /// A case filed by a citizen for themselves.
    pub fn own(point: &'a str, department: &'a str, applicant: &'a str) -> Self {
        Self { point, department, applicant, enterprise: None, agent: None, finished: false }
    }
}

/// How someone outside the staff stands to a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Its applicant (or, for an enterprise's case, a current member).
    Applicant,
    /// The agent who filed it; `answers`: may supply what is asked (an open case of a villager without a phone).
    Agent { answers: bool, masked: bool },
}

/// Whether `owner`'s draft or case, filed as `enterprise` (if any), is `who`'s to see: an enterprise's is every
/// current member's and nobody else's (a removed member's own drafts included); otherwise only its owner's.
pub fn owns(who: &Identity, owner: &str, enterprise: Option<&str>) -> bool {
    match enterprise {
        Some(uscc) => who.has(Role::EnterpriseMember, Some(uscc)),
        None => who.account_id == owner,
    }
}

/// How `who` stands to the case as applicant or agent, if at all.
pub fn side(who: &Identity, c: Held) -> Option<Side> {
    if owns(who, c.applicant, c.enterprise) {
        return Some(Side::Applicant);
    }
    match c.agent {
        Some(a) if is_agent(who, a.account, a.station) => Some(Side::Agent { answers: a.answers && !c.finished, masked: c.finished }),
        _ => None,
    }
}

/// Whether `who` is `account`, the agent who filed at `station`, and still holds the role there: an agent whose
/// grant for that station was revoked sees nothing of what they filed from it.
pub fn is_agent(who: &Identity, account: &str, station: &str) -> bool {
    who.account_id == account && who.has(Role::ProxyAgent, Some(station))
}

/// Whether `who` may open the draft of `owner` (filed as `enterprise`, or by proxy from `station`): an enterprise's
/// is its current members'; an agent's, theirs while they hold the role at the station; any other, its owner's.
pub fn may_use_draft(who: &Identity, owner: &str, enterprise: Option<&str>, station: Option<&str>) -> bool {
    match station {
        Some(st) => is_agent(who, owner, st),
        None => owns(who, owner, enterprise),
    }
}

/// Whether `who` may see the case as staff (the full file, each read recorded).
pub fn staff_may_see(who: &Identity, c: Held) -> bool {
    who.has(Role::CentreAdmin, None) || who.works_at(c.point, Some(c.department)) || who.has(Role::Reviewer, Some(c.department))
}

/// The role `who` does `event` on the case in, or `None` when they may not: the trace records it.
pub fn acting_role(who: &Identity, c: Held, event: Event) -> Option<Role> {
    if who.has(Role::CentreAdmin, None) && event.party() != Party::Applicant {
        return Some(Role::CentreAdmin);
    }
    let window = || who.works_at(c.point, Some(c.department)).then_some(Role::WindowStaff);
    let reviewer = || who.has(Role::Reviewer, Some(c.department)).then_some(Role::Reviewer);
    match event.party() {
        Party::Applicant => match side(who, c)? {
            Side::Applicant if c.enterprise.is_some() => Some(Role::EnterpriseMember),
            Side::Applicant => Some(Role::Citizen),
            Side::Agent { answers: true, .. } => Some(Role::ProxyAgent),
            Side::Agent { .. } => None,
        },
        Party::Window if event == Event::RequestCorrection => window().or_else(reviewer),
        Party::Window => window(),
        Party::Reviewer => reviewer(),
        Party::Nobody => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::accounts::Grant;

    fn id(account: &str, grants: &[(Role, &str)]) -> Identity {
        Identity {
            account_id: account.into(),
            display_name: "x".into(),
            grants: grants.iter().map(|(role, scope)| Grant { role: *role, scope: scope.to_string() }).collect(),
        }
    }

    #[test]
    fn who_sees_and_who_acts() {
        let c = Held::own("530127", "SJ", "a1");
        let applicant = id("a1", &[(Role::Citizen, "")]);
        let other = id("a2", &[(Role::Citizen, "")]);
        let window = id("s1", &[(Role::WindowStaff, "530127:SJ")]);
        let town_all = id("s2", &[(Role::WindowStaff, "530127001:*")]);
        let hall_all = id("s5", &[(Role::WindowStaff, "530127:*")]);
        let other_dept = id("s3", &[(Role::WindowStaff, "530127:GA")]);
        let reviewer = id("r1", &[(Role::Reviewer, "SJ")]);
        let other_reviewer = id("r2", &[(Role::Reviewer, "GA")]);
        let admin = id("ad", &[(Role::CentreAdmin, "")]);
        let sees = |w: &Identity| staff_may_see(w, c);
        assert!(sees(&window) && sees(&hall_all) && sees(&reviewer) && sees(&admin));
        assert!(!sees(&applicant) && !sees(&other) && !sees(&town_all) && !sees(&other_dept) && !sees(&other_reviewer));
        let acts = |w: &Identity, e| acting_role(w, c, e);
        assert_eq!(acts(&window, Event::Accept), Some(Role::WindowStaff));
        assert_eq!(acts(&window, Event::Approve), None, "deciding is the reviewer's");
        assert_eq!(acts(&reviewer, Event::Approve), Some(Role::Reviewer));
        assert_eq!(acts(&reviewer, Event::Accept), None);
        assert_eq!(acts(&reviewer, Event::RequestCorrection), Some(Role::Reviewer));
        assert_eq!(acts(&admin, Event::Deny), Some(Role::CentreAdmin));
        assert_eq!(acts(&admin, Event::Resubmit), None, "only the applicant corrects");
        assert_eq!(acts(&applicant, Event::Resubmit), Some(Role::Citizen));
        assert_eq!(acts(&other, Event::Resubmit), None);
        assert_eq!(acts(&applicant, Event::Accept), None);
        assert_eq!(acts(&other_dept, Event::Accept), None);
        assert_eq!(acts(&town_all, Event::Accept), None, "another point's clerk");
        assert_eq!(acts(&other_reviewer, Event::Approve), None);
    }

    #[test]
    fn enterprise_members_and_agents() {
        let ent = Held { enterprise: Some("91350100M000100Y43"), ..Held::own("530127", "SJ", "m1") };
        let filer_removed = id("m1", &[(Role::Citizen, "")]);
        let member = id("m2", &[(Role::Citizen, ""), (Role::EnterpriseMember, "91350100M000100Y43")]);
        let other_member = id("m3", &[(Role::EnterpriseMember, "91110000100017643K")]);
        assert_eq!(side(&member, ent), Some(Side::Applicant));
        assert_eq!(side(&filer_removed, ent), None, "a removed member sees nothing, not even what they filed");
        assert_eq!(side(&other_member, ent), None);
        assert_eq!(acting_role(&member, ent, Event::Resubmit), Some(Role::EnterpriseMember));
        assert!(owns(&member, "m1", Some("91350100M000100Y43")) && !owns(&filer_removed, "m1", Some("91350100M000100Y43")));
        assert!(owns(&filer_removed, "m1", None));

        let agent = id("g1", &[(Role::Citizen, ""), (Role::ProxyAgent, "530127101201")]);
        let no_phone = Held { agent: Some(Agent { account: "g1", station: "530127101201", answers: true }), ..Held::own("530127", "SJ", "v1") };
        let villager = id("v1", &[(Role::Citizen, "")]);
        assert_eq!(side(&villager, no_phone), Some(Side::Applicant));
        assert_eq!(side(&agent, no_phone), Some(Side::Agent { answers: true, masked: false }));
        assert_eq!(acting_role(&agent, no_phone, Event::Resubmit), Some(Role::ProxyAgent));
        let done = Held { finished: true, ..no_phone };
        assert_eq!(side(&agent, done), Some(Side::Agent { answers: false, masked: true }));
        let with_phone = Held { agent: Some(Agent { answers: false, ..no_phone.agent.unwrap() }), ..no_phone };
        assert_eq!(acting_role(&agent, with_phone, Event::Resubmit), None, "the villager answers for themselves");
        let revoked = id("g1", &[(Role::Citizen, "")]);
        assert_eq!(side(&revoked, no_phone), None, "an agent whose grant was revoked");
        let moved = id("g1", &[(Role::ProxyAgent, "530127101202")]);
        assert_eq!(side(&moved, no_phone), None, "an agent now at another station only");
        assert!(may_use_draft(&agent, "g1", None, Some("530127101201")) && !may_use_draft(&moved, "g1", None, Some("530127101201")));
        assert!(!may_use_draft(&filer_removed, "m1", Some("91350100M000100Y43"), None) && may_use_draft(&member, "m1", Some("91350100M000100Y43"), None));
    }
}
