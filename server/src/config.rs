//! Configuration by environment. Every variable is listed in the README.

use app::service::Clock;
use chrono::{DateTime, Duration, Utc};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/palm-hall.db?mode=rwc";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    /// Signs session cookies (used from the accounts capability on).
    #[allow(dead_code)]
    pub secret: Vec<u8>,
    pub clock: Clock,
    /// Install or upgrade the demo county on start.
    pub demo: bool,
    pub dev_pages: bool,
    /// The SMS sink: messages are kept for `/dev/sms` instead of sent. Loopback addresses only.
    pub sms_sink: bool,
    /// The site's public base URL, for every absolute link in a message (`PALM_PUBLIC_URL`).
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`PALM_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Where uploaded materials are kept (`PALM_UPLOAD_DIR`, default `data/uploads`).
    pub upload_dir: String,
    /// The per-file upload limit (`PALM_UPLOAD_MAX_MB`, default 10).
    pub upload_max_bytes: u64,
    /// The receipt cut-off (`PALM_RECEIPT_CUT_OFF`, default 17:00).
    pub cut_off: chrono::NaiveTime,
    /// Photos are made smaller in the browser before upload (`PALM_PHOTO_MAX_SIDE`, default 2000 px;
    /// `PALM_PHOTO_QUALITY`, default 0.85).
    pub downscale: app::domain::form::keep::Downscale,
    /// Cases' deadlines (`PALM_ACCEPT_DAYS`, default 5 working days to accept; `PALM_WARN_DAYS`, default 2: yellow).
    pub deadlines: app::domain::cases::deadline::Settings,
    /// The window screens' rating token rotation in seconds: 60, or `PALM_RATE_ROTATE_SECS` on a test server.
    pub rate_rotate_secs: i64,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn flag(name: &str) -> bool {
    matches!(var(name).as_deref(), Some("1" | "true" | "on" | "yes"))
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let database_url = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
        Ok(Self {
            secret: secret(&database_url)?,
            clock: clock(flag("PALM_TEST_CLOCK"), var("PALM_CLOCK"), var("PALM_CLOCK_OFFSET"), flag("PALM_CLOCK_RUNS"))?,
            demo: var("PALM_DEMO").as_deref() != Some("0"),
            dev_pages: flag("PALM_DEV_PAGES"),
            sms_sink: sms_sink(flag("PALM_SMS_SINK"), var("LEPTOS_SITE_ADDR").as_deref().unwrap_or("127.0.0.1:3000"))?,
            public_url: public_url(var("PALM_PUBLIC_URL"), var("LEPTOS_SITE_ADDR").as_deref().unwrap_or("127.0.0.1:3000"))?,
            trusted_proxies: trusted_proxies(var("PALM_TRUSTED_PROXIES").as_deref())?,
            upload_dir: var("PALM_UPLOAD_DIR").unwrap_or_else(|| "data/uploads".into()),
            upload_max_bytes: match var("PALM_UPLOAD_MAX_MB") {
                None => app::domain::form::upload::DEFAULT_MAX_BYTES,
                Some(mb) => mb.trim().parse::<u64>().ok().filter(|m| (1..=100).contains(m)).map(|m| m * 1024 * 1024)
                    .ok_or_else(|| format!("PALM_UPLOAD_MAX_MB={mb}: expected a whole number of megabytes from 1 to 100"))?,
            },
            cut_off: match var("PALM_RECEIPT_CUT_OFF") {
                None => chrono::NaiveTime::from_hms_opt(app::domain::cases::DEFAULT_CUT_OFF.0, app::domain::cases::DEFAULT_CUT_OFF.1, 0).unwrap_or_default(),
                Some(t) => chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| format!("PALM_RECEIPT_CUT_OFF={t}: expected a time like 17:00"))?,
            },
            downscale: downscale(var("PALM_PHOTO_MAX_SIDE"), var("PALM_PHOTO_QUALITY"))?,
            deadlines: deadlines(var("PALM_ACCEPT_DAYS"), var("PALM_WARN_DAYS"))?,
            rate_rotate_secs: rate_rotate(flag("PALM_TEST_CLOCK"), var("PALM_RATE_ROTATE_SECS"))?,
            database_url,
        })
    }
}

/// The deadline settings: days to accept from 1 to 20 (the law's limit is 5), the yellow warning from 0 to 10.
fn deadlines(accept: Option<String>, warn: Option<String>) -> Result<app::domain::cases::deadline::Settings, String> {
    let mut d = app::domain::cases::deadline::Settings::default();
    if let Some(a) = accept {
        d.accept_days = a.trim().parse::<u32>().ok().filter(|n| (1..=20).contains(n))
            .ok_or_else(|| format!("PALM_ACCEPT_DAYS={a}: expected a whole number of working days from 1 to 20"))?;
    }
    if let Some(w) = warn {
        d.warn_days = w.trim().parse::<u32>().ok().filter(|n| *n <= 10)
            .ok_or_else(|| format!("PALM_WARN_DAYS={w}: expected a whole number of working days from 0 to 10"))?;
    }
    Ok(d)
}

/// The screens' token rotation: 60 s; a test server (`PALM_TEST_CLOCK=1`) may set 1 to 60 s, so a soak test sees
/// hundreds of rotations in minutes. Anywhere else a shorter rotation would only make the codes harder to scan.
fn rate_rotate(test_server: bool, secs: Option<String>) -> Result<i64, String> {
    let Some(s) = secs else { return Ok(app::domain::rating::TOKEN_ROTATE_SECS) };
    if !test_server {
        return Err("PALM_RATE_ROTATE_SECS is for test servers; it is refused unless PALM_TEST_CLOCK=1".into());
    }
    s.trim().parse::<i64>().ok().filter(|n| (1..=60).contains(n))
        .ok_or_else(|| format!("PALM_RATE_ROTATE_SECS={s}: expected a whole number of seconds from 1 to 60"))
}

/// The photo size settings: the longest side from 320 to 8000 px, the JPEG quality above 0.3 and at most 1.
fn downscale(side: Option<String>, quality: Option<String>) -> Result<app::domain::form::keep::Downscale, String> {
    let mut d = app::domain::form::keep::Downscale::default();
    if let Some(s) = side {
        d.max_side = s.trim().parse::<u32>().ok().filter(|n| (320..=8000).contains(n))
            .ok_or_else(|| format!("PALM_PHOTO_MAX_SIDE={s}: expected a whole number of pixels from 320 to 8000"))?;
    }
    if let Some(q) = quality {
        d.quality = q.trim().parse::<f64>().ok().filter(|n| *n > 0.3 && *n <= 1.0)
            .ok_or_else(|| format!("PALM_PHOTO_QUALITY={q}: expected a number above 0.3 and at most 1, like 0.85"))?;
    }
    Ok(d)
}

/// The public base URL for links in SMS, QR codes and .ics files: `PALM_PUBLIC_URL` (http or https, no query or
/// fragment, trailing `/` dropped). On a loopback listen address it defaults to that address; on any other the
/// server refuses to start without it, since links must never come from a request's `Host` header.
pub fn public_url(configured: Option<String>, site_addr: &str) -> Result<String, String> {
    let loopback = site_addr
        .parse::<std::net::SocketAddr>()
        .map(|a| a.ip().is_loopback())
        .unwrap_or(site_addr.starts_with("localhost:"));
    let Some(url) = configured else {
        return if loopback {
            Ok(format!("http://{site_addr}"))
        } else {
            Err(format!("PALM_PUBLIC_URL is required on the non-loopback address {site_addr}: links in SMS, QR codes and \
                         .ics files are built from it (e.g. https://zwfw.example.gov.cn)"))
        };
    };
    let url = url.trim().trim_end_matches('/').to_string();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        !host.is_empty() && !r.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\' | '@'))
    });
    if ok {
        Ok(url)
    } else {
        Err(format!("PALM_PUBLIC_URL={url}: expected http:// or https:// and a host, without query, fragment or user"))
    }
}

/// `PALM_TRUSTED_PROXIES`: the addresses of the reverse proxies in front of the server, separated by commas. Empty
/// (the default) believes no `X-Forwarded-For`: per-address limits then count the proxy if there is one.
pub fn trusted_proxies(configured: Option<&str>) -> Result<Vec<std::net::IpAddr>, String> {
    configured
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| format!("PALM_TRUSTED_PROXIES: {s} is not an IP address (list the proxies' addresses, separated by commas)")))
        .collect()
}

/// The SMS sink shows every code to whoever can open `/dev/sms`: refuse it on an address others can reach.
pub fn sms_sink(enabled: bool, site_addr: &str) -> Result<bool, String> {
    if !enabled {
        return Ok(false);
    }
    let loopback = site_addr
        .parse::<std::net::SocketAddr>()
        .map(|a| a.ip().is_loopback())
        .unwrap_or(site_addr.starts_with("localhost:"));
    if loopback {
        Ok(true)
    } else {
        Err(format!("PALM_SMS_SINK=1 keeps one-time codes readable at /dev/sms; refused on the non-loopback address {site_addr}"))
    }
}

/// The clock override: refused unless `PALM_TEST_CLOCK=1` says the server is a test or demo server.
/// With `runs`, the fixed instant moves on at the real pace from the server's start.
pub fn clock(enabled: bool, fixed: Option<String>, offset: Option<String>, runs: bool) -> Result<Clock, String> {
    if !enabled && (fixed.is_some() || offset.is_some()) {
        return Err("PALM_CLOCK / PALM_CLOCK_OFFSET change the time the server works to; \
                    they are refused unless PALM_TEST_CLOCK=1 marks this as a test or demo server"
            .to_string());
    }
    let fixed = fixed
        .map(|t| {
            DateTime::parse_from_rfc3339(&t)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| format!("PALM_CLOCK={t}: expected RFC 3339, e.g. 2026-10-02T12:30:00+08:00 ({e})"))
        })
        .transpose()?;
    let offset = offset
        .map(|o| o.parse::<i64>().map(Duration::seconds).map_err(|e| format!("PALM_CLOCK_OFFSET={o}: seconds ({e})")))
        .transpose()?
        .unwrap_or_default();
    Ok(Clock { fixed, offset, per_request: enabled, runs_from: (enabled && runs).then(std::time::Instant::now) })
}

/// `PALM_SECRET`, or a random key kept beside an SQLite database (created on first start).
fn secret(database_url: &str) -> Result<Vec<u8>, String> {
    if let Some(s) = var("PALM_SECRET") {
        if s.len() < 32 {
            return Err("PALM_SECRET must be at least 32 characters".to_string());
        }
        return Ok(s.into_bytes());
    }
    let dir = database_url
        .strip_prefix("sqlite://")
        .and_then(|p| p.split('?').next())
        .and_then(|p| std::path::Path::new(p).parent().map(|d| d.to_path_buf()))
        .ok_or("PALM_SECRET is required when the database is not a local SQLite file")?;
    let path = dir.join("secret.key");
    if let Ok(key) = std::fs::read(&path) {
        return Ok(key);
    }
    let mut key = vec![0u8; 32];
    use std::io::Read;
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut key)).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(&path, &key).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_size_settings_are_checked() {
        assert_eq!(deadlines(None, None), Ok(app::domain::cases::deadline::Settings { accept_days: 5, warn_days: 2 }));
        assert_eq!(deadlines(Some("3".into()), Some("1".into())), Ok(app::domain::cases::deadline::Settings { accept_days: 3, warn_days: 1 }));
        assert!(deadlines(Some("0".into()), None).unwrap_err().contains("PALM_ACCEPT_DAYS"));
        assert!(deadlines(None, Some("x".into())).unwrap_err().contains("PALM_WARN_DAYS"));
        assert_eq!(rate_rotate(false, None), Ok(60));
        assert_eq!(rate_rotate(true, Some("1".into())), Ok(1));
        assert!(rate_rotate(false, Some("1".into())).unwrap_err().contains("PALM_TEST_CLOCK"));
        assert!(rate_rotate(true, Some("0".into())).is_err());
        assert_eq!(downscale(None, None), Ok(app::domain::form::keep::Downscale { max_side: 2000, quality: 0.85 }));
        assert_eq!(downscale(Some("1600".into()), Some("0.7".into())), Ok(app::domain::form::keep::Downscale { max_side: 1600, quality: 0.7 }));
        assert!(downscale(Some("20".into()), None).unwrap_err().contains("PALM_PHOTO_MAX_SIDE"));
        assert!(downscale(None, Some("85".into())).unwrap_err().contains("PALM_PHOTO_QUALITY"));
    }

    #[test]
    fn clock_override_refused_unless_enabled() {
        assert!(clock(false, Some("2026-10-02T12:30:00+08:00".into()), None, false).is_err());
        assert!(clock(false, None, Some("3600".into()), false).is_err());
        let c = clock(true, Some("2026-10-02T12:30:00+08:00".into()), Some("60".into()), false).unwrap();
        assert_eq!(c.now_for(None).to_rfc3339(), "2026-10-02T04:31:00+00:00");
        assert!(clock(true, Some("tomorrow".into()), None, false).is_err());
        let real = clock(false, None, None, true).unwrap();
        assert!(!real.per_request && real.fixed.is_none() && real.runs_from.is_none());
        // A running test clock starts at its instant and moves on.
        let runs = clock(true, Some("2026-10-02T12:30:00+08:00".into()), None, true).unwrap();
        let first = runs.now_for(None);
        assert!(first >= c.now_for(None) - chrono::Duration::seconds(60) && first < c.now_for(None));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(runs.now_for(None) > first);
    }

    #[test]
    fn sms_sink_refused_on_a_public_address() {
        assert_eq!(sms_sink(true, "127.0.0.1:3000"), Ok(true));
        assert_eq!(sms_sink(true, "[::1]:3000"), Ok(true));
        assert!(sms_sink(true, "0.0.0.0:3000").is_err());
        assert!(sms_sink(true, "192.168.1.10:3000").is_err());
        assert_eq!(sms_sink(false, "0.0.0.0:3000"), Ok(false));
    }

    /// Issue 12, item 1: links come from configuration; a public address without it refuses to start.
    #[test]
    fn trusted_proxies_are_addresses() {
        assert!(trusted_proxies(None).unwrap().is_empty());
        assert_eq!(trusted_proxies(Some("10.0.0.2, ::1")).unwrap(), vec!["10.0.0.2".parse::<std::net::IpAddr>().unwrap(), "::1".parse().unwrap()]);
        assert!(trusted_proxies(Some("10.0.0.0/8")).unwrap_err().contains("10.0.0.0/8"));
    }

    #[test]
    fn public_url_from_configuration_only() {
        assert_eq!(public_url(None, "127.0.0.1:3000").as_deref(), Ok("http://127.0.0.1:3000"));
        assert!(public_url(None, "0.0.0.0:3000").is_err(), "a public address needs PALM_PUBLIC_URL");
        assert_eq!(public_url(Some("https://zwfw.example.gov.cn/".into()), "0.0.0.0:3000").as_deref(), Ok("https://zwfw.example.gov.cn"));
        assert_eq!(public_url(Some("https://gov.example/palm".into()), "0.0.0.0:80").as_deref(), Ok("https://gov.example/palm"));
        for bad in ["evil.example", "ftp://x", "https://", "https://a.example/x?y", "https://a.example/#x", "https://u@evil.example", "https://a .example"] {
            assert!(public_url(Some(bad.into()), "0.0.0.0:3000").is_err(), "{bad}");
        }
    }
}
