//! GML (networkx, igraph, Gephi, yEd): the GML reader's entry point on any text, whether or
//! not it looks like GML; what loads must round-trip (`common`). Seeded with the GML fixtures.

#![no_main]

mod common;

use chainsight::formats::gml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    if let Ok(loaded) = gml::read("fuzz.gml", text) {
        common::assert_round_trips(&loaded);
    }
});
