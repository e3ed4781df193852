//! 好差评 (issue 19): the five levels and the indicators of the national rules (State Council 2019 No. 51;
//! GB/T 39734-2020), what a rating is of, the rules that keep it honest (one per ticket or case, limits per phone and
//! device per window per day, flags), the window screen's rotating token slots, and the good-rating rate (好评率).
//! Pure: the store counts, these rules decide.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The five levels, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    VerySatisfied,
    Satisfied,
    Basic,
    Dissatisfied,
    VeryDissatisfied,
}

impl Level {
    pub const ALL: [Level; 5] = [Self::VerySatisfied, Self::Satisfied, Self::Basic, Self::Dissatisfied, Self::VeryDissatisfied];

    pub fn code(self) -> &'static str {
        match self {
            Self::VerySatisfied => "very_satisfied",
            Self::Satisfied => "satisfied",
            Self::Basic => "basic",
            Self::Dissatisfied => "dissatisfied",
            Self::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::VerySatisfied => lang.pick("非常满意", "Very satisfied"),
            Self::Satisfied => lang.pick("满意", "Satisfied"),
            Self::Basic => lang.pick("基本满意", "Fairly satisfied"),
            Self::Dissatisfied => lang.pick("不满意", "Dissatisfied"),
            Self::VeryDissatisfied => lang.pick("非常不满意", "Very dissatisfied"),
        }
    }

    /// Counts as 好评 (非常满意, 满意, 基本满意).
    pub fn is_good(self) -> bool {
        matches!(self, Self::VerySatisfied | Self::Satisfied | Self::Basic)
    }

    /// A bad rating (差评) needs a mobile number verified by SMS, so it can be followed up.
    pub fn needs_verified_phone(self) -> bool {
        !self.is_good()
    }
}

/// Where a rating was given, as the national rules distinguish them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 现场: at a window (its placard, its screen, or after a served ticket).
    OnSite,
    /// 网上: a case filed and handled online.
    Online,
}

impl Channel {
    /// The indicators a rating may tick: (code, 中文, English).
    pub fn indicators(self) -> &'static [(&'static str, &'static str, &'static str)] {
        match self {
            Self::OnSite => &[("efficiency", "服务效率", "Speed of service"), ("skill", "服务水平", "Competence"), ("attitude", "服务态度", "Attitude")],
            Self::Online => &[
                ("speed", "办事效率", "Speed"),
                ("guide", "指南准确", "Accurate guide"),
                ("ease", "办事便捷", "Easy to get done"),
                ("usability", "操作便利", "Easy to use"),
            ],
        }
    }

    /// The indicator codes of `ticked` that belong to this channel, each once, in the channel's order.
    pub fn keep_indicators(self, ticked: &[String]) -> Vec<String> {
        self.indicators().iter().filter(|(c, _, _)| ticked.iter().any(|t| t == c)).map(|(c, _, _)| c.to_string()).collect()
    }
}

/// How a window rating arrived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The printed placard's QR code: accepted, marked as such.
    Placard,
    /// The window screen's rotating QR code: someone at the window.
    Screen,
    /// The invitation after a served ticket (一次一评).
    Ticket,
    /// The invitation after a completed case (一事一评).
    Case,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Self::Placard => "placard",
            Self::Screen => "screen",
            Self::Ticket => "ticket",
            Self::Case => "case",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Placard, Self::Screen, Self::Ticket, Self::Case].into_iter().find(|x| x.code() == s)
    }

    pub fn channel(self) -> Channel {
        if self == Self::Case {
            Channel::Online
        } else {
            Channel::OnSite
        }
    }
}

/// The anti-abuse limits on ratings of a window (placard or screen) in one day: per phone, per device (the
/// `palm_rater` cookie) and per address (a script can drop cookies; a hall's Wi-Fi puts many people behind one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub per_phone_window_day: i64,
    pub per_device_window_day: i64,
    pub per_address_window_day: i64,
    /// From this many ratings of one window by one phone in a day, each is flagged.
    pub repeat_flag_from: i64,
    /// The window screen's token changes every this many seconds: [`TOKEN_ROTATE_SECS`], or on a test server
    /// `PALM_RATE_ROTATE_SECS` (1 s for the screen's soak test).
    pub token_rotate_secs: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { per_phone_window_day: 5, per_device_window_day: 5, per_address_window_day: 100, repeat_flag_from: 3, token_rotate_secs: TOKEN_ROTATE_SECS }
    }
}

