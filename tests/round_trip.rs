//! Native → format → native keeps every entity, relation and evidence item the format can
//! carry. All five export formats carry every entity, relation, quote and source Chainsight
//! has, so the comparison is whole; only the Chainsight format keeps stories and positions.

mod common;

use chainsight::formats::{self, ExportFormat};
use chainsight::model::{Dataset, EntityIdx, EntityKind, RelationKind, SavedView};
use common::essentials;

/// A dataset that uses every field: the built-in one plus attributes, weights, undirected
/// relations, URLs and positions, which it does not use itself.
fn rich_dataset() -> Dataset {
    let mut dataset = formats::load_builtin().unwrap().dataset;
    dataset.entities[0].url = Some("https://example.org/entity?a=1&b=<2>".into());
    dataset.entities[0]
        .attributes
        .insert("founded".into(), "1911".into());
    dataset.entities[1]
        .attributes
        .insert("note".into(), "quotes \"inside\" & ampersands".into());
    // A type from another tool outside Chainsight's kinds, kept as the attribute `kind`.
    dataset.entities[2].kind = EntityKind::Other;
    dataset.entities[2]
        .attributes
        .insert("kind".into(), "Interviewee".into());
    // Attributes named like keys the exports write themselves.
    dataset.entities[3]
        .attributes
        .insert("kind".into(), "Vendor".into());
    dataset.entities[3]
        .attributes
        .insert("label".into(), "an earlier name".into());
    dataset.relations[1]
        .attributes
        .insert("source".into(), "press release".into());
    dataset.relations[1]
        .attributes
        .insert("status".into(), "rumoured".into());
    // An edge type outside Chainsight's kinds beside a label, kept under its column's name.
    dataset.relations[2].kind = RelationKind::Other;
    dataset.relations[2].label = Some("met with".into());
    dataset.relations[2]
        .attributes
        .insert("relationship".into(), "Interviewed by".into());
    dataset.relations[0].weight = Some(2.5);
    dataset.relations[0].directed = false;
    dataset.relations[1]
        .attributes
        .insert("amount".into(), "$100M".into());
    // Speakers and source texts, whether or not the built-in dataset has them yet.
    dataset.relations[2].evidence[0].speaker = Some(chainsight::model::Speaker {
        name: "Eva Blum-Dumontet".into(),
        role: Some("senior researcher, Privacy International".into()),
        entity_id: Some(dataset.entities[3].entity_id.clone()),
    });
    dataset.relations[3].evidence[0].speaker = Some(chainsight::model::Speaker {
        name: "A spokesperson".into(),
        role: None,
        entity_id: None,
    });
    dataset.sources[0].text_file = Some("texts/article.html".into());
    dataset.positions.push((
        EntityIdx(2),
        chainsight::model::Position { x: 12.5, y: -40.0 },
    ));
    dataset.view = Some(saved_view());
    dataset
}

/// A view worth saving: every part of one set.
fn saved_view() -> SavedView {
    use chainsight::model::measures::Measure;
    use chainsight::model::saved_view::{ColourBy, SavedSelection, SizeBy};
    use chainsight::model::{Days, RelationStatus, StoryCamera, StoryFocus, StoryStep};
    let mut step = StoryStep {
        camera: StoryCamera::Exact {
            center: [12.5, -40.25],
            zoom: 0.75,
        },
        dates: Some((Days::of("2014-03").unwrap(), Days::of("2018").unwrap())),
        focus: Some(StoryFocus {
            entity: EntityIdx(1),
            hops: 2,
            hide_outside: true,
            along: chainsight::model::Along::Out,
        }),
        ..StoryStep::default()
    };
    step.filters.hidden_entity_kinds = vec![EntityKind::Person];
    step.filters.hidden_statuses = vec![RelationStatus::Denied];
    step.filters.hidden_countries = vec![String::new()];
    SavedView {
        step,
        min_documents: 2,
        hide_undated: true,
        keep_idle_entities: true,
        selected: SavedSelection::Entity(EntityIdx(1)),
        search: "police".into(),
        size_by: Some(SizeBy::Attribute("founded".into())),
        colour_by: Some(ColourBy::Measure(Measure::PageRank)),
    }
}

