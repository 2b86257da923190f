//! The `FollowTheMoney` family: the text as a stream of entity lines (`ftm::read_lines`, which
//! also takes an Aleph diagram read whole), and, where it is one JSON value, as an Aleph or
//! react-ftm diagram (`ftm::read_diagram`); what loads must round-trip (`common`). Seeded with
//! the `FtM` fixtures.

#![no_main]

mod common;

use chainsight::formats::ftm;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else {
        return;
    };
    if let Ok(loaded) = ftm::read_lines("fuzz.ftm", text) {
        common::assert_round_trips(&loaded);
    }
    if let Ok(value) = serde_json::from_str(text)
        && let Ok(loaded) = ftm::read_diagram("fuzz.json", value)
    {
        common::assert_round_trips(&loaded);
    }
});
