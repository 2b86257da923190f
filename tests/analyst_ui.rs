//! The analyst's tools driven as a user drives them (`egui_kittest`): search from the
//! keyboard, filters from the legend and the panel, the time window, the focus.

use chainsight::command::Command;
use chainsight::model::{EntityIdx, EntityKind, RelationIdx};
use chainsight::view::search::HitTarget;
use chainsight::view::{
    Direction, Emphasis, Focus, OutsideFocus, Selection, TimeWindow, ViewCommand,
};
use chainsight::{ChainsightApp, StartupOptions};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[path = "common/harness.rs"]
mod harness;
use harness::harness_with;

#[path = "common/rest.rs"]
mod rest;
use rest::wait_for_rest;

fn harness() -> Harness<'static, ChainsightApp> {
    harness_with(StartupOptions::default())
}

/// The app showing its relations table.
fn relations_table() -> Harness<'static, ChainsightApp> {
    let mut harness = harness();
    harness.get_by_label("Table").click();
    harness.run_steps(3);
    harness.get_by_label_contains("Relations (").click();
    harness.run_steps(3);
    harness
}

/// The app once its layout has come to rest, so positions change only when the test moves
/// them.
fn resting_harness() -> Harness<'static, ChainsightApp> {
    let mut harness = harness();
    wait_for_rest(&mut harness);
    harness
}

/// The app with its layout paused, so that nothing moves even when a pin is released: at
/// rest, then Space twice in one frame (run again, recorded for undo, and paused), and what
/// the worker did in between drawn.
fn paused_harness() -> Harness<'static, ChainsightApp> {
    let mut harness = resting_harness();
    harness.state_mut().submit(Command::ToggleLayout);
    harness.state_mut().submit(Command::ToggleLayout);
    harness.run_steps(1);
    harness.state().session().layout.sync();
    harness.run_steps(2);
    assert_eq!(
        harness.state().session().layout.phase(),
        chainsight::layout::LayoutPhase::Paused
    );
    harness
}

/// The built-in dataset's entity called `name`.
fn entity(harness: &Harness<'_, ChainsightApp>, name: &str) -> EntityIdx {
    harness
        .state()
        .session()
        .dataset
        .entity_by_name(name)
        .unwrap()
}

/// Selects as a click would, and lets the window draw it.
fn select(harness: &mut Harness<'_, ChainsightApp>, selection: Selection) {
    harness.state_mut().submit(Command::Select(selection));
    harness.run_steps(2);
}

fn search(harness: &mut Harness<'_, ChainsightApp>, text: &str) {
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    // Replace whatever the box held, as a user would.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text(text);
    harness.run_steps(3);
}

#[test]
fn ctrl_f_then_enter_selects_the_best_match_and_brings_it_into_view() {
    // At rest, so the entity stays where the view was brought.
    let mut harness = resting_harness();
    search(&mut harness, "huwei");
    let huawei = entity(&harness, "Huawei");
    // The matches light up while the rest fades.
    assert_eq!(harness.state().lens().entity(huawei), Emphasis::Highlighted);
    assert!(harness.state().lens().fades_anything());
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let state = harness.state();
    assert_eq!(state.view().selection, Selection::Entity(huawei));
    assert!(!state.view().camera.follow);
    let distance = (state.view().camera.center - state.session().layout.position(huawei)).length();
    let bounds = state.session().layout.bounds().unwrap();
    assert!(distance < bounds.width().max(bounds.height()) * 0.05);
    // Its panel is open.
    assert!(harness.query_all_by_label_contains("“").count() >= 5);
}

#[test]
fn a_quote_found_by_search_opens_its_relation_with_the_quote_marked() {
    let mut harness = harness();
    search(&mut harness, "police");
    let hit = harness
        .state()
        .lens()
        .hits
        .iter()
        .find(|h| h.field == "quote")
        .cloned()
        .expect("a quote mentions the police");
    let HitTarget::Quote {
        relation,
        evidence_index,
    } = hit.target
    else {
        panic!("not a quote hit");
    };
    let shown = format!(
        "“{}”",
        hit.text(&harness.state().session().dataset, "police")
    );
    harness
        .query_all_by_label(&shown)
        .next()
        .expect("listed")
        .click();
    harness.run_steps(3);
    let view = harness.state().view();
    assert_eq!(view.selection, Selection::Relation(relation));
    assert_eq!(view.marked_quote, Some((relation, evidence_index)));
    harness.get_by_label("Found by your search");
}

#[test]
fn typing_a_year_or_a_status_finds_relations() {
    let mut harness = harness();
    search(&mut harness, "2014");
    let hits = harness.state().lens().hits.clone();
    let dataset = &harness.state().session().dataset;
    let relations: Vec<RelationIdx> = hits
        .iter()
        .filter_map(|h| match h.target {
            HitTarget::Relation(r) => Some(r),
            _ => None,
        })
        .collect();
    assert!(!relations.is_empty());
    assert!(relations.iter().all(|&r| {
        let relation = dataset.relation(r).unwrap();
        relation
            .when
            .years()
            .is_some_and(|(a, b)| a <= 2014 && 2014 <= b)
            || relation
                .label
                .as_deref()
                .unwrap_or_default()
                .contains("2014")
    }));
    // Esc clears the search.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().view().search.is_empty());
}

#[test]
fn clicking_a_kind_in_the_legend_hides_it_and_show_all_brings_it_back() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let cities: Vec<EntityIdx> = (0..dataset.entities.len())
        .map(EntityIdx)
        .filter(|&e| dataset.entity(e).unwrap().kind == EntityKind::City)
        .collect();
    let legend = format!("City ({})", cities.len());
    harness.get_by_label(&legend).click();
    harness.run_steps(3);
    assert!(
        cities
            .iter()
            .all(|&c| !harness.state().lens().shows_entity(c))
    );
    harness.get_by_label_contains("by entity kind");
    harness.get_by_label("Show all").click();
    harness.run_steps(3);
    assert!(
        cities
            .iter()
            .all(|&c| harness.state().lens().shows_entity(c))
    );
}

#[test]
fn a_year_window_shows_the_network_as_it_stood_and_play_moves_it_on() {
    let mut harness = harness();
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::SetTime(Some(
            TimeWindow::years(2009, 2012, false),
        ))));
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let shown: Vec<RelationIdx> = (0..dataset.relations.len())
        .map(RelationIdx)
        .filter(|&r| state.lens().shows_relation(r))
        .collect();
    assert!(!shown.is_empty());
    for r in &shown {
        let (first, last) = dataset.relation(*r).unwrap().when.years().expect("dated");
        assert!(first <= 2012 && last >= 2009);
    }
    assert!(state.lens().hidden_relations > 0);
    // Play shows the network from the first year, one more year at a time.
    harness.state_mut().submit(Command::PlayTime(true));
    harness.run_steps(2);
    let range = harness.state().lens().time_range.unwrap();
    let first_year = i32::from(range.first.year());
    let window = harness.state().view().time.unwrap();
    assert_eq!(window.whole_years(), Some((first_year, 2013)));
    // The camera frames what play will show by its end, not each year's few entities.
    let state = harness.state();
    let framed = state
        .view()
        .camera
        .fit_only
        .clone()
        .expect("framed for play");
    let shown_now = (0..state.session().dataset.entities.len())
        .filter(|&e| state.lens().shows_entity(EntityIdx(e)))
        .count();
    assert!(
        framed.len() > shown_now,
        "{} framed, {shown_now} shown",
        framed.len()
    );
    harness.state_mut().submit(Command::PlayTime(false));
    harness.run_steps(1);
    assert_eq!(
        harness.state().view().camera.fit_only,
        None,
        "framing given back"
    );
}

#[test]
fn focus_keeps_the_two_hop_neighbourhood_of_the_selection() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let urumqi = dataset.entity_by_name("Urumqi").expect("Urumqi");
    let network = &harness.state().session().network;
    let neighbours = network.neighbours(urumqi);
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(urumqi)));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::SetFocus(Some(Focus {
            hops: 2,
            direction: Direction::Both,
            outside: OutsideFocus::Hide,
        }))));
    harness.run_steps(3);
    let state = harness.state();
    let lens = state.lens();
    assert!(neighbours.iter().all(|&n| lens.shows_entity(n)));
    let shown = (0..state.session().dataset.entities.len())
        .filter(|&i| lens.shows_entity(EntityIdx(i)))
        .count();
    assert!(shown < state.session().dataset.entities.len());
    assert!(
        lens.hidden_reasons
            .iter()
            .any(|r| r.contains("outside the focus"))
    );
}

