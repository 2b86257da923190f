//! Feeds arbitrary bytes to the importer, as if the user had opened them as a file. Whatever
//! loads must also survive being saved in every export format and opened again (`common`).
//! Panics, hangs and runaway memory are the bugs this looks for. See docs/FUZZING.md.

#![no_main]

mod common;

use chainsight::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The name is only used in messages: the format is told from the content.
    if let Ok(loaded) = formats::load_bytes("fuzz.json", data) {
        common::assert_round_trips(&loaded);
    }
});
