//! Colours as XML graph formats write them in hex (yEd's and Cytoscape's `#RRGGBB[AA]`,
//! yFiles for HTML's `#AARRGGBB`), read into the `#rrggbb` the window reads.

/// The attribute a node's drawn fill is kept as: the colour the window opens with when most
/// nodes have one (`view::FILE_COLOUR`), as GEXF's `viz:color` is.
pub(crate) const FILL_ATTRIBUTE: &str = "color";

/// What a node's drawn fill comes to beside the `color` the file gives the node, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fill {
    /// No `color` given: the fill is the node's colour.
    Kept,
    /// The `color` given is the fill itself.
    Given,
    /// The `color` given is another: it is what the file means, and the fill gives way.
    GivesWay,
}

impl Fill {
    /// What `fill` (as [`hex_colour`] writes it) comes to beside `given`.
    pub(crate) fn beside(given: Option<&str>, fill: &str) -> Self {
        match given {
            None => Self::Kept,
            Some(given) if given.trim().eq_ignore_ascii_case(fill) => Self::Given,
            Some(_) => Self::GivesWay,
        }
    }
}

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

    #[test]
    fn a_fill_gives_way_to_another_colour_the_file_gives() {
        assert_eq!(Fill::beside(None, "#ffcc00"), Fill::Kept);
        assert_eq!(Fill::beside(Some(" #FFCC00 "), "#ffcc00"), Fill::Given);
        assert_eq!(Fill::beside(Some("teal"), "#ffcc00"), Fill::GivesWay);
    }
}
