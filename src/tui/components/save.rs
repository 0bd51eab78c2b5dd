//! The save step: the path to write (a leading `~` is the home directory), whether
//! writing over another file was asked, and whether creating a missing directory was.

use super::{Effect, Effects, error, info, writable};
use crate::tui::app::{MessageKind, Step};
use crate::tui::keys::Action;
use crate::tui::persist::{SavePathProblem, check_save_path, expand_home};
use crate::tui::session::Session;
use std::path::{Path, PathBuf};
use tui_input::Input;

/// The save step's state.
#[derive(Debug, Clone, Default)]
pub struct SaveStep {
    /// The path box.
    pub path: Input,
    /// A path whose overwrite was asked once; saving to it again goes ahead.
    pub armed: Option<PathBuf>,
    /// A missing directory whose creation was offered once; saving again creates it.
    pub create_dir: Option<PathBuf>,
}

impl SaveStep {
    /// The step with `path` in its box.
    pub fn new(path: String) -> SaveStep {
        SaveStep {
            path: Input::new(path),
            armed: None,
            create_dir: None,
        }
    }

    /// Handles the save step's actions: typing into the box, and saving to its path.
    pub fn update(&mut self, action: Action, session: &mut Session) -> Effects {
        match action {
            Action::Type(request) => {
                self.path.handle(request);
                self.armed = None;
                self.create_dir = None;
                vec![]
            }
            Action::SaveToPath => self.save_to_box(session).unwrap_or_else(|e| e),
            _ => vec![],
        }
    }

    /// Saves to the path in the box, asking once before replacing another file.
    fn save_to_box(&mut self, session: &mut Session) -> Result<Effects, Effects> {
        writable(session, "nothing is saved")?;
        let text = self.path.value().trim().to_string();
        if text.is_empty() {
            return Err(error("type the path to save to"));
        }
        let path = expand_home(&text);
        self.ready(&path)?;
        let same_file = session.doc().path.as_ref() == Some(&path);
        if !same_file && path.exists() && self.armed.as_ref() != Some(&path) {
            self.armed = Some(path.clone());
            return Err(error(format!(
                "{} exists and is another file: Enter again overwrites it",
                path.display()
            )));
        }
        self.armed = None;
        self.write(session, &path)
    }

    /// Checks that `path` can take the plan, saying plainly what is wrong; a missing
    /// directory is offered once and created when the save is asked again.
    fn ready(&mut self, path: &Path) -> Result<(), Effects> {
        match check_save_path(path) {
            Ok(()) => Ok(()),
            Err(SavePathProblem::MissingDirectory(dir))
                if self.create_dir.as_ref() == Some(&dir) =>
            {
                self.create_dir = None;
                std::fs::create_dir_all(&dir).map_err(|e| {
                    error(format!(
                        "Not saved: cannot create the directory {}: {e}. Your edits are kept.",
                        dir.display()
                    ))
                })
            }
            Err(SavePathProblem::MissingDirectory(dir)) => {
                let said = format!(
                    "the directory {} does not exist: save again to create it",
                    dir.display()
                );
                self.create_dir = Some(dir);
                let mut effects = vec![Effect::GoToStep(Step::Save)];
                effects.extend(error(said));
                Err(effects)
            }
            Err(problem) => Err(error(format!("Not saved: {}", problem.explain()))),
        }
    }

    /// Saves the session's plan to `path`; the box then shows where it went.
    pub fn write(&mut self, session: &mut Session, path: &Path) -> Result<Effects, Effects> {
        self.ready(path)?;
        let said = session.save(path, &mut self.armed).map_err(error)?;
        self.path = Input::new(path.display().to_string());
        // Saving a broken plan is allowed (work in progress), but never silently.
        let errors = session.report().count(crate::Severity::Error);
        Ok(vec![match errors {
            0 => info(said),
            n => Effect::Say(
                MessageKind::Error,
                format!("{said}, with {n} error(s): see the Review step"),
            ),
        }])
    }
}
