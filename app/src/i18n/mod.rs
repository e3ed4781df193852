//! zh-CN (default) and en strings for the citizen-facing interface. Catalogue content (items, materials,
//! departments, points, holidays) stays Chinese. The choice is a device preference kept in a cookie, read while
//! rendering on the server, like 长辈版.

pub mod booking;
mod strings;

pub use strings::Key;

pub const LANG_COOKIE: &str = "palm_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag used in `<html lang>` and in the cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    /// Unknown values fall back to Chinese.
    pub fn parse(s: &str) -> Self {
        if s == "en" {
            Self::En
        } else {
            Self::Zh
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Zh => Self::En,
            Self::En => Self::Zh,
        }
    }

    /// The language's own name, used to offer a switch to it.
    pub fn endonym(self) -> &'static str {
        match self {
            Self::Zh => "中文",
            Self::En => "English",
        }
    }

    /// One of two values, by language (for formatted strings).
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }

    pub fn t(self, key: Key) -> &'static str {
        key.get(self)
    }
}

/// The language this request asked for (read while rendering on the server and in server functions).
pub fn lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        // Read from the request in context, not through another layer: i18n is used by all and uses none of them.
        let parts = leptos::prelude::use_context::<http::request::Parts>();
        let header = parts.as_ref().and_then(|p| p.headers.get(http::header::COOKIE)).and_then(|v| v.to_str().ok()).unwrap_or("");
        lang_from_cookies(header)
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::Zh
    }
}

/// The language a request's `Cookie` header asks for (Chinese when it says nothing), for routes outside Leptos.
pub fn lang_from_cookies(header: &str) -> Lang {
    header
        .split(';')
        .find_map(|kv| kv.trim().strip_prefix(LANG_COOKIE).and_then(|rest| rest.strip_prefix('=')))
        .map(Lang::parse)
        .unwrap_or_default()
}

/// A page's title, marked as an error first when its form came back with errors (GOV.UK: "错误：…").
pub fn page_title(l: Lang, has_errors: bool, title: &str) -> String {
    if has_errors {
        format!("{}{title}", Key::ErrorPrefix.get(l))
    } else {
        title.to_string()
    }
}

/// An interface string in this request's language.
pub fn t(key: Key) -> &'static str {
    key.get(lang())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_defaults_to_chinese() {
        assert_eq!(Lang::parse("en"), Lang::En);
        assert_eq!(Lang::parse("zh-CN"), Lang::Zh);
        assert_eq!(Lang::parse("fr"), Lang::Zh);
        assert_eq!(Lang::En.other().tag(), "zh-CN");
        assert_eq!(Key::Search.get(Lang::Zh), "搜索");
        assert_eq!(Key::Search.get(Lang::En), "Search");
        assert_eq!(page_title(Lang::En, true, "Book"), "Error: Book");
        assert_eq!(page_title(Lang::Zh, true, "预约"), "错误：预约");
        assert_eq!(page_title(Lang::Zh, false, "预约"), "预约");
        assert_eq!(lang_from_cookies("a=1; palm_lang=en; b=2"), Lang::En);
        assert_eq!(lang_from_cookies("palm_now=x"), Lang::Zh);
    }
}

/// Citizen pages take their words from here: a Chinese string literal in a citizen page or a shared component is
/// allowed only as an argument of `pick(zh, en)`, where its English sits beside it. Staff and admin pages (and the
/// hall's screen) stay Chinese and are not listed.
#[cfg(all(test, feature = "ssr"))]
mod citizen_pages_have_english {
    const CITIZEN: &[&str] = &[
        "src/pages/home.rs",
        "src/pages/notices.rs",
        "src/pages/not_found.rs",
        "src/pages/accounts/mod.rs",
        "src/pages/booking/mod.rs",
        "src/pages/booking/flow.rs",
        "src/pages/booking/booking.rs",
        "src/pages/booking/mine.rs",
        "src/pages/calendar/mod.rs",
        "src/pages/guide/mod.rs",
        "src/pages/guide/item.rs",
        "src/pages/guide/search.rs",
        "src/pages/map/mod.rs",
        "src/pages/points/mod.rs",
        "src/pages/points/point.rs",
        "src/pages/queue/ticket.rs",
        "src/pages/filing/application.rs",
        "src/pages/filing/fields.rs",
        "src/pages/filing/materials.rs",
        "src/pages/filing/mine.rs",
        "src/pages/filing/mod.rs",
        "src/pages/filing/start.rs",
    ];

    /// The Chinese string literals of `src` that are not inside a `pick(…)` call (comments, char literals and
    /// `#[cfg(test)]` modules skipped), as (line, literal).
    pub(super) fn bare_chinese(src: &str) -> Vec<(usize, String)> {
        let src = src.split("#[cfg(test)]").next().unwrap_or(src).split("#[cfg(all(test").next().unwrap_or(src);
        let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let (mut out, mut stack, mut line) = (Vec::new(), Vec::<bool>::new(), 1);
        let b: Vec<char> = src.chars().collect();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == '\n' {
                line += 1;
            } else if c == '/' && b.get(i + 1) == Some(&'/') {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
                continue;
            } else if c == '\'' && b.get(i + 2) == Some(&'\'') {
                i += 3;
                continue;
            } else if c == '"' {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                    }
                    if b.get(i) == Some(&'\n') {
                        line += 1;
                    }
                    i += 1;
                }
                let lit: String = b[start..i.min(b.len())].iter().collect();
                if cjk(&lit) && !stack.contains(&true) {
                    out.push((line, lit));
                }
            } else if c == '(' {
                let before: String = b[i.saturating_sub(4)..i].iter().collect();
                stack.push(before == "pick");
            } else if c == ')' {
                stack.pop();
            }
            i += 1;
        }
        out
    }

    #[test]
    fn the_scanner_finds_bare_chinese_and_allows_pick() {
        let src = "let a = \"办事\";\nlet b = l.pick(\"办事\", \"Apply\");\nlet c = l.pick(\n  format!(\"{}项\", n),\n  format!(\"{n}\"),\n);\n// \"注释\"\nview! { <p>\"暂无\"</p> }";
        let found: Vec<usize> = bare_chinese(src).into_iter().map(|(l, _)| l).collect();
        assert_eq!(found, vec![1, 8]);
    }

    #[test]
    fn citizen_pages_carry_no_bare_chinese() {
        let mut bare = Vec::new();
        for file in CITIZEN.iter().copied().chain(std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/components")).unwrap().map(|e| {
            let p = e.unwrap().path();
            Box::leak(format!("src/components/{}", p.file_name().unwrap().to_string_lossy()).into_boxed_str()) as &str
        })) {
            let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
            let Ok(src) = std::fs::read_to_string(&path) else { continue };
            bare.extend(bare_chinese(&src).into_iter().map(|(line, lit)| format!("{file}:{line}: {lit}")));
        }
        assert!(bare.is_empty(), "Chinese-only words on citizen pages (put them in i18n with English):\n{}", bare.join("\n"));
    }
}