#[test]
fn undo_and_redo_step_through_view_changes() {
    let mut harness = harness();
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleEntityKind(
            EntityKind::City,
        )));
    harness.run_steps(2);
    assert!(harness.state().view().filters.is_active());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(
        !harness.state().view().filters.is_active(),
        "the filter is undone"
    );
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Nothing);
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    // Ctrl+Y redoes too.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Nothing);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    // Typing a search is one step, however many letters.
    search(&mut harness, "Karamay");
    assert_eq!(harness.state().view().search, "Karamay");
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().search, "");
}

/// Asks for paths as a user does: finds `from`, "Path from here", finds `to`, "Path to here".
fn ask_for_paths(harness: &mut Harness<'_, ChainsightApp>, from: &str, to: &str) {
    search(harness, from);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("Path from here").click();
    harness.run_steps(2);
    harness.get_by_label_contains("select the other end");
    search(harness, to);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("Path to here").click();
    harness.run_steps(3);
}

#[test]
fn a_path_frames_its_middle_and_takes_the_supply_step_between_two_entities() {
    let mut harness = harness();
    ask_for_paths(&mut harness, "IBM", "Frequentis");
    let state = harness.state();
    let dataset = &state.session().dataset;
    let paths = &state.lens().paths;
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    let first = paths[0].entities(dataset);
    assert!(
        first.contains(&huawei),
        "IBM reaches Frequentis through Huawei"
    );
    // The camera frames every entity of every path shown, not just the two ends.
    let framed = state
        .view()
        .camera
        .fit_only
        .clone()
        .expect("the paths are framed");
    for path in paths {
        for entity in path.entities(dataset) {
            assert!(
                framed.contains(&entity),
                "{} is framed",
                dataset.entities[entity.0].name
            );
        }
    }
    // Huawei both partnered with and supplied Frequentis: the path shows the supply step.
    let last = paths[0].hops.last().unwrap();
    assert_eq!(
        dataset.relation(last.relation).unwrap().kind,
        chainsight::model::RelationKind::Supplied
    );
    assert!(
        harness
            .query_all_by_label("Huawei —supplied→ Frequentis (+1 more relation)")
            .next()
            .is_some()
    );
}

#[test]
fn a_path_from_ibm_to_xinjiang_is_a_chain_of_quoted_hops() {
    let mut harness = harness();
    ask_for_paths(&mut harness, "IBM", "Xinjiang");
    let state = harness.state();
    let dataset = &state.session().dataset;
    let paths = &state.lens().paths;
    assert!(!paths.is_empty());
    let xinjiang = dataset.entity_by_name("Xinjiang").unwrap();
    let ibm = dataset.entity_by_name("IBM").unwrap();
    let mut routes = Vec::new();
    for path in paths {
        let entities = path.entities(dataset);
        assert_eq!(entities.first(), Some(&ibm));
        assert_eq!(entities.last(), Some(&xinjiang));
        // Each path is another route, not the same entities by a parallel relation.
        assert!(!routes.contains(&entities), "a route twice: {entities:?}");
        routes.push(entities);
    }
    // Path members are lit; the rest fades.
    for hop in &paths[0].hops {
        assert_eq!(state.lens().relation(hop.relation), Emphasis::Highlighted);
    }
    assert!(state.lens().fades_anything());
    // Every path as short as the first is called shortest; longer ones are not.
    let shortest = paths[0].hops.len();
    assert!(
        paths.iter().filter(|p| p.hops.len() == shortest).count() >= 2,
        "IBM reaches Xinjiang by more than one shortest route"
    );
    let titles: Vec<String> = paths
        .iter()
        .enumerate()
        .map(|(number, path)| {
            let kind = if path.hops.len() == shortest {
                "Shortest path"
            } else {
                "Path"
            };
            format!("{kind} {} ({} hops)", number + 1, path.hops.len())
        })
        .collect();
    for title in &titles {
        harness.get_by_label(title);
    }
    // Each hop opens to its quotes.
    let first_hop = harness
        .query_all_by_label_contains("IBM —")
        .next()
        .expect("the first hop starts at IBM");
    first_hop.click();
    harness.run_steps(3);
    assert!(harness.query_all_by_label_contains("“").count() >= 1);
    // Following direction only, and leaving out hedged links, still reaches Xinjiang.
    harness.get_by_label("Follow link direction").click();
    harness.get_by_label("Only reported links").click();
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let first = state
        .lens()
        .paths
        .first()
        .expect("a reported, forward path");
    assert!(first.hops.iter().all(|h| {
        let relation = dataset.relation(h.relation).unwrap();
        (h.forward || !relation.directed) && !relation.status.is_hedged()
    }));
}

#[test]
fn the_table_lists_what_the_lens_shows_and_selects_from_the_keyboard() {
    let mut harness = harness();
    harness.get_by_label("Table").click();
    harness.run_steps(3);
    // Rows are labelled cells: the screen reader's way through the data.
    harness.get_by_label_contains("Relations (");
    // The rows in view are laid out (the rest as they scroll in): take one near the top.
    let session = harness.state().session();
    let third = session.index.entities_by_name[2];
    let third_name = session.dataset.entity(third).unwrap().name.clone();
    // The side panel lists it too; the table's row comes last.
    harness
        .query_all_by_label(&third_name)
        .last()
        .expect("a row")
        .click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(third));
    // Down selects the next row in name order.
    harness.key_press(Key::ArrowDown);
    harness.run_steps(2);
    let state = harness.state();
    let Selection::Entity(next) = state.view().selection else {
        panic!("an entity is selected");
    };
    let name = |e: EntityIdx| {
        state
            .session()
            .dataset
            .entity(e)
            .unwrap()
            .name
            .to_lowercase()
    };
    assert!(
        name(next) > name(third),
        "{} after {}",
        name(next),
        name(third)
    );
    // Hidden kinds leave the table too.
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleEntityKind(
            EntityKind::Company,
        )));
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label("Accenture").count(), 0);
    harness.get_by_label("Graph").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Company (");
}

/// A filter that hides the selected entity leaves its panel open, saying it is not on the
/// graph, with the way back.
#[test]
fn the_panel_says_when_the_selection_is_not_on_the_graph() {
    let mut harness = harness();
    let huawei = entity(&harness, "Huawei");
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(huawei)));
    harness.run_steps(2);
    let hidden_words = "It is not on the graph: the filters, the time window or the focus hide it.";
    assert!(harness.query_by_label(hidden_words).is_none());
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleEntityKind(
            EntityKind::Company,
        )));
    harness.run_steps(2);
    assert!(!harness.state().lens().shows_entity(huawei));
    harness.get_by_label(hidden_words);
    harness
        .query_all_by_label("Show all")
        .last()
        .expect("the way back")
        .click();
    harness.run_steps(3);
    assert!(harness.state().lens().shows_entity(huawei));
    assert!(harness.query_by_label(hidden_words).is_none());
    assert_eq!(harness.state().view().selection, Selection::Entity(huawei));
}

#[test]
fn alt_left_and_right_walk_back_and_forward_through_the_selections() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let (ibm, huawei) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Huawei").unwrap(),
    );
    select(&mut harness, Selection::Entity(ibm));
    select(&mut harness, Selection::Entity(huawei));
    harness.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowLeft);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    harness.key_press_modifiers(egui::Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(huawei));
}

#[test]
fn tab_walks_the_neighbours_of_the_selection_on_the_graph() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    let neighbours = harness.state().session().network.neighbours(huawei);
    select(&mut harness, Selection::Entity(huawei));
    let mut visited = Vec::new();
    for _ in 0..3 {
        harness.key_press(Key::Tab);
        harness.run_steps(2);
        let Selection::Entity(at) = harness.state().view().selection else {
            panic!("an entity stays selected");
        };
        assert!(neighbours.contains(&at), "a neighbour of Huawei");
        visited.push(at);
    }
    assert!(visited[0] != visited[1] && visited[1] != visited[2]);
    // Shift+Tab goes back.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, Key::Tab);
    harness.run_steps(2);
    assert_eq!(
        harness.state().view().selection,
        Selection::Entity(visited[1])
    );
    // With nothing selected, an arrow key starts the walk at the best-connected entity.
    select(&mut harness, Selection::Nothing);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    let Selection::Entity(start) = harness.state().view().selection else {
        panic!("an arrow key selects an entity");
    };
    let network = &harness.state().session().network;
    let most = (0..harness.state().session().dataset.entities.len())
        .map(|e| network.degree(EntityIdx(e)))
        .max()
        .unwrap();
    assert_eq!(network.degree(start), most);
}

