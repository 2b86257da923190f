//! The closed vocabularies of the format: kinds of entity, relation and source, and how firmly
//! a relation is established. Each is written in files as a `snake_case` string.

/// Declares a vocabulary enum with its file spelling and its display label, so the three can
/// never drift apart. The first variant listed is the fallback for unknown spellings.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $spelling:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = $label] $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// Parses the file spelling; `None` for anything else.
            pub fn parse(spelling: &str) -> Option<Self> {
                match spelling {
                    $($spelling => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The spelling used in files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $spelling,)+
                }
            }

            /// The label shown to people.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            /// Every accepted spelling, for error messages.
            pub fn spellings() -> String {
                [$($spelling,)+].join(", ")
            }
        }
    };
}

vocabulary! {
    /// What an entity is. Drives its colour on the graph and its legend entry.
    EntityKind {
        Other => "other", "Other";
        Company => "company", "Company";
        GovernmentBody => "government_body", "Government body";
        City => "city", "City";
        Region => "region", "Region";
        Country => "country", "Country";
        Program => "program", "Programme";
        Project => "project", "Project";
        Facility => "facility", "Facility";
        Organization => "organization", "Organisation";
        Person => "person", "Person";
        Event => "event", "Event";
        Product => "product", "Product";
    }
}

vocabulary! {
    /// What a relation asserts, read `source → target`.
    RelationKind {
        Other => "other", "related to";
        Supplied => "supplied", "supplied";
        ConsultedFor => "consulted_for", "consulted for";
        PartneredWith => "partnered_with", "partnered with";
        Designed => "designed", "designed";
        Built => "built", "built";
        Funded => "funded", "funded";
        DeployedIn => "deployed_in", "deployed in";
        CustomerOf => "customer_of", "customer of";
        InvestedIn => "invested_in", "invested in";
        Operates => "operates", "operates";
        Promoted => "promoted", "promoted";
        Hosted => "hosted", "hosted";
        Employed => "employed", "employed";
        Criticized => "criticized", "criticised";
        LocatedIn => "located_in", "located in";
        EvolvedInto => "evolved_into", "evolved into";
    }
}

vocabulary! {
    /// How firmly the evidence establishes a relation.
    RelationStatus {
        Reported => "reported", "Reported";
        Claimed => "claimed", "Claimed by a party to it";
        Alleged => "alleged", "Alleged";
        Denied => "denied", "Denied";
        Unclear => "unclear", "Unclear";
    }
}

vocabulary! {
    /// What kind of document a source is.
    SourceKind {
        Other => "other", "Other";
        Article => "article", "Article";
        Report => "report", "Report";
        Brochure => "brochure", "Brochure";
        Website => "website", "Website";
        Interview => "interview", "Interview";
        Presentation => "presentation", "Presentation";
        Document => "document", "Document";
        PressRelease => "press_release", "Press release";
        Magazine => "magazine", "Magazine";
        Book => "book", "Book";
    }
}

impl RelationKind {
    /// The kind another tool's word names, where it clearly names one: its spelling or label
    /// in any case, with spaces or hyphens for underscores (`Customer of`), or a common other
    /// form of it (`supplies`, `partner`, `funds`...). Importers classify edge types and
    /// labels with it; [`super::Relation::phrase`] uses it to keep such a word as the file
    /// wrote it. Allocates nothing: it runs for every labelled edge drawn.
    pub fn named_by(word: &str) -> Option<Self> {
        // Longer than any spelling below: nothing to compare.
        const LONGEST: usize = 16;
        let word = word.trim();
        if word.len() > LONGEST || !word.is_ascii() {
            return None;
        }
        let mut buffer = [0u8; LONGEST];
        for (slot, byte) in buffer.iter_mut().zip(word.bytes()) {
            *slot = match byte {
                b' ' | b'-' => b'_',
                other => other.to_ascii_lowercase(),
            };
        }
        let word = std::str::from_utf8(buffer.get(..word.len())?).ok()?;
        Self::parse(word).or(match word {
            "supplies" | "supplier" | "supplier_of" => Some(Self::Supplied),
            "partner" | "partners" | "partnered" | "partnership" => Some(Self::PartneredWith),
            "funds" | "funding" | "funder" => Some(Self::Funded),
            "customer" | "client" | "client_of" => Some(Self::CustomerOf),
            "investor" | "invests_in" | "investment" => Some(Self::InvestedIn),
            _ => None,
        })
    }

