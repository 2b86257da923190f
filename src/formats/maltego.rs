//! Maltego graphs (`.mtgx`): a ZIP archive holding the graph as GraphML
//! (`Graphs/Graph1.graphml`), with the entity types, icons and Maltego's settings beside it.
//! The graph is read by the GraphML reader, which knows Maltego's entities and links; a file
//! of several graphs gives its first, naming the others in a note.

use std::io::Cursor;

use super::xml::{EdgeRecord, NodeRecord, Record};
use super::{LoadError, Loaded, archive, graphml};

/// Where a Maltego archive keeps its graphs.
const GRAPHS_FOLDER: &str = "Graphs/";

/// The archive's graphs (`Graphs/….graphml`), in the order Maltego numbers them.
fn graph_names(bytes: &[u8]) -> Vec<String> {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = archive
        .file_names()
        .filter(|name| {
            name.strip_prefix(GRAPHS_FOLDER).is_some_and(|rest| {
                !rest.contains('/') && rest.to_ascii_lowercase().ends_with(".graphml")
            })
        })
        .map(str::to_owned)
        .collect();
    // Graph2 before Graph10.
    names.sort_by_key(|name| (name.len(), name.clone()));
    names
}

/// Whether a ZIP archive holds a Maltego graph.
pub fn is_maltego_graph(bytes: &[u8]) -> bool {
    !graph_names(bytes).is_empty()
}

/// Reads the archive's first graph.
pub fn read(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let names = graph_names(bytes);
    let Some(first) = names.first() else {
        return Err(LoadError::UnknownFormat {
            file: file.to_owned(),
            message: "a ZIP archive with no Maltego graph (Graphs/….graphml) in it".to_owned(),
        });
    };
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| LoadError::UnknownFormat {
            file: file.to_owned(),
            message: format!("this Maltego graph cannot be unpacked: {e}"),
        })?;
    let raw = archive::entry_bytes(file, &mut zip, first)?.unwrap_or_default();
    // Messages about the GraphML name it inside the archive, where its lines are.
    let inner = format!("{file} \u{203a} {first}");
    let text = super::decode_text(&inner, &raw)?;
    let mut loaded = graphml::read(&inner, &text)?;
    file.clone_into(&mut loaded.report.file);
    // A graph with no title of its own is called by the file, as a GraphML file is.
    if loaded.dataset.metadata.title == inner {
        file.clone_into(&mut loaded.dataset.metadata.title);
    }
    loaded.report.format = format!("Maltego graph ({})", loaded.report.format);
    if names.len() > 1 {
        loaded.report.notes.push(format!(
            "{} of this archive not read: {}",
            crate::words::counted(names.len() - 1, "other graph", "other graphs"),
            names[1..].join(", ")
        ));
    }
    Ok(loaded)
}

/// What a Maltego entity or link says inside a GraphML `<data>`: `<mtg:MaltegoEntity
/// type="maltego.Person">` (or `MaltegoLink`) with its `<mtg:Properties>`, its `<mtg:Notes>`,
/// and an entity renderer's `<mtg:Position x y>`. Read element by element as the GraphML
/// reader meets them.
#[derive(Clone, Debug, Default)]
pub(crate) struct MaltegoData {
    /// The entity's or link's type, `maltego.Person`.
    pub type_name: Option<String>,
    pub properties: Vec<Property>,
    pub notes: Option<String>,
    /// Where Maltego draws the entity (`<mtg:Position>`).
    pub position: Option<(f32, f32)>,
    /// Reading a property's `<mtg:Value>` (the property is the last one), or the notes.
    reading: Option<Reading>,
    /// Whether any of Maltego's elements was met (a bare `<mtg:LinkRenderer/>` too).
    seen: bool,
}

#[derive(Clone, Copy, Debug)]
enum Reading {
    Value,
    Notes,
}

/// One `<mtg:Property name displayName>` and its value.
#[derive(Clone, Debug)]
pub(crate) struct Property {
    pub name: String,
    pub display_name: Option<String>,
    pub value: String,
}

/// The properties that hold what an entity is, by type: Maltego's "main property" of its
/// standard entities. An entity of another type is named by its first property with a value.
const MAIN_PROPERTIES: [&str; 14] = [
    "title",
    "person.fullname",
    "fqdn",
    "ipv4-address",
    "ipv6-address",
    "email",
    "phonenumber",
    "location.name",
    "alias",
    "text",
    "url",
    "short-title",
    "properties.hash",
    "netblock",
];

/// How Maltego draws a link: not what the link is.
const LINK_DRAWING: [&str; 5] = [
    "maltego.link.show-label",
    "maltego.link.thickness",
    "maltego.link.style",
    "maltego.link.color",
    "maltego.link.is_reversed",
];

impl MaltegoData {
    /// An element inside the data: returns whether it is Maltego's. Properties, values,
    /// notes and positions are read only inside an entity, a link or a renderer.
    pub fn start(&mut self, local: &str, attr: &dyn Fn(&str) -> Option<String>) -> bool {
        match local {
            "MaltegoEntity" | "MaltegoLink" => {
                self.type_name = self.type_name.take().or_else(|| attr("type"));
                self.seen = true;
            }
            "EntityRenderer" | "LinkRenderer" => self.seen = true,
            _ if !self.seen => return false,
            "Property" => self.properties.push(Property {
                name: attr("name").unwrap_or_default(),
                display_name: attr("displayName").filter(|d| !d.trim().is_empty()),
                value: String::new(),
            }),
            "Value" if !self.properties.is_empty() => self.reading = Some(Reading::Value),
            "Notes" => self.reading = Some(Reading::Notes),
            "Position" => {
                let coordinate = |name| attr(name)?.trim().parse::<f32>().ok();
                if let (Some(x), Some(y)) = (coordinate("x"), coordinate("y"))
                    && x.is_finite()
                    && y.is_finite()
                {
                    self.position = Some((x, y));
                }
            }
            _ => return false,
        }
        true
    }

