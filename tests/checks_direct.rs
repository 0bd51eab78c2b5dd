//! `transit = "direct"`: the VBR routes to the VPC with no transit hop, and every view
//! of the path leaves that hop out.

mod checks_support;
mod tui_support;

use checks_support::*;
use edgeplan::catalog::Catalog;
use edgeplan::checks::check;
use edgeplan::cli::show_text;
use edgeplan::hop::{Hop, path_line};
use edgeplan::plan::{Plan, Transit};
use edgeplan::requirements::derive;
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

fn direct(mut plan: Plan) -> Plan {
    plan.transit = Transit::Direct;
    plan
}

fn lines(plan: &Plan, hop: Hop) -> Vec<String> {
    let reqs = derive(plan, Catalog::builtin());
    reqs.hop(hop)
        .items
        .iter()
        .map(|r| r.kind.to_string())
        .collect()
}

#[test]
fn a_direct_connection_path_has_no_transit_hop() {
    assert!(!Hop::Transit.on_path(Transit::Direct));
    assert_eq!(Hop::path(Transit::Direct).len(), 6);
    assert_eq!(Hop::Vbr.next_on(Transit::Direct), Some(Hop::VpcRouteTable));
    assert_eq!(Hop::VpcRouteTable.prev_on(Transit::Direct), Some(Hop::Vbr));
    assert_eq!(Hop::Vbr.next_on(Transit::Ecr), Some(Hop::Transit));
    assert_eq!(Hop::path(Transit::Cen), &Hop::ALL);
}

#[test]
fn a_direct_plan_checks_clean() {
    assert_clean(&direct(Plan::example()));
    assert_clean(&direct(terway()));
}

#[test]
fn the_vbr_routes_to_the_vpc_and_the_vpc_back_to_the_vbr() {
    let plan = direct(terway());
    assert!(
        lines(&plan, Hop::Transit).is_empty(),
        "no requirements off the path"
    );
    let vbr = lines(&plan, Hop::Vbr);
    assert!(
        vbr.contains(&"inbound route 192.168.0.0/16 (VPC) -> VPC (direct connection)".to_string()),
        "{vbr:#?}"
    );
    let vpc = lines(&plan, Hop::VpcRouteTable);
    for want in [
        "outbound route 10.0.0.0/8 (data center) -> VBR (direct connection)",
        "outbound route 172.16.0.0/12 (edge containers) -> VBR (direct connection)",
    ] {
        assert!(vpc.contains(&want.to_string()), "{vpc:#?}");
    }
}

#[test]
fn a_broken_direct_plan_fails_on_the_hops_of_its_path_only() {
    let mut plan = direct(terway());
    plan.container_cidrs.clear();
    assert_error(
        &plan,
        "terway-without-container-cidr",
        &[Hop::CoreSwitch, Hop::Vbr, Hop::VpcRouteTable],
        &["container_cidrs"],
    );
    let report = check(&plan, Catalog::builtin());
    assert!(
        report
            .findings
            .iter()
            .all(|f| !f.hops.contains(&Hop::Transit))
    );
}

#[test]
fn near_miss_the_same_mistake_over_ecr_still_names_the_transit_hop() {
    let mut plan = terway();
    plan.container_cidrs.clear();
    assert_error(
        &plan,
        "terway-without-container-cidr",
        &[Hop::CoreSwitch, Hop::Vbr, Hop::Transit, Hop::VpcRouteTable],
        &["container_cidrs"],
    );
}

#[test]
fn show_has_no_transit_section_for_a_direct_plan() {
    let plan = direct(Plan::example());
    let text = show_text(&plan);
    assert!(!text.contains("(transit)"), "{text}");
    assert!(!text.contains("ECR") && !text.contains("CEN"), "{text}");
    assert!(path_line(&plan).contains("-> VBR -> VPC route table"));
    assert!(show_text(&Plan::example()).contains("== ECR (transit) =="));
}

#[test]
fn the_topology_has_no_transit_box_for_a_direct_plan() {
    for (w, h) in [(80, 24), (200, 40)] {
        let app = opened(
            direct(Plan::example()),
            Theme::default_dark(),
            edgeplan::tui::glyphs::UNICODE,
        );
        let drawn = screen(&app, w, h);
        assert!(!drawn.contains("ECR") && !drawn.contains("CEN"), "{drawn}");
        assert!(drawn.contains("VBR"), "{drawn}");
        let app = opened(
            Plan::example(),
            Theme::default_dark(),
            edgeplan::tui::glyphs::UNICODE,
        );
        assert!(
            screen(&app, w, h).contains("ECR"),
            "near miss: ECR is drawn"
        );
    }
}

#[test]
fn hop_keys_skip_the_transit_hop_of_a_direct_path() {
    let mut app = opened(
        direct(Plan::example()),
        Theme::default_dark(),
        edgeplan::tui::glyphs::UNICODE,
    );
    press_n(&mut app, KeyCode::Right, 3);
    assert_eq!(app.hop(), Hop::Vbr);
    press(&mut app, KeyCode::Right);
    assert_eq!(app.hop(), Hop::VpcRouteTable);
    press(&mut app, KeyCode::Left);
    assert_eq!(app.hop(), Hop::Vbr);
}
