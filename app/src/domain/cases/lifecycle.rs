//! A case's lifecycle (办件流程) as an explicit state machine: typed states and events, one label each, and the one
//! function that says where an event takes a case — or that it cannot happen. Every event a case goes through is
//! appended to its trace (留痕) by the store; nothing here is ever undone.
//!
//! ```text
//! submitted ──accept──────────────▶ accepted ──approve/deny──▶ approved | denied ──complete──▶ completed ──deliver──▶ delivered
//!     │  ╰─accept_deferred (容缺)──▶    │ ╰─request_correction─▶ review_correction ─resubmit─▶ accepted
//!     ├─request_correction─▶ correction_requested ─resubmit─▶ submitted
//!     ╰─refuse─▶ refused
//! 即办件: accept ──▶ completed
//! ```

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Submitted (online or at the counter), waiting for the department to accept it.
    Submitted,
    /// The applicant was told once everything that is missing (一次性告知) and is correcting it; the acceptance
    /// clock is paused.
    CorrectionRequested,
    /// Not accepted (不予受理), with the reason and the legal basis. Final.
    Refused,
    /// Accepted (受理), perhaps with materials to supply later (容缺受理); under review.
    Accepted,
    /// Under review, the applicant asked to correct something (审查中补正); the promised clock is paused.
    ReviewCorrection,
    /// Decided: approved (准予).
    Approved,
    /// Decided: not approved (不予许可), with the reason.
    Denied,
    /// Completed (办结): the result is ready.
    Completed,
    /// Delivered (送达): collected, posted or issued electronically. Final.
    Delivered,
}

impl CaseState {
    pub const ALL: [CaseState; 9] = [
        Self::Submitted,
        Self::CorrectionRequested,
        Self::Refused,
        Self::Accepted,
        Self::ReviewCorrection,
        Self::Approved,
        Self::Denied,
        Self::Completed,
        Self::Delivered,
    ];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::CorrectionRequested => "correction_requested",
            Self::Refused => "refused",
            Self::Accepted => "accepted",
            Self::ReviewCorrection => "review_correction",
            Self::Approved => "approved",
            Self::Denied => "denied",
            Self::Completed => "completed",
            Self::Delivered => "delivered",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Submitted => lang.pick("待受理", "Waiting to be accepted"),
            Self::CorrectionRequested => lang.pick("待补正", "Waiting for your corrections"),
            Self::Refused => lang.pick("不予受理", "Not accepted"),
            Self::Accepted => lang.pick("审查中", "Under review"),
            Self::ReviewCorrection => lang.pick("审查中补正", "Under review: corrections needed"),
            Self::Approved => lang.pick("准予许可", "Approved"),
            Self::Denied => lang.pick("不予许可", "Not approved"),
            Self::Completed => lang.pick("已办结", "Completed"),
            Self::Delivered => lang.pick("已送达", "Delivered"),
        }
    }

    /// Nothing more can happen to the case.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Refused | Self::Delivered)
    }

    /// Finished for the applicant: completed (办结), delivered, or not accepted. A proxy agent's view of it is masked
    /// from here on.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Completed | Self::Delivered | Self::Refused)
    }

    /// The applicant is correcting: the case's clock stands still.
    pub fn is_paused(self) -> bool {
        matches!(self, Self::CorrectionRequested | Self::ReviewCorrection)
    }

    /// Accepted and not yet sent back: the promised days run (or ran) from the acceptance.
    pub fn is_accepted(self) -> bool {
        matches!(self, Self::Accepted | Self::ReviewCorrection | Self::Approved | Self::Denied | Self::Completed | Self::Delivered)
    }

    /// Whose move it is.
    pub fn waits_for(self) -> Party {
        match self {
            Self::Submitted | Self::Approved | Self::Denied | Self::Completed => Party::Window,
            Self::Accepted => Party::Reviewer,
            Self::CorrectionRequested | Self::ReviewCorrection => Party::Applicant,
            Self::Refused | Self::Delivered => Party::Nobody,
        }
    }
}

impl std::fmt::Display for CaseState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may cause an event, and whose move a state waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The applicant (or whoever holds their account).
    Applicant,
    /// Window staff of the case's department at its point.
    Window,
    /// A reviewer of the case's department.
    Reviewer,
    Nobody,
}

