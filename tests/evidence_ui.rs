//! Evidence an analyst can stand behind, driven through the window (`egui_kittest`): source
//! links that open (and those that must not), speakers before their quotes, quotes checked
//! against the source's text and read in context.

use std::path::PathBuf;
use std::sync::Arc;

use chainsight::app::FilePicker;
use chainsight::command::Command;
use chainsight::formats::ExportFormat;
use chainsight::model::RelationIdx;
use chainsight::view::Selection;
use chainsight::{ChainsightApp, StartupOptions};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[path = "common/harness.rs"]
mod harness;
use harness::wait;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name)
}

/// The app on `file`, loaded.
/// The built-in dataset's file.
fn builtin() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/datasets/safe-city.json")
}

fn harness_on(file: PathBuf) -> Harness<'static, ChainsightApp> {
    let startup = StartupOptions { file: Some(file) };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| ChainsightApp::new(cc, startup));
    wait(&mut harness, |app| !app.is_loading());
    // The fixture's refused links are in the load report; keep its window out of the way.
    harness.state_mut().submit(Command::ShowReport(false));
    harness.run_steps(2);
    harness
}

fn select_relation(harness: &mut Harness<'_, ChainsightApp>, relation_id: &str) -> RelationIdx {
    let relation = harness
        .state()
        .session()
        .dataset
        .relation_by_id(relation_id)
        .expect("fixture relation");
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(relation)));
    harness.run_steps(3);
    relation
}

/// Where the side panel's search box is: its width is the panel's, its top where the panel's
/// content starts.
fn search_box(harness: &Harness<'_, ChainsightApp>) -> egui::Rect {
    harness.get_by_role(egui::accesskit::Role::TextInput).rect()
}

/// The URLs egui was asked to open in the next few frames.
fn opened_urls(harness: &mut Harness<'_, ChainsightApp>) -> Vec<String> {
    let mut urls = Vec::new();
    for _ in 0..3 {
        harness.step();
        for command in &harness.output().platform_output.commands {
            if let egui::OutputCommand::OpenUrl(open) = command {
                urls.push(open.url.clone());
            }
        }
    }
    urls
}

#[test]
fn clicking_a_source_link_asks_the_browser_to_open_exactly_that_url() {
    let mut harness = harness_on(fixture("harbour.json"));
    select_relation(&mut harness, "northwind-supplied-port");
    let links = harness
        .query_all_by_label("Open source in browser ↗")
        .count();
    assert_eq!(links, 1, "one link for the run of quotes from the report");
    harness.get_by_label("— the same source");
    harness
        .query_all_by_label("Open source in browser ↗")
        .next()
        .unwrap()
        .click();
    // Trimmed, otherwise exactly as written in the file.
    assert_eq!(
        opened_urls(&mut harness),
        ["https://example.org/harbour-report"]
    );
}

#[test]
fn script_file_and_disguised_links_are_never_opened_and_the_panel_says_why() {
    let mut harness = harness_on(fixture("harbour.json"));
    select_relation(&mut harness, "eastgate-criticized-port");
    assert_eq!(
        harness
            .query_all_by_label("Open source in browser ↗")
            .count(),
        0
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("only http and https links are opened")
            .count(),
        2,
        "the script link and the file link"
    );
    harness.get_by_label_contains("bidirectional-text control");
    for url in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://example.org/\u{202e}fdp.exe",
    ] {
        harness.state_mut().submit(Command::OpenUrl(url.to_owned()));
        assert!(opened_urls(&mut harness).is_empty(), "{url} was opened");
        assert!(
            harness
                .state()
                .error()
                .is_some_and(|e| e.contains("Not opening"))
        );
    }
}

#[test]
fn a_speaker_is_named_before_their_words() {
    let mut harness = harness_on(fixture("harbour.json"));
    select_relation(&mut harness, "northwind-supplied-port");
    harness.get_by_label("Dana Reyes");
    harness.get_by_label("(spokesperson, Northwind)");
    harness.get_by_label_contains("We only sold them routers");
    // The speaker is an entity of the network: their name leads to it.
    harness.get_by_label("Dana Reyes").click();
    harness.run_steps(2);
    let northwind = harness
        .state()
        .session()
        .dataset
        .entity_by_id("northwind")
        .unwrap();
    assert_eq!(
        harness.state().view().selection,
        Selection::Entity(northwind)
    );
}

