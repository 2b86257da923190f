//! "Only this" and All / None in every group of filter boxes, driven as a user drives them
//! (`egui_kittest`): countries, statuses, the file's own kinds of relation and attribute
//! values, as the kinds had them. Each choice is one step that Undo takes back.

use std::path::PathBuf;

use chainsight::model::{EntityIdx, RelationIdx, RelationStatus};
use chainsight::{ChainsightApp, StartupOptions};
use egui::PointerButton;
use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[path = "common/harness.rs"]
mod harness;
use harness::{harness_with, wait_for_load};

/// The app on `text`, a Chainsight file, once loaded, with its filters open on `tab`; the
/// folder lives as long as the returned guard.
fn on_file(text: &str, tab: &str) -> (tempfile::TempDir, Harness<'static, ChainsightApp>) {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("net.json");
    std::fs::write(&file, text).unwrap();
    let mut harness = harness_with(StartupOptions { file: Some(file) });
    wait_for_load(&mut harness);
    open_tab(&mut harness, tab);
    (dir, harness)
}

/// The built-in network with its filters open on `tab`.
fn built_in(tab: &str) -> Harness<'static, ChainsightApp> {
    let mut harness = harness_with(StartupOptions::default());
    open_tab(&mut harness, tab);
    harness
}

fn open_tab(harness: &mut Harness<'_, ChainsightApp>, tab: &str) {
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(3);
    harness.get_by_label(tab).click();
    harness.run_steps(3);
}

/// Opens the header whose label starts with `start` ("Countries (").
fn open_header(harness: &mut Harness<'_, ChainsightApp>, start: &str) {
    harness.get_by_label_contains(start).click();
    harness.run_steps(3);
}

/// The box labelled `label`, clicked first with `button` when given; whether it is ticked.
fn filter_box(
    harness: &mut Harness<'_, ChainsightApp>,
    label: &str,
    button: Option<PointerButton>,
) -> bool {
    if let Some(button) = button {
        harness
            .get_by_role_and_label(Role::CheckBox, label)
            .click_button(button);
        harness.run_steps(3);
    }
    let node = harness.get_by_role_and_label(Role::CheckBox, label);
    node.accesskit_node().toggled() == Some(Toggled::True)
}

fn shown_entities(harness: &Harness<'_, ChainsightApp>) -> Vec<EntityIdx> {
    let count = harness.state().session().dataset.entities.len();
    (0..count)
        .map(EntityIdx)
        .filter(|&e| harness.state().lens().shows_entity(e))
        .collect()
}

fn shown_relations(harness: &Harness<'_, ChainsightApp>) -> Vec<RelationIdx> {
    let count = harness.state().session().dataset.relations.len();
    (0..count)
        .map(RelationIdx)
        .filter(|&r| harness.state().lens().relation(r) != chainsight::view::Emphasis::Hidden)
        .collect()
}

/// The entities whose country is `country` ("" for none).
fn of_country(harness: &Harness<'_, ChainsightApp>, country: &str) -> Vec<EntityIdx> {
    let dataset = &harness.state().session().dataset;
    (0..dataset.entities.len())
        .map(EntityIdx)
        .filter(|&e| {
            dataset
                .entity(e)
                .unwrap()
                .country
                .as_deref()
                .unwrap_or_default()
                == country
        })
        .collect()
}

/// Clicks Undo once, and checks that it undid the one step there was: nothing is filtered
/// and there is nothing left to undo.
fn undo_the_one_step(harness: &mut Harness<'_, ChainsightApp>) {
    harness.get_by_label("Undo").click();
    harness.run_steps(3);
    assert!(!harness.state().view().filters.is_active());
    assert!(
        harness.get_by_label("Undo").accesskit_node().is_disabled(),
        "one step, undone"
    );
}

/// A right click on a country's box shows only that country's entities, its box alone
/// ticked, in one step that Undo takes back.
#[test]
fn a_right_click_on_a_country_shows_only_it_in_one_undo_step() {
    let mut harness = built_in("Kinds");
    let all = harness.state().session().dataset.entities.len();
    open_header(&mut harness, "Countries (");
    let chinese = of_country(&harness, "CN");
    assert!(chinese.len() > 1 && chinese.len() < all);
    let cn = format!("CN ({})", chinese.len());
    let us = format!("US ({})", of_country(&harness, "US").len());
    filter_box(&mut harness, &cn, Some(PointerButton::Secondary));
    assert_eq!(shown_entities(&harness), chinese);
    assert!(filter_box(&mut harness, &cn, None));
    assert!(!filter_box(&mut harness, &us, None));
    undo_the_one_step(&mut harness);
    assert_eq!(shown_entities(&harness).len(), all);
}

