//! Colours as XML graph formats write them in hex (yEd's and Cytoscape's `#RRGGBB[AA]`,
//! yFiles for HTML's `#AARRGGBB`), read into the `#rrggbb` the window reads.

/// Where eight hex digits put a colour's alpha.
#[derive(Clone, Copy)]
pub(crate) enum AlphaAt {
    /// `#RRGGBBAA`, as CSS, yEd and Cytoscape write it.
    End,
    /// `#AARRGGBB`, as yFiles for HTML and yEd Live write it.
    Start,
}

/// A colour written in hex (`#rgb`, `#rrggbb`, or eight digits with the alpha where `alpha`
/// says) as `#rrggbb`, the form the window reads. `None` for anything else, and for a fully
/// transparent colour, which draws nothing.
pub(crate) fn hex_colour(text: &str, alpha: AlphaAt) -> Option<String> {
    let digits = text.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let rgb: String = match (digits.len(), alpha) {
        (3, _) => digits.chars().flat_map(|c| [c, c]).collect(),
        (6, _) => digits.to_owned(),
        (8, AlphaAt::End) if !digits.ends_with("00") => digits.get(..6)?.to_owned(),
        (8, AlphaAt::Start) if !digits.starts_with("00") => digits.get(2..)?.to_owned(),
        _ => return None,
    };
    Some(format!("#{}", rgb.to_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours_are_read_with_their_alpha_where_the_writer_puts_it() {
        assert_eq!(
            hex_colour("#FFCC00", AlphaAt::End).as_deref(),
            Some("#ffcc00")
        );
        assert_eq!(
            hex_colour(" #fc0 ", AlphaAt::End).as_deref(),
            Some("#ffcc00")
        );
        assert_eq!(
            hex_colour("#CAECFF80", AlphaAt::End).as_deref(),
            Some("#caecff")
        );
        assert_eq!(
            hex_colour("#FFFF8C00", AlphaAt::Start).as_deref(),
            Some("#ff8c00")
        );
        assert_eq!(
            hex_colour("#FFCC0000", AlphaAt::End),
            None,
            "fully transparent"
        );
        assert_eq!(
            hex_colour("#00FF8C00", AlphaAt::Start),
            None,
            "fully transparent"
        );
        assert_eq!(hex_colour("FFCC00", AlphaAt::End), None);
        assert_eq!(hex_colour("#FFCC0G", AlphaAt::End), None);
        assert_eq!(hex_colour("{y:GraphMLReference 3}", AlphaAt::Start), None);
        assert_eq!(hex_colour("#ÿÿÿ", AlphaAt::End), None);
    }
}
