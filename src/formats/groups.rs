//! Groups drawn as links. yEd's group nodes (in GraphML a node holding a nested `<graph>`, in
//! GML `isGroup` and the members' `gid`), Cytoscape.js compound nodes (`data.parent`), XGMML
//! graphs nested in nodes and GEXF node hierarchies (`pid`, `<parents>`, nested `<nodes>`)
//! put nodes inside other nodes. Chainsight draws no
//! boxes, so a membership kept only as an attribute left the group node floating alone with
//! nothing to say who is in it. Each membership becomes a relation from the member to its
//! group instead, of the file's own type "part of" (as any edge type outside the vocabulary
//! is: kind other, that label), directed, with no evidence, and one note counts them. A group
//! that names no node of the file (or the member itself) stays the member's attribute
//! `parent`, with a warning.
//!
//! A reader records each node's groups beside it, then, with every node read, hands them
//! over in three steps: [`Groups::of_nodes`] before adding nodes, [`Groups::place`] for each
//! node as it is added, [`Groups::draw`] after the file's own edges.

use std::collections::{BTreeSet, HashSet};

use super::import::{GraphBuilder, ImportedEdge, ImportedNode};
use crate::words::counted;

/// The relation type a membership is drawn with, from the member to its group.
pub(super) const PART_OF: &str = "part of";

/// The attribute a group that names no node is kept in.
const PARENT: &str = "parent";

/// The memberships of a file's nodes, checked against its nodes and drawn as links.
#[derive(Default)]
pub(super) struct Groups {
    /// Whether any node is in a group; when none is, nothing is collected or checked.
    active: bool,
    /// Every node id the file defines.
    node_ids: HashSet<String>,
    /// Node ids placed so far: a later node of the same id is a duplicate the builder sets
    /// aside, and its groups with it.
    placed: HashSet<String>,
    /// Member, group and the member's path, in file order, drawn after the file's edges.
    links: Vec<(String, String, String)>,
}

