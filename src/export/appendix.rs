//! The evidence appendix of a picture: every relation the lens shows (what the filters, the
//! time window, the focus or a story step leave visible), in the dataset's order, each with
//! its quotes, who spoke them, and the sources they come from, for publishing beside an
//! exported SVG or PNG. As Markdown (one section per relation) or CSV (one row per quote).
//!
//! Both are written for hostile text: in CSV (RFC 4180 quoting, CRLF line ends) a cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
//! spreadsheet shows it rather than running it as a formula; in Markdown, characters that
//! would start markup (emphasis, links, HTML, table cells, headings, lists) are escaped.

use std::fmt::Write as _;

use crate::model::{Dataset, Evidence, Relation, RelationIdx};
use crate::view::{Emphasis, Lens};

/// The CSV appendix's columns, in order.
pub const CSV_COLUMNS: [&str; 17] = [
    "relation_id",
    "source_entity",
    "relation_kind",
    "relation_label",
    "target_entity",
    "dates",
    "status",
    "evidence_number",
    "quote",
    "speaker",
    "speaker_role",
    "source_title",
    "source_author",
    "source_publisher",
    "source_date",
    "source_url",
    "locator",
];

/// The relations the appendix documents, in the dataset's order: those `lens` draws in full.
/// When the view emphasises some (a story step's highlight, a selection and its neighbours,
/// search hits) and fades the rest, the picture is about those, and so is its appendix; when
/// it fades nothing, every relation drawn.
pub fn relations_in_view(dataset: &Dataset, lens: &Lens) -> Vec<RelationIdx> {
    (0..dataset.relations.len())
        .map(RelationIdx)
        .filter(|&r| lens.relation(r) > Emphasis::Faded)
        .collect()
}

