//! Maltego graphs (`.mtgx`): a ZIP archive holding the graph as GraphML
//! (`Graphs/Graph1.graphml`), with the entity types, icons and Maltego's settings beside it.
//! The graph is read by the GraphML reader, which knows Maltego's entities and links; a file
//! of several graphs gives its first, naming the others in a note.

use std::io::Cursor;

use std::collections::HashMap;

use super::import::GraphBuilder;
use super::xml::{Collected, EdgeRecord, NodeRecord, Record};
use super::{LoadError, Loaded, archive, graphml};
use crate::words::counted;

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

/// Maltego's URL entity, whose main property is its short title, not its page's `title`.
const URL_TYPE: &str = "maltego.URL";
const URL_MAIN_PROPERTIES: [&str; 2] = ["short-title", "url"];

/// A link's label typed in.
const MANUAL_LABEL: &str = "maltego.link.manual.type";
/// A link's label as a transform gave it (often only the transform's name).
const LABEL: &str = "maltego.link.label";
/// A link's description typed in.
const MANUAL_DESCRIPTION: &str = "maltego.link.manual.description";
/// The id of the transform that made a link (`paterva.v2.CompanyToDomain`).
const TRANSFORM_ID: &str = "maltego.link.transform.name";
/// The name Maltego shows for that transform (`To Domain [Company]`).
const TRANSFORM_NAME: &str = "maltego.link.transform.display-name";

