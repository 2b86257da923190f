//! Property tests for the importers and exporters (proptest; see docs/FUZZING.md).
//!
//! 1. Any dataset Chainsight can hold, written in any export format and opened again, comes
//!    back the same (compared by ids, as `tests/round_trip.rs` does) and without warnings.
//! 2. Opening anything at all (random bytes, random text, token soup, damaged exports)
//!    returns `Ok` or `Err` and never panics; and whatever opens survives a round trip
//!    through every export format with the same counts (the fuzz target's check).
//!
//! Case counts are modest so that `cargo test` stays fast; raise them with
//! `PROPTEST_CASES=10000 cargo test --test properties` for a longer search.

mod common;
use common::essentials;
use std::collections::BTreeMap;

use chainsight::formats::{self, ExportFormat, vocabulary};
use chainsight::model::{
    Dataset, Entity, EntityIdx, EntityKind, Evidence, Metadata, Position, Relation, RelationKind,
    RelationStatus, Source, SourceIdx, SourceKind, Speaker, When,
};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

// ---------------------------------------------------------------- comparing datasets

/// Writes `original` as `format`, opens it again and checks that nothing changed.
fn assert_round_trip(original: &Dataset, format: ExportFormat) -> Result<(), TestCaseError> {
    let text = format.write(original);
    let name = format!("property.{}", format.extension());
    let loaded = formats::load_bytes(&name, text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{format:?} cannot read back: {e}\n{text}")))?;
    // A relation without evidence, and a link that will not be opened (arbitrary text after
    // the scheme), are reported by the Chainsight reader: the warnings a valid dataset may give.
    let unexpected: Vec<_> = loaded
        .report
        .warnings
        .iter()
        .filter(|w| {
            let unsourced: Vec<String> = original
                .relations
                .iter()
                .filter(|r| r.evidence.is_empty())
                .map(|r| r.relation_id.clone())
                .collect();
            let no_evidence = w.json_path == "relations"
                && formats::native::no_evidence_message(&unsourced).as_ref() == Some(&w.message);
            let refused_link =
                w.json_path.rsplit('.').next() == Some("url") && w.message.contains("never opened");
            !no_evidence && !refused_link
        })
        .collect();
    prop_assert!(
        unexpected.is_empty(),
        "{:?} warned: {:#?}\n{}",
        format,
        unexpected,
        text
    );
    let (before, after) = (essentials(original), essentials(&loaded.dataset));
    for (key, value) in &before {
        prop_assert_eq!(
            after.get(key),
            Some(value),
            "{:?} changed {}\n{}",
            format,
            key,
            text
        );
    }
    prop_assert_eq!(
        before.len(),
        after.len(),
        "{:?} added records\n{}",
        format,
        text
    );
    Ok(())
}

/// What a round trip must keep of any dataset: its entities, relations, evidence items and
/// sources (every format escapes attributes named like its fields).
fn counts(dataset: &Dataset) -> Vec<usize> {
    vec![
        dataset.entities.len(),
        dataset.relations.len(),
        dataset.evidence_count(),
        dataset.sources.len(),
    ]
}

/// What the fuzz target checks: `bytes` opens or fails cleanly, and whatever opens can be
/// written in every format and read back with the same [`counts`].
fn assert_loads_or_fails_cleanly(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(loaded) = formats::load_bytes("property.json", bytes) else {
        return Ok(());
    };
    for format in ExportFormat::ALL {
        let text = format.write(&loaded.dataset);
        let reloaded = formats::load_bytes("again", text.as_bytes()).map_err(|e| {
            TestCaseError::fail(format!("{format:?} cannot read back: {e}\n{text}"))
        })?;
        prop_assert_eq!(
            counts(&loaded.dataset),
            counts(&reloaded.dataset),
            "{:?} changed [entities, relations, evidence, sources]\n{}",
            format,
            text
        );
    }
    Ok(())
}

// ---------------------------------------------------------------- generating datasets

/// Characters that stress escaping and decoding: markup, quotes, separators, line breaks,
/// tabs, and non-ASCII (accents, CJK, right-to-left, emoji, zero-width and no-break spaces).
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::char::range('a', 'z'),
        2 => prop::char::range('A', 'Z'),
        2 => prop::char::range('0', '9'),
        4 => select(vec![
            ' ', '"', '\'', '&', '<', '>', '\\', '/', '|', ':', ';', ',', '.', '{', '}', '[', ']',
            '#', '%', '=', '-', '_', '\n', '\t', '\r',
        ]),
        2 => select(vec![
            'é', 'ß', 'ø', 'Ж', '中', '文', 'ع', '😀', '\u{200b}', '\u{a0}', '\u{2028}', '\u{feff}',
        ]),
    ]
}

