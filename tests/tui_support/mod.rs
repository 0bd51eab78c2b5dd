//! Shared helpers for the TUI tests: key injection, screen text, temporary directories.
#![allow(dead_code)] // each test file uses a different part

use edgeplan::plan::Plan;
use edgeplan::tui::App;
use edgeplan::tui::glyphs::{Glyphs, UNICODE};
use edgeplan::tui::persist::Document;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::{handle_key, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

pub mod payloads;
pub mod pty;
pub mod themes;

/// The example in the default theme with box drawing.
pub fn example() -> App {
    App::example(Theme::default_dark(), UNICODE)
}

/// The example drawn with `glyphs` in `theme`.
pub fn example_with(theme: Theme, glyphs: Glyphs) -> App {
    App::example(theme, glyphs)
}

/// The app as `edgeplan PATH` opens it, in the default theme with box drawing.
pub fn open(path: &std::path::Path) -> App {
    let options = edgeplan::tui::Options {
        plan: Some(path.to_path_buf()),
        ..Default::default()
    };
    edgeplan::tui::build_app(&options, Theme::default_dark(), UNICODE)
}

/// Link-local VPC (VPC route table, security group) and a vSwitch outside it (edge nodes).
pub fn three_hop_errors() -> Plan {
    let mut plan = Plan::example();
    plan.vpc_cidrs = vec!["169.254.0.0/16".parse().unwrap()];
    plan.vswitch_cidrs = vec!["192.168.1.0/24".parse().unwrap()];
    plan
}

/// `plan` as if opened from `plans/site.toml`, drawn with `glyphs` in `theme`.
pub fn opened(plan: Plan, theme: Theme, glyphs: Glyphs) -> App {
    let doc = Document {
        path: Some("plans/site.toml".into()),
        ..Document::unsaved(&plan)
    };
    App::new(plan, doc, theme, glyphs)
}

/// Presses one key.
pub fn press(app: &mut App, code: KeyCode) {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

/// Presses a key `n` times.
pub fn press_n(app: &mut App, code: KeyCode, n: usize) {
    for _ in 0..n {
        press(app, code);
    }
}

/// Presses Ctrl and a letter.
pub fn ctrl(app: &mut App, c: char) {
    handle_key(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types text one character at a time, as a person would.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Draws the app at `width` x `height` and returns the buffer.
pub fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
    terminal.backend().buffer().clone()
}

/// The buffer as plain text, one line per row, trailing spaces kept.
pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        for x in 0..area.width {
            out.push_str(buffer[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The screen text at `width` x `height`.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    text(&draw(app, width, height))
}

/// The position of the first cell where `needle` starts on screen.
pub fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let t = text(buffer);
    t.lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        let x = line[..byte].chars().count();
        Some((x as u16, y as u16))
    })
}

/// A fresh directory under the system temp dir, removed when dropped. `.0` is its path,
/// kept as a field so tests can borrow it; the second field is `tempfile`'s guard, which
/// removes the directory.
pub struct TempDir(pub PathBuf, tempfile::TempDir);

impl TempDir {
    /// Creates a new `edgeplan-<name>-XXXXXX`, unique even when tests share a name.
    pub fn new(name: &str) -> TempDir {
        let guard = tempfile::Builder::new()
            .prefix(&format!("edgeplan-{name}-"))
            .tempdir()
            .expect("temp dir");
        TempDir(guard.path().to_path_buf(), guard)
    }

    /// A path inside the directory.
    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}
