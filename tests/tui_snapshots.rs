//! Screen snapshots (ratatui `TestBackend`): every step at 80x24 and 160x48, the
//! vertical layout, each theme, a plan with errors on three hops, help, the walkthrough,
//! ASCII drawing, the load-error screen and the "too small" notice.

mod tui_support;

use edgeplan::Hop;
use edgeplan::hop::HopStatus;
use edgeplan::plan::{Plan, parse_plan};
use edgeplan::tui::App;
use edgeplan::tui::app::Step;
use edgeplan::tui::glyphs::{ASCII, UNICODE};
use edgeplan::tui::persist::Document;
use edgeplan::tui::theme::Theme;
use insta::assert_snapshot;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use std::fmt::Write as _;
use tui_support::*;

/// Link-local VPC (VPC route table, security group) and a vSwitch outside it (edge nodes).
fn three_hop_errors() -> Plan {
    let mut plan = Plan::example();
    plan.vpc_cidrs = vec!["169.254.0.0/16".parse().unwrap()];
    plan.vswitch_cidrs = vec!["192.168.1.0/24".parse().unwrap()];
    plan
}

fn app_for(plan: Plan, theme: Theme) -> App {
    let doc = Document {
        path: Some("plans/site.toml".into()),
        original: None,
        saved: plan.clone(),
        new_file: false,
        stamp: None,
    };
    App::new(plan, doc, theme, UNICODE)
}

fn on_step(step: Step) -> App {
    let mut app = example();
    let key = char::from(b'1' + step.index() as u8);
    press(&mut app, KeyCode::Char(key));
    app
}

#[test]
fn three_hop_plan_breaks_exactly_three_hops() {
    let app = app_for(three_hop_errors(), Theme::default_dark());
    let red: Vec<Hop> = Hop::ALL
        .into_iter()
        .filter(|h| app.hop_status(*h) == HopStatus::Error)
        .collect();
    assert_eq!(red, [Hop::EdgeNode, Hop::VpcRouteTable, Hop::SecurityGroup]);
}

#[test]
fn every_step_at_80x24() {
    for step in Step::ALL {
        let name = format!("step_{}_80x24", step.title().to_lowercase());
        assert_snapshot!(name, screen(&on_step(step), 80, 24));
    }
}

#[test]
fn every_step_at_160x48() {
    for step in Step::ALL {
        let name = format!("step_{}_160x48", step.title().to_lowercase());
        assert_snapshot!(name, screen(&on_step(step), 160, 48));
    }
}

#[test]
fn vertical_layout_just_below_100_columns() {
    let mut app = app_for(three_hop_errors(), Theme::default_dark());
    press_n(&mut app, KeyCode::Char('l'), 5);
    assert_snapshot!("vertical_99x30", screen(&app, 99, 30));
}

#[test]
fn plan_with_errors_on_three_hops() {
    let app = app_for(three_hop_errors(), Theme::default_dark());
    assert_snapshot!("three_hop_errors_80x24", screen(&app, 80, 24));
    assert_snapshot!("three_hop_errors_160x48", screen(&app, 160, 48));
    let mut review = app_for(three_hop_errors(), Theme::default_dark());
    press(&mut review, KeyCode::Char('5'));
    assert_snapshot!("three_hop_errors_review_80x24", screen(&review, 80, 24));
    assert_snapshot!("three_hop_errors_review_160x48", screen(&review, 160, 48));
}

/// The screen text followed by the style runs of the rows that carry meaning in colour:
/// the hop boxes, a finding, the cursor row and the status line.
fn text_and_styles(buffer: &Buffer, rows: &[u16]) -> String {
    let mut out = text(buffer);
    out.push_str("\n-- styles (row: columns fg bg modifiers \"text\") --\n");
    for &y in rows {
        let mut x = 0;
        while x < buffer.area.width {
            let start = x;
            let cell = &buffer[(x, y)];
            let key = (cell.fg, cell.bg, cell.modifier);
            let mut run = String::new();
            while x < buffer.area.width
                && (
                    buffer[(x, y)].fg,
                    buffer[(x, y)].bg,
                    buffer[(x, y)].modifier,
                ) == key
            {
                run.push_str(buffer[(x, y)].symbol());
                x += 1;
            }
            if run.trim().is_empty()
                && key
                    == (
                        ratatui::style::Color::Reset,
                        ratatui::style::Color::Reset,
                        ratatui::style::Modifier::empty(),
                    )
            {
                continue;
            }
            let _ = writeln!(
                out,
                "{y:>2}: {start:>3}-{:<3} {:?} {:?} {:?} {:?}",
                x - 1,
                key.0,
                key.1,
                key.2,
                run.trim_end()
            );
        }
    }
    out
}

