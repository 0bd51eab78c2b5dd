//! The TUI on plans with 100,000 CIDR blocks: lists are drawn from a window around the
//! cursor or scroll offset, and rows past 65,535 show the right entries (offsets never
//! wrap at `u16`). Frame time is measured in `benches/tui.rs`.

mod tui_support;

use edgeplan::Hop;
use edgeplan::plan::Plan;
use edgeplan::tui::App;
use edgeplan::tui::app::Pane;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::persist::Document;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::ui::{details, walkthrough};
use ipnet::Ipv4Net;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::net::Ipv4Addr;
use tui_support::*;

/// Block `i` of a list of disjoint /26 blocks from `base` on.
fn block(base: [u8; 4], i: u32) -> Ipv4Net {
    Ipv4Net::new(
        Ipv4Addr::from(u32::from(Ipv4Addr::from(base)) + (i << 6)),
        26,
    )
    .unwrap()
}

fn blocks(base: [u8; 4], n: u32) -> Vec<Ipv4Net> {
    (0..n).map(|i| block(base, i)).collect()
}

/// The example with 100,000 data center blocks: valid, so every route is required.
fn huge_datacenter() -> App {
    let mut plan = Plan::example();
    plan.datacenter_cidrs = blocks([10, 0, 0, 0], 100_000);
    opened(plan)
}

/// The app opened on `plan` as if it were saved (no file behind it).
fn opened(plan: Plan) -> App {
    let doc = Document::unsaved(&plan);
    App::new(plan, doc, Theme::default_dark(), UNICODE)
}

#[test]
fn the_cidr_step_draws_entry_70000_of_100000_under_the_cursor() {
    let mut app = huge_datacenter();
    press(&mut app, KeyCode::Char('4'));
    // Row 0 is the scope switch; entry i of the first list is row i + 1.
    app.components_mut().cidrs.cursor = 70_001;
    for (w, h) in [(80, 24), (200, 60)] {
        let s = screen(&app, w, h);
        let here = format!("{} {}", UNICODE.pointer, block([10, 0, 0, 0], 70_000));
        assert!(s.contains(&here), "{w}x{h}: no {here:?} in\n{s}");
        assert!(
            s.contains(&format!("  {}", block([10, 0, 0, 0], 69_999))),
            "{s}"
        );
    }
    press(&mut app, KeyCode::Char('j'));
    let s = screen(&app, 80, 24);
    let next = format!("{} {}", UNICODE.pointer, block([10, 0, 0, 0], 70_001));
    assert!(s.contains(&next), "{s}");
}

#[test]
fn the_cidr_step_draws_the_end_of_a_100000_entry_list() {
    let mut app = huge_datacenter();
    press(&mut app, KeyCode::Char('4'));
    // The data center list's add row, right after its last entry.
    app.components_mut().cidrs.cursor = 100_001;
    let s = screen(&app, 80, 24);
    assert!(
        s.contains(&format!("  {}", block([10, 0, 0, 0], 99_999))),
        "{s}"
    );
    assert!(s.contains(&format!("{} + add", UNICODE.pointer)), "{s}");
    // Past the last row: the cursor stays on it.
    app.components_mut().cidrs.cursor = usize::MAX;
    let s = screen(&app, 80, 24);
    assert!(s.contains(&format!("{} notes", UNICODE.pointer)), "{s}");
}

#[test]
fn the_review_step_draws_finding_70000_of_100000_under_the_cursor() {
    let mut plan = Plan::example();
    // Public VPC blocks: a vpc-not-private warning each.
    plan.vpc_cidrs = blocks([20, 0, 0, 0], 100_000);
    let mut app = opened(plan);
    press(&mut app, KeyCode::Char('5'));
    app.components_mut().review.cursor = 70_000;
    let expected = app.review_findings()[70_000].message.clone();
    // The block and the words after it share a line at both sizes.
    let net = expected.split_whitespace().nth(2).unwrap();
    assert!(net.starts_with("20."), "{expected}");
    let head = format!("{net} is outside");
    for (w, h) in [(80, 24), (200, 60)] {
        let s = screen(&app, w, h);
        assert!(s.contains(&head), "{w}x{h}: no {head:?} in\n{s}");
    }
}

