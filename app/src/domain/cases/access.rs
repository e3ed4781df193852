//! Who may see a case and act on it:
//!
//! - its applicant sees it (and their steps: corrections, deferred materials);
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
    /// The applicant's account.
    pub applicant: &'a str,
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
        Party::Applicant => (who.account_id == c.applicant).then_some(Role::Citizen),
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
        let c = Held { point: "530127", department: "SJ", applicant: "a1" };
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
}
