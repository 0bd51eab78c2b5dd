//! The plan's file: where it lives, what was last read or written there, the text to
//! write (keeping a loaded file's comments), and an atomic write, so a failed save never
//! leaves a half-written plan behind.

use crate::plan::{Plan, to_toml, update_toml};
use crate::store::{DiskStamp, changed_on_disk, write_atomic};
use std::path::{Path, PathBuf};

/// Where the plan lives on disk and what was last read from or written there.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file; `None` for the built-in example until it is saved.
    pub path: Option<PathBuf>,
    /// The text last read from or written to `path`; edits keep its comments.
    pub original: Option<String>,
    /// The plan as last loaded or saved, to tell unsaved changes.
    pub saved: Plan,
    /// True when `path` did not exist yet.
    pub new_file: bool,
    /// The file as last read or written, to notice changes made by someone else.
    pub stamp: Option<DiskStamp>,
}

impl Document {
    /// A plan with no file yet (the example), `plan` as its saved baseline.
    pub fn unsaved(plan: &Plan) -> Document {
        Document {
            path: None,
            original: None,
            saved: plan.clone(),
            new_file: false,
            stamp: None,
        }
    }
}

/// The text `plan` is saved as: the last read or written text with only the changed
/// values rewritten, or canonical text for a plan without one.
pub fn file_text(doc: &Document, plan: &Plan) -> String {
    text_over(doc.original.as_deref(), plan)
}

/// The text `plan` is saved as over `original`, the text last read or written (see
/// [`file_text`]).
pub fn text_over(original: Option<&str>, plan: &Plan) -> String {
    match original {
        Some(original) => update_toml(original, plan),
        None => to_toml(plan),
    }
}

/// Saves `plan` to `path`; on success it becomes the saved baseline of `doc`. A file of
/// the document's own that changed on disk is only overwritten when `armed` already
/// holds `path` (the second save); otherwise `armed` is set and nothing is written.
/// `Ok` says what was done; `Err` why nothing was.
pub fn save(
    doc: &mut Document,
    plan: &Plan,
    path: &Path,
    armed: &mut Option<PathBuf>,
) -> Result<String, String> {
    let text = file_text(doc, plan);
    let own_file = doc.path.as_deref() == Some(path);
    if own_file && changed_on_disk(path, doc.stamp.as_ref()) && armed.as_deref() != Some(path) {
        *armed = Some(path.to_path_buf());
        return Err(format!(
            "{} changed on disk since it was read: save again to overwrite it (a .bak keeps the other version). Your edits are kept.",
            path.display()
        ));
    }
    *armed = None;
    match write_atomic(path, text.as_bytes(), true) {
        Ok(()) => {
            doc.stamp = Some(DiskStamp::of_bytes(text.as_bytes()));
            doc.path = Some(path.to_path_buf());
            doc.original = Some(text);
            doc.saved = plan.clone();
            doc.new_file = false;
            Ok(format!("Saved {}", path.display()))
        }
        Err(e) => Err(format!(
            "Not saved: cannot write {}: {e}. Your edits are kept.",
            path.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use crate::plan::load_path;
    use crate::store::backup_path;
    use crate::tui::glyphs::UNICODE;
    use crate::tui::theme::Theme;
    use crate::tui::{Action, App, update};

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
        let dir = std::env::temp_dir().join(format!("edgeplan-persist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("plan.toml");
        std::fs::write(&path, crate::plan::to_toml(&crate::Plan::example())).unwrap();
        let (plan, text) = load_path(&path).unwrap();
        let mut app = App::from_file(&path, plan, text, Theme::default_dark(), UNICODE);
        let mut edited = app.plan().clone();
        edited.transit = crate::Transit::Cen;
        app.session_mut().set_plan(edited);

        let theirs = "schema_version = 1\n# a colleague's edit\n";
        std::fs::write(&path, theirs).unwrap();
        update(&mut app, Action::Save);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            theirs,
            "not overwritten"
        );
        let said = app.message().unwrap().text.clone();
        assert!(
            said.contains("changed on disk") && said.contains("edits are kept"),
            "{said}"
        );
        assert!(app.dirty());

        update(&mut app, Action::Save);
        assert_eq!(load_path(&path).unwrap().0.transit, crate::Transit::Cen);
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), theirs);
        assert!(!app.dirty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
