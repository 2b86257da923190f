//! `FollowTheMoney` (`FtM`), the entity model of Aleph and `OpenSanctions`: JSON lines of
//! `{"id", "schema", "properties": {name: [values]}}` (`.ftm`, `.ijson`), or an Aleph / react-ftm
//! diagram (`{"entities": [...], "layout": {...}}`).
//!
//! Every schema becomes something, and what does not fit is reported. Relationship and
//! interval schemas (Ownership, Directorship, Payment, Documentation, Sanction...) become
//! relations, with their dates; their `summary` and `description`, an analyst's words, are the
//! relation's description (never a quote), and `sourceUrl`, `publisher` and `proof` are its
//! evidence, a citation without a quote (`FtM` has no property for a source's own words);
//! documents (the Document family: Pages, Email, Folder, Table...) become entities
//! and also sources that evidence cites; every other entity becomes an entity. An entity is
//! labelled by its `caption`, then its `name`, then its other naming properties. A property
//! of an entity whose value is another entity's id (a company's `addressEntity`, a
//! passport's `holder`) becomes a relation to it, as Aleph draws it.
//! Relationship lines may come before the entities they link, so everything is collected
//! first and built in that order: sources, entities, relations.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde_json::Value;

use super::error::{json_error, json_line_error, text_lines};
use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use super::{LoadError, Loaded};
use crate::model::{Evidence, Source, SourceIdx, SourceKind};

/// Aleph diagrams place vertices on a grid; this many layout units per grid step.
const DIAGRAM_GRID_UNIT: f32 = 10.0;

/// Property values by property name, as text.
type Properties = BTreeMap<String, Vec<String>>;

/// One entity as read from the file.
struct FtmEntity {
    id: String,
    schema: String,
    properties: Properties,
    /// The label Aleph and OpenSanctions computed for it (`caption`), which wins over `name`.
    caption: Option<String>,
    /// Where it was read (`line 4`, `entities[2]`), for messages.
    path: String,
}

/// How a relationship schema becomes a relation: `FtM`'s `edge:` stanza, in Chainsight's words.
struct EdgeSpec {
    source: &'static str,
    target: &'static str,
    /// A Chainsight relation kind, where one fits.
    kind: Option<&'static str>,
    /// Shown on the edge unless the caption property gives a label.
    label: Option<&'static str>,
    directed: bool,
    /// The property that labels the edge when present (`FtM`'s `caption`).
    caption: Option<&'static str>,
}

const fn spec(
    source: &'static str,
    target: &'static str,
    kind: Option<&'static str>,
    label: Option<&'static str>,
    directed: bool,
    caption: Option<&'static str>,
) -> EdgeSpec {
    EdgeSpec {
        source,
        target,
        kind,
        label,
        directed,
        caption,
    }
}

/// The relationship schemas read as relations, with how.
const EDGE_SPECS: &[(&str, EdgeSpec)] = &[
    (
        "Ownership",
        spec(
            "owner",
            "asset",
            Some("invested_in"),
            Some("owns"),
            true,
            None,
        ),
    ),
    (
        "Directorship",
        spec(
            "director",
            "organization",
            None,
            Some("director of"),
            true,
            Some("role"),
        ),
    ),
    (
        "Membership",
        spec(
            "member",
            "organization",
            None,
            Some("member of"),
            true,
            Some("role"),
        ),
    ),
    (
        "Employment",
        spec("employer", "employee", Some("employed"), None, true, None),
    ),
    (
        "Associate",
        spec(
            "person",
            "associate",
            None,
            Some("associate of"),
            false,
            Some("relationship"),
        ),
    ),
    (
        "Family",
        spec(
            "person",
            "relative",
            None,
            Some("relative of"),
            false,
            Some("relationship"),
        ),
    ),
    (
        "Succession",
        spec(
            "predecessor",
            "successor",
            None,
            Some("succeeded by"),
            true,
            None,
        ),
    ),
    (
        "Representation",
        spec(
            "agent",
            "client",
            None,
            Some("represents"),
            true,
            Some("role"),
        ),
    ),
    (
        "Payment",
        spec("payer", "beneficiary", None, Some("paid"), true, None),
    ),
    (
        "ContractAward",
        spec("contract", "supplier", None, Some("awarded to"), true, None),
    ),
    (
        "Debt",
        spec("debtor", "creditor", None, Some("owes"), true, None),
    ),
    (
        "Occupancy",
        spec("holder", "post", None, Some("holds"), true, None),
    ),
    (
        "ProjectParticipant",
        spec(
            "participant",
            "project",
            None,
            Some("participant in"),
            true,
            Some("role"),
        ),
    ),
    (
        "CourtCaseParty",
        spec("party", "case", None, Some("party to"), true, Some("role")),
    ),
    (
        "Control",
        spec(
            "controller",
            "controlled",
            None,
            Some("controls"),
            true,
            Some("controlType"),
        ),
    ),
    (
        "Call",
        spec("caller", "receiver", None, Some("called"), true, None),
    ),
    // Annotations tie a document to what it is about, or two entities that may be one.
    (
        "Documentation",
        spec(
            "document",
            "entity",
            None,
            Some("documents"),
            true,
            Some("role"),
        ),
    ),
    (
        "Mention",
        spec("document", "resolved", None, Some("mentions"), true, None),
    ),
    (
        "Similar",
        spec("candidate", "match", None, Some("similar to"), false, None),
    ),
    // A sanction names its authority by name, not by id: see `sanction_authorities`.
    (
        "Sanction",
        spec(
            "authority",
            "entity",
            None,
            Some("sanctions"),
            true,
            Some("program"),
        ),
    ),
    (
        "UnknownLink",
        spec(
            "subject",
            "object",
            None,
            Some("linked to"),
            false,
            Some("role"),
        ),
    ),
];