/// A quote that names its speaker itself ("…," said David Bicknell, principal analyst…)
/// is not preceded by a line saying it again; the next quote from him, which does not
/// name him, is.
#[test]
fn a_speaker_the_quote_names_is_not_named_twice() {
    let mut harness = harness_on(builtin());
    select_relation(&mut harness, "huawei-supplied-uk-government");
    harness.get_by_label_contains("is nothing new");
    assert_eq!(
        harness
            .query_all_by_label("(principal analyst at GlobalData’s Technology Research Team)")
            .count(),
        1,
        "said once, before the quote that does not name him"
    );
    assert_eq!(harness.query_all_by_label("David Bicknell").count(), 1);
}

#[test]
fn quotes_are_marked_found_or_not_found_in_the_source_text() {
    let mut harness = harness_on(fixture("harbour.json"));
    let source = harness
        .state()
        .session()
        .dataset
        .source_by_id("report")
        .unwrap();
    let attached = harness.state().session().source_texts.get(&source).cloned();
    let attached = attached.expect("text_file is read when the dataset opens");
    assert_eq!(attached.passages.len(), 4);
    assert_eq!(attached.missing.len(), 1);
    select_relation(&mut harness, "port-built-control-room");
    assert_eq!(
        harness
            .query_all_by_label("✔ Found verbatim in the source text")
            .count(),
        2
    );
    assert_eq!(
        harness
            .query_all_by_label("✖ Not found in the source text")
            .count(),
        1
    );
}

#[test]
fn read_in_context_opens_the_text_at_the_quote_and_passages_lead_back_to_their_relation() {
    let mut harness = harness_on(fixture("harbour.json"));
    let relation = select_relation(&mut harness, "port-built-control-room");
    harness
        .query_all_by_label("Read in context")
        .nth(1)
        .expect("a link under the second quote")
        .click();
    harness.run_steps(3);
    let reader = harness
        .state()
        .reader()
        .cloned()
        .expect("the reader is open");
    assert_eq!(reader.focus, Some((relation, 1)));
    harness.get_by_label("Source text");
    // The whole text is there, the quoted passage as a run of its own.
    assert!(
        harness
            .query_all_by_label_contains("The Harbour Report")
            .count()
            >= 2
    );
    harness.get_by_label("a surveillance hub in all but name");
    // Another passage, from another relation, leads back to it.
    harness
        .get_by_label("Northwind Systems supplied the port authority with its cameras in 2014")
        .click();
    harness.run_steps(2);
    let supplied = harness
        .state()
        .session()
        .dataset
        .relation_by_id("northwind-supplied-port")
        .unwrap();
    assert_eq!(
        harness.state().view().selection,
        Selection::Relation(supplied)
    );
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(harness.state().reader().is_none());
}

/// Picks the given file for every dialog.
struct PickThis(PathBuf);

impl FilePicker for PickThis {
    fn pick(&self) -> Option<PathBuf> {
        Some(self.0.clone())
    }

    fn pick_save(&self, _format: ExportFormat, _suggested_name: &str) -> Option<PathBuf> {
        None
    }
}

