//! The export dialog: which format, and the file to write it to (next to the plan by
//! default). The bytes are `edgeplan export`'s, written atomically.

use super::{Effects, error, info};
use crate::cli::{ExportFormat, export_text};
use crate::escape::escape_path;
use crate::store::write_atomic;
use crate::tui::keys::Action;
use crate::tui::persist::expand_home;
use crate::tui::session::Session;
use std::path::{Path, PathBuf};
use strum::VariantArray;
use tui_input::Input;

/// The export dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    /// The format under the cursor.
    pub format: ExportFormat,
    /// The path box.
    pub path: Input,
    /// True once the path was typed in: choosing another format then keeps it.
    edited: bool,
}

/// What a format is called in the dialog.
pub fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Markdown => "Markdown, for a change ticket or an email",
        ExportFormat::Json => "JSON, for other tools",
        ExportFormat::Toml => "TOML, the plan normalised",
    }
}

/// Where an export goes by default: next to the plan, named after it (`plan.md`); the
/// TOML export never replaces the plan itself (`plan.normalised.toml`).
pub fn default_path(format: ExportFormat, plan_path: Option<&Path>, name: &str) -> PathBuf {
    let base = plan_path.map_or_else(|| PathBuf::from(name), Path::to_path_buf);
    match format {
        ExportFormat::Markdown => base.with_extension("md"),
        ExportFormat::Json => base.with_extension("json"),
        ExportFormat::Toml => base.with_extension("normalised.toml"),
    }
}

fn default_for(format: ExportFormat, session: &Session) -> PathBuf {
    let name = session
        .plan()
        .meta
        .name
        .as_deref()
        .unwrap_or("edgeplan-plan");
    default_path(format, session.doc().path.as_deref(), name)
}

impl ExportDialog {
    /// The dialog on Markdown, its path next to the session's plan.
    pub fn open(session: &Session) -> ExportDialog {
        let format = ExportFormat::Markdown;
        ExportDialog {
            format,
            path: Input::new(default_for(format, session).display().to_string()),
            edited: false,
        }
    }

    /// Handles the dialog's actions; `Ok(effects)` when the export was written (the
    /// dialog closes), `Err(effects)` while it stays open.
    pub fn update(&mut self, action: Action, session: &Session) -> Result<Effects, Effects> {
        match action {
            Action::Up | Action::Down => {
                let all = ExportFormat::VARIANTS;
                let i = all.iter().position(|f| *f == self.format).unwrap_or(0);
                let delta = if action == Action::Up { -1 } else { 1 };
                self.format = all[super::step_index(i, delta, all.len())];
                if !self.edited {
                    self.path = Input::new(default_for(self.format, session).display().to_string());
                }
                Err(vec![])
            }
            Action::Type(request) => {
                self.path.handle(request);
                self.edited = true;
                Err(vec![])
            }
            Action::WriteExport => self.write(session),
            _ => Err(vec![]),
        }
    }

    /// Writes the session's plan in the chosen format to the path in the box.
    fn write(&self, session: &Session) -> Result<Effects, Effects> {
        let text = self.path.value().trim();
        if text.is_empty() {
            return Err(error("type the path to export to"));
        }
        let path = expand_home(text);
        let bytes = export_text(session.plan(), self.format);
        let kind: &str = self.format.into();
        match write_atomic(&path, bytes.as_bytes(), false) {
            Ok(()) => Ok(vec![info(format!(
                "Exported {kind} to {}",
                escape_path(&path)
            ))]),
            Err(e) => Err(error(format!(
                "Not exported: cannot write {}: {e}. The path is kept; fix it and press Enter again.",
                escape_path(&path)
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_path_sits_next_to_the_plan_and_never_replaces_it() {
        let plan = Path::new("plans/site.toml");
        assert_eq!(
            default_path(ExportFormat::Markdown, Some(plan), "x"),
            Path::new("plans/site.md")
        );
        assert_eq!(
            default_path(ExportFormat::Json, Some(plan), "x"),
            Path::new("plans/site.json")
        );
        assert_eq!(
            default_path(ExportFormat::Toml, Some(plan), "x"),
            Path::new("plans/site.normalised.toml")
        );
        assert_eq!(
            default_path(ExportFormat::Markdown, None, "example-hangzhou-edge"),
            Path::new("example-hangzhou-edge.md")
        );
    }
}