/// Why a rating is kept but shown to the administrator for a look (flagged, not dropped).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The same phone rated this window many times today.
    RepeatPhone,
    /// A placard rating of a window that served nobody in the hour before.
    IdleWindow,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Self::RepeatPhone => "repeat_phone",
            Self::IdleWindow => "idle_window",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::RepeatPhone, Self::IdleWindow].into_iter().find(|f| f.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::RepeatPhone => "同一手机号当天多次评价该窗口",
            Self::IdleWindow => "评价前一小时该窗口没有办结业务（扫的是贴纸二维码）",
        }
    }
}

/// The flags a new rating gets: `same_phone_today` ratings of this window by this phone today before it (`None`
/// without a phone), and `served_last_hour` tickets the window finished in the hour before it.
pub fn flags(limits: Limits, source: Source, same_phone_today: Option<i64>, served_last_hour: i64) -> Vec<Flag> {
    let mut out = Vec::new();
    if same_phone_today.is_some_and(|n| n + 1 >= limits.repeat_flag_from) {
        out.push(Flag::RepeatPhone);
    }
    if source == Source::Placard && served_last_hour == 0 {
        out.push(Flag::IdleWindow);
    }
    out
}

/// 好评率: (非常满意 + 满意 + 基本满意) / all, in per mille (so 2 of 3 is 667), or `None` with no ratings.
pub fn good_rate_permille(levels: &[Level]) -> Option<u32> {
    if levels.is_empty() {
        return None;
    }
    let good = levels.iter().filter(|l| l.is_good()).count() as u64;
    Some(((good * 1000 + levels.len() as u64 / 2) / levels.len() as u64) as u32)
}

/// 好评率 in words: "92.3%", or "暂无评价".
pub fn good_rate_words(levels: &[Level], lang: Lang) -> String {
    match good_rate_permille(levels) {
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => lang.pick("暂无评价", "No ratings yet").into(),
    }
}

/// The window screen's QR token changes every this many seconds ...
pub const TOKEN_ROTATE_SECS: i64 = 60;
/// ... and a token is accepted this long after it was shown first.
pub const TOKEN_ACCEPT_SECS: i64 = 300;
/// The page a screen's code opens keeps the rating open this long: to write a comment and sign in with the phone.
pub const FORM_TOKEN_SECS: i64 = 1800;

/// The token slot shown at `now` (unix seconds) with a rotation of `rotate` seconds.
pub fn token_slot(now: i64, rotate: i64) -> i64 {
    now.div_euclid(rotate.max(1))
}

/// The slots whose tokens are accepted at `now`: the current one and those shown within the acceptance time.
pub fn accepted_slots(now: i64, rotate: i64) -> std::ops::RangeInclusive<i64> {
    let rotate = rotate.max(1);
    let current = token_slot(now, rotate);
    let back = (TOKEN_ACCEPT_SECS / rotate).max(1) - 1;
    (current - back)..=current
}

/// The rating page's address: `/rate/{kind}/{id}`, with the screen's token for a window (`?t=`). Where a refused
/// post returns and where a sign-in comes back to.
pub fn rate_path(kind: &str, id: &str, token: Option<&str>) -> String {
    use crate::domain::html::encode_query;
    match (kind, token.filter(|t| !t.is_empty())) {
        ("w", Some(t)) => format!("/rate/w/{}?t={}", encode_query(id), encode_query(t)),
        _ => format!("/rate/{kind}/{}", encode_query(id)),
    }
}

