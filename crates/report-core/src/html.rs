//! The HTML escaper every builder of markup uses: the bottom layer of the core, so that any
//! module may build markup without depending on another that builds markup too.

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::escape_into;

    #[test]
    fn the_five_characters_of_markup_are_escaped_and_nothing_else() {
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\" title='y'>&amp; é ¶</a>");
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp; é ¶&lt;/a&gt;"
        );
    }
}
