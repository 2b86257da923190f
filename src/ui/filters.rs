//! The analyst's controls over what is shown: filters (entity kind, relation kind, status,
//! number of documents behind them), the time window with play, and the focus on the selection's
//! neighbourhood. They read the view and push [`ViewCommand`]s; what they mean is the lens's.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

use egui::RichText;

use crate::command::Command;
use crate::model::measures::Measure;
use crate::model::{EntityKind, RelationKind, RelationStatus, catch_all_last};
use crate::session::{AttributeFacet, Session};
use crate::ui::theme;
use crate::view::{
    ColourBy, Direction, Focus, Lens, OutsideFocus, Selection, TimeRange, TimeWindow, View,
    ViewCommand,
};

/// Whether the time window is playing, and how fast.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PlayState {
    pub playing: bool,
    /// Seconds each step (year, month or day) shows.
    pub seconds_per_step: f32,
}

/// "Hidden: …" with a button that shows everything again, when anything is hidden.
pub fn hidden_line(ui: &mut egui::Ui, lens: &Lens, commands: &mut Vec<Command>) {
    if lens.hidden_reasons.is_empty() {
        return;
    }
    // What a story step has still to reveal is its course, not a warning.
    let palette = theme::palette(ui.ctx());
    let colour = if lens.only_withheld {
        palette.weak_text
    } else {
        palette.warning
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Hidden: {}.", lens.hidden_reasons.join(", "))).color(colour),
        );
        if ui.button("Show all").clicked() {
            commands.push(Command::View(ViewCommand::ShowAll));
        }
    });
}

/// What the focus is, in words: "Focus: 2 hops round IBM (+ / − to change)." `None` when
/// no focus is on (none set, or nothing selected to focus round).
pub fn focus_words(session: &Session, view: &View) -> Option<String> {
    let (Some(focus), Selection::Entity(entity)) = (view.focus, view.selection) else {
        return None;
    };
    let name = &session.dataset.entity(entity)?.name;
    let way = match focus.direction {
        Direction::Both => "",
        Direction::Out => ", outgoing",
        Direction::In => ", incoming",
    };
    Some(format!(
        "Focus: {} round {name}{way} (+ / − to change).",
        crate::words::counted(focus.hops, "hop", "hops")
    ))
}

/// While the view is focused on the selection: how far and which way, the keys that change
/// it, and a button that ends it. With the filters closed (a presenter pressing +), nothing
/// else said why the rest had faded or gone.
pub fn focus_line(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    if let Some(words) = focus_words(session, view) {
        focus_words_and_off(ui, words, commands);
    }
}

/// The focus in `words`, in the accent colour, and the button that ends it.
fn focus_words_and_off(ui: &mut egui::Ui, words: String, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(words).color(theme::palette(ui.ctx()).accent));
        if ui.button("Focus off").clicked() {
            commands.push(Command::View(ViewCommand::SetFocus(None)));
        }
    });
}

/// The focus line in a strip above the graph, for when the side panel that holds it is
/// closed (presenting): what is hidden says why, and how to bring it back. A strip of its
/// own, as the legend's below, so that it never covers a name.
pub fn focus_strip(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    let Some(words) = focus_words(session, view) else {
        return;
    };
    let canvas = theme::palette(ui.ctx()).canvas;
    egui::Panel::top("focus-strip")
        .frame(egui::Frame::side_top_panel(ui.style()).fill(canvas))
        .show(ui, |ui| focus_words_and_off(ui, words, commands));
}

/// The parts of the open filters, one shown at a time behind a row of tabs: all of them at
/// once were taller than a 720p panel, and Status, the years and the focus sat below the fold
/// of the filters' own scroll box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Part {
    /// Entity and relation kinds, countries and the file's attributes.
    #[default]
    Kinds,
    /// Status and the number of documents behind a relation.
    Evidence,
    Time,
    Focus,
    /// What node size and colour show.
    Display,
}

impl Part {
    const ALL: [Part; 5] = [
        Part::Kinds,
        Part::Evidence,
        Part::Time,
        Part::Focus,
        Part::Display,
    ];

    fn title(self) -> &'static str {
        match self {
            Part::Kinds => "Kinds",
            Part::Evidence => "Evidence",
            Part::Time => "Time",
            Part::Focus => "Focus",
            Part::Display => "Display",
        }
    }

    /// Whether it hides or fades anything now: its tab says so, as the section's title does.
    /// A window over every date, or a focus with nothing selected, does not.
    fn is_on(self, view: &View, lens: &Lens) -> bool {
        match self {
            Part::Kinds => view.filters.hides_by_kind(),
            Part::Evidence => view.filters.hides_by_evidence(),
            Part::Time => lens.time_hides,
            Part::Focus => lens.focus_applies,
            Part::Display => false,
        }
    }

    /// Whether it has anything to choose from in this dataset: a plain edge list has no kinds
    /// or statuses to tell apart, and its tabs would open on nothing.
    fn offered(self, session: &Session, filters: &crate::view::Filters) -> bool {
        let facets = &session.index.facets;
        match self {
            Part::Kinds => {
                worth_listing(&facets.entity_kinds, &filters.hidden_entity_kinds)
                    || countries_listed(facets.countries.len())
                    || worth_listing(&facets.relation_kinds, &filters.hidden_relation_kinds)
                    || !facets.relation_phrases.is_empty()
                    || facets
                        .entity_attribute_filters
                        .iter()
                        .any(|(key, facet)| attribute_offered(key, facet, filters))
            }
            Part::Evidence => {
                worth_listing(&facets.statuses, &filters.hidden_statuses) || facets.most_sources > 1
            }
            Part::Time | Part::Focus | Part::Display => true,
        }
    }
}