/// Brought into view in Flow, an entity's neighbours are on screen round it: IBM's chain had
/// run off the right edge.
#[test]
fn an_entity_brought_into_view_has_its_neighbours_in_view() {
    let mut harness = resting_harness();
    harness.get_by_label("Flow →").click();
    harness.run_steps(3);
    let ibm = entity(&harness, "IBM");
    harness.state_mut().submit(Command::Show(ibm));
    harness.run_steps(3);
    let panel_left = harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .rect()
        .left();
    let state = harness.state();
    let camera = &state.view().camera;
    let layout = &state.session().layout;
    assert!(
        (camera.center - layout.position(ibm)).length() < 1e-3,
        "centred"
    );
    // The graph's area: left of the panel, below the toolbar, above the legend.
    let half = egui::vec2(panel_left / 2.0, (800.0 - 40.0 - 70.0) / 2.0);
    let neighbours = state.session().network.neighbours(ibm);
    assert!(neighbours.len() > 5);
    for n in neighbours {
        let off = (layout.position(n) - camera.center) * camera.zoom;
        assert!(
            off.x.abs() <= half.x && off.y.abs() <= half.y,
            "{} at {off:?} is out of {half:?}",
            state.session().dataset.entity(n).unwrap().name
        );
    }
}

#[test]
fn the_flow_arrangement_reads_ibm_to_huawei_to_xinjiang_left_to_right() {
    // At rest, so the map before is one moment's, not the worker's as it runs on.
    let mut harness = resting_harness();
    let before = harness.state().session().layout.snapshot();
    harness.get_by_label("Flow →").click();
    harness.run_steps(3);
    let session = harness.state().session();
    let x = |name: &str| {
        let entity = session.dataset.entity_by_name(name).unwrap();
        assert!(
            session.layout.is_pinned(entity),
            "{name} is placed in its column"
        );
        session.layout.position(entity).x
    };
    assert!(x("IBM") < x("Huawei"));
    assert!(x("Huawei") < x("Karamay"));
    assert!(x("Karamay") < x("Xinjiang"));
    // Off again: the chain is free, and the map is the one from before, not a new one.
    harness.get_by_label("Flow →").click();
    harness.run_steps(3);
    let session = harness.state().session();
    let huawei = session.dataset.entity_by_name("Huawei").unwrap();
    assert!(!session.layout.is_pinned(huawei));
    session.layout.sync();
    assert_eq!(session.layout.snapshot(), before);
}

#[test]
fn shift_click_compares_entities_their_shared_neighbours_and_the_relations_between_them() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let (ibm, microsoft) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Microsoft").unwrap(),
    );
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(ibm)));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleCompared(microsoft)));
    harness.run_steps(3);
    harness.get_by_label("Comparing 2 entities");
    harness.get_by_label_contains("Shared neighbours (");
    harness.get_by_label_contains("Relations between them (");
    let state = harness.state();
    assert_eq!(state.lens().entity(ibm), Emphasis::Selected);
    assert_eq!(state.lens().entity(microsoft), Emphasis::Selected);
    // Both reach Huawei: a shared neighbour, listed.
    let network = &state.session().network;
    let huawei = state.session().dataset.entity_by_name("Huawei").unwrap();
    assert!(
        network.neighbours(ibm).contains(&huawei)
            && network.neighbours(microsoft).contains(&huawei)
    );
    assert!(harness.query_all_by_label("Huawei").count() >= 1);
    // With a third, the shared neighbours are those all three share, and the heading says so.
    let cisco = entity(&harness, "Cisco");
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleCompared(cisco)));
    harness.run_steps(3);
    harness.get_by_label_contains("Neighbours all 3 share (");
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleCompared(cisco)));
    harness.run_steps(2);
    // Taking Microsoft out again ends the comparison.
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleCompared(microsoft)));
    harness.run_steps(2);
    assert!(harness.state().view().compared.is_empty());
}

/// Compare is on a node's right-click menu too, where a user looks for it.
#[test]
fn the_right_click_menu_adds_a_node_to_the_comparison_and_takes_it_out() {
    let mut harness = paused_harness();
    let dataset = &harness.state().session().dataset;
    let (ibm, huawei) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Huawei").unwrap(),
    );
    select(&mut harness, Selection::Entity(ibm));
    let kind = harness.state().session().dataset.entities[huawei.0].kind;
    let huawei_node = format!("Huawei, {}", kind.label());
    harness.get_by_label(&huawei_node).hover();
    harness.run_steps(2);
    harness.get_by_label(&huawei_node).click_secondary();
    harness.run_steps(2);
    harness
        .get_by_label("Compare with the selection (Shift-click)")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().compared, vec![huawei]);
    harness.get_by_label("Comparing 2 entities");
    harness.get_by_label(&huawei_node).hover();
    harness.run_steps(2);
    harness.get_by_label(&huawei_node).click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Leave out of the comparison").click();
    harness.run_steps(3);
    assert!(harness.state().view().compared.is_empty());
}

/// A camera the user has placed keeps what it showed in view when the graph's area shrinks
/// (the side panel opening): it zooms out by as much, rather than hiding the right side.
#[test]
fn opening_the_side_panel_zooms_a_placed_camera_out_to_keep_the_view() {
    let mut harness = paused_harness();
    let centre = harness.state().view().camera.center;
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ZoomAround {
            anchor: centre,
            factor: 2.0,
        }));
    harness.run_steps(2);
    harness.state_mut().submit(Command::ShowSidePanel(false));
    harness.run_steps(3);
    let zoom = harness.state().view().camera.zoom;
    assert!(!harness.state().view().camera.follow);
    harness.state_mut().submit(Command::ShowSidePanel(true));
    harness.run_steps(3);
    let narrower = harness.state().view().camera.zoom;
    // The panel takes about a third of the 1280-point window.
    assert!(narrower < zoom * 0.8, "{zoom} → {narrower}");
    // Closing it again leaves the zoom: what was in view still is.
    harness.state_mut().submit(Command::ShowSidePanel(false));
    harness.run_steps(3);
    assert_eq!(harness.state().view().camera.zoom, narrower);
}

/// A deleted step comes back with Ctrl+Z, the story playing on at it; a new story is the one
/// "Add this view as a step" fills; stopping a story returns to the view it started from; and
/// Ctrl+Z back past a story's start stops it rather than leave its caption over the network.
#[test]
fn story_edits_are_undone_and_a_new_story_takes_the_steps_added() {
    use chainsight::command::StoryEdit;
    // At rest, so that a framing that follows the network comes out the same each time.
    let mut harness = resting_harness();
    let title = |h: &Harness<'_, ChainsightApp>, step: usize| {
        h.state().session().dataset.stories[0].steps[step]
            .title
            .clone()
    };
    let (last, before_last) = (title(&harness, 7), title(&harness, 6));
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    let framing = harness.state().view().camera.clone();
    harness.state_mut().submit(Command::PlayStory(Some(0)));
    harness.state_mut().submit(Command::GoToStep(7));
    harness.run_steps(2);
    harness
        .state_mut()
        .submit(Command::EditStory(StoryEdit::Remove { story: 0, step: 7 }));
    harness.run_steps(2);
    let state = harness.state();
    assert_eq!(state.session().dataset.stories[0].steps.len(), 7);
    // Playing on at the step now last, its caption and no other.
    assert_eq!(state.presenter().map(|p| p.step), Some(6));
    assert!(state.caption().unwrap().title.contains(&before_last));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().session().dataset.stories[0].steps.len(), 8);
    assert_eq!(title(&harness, 7), last);
    assert_ne!(
        harness.state().view().camera,
        framing,
        "the step frames its own part"
    );
    // Stopping goes back to the view before the story: IBM selected, framed as it was.
    harness.state_mut().submit(Command::PlayStory(None));
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    assert!(harness.state().view().spotlight.is_none());
    let back = harness.state().view().camera.clone();
    assert!(back.glide, "it glides back");
    assert_eq!(
        (back.center, back.zoom, back.fit_only),
        (framing.center, framing.zoom, None)
    );

    // A new story takes the step added, not the first story.
    harness
        .state_mut()
        .submit(Command::EditStory(StoryEdit::NewStory));
    harness.run_steps(2);
    harness
        .get_by_label("Add this view as a step to “Story 2”")
        .click();
    harness.run_steps(2);
    let stories = &harness.state().session().dataset.stories;
    assert_eq!((stories[0].steps.len(), stories[1].steps.len()), (8, 1));
    // With the new story undone (its step, then itself), a step goes to the story left.
    for _ in 0..2 {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
        harness.run_steps(2);
    }
    assert_eq!(harness.state().session().dataset.stories.len(), 1);
    harness.get_by_label("Add this view as a step").click();
    harness.run_steps(2);
    assert_eq!(harness.state().session().dataset.stories[0].steps.len(), 9);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);

    // Ctrl+Z past the start of a story stops it.
    harness.state_mut().submit(Command::PlayStory(Some(0)));
    harness.run_steps(2);
    harness.state_mut().submit(Command::StoryNext);
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(harness.state().presenter().is_none());
    assert!(harness.state().caption().is_none());
}

