//! Maltego graphs (`.mtgx`): a ZIP archive holding the graph as GraphML
//! (`Graphs/Graph1.graphml`), with the entity types, icons and Maltego's settings beside it.
//! The graph is read by the GraphML reader, which knows Maltego's entities and links; a file
//! of several graphs gives its first, naming the others in a note.

use std::io::Cursor;

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
