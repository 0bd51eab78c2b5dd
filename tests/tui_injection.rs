//! Terminal injection through the TUI: the real binary in a pseudo-terminal, on plans,
//! file names, drafts and themes that carry payloads. None of the payloads' bytes may
//! reach the terminal; their escaped form shows on screen instead.

mod tui_support;

use edgeplan::draft::{DraftKey, DraftStore};
use edgeplan::escape::is_unsafe;
use std::path::Path;
use tui_support::TempDir;
use tui_support::payloads::{PAYLOADS, marked, toml_string};
use tui_support::pty::{Launch, Pty, key};

/// A file name with an OSC 52 write, a newline, RLO and a line separator.
const FILE: &str = "p<<\x1b]52;c;SGk=\x07\n\u{202e}\u{2028}>>.toml";
/// `FILE` as the app shows it.
const FILE_SHOWN: &str = "p<<\\e]52;c;SGk=\\u{7}\\n\\u{202e}\\u{2028}>>.toml";

/// Every payload, one after the other.
fn all_payloads() -> String {
    PAYLOADS.iter().map(|(_, p)| marked(p)).collect()
}

/// A valid plan whose meta fields hold `text`.
fn plan(text: &str) -> String {
    let v = toml_string(text);
    format!(
        "schema_version = 1\n[meta]\nname = {v}\ncustomer = {v}\nauthor = {v}\nnotes = {v}\n\
         [network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\n\
         datacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n"
    )
}

fn start(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
    Pty::start(Launch {
        env,
        size: (220, 50),
        ..Launch::new(dir, args)
    })
}

/// Nothing of a payload reached the terminal: no OSC 52, no payload after its marker, and
/// no unsafe character but the ESC, CR and LF of the app's own drawing.
fn assert_nothing_reached(app: &Pty) {
    let bytes = app.output();
    let out = String::from_utf8_lossy(&bytes);
    assert!(
        !out.contains("\x1b]52"),
        "an OSC 52 write reached the terminal"
    );
    for (name, payload) in PAYLOADS {
        let head: String = payload.chars().take(1).collect();
        assert!(
            !out.contains(&format!("<<{head}")),
            "{name} reached the terminal"
        );
    }
    let raw: Vec<char> = out
        .chars()
        .filter(|&c| !matches!(c, '\x1b' | '\r' | '\n') && is_unsafe(c))
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} reached the terminal");
}

#[test]
fn a_plan_and_file_name_with_payloads_show_escaped_and_never_reach_the_terminal() {
    let dir = TempDir::new("inject-tui-plan");
    std::fs::write(dir.join(FILE), plan(&all_payloads())).unwrap();
    let mut app = start(&dir.0, &[FILE], &[]);
    // Waits for the status line itself: the frame may be read before its last row.
    let screen = app.wait_for(FILE_SHOWN);
    assert!(screen.contains("Steps"), "{screen}");
    app.keys(&["6"]);
    let screen = app.wait_for_line(&["Save to: ", FILE_SHOWN]);
    // The cursor stands after the escaped name, where typing goes on.
    let (row, col) = app.cursor();
    let line = screen.lines().nth(usize::from(row)).unwrap_or_default();
    let end = line
        .find(FILE_SHOWN)
        .map(|at| line[..at].chars().count() + FILE_SHOWN.chars().count());
    assert_eq!(Some(usize::from(col)), end, "{screen}");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
    assert_nothing_reached(&app);
}

#[test]
fn a_broken_plan_with_payloads_shows_them_escaped_and_prints_them_escaped_on_exit() {
    let dir = TempDir::new("inject-tui-broken");
    let key = toml_string(&marked("\x1b[2J\u{202e}\u{2028}"));
    let text = plan("ok").replace("[network]\n", &format!("[network]\n{key} = 1\n"));
    std::fs::write(dir.join(FILE), text).unwrap();
    let mut app = start(&dir.0, &[FILE], &[]);
    let screen = app.wait_for("could not be read");
    let key_shown = "unknown field `<<\\e[2J\\u{202e}\\u{2028}>>`";
    assert!(
        screen.contains(FILE_SHOWN) && screen.contains(key_shown),
        "{screen}"
    );
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 2);
    // The message printed on exit, on the normal screen.
    let after = app.screen();
    assert!(
        after.contains(FILE_SHOWN) && after.contains(key_shown),
        "{after}"
    );
    assert_nothing_reached(&app);
}

#[test]
fn the_restore_dialog_shows_a_drafts_payloads_escaped() {
    let dir = TempDir::new("inject-tui-draft");
    let path = dir.join("plan.toml");
    std::fs::write(&path, plan("plain")).unwrap();
    let store = DraftStore {
        dir: dir.join("data/drafts"),
    };
    let notes = "<<\x1b]52;c;SGk=\x07\n\u{202e}\u{2028}>>";
    store
        .save(&DraftKey::for_file(&path), &plan(notes))
        .unwrap();
    let data = dir.join("data").display().to_string();
    let env = [("EDGEPLAN_DATA_DIR", data.as_str())];
    let path_arg = path.display().to_string();
    let mut app = start(&dir.0, &[&path_arg], &env);
    let screen = app.wait_for("Restore unsaved changes?");
    let shown = "meta.notes: plain -> <<\\e]52;c;SGk=\\u{7}\\n\\u{202e}\\u{2028}>>";
    assert!(screen.contains(shown), "{screen}");
    app.keys(&["q"]);
    app.wait_exit();
    assert_nothing_reached(&app);
}

#[test]
fn a_theme_whose_name_and_keys_hold_payloads_is_reported_escaped() {
    let dir = TempDir::new("inject-tui-theme");
    let name = "t<<\x1b]52;c;SGk=\x07\u{2028}>>";
    let themes = dir.join(".config/edgeplan/themes");
    std::fs::create_dir_all(&themes).unwrap();
    let bad_key = toml_string("k<<\u{2028}\x1b[2J>>");
    std::fs::write(
        themes.join(format!("{name}.toml")),
        format!("{bad_key} = 1\n"),
    )
    .unwrap();
    let mut app = start(&dir.0, &["--theme", name], &[]);
    let screen = app.wait_for("Steps");
    let name_shown = "t<<\\e]52;c;SGk=\\u{7}\\u{2028}>>.toml";
    assert!(screen.contains(name_shown), "{screen}");
    app.keys(&[key::ESC, "q"]);
    app.wait_exit();
    let after = app.screen();
    assert!(
        after.contains(name_shown) && after.contains("k<<\\u{2028}\\e[2J>>"),
        "{after}"
    );
    assert_nothing_reached(&app);
}
