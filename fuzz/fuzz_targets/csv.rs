//! The CSV family: an edge list, and where the input holds a byte 0xFF (never in UTF-8 text),
//! what follows it as the node table beside it (`…-nodes.csv`), both through the CSV reader's
//! entry point; what loads must round-trip (`common`). Seeded with the CSV fixtures, the
//! edge lists with their node tables joined by 0xFF (`fuzz/seed.sh`).

#![no_main]

mod common;

use chainsight::formats::csv_edges::{self, NodeFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (edges, nodes) = match data.iter().position(|&byte| byte == 0xFF) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Some(edges) = common::text(edges) else {
        return;
    };
    let nodes = match nodes.map(common::text) {
        Some(Some(text)) => Some(NodeFile {
            file: "fuzz-nodes.csv".to_owned(),
            text: text.to_owned(),
        }),
        Some(None) => return,
        None => None,
    };
    if let Ok(loaded) = csv_edges::read("fuzz-edges.csv", edges, nodes) {
        common::assert_round_trips(&loaded);
    }
});