/// The filters, time window, focus and drawing, in a collapsible section of tabs; returns
/// whether it is open.
pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    lens: &Lens,
    play: PlayState,
    commands: &mut Vec<Command>,
) -> bool {
    let active = Part::ALL.iter().any(|part| part.is_on(view, lens));
    let title = if active {
        "Filters, time and focus (on)"
    } else {
        "Filters, time and focus"
    };
    let mut switched = false;
    let shown = egui::CollapsingHeader::new(title)
        .id_salt("filters")
        .show(ui, |ui| {
            let part;
            (part, switched) = part_tabs(ui, session, view, lens);
            ui.separator();
            match part {
                Part::Kinds | Part::Evidence => filter_controls(ui, session, view, part, commands),
                Part::Time => time_controls(ui, view, lens, play, commands),
                Part::Focus => focus_controls(ui, view, commands),
                Part::Display => size_controls(ui, session, view, commands),
            }
        });
    if switched {
        // A tab opens at its top: the tabs share the filters' scroll box, and one opened at
        // the last tab's offset had shown its middle, or jumped to its end.
        shown.header_response.scroll_to_me(Some(egui::Align::TOP));
    }
    shown.body_returned.is_some()
}

/// The row of tabs, each marked "•" while it hides something; returns the one open, and
/// whether it was just clicked open. Which is open is the panel's own state, kept by egui,
/// not the view's: it changes nothing shown.
fn part_tabs(ui: &mut egui::Ui, session: &Session, view: &View, lens: &Lens) -> (Part, bool) {
    let id = ui.make_persistent_id("filters-part");
    let offered: Vec<Part> = Part::ALL
        .into_iter()
        .filter(|part| part.offered(session, &view.filters))
        .collect();
    let remembered = ui.data(|d| d.get_temp::<Part>(id)).unwrap_or_default();
    let mut switched = false;
    let mut open = if offered.contains(&remembered) {
        remembered
    } else {
        offered.first().copied().unwrap_or(Part::Time)
    };
    ui.horizontal_wrapped(|ui| {
        for part in offered {
            let text = if part.is_on(view, lens) {
                RichText::new(format!("{} •", part.title())).color(theme::palette(ui.ctx()).accent)
            } else {
                RichText::new(part.title())
            };
            if ui.selectable_label(open == part, text).clicked() && open != part {
                open = part;
                switched = true;
            }
        }
    });
    ui.data_mut(|d| d.insert_temp(id, open));
    (open, switched)
}

/// A country filter is offered for two countries or more, and not for a list too long to tick.
fn countries_listed(countries: usize) -> bool {
    (2..=80).contains(&countries)
}

/// The filters of one part: kinds (entity and relation kinds, countries, attributes) or
/// evidence (status, documents behind a relation).
fn filter_controls(
    ui: &mut egui::Ui,
    session: &Session,
    view: &View,
    part: Part,
    commands: &mut Vec<Command>,
) {
    let mut filters = view.filters.clone();
    // Counted once per dataset: at 100,000 entities counting every frame is a frame's worth.
    let facets = &session.index.facets;
    match part {
        Part::Evidence => evidence_filters(ui, facets, &mut filters),
        _ => kind_filters(ui, session, &mut filters, view.colour_by == ColourBy::Kind),
    }
    if filters != view.filters {
        commands.push(Command::View(ViewCommand::SetFilters(filters)));
    }
}

fn kind_filters(
    ui: &mut egui::Ui,
    session: &Session,
    filters: &mut crate::view::Filters,
    dots: bool,
) {
    let facets = &session.index.facets;
    // A group of one box says nothing (every entity "Other", every relation "Reported") and
    // only offers to hide everything: left out, unless its one value is hidden already.
    if worth_listing(&facets.entity_kinds, &filters.hidden_entity_kinds) {
        let kinds = catch_all_last(&facets.entity_kinds, EntityKind::Other);
        // The colour the graph draws each kind in, while colour shows kind, as the legend.
        let dot = |kind| dots.then(|| crate::palette::Palette::entity_colour(kind));
        let group = Group::new(Title::Line("Entity kinds"), "kind");
        group.show(
            ui,
            &listed(&kinds),
            &mut filters.hidden_entity_kinds,
            |ui, &kind, count, shown| {
                kind_box(ui, shown, format!("{} ({count})", kind.label()), dot(kind))
                    .on_hover_text(&group.hover)
            },
        );
    }
    country_filters(ui, &facets.countries, filters);
    if worth_listing(&facets.relation_kinds, &filters.hidden_relation_kinds)
        || !facets.relation_phrases.is_empty()
    {
        let kinds = catch_all_last(&facets.relation_kinds, RelationKind::Other);
        // Other's own label, "related to", reads as "unlabelled"; the box hides every
        // relation of no known kind, labelled in the file's own words or not, and its hover
        // says which words.
        let group = Group::new(Title::Line("Relation kinds"), "kind");
        let chosen = group.show(
            ui,
            &listed(&kinds),
            &mut filters.hidden_relation_kinds,
            |ui, kind, count, shown| match kind {
                RelationKind::Other => kind_box(ui, shown, format!("other kinds ({count})"), None)
                    .on_hover_ui(|ui| {
                        ui.label(other_kinds_words(ui.ctx(), session).as_str());
                    }),
                _ => kind_box(ui, shown, format!("{} ({count})", kind.label()), None)
                    .on_hover_text(&group.hover),
            },
        );
        // All, none or one kind of relation: each of the file's own kinds shown again with
        // the rest of "other kinds", so that "only other kinds" shows all of them.
        if chosen.is_some() {
            filters.show_every_relation_phrase();
        }
        phrase_filters(ui, session, filters);
    }
    attribute_controls(ui, session, filters);
}

