//! CSV edge lists and `FollowTheMoney` files: what each shape of file becomes, which rows and
//! lines are reported, and which files are refused with their line.

use std::path::PathBuf;

use chainsight::formats::csv_edges::{self, NodeFile};
use chainsight::formats::{LoadError, Loaded, ftm};
use chainsight::model::{Dataset, EntityKind, Relation, RelationKind, SourceKind};

#[path = "common/lookup.rs"]
mod lookup;
use lookup::{entity, relation, warnings_of};

fn fixture_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(path)
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(fixture_path(path)).expect("fixture exists")
}

/// Where each warning of a load points ("line 7").
fn warning_places(loaded: &Loaded) -> Vec<&str> {
    loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect()
}

fn csv(path: &str) -> Loaded {
    csv_edges::read(path, &fixture(path), None).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn csv_with_nodes(edges: &str, nodes: &str) -> Loaded {
    let node_file = NodeFile {
        file: nodes.to_owned(),
        text: fixture(nodes),
    };
    csv_edges::read(edges, &fixture(edges), Some(node_file))
        .unwrap_or_else(|error| panic!("{edges}: {error}"))
}

/// The names of a relation's endpoints.
fn ends(dataset: &Dataset, relation: &Relation) -> (String, String) {
    let name = |idx| dataset.entity(idx).expect("endpoint").name.clone();
    (name(relation.source), name(relation.target))
}

fn pairs(dataset: &Dataset) -> Vec<(String, String)> {
    dataset
        .relations
        .iter()
        .map(|relation| ends(dataset, relation))
        .collect()
}

fn pair(source: &str, target: &str) -> (String, String) {
    (source.to_owned(), target.to_owned())
}

// ---------------------------------------------------------------------------------------
// CSV

#[test]
fn comma_csv_maps_columns_and_keeps_the_rest() {
    let loaded = csv("csv/comma.csv");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "CSV edge list (comma-separated)");
    assert_eq!(dataset.entities.len(), 4);
    assert_eq!(dataset.relations.len(), 3);

    let supplied = relation(dataset, "e0");
    assert_eq!(ends(dataset, supplied), pair("IBM", "Huawei"));
    assert_eq!(supplied.kind, RelationKind::Supplied);
    assert_eq!(supplied.weight, Some(3.0));
    assert!(supplied.directed);
    assert_eq!(supplied.attributes["contract_value"], "100M");
    // A description is the analyst's words, not a quote: the link alone is the evidence.
    assert_eq!(
        supplied.attributes["description"],
        "IBM supplied Huawei with consulting, for years."
    );
    assert_eq!(supplied.evidence.len(), 1);
    let evidence = &supplied.evidence[0];
    assert_eq!(evidence.quote, "", "a citation without a quote");
    let source = dataset
        .source(evidence.source.expect("a source"))
        .expect("source exists");
    assert_eq!(source.url.as_deref(), Some("https://example.org/ibm"));

    let built = relation(dataset, "e1");
    assert_eq!(built.kind, RelationKind::Built);
    assert_eq!(built.weight, Some(1.5));
    assert!(built.evidence.is_empty(), "empty cells give no evidence");
    assert!(
        built.attributes.is_empty(),
        "empty cells give no attributes"
    );

    let partner = relation(dataset, "e2");
    assert_eq!(partner.kind, RelationKind::PartneredWith);
    assert_eq!(partner.weight, None);
    assert_eq!(partner.attributes["weight"], "heavy");

    // The only warning is the weight that is not a number; nodes named only in the edge list
    // are expected when there is no node table.
    assert_eq!(
        loaded.report.warnings.len(),
        1,
        "{:#?}",
        loaded.report.warnings
    );
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "line 4");
    assert!(warning.message.contains("heavy"), "{}", warning.message);
    assert!(
        dataset
            .entities
            .iter()
            .all(|e| !e.attributes.contains_key("placeholder"))
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("no node table"))
    );
}

#[test]
fn gephi_semicolon_csv_with_node_table() {
    let loaded = csv_with_nodes("csv/gephi_edges.csv", "csv/gephi_nodes.csv");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "CSV edge list (semicolon-separated)");
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("csv/gephi_nodes.csv") && n.contains("3 nodes")),
        "{:#?}",
        loaded.report.notes
    );
    // Three nodes from the table, one placeholder for n4, which only the edge list names.
    assert_eq!(dataset.entities.len(), 4);
    assert_eq!(dataset.relations.len(), 3);

    let e1 = relation(dataset, "e1");
    assert_eq!(ends(dataset, e1), pair("IBM", "Huawei"));
    assert!(e1.directed);
    assert_eq!(e1.label.as_deref(), Some("supplied cameras"));
    assert_eq!(e1.weight, Some(2.0));
    // Gephi 0.8's time interval is the relation's period, not an attribute.
    assert_eq!(e1.when.start.as_deref(), Some("2012"));
    assert_eq!(e1.when.end.as_deref(), Some("2016"));
    assert!(!e1.attributes.contains_key("Time Interval"));
    assert!(
        !e1.attributes.contains_key("Type"),
        "Directed is read, not kept"
    );

    let e2 = relation(dataset, "e2");
    assert!(!e2.directed);
    // A label that names a relation kind is read as the kind.
    assert_eq!(e2.kind, RelationKind::PartneredWith);
    assert_eq!(relation(dataset, "e3").weight, Some(1.5), "decimal comma");

    let ibm = dataset
        .entity_by_name("IBM")
        .and_then(|i| dataset.entity(i))
        .expect("IBM");
    assert_eq!(ibm.entity_id, "n1");
    assert_eq!(ibm.kind, EntityKind::Company);
    let hikvision = dataset
        .entity_by_id("n3")
        .and_then(|i| dataset.entity(i))
        .expect("n3");
    assert_eq!(hikvision.kind, EntityKind::Other);
    assert_eq!(hikvision.attributes["kind"], "Vendor");

    assert_eq!(
        loaded.report.warnings.len(),
        1,
        "{:#?}",
        loaded.report.warnings
    );
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "line 4.target");
    assert!(warning.message.contains("\"n4\""));
}

/// A relation's date, start and end.
fn when(relation: &Relation) -> (Option<&str>, Option<&str>, Option<&str>) {
    (
        relation.when.date.as_deref(),
        relation.when.start.as_deref(),
        relation.when.end.as_deref(),
    )
}

#[test]
fn gephi_timeset_intervals_are_the_periods_of_relations_and_nodes() {
    let loaded = csv_with_nodes("csv/gephi_timeset_edges.csv", "csv/gephi_timeset_nodes.csv");
    let d = &loaded.dataset;
    // Decimal years, as Gephi writes its default ("double") times, are years.
    let first = relation(d, "0");
    assert_eq!(when(first), (None, Some("2001"), Some("2005")));
    assert!(!first.attributes.contains_key("timeset"), "read, not kept");
    // Of two intervals the first is the period; the second is counted in the note.
    assert_eq!(when(relation(d, "1")), (None, Some("2001"), Some("2005")));
    // -Infinity and Infinity are open ends.
    assert_eq!(when(relation(d, "2")), (None, None, Some("2012")));
    // A number that is no year stays as written, off the timeline.
    let fractional = relation(d, "3");
    assert_eq!(when(fractional), (None, None, None));
    assert_eq!(fractional.attributes["start"], "2014.5");
    // A time set that is none is kept as written, and said at its line.
    let broken = relation(d, "4");
    assert_eq!(when(broken), (None, None, None));
    assert_eq!(broken.attributes["timeset"], "<[2001.0, 2005.0");
    assert_eq!(when(relation(d, "5")), (None, None, None));

    // A node's period is its attributes start and end, as a GEXF node's spell is.
    let ibm = entity(d, "n1");
    assert_eq!(
        (ibm.attributes.get("start"), ibm.attributes.get("end")),
        (Some(&"2001".to_owned()), Some(&"2012".to_owned()))
    );
    assert!(!ibm.attributes.contains_key("timeset"));
    let huawei = entity(d, "n2");
    assert_eq!(huawei.attributes["start"], "1987");
    assert!(!huawei.attributes.contains_key("end"), "open: Infinity");
    let port = entity(d, "n4");
    assert_eq!(port.attributes["timeset"], "<[2003.0, 2001.0]>");
    assert!(!port.attributes.contains_key("start"));

    assert_eq!(
        warning_places(&loaded),
        ["csv/gephi_timeset_nodes.csv line 5", "line 6"],
        "{:#?}",
        loaded.report.warnings
    );
    let messages: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        messages[0],
        "timeset \"<[2003.0, 2001.0]>\" is not a Gephi time set: the interval [2003.0, 2001.0] \
         ends before it starts; kept as the attribute \"timeset\""
    );
    assert!(
        messages[1].starts_with("timeset \"<[2001.0, 2005.0\" is not a Gephi time set"),
        "{}",
        messages[1]
    );
    let notes = &loaded.report.notes;
    assert!(
        notes.iter().any(|n| n
            == "Gephi time sets: each node and relation keeps its first interval as \
                its start and end (1 later interval not kept)"),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n
                .starts_with("1 time in a Gephi time set is a number but no year (\"2014.5\")")),
        "{notes:#?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("\"timeset\" as its start and end (a Gephi time set)")),
        "{notes:#?}"
    );
}

