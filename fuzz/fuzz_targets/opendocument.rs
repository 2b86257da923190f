//! `OpenDocument` spreadsheets: the input as a flat `.fods` file, and packed as the
//! `content.xml` of an `.ods` archive (with the `mimetype` that says it is a spreadsheet), both
//! through the importer as the app opens them; what loads must round-trip (`common`). Seeded
//! with the `.fods` fixtures and the content.xml of each `.ods` fixture (`fuzz/seed.sh`);
//! `fuzz/opendocument.dict` gives libFuzzer the elements and attributes of a sheet.

#![no_main]

mod common;

use chainsight::formats;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = formats::load_bytes("fuzz.fods", data) {
        common::assert_round_trips(&loaded);
    }
    let archive = common::zip_archive(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ),
        ("content.xml", data),
    ]);
    if let Ok(loaded) = formats::load_bytes("fuzz.ods", &archive) {
        common::assert_round_trips(&loaded);
    }
});
