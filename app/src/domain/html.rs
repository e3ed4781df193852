//! Escaping text for HTML where the framework does not (see [`escape`]).

/// Text as HTML, for the places where Leptos 0.8 writes text without escaping it (and for markup we build as a
/// string, such as the map's SVG):
/// - leptos_meta's `<Title>` pushes its text into `<title>` as it is (`buf.push_str(&title)` in
///   `ServerMetaContextOutput::inject_meta_context`), so `/guide?q=</title><script>…` would run as script;
/// - tachys renders `<textarea>` children unescaped (`ESCAPE_CHILDREN` is false for it), so a pasted
///   `</textarea><script>…` echoed back after a failed post would run.
/// Both are server-rendered only (no client-side updates), so the browser shows the entities as the text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes a query value (item codes, point ids and days are ASCII; `|` in slot ids is encoded).
pub fn encode_query(v: &str) -> String {
    v.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Issue 12, item 2: the title cannot close `<title>` (before: `</title><script>` went into the page as it was).
    #[test]
    fn titles_are_escaped() {
        assert_eq!(super::escape("</title><script>x()</script> & \"'"), "&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; &quot;&#39;");
        assert_eq!(super::escape("办事指南"), "办事指南");
    }
}
