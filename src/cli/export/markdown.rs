//! The Markdown export, for a change ticket or an email: summary, topology, one table per
//! hop, findings with fixes, and the catalog values used with their source; for a surveyed
//! plan also what each device holds and every required flow's verdict
//! (`markdown_observed.rs`). CommonMark (tables in the GitHub form), readable as plain text.

use super::markdown_observed as observed;
use crate::catalog::Catalog;
use crate::checks::{Report, Severity};
use crate::escape::Escaped;
use crate::hop::{Hop, path_line};
use crate::observed::is_surveyable;
use crate::plan::Plan;
use crate::requirements::{RequirementKind, Requirements};
use crate::trace::FlowTrace;
use std::fmt::Write as _;

/// Where the catalog's values come from, as a reader can look it up.
const SOURCE: &str = "the vendor's page on configuring the network for ACK Edge in \
                      dedicated-connection mode (embedded as assets/regions.toml)";

/// Untrusted text as Markdown text: terminal controls escaped first, then every character
/// that could open Markdown markup (inline anywhere, or a block at the line's start) is
/// backslash-escaped, so a plan value can never become a heading, link, HTML or table cell.
pub fn md(text: &str) -> String {
    let escaped = Escaped(text).to_string();
    // Leading blanks would make an indented code block at a line's start.
    let chars: Vec<char> = escaped.trim_start().chars().collect();
    let word = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(|c| c.is_alphanumeric())
    };
    let mut out = String::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let block_mark = i == 0 && matches!(c, '-' | '+' | '=');
        // `_` between letters or digits opens no emphasis: `container_cidrs` stays readable.
        let inner_underscore = c == '_' && word(i.checked_sub(1)) && word(Some(i + 1));
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#'
        );
        if block_mark || (special && !inner_underscore) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `md` for text at a line's start: a digit run then `.` or `)` (an ordered list item)
/// has that mark escaped.
fn md_line(text: &str) -> String {
    let s = md(text);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')')) {
        format!("{}\\{}", &s[..digits], &s[digits..])
    } else {
        s
    }
}

fn summary(s: &mut String, plan: &Plan, report: &Report, flows: &[FlowTrace], region_name: &str) {
    let title = plan.meta.name.as_deref().unwrap_or("unnamed plan");
    let _ = writeln!(s, "# Network plan: {}\n", md_line(title));
    let _ = writeln!(s, "## Summary\n");
    for (label, value) in [
        ("Customer", &plan.meta.customer),
        ("Author", &plan.meta.author),
    ] {
        if let Some(v) = value {
            let _ = writeln!(s, "- {label}: {}", md(v));
        }
    }
    let _ = writeln!(s, "- Region: {} ({region_name})", md(&plan.region));
    let _ = writeln!(
        s,
        "- CNI: {}; transit: {}; scope: {}",
        plan.cni, plan.transit, plan.scope
    );
    if let Some(v) = &plan.kubernetes_version {
        let _ = writeln!(s, "- Kubernetes: {}", md(v));
    }
    let _ = writeln!(
        s,
        "- Findings: {} error(s), {} warning(s)",
        report.count(Severity::Error),
        report.count(Severity::Warning)
    );
    if !plan.observed.is_empty() {
        let _ = writeln!(s, "- Flows: {}", observed::flow_counts(flows));
    }
    if let Some(notes) = &plan.meta.notes {
        let _ = writeln!(s, "\nNotes:\n");
        for line in notes.lines().filter(|l| !l.trim().is_empty()) {
            let _ = writeln!(s, "> {}", md_line(line));
        }
    }
}

/// The direction column and the "what" column of one requirement.
fn columns(kind: &RequirementKind) -> (&'static str, String) {
    match kind {
        RequirementKind::Route(r) => (r.direction.id(), format!("route {}", r.line("→"))),
        RequirementKind::Rule(r) => {
            let text = kind.to_string();
            let what = text.strip_prefix("allow ").unwrap_or(&text);
            let what = what.strip_prefix(r.direction.id()).unwrap_or(what).trim();
            (r.direction.id(), format!("allow {what}"))
        }
        // An endpoint or a setting has no one direction.
        RequirementKind::Endpoint(_) | RequirementKind::Setting(_) => ("-", kind.to_string()),
    }
}

