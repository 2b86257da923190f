//! Stories in the native format: read, written back exactly, problems reported without losing
//! the rest of a step; and the Safe City story that ships with the app holds together.

use chainsight::formats::{self, ExportFormat};
use chainsight::model::{
    Dataset, Days, EntityIdx, EntityKind, Position, RelationIdx, RelationKind, RelationStatus,
    Story, StoryCamera, StoryFilters, StoryFocus, StoryStep,
};

/// The built-in dataset, as it was read.
fn builtin() -> Dataset {
    let loaded = formats::load_builtin().expect("the built-in dataset loads");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
    loaded.dataset
}

/// A dataset whose one story uses every field a step can have, with positions too.
fn dataset_with_every_story_field() -> Dataset {
    let mut dataset = builtin();
    dataset.positions = vec![
        (EntityIdx(0), Position { x: 12.5, y: -40.0 }),
        (EntityIdx(3), Position { x: -0.125, y: 7.0 }),
    ];
    dataset.stories = vec![
        Story {
            title: "Every field".into(),
            steps: vec![
                StoryStep {
                    title: "Exact camera, years, filters, focus".into(),
                    caption: "Quotes \"inside\", and a second line.\nHere.".into(),
                    entities: vec![EntityIdx(4), EntityIdx(1)],
                    relations: vec![RelationIdx(7), RelationIdx(2), RelationIdx(5)],
                    camera: StoryCamera::Exact {
                        center: [120.25, -35.5],
                        zoom: 1.8,
                    },
                    dates: Some((Days::year(2012), Days::year(2019))),
                    filters: StoryFilters {
                        hidden_entity_kinds: vec![EntityKind::Person, EntityKind::City],
                        hidden_relation_kinds: vec![RelationKind::LocatedIn],
                        hidden_relation_phrases: vec!["board member of".into()],
                        shown_only_relation_phrases: None,
                        hidden_statuses: vec![RelationStatus::Alleged, RelationStatus::Denied],
                        hidden_countries: vec!["CN".into(), String::new()],
                        hidden_attribute_values: [(
                            "sector".to_owned(),
                            vec!["defence".to_owned(), String::new()],
                        )]
                        .into(),
                        attribute_ranges: [("employees".to_owned(), (10.0, 500.5))].into(),
                    },
                    focus: Some(StoryFocus {
                        entity: EntityIdx(2),
                        hops: 2,
                        hide_outside: true,
                        along: chainsight::model::Along::Both,
                    }),
                    reveal: true,
                },
                StoryStep {
                    title: "Nothing highlighted".into(),
                    ..StoryStep::default()
                },
                StoryStep {
                    title: "Spring 2023".into(),
                    dates: Some((
                        Days::of("2023-03").unwrap(),
                        Days::of("2023-05-15").unwrap(),
                    )),
                    ..StoryStep::default()
                },
                StoryStep {
                    title: "Only one label".into(),
                    filters: StoryFilters {
                        shown_only_relation_phrases: Some(vec!["owns".into()]),
                        ..StoryFilters::default()
                    },
                    ..StoryStep::default()
                },
                StoryStep {
                    title: "No label".into(),
                    filters: StoryFilters {
                        shown_only_relation_phrases: Some(Vec::new()),
                        ..StoryFilters::default()
                    },
                    ..StoryStep::default()
                },
            ],
        },
        Story {
            title: "A story with no steps yet".into(),
            steps: Vec::new(),
        },
    ];
    dataset
}

#[test]
fn stories_and_positions_round_trip_through_the_native_format() {
    let original = dataset_with_every_story_field();
    let text = ExportFormat::Chainsight.write(&original);
    let loaded = formats::load_bytes("stories.json", text.as_bytes()).expect("reads back");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
    assert_eq!(loaded.dataset.stories, original.stories);
    assert_eq!(loaded.dataset.positions, original.positions);
    assert_eq!(loaded.dataset, original);
    // Written back exactly: a second save is the same text.
    assert_eq!(ExportFormat::Chainsight.write(&loaded.dataset), text);
}