/// Esc in a step's caption only leaves the caption; a second Esc stops the story.
#[test]
fn esc_in_a_caption_leaves_the_field_and_not_the_story() {
    let mut harness = harness();
    harness.state_mut().submit(Command::PlayStory(Some(0)));
    harness.run_steps(3);
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .click();
    harness.run_steps(2);
    assert!(harness.state().presenter().is_some());
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.state().presenter().is_some(),
        "Esc left the field only"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.state().presenter().is_none(),
        "a second Esc stops the story"
    );
}

/// Search finds what the time window hides, and says so; opening it says why it is not drawn.
#[test]
fn search_marks_hidden_results_and_opening_one_says_why_it_is_not_drawn() {
    let mut harness = harness();
    let range = harness.state().lens().time_range.expect("dated");
    let (from, to) = (
        range.parse_label("2018").unwrap(),
        range.parse_label("2019").unwrap(),
    );
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::SetTime(Some(
            range.window(from, to, false),
        ))));
    harness.run_steps(2);
    let ibm = entity(&harness, "IBM");
    assert!(!harness.state().lens().shows_entity(ibm));
    search(&mut harness, "smarter planet");
    assert!(harness.query_all_by_label_contains("   hidden").count() >= 1);
    harness.state_mut().submit(Command::Show(ibm));
    harness.run_steps(3);
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("IBM is hidden"), "{notice}");
}

#[test]
fn labelled_graph_nodes_are_announced_to_screen_readers() {
    let mut harness = harness();
    let huawei = entity(&harness, "Huawei");
    harness
        .state_mut()
        .submit(Command::Select(Selection::Entity(huawei)));
    harness.run_steps(3);
    // The graph's nodes are painted, not widgets: each one labelled on screen is an
    // accessibility node with its name and kind.
    harness.get_by_label("Huawei, Company");
}

#[test]
fn hidden_entities_leave_the_layout_and_come_back() {
    let mut harness = resting_harness();
    let dataset = &harness.state().session().dataset;
    let cities: Vec<EntityIdx> = (0..dataset.entities.len())
        .map(EntityIdx)
        .filter(|&e| dataset.entity(e).unwrap().kind == EntityKind::City)
        .collect();
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleEntityKind(
            EntityKind::City,
        )));
    harness.run_steps(2);
    let before: Vec<egui::Pos2> = cities
        .iter()
        .map(|&c| harness.state().session().layout.position(c))
        .collect();
    // The rest keeps arranging itself; the hidden cities hold still, out of it.
    harness.state_mut().submit(Command::ToggleLayout);
    harness.run_steps(20);
    let layout = &harness.state().session().layout;
    for (&city, &at) in cities.iter().zip(&before) {
        assert!(layout.is_excluded(city));
        assert_eq!(layout.position(city), at);
    }
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::ToggleEntityKind(
            EntityKind::City,
        )));
    harness.run_steps(2);
    assert!(
        cities
            .iter()
            .all(|&c| !harness.state().session().layout.is_excluded(c))
    );
}

#[test]
fn undo_puts_a_dragged_node_back_and_redo_moves_it_again() {
    let mut harness = harness();
    let ibm = entity(&harness, "IBM");
    let from = harness.state().session().layout.position(ibm);
    let to = from + egui::vec2(40.0, -25.0);
    // What the graph view reports at the end of a drag, after pinning the node there.
    harness
        .state_mut()
        .submit(Command::NodeMoved(chainsight::view::NodeMove {
            entity: ibm,
            from,
            to,
            was_pinned: false,
        }));
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(1);
    let layout = &harness.state().session().layout;
    assert!(!layout.is_pinned(ibm), "unpinned, as before the drag");
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    harness.run_steps(1);
    let layout = &harness.state().session().layout;
    assert!(layout.is_pinned(ibm));
    assert_eq!(layout.position(ibm), to);
}

#[test]
fn undo_pins_a_released_node_again_where_it_stood() {
    let mut harness = harness();
    let ibm = entity(&harness, "IBM");
    // The flow arrangement pins IBM in its column.
    harness.get_by_label("Flow →").click();
    harness.run_steps(2);
    let at = harness.state().session().layout.position(ibm);
    assert!(harness.state().session().layout.is_pinned(ibm));
    harness.state_mut().submit(Command::Unpin(ibm));
    harness.run_steps(1);
    assert!(!harness.state().session().layout.is_pinned(ibm));
    harness.state_mut().submit(Command::Undo);
    harness.run_steps(1);
    let layout = &harness.state().session().layout;
    assert!(layout.is_pinned(ibm));
    assert_eq!(layout.position(ibm), at);
}

/// Where `name` is drawn on screen, as the graph tells screen readers.
fn node_on_screen(harness: &Harness<'_, ChainsightApp>, name: &str) -> egui::Pos2 {
    let state = harness.state();
    let entity = state.session().dataset.entity_by_name(name).unwrap();
    let kind = state.session().dataset.entities[entity.0].kind;
    harness
        .get_by_label(&format!("{name}, {}", kind.label()))
        .rect()
        .center()
}

#[test]
fn dragging_a_node_moves_and_pins_it_in_one_undoable_step() {
    let mut harness = paused_harness();
    let ibm = entity(&harness, "IBM");
    let from = harness.state().session().layout.position(ibm);
    let zoom = harness.state().view().camera.zoom;
    let start = node_on_screen(&harness, "IBM");
    harness.hover_at(start);
    harness.drag_at(start);
    harness.run_steps(1);
    for step in 1..=4 {
        harness.hover_at(start + egui::vec2(20.0 * step as f32, 0.0));
        harness.run_steps(1);
    }
    harness.drop_at(start + egui::vec2(80.0, 0.0));
    harness.run_steps(2);

    let layout = &harness.state().session().layout;
    assert!(
        layout.is_pinned(ibm),
        "a dragged node stays where it is put"
    );
    let moved = layout.position(ibm) - from;
    assert!(
        (moved.x - 80.0 / zoom).abs() < 2.0 / zoom && moved.y.abs() < 2.0 / zoom,
        "moved {moved:?} for 80 points right at zoom {zoom}"
    );
    // The whole drag is one step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(1);
    let layout = &harness.state().session().layout;
    assert_eq!(layout.position(ibm), from);
    assert!(!layout.is_pinned(ibm));
}

#[test]
fn dragging_the_background_pans_and_pinching_zooms_around_the_pointer() {
    let mut harness = resting_harness();
    let before = harness.state().view().camera.clone();
    assert!(before.follow);
    // The top left corner of the graph, inside the margin a fitted view leaves, is empty
    // canvas (names are there to be clicked, so not any spot between nodes will do).
    let empty = egui::pos2(5.0, 50.0);
    harness.hover_at(empty);
    harness.drag_at(empty);
    harness.run_steps(1);
    harness.hover_at(empty + egui::vec2(30.0, 0.0));
    harness.run_steps(1);
    harness.hover_at(empty + egui::vec2(60.0, 20.0));
    harness.run_steps(1);
    harness.drop_at(empty + egui::vec2(60.0, 20.0));
    harness.run_steps(2);
    let camera = harness.state().view().camera.clone();
    assert!(!camera.follow, "a pan stops following the network");
    let panned = (camera.center - before.center) * camera.zoom;
    assert!(
        (panned - egui::vec2(-60.0, -20.0)).length() < 1.0,
        "the content moved with the pointer: {panned:?}"
    );
    assert!(
        !harness.state().history().can_undo(),
        "panning is not an undo step"
    );

    // A pinch zooms, keeping the node under the pointer where it is.
    let huawei = node_on_screen(&harness, "Huawei");
    harness.hover_at(huawei);
    harness.run_steps(1);
    harness.event(egui::Event::Zoom(1.5));
    harness.run_steps(2);
    let after = harness.state().view().camera.clone();
    assert!((after.zoom / camera.zoom - 1.5).abs() < 1e-3);
    assert!((node_on_screen(&harness, "Huawei") - huawei).length() < 1.0);
}

fn all_positions(harness: &Harness<'_, ChainsightApp>) -> Vec<egui::Pos2> {
    let layout = &harness.state().session().layout;
    (0..layout.len())
        .map(|i| layout.position(EntityIdx(i)))
        .collect()
}

