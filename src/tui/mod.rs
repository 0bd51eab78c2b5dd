//! The full-screen terminal UI: a wizard over the plan with the path drawn live.
//!
//! State lives in [`app::App`]: the [`session::Session`] (the plan, its file, the
//! findings and the autosave) and the [`components`] (each step's and pane's own state).
//! Keys become [`keys::Action`]s through one table per context; [`update::update`] is
//! the only place that changes state, handing each action to its component;
//! [`ui::render`] only reads it. Terminal I/O is confined to `term`, so tests and benches drive the
//! app with ratatui's `TestBackend`.

#![warn(missing_docs)]

pub mod app;
pub mod autosave;
pub mod components;
mod fix;
pub mod glyphs;
pub mod history;
pub mod keys;
pub mod nav;
pub mod persist;
pub mod session;
mod term;
pub mod theme;
pub mod ui;
pub mod update;

pub use app::App;
pub use keys::{Action, keymap};
pub use update::{handle_key, update};

use crate::draft::DraftStore;
use crate::escape::Escaped;
use crate::plan::{PlanError, load_path};
use app::MessageKind;
use glyphs::Glyphs;
use std::io::{self, Write};
use std::path::PathBuf;
use theme::Theme;

/// How the TUI was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The plan file; `None` opens the built-in example.
    pub plan: Option<PathBuf>,
    /// Theme name.
    pub theme: Option<String>,
    /// ASCII-only drawing.
    pub ascii: bool,
    /// Review without changing.
    pub read_only: bool,
    /// A new plan (a missing file) starts as the source's example, not empty.
    pub example: bool,
    /// The walkthrough slides only (`edgeplan walkthrough`): leaving them quits.
    pub slides_only: bool,
}

/// The app for these options: the example, a loaded file, a new file for a missing
/// path, or the load-error screen for a file that cannot be read.
pub fn build_app(options: &Options, theme: Theme, glyphs: Glyphs) -> App {
    let mut app = match &options.plan {
        None => App::example(theme, glyphs),
        Some(path) if !path.exists() && path.symlink_metadata().is_err() => {
            App::new_file(path, options.example, theme, glyphs)
        }
        Some(path) => match load_path(path) {
            Ok((plan, text)) => App::from_file(path, plan, text, theme, glyphs),
            Err(e @ PlanError { .. }) => App::load_failed(path, e.to_string(), theme, glyphs),
        },
    };
    if options.read_only {
        app.session.set_read_only(true);
    }
    if options.slides_only && app.mode != app::Mode::LoadFailed {
        app.start_slides_only();
    }
    app
}

/// Turns autosave on for `app` and offers the draft an earlier session left, if any;
/// when another running edgeplan edits the plan, asks first what to do.
pub fn start_autosave(app: &mut App, store: Option<DraftStore>) {
    let Some(base) = store else {
        app.session.set_autosave(autosave::Autosave::new(None));
        return;
    };
    let owners = crate::lock::others(&base, &autosave::key_of(app.session.doc()));
    if owners.is_empty() {
        claim_and_recover(app, base);
    } else {
        // Nothing is written or offered until the user knows.
        app.session.set_autosave(autosave::Autosave::new(None));
        app.session
            .set_elsewhere(Some(session::Elsewhere { owners, base }));
        app.overlay = Some(app::Overlay::OpenElsewhere);
    }
}

/// Locks a draft slot of this instance's own under `base` and offers the draft a gone
/// instance left there: a live instance's draft is never offered, overwritten or deleted.
pub fn claim_and_recover(app: &mut App, base: DraftStore) {
    match crate::lock::claim(&base, &autosave::key_of(app.session.doc())) {
        Ok((lock, store)) => {
            let mut autosave = autosave::Autosave::new(Some(store));
            autosave.lock = Some(std::sync::Arc::new(lock));
            app.session.set_autosave(autosave);
        }
        Err(e) => {
            app.session.set_autosave(autosave::Autosave::new(None));
            app.say(
                MessageKind::Error,
                format!("autosave is off: {}: {e}", base.dir.display()),
            );
            return;
        }
    }
    match app.session.recover() {
        Ok(true) => app.overlay = Some(app::Overlay::RestoreDraft),
        Ok(false) => {}
        Err(problem) => {
            // Keep the unreadable draft out of the way so autosave cannot overwrite it.
            if let Some(store) = &app.session.autosave().store {
                let said = match store.set_aside(&autosave::key_of(app.session.doc())) {
                    Ok(aside) => format!("{problem} (moved to {})", aside.display()),
                    Err(_) => problem,
                };
                app.say(MessageKind::Error, said);
            }
        }
    }
}

/// Runs the TUI and returns the process exit code: 0; 2 when the plan can't be loaded
/// (or the terminal can't be used); 128 + N when signal N ended it (the draft is kept).
pub fn run(options: Options) -> i32 {
    let loaded = Theme::load(
        options.theme.as_deref(),
        theme::user_theme_dir().as_deref(),
        theme::no_color_requested(),
    );
    let mut app = build_app(&options, loaded.theme, Glyphs::pick(options.ascii));
    if let Some(problem) = &loaded.problem {
        app.say(MessageKind::Error, problem.clone());
    }
    if app.mode != app::Mode::LoadFailed && !app.read_only() {
        start_autosave(&mut app, DraftStore::default_location());
    }
    if let Err(e) = term::run(&mut app) {
        // writeln!, not eprintln!: a terminal that is gone must not turn this into a panic.
        let _ = writeln!(io::stderr(), "edgeplan: cannot run the terminal UI: {e}");
        return crate::cli::EXIT_UNREADABLE;
    }
    if let Some(problem) = &loaded.problem {
        // Repeated after the screen is gone, so it is not lost with the first keystroke.
        eprintln!("edgeplan: {}", Escaped(problem));
    }
    match &app.load_error {
        Some(error) => {
            // One problem a line; each line escaped, as the terminal is back to normal.
            for line in error.lines() {
                eprintln!("{}", Escaped(line));
            }
            crate::cli::EXIT_UNREADABLE
        }
        None => crate::cli::EXIT_OK,
    }
}
