//! The hall's queue (排队叫号): who goes first, ticket numbers, windows' state and a ticket's life.
//!
//! Pure: the store keeps tickets and windows, these rules decide. A queue is a service group — a department at a
//! service point — and each queue of a point has its own letter (A, B, C…), so a ticket number (A017) names the
//! queue and the day's sequence.

pub mod page;

use serde::{Deserialize, Serialize};

/// A booked person who checks in up to this long after their slot ends still goes ahead of walk-ins: the booking
/// rule's grace, one constant for both.
pub use crate::domain::booking::GRACE_SECS;

/// When three people are ahead, the person waiting is told by SMS (once).
pub const NOTIFY_AHEAD: usize = 3;

/// Who goes first: lower ranks are called first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// Checked in with a booking, from shortly before the slot until it ended plus the grace ([`arrival`]).
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

/// Booked priority starts this long before the slot unless the administrator sets otherwise (`booking_rules`).
pub const DEFAULT_EARLY_MINUTES: i64 = 30;

/// When a booked person arrives, against their slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// Before booked priority starts: told to come back at `from` (or queue as a walk-in if they choose).
    Early { from: i64 },
    /// From `early` before the slot starts until the slot ends plus the grace: goes ahead of walk-ins.
    OnTime,
    /// After the grace: queues as a walk-in.
    Late,
}

/// Whether someone with a booking for `[starts_at, ends_at)` checking in at `at` is early, on time or late
/// (`early_secs`: how long before the slot booked priority starts).
pub fn arrival(starts_at: i64, ends_at: i64, at: i64, early_secs: i64) -> Arrival {
    if at < starts_at - early_secs {
        Arrival::Early { from: starts_at - early_secs }
    } else if at <= ends_at + GRACE_SECS {
        Arrival::OnTime
    } else {
        Arrival::Late
    }
}

/// The queue priority of an arrival: only an on-time booked person goes ahead of walk-ins.
pub fn priority(arrival: Option<Arrival>) -> Priority {
    match arrival {
        Some(Arrival::OnTime) => Priority::Booked,
        _ => Priority::WalkIn,
    }
}

/// What the check-in desk tells someone who came before booked priority starts.
pub fn come_back_message(from: i64) -> String {
    format!(
        "预约优先从{}开始，请届时再来签到；也可以现在按现场取号排队（不享受预约优先）",
        crate::domain::booking::civil_at(from).format("%H:%M")
    )
}

/// The order of waiting tickets in one queue: booked before walk-ins; booked people by their slot's start, then
/// by check-in; walk-ins by check-in; then by number.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QueueKey {
    pub priority: Priority,
    /// The booked slot's start (0 for walk-ins: they are ordered by check-in alone).
    pub slot_at: i64,
    pub checked_in_at: i64,
    pub seq: i64,
}

impl QueueKey {
    pub fn new(priority: Priority, slot_starts_at: Option<i64>, checked_in_at: i64, seq: i64) -> Self {
        let slot_at = if priority == Priority::Booked { slot_starts_at.unwrap_or(0) } else { 0 };
        Self { priority, slot_at, checked_in_at, seq }
    }
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

    /// The state's one label in the reader's language.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }
}

/// The state's code, as stored.
impl std::fmt::Display for TicketState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
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
    crate::domain::sms::Sms::QueueAhead { number, ahead, point: point_name }.text(crate::i18n::Lang::Zh)
}

/// What the live parts of the ticket page show; sent again by server-sent events on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketLive {
    pub number: String,
    pub state: TicketState,
    pub ahead: usize,
    pub window_number: Option<i64>,
}

impl TicketLive {
    /// What the ticket's holder needs to know now: a headline and what to do.
    pub fn words(&self, lang: crate::i18n::Lang) -> (String, String) {
        let pick = |zh: String, en: String| lang.pick(zh, en);
        let window = self.window_number.unwrap_or_default();
        match self.state {
            TicketState::Waiting if self.ahead == 0 => {
                (pick("下一位就是您".into(), "You are next".into()), pick("请留意叫号".into(), "Listen for your number".into()))
            }
            TicketState::Waiting => (
                pick(format!("前面还有{}人", self.ahead), format!("{} people ahead of you", self.ahead)),
                pick("请在大厅等候叫号".into(), "Please wait in the hall".into()),
            ),
            TicketState::Called => (
                pick(format!("请到{window}号窗口"), format!("Please go to window {window}")),
                pick("您的号码已叫到".into(), "Your number has been called".into()),
            ),
            TicketState::Served => {
                (TicketState::Served.label(lang).to_string(), pick("感谢您的耐心等候".into(), "Thank you for waiting".into()))
            }
            TicketState::Skipped => (
                pick("您的号码已过号".into(), "Your number was missed".into()),
                pick(format!("请到{window}号窗口联系工作人员"), format!("Please speak to the staff at window {window}")),
            ),
        }
    }
}