/// The entities with no country have a box, "none", whose right click shows them alone.
#[test]
fn a_right_click_on_no_country_shows_the_entities_without_one() {
    let mut harness = built_in("Kinds");
    open_header(&mut harness, "Countries (");
    let stateless = of_country(&harness, "");
    assert!(!stateless.is_empty());
    let none = format!("none ({})", stateless.len());
    filter_box(&mut harness, &none, Some(PointerButton::Secondary));
    assert_eq!(shown_entities(&harness), stateless);
    undo_the_one_step(&mut harness);
}

/// Countries have "All" and "None" as the kinds have: None hides every entity, a tick
/// brings back that country's, All brings back the rest.
#[test]
fn none_then_one_country_shows_only_that_country() {
    let mut harness = built_in("Kinds");
    let before = harness.query_all_by_label("None").count();
    open_header(&mut harness, "Countries (");
    // The countries' None, inside their header: the one that came with it.
    let nones: Vec<_> = harness.query_all_by_label("None").collect();
    assert_eq!(nones.len(), before + 1, "None beside the countries");
    let header = harness.get_by_label_contains("Countries (").rect();
    nones
        .into_iter()
        .filter(|node| node.rect().top() > header.bottom())
        .min_by(|a, b| a.rect().top().total_cmp(&b.rect().top()))
        .unwrap()
        .click();
    harness.run_steps(3);
    assert!(shown_entities(&harness).is_empty());
    let chinese = of_country(&harness, "CN");
    filter_box(
        &mut harness,
        &format!("CN ({})", chinese.len()),
        Some(PointerButton::Primary),
    );
    assert_eq!(shown_entities(&harness), chinese);
}

/// The Evidence tab's statuses: a right click shows only the relations of that status;
/// None hides them all and All brings them back.
#[test]
fn a_right_click_on_a_status_shows_only_its_relations() {
    let mut harness = built_in("Evidence");
    let relations = &harness.state().session().dataset.relations;
    let all = relations.len();
    let denied: Vec<RelationIdx> = (0..all)
        .map(RelationIdx)
        .filter(|&r| relations[r.0].status == RelationStatus::Denied)
        .collect();
    assert!(!denied.is_empty());
    let label = format!("{} ({})", RelationStatus::Denied.label(), denied.len());
    filter_box(&mut harness, &label, Some(PointerButton::Secondary));
    assert_eq!(shown_relations(&harness), denied);
    let reported = format!("{} (", RelationStatus::Reported.label());
    let reported = harness
        .query_all_by_role(Role::CheckBox)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(&reported))
        })
        .expect("the reported box");
    assert_eq!(reported.accesskit_node().toggled(), Some(Toggled::False));
    undo_the_one_step(&mut harness);
    assert_eq!(shown_relations(&harness).len(), all);
    harness.get_by_label("None").click();
    harness.run_steps(3);
    assert!(shown_relations(&harness).is_empty());
    harness.get_by_label("All").click();
    harness.run_steps(3);
    assert_eq!(shown_relations(&harness).len(), all);
}

/// A network whose relations are of the file's own kinds ("owns", "board member of", and
/// one "advised" too rare to be listed, one with no label) and one supplied, and whose
/// entities carry a sector, all but one.
const OWN_KINDS: &str = r#"{
  "format": "chainsight",
  "version": 1,
  "metadata": {"title": "Own kinds"},
  "entities": [
    {"id": "a", "name": "Alpha", "kind": "company", "attributes": {"sector": "bank"}},
    {"id": "b", "name": "Beta", "kind": "company", "attributes": {"sector": "bank"}},
    {"id": "c", "name": "Gamma", "kind": "company", "attributes": {"sector": "mine"}},
    {"id": "d", "name": "Delta", "kind": "company", "attributes": {"sector": "mine"}},
    {"id": "e", "name": "Epsilon", "kind": "company", "attributes": {"sector": "port"}},
    {"id": "f", "name": "Zeta", "kind": "company"}
  ],
  "relations": [
    {"id": "r1", "source": "a", "target": "b", "kind": "other", "label": "owns", "evidence": []},
    {"id": "r2", "source": "c", "target": "d", "kind": "other", "label": "owns", "evidence": []},
    {"id": "r3", "source": "a", "target": "c", "kind": "other", "label": "board member of",
     "evidence": []},
    {"id": "r4", "source": "b", "target": "d", "kind": "other", "label": "board member of",
     "evidence": []},
    {"id": "r5", "source": "e", "target": "f", "kind": "other", "label": "advised",
     "evidence": []},
    {"id": "r6", "source": "f", "target": "a", "kind": "other", "evidence": []},
    {"id": "r7", "source": "e", "target": "a", "kind": "supplied", "evidence": []}
  ]
}"#;

