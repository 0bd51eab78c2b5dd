//! `edgeplan walkthrough PLAN`: the walkthrough slides straight from the shell, for a
//! customer call. Read-only: nothing can be edited or saved, and no draft or lock file is
//! written.

use super::load_or_report;
use std::io::Write;
use std::path::Path;

/// Shows the slides of the plan at `path`; exit 0, or 2 when it cannot be read (said on
/// `err` before the screen is taken) or the terminal cannot be used.
pub fn walkthrough(path: &Path, theme: Option<String>, ascii: bool, err: &mut dyn Write) -> i32 {
    // A missing file would open as a new, empty plan: no slides to show a customer.
    if let Err(code) = load_or_report(path, err) {
        return code;
    }
    crate::tui::run(crate::tui::Options {
        plan: Some(path.to_path_buf()),
        theme,
        ascii,
        read_only: true,
        example: false,
        slides_only: true,
    })
}
