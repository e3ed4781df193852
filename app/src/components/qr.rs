//! A QR code, drawn as SVG on the server (the `qrcode` crate is server-only: nothing added to the WASM). Pages are
//! rendered on the server, so the code is in the HTML and works without JavaScript.

use leptos::prelude::*;

/// The QR code of `text` (an absolute URL from configuration), with `label` for screen readers.
#[component]
pub fn QrCode(text: String, label: &'static str) -> impl IntoView {
    view! { <div class="qr" inner_html=svg(&text, label)></div> }
}

/// The SVG markup of a QR code of `text`; empty if it cannot be encoded (too long).
#[cfg(feature = "ssr")]
pub fn svg(text: &str, label: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(q) => q
            .render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build()
            .split_once("<svg ")
            .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"{}\" {rest}", crate::domain::html::escape(label)))
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Pages are not hydrated: in the browser the server's markup stays.
#[cfg(not(feature = "ssr"))]
pub fn svg(_text: &str, _label: &str) -> String {
    String::new()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_url_becomes_a_labelled_svg() {
        let s = super::svg("https://hall.example/bookings/ABCD", "签到二维码");
        assert!(s.starts_with("<svg role=\"img\" aria-label=\"签到二维码\""), "{}", &s[..60.min(s.len())]);
        assert!(s.contains("<path") || s.contains("<rect"));
    }
}
