//! The hall's queue (排队叫号): who goes first, ticket numbers, windows' state and a ticket's life.
//!
//! Pure: the store keeps tickets and windows, these rules decide. A queue is a service group — a department at a
//! service point — and each queue of a point has its own letter (A, B, C…), so a ticket number (A017) names the
//! queue and the day's sequence.

use serde::{Deserialize, Serialize};

/// A booked person who checks in up to this long after their slot ends still goes ahead of walk-ins: the booking
/// rule's grace, one constant for both.
pub use crate::domain::booking::GRACE_SECS;

/// When three people are ahead, the person waiting is told by SMS (once).
pub const NOTIFY_AHEAD: usize = 3;

/// Who goes first: lower ranks are called first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// Checked in with a booking, before the slot ended plus the grace.
    Booked = 0,
    WalkIn = 1,
}

impl Priority {
    pub fn rank(self) -> i64 {
        self as i64
    }

    pub fn from_rank(rank: i64) -> Self {
        if rank == 0 {
            Self::Booked
        } else {
            Self::WalkIn
        }
    }
}

/// The priority of someone checking in at `checked_in_at` (Unix seconds), holding a booking whose slot ends at
/// `slot_end` (None: a walk-in).
pub fn priority(slot_end: Option<i64>, checked_in_at: i64) -> Priority {
    match slot_end {
        Some(end) if checked_in_at <= end + GRACE_SECS => Priority::Booked,
        _ => Priority::WalkIn,
    }
}

/// The order of waiting tickets in one queue: booked before walk-ins, then by check-in time, then by number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueueKey {
    pub priority: Priority,
    pub checked_in_at: i64,
    pub seq: i64,
}

/// How many waiting tickets go before `mine` (`mine` itself is not counted).
pub fn ahead_of<'a>(mine: &QueueKey, waiting: impl IntoIterator<Item = &'a QueueKey>) -> usize {
    waiting.into_iter().filter(|k| *k < mine).count()
}

/// The queue letters of a point: its service groups in a stable order get A, B, C…, then AA, AB… after Z.
pub fn queue_letter(index: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if index < 26 {
        (letters[index] as char).to_string()
    } else {
        let i = index - 26;
        format!("{}{}", letters[(i / 26) % 26] as char, letters[i % 26] as char)
    }
}

/// Assigns letters to a point's service groups (department codes), deterministically: sorted by the
/// departments' order, then code.
pub fn letters_for(groups: &[(String, i64)]) -> Vec<(String, String)> {
    let mut sorted: Vec<&(String, i64)> = groups.iter().collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    sorted.dedup_by(|a, b| a.0 == b.0);
    sorted.into_iter().enumerate().map(|(i, (code, _))| (code.clone(), queue_letter(i))).collect()
}

/// A ticket number: the queue's letter and the day's sequence, at least three digits (A017).
pub fn ticket_number(letter: &str, seq: i64) -> String {
    format!("{letter}{seq:03}")
}

/// A ticket number as the hall's voice says it: 请A017号到3号窗口.
pub fn announcement(number: &str, window_number: i64) -> String {
    format!("请{number}号到{window_number}号窗口")
}

/// A ticket's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TicketState {
    Waiting,
    Called,
    Served,
    Skipped,
}

impl TicketState {
    pub const ALL: [TicketState; 4] = [Self::Waiting, Self::Called, Self::Served, Self::Skipped];

    pub fn code(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Called => "called",
            Self::Served => "served",
            Self::Skipped => "skipped",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Waiting => "等候中",
            Self::Called => "已叫号",
            Self::Served => "已办结",
            Self::Skipped => "已过号",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Waiting => "Waiting",
            Self::Called => "Called",
            Self::Served => "Served",
            Self::Skipped => "Missed",
        }
    }
}

/// What window staff do to a ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketAction {
    /// 叫号: a waiting ticket is called to a window.
    Call,
    /// 重呼: call a called ticket again, or bring back a skipped one who has turned up.
    Recall,
    /// 过号: the person did not come.
    Skip,
    /// 办结: the window has finished with the person.
    Serve,
    /// 转移: to another queue or window; waits again there, keeping its place in the order.
    Transfer,
}

