//! Device words (a next hop or a route status imported from a device) are untrusted: the
//! Survey and Flows steps show them escaped, never as terminal controls.

mod tui_support;

use edgeplan::escape::is_unsafe;
use edgeplan::hop::Hop;
use edgeplan::observed::{NextHop, RouteEntry, Survey};
use edgeplan::plan::Plan;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui_support::payloads::PAYLOADS;
use tui_support::{opened, press, screen};

/// The example with the core switch surveyed: one route per payload, off the path via
/// the payload, and inactive with the payload as its status.
fn hostile_survey() -> Plan {
    let mut plan = Plan::example();
    let mut survey = Survey::default();
    for (i, (_, payload)) in PAYLOADS.iter().enumerate() {
        let destination = format!("10.{i}.0.0/16").parse().unwrap();
        let mut route = RouteEntry::new(destination, NextHop::from_word(payload));
        route.inactive = Some((*payload).to_string());
        survey.routes_mut().push(route);
    }
    plan.observed.surveys.insert(Hop::CoreSwitch, survey);
    plan
}

fn assert_shown_escaped(shown: &str) {
    let raw: Vec<char> = shown
        .chars()
        .filter(|&c| c != '\n' && is_unsafe(c))
        .collect();
    assert!(
        raw.is_empty(),
        "unsafe characters on screen: {raw:?}\n{shown}"
    );
}

#[test]
fn device_words_on_the_survey_and_flows_steps_are_escaped() {
    let mut app = opened(hostile_survey(), Theme::default_dark(), UNICODE);
    press(&mut app, KeyCode::Char('7'));
    let survey = screen(&app, 120, 40);
    assert!(
        survey.contains("\\e]52"),
        "the payload shows escaped:\n{survey}"
    );
    assert_shown_escaped(&survey);
    press(&mut app, KeyCode::Char('8'));
    for _ in 0..14 {
        assert_shown_escaped(&screen(&app, 120, 40));
        press(&mut app, KeyCode::Down);
    }
}