/// The appendix as CSV: a header, then one row per quote of each relation in view (the
/// relation's columns repeated), or one row with empty quote columns for a relation without
/// evidence. It starts with a byte-order mark: without one, Excel reads a CSV file in the
/// system's legacy code page, and every quote or name outside ASCII (a curly quote, an
/// accent, a Chinese name) comes out garbled.
pub fn appendix_csv(dataset: &Dataset, lens: &Lens) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let mut write = |cells: &[String]| {
        // Writing to memory cannot fail; a row that somehow could not be written is left out
        // rather than stopping the rest.
        let _ = writer.write_record(cells.iter().map(|cell| defuse(cell).into_owned()));
    };
    write(&CSV_COLUMNS.map(str::to_owned));
    for relation_idx in relations_in_view(dataset, lens) {
        let Some(relation) = dataset.relation(relation_idx) else {
            continue;
        };
        let columns = relation_columns(dataset, relation);
        if relation.evidence.is_empty() {
            let mut row = columns.clone();
            row.extend(std::iter::repeat_n(
                String::new(),
                CSV_COLUMNS.len() - row.len(),
            ));
            write(&row);
        }
        for (number, evidence) in relation.evidence.iter().enumerate() {
            let mut row = columns.clone();
            row.push((number + 1).to_string());
            row.extend(evidence_columns(dataset, evidence));
            write(&row);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// `relation_id` to `status`.
fn relation_columns(dataset: &Dataset, relation: &Relation) -> Vec<String> {
    let name = |e| {
        dataset
            .entity(e)
            .map(|e| e.name.clone())
            .unwrap_or_default()
    };
    vec![
        relation.relation_id.clone(),
        name(relation.source),
        relation.kind.label().to_owned(),
        relation.label.clone().unwrap_or_default(),
        name(relation.target),
        relation.when.display().unwrap_or_default(),
        relation.status.as_str().to_owned(),
    ]
}

/// `quote` to `locator`.
fn evidence_columns(dataset: &Dataset, evidence: &Evidence) -> Vec<String> {
    let source = evidence.source.and_then(|s| dataset.source(s));
    let of_source = |field: fn(&crate::model::Source) -> Option<&String>| {
        source.and_then(field).cloned().unwrap_or_default()
    };
    vec![
        evidence.quote.clone(),
        evidence
            .speaker
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        evidence
            .speaker
            .as_ref()
            .and_then(|s| s.role.clone())
            .unwrap_or_default(),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        of_source(|s| s.author.as_ref()),
        of_source(|s| s.publisher.as_ref()),
        of_source(|s| s.date.as_ref()),
        of_source(|s| s.url.as_ref()),
        evidence.locator.clone().unwrap_or_default(),
    ]
}

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or carriage return
/// first) with a `'` in front, which spreadsheets read as "text follows"; any other cell as
/// it is.
pub fn defuse(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The appendix as Markdown: a title, then for each relation in view a section with its
/// ends, kind, dates and status, and each quote as a block quote followed by its speaker and
/// source.
pub fn appendix_markdown(dataset: &Dataset, lens: &Lens) -> String {
    let mut out = String::new();
    let title = if dataset.metadata.title.trim().is_empty() {
        "Evidence".to_owned()
    } else {
        format!("Evidence: {}", inline(&dataset.metadata.title))
    };
    let shown = relations_in_view(dataset, lens);
    let _ = writeln!(out, "# {title}\n");
    let _ = writeln!(
        out,
        "{} {}, with the quoted evidence for each.\n",
        crate::words::counted(shown.len(), "relation", "relations"),
        if lens.fades_anything() {
            "emphasised in the view (those it shows faded are left out)"
        } else {
            "in view"
        }
    );
    for (number, relation_idx) in shown.into_iter().enumerate() {
        let Some(relation) = dataset.relation(relation_idx) else {
            continue;
        };
        let [id, from, kind, label, to, dates, status] =
            <[String; 7]>::try_from(relation_columns(dataset, relation)).unwrap_or_default();
        let _ = writeln!(
            out,
            "## {}. {} → {}: {}\n",
            number + 1,
            inline(&from),
            inline(&to),
            // The words the graph draws on the link ("holder" for a file's own relation
            // of no particular kind, not "related to").
            inline(relation.phrase())
        );
        let mut facts = vec![
            ("From", from),
            ("To", to),
            ("Relation", kind),
            ("Label", label),
            ("Dates", dates),
            ("Status", status),
            ("Relation id", id),
        ];
        facts.retain(|(_, value)| !value.trim().is_empty());
        for (name, value) in facts {
            let _ = writeln!(out, "- **{name}:** {}", inline(&value));
        }
        out.push('\n');
        if relation.evidence.is_empty() {
            out.push_str("No quoted evidence.\n\n");
        }
        for evidence in &relation.evidence {
            quote(&mut out, dataset, evidence);
        }
    }
    out
}

/// The speaker as a citation names them: alone after their own words, "according to" them
/// after the source's words (see [`Dataset::speaker_verb`]).
fn attributed(dataset: &Dataset, evidence: &Evidence, speaker: &str) -> String {
    if dataset.speaker_verb(evidence) == "said" {
        speaker.to_owned()
    } else {
        format!("according to {speaker}")
    }
}

/// One part of what a quote is attributed to, in the order a citation gives them.
pub enum Cited {
    /// Who spoke, as a citation names them: "David Bicknell", "according to IBM".
    Speaker(String),
    /// The source's title.
    Title(String),
    /// The source's author, publisher or date, as written.
    Detail(String),
    /// The source's web address, as written.
    Address(String),
    /// Where in the source the quote is.
    Locator(String),
}

/// What `evidence` is attributed to: speaker, source title, author, publisher, date, web
/// address, where in it; each writer (plain text, Markdown, a web page) says them its way.
pub fn attribution(dataset: &Dataset, evidence: &Evidence) -> Vec<Cited> {
    let mut parts = Vec::new();
    if let Some(speaker) = &evidence.speaker {
        parts.push(Cited::Speaker(attributed(
            dataset,
            evidence,
            &speaker.display(),
        )));
    }
    if let Some(source) = evidence.source.and_then(|s| dataset.source(s)) {
        parts.push(Cited::Title(source.title.clone()));
        let fields = [&source.author, &source.publisher, &source.date];
        parts.extend(fields.into_iter().flatten().cloned().map(Cited::Detail));
        if let Some(url) = &source.url {
            parts.push(Cited::Address(url.clone()));
        }
    }
    if let Some(locator) = &evidence.locator {
        parts.push(Cited::Locator(locator.clone()));
    }
    parts
}

/// One quote as plain text to paste into a report: “quote” — speaker, source title, author,
/// publisher, date, URL, where in it.
pub fn plain_citation(dataset: &Dataset, evidence: &Evidence) -> String {
    let attribution = attribution(dataset, evidence)
        .into_iter()
        .map(|part| match part {
            Cited::Speaker(text) | Cited::Title(text) => text,
            Cited::Detail(text) => text.trim().to_owned(),
            // A link that would not be opened (a script, a disguised address) is pasted with
            // its control characters visible, as the panel shows it.
            Cited::Address(url) => crate::model::openable_url(&url)
                .map_or_else(|_| url.trim().escape_debug().to_string(), str::to_owned),
            Cited::Locator(locator) => format!("at: {locator}"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    if !evidence.has_quote() {
        // A bare citation: no empty “” before it.
        return attribution;
    }
    let quote = crate::words::in_quotation_marks(evidence.quote.trim());
    if attribution.is_empty() {
        quote
    } else {
        format!("{quote} — {attribution}")
    }
}

/// One quote as a block quote, then "— speaker, source, author, publisher, date, URL,
/// locator"; evidence with no words quoted as "Cited without a quote", then the same.
fn quote(out: &mut String, dataset: &Dataset, evidence: &Evidence) {
    let lines: Vec<&str> = evidence.quote.trim().lines().collect();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            out.push_str(">\n");
        }
        let _ = writeln!(out, "> {}", inline(line));
    }
    if lines.is_empty() {
        out.push_str("Cited without a quote.\n");
    }
    let attribution: Vec<String> = attribution(dataset, evidence)
        .into_iter()
        .map(|part| match part {
            Cited::Title(title) => format!("*{}*", inline(&title)),
            Cited::Address(url) => link(&url),
            Cited::Speaker(text) | Cited::Detail(text) | Cited::Locator(text) => inline(&text),
        })
        .collect();
    if !attribution.is_empty() {
        let _ = writeln!(out, "\n— {}", attribution.join(", "));
    }
    out.push('\n');
}

/// A web address as a link when it is plainly one (http or https, nothing that would end
/// the link early); anything else as text, so no `javascript:` address becomes clickable.
fn link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '`'));
    if plain {
        format!("<{url}>")
    } else {
        inline(url)
    }
}

/// Text for one line of Markdown: line breaks and control characters become spaces, and
/// every character that could start markup is escaped with a backslash — emphasis, code,
/// links, HTML and entities, table cells (`|`) anywhere; headings, block quotes, lists and
/// rules at the start.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let start = chars.iter().take_while(|c| **c == ' ').count();
    for (k, &c) in chars.iter().enumerate() {
        let at_start = k == start;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // `&name;` or `&#123;` would be read as a character reference.
            '&' => {
                let name = chars
                    .get(k + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|n| n.is_ascii_alphanumeric() || **n == '#')
                    .count();
                name > 0 && chars.get(k + 1 + name) == Some(&';')
            }
            '#' | '+' | '-' | '=' => at_start,
            '.' | ')' => {
                // "1. " or "1) " at the start would begin a numbered list.
                k > start && chars[start..k].iter().all(char::is_ascii_digit)
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_other_cells_kept() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        for risky in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(defuse(risky).starts_with('\''), "{risky:?}");
        }
        assert_eq!(defuse("IBM said"), "IBM said");
        assert_eq!(defuse(""), "");
    }

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        assert_eq!(inline("# Not a heading"), "\\# Not a heading");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("1. first"), "1\\. first");
        assert_eq!(inline("version 1. ok"), "version 1. ok");
        assert_eq!(inline("AT&T &amp;"), "AT&T \\&amp;");
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(inline("two\nlines"), "two lines");
        // An image needs `![`, and `[` is escaped: the `!` can stay.
        assert_eq!(inline("Look! ![x](y)"), "Look! !\\[x\\](y)");
        assert_eq!(link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link("https://example.org/a"), "<https://example.org/a>");
    }
}
