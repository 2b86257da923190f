//! The XML family: the same text read by the GEXF reader and by the `GraphML` reader (their
//! entry points, whatever the root element says), so that each meets the other's elements too;
//! what loads must round-trip (`common`). Seeded with the GEXF and `GraphML` fixtures.

#![no_main]

mod common;

use chainsight::formats::{gexf, graphml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    if let Ok(loaded) = gexf::read("fuzz.gexf", text) {
        common::assert_round_trips(&loaded);
    }
    if let Ok(loaded) = graphml::read("fuzz.graphml", text) {
        common::assert_round_trips(&loaded);
    }
});