fn round_trip(format: ExportFormat) {
    let original = rich_dataset();
    let text = format.write(&original);
    let name = format!("round-trip.{}", format.extension());
    let loaded =
        formats::load_bytes(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{format:?}: {e}"));
    assert!(
        loaded.report.warnings.is_empty(),
        "{format:?}: {:#?}",
        loaded.report.warnings
    );
    let (before, after) = (essentials(&original), essentials(&loaded.dataset));
    for (key, value) in &before {
        assert_eq!(after.get(key), Some(value), "{format:?} changed {key}");
    }
    assert_eq!(before.len(), after.len(), "{format:?} added records");
    if format == ExportFormat::Chainsight {
        assert!(
            !original.stories.is_empty(),
            "the built-in dataset has a story"
        );
        assert_eq!(loaded.dataset.stories, original.stories);
        assert_eq!(loaded.dataset.positions, original.positions);
        assert_eq!(loaded.dataset.view, original.view);
    } else {
        assert!(
            format
                .notes(&original)
                .iter()
                .any(|note| note.starts_with("the view")),
            "{format:?} says the view is not kept"
        );
    }
}

#[test]
fn chainsight_round_trip() {
    round_trip(ExportFormat::Chainsight);
}

#[test]
fn jgf_round_trip() {
    round_trip(ExportFormat::Jgf);
}

#[test]
fn networkx_round_trip() {
    round_trip(ExportFormat::Networkx);
}

#[test]
fn gexf_round_trip() {
    round_trip(ExportFormat::Gexf);
}

#[test]
fn graphml_round_trip() {
    round_trip(ExportFormat::Graphml);
}

/// An undirected graph is written as one (GEXF `defaultedgetype`, networkx `directed`,
/// GraphML `edgedefault`), so other tools read it so, and it reads back undirected.
#[test]
fn undirected_graphs_are_written_as_undirected() {
    let mut dataset = rich_dataset();
    for relation in &mut dataset.relations {
        relation.directed = false;
    }
    let gexf = ExportFormat::Gexf.write(&dataset);
    assert!(gexf.contains("defaultedgetype=\"undirected\""));
    let graphml = ExportFormat::Graphml.write(&dataset);
    assert!(graphml.contains("edgedefault=\"undirected\""));
    assert!(!graphml.contains("directed=\"false\""));
    let networkx: serde_json::Value =
        serde_json::from_str(&ExportFormat::Networkx.write(&dataset)).unwrap();
    assert_eq!(networkx["directed"], false);
    for format in ExportFormat::ALL {
        let back = formats::load_bytes(
            &format!("undirected.{}", format.extension()),
            format.write(&dataset).as_bytes(),
        )
        .unwrap();
        assert!(
            back.dataset.relations.iter().all(|r| !r.directed),
            "{format:?}"
        );
    }
    // A directed or mixed graph stays directed at the graph level.
    let mixed = rich_dataset();
    assert!(
        ExportFormat::Gexf
            .write(&mixed)
            .contains("defaultedgetype=\"directed\"")
    );
    assert!(formats::Directedness::note(&mixed).is_some());
}

/// networkx's `read_gexf` passes an edge's id as `key=`, so an edge attribute titled `key`
/// (a networkx multigraph's keys that networkx did not number itself, kept as attributes) is
/// written as `networkx_key`, as networkx itself writes it, and read back as `key`.
#[test]
fn multigraph_keys_survive_gexf_under_networkx_s_title() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/formats/json/networkx_multigraph_keys.json"
    );
    let loaded = formats::load_path(std::path::Path::new(path)).unwrap();
    let keys: Vec<Option<String>> = loaded
        .dataset
        .relations
        .iter()
        .map(|r| r.attributes.get("key").cloned())
        .collect();
    assert!(keys.iter().any(Option::is_some), "the fixture has keys");
    let gexf = ExportFormat::Gexf.write(&loaded.dataset);
    // A key of text ("consulting"): the keys are written as text, as kept.
    assert!(gexf.contains("title=\"networkx_key\" type=\"string\""));
    assert!(!gexf.contains("title=\"key\""));
    let back = formats::load_bytes("multi.gexf", gexf.as_bytes()).unwrap();
    let back_keys: Vec<Option<String>> = back
        .dataset
        .relations
        .iter()
        .map(|r| r.attributes.get("key").cloned())
        .collect();
    assert_eq!(back_keys, keys);
}

/// Attributes named like fields the XML readers map (`summary`, `interaction`) stay attributes
/// through GEXF and GraphML (which escape such titles), and through Chainsight's format.
#[test]
fn attributes_named_like_fields_stay_attributes() {
    let mut dataset = rich_dataset();
    for key in ["summary", "interaction"] {
        dataset.relations[1]
            .attributes
            .insert(key.into(), format!("{key} text"));
    }
    for format in [
        ExportFormat::Chainsight,
        ExportFormat::Gexf,
        ExportFormat::Graphml,
    ] {
        let back = formats::load_bytes(
            &format!("attrs.{}", format.extension()),
            format.write(&dataset).as_bytes(),
        )
        .unwrap();
        let relation = &back.dataset.relations[1];
        assert_eq!(
            relation.attributes.get("summary").map(String::as_str),
            Some("summary text"),
            "{format:?}"
        );
        assert_eq!(
            relation.evidence.len(),
            dataset.relations[1].evidence.len(),
            "{format:?}"
        );
    }
}

/// An entity whose type from another tool is none of Chainsight's kinds (Kumu's
/// "Interviewee") is exported with that type, not as `other`, and reads back the same.
#[test]
fn a_type_outside_chainsight_s_kinds_survives_every_export() {
    let dataset = rich_dataset();
    let interviewee = &dataset.entities[2];
    for format in [
        ExportFormat::Jgf,
        ExportFormat::Networkx,
        ExportFormat::Gexf,
        ExportFormat::Graphml,
    ] {
        let text = format.write(&dataset);
        assert!(text.contains("Interviewee"), "{format:?}");
        let back = formats::load_bytes(&format!("kinds.{}", format.extension()), text.as_bytes())
            .unwrap_or_else(|e| panic!("{format:?}: {e}"));
        let idx = back
            .dataset
            .entity_by_id(&interviewee.entity_id)
            .expect("the entity");
        let entity = back.dataset.entity(idx).expect("an index from the dataset");
        assert_eq!(entity.kind, EntityKind::Other, "{format:?}");
        assert_eq!(
            entity.attributes.get("kind").map(String::as_str),
            Some("Interviewee"),
            "{format:?}"
        );
        assert!(
            back.report
                .notes
                .iter()
                .any(|n| n.contains("Interviewee (1)")),
            "{format:?}: {:?}",
            back.report.notes
        );
    }
}