fn country_filters(
    ui: &mut egui::Ui,
    countries: &BTreeMap<String, usize>,
    filters: &mut crate::view::Filters,
) {
    if !countries_listed(countries.len()) {
        return;
    }
    egui::CollapsingHeader::new(format!("Countries ({})", countries.len()))
        .id_salt("country-filter")
        .show(ui, |ui| {
            let group = Group::new(Title::Untitled, "country");
            let countries: Vec<(&str, usize)> = countries
                .iter()
                .map(|(country, &count)| (country.as_str(), count))
                .collect();
            group.show(
                ui,
                &countries,
                &mut filters.hidden_countries,
                |ui, country, count, shown| {
                    // The entities with no country are a box of their own, keyed "".
                    let (label, hover) = if country.is_empty() {
                        (
                            "none",
                            "Right-click: show only the entities with no country",
                        )
                    } else {
                        (country, group.hover.as_str())
                    };
                    ui.checkbox(shown, format!("{label} ({count})"))
                        .on_hover_text(hover)
                },
            );
        });
}

/// Where a group of boxes is named.
#[derive(Clone, Copy)]
enum Title {
    /// In bold on a line of its own, All and None beside it: a section of the tab.
    Line(&'static str),
    /// Faintly, first in the row of boxes: a part of the group above it.
    Lead(&'static str),
    /// Not at all: a header above names it.
    Untitled,
}

/// A choice made for a whole group at once.
#[derive(Debug, PartialEq)]
enum Choice<V> {
    /// Every value shown ("All").
    All,
    /// Every value listed hidden ("None").
    None,
    /// Every value listed hidden but this one (a right click on its box).
    Only(V),
}

/// A group of boxes, one per value of one filter ("Entity kinds", "Countries", "Status"),
/// each ticked while its value is shown: "All" and "None" beside them where there are more
/// than two, and a right click on a box shows only its value. To see only companies had
/// taken eleven unticks.
struct Group {
    title: Title,
    /// What one box stands for, in the buttons' hovers: "kind", "country".
    one: &'static str,
    /// A box's hover: what a right click on it does.
    hover: String,
    /// Whether the filter hides values its boxes do not list (labels outside "only these"):
    /// All has them to show even with every box ticked.
    hides_unlisted: bool,
}

impl Group {
    fn new(title: Title, one: &'static str) -> Self {
        Self {
            title,
            one,
            hover: format!("Right-click: show only this {one}"),
            hides_unlisted: false,
        }
    }

    /// A plain box, with the group's hover.
    fn checkbox(&self, ui: &mut egui::Ui, shown: &mut bool, text: String) -> egui::Response {
        ui.checkbox(shown, text).on_hover_text(&self.hover)
    }

    /// The group: its title, "All" and "None", then a box per value of `values` (`add_box`
    /// draws it, given whether it is shown), in the order given. Each choice changes
    /// `hidden` at once, so that the view takes it as one step to undo. Returns the choice
    /// made for the whole group, if any, once made: "None" and "Only" hide the values
    /// listed, and a caller whose filter hides more than its boxes list hides the rest.
    fn show<K>(
        &self,
        ui: &mut egui::Ui,
        values: &[(&K, usize)],
        hidden: &mut BTreeSet<K::Owned>,
        mut add_box: impl FnMut(&mut egui::Ui, &K, usize, &mut bool) -> egui::Response,
    ) -> Option<Choice<K::Owned>>
    where
        K: Ord + ToOwned + ?Sized,
        K::Owned: Ord + Borrow<K>,
    {
        // Anything hidden, listed or not (a story's kind this file lacks), is All's to show.
        let all_shown = hidden.is_empty() && !self.hides_unlisted;
        let none_shown = values.iter().all(|&(value, _)| hidden.contains(value));
        // Two boxes are as quickly ticked as All or None, unless the filter hides values
        // no box lists: only All brings those back.
        let buttons = |ui: &mut egui::Ui| {
            (values.len() > 2 || self.hides_unlisted)
                .then(|| all_or_none(ui, self.one, all_shown, none_shown))
                .flatten()
        };
        let mut choice = None;
        if let Title::Line(heading) = self.title {
            ui.horizontal(|ui| {
                ui.label(RichText::new(heading).strong());
                choice = buttons(ui);
            });
        }
        ui.horizontal_wrapped(|ui| {
            match self.title {
                Title::Line(_) => {}
                Title::Lead(words) => {
                    ui.label(RichText::new(words).weak());
                    choice = buttons(ui);
                }
                Title::Untitled => choice = buttons(ui),
            }
            for &(value, count) in values {
                let mut shown = !hidden.contains(value);
                let response = add_box(ui, value, count, &mut shown);
                if response.secondary_clicked() {
                    choice = Some(Choice::Only(value.to_owned()));
                } else if response.changed() {
                    if shown {
                        hidden.remove(value);
                    } else {
                        hidden.insert(value.to_owned());
                    }
                }
            }
        });
        let choice = choice?;
        let listed = values.iter().map(|&(value, _)| value);
        *hidden = match &choice {
            Choice::All => BTreeSet::new(),
            Choice::None => listed.map(K::to_owned).collect(),
            Choice::Only(kept) => listed
                .filter(|&value| value != Borrow::<K>::borrow(kept))
                .map(K::to_owned)
                .collect(),
        };
        Some(choice)
    }
}

/// "All" and "None", each greyed while it would change nothing; the one clicked.
fn all_or_none<V>(
    ui: &mut egui::Ui,
    one: &str,
    all_shown: bool,
    none_shown: bool,
) -> Option<Choice<V>> {
    let all = ui.add_enabled(!all_shown, egui::Button::new("All").small());
    if all.on_hover_text(format!("Show every {one}")).clicked() {
        return Some(Choice::All);
    }
    let none = ui.add_enabled(!none_shown, egui::Button::new("None").small());
    if none
        .on_hover_text(format!("Hide every {one}, to tick the few to show"))
        .clicked()
    {
        return Some(Choice::None);
    }
    None
}

/// Values with their counts, as [`Group::show`] takes them.
fn listed<T>(counts: &[(T, usize)]) -> Vec<(&T, usize)> {
    counts
        .iter()
        .map(|(value, count)| (value, *count))
        .collect()
}

/// The width of the dot before an entity kind's words.
const DOT_SIZE: f32 = 7.0;

/// One kind's box, with a dot of `dot`'s colour between the box and its words when given.
fn kind_box(
    ui: &mut egui::Ui,
    shown: &mut bool,
    text: String,
    dot: Option<egui::Color32>,
) -> egui::Response {
    let Some(colour) = dot else {
        return ui.checkbox(shown, text);
    };
    // A space of the dot's size among the box's own parts, so that the dot wraps with its
    // box and the box keeps its words as its name; the parts a little closer than egui's, so
    // that the kinds take no more rows at 720p than without dots.
    let (size, gap) = (DOT_SIZE, 3.0);
    let space = egui::Atom::custom(egui::Id::new("kind-dot"), egui::Vec2::splat(size));
    let before = std::mem::replace(&mut ui.spacing_mut().icon_spacing, gap);
    let response = ui.add(egui::Checkbox::new(shown, (space, text)));
    ui.spacing_mut().icon_spacing = before;
    let centre = egui::pos2(
        response.rect.left() + ui.spacing().icon_width + gap + size / 2.0,
        response.rect.center().y,
    );
    ui.painter().circle_filled(centre, size / 2.0, colour);
    response
}

/// What "other kinds" holds, in the file's own words, for its hover: its most common labels
/// with their counts, "identifies suspects for (3), helped Huawei build (2), … and 12 more
/// labels", most common first. Counted once per dataset (kept in egui's memory): the
/// session's facets count only labels that two relations share, and a file whose every
/// such label is its own had said nothing of its 27.
fn other_kinds_words(ctx: &egui::Context, session: &Session) -> std::sync::Arc<String> {
    let id = egui::Id::new(("other-kinds-words", session.id));
    if let Some(words) = ctx.data(|d| d.get_temp::<std::sync::Arc<String>>(id)) {
        return words;
    }
    let words = std::sync::Arc::new(other_kinds_summary(&session.dataset.relations));
    ctx.data_mut(|d| d.insert_temp(id, std::sync::Arc::clone(&words)));
    words
}

/// The labels most used among the relations of no known kind, listed at most.
const OTHER_LABELS_LISTED: usize = 8;

/// The words for [`other_kinds_words`].
fn other_kinds_summary(relations: &[crate::model::Relation]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unlabelled = 0;
    for relation in relations.iter().filter(|r| r.kind == RelationKind::Other) {
        match relation.label.as_deref().map(str::trim) {
            Some(label) if !label.is_empty() => *counts.entry(label).or_default() += 1,
            _ => unlabelled += 1,
        }
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    // Most used first; alike, in the order of the alphabet (the map's).
    ranked.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    let mut listed: Vec<String> = ranked
        .iter()
        .take(OTHER_LABELS_LISTED)
        .map(|(label, count)| format!("{} ({count})", crate::words::shortened(label, 40)))
        .collect();
    let more = ranked.len().saturating_sub(OTHER_LABELS_LISTED);
    if more > 0 {
        let more = crate::words::counted(more, "more label", "more labels");
        listed.push(format!("… and {more}"));
    }
    let mut lines = vec![if listed.is_empty() {
        "Relations of the kinds not listed.".to_owned()
    } else {
        format!(
            "Relations of the kinds not listed, by their labels: {}.",
            listed.join(", ")
        )
    }];
    if unlabelled > 0 {
        let have = crate::words::counted(unlabelled, "has", "have");
        lines.push(format!("{have} no label."));
    }
    lines.push("Right-click: show only these.".to_owned());
    lines.join("\n")
}

fn evidence_filters(
    ui: &mut egui::Ui,
    facets: &crate::session::Facets,
    filters: &mut crate::view::Filters,
) {
    if worth_listing(&facets.statuses, &filters.hidden_statuses) {
        let statuses: Vec<(&RelationStatus, usize)> = facets
            .statuses
            .iter()
            .map(|(status, &count)| (status, count))
            .collect();
        let group = Group::new(Title::Line("Status"), "status");
        group.show(
            ui,
            &statuses,
            &mut filters.hidden_statuses,
            |ui, status, count, shown| {
                group.checkbox(ui, shown, format!("{} ({count})", status.label()))
            },
        );
    }
    let most_sources = facets.most_sources;
    if most_sources > 1 {
        // Documents, not confirmations: a document the article cites is counted as the
        // article reports it, and an analyst had read "independent sources" as corroboration.
        ui.horizontal(|ui| {
            ui.label("At least");
            let mut min = filters.min_sources.max(1);
            let noun = if min == 1 {
                "document behind it"
            } else {
                "documents behind it"
            };
            let moved = ui
                .add(egui::Slider::new(&mut min, 1..=most_sources).text(noun))
                .on_hover_text(
                    "The sources a relation's quotes come from and the documents they cite. \
                     A cited document counts as the quoting source reports it: this is not \
                     a count of independent confirmations.",
                )
                .changed();
            // Only a move sets it: 0 and 1 both mean "any", and turning one into the other
            // on opening the filters made an undo step that changed nothing.
            if moved {
                filters.min_sources = min;
            }
        });
    }
}

/// Attributes the file gives its entities (counted once per dataset, in
/// [`crate::session::Facets`]): one checkbox per value, with its count, or a range for many
/// numbers. An attribute every entity has with one value offers nothing to choose and is
/// left out, unless that value is hidden already.
fn attribute_controls(ui: &mut egui::Ui, session: &Session, filters: &mut crate::view::Filters) {
    for (key, facet) in &session.index.facets.entity_attribute_filters {
        match facet {
            AttributeFacet::Range(low, high) => {
                numeric_range(ui, key, (*low, *high), filters);
            }
            AttributeFacet::Values {
                counts,
                carried_by_all,
            } => {
                if !attribute_offered(key, facet, filters) {
                    continue;
                }
                let hidden = filters
                    .hidden_attribute_values
                    .entry(key.clone())
                    .or_default();
                egui::CollapsingHeader::new(super::theme::header_title(
                    ui,
                    format!(
                        "Attribute “{key}” ({})",
                        crate::words::counted(counts.len(), "value", "values")
                    ),
                ))
                .id_salt(("attribute-filter", key))
                .show(ui, |ui| {
                    let mut group = Group::new(Title::Untitled, "value");
                    // The filter hides the entities of the values not ticked: those with no
                    // such attribute stay, and the hover says so.
                    if !carried_by_all {
                        group.hover = format!(
                            "Right-click: show only this value (and the entities with no “{key}”)"
                        );
                    }
                    let values: Vec<(&str, usize)> = counts
                        .iter()
                        .map(|(value, &count)| (value.as_str(), count))
                        .collect();
                    group.show(ui, &values, hidden, |ui, value, count, shown| {
                        group.checkbox(ui, shown, format!("{value} ({count})"))
                    });
                });
            }
        }
    }
    filters
        .hidden_attribute_values
        .retain(|_, values| !values.is_empty());
}

/// Whether an attribute offers a choice: a range, or values unless every entity carries the
/// same one (and it is not hidden already).
fn attribute_offered(key: &str, facet: &AttributeFacet, filters: &crate::view::Filters) -> bool {
    match facet {
        AttributeFacet::Range(..) => true,
        AttributeFacet::Values {
            counts,
            carried_by_all,
        } => {
            counts.len() >= 2
                || !*carried_by_all
                || filters
                    .hidden_attribute_values
                    .get(key)
                    .is_some_and(|hidden| !hidden.is_empty())
        }
    }
}

/// A range for an attribute with many values, all of them numbers, from `low` to `high`:
/// two sliders.
fn numeric_range(
    ui: &mut egui::Ui,
    key: &str,
    (low, high): (f64, f64),
    filters: &mut crate::view::Filters,
) {
    let (mut from, mut to) = filters
        .attribute_ranges
        .get(key)
        .copied()
        .unwrap_or((low, high));
    egui::CollapsingHeader::new(super::theme::header_title(
        ui,
        format!("Attribute “{key}” ({low} to {high})"),
    ))
    .id_salt(("attribute-range", key))
    .show(ui, |ui| {
        from_and_to(ui, ("attribute-range-ends", key), |ui, end| match end {
            End::From => ui.add(egui::Slider::new(&mut from, low..=high)),
            End::To => ui.add(egui::Slider::new(&mut to, low..=high)),
        });
    });
    to = to.max(from);
    if from <= low && to >= high {
        filters.attribute_ranges.remove(key);
    } else {
        filters.attribute_ranges.insert(key.to_owned(), (from, to));
    }
}

/// The file's own kinds of relation (phrases of kind Other that several relations share),
/// each a box of its own, inside "other kinds": with it hidden they are all hidden already.
/// Only those two relations share are listed, forty at most. "None" and a right click show
/// only the labels ticked (none, or that one), so that the labels not listed, thousands in
/// some files, and those a file gains later are hidden too, without naming each; a right
/// click hides the other kinds of relation too, so that "only" shows that phrase's alone.
fn phrase_filters(ui: &mut egui::Ui, session: &Session, filters: &mut crate::view::Filters) {
    let phrases = &session.index.facets.relation_phrases;
    if phrases.is_empty() {
        return;
    }
    let all_hidden = filters.hidden_relation_kinds.contains(&RelationKind::Other);
    let phrases: Vec<(&str, usize)> = phrases
        .iter()
        .map(|(phrase, count)| (phrase.as_str(), *count))
        .collect();
    // The boxes unticked: the listed phrases either way of filtering hides.
    let unticked_before: BTreeSet<String> = phrases
        .iter()
        .filter(|(phrase, _)| !filters.shows_relation_phrase(phrase))
        .map(|(phrase, _)| (*phrase).to_owned())
        .collect();
    let mut unticked = unticked_before.clone();
    let mut group = Group::new(Title::Lead("Of other kinds:"), "label");
    // Labels no box lists are hidden by "only these", or by name (an older story's).
    group.hides_unlisted = filters.shown_only_relation_phrases.is_some()
        || !filters.hidden_relation_phrases.is_subset(&unticked_before);
    let choice = ui
        .add_enabled_ui(!all_hidden, |ui| {
            group.show(ui, &phrases, &mut unticked, |ui, phrase, count, shown| {
                group.checkbox(ui, shown, format!("{phrase} ({count})"))
            })
        })
        .inner;
    match choice {
        Some(Choice::All) => filters.show_every_relation_phrase(),
        Some(Choice::None) => show_only_phrases(filters, BTreeSet::new()),
        Some(Choice::Only(kept)) => {
            show_only_phrases(filters, BTreeSet::from([kept]));
            filters.hidden_relation_kinds = (session.index.facets.relation_kinds.keys())
                .copied()
                .filter(|&kind| kind != RelationKind::Other)
                .collect();
        }
        None => {
            for phrase in unticked_before.symmetric_difference(&unticked) {
                tick_phrase(filters, phrase, !unticked.contains(phrase));
            }
        }
    }
}

/// Shows the relations of kind Other with one of `phrases` alone.
fn show_only_phrases(filters: &mut crate::view::Filters, phrases: BTreeSet<String>) {
    filters.hidden_relation_phrases.clear();
    filters.shown_only_relation_phrases = Some(phrases);
}

/// A phrase's box ticked (`shown`) or unticked: into or out of "only these" while that is
/// on, out of or into the phrases hidden otherwise.
fn tick_phrase(filters: &mut crate::view::Filters, phrase: &str, shown: bool) {
    match (&mut filters.shown_only_relation_phrases, shown) {
        (Some(only), true) => {
            only.insert(phrase.to_owned());
            filters.hidden_relation_phrases.remove(phrase);
        }
        (Some(only), false) => {
            only.remove(phrase);
        }
        (None, true) => {
            filters.hidden_relation_phrases.remove(phrase);
        }
        (None, false) => {
            filters.hidden_relation_phrases.insert(phrase.to_owned());
        }
    }
}

/// Whether a group of boxes offers a choice: two values or more, or one hidden already (its
/// box is the way back).
fn worth_listing<T: Ord>(counts: &BTreeMap<T, usize>, hidden: &BTreeSet<T>) -> bool {
    counts.len() > 1 || !hidden.is_empty()
}

/// The two ends of a range.
enum End {
    From,
    To,
}

/// A range's two sliders, "From" and "To" before each, aligned: egui writes a slider's text
/// after its value, and "2000 from" had read backwards.
fn from_and_to(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    mut slider: impl FnMut(&mut egui::Ui, End) -> egui::Response,
) {
    egui::Grid::new(id).num_columns(2).show(ui, |ui| {
        // Each slider is named by its label, for screen readers and tests.
        let label = ui.label("From");
        slider(ui, End::From).labelled_by(label.id);
        ui.end_row();
        let label = ui.label("To");
        slider(ui, End::To).labelled_by(label.id);
        ui.end_row();
    });
}

fn time_controls(
    ui: &mut egui::Ui,
    view: &View,
    lens: &Lens,
    play: PlayState,
    commands: &mut Vec<Command>,
) {
    let Some(range) = lens.time_range else {
        ui.label("No relation carries a date.");
        return;
    };
    let step = range.step.noun();
    let mut limited = view.time.is_some();
    let ticked = ui.checkbox(
        &mut limited,
        format!(
            "Only a span of {step}s ({}–{})",
            range.label(0),
            range.label(range.last_index())
        ),
    );
    // Just ticked, the controls it opens are brought into the filters' view: at 720p Play
    // had come half under the box's edge, to be found by scrolling inside it.
    let just_opened = ticked.changed() && limited;
    let mut window = view
        .time
        .unwrap_or_else(|| range.window(0, range.last_index(), true));
    if limited {
        let mut from = range.index_of(window.from);
        let mut to = range.index_of(window.to);
        let before = (from, to);
        ui.scope(|ui| {
            // Wide enough for a year of days or ten years of months to be picked one by one.
            ui.spacing_mut().slider_width = (ui.available_width() - 140.0).clamp(100.0, 260.0);
            from_and_to(ui, "time-window", |ui, end| match end {
                End::From => ui.add(step_slider(&mut from, range)),
                End::To => ui.add(step_slider(&mut to, range)),
            });
        });
        if (from, to) != before {
            // The window follows the slider only when it moves: a story's window of whole
            // years stays as written over a range that moves by months.
            window = TimeWindow {
                keep_idle: window.keep_idle,
                ..range.window(from, to.max(from), window.show_undated)
            };
        }
        if lens.undated_relations > 0 {
            ui.checkbox(
                &mut window.show_undated,
                format!(
                    "Show the {}",
                    crate::words::counted(
                        lens.undated_relations,
                        "undated relation",
                        "undated relations"
                    )
                ),
            )
            .on_hover_text("Drawn faint: with no date, they are in every window");
        }
        ui.checkbox(
            &mut window.keep_idle,
            "Keep the entities with no relation in the window",
        );
        let play_row = ui.horizontal(|ui| {
            let label = if play.playing {
                "⏸ Pause"
            } else {
                "▶ Play"
            };
            if ui
                .button(label)
                .on_hover_text(format!(
                    "Show the network {step} by {step}, from the first {step}"
                ))
                .clicked()
            {
                commands.push(Command::PlayTime(!play.playing));
            }
            let mut pace = play.seconds_per_step;
            if ui
                .add(
                    egui::Slider::new(&mut pace, 0.3..=5.0)
                        .suffix(" s")
                        .text(format!("a {step}")),
                )
                .changed()
            {
                commands.push(Command::SetPlayPace(pace));
            }
        });
        if just_opened {
            play_row.response.scroll_to_me(None);
        }
    } else {
        let undated = match lens.undated_relations {
            0 => "Every relation carries a date.".to_owned(),
            n => format!(
                "{} no date.",
                crate::words::counted(n, "relation carries", "relations carry")
            ),
        };
        ui.label(RichText::new(undated).weak());
    }
    let wanted = limited.then_some(window);
    if wanted != view.time {
        commands.push(Command::View(ViewCommand::SetTime(wanted)));
    }
}

fn focus_controls(ui: &mut egui::Ui, view: &View, commands: &mut Vec<Command>) {
    let mut focus = view.focus;
    let mut hops = focus.map_or(0, |f| f.hops);
    ui.horizontal(|ui| {
        ui.label("Focus on the selection:")
            .on_hover_text("On the graph, the keys + and − widen and narrow it a hop at a time");
        egui::ComboBox::from_id_salt("focus-hops")
            .selected_text(match hops {
                0 => "off".to_owned(),
                n => crate::words::counted(n, "hop", "hops"),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut hops, 0, "off");
                for n in 1..=Focus::MAX_HOPS {
                    let text = crate::words::counted(n, "hop", "hops");
                    ui.selectable_value(&mut hops, n, text);
                }
            });
    });
    if hops == 0 {
        focus = None;
    } else {
        // A focus begins as the + key begins one (Focus::stepped): the rest hidden. Faded,
        // it had looked much like a plain selection.
        let mut f = focus.unwrap_or(Focus {
            hops,
            direction: Direction::Both,
            outside: OutsideFocus::Hide,
        });
        f.hops = hops;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut f.direction, Direction::Both, "both ways");
            ui.selectable_value(&mut f.direction, Direction::Out, "outgoing");
            ui.selectable_value(&mut f.direction, Direction::In, "incoming");
        });
        ui.horizontal(|ui| {
            ui.label("The rest:");
            ui.selectable_value(&mut f.outside, OutsideFocus::Fade, "faded");
            ui.selectable_value(&mut f.outside, OutsideFocus::Hide, "hidden");
        });
        if !matches!(view.selection, Selection::Entity(_)) {
            ui.label(RichText::new("Select an entity to focus on it.").weak());
        }
        focus = Some(f);
    }
    if focus != view.focus {
        commands.push(Command::View(ViewCommand::SetFocus(focus)));
    }
}

