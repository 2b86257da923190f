//! Turning a foreign graph file into a dataset without losing anything: every importer reads
//! its format into [`ImportedNode`]s and [`ImportedEdge`]s and hands them to a
//! [`GraphBuilder`], which resolves endpoints, keeps unmapped fields as attributes, turns an
//! edge's description or URL into evidence, and writes down in the report everything it
//! could not use as given.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Display;

// foldhash: several times faster than the default SipHash on the millions of id lookups of a
// big file, and still seeded per process, so a crafted file cannot force collisions.
use foldhash::HashMap;

use super::Loaded;
use super::arrows::{ArrowShapes, DrawnDirections, VisArrows, is_plain_vis_arrow};
use super::report::{LoadReport, Warning};
use crate::model::{
    Dataset, Entity, EntityIdx, EntityKind, Evidence, Metadata, Position, RELATION_DESCRIPTION,
    Relation, RelationKind, RelationStatus, Source, SourceIdx, SourceKind, When,
};

/// Warnings listed one by one; past this many, the rest are counted, not listed.
pub const MAX_LISTED_WARNINGS: usize = 500;

/// A node as a foreign format gives it. Only `id` is required.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedNode {
    pub id: String,
    pub label: Option<String>,
    /// Type, group, category...: mapped to an [`EntityKind`] when it names one, else kept as
    /// the attribute `kind`.
    pub kind: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub position: Option<(f32, f32)>,
    /// Every other field, as text.
    pub attributes: BTreeMap<String, String>,
}

/// An edge as a foreign format gives it. `source` and `target` are node ids.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedEdge {
    pub id: Option<String>,
    pub source: String,
    pub target: String,
    /// Relation type: mapped to a [`RelationKind`] when it names one, else shown as the label.
    pub kind: Option<String>,
    /// The column or key `kind` was read from (`kind`, `relationship`...): a type that is none
    /// of the relation kinds, on an edge with a label (or of punctuation only), is kept as the
    /// attribute of that name (`type` when none is given).
    pub kind_key: Option<String>,
    pub label: Option<String>,
    pub directed: bool,
    pub weight: Option<f64>,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// The file's own words about the edge (an analyst's description or notes): not a quote
    /// from anywhere, so kept as the relation's attribute `description`.
    pub description: Option<String>,
    /// A passage quoted from a source: becomes the quote of an evidence item.
    pub quote: Option<String>,
    /// A page the edge cites: becomes the source of that evidence item.
    pub url: Option<String>,
    /// Who published the cited page, where the format says.
    pub publisher: Option<String>,
    /// How firmly the relation is established (`reported`, `claimed`, `alleged`...).
    pub status: Option<String>,
    /// Every other field, as text.
    pub attributes: BTreeMap<String, String>,
    /// Where vis-network draws its arrowheads (an `arrows` field), which `directed` follows:
    /// the builder turns an edge drawn pointing from its target to its source round, and
    /// counts it and arrowhead shapes not drawn for the report.
    pub(crate) arrows: Option<VisArrows>,
}

impl ImportedEdge {
    /// A directed edge with nothing but its endpoints.
    pub fn new(source: impl Into<String>, target: impl Into<String>) -> Self {
        Self {
            id: None,
            source: source.into(),
            target: target.into(),
            kind: None,
            kind_key: None,
            label: None,
            directed: true,
            weight: None,
            date: None,
            start: None,
            end: None,
            description: None,
            quote: None,
            url: None,
            publisher: None,
            status: None,
            attributes: BTreeMap::new(),
            arrows: None,
        }
    }
}

