//! A page's query string, read into one struct (GUIDE §1: "query into one struct per page"). Each page's struct
//! lives with its page data in `domain::<capability>::page` and says here how it reads itself; `pages::query`
//! hands it the URL's parameters. Empty values read as absent.

pub trait FromQuery: Sized {
    /// Reads the struct from `get`, which gives a parameter's value if the URL has it.
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self;
}

/// A parameter's value, `None` when absent or blank.
pub fn given(get: &dyn Fn(&str) -> Option<String>, key: &str) -> Option<String> {
    get(key).filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_reads_as_absent() {
        let get = |k: &str| match k {
            "a" => Some("x".to_string()),
            "b" => Some("  ".to_string()),
            _ => None,
        };
        assert_eq!(given(&get, "a").as_deref(), Some("x"));
        assert_eq!(given(&get, "b"), None);
        assert_eq!(given(&get, "c"), None);
    }
}