#[test]
fn gephi_timestamps_in_either_table_make_every_time_set_timestamps() {
    let loaded = csv_with_nodes(
        "csv/gephi_timestamps_edges.csv",
        "csv/gephi_timestamps_nodes.csv",
    );
    let d = &loaded.dataset;
    // The node table holds a set of three timestamps: the graph's times are instants, so the
    // edge list's brackets of two are two timestamps each, the first a relation's date.
    assert_eq!(when(relation(d, "0")), (Some("2014-02-01"), None, None));
    // A date and time is dated by its day (the builder keeps what was written).
    let timed = relation(d, "1");
    assert_eq!(when(timed), (Some("2015-03-01"), None, None));
    assert_eq!(timed.attributes["date"], "2015-03-01T09:30:00.000+01:00");
    assert_eq!(relation(d, "2").attributes["Timeset"], "<[-Infinity]>");
    // A node's first timestamp is its start and its end.
    let acme = entity(d, "a");
    assert_eq!(acme.attributes["start"], "2014-01-01");
    assert_eq!(acme.attributes["end"], "2014-01-01");
    assert_eq!(warning_places(&loaded), ["line 4"]);
    assert!(
        loaded.report.warnings[0]
            .message
            .contains("\"-Infinity\" is no instant"),
        "{:#?}",
        loaded.report.warnings
    );
    let notes = &loaded.report.notes;
    assert!(
        notes.iter().any(|n| n.starts_with(
            "Gephi time sets read as timestamps, as csv/gephi_timestamps_nodes.csv \
             line 2 holds a set of them"
        ) && n.ends_with("(4 later timestamps not kept)")),
        "{notes:#?}"
    );

    // Without the node table nothing says the times are instants: a bracket of two is an
    // interval, as Gephi's importer reads it, and a bracket of one no interval.
    let alone = csv("csv/gephi_timestamps_edges.csv");
    let d = &alone.dataset;
    assert_eq!(
        when(relation(d, "0")),
        (None, Some("2014-02-01"), Some("2014-05-01"))
    );
    assert_eq!(warning_places(&alone), ["line 4"]);
    assert!(
        alone.report.warnings[0]
            .message
            .contains("holds 1 value where an interval has a start and an end"),
        "{:#?}",
        alone.report.warnings
    );
}

#[test]
fn a_relations_own_dates_outrank_its_gephi_time_set_with_one_warning() {
    let text = "source,target,start,timeset\n\
                a,b,2003,\"<[2001.0, 2005.0]>\"\n\
                b,c,,\"<[2001.0, 2005.0]>\"\n\
                c,a,2004,\"<[2006.0, 2009.0]>\"\n";
    let loaded = csv_edges::read("own.csv", text, None).expect("loads");
    let d = &loaded.dataset;
    assert_eq!(when(&d.relations[0]), (None, Some("2003"), None));
    assert_eq!(d.relations[0].attributes["timeset"], "<[2001.0, 2005.0]>");
    assert_eq!(when(&d.relations[1]), (None, Some("2001"), Some("2005")));
    assert_eq!(when(&d.relations[2]), (None, Some("2004"), None));
    assert_eq!(warning_places(&loaded), ["line 2"]);
    assert!(
        loaded.report.warnings[0]
            .message
            .ends_with("(1 more row does the same)"),
        "{:#?}",
        loaded.report.warnings
    );

    // In a graph of timestamps a relation's own date outranks its time set.
    let text = "source,target,date,timeset\n\
                a,b,2010,\"<[2001.0, 2003.0, 2007.0]>\"\n\
                b,c,,\"<[2001.0]>\"\n";
    let loaded = csv_edges::read("dated.csv", text, None).expect("loads");
    let d = &loaded.dataset;
    assert_eq!(when(&d.relations[0]), (Some("2010"), None, None));
    assert_eq!(when(&d.relations[1]), (Some("2001"), None, None));
    assert_eq!(warning_places(&loaded), ["line 2"]);

    // A node table's start column outranks a node's time set the same way.
    let nodes = NodeFile {
        file: "nodes.csv".to_owned(),
        text: "id,start,timeset\na,1999,\"<[2001.0, 2005.0]>\"\nb,,\"<[2001.0, 2005.0]>\"\n"
            .to_owned(),
    };
    let loaded = csv_edges::read("edges.csv", "source,target\na,b\n", Some(nodes)).expect("loads");
    let d = &loaded.dataset;
    let a = entity(d, "a");
    assert_eq!(a.attributes["start"], "1999");
    assert_eq!(a.attributes["timeset"], "<[2001.0, 2005.0]>");
    assert_eq!(entity(d, "b").attributes["end"], "2005");
    assert_eq!(warning_places(&loaded), ["nodes.csv line 2"]);
}

#[test]
fn a_gephi_time_set_that_is_none_is_kept_as_written_with_its_line_and_column() {
    let values = [
        "2001",
        "<>",
        "<[]>",
        "<[2001.0, 2005.0, ]>",
        "<[spring, 2005.0]>",
        "<[2001.0, NaN]>",
        "<[[2001.0, 2005.0]]>",
        "<[2001.0, 2005.0] later>",
        "<[2001.0, 2005.0]; [2008.0]>",
        "<(2005.0, 2001.0)>",
        "<[２００１, 2005]>",
        "<[2001.0, 2005.0",
    ];
    let rows: Vec<String> = values
        .iter()
        .map(|value| format!("a,b,\"{value}\""))
        .collect();
    let text = format!("source,target,timeset\n{}\n", rows.join("\n"));
    let loaded = csv_edges::read("broken.csv", &text, None).expect("loads");
    let expected: Vec<String> = (2..2 + values.len())
        .map(|line| format!("line {line}"))
        .collect();
    assert_eq!(
        warning_places(&loaded),
        expected,
        "{:#?}",
        loaded.report.warnings
    );
    for (warning, value) in loaded.report.warnings.iter().zip(values) {
        assert!(
            warning
                .message
                .starts_with(&format!("timeset \"{value}\" is not a Gephi time set: "))
                && warning
                    .message
                    .ends_with("; kept as the attribute \"timeset\""),
            "{}",
            warning.message
        );
    }
    for (relation, value) in loaded.dataset.relations.iter().zip(values) {
        assert_eq!(relation.attributes["timeset"], value);
        assert_eq!(when(relation), (None, None, None));
    }
    // Gephi's own empty set is no time, and nothing to keep.
    let empty =
        csv_edges::read("empty.csv", "source,target,timeset\na,b,<empty>\n", None).expect("loads");
    assert!(
        empty.report.warnings.is_empty(),
        "{:#?}",
        empty.report.warnings
    );
    assert!(empty.dataset.relations[0].attributes.is_empty());
}

#[test]
fn bare_list_without_header() {
    let loaded = csv("csv/bare.csv");
    let dataset = &loaded.dataset;
    assert_eq!(
        loaded.report.format,
        "CSV edge list (semicolon-separated, no header)"
    );
    assert_eq!(
        pairs(dataset),
        [
            pair("IBM", "Huawei"),
            pair("Huawei", "Hikvision"),
            pair("Hikvision", "Urumqi")
        ]
    );
    assert_eq!(dataset.entities.len(), 4);
    // The one warning: the first row was read as data, not as a header.
    let warnings = &loaded.report.warnings;
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].json_path, "line 1");
    assert_eq!(
        warnings[0].message,
        "no header found: no column is named source and target (or from and to), so the first \
         row was read as data, with the first two columns as source and target; if the first \
         row names the columns, call them source and target"
    );
    // It says how the columns were read: a note saying it again would only repeat it.
    let notes = &loaded.report.notes;
    assert!(!notes.iter().any(|n| n.contains("no header")), "{notes:#?}");
}

#[test]
fn bare_adjacency_list_and_weighted_list() {
    let adjacency = csv_edges::read("adj.csv", "a;b;c\nb;c\nd\n", None).expect("loads");
    assert_eq!(
        pairs(&adjacency.dataset),
        [pair("a", "b"), pair("a", "c"), pair("b", "c")]
    );
    assert_eq!(adjacency.dataset.entities.len(), 4, "d stands alone");
    let warning = &adjacency.report.warnings[0].message;
    assert!(warning.contains("(Gephi's adjacency list)"), "{warning}");

    let weighted = csv_edges::read("w.csv", "a,b,2\nb,c,0.5\n", None).expect("loads");
    let weights: Vec<_> = weighted
        .dataset
        .relations
        .iter()
        .map(|r| r.weight)
        .collect();
    assert_eq!(weights, [Some(2.0), Some(0.5)]);
    assert_eq!(weighted.dataset.entities.len(), 3);
}

/// The note on how the columns were read, in the report `chainsight check` prints.
fn columns_note(loaded: &Loaded) -> &str {
    let notes = &loaded.report.notes;
    let mut found = notes.iter().filter(|n| n.starts_with("columns read: "));
    let note = found
        .next()
        .unwrap_or_else(|| panic!("no columns note in {notes:#?}"));
    assert_eq!(found.next(), None, "one note");
    note
}