    /// Whether `word` is this kind as Chainsight writes or shows it (`supplied`,
    /// `customer_of`, `customer of`), so keeping it beside the kind would say nothing more.
    pub fn is_own_word(self, word: &str) -> bool {
        let word = word.trim();
        word == self.as_str() || word == self.label()
    }
}

/// `counts` in display order with `catch_all` (an entity or relation kind's Other) last,
/// where lists of kinds are shown: "Other (3)" and "other kinds (22)" listed first had read
/// as the main kinds, ahead of those the file names.
pub fn catch_all_last<T: Copy + Ord>(
    counts: &std::collections::BTreeMap<T, usize>,
    catch_all: T,
) -> Vec<(T, usize)> {
    let named = counts.iter().filter(|&(&value, _)| value != catch_all);
    let other = counts.get_key_value(&catch_all);
    named
        .chain(other)
        .map(|(&value, &count)| (value, count))
        .collect()
}

impl RelationStatus {
    /// Whether the relation rests on more than a plain report: shown dashed on the graph.
    pub fn is_hedged(self) -> bool {
        !matches!(self, Self::Reported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_is_listed_after_the_kinds_a_file_names() {
        let counts = std::collections::BTreeMap::from([
            (EntityKind::Other, 3),
            (EntityKind::Company, 17),
            (EntityKind::City, 13),
        ]);
        assert_eq!(
            catch_all_last(&counts, EntityKind::Other),
            [
                (EntityKind::Company, 17),
                (EntityKind::City, 13),
                (EntityKind::Other, 3)
            ]
        );
        // No Other at all: nothing added.
        let named = std::collections::BTreeMap::from([(RelationKind::Built, 2)]);
        assert_eq!(
            catch_all_last(&named, RelationKind::Other),
            [(RelationKind::Built, 2)]
        );
    }

    #[test]
    fn every_spelling_round_trips() {
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::parse(kind.as_str()), Some(*kind));
        }
        for kind in RelationKind::ALL {
            assert_eq!(RelationKind::parse(kind.as_str()), Some(*kind));
        }
        for status in RelationStatus::ALL {
            assert_eq!(RelationStatus::parse(status.as_str()), Some(*status));
        }
        for kind in SourceKind::ALL {
            assert_eq!(SourceKind::parse(kind.as_str()), Some(*kind));
        }
    }

    #[test]
    fn a_relation_kind_is_named_by_its_spelling_label_or_another_form() {
        assert_eq!(
            RelationKind::named_by(" Customer of "),
            Some(RelationKind::CustomerOf)
        );
        assert_eq!(
            RelationKind::named_by("customer-of"),
            Some(RelationKind::CustomerOf)
        );
        assert_eq!(
            RelationKind::named_by("SUPPLIES"),
            Some(RelationKind::Supplied)
        );
        assert_eq!(RelationKind::named_by("supplies batteries"), None);
        assert_eq!(RelationKind::named_by("fournit"), None);
        assert_eq!(RelationKind::named_by("supplíes"), None);
        assert!(RelationKind::Supplied.is_own_word("supplied"));
        assert!(RelationKind::CustomerOf.is_own_word("customer of"));
        assert!(!RelationKind::Supplied.is_own_word("supplies"));
    }

    #[test]
    fn unknown_spelling_is_rejected() {
        assert_eq!(EntityKind::parse("Company"), None);
        assert_eq!(RelationKind::parse("sold"), None);
    }
}