#[test]
fn a_layout_run_from_the_menu_is_undone_and_redone_whole() {
    let mut harness = paused_harness();
    let before = all_positions(&harness);
    harness.get_by_label("Layout ▾").click();
    harness.run_steps(2);
    harness.get_by_label("Re-layout from scratch").click();
    wait_for_rest(&mut harness);
    let after = all_positions(&harness);
    assert_ne!(after, before, "the re-layout moved the nodes");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(all_positions(&harness), before, "undo puts every node back");
    harness.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        all_positions(&harness),
        after,
        "redo brings the new layout back"
    );

    // Switching engine is a layout run too.
    harness.state_mut().submit(Command::SetEngine(
        chainsight::layout::Engine::FruchtermanReingold,
    ));
    harness.run_steps(20);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    let state = harness.state();
    assert_eq!(
        state.session().layout.engine(),
        chainsight::layout::Engine::ForceAtlas2
    );
    assert_eq!(all_positions(&harness), after);
}

/// Presenting a step, the key under the graph names only the kinds the step lights, without
/// the analyst's counts; leaving, the whole counted key is back.
#[test]
fn presenting_a_step_keys_only_what_it_lights() {
    let mut harness = harness();
    harness.get_by_label_contains("Company (");
    harness.get_by_label_contains("Organisation (");
    harness.key_press(Key::F5);
    harness.run_steps(3);
    harness.key_press(Key::ArrowRight);
    harness.run_steps(3);
    // Step 2 lights IBM and its Karamay pilot.
    harness.get_by_label("Company");
    assert!(harness.query_by_label_contains("Company (").is_none());
    assert!(harness.query_by_label_contains("Organisation").is_none());
    assert!(
        harness
            .query_by_label_contains("wider: more documents")
            .is_none()
    );
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(!harness.state().is_presenting());
    harness.get_by_label_contains("Company (");
}

#[test]
fn f5_presents_the_safe_city_story_and_a_clicker_walks_through_it() {
    let mut harness = harness();
    let steps = harness.state().session().dataset.stories[0].steps.clone();
    assert!(steps.len() >= 7);
    harness.key_press(Key::F5);
    harness.run_steps(3);
    assert!(harness.state().is_presenting());
    // Chrome hidden: no toolbar.
    assert!(harness.query_by_label("Open…").is_none());
    let mut seen = Vec::new();
    for _ in 0..40 {
        let state = harness.state();
        let presenter = state.presenter().expect("the story plays");
        let step = &steps[presenter.step];
        // The caption on the graph is the step's.
        let caption = state.caption().expect("a caption");
        assert_eq!(caption.text, step.caption);
        assert!(caption.title.contains(&step.title), "{}", caption.title);
        // Its relations revealed so far are highlighted; those still to come are hidden.
        let revealed = if step.reveal {
            presenter.revealed
        } else {
            step.relations.len()
        };
        // A step that reveals its links one by one says how far it has got; the last says
        // that the story ends there.
        let last = !presenter.has_next(&state.session().dataset);
        let title = caption.title.strip_suffix("  ·  the end");
        assert_eq!(title.is_some(), last, "{}", caption.title);
        let title = title.unwrap_or(&caption.title);
        if step.reveal && step.relations.len() > 1 {
            let progress = format!("link {revealed} of {}", step.relations.len());
            assert!(title.ends_with(&progress), "{}", caption.title);
        } else {
            assert!(title.ends_with(&step.title), "{}", caption.title);
        }
        for (k, relation) in step.relations.iter().enumerate() {
            let emphasis = state.lens().relation(*relation);
            if k < revealed {
                assert!(
                    emphasis >= Emphasis::Highlighted,
                    "step {}: {relation:?}",
                    presenter.step
                );
            } else {
                assert_eq!(emphasis, Emphasis::Hidden);
            }
        }
        seen.push(presenter.step);
        harness.key_press(if seen.len() % 2 == 0 {
            Key::PageDown
        } else {
            Key::ArrowRight
        });
        harness.run_steps(2);
        if harness.state().presenter().map(|p| (p.step, p.revealed))
            == Some((presenter.step, presenter.revealed))
        {
            break;
        }
    }
    seen.dedup();
    assert_eq!(
        seen,
        (0..steps.len()).collect::<Vec<_>>(),
        "every step, in order"
    );
    // Back: the last step's links are taken back one by one, then the step before shows.
    let last = harness.state().presenter().unwrap();
    for taken_back in 1..last.revealed {
        harness.key_press(Key::PageUp);
        harness.run_steps(2);
        let now = harness.state().presenter().unwrap();
        assert_eq!(
            (now.step, now.revealed),
            (last.step, last.revealed - taken_back)
        );
    }
    harness.key_press(Key::PageUp);
    harness.run_steps(2);
    assert_eq!(harness.state().presenter().unwrap().step, steps.len() - 2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_presenting());
    assert!(
        harness.query_by_label("Open…").is_some(),
        "the toolbar is back"
    );
}

#[test]
fn dragging_a_node_of_a_settled_layout_moves_nothing_else_and_save_writes_where_it_is() {
    let mut harness = harness();
    for _ in 0..400 {
        if harness.state().session().layout.phase() == chainsight::layout::LayoutPhase::Converged {
            break;
        }
        harness.run_steps(5);
    }
    assert_eq!(
        harness.state().session().layout.phase(),
        chainsight::layout::LayoutPhase::Converged
    );
    let before = all_positions(&harness);
    // A hub, named on screen whatever the layout (a lesser node's name may give way).
    let dragged = entity(&harness, "Microsoft");
    let start = node_on_screen(&harness, "Microsoft");
    harness.hover_at(start);
    harness.drag_at(start);
    harness.run_steps(1);
    for step in 1..=3 {
        harness.hover_at(start + egui::vec2(0.0, -15.0 * step as f32));
        harness.run_steps(1);
    }
    harness.drop_at(start + egui::vec2(0.0, -45.0));
    harness.run_steps(20);
    let after = all_positions(&harness);
    let extent = harness
        .state()
        .session()
        .layout
        .bounds()
        .unwrap()
        .size()
        .length();
    for (i, (a, b)) in before.iter().zip(&after).enumerate() {
        if i == dragged.0 {
            assert!(a.distance(*b) > 1.0, "the dragged node moved");
        } else {
            assert!(
                a.distance(*b) < extent * 0.002,
                "entity {i} moved {} when Microsoft was dragged",
                a.distance(*b)
            );
        }
    }
    // Save as… writes the positions on screen, not the ones loaded.
    let saved = harness.state().dataset_to_save();
    assert_eq!(saved.positions.len(), after.len());
    for (entity, position) in &saved.positions {
        assert_eq!(egui::pos2(position.x, position.y), after[entity.0]);
    }
}

#[test]
fn undo_after_choosing_two_entities_goes_back_to_the_first() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let ibm = dataset.entity_by_name("IBM").unwrap();
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    select(&mut harness, Selection::Entity(ibm));
    select(&mut harness, Selection::Entity(huawei));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(ibm));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Nothing);
}

#[test]
fn a_relation_says_its_dates_once_when_its_label_already_does() {
    let mut harness = harness();
    let relation = harness
        .state()
        .session()
        .dataset
        .relation_by_id("huawei-supplied-uk-government")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::Select(Selection::Relation(relation)));
    harness.run_steps(3);
    harness.get_by_label("on government projects since 2003");
    assert!(
        harness
            .query_by_label_contains("since 2003 · since 2003")
            .is_none()
    );
}

#[test]
fn the_relations_table_says_what_each_relation_is_and_its_label_apart() {
    let harness = relations_table();
    harness.get_by_label("Label");
    // Sorted by source, Accenture's relation comes first: its kind and its label apart.
    let accenture = harness
        .state()
        .session()
        .dataset
        .relations
        .iter()
        .find(|r| harness.state().session().dataset.entities[r.source.0].name == "Accenture")
        .cloned()
        .unwrap();
    assert!(harness.query_all_by_label(accenture.phrase()).count() > 0);
    let label = accenture.label.clone().unwrap();
    assert_ne!(label, accenture.phrase());
    assert!(harness.query_all_by_label(&label).count() > 0, "{label}");
}

#[test]
fn a_relation_picked_in_the_table_is_brought_into_view_on_the_graph() {
    let mut harness = relations_table();
    let before = harness.state().view().camera.center;
    let relation = {
        let dataset = &harness.state().session().dataset;
        dataset.relations[dataset
            .relation_by_id("china-daily-interviewed-ren")
            .unwrap()
            .0]
            .clone()
    };
    harness
        .get_all_by_label(relation.phrase())
        .next()
        .unwrap()
        .click();
    harness.run_steps(3);
    let state = harness.state();
    let Selection::Relation(picked) = state.view().selection else {
        panic!("a relation is selected");
    };
    // Centred between its two ends, both in sight.
    let r = &state.session().dataset.relations[picked.0];
    let layout = &state.session().layout;
    let middle = layout
        .position(r.source)
        .lerp(layout.position(r.target), 0.5);
    let center = state.view().camera.center;
    assert!(
        center.distance(middle) < 1.0,
        "{center:?} is not {middle:?}"
    );
    assert!(center.distance(before) > 1.0, "the camera moved");
}