/// Why an action is not allowed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotAllowed {
    pub from: TicketState,
    pub action: TicketAction,
}

impl NotAllowed {
    pub fn message(&self) -> String {
        format!("该号码{}，不能{}", self.from.zh(), action_zh(self.action))
    }
}

pub fn action_zh(a: TicketAction) -> &'static str {
    match a {
        TicketAction::Call => "叫号",
        TicketAction::Recall => "重呼",
        TicketAction::Skip => "过号",
        TicketAction::Serve => "办结",
        TicketAction::Transfer => "转移",
    }
}

/// The ticket state machine: waiting → called → served / skipped; recall; transfer.
pub fn next_state(from: TicketState, action: TicketAction) -> Result<TicketState, NotAllowed> {
    use TicketAction as A;
    use TicketState as S;
    match (from, action) {
        (S::Waiting, A::Call) => Ok(S::Called),
        (S::Called, A::Recall) | (S::Skipped, A::Recall) => Ok(S::Called),
        (S::Called, A::Skip) => Ok(S::Skipped),
        (S::Called, A::Serve) => Ok(S::Served),
        (S::Waiting, A::Transfer) | (S::Called, A::Transfer) => Ok(S::Waiting),
        _ => Err(NotAllowed { from, action }),
    }
}

/// A window's sign-on state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowState {
    /// The staff account signed on, if any.
    pub signed_on_by: Option<String>,
    pub paused: bool,
}

/// Why a window may not call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallRefusal {
    NotSignedOn,
    Paused,
    /// The window still has a called ticket: serve or skip it first.
    Busy,
}

impl CallRefusal {
    pub fn message(self) -> &'static str {
        match self {
            Self::NotSignedOn => "请先签到窗口",
            Self::Paused => "窗口已暂停，请先恢复服务",
            Self::Busy => "请先办结或过号当前号码",
        }
    }
}

impl WindowState {
    /// Whether `account` may call the next ticket at this window, which has `current` called tickets.
    pub fn may_call(&self, account: &str, has_current: bool) -> Result<(), CallRefusal> {
        if self.signed_on_by.as_deref() != Some(account) {
            return Err(CallRefusal::NotSignedOn);
        }
        if self.paused {
            return Err(CallRefusal::Paused);
        }
        if has_current {
            return Err(CallRefusal::Busy);
        }
        Ok(())
    }
}

/// Whether the person `ahead` places from the window should be told by SMS now (`notified`: already told).
pub fn ahead_sms_due(ahead: usize, notified: bool) -> bool {
    !notified && ahead <= NOTIFY_AHEAD
}

