//! Terminal I/O, kept here alone so everything else can be driven with `TestBackend`:
//! set the terminal up (restored on panic too), read keys, draw, keep the draft current,
//! and end cleanly on SIGHUP (an SSH drop), SIGTERM and SIGINT.
//!
//! Signals are handled on a thread of their own: after a hang-up the event loop may never
//! come back from reading the dead terminal, so the watcher writes the latest draft,
//! restores the terminal and exits by itself.

use super::app::App;
use super::autosave::DraftSnapshot;
use super::ui;
use super::update::handle_key;
use crate::plan::Plan;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often the loop wakes without input, to write due drafts.
const TICK: Duration = Duration::from_millis(100);

/// Set to make the app panic after its first frame: lets tests see that a panic
/// restores the terminal.
pub const PANIC_FOR_TEST_ENV: &str = "EDGEPLAN_TEST_PANIC";

type Latest = Arc<Mutex<Option<DraftSnapshot>>>;

/// On SIGHUP, SIGTERM or SIGINT: write the latest draft, restore the terminal, exit 128 + N.
fn watch_signals(latest: Latest) -> io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // The draft first: after a hang-up every write to the terminal fails, and
            // nothing here may panic (eprintln! would) before the edits are safe.
            let snapshot = latest.lock().map(|mut s| s.take()).unwrap_or(None);
            let written = snapshot.map(|s| s.write());
            let _ = ratatui::try_restore();
            let mut stderr = io::stderr();
            let _ = match written {
                Some(Ok(path)) => writeln!(
                    stderr,
                    "edgeplan: ended by signal {sig}; unsaved changes are kept in {} and offered at the next start",
                    path.display()
                ),
                Some(Err(e)) => writeln!(
                    stderr,
                    "edgeplan: ended by signal {sig}; the draft could not be written: {e}"
                ),
                None => Ok(()),
            };
            // A plan save in progress ends (renamed or removed) before the exit.
            let _saves = crate::store::hold_saves(Duration::from_secs(5));
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

/// Runs the event loop until the app asks to quit. The terminal is restored on every
/// path out, and the draft written before it when the loop failed.
pub fn run(app: &mut App) -> io::Result<()> {
    let latest: Latest = Arc::default();
    watch_signals(Arc::clone(&latest))?;
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app, &latest);
    if result.is_err() {
        // Keep every edit: the user did not choose to leave.
        app.with_autosave(|a, app| a.flush(app));
    } else if app.recovered.is_none() {
        // Quit by choice: saved, unchanged, or changes declined.
        app.with_autosave(|a, app| a.discard(app));
    }
    // try_: a terminal that hung up cannot be restored, and saying so must not panic.
    let _ = ratatui::try_restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, latest: &Latest) -> io::Result<()> {
    let panic_for_test = std::env::var_os(PANIC_FOR_TEST_ENV).is_some();
    let mut shared: Option<Plan> = None;
    while !app.quit {
        terminal.draw(|frame| ui::render(app, frame))?;
        if panic_for_test {
            panic!("{PANIC_FOR_TEST_ENV} is set: panicking after the first frame");
        }
        let wait = app
            .autosave
            .due_in(Instant::now())
            .map_or(TICK, |d| d.min(TICK));
        // Resize and other events just redraw.
        if event::poll(wait)?
            && let Event::Key(key) = event::read()?
        {
            handle_key(app, key);
        }
        if shared.as_ref() != Some(&app.plan) || app.recovered.is_some() {
            // The watcher always has the latest edit, even inside the debounce window.
            let snapshot = app.autosave.snapshot(app);
            if let Ok(mut slot) = latest.lock() {
                *slot = snapshot;
            }
            shared = Some(app.plan.clone());
        }
        app.with_autosave(|a, app| a.tick(app, Instant::now()));
        if let Some(error) = app.autosave.error.take() {
            app.say(super::app::MessageKind::Error, error);
        }
    }
    Ok(())
}