#[test]
fn a_table_cut_beside_the_panel_says_how_to_get_more_room() {
    let mut harness = relations_table();
    // Beside the panel at 1280 points the names are cut: the heading line says F6.
    let says_f6 = |harness: &Harness<'_, ChainsightApp>| {
        harness
            .query_by_label_contains("More room: F6 hides the panel")
            .is_some()
    };
    assert!(says_f6(&harness));
    harness.state_mut().submit(Command::ShowSidePanel(false));
    harness.run_steps(3);
    assert!(!says_f6(&harness), "with the panel hidden, F6 is no help");
}

#[test]
fn showing_paths_keeps_the_side_panel_as_wide_as_it_was() {
    let mut harness = harness();
    let width = |harness: &Harness<'_, ChainsightApp>| {
        harness
            .get_by_role(egui::accesskit::Role::TextInput)
            .rect()
            .width()
    };
    let before = width(&harness);
    let dataset = &harness.state().session().dataset;
    let ibm = dataset.entity_by_name("IBM").unwrap();
    let apparatus = dataset
        .entity_by_name("Xinjiang surveillance apparatus")
        .unwrap();
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::PathFrom(ibm)));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::PathTo(apparatus)));
    harness.run_steps(4);
    assert!(!harness.state().lens().paths.is_empty());
    let after = width(&harness);
    assert!((after - before).abs() < 1.0, "{before} → {after}");
}

/// A path that leaves the supply chain says so, and marks each hop that is no step along it
/// (IBM reached Frequentis through Donald Trump's criticism of Huawei); keeping to the chain,
/// nothing is marked.
#[test]
fn paths_mark_the_hops_that_are_no_supply_step() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let (ibm, frequentis) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Frequentis").unwrap(),
    );
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::PathFrom(ibm)));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::PathTo(frequentis)));
    harness.run_steps(4);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let off_chain: usize = state
        .lens()
        .paths
        .iter()
        .flat_map(|p| &p.hops)
        .filter(|h| {
            let kind = dataset.relation(h.relation).unwrap().kind;
            !chainsight::model::flow::is_flow(kind)
        })
        .count();
    assert!(off_chain > 0, "some path leaves the chain");
    assert_eq!(
        harness.query_all_by_label_contains("⚠ ").count(),
        off_chain,
        "each such hop is marked"
    );
    assert!(
        harness
            .query_all_by_label_contains("no supply step")
            .next()
            .is_some()
    );
    harness.get_by_label("Only supply-chain links").click();
    harness.run_steps(4);
    assert!(!harness.state().lens().paths.is_empty());
    assert!(harness.query_by_label_contains("no supply step").is_none());
    assert_eq!(harness.query_all_by_label_contains("⚠ ").count(), 0);
}

/// Two words found across a relation and its ends; opening the relation brings both ends
/// into view.
#[test]
fn a_relation_found_by_its_ends_opens_with_both_ends_in_view() {
    let mut harness = resting_harness();
    search(&mut harness, "ibm branch karamay");
    let dataset = &harness.state().session().dataset;
    let (ibm, karamay) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Karamay").unwrap(),
    );
    let hit = harness
        .state()
        .lens()
        .hits
        .iter()
        .find(|h| {
            matches!(h.target, HitTarget::Relation(r)
            if dataset.relation(r).is_some_and(|r| r.source == ibm && r.target == karamay))
        })
        .cloned()
        .expect("IBM → Karamay is found");
    let HitTarget::Relation(relation) = hit.target else {
        unreachable!()
    };
    let shown = hit.text(dataset, "ibm branch karamay");
    harness
        .query_all_by_label(&shown)
        .next()
        .expect("listed")
        .click();
    harness.run_steps(3);
    let state = harness.state();
    assert_eq!(state.view().selection, Selection::Relation(relation));
    let layout = &state.session().layout;
    let (a, b) = (layout.position(ibm), layout.position(karamay));
    let camera = &state.view().camera;
    assert!((camera.center - a.lerp(b, 0.5)).length() < 1e-3);
    // Both ends within the graph's area (the window less the side panel).
    let on_screen = (a - b).length() * camera.zoom;
    assert!(on_screen < 800.0 * 0.75, "{on_screen}");
}

/// Words that find nothing together: each alone, as a button that searches for it.
#[test]
fn a_search_that_finds_nothing_says_what_each_word_finds_alone() {
    let mut harness = harness();
    search(&mut harness, "karamay 2009");
    assert!(harness.state().lens().hits.is_empty());
    harness.get_by_label("Nothing matches.");
    harness
        .query_all_by_label_contains("“karamay”:")
        .next()
        .expect("what karamay finds alone")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().view().search, "karamay");
    assert!(!harness.state().lens().hits.is_empty());
}

/// A story is renamed and deleted from its "…" menu; Ctrl+Z undoes both, deleting the
/// story played stops it, and with none left a new one can be started.
#[test]
fn a_story_is_renamed_and_deleted_from_its_menu_and_both_are_undone() {
    let mut harness = harness();
    let original = harness.state().session().dataset.stories[0].title.clone();
    harness.get_by_label("…").click();
    harness.run_steps(2);
    harness.get_by_label("Rename").click();
    harness.run_steps(3);
    // The field has the keyboard: select what it holds and type over it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness
        .get(
            egui_kittest::kittest::by()
                .role(egui::accesskit::Role::TextInput)
                .value(&original),
        )
        .type_text("Briefing");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert_eq!(
        harness.state().session().dataset.stories[0].title,
        "Briefing"
    );
    harness.get_by_label("Briefing");
    // The whole rename is one undo step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().session().dataset.stories[0].title, original);

    harness.state_mut().submit(Command::PlayStory(Some(0)));
    harness.run_steps(2);
    harness.get_by_label("…").click();
    harness.run_steps(2);
    harness.get_by_label("Delete story").click();
    harness.run_steps(2);
    assert!(harness.state().session().dataset.stories.is_empty());
    assert!(harness.state().presenter().is_none());
    assert!(harness.state().caption().is_none());
    let notice = harness.state().notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("Deleted the story"), "{notice}");
    assert!(notice.contains("Restore, under Stories"), "{notice}");
    harness.get_by_label("Restore");
    // With no story left, one can still be started.
    harness.get_by_label("New story");
    harness.get_by_label("Add this view as a step");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    // Undone, the deletion's notice goes with it.
    assert!(harness.state().notice().is_none());
    let stories = &harness.state().session().dataset.stories;
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].steps.len(), 8);
}

/// Restore, under Stories, brings a deleted story back whatever was done since (Ctrl+Z
/// would first undo those selections), after the notice has gone too; the restore is itself
/// undone by Ctrl+Z, and with the story back the offer goes.
#[test]
fn a_deleted_story_is_restored_from_its_notice_after_other_clicks() {
    let mut harness = harness();
    harness.get_by_label("…").click();
    harness.run_steps(2);
    harness.get_by_label("Delete story").click();
    harness.run_steps(2);
    assert!(harness.state().session().dataset.stories.is_empty());
    let dataset = &harness.state().session().dataset;
    let (ibm, huawei) = (
        dataset.entity_by_name("IBM").unwrap(),
        dataset.entity_by_name("Huawei").unwrap(),
    );
    // Clicked on the graph, as a user does.
    harness.get_by_label("IBM, Company").click();
    harness.run_steps(2);
    harness.get_by_label("Huawei, Company").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection, Selection::Entity(huawei));
    let _ = ibm;
    // The notice is dismissed (or has expired); the offer stays.
    harness.state_mut().submit(Command::DismissError);
    harness.run_steps(2);
    harness.get_by_label("Restore").click();
    harness.run_steps(2);
    let stories = &harness.state().session().dataset.stories;
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].steps.len(), 8);
    assert_eq!(harness.state().view().selection, Selection::Entity(huawei));
    assert!(
        harness.query_by_label("Restore").is_none(),
        "the story is back"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(harness.state().session().dataset.stories.is_empty());
    harness.get_by_label("Restore");
}

/// A hub's panel has a button down to its incoming relations (who supplied it), past its
/// many outgoing ones; a small entity's needs none.
#[test]
fn a_hubs_incoming_relations_are_a_button_away() {
    let mut harness = harness();
    let dataset = &harness.state().session().dataset;
    let huawei = dataset.entity_by_name("Huawei").unwrap();
    let sensenet = dataset.entity_by_name("SenseNet").unwrap();
    let incoming = dataset
        .relations
        .iter()
        .filter(|r| r.directed && r.target == huawei)
        .count();
    select(&mut harness, Selection::Entity(huawei));
    harness
        .get_by_label(&format!("Incoming ({incoming}) ↓"))
        .click();
    harness.run_steps(2);
    // Among them, IBM (which supplied it).
    harness.get_by_label_contains("← IBM");
    select(&mut harness, Selection::Entity(sensenet));
    assert!(harness.query_by_label_contains(") ↓").is_none());
}

