//! Who is asking: roles as scoped grants, and the rules that protect sign-in (one-time codes, rate limits, lockout).
//! Pure: the store counts, these rules decide.

pub mod page;

use serde::{Deserialize, Serialize};

/// What kind of account: a citizen signs in with a code by SMS, staff with a username and password (and a shorter
/// idle timeout).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    Citizen,
    Staff,
}

impl AccountKind {
    pub const ALL: [AccountKind; 2] = [Self::Citizen, Self::Staff];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        match (self, lang) {
            (Self::Citizen, crate::i18n::Lang::Zh) => "群众账号",
            (Self::Staff, crate::i18n::Lang::Zh) => "工作人员账号",
            (Self::Citizen, crate::i18n::Lang::En) => "Citizen account",
            (Self::Staff, crate::i18n::Lang::En) => "Staff account",
        }
    }
}

impl std::fmt::Display for AccountKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    /// Scope: the enterprise's 统一社会信用代码.
    EnterpriseMember,
    /// 代办员. Scope: the village station's point id.
    ProxyAgent,
    /// Scope: a service point and a department, `530127:GA` ([`staff_scope`]); signs on to that point's windows.
    WindowStaff,
    /// Scope: a department code.
    Reviewer,
    /// Scope: empty (the whole centre).
    CentreAdmin,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Self::Citizen, Self::EnterpriseMember, Self::ProxyAgent, Self::WindowStaff, Self::Reviewer, Self::CentreAdmin];

    pub fn code(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::EnterpriseMember => "enterprise_member",
            Self::ProxyAgent => "proxy_agent",
            Self::WindowStaff => "window_staff",
            Self::Reviewer => "reviewer",
            Self::CentreAdmin => "centre_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Citizen => "群众",
            Self::EnterpriseMember => "企业经办人",
            Self::ProxyAgent => "代办员",
            Self::WindowStaff => "窗口工作人员",
            Self::Reviewer => "部门审核人员",
            Self::CentreAdmin => "中心管理员",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Self::Citizen => "Resident",
            Self::EnterpriseMember => "Business member",
            Self::ProxyAgent => "Proxy agent",
            Self::WindowStaff => "Window staff",
            Self::Reviewer => "Department reviewer",
            Self::CentreAdmin => "Centre administrator",
        }
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
    }

    /// What the scope names, for forms; `None` when the role has no scope.
    pub fn scope_label(self) -> Option<&'static str> {
        match self {
            Self::EnterpriseMember => Some("统一社会信用代码"),
            Self::ProxyAgent => Some("便民服务站编号"),
            Self::WindowStaff | Self::Reviewer => Some("部门编码"),
            Self::Citizen | Self::CentreAdmin => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub scope: String,
}

/// What a server function needs from whoever is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// Anyone, signed in or not.
    Anyone,
    /// Any signed-in person.
    SignedIn,
    /// A grant of this role; with `Some(scope)`, for exactly that scope.
    Role(Role, Option<String>),
}

/// The person behind a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub account_id: String,
    pub display_name: String,
    pub grants: Vec<Grant>,
}

impl Identity {
    pub fn has(&self, role: Role, scope: Option<&str>) -> bool {
        self.grants.iter().any(|g| g.role == role && scope.is_none_or(|s| g.scope == s))
    }

    /// Whether this person may work at windows and desks of `point` for `department` (`None`: for any department
    /// there). The centre administrator may work everywhere.
    pub fn works_at(&self, point: &str, department: Option<&str>) -> bool {
        self.has(Role::CentreAdmin, None)
            || self.grants.iter().filter(|g| g.role == Role::WindowStaff).filter_map(|g| staff_scope_parts(&g.scope)).any(
                |(p, d)| p == point && (d == ALL_DEPARTMENTS || department.is_none_or(|want| want == d)),
            )
    }

    /// Whether this person serves `department` at some point (the green channel books for their departments).
    pub fn serves_department(&self, department: &str) -> bool {
        self.has(Role::CentreAdmin, None)
            || self
                .grants
                .iter()
                .filter(|g| g.role == Role::WindowStaff)
                .filter_map(|g| staff_scope_parts(&g.scope))
                .any(|(_, d)| d == department || d == ALL_DEPARTMENTS)
    }

