//! Which web links Chainsight will hand to the browser. A link comes from a file someone else
//! wrote, so it is opened only when it is plainly an http(s) address: nothing that could run
//! code (`javascript:`), read local files (`file:`), or look like one address while being
//! another (bidirectional-text overrides, hidden control characters, embedded spaces).

use std::fmt;

/// Why a link is not opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlRefusal {
    /// Not an `http://` or `https://` address.
    NotHttp,
    /// No host after the scheme.
    NoHost,
    /// A space or other whitespace inside the address.
    Whitespace,
    /// A control character (newline, escape, NUL…) inside the address.
    ControlCharacter,
    /// A bidirectional-text control, which can make an address read as another one.
    BidiControl,
}

impl fmt::Display for UrlRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotHttp => "only http and https links are opened",
            Self::NoHost => "the link names no host",
            Self::Whitespace => "the link contains a space",
            Self::ControlCharacter => "the link contains a control character",
            Self::BidiControl => {
                "the link contains a bidirectional-text control, which can disguise where it leads"
            }
        })
    }
}

/// Unicode's explicit directional formatting characters and marks (UAX #9).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The link to open — `url` without surrounding whitespace, otherwise exactly as written —
/// or why it is refused.
pub fn openable_url(url: &str) -> Result<&str, UrlRefusal> {
    let url = url.trim();
    let rest = strip_prefix_ignore_case(url, "https://")
        .or_else(|| strip_prefix_ignore_case(url, "http://"))
        .ok_or(UrlRefusal::NotHttp)?;
    if let Some(c) = url
        .chars()
        .find(|&c| c.is_control() || c.is_whitespace() || is_bidi_control(c))
    {
        return Err(if is_bidi_control(c) {
            UrlRefusal::BidiControl
        } else if c.is_control() {
            UrlRefusal::ControlCharacter
        } else {
            UrlRefusal::Whitespace
        });
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(UrlRefusal::NoHost);
    }
    Ok(url)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_links_open_trimmed_and_otherwise_unchanged() {
        assert_eq!(
            openable_url("  https://example.org/a?b=c#d \n"),
            Ok("https://example.org/a?b=c#d")
        );
        assert_eq!(openable_url("HTTP://Example.org"), Ok("HTTP://Example.org"));
    }

    #[test]
    fn other_schemes_are_refused() {
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.org",
            "example.org",
            "",
            "https:/x",
        ] {
            assert_eq!(openable_url(url), Err(UrlRefusal::NotHttp), "{url}");
        }
    }

    #[test]
    fn hidden_characters_are_refused() {
        assert_eq!(
            openable_url("https://example.org/a b"),
            Err(UrlRefusal::Whitespace)
        );
        assert_eq!(
            openable_url("https://exa\u{a0}mple.org"),
            Err(UrlRefusal::Whitespace)
        );
        assert_eq!(
            openable_url("https://example.org/\n/x"),
            Err(UrlRefusal::ControlCharacter)
        );
        assert_eq!(
            openable_url("https://example.org/\u{1b}[31m"),
            Err(UrlRefusal::ControlCharacter)
        );
        assert_eq!(
            openable_url("https://example.org/\u{202e}fdp.exe"),
            Err(UrlRefusal::BidiControl)
        );
        assert_eq!(
            openable_url("https://\u{2066}example.org"),
            Err(UrlRefusal::BidiControl)
        );
    }

    #[test]
    fn a_link_needs_a_host() {
        assert_eq!(openable_url("https://"), Err(UrlRefusal::NoHost));
        assert_eq!(openable_url("https:///path"), Err(UrlRefusal::NoHost));
        assert_eq!(openable_url("https://user@/x"), Err(UrlRefusal::NoHost));
        assert_eq!(
            openable_url("https://example.org:8080/x"),
            Ok("https://example.org:8080/x")
        );
    }
}
