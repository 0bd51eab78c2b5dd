//! Whole-app tests: keys are injected as a person would press them, and the plan, the
//! screen and the saved file are checked.

mod tui_support;

use edgeplan::Hop;
use edgeplan::hop::HopStatus;
use edgeplan::plan::Field;
use edgeplan::plan::{Cni, Plan, Transit, load_path, to_toml};
use edgeplan::tui::app::MessageKind;
use edgeplan::tui::app::{Mode, Overlay, Pane, Step};
use edgeplan::tui::components::cidrs::CidrRow;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::{Options, build_app};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::*;

const BROKEN_BY_TERWAY: [Hop; 4] = [Hop::CoreSwitch, Hop::Vbr, Hop::Transit, Hop::VpcRouteTable];

const BROKEN_BY_OVERLAP: [Hop; 4] = [Hop::CoreSwitch, Hop::Vbr, Hop::Transit, Hop::VpcRouteTable];

fn statuses(app: &edgeplan::tui::App) -> Vec<(Hop, HopStatus)> {
    Hop::ALL.iter().map(|h| (*h, app.hop_status(*h))).collect()
}

fn all_ok(app: &edgeplan::tui::App) -> bool {
    Hop::ALL.iter().all(|h| app.hop_status(*h) == HopStatus::Ok)
}

/// The foreground colour of a hop box's title on the wide screen.
fn title_colour(app: &edgeplan::tui::App, title: &str) -> Option<Color> {
    let buffer = draw(app, 160, 48);
    let (x, y) = find(&buffer, title)?;
    buffer[(x, y)].fg.into()
}

#[test]
fn wizard_walks_the_example_to_terway_edge_on_cen_in_singapore_breaks_fixes_and_saves() {
    let dir = TempDir::new("wizard-walk");
    let target = dir.join("singapore.toml");
    let mut app = example();
    let error_colour = Theme::default_dark().hop(HopStatus::Error, false).fg;
    let ok_colour = Theme::default_dark().hop(HopStatus::Ok, false).fg;

    // Region: open the step, filter by name, choose.
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.step(), app.focus()), (Step::Region, Pane::Body));
    type_text(&mut app, "/singapore");
    assert!(screen(&app, 80, 24).contains("ap-southeast-1"));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.plan().region, "ap-southeast-1");
    assert_eq!(
        app.plan().management_ip,
        None,
        "Hangzhou's management address does not follow to Singapore"
    );
    assert_eq!(app.step(), Step::Cni);

    // CNI: Terway Edge comes with the source's container block, which is free here.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.plan().cni, Cni::TerwayEdge);
    assert_eq!(
        app.plan().container_cidrs,
        ["172.16.0.0/12".parse().unwrap()]
    );
    assert!(all_ok(&app), "{:?}", statuses(&app));

    // Transit: CEN.
    assert_eq!(app.step(), Step::Transit);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.plan().transit, Transit::Cen);
    assert!(screen(&app, 160, 48).contains("✓ CEN"));

    // CIDRs: without a container block, Terway Edge breaks four hops at once.
    assert_eq!(app.step(), Step::Cidrs);
    while app.cidr_row() != CidrRow::Entry(Field::ContainerCidrs, 0) {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('d'));
    assert!(app.plan().container_cidrs.is_empty());
    for hop in BROKEN_BY_TERWAY {
        assert_eq!(
            app.hop_status(hop),
            HopStatus::Error,
            "{hop}: {:?}",
            statuses(&app)
        );
    }
    assert_eq!(title_colour(&app, "✗ VBR"), error_colour);
    assert!(screen(&app, 160, 48).contains("✗ CEN"));

    // CIDRs: add the edge container block on its add row.
    assert_eq!(app.step(), Step::Cidrs);
    while app.cidr_row() != CidrRow::Add(Field::ContainerCidrs) {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "172.16.0.0/1");
    assert!(
        screen(&app, 80, 24).contains("host bits are set"),
        "the reason shows beside the entry"
    );
    assert!(
        app.plan().container_cidrs.is_empty(),
        "an invalid entry never enters the plan"
    );
    type_text(&mut app, "2");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.plan().container_cidrs,
        ["172.16.0.0/12".parse().unwrap()]
    );
    assert!(all_ok(&app), "{:?}", statuses(&app));
    assert_eq!(title_colour(&app, "✓ VBR"), ok_colour);

    // Break the VPC block so it overlaps the data center: the hops turn red...
    press(&mut app, KeyCode::PageUp);
    press_n(&mut app, KeyCode::Char('j'), 3);
    assert_eq!(app.cidr_row(), CidrRow::Entry(Field::VpcCidrs, 0));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    type_text(&mut app, "10.1.0.0/16");
    for hop in BROKEN_BY_OVERLAP {
        assert_eq!(
            app.hop_status(hop),
            HopStatus::Error,
            "{hop} turns red while typing"
        );
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(title_colour(&app, "✗ VBR"), error_colour);
    assert!(screen(&app, 80, 24).contains("✗ VBR"));

    // ...and fixing it turns them back.
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 'u');
    type_text(&mut app, "192.168.0.0/16");
    press(&mut app, KeyCode::Enter);
    assert!(all_ok(&app), "{:?}", statuses(&app));

    // Save: the example has no file, so Ctrl-S asks for the path on the save step.
    ctrl(&mut app, 's');
    assert_eq!((app.step(), app.focus()), (Step::Save, Pane::Body));
    assert!(app.dirty());
    ctrl(&mut app, 'u');
    type_text(&mut app, &target.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.message().map(|m| m.kind),
        Some(MessageKind::Info),
        "{:?}",
        app.message()
    );
    assert!(!app.dirty());

    // Reload and compare.
    let mut expected = Plan::example();
    expected.region = "ap-southeast-1".into();
    expected.management_ip = None;
    expected.cni = Cni::TerwayEdge;
    expected.transit = Transit::Cen;
    expected.container_cidrs = vec!["172.16.0.0/12".parse().unwrap()];
    let (reloaded, text) = load_path(&target).expect("the saved plan reads back");
    assert_eq!(reloaded, expected);
    assert_eq!(text, to_toml(&expected));
    let reopened = open(&target);
    assert_eq!(reopened.plan(), app.plan());
    assert!(!reopened.dirty());
}

