//! Hints, dialogs and messages at a jump host: the hints keep `^S save` and undo when
//! the plan is modified and drop what read-only refuses; the restore question shows its
//! answers at 80x24 however long its lines; a message takes one line and `m` recalls
//! it whole; a terminal too small to draw acts on nothing but quit. Driven in a
//! pseudo-terminal, the way it was tried.

mod tui_support;

use edgeplan::draft::{DraftKey, DraftStore};
use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

fn fixture_text() -> String {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::read_to_string(fixture).unwrap()
}

/// The status line: the last row.
fn status(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn a_modified_plan_keeps_save_and_undo_in_the_hints() {
    let dir = TempDir::new("pty-hints-modified");
    std::fs::write(dir.join("plan.toml"), fixture_text()).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["4", "j", "j", "j", "d"]);
    let screen = app.wait_for("u undo");
    let hints = status(&screen);
    assert!(hints.contains('●'), "marked modified: {hints}");
    for hint in ["^S save", "u undo", "? help", "q quit"] {
        assert!(hints.contains(hint), "{hint} in: {hints}");
    }
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn read_only_hints_offer_no_edit_and_no_save() {
    let dir = TempDir::new("pty-hints-read-only");
    std::fs::write(dir.join("plan.toml"), fixture_text()).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["--read-only", "plan.toml"]));
    app.wait_for("[read-only]");
    app.keys(&["4"]);
    let screen = app.wait_for("Scope");
    let hints = status(&screen);
    for hint in ["^S", "a add", "d delete", "Enter edit"] {
        assert!(!hints.contains(hint), "no {hint} in: {hints}");
    }
    assert!(hints.contains("q quit"), "{hints}");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn the_restore_question_shows_every_answer_at_80x24_with_long_lines_indented() {
    let dir = TempDir::new("pty-dialog-restore");
    let path = dir.join("plan.toml");
    let text = fixture_text();
    std::fs::write(&path, &text).unwrap();
    let blocks: Vec<String> = (0..12)
        .map(|i| format!("\"172.{}.0.0/16\"", 16 + i))
        .collect();
    let draft = text.replace(
        "vpc_cidrs = [\"192.168.0.0/16\"]",
        &format!("vpc_cidrs = [\"192.168.0.0/16\", {}]", blocks.join(", ")),
    );
    let store = DraftStore {
        dir: dir.join("data/drafts"),
    };
    store.save(&DraftKey::for_file(&path), &draft).unwrap();
    let data = dir.join("data").display().to_string();
    let env = [("EDGEPLAN_DATA_DIR", data.as_str())];
    let path_arg = path.display().to_string();
    let mut app = Pty::start(Launch {
        env: &env,
        ..Launch::new(&dir.0, &[&path_arg])
    });
    let screen = app.wait_for("Restore unsaved changes?");
    for answer in ["r restore them", "d discard them", "q quit, keep them"] {
        assert!(screen.contains(answer), "{answer}:\n{screen}");
    }
    let wrapped = screen
        .lines()
        .skip_while(|l| !l.contains("network.vpc_cidrs"))
        .nth(1)
        .unwrap_or_default();
    // The pane's border, then the dialog's: the text is the third piece.
    let inside = wrapped.split('│').nth(2).unwrap_or_default();
    assert!(
        inside.starts_with("          "),
        "a wrapped line is indented under its first:\n{screen}"
    );
    app.keys(&["r"]);
    app.wait_for("Restored");
    app.keys(&[key::CTRL_C]);
    app.wait_for("Quit?");
    app.keys(&["n"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_long_message_takes_one_line_and_m_recalls_it_whole() {
    let dir = TempDir::new("pty-messages");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    // Choosing Singapore unsets Hangzhou's management address: a long message.
    app.keys(&["1", "/"]);
    app.send("singapore");
    app.wait_for("ap-southeast-1");
    app.keys(&[key::ENTER]);
    let screen = app.wait_for("(m: whole)");
    let rows: Vec<&str> = screen.lines().collect();
    assert!(
        rows[rows.len() - 2].contains("Region: ap-southeast-1"),
        "the message is on the row above the status line:\n{screen}"
    );
    assert!(
        rows[..rows.len() - 2]
            .iter()
            .all(|r| !r.contains("management_ip")),
        "it covers no pane:\n{screen}"
    );
    app.keys(&[key::ESC]);
    app.wait_until("the message is gone", |p| {
        !p.screen().contains("(m: whole)")
    });
    app.keys(&["m"]);
    let recalled = app.wait_for("Messages");
    assert!(
        recalled.contains("cs-anony-vpc.ap-southeast-1.aliyuncs.com"),
        "the whole message:\n{recalled}"
    );
    app.keys(&[key::ESC, key::CTRL_C]);
    app.wait_for("Quit?");
    app.keys(&["n"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_terminal_too_small_acts_on_no_key_but_quit() {
    let dir = TempDir::new("pty-too-small");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    app.resize(60, 20);
    app.wait_for("Terminal too small");
    app.keys(&["?", "6", "w"]);
    app.resize(80, 24);
    let back = app.wait_for("Steps");
    assert!(!back.contains("Keys (Esc"), "no help opened blind:\n{back}");
    assert!(!back.contains("Save to:"), "no step changed blind:\n{back}");
    app.resize(60, 20);
    app.wait_for("Terminal too small");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
