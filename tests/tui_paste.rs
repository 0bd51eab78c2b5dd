//! Pasting into the TUI at a jump host: a pasted list of blocks (commas, spaces, line
//! breaks, white space around it) becomes one entry per block, and a paste where keys are
//! commands does nothing. Driven in a pseudo-terminal, pasting as a terminal does
//! (bracketed paste).

mod tui_support;

use edgeplan::plan::load_path;
use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// What a terminal sends for a paste of `text` once the app asked for bracketed paste.
fn pasted(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

fn fixture_copy(dir: &TempDir) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(fixture, dir.join("plan.toml")).unwrap();
}

#[test]
fn a_pasted_list_of_blocks_becomes_one_entry_each() {
    let dir = TempDir::new("pty-paste-list");
    fixture_copy(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    // CIDRs step, the data center's "+ add" row.
    app.keys(&["4", "j", "j", key::ENTER]);
    app.send(&pasted(" 172.20.0.0/16, 172.21.0.0/16\n172.22.0.0/16 \n"));
    app.wait_for_line(&["172.22.0.0/16", "✓"]);
    app.keys(&[key::ENTER]);
    app.wait_for("a add");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
    let (plan, _) = load_path(&dir.join("plan.toml")).unwrap();
    let blocks: Vec<String> = plan
        .datacenter_cidrs
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        blocks,
        [
            "10.0.0.0/8",
            "172.20.0.0/16",
            "172.21.0.0/16",
            "172.22.0.0/16"
        ]
    );
}

#[test]
fn a_bad_block_in_a_paste_is_named_and_nothing_enters_the_plan() {
    let dir = TempDir::new("pty-paste-bad");
    fixture_copy(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["4", "j", "j", key::ENTER]);
    app.send(&pasted("172.20.0.0/16, 172.21.0.1/16"));
    app.wait_for("entry 2");
    app.keys(&[key::ENTER]);
    // Enter is refused while the value is invalid: still typing, plan unchanged.
    app.keys(&[key::ESC, key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0, "nothing changed, so no question");
}

#[test]
fn a_paste_where_keys_are_commands_does_nothing() {
    let dir = TempDir::new("pty-paste-steps");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    // On the steps pane, `6` would open Save and `q` would quit, if typed.
    app.send(&pasted("6q"));
    app.send("j");
    let screen = app.wait_for_line(&["▸2 CNI"]);
    assert!(app.running(), "a paste never quits:\n{screen}");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