/// Collects nodes and edges from an importer and builds the dataset and its report.
pub struct GraphBuilder {
    file: String,
    format: String,
    dataset: Dataset,
    entity_ids: IdIndex,
    /// Relation ids, each with its relation's index, except an id `e<n>` of the relation at
    /// index n (most files give those, or none, which makes them): such an id is found at its
    /// index instead (see [`Self::relation_id_taken`]), sparing a hash entry per relation.
    relation_ids: HashMap<String, usize>,
    url_sources: HashMap<String, SourceIdx>,
    source_ids: HashMap<String, SourceIdx>,
    /// Ids named by edges but defined by no node, by the placeholder entity standing for
    /// each: the id, the first place named, and how often.
    missing: HashMap<EntityIdx, (String, String, usize)>,
    /// Node kinds outside the vocabulary, with how many nodes had each.
    unmapped_kinds: BTreeMap<String, usize>,
    warnings: Vec<Warning>,
    unlisted_warnings: usize,
    notes: Vec<String>,
    other_graphs: Vec<(usize, String)>,
    /// Positions whose y was turned from pointing up to pointing down, and whose convention
    /// that was.
    turned_y: (usize, &'static str),
    /// Relation dates that were no calendar date, kept as attributes.
    undated: usize,
    /// What edges' vis-network `arrows` did: directions turned or taken away, and shapes.
    arrow_directions: DrawnDirections,
    arrow_shapes: ArrowShapes,
}

/// `key`, or where an attribute of that name holds something other than `value`, the first
/// free `key 2`, `key 3`...: two things of one name both kept.
fn key_for(attributes: &BTreeMap<String, String>, key: &str, value: &str) -> String {
    if attributes.get(key).is_none_or(|held| held == value) {
        return key.to_owned();
    }
    // Among `len + 1` candidates at least one is free.
    (2..=attributes.len() + 2)
        .map(|n| format!("{key} {n}"))
        .find(|candidate| !attributes.contains_key(candidate))
        .unwrap_or_default()
}

impl GraphBuilder {
    /// A builder for `file`, read as `format` (e.g. "networkx node-link JSON").
    pub fn new(file: &str, format: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            format: format.into(),
            dataset: Dataset::default(),
            entity_ids: IdIndex::default(),
            relation_ids: HashMap::default(),
            url_sources: HashMap::default(),
            source_ids: HashMap::default(),
            missing: HashMap::default(),
            unmapped_kinds: BTreeMap::new(),
            warnings: Vec::new(),
            unlisted_warnings: 0,
            notes: Vec::new(),
            other_graphs: Vec::new(),
            turned_y: (0, ""),
            undated: 0,
            arrow_directions: DrawnDirections::default(),
            arrow_shapes: ArrowShapes::default(),
        }
    }

    /// Turns `node`'s position from a file whose y points up (`convention`: "Gephi and
    /// sigma.js", whose drawings put a larger y higher) to the screen's, whose y points down,
    /// so that its drawing, a map most of all, is not upside down; a note counts them.
    pub fn turn_y_up(&mut self, node: &mut ImportedNode, convention: &'static str) {
        if let Some((_, y)) = &mut node.position {
            // 0 − y, not −y: a y of 0 stays 0, not −0.
            *y = 0.0 - *y;
            self.turned_y = (self.turned_y.0 + 1, convention);
        }
    }

    /// Names the other graphs of a multi-graph file, which the user can open instead.
    pub fn set_other_graphs(&mut self, names: Vec<(usize, String)>) {
        self.other_graphs = names;
    }

    /// Reserves room for this many nodes and edges (large files).
    pub fn reserve(&mut self, nodes: usize, edges: usize) {
        self.dataset.entities.reserve(nodes);
        self.entity_ids.reserve(nodes);
        self.dataset.relations.reserve(edges);
    }

    /// The dataset's title, description and so on.
    pub fn metadata_mut(&mut self) -> &mut Metadata {
        &mut self.dataset.metadata
    }

    /// Changes the format named in the report, once the importer knows more (e.g. "d3 v3").
    pub fn set_format(&mut self, format: impl Into<String>) {
        self.format = format.into();
    }

    /// Records something that was not used as given.
    pub fn warn(&mut self, json_path: impl Into<String>, message: impl Into<String>) {
        if self.warnings.len() < MAX_LISTED_WARNINGS {
            self.warnings.push(Warning::new(json_path, message));
        } else {
            self.unlisted_warnings += 1;
        }
    }

    /// Records how something in the file was read (shown in the report, not a problem).
    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Whether a node with this id was already added.
    pub fn has_node(&self, id: &str) -> bool {
        self.entity_ids.get(id).is_some()
    }

    /// Whether a relation already has this id (given by the file, or made unique by the
    /// builder), so that a reader adding relations of its own can give them ids no edge has.
    pub fn has_relation(&self, relation_id: &str) -> bool {
        self.relation_id_taken(relation_id)
    }

    /// Adds a node; a duplicate id is reported and the node set aside (the first one wins).
    /// `json_path` is written out only for a warning.
    pub fn add_node(&mut self, json_path: &(impl Display + ?Sized), node: ImportedNode) {
        if self.entity_ids.get(&node.id).is_some() {
            self.warn(
                json_path.to_string(),
                format!(
                    "duplicate node id \"{}\"; the first one is kept, this one is set aside",
                    node.id
                ),
            );
            return;
        }
        let idx = EntityIdx(self.dataset.entities.len());
        let mut attributes = node.attributes;
        let kind = match node.kind {
            None => EntityKind::Other,
            Some(kind) => parse_entity_kind(&kind).unwrap_or_else(|| {
                *self.unmapped_kinds.entry(kind.clone()).or_default() += 1;
                attributes.insert("kind".to_owned(), kind);
                EntityKind::Other
            }),
        };
        if let Some((x, y)) = node
            .position
            .filter(|(x, y)| x.is_finite() && y.is_finite())
        {
            self.dataset.positions.push((idx, Position { x, y }));
        }
        self.entity_ids.insert(&node.id, idx);
        let entity_id = self
            .stand_in_id(json_path, &node.id, idx)
            .unwrap_or(node.id);
        let name = node
            .label
            .filter(|label| !label.trim().is_empty())
            .unwrap_or_else(|| entity_id.clone());
        self.dataset.entities.push(Entity {
            entity_id,
            name,
            kind,
            aliases: node.aliases,
            country: node.country,
            description: node.description,
            url: node.url,
            attributes,
        });
    }