/// The attributes a link made by a transform keeps the transform's id and name in (the id
/// titled as Maltego titles it).
const TRANSFORM_ATTRIBUTE: &str = "Transform";
const TRANSFORM_NAME_ATTRIBUTE: &str = "Transform name";

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

    /// The entity's type as a kind, in the words Maltego shows for it: `maltego.Person` as
    /// `Person` (one of Chainsight's kinds), `maltego.EmailAddress` as `Email Address` and
    /// `maltego.IPv4Address` as `IPv4 Address` (kept as the file's own type, which the panel
    /// and the legend say), a type of one's own (`acme.ShellCompany`) as its last part in
    /// words (`Shell Company`).
    pub fn kind(&self) -> Option<String> {
        type_name_in_words(self.type_name.as_deref()?)
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
        // A URL's "title" is its page's title; Maltego labels it by its short title.
        let main: &[&str] = if self.type_name.as_deref() == Some(URL_TYPE) {
            &URL_MAIN_PROPERTIES
        } else {
            &MAIN_PROPERTIES
        };
        main.iter()
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
    /// gave (`maltego.link.label`), unless that is only the transform's own name (see
    /// [`Self::transform_name_as_label`]).
    pub fn link_label(&self) -> Option<&str> {
        self.value_of(MANUAL_LABEL).or_else(|| {
            self.value_of(LABEL)
                .filter(|_| self.transform_name_as_label().is_none())
        })
    }

    /// The transform that made the link (`maltego.link.transform.name`,
    /// `paterva.v2.CompanyToDomain`).
    fn transform_id(&self) -> Option<&str> {
        self.value_of(TRANSFORM_ID)
    }

    /// The name Maltego shows for that transform (`maltego.link.transform.display-name`,
    /// `To Domain [Company]`), else the link's label where that is it.
    fn transform_name(&self) -> Option<&str> {
        self.value_of(TRANSFORM_NAME)
            .or_else(|| self.transform_name_as_label())
    }

    /// Whether a transform made the link: its type says so, or it names its transform.
    fn is_transform_link(&self) -> bool {
        self.type_name.as_deref().map(str::trim) == Some("maltego.link.transform-link")
            || self.transform_id().is_some()
    }

    /// The link's label where it is only the name of the transform that made the link, which
    /// Maltego gives a link no one labelled: the transform's display name itself, or, where
    /// the link does not give that, a label in the form Maltego names its transforms ("To
    /// Domain [Company]") naming what the transform's id finds (`…CompanyToDomain`). A
    /// label typed in, or one a transform chose to give ("registered by"), is no such label.
    fn transform_name_as_label(&self) -> Option<&str> {
        if !self.is_transform_link() || self.value_of(MANUAL_LABEL).is_some() {
            return None;
        }
        let label = self.value_of(LABEL)?;
        if let Some(name) = self.value_of(TRANSFORM_NAME) {
            return name.eq_ignore_ascii_case(label).then_some(label);
        }
        let found = transform_name_finds(label)?;
        let id_finds = self.transform_id().and_then(transform_id_finds)?;
        (same_type(&found, &id_finds) || same_type(&id_finds, &found)).then_some(label)
    }

    /// What type of entity the link's transform finds, as the transform's id (`…ToDomain`,
    /// `…ToEmailAddress_Whois`) or its name (`To Domain [Company]`) says it: squashed, lower
    /// case (`domain`, `emailaddress`).
    fn transform_finds(&self) -> Option<String> {
        self.transform_id()
            .and_then(transform_id_finds)
            .or_else(|| self.transform_name().and_then(transform_name_finds))
    }

    /// A link's description, typed in.
    pub fn link_description(&self) -> Option<&str> {
        self.value_of(MANUAL_DESCRIPTION)
    }

    /// Whether Maltego draws the link against the way the file lists its ends.
    pub fn link_reversed(&self) -> bool {
        self.value_of("maltego.link.is_reversed")
            .is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
    }

    /// A link's other properties with a value, as [`Self::entity_fields`], but for how Maltego
    /// draws it.
    pub fn link_fields(&self) -> Vec<(&str, &str)> {
        // The transform's id and display name are filed as "Transform" and "Transform
        // name" (see `file_link`).
        let read = [
            MANUAL_LABEL,
            LABEL,
            MANUAL_DESCRIPTION,
            TRANSFORM_ID,
            TRANSFORM_NAME,
        ];
        self.properties
            .iter()
            .filter(|p| {
                !read.contains(&p.name.as_str())
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
/// drawn. A link made by a transform keeps the transform's name as the attribute "Transform
/// name" (its id is the attribute "Transform", as Maltego titles it); where its label was
/// only that name, it is returned, to be read by what the transform found once every entity
/// is known (see [`name_transform_links`]).
pub(crate) fn file_link(data: &MaltegoData, record: &mut EdgeRecord) -> Option<TransformLink> {
    if record.edge.label.is_none() {
        record.edge.label = data.link_label().map(str::to_owned);
    }
    if let Some(id) = data.transform_id() {
        record.set(TRANSFORM_ATTRIBUTE, id);
    }
    if data.is_transform_link()
        && let Some(name) = data.transform_name()
    {
        record.set(TRANSFORM_NAME_ATTRIBUTE, name);
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
    let named = data.transform_id().is_some() || data.transform_name().is_some();
    (record.edge.label.is_none() && data.is_transform_link() && named).then(|| TransformLink {
        finds: data.transform_finds(),
    })
}

/// A link a transform made that no one labelled (its label, if any, was only the
/// transform's name): what the transform finds, as [`MaltegoData::transform_finds`] says.
#[derive(Clone, Debug)]
pub(crate) struct TransformLink {
    finds: Option<String>,
}

/// The types of entity a link to which says what its source has: an online identifier found
/// for it (a company's domain, a person's email address, a domain's IP address). Squashed,
/// lower case, as [`squashed`] compares them.
const HELD_IDENTIFIERS: [&str; 13] = [
    "domain",
    "website",
    "url",
    "emailaddress",
    "phonenumber",
    "ipv4address",
    "ipv6address",
    "dnsname",
    "mxrecord",
    "nsrecord",
    "netblock",
    "as",
    "alias",
];

/// Reads the links transforms made that no one labelled (`links`: each edge's index among
/// the collected ones), now that every entity is known. A link to an online identifier
/// of the type its transform finds, from an entity of another type (a company's domain,
/// found by `…CompanyToDomain`), reads "has domain"; any other has no label, so that it
/// reads "related to" where it is pointed at, as any unlabelled link, rather than naming the
/// transform as though that were the relation. The transform's name and id stay its
/// attributes. One note counts them.
pub(crate) fn name_transform_links(
    builder: &mut GraphBuilder,
    collected: &mut Collected,
    links: &[(usize, TransformLink)],
) {
    if links.is_empty() {
        return;
    }
    // Each id's kind, as the builder will read it: the first node of an id is kept.
    let mut kinds: HashMap<&str, (usize, Option<&str>)> = HashMap::new();
    for pending in &collected.nodes {
        let node = &pending.record.node;
        let entry = kinds
            .entry(node.id.as_str())
            .or_insert((pending.seq, node.kind.as_deref()));
        if pending.seq < entry.0 {
            *entry = (pending.seq, node.kind.as_deref());
        }
    }
    let kind_of = |id: &str| kinds.get(id).and_then(|(_, kind)| *kind);
    let mut phrases: Vec<(usize, String)> = Vec::new();
    let mut unnamed = 0;
    for (index, link) in links {
        let Some(pending) = collected.edges.get(*index) else {
            continue;
        };
        let edge = &pending.record.edge;
        // Labelled since (by its `<desc>`).
        if edge.label.is_some() {
            continue;
        }
        let target = kind_of(&edge.target);
        let source = kind_of(&edge.source);
        let phrase = target.filter(|target| {
            let key = squashed(target);
            HELD_IDENTIFIERS.contains(&key.as_str())
                && link
                    .finds
                    .as_deref()
                    .is_some_and(|finds| same_type(finds, &key))
                && source.is_none_or(|source| squashed(source) != key)
        });
        match phrase {
            Some(target) => phrases.push((*index, format!("has {}", in_sentence(target)))),
            None => unnamed += 1,
        }
    }
    let named = phrases.len();
    if named + unnamed == 0 {
        return;
    }
    let mut said: Vec<String> = Vec::new();
    for (index, phrase) in phrases {
        if !said.contains(&phrase) {
            said.push(phrase.clone());
        }
        if let Some(pending) = collected.edges.get_mut(index) {
            pending.record.edge.label = Some(phrase);
        }
    }
    let listed: Vec<String> = said
        .iter()
        .map(|p| format!("\u{201c}{p}\u{201d}"))
        .collect();
    let named_how = format!("read as what the transform found ({})", listed.join(", "));
    let unnamed_how = "left with no label, as a link no one labelled is";
    let how = match (named, unnamed) {
        (_, 0) => named_how,
        (0, _) => unnamed_how.to_owned(),
        _ => format!("{named} {named_how}, {unnamed} {unnamed_how}"),
    };
    let total = named + unnamed;
    builder.note(format!(
        "{} labelled only by the name of the Maltego transform that made {}: {how}; the \
         transform is kept as the attributes \u{201c}{TRANSFORM_ATTRIBUTE}\u{201d} and \
         \u{201c}{TRANSFORM_NAME_ATTRIBUTE}\u{201d}",
        counted(total, "link", "links"),
        if total == 1 { "it" } else { "them" },
    ));
}

/// A type's name in a sentence: each plain word in lower case (`Domain` → `domain`, `Email
/// Address` → `email address`), an abbreviation as written (`URL`, `IPv4 address`, `DNS
/// name`).
fn in_sentence(name: &str) -> String {
    let words: Vec<String> = name
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            let plain = chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(char::is_lowercase);
            if plain {
                word.to_lowercase()
            } else {
                word.to_owned()
            }
        })
        .collect();
    words.join(" ")
}

/// A type's name squashed for comparing: letters and digits, lower case.
fn squashed(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a type a transform names (`ipaddress`, `emailaddresses`) is the type `key`
/// (`ipv4address`, `emailaddress`), squashed both: the same, but for a plural or the IP
/// version.
fn same_type(named: &str, key: &str) -> bool {
    let unversioned = |text: &str| text.replace("v4", "").replace("v6", "");
    let (named, key) = (unversioned(named), unversioned(key));
    named
        .strip_prefix(key.as_str())
        .is_some_and(|plural| matches!(plural, "" | "s" | "es"))
}

/// What a transform's id says it finds: the part after its last `To` (`…CompanyToDomain` →
/// `domain`, `…DomainToEmailAddress_Whois` → `emailaddress`), squashed.
fn transform_id_finds(id: &str) -> Option<String> {
    let last = id.rsplit('.').next().unwrap_or(id);
    let at = last
        .match_indices("To")
        .filter(|(at, _)| {
            last[at + 2..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_uppercase())
        })
        .map(|(at, _)| at)
        .last()?;
    let found = last[at + 2..].split(['_', '-']).next().unwrap_or_default();
    let found = squashed(found);
    (!found.is_empty()).then_some(found)
}

/// What a transform's name says it finds, in the form Maltego names its transforms: `To
/// Domain [Company]` → `domain`, `To IP Address (DNS)` → `ipaddress`, squashed.
fn transform_name_finds(name: &str) -> Option<String> {
    let rest = name
        .trim()
        .get(..3)
        .filter(|to| to.eq_ignore_ascii_case("to "))
        .map(|_| &name.trim()[3..])?;
    let found = rest.split(['[', '(', '-', ':']).next().unwrap_or_default();
    let found = squashed(found);
    (!found.is_empty()).then_some(found)
}

/// A Maltego type as the words Maltego shows for it: its last part with a space before each
/// word (`maltego.EmailAddress` → `Email Address`, `maltego.IPv4Address` → `IPv4 Address`,
/// `maltego.DNSName` → `DNS Name`); one word or an abbreviation as written (`Domain`,
/// `URL`).
fn type_name_in_words(type_name: &str) -> Option<String> {
    let type_name = type_name.trim();
    let last = type_name.rsplit('.').next().unwrap_or(type_name).trim();
    if last.is_empty() {
        return None;
    }
    let chars: Vec<char> = last.chars().collect();
    let mut words = String::with_capacity(last.len() + 4);
    for (at, &c) in chars.iter().enumerate() {
        let before = |back: usize| at.checked_sub(back).map(|b| chars[b]);
        // A capital opening a word of small letters: after a small letter or a digit
        // (`EmailAddress`, `IPv4Address`), or ending an abbreviation of two capitals or
        // more (`DNSName`, not the `P` of `IPv4`).
        let opens = c.is_uppercase()
            && chars.get(at + 1).is_some_and(|after| after.is_lowercase())
            && (before(1).is_some_and(|b| b.is_lowercase() || b.is_ascii_digit())
                || (before(1).is_some_and(char::is_uppercase)
                    && before(2).is_some_and(char::is_uppercase)));
        if opens {
            words.push(' ');
        }
        words.push(c);
    }
    Some(words)
}
