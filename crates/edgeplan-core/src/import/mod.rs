//! Importers: what an engineer copies off a device (a cloud API's JSON, a switch's
//! routing table) turned into observed routes or rules for one hop.
//!
//! Pure functions over text: [`read`] never touches a file, so the CLI (`edgeplan
//! import`) and the TUI (a paste) share it. The input is hostile: it is capped in size
//! and in entries, and nothing in it can make the import panic.

mod cen;
mod cisco;
mod ecr;
mod error;
mod json;
mod model;
mod security_group;
mod text;
mod vbr;
mod vpc;
mod vrp;

pub use model::{
    Format, ImportContext, ImportError, Imported, Imports, Location, Note, NoteKind, Problem,
};

use crate::hop::Hop;
use crate::observed::NextHop;

/// The most text an import reads: far above a 10,000-route table in JSON.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;
/// The most routes or rules one import yields.
pub const MAX_ENTRIES: usize = 100_000;
/// The most notes kept; the rest are counted in one last note.
pub const MAX_NOTES: usize = 50;

/// Reads `text` as the output of one of the known [`Format`]s and returns what it holds
/// for `hop`. Fails when the format is unknown, does not belong on `hop` (or on the
/// plan's transit), or a value cannot be read; the error names where and what.
pub fn read(text: &str, hop: Hop, context: &ImportContext) -> Result<Imported, ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::whole(
            None,
            Problem::TooLarge {
                bytes: text.len(),
                cap: MAX_INPUT_BYTES,
            },
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    let start = text.trim_start();
    let imported = if start.starts_with('{') {
        let (value, trailing) = json::parse(start)?;
        let format = json::format_of(&value)?;
        format.check_fits(hop, context.transit)?;
        let root = json::Node::root(&value, format);
        let mut imported = match format {
            Format::VpcRouteEntries => vpc::read(&root, hop, context.transit),
            Format::CenRouteEntries => cen::read(&root),
            Format::EcrRouteEntries => ecr::read(&root),
            Format::SecurityGroupRules => security_group::read(&root),
            _ => vbr::read(&root),
        }?;
        // A paged API answers one page at a time: a partial table would read as missing routes.
        if let Ok(Some(_)) = root.opt_text("NextToken") {
            imported.note(
                NoteKind::Hint,
                Location::Json("NextToken".into()),
                "more entries follow (NextToken is set): fetch every page (the aliyun CLI's \
                 --pager) and import the whole table",
            );
        }
        if trailing {
            imported.note(
                NoteKind::Skipped,
                Location::Whole,
                "text after the JSON response ignored",
            );
        }
        imported
    } else {
        let format = detect(text)?;
        format.check_fits(hop, context.transit)?;
        match format {
            Format::CiscoIos => cisco::read(text, context),
            _ => vrp::read(text, format, context),
        }?
    };
    Ok(imported.finish())
}

/// Tells the format of `text` from its shape: the JSON's top-level wrapper, or the
/// headers a device prints above its routing table.
pub fn detect(text: &str) -> Result<Format, ImportError> {
    let start = text.trim_start();
    if start.starts_with('{') {
        return json::detect(start);
    }
    text::detect(text).ok_or_else(|| ImportError::whole(None, Problem::UnknownFormat))
}

/// The longest off-path next-hop word kept.
const MAX_WORD_CHARS: usize = 128;

/// An off-path next hop written `type:id` (or `type` alone), as a plan file keeps it:
/// white space and control characters dropped, at most [`MAX_WORD_CHARS`] characters.
fn elsewhere(kind: &str, id: &str) -> NextHop {
    let joined = if id.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}:{id}")
    };
    let word: String = joined
        .chars()
        .filter(|c| !c.is_whitespace() && !crate::escape::is_unsafe(*c))
        .take(MAX_WORD_CHARS)
        .collect();
    NextHop::Elsewhere(word)
}

#[cfg(test)]
mod tests;