#[test]
fn each_theme_on_a_plan_with_errors() {
    for name in ["default", "light", "high-contrast", "mono"] {
        let mut app = app_for(three_hop_errors(), Theme::builtin(name).unwrap());
        press(&mut app, KeyCode::Char('5'));
        let buffer = draw(&app, 160, 48);
        // Rows: hop titles, hop blocks, the finding under the cursor, the status line.
        let (_, cursor) = find(&buffer, "▸✗ error").expect("the review cursor");
        assert_snapshot!(
            format!("theme_{name}_160x48"),
            text_and_styles(&buffer, &[1, 2, cursor, 47])
        );
    }
}

#[test]
fn mono_theme_draws_no_colour_anywhere() {
    let mut app = app_for(three_hop_errors(), Theme::builtin("mono").unwrap());
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "bad");
    for (w, h) in [(80, 24), (160, 48)] {
        let buffer = draw(&app, w, h);
        for cell in buffer.content() {
            assert_eq!(
                (cell.fg, cell.bg),
                (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn help_overlay() {
    let mut app = example();
    press(&mut app, KeyCode::Char('?'));
    assert_snapshot!("help_steps_80x24", screen(&app, 80, 24));
    let mut app = on_step(Step::Cidrs);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::F(1));
    assert_snapshot!("help_typing_cidr_160x48", screen(&app, 160, 48));
}

#[test]
fn an_invalid_entry_shows_its_reason_beside_it() {
    let mut app = on_step(Step::Cidrs);
    press_n(&mut app, KeyCode::Char('j'), 3);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Backspace);
    assert_snapshot!("invalid_entry_80x24", screen(&app, 80, 24));
    assert_snapshot!("invalid_entry_160x48", screen(&app, 160, 48));
}

#[test]
fn walkthrough() {
    let mut app = app_for(three_hop_errors(), Theme::default_dark());
    press(&mut app, KeyCode::Char('w'));
    assert_snapshot!("walkthrough_edge_nodes_80x24", screen(&app, 80, 24));
    press_n(&mut app, KeyCode::Char('l'), 2);
    assert_snapshot!("walkthrough_firewall_160x48", screen(&app, 160, 48));
}

#[test]
fn ascii_drawing_has_no_box_or_arrow_glyphs() {
    let mut app = example_with(Theme::default_dark(), ASCII);
    press(&mut app, KeyCode::Char('l'));
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&app, w, h);
        assert!(s.is_ascii(), "{s}");
        assert_snapshot!(format!("ascii_{w}x{h}"), s);
    }
}

#[test]
fn load_error_screen_names_file_line_and_value() {
    let text = "schema_version = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"calico\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n";
    let error = parse_plan("plans/bad.toml", text).unwrap_err().to_string();
    let app = App::load_failed(
        "plans/bad.toml".as_ref(),
        error,
        Theme::default_dark(),
        UNICODE,
    );
    assert_snapshot!("load_error_80x24", screen(&app, 80, 24));
}

#[test]
fn too_small_shows_a_notice_and_never_panics() {
    let app = example();
    assert_snapshot!("too_small_79x24", screen(&app, 79, 24));
    for (w, h) in [(0, 0), (1, 1), (10, 3), (80, 23), (200, 5), (79, 60)] {
        let s = screen(&app, w, h);
        if w >= 20 && h >= 3 {
            assert!(
                s.contains("Terminal too small") || s.contains("too small"),
                "{w}x{h}: {s}"
            );
        }
    }
}