/// How a relationship schema becomes a relation, if it is one.
fn edge_spec(schema: &str) -> Option<&'static EdgeSpec> {
    EDGE_SPECS
        .iter()
        .find(|(name, _)| *name == schema)
        .map(|(_, spec)| spec)
}

/// The Document family: read as entities, and as sources that evidence cites.
fn document_kind(schema: &str) -> Option<SourceKind> {
    match schema {
        "Article" => Some(SourceKind::Article),
        "HyperText" => Some(SourceKind::Website),
        "Email" | "Message" => Some(SourceKind::Other),
        "Document" | "Page" | "Pages" | "PlainText" | "Folder" | "Package" | "Workbook"
        | "Table" | "Image" | "Video" | "Audio" => Some(SourceKind::Document),
        _ => None,
    }
}

/// Every other schema `FollowTheMoney` defines; anything outside these is reported as unknown.
const THING_SCHEMAS: &[&str] = &[
    "Address",
    "Airplane",
    "Analyzable",
    "Assessment",
    "Asset",
    "BankAccount",
    "Call",
    "CallForTenders",
    "Company",
    "Concession",
    "Contract",
    "ContractLot",
    "CourtCase",
    "CryptoWallet",
    "EconomicActivity",
    "Event",
    "Identification",
    "Interest",
    "Interval",
    "Land",
    "LegalEntity",
    "License",
    "Note",
    "Organization",
    "Passport",
    "Person",
    "Position",
    "Post",
    "Project",
    "PublicBody",
    "RealEstate",
    "Security",
    "TaxRoll",
    "Thing",
    "Transaction",
    "Trip",
    "UserAccount",
    "Value",
    "Vehicle",
    "Vessel",
];

/// Reads `FollowTheMoney` entities, one JSON object per line.
pub fn read_lines(file: &str, text: &str) -> Result<Loaded, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: file.to_owned(),
        });
    }
    // A diagram is one JSON document (often pretty-printed), not one entity per line.
    let whole = match serde_json::from_str::<Value>(text) {
        Ok(value) if value.get("entities").is_some() && value.get("schema").is_none() => {
            return read_diagram(file, value);
        }
        other => other,
    };
    let mut builder = GraphBuilder::new(file, "FollowTheMoney entities (JSON lines)");
    let mut collected = Collected::default();
    let mut first = true;
    // Lines end as `text_lines` ends them: `\n`, `\r\n` or a lone `\r` (old Mac files).
    for line in text_lines(text) {
        let (number, line) = (line.number, line.text);
        if line.trim().is_empty() {
            continue;
        }
        let value = match serde_json::from_str::<Value>(line) {
            Ok(value) => value,
            // An object that runs past its first line is one multi-line JSON document: its
            // own error says where it really goes wrong.
            Err(error) if first && error.is_eof() => {
                return Err(match &whole {
                    Err(whole_error) => json_error(file, text, whole_error, None),
                    Ok(_) => json_line_error(file, number, line, &error),
                });
            }
            Err(error) => return Err(json_line_error(file, number, line, &error)),
        };
        first = false;
        collected.push(&mut builder, value, format!("line {number}"));
    }
    Ok(build(builder, collected, &HashMap::new()))
}