    /// The points where this person is window staff, in grant order, each once.
    pub fn staff_points(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (p, _) in self.grants.iter().filter(|g| g.role == Role::WindowStaff).filter_map(|g| staff_scope_parts(&g.scope)) {
            if !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
        out
    }

    /// The one department this person serves, when they serve exactly one and are not the administrator.
    pub fn only_department(&self) -> Option<String> {
        if self.has(Role::CentreAdmin, None) {
            return None;
        }
        let mut ds: Vec<&str> = self
            .grants
            .iter()
            .filter(|g| g.role == Role::WindowStaff)
            .filter_map(|g| staff_scope_parts(&g.scope))
            .map(|(_, d)| d)
            .collect();
        ds.sort();
        ds.dedup();
        match ds.as_slice() {
            [d] if *d != ALL_DEPARTMENTS => Some(d.to_string()),
            _ => None,
        }
    }
}

/// A window staff grant for every department served at its point (a town centre's 综合窗口).
pub const ALL_DEPARTMENTS: &str = "*";

/// A window staff grant's scope: the service point beside the department, `530127:GA` (`530127:*`: every
/// department at the point). A clerk signs on only at their own point's windows and desks.
pub fn staff_scope(point: &str, department: &str) -> String {
    format!("{point}:{department}")
}

/// The (point, department) of a window staff scope; `None` for a scope without a point.
pub fn staff_scope_parts(scope: &str) -> Option<(&str, &str)> {
    scope.split_once(':').filter(|(p, d)| !p.is_empty() && !d.is_empty())
}

/// Whether `who` may do what needs `need`. The centre administrator may do everything staff may.
pub fn allows(who: Option<&Identity>, need: &Need) -> bool {
    match (need, who) {
        (Need::Anyone, _) => true,
        (_, None) => false,
        (Need::SignedIn, Some(_)) => true,
        (Need::Role(role, scope), Some(id)) => {
            id.has(*role, scope.as_deref())
                || (matches!(role, Role::WindowStaff | Role::Reviewer | Role::CentreAdmin)
                    && id.has(Role::CentreAdmin, None))
        }
    }
}

/// A mainland mobile number: 11 digits starting 13–19. Spaces, dashes and a +86 prefix are accepted.
pub fn normalise_mobile(input: &str) -> Option<String> {
    let digits: String = input
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !matches!(c, ' ' | '-' | '　'))
        .collect();
    let digits = digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")).unwrap_or(&digits);
    let ok = digits.len() == 11
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits.starts_with('1')
        && matches!(digits.as_bytes()[1], b'3'..=b'9');
    ok.then(|| digits.to_string())
}

/// One-time code rules.
#[derive(Clone, Copy, Debug)]
pub struct OtpPolicy {
    pub ttl_secs: i64,
    /// Minimum gap between two codes to the same phone.
    pub resend_secs: i64,
    pub per_phone_per_hour: i64,
    pub per_address_per_hour: i64,
    /// Wrong guesses that burn a code.
    pub guesses_per_code: i64,
    /// Wrong guesses from one address in an hour before it must wait.
    pub failures_per_address_per_hour: i64,
}

pub const OTP: OtpPolicy = OtpPolicy {
    ttl_secs: 5 * 60,
    resend_secs: 60,
    per_phone_per_hour: 5,
    per_address_per_hour: 20,
    guesses_per_code: 5,
    failures_per_address_per_hour: 30,
};

/// Why a code was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendRefusal {
    TooSoon { wait_secs: i64 },
    PhoneLimit,
    AddressLimit,
}

impl SendRefusal {
    pub fn message(&self) -> String {
        self.message_in(crate::i18n::Lang::Zh)
    }

