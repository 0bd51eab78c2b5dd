//! `edgeplan check`: findings as text or JSON, exit 1 on any error.

use super::{EXIT_FINDINGS, EXIT_OK, Format, load_or_report};
use crate::checks::{Report, Severity, check as run_checks};
use crate::hop::Hop;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One finding in the JSON contract.
#[derive(Serialize)]
struct FindingJson<'a> {
    hop: &'static str,
    hops: Vec<&'static str>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    fix: &'a str,
}

/// The JSON contract of `check`, fields in the documented order.
#[derive(Serialize)]
struct CheckJson<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<FindingJson<'a>>,
}

/// The report as the JSON contract: `{ok, errors, warnings, findings: [...]}`.
pub fn check_json(report: &Report) -> String {
    let findings = report
        .findings
        .iter()
        .map(|f| FindingJson {
            hop: f.hop().id(),
            hops: f.hops.iter().map(|h| h.id()).collect(),
            severity: f.severity.id(),
            code: f.code,
            message: &f.message,
            fix: &f.fix,
        })
        .collect();
    let doc = CheckJson {
        ok: report.ok(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        findings,
    };
    serde_json::to_string_pretty(&doc).expect("plain data serializes")
}

fn hops_list(hops: &[Hop]) -> String {
    hops.iter().map(|h| h.id()).collect::<Vec<_>>().join(", ")
}

/// Runs `edgeplan check PLAN`.
pub fn check(path: &Path, format: Format, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let plan = match load_or_report(path, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let report = run_checks(&plan);
    let written = match format {
        Format::Json => writeln!(out, "{}", check_json(&report)),
        Format::Text => write_text(path, &report, out),
    };
    if let Err(e) = written {
        let _ = writeln!(err, "cannot write output: {e}");
        return super::EXIT_UNREADABLE;
    }
    if report.ok() { EXIT_OK } else { EXIT_FINDINGS }
}

fn write_text(path: &Path, report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let (e, w) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let verdict = if report.ok() { "ok" } else { "FAILED" };
    writeln!(
        out,
        "{}: {verdict}: {e} error(s), {w} warning(s)",
        path.display()
    )?;
    for f in &report.findings {
        writeln!(
            out,
            "{:<7} [{}] {}: {}",
            f.severity.id(),
            hops_list(&f.hops),
            f.code,
            f.message
        )?;
        writeln!(out, "        fix: {}", f.fix)?;
    }
    Ok(())
}
