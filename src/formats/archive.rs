//! Files that are archives, told apart by what they hold: a ZIP that is a Maltego graph
//! (`.mtgx`, [`maltego`](super::maltego)), an Excel or OpenDocument workbook, or an old
//! Office file ([`spreadsheet`](super::spreadsheet)). Every read from an archive is bounded:
//! a small archive can unpack to gigabytes.

use std::io::{Cursor, Read};

use super::{LoadError, Loaded, maltego, spreadsheet};

const ZIP: &[u8] = b"PK\x03\x04";
pub(super) const OLD_OFFICE: &[u8] = b"\xD0\xCF\x11\xE0";
/// The most an archive may unpack to: a workbook's shared strings are held in memory whole
/// (an empty one, 13 bytes of XML, takes 24 bytes), its sheets and a Maltego graph read from
/// the unpacked XML. A workbook of a million rows of links unpacks to about a hundred
/// megabytes.
pub(super) const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// Whether `bytes` may be an archive: a ZIP (`.xlsx`, `.ods`, `.mtgx`) or an old Office file
/// (`.xls`). Which one it is, and whether it is one Chainsight reads, [`read`] finds out.
pub fn may_be_archive(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || bytes.starts_with(OLD_OFFICE)
}

/// Reads an archive: a Maltego graph or a workbook.
pub fn read(file: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    if bytes.starts_with(ZIP) {
        check_unpacked_size(file, bytes)?;
    }
    if maltego::is_maltego_graph(bytes) {
        return maltego::read(file, bytes);
    }
    spreadsheet::read(file, bytes)
}

/// Refuses a ZIP archive that would unpack to more than [`MAX_UNPACKED_BYTES`] (a small file
/// can unpack to gigabytes), by the sizes its directory gives.
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<(), LoadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    // The central directory's sizes; where an entry defers them to a data descriptor, each
    // entry's own.
    let total = archive.decompressed_size().unwrap_or_else(|| {
        (0..archive.len())
            .filter_map(|at| archive.by_index_raw(at).ok().map(|entry| entry.size()))
            .map(u128::from)
            .sum()
    });
    if total > u128::from(MAX_UNPACKED_BYTES) {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size_bytes: u64::try_from(total).unwrap_or(u64::MAX),
            limit_bytes: MAX_UNPACKED_BYTES,
        });
    }
    Ok(())
}

/// The entry `name` of a ZIP archive (`file`), unpacked, at most [`MAX_UNPACKED_BYTES`]
/// whatever its directory says; `None` where the archive has no such entry.
pub(super) fn entry_bytes(
    file: &str,
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, LoadError> {
    let Ok(entry) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut raw = Vec::new();
    entry
        .take(MAX_UNPACKED_BYTES + 1)
        .read_to_end(&mut raw)
        .map_err(|e| LoadError::UnknownFormat {
            file: file.to_owned(),
            message: format!("the archive's {name} cannot be unpacked: {e}"),
        })?;
    if raw.len() as u64 > MAX_UNPACKED_BYTES {
        return Err(LoadError::TooLarge {
            file: file.to_owned(),
            size_bytes: raw.len() as u64,
            limit_bytes: MAX_UNPACKED_BYTES,
        });
    }
    Ok(Some(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ZIP archive of one stored file, `name`, holding `data`, whose directory says it
    /// unpacks to `claimed` bytes.
    fn zip_claiming(name: &str, data: &[u8], claimed: u32) -> Vec<u8> {
        let le16 = |v: u16| v.to_le_bytes();
        let le32 = |v: u32| v.to_le_bytes();
        let size = u32::try_from(data.len()).unwrap();
        let name_len = u16::try_from(name.len()).unwrap();
        let mut out = Vec::new();
        out.extend(le32(0x0403_4b50));
        out.extend(le16(20));
        out.extend([0; 12]); // flags, method (stored), time, date, CRC
        out.extend(le32(size));
        out.extend(le32(size));
        out.extend(le16(name_len));
        out.extend(le16(0));
        out.extend(name.as_bytes());
        out.extend(data);
        let directory_at = u32::try_from(out.len()).unwrap();
        out.extend(le32(0x0201_4b50));
        out.extend(le16(20));
        out.extend(le16(20));
        out.extend([0; 12]);
        out.extend(le32(size));
        out.extend(le32(claimed));
        out.extend(le16(name_len));
        out.extend([0; 12]); // extra, comment, disk, internal and external attributes
        out.extend(le32(0));
        out.extend(name.as_bytes());
        let directory_len = u32::try_from(out.len()).unwrap() - directory_at;
        out.extend(le32(0x0605_4b50));
        out.extend([0; 4]);
        out.extend(le16(1));
        out.extend(le16(1));
        out.extend(le32(directory_len));
        out.extend(le32(directory_at));
        out.extend(le16(0));
        out
    }

    #[test]
    fn an_archive_that_would_unpack_past_the_bound_is_refused_before_it_is_read() {
        let bomb = zip_claiming("xl/sharedStrings.xml", b"<sst/>", u32::MAX);
        match read("bomb.xlsx", &bomb) {
            Err(LoadError::TooLarge { size_bytes, .. }) => {
                assert_eq!(size_bytes, u64::from(u32::MAX));
            }
            other => panic!("{other:?}"),
        }
        // The same archive, honest about its size, is no workbook.
        let plain = zip_claiming("notes.txt", b"hello", 5);
        assert!(matches!(
            read("notes.zip", &plain),
            Err(LoadError::NotText { .. })
        ));
    }
}
