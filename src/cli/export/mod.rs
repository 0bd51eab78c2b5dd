//! `edgeplan export PLAN --format markdown|json|toml [-o FILE]`: the plan for a change
//! ticket (Markdown), for other tools (JSON) or normalised (TOML).

mod json;
mod markdown;
mod markdown_observed;
pub(super) mod observed;

pub use json::EXPORT_SCHEMA_VERSION;
pub use markdown::{markdown, md};

use super::check::write_safe_json;
use super::{EXIT_OK, EXIT_UNREADABLE, load_or_report};
use crate::catalog::Catalog;
use crate::checks::check_and_trace;
use crate::escape::escape_path;
use crate::plan::{Plan, to_toml};
use crate::requirements::derive;
use crate::store::write_atomic;
use std::io::Write;
use std::path::Path;

/// What `export` writes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum ExportFormat {
    /// For a change ticket or an email.
    Markdown,
    /// For other tools; the contract is `schemas/export.schema.json`.
    Json,
    /// The normalised plan file.
    Toml,
}

/// The export JSON of `plan`: the plan, every hop's requirements, the findings and the
/// required flows' traces.
pub fn export_json(plan: &Plan) -> String {
    let mut out = Vec::new();
    write_export_json(plan, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

fn write_export_json(plan: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
    let catalog = Catalog::builtin();
    let (report, flows) = check_and_trace(plan, catalog);
    let doc = json::export_json(plan, &derive(plan, catalog), &report, &flows);
    write_safe_json(&doc, out)?;
    out.write_all(b"\n")
}

/// The plan in `format`.
pub fn export_text(plan: &Plan, format: ExportFormat) -> String {
    let catalog = Catalog::builtin();
    match format {
        ExportFormat::Markdown => {
            let (report, flows) = check_and_trace(plan, catalog);
            markdown(plan, &derive(plan, catalog), &report, &flows)
        }
        ExportFormat::Json => export_json(plan),
        ExportFormat::Toml => to_toml(plan),
    }
}

/// Runs `edgeplan export PLAN`: to `output` when given (written atomically), else `out`.
pub fn export(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let plan = match load_or_report(path, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let text = export_text(&plan, format);
    let written = match output {
        Some(file) => write_atomic(file, text.as_bytes(), false)
            .map_err(|e| format!("cannot write {}: {e}", escape_path(file))),
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write output: {e}")),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            EXIT_UNREADABLE
        }
    }
}

/// Runs `edgeplan show PLAN --format json`: the export JSON.
pub fn show_json(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let plan = match load_or_report(path, err) {
        Ok(p) => p,
        Err(code) => return code,
    };
    match write_export_json(&plan, out) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "cannot write output: {e}");
            EXIT_UNREADABLE
        }
    }
}
