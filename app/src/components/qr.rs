//! A QR code, drawn as SVG on the server (the `qrcode` crate is server-only: nothing added to the WASM). Pages are
//! rendered on the server, so the code is in the HTML and works without JavaScript.

use leptos::prelude::*;

/// The QR code of `text` (an absolute URL from configuration), with `label` for screen readers.
#[component]
pub fn QrCode(text: String, label: &'static str) -> impl IntoView {
    view! { <div class="qr" inner_html=crate::domain::qr::svg(&text, label)></div> }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_url_becomes_a_labelled_svg() {
        let s = crate::domain::qr::svg("https://hall.example/bookings/ABCD", "签到二维码");
        assert!(s.starts_with("<svg role=\"img\" aria-label=\"签到二维码\""), "{}", &s[..60.min(s.len())]);
        assert!(s.contains("<path") || s.contains("<rect"));
    }
}