/// A right click on one of the file's own kinds of relation shows the relations of that
/// kind alone: not those of the other kinds, nor those of "other kinds" too rare to have a
/// box of their own, or with no label. Undo takes it back in one step.
#[test]
fn a_right_click_on_a_label_shows_only_its_relations() {
    let (_dir, mut harness) = on_file(OWN_KINDS, "Kinds");
    let relations = &harness.state().session().dataset.relations;
    let all = relations.len();
    let owns: Vec<RelationIdx> = (0..all)
        .map(RelationIdx)
        .filter(|&r| relations[r.0].label.as_deref() == Some("owns"))
        .collect();
    assert_eq!(owns.len(), 2);
    assert_eq!(shown_relations(&harness).len(), all);
    filter_box(&mut harness, "owns (2)", Some(PointerButton::Secondary));
    assert_eq!(shown_relations(&harness), owns);
    assert!(filter_box(&mut harness, "owns (2)", None));
    assert!(!filter_box(&mut harness, "board member of (2)", None));
    undo_the_one_step(&mut harness);
    assert_eq!(shown_relations(&harness).len(), all);
}

/// "Only this label" keeps the one label shown, not every other label hidden: a file of
/// thousands of one-off labels keeps a filter (and a story step) of one, and a label the
/// data gains later is hidden too. All, offered while labels no box lists are hidden, shows
/// every relation again.
#[test]
fn only_this_label_keeps_one_label_and_hides_those_added_later_until_all() {
    let (_dir, mut harness) = on_file(OWN_KINDS, "Kinds");
    let all = harness.state().session().dataset.relations.len();
    filter_box(&mut harness, "owns (2)", Some(PointerButton::Secondary));
    let filters = harness.state().view().filters.clone();
    assert!(filters.hidden_relation_phrases.is_empty());
    assert_eq!(
        filters.shown_only_relation_phrases,
        Some(["owns".to_owned()].into())
    );
    let mut grown = harness.state().session().dataset.clone();
    let mut merged = grown.relations[0].clone();
    merged.relation_id = "r8".to_owned();
    merged.label = Some("merged with".to_owned());
    grown.relations.push(merged);
    let network = chainsight::model::Network::build(&grown);
    let lens = chainsight::view::Lens::compute(&grown, &network, harness.state().view());
    assert_eq!(
        lens.relation(RelationIdx(all)),
        chainsight::view::Emphasis::Hidden,
        "a label added later is not among those shown"
    );
    harness.get_by_label("All").click();
    harness.run_steps(3);
    let filters = &harness.state().view().filters;
    assert_eq!(filters.shown_only_relation_phrases, None);
    assert!(filters.hidden_relation_phrases.is_empty());
    assert!(filter_box(&mut harness, "board member of (2)", None));
}

/// A right click on an attribute's value shows only the entities with that value, and those
/// with no such attribute, as its hover says; the other values' are hidden.
#[test]
fn a_right_click_on_an_attribute_value_shows_only_its_entities() {
    let (_dir, mut harness) = on_file(OWN_KINDS, "Kinds");
    open_header(&mut harness, "Attribute “sector”");
    filter_box(&mut harness, "bank (2)", Some(PointerButton::Secondary));
    let dataset = &harness.state().session().dataset;
    let shown: Vec<&str> = shown_entities(&harness)
        .iter()
        .map(|&e| dataset.entity(e).unwrap().name.as_str())
        .collect();
    assert_eq!(shown, ["Alpha", "Beta", "Zeta"]);
    assert!(!filter_box(&mut harness, "mine (2)", None));
    undo_the_one_step(&mut harness);
}

/// Each box's hover says what a right click on it does, naming what it is.
#[test]
fn a_box_says_on_hover_that_a_right_click_shows_only_it() {
    let mut harness = built_in("Kinds");
    open_header(&mut harness, "Countries (");
    let chinese = of_country(&harness, "CN").len();
    harness
        .get_by_role_and_label(Role::CheckBox, &format!("CN ({chinese})"))
        .hover();
    for _ in 0..20 {
        harness.run_steps(1);
        if harness
            .query_by_label("Right-click: show only this country")
            .is_some()
        {
            return;
        }
    }
    panic!("no hover");
}
