//! The full-screen terminal UI.

use std::path::PathBuf;

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
}

/// Runs the TUI and returns the process exit code.
pub fn run(_options: Options) -> i32 {
    eprintln!("edgeplan: the TUI is not available in this build yet; use `edgeplan check|show|new|regions`");
    crate::cli::EXIT_UNREADABLE
}
