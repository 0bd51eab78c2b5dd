//! The engineer's whole job, timed in keystrokes: a Frankfurt / Terway Edge / CEN /
//! fine-scope plan built from nothing in the real binary, saved, and clean by `check`.
//! Every key is counted, typed text one per character, as a person types it.

mod tui_support;

use std::process::Command;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// The pseudo-terminal and the number of keystrokes sent so far.
struct Counted {
    app: Pty,
    keystrokes: usize,
}

impl Counted {
    fn keys(&mut self, keys: &[&str]) {
        self.keystrokes += keys.len();
        self.app.keys(keys);
    }

    fn text(&mut self, text: &str) {
        self.keystrokes += text.chars().count();
        self.app.send(text);
    }
}

#[test]
fn a_frankfurt_terway_cen_fine_scope_plan_from_nothing_to_a_clean_save_in_68_keystrokes() {
    let dir = TempDir::new("pty-frankfurt");
    let app = Pty::start(Launch::new(&dir.0, &["frankfurt.toml"]));
    app.wait_for("Steps");
    let mut t = Counted { app, keystrokes: 0 };
    // Region: open the step, filter, choose.
    t.keys(&[key::ENTER, "/"]);
    t.text("frankf");
    t.app.wait_for("eu-central-1");
    t.keys(&[key::ENTER]);
    // CNI: Terway Edge (it brings a free container block); transit: CEN.
    t.app.wait_for("Which CNI plugin");
    t.keys(&["j", key::ENTER]);
    t.app.wait_for("How does the VBR reach the VPC?");
    t.keys(&["j", key::ENTER]);
    // CIDRs: fine scope, the data center and the VPC.
    t.app.wait_for("Scope");
    t.keys(&[key::ENTER, "j", key::ENTER]);
    t.text("10.10.0.0/16");
    t.keys(&[key::ENTER, "j", key::ENTER]);
    t.text("192.168.0.0/16");
    t.keys(&[key::ENTER]);
    t.app.wait_for_line(&["5 Review", "1 err"]);
    // Review: Enter goes to the fix; NTP and packages over the internet, and the
    // management address as resolved in the customer's VPC.
    t.keys(&[
        "5",
        key::ENTER,
        key::ENTER,
        "j",
        key::ENTER,
        "k",
        "k",
        key::ENTER,
    ]);
    t.text("100.100.0.10");
    t.keys(&[key::ENTER]);
    t.app.wait_for_line(&["5 Review", "all ok"]);
    t.keys(&[key::CTRL_S]);
    t.app.wait_for("Saved");
    eprintln!(
        "keystrokes from launch to a clean saved plan: {}",
        t.keystrokes
    );
    assert_eq!(t.keystrokes, 68);

    let check = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .arg("check")
        .arg(dir.join("frankfurt.toml"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{out}");
    assert!(out.contains("ok: 0 error(s), 0 warning(s)"), "{out}");
    t.keys(&[key::ESC, "q"]);
    assert_eq!(t.app.wait_exit(), 0);
}
