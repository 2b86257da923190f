//! The load report: what a load found and everything it could not use, so nothing is dropped
//! silently. Shown in the window and printed by `chainsight check`.

use crate::model::Dataset;

/// A problem that did not stop the load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Warning {
    /// Where in the file, as a JSON path (`relations[12].evidence[0].source`).
    pub json_path: String,
    /// What was wrong and what the loader did about it.
    pub message: String,
    /// Which warning this is, for those that the app treats apart; not shown or written.
    pub kind: WarningKind,
}

impl Warning {
    /// A warning at `json_path` of no particular kind ([`WarningKind::Other`]).
    pub fn new(json_path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            json_path: json_path.into(),
            message: message.into(),
            kind: WarningKind::Other,
        }
    }

    /// This warning, of `kind`.
    #[must_use]
    pub fn of_kind(self, kind: WarningKind) -> Self {
        Self { kind, ..self }
    }
}

/// Which warning a [`Warning`] is, where something reads it rather than only shows it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WarningKind {
    /// The one warning listing the relations of a Chainsight file that have no evidence
    /// (`native::no_evidence_message`): a file with no evidence at all (a generated network)
    /// gives it and nothing is wrong, so the window does not open its report for it.
    NoEvidence,
    /// Any other.
    #[default]
    Other,
}

/// What one load of one file found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// The file's name as shown to the user (or `built-in` for the embedded dataset).
    pub file: String,
    /// The format the file was read as, e.g. `Chainsight v1`.
    pub format: String,
    pub entity_count: usize,
    pub relation_count: usize,
    /// Evidence items, and those of them with words quoted.
    pub evidence_count: usize,
    pub quote_count: usize,
    pub source_count: usize,
    /// Problems that did not stop the load, in file order.
    pub warnings: Vec<Warning>,
    /// Warnings beyond those listed, counted only (a huge file can have millions).
    pub unlisted_warnings: usize,
    /// How the file was read: what was mapped to what. Information, not problems.
    pub notes: Vec<String>,
    /// The other graphs of a multi-graph file (JGF `graphs`), in file order, by name.
    pub other_graphs: Vec<(usize, String)>,
}

impl LoadReport {
    /// A report for `dataset`, read from `file` as `format`, with the given warnings.
    pub fn new(file: &str, format: &str, dataset: &Dataset, warnings: Vec<Warning>) -> Self {
        Self {
            file: file.to_owned(),
            format: format.to_owned(),
            entity_count: dataset.entities.len(),
            relation_count: dataset.relations.len(),
            evidence_count: dataset.evidence_count(),
            quote_count: dataset.quote_count(),
            source_count: dataset.sources.len(),
            warnings,
            unlisted_warnings: 0,
            notes: placed_note(dataset).into_iter().collect(),
            other_graphs: Vec::new(),
        }
    }

    /// One line: `safe-city.json: Chainsight v1, 52 entities, 71 relations, 90 quotes, 2 warnings`.
    pub fn summary(&self) -> String {
        use crate::words::counted;
        format!(
            "{}: {}, {}, {}, {} from {}, {}",
            self.file,
            self.format,
            counted(self.entity_count, "entity", "entities"),
            counted(self.relation_count, "relation", "relations"),
            crate::words::quotes_counted(self.quote_count, self.evidence_count),
            counted(self.source_count, "source", "sources"),
            counted(self.warning_count(), "warning", "warnings"),
        )
    }

    /// All warnings, listed or not.
    pub fn warning_count(&self) -> usize {
        self.warnings.len() + self.unlisted_warnings
    }

    /// The notes that say something in the file was not read, kept or drawn: what a user who
    /// opened their own file looks for first.
    pub fn set_aside(&self) -> impl Iterator<Item = &str> {
        self.notes
            .iter()
            .map(String::as_str)
            .filter(|note| sets_aside(note))
    }

    /// The other notes: how the file was read, what was mapped to what.
    pub fn how_read(&self) -> impl Iterator<Item = &str> {
        self.notes
            .iter()
            .map(String::as_str)
            .filter(|note| !sets_aside(note))
    }
}

/// Where the file placed entities, they stand and stay: said, so that nodes that do not move
/// with the rest (and a panel's "Placed by the file") are explained.
fn placed_note(dataset: &Dataset) -> Option<String> {
    use crate::words::counted;
    let placed = dataset.positions.len();
    (placed > 0).then(|| {
        let what = if placed < dataset.entities.len() {
            format!(
                "{placed} of {}",
                counted(dataset.entities.len(), "entity", "entities")
            )
        } else {
            counted(placed, "entity", "entities")
        };
        let stay = if placed == 1 { "it stays" } else { "they stay" };
        format!(
            "positions: the file places {what}; {stay} there until let move (the entity's \
             panel says so)"
        )
    })
}

/// Whether a note says something was left behind. The readers word such notes alike ("…
/// not read: …", "not kept", "is not drawn", "skipped"), so the words tell them apart.
fn sets_aside(note: &str) -> bool {
    const WORDS: [&str; 7] = [
        "not read",
        "not kept",
        "not drawn",
        "not used",
        "skipped",
        "dropped",
        "are not:",
    ];
    WORDS.iter().any(|words| note.contains(words))
}