/// Searching, the table lists what the search finds: the entities it names, and the
/// relations it names or quotes or that touch those entities. Unticking the box lists every
/// row again.
#[test]
fn the_table_lists_what_a_search_finds() {
    let mut harness = relations_table();
    let all = harness.state().session().dataset.relations.len();
    harness.get_by_label(&format!("Relations ({all})"));
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::Search("police".into())));
    harness.run_steps(3);
    let state = harness.state();
    let dataset = &state.session().dataset;
    let mut named = vec![false; dataset.entities.len()];
    let mut found = vec![false; all];
    for hit in &state.lens().hits {
        match hit.target {
            HitTarget::Entity(e) => named[e.0] = true,
            HitTarget::Relation(r) | HitTarget::Quote { relation: r, .. } => found[r.0] = true,
        }
    }
    for (i, relation) in dataset.relations.iter().enumerate() {
        found[i] |= named[relation.source.0] || named[relation.target.0];
    }
    let expected = found.iter().filter(|&&f| f).count();
    assert!(0 < expected && expected < all, "{expected} of {all}");
    // The police's own link, which says "police" nowhere, is listed by its ends.
    let (police, _) = dataset
        .entities
        .iter()
        .enumerate()
        .find(|(_, e)| e.name == "London Metropolitan Police")
        .expect("the London police");
    let their_link = dataset
        .relations
        .iter()
        .position(|r| r.target.0 == police || r.source.0 == police)
        .expect("a link of theirs");
    assert!(found[their_link]);
    harness.get_by_label(&format!("Relations ({expected})"));
    let named_count = named.iter().filter(|&&n| n).count();
    // The table's tab, not the search results' heading of the same words.
    harness.get_by_role_and_label(
        egui::accesskit::Role::Button,
        &format!("Entities ({named_count})"),
    );
    // Why they are listed, in numbers that add up to the rows.
    let node = harness.get_by_label_contains("Found ");
    let node = node.accesskit_node();
    let why = node.label().or_else(|| node.value()).unwrap_or_default();
    let counted: usize = why
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse::<usize>().ok())
        .sum();
    assert_eq!(counted, expected, "{why}");
    assert!(why.contains("by a quote"), "{why}");
    harness.get_by_label("Only what “police” finds").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("Relations ({all})"));
    // Nothing found: the table says so, with the way to every row.
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::Search("zzzq".into())));
    harness.run_steps(3);
    harness.get_by_label("Only what “zzzq” finds").click();
    harness.run_steps(3);
    harness.get_by_label("Nothing here matches “zzzq”.");
    harness.get_by_label("List every row").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("Relations ({all})"));
    // Searching for nothing lists everything, and the box goes.
    harness
        .state_mut()
        .submit(Command::View(ViewCommand::Search(String::new())));
    harness.run_steps(3);
    assert!(harness.query_by_label_contains("Only what").is_none());
    harness.get_by_label(&format!("Relations ({all})"));
}

/// At 1280 points the table fits beside the side panel, every column in view (scrolling
/// sideways had taken the From column, the row's name, out of view), and sorting by a column
/// leaves the widths as they were.
#[test]
fn the_table_fits_beside_the_panel_and_sorting_keeps_its_columns_in_place() {
    let mut harness = harness();
    harness.get_by_label("Table").click();
    harness.run_steps(3);
    let panel_left = harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .rect()
        .left();
    // A heading, whether sorted by (its arrow after a thin space) or not.
    let rect_of = |harness: &Harness<'_, ChainsightApp>, heading: &str| {
        [
            heading.to_owned(),
            format!("{heading}\u{2009}↑"),
            format!("{heading}\u{2009}↓"),
        ]
        .iter()
        .find_map(|label| harness.query_all_by_label(label).last())
        .unwrap_or_else(|| panic!("a heading {heading}"))
        .rect()
    };
    for heading in ["Kind", "PageRank", "Betweenness"] {
        let rect = rect_of(&harness, heading);
        assert!(rect.right() < panel_left, "{heading} at {rect:?}");
    }
    // A kind is whole ("Governme…" had been cut while the names had room to give).
    assert!(
        harness
            .query_all_by_label("Government body")
            .next()
            .is_some()
    );
    let before = rect_of(&harness, "Betweenness").left();
    // Sorted by relations, then by PageRank: the arrow moves, the columns do not.
    for heading in ["Relations", "PageRank"] {
        harness.query_all_by_label(heading).last().unwrap().click();
        harness.run_steps(3);
    }
    let after = rect_of(&harness, "Betweenness").left();
    assert!((after - before).abs() < 0.5, "{before} → {after}");
    harness.get_by_label_contains("Relations (").click();
    harness.run_steps(3);
    for heading in ["From", "To", "Quotes", "Docs", "Label"] {
        let rect = rect_of(&harness, heading);
        assert!(rect.right() < panel_left, "{heading} at {rect:?}");
    }
}

/// Presenting, with the side panel closed, a presenter who clicks an entity and presses +
/// sees the focus said above the graph, the neighbourhood framed, and can end it there.
#[test]
fn presenting_a_focus_says_so_above_the_graph_and_frames_the_neighbourhood() {
    let mut harness = harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    assert!(harness.state().is_presenting());
    let camera_of_the_step = harness.state().view().camera.clone();
    assert!(
        camera_of_the_step.fit_only.is_some(),
        "a step frames its own part"
    );
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    harness.key_press(Key::Plus);
    harness.run_steps(2);
    harness.get_by_label("Focus: 1 hop round IBM (+ / − to change).");
    let camera = &harness.state().view().camera;
    assert!(
        camera.follow && camera.fit_only.is_none(),
        "framed on what is shown"
    );
    harness.get_by_label("Focus off").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().focus, None);
    assert!(harness.query_by_label_contains("Focus: ").is_none());
}

/// Presenting, a click on an entity glides to it and the neighbours drawn (above the
/// caption, as a step is framed), so none is left under the caption or off the screen; Esc
/// glides back to the step's own framing.
#[test]
fn presenting_a_click_frames_what_it_lights() {
    let mut harness = harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    let step_camera = harness.state().view().camera.fit_only.clone();
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    let camera = harness.state().view().camera.clone();
    assert!(camera.follow && camera.glide);
    let framed = camera.fit_only.expect("framed on what the click lights");
    let state = harness.state();
    let neighbours = state.session().network.neighbours(ibm);
    assert!(neighbours.len() > 5);
    for entity in std::iter::once(ibm).chain(neighbours) {
        assert_eq!(
            framed.contains(&entity),
            state.lens().shows_entity(entity),
            "{}",
            state.session().dataset.entities[entity.0].name
        );
    }
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().view().camera.fit_only, step_camera);
    assert!(harness.state().is_presenting());
}

/// Presenting, a click away from the step says so on its caption, and Esc brings the step
/// back (a second Esc leaves presenter mode).
#[test]
fn presenting_esc_returns_from_a_click_away_to_the_step() {
    let mut harness = harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    let step = harness.state().view().clone();
    let title =
        |harness: &Harness<'static, ChainsightApp>| harness.state().caption().unwrap().title;
    assert!(!title(&harness).contains("away from the step"));
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    harness.key_press(Key::Plus);
    harness.run_steps(2);
    assert!(
        title(&harness).contains("away from the step: Esc returns"),
        "{}",
        title(&harness)
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.state().is_presenting(),
        "the first Esc returns to the step"
    );
    let view = harness.state().view();
    assert_eq!((view.selection, view.focus), (step.selection, step.focus));
    assert!(!title(&harness).contains("away from the step"));
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_presenting());
}

/// Presenting with the side panel open, the panel is the audience's: the story played says
/// where it stands and moves on, and its editing (steps' fields, "Add this view as a step")
/// stays out of it, so the evidence of what the presenter clicks is in view.
#[test]
fn presenting_with_the_panel_open_shows_the_story_without_its_editing() {
    let mut harness = harness();
    harness.key_press(Key::F5);
    harness.run_steps(2);
    harness.state_mut().submit(Command::ShowSidePanel(true));
    harness.run_steps(2);
    harness.get_by_label("Step 1 of 8");
    assert!(
        harness
            .query_by_label_contains("Add this view as a step")
            .is_none()
    );
    assert!(harness.query_by_label("Move down").is_none());
    harness.get_by_label("Next →").click();
    harness.run_steps(2);
    harness.get_by_label("Step 2 of 8");
    // Out of presenter mode the same panel edits the story.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_presenting());
    harness.get_by_label_contains("Add this view as a step");
}

