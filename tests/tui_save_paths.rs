//! Save paths at a jump host: a launch path in a missing directory is named at start and
//! the directory is created when asked, `~/` is the home directory, and a directory as
//! the path says plainly that a file name is missing. Driven in a pseudo-terminal, the
//! way it was tried (`HOME` is the test's directory).

mod tui_support;

use edgeplan::plan::load_path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn a_launch_path_in_a_missing_directory_is_named_at_start_and_created_on_save() {
    let dir = TempDir::new("pty-save-missing");
    // The example, so the plan can be saved at once (a new empty plan needs a region).
    let mut app = Pty::start(Launch::new(&dir.0, &["--example", "plans/site.toml"]));
    let first = app.wait_for("does not exist");
    assert!(first.contains("plans"), "{first}");
    app.keys(&[key::CTRL_S]);
    let asked = app.wait_for("save again to create it");
    assert!(asked.contains("Save to:"), "on the Save step:\n{asked}");
    assert!(
        !dir.join("plans").exists(),
        "nothing created before asked twice"
    );
    app.keys(&[key::ENTER]);
    app.wait_for("Saved");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
    assert!(load_path(&dir.join("plans/site.toml")).is_ok());
}

#[test]
fn a_tilde_in_the_save_box_is_the_home_directory() {
    let dir = TempDir::new("pty-save-tilde");
    std::fs::create_dir(dir.join("plans")).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    app.keys(&["6", key::CTRL_U]);
    app.send("~/plans/x.toml");
    app.keys(&[key::ENTER]);
    app.wait_for("Saved");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
    assert!(load_path(&dir.join("plans/x.toml")).is_ok());
    assert!(!dir.join("~").exists(), "no directory named ~");
}

#[test]
fn a_directory_as_the_path_says_a_file_name_is_missing() {
    let dir = TempDir::new("pty-save-dir");
    std::fs::create_dir(dir.join("plans")).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    app.keys(&["6", key::CTRL_U]);
    app.send("plans");
    app.keys(&[key::ENTER]);
    let said = app.wait_for("is a directory");
    assert!(!said.contains("another file"), "{said}");
    app.keys(&[key::ENTER]);
    app.wait_for("is a directory");
    app.keys(&[key::CTRL_C]);
    assert_eq!(app.wait_exit(), 0);
}
