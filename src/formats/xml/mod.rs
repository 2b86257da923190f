//! Reading and writing shared by the GEXF, GraphML and XGMML modules, one job per file:
//! [`events`], a checked stream of XML events with paths and positions; [`records`], node and
//! edge records filed by column title (through the field vocabulary), the drafts the readers
//! fill and the hand-over to the builder; [`extension`], the Chainsight extension (evidence
//! and sources as JSON); [`writer`], an escaping XML writer and the columns both formats write;
//! [`colour`], hex colours as GraphML's and XGMML's drawings write them; [`drawing`], what of
//! a yEd or yFiles drawing in GraphML is not kept, for the report.

mod colour;
mod drawing;
mod events;
mod extension;
mod records;
mod writer;

pub(crate) use colour::{AlphaAt, FILL_ATTRIBUTE, Fill, hex_colour};
pub(crate) use drawing::{Detail, Details, DrawingReader, DrawingTally, Used};
pub(crate) use events::{
    Element, XmlEvent, XmlEvents, XmlGraphReader, read_xml_graph, unused_elements_note,
};
pub(crate) use extension::dataset_json;
pub(crate) use records::{Collected, Draft, EdgeRecord, NodeRecord, Record, build};
pub(crate) use writer::{
    XmlWriter, cells, column_index, columns, entity_values, escape_into, relation_values,
    unique_xml_ids,
};

/// The namespace of the Chainsight extension elements and attributes.
pub(crate) const CHAINSIGHT_NAMESPACE: &str = "urn:chainsight:1";

/// Marks an attribute whose name a reader would otherwise take for a field
/// (`type`, `url`...): `attribute:type` is read back as the attribute `type`.
pub(crate) const ESCAPE_PREFIX: &str = "attribute:";
