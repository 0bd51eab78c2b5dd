//! What the keys do in each context, injected as a person would press them: editing an
//! entry, moving along the path and between panes, the walkthrough, help and the filter.
//! The whole walk through the wizard and the file flows are in `tui_wizard.rs`.

mod tui_support;

use edgeplan::Hop;
use edgeplan::hop::HopStatus;
use edgeplan::plan::Plan;
use edgeplan::tui::app::{Mode, Overlay, Pane};
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

#[test]
fn escape_while_typing_restores_the_old_value() {
    let mut app = example();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "x");
    assert_eq!(
        *app.plan(),
        Plan::example(),
        "an invalid text never takes the old value out of the plan"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.plan(), Plan::example());
    assert!(!app.dirty());
}

#[test]
fn enter_refuses_an_invalid_entry_and_keeps_typing() {
    let mut app = example();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('a'));
    assert!(app.message().is_some(), "the scope row is not a list");
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('a'));
    type_text(&mut app, "10.0.0.0/33");
    press(&mut app, KeyCode::Enter);
    assert!(app.draft().is_some(), "still typing");
    assert!(app.message().unwrap().text.contains("out of range"));
    assert_eq!(app.plan().datacenter_cidrs.len(), 1);
}

#[test]
fn delete_removes_the_entry_under_the_cursor() {
    let mut app = example();
    press(&mut app, KeyCode::Char('4'));
    press_n(&mut app, KeyCode::Char('j'), 3);
    press(&mut app, KeyCode::Char('d'));
    assert!(app.plan().vpc_cidrs.is_empty());
    assert_eq!(app.hop_status(Hop::SecurityGroup), HopStatus::Error);
}

#[test]
fn hop_keys_move_along_the_path_and_details_follow() {
    let mut app = example();
    press_n(&mut app, KeyCode::Char('l'), 3);
    assert_eq!(app.hop(), Hop::Vbr);
    assert!(screen(&app, 80, 24).contains("Hop 4/7: VBR"));
    press_n(&mut app, KeyCode::Right, 10);
    assert_eq!(app.hop(), Hop::SecurityGroup);
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(app.hop(), Hop::VpcRouteTable);
}

#[test]
fn tab_and_shift_tab_move_between_panes() {
    let mut app = example();
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Body);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Details);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.focus(), Pane::Topology);
    press(&mut app, KeyCode::BackTab);
    assert_eq!(app.focus(), Pane::Details);
}

#[test]
fn walkthrough_opens_on_the_title_then_steps_through_the_hops_one_at_a_time() {
    let mut app = example();
    press(&mut app, KeyCode::Char('w'));
    assert_eq!(app.mode(), Mode::Walkthrough);
    let title = screen(&app, 80, 24);
    assert!(title.contains("slide 1 of 8"), "{title}");
    press(&mut app, KeyCode::Char(' '));
    let first = screen(&app, 80, 24);
    assert!(first.contains("Hop 1 of 7: Edge nodes"), "{first}");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Char(' '));
    let firewall = screen(&app, 120, 40);
    assert!(firewall.contains("Hop 3 of 7: Firewall"), "{firewall}");
    assert!(
        firewall.contains("Allow all traffic from the data center (10.0.0.0/8) to"),
        "{firewall}"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Wizard);
}

#[test]
fn help_lists_the_keys_of_the_current_context() {
    let mut app = example();
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), Some(Overlay::Help));
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("CIDRs step") && shown.contains("add an entry to this list"),
        "{shown}"
    );
    press(&mut app, KeyCode::Char('?'));
    assert_eq!(app.overlay(), None);
}

#[test]
fn typing_in_the_region_filter_never_quits() {
    let mut app = example();
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "/qingdao");
    assert!(!app.quitting());
    assert_eq!(app.regions().selected().unwrap().id, "cn-qingdao");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.regions().filter.value(), "");
    assert_eq!(
        app.focus(),
        Pane::Body,
        "Esc leaves the filter, not the step"
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.focus(), Pane::Steps);
}
