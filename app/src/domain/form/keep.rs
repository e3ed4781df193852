//! What the browser keeps of an application (issue 17): the props of the filing pages' islands, the sync's rule
//! ("the newer wins"), the photo size settings, and every sentence those islands say. Pure data and rules, so the
//! server and the browser share them; the IndexedDB and network side is `crate::offline` (hydrate only).

use super::definition::{FileType, Section};
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What became of a section's answers sent by a browser's sync (`api::filing::keep_section`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeptOutcome {
    /// Kept; the server's copy had not changed since the browser's.
    Kept,
    /// Kept over a change made elsewhere (another device) that was older than this one's edit: the newer won.
    KeptOverOlder,
    /// Not kept: the server's copy was changed elsewhere after this one's edit. The newer (the server's) wins.
    ServerNewer,
}

/// The answer to a browser's sync of one section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub outcome: KeptOutcome,
    /// The section's time on the server now (the browser's next base).
    pub section_time: i64,
    /// The server's clock (unix seconds).
    pub now: i64,
}

impl Kept {
    /// Decides a sync of a section: the server's section changed at `server` (0: never), the browser's copy started
    /// from the server's at `base` and was edited at `edited`. Only a change the browser had not seen (`server >
    /// base`) can conflict, and then the newer edit wins.
    pub fn decide(server: i64, base: i64, edited: i64) -> KeptOutcome {
        if server <= base {
            KeptOutcome::Kept
        } else if edited >= server {
            KeptOutcome::KeptOverOlder
        } else {
            KeptOutcome::ServerNewer
        }
    }
}


/// How large photos are made smaller in the browser before upload (`PALM_PHOTO_MAX_SIDE`, `PALM_PHOTO_QUALITY`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Downscale {
    /// The longest side, in pixels, of an uploaded photo.
    pub max_side: u32,
    /// The JPEG quality it is encoded at, 0–1.
    pub quality: f64,
}

impl Default for Downscale {
    fn default() -> Self {
        Self { max_side: 2000, quality: 0.85 }
    }
}

impl Downscale {
    /// The size a `width` × `height` photo is drawn at: `None` when it is small enough already.
    pub fn fit(self, width: u32, height: u32) -> Option<(u32, u32)> {
        let longest = width.max(height);
        if longest <= self.max_side || longest == 0 {
            return None;
        }
        let scale = f64::from(self.max_side) / f64::from(longest);
        let side = |x: u32| ((f64::from(x) * scale).round() as u32).max(1);
        Some((side(width), side(height)))
    }
}

/// The drafts island of a section page or the delivery page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeepPage {
    /// Names the signed-in person's drafts in the browser (`ApplicationView::owner`).
    pub owner: String,
    pub draft: String,
    /// The page's part of the URL after the draft (`s/{section}`, `delivery`): its key in the browser's store.
    pub page: String,
    /// The page's questions, checked in the browser by the server's own `validate`.
    pub section: Section,
    /// Answers from other sections that this page's "asked only if" conditions name: the server checks a section
    /// against the whole draft, so the browser needs them to say the same.
    #[serde(default)]
    pub context: super::Answers,
    /// Synced with the server as typed.
    pub sync: bool,
    /// The section's time on the server when the page was made (0: never saved).
    pub section_time: i64,
    /// The server's clock when the page was made (unix seconds).
    pub now: i64,
    pub today: NaiveDate,
    pub lang: Lang,
}

/// A page's name among its draft's section times: `s/{section}` → the section's id; `delivery` as it is.
pub fn page_key(page: &str) -> &str {
    page.strip_prefix("s/").unwrap_or(page)
}

impl KeepPage {
    /// The island's props for page `page` of application `a`, asking `section`'s questions; `sync` for sections.
    pub fn of(a: &super::page::ApplicationView, page: String, section: &Section, sync: bool, lang: Lang) -> Self {
        let section_time = a.section_times.get(page_key(&page)).copied().unwrap_or(0);
        Self {
            owner: a.owner.clone(),
            draft: a.draft.clone(),
            page,
            section: section.clone(),
            context: section
                .fields
                .iter()
                .filter_map(|f| f.show_if.as_ref())
                .filter(|c| !section.fields.iter().any(|g| g.id == c.field))
                .filter_map(|c| a.answers.get(&c.field).map(|v| (c.field.clone(), v.clone())))
                .collect(),
            sync,
            section_time,
            now: a.now,
            today: crate::domain::booking::civil_at(a.now).date(),
            lang,
        }
    }
}

/// The upload island of a material's page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeepUpload {
    pub owner: String,
    pub draft: String,
    pub material: String,
    /// The material's name, for messages.
    pub name: String,
    pub accept: Vec<FileType>,
    pub max_bytes: u64,
    pub downscale: Downscale,
    pub back_to_check: bool,
    pub lang: Lang,
}

/// A submit made offline, waiting in the outbox (the check page's island).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Submit {
    pub draft: String,
    /// The submit's idempotency key: however often it is sent, one case.
    pub key: String,
    /// The item's name, for the outbox's list.
    pub item: String,
}

