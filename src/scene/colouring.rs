//! Node colours: by entity kind (the default), by any attribute the file carries (a
//! categorical palette, the most frequent values first) or by a measure (a numeric ramp); and
//! node sizes by a numeric attribute. Worked out once per choice and dataset, kept in egui's
//! memory, read every frame.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Color32;

use crate::model::{Entity, EntityIdx};
use crate::palette::Palette;
use crate::session::Session;
use crate::view::ColourBy;

/// Categories given a colour of their own; the rest share "other".
const MAX_CATEGORIES: usize = 9;
/// A file's own colours listed one by one in the legend at most; more are counted.
const FILE_COLOURS_LISTED: usize = 8;

/// Colour-blind-friendly categorical palette (Tableau 10), the last kept for "other".
const PALETTE: [Color32; 10] = [
    Color32::from_rgb(78, 121, 167),
    Color32::from_rgb(242, 142, 43),
    Color32::from_rgb(225, 87, 89),
    Color32::from_rgb(118, 183, 178),
    Color32::from_rgb(89, 161, 79),
    Color32::from_rgb(237, 201, 72),
    Color32::from_rgb(176, 122, 161),
    Color32::from_rgb(255, 157, 167),
    Color32::from_rgb(156, 117, 95),
    Color32::from_rgb(121, 112, 110),
];

/// Entities linked to no other, when colour shows clusters: the palette's "other".
const UNLINKED: Color32 = PALETTE[MAX_CATEGORIES];

/// The colour of every entity under one choice, and the legend for it.
#[derive(Clone, Debug, Default)]
pub struct Colouring {
    colours: Vec<Color32>,
    /// Legend entries: (text, colour).
    pub legend: Vec<(String, Color32)>,
    /// How many entities of each kind there are (the legend's counts when colour shows kind).
    pub kind_counts: Vec<(crate::model::EntityKind, usize)>,
}

impl Colouring {
    /// The colouring of `session`'s entities by `by`, from egui's memory when already made.
    pub fn get(ctx: &egui::Context, session: &Session, by: &ColourBy) -> Arc<Self> {
        let id = egui::Id::new((
            "node-colouring",
            by.clone(),
            session.origin.clone(),
            session.dataset.entities.len(),
            session.dataset.relations.len(),
        ));
        if let Some(colouring) = ctx.data(|d| d.get_temp::<Arc<Self>>(id)) {
            return colouring;
        }
        let colouring = Arc::new(Self::new(session, by));
        ctx.data_mut(|d| d.insert_temp(id, Arc::clone(&colouring)));
        colouring
    }

    pub fn new(session: &Session, by: &ColourBy) -> Self {
        let counts = &session.index.facets.entity_kinds;
        Self {
            kind_counts: crate::model::catch_all_last(counts, crate::model::EntityKind::Other),
            ..Self::by(session, by)
        }
    }

    fn by(session: &Session, by: &ColourBy) -> Self {
        let entities = &session.dataset.entities;
        match by {
            ColourBy::Kind => Self {
                colours: entities
                    .iter()
                    .map(|e| Palette::entity_colour(e.kind))
                    .collect(),
                legend: Vec::new(),
                kind_counts: Vec::new(),
            },
            ColourBy::Attribute(key) => {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                for entity in entities {
                    if let Some(value) = value_of(entity, key) {
                        *counts.entry(value).or_default() += 1;
                    }
                }
                let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
                ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let named: HashMap<&str, Color32> = ranked
                    .iter()
                    .take(MAX_CATEGORIES)
                    .zip(PALETTE)
                    .map(|((value, _), colour)| (*value, colour))
                    .collect();
                let other = PALETTE[MAX_CATEGORIES];
                let colours: Vec<Color32> = entities
                    .iter()
                    .map(|e| {
                        value_of(e, key)
                            .and_then(|v| named.get(v).copied())
                            .unwrap_or(other)
                    })
                    .collect();
                let any_other = entities
                    .iter()
                    .any(|e| value_of(e, key).is_none_or(|v| !named.contains_key(v)));
                let mut legend: Vec<(String, Color32)> = ranked
                    .iter()
                    .take(MAX_CATEGORIES)
                    .zip(PALETTE)
                    .map(|((value, count), colour)| {
                        // A bare number says nothing alone ("1 (3)"): "kind 1", "community 7".
                        let text = if value.trim().parse::<f64>().is_ok() {
                            format!("{key} {value} ({count})")
                        } else {
                            format!("{value} ({count})")
                        };
                        (text, colour)
                    })
                    .collect();
                // Keyed only where some node is drawn in it.
                if any_other {
                    legend.push(("other or none".to_owned(), other));
                }
                Self {
                    colours,
                    legend,
                    kind_counts: Vec::new(),
                }
            }
            ColourBy::File => Self::by_file(session),
            ColourBy::Cluster => Self::by_cluster(session),
            ColourBy::Measure(measure) => {
                let measures = &session.index.measures;
                let largest = measures.max(*measure);
                let colours = (0..entities.len())
                    .map(|i| ramp(measures.value(*measure, EntityIdx(i)) / largest))
                    .collect();
                let legend = vec![
                    (format!("low {}", measure.label()), ramp(0.0)),
                    (format!("high {}", measure.label()), ramp(1.0)),
                ];
                Self {
                    colours,
                    legend,
                    kind_counts: Vec::new(),
                }
            }
        }
    }

