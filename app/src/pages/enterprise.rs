//! Enterprise accounts (issue 20): `/enterprise` (my enterprises, invitations, registering one),
//! `/enterprise/{uscc}` (members, invitations, handing the administrator role on) and `/admin/enterprises`
//! (the centre administrator's verification). Plain forms: every step works without JavaScript.

use crate::api::enterprise::{
    enterprise_page, my_enterprises, pending_enterprises, AcceptInvite, HandOverEnterprise, InviteMember, RegisterEnterprise, RemoveMember, VerifyEnterprise,
    WithdrawInvite,
};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::domain::enterprise::{EnterpriseHome, EnterpriseView, PendingLine, Status};
use crate::domain::form::Flash;
use crate::i18n::lang;
use crate::pages::{loaded, param, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn status_tag(s: Status) -> impl IntoView {
    let tone = match s {
        Status::Verified => "green",
        Status::Pending => "yellow",
        Status::Refused => "red",
    };
    view! { <Tag text=s.label(lang()) tone=tone/> }
}

/// `/enterprise`.
#[component]
pub fn EnterpriseHomePage() -> impl IntoView {
    loaded(signed_in("/enterprise".into(), my_enterprises()), |h: EnterpriseHome| {
        let l = lang();
        let heading = l.pick("企业账号", "Enterprise accounts");
        let f = h.flash.clone();
        let title = if f.errors.is_empty() { heading.to_string() } else { l.pick(format!("错误：{heading}"), format!("Error: {heading}")) };
        view! {
            <Page title=title>
                <BackLink href="/account" text=l.pick("我的", "My account")/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>{heading}</h1>
                <p>{l.pick("企业可以登记一个账号，由管理员邀请多名经办人，用企业名义在网上申报、查看企业的申请和办件。", "An enterprise registers one account; its administrator invites staff, who apply online as the enterprise and see its applications and cases.")}</p>
                {(!h.invites.is_empty()).then(|| view! {
                    <h2>{l.pick("待接受的邀请", "Invitations for you")}</h2>
                    <ul class="choice-list">
                        {h.invites.into_iter().map(|(uscc, name)| view! {
                            <li>
                                <span>{l.pick(format!("{name}邀请您作为企业经办人"), format!("{name} invites you to file for it"))}</span>
                                <form method="post" action=AcceptInvite::url() class="inline-form">
                                    <input type="hidden" name="uscc" value=uscc/>
                                    <button class="button" type="submit">{l.pick("接受邀请", "Accept")}</button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {(!h.mine.is_empty()).then(|| view! {
                    <h2>{l.pick("我所在的企业", "Your enterprises")}</h2>
                    <ul class="choice-list">
                        {h.mine.into_iter().map(|e| view! {
                            <li>
                                <a href=format!("/enterprise/{}", e.uscc)>{e.name}</a>" "{status_tag(e.status)}
                                <span class="choice-list__hint">{format!("{}{}", e.uscc, if e.admin { l.pick(" · 管理员", " · administrator") } else { "" })}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                <h2>{l.pick("登记企业", "Register an enterprise")}</h2>
                <p>{l.pick("登记后您是该企业账号的管理员。中心核验企业信息后即可用企业名义申报。", "You become its administrator. Once the centre has verified it, you can apply as the enterprise.")}</p>
                <form method="post" action=RegisterEnterprise::url() class="form">
                    <TextInput name="uscc" label=l.pick("统一社会信用代码", "Unified social credit code (USCC)") hint=l.pick("18位，见营业执照", "18 characters, on the business licence") error=f.error("uscc") value=f.value("uscc")/>
                    <TextInput name="name" label=l.pick("企业名称", "Enterprise name") error=f.error("name") value=f.value("name")/>
                    <TextInput name="legal_rep" label=l.pick("法定代表人姓名", "Legal representative") error=f.error("legal_rep") value=f.value("legal_rep") short=true/>
                    <button class="button" type="submit">{l.pick("登记", "Register")}</button>
                </form>
            </Page>
        }
    })
}

/// `/enterprise/{uscc}`.
#[component]
pub fn EnterprisePage() -> impl IntoView {
    let uscc = param("uscc");
    let here = format!("/enterprise/{}", crate::domain::html::encode_query(&uscc));
    loaded(signed_in(here, enterprise_page(uscc)), |e: EnterpriseView| {
        let l = lang();
        let f: Flash = e.flash.clone();
        let title = if f.errors.is_empty() { e.name.clone() } else { l.pick(format!("错误：{}", e.name), format!("Error: {}", e.name)) };
        let rows = vec![
            (l.pick("统一社会信用代码", "USCC").to_string(), e.uscc.clone()),
            (l.pick("法定代表人", "Legal representative").to_string(), e.legal_rep.clone()),
            (l.pick("核验状态", "Verification").to_string(), match (&e.status, &e.note) {
                (Status::Refused, Some(n)) => format!("{}：{n}", e.status.label(l)),
                (s, _) => s.label(l).to_string(),
            }),
        ];
        let admin = e.admin;
        let uscc = e.uscc.clone();
        view! {
            <Page title=title>
                <BackLink href="/enterprise" text=l.pick("企业账号", "Enterprise accounts")/>
                <ErrorSummary errors=f.errors.clone()/>
                <span class="caption">{l.pick("企业账号", "Enterprise account")}</span>
                <h1>{e.name.clone()}</h1>
                <SummaryList rows/>
                {(e.status == Status::Pending).then(|| view! {
                    <p class="panel" role="status">{l.pick("正在核验企业信息。核验通过后，经办人即可用企业名义申报。", "The centre is verifying the enterprise. Once verified, its members can apply as it.")}</p>
                })}
                {(e.status == Status::Verified).then(|| view! {
                    <p><a href="/apply">{l.pick("用企业名义网上申报", "Apply online as the enterprise")}</a>" · "<a href="/cases">{l.pick("企业的办件", "The enterprise's cases")}</a>" · "<a href="/drafts">{l.pick("企业的草稿", "The enterprise's drafts")}</a></p>
                })}
                <h2>{l.pick("经办人", "Members")}</h2>
                <ul class="choice-list" id="members">
                    {e.members.into_iter().map(|m| {
                        let uscc = uscc.clone();
                        view! {
                            <li data-member=m.phone.clone()>
                                <span>{m.name.clone()}" "{m.phone.clone()}</span>
                                {m.admin.then(|| view! { " " <Tag text=l.pick("管理员", "Administrator") tone="blue"/> })}
                                {(admin && !m.admin).then(|| view! {
                                    <form method="post" action=RemoveMember::url() class="inline-form">
                                        <input type="hidden" name="uscc" value=uscc.clone()/>
                                        <input type="hidden" name="member" value=m.account_id.clone()/>
                                        <button class="link-button" type="submit">{l.pick(format!("移除 {}", m.phone), format!("Remove {}", m.phone))}</button>
                                    </form>
                                    <form method="post" action=HandOverEnterprise::url() class="inline-form">
                                        <input type="hidden" name="uscc" value=uscc.clone()/>
                                        <input type="hidden" name="to" value=m.account_id.clone()/>
                                        <button class="link-button" type="submit">{l.pick(format!("把管理员移交给 {}", m.phone), format!("Make {} the administrator", m.phone))}</button>
                                    </form>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {admin.then(|| {
                    let uscc = uscc.clone();
                    view! {
                        {(!e.invited.is_empty()).then(|| view! {
                            <h2>{l.pick("已邀请，待接受", "Invited, not yet accepted")}</h2>
                            <ul class="choice-list">
                                {e.invited.clone().into_iter().map(|(token, p)| view! {
                                    <li>
                                        <span>{p.clone()}</span>
                                        <form method="post" action=WithdrawInvite::url() class="inline-form">
                                            <input type="hidden" name="uscc" value=uscc.clone()/>
                                            <input type="hidden" name="invite" value=token/>
                                            <button class="link-button" type="submit">{l.pick(format!("撤回对 {p} 的邀请"), format!("Withdraw the invitation to {p}"))}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })}
                        <h2>{l.pick("邀请经办人", "Invite a member")}</h2>
                        <form method="post" action=InviteMember::url() class="form">
                            <input type="hidden" name="uscc" value=uscc.clone()/>
                            <TextInput name="phone" label=l.pick("经办人手机号码", "Their mobile number") hint=l.pick("对方会收到短信，用这个手机号登录后接受邀请", "They get a text message and accept by signing in with this number") error=f.error("phone") value=f.value("phone") inputmode="tel" short=true/>
                            <button class="button" type="submit">{l.pick("发送邀请", "Send the invitation")}</button>
                        </form>
                        <p class="hint">{l.pick("移除经办人后，对方立即看不到企业的草稿、申请和办件，包括他自己填写的。", "A removed member at once sees none of the enterprise's drafts, applications and cases, including those they started.")}</p>
                    }
                })}
            </Page>
        }
    })
}

/// `/admin/enterprises`: registrations to verify against the market regulator's registry.
#[component]
pub fn EnterprisesAdmin() -> impl IntoView {
    loaded(signed_in("/admin/enterprises".into(), pending_enterprises()), |(lines, f): (Vec<PendingLine>, Flash)| {
        let title = if f.errors.is_empty() { "企业核验".to_string() } else { "错误：企业核验".to_string() };
        view! {
            <Page title=title>
                <BackLink href="/admin" text="中心管理"/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>"企业核验"</h1>
                <p>"请在国家企业信用信息公示系统核对统一社会信用代码、企业名称和法定代表人，一致的点“核验通过”；不一致的写明原因，企业会看到。"</p>
                {lines.is_empty().then(|| view! { <p class="panel" role="status">"没有待核验的企业。"</p> })}
                <ul class="choice-list">
                    {lines.into_iter().map(|e| {
                        let note = format!("note-{}", e.uscc);
                        let mine = f.form == format!("verify:{}", e.uscc);
                        view! {
                            <li data-uscc=e.uscc.clone()>
                                <p><strong>{e.name.clone()}</strong></p>
                                <p>{format!("统一社会信用代码 {} · 法定代表人 {} · {} 由 {} 登记", e.uscc, e.legal_rep, e.registered, e.by)}</p>
                                <form method="post" action=VerifyEnterprise::url() class="inline-form">
                                    <input type="hidden" name="uscc" value=e.uscc.clone()/>
                                    <input type="hidden" name="decision" value="verified"/>
                                    <button class="button" type="submit">{format!("核验通过：{}", e.name)}</button>
                                </form>
                                <form method="post" action=VerifyEnterprise::url() class="form">
                                    <input type="hidden" name="uscc" value=e.uscc.clone()/>
                                    <input type="hidden" name="decision" value="refused"/>
                                    <TextInput name=note.clone() label=format!("不通过的原因（{}）", e.name) error=if mine { f.error(&note) } else { None } value=if mine { f.value(&note) } else { String::new() }/>
                                    <button class="button button--warning" type="submit">"核验不通过"</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Page>
        }
    })
}
