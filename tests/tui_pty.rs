//! The pseudo-terminal harness itself: the real binary starts, draws, takes keys and quits.

mod tui_support;

use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn the_example_opens_in_a_pseudo_terminal_and_quits_on_q() {
    let dir = TempDir::new("pty-smoke");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    assert!(app.alternate_screen());
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
}