#[test]
fn a_source_text_attached_from_the_panel_checks_its_quotes() {
    // The same network, its source without a text_file.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("harbour.json")).unwrap();
    let without_text = text.replace(r#", "text_file": "report.txt""#, "");
    assert_ne!(text, without_text);
    let dataset = dir.path().join("harbour.json");
    std::fs::write(&dataset, without_text).unwrap();

    let startup = StartupOptions {
        file: Some(dataset),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            ChainsightApp::new(cc, startup)
                .with_file_picker(Arc::new(PickThis(fixture("report.txt"))))
        });
    wait(&mut harness, |app| !app.is_loading());
    harness.state_mut().submit(Command::ShowReport(false));
    select_relation(&mut harness, "northwind-supplied-port");
    assert_eq!(
        harness
            .query_all_by_label("✔ Found verbatim in the source text")
            .count(),
        0
    );
    harness
        .query_all_by_label("Attach source text…")
        .next()
        .expect("offered under each quote")
        .click();
    // The dialog, then the reading, run on other threads.
    wait(&mut harness, |app| {
        app.notice().is_some() || app.error().is_some()
    });
    assert!(!harness.state().is_attaching());
    assert_eq!(harness.state().error(), None);
    assert_eq!(
        harness
            .query_all_by_label("✔ Found verbatim in the source text")
            .count(),
        2
    );
    assert!(
        harness
            .state()
            .notice()
            .is_some_and(|n| n.contains("4 of 5 quotes"))
    );
    // The source is named by its title, as the panel names it, not by its id.
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.contains("“The Harbour Report”"), "{notice}");
    // Recorded in the dataset, so Save as… keeps it.
    let session = harness.state().session();
    let source = session.dataset.source_by_id("report").unwrap();
    let text_file = session.dataset.source(source).unwrap().text_file.clone();
    assert!(text_file.is_some_and(|f| f.ends_with("report.txt")));
}

#[test]
fn an_unreadable_source_text_is_explained_and_the_dataset_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("harbour.json")).unwrap();
    let dataset = dir.path().join("harbour.json");
    std::fs::write(&dataset, text.replace("report.txt", "missing.txt")).unwrap();
    let mut harness = harness_on(dataset);
    assert!(harness.state().error().is_none());
    select_relation(&mut harness, "northwind-supplied-port");
    assert!(
        harness
            .query_all_by_label_contains("Source text not read")
            .count()
            >= 1
    );
}

#[test]
fn a_long_list_of_relation_kinds_is_said_once_each_and_wraps_instead_of_widening_the_panel() {
    let mut harness = harness_on(fixture("many_kinds.json"));
    let before = search_box(&harness).width();
    let northwind = harness
        .state()
        .session()
        .dataset
        .entity_by_name("Northwind Holdings")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(northwind)));
    harness.run_steps(3);
    // The counterpart's heading names its eight kinds once each (nine relations), far wider
    // than the panel.
    let heading = harness
        .get_by_label_contains("→ Harbour City Public Security Bureau")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert_eq!(
        heading.matches("supplied cameras to").count(),
        1,
        "{heading}"
    );
    assert!(heading.contains("hosted the video archive of"), "{heading}");
    let after = search_box(&harness).width();
    assert!(
        (after - before).abs() < 1.0,
        "the panel went from {before} to {after} points wide"
    );
}

#[test]
fn copy_with_source_puts_the_quote_and_its_citation_on_the_clipboard() {
    let mut harness = harness_on(fixture("harbour.json"));
    select_relation(&mut harness, "northwind-supplied-port");
    // The second quote, a spokesperson's, scrolled into view first.
    harness
        .query_all_by_label("Copy with source")
        .nth(1)
        .expect("a copy link on each quote")
        .scroll_to_me();
    harness.run_steps(3);
    let before = search_box(&harness).top();
    harness
        .query_all_by_label("Copy with source")
        .nth(1)
        .expect("a copy link on each quote")
        .click();
    let mut copied = Vec::new();
    for _ in 0..3 {
        harness.step();
        for command in &harness.output().platform_output.commands {
            if let egui::OutputCommand::CopyText(text) = command {
                copied.push(text.clone());
            }
        }
    }
    assert_eq!(
        copied,
        [
            "“We only sold them routers,” — Dana Reyes (spokesperson, Northwind), The Harbour \
             Report, Harbour Review, https://example.org/harbour-report"
        ]
    );
    assert_eq!(
        harness.state().notice(),
        Some("Copied the quote and its source.")
    );
    // The notice floats: nothing under the pointer moves.
    harness.get_by_label("Copied the quote and its source.");
    assert_eq!(search_box(&harness).top(), before);
}

#[test]
fn checked_quotes_keep_the_side_panel_as_wide_as_it_was() {
    let mut harness = harness_on(fixture("harbour.json"));
    let before = search_box(&harness).width();
    for relation in ["northwind-supplied-port", "eastgate-criticized-port"] {
        select_relation(&mut harness, relation);
        let after = search_box(&harness).width();
        assert!(
            (after - before).abs() < 1.0,
            "{relation}: {before} → {after}"
        );
    }
}

