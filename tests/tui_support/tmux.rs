//! A private tmux server for end-to-end tests of the real binary in a real terminal.
//! Without tmux the tests print a loud skip notice, unless CI is set: then they fail.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_edgeplan");

/// A private tmux server (its own socket), killed when dropped.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in an 80x24 session; `None` (after a notice) when tmux is missing.
    pub fn start(name: &str, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "tmux is not installed, and CI is set: the end-to-end TUI tests must run in CI"
                );
            }
            eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            eprintln!(
                "!!! SKIPPED {name}: tmux is not installed; the TUI was not tested in a real terminal"
            );
            eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            return None;
        }
        let tmux = Tmux {
            socket: format!("edgeplan-test-{name}-{}", std::process::id()),
        };
        let out = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(tmux)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends tmux key names (Enter, C-s, j).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        assert!(self.run(&args).status.success());
    }

    /// Types literal text.
    pub fn text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    pub fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until the screen shows `needle`; panics with the screen after 10 s.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_line(&[needle])
    }

    /// Waits until one line of the screen shows every part, in order.
    pub fn wait_for_line(&self, parts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            let found = screen.lines().any(|line| {
                let mut rest = line;
                parts.iter().all(|p| match rest.find(p) {
                    Some(at) => {
                        rest = &rest[at + p.len()..];
                        true
                    }
                    None => false,
                })
            });
            if found {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {parts:?}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The shell command that runs the binary in `dir` with a clean environment and writes
/// its exit code to `dir/exit`.
pub fn command(dir: &Path, locale: &str, args: &str) -> String {
    format!(
        "cd {dir} && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG={locale} XDG_CONFIG_HOME={dir}/config HOME={dir} {BIN} {args}; echo $? > {dir}/exit; sleep 30",
        dir = dir.display()
    )
}

pub fn wait_for_exit(dir: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(code) = std::fs::read_to_string(dir.join("exit"))
            && code.ends_with('\n')
        {
            return code.trim().to_string();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("edgeplan did not exit");
}
