//! Embedding the viewer in other pages: the `<iframe>` snippet (with every attribute value
//! escaped), the URL of the optional host-page resize script, and the frame id used in the
//! height messages the viewer posts to its parent (see `docs/embedding.md`).

use crate::html::escape_into;

/// The iframe height the snippet starts with, in CSS pixels, before any resize message arrives.
pub const DEFAULT_HEIGHT: u32 = 800;

/// The smallest and largest initial height the snippet accepts; others are clamped.
pub const HEIGHT_RANGE: (u32, u32) = (200, 20_000);

/// The frame id used in `{"datawrapper-height": {"<id>": N}}` when the page has no valid `id`
/// parameter.
pub const DEFAULT_FRAME_ID: &str = "crt-viewer";

/// The file name of the optional host-page script (shipped next to `index.html`).
pub const RESIZE_SCRIPT: &str = "embed-resize.js";

/// The HTML a host page pastes to embed the view at `src` (a full URL, normally with
/// `embed=1`): an `<iframe>` and, when `script` is given, the `<script>` tag of the resize
/// helper. Every attribute value is HTML-escaped, so quotes, `&` and `<` in the URL or title
/// cannot end the attribute or open a tag. No inline `style` is used.
pub fn snippet(src: &str, title: &str, height: u32, script: Option<&str>) -> String {
    let height = height.clamp(HEIGHT_RANGE.0, HEIGHT_RANGE.1);
    let mut out = String::with_capacity(src.len() + title.len() + 256);
    out.push_str("<iframe src=\"");
    escape_into(&mut out, src);
    out.push_str("\" title=\"");
    escape_into(&mut out, title);
    out.push_str("\" width=\"100%\" height=\"");
    out.push_str(&height.to_string());
    out.push_str(
        "\" loading=\"lazy\" allow=\"clipboard-write\" referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>",
    );
    if let Some(script) = script {
        out.push_str("\n<script src=\"");
        escape_into(&mut out, script);
        out.push_str("\" async></script>");
    }
    out
}

/// The URL of the resize helper for a viewer page at `page` (query and fragment ignored): the
/// page's directory followed by [`RESIZE_SCRIPT`]. `https://h/tools/v/` and
/// `https://h/tools/v/index.html` both give `https://h/tools/v/embed-resize.js`.
pub fn script_url(page: &str) -> String {
    let end = page.find(['?', '#']).unwrap_or(page.len());
    let path = &page[..end];
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "",
    };
    format!("{dir}{RESIZE_SCRIPT}")
}

/// The frame id for height messages: the page's `id` parameter when it is 1–64 characters of
/// `A–Z a–z 0–9 - _ . :`, otherwise [`DEFAULT_FRAME_ID`]. Anything else is ignored rather than
/// echoed, so a crafted `id` cannot smuggle markup or odd keys into the host page's handler.
pub fn frame_id(param: Option<&str>) -> String {
    match param {
        Some(id)
            if !id.is_empty()
                && id.len() <= 64
                && id.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
                }) =>
        {
            id.to_owned()
        }
        _ => DEFAULT_FRAME_ID.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_has_every_attribute_the_embed_needs() {
        let s = snippet(
            "https://example.org/v/?cat=prosecution&embed=1",
            "Court sentences",
            640,
            Some("https://example.org/v/embed-resize.js"),
        );
        assert_eq!(
            s,
            "<iframe src=\"https://example.org/v/?cat=prosecution&amp;embed=1\" title=\"Court sentences\" \
             width=\"100%\" height=\"640\" loading=\"lazy\" allow=\"clipboard-write\" \
             referrerpolicy=\"strict-origin-when-cross-origin\"></iframe>\n\
             <script src=\"https://example.org/v/embed-resize.js\" async></script>"
        );
        assert!(!s.contains("style="));
    }

    #[test]
    fn quotes_ampersands_and_angle_brackets_cannot_escape_the_attributes() {
        let s = snippet(
            "https://e.org/?q=\"><script>alert(1)</script>&x='",
            "A \"title\" <b>& more</b>",
            800,
            None,
        );
        assert!(
            s.starts_with("<iframe src=\"https://e.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=&#39;\"")
        );
        assert!(s.contains("title=\"A &quot;title&quot; &lt;b&gt;&amp; more&lt;/b&gt;\""));
        // The only tags are the ones the snippet writes itself.
        assert_eq!(s.matches('<').count(), 2);
        assert_eq!(s.matches('"').count(), 2 * 7);
        assert!(!s.contains("<script"));
    }

    #[test]
    fn the_initial_height_is_clamped_to_a_sensible_range() {
        assert!(snippet("https://e.org/", "t", 0, None).contains("height=\"200\""));
        assert!(snippet("https://e.org/", "t", u32::MAX, None).contains("height=\"20000\""));
        assert!(snippet("https://e.org/", "t", 1234, None).contains("height=\"1234\""));
    }

    #[test]
    fn the_resize_script_sits_next_to_the_page() {
        assert_eq!(
            script_url("https://h.example/tools/crt-viewer/"),
            "https://h.example/tools/crt-viewer/embed-resize.js"
        );
        assert_eq!(
            script_url("https://h.example/tools/crt-viewer/index.html?embed=1#x/y"),
            "https://h.example/tools/crt-viewer/embed-resize.js"
        );
        assert_eq!(
            script_url("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080/embed-resize.js"
        );
        assert_eq!(script_url(""), "embed-resize.js");
    }

    #[test]
    fn only_plain_frame_ids_are_echoed_to_the_host() {
        assert_eq!(frame_id(Some("kz-2008.sentences:1")), "kz-2008.sentences:1");
        assert_eq!(frame_id(None), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some("")), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some("<img src=x>")), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some("__proto__ x")), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some("é")), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some(&"a".repeat(65))), DEFAULT_FRAME_ID);
        assert_eq!(frame_id(Some(&"a".repeat(64))), "a".repeat(64));
    }
}
