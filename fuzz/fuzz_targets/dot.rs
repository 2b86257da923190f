//! Graphviz DOT: any text as a `.gv` file, which the importer gives to the DOT reader whatever
//! it starts with (but `<`, `{` and `[`, which are XML and JSON before any name is looked at,
//! and are left to the other targets); what loads must round-trip (`common`). Seeded with the
//! `.dot` and `.gv` fixtures, valid and invalid; `fuzz/dot.dict` gives libFuzzer DOT's
//! keywords, operators and the attributes the reader maps.

#![no_main]

mod common;

use chainsight::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with(['<', '{', '[']) {
        return;
    }
    if let Ok(loaded) = formats::load_bytes("fuzz.gv", data) {
        common::assert_round_trips(&loaded);
    }
});
