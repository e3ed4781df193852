//! Enterprise accounts (issue 20): registering, verification, members and invitations. Who may see what an
//! enterprise filed is `domain::cases::access::owns`, and in SQL `store::filing`'s `OWNED_BY`.

use crate::domain::accounts::{normalise_mobile, Identity, Role};
use crate::domain::enterprise::{EnterpriseHome, EnterpriseLine, EnterpriseView, Member, PendingLine, Registration, RegistryAnswer, Status};
use crate::domain::form::Flash;
use crate::error::AppError;
use crate::i18n::lang;
use crate::service::AppState;
use crate::store::enterprise as store;
use crate::store::Db;

/// The market regulator's registry (国家企业信用信息公示系统 or the province's): asked whether a registration's code,
/// name and legal representative match. The demo has none ([`ByHand`]): the centre administrator checks.
pub trait MarketRegistry: Send + Sync {
    fn check<'a>(&'a self, reg: &'a Registration) -> std::pin::Pin<Box<dyn std::future::Future<Output = RegistryAnswer> + Send + 'a>>;
}

/// No registry connected: every registration waits for the centre administrator (`/admin/enterprises`).
pub struct ByHand;

impl MarketRegistry for ByHand {
    fn check<'a>(&'a self, _reg: &'a Registration) -> std::pin::Pin<Box<dyn std::future::Future<Output = RegistryAnswer> + Send + 'a>> {
        Box::pin(async { RegistryAnswer::Unknown })
    }
}

/// The registry an [`AppState`] asks (a handle, so `Filing` stays `Clone + Debug`).
#[derive(Clone)]
pub struct Registry(pub std::sync::Arc<dyn MarketRegistry>);

impl Default for Registry {
    fn default() -> Self {
        Self(std::sync::Arc::new(ByHand))
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Registry")
    }
}

fn not_found() -> AppError {
    AppError::NotFound(lang().pick("没有找到该企业，或您不是该企业的经办人", "No such enterprise, or you are not one of its members").into())
}

async fn phone_of(db: &Db, account: &str) -> Result<Option<String>, AppError> {
    Ok(crate::store::accounts::account_by(db, crate::store::accounts::AccountKey::Id, account).await?.and_then(|a| a.phone))
}

/// `/enterprise`: the asker's enterprises and the invitations waiting for their phone.
pub async fn home(db: &Db, who: &Identity, flash: Flash) -> Result<EnterpriseHome, AppError> {
    let mine = store::of_member(db, &who.account_id)
        .await?
        .into_iter()
        .map(|e| EnterpriseLine { admin: e.admin == who.account_id, uscc: e.uscc, name: e.name, status: e.status })
        .collect();
    let invites = match phone_of(db, &who.account_id).await? {
        Some(p) => store::invites_for(db, &p).await?,
        None => vec![],
    };
    Ok(EnterpriseHome { mine, invites, flash })
}

/// Registers an enterprise with the asker as its administrator, and asks the registry. Problems come back as
/// `Invalid` for the form.
pub async fn register(st: &AppState, who: &Identity, uscc: &str, name: &str, legal_rep: &str, now: i64) -> Result<String, AppError> {
    let l = lang();
    let reg = Registration::parse(uscc, name, legal_rep, l).map_err(AppError::Invalid)?;
    if !store::register(&st.db, &reg, &who.account_id, now).await? {
        let f = Flash::new("enterprise").with_value("uscc", uscc).with_value("name", name).with_value("legal_rep", legal_rep);
        return Err(AppError::Invalid(f.with_error(
            "uscc",
            l.pick("该统一社会信用代码已登记。如您是该企业员工，请联系企业管理员用您的手机号邀请您", "This USCC is registered already. If you work there, ask its administrator to invite your mobile number"),
        )));
    }
    match st.filing.registry.0.check(&reg).await {
        RegistryAnswer::Matches => {
            store::decide(&st.db, &reg.uscc, Status::Verified, None, now).await?;
        }
        RegistryAnswer::Differs(why) => {
            store::decide(&st.db, &reg.uscc, Status::Refused, Some(&why), now).await?;
        }
        RegistryAnswer::Unknown => {}
    }
    Ok(reg.uscc)
}

/// The enterprise `uscc` for one of its members.
async fn member_of(db: &Db, who: &Identity, uscc: &str) -> Result<crate::domain::enterprise::Enterprise, AppError> {
    if !who.has(Role::EnterpriseMember, Some(uscc)) {
        return Err(not_found());
    }
    store::get(db, uscc).await?.ok_or_else(not_found)
}