    pub fn text(&mut self, text: &str) {
        match self.reading {
            Some(Reading::Value) => {
                if let Some(property) = self.properties.last_mut() {
                    property.value.push_str(text);
                }
            }
            Some(Reading::Notes) => self.notes.get_or_insert_default().push_str(text),
            None => {}
        }
    }

    /// An element inside the data closed: a value or the notes, which hold only text.
    pub fn end(&mut self) {
        self.reading = None;
    }

    /// Its notes, where they say something.
    pub fn notes(&self) -> Option<&str> {
        self.notes
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
    }

    /// Whether the data held a Maltego entity, link or renderer.
    pub fn is_maltego(&self) -> bool {
        self.seen
    }

    /// The entity's or link's type as a kind: `maltego.Person` as `Person`, a type of
    /// one's own (`acme.Shell-Company`) as its last part.
    pub fn kind(&self) -> Option<String> {
        let name = self.type_name.as_deref()?;
        let kind = name.rsplit('.').next().unwrap_or(name).trim();
        (!kind.is_empty()).then(|| kind.to_owned())
    }

    fn value_of(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.value.trim())
            .filter(|v| !v.is_empty())
    }

    /// What names the entity: its main property's value, else its first property's with one.
    pub fn entity_name(&self) -> Option<&Property> {
        let filled = || {
            self.properties
                .iter()
                .filter(|p| !p.value.trim().is_empty())
        };
        MAIN_PROPERTIES
            .iter()
            .find_map(|&main| filled().find(|p| p.name == main))
            .or_else(|| filled().next())
    }

    /// An entity's other properties with a value, each as (its title, its value): the title
    /// Maltego shows (`Country`), else its name.
    pub fn entity_fields(&self) -> Vec<(&str, &str)> {
        let name = self.entity_name().map(|p| p.name.as_str());
        self.properties
            .iter()
            .filter(|p| Some(p.name.as_str()) != name && !p.value.trim().is_empty())
            .map(|p| (p.display_name.as_deref().unwrap_or(&p.name), p.value.trim()))
            .collect()
    }

    /// A link's label: the one typed in (`maltego.link.manual.type`), else the one a transform
    /// gave (`maltego.link.label`).
    pub fn link_label(&self) -> Option<&str> {
        self.value_of("maltego.link.manual.type")
            .or_else(|| self.value_of("maltego.link.label"))
    }

    /// A link's description, typed in.
    pub fn link_description(&self) -> Option<&str> {
        self.value_of("maltego.link.manual.description")
    }

    /// Whether Maltego draws the link against the way the file lists its ends.
    pub fn link_reversed(&self) -> bool {
        self.value_of("maltego.link.is_reversed")
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }

    /// A link's other properties with a value, as [`Self::entity_fields`], but for how Maltego
    /// draws it.
    pub fn link_fields(&self) -> Vec<(&str, &str)> {
        const READ: [&str; 3] = [
            "maltego.link.manual.type",
            "maltego.link.label",
            "maltego.link.manual.description",
        ];
        self.properties
            .iter()
            .filter(|p| {
                !READ.contains(&p.name.as_str())
                    && !LINK_DRAWING.contains(&p.name.as_str())
                    && !p.value.trim().is_empty()
            })
            .map(|p| (p.display_name.as_deref().unwrap_or(&p.name), p.value.trim()))
            .collect()
    }
}

/// Files a Maltego entity onto the node it is on: its main property as the name (unless a
/// column named it), its type as the kind, its other properties by the titles Maltego
/// shows (`Country` fills the country), its notes as the description, its position.
pub(crate) fn file_entity(data: &MaltegoData, record: &mut NodeRecord) {
    if record.node.label.is_none()
        && let Some(name) = data.entity_name()
    {
        record.node.label = Some(name.value.trim().to_owned());
    }
    if record.node.kind.is_none() {
        record.node.kind = data.kind();
    }
    for (title, value) in data.entity_fields() {
        record.set(title, value);
    }
    if let Some(notes) = data.notes() {
        record.set("description", notes);
    }
    if record.node.position.is_none() {
        record.node.position = data.position;
    }
}

/// Files a Maltego link onto the edge it is on: its label (typed in, else a transform's), its
/// description, its direction as Maltego draws it, its other properties but for how it is
/// drawn.
pub(crate) fn file_link(data: &MaltegoData, record: &mut EdgeRecord) {
    if record.edge.label.is_none() {
        record.edge.label = data.link_label().map(str::to_owned);
    }
    if let Some(description) = data.link_description() {
        record.set("description", description);
    }
    if data.link_reversed() {
        let edge = &mut record.edge;
        std::mem::swap(&mut edge.source, &mut edge.target);
    }
    for (title, value) in data.link_fields() {
        record.set(title, value);
    }
    if let Some(notes) = data.notes() {
        record.set("notes", notes);
    }
}