/// Reads an Aleph / react-ftm diagram: `FtM` `entities`, and `layout.vertices` whose `entityId`
/// and `position` place the nodes.
pub fn read_diagram(file: &str, value: Value) -> Result<Loaded, LoadError> {
    let structure = |json_path: &str, message: String| LoadError::Structure {
        file: file.to_owned(),
        position: None,
        json_path: json_path.to_owned(),
        message,
    };
    let Value::Object(mut document) = value else {
        return Err(structure(
            ".",
            format!(
                "found {}, expected an Aleph diagram (a JSON object with \"entities\" and \"layout\")",
                describe(&value)
            ),
        ));
    };
    // react-ftm's `.vis` files keep the entities inside the layout.
    let in_layout = !document.contains_key("entities")
        && document
            .get("layout")
            .is_some_and(|layout| layout.get("entities").is_some_and(Value::is_array));
    let entities_path = if in_layout {
        "layout.entities"
    } else {
        "entities"
    };
    let entities = if in_layout {
        document
            .get_mut("layout")
            .and_then(Value::as_object_mut)
            .and_then(|layout| layout.remove("entities"))
    } else {
        document.remove("entities")
    };
    let entities = match entities {
        Some(Value::Array(entities)) => entities,
        Some(other) => {
            return Err(structure(
                entities_path,
                format!(
                    "found {}, expected a list of FollowTheMoney entities",
                    describe(&other)
                ),
            ));
        }
        None => {
            return Err(structure(
                ".",
                "no \"entities\": an Aleph diagram lists its FollowTheMoney entities there"
                    .to_owned(),
            ));
        }
    };
    let mut builder = GraphBuilder::new(
        file,
        if in_layout {
            "Aleph/react-ftm diagram (.vis)"
        } else {
            "Aleph diagram"
        },
    );
    for key in ["label", "title"] {
        if let Some(Value::String(title)) = document.get(key) {
            builder.metadata_mut().title.clone_from(title);
            break;
        }
    }
    if let Some(Value::String(summary)) = document.get("summary") {
        builder.metadata_mut().description = Some(summary.clone());
    }
    let positions = if let Some(layout) = document.get("layout") {
        diagram_positions(layout)
    } else {
        builder.note("no \"layout\": node positions are not given");
        HashMap::new()
    };
    let mut collected = Collected::default();
    for (index, value) in entities.into_iter().enumerate() {
        collected.push(&mut builder, value, format!("{entities_path}[{index}]"));
    }
    if !positions.is_empty() {
        builder.note(format!(
            "{} vertex positions read from the layout (scaled by {DIAGRAM_GRID_UNIT} from grid units)",
            positions.len()
        ));
    }
    Ok(build(builder, collected, &positions))
}

/// Vertex positions by entity id, in layout units.
fn diagram_positions(layout: &Value) -> HashMap<String, (f32, f32)> {
    let Some(vertices) = layout.get("vertices").and_then(Value::as_array) else {
        return HashMap::new();
    };
    vertices
        .iter()
        .filter_map(|vertex| {
            let id = vertex.get("entityId").and_then(Value::as_str).or_else(|| {
                vertex
                    .get("id")
                    .and_then(Value::as_str)
                    .and_then(|id| id.strip_prefix("entity:"))
            })?;
            let position = vertex.get("position")?;
            let x = position.get("x").and_then(Value::as_f64)?;
            let y = position.get("y").and_then(Value::as_f64)?;
            Some((
                id.to_owned(),
                (x as f32 * DIAGRAM_GRID_UNIT, y as f32 * DIAGRAM_GRID_UNIT),
            ))
        })
        .collect()
}

/// Entities in file order, fragments with the same id merged (`FtM` streams may split one
/// entity over several lines).
#[derive(Default)]
struct Collected {
    entities: Vec<FtmEntity>,
    by_id: HashMap<String, usize>,
    merged: usize,
}

impl Collected {
    fn push(&mut self, builder: &mut GraphBuilder, value: Value, path: String) {
        let entity = match entity_from_value(value, path) {
            Ok(entity) => entity,
            Err((path, message)) => {
                builder.warn(path, format!("{message}; set aside"));
                return;
            }
        };
        let Some(earlier) = self
            .by_id
            .get(&entity.id)
            .and_then(|&i| self.entities.get_mut(i))
        else {
            self.by_id.insert(entity.id.clone(), self.entities.len());
            self.entities.push(entity);
            return;
        };
        if earlier.schema != entity.schema {
            builder.warn(
                entity.path,
                format!(
                    "entity \"{}\" was read before as {}, here as {}; its properties are merged \
                     and it is read as {}",
                    entity.id, earlier.schema, entity.schema, earlier.schema
                ),
            );
        }
        if earlier.caption.is_none() {
            earlier.caption = entity.caption;
        }
        for (property, values) in entity.properties {
            let known = earlier.properties.entry(property).or_default();
            for value in values {
                if !known.contains(&value) {
                    known.push(value);
                }
            }
        }
        self.merged += 1;
    }
}

/// An entity from its JSON, or where and why it cannot be one.
fn entity_from_value(value: Value, path: String) -> Result<FtmEntity, (String, String)> {
    let Value::Object(mut object) = value else {
        let message = format!(
            "found {}, expected a FollowTheMoney entity (an object with id, schema and properties)",
            describe(&value)
        );
        return Err((path, message));
    };
    let Some(Value::String(schema)) = object.remove("schema") else {
        return Err((
            path,
            "no \"schema\": not a FollowTheMoney entity".to_owned(),
        ));
    };
    let Some(Value::Object(properties)) = object.remove("properties") else {
        return Err((
            path,
            format!("{schema} entity has no \"properties\" object"),
        ));
    };
    let id = match object.remove("id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id,
        Some(Value::Number(id)) => id.to_string(),
        _ => return Err((path, format!("{schema} entity has no \"id\""))),
    };
    let properties = properties
        .into_iter()
        .map(|(name, value)| (name, property_values(value)))
        .filter(|(_, values)| !values.is_empty())
        .collect();
    let caption = match object.remove("caption") {
        Some(Value::String(caption)) if !caption.trim().is_empty() => Some(caption),
        _ => None,
    };
    Ok(FtmEntity {
        id,
        schema,
        properties,
        caption,
        path,
    })
}