/// Any text of 0 to `max` characters.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

/// Text that is not empty or only whitespace (what ids, names, titles and quotes must be).
fn filled(max: usize) -> impl Strategy<Value = String> {
    text(max).prop_filter("blank", |t| !t.trim().is_empty())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date() -> impl Strategy<Value = String> {
    (0u32..=9999, 1u32..=12, 1u32..=31, 0..3).prop_map(|(y, m, d, parts)| match parts {
        0 => format!("{y:04}"),
        1 => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// An http or https link (anything else is reported on load).
fn url() -> impl Strategy<Value = String> {
    (select(vec!["https://", "http://"]), text(16))
        .prop_map(|(scheme, rest)| scheme.to_owned() + &rest)
}

/// Names the JSON formats (JGF, networkx) give their own fields, which their writers escape
/// (`attribute:url`), as GEXF and GraphML do theirs; left out of [`Names::Free`] so that the
/// plain round trip tests plain names. Besides these, any name of `formats::vocabulary` (in
/// any spelling: `Start Date`, `start-date`) is one.
const JSON_FIELD_NAMES: &[&str] = &[
    // Nodes (`fields::node_from_fields`, JGF's `metadata`, node-link's `attributes`).
    "id",
    "key",
    "label",
    "name",
    "title",
    "description",
    "summary",
    "comment",
    "kind",
    "type",
    "category",
    "group",
    "schema",
    "class",
    "url",
    "href",
    "link",
    "website",
    "x",
    "y",
    "index",
    "vx",
    "vy",
    "fx",
    "fy",
    "aliases",
    "country",
    "metadata",
    "attributes",
    // Edges (`fields::edge_from_fields`, the endpoints, and what Chainsight adds).
    "source",
    "target",
    "from",
    "to",
    "directed",
    "undirected",
    "arrows",
    "direction",
    "relation",
    "interaction",
    "relationship",
    "caption",
    "weight",
    "value",
    "date",
    "year",
    "start",
    "startDate",
    "start_date",
    "from_date",
    "end",
    "endDate",
    "end_date",
    "to_date",
    "evidence",
    "quote",
    "sourceUrl",
    "source_url",
    "publisher",
    "status",
];

/// Names any reader might take for a field: the JSON ones, and those GEXF and GraphML know.
const FIELD_NAMES: &[&str] = &[
    "id",
    "key",
    "label",
    "name",
    "title",
    "description",
    "summary",
    "comment",
    "kind",
    "type",
    "category",
    "group",
    "schema",
    "class",
    "url",
    "href",
    "link",
    "website",
    "x",
    "y",
    "z",
    "index",
    "vx",
    "vy",
    "fx",
    "fy",
    "aliases",
    "country",
    "metadata",
    "attributes",
    "data",
    "source",
    "target",
    "from",
    "to",
    "directed",
    "undirected",
    "arrows",
    "direction",
    "relation",
    "interaction",
    "relationship",
    "caption",
    "weight",
    "value",
    "date",
    "year",
    "start",
    "startDate",
    "start_date",
    "from_date",
    "end",
    "endDate",
    "end_date",
    "to_date",
    "evidence",
    "quote",
    "sourceUrl",
    "source_url",
    "sourceurl",
    "publisher",
    "status",
    "placeholder",
    "parent",
    "color",
    "size",
    "shape",
    "thickness",
    "image",
    "pid",
    "timestamp",
    "startopen",
    "endopen",
    "Type",
    "KIND",
    "Label",
    "Source URL",
    "start-date",
    "attribute:type",
    "attribute:x",
];

/// Which attribute names a dataset gets.
#[derive(Clone, Copy, Debug)]
enum Names {
    /// Any text but the JSON formats' field names.
    Free,
    /// Only the names of fields, the ones writers must escape.
    Fields,
}

fn attribute_name(names: Names) -> BoxedStrategy<String> {
    match names {
        Names::Free => filled(10)
            .prop_filter("a JSON field name", |name| {
                !JSON_FIELD_NAMES.contains(&name.as_str()) && !vocabulary::is_field_name(name)
            })
            .boxed(),
        Names::Fields => select(FIELD_NAMES).prop_map(str::to_owned).boxed(),
    }
}

fn attributes(names: Names) -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(attribute_name(names), text(12), 0..=3)
}

fn source(source_id: String) -> impl Strategy<Value = Source> {
    (
        filled(16),
        select(SourceKind::ALL),
        proptest::option::of(text(12)),
        proptest::option::of(text(12)),
        proptest::option::of(date()),
        proptest::option::of(url()),
        proptest::option::of(filled(12)),
    )
        .prop_map(
            move |(title, kind, author, publisher, date, url, text_file)| Source {
                source_id: source_id.clone(),
                title,
                kind,
                author,
                publisher,
                date,
                url,
                text_file,
            },
        )
}

/// An alias as GEXF and GraphML can carry it: they join aliases with `|` and trim each, so
/// an alias has no `|` and no surrounding whitespace (see docs/FUZZING.md).
fn alias() -> impl Strategy<Value = String> {
    filled(10).prop_map(|alias| alias.replace('|', "/").trim().to_owned())
}

fn entity(entity_id: String, names: Names) -> impl Strategy<Value = Entity> {
    (
        filled(12),
        select(EntityKind::ALL),
        prop::collection::vec(alias(), 0..=3),
        // GEXF and GraphML read a blank column as no value: see docs/FUZZING.md.
        proptest::option::of(filled(8)),
        proptest::option::of(filled(20)),
        proptest::option::of(url()),
        attributes(names),
    )
        .prop_map(
            move |(name, kind, aliases, country, description, url, attributes)| Entity {
                entity_id: entity_id.clone(),
                name,
                kind,
                aliases,
                country,
                description,
                url,
                attributes,
            },
        )
}

/// When a relation held: undated, a date, or a period open at either end (a date and a period
/// together are reported on load).
fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        Just(When::default()),
        date().prop_map(|date| When {
            date: Some(date),
            ..When::default()
        }),
        (proptest::option::of(date()), proptest::option::of(date())).prop_map(|(start, end)| {
            When {
                date: None,
                start,
                end,
            }
        }),
    ]
}

/// Finite weights: integers, simple decimals, and any finite number at all.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-1000i32..1000).prop_map(f64::from),
        (-100_000i32..100_000).prop_map(|n| f64::from(n) / 100.0),
        prop::num::f64::POSITIVE
            | prop::num::f64::NEGATIVE
            | prop::num::f64::NORMAL
            | prop::num::f64::SUBNORMAL
            | prop::num::f64::ZERO,
    ]
}

