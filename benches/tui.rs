//! TUI frame benchmarks: a full frame at 80x24 and 200x60 (target under 1 ms each), and
//! one keystroke in the CIDR editor through re-check to the next frame (target under
//! 2 ms). Frames are drawn into ratatui's `TestBackend`, so terminal output is not timed.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use edgeplan::tui::App;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::{handle_key, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;

fn key(app: &mut App, code: KeyCode) {
    handle_key(app, KeyEvent::new(code, KeyModifiers::NONE));
}

/// The example on the CIDR step with the VPC block open for editing, its last digit
/// deleted: the next keystroke makes it valid again.
fn editing_vpc() -> App {
    let mut app = App::example(Theme::default_dark(), UNICODE);
    key(&mut app, KeyCode::Char('4'));
    for _ in 0..3 {
        key(&mut app, KeyCode::Char('j'));
    }
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Backspace);
    app
}

fn frames(c: &mut Criterion) {
    for (w, h) in [(80, 24), (200, 60)] {
        let app = editing_vpc();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(&format!("frame_{w}x{h}"), |b| {
            b.iter(|| {
                terminal
                    .draw(|frame| ui::render(black_box(&app), frame))
                    .unwrap();
            })
        });
    }
}

fn keystroke(c: &mut Criterion) {
    for (w, h) in [(80, 24), (200, 60)] {
        let app = editing_vpc();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        c.bench_function(&format!("keystroke_recheck_frame_{w}x{h}"), |b| {
            b.iter_batched(
                || app.clone(),
                |mut app| {
                    key(&mut app, KeyCode::Char('6'));
                    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
                    app
                },
                BatchSize::SmallInput,
            )
        });
    }
}

criterion_group!(benches, frames, keystroke);
criterion_main!(benches);
