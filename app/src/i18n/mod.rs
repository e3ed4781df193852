//! zh-CN (default) and en strings for the citizen-facing interface. Catalogue content (items, materials,
//! departments, points, holidays) stays Chinese. The choice is a device preference kept in a cookie, read while
//! rendering on the server, like 长辈版.

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
        header
            .split(';')
            .find_map(|kv| kv.trim().strip_prefix(LANG_COOKIE).and_then(|rest| rest.strip_prefix('=')))
            .map(Lang::parse)
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::Zh
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
    }
}