#[test]
fn saving_a_loaded_file_keeps_its_comments_and_changes_only_the_edited_value() {
    let dir = TempDir::new("wizard-comments");
    let path = dir.join("plan.toml");
    let original = "# Our DC.\nschema_version = 1\n\n[network]\nregion = \"cn-hangzhou\"\ncni = \"terway-edge\"\ntransit = \"cen\"  # chosen by netops\ndatacenter_cidrs = [\"10.0.0.0/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\ncontainer_cidrs = [\"172.16.0.0/12\"]   # edge containers\n";
    std::fs::write(&path, original).unwrap();
    let mut app = open(&path);
    assert!(!app.dirty());
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.plan().transit, Transit::Ecr);
    assert!(app.dirty());
    ctrl(&mut app, 's');
    assert!(!app.dirty(), "{:?}", app.message());
    let saved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        saved,
        original.replace("transit = \"cen\"", "transit = \"ecr\"")
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_every_edit() {
    let dir = TempDir::new("wizard-failed-save");
    // A directory that takes no new files (a missing one is now offered for creation).
    let path = std::path::Path::new("/proc/edgeplan-wizard-failed-save.toml").to_path_buf();
    let mut app = open(&path);
    // A new plan is empty: the region comes first (a plan file must name one).
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let message = app.message().cloned().expect("a reason");
    assert_eq!(message.kind, MessageKind::Error);
    assert!(
        message.text.contains("cannot write") && message.text.contains("edits are kept"),
        "{}",
        message.text
    );
    assert_eq!(app.plan().cni, Cni::TerwayEdge);
    assert!(app.dirty());
    assert!(
        screen(&app, 80, 24).contains("Not saved"),
        "the reason is on screen"
    );
    assert!(!path.exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir.0).unwrap().collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

#[test]
fn a_plan_that_fails_to_load_shows_file_line_and_value_and_is_never_overwritten() {
    let dir = TempDir::new("wizard-bad-plan");
    let path = dir.join("bad.toml");
    let text = "schema_version = 1\n\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n";
    std::fs::write(&path, text).unwrap();
    let mut app = open(&path);
    assert_eq!(app.mode(), Mode::LoadFailed);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("bad.toml:7"), "{shown}");
    assert!(
        shown.contains("10.0.0.1/8") && shown.contains("host bits"),
        "{shown}"
    );
    ctrl(&mut app, 's');
    type_text(&mut app, "2j");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quitting());
}