#[test]
fn stories_are_written_with_the_documented_keys() {
    let text = ExportFormat::Chainsight.write(&dataset_with_every_story_field());
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    let step = &written["stories"][0]["steps"][0];
    assert_eq!(step["camera"]["zoom"], 1.8);
    assert_eq!(step["camera"]["center"][0], 120.25);
    assert_eq!(step["years"], serde_json::json!([2012, 2019]));
    assert_eq!(
        step["filters"]["hide_statuses"],
        serde_json::json!(["alleged", "denied"])
    );
    assert_eq!(
        step["filters"]["hide_entity_kinds"],
        serde_json::json!(["person", "city"])
    );
    assert_eq!(
        step["filters"]["hide_relation_phrases"],
        serde_json::json!(["board member of"])
    );
    assert_eq!(
        step["filters"]["hide_countries"],
        serde_json::json!(["CN", ""])
    );
    assert_eq!(
        step["filters"]["hide_attribute_values"],
        serde_json::json!({"sector": ["defence", ""]})
    );
    assert_eq!(
        step["filters"]["attribute_ranges"],
        serde_json::json!({"employees": [10.0, 500.5]})
    );
    assert_eq!(step["focus"]["hops"], 2);
    assert_eq!(step["reveal"], true);
    assert!(step.get("dates").is_none());
    let plain = &written["stories"][0]["steps"][1];
    assert_eq!(plain["camera"], "fit");
    assert!(plain.get("reveal").is_none() && plain.get("focus").is_none());
    assert!(plain.get("years").is_none() && plain.get("dates").is_none());
    // A window finer than years is written as dates, each as finely as it was given.
    let spring = &written["stories"][0]["steps"][2];
    assert_eq!(
        spring["dates"],
        serde_json::json!(["2023-03", "2023-05-15"])
    );
    assert!(spring.get("years").is_none());
    // "Only these labels" is written only when set: the older steps read as they were.
    assert!(step["filters"].get("show_only_relation_phrases").is_none());
    let only = &written["stories"][0]["steps"][3];
    assert_eq!(
        only["filters"]["show_only_relation_phrases"],
        serde_json::json!(["owns"])
    );
    assert!(only["filters"].get("hide_relation_phrases").is_none());
    let none = &written["stories"][0]["steps"][4];
    assert_eq!(
        none["filters"]["show_only_relation_phrases"],
        serde_json::json!([]),
        "no label shown is not every label shown"
    );
}

/// A step written before "only these labels" (its hidden labels listed one by one) reads as
/// it did, and one that shows only some labels hides the rest, those it never names too.
#[test]
fn a_step_s_hidden_labels_and_only_shown_labels_both_read_back() {
    let text = with_step(
        r#"{"title": "Labels", "filters": {"hide_relation_phrases": ["owns", "advised"]}},
           {"title": "Only", "filters": {"show_only_relation_phrases": ["owns"]}}"#,
    );
    let loaded = formats::load_bytes("labels.json", text.as_bytes()).expect("reads");
    assert!(
        loaded.report.warnings.is_empty(),
        "{:#?}",
        loaded.report.warnings
    );
    let steps = &loaded.dataset.stories[0].steps;
    assert_eq!(
        steps[1].filters,
        StoryFilters {
            hidden_relation_phrases: vec!["owns".into(), "advised".into()],
            ..StoryFilters::default()
        }
    );
    assert_eq!(
        steps[2].filters,
        StoryFilters {
            shown_only_relation_phrases: Some(vec!["owns".into()]),
            ..StoryFilters::default()
        }
    );
}

#[test]
fn a_dataset_without_stories_writes_no_stories_key() {
    let mut dataset = builtin();
    dataset.stories.clear();
    let written: serde_json::Value =
        serde_json::from_str(&ExportFormat::Chainsight.write(&dataset)).unwrap();
    assert!(written.get("stories").is_none());
}

/// A minimal dataset with one story whose step is given as `step` (JSON).
fn with_step(step: &str) -> String {
    format!(
        r#"{{
  "format": "chainsight",
  "version": 1,
  "sources": [{{"id": "s", "title": "S"}}],
  "entities": [
    {{"id": "ibm", "name": "IBM"}},
    {{"id": "huawei", "name": "Huawei"}},
    {{"id": "karamay", "name": "Karamay", "kind": "city"}}
  ],
  "relations": [
    {{"id": "ibm-huawei", "source": "ibm", "target": "huawei", "kind": "consulted_for",
      "evidence": [{{"quote": "q", "source": "s"}}]}},
    {{"id": "huawei-karamay", "source": "huawei", "target": "karamay", "kind": "built",
      "evidence": [{{"quote": "q", "source": "s"}}]}}
  ],
  "stories": [{{"title": "Safe City", "steps": [{{"title": "First", "caption": "c"}}, {step}]}}]
}}"#
    )
}