/// The first text row of `render` drawn alone over a `w` x `h` terminal.
fn drawn(
    app: &App,
    w: u16,
    h: u16,
    render: fn(&App, &mut ratatui::Frame, ratatui::layout::Rect),
) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| render(app, f, f.area())).unwrap();
    text(terminal.backend().buffer())
}

/// Selects `hop` with the hop keys, as a person would.
fn select_hop(app: &mut App, hop: Hop) {
    while app.hop() != hop {
        let key = if app.hop().index() < hop.index() {
            'l'
        } else {
            'h'
        };
        press(app, KeyCode::Char(key));
    }
}

/// Scrolls by pressing keys as a person would: pages, then single lines.
fn scroll_down(app: &mut App, lines: usize) {
    press_n(app, KeyCode::PageDown, lines / 10);
    press_n(app, KeyCode::Down, lines % 10);
}

#[test]
fn the_details_pane_scrolls_past_65535_lines_to_the_right_route() {
    let mut app = huge_datacenter();
    select_hop(&mut app, Hop::VpcRouteTable);
    // Tab from the steps pane: the step, then the details.
    press_n(&mut app, KeyCode::Tab, 2);
    assert_eq!(app.focus(), Pane::Details);
    // The pane's border takes a column on each side.
    let full = details::doc(&app, 98).lines;
    assert!(full.len() > 150_000, "{} lines", full.len());
    let target = (70_000..)
        .find(|&i| full[i].to_string().contains("/26"))
        .unwrap();
    scroll_down(&mut app, target);
    let s = drawn(&app, 100, 30, details::render);
    let row = s.lines().nth(1).unwrap();
    assert!(
        row.contains(full[target].to_string().trim_end()),
        "line {target}: {:?}\n{s}",
        full[target].to_string()
    );
}

#[test]
fn the_walkthrough_scrolls_past_65535_lines_to_the_right_route() {
    let mut app = huge_datacenter();
    press(&mut app, KeyCode::Char('w'));
    // The VPC route table: the last slide but one.
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.hop(), Hop::VpcRouteTable);
    // The border and a column of padding each side.
    let full = walkthrough::doc(&app, 96).lines;
    let target = (70_000..)
        .find(|&i| full[i].to_string().contains("/26"))
        .unwrap();
    // A slide scrolls a page with Ctrl-D (PageDown moves to the next slide).
    for _ in 0..target / 10 {
        ctrl(&mut app, 'd');
    }
    press_n(&mut app, KeyCode::Down, target % 10);
    assert_eq!(app.hop(), Hop::VpcRouteTable);
    let s = drawn(&app, 100, 30, walkthrough::render);
    // The first row below the diagram and the hop's title.
    let row = s.lines().nth(12).unwrap();
    assert!(
        row.contains(full[target].to_string().trim()),
        "line {target}: {:?}\n{s}",
        full[target].to_string()
    );
}

#[test]
fn a_rule_over_100000_blocks_names_32_of_them_on_screen_and_counts_the_rest() {
    let mut app = huge_datacenter();
    select_hop(&mut app, Hop::SecurityGroup);
    let shown: String = details::doc(&app, 98)
        .lines
        .iter()
        .map(|l| l.to_string() + "\n")
        .collect();
    assert!(shown.contains("and 99,968 more"), "{shown}");
    assert!(shown.len() < 64 * 1024, "{} bytes", shown.len());
    assert!(
        !shown.contains(&block([10, 0, 0, 0], 32).to_string()),
        "{shown}"
    );
}

#[test]
fn a_region_filter_near_65535_columns_keeps_the_cursor_on_screen() {
    let mut app = example();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    // As after a paste: one key per character would make this test slow.
    let region = app.plan().region.clone();
    let picker = &mut app.components_mut().region;
    picker.filter = tui_input::Input::new("x".repeat(65_530));
    picker.refilter(&region);
    type_text(&mut app, "x");
    let buffer = draw(&app, 80, 24);
    assert!(text(&buffer).contains("No region matches"));
}
