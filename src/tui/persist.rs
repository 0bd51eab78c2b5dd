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

/// `text` as a path, with a leading `~` or `~/` read as the home directory (`$HOME`),
/// as a shell would have done.
pub fn expand_home(text: &str) -> PathBuf {
    let home = || {
        std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from)
    };
    match (text, text.strip_prefix("~/")) {
        ("~", _) => home().unwrap_or_else(|| PathBuf::from(text)),
        (_, Some(rest)) => home().map_or_else(|| PathBuf::from(text), |h| h.join(rest)),
        _ => PathBuf::from(text),
    }
}

/// Why a plan cannot be saved at a path as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SavePathProblem {
    /// The path is a directory: a file name is missing.
    Directory(PathBuf),
    /// The directory the file would go in does not exist (it can be created).
    MissingDirectory(PathBuf),
    /// Something on the way to the file is a file, not a directory.
    NotADirectory(PathBuf),
}

impl SavePathProblem {
    /// What is wrong, plainly, and what to do about it.
    pub fn explain(&self) -> String {
        match self {
            SavePathProblem::Directory(p) => format!(
                "{} is a directory: add a file name, such as {}",
                p.display(),
                p.join("plan.toml").display()
            ),
            SavePathProblem::MissingDirectory(d) => format!(
                "the directory {} does not exist: saving offers to create it",
                d.display()
            ),
            SavePathProblem::NotADirectory(d) => {
                format!(
                    "{} is a file, not a directory: choose another path",
                    d.display()
                )
            }
        }
    }
}

/// Checks that a plan can be written at `path`: not a directory, in a directory that
/// exists.
pub fn check_save_path(path: &Path) -> Result<(), SavePathProblem> {
    if path.is_dir() {
        return Err(SavePathProblem::Directory(path.to_path_buf()));
    }
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return Ok(());
    };
    if dir.is_dir() {
        return Ok(());
    }
    // The nearest part of the path that exists tells a missing directory from a file.
    match dir.ancestors().find(|a| a.exists()) {
        Some(existing) if !existing.is_dir() => {
            Err(SavePathProblem::NotADirectory(existing.to_path_buf()))
        }
        _ => Err(SavePathProblem::MissingDirectory(dir.to_path_buf())),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_leading_tilde_is_the_home_directory_and_save_paths_say_what_is_wrong() {
        use super::*;
        let home = std::env::var("HOME").unwrap_or_default();
        if !home.is_empty() {
            assert_eq!(
                expand_home("~/plans/x.toml"),
                Path::new(&home).join("plans/x.toml")
            );
        }
        assert_eq!(expand_home("a~/x.toml"), PathBuf::from("a~/x.toml"));
        let dir = std::env::temp_dir();
        assert_eq!(
            check_save_path(&dir),
            Err(SavePathProblem::Directory(dir.clone()))
        );
        let missing = dir.join(format!("edgeplan-none-{}", std::process::id()));
        assert_eq!(
            check_save_path(&missing.join("x.toml")),
            Err(SavePathProblem::MissingDirectory(missing))
        );
        assert_eq!(check_save_path(Path::new("x.toml")), Ok(()));
    }

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