fn evidence(sources: usize) -> impl Strategy<Value = Evidence> {
    (
        filled(30),
        0..sources,
        proptest::option::of(text(10)),
        prop::collection::vec(0..sources, 0..=2),
        proptest::option::of(text(16)),
        proptest::option::of(speaker()),
    )
        .prop_map(|(quote, source, locator, cites, note, speaker)| Evidence {
            quote,
            source: Some(SourceIdx(source)),
            locator,
            cites: cites.into_iter().map(SourceIdx).collect(),
            note,
            speaker,
        })
}

fn speaker() -> impl Strategy<Value = Speaker> {
    (
        filled(12),
        proptest::option::of(filled(12)),
        proptest::option::of(filled(8)),
    )
        .prop_map(|(name, role, entity_id)| Speaker {
            name,
            role,
            entity_id,
        })
}

fn relation(
    relation_id: String,
    entities: usize,
    sources: usize,
    names: Names,
) -> impl Strategy<Value = Relation> {
    let evidence = if sources == 0 {
        Just(Vec::new()).boxed()
    } else {
        prop::collection::vec(evidence(sources), 0..=3).boxed()
    };
    (
        (0..entities, 0..entities, select(RelationKind::ALL)),
        proptest::option::of(filled(12)),
        when(),
        select(RelationStatus::ALL),
        any::<bool>(),
        proptest::option::of(weight()),
        attributes(names),
        evidence,
    )
        .prop_map(
            move |(
                (source, target, kind),
                label,
                when,
                status,
                directed,
                weight,
                attributes,
                evidence,
            )| {
                Relation {
                    relation_id: relation_id.clone(),
                    source: EntityIdx(source),
                    target: EntityIdx(target),
                    kind,
                    label,
                    when,
                    status,
                    evidence,
                    directed,
                    weight,
                    attributes,
                }
            },
        )
}