#[test]
fn the_report_says_which_column_became_what() {
    let loaded = csv_edges::read(
        "edges.csv",
        "source,target,type,date\n\
         Glencore,Katanga Mining,owns,2008-06\n\
         Dan Gertler,Gécamines,\"negotiated with, allegedly\",2010\n",
        None,
    )
    .expect("loads");
    assert_eq!(
        columns_note(&loaded),
        "columns read: \"source\" and \"target\" as the two ends, \"type\" as the relation, \
         \"date\" as its date"
    );

    // Gephi's Type of directions is the direction; a type beside a kind column that names
    // none is only an attribute, as are columns no field has.
    let gephi = csv_edges::read(
        "gephi.csv",
        "Source;Target;Type;Weight;Amount (EUR);Notes\na;b;Directed;2;5;x\nb;c;Undirected;1;6;y\n",
        None,
    )
    .expect("loads");
    assert_eq!(
        columns_note(&gephi),
        "columns read: \"Source\" and \"Target\" as the two ends, \"Type\" as the direction, \
         \"Weight\" as its weight; kept only as attributes: \"Amount (EUR)\", \"Notes\""
    );
    let both = csv_edges::read(
        "both.csv",
        "from,to,relation,type,title,url\na,b,owns,board seat,The deal,https://example.org\n",
        None,
    )
    .expect("loads");
    assert_eq!(
        columns_note(&both),
        "columns read: \"from\" and \"to\" as the two ends, \"relation\" as the relation, \
         \"url\" as the source of its evidence; kept only as attributes: \"type\", \"title\""
    );
    assert_eq!(both.dataset.relations[0].attributes["type"], "board seat");
    assert_eq!(both.dataset.relations[0].attributes["title"], "The deal");
    assert_eq!(both.dataset.relations[0].evidence[0].quote, "");
    // The analyst's description and a passage quoted from a source, told apart.
    let words = csv_edges::read(
        "words.csv",
        "From,To,Description,Quote\na,b,our notes,\"they said so\"\n",
        None,
    )
    .expect("loads");
    assert_eq!(
        columns_note(&words),
        "columns read: \"From\" and \"To\" as the two ends, \"Description\" as its \
         description (the attribute \"description\", not a quote), \"Quote\" as the quote of \
         its evidence"
    );
    let mixed = csv_edges::read(
        "mixed.csv",
        "source,target,type\na,b,directed\nb,c,owns\n",
        None,
    )
    .expect("loads");
    assert!(
        columns_note(&mixed)
            .ends_with("\"type\" as the relation, or its direction where it names one"),
        "{}",
        columns_note(&mixed)
    );
    // No header, no columns to name: the note on the bare list says how it was read.
    let bare = csv_edges::read("bare.csv", "a;b\nb;c\n", None).expect("loads");
    assert!(
        bare.report
            .notes
            .iter()
            .all(|n| !n.starts_with("columns read")),
        "{:?}",
        bare.report.notes
    );
}

#[test]
fn a_type_column_naming_a_kind_keeps_the_words_the_file_gave() {
    let loaded = csv_edges::read(
        "types.csv",
        "source,target,type,label\n\
         Acme,Beta,supplies,\n\
         Beta,Gamma,Partner,\n\
         Gamma,Delta,supplies,sold cameras\n\
         Delta,Acme,customer of,\n",
        None,
    )
    .expect("loads");
    let d = &loaded.dataset;
    let read: Vec<(RelationKind, &str, Option<&str>)> = d
        .relations
        .iter()
        .map(|r| (r.kind, r.phrase(), r.label_beyond_phrase()))
        .collect();
    assert_eq!(
        read,
        [
            (RelationKind::Supplied, "supplies", None),
            (RelationKind::PartneredWith, "Partner", None),
            (RelationKind::Supplied, "supplied", Some("sold cameras")),
            // The kind's own name: nothing to keep beside it.
            (RelationKind::CustomerOf, "customer of", None),
        ]
    );
    // With a label of its own, the type is kept beside it as the column it came from.
    assert_eq!(d.relations[2].attributes["type"], "supplies");
    assert_eq!(d.relations[3].label, None);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn a_headerless_third_column_of_kinds_is_read_as_kinds_not_as_names() {
    // "supplies" is a kind the vocabulary knows; "owns" and "supplies" are never names.
    let kinds =
        csv_edges::read("t.tsv", "Acme\tBeta\tsupplies\nBeta\tGamma\towns\n", None).expect("loads");
    let d = &kinds.dataset;
    assert_eq!(pairs(d), [pair("Acme", "Beta"), pair("Beta", "Gamma")]);
    assert_eq!(d.relations[0].kind, RelationKind::Supplied);
    assert_eq!(d.relations[0].phrase(), "supplies", "as the file wrote it");
    assert_eq!(d.relations[1].phrase(), "owns");
    let warning = &kinds.report.warnings[0].message;
    assert!(
        warning.contains("the third as the kind of relation"),
        "{warning}"
    );

    // Few kinds shared by many rows, none of them known words.
    let repeated = csv_edges::read(
        "r.csv",
        "a,b,sits on\nc,d,sits on\ne,f,chairs\ng,h,chairs\n",
        None,
    )
    .expect("loads");
    assert_eq!(repeated.dataset.entities.len(), 8);
    assert_eq!(repeated.dataset.relations[2].phrase(), "chairs");

    // A third name that is also a source or target is a name: Gephi's adjacency list.
    let adjacency = csv_edges::read("a.csv", "a,b,c\nc,d,e\ne,f,owns\n", None).expect("loads");
    assert_eq!(adjacency.dataset.relations.len(), 6);
    // Three distinct unknown words on three rows could be names: adjacency too.
    let names = csv_edges::read("n.csv", "a,b,x1\nc,d,x2\ne,f,x3\n", None).expect("loads");
    assert_eq!(names.dataset.entities.len(), 9);
}

#[test]
fn kumu_from_to_multi_values_make_one_edge_per_pair() {
    let loaded = csv_with_nodes("csv/kumu_connections.csv", "csv/kumu_elements.csv");
    let dataset = &loaded.dataset;
    assert_eq!(
        pairs(dataset),
        [
            pair("IBM", "Huawei"),
            pair("Cisco", "Huawei"),
            pair("Huawei", "Urumqi"),
            pair("Huawei", "Karamay"),
        ]
    );
    assert!(
        dataset
            .relations
            .iter()
            .all(|r| r.kind != RelationKind::Other)
    );
    // Kumu's Description is the analyst's words about the connection, not a quote.
    assert_eq!(
        dataset.relations[1].attributes["description"],
        "Both sold equipment to Huawei."
    );
    assert!(dataset.relations.iter().all(|r| r.evidence.is_empty()));
    assert!(
        loaded.report.notes.iter().any(|n| n.contains('|')),
        "{:#?}",
        loaded.report.notes
    );
    // Kumu's element sheet has no id column: its labels are the ids.
    let ibm = dataset
        .entity_by_id("IBM")
        .and_then(|i| dataset.entity(i))
        .expect("IBM");
    assert_eq!(ibm.kind, EntityKind::Company);
    assert_eq!(ibm.description.as_deref(), Some("US technology company"));
    assert_eq!(ibm.attributes["Tags"], "vendor");
    let urumqi = dataset
        .entity_by_id("Urumqi")
        .and_then(|i| dataset.entity(i))
        .expect("Urumqi");
    assert_eq!(urumqi.kind, EntityKind::City);
    // Cisco and Karamay are not in the element sheet.
    let warnings = &loaded.report.warnings;
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.message.contains("\"Cisco\"")));
    assert!(warnings.iter().any(|w| w.message.contains("\"Karamay\"")));
}

#[test]
fn ragged_rows_are_reported_with_their_line_and_set_aside() {
    let loaded = csv("csv/ragged.csv");
    let paths = warning_places(&loaded);
    assert_eq!(paths, ["line 7", "line 8"]);
    assert!(
        loaded.report.warnings[0]
            .message
            .contains("2 fields where the header has 3")
    );
    // Eight data rows, two set aside; a trailing empty cell (line 5) is harmless.
    assert_eq!(loaded.dataset.relations.len(), 6);
    // One field is one, in the edge list and in the node table.
    let one = csv_edges::read(
        "one.csv",
        "source,target,kind\na,b,supplied\nlonely\n",
        Some(NodeFile {
            file: "nodes.csv".to_owned(),
            text: "id,label,kind\na,Alpha,company\nb\n".to_owned(),
        }),
    )
    .expect("loads");
    let messages = warnings_of(&one);
    assert_eq!(
        messages[..2],
        [
            (
                "nodes.csv line 3",
                "1 field where the header has 3; the row is set aside"
            ),
            (
                "line 3",
                "1 field where the header has 3; the row is set aside"
            ),
        ]
    );
    // One name added from the edge list is one too.
    let single = csv_edges::read("loop.csv", "source,target\na,a\n", None).expect("loads");
    assert!(
        single
            .report
            .notes
            .contains(&"no node table: the 1 name in the edge list was added as a node".to_owned()),
        "{:?}",
        single.report.notes
    );
}

