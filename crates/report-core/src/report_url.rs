//! Which report URLs the viewer may load (`?report=`): relative URLs and absolute `https:` only.

use std::fmt;

/// The largest report the viewer opens, in bytes (checked before parsing where the size is known).
pub const MAX_REPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a `?report=` value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusedUrl {
    /// The value is empty or only whitespace.
    Empty,
    /// An absolute URL with a scheme other than `https:` (e.g. `javascript:`, `data:`, `http:`).
    Scheme(String),
    /// A scheme-relative URL (`//host/x`), which would silently pick the page's scheme.
    SchemeRelative,
    /// Control characters or backslashes, which browsers "repair" in surprising ways.
    Malformed,
}

impl fmt::Display for RefusedUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefusedUrl::Empty => write!(f, "the report address is empty"),
            RefusedUrl::Scheme(s) => write!(
                f,
                "reports can only be loaded from a relative address or an https: URL, not a {s}: URL"
            ),
            RefusedUrl::SchemeRelative => write!(
                f,
                "write the report address as a relative path or a full https:// URL (not //host/…)"
            ),
            RefusedUrl::Malformed => {
                write!(f, "the report address contains control characters or backslashes")
            }
        }
    }
}

impl std::error::Error for RefusedUrl {}

/// Checks a `?report=` value. Relative references (`other.json`, `data/x.json`, `/r.json`) and
/// absolute `https:` URLs pass; every other scheme is refused, compared case-insensitively after
/// trimming, as browsers do.
pub fn check_report_url(raw: &str) -> Result<&str, RefusedUrl> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(RefusedUrl::Empty);
    }
    if url.chars().any(|c| c.is_control() || c == '\\') {
        return Err(RefusedUrl::Malformed);
    }
    if url.starts_with("//") {
        return Err(RefusedUrl::SchemeRelative);
    }
    // A scheme is ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':' before any '/', '?', '#'.
    let head_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    if let Some(colon) = url[..head_end].find(':') {
        let scheme = &url[..colon];
        let is_scheme = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme && !scheme.eq_ignore_ascii_case("https") {
            return Err(RefusedUrl::Scheme(scheme.to_ascii_lowercase()));
        }
    }
    Ok(url)
}

/// True if a link taken from report data may be rendered as a link (absolute http or https).
pub fn is_safe_link(url: &str) -> bool {
    let u = url.trim_start();
    let lower = u.get(..8).unwrap_or(u).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !u
            .chars()
            .any(|c| c.is_control() || c == '\\' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_https_report_urls_are_allowed() {
        for ok in [
            "other.json",
            "./a/b.json",
            "/r.json",
            "r.json?x=1#y",
            "https://example.org/r.json",
            "HTTPS://EXAMPLE.ORG/r.json",
        ] {
            assert_eq!(check_report_url(ok), Ok(ok));
        }
        assert_eq!(check_report_url("  r.json "), Ok("r.json"));
        assert_eq!(
            check_report_url("dir/with:colon.json"),
            Ok("dir/with:colon.json")
        );
    }

    #[test]
    fn other_schemes_are_refused_with_their_name() {
        assert_eq!(
            check_report_url("javascript:alert(1)"),
            Err(RefusedUrl::Scheme("javascript".into()))
        );
        assert_eq!(
            check_report_url(" JaVaScRiPt:alert(1)"),
            Err(RefusedUrl::Scheme("javascript".into()))
        );
        assert_eq!(
            check_report_url("data:application/json,{}"),
            Err(RefusedUrl::Scheme("data".into()))
        );
        assert_eq!(
            check_report_url("http://example.org/r.json"),
            Err(RefusedUrl::Scheme("http".into()))
        );
        assert_eq!(
            check_report_url("file:///etc/passwd"),
            Err(RefusedUrl::Scheme("file".into()))
        );
        assert_eq!(
            check_report_url("//evil.example/r.json"),
            Err(RefusedUrl::SchemeRelative)
        );
        assert_eq!(
            check_report_url("java\tscript:x"),
            Err(RefusedUrl::Malformed)
        );
        assert_eq!(check_report_url(""), Err(RefusedUrl::Empty));
        assert!(RefusedUrl::Scheme("javascript".into())
            .to_string()
            .contains("javascript:"));
    }

    #[test]
    fn only_http_links_from_report_data_are_rendered() {
        assert!(is_safe_link(
            "https://www.refworld.org/docid/49fac6a828.html"
        ));
        assert!(is_safe_link("http://example.org/"));
        assert!(!is_safe_link("javascript:alert(1)"));
        assert!(!is_safe_link("JAVASCRIPT:alert(1)"));
        assert!(!is_safe_link("data:text/html,<script>"));
        assert!(!is_safe_link("https://exa mple.org"));
        assert!(!is_safe_link("/relative"));
    }
}