/// `/enterprise/{uscc}`: its details, members and invitations, for a member.
pub async fn view(db: &Db, who: &Identity, uscc: &str, flash: Flash) -> Result<EnterpriseView, AppError> {
    let e = member_of(db, who, uscc).await?;
    let members = store::members(db, uscc)
        .await?
        .into_iter()
        .map(|(id, name, phone)| Member { admin: id == e.admin, account_id: id, name, phone: crate::domain::pii::mask_mobile(&phone) })
        .collect();
    let invited = store::invited(db, uscc).await?.iter().map(|p| (invite_token(uscc, p), crate::domain::pii::mask_mobile(p))).collect();
    Ok(EnterpriseView { admin: e.admin == who.account_id, uscc: e.uscc, name: e.name, legal_rep: e.legal_rep, status: e.status, note: e.note, members, invited, flash })
}

/// The enterprise for its administrator (`Forbidden` for other members).
async fn administered(db: &Db, who: &Identity, uscc: &str) -> Result<crate::domain::enterprise::Enterprise, AppError> {
    let e = member_of(db, who, uscc).await?;
    if e.admin != who.account_id {
        return Err(AppError::Forbidden(lang().pick("只有企业管理员可以管理经办人", "Only the enterprise's administrator manages its members").into()));
    }
    Ok(e)
}

/// Invites `phone` to file for the enterprise (its administrator, once it is verified): one SMS says where to accept.
pub async fn invite(st: &AppState, who: &Identity, uscc: &str, phone: &str, now: i64) -> Result<(), AppError> {
    let l = lang();
    let e = administered(&st.db, who, uscc).await?;
    let flash = Flash::new(&format!("enterprise:{uscc}")).with_value("phone", phone);
    let Some(phone) = normalise_mobile(phone) else {
        return Err(AppError::Invalid(flash.with_error("phone", crate::domain::accounts::mobile_problem(phone, l))));
    };
    // Only a verified enterprise sends messages in its name.
    if e.status != Status::Verified {
        return Err(AppError::Invalid(flash.with_error("phone", l.pick("企业通过核验后才能邀请经办人", "The enterprise can invite members once it is verified"))));
    }
    if store::members(&st.db, uscc).await?.iter().any(|(_, _, p)| *p == phone) {
        return Err(AppError::Invalid(flash.with_error("phone", l.pick("该手机号已是本企业经办人", "This number is a member already"))));
    }
    if store::invited(&st.db, uscc).await?.len() >= crate::domain::enterprise::MAX_OPEN_INVITES {
        return Err(AppError::Invalid(flash.with_error(
            "phone",
            l.pick(format!("待接受的邀请已有{}个，请等对方接受或撤回后再邀请", crate::domain::enterprise::MAX_OPEN_INVITES), format!("{} invitations are waiting: wait for them to be accepted, or withdraw some", crate::domain::enterprise::MAX_OPEN_INVITES)),
        )));
    }
    // Invited already: the invitation stands, and no second message goes.
    if !store::invite(&st.db, uscc, &phone, &who.account_id, now).await? {
        return Ok(());
    }
    let url = crate::service::absolute_url(&st.public_url, "/enterprise");
    let body = crate::domain::sms::Sms::EnterpriseInvite { enterprise: &e.name, url: &url }.text(crate::i18n::Lang::Zh);
    crate::store::notifications::enqueue(&st.db, &phone, "enterprise", &body, now).await?;
    Ok(())
}

/// Accepts the invitation to `uscc` sent to the asker's phone.
pub async fn accept(db: &Db, who: &Identity, uscc: &str) -> Result<(), AppError> {
    let phone = phone_of(db, &who.account_id).await?.ok_or_else(not_found)?;
    if !store::accept(db, uscc, &phone, &who.account_id).await? {
        return Err(not_found());
    }
    Ok(())
}

/// Removes a member (the administrator only, never themselves): from this moment they see nothing of the
/// enterprise's drafts, applications and cases (the grant is gone; every read checks it).
pub async fn remove(db: &Db, who: &Identity, uscc: &str, member: &str) -> Result<(), AppError> {
    let e = administered(db, who, uscc).await?;
    if !crate::domain::enterprise::may_remove(e.admin == who.account_id, &who.account_id, member) {
        return Err(AppError::Refused(lang().pick("管理员不能移除自己，请先把管理员移交给其他经办人", "The administrator cannot remove themselves: hand the role on first").into()));
    }
    store::remove(db, uscc, member).await?;
    Ok(())
}