/// Rows are reported at their own lines in a file with Windows line ends (as Excel saves
/// CSV) and blank lines: the csv reader's own count put the third row on line 2.
#[test]
fn rows_are_reported_at_their_lines_after_crlf_and_blank_lines() {
    let text = "source,target\r\na,b\r\nc\r\n\r\n\r\nd,e,f\r\n\"g\r\nh\",i,j\r\nk\r\n";
    let loaded = csv_edges::read("w.csv", text, None).expect("loads");
    let paths = warning_places(&loaded);
    assert_eq!(paths, ["line 3", "line 6", "line 7", "line 9"]);
}

/// Old Mac line ends (a lone `\r`, as classic Mac OS and Excel's "CSV (Macintosh)" save):
/// rows are reported at their own lines, not all on line 1.
#[test]
fn rows_are_reported_at_their_lines_with_old_mac_line_ends() {
    let text = "source,target\ra,b\rc\r\r\rd,e,f\r\"g\rh\",i,j\rk\r";
    let loaded = csv_edges::read("mac.csv", text, None).expect("loads");
    assert_eq!(
        warning_places(&loaded),
        ["line 3", "line 6", "line 7", "line 9"]
    );
    assert_eq!(loaded.dataset.relations.len(), 1);
    // Lines mixing all three line ends count each once.
    let mixed = "source,target\r\na,b\rc\nd,e,f\r\ng,h\r";
    let loaded = csv_edges::read("mixed.csv", mixed, None).expect("loads");
    assert_eq!(warning_places(&loaded), ["line 3", "line 4"]);
    // A node table with old Mac line ends: its rows at their lines too.
    let nodes = NodeFile {
        file: "nodes.csv".to_owned(),
        text: "id,label\ra,A\rb\rc,C\r".to_owned(),
    };
    let loaded = csv_edges::read("e.csv", "source,target\ra,c\r", Some(nodes)).expect("loads");
    assert_eq!(warning_places(&loaded), ["nodes.csv line 3"]);
}

/// The delimiter is found on the first line, not on the whole of a file whose lines end in
/// a lone `\r`: commas in the names further down do not outvote the header's semicolons.
#[test]
fn delimiter_is_read_from_the_first_line_with_old_mac_line_ends() {
    let text = "source;target\rSmith, Jones & Co;Acme, Inc.\rAcme, Inc.;Bolt, Ltd.\r";
    let loaded = csv_edges::read("semi.csv", text, None).expect("loads");
    assert!(
        loaded.report.format.contains("semicolon"),
        "{}",
        loaded.report.format
    );
    assert_eq!(loaded.dataset.relations.len(), 2);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

/// Refusals name the right line and column in a file with old Mac line ends.
#[test]
fn refusals_name_their_line_with_old_mac_line_ends() {
    let text = fixture("csv/unterminated.csv").replace('\n', "\r");
    let error = csv_edges::read("u.csv", &text, None).expect_err("refused");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    assert_eq!(error.position().map(|p| (p.line, p.column)), Some((3, 5)));

    let error = csv_edges::read("ctl.csv", "a,b\rc,\u{7}d\r", None).expect_err("refused");
    assert!(error.to_string().contains("U+0007"), "{error}");
    assert_eq!(error.position().map(|p| (p.line, p.column)), Some((2, 3)));

    // A line too long is named by its number, and a file of short lines is not one long line.
    let long = format!("source,target\ra,b\r{}\r", "x".repeat(2 * 1024 * 1024));
    let error = csv_edges::read("long.csv", &long, None).expect_err("refused");
    assert_eq!(
        error.position().map(|p| p.line),
        Some(3),
        "{}",
        error.position().unwrap()
    );
    let many = "a,b\r".repeat(300_000);
    let loaded = csv_edges::read("many.csv", &many, None).expect("short lines load");
    assert_eq!(loaded.dataset.entities.len(), 2);
}

#[test]
fn unterminated_quote_is_a_syntax_error_at_its_line() {
    let error =
        csv_edges::read("u.csv", &fixture("csv/unterminated.csv"), None).expect_err("refused");
    let LoadError::Syntax {
        position, message, ..
    } = &error
    else {
        panic!("expected a syntax error, got {error}");
    };
    assert_eq!((position.line, position.column), (3, 5));
    assert!(message.contains("never closed"), "{message}");
}

#[test]
fn unterminated_quote_in_node_table_names_the_node_table() {
    let nodes = NodeFile {
        file: "nodes.csv".to_owned(),
        text: "id,label\na,\"A\n".to_owned(),
    };
    let error = csv_edges::read("e.csv", "source,target\na,b\n", Some(nodes)).expect_err("refused");
    assert!(
        matches!(&error, LoadError::Syntax { file, position, .. } if file == "nodes.csv" && position.line == 2)
    );
}

#[test]
fn headers_that_are_not_an_edge_list_are_an_unknown_format() {
    let error = csv_edges::read("n.csv", &fixture("csv/not_edges.csv"), None).expect_err("refused");
    let LoadError::UnknownFormat { message, .. } = &error else {
        panic!("expected UnknownFormat, got {error}");
    };
    assert!(
        message.contains("\"id\", \"name\", \"country\""),
        "{message}"
    );
    assert!(message.contains("source and target"), "{message}");

    // A node table given as the edge list is refused the same way.
    let error =
        csv_edges::read("n.csv", &fixture("csv/gephi_nodes.csv"), None).expect_err("refused");
    assert!(matches!(error, LoadError::UnknownFormat { .. }));
}

#[test]
fn node_table_without_id_or_label_is_reported_and_not_used() {
    let nodes = NodeFile {
        file: "nodes.csv".to_owned(),
        text: "colour,size\nred,3\n".to_owned(),
    };
    let loaded = csv_edges::read("e.csv", "source,target\na,b\n", Some(nodes)).expect("loads");
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.json_path == "nodes.csv" && w.message.contains("\"colour\""))
    );
    assert_eq!(loaded.dataset.relations.len(), 1);
    // An unusable node table counts as none: the edge list's names are expected nodes.
    assert_eq!(
        loaded.report.warnings.len(),
        1,
        "{:#?}",
        loaded.report.warnings
    );
}

#[test]
fn node_table_positions_and_bad_numbers() {
    let nodes = NodeFile {
        file: "nodes.csv".to_owned(),
        text: "Id,Label,x,y\na,A,1.5,-2\nb,B,left,0\n".to_owned(),
    };
    let loaded = csv_edges::read("e.csv", "source\ttarget\na\tb\n", Some(nodes)).expect("loads");
    assert_eq!(loaded.report.format, "CSV edge list (tab-separated)");
    assert_eq!(loaded.dataset.positions.len(), 1);
    assert_eq!(
        (
            loaded.dataset.positions[0].1.x,
            loaded.dataset.positions[0].1.y
        ),
        (1.5, -2.0)
    );
    let b = loaded
        .dataset
        .entity_by_id("b")
        .and_then(|i| loaded.dataset.entity(i))
        .expect("b");
    assert_eq!(b.attributes["x"], "left");
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.json_path == "nodes.csv line 3")
    );
}

// ---------------------------------------------------------------------------------------
// FollowTheMoney

fn ftm_entities() -> Loaded {
    ftm::read_lines("entities.ftm", &fixture("ftm/entities.ftm")).expect("loads")
}

#[test]
fn ftm_things_become_nodes() {
    let loaded = ftm_entities();
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "FollowTheMoney entities (JSON lines)");
    // Company, Person, PublicBody, the unknown Spaceship and the Document (also a source).
    assert_eq!(dataset.entities.len(), 5, "{:#?}", dataset.entities);

    let huawei = entity(dataset, "c-huawei");
    assert_eq!(huawei.name, "Huawei Technologies");
    assert_eq!(huawei.kind, EntityKind::Company);
    assert_eq!(huawei.aliases, ["Huawei"]);
    assert_eq!(huawei.country.as_deref(), Some("CN"));
    assert_eq!(huawei.url.as_deref(), Some("https://www.huawei.com"));
    assert_eq!(huawei.attributes["incorporationDate"], "1987");

    let ren = entity(dataset, "p-ren");
    assert_eq!(ren.kind, EntityKind::Person);
    assert_eq!(ren.aliases, ["Ren"]);
    assert_eq!(ren.attributes["nationality"], "cn");

    assert_eq!(entity(dataset, "pb-xj").kind, EntityKind::GovernmentBody);
    let craft = entity(dataset, "x-1");
    assert_eq!(craft.kind, EntityKind::Other);
    assert_eq!(
        craft.name, "Mystery Craft",
        "a single string is read as one value"
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("Spaceship (1)") && n.contains("does not define")),
        "{:#?}",
        loaded.report.notes
    );
    let report = entity(dataset, "doc-annual");
    assert_eq!(report.name, "Huawei Annual Report 2019");
    assert_eq!(report.kind, EntityKind::Other);
    assert_eq!(report.attributes["kind"], "Document");
    assert_eq!(report.attributes["mimeType"], "application/pdf");
}