    /// Keeps an edge's type as the attribute `key`, or, where an attribute of that name holds
    /// something else (two columns spelled alike), under the first free `key 2`, `key 3`...,
    /// with a warning.
    fn keep_type(
        &mut self,
        json_path: &(impl Display + ?Sized),
        attributes: &mut BTreeMap<String, String>,
        key: &str,
        type_text: String,
    ) {
        let free = key_for(attributes, key, &type_text);
        if free != key {
            self.warn(
                json_path.to_string(),
                format!(
                    "the edge type \"{type_text}\" is kept as the attribute \"{free}\", since the attribute \"{key}\" holds another value"
                ),
            );
        }
        attributes.insert(free, type_text);
    }

    /// `source` and `target` the way `edge`'s vis-network arrows point (see
    /// [`VisArrows`]): the other way round where it is drawn pointing from its target to its
    /// source. What they did, and their shapes not drawn, are counted for the report.
    fn drawn_ends<'e>(
        &mut self,
        edge: &mut ImportedEdge,
        source: &'e str,
        target: &'e str,
    ) -> (&'e str, &'e str) {
        let Some(arrows) = edge.arrows.take() else {
            return (source, target);
        };
        self.arrow_shapes
            .add(arrows.shapes.iter().map(String::as_str), is_plain_vis_arrow);
        if self
            .arrow_directions
            .direct(&mut edge.directed, arrows.heads)
        {
            (target, source)
        } else {
            (source, target)
        }
    }

    /// Adds an edge. An endpoint that names no node gets a placeholder entity (reported once
    /// per missing id); a duplicate edge id is made unique and reported.
    pub fn add_edge(&mut self, json_path: &(impl Display + ?Sized), mut edge: ImportedEdge) {
        let source = std::mem::take(&mut edge.source);
        let target = std::mem::take(&mut edge.target);
        self.add_edge_between(json_path, &source, &target, edge);
    }

    /// [`Self::add_edge`] with the endpoints given apart (the edge's own are not read), so a
    /// reader need not make a `String` of each. `json_path` is written out only for a warning.
    pub fn add_edge_between(
        &mut self,
        json_path: &(impl Display + ?Sized),
        source: &str,
        target: &str,
        mut edge: ImportedEdge,
    ) {
        let (source, target) = self.drawn_ends(&mut edge, source, target);
        let source = self.endpoint(json_path, "source", source);
        let target = self.endpoint(json_path, "target", target);
        let index = self.dataset.relations.len();
        // Every relation has one id, so there are `index` of them. Among `index + 1`
        // candidates at least one is free.
        let count = index;
        // A blank id is no id: a Chainsight file sets aside a relation with one.
        let relation_id = match edge.id.filter(|id| !id.trim().is_empty()) {
            Some(id) if !self.relation_id_taken(&id) => id,
            Some(id) => {
                let unique = (2..=count + 2)
                    .map(|n| format!("{id}#{n}"))
                    .find(|candidate| !self.relation_id_taken(candidate))
                    .unwrap_or_default();
                self.warn(
                    json_path.to_string(),
                    format!("duplicate edge id \"{id}\"; kept as \"{unique}\""),
                );
                unique
            }
            // `e<index>`, unless the file gave that id to an earlier edge: ids must stay unique
            // (a Chainsight file sets aside a relation whose id is taken).
            None => (index..=index + count)
                .map(|n| decimal_text("e", n as u64))
                .find(|candidate| !self.relation_id_taken(candidate))
                .unwrap_or_default(),
        };
        if index_of_plain_id(&relation_id) != Some(index) {
            self.relation_ids.insert(relation_id.clone(), index);
        }

        // A type that is not one of Chainsight's relation kinds is shown as the label; if the
        // edge has a label of its own too, the type is kept as an attribute named for where
        // it was read. A type that names a kind in words of the file's own ("supplies" for
        // supplied) is read as that kind and kept the same way, so those words are still
        // what is read (`Relation::phrase`); only the kind's own name says nothing more.
        let mut edge_label = edge.label;
        let (kind, unmapped_type) = match edge.kind {
            // With no type, a label that names a relation kind is the kind (vis-network, d3).
            None => match edge_label.as_deref().and_then(parse_relation_kind) {
                Some(kind) => {
                    if edge_label.as_deref().is_some_and(|l| kind.is_own_word(l)) {
                        edge_label = None;
                    }
                    (kind, None)
                }
                None => (RelationKind::Other, None),
            },
            Some(text) => match parse_relation_kind(&text) {
                Some(kind) if kind.is_own_word(&text) => (kind, None),
                Some(kind) => (kind, Some(text)),
                None => (RelationKind::Other, Some(text)),
            },
        };
        let mut attributes = edge.attributes;
        let status = match edge.status {
            None => RelationStatus::Reported,
            Some(text) => RelationStatus::parse(&normalise(&text)).unwrap_or_else(|| {
                attributes.insert("status".to_owned(), text);
                RelationStatus::Reported
            }),
        };
        let label = match (edge_label.filter(|l| !l.trim().is_empty()), unmapped_type) {
            (Some(label), Some(type_text)) => {
                let key = edge.kind_key.unwrap_or_else(|| "type".to_owned());
                self.keep_type(json_path, &mut attributes, &key, type_text);
                Some(label)
            }
            // A type of punctuation only (Cytoscape's placeholder interaction "-") would
            // write a dash on every edge: it is kept as an attribute instead.
            (None, Some(type_text)) if !type_text.chars().any(char::is_alphanumeric) => {
                let key = edge.kind_key.unwrap_or_else(|| "type".to_owned());
                self.keep_type(json_path, &mut attributes, &key, type_text);
                None
            }
            (label, type_text) => label.or(type_text),
        };
        // A blank description is none: it would make an empty attribute.
        if let Some(description) = edge.description.filter(|d| !d.trim().is_empty()) {
            let key = key_for(&attributes, RELATION_DESCRIPTION, &description);
            attributes.insert(key, description);
        }
        let evidence = self.edge_evidence(edge.quote, edge.url, edge.publisher);
        let when = When {
            date: self.calendar_date(edge.date, "date", &mut attributes),
            start: self.calendar_date(edge.start, "start", &mut attributes),
            end: self.calendar_date(edge.end, "end", &mut attributes),
        };
        self.dataset.relations.push(Relation {
            relation_id,
            source,
            target,
            kind,
            label,
            when,
            status,
            evidence,
            directed: edge.directed,
            weight: edge.weight,
            attributes,
        });
    }

    /// The evidence an edge's quote and link make: one item, the quote cited to the page (a
    /// link alone a citation without a quote), or none. A blank quote or link is none: it
    /// would make an empty quote or a source with a blank id.
    fn edge_evidence(
        &mut self,
        quote: Option<String>,
        url: Option<String>,
        publisher: Option<String>,
    ) -> Vec<Evidence> {
        let given = |text: Option<String>| text.filter(|t| !t.trim().is_empty());
        let (quote, url) = (given(quote), given(url));
        if quote.is_none() && url.is_none() {
            return Vec::new();
        }
        let source = url.map(|url| self.url_source(url, publisher));
        vec![Evidence {
            quote: quote.unwrap_or_default(),
            source,
            ..Evidence::default()
        }]
    }

    /// A relation's date as the timeline reads it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), so that
    /// a saved file holds only dates its format allows. A timestamp (`2013-05-01T00:00:00`,
    /// as GEXF and Gephi Lite write them) gives its calendar date; it, or text that is no
    /// date at all ("spring 2020"), is kept as written in the attribute `field` (where it
    /// holds something else, then `field 2`...), and a note counts the dates that were not
    /// dates.
    fn calendar_date(
        &mut self,
        date: Option<String>,
        field: &str,
        attributes: &mut BTreeMap<String, String>,
    ) -> Option<String> {
        let date = date?;
        let day = super::native::calendar_date(&date).map(str::to_owned);
        if day.as_deref() != Some(date.trim()) {
            self.undated += usize::from(day.is_none());
            attributes.insert(key_for(attributes, field, &date), date);
        }
        day
    }

    /// Adds a source record (a document cited by evidence) and returns its index. A blank or
    /// repeated id, which a Chainsight file would set aside, is replaced and reported.
    pub fn add_source(&mut self, mut source: Source) -> SourceIdx {
        let idx = SourceIdx(self.dataset.sources.len());
        let base = blank_id_stand_in(&source.source_id).unwrap_or_else(|| source.source_id.clone());
        let unique = unique_id(&base, self.source_ids.len(), |candidate| {
            self.source_ids.contains_key(candidate)
        });
        if unique != source.source_id {
            self.warn(
                "sources",
                format!(
                    "source id \"{}\" is blank or repeated; kept as \"{unique}\"",
                    source.source_id
                ),
            );
            source.source_id.clone_from(&unique);
        }
        self.source_ids.insert(unique, idx);
        self.dataset.sources.push(source);
        idx
    }

    /// Adds an evidence item to the last relation added.
    pub fn add_evidence_to_last(&mut self, evidence: Evidence) {
        if let Some(relation) = self.dataset.relations.last_mut() {
            relation.evidence.push(evidence);
        }
    }

    /// The source standing for a cited web page, one per distinct URL.
    fn url_source(&mut self, url: String, publisher: Option<String>) -> SourceIdx {
        if let Some(&idx) = self.url_sources.get(&url) {
            return idx;
        }
        let idx = self.add_source(Source {
            source_id: url.clone(),
            title: url.clone(),
            kind: SourceKind::Website,
            author: None,
            publisher,
            date: None,
            url: Some(url.clone()),
            text_file: None,
        });
        self.url_sources.insert(url, idx);
        idx
    }

    /// Whether a relation already has this id.
    fn relation_id_taken(&self, id: &str) -> bool {
        self.relation_ids.contains_key(id)
            || index_of_plain_id(id)
                .and_then(|n| self.dataset.relations.get(n))
                .is_some_and(|relation| relation.relation_id == id)
    }

    fn endpoint(&mut self, json_path: &(impl Display + ?Sized), end: &str, id: &str) -> EntityIdx {
        if let Some(idx) = self.entity_ids.get(id) {
            if !self.missing.is_empty()
                && let Some((missing_id, _, uses)) = self.missing.get_mut(&idx)
                && missing_id == id
            {
                *uses += 1;
            }
            return idx;
        }
        let idx = EntityIdx(self.dataset.entities.len());
        let path = format!("{json_path}.{end}");
        let entity_id = self
            .stand_in_id(&path, id, idx)
            .unwrap_or_else(|| id.to_owned());
        self.missing.insert(idx, (id.to_owned(), path, 1));
        self.entity_ids.insert(id, idx);
        self.dataset.entities.push(Entity::placeholder(entity_id));
        idx
    }

    /// For a blank `id`, the stand-in the entity at `idx` is kept under (reported), registered
    /// too so that no later node takes it; `None` for any other id, kept as it is.
    fn stand_in_id(
        &mut self,
        json_path: &(impl Display + ?Sized),
        id: &str,
        idx: EntityIdx,
    ) -> Option<String> {
        let stand_in = blank_id_stand_in(id)?;
        let unique = unique_id(&stand_in, self.entity_ids.len(), |candidate| {
            self.entity_ids.get(candidate).is_some()
        });
        self.entity_ids.insert(&unique, idx);
        self.warn(
            json_path.to_string(),
            format!("blank node id; kept as {unique}"),
        );
        Some(unique)
    }

    /// Positions that put every node the file places on one point (Pajek's `0 0` on each
    /// vertex line, as a file never drawn has them) are no drawing: pinned there, the nodes
    /// would lie on one another and no force could part them. They are dropped, so the nodes
    /// are laid out, with a note.
    fn drop_positions_at_one_point(&mut self) {
        let positions = &self.dataset.positions;
        let [(_, first), rest @ ..] = positions.as_slice() else {
            return;
        };
        if rest.is_empty() || rest.iter().any(|(_, p)| p != first) {
            return;
        }
        self.notes.push(format!(
            "positions: all {} nodes the file places are at one point ({}, {}), which draws nothing; they are laid out instead",
            positions.len(),
            first.x,
            first.y
        ));
        self.dataset.positions.clear();
        self.turned_y = (0, "");
    }

    /// The dataset and its report.
    pub fn finish(mut self) -> Loaded {
        // By id, as they were always listed.
        let mut missing: Vec<(String, String, usize)> =
            std::mem::take(&mut self.missing).into_values().collect();
        missing.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (id, json_path, uses) in missing {
            self.warn(
                json_path,
                format!(
                    "\"{id}\" names no node; a placeholder entity was added for it (used by {})",
                    crate::words::counted(uses, "relation", "relations")
                ),
            );
        }
        if !self.unmapped_kinds.is_empty() {
            let kinds: Vec<String> = self
                .unmapped_kinds
                .iter()
                .map(|(kind, count)| format!("{kind} ({count})"))
                .collect();
            self.notes.push(format!(
                "node types that are none of Chainsight's kinds, kept as written as the attribute \"kind\" (the panel says them; the legend and the filters by kind count them as Other): {}",
                kinds.join(", ")
            ));
        }
        if self.undated > 0 {
            self.notes.push(format!(
                "{} no date of the form YYYY, YYYY-MM or YYYY-MM-DD, kept as written as an attribute, off the timeline",
                crate::words::counted(self.undated, "relation date is", "relation dates are")
            ));
        }
        self.drop_positions_at_one_point();
        if let (turned @ 1.., convention) = self.turned_y {
            self.notes.push(format!(
                "positions: y points up in {convention}, down on screen; turned for {}",
                crate::words::counted(turned, "node", "nodes")
            ));
        }
        let arrows = [
            self.arrow_directions.note("vis-network"),
            self.arrow_shapes.note(),
        ];
        self.notes.extend(arrows.into_iter().flatten());
        let mut report = LoadReport::new(&self.file, &self.format, &self.dataset, self.warnings);
        report.unlisted_warnings = self.unlisted_warnings;
        // The reader's notes, then the report's own (where the file placed entities).
        let own = std::mem::replace(&mut report.notes, self.notes);
        report.notes.extend(own);
        report.other_graphs = self.other_graphs;
        Loaded {
            dataset: self.dataset,
            report,
        }
    }
}