fn hops(s: &mut String, plan: &Plan, reqs: &Requirements) {
    let _ = writeln!(s, "\n## Hops");
    for &hop in Hop::path(plan.transit) {
        let _ = writeln!(s, "\n### {} ({})\n", hop.title(plan.transit), hop.id());
        let items = &reqs.hop(hop).items;
        if items.is_empty() {
            let _ = writeln!(s, "Nothing to configure on this hop.");
        } else {
            let _ = writeln!(s, "| Direction | What | Why |\n| --- | --- | --- |");
        }
        for r in items {
            let (direction, what) = columns(&r.kind);
            let _ = writeln!(s, "| {direction} | {} | {} |", md(&what), md(&r.reason));
        }
        // Only a surveyed plan says so per hop: a design reads as before.
        if !plan.observed.is_empty() && is_surveyable(hop) {
            observed::observed(s, hop, plan.observed.survey(hop));
        }
    }
}

fn findings(s: &mut String, report: &Report) {
    let _ = writeln!(s, "\n## Findings\n");
    if report.findings.is_empty() {
        let _ = writeln!(s, "No findings.");
    }
    for f in &report.findings {
        let hops: Vec<&str> = f.hops.iter().map(|h| h.id()).collect();
        let _ = writeln!(
            s,
            "- {} {} ({}): {}\n  Fix: {}",
            f.severity,
            f.code,
            hops.join(", "),
            md(&f.message),
            md(&f.fix)
        );
    }
}

fn catalog_values(s: &mut String, plan: &Plan) {
    let _ = writeln!(s, "\n## Catalog values used\n");
    let _ = writeln!(s, "Source: {SOURCE}.\n");
    let Some(region) = Catalog::builtin().region(&plan.region) else {
        let _ = writeln!(
            s,
            "None: the region {} is not in the catalog.",
            md(&plan.region)
        );
        return;
    };
    let _ = writeln!(s, "- Region: {} ({})", region.id, region.name);
    match &region.registry {
        Some(g) => {
            let routes = crate::cidr::spaced(&g.routes);
            let _ = writeln!(
                s,
                "- Add-on image registry: {} (routes {routes}); table \"ACK add-on internal image registry endpoints and route CIDR blocks\"",
                g.endpoint
            );
        }
        None => {
            let _ = writeln!(s, "- Add-on image registry: not in the source's table");
        }
    }
    match &region.oss {
        Some(o) => {
            let vips = o
                .vip_cidrs
                .as_ref()
                .map_or("not given by the source".into(), |v| crate::cidr::spaced(v));
            let _ = writeln!(
                s,
                "- OSS internal endpoint: {} (VIPs {vips}); table \"OSS internal endpoints and VIP CIDR blocks\"",
                o.internal_endpoint
            );
        }
        None => {
            let _ = writeln!(s, "- OSS: not in the source's table");
        }
    }
    if plan.management_is_example() {
        let _ = writeln!(
            s,
            "- ACK management address: the source's example value, to be replaced"
        );
    }
}

/// The plan as a Markdown document; `flows` are the required flows traced (empty for a
/// plan with no survey, which then has no Flows section).
pub fn markdown(plan: &Plan, reqs: &Requirements, report: &Report, flows: &[FlowTrace]) -> String {
    let mut s = String::new();
    let region_name = Catalog::builtin()
        .region(&plan.region)
        .map_or("unknown region", |r| r.name.as_str());
    summary(&mut s, plan, report, flows, region_name);
    let _ = writeln!(s, "\n## Topology\n");
    let _ = writeln!(s, "```text\n{}\n```", Escaped(&path_line(plan)));
    hops(&mut s, plan, reqs);
    findings(&mut s, report);
    if !plan.observed.is_empty() {
        observed::flows(&mut s, flows);
    }
    catalog_values(&mut s, plan);
    s
}
