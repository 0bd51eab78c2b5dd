//! Loading hostile themes under a time limit, as the app loads them, and what a problem
//! the status bar shows may look like: shared by the hostile-theme tests.

use super::TempDir;
use edgeplan::tui::theme::Theme;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// How long one load or parse may take, even of a multi-megabyte file in a debug build.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// Runs `f` on its own thread (the default 2 MiB stack, a quarter of the app's main
/// thread) and fails if it panics or outlasts `TIME_LIMIT`.
pub fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(value) => {
            worker.join().expect("worker finished");
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: took over {TIME_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// Loads `bytes` as the user theme `name`, as the app does at start-up.
pub fn load_user_theme(
    dir: &TempDir,
    name: &str,
    bytes: &[u8],
) -> (PathBuf, Theme, Option<String>) {
    let path = dir.join(&format!("{name}.toml"));
    std::fs::write(&path, bytes).unwrap();
    let (dir, owned) = (dir.0.clone(), name.to_string());
    let loaded = bounded(&format!("load {name}"), move || {
        Theme::load(Some(&owned), Some(&dir), false)
    });
    (path, loaded.theme, loaded.problem)
}

/// `Theme::parse_over` under the time limit.
pub fn parse_over(base: &'static str, origin: &str, text: String) -> Result<Theme, String> {
    let origin = origin.to_string();
    bounded(&format!("parse_over {origin}"), move || {
        Theme::parse_over(base, &origin, &text)
    })
}

/// A problem the status bar can show: one line, no control characters, not huge.
pub fn fits_the_status_bar(problem: &str, origin: &str) -> bool {
    !problem
        .chars()
        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
        && problem.chars().count() <= origin.chars().count() + 1000
}