/// The rating QR code a window screen shows: a server-made SVG of the window's rating address with the current
/// token. Sent again over the screen's live stream at every rotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScreenQr {
    /// The token's slot: a new slot is a new code.
    pub slot: i64,
    /// The address in the code, `{PALM_PUBLIC_URL}/rate/w/{window}?t={token}`.
    pub url: String,
    pub svg: String,
    /// The screen hides the code this many seconds after it arrived unless a newer one came (a dropped network):
    /// the token is accepted [`TOKEN_ACCEPT_SECS`] from the start of its slot and arrives at most one rotation late,
    /// so a code on the screen is always one that works.
    pub show_secs: i64,
}

/// How long a screen may show a code that arrived at most one rotation after its slot began: a code is accepted for
/// the whole slots that fit in [`TOKEN_ACCEPT_SECS`] from its slot's start ([`accepted_slots`]).
pub fn qr_show_secs(rotate: i64) -> i64 {
    let rotate = rotate.max(1);
    (TOKEN_ACCEPT_SECS / rotate * rotate - rotate).max(1)
}

/// Whether a code that arrived at `received_ms` may still be shown at `now_ms` (the screen's own clock).
pub fn qr_fresh(received_ms: f64, now_ms: f64, show_secs: i64) -> bool {
    now_ms - received_ms < show_secs as f64 * 1000.0
}

/// Milliseconds from `now_ms` (unix) to the start of the next token slot.
pub fn ms_to_next_slot(now_ms: i64, rotate: i64) -> u64 {
    let period = rotate.max(1) * 1000;
    (period - now_ms.rem_euclid(period)) as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn a_screen_shows_a_code_only_while_it_works() {
        for rotate in [1, 7, 45, 60] {
            let show = qr_show_secs(rotate);
            // The worst case: the code of slot s arrives just before slot s+1 begins, and is shown `show` seconds.
            let slot_start = 1_800_000_000 - 1_800_000_000_i64.rem_euclid(rotate);
            let arrived = slot_start + rotate - 1;
            let slot = token_slot(slot_start, rotate);
            assert!(accepted_slots(arrived + show, rotate).contains(&slot), "rotate {rotate}: still accepted while shown");
            assert!(!accepted_slots(slot_start + TOKEN_ACCEPT_SECS, rotate).contains(&slot), "rotate {rotate}: never past five minutes");
            assert!(qr_fresh(arrived as f64 * 1000.0, (arrived + show) as f64 * 1000.0 - 1.0, show));
            assert!(!qr_fresh(arrived as f64 * 1000.0, (arrived + show) as f64 * 1000.0, show));
        }
        assert_eq!(ms_to_next_slot(60_000, 60), 60_000);
        assert_eq!(ms_to_next_slot(61_500, 60), 58_500);
        assert_eq!(ms_to_next_slot(1_250, 1), 750);
    }

    #[test]
    fn good_rate_on_known_answers() {
        assert_eq!(good_rate_permille(&[]), None);
        assert_eq!(good_rate_permille(&[VerySatisfied, Satisfied, Basic, Dissatisfied]), Some(750));
        assert_eq!(good_rate_permille(&[VerySatisfied, VeryDissatisfied, Dissatisfied]), Some(333));
        assert_eq!(good_rate_permille(&[Basic, Basic, Dissatisfied]), Some(667));
        assert_eq!(good_rate_words(&[Satisfied; 13].iter().copied().chain([Dissatisfied]).collect::<Vec<_>>(), Lang::Zh), "92.9%");
        assert_eq!(good_rate_words(&[], Lang::Zh), "暂无评价");
    }

    #[test]
    fn only_bad_ratings_need_a_verified_phone() {
        let needs: Vec<Level> = Level::ALL.into_iter().filter(|l| l.needs_verified_phone()).collect();
        assert_eq!(needs, vec![Dissatisfied, VeryDissatisfied]);
        for l in Level::ALL {
            assert_eq!(Level::parse(l.code()), Some(l));
        }
    }

    #[test]
    fn flags_mark_repeat_phones_and_placards_of_idle_windows() {
        let limits = Limits::default();
        assert_eq!(flags(limits, Source::Screen, Some(0), 3), vec![]);
        assert_eq!(flags(limits, Source::Screen, Some(2), 3), vec![Flag::RepeatPhone], "the third of the day");
        assert_eq!(flags(limits, Source::Placard, None, 0), vec![Flag::IdleWindow]);
        assert_eq!(flags(limits, Source::Screen, None, 0), vec![], "the screen proves presence");
        assert_eq!(flags(limits, Source::Placard, Some(4), 0), vec![Flag::RepeatPhone, Flag::IdleWindow]);
    }

    #[test]
    fn a_token_is_accepted_for_five_minutes_and_no_longer() {
        let shown = 1_800_000_000; // a slot boundary
        let slot = token_slot(shown, TOKEN_ROTATE_SECS);
        assert!(accepted_slots(shown, TOKEN_ROTATE_SECS).contains(&slot));
        assert!(accepted_slots(shown + TOKEN_ACCEPT_SECS - 1, TOKEN_ROTATE_SECS).contains(&slot));
        assert!(!accepted_slots(shown + TOKEN_ACCEPT_SECS, TOKEN_ROTATE_SECS).contains(&slot));
        assert!(!accepted_slots(shown - 1, TOKEN_ROTATE_SECS).contains(&slot), "not before it is shown");
        // A 1-second rotation (the screen test's) accepts the same five minutes.
        assert_eq!(accepted_slots(shown, 1).count(), 300);
    }

    #[test]
    fn indicators_are_kept_per_channel() {
        let ticked = vec!["attitude".to_string(), "guide".to_string(), "attitude".to_string(), "<b>".to_string()];
        assert_eq!(Channel::OnSite.keep_indicators(&ticked), vec!["attitude"]);
        assert_eq!(Channel::Online.keep_indicators(&ticked), vec!["guide"]);
    }
}

