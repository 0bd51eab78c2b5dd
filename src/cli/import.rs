//! `edgeplan import PLAN --hop HOP FILE`: what a device or a cloud API shows, read into the
//! plan's `[observed.HOP]` section. The plan is written only when the whole input was read.

use super::{EXIT_OK, EXIT_UNREADABLE};
use crate::escape::{Escaped, escape, escape_path};
use crate::hop::Hop;
use crate::import::{self, ImportContext, Imported, Imports, Location};
use crate::observed::{NextHop, is_routing};
use crate::plan::{load_path, update_toml};
use crate::store::{DiskStamp, Links, ReadError, changed_on_disk, read_capped, write_atomic};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;

/// The file name that means standard input.
pub const STDIN: &str = "-";

/// Reads `--hop`'s value by the hop ids plan files use.
pub fn parse_hop(value: &str) -> Result<Hop, String> {
    Hop::ALL
        .into_iter()
        .find(|h| h.id() == value)
        .ok_or_else(|| {
            let ids: Vec<&str> = Hop::ALL.iter().map(|h| h.id()).collect();
            format!("expected {}", ids.join(" | "))
        })
}

/// Imports `file` (`-` for standard input) into `plan`'s survey of `hop`; exit 0 when
/// written, 2 when the plan or the input cannot be read (the plan is then untouched).
pub fn import(
    plan_path: &Path,
    hop: Hop,
    file: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    // The text the plan came from too, so the rewrite keeps its comments and order.
    let (mut plan, original) = match load_path(plan_path) {
        Ok(loaded) => loaded,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_UNREADABLE;
        }
    };
    let name = if file == Path::new(STDIN) {
        "standard input".to_string()
    } else {
        escape_path(file)
    };
    let text = match read_input(file) {
        Ok(text) => text,
        Err(why) => {
            let _ = writeln!(err, "edgeplan: {name}: {why}");
            return EXIT_UNREADABLE;
        }
    };
    let context = ImportContext::of(&plan);
    let imported = match import::read(&text, hop, &context) {
        Ok(imported) => imported,
        Err(e) => {
            let _ = writeln!(err, "edgeplan: {name}: {e}");
            return EXIT_UNREADABLE;
        }
    };
    let mismatch = match (imported.vbr_address, context.vbr_peer_ip) {
        (Some(vbr), Some(peer)) if vbr != peer => Some((vbr, peer)),
        _ => None,
    };
    imported.apply(&mut plan.observed, hop);
    let routes_unknown =
        is_routing(hop) && (plan.observed.survey(hop)).is_some_and(|s| s.routes.is_none());
    let written = update_toml(&original, &plan);
    // Someone (a TUI session) saved the plan while the input was read: keep their version.
    if changed_on_disk(plan_path, Some(&DiskStamp::of_bytes(original.as_bytes()))) {
        let _ = writeln!(
            err,
            "edgeplan: {}: changed on disk while importing; nothing written, run the import again",
            escape_path(plan_path)
        );
        return EXIT_UNREADABLE;
    }
    if let Err(e) = write_atomic(plan_path, written.as_bytes(), true) {
        let _ = writeln!(
            err,
            "edgeplan: {}: cannot write: {e}",
            escape_path(plan_path)
        );
        return EXIT_UNREADABLE;
    }
    let _ = report(&imported, hop, plan_path, routes_unknown, out);
    if let Some((vbr, peer)) = mismatch {
        let _ = writeln!(
            out,
            "The VBR's address is {vbr}, but [observed.core-switch] has vbr_peer_ip = {peer}: \
             one of them is wrong."
        );
    }
    EXIT_OK
}

/// The input as UTF-8 text, at most [`import::MAX_INPUT_BYTES`]; a reason when not.
fn read_input(file: &Path) -> Result<String, String> {
    let cap = import::MAX_INPUT_BYTES as u64;
    let bytes = if file == Path::new(STDIN) {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        if bytes.len() as u64 > cap {
            return Err(format!("more than {cap} bytes; the limit is {cap} bytes"));
        }
        bytes
    } else {
        read_capped(file, cap, Links::Follow).map_err(|e: ReadError| e.to_string())?
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (byte {}); paste the device's text output",
            e.utf8_error().valid_up_to()
        )
    })
}

/// What was imported: counts by next hop, the inactive routes, the notes; all escaped.
fn report(
    imported: &Imported,
    hop: Hop,
    plan_path: &Path,
    routes_unknown: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let section = format!("[observed.{hop}] of {}", escape_path(plan_path));
    let from = imported.format.title();
    match imported.format.imports() {
        Imports::Routes => {
            let n = imported.routes.len();
            writeln!(out, "Imported {n} route(s) from {from} into {section}.")?;
            writeln!(out, "  next hops: {}", next_hop_counts(imported))?;
            let inactive: Vec<_> = imported.inactive_routes().collect();
            if !inactive.is_empty() {
                writeln!(
                    out,
                    "  {} inactive (imported, not forwarding):",
                    inactive.len()
                )?;
                for r in inactive {
                    let status = r.inactive.as_deref().unwrap_or("");
                    writeln!(
                        out,
                        "    {} -> {} ({})",
                        r.destination,
                        Escaped(r.next_hop.word()),
                        Escaped(status)
                    )?;
                }
            }
        }
        Imports::Rules => {
            let n = imported.rules.len();
            writeln!(out, "Imported {n} rule(s) from {from} into {section}.")?;
        }
        Imports::VbrAttributes => match imported.mtu {
            Some(mtu) => writeln!(out, "Set mtu = {mtu} from {from} in {section}.")?,
            None => writeln!(out, "Nothing to set from {from}: the VBR lists no Mtu.")?,
        },
    }
    if routes_unknown && imported.format.imports() == Imports::VbrAttributes {
        writeln!(
            out,
            "  The VBR's routes are not surveyed yet: import its route table too \
             (DescribeRouteEntryList on its RouteTableId); until then traces assume it \
             routes as designed."
        )?;
    }
    if !imported.notes.is_empty() {
        writeln!(out, "Notes:")?;
        for note in &imported.notes {
            match &note.at {
                Location::Whole => writeln!(out, "  {}", escape(&note.text))?,
                at => writeln!(out, "  {at}: {}", escape(&note.text))?,
            }
        }
    }
    Ok(())
}

/// `vbr 3, local 5, off the path 2`: how many routes go to each neighbour.
fn next_hop_counts(imported: &Imported) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for route in &imported.routes {
        let key = match &route.next_hop {
            NextHop::Elsewhere(_) => "off the path",
            other => other.word(),
        };
        *counts.entry(key).or_default() += 1;
    }
    if counts.is_empty() {
        return "none".to_string();
    }
    counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