    /// The colours the file gives its nodes; by kind where it gives none.
    fn by_file(session: &Session) -> Self {
        let entities = &session.dataset.entities;
        let given: Vec<Option<Color32>> = entities
            .iter()
            .map(|e| {
                e.attributes
                    .get(crate::view::FILE_COLOUR)
                    .and_then(|v| crate::view::parse_colour(v))
            })
            .collect();
        let colours = given
            .iter()
            .zip(entities)
            .map(|(colour, e)| colour.unwrap_or_else(|| Palette::entity_colour(e.kind)))
            .collect();
        // The colours mean what the file's author meant: the legend can only say where they
        // come from, and which are used how often (the commonest first).
        let mut counts: HashMap<Color32, usize> = HashMap::new();
        for colour in given.iter().flatten() {
            *counts.entry(*colour).or_default() += 1;
        }
        let mut counts: Vec<(Color32, usize)> = counts.into_iter().collect();
        counts.sort_by_key(|&(colour, count)| (std::cmp::Reverse(count), colour.to_array()));
        // A few colours are categories the author chose: each is listed, by the kind or
        // attribute they stand for where one value goes with each colour and each colour
        // with one value (Gephi's partition colouring: "Type: Company"), else by its code.
        // Many are a ramp (Gephi's colour by degree), where a list would say nothing: one line.
        let legend: Vec<(String, Color32)> = if counts.len() <= FILE_COLOURS_LISTED {
            let meaning = colour_meaning(entities, &given, &counts);
            counts
                .iter()
                .enumerate()
                .map(|(k, &(colour, count))| {
                    let text = if let Some((key, values)) = &meaning {
                        let lead = if k == 0 {
                            format!("{key}: ")
                        } else {
                            String::new()
                        };
                        format!("{lead}{} ({count})", values[k])
                    } else {
                        let lead = if k == 0 { "the file's colours: " } else { "" };
                        format!("{lead}{} ({count})", colour_said(entities, &given, colour))
                    };
                    (text, colour)
                })
                .collect()
        } else {
            let text = format!("the file's colours ({})", counts.len());
            vec![(text, counts[0].0)]
        };
        Self {
            colours,
            legend,
            kind_counts: Vec::new(),
        }
    }

    /// Every cluster a colour, the legend naming the largest. An entity alone in its cluster
    /// is linked to no other (label propagation gives every linked entity a neighbour's
    /// cluster): it is grey and counted apart, so that it is not taken for a member of the
    /// clusters it happens to sit among.
    fn by_cluster(session: &Session) -> Self {
        let clusters = &session.index.clusters;
        let alone = |c: u32| clusters.sizes.get(c as usize).is_none_or(|&size| size < 2);
        // Every cluster has a colour, the palette's nine in turn: in a network of
        // thousands of clusters, neighbouring ones still tell apart.
        let colours = clusters
            .of
            .iter()
            .map(|&c| {
                if alone(c) {
                    UNLINKED
                } else {
                    PALETTE[c as usize % MAX_CATEGORIES]
                }
            })
            .collect();
        // Clusters are numbered by size: those of one entity come last.
        let grouped = clusters.sizes.iter().take_while(|&&size| size >= 2).count();
        let unlinked: usize = clusters.sizes[grouped..].iter().sum();
        let mut legend: Vec<(String, Color32)> = clusters.sizes[..grouped]
            .iter()
            .take(MAX_CATEGORIES)
            .zip(PALETTE)
            .enumerate()
            .map(|(k, (size, colour))| (format!("cluster {} ({size})", k + 1), colour))
            .collect();
        let rest = grouped.saturating_sub(MAX_CATEGORIES);
        if rest > 0 {
            // The tenth cluster's colour: the first of the nine again.
            legend.push((
                format!("{rest} smaller clusters, in the same colours"),
                PALETTE[0],
            ));
        }
        if unlinked > 0 {
            legend.push((format!("{unlinked} linked to no other"), UNLINKED));
        }
        Self {
            colours,
            legend,
            kind_counts: Vec::new(),
        }
    }