#[test]
fn an_unknown_id_in_a_step_warns_and_the_step_keeps_the_rest() {
    let text = with_step(
        r#"{"title": "Karamay", "caption": "Huawei built it.",
            "entities": ["huawei", "nobody", "karamay"],
            "relations": ["huawei-karamay", "no-such-relation"],
            "camera": {"center": [1, 2], "zoom": 3}, "years": [2013, 2016], "reveal": true,
            "focus": {"entity": "ghost", "hops": 1}}"#,
    );
    let loaded = formats::load_bytes("story.json", text.as_bytes()).expect("loads");
    let dataset = &loaded.dataset;
    let step = &dataset.stories[0].steps[1];
    assert_eq!(step.caption, "Huawei built it.");
    assert_eq!(
        step.entities,
        vec![
            dataset.entity_by_id("huawei").unwrap(),
            dataset.entity_by_id("karamay").unwrap()
        ]
    );
    assert_eq!(
        step.relations,
        vec![dataset.relation_by_id("huawei-karamay").unwrap()]
    );
    assert_eq!(
        step.camera,
        StoryCamera::Exact {
            center: [1.0, 2.0],
            zoom: 3.0
        }
    );
    assert_eq!(step.dates, Some((Days::year(2013), Days::year(2016))));
    assert!(step.reveal);
    assert_eq!(step.focus, None);

    let warnings = &loaded.report.warnings;
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    for (json_path, id) in [
        ("stories[0].steps[1].entities[1]", "nobody"),
        ("stories[0].steps[1].relations[1]", "no-such-relation"),
        ("stories[0].steps[1].focus.entity", "ghost"),
    ] {
        let warning = warnings
            .iter()
            .find(|w| w.json_path == json_path)
            .unwrap_or_else(|| panic!("no warning at {json_path}: {warnings:#?}"));
        for named in [
            "\"Safe City\"",
            "step 2",
            "\"Karamay\"",
            &format!("\"{id}\""),
        ] {
            assert!(warning.message.contains(named), "{named}: {warning:?}");
        }
    }
}

#[test]
fn odd_values_in_a_step_warn_and_fall_back() {
    let text = with_step(
        r#"{"title": "Odd", "relations": ["ibm-huawei", "ibm-huawei"],
            "camera": {"center": [0, 0], "zoom": 0}, "years": [2019, 2012],
            "filters": {"hide_entity_kinds": ["city", "planet"], "hide_statuses": ["rumoured"],
                        "attribute_ranges": {"employees": [500, 10]}}}"#,
    );
    let loaded = formats::load_bytes("story.json", text.as_bytes()).expect("loads");
    let step = &loaded.dataset.stories[0].steps[1];
    assert_eq!(step.relations.len(), 1);
    assert_eq!(step.camera, StoryCamera::FitHighlighted);
    assert_eq!(step.dates, Some((Days::year(2012), Days::year(2019))));
    assert_eq!(step.filters.hidden_entity_kinds, vec![EntityKind::City]);
    assert!(step.filters.hidden_statuses.is_empty());
    let paths: Vec<&str> = loaded
        .report
        .warnings
        .iter()
        .map(|w| w.json_path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "stories[0].steps[1].relations[1]",
            "stories[0].steps[1].camera",
            "stories[0].steps[1].years",
            "stories[0].steps[1].filters.hide_entity_kinds[1]",
            "stories[0].steps[1].filters.hide_statuses[0]",
            "stories[0].steps[1].filters.attribute_ranges.employees",
        ]
    );
    assert_eq!(
        step.filters.attribute_ranges.get("employees"),
        Some(&(10.0, 500.0))
    );
}

