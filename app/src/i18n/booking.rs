//! The booking pages' sentences that carry a number or a name, in both languages. Rule-stating sentences take the
//! rule's setting or constant, so the page and the rule cannot disagree.

use super::Lang;

/// "可预约今天起14天内的时段。"
pub fn days_ahead(l: Lang, days: i64) -> String {
    l.pick(format!("可预约今天起{days}天内的时段。"), format!("You can book a time in the next {days} days, starting today."))
}

/// A day's places left, in the day list.
pub fn places_left(l: Lang, n: i64) -> String {
    l.pick(format!("余{n}个名额"), format!("{n} places left"))
}

/// A slot's places left, beside its radio.
pub fn left(l: Lang, n: i64) -> String {
    l.pick(format!("余{n}个"), format!("{n} left"))
}

/// A slot the centre closed, with its reason.
pub fn suspended_because(l: Lang, why: &str) -> String {
    l.pick(format!("暂停服务：{why}"), format!("Service suspended: {why}"))
}

pub fn choose_time_on(l: Lang, day: &str) -> String {
    l.pick(format!("选择{day}的时段"), format!("Choose a time on {day}"))
}

/// The offer to wait for a full slot.
pub fn wait_offer(l: Lang, slot: &str) -> String {
    l.pick(
        format!("您也可以候补{slot}：有人取消时，系统按候补先后自动为您预约，并短信通知您。"),
        format!("You can also join the waiting list for {slot}: when someone cancels, the place goes to the first person waiting, and we will text you."),
    )
}

/// What happens after booking: when to check in (`early` minutes before the slot to `grace` minutes after it) and
/// the no-show rule. Through the green channel it is said to the staff member, about the person.
pub fn next_steps(l: Lang, green: bool, early: i64, grace: i64, no_show_rule: &str) -> String {
    match (l, green) {
        (Lang::Zh, true) => format!(
            "提交后，我们会短信告知办事人预约码。请提醒办事人在预约时段开始前{early}分钟至结束后{grace}分钟内到厅报预约码签到，优先叫号；逾期视为未到。"
        ),
        (Lang::Zh, false) => format!(
            "提交后，我们会发送短信告知预约码。请在预约时段开始前{early}分钟至结束后{grace}分钟内到厅签到，优先叫号（更早到达可按现场取号排队）；逾期视为未到，{no_show_rule}。"
        ),
        (Lang::En, true) => format!(
            "We will text the booking code to the person. Remind them to check in at the hall from {early} minutes before the time until {grace} minutes after it ends: they are called first. Later than that counts as not attending."
        ),
        (Lang::En, false) => format!(
            "We will text you the booking code. Check in at the hall from {early} minutes before your time until {grace} minutes after it ends and you are called first (come earlier and you can take a ticket and queue). Later than that counts as not attending: {no_show_rule}."
        ),
    }
}

/// "请按时到…": where to go, and the check-in grace after the slot.
pub fn come_on_time(l: Lang, point: &str, address: &str, grace: i64) -> String {
    l.pick(
        format!("请按时到{point}（{address}）。预约时段结束后{grace}分钟内未签到视为未到。"),
        format!("Go to {point} ({address}) on time. Not checking in by {grace} minutes after your time ends counts as not attending."),
    )
}

/// For the family member a booking was made for.
pub fn family_may_decline(l: Lang, cutoff: i64) -> String {
    l.pick(
        format!("这是家人为您预约的。如不能前往，请在预约开始{cutoff}分钟前谢绝，名额将释放给其他群众；如需改约，请联系为您预约的家人。"),
        format!("A family member booked this for you. If you cannot go, decline it at least {cutoff} minutes before it starts so the place goes to someone else; to change it, ask the family member who booked it."),
    )
}

pub fn change_before(l: Lang, cutoff: i64) -> String {
    l.pick(
        format!("如需改约或取消，请在预约开始{cutoff}分钟前操作。"),
        format!("You can change or cancel the booking up to {cutoff} minutes before it starts."),
    )
}

pub fn too_late_to_change(l: Lang, cutoff: i64) -> String {
    l.pick(
        format!("距预约开始已不足{cutoff}分钟，不能再改约或取消。"),
        format!("The booking starts in less than {cutoff} minutes, so it can no longer be changed or cancelled."),
    )
}

/// "排队号 A012。"
pub fn ticket_number(l: Lang, number: &str) -> String {
    l.pick(format!("排队号 {number}。"), format!("Ticket {number}. "))
}

/// The .ics file's name.
pub fn ics_name(l: Lang, code: &str) -> String {
    l.pick(format!("预约-{code}.ics"), format!("booking-{code}.ics"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_sentences_carry_their_numbers() {
        let zh = next_steps(Lang::Zh, false, 30, 15, "90天内3次未到将暂停预约30天");
        assert!(zh.contains("开始前30分钟至结束后15分钟内") && zh.ends_with("90天内3次未到将暂停预约30天。"), "{zh}");
        let en = next_steps(Lang::En, false, 45, 20, "3 no-shows");
        assert!(en.contains("45 minutes before") && en.contains("20 minutes after") && en.ends_with("3 no-shows."), "{en}");
        assert!(come_on_time(Lang::Zh, "县中心", "正街1号", 15).contains("结束后15分钟内"));
    }
}
