//! A new plan, in a real pseudo-terminal: it starts empty with what is missing flagged
//! and refuses to be saved without a region; the example comes only when asked for,
//! and then a banner says its values are samples.

mod tui_support;

use edgeplan::plan::load_path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn a_new_file_starts_empty_with_what_is_missing_flagged_and_no_sample_values() {
    let dir = TempDir::new("pty-new-empty");
    let mut app = Pty::start(Launch::new(&dir.0, &["new-file.toml"]));
    let screen = app.wait_for_line(&["1 Region", "not chosen"]);
    for sample in ["10.0.0.0/8", "192.168.0.0/16", "100.103.42.233"] {
        assert!(
            !screen.contains(sample),
            "{sample} on a new plan:\n{screen}"
        );
    }
    assert!(
        screen.contains("( ) cn-hangzhou"),
        "no region picked:\n{screen}"
    );
    assert!(
        tui_support::pty::in_order(&screen, &["1 Region", "not chosen"]),
        "{screen}"
    );
    assert!(!screen.contains("all ok"), "{screen}");
    assert!(!screen.contains("example values"), "{screen}");
    // Ctrl-S refuses: a plan file must name a region.
    app.keys(&[key::CTRL_S]);
    app.wait_for("choose a region first");
    assert!(!dir.join("new-file.toml").exists());
    // The CIDR step flags the missing blocks where they go.
    app.keys(&[key::ESC, "4"]);
    let cidrs = app.wait_for("Scope");
    assert!(
        cidrs.contains("data center  ✗ required: none yet")
            && cidrs.contains("VPC  ✗ required: none yet"),
        "{cidrs}"
    );
    // Review lists what is missing, with the reason.
    app.keys(&[key::ESC, "5"]);
    app.wait_for("3 errors");
    // The missing blocks come first (they break every hop); the region further down.
    for _ in 0..8 {
        if app.screen().contains("unknown-region: no region is") {
            break;
        }
        app.keys(&["j"]);
    }
    app.wait_for("unknown-region: no region is");
    // Nothing was entered, so nothing is asked.
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_hang_up_before_a_region_is_chosen_keeps_the_new_plan_in_a_readable_draft() {
    let dir = TempDir::new("pty-new-hangup");
    let mut app = Pty::start(Launch::new(&dir.0, &["new-file.toml"]));
    app.wait_for_line(&["1 Region", "not chosen"]);
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&["j", key::ENTER]);
    app.send("10.31.0.0/16");
    app.keys(&[key::ENTER]);
    app.wait_for_line(&["10.31.0.0/16"]);
    app.hang_up();
    assert_eq!(app.wait_exit(), 129);
    let mut app = Pty::start(Launch::new(&dir.0, &["new-file.toml"]));
    let offer = app.wait_for("Restore unsaved changes?");
    assert!(offer.contains("10.31.0.0/16"), "{offer}");
    app.keys(&["r"]);
    app.wait_for("Restored");
    app.keys(&[key::CTRL_C]);
    app.wait_for("Save");
    app.keys(&["n"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn the_example_comes_when_asked_for_with_a_banner_and_saves() {
    let dir = TempDir::new("pty-new-example");
    let mut app = Pty::start(Launch::new(&dir.0, &["--example", "new-file.toml"]));
    let screen = app.wait_for("example values: replace them");
    assert!(screen.contains("10.0.0.0/8"), "{screen}");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(
        load_path(&dir.join("new-file.toml")).unwrap().0.region,
        "cn-hangzhou"
    );

    // No file at all: the built-in example, with the banner too.
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("example values: replace them");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