    /// The colour of `entity`.
    pub fn colour(&self, entity: EntityIdx) -> Color32 {
        self.colours.get(entity.0).copied().unwrap_or(Color32::GRAY)
    }
}

/// Each entity's value of the numeric attribute `key` over the largest (0 where it has none),
/// for sizing nodes; from egui's memory when already worked out.
pub fn attribute_shares(ctx: &egui::Context, session: &Session, key: &str) -> Arc<Vec<f64>> {
    let id = egui::Id::new((
        "attribute-shares",
        key,
        session.origin.clone(),
        session.dataset.entities.len(),
    ));
    if let Some(shares) = ctx.data(|d| d.get_temp::<Arc<Vec<f64>>>(id)) {
        return shares;
    }
    let values: Vec<f64> = session
        .dataset
        .entities
        .iter()
        .map(|e| {
            e.attributes
                .get(key)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|x| x.is_finite() && *x > 0.0)
                .unwrap_or(0.0)
        })
        .collect();
    let top = values.iter().copied().fold(f64::MIN_POSITIVE, f64::max);
    let shares = Arc::new(values.into_iter().map(|v| v / top).collect::<Vec<_>>());
    ctx.data_mut(|d| d.insert_temp(id, Arc::clone(&shares)));
    shares
}

/// A dark-blue to yellow ramp (after viridis), readable on the dark canvas at both ends.
fn ramp(t: f64) -> Color32 {
    let t = t.clamp(0.0, 1.0) as f32;
    let stops = [
        (0.0, [59.0, 82.0, 139.0]),
        (0.5, [33.0, 145.0, 140.0]),
        (1.0, [253.0, 231.0, 37.0]),
    ];
    let (from, to) = if t <= 0.5 {
        (stops[0], stops[1])
    } else {
        (stops[1], stops[2])
    };
    let local = (t - from.0) / (to.0 - from.0);
    let channel = |k: usize| (from.1[k] + (to.1[k] - from.1[k]) * local).round() as u8;
    Color32::from_rgb(channel(0), channel(1), channel(2))
}

/// An entity's value of `key` for colouring. The file's own types are kept only where they
/// are none of Chainsight's kinds: a d3 file grouping nodes as "company" and "gov" keeps
/// "gov" alone, and its companies would fall under "other or none"; each is its type.
fn value_of<'e>(entity: &'e crate::model::Entity, key: &str) -> Option<&'e str> {
    if key == crate::view::FILE_KIND {
        Some(crate::view::kind_said(entity))
    } else {
        entity.attributes.get(key).map(String::as_str)
    }
}

/// A colour of the file's as the legend says it: by the name the file wrote for it
/// (Graphviz's `white`, a d3 file's `steelblue`), else as `#rrggbb`.
fn colour_said(entities: &[Entity], given: &[Option<Color32>], colour: Color32) -> String {
    let named = entities
        .iter()
        .zip(given)
        .filter(|(_, g)| **g == Some(colour))
        .filter_map(|(e, _)| e.attributes.get(crate::view::FILE_COLOUR))
        .map(|text| text.trim())
        .find(|text| !text.is_empty() && text.chars().all(|c| c.is_ascii_alphabetic()));
    named.map_or_else(
        || {
            let [r, g, b, _] = colour.to_array();
            format!("#{r:02x}{g:02x}{b:02x}")
        },
        str::to_ascii_lowercase,
    )
}