#[test]
fn a_missing_file_starts_a_new_plan_that_saves_there() {
    let dir = TempDir::new("wizard-new-file");
    let path = dir.join("new-site.toml");
    let mut app = open(&path);
    assert_eq!(app.mode(), Mode::Wizard);
    assert!(screen(&app, 80, 24).contains("(new file)"));
    assert_eq!(
        *app.plan(),
        Plan {
            meta: edgeplan::plan::Meta {
                name: Some("new-site".into()),
                ..Default::default()
            },
            ..Plan::empty()
        },
        "a new plan starts empty, named after its file"
    );
    ctrl(&mut app, 's');
    assert!(
        app.message()
            .unwrap()
            .text
            .contains("choose a region first"),
        "{:?}",
        app.message()
    );
    assert!(!path.exists(), "a plan file must name a region");
    // The region step's first region, then save.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let (plan, _) = load_path(&path).expect("saved where it was asked");
    assert_eq!(plan.meta.name.as_deref(), Some("new-site"));
    assert_eq!(plan.region, "cn-hangzhou");
    assert!(plan.datacenter_cidrs.is_empty(), "no sample values");
}

#[test]
fn read_only_refuses_edits_and_saves_but_still_navigates() {
    let mut app = build_app(
        &Options {
            read_only: true,
            ..Options::default()
        },
        Theme::default_dark(),
        edgeplan::tui::glyphs::UNICODE,
    );
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.plan().cni, Cni::Flannel);
    let said = |app: &edgeplan::tui::App| app.message().cloned().map(|m| (m.kind, m.text));
    let refused = |what: &str| {
        let text = format!("read-only: started with --read-only, so {what}");
        Some((MessageKind::Error, text))
    };
    assert_eq!(said(&app), refused("the plan cannot be changed"));
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(app.hop(), Hop::CoreSwitch);
    ctrl(&mut app, 's');
    assert_eq!(said(&app), refused("nothing is saved"));
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(said(&app), None, "the next key clears the message");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        said(&app),
        refused("nothing is saved"),
        "Enter on the Save step"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quitting(), "nothing to lose in read-only mode");
}

#[test]
fn quit_asks_when_there_are_unsaved_changes() {
    let mut app = example();
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quitting(), "a clean plan quits at once");

    let mut app = example();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('q'));
    assert_eq!(app.overlay(), Some(Overlay::ConfirmQuit));
    assert!(screen(&app, 80, 24).contains("unsaved changes"));
    press(&mut app, KeyCode::Esc);
    assert!(!app.quitting() && app.overlay().is_none());
    press(&mut app, KeyCode::Char('q'));
    press(&mut app, KeyCode::Char('n'));
    assert!(app.quitting());
}

#[test]
fn review_lists_findings_by_hop_and_enter_goes_to_the_fix() {
    let mut app = example();
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    // Terway Edge came with a container block: delete it to break the plan.
    press(&mut app, KeyCode::Char('4'));
    while app.cidr_row() != CidrRow::Entry(Field::ContainerCidrs, 0) {
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('5'));
    let shown = screen(&app, 160, 48);
    assert!(shown.contains("terway-without-container-cidr"), "{shown}");
    assert!(
        shown.contains("fix: Add the edge container block"),
        "{shown}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.step(), Step::Cidrs);
    assert_eq!(app.cidr_row(), CidrRow::Add(Field::ContainerCidrs));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "172.16.0.0/12");
    press(&mut app, KeyCode::Enter);
    assert!(all_ok(&app));
}

#[test]
fn saving_as_another_existing_file_asks_before_overwriting() {
    let dir = TempDir::new("wizard-overwrite");
    let other = dir.join("other.toml");
    std::fs::write(&other, "keep me").unwrap();
    let mut app = example();
    press(&mut app, KeyCode::Char('6'));
    ctrl(&mut app, 'u');
    type_text(&mut app, &other.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "keep me");
    assert!(
        app.message()
            .as_ref()
            .unwrap()
            .text
            .contains("Enter again overwrites")
    );
    press(&mut app, KeyCode::Enter);
    assert!(load_path(&other).is_ok());
}