/// The SMS sent when three people are ahead.
pub fn ahead_sms(number: &str, point_name: &str, ahead: usize) -> String {
    format!("【掌上办事大厅】您的排队号{number}前面还有{ahead}人，请到{point_name}等候叫号。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn booked_in_grace_goes_first_late_booked_is_a_walk_in() {
        let end = 1_000_000;
        assert_eq!(priority(Some(end), end - 600), Priority::Booked, "early");
        assert_eq!(priority(Some(end), end + GRACE_SECS), Priority::Booked, "last second of grace");
        assert_eq!(priority(Some(end), end + GRACE_SECS + 1), Priority::WalkIn, "after grace");
        assert_eq!(priority(None, end), Priority::WalkIn);
        let walk_in_early = QueueKey { priority: Priority::WalkIn, checked_in_at: 10, seq: 1 };
        let booked_late = QueueKey { priority: Priority::Booked, checked_in_at: 500, seq: 9 };
        assert!(booked_late < walk_in_early);
        assert_eq!(ahead_of(&walk_in_early, [&booked_late, &walk_in_early]), 1);
    }

    #[test]
    fn numbers_and_letters() {
        assert_eq!(ticket_number("A", 17), "A017");
        assert_eq!(ticket_number("C", 1234), "C1234");
        assert_eq!(queue_letter(0), "A");
        assert_eq!(queue_letter(25), "Z");
        assert_eq!(queue_letter(26), "AA");
        assert_eq!(queue_letter(27), "AB");
        let groups = vec![("SJ".to_string(), 2), ("GA".to_string(), 1), ("MZ".to_string(), 2), ("GA".to_string(), 1)];
        assert_eq!(
            letters_for(&groups),
            vec![("GA".into(), "A".into()), ("MZ".into(), "B".into()), ("SJ".into(), "C".into())]
        );
        assert_eq!(announcement("A017", 3), "请A017号到3号窗口");
    }

    #[test]
    fn state_machine() {
        use TicketAction as A;
        use TicketState as S;
        assert_eq!(next_state(S::Waiting, A::Call), Ok(S::Called));
        assert_eq!(next_state(S::Called, A::Recall), Ok(S::Called));
        assert_eq!(next_state(S::Called, A::Serve), Ok(S::Served));
        assert_eq!(next_state(S::Called, A::Skip), Ok(S::Skipped));
        assert_eq!(next_state(S::Skipped, A::Recall), Ok(S::Called));
        assert_eq!(next_state(S::Called, A::Transfer), Ok(S::Waiting));
        assert_eq!(next_state(S::Waiting, A::Transfer), Ok(S::Waiting));
        for action in [A::Call, A::Recall, A::Skip, A::Serve, A::Transfer] {
            assert!(next_state(S::Served, action).is_err(), "served is final: {action:?}");
        }
        assert!(next_state(S::Waiting, A::Serve).is_err());
        assert!(next_state(S::Called, A::Call).is_err());
        assert_eq!(next_state(S::Waiting, A::Skip).unwrap_err().message(), "该号码等候中，不能过号");
        for s in TicketState::ALL {
            assert_eq!(TicketState::parse(s.code()), Some(s));
        }
    }

    #[test]
    fn windows_call_only_when_signed_on_and_free() {
        let w = WindowState { signed_on_by: Some("me".into()), paused: false };
        assert_eq!(w.may_call("me", false), Ok(()));
        assert_eq!(w.may_call("other", false), Err(CallRefusal::NotSignedOn));
        assert_eq!(w.may_call("me", true), Err(CallRefusal::Busy));
        let paused = WindowState { paused: true, ..w };
        assert_eq!(paused.may_call("me", false), Err(CallRefusal::Paused));
        let off = WindowState { signed_on_by: None, paused: false };
        assert_eq!(off.may_call("me", false), Err(CallRefusal::NotSignedOn));
    }

    #[test]
    fn sms_at_three_ahead_once() {
        assert!(!ahead_sms_due(4, false));
        assert!(ahead_sms_due(3, false));
        assert!(ahead_sms_due(1, false), "a jump past three still tells them");
        assert!(!ahead_sms_due(3, true));
    }

    fn key() -> impl Strategy<Value = (Option<i64>, i64)> {
        (proptest::option::of(0i64..20_000), 0i64..20_000)
    }

    proptest! {
        /// In any set of check-ins, every booked-in-grace person is ahead of every walk-in, each class keeps
        /// check-in order, and positions are 0..n without gaps.
        #[test]
        fn ordering(checkins in proptest::collection::vec(key(), 1..40)) {
            let keys: Vec<QueueKey> = checkins.iter().enumerate().map(|(i, (end, at))| QueueKey {
                priority: priority(*end, *at),
                checked_in_at: *at,
                seq: i as i64 + 1,
            }).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            let first_walk_in = sorted.iter().position(|k| k.priority == Priority::WalkIn).unwrap_or(sorted.len());
            prop_assert!(sorted[first_walk_in..].iter().all(|k| k.priority == Priority::WalkIn));
            for w in sorted.windows(2) {
                if w[0].priority == w[1].priority {
                    prop_assert!(w[0].checked_in_at <= w[1].checked_in_at);
                }
            }
            let mut positions: Vec<usize> = keys.iter().map(|k| ahead_of(k, &keys)).collect();
            positions.sort();
            prop_assert_eq!(positions, (0..keys.len()).collect::<Vec<_>>());
            for (k, (end, at)) in keys.iter().zip(&checkins) {
                prop_assert_eq!(k.priority == Priority::Booked, end.is_some_and(|e| *at <= e + GRACE_SECS));
            }
        }
    }
}