/// What the file's colours stand for, if one field says it exactly: the entity kind or an
/// attribute that every coloured entity has, one value per colour and one colour per value
/// (so the legend names a partition, not a guess). The field's name and, for each of
/// `counts`' colours in order, its value.
fn colour_meaning(
    entities: &[crate::model::Entity],
    given: &[Option<Color32>],
    counts: &[(Color32, usize)],
) -> Option<(String, Vec<String>)> {
    if counts.len() < 2 {
        return None;
    }
    let coloured: Vec<(&crate::model::Entity, Color32)> = entities
        .iter()
        .zip(given)
        .filter_map(|(e, c)| c.map(|c| (e, c)))
        .collect();
    // What each coloured entity says under one field; `None` if one of them says nothing.
    let values_of = |field: &dyn Fn(&crate::model::Entity) -> Option<String>| {
        let mut by_colour: HashMap<Color32, String> = HashMap::new();
        for (entity, colour) in &coloured {
            let value = field(entity)?;
            match by_colour.get(colour) {
                Some(seen) if *seen != value => return None,
                Some(_) => {}
                None => {
                    by_colour.insert(*colour, value);
                }
            }
        }
        let values: Vec<String> = counts
            .iter()
            .map(|(colour, _)| by_colour.get(colour).cloned())
            .collect::<Option<_>>()?;
        let mut distinct = values.clone();
        distinct.sort();
        distinct.dedup();
        (distinct.len() == values.len()).then_some(values)
    };
    let kind = |e: &crate::model::Entity| {
        (e.kind != crate::model::EntityKind::Other).then(|| e.kind.label().to_owned())
    };
    if let Some(values) = values_of(&kind) {
        return Some(("Kind".to_owned(), values));
    }
    // Attributes every coloured entity has, but not the drawing's own (the colour itself,
    // sizes, positions).
    let first = coloured.first()?.0;
    first
        .attributes
        .keys()
        .filter(|key| !crate::model::is_drawing_attribute(key))
        .find_map(|key| {
            let field = |e: &crate::model::Entity| {
                e.attributes
                    .get(key)
                    .map(|v| v.trim().to_owned())
                    .filter(|v| !v.is_empty())
            };
            values_of(&field).map(|values| (key.clone(), values))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_group_is_keyed_with_its_attributes_name() {
        let mut dataset =
            crate::model::test_networks::network_of(&[("ab", "a", "supplied", "b", "reported")]);
        dataset.entities[0]
            .attributes
            .insert("community".into(), "7".into());
        dataset.entities[1]
            .attributes
            .insert("community".into(), "north".into());
        let session = Session::new(
            crate::formats::Loaded {
                dataset,
                report: crate::formats::LoadReport::default(),
            },
            None,
        );
        let colouring = Colouring::new(&session, &ColourBy::Attribute("community".into()));
        let texts: Vec<&str> = colouring.legend.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["community 7 (1)", "north (1)"]);
    }

    #[test]
    fn entities_linked_to_no_other_are_grey_and_counted_apart_from_the_clusters() {
        let mut rows: Vec<(String, String, String)> = Vec::new();
        // Eleven triangles: eleven clusters, two more than the legend names.
        for t in 0..11 {
            for (a, b) in [(0, 1), (1, 2), (2, 0)] {
                rows.push((
                    format!("r{t}{a}{b}"),
                    format!("t{t}n{a}"),
                    format!("t{t}n{b}"),
                ));
            }
        }
        let rows: Vec<(&str, &str, &str, &str, &str)> = rows
            .iter()
            .map(|(id, s, t)| (id.as_str(), s.as_str(), "supplied", t.as_str(), "reported"))
            .collect();
        let mut dataset = crate::model::test_networks::network_of(&rows);
        for name in ["loner", "hermit"] {
            let mut entity = dataset.entities[0].clone();
            entity.entity_id = name.to_owned();
            entity.name = name.to_owned();
            dataset.entities.push(entity);
        }
        let session = Session::new(
            crate::formats::Loaded {
                dataset,
                report: crate::formats::LoadReport::default(),
            },
            None,
        );
        let colouring = Colouring::new(&session, &ColourBy::Cluster);
        let of = |name: &str| colouring.colour(session.dataset.entity_by_name(name).expect(name));
        assert_eq!(of("loner"), UNLINKED);
        assert_eq!(of("hermit"), UNLINKED);
        for t in 0..11 {
            let colour = of(&format!("t{t}n0"));
            assert_ne!(colour, UNLINKED);
            assert_eq!(colour, of(&format!("t{t}n2")));
        }
        let legend: Vec<&str> = colouring
            .legend
            .iter()
            .map(|(text, _)| text.as_str())
            .collect();
        assert_eq!(legend.len(), 11);
        assert_eq!(legend[0], "cluster 1 (3)");
        assert_eq!(legend[9], "2 smaller clusters, in the same colours");
        assert_eq!(
            colouring.legend[10],
            ("2 linked to no other".to_owned(), UNLINKED)
        );
    }

    #[test]
    fn a_files_types_colour_every_node_even_those_that_are_also_kinds() {
        let text = r#"{"nodes": [
            {"id": "a", "group": "company"}, {"id": "b", "group": "company"},
            {"id": "c", "group": "gov"}, {"id": "d", "group": "gov"}, {"id": "e", "group": "gov"}],
            "links": [{"source": "a", "target": "c"}]}"#;
        let session = Session::new(
            crate::formats::load_bytes("groups.json", text.as_bytes()).unwrap(),
            None,
        );
        let by = ColourBy::Attribute(crate::view::FILE_KIND.to_owned());
        let colouring = Colouring::new(&session, &by);
        let of = |id: &str| colouring.colour(session.dataset.entity_by_id(id).expect(id));
        let other = PALETTE[MAX_CATEGORIES];
        assert_ne!(of("a"), other, "a company is coloured as one");
        assert_eq!(of("a"), of("b"));
        assert_ne!(of("a"), of("c"));
        assert_eq!(of("c"), of("e"));
        let legend: Vec<&str> = colouring.legend.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(legend.len(), 2, "no empty \"other or none\": {legend:?}");
        assert!(legend.contains(&"gov (3)"), "{legend:?}");
    }

    #[test]
    fn a_colour_the_file_names_is_listed_by_its_name() {
        let text = r##"{"nodes": [
            {"id": "a", "color": "White"}, {"id": "b", "color": "white"},
            {"id": "c", "color": "#0000ff"}, {"id": "d", "color": "rgb(0, 128, 0)"}],
            "links": [{"source": "a", "target": "c"}]}"##;
        let session = Session::new(
            crate::formats::load_bytes("named.json", text.as_bytes()).unwrap(),
            None,
        );
        let colouring = Colouring::new(&session, &ColourBy::File);
        let legend: Vec<&str> = colouring.legend.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            legend,
            [
                "the file's colours: white (2)",
                "#0000ff (1)",
                "#008000 (1)"
            ]
        );
    }

    #[test]
    fn the_ramp_runs_from_blue_to_yellow() {
        assert_eq!(ramp(0.0), Color32::from_rgb(59, 82, 139));
        assert_eq!(ramp(1.0), Color32::from_rgb(253, 231, 37));
        assert_eq!(ramp(2.0), ramp(1.0));
    }

    #[test]
    fn a_few_file_colours_are_listed_and_a_ramp_is_counted() {
        let legend_for = |colours: usize| legend_of(colours, &|_| None);
        assert_eq!(
            legend_for(2),
            ["the file's colours: #000000 (7)", "#140000 (6)"]
        );
        assert_eq!(legend_for(12), ["the file's colours (12)"]);
    }

    #[test]
    fn file_colours_that_stand_for_an_attribute_are_named_by_it() {
        // Gephi's partition colouring: every red node a bank, every black one a person.
        let sector = |i: usize| {
            Some(
                if i.is_multiple_of(2) {
                    "Person"
                } else {
                    "Bank"
                }
                .to_owned(),
            )
        };
        assert_eq!(legend_of(2, &sector), ["sector: Person (7)", "Bank (6)"]);
        // A value shared by two colours, or one colour with two values: codes, not a guess.
        let shared = |i: usize| {
            Some(
                if i.is_multiple_of(3) {
                    "Person"
                } else {
                    "Bank"
                }
                .to_owned(),
            )
        };
        assert_eq!(
            legend_of(2, &shared),
            ["the file's colours: #000000 (7)", "#140000 (6)"]
        );
        let missing = |i: usize| (i != 4).then(|| sector(i).unwrap());
        assert_eq!(
            legend_of(2, &missing),
            ["the file's colours: #000000 (7)", "#140000 (6)"]
        );
    }

    /// The legend of a 13-node chain in `colours` shades of red, the i-th node's attribute
    /// `sector` set to `sector(i)`.
    fn legend_of(colours: usize, sector: &dyn Fn(usize) -> Option<String>) -> Vec<String> {
        {
            let rows: Vec<(String, String, String)> = (0..12)
                .map(|i| (format!("r{i}"), format!("n{i}"), format!("n{}", i + 1)))
                .collect();
            let rows: Vec<(&str, &str, &str, &str, &str)> = rows
                .iter()
                .map(|(id, s, t)| (id.as_str(), s.as_str(), "supplied", t.as_str(), "reported"))
                .collect();
            let mut dataset = crate::model::test_networks::network_of(&rows);
            for (i, entity) in dataset.entities.iter_mut().enumerate() {
                let shade = (i % colours) as u8 * 20;
                entity.attributes.insert(
                    crate::view::FILE_COLOUR.to_owned(),
                    format!("#{shade:02x}0000"),
                );
                if let Some(value) = sector(i) {
                    entity.attributes.insert("sector".to_owned(), value);
                }
            }
            let session = Session::new(
                crate::formats::Loaded {
                    dataset,
                    report: crate::formats::LoadReport::default(),
                },
                None,
            );
            Colouring::new(&session, &ColourBy::File)
                .legend
                .into_iter()
                .map(|(text, _)| text)
                .collect::<Vec<String>>()
        }
    }
}
