//! What every server function reads from the request it answers: the application state, "now" on the state's
//! clock, cookies, and who sent it.

use crate::error::AppError;
use crate::service::AppState;
use crate::store::Db;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

pub use crate::service::cookie_value;

/// A cookie of the request being handled (while rendering or in a server function).
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    cookie_value(header, name)
}

/// Adds a `Set-Cookie` to the response (Path=/, SameSite=Lax; HttpOnly when `http_only`).
pub fn set_response_cookie(name: &str, value: &str, max_age: i64, http_only: bool) {
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        let http_only = if http_only { "; HttpOnly" } else { "" };
        // Secure whenever the site is served over https (its public URL says so).
        let secure = if use_context::<AppState>().is_some_and(|s| s.public_url.starts_with("https://")) { "; Secure" } else { "" };
        let cookie = format!("{name}={value}; Path=/{http_only}{secure}; SameSite=Lax; Max-Age={max_age}");
        if let Ok(h) = http::HeaderValue::from_str(&cookie) {
            r.append_header(http::header::SET_COOKIE, h);
        }
    }
}

/// The address a request comes from, resolved once by the server's middleware from the connection and, behind a
/// trusted proxy, `X-Forwarded-For` ([`client_ip`]). Rate limits and loopback checks read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub std::net::IpAddr);

/// The key an address is counted under for per-address limits: IPv4 as it is, IPv6 by its /64 (a subscriber's
/// block: one person can walk through its addresses freely), an IPv4-mapped IPv6 address as its IPv4.
pub fn limit_key(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        v4 => v4.to_string(),
    }
}

/// Who sent a request: the connection's peer, unless the peer is a trusted proxy; then the nearest address in
/// `X-Forwarded-For` (read from the right, the end the proxies append to) that is not a trusted proxy. A forged
/// left part of the header is never reached while a genuine hop is to its right; a hop that is not an address stops
/// the walk at the last trusted hop. Without trusted proxies the header is ignored: anyone can send it.
pub fn client_ip(peer: std::net::IpAddr, forwarded_for: Option<&str>, trusted: &[std::net::IpAddr]) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut last = peer;
    for hop in forwarded_for.unwrap_or("").rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => last = ip,
            Ok(ip) => return ip,
            Err(_) => return last,
        }
    }
    last
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("server state missing"))
}

/// The zones' snapshot for this request (computing the first if needed).
pub async fn zones() -> Result<std::sync::Arc<crate::service::zones::ZoneModel>, AppError> {
    let st = state()?;
    Ok(st.zones.get(&st.db, now()?).await?)
}

pub fn db() -> Result<Db, AppError> {
    Ok(state()?.db)
}

/// "Now" for the current request.
pub fn now() -> Result<DateTime<Utc>, AppError> {
    let st = state()?;
    let parts = use_context::<http::request::Parts>();
    let cookie = parts.as_ref().and_then(|p| p.headers.get(http::header::COOKIE)).and_then(|v| v.to_str().ok());
    Ok(st.clock.now_for(cookie))
}

/// Sends the browser on to `path` with a 302, whatever the request's `Accept` header says (`leptos_axum::redirect`
/// sets 302 only for requests that accept `text/html`; a page request through the service worker's navigation
/// preload may not say so, and would otherwise get the page body with a 200).
pub fn redirect_found(path: &str) {
    leptos_axum::redirect(path);
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::FOUND);
    }
}

/// Marks the response as 404 Not Found.
pub fn not_found() {
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        r.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Clock;

    /// Issue 12, item 7: behind a trusted proxy the limits count the person, and a forged header counts nobody else.
    #[test]
    fn client_ip_believes_forwarded_for_only_from_trusted_proxies() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        let cases = [
            // (peer, X-Forwarded-For, expected)
            ("203.0.113.9", Some("198.51.100.1"), "203.0.113.9"), // not a proxy: the header is anyone's
            ("10.0.0.2", None, "10.0.0.2"),
            ("10.0.0.2", Some("198.51.100.1"), "198.51.100.1"),
            ("10.0.0.2", Some("1.2.3.4, 198.51.100.1"), "198.51.100.1"), // forged left part ignored
            ("10.0.0.2", Some("198.51.100.1, 10.0.0.3"), "198.51.100.1"), // two proxies
            ("10.0.0.2", Some("not-an-ip, 10.0.0.3"), "10.0.0.3"),
            ("10.0.0.2", Some(" , "), "10.0.0.2"),
            ("10.0.0.2", Some("2001:db8::1"), "2001:db8::1"),
        ];
        for (peer, header, want) in cases {
            assert_eq!(client_ip(ip(peer), header, &proxies), ip(want), "{peer} {header:?}");
        }
        assert_eq!(client_ip(ip("10.0.0.2"), Some("198.51.100.1"), &[]), ip("10.0.0.2"), "no trusted proxies");
    }

    /// Per-address limits count an IPv6 subscriber's whole /64, not each of its 2^64 addresses.
    #[test]
    fn limit_keys_group_ipv6_by_64() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(limit_key(ip("2001:db8:1:2:aaaa::1")), limit_key(ip("2001:db8:1:2:bbbb::9")));
        assert_eq!(limit_key(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_ne!(limit_key(ip("2001:db8:1:3::1")), limit_key(ip("2001:db8:1:2::1")));
        assert_eq!(limit_key(ip("203.0.113.7")), "203.0.113.7");
        assert_eq!(limit_key(ip("::ffff:203.0.113.7")), "203.0.113.7");
    }

    #[test]
    fn cookie_clock_only_when_enabled() {
        let header = "a=b; palm_now=2026-10-02T12:30:00%2B08:00";
        let on = Clock { per_request: true, ..Default::default() };
        assert_eq!(on.now_for(Some(header)).to_rfc3339(), "2026-10-02T04:30:00+00:00");
        let off = Clock { fixed: Some(DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().into()), ..Default::default() };
        assert_eq!(off.now_for(Some(header)).to_rfc3339(), "2026-01-01T00:00:00+00:00");
    }
}
