//! The region step at a jump host: keys keep their meaning until `/` starts a filter
//! (as in k9s, lazygit, htop). Driven in a pseudo-terminal, the way it was tried.

mod tui_support;

use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

fn fixture_copy(dir: &TempDir) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(fixture, dir.join("plan.toml")).unwrap();
}

#[test]
fn digits_and_q_on_the_region_step_are_commands_not_filter_text() {
    let dir = TempDir::new("pty-region-keys");
    fixture_copy(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["--read-only", "plan.toml"]));
    app.wait_for("Steps");
    app.keys(&[key::ENTER]);
    app.wait_for("/ to filter");
    app.keys(&["j", "k", "6"]);
    let save = app.wait_for("6 Save");
    assert!(
        !save.contains("Filter:"),
        "6 went to the Save step:\n{save}"
    );
    // The save step's path box takes text: Esc leaves it for the steps pane.
    app.keys(&[key::ESC, "1"]);
    app.wait_for("/ to filter");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0, "q quits from the region step");
}

#[test]
fn slash_filters_enter_chooses_and_esc_leaves_the_filter() {
    let dir = TempDir::new("pty-region-filter");
    fixture_copy(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&[key::ENTER, "/"]);
    app.send("london6");
    let filtering = app.wait_for("Filter: london6");
    assert!(
        filtering.contains("No region matches"),
        "digits are filter text after /:\n{filtering}"
    );
    app.keys(&[key::ESC]);
    let browsing = app.wait_for("/ to filter");
    assert!(browsing.contains("cn-hangzhou"), "{browsing}");
    app.keys(&["/"]);
    app.send("london");
    app.wait_for("eu-west-1");
    app.keys(&[key::ENTER]);
    app.wait_for("Which CNI plugin");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    let text = std::fs::read_to_string(dir.join("plan.toml")).unwrap();
    assert!(text.contains("region = \"eu-west-1\""), "{text}");
}
