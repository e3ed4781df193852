//! A QR code as SVG markup, drawn on the server (the `qrcode` crate is server-only: nothing added to the WASM).
//! Pure: text in, markup out. Pages are rendered on the server, so the code is in the HTML and works without
//! JavaScript; a window screen's rotating code is sent over its live stream as this markup.

/// The SVG markup of a QR code of `text` (an absolute URL from configuration), with `label` for screen readers;
/// empty if it cannot be encoded (too long).
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
