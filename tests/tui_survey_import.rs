//! Importing a device's pasted output on the survey step: a paste opens the box with its
//! line breaks kept, ^D reads it into the hop's routes or rules as one undoable edit with
//! its counts and notes, and a paste that cannot be read is named and kept.

mod tui_support;

use edgeplan::hop::Hop;
use edgeplan::plan::{Plan, load_path};
use edgeplan::tui::App;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::update::paste;
use ratatui::crossterm::event::KeyCode;
use std::path::Path;
use tui_support::{ctrl, opened, press, screen, type_text};

fn fixture(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::read_to_string(dir.join(name)).unwrap()
}

fn surveyed_plan() -> Plan {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/observed-flannel-ecr.toml");
    let mut plan = load_path(&path).unwrap().0;
    // The fixture's switch output reaches the VBR at 10.255.0.1.
    let core = plan.observed.surveys.get_mut(&Hop::CoreSwitch).unwrap();
    core.vbr_peer_ip = Some("10.255.0.1".parse().unwrap());
    plan
}

fn on_survey(hop: Hop) -> App {
    let mut app = opened(surveyed_plan(), Theme::default_dark(), UNICODE);
    type_text(&mut app, "7");
    while app.hop() < hop {
        press(&mut app, KeyCode::Right);
    }
    app
}

fn routes(app: &App, hop: Hop) -> Vec<String> {
    let survey = app.plan().observed.survey(hop).unwrap();
    survey
        .routes
        .as_ref()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.destination, r.next_hop.word()))
        .collect()
}

#[test]
fn a_pasted_switch_table_replaces_the_routes_and_undo_restores_them() {
    let mut app = on_survey(Hop::CoreSwitch);
    let before = app.plan().clone();
    paste(
        &mut app,
        &fixture("devices/huawei-vrp8-display-ip-routing-table.txt"),
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Paste Core switch's output"), "{shown}");
    assert!(app.plan() == &before, "nothing changes before ^D");
    ctrl(&mut app, 'd');
    let got = routes(&app, Hop::CoreSwitch);
    assert!(got.contains(&"192.168.0.0/16 vbr".to_string()), "{got:?}");
    assert!(got.contains(&"100.0.0.0/8 vbr".to_string()), "{got:?}");
    let said = &app.message().unwrap().text;
    assert!(said.starts_with("Imported "), "{said}");
    assert!(
        said.contains("Huawei VRP display ip routing-table"),
        "{said}"
    );
    let bgp = app.plan().observed.survey(Hop::CoreSwitch).unwrap().bgp;
    assert_eq!(bgp, Some(false), "settings are kept");
    type_text(&mut app, "u");
    assert_eq!(*app.plan(), before);
}

#[test]
fn a_paste_typed_line_by_line_arrives_whole() {
    // A terminal without bracketed paste sends the lines as keys, Enter between them.
    let mut app = on_survey(Hop::CoreSwitch);
    type_text(&mut app, "p");
    for line in fixture("devices/cisco-ios-show-ip-route.txt").lines() {
        type_text(&mut app, line);
        press(&mut app, KeyCode::Enter);
    }
    ctrl(&mut app, 'd');
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("Cisco IOS show ip route"),
        "{:?}",
        app.message()
    );
}

#[test]
fn output_of_another_device_is_refused_named_and_kept_in_the_box() {
    let mut app = on_survey(Hop::CoreSwitch);
    let before = app.plan().clone();
    let text = fixture("devices/ecs-describe-security-group-attribute.json");
    paste(&mut app, &text);
    ctrl(&mut app, 'd');
    assert_eq!(*app.plan(), before);
    let said = app.message().unwrap().text.clone();
    assert!(said.starts_with("not imported"), "{said}");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("DescribeSecurityGroupAttribute"), "{shown}");
    let kept = &app.components().survey.paste.as_ref().unwrap().text;
    assert_eq!(kept, &text, "nothing pasted is lost");
    insta::assert_snapshot!("paste_refused_120x40", shown);
}

#[test]
fn security_group_rules_import_from_the_api_json() {
    let mut app = on_survey(Hop::SecurityGroup);
    type_text(&mut app, "p");
    paste(
        &mut app,
        &fixture("devices/ecs-describe-security-group-attribute.json"),
    );
    ctrl(&mut app, 'd');
    let rules = &app
        .plan()
        .observed
        .survey(Hop::SecurityGroup)
        .unwrap()
        .rules
        .as_deref()
        .unwrap();
    assert!(!rules.is_empty());
    let said = &app.message().unwrap().text;
    assert!(said.contains(&format!("{} rules", rules.len())), "{said}");
}

#[test]
fn the_firewall_has_no_importer_and_says_so() {
    let mut app = on_survey(Hop::Firewall);
    type_text(&mut app, "p");
    assert!(app.components().survey.paste.is_none());
    assert!(app.message().unwrap().text.contains("no importer"));
}