#[test]
fn ftm_relationships_become_relations_with_evidence() {
    let loaded = ftm_entities();
    let dataset = &loaded.dataset;
    assert_eq!(dataset.relations.len(), 3);

    let ownership = relation(dataset, "own-1");
    assert_eq!(
        ends(dataset, ownership),
        pair("Ren Zhengfei", "Huawei Technologies")
    );
    assert!(ownership.directed);
    assert_eq!(ownership.kind, RelationKind::InvestedIn);
    assert_eq!(ownership.label.as_deref(), Some("owns"));
    assert_eq!(ownership.when.start.as_deref(), Some("1987"));
    assert_eq!(ownership.attributes["percentage"], "1.4%");
    // The summary is the analyst's words, not a source's: the relation's description, and
    // the page and proof are cited without a quote.
    assert_eq!(
        ownership.description(),
        Some("Ren Zhengfei holds about 1.4% of Huawei's shares.")
    );
    assert!(!ownership.attributes.contains_key("summary"));
    assert_eq!(ownership.evidence.len(), 1);
    let evidence = &ownership.evidence[0];
    assert_eq!(evidence.quote, "", "a citation without a quote");
    let page = dataset
        .source(evidence.source.expect("a source"))
        .expect("source");
    assert_eq!(
        page.url.as_deref(),
        Some("https://example.org/registry/huawei")
    );
    assert_eq!(page.publisher.as_deref(), Some("Example Registry"));
    assert_eq!(evidence.cites.len(), 1);
    let document = dataset.source(evidence.cites[0]).expect("cited document");
    assert_eq!(document.source_id, "doc-annual");
    assert_eq!(document.title, "Huawei Annual Report 2019");
    assert_eq!(document.kind, SourceKind::Document);
    assert_eq!(document.publisher.as_deref(), Some("Huawei"));
    assert_eq!(document.date.as_deref(), Some("2020-03-31"));
    assert_eq!(
        document.url.as_deref(),
        Some("https://example.org/annual-2019.pdf")
    );

    let directorship = relation(dataset, "dir-1");
    assert_eq!(
        ends(dataset, directorship),
        pair("Ren Zhengfei", "Huawei Technologies")
    );
    assert_eq!(directorship.label.as_deref(), Some("Founder and CEO"));
    // With no page of its own, the proof document is the source of the evidence.
    assert_eq!(directorship.evidence.len(), 1);
    assert_eq!(
        directorship.evidence[0].source,
        dataset.source_by_id("doc-annual")
    );

    let link = relation(dataset, "link-1");
    assert_eq!(
        ends(dataset, link),
        pair("Huawei Technologies", "Xinjiang Public Security Bureau")
    );
    assert!(!link.directed);
    assert_eq!(link.label.as_deref(), Some("security contractor"));
    assert!(link.evidence.is_empty());

    assert_eq!(
        dataset.sources.len(),
        2,
        "the document and the registry page"
    );
}

#[test]
fn ftm_problem_lines_are_warned_and_set_aside() {
    let loaded = ftm_entities();
    let paths = warning_places(&loaded);
    assert_eq!(
        paths,
        ["line 9", "line 11"],
        "{:#?}",
        loaded.report.warnings
    );
    assert!(loaded.report.warnings[0].message.contains("schema"));
    let award = &loaded.report.warnings[1].message;
    assert!(
        award.contains("ContractAward") && award.contains("contract"),
        "{award}"
    );
    assert!(
        loaded
            .report
            .notes
            .iter()
            .any(|n| n.contains("Ownership (1)"))
    );
}

#[test]
fn ftm_invalid_json_line_is_a_syntax_error_at_its_line() {
    let error = ftm::read_lines("bad.ftm", &fixture("ftm/bad_json.ftm")).expect_err("refused");
    let LoadError::Syntax { position, .. } = &error else {
        panic!("expected a syntax error, got {error}");
    };
    assert_eq!(position.line, 2);
    assert!(error.to_string().contains("line 2"), "{error}");
}

/// A FollowTheMoney stream whose lines end in a lone `\r` (saved on an old Mac or by a tool
/// that writes them) is recognised as one and read line by line, with errors at their line.
#[test]
fn ftm_lines_ending_in_a_lone_return_are_detected_and_read() {
    let text = fixture("ftm/entities.ftm");
    let expected = chainsight::formats::load_bytes("entities.ftm", text.as_bytes()).expect("loads");
    for ends in ["\r", "\r\n"] {
        let changed = text.replace('\n', ends);
        let loaded =
            chainsight::formats::load_bytes("entities.ftm", changed.as_bytes()).expect("loads");
        assert_eq!(loaded.report.format, expected.report.format);
        assert_eq!(
            loaded.dataset.entities.len(),
            expected.dataset.entities.len()
        );
        assert_eq!(
            loaded.dataset.relations.len(),
            expected.dataset.relations.len()
        );
        assert_eq!(
            warning_places(&loaded),
            warning_places(&expected),
            "{ends:?}"
        );
    }
    let bad = fixture("ftm/bad_json.ftm").replace('\n', "\r");
    let error = chainsight::formats::load_bytes("bad.ftm", bad.as_bytes()).expect_err("refused");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");
    assert_eq!(error.position().map(|p| p.line), Some(2), "{error}");
}

#[test]
fn ftm_fragments_of_one_entity_are_merged() {
    let text = concat!(
        r#"{"id": "c1", "schema": "Company", "properties": {"name": ["IBM"]}}"#,
        "\n",
        r#"{"id": "c1", "schema": "Company", "properties": {"country": ["us"], "name": ["IBM"]}}"#,
        "\n"
    );
    let loaded = ftm::read_lines("f.ftm", text).expect("loads");
    assert_eq!(loaded.dataset.entities.len(), 1);
    assert_eq!(loaded.dataset.entities[0].country.as_deref(), Some("US"));
    assert!(loaded.dataset.entities[0].aliases.is_empty());
    assert!(loaded.report.warnings.is_empty());
}

/// FtM's `summary` and `description` are an analyst's words about a relationship, never a
/// source's verbatim words: they are the relation's description, and make no quote.
#[test]
fn ftm_summary_and_description_are_the_relation_s_description_not_a_quote() {
    let text = concat!(
        r#"{"id": "c1", "schema": "Company", "properties": {"name": ["IBM"]}}"#,
        "\n",
        r#"{"id": "c2", "schema": "Company", "properties": {"name": ["Huawei"]}}"#,
        "\n",
        r#"{"id": "own-1", "schema": "Ownership", "properties": {"owner": ["c1"], "asset": ["c2"], "summary": ["IBM owns a stake."]}}"#,
        "\n",
        r#"{"id": "pay-1", "schema": "Payment", "properties": {"payer": ["c2"], "beneficiary": ["c1"], "summary": ["Fees for consulting."], "description": ["Paid in two parts.", "Fees for consulting."], "sourceUrl": ["https://example.org/fees"]}}"#,
        "\n"
    );
    let loaded = ftm::read_lines("d.ftm", text).expect("loads");
    let dataset = &loaded.dataset;
    let ownership = relation(dataset, "own-1");
    assert_eq!(ownership.description(), Some("IBM owns a stake."));
    // With nothing cited it is a relation without evidence, as other readers make them.
    assert!(ownership.evidence.is_empty());
    let payment = relation(dataset, "pay-1");
    assert_eq!(
        payment.description(),
        Some("Fees for consulting.\n\nPaid in two parts."),
        "every summary, then every description, each once"
    );
    assert!(!payment.attributes.contains_key("summary"));
    let quotes: Vec<&str> = payment.evidence.iter().map(|e| e.quote.as_str()).collect();
    assert_eq!(quotes, [""], "the page cited without a quote");
    assert!(
        warnings_of(&loaded).is_empty(),
        "{:?}",
        warnings_of(&loaded)
    );
}

#[test]
fn ftm_entity_without_a_name_is_named_by_its_schema_and_the_start_of_its_id() {
    let hash = "a3f5c2d1e4b6a7c8d9e0f1a2b3c4d5e6f7a8b9c0";
    let text = format!(
        "{}\n{}\n{}\n",
        format_args!(
            r#"{{"id": "{hash}", "schema": "Person", "properties": {{"nationality": ["ru"]}}}}"#
        ),
        r#"{"id": "q42", "schema": "Company", "properties": {}}"#,
        r#"{"id": "b1", "schema": "Company", "properties": {"name": ["Acme Ltd"]}}"#,
    );
    let loaded = ftm::read_lines("u.ftm", &text).expect("loads");
    let names: Vec<(&str, &str)> = loaded
        .dataset
        .entities
        .iter()
        .map(|e| (e.entity_id.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            (hash, "Person a3f5c2d1…"),
            ("q42", "Company q42"),
            ("b1", "Acme Ltd")
        ]
    );
    let notes: Vec<&String> = loaded
        .report
        .notes
        .iter()
        .filter(|n| n.contains("no name"))
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", loaded.report.notes);
    assert!(
        notes[0].starts_with("2 entities have no name"),
        "{}",
        notes[0]
    );
}