    pub fn message_in(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return match self {
                Self::TooSoon { wait_secs } => format!("A code has been sent. Wait {wait_secs} seconds before asking for another"),
                Self::PhoneLimit => "Too many codes for this phone number. Try again in an hour".to_string(),
                Self::AddressLimit => "Too many codes from this network. Try again in an hour".to_string(),
            };
        }
        match self {
            Self::TooSoon { wait_secs } => format!("验证码已发送，请{wait_secs}秒后再重新获取"),
            Self::PhoneLimit => "该手机号获取验证码次数过多，请1小时后再试".to_string(),
            Self::AddressLimit => "当前网络获取验证码次数过多，请1小时后再试".to_string(),
        }
    }
}

/// Decides whether a code may be sent now, from the sends in the last hour.
pub fn may_send(
    policy: &OtpPolicy,
    now: i64,
    last_to_phone: Option<i64>,
    phone_last_hour: i64,
    address_last_hour: i64,
) -> Result<(), SendRefusal> {
    if let Some(last) = last_to_phone {
        let wait = last + policy.resend_secs - now;
        if wait > 0 {
            return Err(SendRefusal::TooSoon { wait_secs: wait });
        }
    }
    if phone_last_hour >= policy.per_phone_per_hour {
        return Err(SendRefusal::PhoneLimit);
    }
    if address_last_hour >= policy.per_address_per_hour {
        return Err(SendRefusal::AddressLimit);
    }
    Ok(())
}

/// A stored code's state when someone tries it.
#[derive(Clone, Debug)]
pub struct StoredCode {
    pub code_hash: String,
    pub expires_at: i64,
    pub guesses: i64,
    pub used: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeCheck {
    Accepted,
    Wrong { left: i64 },
    /// Expired, used, burnt by guesses, or never sent: ask for a new one.
    NeedNew,
}

impl CodeCheck {
    pub fn message(&self) -> Option<String> {
        self.message_in(crate::i18n::Lang::Zh)
    }

