//! The survey step: adding, editing, deleting observed routes and rules by keys, each
//! box checked as typed, every change undoable, and a hop switched to not surveyed with
//! its entries brought back by undo. Screens at 80x24 and 120x40.

mod tui_support;

use edgeplan::hop::Hop;
use edgeplan::plan::load_path;
use edgeplan::tui::App;
use edgeplan::tui::app::{Pane, Step};
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use tui_support::{ctrl, opened, press, press_n, screen, type_text};

fn surveyed_plan() -> edgeplan::plan::Plan {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/observed-flannel-ecr.toml");
    load_path(&path).unwrap().0
}

/// The surveyed fixture, on the survey step with the body focused, at `hop`.
fn on_survey(hop: Hop) -> App {
    on_survey_of(surveyed_plan(), hop)
}

/// `plan` on the survey step with the body focused, at `hop`.
fn on_survey_of(plan: edgeplan::plan::Plan, hop: Hop) -> App {
    let mut app = opened(plan, Theme::default_dark(), UNICODE);
    type_text(&mut app, "7");
    assert_eq!((app.step(), app.focus()), (Step::Survey, Pane::Body));
    while app.hop() > hop {
        press(&mut app, KeyCode::Left);
    }
    while app.hop() < hop {
        press(&mut app, KeyCode::Right);
    }
    app
}

fn routes(app: &App, hop: Hop) -> Vec<String> {
    app.plan()
        .observed
        .survey(hop)
        .map(|s| {
            s.routes
                .iter()
                .flatten()
                .map(|r| format!("{} {}", r.destination, r.next_hop.word()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_route_added_by_keys_enters_the_plan_only_once_every_box_is_valid() {
    let mut app = on_survey(Hop::Vbr);
    type_text(&mut app, "a");
    type_text(&mut app, "172.16.0.1/12");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("host bits"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        routes(&app, Hop::Vbr).len(),
        3,
        "an invalid route is not kept"
    );
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("destination \"172.16.0.1/12\"")
    );
    ctrl(&mut app, 'u');
    type_text(&mut app, "172.16.0.0/12");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "blackhole");
    press(&mut app, KeyCode::Enter);
    assert_eq!(routes(&app, Hop::Vbr)[3], "172.16.0.0/12 blackhole");
    type_text(&mut app, "u");
    assert_eq!(routes(&app, Hop::Vbr).len(), 3, "undo takes the route back");
    assert_eq!(
        app.message().unwrap().text,
        "Undid observed.vbr.routes: - 172.16.0.0/12 -> blackhole"
    );
}

#[test]
fn routes_not_surveyed_show_unknown_until_the_first_entry_and_the_last_deleted_leaves_none() {
    let mut plan = surveyed_plan();
    plan.observed.surveys.get_mut(&Hop::Vbr).unwrap().routes = None;
    let mut app = on_survey_of(plan, Hop::Vbr);
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("routes not surveyed"), "{shown}");
    assert!(shown.contains("Routes: not surveyed"), "{shown}");
    assert!(
        app.hop_unknown(Hop::Vbr),
        "grey, never red: no one read its routes"
    );
    let list = |app: &App| app.plan().observed.survey(Hop::Vbr).unwrap().routes.clone();
    type_text(&mut app, "a");
    type_text(&mut app, "10.0.0.0/8");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "core-switch");
    press(&mut app, KeyCode::Enter);
    assert_eq!(routes(&app, Hop::Vbr), ["10.0.0.0/8 core-switch"]);
    assert!(!app.hop_unknown(Hop::Vbr));
    // The cursor is on the new route: deleting it leaves a surveyed, empty list.
    type_text(&mut app, "d");
    assert_eq!(list(&app), Some(vec![]));
    assert!(!app.hop_unknown(Hop::Vbr));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("surveyed, 0 routes"), "{shown}");
    assert!(shown.contains("Routes: none yet"), "{shown}");
    type_text(&mut app, "u");
    assert_eq!(routes(&app, Hop::Vbr), ["10.0.0.0/8 core-switch"]);
    type_text(&mut app, "u");
    assert_eq!(list(&app), None, "undo brings the unknown back");
    assert!(app.hop_unknown(Hop::Vbr));
}

#[test]
fn a_deleted_rule_comes_back_with_undo() {
    let mut app = on_survey(Hop::Firewall);
    let before = app.plan().clone();
    // Surveyed, mtu, no match in, no match out, then the rules.
    press_n(&mut app, KeyCode::Down, 4);
    type_text(&mut app, "d");
    let rules = app
        .plan()
        .observed
        .survey(Hop::Firewall)
        .unwrap()
        .rules
        .as_deref()
        .unwrap();
    assert_eq!(rules.len(), 3);
    assert_eq!(rules[0].priority, 20);
    type_text(&mut app, "u");
    assert_eq!(*app.plan(), before);
}

#[test]
fn not_surveyed_drops_the_section_and_undo_brings_every_entry_back() {
    let mut app = on_survey(Hop::CoreSwitch);
    let before = app.plan().clone();
    type_text(&mut app, "s");
    assert!(app.plan().observed.survey(Hop::CoreSwitch).is_none());
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("not surveyed"), "{shown}");
    type_text(&mut app, "u");
    assert_eq!(*app.plan(), before);
}

#[test]
fn settings_switch_in_place_and_typed_ones_are_checked() {
    let mut app = on_survey(Hop::CoreSwitch);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let survey = |app: &App| app.plan().observed.survey(Hop::CoreSwitch).unwrap().clone();
    assert_eq!(survey(&app).bgp, None, "off, then unset");
    press(&mut app, KeyCode::Enter);
    assert_eq!(survey(&app).bgp, Some(true));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    type_text(&mut app, "10.255.255.300");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        survey(&app).vbr_peer_ip,
        Some("10.255.255.1".parse().unwrap())
    );
    ctrl(&mut app, 'u');
    type_text(&mut app, "10.255.255.9");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        survey(&app).vbr_peer_ip,
        Some("10.255.255.9".parse().unwrap())
    );
}

#[test]
fn a_rule_form_refuses_a_bad_port_and_names_it() {
    let mut app = on_survey(Hop::SecurityGroup);
    type_text(&mut app, "a");
    press_n(&mut app, KeyCode::Tab, 3);
    type_text(&mut app, "6443,99999");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "10.0.0.0/8");
    press(&mut app, KeyCode::Enter);
    let message = app.message().unwrap().text.clone();
    assert!(message.contains("ports \"6443,99999\""), "{message}");
    assert_eq!(
        app.plan()
            .observed
            .survey(Hop::SecurityGroup)
            .unwrap()
            .rules
            .as_ref()
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn a_read_only_session_refuses_survey_edits() {
    let mut app = on_survey(Hop::Vbr);
    app.session_mut().set_read_only(true);
    let before = app.plan().clone();
    for key in ["a", "d", "s"] {
        type_text(&mut app, key);
    }
    assert_eq!(*app.plan(), before);
    assert!(app.message().unwrap().text.starts_with("read-only"));
}

#[test]
fn survey_screens() {
    let mut core = on_survey(Hop::CoreSwitch);
    press_n(&mut core, KeyCode::Down, 4);
    let mut form = on_survey(Hop::Firewall);
    type_text(&mut form, "a");
    press_n(&mut form, KeyCode::Tab, 3);
    type_text(&mut form, "0");
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("routing_hop_{w}x{h}"), screen(&core, w, h));
        insta::assert_snapshot!(format!("filtering_hop_form_{w}x{h}"), screen(&form, w, h));
    }
}
