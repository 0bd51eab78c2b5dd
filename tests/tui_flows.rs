//! The flows step: every required flow with its verdict; the selected one's path drawn on
//! the topology with the hop where it stops marked, its trace and fix in the details
//! pane; a hop that is not surveyed shows unknown (grey), never red.

mod tui_support;

use edgeplan::hop::{Hop, HopStatus};
use edgeplan::plan::load_path;
use edgeplan::tui::App;
use edgeplan::tui::app::{Pane, Step};
use edgeplan::tui::glyphs::{ASCII, Glyphs, UNICODE};
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use tui_support::{opened, press, screen, type_text};

fn on_flows(fixture: &str, glyphs: Glyphs) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let plan = load_path(&path).unwrap().0;
    let mut app = opened(plan, Theme::default_dark(), glyphs);
    type_text(&mut app, "8");
    assert_eq!((app.step(), app.focus()), (Step::Flows, Pane::Body));
    app
}

#[test]
fn a_flow_denied_at_the_security_group_marks_that_hop_and_only_it() {
    let app = on_flows("observed/port-not-allowed.toml", UNICODE);
    let flow = app.selected_flow().unwrap();
    assert_eq!(flow.flow.id, "edge-to-apiserver");
    for &hop in Hop::path(app.plan().transit) {
        let want = if hop == Hop::SecurityGroup {
            HopStatus::Error
        } else {
            HopStatus::Ok
        };
        assert_eq!(app.hop_status(hop), want, "{hop}");
    }
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("✗ DENIED_IN there"), "{shown}");
    let wide = screen(&app, 120, 40);
    assert!(
        wide.contains("fix: On security-group, add an inbound allow"),
        "{wide}"
    );
}

#[test]
fn enter_on_a_blocked_flow_opens_the_survey_of_the_hop_that_stops_it() {
    let mut app = on_flows("observed/port-not-allowed.toml", UNICODE);
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.step(), app.hop()), (Step::Survey, Hop::SecurityGroup));
    assert!(
        app.message()
            .unwrap()
            .text
            .starts_with("Fix: On security-group")
    );
}

#[test]
fn unsurveyed_hops_are_unknown_grey_and_never_red() {
    let app = on_flows("observed/cloud-side-only.toml", UNICODE);
    for hop in [Hop::CoreSwitch, Hop::Firewall, Hop::Vbr, Hop::Transit] {
        assert_eq!(app.hop_status(hop), HopStatus::Ok, "{hop}");
        assert!(app.hop_unknown(hop), "{hop}");
    }
    assert!(!app.hop_unknown(Hop::VpcRouteTable));
    assert!(
        !app.hop_unknown(Hop::EdgeNode),
        "the edge nodes are no device to survey"
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("? Core switch"), "{shown}");
    assert!(shown.contains("? unknown"), "{shown}");
}

#[test]
fn nothing_surveyed_says_where_to_start() {
    let app = on_flows("example-flannel-ecr.toml", UNICODE);
    assert!(app.selected_flow().is_none());
    assert!(screen(&app, 80, 24).contains("No hop is surveyed yet"));
}

#[test]
fn flows_screens() {
    let blocked = on_flows("observed/port-not-allowed.toml", UNICODE);
    let mut unknown = on_flows("observed/cloud-side-only.toml", UNICODE);
    press(&mut unknown, KeyCode::Down);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("blocked_{w}x{h}"), screen(&blocked, w, h));
    }
    insta::assert_snapshot!("unknown_80x24", screen(&unknown, 80, 24));
    let ascii = on_flows("observed/port-not-allowed.toml", ASCII);
    insta::assert_snapshot!("blocked_ascii_80x24", screen(&ascii, 80, 24));
    // Wide terminals draw the path left to right, each box with its step.
    insta::assert_snapshot!("blocked_160x40", screen(&blocked, 160, 40));
}

#[test]
fn with_no_colour_the_stop_still_reads_by_its_mark_and_reverse_video() {
    use ratatui::style::{Color, Modifier};
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/observed/port-not-allowed.toml");
    let plan = load_path(&path).unwrap().0;
    let mut app = opened(plan, Theme::builtin("mono").unwrap(), ASCII);
    type_text(&mut app, "8");
    for (w, h) in [(80, 24), (120, 40), (160, 40)] {
        let buffer = tui_support::draw(&app, w, h);
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
        let (x, y) = tui_support::find(&buffer, "XX DENIED_IN").expect("the stop is marked");
        assert!(buffer[(x, y)].modifier.contains(Modifier::REVERSED));
    }
    // The survey editor too, with a form open.
    type_text(&mut app, "7a");
    let buffer = tui_support::draw(&app, 80, 24);
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| (c.fg, c.bg) == (Color::Reset, Color::Reset))
    );
}