    pub fn message_in(&self, lang: crate::i18n::Lang) -> Option<String> {
        if lang == crate::i18n::Lang::En {
            return match self {
                Self::Accepted => None,
                Self::Wrong { left } => Some(format!("The code is not right. You can try {left} more times")),
                Self::NeedNew => Some("The code has expired. Ask for a new one".to_string()),
            };
        }
        match self {
            Self::Accepted => None,
            Self::Wrong { left } => Some(format!("验证码不正确，还可以再试{left}次")),
            Self::NeedNew => Some("验证码已失效，请重新获取".to_string()),
        }
    }
}

/// Checks a guess against a stored code. `hash` hashes the guess the same way the code was stored.
pub fn check_code(policy: &OtpPolicy, now: i64, stored: Option<&StoredCode>, guess_hash: &str) -> CodeCheck {
    let Some(s) = stored else { return CodeCheck::NeedNew };
    if s.used || now >= s.expires_at || s.guesses >= policy.guesses_per_code {
        return CodeCheck::NeedNew;
    }
    if constant_time_eq(s.code_hash.as_bytes(), guess_hash.as_bytes()) {
        CodeCheck::Accepted
    } else {
        let left = policy.guesses_per_code - s.guesses - 1;
        if left <= 0 {
            CodeCheck::NeedNew
        } else {
            CodeCheck::Wrong { left }
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// What is wrong with a typed mobile number that [`normalise_mobile`] refused, for the phone field.
pub fn mobile_problem(typed: &str, lang: crate::i18n::Lang) -> &'static str {
    if typed.trim().is_empty() {
        lang.pick("请输入手机号码", "Enter your mobile number")
    } else {
        lang.pick("手机号码应为11位数字，如 13812345678", "Enter an 11-digit mobile number, like 13812345678")
    }
}

/// Staff lockout: after this many failed passwords in a row the account is locked for [`LOCK_SECS`].
pub const LOCK_AFTER: i64 = 5;
pub const LOCK_SECS: i64 = 15 * 60;

/// Idle timeouts: staff sessions end sooner than citizens'.
pub const STAFF_IDLE_SECS: i64 = 30 * 60;
pub const CITIZEN_IDLE_SECS: i64 = 7 * 24 * 3600;

/// The lock that follows a failed password: `Some(until)` once the failures reach [`LOCK_AFTER`].
pub fn lock_after_failure(now: i64, failures_including_this: i64) -> Option<i64> {
    (failures_including_this >= LOCK_AFTER).then_some(now + LOCK_SECS)
}

/// A return address after sign-in: only a path on this site (no `//host`, no scheme), else the home page.
pub fn safe_return_to(path: &str) -> String {
    if !path.starts_with("/signin") {
        safe_local_path(path)
    } else {
        "/".to_string()
    }
}

/// A path on this site to go back to (never another site), or `/`: the one parser for every `next` and `back`.
/// Judged as a browser's URL parser reads it: browsers drop tabs and newlines anywhere and read `\` as `/`, so
/// `/\t/evil.example` and `/\\evil.example` become `//evil.example`, another site. Any control character or
/// backslash, a second leading `/`, or more than 2,000 bytes refuses the value (and a newline can never reach a
/// `Location` header, where it would break the response).
pub fn safe_local_path(path: &str) -> String {
    let ok = path.starts_with('/')
        && !path[1..].starts_with('/')
        && path.len() <= 2000
        && !path.chars().any(|c| c.is_control() || c == '\\')
        && !path.contains("://");
    if ok {
        path.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(grants: &[(Role, &str)]) -> Identity {
        Identity {
            account_id: "a".into(),
            display_name: "x".into(),
            grants: grants.iter().map(|(r, s)| Grant { role: *r, scope: s.to_string() }).collect(),
        }
    }

    #[test]
    fn grants_are_scoped() {
        let staff = id(&[(Role::WindowStaff, "GA")]);
        assert!(allows(Some(&staff), &Need::Role(Role::WindowStaff, Some("GA".into()))));
        assert!(!allows(Some(&staff), &Need::Role(Role::WindowStaff, Some("SJ".into()))));
        assert!(allows(Some(&staff), &Need::Role(Role::WindowStaff, None)));
        assert!(!allows(Some(&staff), &Need::Role(Role::CentreAdmin, None)));
        assert!(!allows(None, &Need::SignedIn));
        assert!(allows(None, &Need::Anyone));
        let admin = id(&[(Role::CentreAdmin, "")]);
        assert!(allows(Some(&admin), &Need::Role(Role::Reviewer, Some("SJ".into()))));
        assert!(!allows(Some(&admin), &Need::Role(Role::ProxyAgent, Some("530127001001".into()))));
    }

    #[test]
    fn mobiles() {
        assert_eq!(normalise_mobile("138 1234 5678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_mobile("+86-13812345678").as_deref(), Some("13812345678"));
        assert_eq!(normalise_mobile("１３８１２３４５６７８").as_deref(), Some("13812345678"));
        assert_eq!(normalise_mobile("12812345678"), None);
        assert_eq!(normalise_mobile("1381234567"), None);
        assert_eq!(normalise_mobile("0871-67911234"), None);
    }

    #[test]
    fn sending_limits() {
        let p = OTP;
        assert_eq!(may_send(&p, 1000, None, 0, 0), Ok(()));
        assert_eq!(may_send(&p, 1000, Some(970), 1, 1), Err(SendRefusal::TooSoon { wait_secs: 30 }));
        assert_eq!(may_send(&p, 1000, Some(900), 5, 5), Err(SendRefusal::PhoneLimit));
        assert_eq!(may_send(&p, 1000, Some(900), 1, 20), Err(SendRefusal::AddressLimit));
    }

    #[test]
    fn codes_expire_burn_and_are_single_use() {
        let p = OTP;
        let s = StoredCode { code_hash: "h".into(), expires_at: 1300, guesses: 0, used: false };
        assert_eq!(check_code(&p, 1000, Some(&s), "h"), CodeCheck::Accepted);
        assert_eq!(check_code(&p, 1000, Some(&s), "x"), CodeCheck::Wrong { left: 4 });
        assert_eq!(check_code(&p, 1300, Some(&s), "h"), CodeCheck::NeedNew, "expired");
        let used = StoredCode { used: true, ..s.clone() };
        assert_eq!(check_code(&p, 1000, Some(&used), "h"), CodeCheck::NeedNew, "single use");
        let burnt = StoredCode { guesses: 5, ..s.clone() };
        assert_eq!(check_code(&p, 1000, Some(&burnt), "h"), CodeCheck::NeedNew, "burnt by guesses");
        let last = StoredCode { guesses: 4, ..s };
        assert_eq!(check_code(&p, 1000, Some(&last), "x"), CodeCheck::NeedNew);
        assert_eq!(check_code(&p, 1000, None, "h"), CodeCheck::NeedNew);
    }

    #[test]
    fn lockout_after_five() {
        assert_eq!(lock_after_failure(100, 4), None);
        assert_eq!(lock_after_failure(100, 5), Some(100 + LOCK_SECS));
    }

    #[test]
    fn return_paths_stay_on_site() {
        assert_eq!(safe_return_to("/guide/SJ-001"), "/guide/SJ-001");
        assert_eq!(safe_return_to("//evil.example"), "/");
        assert_eq!(safe_return_to("https://evil.example"), "/");
        assert_eq!(safe_return_to("/signin/code"), "/");
        assert_eq!(safe_local_path("/signin/code"), "/signin/code");
        assert_eq!(safe_local_path("//evil.example"), "/");
    }

    #[test]
    fn window_staff_work_only_at_their_own_point() {
        let clerk = id(&[(Role::WindowStaff, "530127:GA"), (Role::WindowStaff, "530127101:*")]);
        assert!(clerk.works_at("530127", Some("GA")));
        assert!(!clerk.works_at("530127", Some("MZ")), "another department at the hall");
        assert!(clerk.works_at("530127", None));
        assert!(clerk.works_at("530127101", Some("MZ")), "every department at the town centre");
        assert!(!clerk.works_at("530127102", None), "another town");
        assert!(clerk.serves_department("SJ"), "the town centre serves all");
        assert_eq!(clerk.staff_points(), vec!["530127".to_string(), "530127101".to_string()]);
        assert_eq!(clerk.only_department(), None);
        let hall = id(&[(Role::WindowStaff, "530127:GA")]);
        assert_eq!(hall.only_department().as_deref(), Some("GA"));
        assert!(!hall.serves_department("SJ"));
        let legacy = id(&[(Role::WindowStaff, "GA")]);
        assert!(!legacy.works_at("530127", Some("GA")), "a grant without a point works nowhere");
        let admin = id(&[(Role::CentreAdmin, "")]);
        assert!(admin.works_at("anywhere", Some("GA")));
        assert_eq!(staff_scope("530127", "GA"), "530127:GA");
        assert_eq!(staff_scope_parts("530127:GA"), Some(("530127", "GA")));
        assert_eq!(staff_scope_parts(":GA"), None);
    }

    /// Issue 12, item 4: hostile `next`/`back` values (before: `/\t/evil.example` passed, and a browser made it
    /// `//evil.example`; `/\n/x` reached a `Location` header and panicked the handler).
    #[test]
    fn redirect_targets_stay_on_this_site() {
        for hostile in [
            "//evil.example",
            "/\t/evil.example/x",
            "/\n/evil.example",
            "/\r\n/x",
            "/\\evil.example",
            "\\/evil.example",
            "/\\/evil.example",
            "https://evil.example",
            "evil.example",
            "/x?u=https://evil.example",
            " /x",
            "/\u{7f}x",
            "",
        ] {
            assert_eq!(safe_local_path(hostile), "/", "{hostile:?}");
        }
        let long = format!("/{}", "a".repeat(2000));
        assert_eq!(safe_local_path(&long), "/");
        for fine in ["/", "/bookings", "/guide?q=%E8%BA%AB%E4%BB%BD%E8%AF%81&page=2", "/book?item=SJ-001&point=530127-B1#x"] {
            assert_eq!(safe_local_path(fine), fine);
        }
        assert_eq!(safe_return_to("/signin/code"), "/");
    }
}
