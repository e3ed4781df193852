//! Every text message Palm Hall sends, in one catalogue with one signature (【掌上办事大厅】 / [Palm Hall]). A
//! workflow names the message and its facts; the words are here, in both languages. Messages go out in Chinese:
//! an account has no language of its own yet, and a phone number may belong to someone who never opened the app.

use crate::i18n::Lang;

/// The signature every message starts with.
pub fn signature(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "【掌上办事大厅】",
        Lang::En => "[Palm Hall] ",
    }
}

/// A booking's facts as messages state them: the service, the point, the time in words, the code.
#[derive(Clone, Debug, PartialEq)]
pub struct BookingFacts<'a> {
    pub item: &'a str,
    pub point: &'a str,
    pub when: &'a str,
    pub code: &'a str,
}

/// Why a wait for a freed place could not be met when the place came up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lapse {
    /// Suspended for no-shows.
    Suspended,
    /// Already booked the same service that day.
    SameServiceSameDay,
    /// At the limit of bookings held at once.
    TooMany,
    /// The point stopped service for that time.
    Closed,
    /// The slot started with no place freed.
    Started,
}

impl Lapse {
    pub fn words(self, lang: Lang) -> &'static str {
        match self {
            Self::Suspended => lang.pick("您因多次预约未到已被暂停预约", "you cannot book for now after missing several bookings"),
            Self::SameServiceSameDay => lang.pick("您当天已预约同一事项", "you already have a booking for the same service that day"),
            Self::TooMany => lang.pick("您已达到同时有效预约数上限", "you already hold as many bookings as allowed at once"),
            Self::Closed => lang.pick("该时段网点暂停服务", "the service point suspended service at that time"),
            Self::Started => lang.pick("该时段已开始，没有空出的名额", "the time has started and no place came free"),
        }
    }
}