/// A finite layout coordinate.
fn coordinate() -> impl Strategy<Value = f32> {
    prop_oneof![
        (-5000i32..5000).prop_map(|n| n as f32 / 4.0),
        prop::num::f32::NORMAL
            | prop::num::f32::ZERO
            | prop::num::f32::NEGATIVE
            | prop::num::f32::POSITIVE,
    ]
}

/// A valid dataset: 0–4 sources, 0–12 entities, 0–20 relations between them with 0–3
/// evidence items each, some positions. Ids are unique, as every reader requires.
fn dataset(names: Names) -> impl Strategy<Value = Dataset> {
    (
        filled(20),
        prop::collection::btree_set(filled(10), 0..=4),
        prop::collection::btree_set(filled(10), 0..=12),
    )
        .prop_flat_map(move |(title, source_ids, entity_ids)| {
            let (source_count, entity_count) = (source_ids.len(), entity_ids.len());
            let sources: Vec<_> = source_ids.into_iter().map(source).collect();
            let entities: Vec<_> = entity_ids.into_iter().map(|id| entity(id, names)).collect();
            let relations = if entity_count == 0 {
                Just(Vec::new()).boxed()
            } else {
                prop::collection::btree_set(filled(10), 0..=20)
                    .prop_flat_map(move |ids| {
                        ids.into_iter()
                            .map(|id| relation(id, entity_count, source_count, names))
                            .collect::<Vec<_>>()
                    })
                    .boxed()
            };
            let positions = prop::collection::btree_map(
                0..entity_count.max(1),
                (coordinate(), coordinate()),
                0..=entity_count,
            );
            (Just(title), sources, entities, relations, positions)
        })
        .prop_map(|(title, sources, entities, mut relations, positions)| {
            // A speaker's entity, where given, is one of the dataset's (by the generated
            // id's length, for variety).
            for speaker in relations
                .iter_mut()
                .flat_map(|r: &mut Relation| r.evidence.iter_mut())
                .filter_map(|e| e.speaker.as_mut())
            {
                speaker.entity_id = speaker.entity_id.as_ref().and_then(|id| {
                    entities
                        .get(id.len() % entities.len().max(1))
                        .map(|e: &Entity| e.entity_id.clone())
                });
            }
            (title, sources, entities, relations, positions)
        })
        .prop_map(|(title, sources, entities, relations, positions)| Dataset {
            metadata: Metadata {
                title,
                ..Metadata::default()
            },
            sources,
            entities,
            relations,
            positions: positions
                .into_iter()
                .map(|(idx, (x, y))| (EntityIdx(idx), Position { x, y }))
                .collect(),
            stories: Vec::new(),
        })
}

// ---------------------------------------------------------------- generating damaged input