fn size_controls(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    // Numeric attributes can size nodes too (found once per dataset: parsing every value of
    // every attribute each frame took a third of the window thread's time at 100,000
    // entities with the filters open).
    let numeric_keys = &session.index.facets.numeric_entity_attribute_keys;
    let mut size_by = view.size_by;
    let mut size_by_attribute = view.size_by_attribute.clone();
    ui.horizontal(|ui| {
        ui.label("Node size shows:");
        let selected = size_by_attribute.as_ref().map_or_else(
            || size_by.label().to_owned(),
            |key| format!("attribute “{key}”"),
        );
        egui::ComboBox::from_id_salt("size-by")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                for measure in Measure::ALL {
                    let available = measure != Measure::Betweenness
                        || session.index.measures.betweenness.is_some();
                    ui.add_enabled_ui(available, |ui| {
                        let chosen = size_by_attribute.is_none() && size_by == measure;
                        if ui.selectable_label(chosen, measure.label()).clicked() {
                            size_by = measure;
                            size_by_attribute = None;
                        }
                    });
                }
                for key in numeric_keys.iter().take(50) {
                    let chosen = size_by_attribute.as_deref() == Some(key.as_str());
                    if ui
                        .selectable_label(chosen, format!("attribute “{key}”"))
                        .clicked()
                    {
                        size_by_attribute = Some(key.clone());
                    }
                }
            });
    });
    if size_by != view.size_by {
        commands.push(Command::View(ViewCommand::SizeBy(size_by)));
    }
    if size_by_attribute != view.size_by_attribute && size_by == view.size_by {
        commands.push(Command::View(ViewCommand::SizeByAttribute(
            size_by_attribute,
        )));
    }
    colour_controls(ui, session, view, commands);
}