/// One message of the catalogue.
#[derive(Clone, Debug, PartialEq)]
pub enum Sms<'a> {
    /// The sign-in code, valid for `minutes`.
    SignInCode { code: &'a str, minutes: i64 },
    /// Booked for oneself; `url` is the booking's page (its QR code).
    Booked { b: BookingFacts<'a>, url: &'a str },
    /// Booked by `booker` for a family member, who may cancel by signing in with this number.
    BookedByFamily { b: BookingFacts<'a>, booker: &'a str, url: &'a str },
    /// Booked by window staff through the green channel.
    BookedByStaff { b: BookingFacts<'a>, url: &'a str },
    Cancelled { b: BookingFacts<'a> },
    Moved { b: BookingFacts<'a> },
    /// A place freed and the waiting list gave it to this person.
    WaitFilled { b: BookingFacts<'a> },
    /// A wait that can no longer be met, and why.
    WaitLapsed { b: BookingFacts<'a>, why: Lapse },
    ReminderHour { b: BookingFacts<'a> },
    ReminderDay { b: BookingFacts<'a> },
    /// The point stopped service for `period` because of `reason`: the booking is cancelled.
    PointClosed { b: BookingFacts<'a>, reason: &'a str, period: &'a str },
    /// Few enough people ahead in the queue to come to the hall.
    QueueAhead { number: &'a str, ahead: usize, point: &'a str },
    /// A draft application untouched for long is removed on `on` unless it is opened or changed before.
    DraftExpiring { item: &'a str, idle_days: i64, on: &'a str },
    /// A step of a case that concerns its applicant (`step` in the applicant's words, `then` what to do next or
    /// expect), with the case's signed tracking link.
    CaseStep { number: &'a str, item: &'a str, step: &'a str, then: &'a str, url: &'a str },
    /// A case filed for this number at a window (窗口收件).
    CaseFiledAtCounter { number: &'a str, item: &'a str, url: &'a str },
    /// 好差评, 一次一评: the ticket `number` was served at `point`; `url` rates it.
    RateTicket { number: &'a str, point: &'a str, url: &'a str },
    /// 好差评, 一事一评: the case is completed; `url` rates it. `again`: the reminder three days later, unrated.
    RateCase { number: &'a str, item: &'a str, url: &'a str, again: bool },
    /// An enterprise's administrator invited this number to file for `enterprise`; `url` is where to accept.
    EnterpriseInvite { enterprise: &'a str, url: &'a str },
    /// A proxy agent asks the villager's consent to file `item` for them; the code is read back to the agent.
    ProxyConsent { agent: &'a str, item: &'a str, code: &'a str, minutes: i64 },
    /// A proxy agent filed `item` for this number: the case and where to follow it.
    ProxyFiled { number: &'a str, item: &'a str, agent: &'a str, url: &'a str },
    /// Another agent of the station left: their open cases of villagers without a phone are this agent's now.
    ProxyHandedOver { count: usize },
}

impl Sms<'_> {
    /// The message as sent, signature first.
    pub fn text(&self, lang: Lang) -> String {
        let body = match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        };
        format!("{}{body}", signature(lang))
    }

    fn zh(&self) -> String {
        match self {
            Self::SignInCode { code, minutes } => format!("您的登录验证码为{code}，{minutes}分钟内有效。请勿将验证码告诉他人。"),
            Self::Booked { b, url } => {
                format!("您已预约{}：{}，{}。预约码{}，到厅出示二维码签到：{url}", b.item, b.point, b.when, b.code)
            }
            Self::BookedByFamily { b, booker, url } => format!(
                "{booker}为您预约了{}：{}，{}。预约码{}，到厅出示二维码签到。如不能前往，请用本手机号登录后取消：{url}",
                b.item, b.point, b.when, b.code
            ),
            Self::BookedByStaff { b, url } => format!(
                "工作人员已为您预约{}：{}，{}。预约码{}，到厅报预约码签到。如需取消，请用本手机号登录：{url}",
                b.item, b.point, b.when, b.code
            ),
            Self::Cancelled { b } => format!("您已取消{}的预约（{}，{}）", b.item, b.point, b.when),
            Self::Moved { b } => format!("您的{}预约已改至{}，{}", b.item, b.point, b.when),
            Self::WaitFilled { b } => {
                format!("候补成功：已为您预约{}（{}，{}），预约码{}。如不需要，请登录后取消以释放名额", b.item, b.point, b.when, b.code)
            }
            Self::WaitLapsed { b, why } => {
                format!("候补未成功：{}（{}，{}），{}。您可以预约其他时段", b.item, b.point, b.when, why.words(Lang::Zh))
            }
            Self::ReminderHour { b } => format!("提醒：您预约的{}将于1小时后开始（{}，{}），预约码{}", b.item, b.point, b.when, b.code),
            Self::ReminderDay { b } => format!("提醒：您明天预约办理{}（{}，{}），预约码{}", b.item, b.point, b.when, b.code),
            Self::PointClosed { b, reason, period } => format!(
                "因{reason}，{}{period}暂停服务，您预约的{}（{}）已取消，请重新预约。给您带来不便，敬请谅解",
                b.point, b.item, b.when
            ),
            Self::QueueAhead { number, ahead, point } => format!("您的排队号{number}前面还有{ahead}人，请到{point}等候叫号。"),
            Self::DraftExpiring { item, idle_days, on } => {
                format!("您网上申报的“{item}”草稿已{idle_days}天未修改，将于{on}删除。如需继续办理，请在此之前登录并保存一次。")
            }
            Self::CaseStep { number, item, step, then, url } => format!("您的办件{number}（{item}）：{step}。{then}查看详情：{url}"),
            Self::CaseFiledAtCounter { number, item, url } => format!("您在窗口申请的“{item}”已收件，办件编号{number}。办理进度：{url}"),
            Self::RateTicket { number, point, url } => format!("您在{point}办理的业务（排队号{number}）已办结，欢迎对本次服务作出评价：{url}"),
            Self::RateCase { number, item, url, again: false } => format!("您的办件{number}（{item}）已办结，欢迎对本次办事服务作出评价：{url}"),
            Self::RateCase { number, item, url, again: true } => format!("您的办件{number}（{item}）办结已3天，尚未评价。您的评价帮助我们改进服务：{url}"),
            Self::EnterpriseInvite { enterprise, url } => format!("{enterprise}邀请您作为企业经办人。请用本手机号登录后接受邀请：{url}"),
            Self::ProxyConsent { agent, item, code, minutes } => {
                format!("代办员{agent}将为您代办“{item}”，授权验证码{code}，{minutes}分钟内有效。同意代办请把验证码告诉代办员；不同意请勿告知。")
            }
            Self::ProxyFiled { number, item, agent, url } => {
                format!("代办员{agent}已为您提交“{item}”，办件编号{number}。用本手机号登录可查看进度：{url}")
            }
            Self::ProxyHandedOver { count } => format!("本站另一名代办员的{count}件无手机村民办件已转给您代办，请登录查看“代办”。"),
        }
    }

    fn en(&self) -> String {
        match self {
            Self::SignInCode { code, minutes } => format!("Your sign-in code is {code}. It works for {minutes} minutes. Do not tell anyone this code."),
            Self::Booked { b, url } => {
                format!("You booked {}: {}, {}. Booking code {}. Show the QR code to check in: {url}", b.item, b.point, b.when, b.code)
            }
            Self::BookedByFamily { b, booker, url } => format!(
                "{booker} booked {} for you: {}, {}. Booking code {}. Show the QR code to check in. If you cannot go, sign in with this number to cancel: {url}",
                b.item, b.point, b.when, b.code
            ),
            Self::BookedByStaff { b, url } => format!(
                "Staff booked {} for you: {}, {}. Booking code {}; give it at the desk to check in. To cancel, sign in with this number: {url}",
                b.item, b.point, b.when, b.code
            ),
            Self::Cancelled { b } => format!("You cancelled your booking for {} ({}, {})", b.item, b.point, b.when),
            Self::Moved { b } => format!("Your booking for {} has moved to {}, {}", b.item, b.point, b.when),
            Self::WaitFilled { b } => format!(
                "A place came free: you are booked for {} ({}, {}), booking code {}. If you no longer need it, sign in and cancel to free the place",
                b.item, b.point, b.when, b.code
            ),
            Self::WaitLapsed { b, why } => format!(
                "Your wait did not succeed: {} ({}, {}): {}. You can book another time",
                b.item,
                b.point,
                b.when,
                why.words(Lang::En)
            ),
            Self::ReminderHour { b } => format!("Reminder: your booking for {} starts in 1 hour ({}, {}), booking code {}", b.item, b.point, b.when, b.code),
            Self::ReminderDay { b } => format!("Reminder: tomorrow you are booked for {} ({}, {}), booking code {}", b.item, b.point, b.when, b.code),
            Self::PointClosed { b, reason, period } => format!(
                "{} is closed {period} ({reason}). Your booking for {} ({}) is cancelled; please book again. We are sorry for the trouble",
                b.point, b.item, b.when
            ),
            Self::QueueAhead { number, ahead, point } => {
                format!("Your queue number {number} has {ahead} people ahead. Please come to {point} and wait to be called.")
            }
            Self::DraftExpiring { item, idle_days, on } => format!(
                "Your draft application for “{item}” has not changed for {idle_days} days and will be deleted on {on}. To keep it, sign in and save it before then."
            ),
            Self::CaseStep { number, item, step, then, url } => format!("Your case {number} ({item}): {step}. {then}Details: {url}"),
            Self::CaseFiledAtCounter { number, item, url } => format!("Your application for “{item}” made at a window has been received, case number {number}. Follow it: {url}"),
            Self::RateTicket { number, point, url } => format!("Your visit to {point} (queue number {number}) is complete. Please rate the service: {url}"),
            Self::RateCase { number, item, url, again: false } => format!("Your case {number} ({item}) is complete. Please rate the service: {url}"),
            Self::RateCase { number, item, url, again: true } => format!("Your case {number} ({item}) was completed 3 days ago and is not rated yet. Your rating helps us improve: {url}"),
            Self::EnterpriseInvite { enterprise, url } => format!("{enterprise} invited you to file for it. Sign in with this number to accept: {url}"),
            Self::ProxyConsent { agent, item, code, minutes } => format!(
                "Proxy agent {agent} will apply for \"{item}\" for you. Consent code {code}, valid {minutes} minutes. If you agree, tell the agent this code; if not, do not."
            ),
            Self::ProxyFiled { number, item, agent, url } => {
                format!("Proxy agent {agent} applied for \"{item}\" for you, case {number}. Sign in with this number to follow it: {url}")
            }
            Self::ProxyHandedOver { count } => format!("{count} open cases of villagers without a phone from another agent of your station are yours now: sign in and see Proxy filing."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> BookingFacts<'static> {
        BookingFacts { item: "居民身份证换领", point: "嵩明县政务服务中心", when: "2026年11月28日 周六 09:00–09:30", code: "ABCDEFGHJKMN" }
    }

    fn all() -> Vec<Sms<'static>> {
        let b = facts();
        vec![
            Sms::SignInCode { code: "123456", minutes: 5 },
            Sms::Booked { b: b.clone(), url: "https://hall.example/bookings/ABCDEFGHJKMN" },
            Sms::BookedByFamily { b: b.clone(), booker: "张秀英", url: "https://hall.example/bookings/ABCDEFGHJKMN" },
            Sms::BookedByStaff { b: b.clone(), url: "https://hall.example/bookings/ABCDEFGHJKMN" },
            Sms::Cancelled { b: b.clone() },
            Sms::Moved { b: b.clone() },
            Sms::WaitFilled { b: b.clone() },
            Sms::WaitLapsed { b: b.clone(), why: Lapse::TooMany },
            Sms::ReminderHour { b: b.clone() },
            Sms::ReminderDay { b: b.clone() },
            Sms::PointClosed { b, reason: "线路检修停电", period: "11月28日 13:30–17:00" },
            Sms::QueueAhead { number: "A017", ahead: 3, point: "嵩明县政务服务中心" },
            Sms::DraftExpiring { item: "无犯罪记录证明开具", idle_days: 83, on: "2027年3月1日" },
            Sms::CaseStep { number: "SM20261124000001", item: "个体工商户设立登记", step: "需要补正材料", then: "请按告知补正。", url: "https://hall.example/track/SM20261124000001?s=x" },
            Sms::CaseFiledAtCounter { number: "SM20261124000001", item: "个体工商户设立登记", url: "https://hall.example/track/SM20261124000001?s=x" },
            Sms::RateTicket { number: "A017", point: "嵩明县政务服务中心", url: "https://hall.example/rate/t/ABCD" },
            Sms::RateCase { number: "SM20261124000001", item: "个体工商户设立登记", url: "https://hall.example/rate/c/SM20261124000001", again: false },
            Sms::RateCase { number: "SM20261124000001", item: "个体工商户设立登记", url: "https://hall.example/rate/c/SM20261124000001", again: true },
        ]
    }

    #[test]
    fn every_message_is_signed_once_with_the_one_signature() {
        for m in all() {
            let zh = m.text(Lang::Zh);
            assert!(zh.starts_with("【掌上办事大厅】"), "{zh}");
            assert_eq!(zh.matches('【').count(), 1, "one signature: {zh}");
            assert!(!zh.contains("嵩明政务"), "{zh}");
            assert!(m.text(Lang::En).starts_with("[Palm Hall] "));
        }
    }

    #[test]
    fn messages_carry_their_facts() {
        let code = Sms::SignInCode { code: "654321", minutes: 5 }.text(Lang::Zh);
        assert_eq!(code, "【掌上办事大厅】您的登录验证码为654321，5分钟内有效。请勿将验证码告诉他人。");
        let booked = Sms::Booked { b: facts(), url: "https://hall.example/bookings/X" }.text(Lang::Zh);
        for fact in ["居民身份证换领", "嵩明县政务服务中心", "09:00–09:30", "ABCDEFGHJKMN", "https://hall.example/bookings/X"] {
            assert!(booked.contains(fact), "{booked} lacks {fact}");
        }
        let en = Sms::QueueAhead { number: "A017", ahead: 2, point: "Songming hall" }.text(Lang::En);
        assert!(en.contains("A017") && en.contains("2 people ahead"), "{en}");
    }
}