/// What happens to a case. Each is appended to the case's trace with who, role, window, time, comment and
/// attachments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The application arrives (online or filed at the counter): the case's first record.
    Submit,
    /// 受理.
    Accept,
    /// 容缺受理: accepted, with materials to supply by a date.
    AcceptDeferred,
    /// 一次性告知: every problem at once, as a correction notice.
    RequestCorrection,
    /// The applicant supplies what the notice listed.
    Resubmit,
    /// The applicant supplies deferred materials.
    SupplyDeferred,
    /// 不予受理.
    Refuse,
    /// 准予.
    Approve,
    /// 不予许可.
    Deny,
    /// 办结.
    Complete,
    /// 送达.
    Deliver,
    /// Given to a colleague to handle.
    Assign,
}

impl Event {
    pub const ALL: [Event; 12] = [
        Self::Submit,
        Self::Accept,
        Self::AcceptDeferred,
        Self::RequestCorrection,
        Self::Resubmit,
        Self::SupplyDeferred,
        Self::Refuse,
        Self::Approve,
        Self::Deny,
        Self::Complete,
        Self::Deliver,
        Self::Assign,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Accept => "accept",
            Self::AcceptDeferred => "accept_deferred",
            Self::RequestCorrection => "request_correction",
            Self::Resubmit => "resubmit",
            Self::SupplyDeferred => "supply_deferred",
            Self::Refuse => "refuse",
            Self::Approve => "approve",
            Self::Deny => "deny",
            Self::Complete => "complete",
            Self::Deliver => "deliver",
            Self::Assign => "assign",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == s)
    }

    /// The step as the timeline shows it.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Submit => lang.pick("提交申请", "Application submitted"),
            Self::Accept => lang.pick("受理", "Accepted"),
            Self::AcceptDeferred => lang.pick("容缺受理", "Accepted, some documents to follow"),
            Self::RequestCorrection => lang.pick("一次性告知补正", "Asked for corrections"),
            Self::Resubmit => lang.pick("补正材料已提交", "Corrections sent"),
            Self::SupplyDeferred => lang.pick("容缺材料已补交", "Documents to follow sent"),
            Self::Refuse => lang.pick("不予受理", "Not accepted"),
            Self::Approve => lang.pick("审查通过，准予许可", "Approved"),
            Self::Deny => lang.pick("不予许可", "Not approved"),
            Self::Complete => lang.pick("办结", "Completed"),
            Self::Deliver => lang.pick("送达", "Delivered"),
            Self::Assign => lang.pick("转交经办人", "Passed to a colleague"),
        }
    }

    /// Who may cause it.
    pub fn party(self) -> Party {
        match self {
            Self::Submit | Self::Resubmit | Self::SupplyDeferred => Party::Applicant,
            Self::Approve | Self::Deny => Party::Reviewer,
            _ => Party::Window,
        }
    }

    /// The applicant is told of it (SMS and notice). Assigning is the department's own business.
    pub fn tells_applicant(self) -> bool {
        !matches!(self, Self::Assign | Self::Submit | Self::Resubmit | Self::SupplyDeferred)
    }
}

/// Where `event` takes a case in `state`; `None` when it cannot happen there. `immediate` is a 即办件, which is
/// completed at acceptance. A case's first record ([`Event::Submit`]) is made with the case, never applied.
pub fn next(state: CaseState, event: Event, immediate: bool) -> Option<CaseState> {
    use CaseState as S;
    use Event as E;
    Some(match (state, event) {
        (S::Submitted, E::Accept) if immediate => S::Completed,
        (S::Submitted, E::Accept | E::AcceptDeferred) => S::Accepted,
        (S::Submitted, E::RequestCorrection) => S::CorrectionRequested,
        (S::Submitted, E::Refuse) => S::Refused,
        (S::CorrectionRequested, E::Resubmit) => S::Submitted,
        (S::Accepted, E::RequestCorrection) => S::ReviewCorrection,
        (S::ReviewCorrection, E::Resubmit) => S::Accepted,
        (S::Accepted, E::SupplyDeferred) => S::Accepted,
        (S::Accepted, E::Approve) => S::Approved,
        (S::Accepted, E::Deny) => S::Denied,
        (S::Approved | S::Denied, E::Complete) => S::Completed,
        (S::Completed, E::Deliver) => S::Delivered,
        // A colleague can take over anything still open.
        (s, E::Assign) if !s.is_final() => s,
        _ => return None,
    })
}

