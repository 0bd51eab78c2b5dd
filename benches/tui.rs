//! TUI frame benchmarks: a full frame at 80x24 and 200x60 (target under 1 ms each), and
//! one keystroke in the CIDR editor through re-check to the next frame (target under
//! 2 ms). Frames are drawn into ratatui's `TestBackend`, so terminal output is not timed.
//! On a valid plan with 100,000 CIDR blocks, a cursor keystroke deep in the CIDR list
//! through to the next frame (target under 16 ms): only visible rows are laid out.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use edgeplan::plan::Plan;
use edgeplan::tui::App;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::{handle_key, ui};
use ipnet::Ipv4Net;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::net::Ipv4Addr;

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

/// The example with 100,000 disjoint /26 data center blocks: valid, so every hop
/// carries its full requirements.
fn huge_plan() -> Plan {
    let mut plan = Plan::example();
    plan.datacenter_cidrs = (0..100_000u32)
        .map(|i| Ipv4Net::new(Ipv4Addr::from(0x0a00_0000 + (i << 6)), 26).unwrap())
        .collect();
    plan
}

/// The CIDR step of the 100,000-block plan, its cursor on entry 70,000.
fn deep_in_huge_list() -> App {
    let plan = huge_plan();
    let doc = edgeplan::tui::persist::Document::unsaved(&plan);
    let mut app = App::new(plan, doc, Theme::default_dark(), UNICODE);
    key(&mut app, KeyCode::Char('4'));
    app.components_mut().cidrs.cursor = 70_001;
    app
}

fn keystroke_huge(c: &mut Criterion) {
    for (w, h) in [(80, 24), (200, 60)] {
        let mut app = deep_in_huge_list();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut down = true;
        c.bench_function(
            &format!("keystroke to frame, 100,000-CIDR plan {w}x{h}"),
            |b| {
                b.iter(|| {
                    key(
                        &mut app,
                        if down {
                            KeyCode::Char('j')
                        } else {
                            KeyCode::Char('k')
                        },
                    );
                    down = !down;
                    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
                })
            },
        );
    }
}

/// Typing into entry 70,000 of the 100,000-block plan: every keystroke re-checks and
/// re-derives the whole plan before the frame (reported, no target).
fn typing_huge(c: &mut Criterion) {
    let mut app = deep_in_huge_list();
    key(&mut app, KeyCode::Enter);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut erase = true;
    c.bench_function("typing keystroke to frame, 100,000-CIDR plan 80x24", |b| {
        b.iter(|| {
            key(
                &mut app,
                if erase {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('6')
                },
            );
            erase = !erase;
            terminal.draw(|frame| ui::render(&app, frame)).unwrap();
        })
    });
}

criterion_group!(benches, frames, keystroke, keystroke_huge, typing_huge);
criterion_main!(benches);