/// What node colour shows: kind, the file's own colours, an attribute or a measure.
fn colour_controls(ui: &mut egui::Ui, session: &Session, view: &View, commands: &mut Vec<Command>) {
    let keys = &session.index.facets.entity_attribute_keys;
    let describe = |by: &ColourBy| match by {
        ColourBy::Kind => "kind".to_owned(),
        ColourBy::Cluster => "cluster (linked more among themselves)".to_owned(),
        ColourBy::Attribute(key) => format!("attribute “{key}”"),
        ColourBy::Measure(measure) => measure.label().to_owned(),
        ColourBy::File => "the file's own colours".to_owned(),
    };
    let mut colour_by = view.colour_by.clone();
    ui.horizontal(|ui| {
        ui.label("Node colour shows:");
        egui::ComboBox::from_id_salt("colour-by")
            .selected_text(describe(&colour_by))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut colour_by, ColourBy::Kind, "kind");
                let text = describe(&ColourBy::Cluster);
                ui.selectable_value(&mut colour_by, ColourBy::Cluster, text);
                if keys.iter().any(|k| k.as_str() == crate::view::FILE_COLOUR) {
                    let text = describe(&ColourBy::File);
                    ui.selectable_value(&mut colour_by, ColourBy::File, text);
                }
                // The file's colour is offered above; its sizes and positions say nothing
                // as colours.
                let said = keys
                    .iter()
                    .filter(|k| !crate::model::is_drawing_attribute(k));
                for key in said.take(50) {
                    let by = ColourBy::Attribute(key.clone());
                    let text = describe(&by);
                    ui.selectable_value(&mut colour_by, by, text);
                }
                for measure in Measure::ALL {
                    if measure == Measure::Betweenness
                        && session.index.measures.betweenness.is_none()
                    {
                        continue;
                    }
                    ui.selectable_value(
                        &mut colour_by,
                        ColourBy::Measure(measure),
                        measure.label(),
                    );
                }
            });
    });
    if colour_by != view.colour_by {
        commands.push(Command::View(ViewCommand::ColourBy(colour_by)));
    }
}