/// 一次性告知 means once: a correction notice may be sent once before acceptance and once during review (the
/// events since the case's last acceptance, or all of them before it). A case whose corrections still fall short is
/// refused (不予受理) or not approved, not sent back again.
pub fn correction_allowed(state: CaseState, trace: &[Event]) -> bool {
    let since_acceptance = match trace.iter().rposition(|e| matches!(e, Event::Accept | Event::AcceptDeferred)) {
        Some(i) if state.is_accepted() => &trace[i + 1..],
        _ => trace,
    };
    !since_acceptance.contains(&Event::RequestCorrection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseState as S;
    use Event as E;

    /// Every state × event pair, for an ordinary item and a 即办件: the whole table, written out, so a change to the
    /// machine is a change to this test.
    #[test]
    fn every_state_and_event() {
        let legal: &[(S, E, S)] = &[
            (S::Submitted, E::Accept, S::Accepted),
            (S::Submitted, E::AcceptDeferred, S::Accepted),
            (S::Submitted, E::RequestCorrection, S::CorrectionRequested),
            (S::Submitted, E::Refuse, S::Refused),
            (S::Submitted, E::Assign, S::Submitted),
            (S::CorrectionRequested, E::Resubmit, S::Submitted),
            (S::CorrectionRequested, E::Assign, S::CorrectionRequested),
            (S::Accepted, E::RequestCorrection, S::ReviewCorrection),
            (S::Accepted, E::SupplyDeferred, S::Accepted),
            (S::Accepted, E::Approve, S::Approved),
            (S::Accepted, E::Deny, S::Denied),
            (S::Accepted, E::Assign, S::Accepted),
            (S::ReviewCorrection, E::Resubmit, S::Accepted),
            (S::ReviewCorrection, E::Assign, S::ReviewCorrection),
            (S::Approved, E::Complete, S::Completed),
            (S::Approved, E::Assign, S::Approved),
            (S::Denied, E::Complete, S::Completed),
            (S::Denied, E::Assign, S::Denied),
            (S::Completed, E::Deliver, S::Delivered),
            (S::Completed, E::Assign, S::Completed),
        ];
        let mut pairs = 0;
        for s in CaseState::ALL {
            for e in Event::ALL {
                let want = legal.iter().find(|(a, b, _)| *a == s && *b == e).map(|(_, _, to)| *to);
                assert_eq!(next(s, e, false), want, "{s} × {e:?}");
                // A 即办件 differs in one cell only: accepting completes it.
                let want_immediate = if (s, e) == (S::Submitted, E::Accept) { Some(S::Completed) } else { want };
                assert_eq!(next(s, e, true), want_immediate, "immediate {s} × {e:?}");
                pairs += 1;
            }
        }
        assert_eq!(pairs, 9 * 12);
    }

    #[test]
    fn a_correction_notice_is_sent_once_before_acceptance_and_once_in_review() {
        assert!(correction_allowed(S::Submitted, &[E::Submit]));
        assert!(!correction_allowed(S::Submitted, &[E::Submit, E::RequestCorrection, E::Resubmit]));
        assert!(correction_allowed(S::Accepted, &[E::Submit, E::RequestCorrection, E::Resubmit, E::Accept]));
        assert!(!correction_allowed(S::Accepted, &[E::Submit, E::Accept, E::RequestCorrection, E::Resubmit]));
    }

    #[test]
    fn final_states_take_nothing_and_submit_is_never_applied() {
        for e in Event::ALL {
            assert_eq!(next(S::Refused, e, false), None);
            assert_eq!(next(S::Delivered, e, false), None);
        }
        for s in CaseState::ALL {
            assert_eq!(next(s, E::Submit, false), None);
        }
    }

    #[test]
    fn codes_round_trip_and_labels_differ() {
        for s in CaseState::ALL {
            assert_eq!(CaseState::parse(s.code()), Some(s));
        }
        for e in Event::ALL {
            assert_eq!(Event::parse(e.code()), Some(e));
        }
        let labels: std::collections::BTreeSet<_> = CaseState::ALL.iter().map(|s| s.label(Lang::Zh)).collect();
        assert_eq!(labels.len(), CaseState::ALL.len());
    }

    /// The party an event needs is the one its state waits for (assigning aside): nobody acts out of turn.
    #[test]
    fn the_party_that_acts_is_the_one_waited_for() {
        for s in CaseState::ALL {
            for e in Event::ALL.into_iter().filter(|e| *e != E::Assign) {
                if next(s, e, false).is_some() {
                    let ok = e.party() == s.waits_for()
                        // Window staff may send back a case under review; the applicant supplies deferred documents
                        // while the reviewer has it.
                        || (s == S::Accepted && matches!(e, E::RequestCorrection | E::SupplyDeferred));
                    assert!(ok, "{s} × {e:?}");
                }
            }
        }
    }
}
