//! TUI frame benchmarks: a full frame at 80x24 and 200x60 (target under 1 ms each), and
//! one keystroke in the CIDR editor through re-check to the next frame (target under
//! 2 ms). Frames are drawn into ratatui's `TestBackend`, so terminal output is not timed.
//! On a valid plan with 100,000 CIDR blocks, a cursor keystroke deep in the CIDR list
//! through to the next frame (target under 16 ms): only visible rows are laid out; and a
//! typed character, which changes the plan, through re-check, the hand-over to the signal
//! watcher and the next frame (target under 16 ms): only the shown hop is derived, and
//! the draft text is made only when written.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use edgeplan::draft::DraftStore;
use edgeplan::plan::Plan;
use edgeplan::tui::App;
use edgeplan::tui::autosave::{Autosave, DraftHandoff};
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

/// The 100,000-block plan loaded from its file, autosave on (as the real loop runs it),
/// on the CIDR step with entry 70,000 open for editing and the hop `hops_on` after the
/// edge node shown beside it.
fn typing_in_huge_file(hops_on: usize) -> App {
    let plan = huge_plan();
    let dir = std::env::temp_dir().join(format!("edgeplan-bench-{}", std::process::id()));
    let path = dir.join("plan.toml");
    let text = edgeplan::plan::to_toml(&plan);
    let mut app = App::from_file(&path, plan, text, Theme::default_dark(), UNICODE);
    app.session_mut()
        .set_autosave(Autosave::new(Some(DraftStore { dir })));
    key(&mut app, KeyCode::Char('4'));
    // The plan breaks the route budgets, so it opens on its first broken hop: go back to
    // the edge node first.
    for _ in 0..edgeplan::hop::Hop::ALL.len() {
        key(&mut app, KeyCode::Char('h'));
    }
    for _ in 0..hops_on {
        key(&mut app, KeyCode::Char('l'));
    }
    assert_eq!(
        app.hop(),
        edgeplan::hop::Hop::ALL[hops_on],
        "{:?}",
        app.step()
    );
    app.components_mut().cidrs.cursor = 70_001;
    key(&mut app, KeyCode::Enter);
    let typing = app.draft().map(|d| d.input.value().to_string());
    assert_eq!(
        typing.as_deref(),
        Some("10.68.92.0/26"),
        "the entry typed into"
    );
    app
}

/// Typing into entry 70,000 of the 100,000-block plan: a keystroke changes the plan (or
/// leaves an unfinished value), re-checks it, hands the edit to the signal watcher as the
/// event loop does, and draws the next frame (target under 16 ms); beside the edge node,
/// and beside the VBR with its 100,000 routes back to the data center.
fn typing_huge(c: &mut Criterion) {
    for (w, h, hops_on, shown) in [
        (80, 24, 0, ""),
        (200, 60, 0, ""),
        (80, 24, 3, ", VBR shown"),
    ] {
        let mut app = typing_in_huge_file(hops_on);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut handoff = DraftHandoff::default();
        // Entry 70,000 is 10.68.92.0/26: typing cycles /26 -> /2 -> /27 -> /2 -> /26, so
        // every other keystroke is a valid change of the plan (re-checked in full) and the
        // others an unfinished value (the old one kept, the hops it feeds found).
        let cycle = [
            KeyCode::Backspace,
            KeyCode::Char('7'),
            KeyCode::Backspace,
            KeyCode::Char('6'),
        ];
        let mut next = 0;
        c.bench_function(
            &format!("typing keystroke to frame, 100,000-CIDR plan {w}x{h}{shown}"),
            |b| {
                b.iter(|| {
                    key(&mut app, cycle[next % cycle.len()]);
                    next += 1;
                    handoff.share(app.session());
                    terminal.draw(|frame| ui::render(&app, frame)).unwrap();
                })
            },
        );
    }
}

criterion_group!(benches, frames, keystroke, keystroke_huge, typing_huge);
criterion_main!(benches);
