//! A file name whose extension is a slip on a well-known one ("Registers.xslx" for ".xlsx"): two
//! letters swapped, or one letter dropped, added or replaced, in the extension of a name written
//! in the prose. An extension that is itself a known one (".xls", ".htm", ".yml") is left alone,
//! and so are links and code, which the rule skips.

/// Extensions a manuscript names often enough for a slip on one to be plain.
const COMMON: &[&str] = &[
    "csv", "docx", "html", "ipynb", "jpeg", "json", "pdf", "png", "pptx", "tsv", "txt", "xlsx",
    "yaml",
];

/// Known extensions, sorted: a slip is reported only where the written one is none of them.
const KNOWN: &[&str] = &[
    "asc", "avi", "bak", "bam", "bat", "bed", "bib", "bin", "bmp", "cfg", "cif", "cls", "cpp",
    "css", "csv", "dat", "dbf", "dcm", "dll", "doc", "docm", "docs", "docx", "dot", "dotx", "dta",
    "eps", "exe", "fasta", "fastq", "gif", "gpx", "hdf", "htm", "html", "ico", "ini", "ipynb",
    "jar", "java", "jpeg", "jpg", "json", "jsonl", "jsx", "kml", "kmz", "log", "mat", "mkv", "mov",
    "mp3", "mp4", "nii", "npy", "npz", "odp", "ods", "odt", "ogg", "org", "pdb", "pdf", "php",
    "pkl", "png", "pps", "ppsx", "ppt", "pptm", "pptx", "prj", "psd", "qmd", "rda", "rds", "rmd",
    "rtf", "sam", "sas", "sav", "sdf", "shp", "shx", "sql", "svg", "tar", "tex", "tif", "tiff",
    "toml", "tsv", "tsx", "txt", "vcf", "wav", "webm", "webp", "xls", "xlsb", "xlsm", "xlsx",
    "xlt", "xltx", "xml", "yaml", "yml", "zip",
];

/// The well-known extension `extension` (lower case) is a slip on, if any.
pub(super) fn extension_slip(extension: &str) -> Option<&'static str> {
    if extension.len() < 3
        || !extension.bytes().all(|b| b.is_ascii_lowercase())
        || KNOWN.binary_search(&extension).is_ok()
    {
        return None;
    }
    let mut close = COMMON.iter().filter(|common| {
        let swapped = common.len() == extension.len() && {
            let differ: Vec<usize> = common
                .bytes()
                .zip(extension.bytes())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(i, _)| i)
                .collect();
            matches!(differ.as_slice(), [a, b] if *b == a + 1
                && common.as_bytes()[*a] == extension.as_bytes()[*b]
                && common.as_bytes()[*b] == extension.as_bytes()[*a])
        };
        swapped || crate::similarity::edit_distance(extension, common) == 1
    });
    let first = close.next()?;
    // Two extensions as close: no telling which was meant.
    close.next().is_none().then_some(*first)
}

/// The extensions in `text` that are slips, as (range of the extension without its dot, the
/// extension meant): a file name is a run of letters, digits, `_` or `-` and a dot before the
/// extension, the extension ending the run.
pub(super) fn extension_slips(text: &str) -> Vec<(std::ops::Range<usize>, &'static str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    for (dot, _) in text.match_indices('.') {
        let start = dot + 1;
        let end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
        // The name before the dot, and nothing glued after the extension but punctuation.
        let named = dot > 0 && name_byte(bytes[dot - 1]);
        let after = text[end..].chars().next();
        let ends = after.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | ')' | ':'))
            || (after == Some('.') && !text[end + 1..].starts_with(char::is_alphanumeric));
        if !named || !ends || end == start {
            continue;
        }
        let extension = &text[start..end];
        if let Some(meant) = extension_slip(extension) {
            out.push((start..end, meant));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_known_extensions_are_sorted() {
        assert!(KNOWN.windows(2).all(|w| w[0] < w[1]));
        assert!(COMMON.iter().all(|c| KNOWN.contains(c)));
    }

    #[test]
    fn slips_on_common_extensions_are_found() {
        assert_eq!(extension_slip("xslx"), Some("xlsx"));
        assert_eq!(extension_slip("josn"), Some("json"));
        assert_eq!(extension_slip("htlm"), Some("html"));
        assert_eq!(extension_slip("xlsx"), None);
        assert_eq!(extension_slip("xls"), None);
        assert_eq!(extension_slip("yml"), None);
        assert_eq!(extension_slip("com"), None);
        assert_eq!(extension_slip("net"), None);
    }

    #[test]
    fn file_names_in_text_are_read() {
        let text = "from the Registers.xslx spreadsheet, and the ep_defines.v file at example.com.";
        let found = extension_slips(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "xslx");
        assert_eq!(found[0].1, "xlsx");
        assert!(extension_slips("It ends here. Then the next sentence.").is_empty());
    }
}