/// Pieces of every format the detector knows, to build plausible documents from.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\"id\"",
    "\"source\"",
    "\"target\"",
    "\"nodes\"",
    "\"links\"",
    "\"edges\"",
    "\"graph\"",
    "\"graphs\"",
    "\"elements\"",
    "\"data\"",
    "\"format\": \"chainsight\"",
    "\"version\": 1",
    "\"entities\"",
    "\"relations\"",
    "\"evidence\"",
    "\"schema\"",
    "\"properties\"",
    "\"layout\"",
    "\"connections\"",
    "\"type\": \"gephi-lite\"",
    "\"key\"",
    "\"attributes\"",
    "\"metadata\"",
    "\"directed\"",
    "\"multigraph\"",
    "\"from\"",
    "\"to\"",
    "\"captions\"",
    "\"node1_id\"",
    "\"label\"",
    "0",
    "1",
    "-1",
    "1e999",
    "null",
    "true",
    "\"a\"",
    "\"b\"",
    "<?xml version=\"1.0\"?>",
    "<gexf>",
    "</gexf>",
    "<graphml>",
    "</graphml>",
    "<graph>",
    "</graph>",
    "<nodes>",
    "</nodes>",
    "<edges>",
    "</edges>",
    "<node id=\"a\">",
    "<node id=\"b\"/>",
    "</node>",
    "<edge source=\"a\" target=\"b\">",
    "</edge>",
    "<attvalues>",
    "<attvalue for=\"0\" value=\"x\"/>",
    "<attributes class=\"node\">",
    "<attribute id=\"0\" title=\"type\"/>",
    "</attributes>",
    "<key id=\"d0\" for=\"node\" attr.name=\"type\"/>",
    "<data key=\"d0\">",
    "</data>",
    "<meta>",
    "<chainsight:dataset>",
    "</chainsight:dataset>",
    "</meta>",
    "<graph label=\"g\" directed=\"0\">",
    "<att name=\"name\" value=\"x\" type=\"string\"/>",
    "<att type=\"list\" name=\"l\">",
    "<att type=\"real\" value=\"1e999\"/>",
    "<att>",
    "</att>",
    "<graphics x=\"1\" y=\"NaN\"/>",
    "<edge source=\"a\" target=\"b\" label=\"a (pp) b\" cy:directed=\"2\">",
    "<node xlink:href=\"#a\"/>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#0;",
    "&bogus;",
    "<!--",
    "-->",
    "<!DOCTYPE x>",
    "source,target\n",
    "a,b\n",
    "\"a,b\n",
    "Source;Target;Weight\n",
    "graph [ ",
    "node [ id ",
    "edge [ source ",
    " target ",
    " label ",
    "graphics [ x ",
    " ] ",
    "directed 1 ",
    "*Vertices 3\n",
    "*Arcs :1 \"owns\"\n",
    "*Edges\n",
    "*Matrix\n",
    "1 2 0.5 l \"",
    "% comment\n",
    "IBM\tsupplied\tHuawei\n",
    "a pp b c\n",
    "# comment\n",
    "\n",
    " ",
    "\u{feff}",
    "é",
];

/// A string of tokens: a strange document that still gets past the first checks.
fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(select(TOKENS), 0..=48).prop_map(|tokens| tokens.concat())
}