impl Groups {
    /// Ready for the nodes a reader is about to add, given by `id_and_groups` (each node's id
    /// and the ids of the groups the file puts it in). Collects the ids only where some node
    /// is in a group.
    pub fn of_nodes<'a, T: 'a>(
        nodes: &'a [T],
        id_and_groups: impl Fn(&'a T) -> (&'a str, &'a [String]),
    ) -> Self {
        let active = nodes.iter().any(|node| !id_and_groups(node).1.is_empty());
        if !active {
            return Self::default();
        }
        Self {
            active,
            node_ids: nodes
                .iter()
                .map(|node| id_and_groups(node).0.to_owned())
                .collect(),
            placed: HashSet::new(),
            links: Vec::new(),
        }
    }

    /// Files the groups of `node` (at `path`), which is about to be added to the builder:
    /// each that names another node of the file is drawn by [`Self::draw`]; any other is kept
    /// as the attribute `parent` (several joined with `|`), with a warning. Every node is
    /// handed here in the order it is added, so that a repeated id is known for one.
    pub fn place(
        &mut self,
        builder: &mut GraphBuilder,
        path: &str,
        node: &mut ImportedNode,
        groups: Vec<String>,
    ) {
        if !self.active || !self.placed.insert(node.id.clone()) {
            return;
        }
        let mut seen = HashSet::new();
        let mut unknown = Vec::new();
        for group in groups {
            // A blank group is none (networkx writes `pid` only where one is given).
            if group.trim().is_empty() || !seen.insert(group.clone()) {
                continue;
            }
            if group != node.id && self.node_ids.contains(&group) {
                self.links.push((node.id.clone(), group, path.to_owned()));
                continue;
            }
            let why = if group == node.id {
                "is the node itself"
            } else {
                "names no node"
            };
            builder.warn(
                path,
                format!(
                    "the group \"{}\" holding this node {why}; kept as the attribute \"{PARENT}\"",
                    super::excerpt(&group, 80)
                ),
            );
            unknown.push(group);
        }
        if !unknown.is_empty() {
            let key = free_key(node, PARENT);
            node.attributes.insert(key, unknown.join("|"));
        }
    }

    /// Adds a "part of" relation from each member to its group, after every edge of the
    /// file (so their ids are known and none is taken), and the note counting them.
    pub fn draw(self, builder: &mut GraphBuilder) {
        if self.links.is_empty() {
            return;
        }
        let groups: BTreeSet<&str> = self
            .links
            .iter()
            .map(|(_, group, _)| group.as_str())
            .collect();
        let group_count = groups.len();
        let link_count = self.links.len();
        for (member, group, path) in &self.links {
            let mut edge = ImportedEdge::new(member.as_str(), group.as_str());
            edge.id = Some(link_id(builder, member, group));
            edge.kind = Some(PART_OF.to_owned());
            builder.add_edge_between(path.as_str(), member, group, edge);
        }
        builder.note(format!(
            "{}: {} drawn as {}",
            counted(group_count, "group", "groups"),
            counted(link_count, "membership", "memberships"),
            if link_count == 1 {
                "a “part of” link"
            } else {
                "“part of” links"
            }
        ));
    }
}

/// `member part of group`, or where the file gave an edge that id, the first free
/// `…#2`, `…#3` (as a repeated edge id is made unique).
fn link_id(builder: &GraphBuilder, member: &str, group: &str) -> String {
    let base = format!("{member} {PART_OF} {group}");
    if !builder.has_relation(&base) {
        return base;
    }
    // The file holds finitely many ids: one of these is free.
    (2..=usize::MAX)
        .map(|n| format!("{base}#{n}"))
        .find(|candidate| !builder.has_relation(candidate))
        .unwrap_or(base)
}

/// `key`, or where the node has an attribute of that name, the first free `key 2`,
/// `key 3`...: the file's own `parent` is kept beside it.
fn free_key(node: &ImportedNode, key: &str) -> String {
    if !node.attributes.contains_key(key) {
        return key.to_owned();
    }
    // Among `len + 1` candidates at least one is free.
    (2..=node.attributes.len() + 2)
        .map(|n| format!("{key} {n}"))
        .find(|candidate| !node.attributes.contains_key(candidate))
        .unwrap_or_else(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;

    fn node(id: &str) -> ImportedNode {
        ImportedNode {
            id: id.to_owned(),
            ..ImportedNode::default()
        }
    }

    /// Reads `nodes` (id and groups) and `edges` (id, source, target) as a reader would.
    fn read(nodes: &[(&str, &[&str])], edges: &[(&str, &str, &str)]) -> crate::formats::Loaded {
        let mut builder = GraphBuilder::new("t", "test");
        let nodes: Vec<(String, Vec<String>)> = nodes
            .iter()
            .map(|(id, groups)| {
                (
                    (*id).to_owned(),
                    groups.iter().map(|g| (*g).to_owned()).collect(),
                )
            })
            .collect();
        let mut groups = Groups::of_nodes(&nodes, |(id, groups)| (id.as_str(), groups.as_slice()));
        for (index, (id, member_of)) in nodes.iter().enumerate() {
            let mut imported = node(id);
            let path = format!("nodes[{index}]");
            groups.place(&mut builder, &path, &mut imported, member_of.clone());
            builder.add_node(&path, imported);
        }
        for (id, source, target) in edges {
            let mut edge = ImportedEdge::new(*source, *target);
            edge.id = Some((*id).to_owned());
            builder.add_edge("edges", edge);
        }
        groups.draw(&mut builder);
        builder.finish()
    }

    #[test]
    fn members_are_linked_to_their_group_as_part_of_it() {
        let loaded = read(
            &[("g", &[]), ("a", &["g"]), ("b", &["g"]), ("h", &["g"])],
            &[("e1", "a", "b")],
        );
        let relations = &loaded.dataset.relations;
        assert_eq!(relations.len(), 4);
        let link = &relations[1];
        assert_eq!(link.relation_id, "a part of g");
        assert_eq!(link.kind, RelationKind::Other);
        assert_eq!(link.label.as_deref(), Some("part of"));
        assert!(link.directed);
        assert!(link.evidence.is_empty());
        let d = &loaded.dataset;
        assert_eq!(
            (
                d.entities[link.source.0].entity_id.as_str(),
                d.entities[link.target.0].entity_id.as_str()
            ),
            ("a", "g")
        );
        assert!(
            d.entities
                .iter()
                .all(|e| !e.attributes.contains_key("parent"))
        );
        assert_eq!(
            loaded.report.notes,
            ["1 group: 3 memberships drawn as “part of” links"]
        );
        assert!(loaded.report.warnings.is_empty());
    }

    #[test]
    fn a_link_id_the_file_took_is_not_taken_again() {
        let loaded = read(&[("g", &[]), ("a", &["g"])], &[("a part of g", "g", "a")]);
        let ids: Vec<&str> = loaded
            .dataset
            .relations
            .iter()
            .map(|r| r.relation_id.as_str())
            .collect();
        assert_eq!(ids, ["a part of g", "a part of g#2"]);
        assert!(
            loaded.report.warnings.is_empty(),
            "{:?}",
            loaded.report.warnings
        );
        assert_eq!(
            loaded.report.notes,
            ["1 group: 1 membership drawn as a “part of” link"]
        );
    }

    #[test]
    fn a_group_naming_no_node_stays_an_attribute_with_a_warning() {
        let loaded = read(&[("a", &["ghost", "a", "ghost"]), ("b", &[])], &[]);
        let a = &loaded.dataset.entities[0];
        assert_eq!(a.attributes["parent"], "ghost|a");
        assert!(loaded.dataset.relations.is_empty());
        assert_eq!(loaded.report.warnings.len(), 2);
        assert!(loaded.report.warnings[0].message.contains("\"ghost\""));
        assert!(loaded.report.notes.is_empty());
    }

    #[test]
    fn a_repeated_node_s_groups_are_set_aside_with_it() {
        let loaded = read(&[("g", &[]), ("a", &[]), ("a", &["g"])], &[]);
        assert!(loaded.dataset.relations.is_empty());
    }
}