/// A property's values as text. `FtM` writes lists of strings; single strings, numbers and
/// nested entities (`{"id": ...}`, as Aleph's API returns them) are accepted too.
fn property_values(value: Value) -> Vec<String> {
    let items = match value {
        Value::Array(items) => items,
        other => vec![other],
    };
    items
        .into_iter()
        .filter_map(|item| match item {
            Value::Null => None,
            Value::String(text) => Some(text),
            Value::Object(object) => match object.get("id") {
                Some(Value::String(id)) => Some(id.clone()),
                _ => Some(Value::Object(object).to_string()),
            },
            other => Some(other.to_string()),
        })
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
        .collect()
}

/// Removes a property and returns its first value; any further values stay (as attributes).
fn take_one(properties: &mut Properties, name: &str) -> Option<String> {
    let mut values = properties.remove(name)?.into_iter();
    let first = values.next();
    let rest: Vec<String> = values.collect();
    if !rest.is_empty() {
        properties.insert(name.to_owned(), rest);
    }
    first
}

/// Properties as attributes, several values joined with "; ".
fn attributes(properties: Properties) -> BTreeMap<String, String> {
    properties
        .into_iter()
        .map(|(name, values)| (name, values.join("; ")))
        .collect()
}

/// The properties FollowTheMoney types as references to other entities (`type: entity` in
/// its schema, version 4.10, reverse stubs aside), across all its schemas. Only these point
/// at an entity: an `idNumber`, `registrationNumber` or `wikidataId` is an identifier, and
/// short ids (`c1`, `Q7747`) collide with them by chance.
const REFERENCE_PROPERTIES: &[&str] = &[
    "addressEntity",
    "agent",
    "ancestors",
    "asset",
    "associate",
    "authority",
    "bank",
    "bankAccount",
    "bankForeign",
    "bankRub",
    "beneficiary",
    "beneficiaryAccount",
    "callForTenders",
    "caller",
    "candidate",
    "case",
    "client",
    "contract",
    "contractHolder",
    "controlled",
    "controller",
    "creditor",
    "debtor",
    "declarant",
    "director",
    "document",
    "emitters",
    "employee",
    "employer",
    "endLocation",
    "entity",
    "holder",
    "inReplyToEmail",
    "inReplyToMessage",
    "involved",
    "issuer",
    "match",
    "member",
    "object",
    "onBehalfOf",
    "operator",
    "organization",
    "organizer",
    "owner",
    "parent",
    "participant",
    "partOf",
    "party",
    "passport",
    "payer",
    "payerAccount",
    "person",
    "pictured",
    "post",
    "predecessor",
    "project",
    "proof",
    "receiver",
    "recipientAccount",
    "recipients",
    "relative",
    "resolved",
    "riskSource",
    "sender",
    "senderAccount",
    "startLocation",
    "subject",
    "successor",
    "supplier",
    "taxee",
    "tenderers",
    "transport",
    "vehicle",
];

/// Names of [`REFERENCE_PROPERTIES`] that some schemas give to text instead: an
/// identification's issuing `authority`, an e-mail's `sender`, a message's `subject`.
const TEXT_IN_SCHEMAS: &[(&str, &[&str])] = &[
    (
        "authority",
        &["Identification", "Passport", "Risk", "Sanction"],
    ),
    ("sender", &["Email"]),
    ("subject", &["Email", "Message"]),
];

/// Whether `property` of an entity of `schema` refers to another entity.
fn is_reference(schema: &str, property: &str) -> bool {
    REFERENCE_PROPERTIES.contains(&property)
        && !TEXT_IN_SCHEMAS
            .iter()
            .any(|(name, schemas)| *name == property && schemas.contains(&schema))
}

/// Takes out of `things` every reference (see [`is_reference`]) to another of them, as a
/// relation from the entity to the one it names (Aleph draws these as links too): a
/// company's `addressEntity`, a passport's `holder`, a page's `document`; left as an
/// attribute, the id would mean nothing to a reader. A reference to an entity not in the
/// file, and any other property, stays an attribute. Returns each relation with the path of
/// the entity it came from.
fn take_references(things: &mut [FtmEntity], tally: &mut Tally) -> Vec<(String, ImportedEdge)> {
    let ids: HashSet<String> = things.iter().map(|thing| thing.id.clone()).collect();
    let mut references = Vec::new();
    for thing in things.iter_mut() {
        for (property, values) in &mut thing.properties {
            if !is_reference(&thing.schema, property) {
                continue;
            }
            let (named, rest): (Vec<String>, Vec<String>) = std::mem::take(values)
                .into_iter()
                .partition(|value| *value != thing.id && ids.contains(value));
            *values = rest;
            for (n, target) in named.into_iter().enumerate() {
                let mut edge = ImportedEdge::new(thing.id.clone(), target);
                edge.label = Some(reference_label(property));
                edge.id = Some(match n {
                    0 => format!("{}.{property}", thing.id),
                    _ => format!("{}.{property}#{}", thing.id, n + 1),
                });
                *tally.references.entry(property.clone()).or_default() += 1;
                references.push((thing.path.clone(), edge));
            }
        }
        thing.properties.retain(|_, values| !values.is_empty());
    }
    references
}