#[test]
fn aleph_diagram_places_nodes_from_its_layout() {
    let text = fixture("ftm/diagram.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let loaded = ftm::read_diagram("diagram.json", value).expect("loads");
    let dataset = &loaded.dataset;
    assert_eq!(loaded.report.format, "Aleph diagram");
    assert_eq!(dataset.entities.len(), 2);
    let payment = relation(dataset, "pay-1");
    assert_eq!(ends(dataset, payment), pair("Huawei", "IBM"));
    assert_eq!(payment.label.as_deref(), Some("paid"));
    assert_eq!(payment.when.date.as_deref(), Some("2012"));
    assert_eq!(payment.attributes["amount"], "250000");
    assert_eq!(payment.attributes["currency"], "USD");

    let position = |id: &str| {
        let idx = dataset.entity_by_id(id).expect(id);
        let (_, position) = dataset
            .positions
            .iter()
            .find(|(e, _)| *e == idx)
            .expect("placed");
        (position.x, position.y)
    };
    let (x1, y1) = position("c1");
    let (x2, y2) = position("c2");
    assert!(
        x1 < x2 && y1 < y2,
        "layout order kept: ({x1}, {y1}) vs ({x2}, {y2})"
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );

    // The same file given to the JSON-lines reader is recognised as a diagram.
    let again = ftm::read_lines("diagram.json", &text).expect("loads");
    assert_eq!(again.report.format, "Aleph diagram");
    assert_eq!(again.dataset.positions.len(), 2);
}

// ---------------------------------------------------------------------------------------
// Empty and garbage input

const GARBAGE: &[&str] = &[
    "",
    "   \n\n",
    "\u{feff}",
    "garbage",
    "\"",
    "\"\"\"",
    ",,,\n;;;\n",
    "a\n",
    "{",
    "[1, 2, 3]",
    "{}",
    "null",
    "\u{0}\u{1}\u{2}",
    "source,target\n",
    "source,target\n,\n",
    "{\"schema\": 5, \"properties\": []}",
    "{\"id\": \"x\", \"schema\": \"Ownership\", \"properties\": {\"owner\": [\"a\"], \"asset\": [\"a\"]}}",
    "é;ü\n\"ö\";\"\"",
];

#[test]
fn empty_and_garbage_input_never_panics() {
    for text in GARBAGE {
        let csv_result = csv_edges::read("g.csv", text, None);
        let csv_with_table = csv_edges::read(
            "g.csv",
            "source,target\na,b\n",
            Some(NodeFile {
                file: "n.csv".to_owned(),
                text: (*text).to_owned(),
            }),
        );
        let ftm_result = ftm::read_lines("g.ftm", text);
        // A load that succeeds is consistent.
        for loaded in [csv_result, csv_with_table, ftm_result]
            .into_iter()
            .flatten()
        {
            assert_eq!(loaded.report.entity_count, loaded.dataset.entities.len());
        }
    }
    assert!(csv_edges::read("e.csv", "", None).is_err());
    assert!(ftm::read_lines("e.ftm", "").is_err());
    assert!(ftm::read_diagram("d.json", serde_json::Value::Null).is_err());
    assert!(ftm::read_diagram("d.json", serde_json::json!({"entities": "x"})).is_err());
    let empty = ftm::read_diagram("d.json", serde_json::json!({"entities": []})).expect("loads");
    assert!(empty.dataset.entities.is_empty());
}

#[test]
fn a_row_that_would_make_too_many_relations_is_capped_and_reported() {
    // 2,000 names in From and 2,000 in To would make 4 million pairs.
    let names = |prefix: &str| {
        (0..2_000)
            .map(|i| format!("{prefix}{i}"))
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let text = format!("From,To\n{},{}\nx,y\n", names("a"), names("b"));
    let started = std::time::Instant::now();
    let loaded = csv_edges::read("kumu.csv", &text, None).expect("loads");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(
        loaded.report.relation_count,
        csv_edges::MAX_RELATIONS_PER_ROW + 1
    );
    let warning = loaded
        .report
        .warnings
        .iter()
        .find(|w| w.json_path == "line 2")
        .expect("the capped row is reported");
    assert!(warning.message.contains("4000000 pairs"), "{warning:?}");
    assert!(
        loaded.report.notes.iter().any(|n| n.contains("cut at")),
        "{:?}",
        loaded.report.notes
    );
}

#[test]
fn only_plausible_tables_are_read_as_csv() {
    // Control characters.
    let error = csv_edges::read("ctl.csv", "a,b\nc,\u{7}\u{1b}d\n", None).expect_err("refused");
    assert!(
        error.to_string().contains("control character (U+0007)"),
        "{error}"
    );
    assert_eq!(error.position().map(|p| (p.line, p.column)), Some((2, 3)));
    // Prose with commas is not a plain edge list.
    let prose = "It was the best of times, it was the worst of times, it was the age of wisdom, \
                 it was the age of foolishness, it was the epoch of belief\n\
                 There were a king with a large jaw and a queen with a plain face, on the throne \
                 of England\n";
    let error = csv_edges::read("prose.txt", prose, None).expect_err("refused");
    assert_eq!(
        error.to_string(),
        "prose.txt: line 2, column 1: this looks like text, not a table of links: \"There were \
         a king with a large jaw and a queen with a plain face\" has 15 words, more than a name \
         has; expected a header row naming the source and target columns, such as \
         source,target (a file with no header must hold only names, such as IBM,Huawei)"
    );
    // One 6 MB line, reported with a short excerpt.
    let huge = format!("source,target,{}\n", "x".repeat(6 * 1024 * 1024));
    let started = std::time::Instant::now();
    let error = csv_edges::read("huge.csv", &huge, None).expect_err("refused");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let message = error.to_string();
    assert!(
        message.contains("bytes long"),
        "{}",
        &message[..200.min(message.len())]
    );
    assert!(
        message.len() < 500,
        "the line is not echoed: {} bytes",
        message.len()
    );
    // Mostly single words, one per line: not a list of pairs.
    let error = csv_edges::read("words.txt", "a,b\nc\nd\ne\nf\n", None).expect_err("refused");
    assert!(error.to_string().contains("two or more"), "{error}");
    // Whole files through the loader: refused, never loaded as an edge list.
    for bytes in [
        b"\x01\x02\x03,\x04\x05\n\x06,\x07\n".to_vec(),
        prose.as_bytes().to_vec(),
        huge.into_bytes(),
    ] {
        assert!(chainsight::formats::load_bytes("f", &bytes).is_err());
    }
}

/// How a refusal of text ends: what a table needs instead.
const EXPECTED_TABLE: &str = "expected a header row naming the source and target columns, such \
                              as source,target (a file with no header must hold only names, \
                              such as IBM,Huawei)";

/// A reviewer's notes.txt, one line of prose with a comma in it, was opened as a link from
/// "This is just a text file" to "not a graph." with no warning. It is text: refused at its
/// line, saying what a table of links needs.
#[test]
fn a_line_of_prose_is_refused_as_text_not_read_as_a_link() {
    let expected = format!(
        "notes.txt: line 1, column 1: this looks like text, not a table of links: \"This is \
         just a text file, not a graph.\" reads as a sentence, not as names; {EXPECTED_TABLE}"
    );
    let error = chainsight::formats::load_path(&fixture_path("csv/notes.txt"))
        .expect_err("text is no graph");
    assert!(matches!(error, LoadError::Syntax { .. }), "{error:?}");
    assert_eq!(error.to_string(), expected);
    let error =
        chainsight::formats::load_bytes("notes.txt", b"This is just a text file, not a graph.")
            .expect_err("without a line end too");
    assert_eq!(error.to_string(), expected);
}

/// Text in other shapes: each refused at the line (and cell) that gives it away.
#[test]
fn prose_is_refused_at_the_line_that_reads_as_text() {
    let cases: [(&str, &str, (usize, usize), &str); 10] = [
        // One sentence, no comma: one cell.
        (
            "one sentence",
            "This is just a text file.\n",
            (1, 1),
            "\"This is just a text file.\" reads as a sentence, not as a name",
        ),
        ("short", "Yes, thanks.\n", (1, 1), "reads as a sentence"),
        (
            "German",
            "Das ist nur eine Textdatei, kein Graph.\n",
            (1, 1),
            "reads as a sentence",
        ),
        (
            "French",
            "Ceci n'est pas un graphe, juste du texte !\n",
            (1, 1),
            "reads as a sentence",
        ),
        (
            "byte-order mark and indent",
            "\u{feff}  Hello there, this is not a graph.\n",
            (1, 3),
            "\"Hello there, this is not a graph.\" reads as a sentence",
        ),
        (
            "a quoted sentence",
            "\"Well, I never!\" she said, and left.\n",
            (1, 1),
            "reads as a sentence",
        ),
        (
            "a note after data",
            "IBM,Huawei\nHuawei,Hikvision\n\nI still need to check these two, ask Anna.\n",
            (4, 1),
            "\"I still need to check these two, ask Anna.\" reads as a sentence",
        ),
        (
            "a long cell",
            "IBM,Huawei\nHuawei,It was a bright cold day in April and the clocks were striking \
             thirteen\n",
            (2, 8),
            "has 14 words, more than a name has",
        ),
        (
            "prose wrapped at a fixed width",
            "We met with the whole team on Monday, and we discussed the\n\
             plans for the coming year, including the budget for the new\n\
             office in Lyon and the hiring of two more people, which\n",
            (1, 1),
            "3 of its 3 lines hold running text such as \"We met with the whole team on \
             Monday\", not names",
        ),
        (
            "wrapped, the clause second",
            "IBM, which we visited on the second day\nof the trip, was not\n",
            (1, 6),
            "running text such as \"which we visited on the second day\"",
        ),
    ];
    for (what, text, (line, column), says) in cases {
        // The same text with old Mac line ends (a lone `\r`) is refused at the same place.
        for text in [text.to_owned(), text.replace('\n', "\r")] {
            let what = &format!("{what} ({:?} line ends)", &text[text.len() - 1..]);
            let error =
                chainsight::formats::load_bytes("notes.txt", text.as_bytes()).expect_err(what);
            assert!(
                matches!(error, LoadError::Syntax { .. }),
                "{what}: {error:?}"
            );
            assert_eq!(
                error.position().map(|p| (p.line, p.column)),
                Some((line, column)),
                "{what}: {error}"
            );
            let message = error.to_string();
            assert!(
                message.contains("this looks like text, not a table of links: "),
                "{what}: {message}"
            );
            assert!(message.contains(says), "{what}: {message}");
            assert!(message.ends_with(EXPECTED_TABLE), "{what}: {message}");
        }
    }
}

/// Lists with no header as tools and people write them keep loading, each with the warning
/// that no header was found and how the columns were read.
#[test]
fn headerless_lists_of_names_load_with_a_warning() {
    let warning = |reading: &str| {
        format!(
            "no header found: no column is named source and target (or from and to), so the \
             first row was read as data, with {reading}; if the first row names the columns, \
             call them source and target"
        )
    };
    let two_columns = "the first two columns as source and target";
    let cases: [(&str, &str, usize); 10] = [
        ("Gephi's plain list", "IBM;Huawei\nHuawei;Hikvision\n", 2),
        ("one link", "a,b\n", 1),
        ("one link, no line end", "Huawei,IBM", 1),
        (
            "R's write.csv without column names",
            "\"IBM\",\"Huawei\"\n\"Huawei\",\"Hikvision\"\n",
            2,
        ),
        ("SNAP's numbered nodes", "1\t2\n2\t3\n3\t1\n", 3),
        ("weighted", "a,b,2\nb,c,0.5\n", 2),
        (
            "kinds in long phrases",
            "Acme\tBeta\tis a board member of\nBeta\tGamma\tis a board member of\n",
            2,
        ),
        (
            "names that end in a full stop",
            "Acme Inc.,Beta Ltd.\nBeta Ltd.,Gamma S.A.\n",
            2,
        ),
        ("a greeting-like pair of names", "Hello,World\n", 1),
        (
            "names in a script without case",
            "华为,海康威视\n海康威视,乌鲁木齐\n",
            2,
        ),
    ];
    for (what, text, relations) in cases {
        let loaded = chainsight::formats::load_bytes("list.csv", text.as_bytes())
            .unwrap_or_else(|error| panic!("{what}: {error}"));
        assert_eq!(loaded.dataset.relations.len(), relations, "{what}");
        assert!(loaded.report.format.ends_with(", no header)"), "{what}");
        let warnings = &loaded.report.warnings;
        assert_eq!(warnings.len(), 1, "{what}: {warnings:#?}");
        assert_eq!(warnings[0].json_path, "line 1", "{what}");
        // The warning says how the columns were read; no note says it again.
        let reading = match what {
            "weighted" => "the first two columns as source and target and the third as the weight",
            "kinds in long phrases" => {
                "the first two columns as source and target and the third as the kind of relation"
            }
            _ => two_columns,
        };
        assert_eq!(warnings[0].message, warning(reading), "{what}");
        let notes = &loaded.report.notes;
        assert!(
            !notes.iter().any(|n| n.contains("header")),
            "{what}: {notes:#?}"
        );
    }

    // Real names: capitalised, with full stops, commas in quotes, function words.
    let loaded = csv("csv/headerless_names.csv");
    assert_eq!(
        pairs(&loaded.dataset),
        [
            pair("Huawei", "IBM"),
            pair("Huawei Technologies Co., Ltd.", "Hikvision"),
            pair(
                "Ministry of Public Security",
                "Xinjiang Public Security Bureau"
            ),
            pair("Acme Inc.", "Beta Ltd."),
            pair("J.P. Morgan Chase & Co.", "Bank of America N.A."),
            pair(
                "Agency for the Protection of the Environment",
                "Office of the President"
            ),
            pair("n1", "n2"),
        ]
    );
    assert_eq!(loaded.report.warnings.len(), 1);

    // Gephi's adjacency list: the warning says every other column is a target.
    let adjacency = csv_edges::read("adj.csv", "a;b;c\nb;c\n", None).expect("loads");
    assert_eq!(
        adjacency.report.warnings[0].message,
        warning(
            "the first column as the source and each other column as a target (Gephi's \
             adjacency list)"
        )
    );

    // With a header there is nothing to warn about.
    let headed = csv_edges::read("e.csv", "source,target\na,b\n", None).expect("loads");
    assert!(headed.report.warnings.is_empty());
}

#[test]
fn react_ftm_vis_files_keep_their_entities_under_the_layout() {
    let loaded = chainsight::formats::load_path(&fixture_path("ftm/diagram.vis")).expect("loads");
    let dataset = &loaded.dataset;
    assert!(
        loaded.report.format.contains(".vis"),
        "{}",
        loaded.report.format
    );
    assert_eq!(dataset.entities.len(), 2);
    let ownership = relation(dataset, "own-1");
    assert_eq!(ends(dataset, ownership), pair("IBM", "Huawei"));
    assert_eq!(
        dataset.positions.len(),
        2,
        "vertex positions from the layout"
    );
}

#[test]
fn ftm_captions_label_entities_and_documents() {
    let text = r#"{"id": "c1", "schema": "Company", "caption": "IBM Corp", "properties": {"name": ["IBM", "International Business Machines"]}}
{"id": "c2", "schema": "Company", "properties": {"name": ["Huawei"]}}
{"id": "e1", "schema": "Email", "properties": {"subject": ["Re: the deal"]}}
{"id": "d1", "schema": "Pages", "caption": "Contract.pdf", "properties": {"fileName": ["c.pdf"]}}
{"id": "own", "schema": "Ownership", "properties": {"owner": ["c1"], "asset": ["c2"], "proof": ["d1"]}}
"#;
    let loaded = ftm::read_lines("t.ftm", text).expect("loads");
    let d = &loaded.dataset;
    let ibm = &d.entities[d.entity_by_id("c1").unwrap().0];
    assert_eq!(ibm.name, "IBM Corp");
    assert!(ibm.aliases.contains(&"IBM".to_owned()), "{:?}", ibm.aliases);
    let huawei = &d.entities[d.entity_by_id("c2").unwrap().0];
    assert_eq!(huawei.name, "Huawei");
    let titles: Vec<&str> = d.sources.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"Re: the deal"), "{titles:?}");
    assert!(titles.contains(&"Contract.pdf"), "{titles:?}");
}

