//! An item's kind and attributes as the JSON exports (networkx, JGF) write them beside the
//! keys they fill themselves. A type from another tool that is none of Chainsight's kinds was
//! kept as the attribute `kind`: it is written back as the kind, so the file's own type
//! survives a round trip. An attribute named like a key the writer fills or a reader takes
//! for a field (`kind`, `label`, `type`, `source`...) is written as `attribute:NAME`, which
//! every JSON reader reads back as the attribute `NAME`, as the XML formats do.

use serde_json::{Map, Value, json};

use super::import::{parse_entity_kind, parse_relation_kind};
use super::vocabulary::{EdgeField, edge_field, is_type_name, node_field, type_direction};
use super::xml::ESCAPE_PREFIX;
use crate::model::{Entity, EntityKind, Relation, RelationKind};

/// The type another tool gave `entity` when it is none of Chainsight's kinds: its kind is
/// Other and its attribute `kind` holds the type. A blank one is not (a blank value reads as
/// no value), nor one that names a kind (it would be read back as that kind).
pub(crate) fn unmapped_kind(entity: &Entity) -> Option<&str> {
    entity
        .attributes
        .get("kind")
        .map(String::as_str)
        .filter(|kind| {
            entity.kind == EntityKind::Other
                && parse_entity_kind(kind).is_none()
                && !kind.trim().is_empty()
        })
}

/// The kind to write for `entity`: the file's own type where it had one outside Chainsight's
/// kinds, else Chainsight's kind.
pub(crate) fn written_kind(entity: &Entity) -> &str {
    unmapped_kind(entity).unwrap_or(entity.kind.as_str())
}

/// The type another tool gave `relation` when it is none of Chainsight's kinds and the
/// relation has a label (else the type is the label): the attribute, named like an edge kind
/// (`kind`, `type`, `relationship`...), it was kept as, as (name, value); the best-ranked
/// where there are several. Not a blank one, nor one that names a kind or (under `type`) a
/// direction, which would be read back as that.
pub(crate) fn unmapped_relation_type(relation: &Relation) -> Option<(&str, &str)> {
    if relation.kind != RelationKind::Other || relation.label.is_none() {
        return None;
    }
    relation
        .attributes
        .iter()
        .filter_map(|(name, value)| match edge_field(name) {
            Some((EdgeField::Kind, rank))
                if parse_relation_kind(value).is_none()
                    && !value.trim().is_empty()
                    && !(is_type_name(name) && type_direction(value).is_some()) =>
            {
                Some((rank, name.as_str(), value.as_str()))
            }
            _ => None,
        })
        .min_by_key(|(rank, _, _)| *rank)
        .map(|(_, name, value)| (name, value))
}

/// The attributes of `entity` still to write once its kind is: all of them, less the
/// attribute `kind` where [`written_kind`] wrote it.
pub(crate) fn entity_attributes(entity: &Entity) -> impl Iterator<Item = (&String, &String)> {
    let kind_written = unmapped_kind(entity).is_some();
    entity
        .attributes
        .iter()
        .filter(move |(key, _)| !(kind_written && key.as_str() == "kind"))
}

/// Names the JSON readers take for something of their own besides the vocabulary's fields:
/// objects whose fields they lift (`metadata`, `attributes`, `data`) and a d3 simulation's
/// state, which they skip.
const JSON_NAMES: [&str; 8] = [
    "metadata",
    "attributes",
    "data",
    "index",
    "vx",
    "vy",
    "fx",
    "fy",
];

/// Whether a JSON reader would take a node's attribute of this name for something else.
pub(crate) fn is_node_name(name: &str) -> bool {
    node_field(name).is_some() || JSON_NAMES.contains(&name)
}

/// Whether a JSON reader would take an edge's attribute of this name for something else.
/// Not `key`: networkx's multigraph key is kept as that attribute and written back as it.
pub(crate) fn is_edge_name(name: &str) -> bool {
    edge_field(name).is_some() || JSON_NAMES.contains(&name)
}

/// Adds `attributes` to `object`, which already holds the keys the writer fills. An attribute
/// named like one of those, one a reader takes for something else (`is_taken`:
/// [`is_node_name`] or [`is_edge_name`]), or one already escaped is written as
/// `attribute:NAME`, so none overwrites another or reads back as a field.
pub(crate) fn insert_attributes<'a>(
    object: &mut Map<String, Value>,
    attributes: impl Iterator<Item = (&'a String, &'a String)>,
    is_taken: fn(&str) -> bool,
) {
    for (key, value) in attributes {
        let taken = object.contains_key(key) || is_taken(key) || key.starts_with(ESCAPE_PREFIX);
        let name = if taken {
            format!("{ESCAPE_PREFIX}{key}")
        } else {
            key.clone()
        };
        object.entry(name).or_insert_with(|| json!(value));
    }
}

/// The attribute an escaped key names (`attribute:kind` → `kind`), for the JSON readers.
pub(crate) fn escaped_attribute(key: &str) -> Option<&str> {
    key.strip_prefix(ESCAPE_PREFIX)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// `filled` with `attributes` added as a node's.
    fn object(
        attributes: &BTreeMap<String, String>,
        filled: &[(&str, &str)],
    ) -> Map<String, Value> {
        let mut object: Map<String, Value> = filled
            .iter()
            .map(|(k, v)| ((*k).to_owned(), json!(v)))
            .collect();
        insert_attributes(&mut object, attributes.iter(), is_node_name);
        object
    }

    #[test]
    fn an_attribute_named_like_a_written_key_is_escaped() {
        let attributes: BTreeMap<String, String> = [
            ("kind", "Vendor"),
            ("label", "old name"),
            ("Group", "B"),
            ("vx", "0.5"),
            ("attribute:x", "1"),
            ("founded", "1911"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let object = object(&attributes, &[("kind", "company")]);
        assert_eq!(object["kind"], "company");
        assert_eq!(object["attribute:kind"], "Vendor");
        assert_eq!(object["attribute:label"], "old name", "a field not written");
        assert_eq!(
            object["attribute:Group"], "B",
            "a kind's name, any spelling"
        );
        assert_eq!(object["attribute:vx"], "0.5", "what d3 readers skip");
        assert_eq!(object["attribute:attribute:x"], "1");
        assert_eq!(object["founded"], "1911");
        assert_eq!(object.len(), 7);
        assert_eq!(
            escaped_attribute("attribute:attribute:x"),
            Some("attribute:x")
        );
        assert_eq!(escaped_attribute("kind"), None);
    }

    #[test]
    fn a_type_outside_the_kinds_is_written_as_the_kind() {
        let mut entity = Entity {
            entity_id: "p1".into(),
            name: "P1".into(),
            kind: EntityKind::Other,
            aliases: Vec::new(),
            country: None,
            description: None,
            url: None,
            attributes: BTreeMap::new(),
        };
        entity
            .attributes
            .insert("kind".into(), "Interviewee".into());
        assert_eq!(written_kind(&entity), "Interviewee");
        assert_eq!(entity_attributes(&entity).count(), 0);

        // A kind that names one of Chainsight's would be read back as that kind.
        entity.attributes.insert("kind".into(), "company".into());
        assert_eq!(written_kind(&entity), "other");
        assert_eq!(entity_attributes(&entity).count(), 1);

        entity.kind = EntityKind::Company;
        entity.attributes.insert("kind".into(), "Vendor".into());
        assert_eq!(written_kind(&entity), "company");
        assert_eq!(entity_attributes(&entity).count(), 1);
    }
}
