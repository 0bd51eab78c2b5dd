//! The headless command line: each command writes to the given output and returns the
//! process exit code, so the binary stays a thin dispatcher and tests can call them too.

mod check;
mod choice;
mod diff;
mod export;
mod flows;
mod import;
mod new;
mod regions;
mod shell;
mod show;
mod trace;

pub use check::{check, check_json};
pub use choice::ChoiceParser;
pub use diff::{diff, diff_text};
pub use export::{
    EXPORT_SCHEMA_VERSION, ExportFormat, export, export_json, export_text, md, show_json,
};
pub use import::{STDIN, import, parse_hop};
pub use new::{NewOptions, new};
pub use regions::regions;
pub use shell::{Shell, completions, man};
pub use show::{show, show_text};
pub use trace::{TraceOptions, TraceProtocol, trace};

use crate::plan::{Plan, PlanError, load_path};
use std::io::Write;
use std::path::Path;

/// Exit code: the plan has no error.
pub const EXIT_OK: i32 = 0;
/// Exit code: the plan has at least one error finding.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: the input could not be read or the command could not run.
pub const EXIT_UNREADABLE: i32 = 2;
/// Exit code of `trace`: the answer is unknown, a hop on the way is not surveyed.
pub const EXIT_UNKNOWN: i32 = 3;

/// Text or JSON output.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For scripts.
    Json,
}

/// Loads a plan or prints why it cannot be read.
fn load_or_report(path: &Path, err: &mut dyn Write) -> Result<Plan, i32> {
    load_path(path)
        .map(|(plan, _)| plan)
        .map_err(|e: PlanError| {
            let _ = writeln!(err, "{e}");
            EXIT_UNREADABLE
        })
}