#[test]
fn an_ftm_relationship_naming_thousands_on_each_side_is_capped() {
    let ids = |prefix: &str| {
        (0..1_000)
            .map(|i| format!("\"{prefix}{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let text = format!(
        "{{\"id\": \"own\", \"schema\": \"Ownership\", \"properties\": {{\"owner\": [{}], \"asset\": [{}]}}}}\n{{\"id\": \"x\", \"schema\": \"Company\", \"properties\": {{\"name\": [\"X\"]}}}}\n",
        ids("a"),
        ids("b")
    );
    let loaded = ftm::read_lines("big.ftm", &text).expect("loads");
    assert_eq!(loaded.report.relation_count, ftm::MAX_RELATIONS_PER_ENTITY);
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.message.contains("1000000 pairs")),
        "{:?}",
        &loaded.report.warnings[..3.min(loaded.report.warnings.len())]
    );
}

#[test]
fn csv_reads_interaction_summary_and_excerpt_as_xml_and_json_do() {
    let loaded = csv_edges::read(
        "sif.csv",
        "source,target,interaction,summary,excerpt\n\
         IBM,Huawei,supplied,consulting from 2000,\"IBM advised Huawei\"\n",
        None,
    )
    .expect("loads");
    let relation = &loaded.dataset.relations[0];
    assert_eq!(relation.kind, RelationKind::Supplied);
    assert_eq!(relation.attributes["description"], "consulting from 2000");
    assert_eq!(relation.evidence.len(), 1);
    assert_eq!(relation.evidence[0].quote, "IBM advised Huawei");
}