/// What the window screen shows; sent again by server-sent events on every change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenLive {
    pub window_number: i64,
    /// The ticket being served and how many times it was called (a recall announces it again).
    pub serving: Option<(String, i64)>,
    pub waiting: usize,
    /// The rating QR code with its rotating token (好差评); none on a screen that is not registered.
    pub qr: Option<crate::domain::rating::ScreenQr>,
}

/// A booking's code, from what the scanner typed: the code alone or the whole check-in URL (…/bookings/{code}).
pub fn booking_code_from(input: &str) -> String {
    let s = input.trim().trim_end_matches('/');
    let s = s.rsplit_once("/bookings/").map(|(_, c)| c).unwrap_or(s);
    s.split(['?', '#']).next().unwrap_or("").trim().trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn scanner_input_gives_the_code() {
        use super::booking_code_from;
        assert_eq!(booking_code_from(" AB12CD "), "AB12CD");
        assert_eq!(booking_code_from("https://hall.example/bookings/AB12CD"), "AB12CD");
        assert_eq!(booking_code_from("http://127.0.0.1:3000/bookings/AB12CD/?x=1"), "AB12CD");
        assert_eq!(booking_code_from(""), "");
    }

    use super::*;
    use proptest::prelude::*;

    #[test]
    fn booked_priority_from_thirty_minutes_before_until_the_grace() {
        let (start, end) = (1_000_000, 1_001_800);
        let early = DEFAULT_EARLY_MINUTES * 60;
        assert_eq!(arrival(start, end, start - 7 * 3600, early), Arrival::Early { from: start - early }, "09:00 for 16:00");
        assert_eq!(arrival(start, end, start - early - 1, early), Arrival::Early { from: start - early });
        assert_eq!(arrival(start, end, start - early, early), Arrival::OnTime, "first second of priority");
        assert_eq!(arrival(start, end, end + GRACE_SECS, early), Arrival::OnTime, "last second of grace");
        assert_eq!(arrival(start, end, end + GRACE_SECS + 1, early), Arrival::Late);
        assert_eq!(priority(Some(Arrival::OnTime)), Priority::Booked);
        assert_eq!(priority(Some(Arrival::Early { from: 0 })), Priority::WalkIn, "chose to queue as a walk-in");
        assert_eq!(priority(Some(Arrival::Late)), Priority::WalkIn);
        assert_eq!(priority(None), Priority::WalkIn);
        let walk_in_early = QueueKey::new(Priority::WalkIn, None, 10, 1);
        let booked_late = QueueKey::new(Priority::Booked, Some(900), 500, 9);
        assert!(booked_late < walk_in_early);
        assert_eq!(ahead_of(&walk_in_early, [&booked_late, &walk_in_early]), 1);
        // Booked people go by their slot, not by who came first.
        let ten = QueueKey::new(Priority::Booked, Some(36_000), 35_000, 2);
        let nine_thirty = QueueKey::new(Priority::Booked, Some(34_200), 35_100, 3);
        assert!(nine_thirty < ten);
        assert_eq!(QueueKey::new(Priority::WalkIn, Some(36_000), 5, 1).slot_at, 0, "walk-ins ignore a slot");
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
        /// In any set of check-ins, every on-time booked person is ahead of every walk-in, booked people keep slot
        /// order, walk-ins keep check-in order, and positions are 0..n without gaps.
        #[test]
        fn ordering(checkins in proptest::collection::vec(key(), 1..40)) {
            let early = DEFAULT_EARLY_MINUTES * 60;
            let keys: Vec<QueueKey> = checkins.iter().enumerate().map(|(i, (start, at))| {
                let a = start.map(|s| arrival(s, s + 1800, *at, early));
                QueueKey::new(priority(a), *start, *at, i as i64 + 1)
            }).collect();
            let mut sorted = keys.clone();
            sorted.sort();
            let first_walk_in = sorted.iter().position(|k| k.priority == Priority::WalkIn).unwrap_or(sorted.len());
            prop_assert!(sorted[first_walk_in..].iter().all(|k| k.priority == Priority::WalkIn));
            for w in sorted.windows(2) {
                if w[0].priority == w[1].priority {
                    prop_assert!((w[0].slot_at, w[0].checked_in_at) <= (w[1].slot_at, w[1].checked_in_at));
                }
            }
            let mut positions: Vec<usize> = keys.iter().map(|k| ahead_of(k, &keys)).collect();
            positions.sort();
            prop_assert_eq!(positions, (0..keys.len()).collect::<Vec<_>>());
            for (k, (start, at)) in keys.iter().zip(&checkins) {
                let on_time = start.is_some_and(|s| *at >= s - early && *at <= s + 1800 + GRACE_SECS);
                prop_assert_eq!(k.priority == Priority::Booked, on_time);
            }
        }
    }
}