/// Withdraws an invitation not yet accepted, named by its token on the page ([`invite_token`]).
pub async fn withdraw(db: &Db, who: &Identity, uscc: &str, token: &str) -> Result<(), AppError> {
    administered(db, who, uscc).await?;
    for p in store::invited(db, uscc).await? {
        if invite_token(uscc, &p) == token {
            store::withdraw(db, uscc, &p).await?;
        }
    }
    Ok(())
}

/// What names an invitation on the page (the number is shown masked, and two numbers may mask alike).
fn invite_token(uscc: &str, phone: &str) -> String {
    crate::store::sha256_hex(&format!("invite:{uscc}:{phone}"))[..16].to_string()
}

/// Hands the administrator role on to another member.
pub async fn hand_over(db: &Db, who: &Identity, uscc: &str, to: &str) -> Result<(), AppError> {
    administered(db, who, uscc).await?;
    if !store::hand_over(db, uscc, &who.account_id, to).await? {
        return Err(AppError::Refused(lang().pick("只能移交给本企业的经办人", "Hand it on to a member of the enterprise").into()));
    }
    Ok(())
}

/// Who hears about what `member` filed as `uscc` (a case's steps, a draft's expiry): `member` while still a member,
/// else the administrator. A removed member hears nothing more.
pub(crate) async fn hears(conn: &mut sqlx::AnyConnection, uscc: &str, member: &str) -> Result<String, sqlx::Error> {
    if crate::store::accounts::holds(conn, member, Role::EnterpriseMember, uscc).await? {
        return Ok(member.to_string());
    }
    store::admin_of(conn, uscc).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Refuses unless `who` may file `item` as `uscc` now: a member of it, it verified, and the item one enterprises
/// apply for.
pub async fn ensure_files_as(db: &Db, who: &Identity, uscc: &str, item: &str) -> Result<(), AppError> {
    if !may_file_as(db, who).await?.iter().any(|(u, _)| u == uscc) {
        return Err(AppError::Forbidden(lang().pick("您不是该企业的经办人，或企业尚未通过核验", "You are not a member of that enterprise, or it is not verified yet").into()));
    }
    let (i, _) = crate::store::catalogue::item(db, item).await?.ok_or_else(|| AppError::NotFound(crate::i18n::t(crate::i18n::Key::ItemNotFound).into()))?;
    if !i.audience.serves(crate::domain::catalogue::Audience::Enterprise) {
        return Err(AppError::Refused(lang().pick("这个事项只能由个人申请，不能以企业名义申请", "Only a person can apply for this service, not an enterprise").into()));
    }
    Ok(())
}

/// The verified enterprises `who` may file as: (uscc, name).
pub async fn may_file_as(db: &Db, who: &Identity) -> Result<Vec<(String, String)>, AppError> {
    Ok(store::of_member(db, &who.account_id).await?.into_iter().filter(|e| e.status == Status::Verified).map(|e| (e.uscc, e.name)).collect())
}

/// The centre administrator's list of registrations waiting for verification.
pub async fn pending(db: &Db) -> Result<Vec<PendingLine>, AppError> {
    Ok(store::pending(db)
        .await?
        .into_iter()
        .map(|(e, at, phone)| PendingLine {
            uscc: e.uscc,
            name: e.name,
            legal_rep: e.legal_rep,
            registered: crate::domain::booking::civil_at(at).format("%Y-%m-%d %H:%M").to_string(),
            by: crate::domain::pii::mask_mobile(&phone),
        })
        .collect())
}

/// The centre administrator's decision on a registration (after checking it against the registry by hand).
pub async fn decide(db: &Db, uscc: &str, verified: bool, note: &str, now: i64) -> Result<(), AppError> {
    let l = lang();
    let note = note.trim();
    if !verified && note.is_empty() {
        return Err(AppError::Invalid(Flash::new(&format!("verify:{uscc}")).with_error(&format!("note-{uscc}"), l.pick("请填写核验不通过的原因，企业会看到它", "Say why it was not verified: the enterprise sees it"))));
    }
    let status = if verified { Status::Verified } else { Status::Refused };
    let note: String = note.chars().take(200).collect();
    if !store::decide(db, uscc, status, (!verified).then_some(note.as_str()), now).await? {
        return Err(AppError::Refused(l.pick("该企业已核验过", "This enterprise was decided already").into()));
    }
    Ok(())
}