/// What the rating page shows (`/rate/w/{window}`, `/rate/t/{ticket}`, `/rate/c/{case}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RateView {
    /// The form's action target: `w`, `t` or `c`, and the id.
    pub kind: String,
    pub id: String,
    /// The screen's token, passed on with the post.
    pub token: Option<String>,
    /// What is rated, in words: "嵩明县政务服务中心 3号窗口", a case's item.
    pub what: String,
    pub channel: Channel,
    /// Rated already (a ticket or case): the level and when, in words.
    pub earlier: Option<(Level, String)>,
    /// A verified phone is on the session (a bad rating can be kept).
    pub verified: bool,
    pub flash: crate::domain::form::Flash,
    /// It cannot be rated now, and why (an expired screen code, a case not completed): shown instead of the form.
    pub closed: Option<String>,
}

/// One rating as a window's staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingLine {
    pub level: Level,
    /// Indicator names.
    pub indicators: Vec<String>,
    pub comment: String,
    /// When, in words.
    pub at: String,
    pub source: Source,
    pub flags: Vec<Flag>,
    /// The verified phone, masked (138****5678), for a follow-up.
    pub phone: Option<String>,
}

/// One group of ratings this month: a window's, or a department's completed cases' (一事一评), for its staff, its
/// department's reviewers, or (flagged ratings only) the administrator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WindowRatings {
    /// The window's id, or `cases:{department}`.
    pub window_id: String,
    /// "嵩明县政务服务中心 1号窗口 公安", or "公安 网上办件".
    pub window: String,
    pub good_rate: String,
    pub lines: Vec<RatingLine>,
}

/// Who may see ratings at all: window staff (their windows), reviewers (their department's windows and cases) and
/// the centre administrator. Which groups each sees is the service's choice.
pub fn may_see_ratings(who: &crate::domain::accounts::Identity) -> bool {
    use crate::domain::accounts::Role;
    [Role::WindowStaff, Role::Reviewer, Role::CentreAdmin].into_iter().any(|r| who.has(r, None))
}

/// The printable placards of a point's windows (`/admin/placards?point=`): one A4 page per window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacardsView {
    pub point_id: String,
    pub point_name: String,
    /// (id, name) of the points to choose from.
    pub points: Vec<(String, String)>,
    /// (window label, the rating URL its QR code carries: from `PALM_PUBLIC_URL`, never a request).
    pub placards: Vec<(String, String)>,
}
