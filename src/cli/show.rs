//! `edgeplan show`: the path and every hop's requirements as plain text for a ticket.

use super::{EXIT_OK, EXIT_UNREADABLE, load_or_report};
use crate::catalog::Catalog;
use crate::checks::check_and_trace;
use crate::escape::Escaped;
use crate::hop::{Hop, path_line};
use crate::observed::{Survey, SurveyKey, is_filtering, is_routing, is_surveyable};
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

/// `show` lists at most this many routes or rules of one hop, then counts the rest: a
/// surveyed hop may hold thousands, and the full lists are in the plan and the JSON.
pub const MAX_OBSERVED_LINES: usize = 10;

/// One list of observed entries, capped at `MAX_OBSERVED_LINES`; "none" when empty.
fn write_entries(s: &mut String, what: &str, lines: impl ExactSizeIterator<Item = String>) {
    let total = lines.len();
    if total == 0 {
        let _ = writeln!(s, "    {what}: none");
        return;
    }
    let _ = writeln!(s, "    {what} ({total}):");
    for line in lines.take(MAX_OBSERVED_LINES) {
        let _ = writeln!(s, "      {}", Escaped(&line));
    }
    if total > MAX_OBSERVED_LINES {
        let rest = crate::checks::thousands(total - MAX_OBSERVED_LINES);
        let _ = writeln!(s, "      \u{2026} and {rest} more {what}");
    }
}

/// A hop's observed block: its settings, routes and rules in the file's words, or
/// "not surveyed". Only printed for a plan with a survey, so a design reads as before.
fn write_observed(s: &mut String, hop: Hop, survey: Option<&Survey>) {
    let Some(survey) = survey else {
        let _ = writeln!(s, "  Observed: not surveyed");
        return;
    };
    let _ = writeln!(s, "  Observed:");
    let settings: Vec<String> = SurveyKey::allowed(hop)
        .filter_map(|k| Some(format!("{} {}", k.key(), survey.setting(k)?)))
        .collect();
    if !settings.is_empty() {
        let _ = writeln!(s, "    settings: {}", Escaped(&settings.join(", ")));
    }
    // A list not surveyed is unknown, which "none" would hide.
    match (is_routing(hop), &survey.routes) {
        (true, Some(list)) => write_entries(s, "routes", list.iter().map(|r| r.summary())),
        (true, None) => {
            let _ = writeln!(s, "    routes: not surveyed");
        }
        _ => {}
    }
    match (is_filtering(hop), &survey.rules) {
        (true, Some(list)) => write_entries(s, "rules", list.iter().map(|r| r.summary())),
        (true, None) => {
            let _ = writeln!(s, "    rules: not surveyed");
        }
        _ => {}
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
    let (report, flows) = check_and_trace(plan, catalog);
    let surveyed = !plan.observed.is_empty();
    for &hop in Hop::path(plan.transit) {
        let _ = writeln!(s, "\n== {} ({}) ==", hop.title(plan.transit), hop.id());
        for r in &reqs.hop(hop).items {
            let _ = writeln!(s, "  - {}", r.kind);
            let _ = writeln!(s, "      why: {}", r.reason);
        }
        for f in report.on(hop) {
            let _ = writeln!(s, "  ! {} {}: {}", f.severity, f.code, Escaped(&f.message));
        }
        if surveyed && is_surveyable(hop) {
            write_observed(&mut s, hop, plan.observed.survey(hop));
        }
    }
    let _ = writeln!(
        s,
        "\nFindings: {} error(s), {} warning(s)",
        report.count(crate::Severity::Error),
        report.count(crate::Severity::Warning)
    );
    if surveyed {
        let mut text = Vec::new();
        super::flows::write_flows_text(&mut text, &flows, true)
            .expect("writing to memory cannot fail");
        s.push('\n');
        s.push_str(&String::from_utf8(text).expect("the flows text is UTF-8"));
    }
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