/// Everything the filing islands say.
#[derive(Clone, Debug, PartialEq)]
pub enum Said {
    /// Typed answers came back from this device's copy.
    Restored,
    /// Both copies changed; this device's was newer and is kept.
    DeviceNewer,
    /// Both copies changed; the other device's was newer and is shown.
    ServerNewer,
    /// 继续 pressed while offline.
    HeldOffline,
    /// A file picked while offline.
    FileHeld { file: String },
    /// A file being uploaded.
    Uploading { file: String },
    /// A photo made smaller before upload.
    Downscaled { from: (u32, u32), to: (u32, u32) },
    /// Files waiting on this device, sent when the network is back.
    FilesWaiting { count: usize },
    /// A submit made offline, waiting.
    SubmitWaiting { item: String },
    /// The outbox is being sent.
    Sending,
    /// A waiting submit went: its case.
    Submitted { item: String, case: String },
    /// A waiting submit was refused (something is missing): see the check page.
    SubmitRefused { item: String },
    /// Sign-out: drafts are sent and removed from this device.
    SigningOut,
    /// Sign-out pressed offline.
    SignOutOffline,
}

impl Said {
    pub fn message(&self, l: Lang) -> String {
        match self {
            Self::Restored => l.pick("已恢复您在本设备上填写的内容。", "What you typed on this device has been put back.").into(),
            Self::DeviceNewer => l.pick(
                "这份草稿在其他设备上也改过；本设备上的修改较新，已保留并保存。",
                "This draft was also changed on another device; the changes on this device are newer and have been kept.",
            )
            .into(),
            Self::ServerNewer => l.pick(
                "这份草稿在其他设备上有较新的修改，页面显示的是较新的内容；本设备上较早的修改未保留。",
                "This draft has newer changes from another device, shown here; the older changes on this device were not kept.",
            )
            .into(),
            Self::HeldOffline => l.pick(
                "网络未连接：填写的内容已保存在本设备上，联网后会自动保存。请联网后再点“保存并继续”。",
                "You are offline: what you typed is kept on this device and will be saved when you are back online. Press “Save and continue” again then.",
            )
            .into(),
            Self::FileHeld { file } => l.pick(
                format!("网络未连接：“{file}”已保存在本设备上，联网后自动上传。"),
                format!("You are offline: “{file}” is kept on this device and will be uploaded when you are back online."),
            ),
            Self::Uploading { file } => l.pick(format!("正在上传“{file}”……"), format!("Uploading “{file}”…")),
            Self::Downscaled { from, to } => l.pick(
                format!("照片已从 {}×{} 缩小为 {}×{} 像素后上传。", from.0, from.1, to.0, to.1),
                format!("The photo was made smaller, from {}×{} to {}×{} pixels, before upload.", from.0, from.1, to.0, to.1),
            ),
            Self::FilesWaiting { count } => l.pick(
                format!("有{count}个文件保存在本设备上，等待联网后上传。"),
                format!("{count} file(s) kept on this device will be uploaded when you are back online."),
            ),
            Self::SubmitWaiting { item } => l.pick(
                format!("待发送：“{item}”的申请已保存在本设备上，联网后自动提交，请勿重复填写。"),
                format!("Waiting to send: your application for “{item}” is kept on this device and will be submitted when you are back online."),
            ),
            Self::Sending => l.pick("正在发送……", "Sending…").into(),
            Self::Submitted { item, case } => l.pick(format!("“{item}”的申请已提交，办件编号 {case}。"), format!("Your application for “{item}” has been submitted: case number {case}.")),
            Self::SubmitRefused { item } => l.pick(
                format!("“{item}”的申请未能提交：还有需要补充的内容，请打开核对页面查看。"),
                format!("Your application for “{item}” could not be submitted: something is missing. Open the check page to see what."),
            ),
            Self::SigningOut => l.pick("正在保存草稿并从本设备上清除……", "Saving your drafts and clearing them from this device…").into(),
            Self::SignOutOffline => l.pick(
                "网络未连接，暂时无法退出登录。请联网后再退出：本设备上的草稿会先保存，再从本设备上清除。",
                "You are offline, so you cannot sign out yet. Sign out when you are back online: your drafts on this device are saved first, then cleared from it.",
            )
            .into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newer_edit_wins_only_when_both_changed() {
        // The server's section unchanged since the browser's copy: kept.
        assert_eq!(Kept::decide(100, 100, 90), KeptOutcome::Kept);
        assert_eq!(Kept::decide(0, 0, 50), KeptOutcome::Kept, "never saved on the server");
        // Changed elsewhere since: the later edit wins.
        assert_eq!(Kept::decide(200, 100, 250), KeptOutcome::KeptOverOlder);
        assert_eq!(Kept::decide(200, 100, 150), KeptOutcome::ServerNewer);
    }

    #[test]
    fn only_large_photos_are_made_smaller_keeping_their_shape() {
        let d = Downscale::default();
        assert_eq!(d.fit(1600, 1200), None);
        assert_eq!(d.fit(2000, 1000), None, "exactly the limit stays");
        assert_eq!(d.fit(4000, 3000), Some((2000, 1500)));
        assert_eq!(d.fit(3000, 4000), Some((1500, 2000)), "portrait");
        assert_eq!(d.fit(8000, 3), Some((2000, 1)), "never zero");
    }
}