/// A spreadsheet's own columns (an amount, notes) are on the relation's card, and a row that
/// only gives a document's address cites it without an empty quote.
#[test]
fn a_relations_own_columns_are_shown_and_a_bare_citation_is_no_empty_quote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("payments.csv");
    std::fs::write(
        &path,
        "From,To,Type,Amount (EUR),Notes,Source URL\n\
         Acme Ltd,Beta Holdings,payment,\"120,000.00\",wire via Riga,https://example.org/leak/doc1.pdf\n",
    )
    .unwrap();
    let mut harness = harness_on(path);
    harness.get_by_label_contains("0 quotes and 1 citation without a quote");
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(RelationIdx(0))));
    harness.run_steps(3);
    harness.get_by_label("Amount (EUR)");
    harness.get_by_label("120,000.00");
    harness.get_by_label("wire via Riga");
    harness.get_by_label("Cited without a quote:");
    assert_eq!(
        harness.query_all_by_label("“”").count(),
        0,
        "an empty quote"
    );
}

/// The article's own narration ("According to a 2012 IBM investor deck, …") is not put in
/// the mouth of the one it cites: "according to IBM"; a speaker's own words, opening with
/// a quotation mark, are what they "said".
#[test]
fn narration_is_attributed_with_according_to_and_own_words_with_said() {
    let mut harness = harness_on(builtin());
    select_relation(&mut harness, "ibm-operates-in-karamay");
    harness.get_by_label_contains("According to a 2012 IBM investor deck");
    assert!(harness.query_all_by_label("according to").count() >= 1);
    assert_eq!(harness.query_all_by_label("said").count(), 0);
    select_relation(&mut harness, "privacy-international-criticized-ibm");
    assert_eq!(harness.query_all_by_label("said").count(), 1);
}

/// Where a quote stands in its source reads as a place, in quotation marks, and a cited
/// document whose title ends in brackets takes its date after a comma.
#[test]
fn a_quotes_place_and_cited_documents_read_plainly() {
    let mut harness = harness_on(builtin());
    select_relation(&mut harness, "accenture-promoted-safe-city");
    harness.get_by_label("at “Friends in high places”");
    harness.get_by_label("citing: ICT Insights (2017 edition focused on Safe City), 2017");
}

/// A link's description in a Kumu file is the analyst's note, not a quote: the relation's
/// card shows it once, as wrapped prose, neither in quotation marks nor as a quote of an
/// unknown source, and leaves it out of the attributes; a search finds it by its words and
/// says it was its description.
#[test]
fn a_links_description_is_shown_once_as_a_note_and_found_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kumu-connections.csv");
    let note = "Consulting fees over $100m a year";
    std::fs::write(
        &path,
        format!(
            "From,To,Type,Direction,Description,Strength note\n\
             IBM,Huawei,consulted for,directed,{note},high\n\
             Huawei,Xinjiang police,supplied,directed,,\n"
        ),
    )
    .unwrap();
    let mut harness = harness_on(path);
    let relation = harness
        .state()
        .session()
        .dataset
        .relations
        .iter()
        .position(|r| r.attributes.get("description").map(String::as_str) == Some(note))
        .expect("the description kept as the attribute");
    // Found by words of the description, which the result names as such.
    harness
        .state_mut()
        .submit(Command::View(chainsight::view::ViewCommand::Search(
            "fees over".into(),
        )));
    harness.run_steps(3);
    let hits = &harness.state().lens().hits;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].field, "description");
    harness.get_by_label_contains(&format!("(description: {note})"));
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(RelationIdx(relation))));
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label_contains(note).count(), 1);
    harness.get_by_label(note);
    harness.get_by_label("Note in the file:");
    // The other attribute is still listed; the description is not listed again.
    harness.get_by_label("Attributes (1)");
    harness.get_by_label("Strength note");
    assert_eq!(harness.query_all_by_label("description").count(), 0);
    assert_eq!(harness.query_all_by_label_contains("“").count(), 0);
    assert_eq!(
        harness
            .query_all_by_label_contains("Source unknown")
            .count(),
        0
    );
}
