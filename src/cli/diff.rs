//! `edgeplan diff OLD NEW`: what a plan change changes in the design, on each hop and in
//! the findings, for reviewing it before it is applied. Exit 0 no change, 1 changes.

use super::check::write_safe_json;
use super::export::observed::{RouteJson, RuleJson, routes, rules};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, Format, load_or_report};
use crate::catalog::Catalog;
use crate::escape::Escaped;
use crate::review::{FindingKey, ObservedDelta, PlanDiff, diff as plan_diff};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// One hop's requirement delta in the JSON contract.
#[derive(Serialize)]
struct HopJson<'a> {
    hop: &'static str,
    added: &'a [String],
    removed: &'a [String],
}

/// One finding in the JSON contract of `diff`.
#[derive(Serialize)]
struct FindingJson<'a> {
    severity: &'static str,
    code: &'static str,
    message: &'a str,
}

/// One hop's observed-state delta in the JSON contract.
#[derive(Serialize)]
struct ObservedJson<'a> {
    hop: &'static str,
    was_surveyed: bool,
    is_surveyed: bool,
    routes_added: Vec<RouteJson>,
    routes_removed: Vec<RouteJson>,
    rules_added: Vec<RuleJson>,
    rules_removed: Vec<RuleJson>,
    settings: &'a [String],
}

fn observed_json(d: &ObservedDelta) -> ObservedJson<'_> {
    ObservedJson {
        hop: d.hop.id(),
        was_surveyed: d.was_surveyed,
        is_surveyed: d.is_surveyed,
        routes_added: routes(&d.routes_added),
        routes_removed: routes(&d.routes_removed),
        rules_added: rules(&d.rules_added),
        rules_removed: rules(&d.rules_removed),
        settings: &d.settings,
    }
}

/// The JSON contract of `diff`.
#[derive(Serialize)]
struct DiffJson<'a> {
    changed: bool,
    fields: &'a [String],
    hops: Vec<HopJson<'a>>,
    observed: Vec<ObservedJson<'a>>,
    findings_added: Vec<FindingJson<'a>>,
    findings_removed: Vec<FindingJson<'a>>,
}

fn findings_json(keys: &[FindingKey]) -> Vec<FindingJson<'_>> {
    keys.iter()
        .map(|k| FindingJson {
            severity: k.severity,
            code: k.code,
            message: &k.message,
        })
        .collect()
}

/// The diff as text: fields, then each hop's `+`/`-` lines, then the findings; every
/// plan-derived line escaped.
pub fn diff_text(d: &PlanDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        s.push_str("No change.\n");
        return s;
    }
    let _ = writeln!(s, "Design:");
    for f in &d.fields {
        let _ = writeln!(s, "  {}", Escaped(f));
    }
    for h in &d.hops {
        let _ = writeln!(s, "\n== {} ==", h.hop.id());
        for r in &h.removed {
            let _ = writeln!(s, "  - {}", Escaped(r));
        }
        for r in &h.added {
            let _ = writeln!(s, "  + {}", Escaped(r));
        }
    }
    for o in &d.observed {
        observed_text(&mut s, o);
    }
    if !d.findings_added.is_empty() || !d.findings_removed.is_empty() {
        let _ = writeln!(s, "\nFindings:");
        for (sign, keys) in [("-", &d.findings_removed), ("+", &d.findings_added)] {
            for k in keys {
                let _ = writeln!(
                    s,
                    "  {sign} {} {}: {}",
                    k.severity,
                    k.code,
                    Escaped(&k.message)
                );
            }
        }
    }
    s
}

/// One hop's observed delta: `+`/`-` for what is surveyed, routes and rules, `~` for a
/// changed setting; device words escaped.
fn observed_text(s: &mut String, o: &ObservedDelta) {
    let _ = writeln!(s, "\n== {}: observed ==", o.hop.id());
    match (o.was_surveyed, o.is_surveyed) {
        (false, true) => s.push_str("  + surveyed\n"),
        (true, false) => s.push_str("  - surveyed\n"),
        _ => {}
    }
    for (sign, list) in [("-", &o.routes_removed), ("+", &o.routes_added)] {
        for r in list {
            let _ = writeln!(s, "  {sign} route {}", Escaped(&r.summary()));
        }
    }
    for (sign, list) in [("-", &o.rules_removed), ("+", &o.rules_added)] {
        for r in list {
            let _ = writeln!(s, "  {sign} rule {}", Escaped(&r.summary()));
        }
    }
    for setting in &o.settings {
        let _ = writeln!(s, "  ~ {}", Escaped(setting));
    }
}

fn write_json(d: &PlanDiff, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = DiffJson {
        changed: !d.is_empty(),
        fields: &d.fields,
        hops: d
            .hops
            .iter()
            .map(|h| HopJson {
                hop: h.hop.id(),
                added: &h.added,
                removed: &h.removed,
            })
            .collect(),
        observed: d.observed.iter().map(observed_json).collect(),
        findings_added: findings_json(&d.findings_added),
        findings_removed: findings_json(&d.findings_removed),
    };
    write_safe_json(&doc, out)?;
    out.write_all(b"\n")
}

/// Runs `edgeplan diff OLD NEW`.
pub fn diff(
    old: &Path,
    new: &Path,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (a, b) = (load_or_report(old, err), load_or_report(new, err));
    let (Ok(a), Ok(b)) = (a, b) else {
        return EXIT_UNREADABLE;
    };
    let d = plan_diff(&a, &b, Catalog::builtin());
    let written = match format {
        Format::Text => out.write_all(diff_text(&d).as_bytes()),
        Format::Json => write_json(&d, out),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "cannot write output: {e}");
        return EXIT_UNREADABLE;
    }
    if d.is_empty() { EXIT_OK } else { EXIT_FINDINGS }
}
