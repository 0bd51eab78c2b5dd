//! `edgeplan show`: the path and every hop's requirements as plain text for a ticket.

use super::{EXIT_OK, EXIT_UNREADABLE, load_or_report};
use crate::catalog::Catalog;
use crate::checks::check;
use crate::escape::Escaped;
use crate::hop::{Hop, path_line};
use crate::plan::Plan;
use crate::requirements::derive;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// The plan's free-text facts, escaped: they come from the file as written. Notes keep
/// their lines, each indented under the first; every other control shows as an escape.
fn write_meta(s: &mut String, plan: &Plan) {
    let m = &plan.meta;
    let one_line = [
        ("Plan:   ", &m.name),
        ("Customer:", &m.customer),
        ("Author: ", &m.author),
    ];
    for (label, value) in one_line {
        if let Some(value) = value {
            let _ = writeln!(s, "{label} {}", Escaped(value));
        }
    }
    if let Some(notes) = &m.notes {
        for (i, line) in notes.lines().enumerate() {
            let label = if i == 0 { "Notes:  " } else { "        " };
            let _ = writeln!(s, "{label} {}", Escaped(line));
        }
    }
}

/// The whole plan as text: header, path, each hop's requirements with reasons, findings.
pub fn show_text(plan: &Plan) -> String {
    let mut s = String::new();
    let catalog = Catalog::builtin();
    let region_name = catalog
        .region(&plan.region)
        .map_or("unknown region", |r| r.name.as_str());
    write_meta(&mut s, plan);
    let _ = writeln!(s, "Region:  {} ({region_name})", Escaped(&plan.region));
    let _ = writeln!(
        s,
        "CNI:     {}   Transit: {}   Scope: {}",
        plan.cni, plan.transit, plan.scope
    );
    if let Some(v) = &plan.kubernetes_version {
        let _ = writeln!(s, "Kubernetes: {}", Escaped(v));
    }
    let _ = writeln!(s, "Path:    {}", path_line(plan));
    let reqs = derive(plan, catalog);
    let report = check(plan, catalog);
    for &hop in Hop::path(plan.transit) {
        let _ = writeln!(s, "\n== {} ({}) ==", hop.title(plan.transit), hop.id());
        for r in &reqs.hop(hop).items {
            let _ = writeln!(s, "  - {}", r.kind);
            let _ = writeln!(s, "      why: {}", r.reason);
        }
        for f in report.on(hop) {
            let _ = writeln!(s, "  ! {} {}: {}", f.severity, f.code, Escaped(&f.message));
        }
    }
    let _ = writeln!(
        s,
        "\nFindings: {} error(s), {} warning(s)",
        report.count(crate::Severity::Error),
        report.count(crate::Severity::Warning)
    );
    s
}

/// Runs `edgeplan show PLAN`.
pub fn show(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match load_or_report(path, err) {
        Ok(plan) => match out.write_all(show_text(&plan).as_bytes()) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                let _ = writeln!(err, "cannot write output: {e}");
                EXIT_UNREADABLE
            }
        },
        Err(code) => code,
    }
}