#[test]
fn only_quote_columns_make_quotes() {
    for (header, quoted) in [
        ("quote", true),
        ("Quote", true),
        ("excerpt", true),
        ("Evidence", true),
        ("Description", false),
        ("summary", false),
        ("title", false),
        ("notes", false),
    ] {
        let loaded = csv_edges::read(
            "words.csv",
            &format!("source,target,{header}\na,b,IBM sold the servers\n"),
            None,
        )
        .expect("loads");
        let relation = &loaded.dataset.relations[0];
        let quotes: Vec<&str> = relation.evidence.iter().map(|e| e.quote.as_str()).collect();
        if quoted {
            assert_eq!(quotes, ["IBM sold the servers"], "{header}");
        } else {
            assert!(quotes.is_empty(), "{header}: {quotes:?}");
            assert!(
                relation
                    .attributes
                    .values()
                    .any(|v| v == "IBM sold the servers"),
                "{header}: kept"
            );
        }
    }
}

/// `every-schema.ftm`: documents of every kind, relationship and interval schemas of every
/// kind, each line of which must become an entity or a relation.
fn every_schema() -> Loaded {
    ftm::read_lines("every-schema.ftm", &fixture("ftm/every-schema.ftm")).expect("loads")
}

#[test]
fn every_ftm_document_schema_becomes_an_entity_and_a_source() {
    let loaded = every_schema();
    let dataset = &loaded.dataset;
    let documents = [
        ("doc-1", "Document", "Board minutes, March"),
        ("pages-1", "Pages", "Scanned contract"),
        // A page has no name: its schema and id stand for one.
        ("page-1", "Page", "Page page-1"),
        ("table-1", "Table", "shipments.csv"),
        ("mail-1", "Email", "Re: the March invoice"),
        ("folder-1", "Folder", "Leaked files"),
        ("text-1", "PlainText", "notes.txt"),
        ("html-1", "HyperText", "Orbis press page"),
        ("image-1", "Image", "warehouse.jpg"),
        ("video-1", "Video", "dock.mp4"),
        ("audio-1", "Audio", "call.mp3"),
        ("book-1", "Workbook", "accounts.xlsx"),
        ("zip-1", "Package", "archive.zip"),
    ];
    for (id, schema, name) in documents {
        let document = entity(dataset, id);
        assert_eq!(document.name, name, "{id}");
        assert_eq!(document.kind, EntityKind::Other, "{id}");
        assert_eq!(document.attributes["kind"], schema, "{id}");
        assert!(dataset.source_by_id(id).is_some(), "{id} is also a source");
    }
    // Labels: the caption, then the name, then another naming property.
    assert_eq!(entity(dataset, "co-1").name, "Orbis Holdings Ltd");
    assert_eq!(
        entity(dataset, "co-1").aliases,
        ["Orbis Holdings", "ORBIS HOLDINGS LIMITED"]
    );
    assert_eq!(entity(dataset, "co-2").name, "Tessera Logistics");
    assert_eq!(entity(dataset, "passport-1").name, "P1234567");
    assert_eq!(
        entity(dataset, "pe-3").name,
        "Lena D.",
        "an alias names an entity without a name"
    );
    // Every line is something: 20 entities (and the sanctions authority), no warning.
    assert_eq!(dataset.entities.len(), 20 + 1);
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
}

#[test]
fn every_ftm_relationship_schema_becomes_a_relation() {
    let loaded = every_schema();
    let dataset = &loaded.dataset;
    let relations = [
        ("own-1", "Orbis Holdings Ltd", "Tessera Logistics", "owns"),
        ("dir-1", "Ana Duarte", "Orbis Holdings Ltd", "Chair"),
        (
            "mem-1",
            "Tessera Logistics",
            "Harbour Chamber of Commerce",
            "member of",
        ),
        ("emp-1", "Tessera Logistics", "Marc Keller", "employed"),
        ("pay-1", "Orbis Holdings Ltd", "Marc Keller", "paid"),
        (
            "unk-1",
            "Marc Keller",
            "Harbour Chamber of Commerce",
            "lobbyist",
        ),
        ("assoc-1", "Ana Duarte", "Marc Keller", "business partner"),
        ("fam-1", "Ana Duarte", "Lena D.", "sister"),
        ("rep-1", "Marc Keller", "Tessera Logistics", "lawyer"),
        (
            "succ-1",
            "Tessera Logistics",
            "Orbis Holdings Ltd",
            "succeeded by",
        ),
        (
            "docu-1",
            "Re: the March invoice",
            "Orbis Holdings Ltd",
            "invoice",
        ),
        ("ctrl-1", "Ana Duarte", "Tessera Logistics", "nominee"),
        (
            "sanc-1",
            "Office of Foreign Assets Control",
            "Orbis Holdings Ltd",
            "SDGT",
        ),
        (
            "sanc-2",
            "Office of Foreign Assets Control",
            "Marc Keller",
            "sanctions",
        ),
        ("ment-1", "Scanned contract", "Marc Keller", "mentions"),
        ("sim-1", "Ana Duarte", "Lena D.", "similar to"),
        // Properties FtM types as references to another entity, naming one by its id.
        (
            "page-1.document",
            "Page page-1",
            "Scanned contract",
            "document",
        ),
        ("passport-1.holder", "P1234567", "Ana Duarte", "holder"),
    ];
    for (id, source, target, label) in relations {
        let relation = relation(dataset, id);
        assert_eq!(ends(dataset, relation), pair(source, target), "{id}");
        assert_eq!(relation.display_label(), label, "{id}");
    }
    assert_eq!(dataset.relations.len(), relations.len());
    // The sanctions authority, named twice, is one entity; the report says where it came from.
    let authority = entity(dataset, "authority:Office of Foreign Assets Control");
    assert_eq!(authority.kind, EntityKind::GovernmentBody);
    let notes = loaded.report.notes.join("\n");
    assert!(notes.contains("1 sanctions authority"), "{notes}");
    assert!(
        notes.contains("Sanction (2)") && notes.contains("Documentation (1)"),
        "{notes}"
    );
    assert!(
        notes.contains(
            "properties naming another entity read as relations: document (1), holder (1)"
        ),
        "{notes}"
    );
    let passport = entity(dataset, "passport-1");
    assert!(
        !passport.attributes.contains_key("holder"),
        "the id is a relation now, not an attribute: {:?}",
        passport.attributes
    );
    // An e-mail's "from" is text in FtM (its reference is "emitters"): kept as written,
    // though it reads like an entity's id.
    let mail = entity(dataset, "mail-1");
    assert_eq!(
        mail.attributes.get("from").map(String::as_str),
        Some("pe-1")
    );
}

#[test]
fn an_ftm_address_entity_is_a_relation_and_a_name_is_never_a_reference() {
    let text = r#"{"id": "c", "schema": "Company", "properties": {"name": ["Acme"], "addressEntity": ["a", "nowhere"], "alias": ["a"]}}
{"id": "a", "schema": "Address", "properties": {"full": ["1 Harbour Road"]}}
"#;
    let loaded = ftm::read_lines("t.ftm", text).expect("loads");
    let dataset = &loaded.dataset;
    let address = relation(dataset, "c.addressEntity");
    assert_eq!(ends(dataset, address), pair("Acme", "1 Harbour Road"));
    assert_eq!(address.display_label(), "address");
    assert_eq!(
        dataset.relations.len(),
        1,
        "an alias equal to an id is a name"
    );
    let company = entity(dataset, "c");
    assert_eq!(
        company.attributes.get("addressEntity").map(String::as_str),
        Some("nowhere"),
        "a value naming no entity stays an attribute"
    );
    assert_eq!(company.aliases, ["a"]);
}

#[test]
fn an_ftm_relationship_lacking_an_end_is_reported_not_dropped_silently() {
    let text = r#"{"id": "c", "schema": "Company", "properties": {"name": ["C"]}}
{"id": "m", "schema": "Mention", "properties": {"document": ["c"], "name": ["unresolved name"]}}
{"id": "s", "schema": "Sanction", "properties": {"entity": ["c"]}}
"#;
    let loaded = ftm::read_lines("t.ftm", text).expect("loads");
    let warnings: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Mention") && w.contains("resolved")),
        "{warnings:?}"
    );
    // A sanction naming no authority starts from one unnamed authority.
    let dataset = &loaded.dataset;
    assert_eq!(
        ends(dataset, relation(dataset, "s")),
        pair("unnamed sanctions authority", "C")
    );
}

/// Gephi's own test table `id,label,source,target,kind,type,weight`: `type` gives the
/// direction, and the `kind` column, a type outside Chainsight's kinds beside a label, is kept
/// under its own name (it was kept as the attribute `type`, with no word).
#[test]
fn a_kind_column_beside_a_direction_type_keeps_its_name() {
    let loaded = csv("csv/gephi_edges_kind_column.csv");
    let dataset = &loaded.dataset;
    let first = relation(dataset, "1");
    assert!(first.directed);
    assert_eq!(first.kind, RelationKind::Other);
    assert_eq!(first.label.as_deref(), Some("1"));
    assert_eq!(first.weight, Some(2.0));
    assert_eq!(first.attributes.get("kind").map(String::as_str), Some("8"));
    assert!(
        !first.attributes.contains_key("type"),
        "{:?}",
        first.attributes
    );
    let second = relation(dataset, "2");
    assert!(!second.directed);
    assert_eq!(second.attributes.get("kind").map(String::as_str), Some("1"));
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}
