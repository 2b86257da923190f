//! Labels written as HTML-like markup, as yEd Live's and yFiles' markup labels and Graphviz's
//! HTML strings are: the text they show.

/// The text `markup` shows: tags dropped (paragraphs, breaks, divisions, list items, headings,
/// table rows and cells, rules as spaces), `&nbsp;` and XML's entities decoded, white space
/// collapsed. `None` where a tag is not closed.
pub(crate) fn shown_text(markup: &str) -> Option<String> {
    let mut text = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>')?;
        let tag = rest[open + 1..open + close].trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "table" | "tr" | "td" | "hr" | "vr"
        ) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = text.replace("&nbsp;", " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(quick_xml::escape::unescape(&text).map_or(text.clone(), std::borrow::Cow::into_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_shows_its_text() {
        assert_eq!(
            shown_text("<p>regular <strong>bold</strong></p><p>newline</p>").as_deref(),
            Some("regular bold newline")
        );
        assert_eq!(
            shown_text("<table><tr><td>IBM</td><td>&amp; Co&nbsp;Ltd</td></tr></table>").as_deref(),
            Some("IBM & Co Ltd")
        );
        assert_eq!(shown_text("A<br/>B").as_deref(), Some("A B"));
        assert_eq!(shown_text("<p>cut <b"), None);
    }
}
