//! Saving the plan: the text to write (keeping a loaded file's comments) and an atomic
//! write, so a failed save never leaves a half-written plan behind.

use super::app::App;
use super::app::MessageKind;
use crate::plan::{to_toml, update_toml};
use crate::store::{DiskStamp, changed_on_disk, write_atomic};
use std::path::Path;

/// The text the plan is saved as: the last read or written text with only the changed
/// values rewritten, or canonical text for a plan without one.
pub fn file_text(app: &App) -> String {
    match &app.doc.original {
        Some(original) => update_toml(original, &app.plan),
        None => to_toml(&app.plan),
    }
}

/// Saves the plan to `path`; on success the plan becomes the saved baseline, on failure
/// every edit stays and the status line says why. True when written.
pub fn save(app: &mut App, path: &Path) -> bool {
    let text = file_text(app);
    let own_file = app.doc.path.as_deref() == Some(path);
    if own_file
        && changed_on_disk(path, app.doc.stamp.as_ref())
        && app.overwrite_armed.as_deref() != Some(path)
    {
        app.overwrite_armed = Some(path.to_path_buf());
        app.say(
            MessageKind::Error,
            format!(
                "{} changed on disk since it was read: save again to overwrite it (a .bak keeps the other version). Your edits are kept.",
                path.display()
            ),
        );
        return false;
    }
    app.overwrite_armed = None;
    match write_atomic(path, text.as_bytes(), true) {
        Ok(()) => {
            app.doc.stamp = Some(DiskStamp::of_bytes(text.as_bytes()));
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
        let mut edited = app.plan.clone();
        edited.transit = crate::Transit::Cen;
        app.set_plan(edited);

        let theirs = "schema_version = 1\n# a colleague's edit\n";
        std::fs::write(&path, theirs).unwrap();
        update(&mut app, Action::Save);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            theirs,
            "not overwritten"
        );
        let said = app.message.clone().unwrap().text;
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
