//! The JSON family: every input that starts like JSON (`{` or `[`, after whitespace and a
//! byte order mark) goes through the importer's JSON branch, which tells Chainsight, JGF,
//! node-link (d3, networkx, vis), Cytoscape, graphology, Kumu, Oligrapher, Gephi Lite and
//! Aleph diagrams apart and reads them; what loads must round-trip (`common`). Seeded with
//! the JSON fixtures; `fuzz/json.dict` gives libFuzzer the keys these shapes use.

#![no_main]

mod common;

use chainsight::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if !(body.starts_with('{') || body.starts_with('[')) {
        return;
    }
    if let Ok(loaded) = formats::load_bytes("fuzz.json", data) {
        common::assert_round_trips(&loaded);
    }
});
