//! The view a dataset was saved in, kept in the file so that it opens the same way: what the
//! analyst had hidden, the years, the focus, where the camera was, the selection, the search,
//! and what node size and colour showed. The view turns it back into a `View`
//! (see `view::saved`).

use super::measures::Measure;
use super::{EntityIdx, RelationIdx, StoryStep};

/// A saved view. `step` holds what a story step holds of a view (filters, dates, focus,
/// camera); its title, caption, highlights and reveal are unused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedView {
    pub step: StoryStep,
    /// Relations backed by fewer documents are hidden (0 or 1: none).
    pub min_documents: usize,
    /// Whether the time window hides undated relations too.
    pub hide_undated: bool,
    /// Whether the time window keeps showing entities none of whose relations it shows.
    pub keep_idle_entities: bool,
    pub selected: SavedSelection,
    /// The search typed, its matches lit.
    pub search: String,
    /// What node size shows, if not the default.
    pub size_by: Option<SizeBy>,
    /// What node colour shows, if not what the file opens with.
    pub colour_by: Option<ColourBy>,
}

/// What was selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SavedSelection {
    #[default]
    Nothing,
    Entity(EntityIdx),
    Relation(RelationIdx),
}

/// What node size shows: a measure, or a numeric attribute by its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SizeBy {
    Measure(Measure),
    Attribute(String),
}

/// What node colour shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColourBy {
    Kind,
    Cluster,
    /// The colours the file gives its nodes.
    File,
    Measure(Measure),
    Attribute(String),
}

/// How an attribute is spelled among the other choices in files: `attribute:KEY`.
const ATTRIBUTE_PREFIX: &str = "attribute:";

impl SizeBy {
    /// Its spelling in files: a measure's (`pagerank`) or `attribute:KEY`.
    pub fn spelling(&self) -> String {
        match self {
            Self::Measure(measure) => measure.spelling().to_owned(),
            Self::Attribute(key) => format!("{ATTRIBUTE_PREFIX}{key}"),
        }
    }

    pub fn parse(spelling: &str) -> Option<Self> {
        if let Some(key) = spelling.strip_prefix(ATTRIBUTE_PREFIX) {
            return (!key.is_empty()).then(|| Self::Attribute(key.to_owned()));
        }
        Measure::parse(spelling).map(Self::Measure)
    }

    /// Every spelling, for a message about one that is not.
    pub fn spellings() -> String {
        let mut all: Vec<&str> = Measure::ALL.iter().map(|m| m.spelling()).collect();
        all.push("attribute:KEY");
        all.join(", ")
    }
}

impl ColourBy {
    /// Its spelling in files: `kind`, `cluster`, `file`, a measure's, or `attribute:KEY`.
    pub fn spelling(&self) -> String {
        match self {
            Self::Kind => "kind".to_owned(),
            Self::Cluster => "cluster".to_owned(),
            Self::File => "file".to_owned(),
            Self::Measure(measure) => measure.spelling().to_owned(),
            Self::Attribute(key) => format!("{ATTRIBUTE_PREFIX}{key}"),
        }
    }

    pub fn parse(spelling: &str) -> Option<Self> {
        match spelling {
            "kind" => Some(Self::Kind),
            "cluster" => Some(Self::Cluster),
            "file" => Some(Self::File),
            _ => match SizeBy::parse(spelling)? {
                SizeBy::Measure(measure) => Some(Self::Measure(measure)),
                SizeBy::Attribute(key) => Some(Self::Attribute(key)),
            },
        }
    }

    /// Every spelling, for a message about one that is not.
    pub fn spellings() -> String {
        format!("kind, cluster, file, {}", SizeBy::spellings())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_as_it_is_spelled() {
        let mut sizes: Vec<SizeBy> = Measure::ALL.into_iter().map(SizeBy::Measure).collect();
        sizes.push(SizeBy::Attribute("revenue: USD".into()));
        for size in sizes {
            assert_eq!(SizeBy::parse(&size.spelling()), Some(size));
        }
        let mut colours = vec![ColourBy::Kind, ColourBy::Cluster, ColourBy::File];
        colours.extend(Measure::ALL.into_iter().map(ColourBy::Measure));
        colours.push(ColourBy::Attribute("sector".into()));
        for colour in colours {
            assert_eq!(ColourBy::parse(&colour.spelling()), Some(colour));
        }
        assert_eq!(SizeBy::parse("attribute:"), None);
        assert_eq!(ColourBy::parse("rainbow"), None);
        assert!(ColourBy::spellings().contains("pagerank"));
    }
}