/// A slider over the steps of `range`, each shown as its date ("2023-05").
fn step_slider(index: &mut i32, range: TimeRange) -> egui::Slider<'_> {
    egui::Slider::new(index, 0..=range.last_index())
        .custom_formatter(move |value, _| range.label(value.round() as i32))
        .custom_parser(move |text| range.parse_label(text).map(f64::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_networks::bare_relation as relation;

    #[test]
    fn other_kinds_are_summed_up_by_their_labels_most_used_first() {
        let other = RelationKind::Other;
        let mut relations = vec![
            relation(other, Some("helped Huawei build")),
            relation(other, Some("identifies suspects for")),
            relation(other, Some("identifies suspects for ")),
            relation(other, Some("helped Huawei build")),
            relation(other, Some("identifies suspects for")),
            relation(other, None),
            // Of a known kind: not among the others, whatever its label.
            relation(RelationKind::Supplied, Some("sold")),
        ];
        relations.extend((0..10).map(|i| relation(other, Some(&format!("label {i:02}")))));
        let words = other_kinds_summary(&relations);
        assert!(
            words.starts_with(
                "Relations of the kinds not listed, by their labels: identifies suspects for (3), \
                 helped Huawei build (2), label 00 (1),"
            ),
            "{words}"
        );
        assert!(
            words.contains("label 05 (1), … and 4 more labels."),
            "{words}"
        );
        assert!(words.contains("\n1 has no label.\n"), "{words}");
        assert!(!words.contains("sold"), "{words}");
        assert_eq!(
            other_kinds_summary(&[relation(other, None)]),
            "Relations of the kinds not listed.\n1 has no label.\nRight-click: show only these."
        );
    }
}
