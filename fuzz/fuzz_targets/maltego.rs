//! Maltego graphs: the input packed as the `Graphs/Graph1.graphml` of a `.mtgx` archive and
//! opened through the importer, as the app opens one (the archive, then the `GraphML` reader
//! with Maltego's entities, links, properties, notes and positions); what loads must
//! round-trip (`common`). Seeded with the `GraphML` of the `.mtgx` fixtures and the `GraphML`
//! fixtures (`fuzz/seed.sh`); `fuzz/xml.dict` holds Maltego's elements too.

#![no_main]

mod common;

use chainsight::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let archive = common::zip_archive(&[
        (
            "Version.properties",
            b"maltego.client.version=4.6.0\n".as_slice(),
        ),
        ("Graphs/Graph1.graphml", data),
    ]);
    if let Ok(loaded) = formats::load_bytes("fuzz.mtgx", &archive) {
        common::assert_round_trips(&loaded);
    }
});
