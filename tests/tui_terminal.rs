//! The terminal around the app, end to end in a pseudo-terminal: a terminal that goes
//! away without SIGHUP, job control (stop and continue), and an idle app that writes
//! nothing.

mod tui_support;

use std::path::Path;
use std::time::{Duration, Instant};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// A copy of the example fixture as `plan.toml` in `dir`.
fn plan_in(dir: &TempDir) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(fixture, dir.join("plan.toml")).unwrap();
}

/// The draft files under `data`, with their text.
fn drafts(data: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data.join("drafts")) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

#[test]
fn end_of_file_on_the_terminal_without_sighup_writes_the_draft_and_exits_129() {
    let dir = TempDir::new("pty-eof");
    plan_in(&dir);
    let data = dir.join("data");
    let data_str = data.display().to_string();
    let env = [("EDGEPLAN_DATA_DIR", data_str.as_str())];
    let mut app = Pty::start(Launch {
        env: &env,
        // setsid without a controlling terminal: closing it sends no SIGHUP.
        controlling_tty: false,
        ..Launch::new(&dir.0, &["plan.toml"])
    });
    app.wait_for("Steps");
    app.add_vpc_block();
    // Idle, with the draft written: the app waits for input when the terminal goes.
    let data_dir = data.clone();
    app.wait_until("the draft is written", move |_| {
        !drafts(&data_dir).is_empty()
    });
    std::thread::sleep(Duration::from_millis(300));

    app.hang_up();
    let start = Instant::now();
    let code = app.wait_exit();
    let took = start.elapsed();
    assert_eq!(code, 129, "ended as a hang-up");
    assert!(
        took < Duration::from_secs(5),
        "ended at once, not after spinning: {took:?}"
    );
    let drafts = drafts(&data);
    assert!(
        drafts.iter().any(|d| d.contains("172.16.0.0/16")),
        "the edit is in a draft: {drafts:?}"
    );
}

/// Once told to stop, the app stops and leaves the shell its screen; on SIGCONT it is
/// back on its own screen in raw mode (a single key acts) and quits cleanly.
fn stops_and_comes_back_on_continue(app: &mut Pty) {
    app.wait_until("the app stops", Pty::stopped);
    // The screen the app left before it stopped may still be on its way to the reader.
    app.wait_until("the shell gets its own screen back", |a| {
        !a.alternate_screen()
    });
    app.signal(libc::SIGCONT);
    app.wait_until("the app is back on its own screen", |a| {
        a.alternate_screen() && a.screen().contains("Steps")
    });
    // Raw mode again: a single key acts, no Enter needed.
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn after_stop_and_continue_the_screen_is_redrawn_and_keys_act_without_enter() {
    let dir = TempDir::new("pty-tstp");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    assert!(app.alternate_screen());

    app.signal(libc::SIGTSTP);
    stops_and_comes_back_on_continue(&mut app);
}

#[test]
fn ctrl_z_stops_the_app_and_it_comes_back_on_continue() {
    let dir = TempDir::new("pty-ctrl-z");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    app.keys(&[key::CTRL_Z]);
    stops_and_comes_back_on_continue(&mut app);
}

#[test]
fn an_idle_app_writes_nothing_to_the_terminal() {
    let dir = TempDir::new("pty-idle");
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    // Settle: the first frame and anything the terminal asked for are out.
    std::thread::sleep(Duration::from_millis(500));
    let before = app.bytes_written();
    std::thread::sleep(Duration::from_millis(1500));
    let idle = app.bytes_written() - before;
    assert_eq!(idle, 0, "bytes written over 1.5 s without input");
    // Still awake: a key is drawn at once.
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
}