#[test]
fn a_step_dated_finer_than_years_keeps_its_dates_and_odd_dates_warn() {
    let text = with_step(r#"{"title": "Spring", "dates": ["2023-05-31", "2023-03"]}"#);
    let loaded = formats::load_bytes("story.json", text.as_bytes()).expect("loads");
    let (from, to) = loaded.dataset.stories[0].steps[1].dates.expect("dated");
    assert_eq!(
        (from.written(), to.written()),
        ("2023-03".into(), "2023-05-31".into())
    );
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "stories[0].steps[1].dates");
    assert!(warning.message.contains("run backwards"), "{warning:?}");

    let text = with_step(r#"{"title": "Odd", "years": [2012, 2014], "dates": ["spring", "2023"]}"#);
    let loaded = formats::load_bytes("story.json", text.as_bytes()).expect("loads");
    assert_eq!(loaded.dataset.stories[0].steps[1].dates, None);
    let warning = &loaded.report.warnings[0];
    assert_eq!(warning.json_path, "stories[0].steps[1].dates");
    assert!(warning.message.contains("\"spring\""), "{warning:?}");
}

#[test]
fn a_malformed_stories_section_is_an_error_with_its_place() {
    for (step, json_path) in [
        (
            r#"{"title": "T", "camera": "close"}"#,
            "stories[0].steps[1].camera",
        ),
        (
            r#"{"title": "T", "camera": {"center": [1], "zoom": 2}}"#,
            "stories[0].steps[1].camera.center",
        ),
        (
            r#"{"title": "T", "years": [2012]}"#,
            "stories[0].steps[1].years",
        ),
        (
            r#"{"title": "T", "entities": "ibm"}"#,
            "stories[0].steps[1].entities",
        ),
        (r#"{"caption": "no title"}"#, "stories[0].steps[1]"),
        (
            r#"{"title": "T", "focus": {"entity": "ibm", "hops": -1}}"#,
            "stories[0].steps[1].focus.hops",
        ),
    ] {
        let text = with_step(step);
        let error = formats::load_bytes("story.json", text.as_bytes())
            .expect_err(&format!("{step} is refused"));
        let position = error
            .position()
            .unwrap_or_else(|| panic!("{step}: {error}"));
        assert_eq!(position.line, 16, "{step}: {error}");
        assert_eq!(error.json_path(), Some(json_path), "{step}: {error}");
        assert!(error.to_string().contains("story.json"), "{error}");
    }
    let not_a_list =
        with_step("{}").replace(r#""stories": ["#, r#""stories": "Safe City", "x": ["#);
    let error = formats::load_bytes("story.json", not_a_list.as_bytes()).unwrap_err();
    assert!(error.position().is_some(), "{error}");
    assert_eq!(error.json_path(), Some("stories"), "{error}");
}

#[test]
fn formats_other_than_chainsight_say_they_do_not_keep_stories() {
    let dataset = builtin();
    let steps: usize = dataset.stories.iter().map(|s| s.steps.len()).sum();
    for format in ExportFormat::ALL {
        let notes = format.notes(&dataset);
        let about_stories: Vec<&String> =
            notes.iter().filter(|note| note.contains("stor")).collect();
        if format == ExportFormat::Chainsight {
            assert!(about_stories.is_empty(), "{notes:?}");
        } else {
            assert_eq!(about_stories.len(), 1, "{format:?}: {notes:?}");
            assert!(
                about_stories[0].contains(&format!("({steps} steps)"))
                    && about_stories[0].contains(format.label()),
                "{about_stories:?}"
            );
        }
    }
    let mut without = dataset;
    without.stories.clear();
    for format in ExportFormat::ALL {
        assert!(
            format.notes(&without).iter().all(|n| !n.contains("stor")),
            "{format:?}"
        );
    }
}

/// The Safe City story: enough steps, each with words and highlighted relations whose quotes
/// back the caption; every id it names is in the dataset.
#[test]
fn the_safe_city_story_holds_together() {
    let dataset = builtin();
    assert_eq!(dataset.stories.len(), 1);
    let story = &dataset.stories[0];
    assert!(!story.title.trim().is_empty());
    assert!(story.steps.len() >= 7, "{} steps", story.steps.len());

    // Every id the file names was resolved: the loader drops unknown ones (with a warning,
    // which `builtin` refuses), so compare with the file itself.
    let raw: serde_json::Value = serde_json::from_str(formats::BUILTIN_DATASET_JSON).unwrap();
    let raw_steps = raw["stories"][0]["steps"].as_array().unwrap();
    assert_eq!(raw_steps.len(), story.steps.len());
    for (number, (step, raw_step)) in story.steps.iter().zip(raw_steps).enumerate() {
        let place = format!("step {} ({})", number + 1, step.title);
        assert!(!step.title.trim().is_empty(), "{place}");
        assert!(!step.caption.trim().is_empty(), "{place}");
        assert!(
            step.caption.chars().count() <= 230,
            "{place}: the caption is long for a 720p screen"
        );
        let entity_ids: Vec<&str> = step
            .entities
            .iter()
            .map(|&e| dataset.entity(e).unwrap().entity_id.as_str())
            .collect();
        let relation_ids: Vec<&str> = step
            .relations
            .iter()
            .map(|&r| dataset.relation(r).unwrap().relation_id.as_str())
            .collect();
        let named = |key: &str| -> Vec<&str> {
            raw_step[key]
                .as_array()
                .map(|ids| ids.iter().filter_map(|id| id.as_str()).collect())
                .unwrap_or_default()
        };
        assert_eq!(entity_ids, named("entities"), "{place}");
        assert_eq!(relation_ids, named("relations"), "{place}");
        assert!(
            !step.relations.is_empty(),
            "{place}: highlights no relation"
        );
        for &relation in &step.relations {
            let relation = dataset.relation(relation).unwrap();
            assert!(
                relation.evidence.iter().any(|e| !e.quote.trim().is_empty()),
                "{place}: {} has no quote",
                relation.relation_id
            );
        }
    }
}