/// One edit to a document: at a fraction of its length, delete a run of bytes, insert a
/// token, or replace a byte.
#[derive(Clone, Debug)]
enum Edit {
    Delete(f64, usize),
    Insert(f64, &'static str),
    Replace(f64, u8),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let at = 0.0..1.0f64;
    prop::collection::vec(
        prop_oneof![
            (at.clone(), 1usize..16).prop_map(|(at, n)| Edit::Delete(at, n)),
            (at.clone(), select(TOKENS)).prop_map(|(at, t)| Edit::Insert(at, t)),
            (at, any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        ],
        1..=4,
    )
}

fn apply(document: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = document.as_bytes().to_vec();
    for edit in edits {
        let place = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
        match edit {
            Edit::Delete(at, n) => {
                let start = place(*at, bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Insert(at, token) => {
                let start = place(*at, bytes.len());
                bytes.splice(start..start, token.bytes());
            }
            Edit::Replace(at, byte) => {
                let index = place(*at, bytes.len());
                if let Some(slot) = bytes.get_mut(index) {
                    *slot = *byte;
                }
            }
        }
    }
    bytes
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6..1e6f64).prop_map(Value::from),
        text(8).prop_map(Value::String),
        select(vec!["a", "b", "ibm", "article", "company", "supplied", ""]).prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(attribute_name(Names::Fields), inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Every place in `value`, as JSON pointers.
fn pointers(value: &serde_json::Value, here: &str, out: &mut Vec<String>) {
    out.push(here.to_owned());
    match value {
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, &format!("{here}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                pointers(item, &format!("{here}/{key}"), out);
            }
        }
        _ => {}
    }
}

/// `document` with the value at one place (picked by `at`, a fraction) replaced by `with`.
fn replace_somewhere(document: &str, at: f64, with: serde_json::Value) -> String {
    let mut value: serde_json::Value = serde_json::from_str(document).unwrap();
    let mut places = Vec::new();
    pointers(&value, "", &mut places);
    let place = &places[((at * places.len() as f64) as usize).min(places.len() - 1)];
    if let Some(slot) = value.pointer_mut(place) {
        *slot = with;
    }
    value.to_string()
}

/// The valid documents damage is done to: the repository's small fixtures.
fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const JSON_FIXTURES: &[&str] = &[
    "valid/minimal.json",
    "formats/json/jgf_v2.json",
    "formats/json/networkx_multigraph.json",
    "formats/json/cytoscape_grouped.json",
    "formats/json/kumu.json",
    "formats/json/oligrapher.json",
    "formats/json/graphology.json",
    "formats/json/gephi_lite.json",
    "formats/json/vis_network.json",
    "formats/json/d3_v3_indices.json",
    "formats/ftm/diagram.json",
];

const TEXT_FIXTURES: &[&str] = &[
    "formats/gexf/supply-1.3.gexf",
    "formats/gexf/dynamic.gexf",
    "formats/graphml/supply.graphml",
    "formats/csv/gephi_edges.csv",
    "formats/csv/kumu_connections.csv",
    "formats/ftm/entities.ftm",
    "formats/gml/networkx.gml",
    "formats/gml/gephi.gml",
    "formats/pajek/suppliers.net",
    "formats/pajek/matrix.paj",
    "formats/xgmml/cytoscape3.xgmml",
    "formats/sif/suppliers.sif",
];

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(Config {
        cases: 96,
        // Failures are turned into named regression tests below, not files beside this one.
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn every_export_format_round_trips(original in dataset(Names::Free)) {
        for format in ExportFormat::ALL {
            assert_round_trip(&original, format)?;
        }
    }

    /// Every format writes an attribute named like a field so that it reads back as the
    /// attribute: GEXF, GraphML, JGF and networkx as `attribute:NAME`.
    #[test]
    fn attributes_named_like_fields_round_trip(original in dataset(Names::Fields)) {
        for format in ExportFormat::ALL {
            assert_round_trip(&original, format)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        assert_loads_or_fails_cleanly(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        assert_loads_or_fails_cleanly(text.as_bytes())?;
    }

    #[test]
    fn token_soup_never_panics(text in token_soup()) {
        assert_loads_or_fails_cleanly(text.as_bytes())?;
    }

    #[test]
    fn damaged_exports_never_panic(
        original in dataset(Names::Free),
        format in select(ExportFormat::ALL.to_vec()),
        edits in edits(),
    ) {
        let damaged = apply(&format.write(&original), &edits);
        assert_loads_or_fails_cleanly(&damaged)?;
    }

    #[test]
    fn damaged_fixtures_never_panic(
        name in select(JSON_FIXTURES.iter().chain(TEXT_FIXTURES).copied().collect::<Vec<_>>()),
        edits in edits(),
    ) {
        assert_loads_or_fails_cleanly(&apply(&fixture(name), &edits))?;
    }

    #[test]
    fn json_fixtures_with_a_value_replaced_never_panic(
        name in select(JSON_FIXTURES.to_vec()),
        at in 0.0..1.0f64,
        with in json_value(),
    ) {
        let document = replace_somewhere(&fixture(name), at, with);
        assert_loads_or_fails_cleanly(document.as_bytes())?;
    }
}

// ---------------------------------------------------------------- regressions

/// Every input the fuzzer found a bug with (`tests/fixtures/fuzz/`, one file per finding)
/// still opens or fails cleanly, and survives a round trip through every format.
#[test]
fn fuzz_findings_stay_fixed() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if let Err(error) = assert_loads_or_fails_cleanly(&bytes) {
            panic!("{}: {error}", path.display());
        }
        checked += 1;
    }
    assert!(
        checked >= 2,
        "only {checked} findings in {}",
        folder.display()
    );
}

/// Found by the fuzzer (`edge-without-id-after-edge-e1.graphml`): an edge without an id was
/// called `e<its index>` even when an earlier edge had that id, so the dataset held two
/// relations `e1`, and saving it as Chainsight lost one.
#[test]
fn generated_edge_ids_never_repeat_given_ones() {
    let text = br#"{"nodes": [{"id": "a"}], "links": [
        {"source": "a", "target": "a", "id": "e1"}, {"source": "a", "target": "a"}]}"#;
    let loaded = formats::load_bytes("regression.json", text).unwrap();
    let ids: Vec<&str> = loaded
        .dataset
        .relations
        .iter()
        .map(|r| r.relation_id.as_str())
        .collect();
    assert_eq!(ids, ["e1", "e2"]);
    assert_loads_or_fails_cleanly(text).unwrap();
}

/// Found by these properties: a blank node, edge or source id from another format was kept
/// as it was, but a Chainsight file sets aside a record with a blank id, so saving lost it
/// (and a repeated source id lost the second source).
#[test]
fn blank_and_repeated_ids_get_ids_a_chainsight_file_keeps() {
    let text = br#"{"graph": {"label": "Blank ids",
        "metadata": {"sources": [{"id": "", "title": "Blank"}, {"id": "s"}, {"id": "s"}]},
        "nodes": [{"id": "", "label": "A"}, {"id": " "}],
        "edges": [{"source": "", "target": " ", "id": ""}, {"source": "", "target": "\t"}]}}"#;
    let loaded = formats::load_bytes("regression.json", text).unwrap();
    let dataset = &loaded.dataset;
    let entities: Vec<(&str, &str)> = dataset
        .entities
        .iter()
        .map(|e| (e.entity_id.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        entities,
        [(r#""""#, "A"), (r#"" ""#, r#"" ""#), (r#""\t""#, r#""\t""#)]
    );
    let relations: Vec<&str> = dataset
        .relations
        .iter()
        .map(|r| r.relation_id.as_str())
        .collect();
    assert_eq!(relations, ["e0", "e1"]);
    let sources: Vec<&str> = dataset
        .sources
        .iter()
        .map(|s| s.source_id.as_str())
        .collect();
    assert_eq!(sources, [r#""""#, "s", "s#2"]);
    for format in ExportFormat::ALL {
        assert_round_trip(dataset, format).unwrap();
    }
}

/// Found by the fuzzer (`control-characters-in-ids.csv`, `control-picture-in-ids.csv`): XML
/// 1.0 cannot hold most control characters and the GEXF and GraphML writers put U+FFFD for
/// every one, so ids differing only in one (`H-\u{3}vision`, `H-\0vision`) became the same
/// and two nodes merged; and so would `a\0` and a literal `a␀` with the replacement by
/// Control Pictures alone.
#[test]
fn ids_differing_only_in_control_characters_stay_apart_in_xml() {
    let text = br#"{"format": "chainsight", "version": 1,
        "entities": [{"id": "a\u0000", "name": "A"}, {"id": "a\u0003", "name": "B"},
                     {"id": "a\u2400", "name": "C"}],
        "relations": [{"id": "r", "source": "a\u0000", "target": "a\u0003", "kind": "supplied",
                       "evidence": []}]}"#;
    let dataset = formats::load_bytes("regression.json", text)
        .unwrap()
        .dataset;
    for format in [ExportFormat::Gexf, ExportFormat::Graphml] {
        let written = format.write(&dataset);
        let loaded = formats::load_bytes("again", written.as_bytes()).unwrap();
        let again = &loaded.dataset;
        let ids: Vec<&str> = again
            .entities
            .iter()
            .map(|e| e.entity_id.as_str())
            .collect();
        // The literal `a␀` keeps its id; the one XML cannot hold gives way.
        assert_eq!(ids, ["a\u{2400}#2", "a\u{2403}", "a\u{2400}"], "{format:?}");
        let relation = &again.relations[0];
        assert_eq!(
            (relation.source, relation.target),
            (EntityIdx(0), EntityIdx(1)),
            "{format:?}"
        );
        assert!(
            loaded.report.warnings.is_empty(),
            "{format:?}: {:#?}",
            loaded.report.warnings
        );
    }
}

/// Found by these properties: GEXF and GraphML write an unmapped kind kept as the attribute
/// `kind` (an edge's `type`) back as the kind; a blank one was then read back as no kind, and
/// the attribute was lost. JGF and networkx write the kind the same way.
#[test]
fn blank_kind_attributes_survive_xml() {
    let mut dataset = formats::load_builtin().unwrap().dataset;
    dataset.entities[0].kind = EntityKind::Other;
    dataset.entities[0]
        .attributes
        .insert("kind".into(), String::new());
    dataset.relations[0].kind = RelationKind::Other;
    dataset.relations[0].label = Some("label".into());
    dataset.relations[0]
        .attributes
        .insert("type".into(), " ".into());
    for format in ExportFormat::ALL {
        assert_round_trip(&dataset, format).unwrap();
    }
}