/// A property naming another entity, as the label of the relation it makes: FtM's camel case
/// in words, without the `Entity` that marks a reference (`addressEntity` → "address").
fn reference_label(property: &str) -> String {
    let name = property
        .strip_suffix("Entity")
        .filter(|stem| !stem.is_empty())
        .unwrap_or(property);
    let mut label = String::with_capacity(name.len() + 2);
    for c in name.chars() {
        if c.is_uppercase() {
            label.push(' ');
            label.extend(c.to_lowercase());
        } else {
            label.push(c);
        }
    }
    label
}

/// What [`build`] counts for the report.
#[derive(Default)]
struct Tally {
    relations: BTreeMap<String, usize>,
    /// Relations made from properties naming another entity, by property.
    references: BTreeMap<String, usize>,
    documents: BTreeMap<String, usize>,
    unknown: BTreeMap<String, usize>,
    /// Sanction authorities (named, not referenced by id) made entities.
    authorities: usize,
    /// Entities with no name, caption or other naming property, and the first one's label.
    unnamed: usize,
    unnamed_example: Option<String>,
}

/// A name for an entity that has none: its schema and the start of its id ("Person
/// a3f5c2d1"). FtM ids are mostly 40-letter hashes, which had stood on the graph whole and
/// said nothing of what the entity is; the whole id stays the entity's id.
fn unnamed_label(node: &ImportedNode) -> String {
    let schema = node.kind.as_deref().unwrap_or("Entity");
    // A short id ("ofac-1234", a Wikidata "Q7747") whole; of a hash, eight letters tell
    // it apart from its neighbours.
    let short: String = match node.id.chars().count() {
        0..=16 => node.id.clone(),
        _ => node.id.chars().take(8).collect::<String>() + "…",
    };
    format!("{schema} {short}")
}

/// The id of the entity standing for a sanctions authority known by name only.
fn authority_id(name: &str) -> String {
    format!("authority:{name}")
}

/// A sanction names its authority as text (`authority`, else `program`); each distinct one
/// becomes an entity (a public body) that the sanction's relation starts from. A sanction
/// naming neither starts from one unnamed authority. Rewrites the sanction's `authority` to
/// those entities' ids.
fn sanction_authorities(
    builder: &mut GraphBuilder,
    relations: &mut [(FtmEntity, &EdgeSpec)],
    tally: &mut Tally,
) {
    let mut made = BTreeSet::new();
    for (entity, _) in relations
        .iter_mut()
        .filter(|(entity, _)| entity.schema == "Sanction")
    {
        let names = match entity.properties.remove("authority") {
            Some(names) => names,
            None => entity
                .properties
                .get("program")
                .cloned()
                .unwrap_or_else(|| vec!["unnamed sanctions authority".to_owned()]),
        };
        let mut ids = Vec::with_capacity(names.len());
        for name in names {
            let id = authority_id(&name);
            if made.insert(id.clone()) {
                builder.add_node(
                    &entity.path,
                    ImportedNode {
                        id: id.clone(),
                        label: Some(name),
                        kind: Some("PublicBody".to_owned()),
                        ..ImportedNode::default()
                    },
                );
                tally.authorities += 1;
            }
            ids.push(id);
        }
        entity.properties.insert("authority".to_owned(), ids);
    }
}

/// Builds the dataset: documents as sources, then every entity but relationships, then
/// relations.
fn build(
    mut builder: GraphBuilder,
    collected: Collected,
    positions: &HashMap<String, (f32, f32)>,
) -> Loaded {
    let mut tally = Tally::default();
    let mut documents: HashMap<String, SourceIdx> = HashMap::new();
    let mut url_sources: HashMap<String, SourceIdx> = HashMap::new();
    let mut things = Vec::new();
    let mut relations = Vec::new();
    builder.reserve(collected.entities.len(), collected.entities.len());

    for entity in collected.entities {
        if let Some(kind) = document_kind(&entity.schema) {
            *tally.documents.entry(entity.schema.clone()).or_default() += 1;
            let source = document_source(&entity, kind);
            let url = source.url.clone();
            let idx = builder.add_source(source);
            documents.insert(entity.id.clone(), idx);
            // Evidence citing the same page then points at the document itself.
            if let Some(url) = url {
                url_sources.entry(url).or_insert(idx);
            }
            things.push(entity);
        } else if let Some(spec) = edge_spec(&entity.schema) {
            relations.push((entity, spec));
        } else {
            things.push(entity);
        }
    }

    let references = take_references(&mut things, &mut tally);
    for entity in things {
        if !THING_SCHEMAS.contains(&entity.schema.as_str())
            && document_kind(&entity.schema).is_none()
        {
            *tally.unknown.entry(entity.schema.clone()).or_default() += 1;
        }
        let path = entity.path.clone();
        let position = positions.get(&entity.id).copied();
        let mut node = thing_node(entity, position);
        if node.label.is_none() {
            let label = unnamed_label(&node);
            tally.unnamed_example.get_or_insert_with(|| label.clone());
            node.label = Some(label);
            tally.unnamed += 1;
        }
        builder.add_node(&path, node);
    }

    for (path, edge) in references {
        builder.add_edge(&path, edge);
    }
    sanction_authorities(&mut builder, &mut relations, &mut tally);
    for (entity, spec) in relations {
        let schema = entity.schema.clone();
        if add_relation(&mut builder, entity, spec, &documents, &mut url_sources) {
            *tally.relations.entry(schema).or_default() += 1;
        }
    }

    report_tally(&mut builder, &tally, collected.merged);
    builder.finish()
}