/// Node ids to entities. Ids of up to 15 bytes (nearly all: `n123`, `Q42`, a number) are kept
/// packed into a number, their bytes and length, so finding one hashes and compares 16 bytes
/// in the table itself, not a string elsewhere in memory: on a file with half a million links
/// this lookup, once per endpoint, was the slowest step of loading.
#[derive(Default)]
struct IdIndex {
    short: HashMap<u128, EntityIdx>,
    long: HashMap<String, EntityIdx>,
}

impl IdIndex {
    /// `id` packed: its bytes, zeros after them, and its length in the last byte.
    fn pack(id: &str) -> Option<u128> {
        let bytes = id.as_bytes();
        if bytes.len() > 15 {
            return None;
        }
        let mut packed = [0u8; 16];
        packed[..bytes.len()].copy_from_slice(bytes);
        packed[15] = bytes.len() as u8;
        Some(u128::from_le_bytes(packed))
    }

    fn get(&self, id: &str) -> Option<EntityIdx> {
        match Self::pack(id) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(id).copied(),
        }
    }

    /// Maps `id` to `idx` (ids are added once: a caller checks first).
    fn insert(&mut self, id: &str, idx: EntityIdx) {
        match Self::pack(id) {
            Some(key) => self.short.insert(key, idx),
            None => self.long.insert(id.to_owned(), idx),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn reserve(&mut self, additional: usize) {
        self.short.reserve(additional);
    }
}

/// A Chainsight file sets aside a record whose id is empty or only whitespace, so such an id
/// from another format is kept quoted instead (`""`, `" "`): an id a Chainsight file holds,
/// and still one per distinct blank id of the file.
fn blank_id_stand_in(id: &str) -> Option<String> {
    id.trim().is_empty().then(|| format!("{id:?}"))
}

/// `base`, or else the first of `base#2`, `base#3`... that is not `taken`, of which there
/// are `count`: among `count + 1` candidates at least one is free.
fn unique_id(base: &str, count: usize, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..=count + 2)
        .map(|n| format!("{base}#{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

/// `prefix` and `n` in decimal, as `format!("{prefix}{n}")` writes them, without the
/// formatting machinery (this makes an id or a date for every edge of a big file).
pub(crate) fn decimal_text(prefix: &str, mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut text = String::with_capacity(prefix.len() + digits.len() - start);
    text.push_str(prefix);
    for &digit in &digits[start..] {
        text.push(char::from(digit));
    }
    text
}

/// The n of an id written `e<n>` (as `format!("e{n}")` writes it), the id a relation at index
/// n is given when it has none.
fn index_of_plain_id(id: &str) -> Option<usize> {
    let digits = id.strip_prefix('e')?;
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    canonical.then(|| digits.parse().ok()).flatten()
}

/// Lower-case, with spaces and hyphens as underscores: `Government Body` → `government_body`.
/// Borrowed when already so (the usual case: this runs for every edge of a big file).
fn normalise(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    if trimmed
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Cow::Borrowed(trimmed);
    }
    Cow::Owned(trimmed.to_lowercase().replace([' ', '-'], "_"))
}

/// Reads a node type from another tool as an entity kind, where it clearly names one.
pub fn parse_entity_kind(text: &str) -> Option<EntityKind> {
    let word = normalise(text);
    EntityKind::parse(&word).or(match word.as_ref() {
        "organisation" | "org" | "ngo" | "legalentity" | "legal_entity" => {
            Some(EntityKind::Organization)
        }
        "government" | "publicbody" | "public_body" | "agency" => Some(EntityKind::GovernmentBody),
        "programme" => Some(EntityKind::Program),
        "people" | "individual" => Some(EntityKind::Person),
        "corporation" | "firm" | "business" => Some(EntityKind::Company),
        _ => None,
    })
}

/// Reads an edge type from another tool as a relation kind, where it clearly names one
/// ([`RelationKind::named_by`]).
pub fn parse_relation_kind(text: &str) -> Option<RelationKind> {
    RelationKind::named_by(text)
}

/// A JSON value as attribute text: strings as they are, anything else as compact JSON.
pub fn attribute_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> ImportedNode {
        ImportedNode {
            id: id.to_owned(),
            ..ImportedNode::default()
        }
    }

    #[test]
    fn an_edge_vis_draws_pointing_back_is_turned_round_and_counted() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node("nodes[0]", node("a"));
        builder.add_node("nodes[1]", node("b"));
        let drawn = |text: &str| {
            let mut edge = ImportedEdge::new("a", "b");
            edge.directed = false;
            edge.arrows = VisArrows::of_text(text);
            edge
        };
        builder.add_edge("edges[0]", drawn("from"));
        builder.add_edge("edges[1]", drawn("to"));
        let mut shaped = drawn("from");
        if let Some(arrows) = &mut shaped.arrows {
            arrows.shapes = vec!["crow".to_owned(), "circle".to_owned()];
        }
        builder.add_edge_between("edges[2]", "b", "a", shaped);
        let loaded = builder.finish();
        let ends: Vec<(&str, &str, bool)> = loaded
            .dataset
            .relations
            .iter()
            .map(|r| {
                let id = |idx: EntityIdx| loaded.dataset.entities[idx.0].entity_id.as_str();
                (id(r.source), id(r.target), r.directed)
            })
            .collect();
        assert_eq!(ends, [("b", "a", true), ("a", "b", true), ("a", "b", true)]);
        assert_eq!(
            loaded.report.notes,
            [
                "directions as vis-network draws them: 2 edges drawn with an arrow at its \
                 source only, read from its target to its source",
                "1 link's arrow shapes (circle, crow) are not drawn: Chainsight draws a plain \
                 arrow for a direction"
            ]
        );
    }

    #[test]
    fn unknown_endpoint_gets_one_placeholder_reported_once() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node("nodes[0]", node("a"));
        builder.add_edge("links[0]", ImportedEdge::new("a", "ghost"));
        builder.add_edge("links[1]", ImportedEdge::new("ghost", "a"));
        let loaded = builder.finish();
        assert_eq!(loaded.dataset.entities.len(), 2);
        assert_eq!(loaded.dataset.relations.len(), 2);
        assert_eq!(loaded.report.warnings.len(), 1);
        let warning = &loaded.report.warnings[0];
        assert_eq!(warning.json_path, "links[0].target");
        assert!(warning.message.contains("\"ghost\"") && warning.message.contains("2 relations"));
    }

    #[test]
    fn a_type_of_punctuation_only_is_kept_as_an_attribute_not_shown() {
        let mut builder = GraphBuilder::new("f.cyjs", "test");
        builder.add_node("nodes[0]", node("a"));
        builder.add_node("nodes[1]", node("b"));
        let mut edge = ImportedEdge::new("a", "b");
        edge.kind = Some("-".into());
        edge.kind_key = Some("interaction".into());
        builder.add_edge("edges[0]", edge);
        let mut named = ImportedEdge::new("b", "a");
        named.kind = Some("binds".into());
        builder.add_edge("edges[1]", named);
        let loaded = builder.finish();
        let relations = &loaded.dataset.relations;
        assert_eq!(relations[0].label, None);
        assert_eq!(relations[0].attributes["interaction"], "-");
        assert!(!relations[0].has_phrase());
        assert_eq!(relations[1].phrase(), "binds");
    }

    #[test]
    fn duplicate_node_is_set_aside_and_reported() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node(
            "nodes[0]",
            ImportedNode {
                label: Some("First".into()),
                ..node("a")
            },
        );
        builder.add_node(
            "nodes[1]",
            ImportedNode {
                label: Some("Second".into()),
                ..node("a")
            },
        );
        let loaded = builder.finish();
        assert_eq!(loaded.dataset.entities.len(), 1);
        assert_eq!(loaded.dataset.entities[0].name, "First");
        assert_eq!(loaded.report.warnings[0].json_path, "nodes[1]");
    }

    #[test]
    fn edge_quote_and_url_become_evidence_and_its_description_an_attribute() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node("n", node("a"));
        builder.add_node("n", node("b"));
        let mut edge = ImportedEdge::new("a", "b");
        edge.quote = Some("A supplied B.".into());
        edge.description = Some("Checked against the 2019 filing.".into());
        edge.url = Some("https://example.org/x".into());
        builder.add_edge("e", edge.clone());
        builder.add_edge("e", edge);
        let loaded = builder.finish();
        let relation = &loaded.dataset.relations[0];
        assert_eq!(relation.evidence.len(), 1);
        let evidence = &relation.evidence[0];
        assert_eq!(evidence.quote, "A supplied B.");
        assert_eq!(
            relation.attributes["description"],
            "Checked against the 2019 filing."
        );
        let source = loaded.dataset.source(evidence.source.unwrap()).unwrap();
        assert_eq!(source.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(
            loaded.dataset.sources.len(),
            1,
            "one source per distinct URL"
        );
    }

    #[test]
    fn an_edge_type_beside_a_label_is_kept_under_its_column_s_name() {
        let mut builder = GraphBuilder::new("f.csv", "test");
        builder.add_node("n", node("a"));
        builder.add_node("n", node("b"));
        let mut edge = ImportedEdge::new("a", "b");
        edge.label = Some("1".into());
        edge.kind = Some("8".into());
        edge.kind_key = Some("kind".into());
        builder.add_edge("line 2", edge.clone());
        // An attribute of that name holding something else is not overwritten.
        edge.attributes.insert("kind".into(), "held".into());
        builder.add_edge("line 3", edge.clone());
        // With no column named, the type is kept as `type`.
        edge.kind_key = None;
        edge.attributes.clear();
        builder.add_edge("line 4", edge);
        let loaded = builder.finish();
        let relations = &loaded.dataset.relations;
        assert_eq!(relations[0].attributes["kind"], "8");
        assert!(!relations[0].attributes.contains_key("type"));
        assert_eq!(relations[1].attributes["kind"], "held");
        assert_eq!(relations[1].attributes["kind 2"], "8");
        assert_eq!(relations[2].attributes["type"], "8");
        let warnings: Vec<&str> = loaded
            .report
            .warnings
            .iter()
            .map(|w| w.json_path.as_str())
            .collect();
        assert_eq!(warnings, ["line 3"], "{:?}", loaded.report.warnings);
    }

    #[test]
    fn a_relation_is_dated_by_calendar_dates_and_keeps_what_was_written() {
        let mut builder = GraphBuilder::new("t.json", "test");
        builder.add_node("n[0]", node("a"));
        builder.add_node("n[1]", node("b"));
        let mut stamped = ImportedEdge::new("a", "b");
        stamped.date = Some("2013-05-01T10:00:00".to_owned());
        // An attribute of the same name holds something else: both are kept.
        stamped
            .attributes
            .insert("date".to_owned(), "as filed".to_owned());
        builder.add_edge("e[0]", stamped);
        let mut vague = ImportedEdge::new("a", "b");
        vague.start = Some("spring 2020".to_owned());
        builder.add_edge("e[1]", vague);
        let loaded = builder.finish();
        let relations = &loaded.dataset.relations;
        assert_eq!(relations[0].when.date.as_deref(), Some("2013-05-01"));
        assert_eq!(relations[0].attributes["date"], "as filed");
        assert_eq!(relations[0].attributes["date 2"], "2013-05-01T10:00:00");
        assert_eq!(relations[1].when.start, None);
        assert_eq!(relations[1].attributes["start"], "spring 2020");
        assert!(
            loaded.report.notes[0].starts_with("1 relation date is no date"),
            "{:?}",
            loaded.report.notes
        );
    }

    #[test]
    fn kinds_outside_the_vocabulary_are_kept() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node(
            "n",
            ImportedNode {
                kind: Some("Vendor".into()),
                ..node("a")
            },
        );
        builder.add_node(
            "n",
            ImportedNode {
                kind: Some("Organisation".into()),
                ..node("b")
            },
        );
        let mut edge = ImportedEdge::new("a", "b");
        edge.kind = Some("sold chips to".into());
        builder.add_edge("e", edge);
        let loaded = builder.finish();
        assert_eq!(loaded.dataset.entities[0].kind, EntityKind::Other);
        assert_eq!(loaded.dataset.entities[0].attributes["kind"], "Vendor");
        assert_eq!(loaded.dataset.entities[1].kind, EntityKind::Organization);
        assert_eq!(
            loaded.dataset.relations[0].label.as_deref(),
            Some("sold chips to")
        );
        assert!(loaded.report.notes.iter().any(|n| n.contains("Vendor (1)")));
    }

    #[test]
    fn duplicate_edge_ids_are_made_unique() {
        let mut builder = GraphBuilder::new("f.json", "test");
        builder.add_node("n", node("a"));
        let mut edge = ImportedEdge::new("a", "a");
        edge.id = Some("e1".into());
        builder.add_edge("e[0]", edge.clone());
        builder.add_edge("e[1]", edge);
        let loaded = builder.finish();
        assert_eq!(loaded.dataset.relations[1].relation_id, "e1#2");
        assert_eq!(loaded.report.warnings.len(), 1);
    }

    #[test]
    fn warnings_past_the_limit_are_counted() {
        let mut builder = GraphBuilder::new("f.json", "test");
        for i in 0..(MAX_LISTED_WARNINGS + 7) {
            builder.warn(format!("x[{i}]"), "problem");
        }
        let loaded = builder.finish();
        assert_eq!(loaded.report.warnings.len(), MAX_LISTED_WARNINGS);
        assert_eq!(loaded.report.unlisted_warnings, 7);
    }
}