/// The keys + and − widen and narrow the focus round the selected entity a hop at a time, as
/// in Kumu; with nothing selected they do nothing.
#[test]
fn plus_and_minus_widen_and_narrow_the_focus_round_the_selection() {
    let mut harness = harness();
    let hops =
        |harness: &Harness<'static, ChainsightApp>| harness.state().view().focus.map(|f| f.hops);
    harness.key_press(Key::Plus);
    harness.run_steps(2);
    assert_eq!(hops(&harness), None, "no selection, no focus");
    let ibm = entity(&harness, "IBM");
    select(&mut harness, Selection::Entity(ibm));
    harness.run_steps(2);
    harness.key_press(Key::Plus);
    harness.run_steps(2);
    assert_eq!(hops(&harness), Some(1));
    // One hop out, the rest hidden (what is left fills the view), as Kumu's focus does.
    let state = harness.state();
    let network = &state.session().network;
    let neighbours: Vec<EntityIdx> = network
        .incident(ibm)
        .into_iter()
        .filter_map(|r| state.session().dataset.relation(r))
        .map(|r| if r.source == ibm { r.target } else { r.source })
        .collect();
    let far = (0..state.session().dataset.entities.len())
        .map(EntityIdx)
        .find(|&e| e != ibm && !neighbours.contains(&e))
        .unwrap();
    assert_eq!(state.lens().entity(far), Emphasis::Hidden);
    assert!(neighbours.iter().all(|&n| state.lens().shows_entity(n)));
    for _ in 0..4 {
        harness.key_press(Key::Equals);
        harness.run_steps(2);
    }
    assert_eq!(hops(&harness), Some(3), "no deeper than the menu offers");
    harness.key_press(Key::Minus);
    harness.run_steps(2);
    assert_eq!(hops(&harness), Some(2));
    // The panel says so, and ends it with a click.
    harness.get_by_label("Focus: 2 hops round IBM (+ / − to change).");
    harness.get_by_label("Focus off").click();
    harness.run_steps(2);
    assert_eq!(hops(&harness), None);
    assert!(harness.query_by_label_contains("Focus: ").is_none());
    harness.key_press(Key::Plus);
    harness.run_steps(2);
    harness.key_press(Key::Minus);
    harness.run_steps(2);
    assert_eq!(hops(&harness), None);
}

/// The Kinds tab of the open filters, drawn.
fn kinds_tab() -> Harness<'static, ChainsightApp> {
    let mut harness = harness();
    harness.get_by_label("Filters, time and focus").click();
    harness.run_steps(3);
    harness.get_by_label("Kinds").click();
    harness.run_steps(3);
    harness
}

/// The entities of `kind` in the built-in dataset.
fn of_kind(harness: &Harness<'_, ChainsightApp>, kind: EntityKind) -> Vec<EntityIdx> {
    let dataset = &harness.state().session().dataset;
    (0..dataset.entities.len())
        .map(EntityIdx)
        .filter(|&e| dataset.entity(e).unwrap().kind == kind)
        .collect()
}

/// Whether the filters' box for the entities of `kind` ("Company (17)", as the legend's key)
/// is ticked; clicked first with `button` when given.
fn kind_box(
    harness: &Harness<'_, ChainsightApp>,
    kind: EntityKind,
    button: Option<egui::PointerButton>,
) -> bool {
    let label = format!("{} ({})", kind.label(), of_kind(harness, kind).len());
    let node = harness.get_by_role_and_label(egui::accesskit::Role::CheckBox, &label);
    if let Some(button) = button {
        node.click_button(button);
    }
    node.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

/// "None" beside "Entity kinds" unticks every kind at once; ticking Company then shows the
/// companies alone. To see only companies had taken eleven unticks.
#[test]
fn none_then_one_kind_shows_only_that_kind() {
    let mut harness = kinds_tab();
    let companies = of_kind(&harness, EntityKind::Company);
    assert!(companies.len() > 1);
    let count = harness.state().session().dataset.entities.len();
    let shown = |harness: &Harness<'_, ChainsightApp>| {
        (0..count)
            .map(EntityIdx)
            .filter(|&e| harness.state().lens().shows_entity(e))
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&harness).len(), count);
    // The first "None" is the entity kinds', on their heading's line.
    harness
        .query_all_by_role_and_label(egui::accesskit::Role::Button, "None")
        .next()
        .expect("None beside Entity kinds")
        .click();
    harness.run_steps(3);
    assert!(shown(&harness).is_empty(), "every kind hidden");
    kind_box(
        &harness,
        EntityKind::Company,
        Some(egui::PointerButton::Primary),
    );
    harness.run_steps(3);
    assert_eq!(shown(&harness), companies);
    // "All" brings every kind back.
    harness
        .query_all_by_role_and_label(egui::accesskit::Role::Button, "All")
        .next()
        .expect("All beside Entity kinds")
        .click();
    harness.run_steps(3);
    assert_eq!(shown(&harness).len(), count);
}

/// A right click on a kind's box shows only that kind, in one step that Undo takes back.
#[test]
fn a_right_click_on_a_kind_shows_only_it_in_one_undo_step() {
    let mut harness = kinds_tab();
    let cities = of_kind(&harness, EntityKind::City);
    let count = harness.state().session().dataset.entities.len();
    kind_box(
        &harness,
        EntityKind::City,
        Some(egui::PointerButton::Secondary),
    );
    harness.run_steps(3);
    let lens = harness.state().lens();
    assert!(cities.iter().all(|&c| lens.shows_entity(c)));
    let shown = (0..count)
        .filter(|&e| lens.shows_entity(EntityIdx(e)))
        .count();
    assert_eq!(shown, cities.len(), "only the cities");
    // Its box stays ticked, the others not.
    assert!(kind_box(&harness, EntityKind::City, None));
    assert!(!kind_box(&harness, EntityKind::Company, None));
    harness.get_by_label("Undo").click();
    harness.run_steps(3);
    let lens = harness.state().lens();
    assert!((0..count).all(|e| lens.shows_entity(EntityIdx(e))));
    assert!(!harness.state().view().filters.is_active());
}

/// "other kinds" hides relations labelled in many ways: its hover names the labels, with
/// their counts.
#[test]
fn the_other_kinds_box_names_its_labels_on_hover() {
    let mut harness = kinds_tab();
    let labels: Vec<String> = harness
        .state()
        .session()
        .dataset
        .relations
        .iter()
        .filter(|r| r.kind == chainsight::model::RelationKind::Other)
        .filter_map(|r| r.label.clone())
        .collect();
    assert!(labels.len() > 1);
    let said = |harness: &Harness<'_, ChainsightApp>| {
        harness
            .query_by_label_contains("by their labels:")
            .map(|node| {
                let node = node.accesskit_node();
                node.label().or_else(|| node.value()).unwrap_or_default()
            })
    };
    assert_eq!(said(&harness), None);
    harness
        .query_all_by_label_contains("other kinds (")
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::CheckBox)
        .expect("the other kinds box")
        .hover();
    for _ in 0..20 {
        harness.run_steps(1);
        if said(&harness).is_some() {
            break;
        }
    }
    let words = said(&harness).expect("the hover");
    assert!(
        labels
            .iter()
            .any(|label| words.contains(&format!("{} (1)", label.trim()))),
        "{words}"
    );
}

/// A graph tooltip near the graph's right edge opens to the pointer's left, rather than
/// over the side panel's evidence.
#[test]
fn a_tooltip_by_the_graphs_right_edge_stays_off_the_side_panel() {
    let mut harness = paused_harness();
    let panel_left = harness
        .get_by_label("Filters, time and focus")
        .rect()
        .left();
    // The named node furthest right on the graph.
    let dataset = &harness.state().session().dataset;
    let (name, at) = dataset
        .entities
        .iter()
        .filter_map(|e| {
            let label = format!("{}, {}", e.name, e.kind.label());
            let at = harness.query_by_label(&label)?.rect().center();
            Some((e.name.clone(), at))
        })
        .filter(|(_, at)| at.x < panel_left)
        .max_by(|a, b| a.1.x.total_cmp(&b.1.x))
        .expect("a named node");
    assert!(
        panel_left - at.x < 250.0,
        "{name} is {} from the panel",
        panel_left - at.x
    );
    harness.hover_at(at);
    harness.run_steps(2);
    harness.hover_at(at + egui::vec2(1.0, 0.0));
    harness.run_steps(4);
    let tooltip = harness.get_by_label_contains(&format!("{name} · ")).rect();
    assert!(
        tooltip.right() <= panel_left,
        "the tooltip ends at {} over the panel at {panel_left}",
        tooltip.right()
    );
}
