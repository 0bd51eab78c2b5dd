//! `edgeplan check`: findings as text or JSON, exit 1 on any error.

use super::{EXIT_FINDINGS, EXIT_OK, Format, load_or_report};
use crate::catalog::Catalog;
use crate::checks::{FindingCode, Report, Severity, check_and_trace, thousands};
use crate::escape::{Escaped, escape_path, is_unsafe};
use crate::hop::Hop;
use crate::trace::FlowTrace;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Text output shows at most this many findings of one code, then counts the rest; JSON
/// keeps every finding (each message is bounded), since tools read it.
pub const MAX_TEXT_PER_CODE: usize = 10;

/// One finding in the JSON contract.
#[derive(Serialize)]
struct FindingJson<'a> {
    hop: &'static str,
    hops: Vec<&'static str>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    fix: &'a str,
    fields: Vec<String>,
}

/// The JSON contract of `check`, fields in the documented order.
#[derive(Serialize)]
struct CheckJson<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    findings: FindingsJson<'a>,
    flows: Vec<super::flows::FlowJson<'a>>,
}

/// The findings, converted one at a time while they are written.
struct FindingsJson<'a>(&'a Report);

impl Serialize for FindingsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.findings.iter().map(|f| FindingJson {
            hop: f.hop().id(),
            hops: f.hops.iter().map(|h| h.id()).collect(),
            severity: f.severity.id(),
            code: f.code.id(),
            message: &f.message,
            fix: &f.fix,
            fields: f.subject.iter().map(ToString::to_string).collect(),
        }))
    }
}

/// The report as the JSON contract: `{ok, errors, warnings, findings: [...], flows:
/// [...]}`, with the traces of the required flows (none when no hop is surveyed).
pub fn check_json(report: &Report, flows: &[FlowTrace]) -> String {
    let mut out = Vec::new();
    write_json(report, flows, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Streams the JSON contract to `out`, so a large report is never held twice.
fn write_json(report: &Report, flows: &[FlowTrace], out: &mut dyn Write) -> std::io::Result<()> {
    let doc = CheckJson {
        ok: report.ok(),
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        findings: FindingsJson(report),
        flows: super::flows::flows_json(flows),
    };
    write_safe_json(&doc, out)
}

/// Writes `doc` as pretty JSON with no terminal control in it (see `SafeJson`).
pub(super) fn write_safe_json<T: Serialize>(doc: &T, out: &mut dyn Write) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, SafeJson::default());
    doc.serialize(&mut ser).map_err(std::io::Error::from)
}

/// Pretty JSON that also writes the characters serde_json leaves raw but a terminal
/// would act on (DEL, C1, bidi, zero-width, U+2028) as `\uXXXX`: the string parses back
/// the same and the output holds no terminal control.
#[derive(Default)]
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> std::io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl serde_json::ser::Formatter for SafeJson {
    delegate! {
        begin_array(); end_array(); begin_array_value(first: bool); end_array_value();
        begin_object(); end_object(); begin_object_key(first: bool);
        begin_object_value(); end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_unsafe(c)) {
            // Every unsafe character is in the Basic Multilingual Plane: one \u escape.
            write!(w, "{}\\u{:04x}", &rest[..at], u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
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
    let (report, flows) = check_and_trace(&plan, Catalog::builtin());
    let surveyed = !plan.observed.is_empty();
    // Buffered: the line-buffered stdout would cost a write per line of a long report.
    let mut buf = BufWriter::new(out);
    let written = match format {
        Format::Json => write_json(&report, &flows, &mut buf).and_then(|()| writeln!(buf)),
        Format::Text => write_text(path, &report, &mut buf)
            .and_then(|()| super::flows::write_flows_text(&mut buf, &flows, surveyed)),
    }
    .and_then(|()| buf.flush());
    if let Err(e) = written {
        let _ = writeln!(err, "cannot write output: {e}");
        return super::EXIT_UNREADABLE;
    }
    if report.ok() { EXIT_OK } else { EXIT_FINDINGS }
}

/// The report as text: a verdict line naming the file, then each finding with its fix.
pub(super) fn write_text(path: &Path, report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let (e, w) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    let verdict = if report.ok() { "ok" } else { "FAILED" };
    writeln!(
        out,
        "{}: {verdict}: {e} error(s), {w} warning(s)",
        escape_path(path)
    )?;
    let mut total: HashMap<FindingCode, usize> = HashMap::new();
    for f in &report.findings {
        *total.entry(f.code).or_default() += 1;
    }
    let mut shown: HashMap<FindingCode, usize> = HashMap::new();
    for f in &report.findings {
        let n = shown.entry(f.code).or_default();
        *n += 1;
        if *n > MAX_TEXT_PER_CODE {
            continue;
        }
        writeln!(
            out,
            "{:<7} [{}] {}: {}",
            f.severity.id(),
            hops_list(&f.hops),
            f.code,
            Escaped(&f.message)
        )?;
        writeln!(out, "        fix: {}", Escaped(&f.fix))?;
        let rest = total[&f.code] - *n;
        if *n == MAX_TEXT_PER_CODE && rest > 0 {
            let rest = thousands(rest);
            writeln!(out, "        \u{2026} and {rest} more {} findings", f.code)?;
        }
    }
    Ok(())
}