fn report_tally(builder: &mut GraphBuilder, tally: &Tally, merged: usize) {
    let list = |counts: &BTreeMap<String, usize>| {
        counts
            .iter()
            .map(|(schema, count)| format!("{schema} ({count})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !tally.relations.is_empty() {
        builder.note(format!(
            "relationship entities read as relations: {}",
            list(&tally.relations)
        ));
    }
    if !tally.references.is_empty() {
        builder.note(format!(
            "properties naming another entity read as relations: {}",
            list(&tally.references)
        ));
    }
    if tally.authorities > 0 {
        builder.note(format!(
            "{} sanctions {} named in sanctions (not given as entities) made entities, the \
             sanctions relations from them to the sanctioned",
            tally.authorities,
            if tally.authorities == 1 {
                "authority"
            } else {
                "authorities"
            }
        ));
    }
    if !tally.documents.is_empty() {
        builder.note(format!(
            "documents read as entities (kind Other), and as sources cited by the relations \
             whose \"proof\" names them: {}",
            list(&tally.documents)
        ));
    }
    if !tally.unknown.is_empty() {
        builder.note(format!(
            "schemas FollowTheMoney does not define, read as entities of kind Other: {}",
            list(&tally.unknown)
        ));
    }
    if let Some(example) = &tally.unnamed_example {
        builder.note(format!(
            "{} no name, caption or other naming property: named by schema and the start of \
             the id (\"{example}\")",
            crate::words::counted(tally.unnamed, "entity has", "entities have"),
        ));
    }
    if merged > 0 {
        builder.note(format!(
            "{merged} entries continued an entity already read (same id); their properties were merged"
        ));
    }
}

/// The first value of a property, left in place.
fn first(properties: &Properties, name: &str) -> Option<String> {
    properties
        .get(name)
        .and_then(|values| values.first())
        .cloned()
}

/// A document as a source: title from its `caption`, else `title`, `fileName`, `name` or an
/// email's `subject`. The document's properties stay on its entity.
fn document_source(entity: &FtmEntity, kind: SourceKind) -> Source {
    let properties = &entity.properties;
    let title = entity
        .caption
        .clone()
        .or_else(|| first(properties, "title"))
        .or_else(|| first(properties, "fileName"))
        .or_else(|| first(properties, "name"))
        .or_else(|| first(properties, "subject"))
        .unwrap_or_else(|| entity.id.clone());
    Source {
        title,
        kind,
        author: first(properties, "author"),
        publisher: first(properties, "publisher"),
        date: first(properties, "date").or_else(|| first(properties, "publishedAt")),
        url: first(properties, "sourceUrl"),
        text_file: None,
        source_id: entity.id.clone(),
    }
}

/// Properties that name an entity where it has no `name`, best first: documents' titles and
/// file names, an email's subject, an identity document's number, a sanction's program...
const OTHER_NAMES: &[&str] = &[
    "title",
    "fileName",
    "subject",
    "program",
    "registrationNumber",
    "number",
    "full",
    "alias",
    "previousName",
    "weakAlias",
];

/// An entity as a node: labelled by its `caption`, else its first name, else the first of
/// [`OTHER_NAMES`] it has; further names and `alias` are its aliases.
fn thing_node(entity: FtmEntity, position: Option<(f32, f32)>) -> ImportedNode {
    let mut properties = entity.properties;
    // The first name is the label; FtM gives further names as equals.
    let mut names = properties.remove("name").unwrap_or_default().into_iter();
    // The caption, where the entity has one, is its label; every name is then an alias.
    let first_name = if entity.caption.is_some() {
        None
    } else {
        names.next()
    };
    let label = entity.caption.or(first_name).or_else(|| {
        OTHER_NAMES
            .iter()
            .find_map(|name| take_one(&mut properties, name))
    });
    let mut aliases: Vec<String> = names
        .chain(properties.remove("alias").unwrap_or_default())
        .collect();
    aliases.dedup();
    aliases.retain(|alias| Some(alias) != label.as_ref());
    let country = take_one(&mut properties, "country")
        .or_else(|| take_one(&mut properties, "jurisdiction"))
        .map(|country| {
            // FtM writes ISO codes in lower case.
            if country.len() == 2 {
                country.to_uppercase()
            } else {
                country
            }
        });
    let description =
        take_one(&mut properties, "description").or_else(|| take_one(&mut properties, "summary"));
    let url =
        take_one(&mut properties, "website").or_else(|| take_one(&mut properties, "sourceUrl"));
    ImportedNode {
        id: entity.id,
        label,
        kind: Some(entity.schema),
        description,
        url,
        aliases,
        country,
        position,
        attributes: attributes(properties),
    }
}

/// The most relations one relationship entity makes (every value of its source property with
/// every value of its target property); past it they are cut, with a warning.
pub const MAX_RELATIONS_PER_ENTITY: usize = 10_000;

/// Adds the relation(s) a relationship entity states, with its evidence. Returns whether any
/// was added (one lacking an endpoint is reported and set aside).
fn add_relation(
    builder: &mut GraphBuilder,
    entity: FtmEntity,
    spec: &EdgeSpec,
    documents: &HashMap<String, SourceIdx>,
    url_sources: &mut HashMap<String, SourceIdx>,
) -> bool {
    let FtmEntity {
        id,
        schema,
        mut properties,
        caption: _,
        path,
    } = entity;
    let sources = properties.remove(spec.source).unwrap_or_default();
    let targets = properties.remove(spec.target).unwrap_or_default();
    if sources.is_empty() || targets.is_empty() {
        let missing: Vec<&str> = [(spec.source, &sources), (spec.target, &targets)]
            .into_iter()
            .filter(|(_, values)| values.is_empty())
            .map(|(name, _)| name)
            .collect();
        builder.warn(
            path,
            format!(
                "{schema} \"{id}\" has no {}; it links {} → {}, so it is set aside",
                missing.join(" and no "),
                spec.source,
                spec.target
            ),
        );
        return false;
    }

    let mut edge = ImportedEdge::new("", "");
    edge.directed = spec.directed;
    edge.kind = spec.kind.map(str::to_owned);
    edge.label = spec
        .caption
        .and_then(|caption| take_one(&mut properties, caption))
        .or_else(|| spec.label.map(str::to_owned));
    edge.date = take_one(&mut properties, "date");
    edge.start = take_one(&mut properties, "startDate");
    edge.end = take_one(&mut properties, "endDate");
    edge.description = relation_description(&mut properties);

    let evidence = relation_evidence(builder, &mut properties, &path, documents, url_sources);
    edge.attributes = attributes(properties);

    let pairs = sources.len().saturating_mul(targets.len());
    if pairs > MAX_RELATIONS_PER_ENTITY {
        builder.warn(
            path.clone(),
            format!(
                "{schema} \"{id}\" names {} {} and {} {}, {pairs} pairs; only the first \
                 {MAX_RELATIONS_PER_ENTITY} relations were made",
                sources.len(),
                spec.source,
                targets.len(),
                spec.target
            ),
        );
    }
    let mut n = 0;
    'pairs: for source in &sources {
        for target in &targets {
            if n == MAX_RELATIONS_PER_ENTITY {
                break 'pairs;
            }
            n += 1;
            let mut pair = edge.clone();
            pair.source.clone_from(source);
            pair.target.clone_from(target);
            pair.id = Some(if n == 1 {
                id.clone()
            } else {
                format!("{id}#{n}")
            });
            builder.add_edge(&path, pair);
            if let Some(evidence) = &evidence {
                builder.add_evidence_to_last(evidence.clone());
            }
        }
    }
    true
}

/// What the analyst wrote about a relationship: every `summary`, then every `description`,
/// told apart by a blank line. It is the relation's description, not a quote: a quote must be
/// a source's own words.
fn relation_description(properties: &mut Properties) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for name in ["summary", "description"] {
        for text in properties.remove(name).unwrap_or_default() {
            if !text.trim().is_empty() && !parts.contains(&text) {
                parts.push(text);
            }
        }
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The evidence a relationship entity gives, a citation without a quote: `sourceUrl` (with
/// `publisher`) is the page it rests on, and the documents its `proof` names are what it
/// cites. With no page, the first proof document is the source.
fn relation_evidence(
    builder: &mut GraphBuilder,
    properties: &mut Properties,
    path: &str,
    documents: &HashMap<String, SourceIdx>,
    url_sources: &mut HashMap<String, SourceIdx>,
) -> Option<Evidence> {
    let url = take_one(properties, "sourceUrl");
    let publisher = take_one(properties, "publisher");
    let mut cites = Vec::new();
    let mut unknown_proofs = Vec::new();
    for proof in properties.remove("proof").unwrap_or_default() {
        match documents.get(&proof) {
            Some(&idx) => cites.push(idx),
            None => unknown_proofs.push(proof),
        }
    }
    if !unknown_proofs.is_empty() {
        let named: Vec<String> = unknown_proofs.iter().map(|p| format!("\"{p}\"")).collect();
        builder.warn(
            path,
            format!(
                "proof {} names no document in the file; kept as the attribute \"proof\"",
                named.join(", ")
            ),
        );
        properties.insert("proof".to_owned(), unknown_proofs);
    }
    let page = if let Some(url) = url {
        Some(url_source(builder, url_sources, url, publisher))
    } else {
        // With no page to credit, the publisher is kept on the relation.
        if let Some(publisher) = publisher {
            properties.insert("publisher".to_owned(), vec![publisher]);
        }
        None
    };
    if page.is_none() && cites.is_empty() {
        return None;
    }
    let source = page.or_else(|| cites.first().copied());
    cites.retain(|&cited| Some(cited) != source);
    Some(Evidence {
        source,
        cites,
        ..Evidence::default()
    })
}

/// The source standing for a cited web page, one per distinct URL.
fn url_source(
    builder: &mut GraphBuilder,
    url_sources: &mut HashMap<String, SourceIdx>,
    url: String,
    publisher: Option<String>,
) -> SourceIdx {
    if let Some(&idx) = url_sources.get(&url) {
        return idx;
    }
    let idx = builder.add_source(Source {
        source_id: url.clone(),
        title: url.clone(),
        kind: SourceKind::Website,
        author: None,
        publisher,
        date: None,
        url: Some(url.clone()),
        text_file: None,
    });
    url_sources.insert(url, idx);
    idx
}

/// Describes a value for messages: `a list`, `string "x"`, `a number`.
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".to_owned(),
        Value::String(s) => format!("string \"{s}\""),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_values_accept_lists_strings_and_nested_entities() {
        let value = serde_json::json!(["a", 3, {"id": "x", "schema": "Company"}, null, " "]);
        assert_eq!(property_values(value), ["a", "3", "x"]);
        assert_eq!(property_values(serde_json::json!("only")), ["only"]);
    }

    #[test]
    fn only_properties_ftm_types_as_references_become_relations() {
        let loaded = read_lines(
            "x.ftm",
            "{\"id\": \"Q7747\", \"schema\": \"Person\", \"properties\": {\"name\": [\"V\"], \
             \"idNumber\": [\"c1\"], \"addressEntity\": [\"addr\"]}}\n\
             {\"id\": \"c1\", \"schema\": \"Company\", \"properties\": {\"name\": [\"Acme\"]}}\n\
             {\"id\": \"addr\", \"schema\": \"Address\", \"properties\": {\"full\": [\"1 Main St\"]}}\n\
             {\"id\": \"m1\", \"schema\": \"Email\", \"properties\": {\"subject\": [\"hi\"], \
             \"sender\": [\"c1\"]}}\n",
        )
        .unwrap_or_else(|error| panic!("{error}"));
        let dataset = &loaded.dataset;
        let relations = &dataset.relations;
        let labels: Vec<Option<&str>> = relations.iter().map(|r| r.label.as_deref()).collect();
        assert_eq!(labels, [Some("address")]);
        let attribute = |entity_id: &str, name: &str| {
            let entity = dataset.entities.iter().find(|e| e.entity_id == entity_id);
            entity.and_then(|e| e.attributes.get(name).cloned())
        };
        assert_eq!(attribute("Q7747", "idNumber").as_deref(), Some("c1"));
        // An e-mail's sender is text in FtM, whatever it reads like.
        assert_eq!(attribute("m1", "sender").as_deref(), Some("c1"));
        assert!(is_reference("Message", "sender"));
        assert!(!is_reference("Sanction", "authority"));
        assert!(is_reference("Contract", "authority"));
    }

    #[test]
    fn take_one_leaves_further_values_as_attributes() {
        let mut properties = Properties::new();
        properties.insert("date".into(), vec!["2020".into(), "2021".into()]);
        assert_eq!(take_one(&mut properties, "date").as_deref(), Some("2020"));
        assert_eq!(properties["date"], ["2021"]);
        assert_eq!(take_one(&mut properties, "missing"), None);
    }

    #[test]
    fn syntax_error_names_the_line_not_the_first() {
        let text = "{\"id\": \"a\", \"schema\": \"Company\", \"properties\": {}}\n{\"id\": oops}\n";
        let Err(LoadError::Syntax { position, .. }) = read_lines("x.ftm", text) else {
            panic!("expected a syntax error");
        };
        assert_eq!(position.line, 2);
        assert_eq!(position.column, 8);
    }

    #[test]
    fn pretty_printed_document_error_is_placed_in_the_document() {
        let text = "{\n  \"entities\": [\n    {\"id\": \"a\",}\n  ]\n}\n";
        let Err(LoadError::Syntax { position, .. }) = read_lines("x.json", text) else {
            panic!("expected a syntax error");
        };
        assert_eq!(position.line, 3);
    }
}
