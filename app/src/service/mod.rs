//! (ssr only) The workflows that server functions, background jobs, live streams and tests share (GUIDE §1): one
//! function per user action, one transaction, a typed result. A server function reads who is asking, makes one
//! call here, and returns data or a redirect; it builds no SQL and no sentence.
//!
//! - [`accounts`]: signing in: the SMS code (sent within limits, checked once) and the staff password;
//! - [`booking`]: offer a slot, book, cancel, reschedule, the waiting list, reminders and no-shows;
//! - [`queue`]: check-in, tickets, calling, the window screens;
//! - [`notify`]: tell a person (SMS through the notification queue, and the in-app notice);
//! - [`zones`]: the 15-minute map's snapshot, its background worker and its drawing;
//! - [`live`]: the server-sent event streams of a ticket and a window screen.

use crate::store::Db;
use chrono::{DateTime, Duration, Utc};

pub mod accounts;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod demo;
pub mod enterprise;
pub mod filing;
pub mod live;
pub mod notify;
pub mod points;
pub mod proxy;
pub mod queue;
pub mod rating;
pub mod staff;
pub mod windows;
pub mod testing;
pub mod zones;

/// The server's clock. Real time unless an override was explicitly enabled (tests and demos): a fixed instant,
/// an offset, or — for independent e2e tests — a per-request `palm_now` cookie.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    pub fixed: Option<DateTime<Utc>>,
    pub offset: Duration,
    /// Honour the `palm_now` cookie (RFC 3339). Only when `PALM_TEST_CLOCK=1`.
    pub per_request: bool,
    /// The fixed instant moves on from this moment at the real pace (`PALM_CLOCK_RUNS=1`): a test server whose
    /// time passes, for what rotates (the window screens' rating codes), still starting from a known date.
    pub runs_from: Option<std::time::Instant>,
}

impl Clock {
    pub fn now_for(&self, cookie_header: Option<&str>) -> DateTime<Utc> {
        if self.per_request {
            if let Some(t) = cookie_header.and_then(|h| cookie_value(h, "palm_now")) {
                if let Ok(t) = DateTime::parse_from_rfc3339(&t) {
                    return t.with_timezone(&Utc);
                }
            }
        }
        let ran = self.runs_from.and_then(|t| Duration::from_std(t.elapsed()).ok()).unwrap_or_default();
        self.fixed.unwrap_or_else(Utc::now) + ran + self.offset
    }
}

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    /// Serve development-only pages such as `/dev/gallery`.
    pub dev_pages: bool,
    /// Where SMS go: the SMS sink in development, a real adapter in production.
    pub sms: std::sync::Arc<dyn crate::store::notifications::SmsGateway>,
    /// The SMS sink is on: `/dev/sms` shows its messages (to loopback clients only).
    pub sms_sink: bool,
    /// The computed 15-minute map (zones, coverage, SVG), replaced whole by a background recompute.
    pub zones: std::sync::Arc<zones::ZoneState>,
    /// The site's public base URL (`PALM_PUBLIC_URL`, no trailing slash): every absolute link in an SMS, a QR
    /// code or an .ics file starts with it ([`absolute_url`]). Never taken from a request's headers.
    pub public_url: String,
    /// The reverse proxies in front of the server (`PALM_TRUSTED_PROXIES`): only from these is `X-Forwarded-For`
    /// believed, so per-address limits count the person behind the proxy ([`client_ip`]).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Online filing's files and settings.
    pub filing: Filing,
    /// The signing secret (`PALM_SECRET`): tracking links sent by SMS carry a signature made with it.
    pub secret: std::sync::Arc<[u8]>,
}

/// Online filing's file store and settings (`PALM_UPLOAD_DIR`, `PALM_UPLOAD_MAX_MB`, `PALM_RECEIPT_CUT_OFF`).
#[derive(Clone, Debug)]
pub struct Filing {
    pub files: crate::store::files::Files,
    /// The most bytes one uploaded file may have.
    pub max_upload_bytes: u64,
    /// Applications submitted at or after this time of day are received the next working day.
    pub cut_off: chrono::NaiveTime,
    /// How photos are made smaller in the browser before upload.
    pub downscale: crate::domain::form::keep::Downscale,
    /// Cases' deadlines (`PALM_ACCEPT_DAYS`, `PALM_WARN_DAYS`).
    pub deadlines: crate::domain::cases::deadline::Settings,
    /// The public lookup's limits.
    pub lookup: crate::domain::cases::LookupLimits,
    /// 好差评's limits per phone and device.
    pub rating_limits: crate::domain::rating::Limits,
    /// The market regulator's registry that verifies enterprises (none in the demo: the centre administrator).
    pub registry: enterprise::Registry,
}

impl Filing {
    /// Files under `dir`, with the default limit and cut-off.
    pub fn at(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        let (h, m) = crate::domain::cases::DEFAULT_CUT_OFF;
        Ok(Self {
            files: crate::store::files::Files::local(dir)?,
            max_upload_bytes: crate::domain::form::upload::DEFAULT_MAX_BYTES,
            cut_off: chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default(),
            downscale: Default::default(),
            deadlines: Default::default(),
            lookup: Default::default(),
            rating_limits: Default::default(),
            registry: Default::default(),
        })
    }
}

/// The absolute URL of a path on this site (`/bookings/ABC…`), from configuration only: request headers such as
/// `Host` and `X-Forwarded-Proto` never reach a message.
pub fn absolute_url(public_url: &str, path: &str) -> String {
    format!("{}{path}", public_url.trim_end_matches('/'))
}

/// A signature of `message` with the server's secret (HMAC-SHA256, the first 96 bits in hex): tracking links, the
/// window screens' rating tokens. Compare with [`same`].
pub fn sign(secret: &[u8], message: &str) -> String {
    use hmac::{Mac, SimpleHmac};
    let mut mac = SimpleHmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    mac.finalize().into_bytes()[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether two signatures are the same, in constant time.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A cookie's value from a `Cookie:` header, percent-decoding `%2B` and `%3A` as browsers may send them.
pub fn cookie_value(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|kv| {
        let (k, v) = kv.trim().split_once('=')?;
        (k == name).then(|| v.replace("%3A", ":").replace("%2B", "+").replace("%3a", ":").replace("%2b", "+"))
    })
}

