//! Saving the plan: the text to write (keeping a loaded file's comments) and an atomic
//! write, so a failed save never leaves a half-written plan behind.

use super::app::App;
use super::theme::MessageKind;
use crate::plan::{to_toml, update_toml};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The text the plan is saved as: the last read or written text with only the changed
/// values rewritten, or canonical text for a plan without one.
pub fn file_text(app: &App) -> String {
    match &app.doc.original {
        Some(original) => update_toml(original, &app.plan),
        None => to_toml(&app.plan),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.edgeplan-{}.tmp", std::process::id()))
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`; keeps
/// the old file's permissions. On failure the old file is untouched and no temp is left.
pub fn write_atomic(path: &Path, text: &str) -> io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = fs::metadata(path) {
            fs::set_permissions(&tmp, meta.permissions())?;
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Saves the plan to `path`; on success the plan becomes the saved baseline, on failure
/// every edit stays and the status line says why. True when written.
pub fn save(app: &mut App, path: &Path) -> bool {
    let text = file_text(app);
    match write_atomic(path, &text) {
        Ok(()) => {
            app.doc.path = Some(path.to_path_buf());
            app.doc.original = Some(text);
            app.doc.saved = app.plan.clone();
            app.doc.new_file = false;
            app.save_path = tui_input::Input::new(path.display().to_string());
            app.say(MessageKind::Info, format!("Saved {}", path.display()));
            true
        }
        Err(e) => {
            app.say(
                MessageKind::Error,
                format!(
                    "Not saved: cannot write {}: {e}. Your edits are kept.",
                    path.display()
                ),
            );
            false
        }
    }
}
