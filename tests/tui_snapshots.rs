//! Snapshots, each read as a user would see it: small ones of one screen region drawn
//! alone (the path, the steps, each step's body, the hop details, the status line per
//! context, help and the quit question), and a few whole screens at 80x24 and 120x40.
//! State is reached only through public constructors and injected keys. Colours are
//! pinned by style assertions in `tui_theme.rs`, not here.

mod tui_support;

use edgeplan::Hop;
use edgeplan::hop::HopStatus;
use edgeplan::plan::parse_plan;
use edgeplan::tui::App;
use edgeplan::tui::app::Step;
use edgeplan::tui::glyphs::{ASCII, UNICODE};
use edgeplan::tui::theme::Theme;
use edgeplan::tui::ui;
use insta::assert_snapshot;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};
use tui_support::*;

fn broken() -> App {
    opened(three_hop_errors(), Theme::default_dark(), UNICODE)
}

/// The example with the digit key of `step` pressed: that step's body has the keys.
fn on_step(step: Step) -> App {
    let mut app = example();
    press(
        &mut app,
        KeyCode::Char(char::from(b'1' + step.index() as u8)),
    );
    app
}

/// One region drawn alone into a `width` x `height` terminal by its `ui` function.
fn part(app: &App, width: u16, height: u16, draw: fn(&App, &mut Frame, Rect)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| draw(app, frame, frame.area()))
        .expect("draw");
    text(terminal.backend().buffer())
}

/// The status line alone, 80 columns.
fn status(app: &App) -> String {
    part(app, 80, 1, ui::status::render).trim_end().to_string()
}

#[test]
fn three_hop_plan_breaks_exactly_three_hops() {
    let app = broken();
    let red: Vec<Hop> = Hop::ALL
        .into_iter()
        .filter(|h| app.hop_status(*h) == HopStatus::Error)
        .collect();
    assert_eq!(red, [Hop::EdgeNode, Hop::VpcRouteTable, Hop::SecurityGroup]);
}

// --- One region at a time -------------------------------------------------------------

#[test]
fn path_top_to_bottom_keeps_a_space_before_the_block_count() {
    assert_snapshot!(
        "path_vertical",
        part(&example(), 34, 12, ui::topology::render)
    );
    let ascii = example_with(Theme::default_dark(), ASCII);
    let shown = part(&ascii, 35, 12, ui::topology::render);
    assert!(shown.contains("192.168.0.0/16 +1"), "{shown}");
    assert_snapshot!("path_vertical_ascii", shown);
}

#[test]
fn path_left_to_right_marks_broken_hops_and_outlines_the_selected_one() {
    let mut app = broken();
    press(&mut app, KeyCode::Char('l'));
    assert_snapshot!(
        "path_horizontal_broken",
        part(&app, 150, 6, ui::topology::render)
    );
    let mut ascii = opened(three_hop_errors(), Theme::default_dark(), ASCII);
    press(&mut ascii, KeyCode::Char('l'));
    assert_snapshot!(
        "path_horizontal_ascii",
        part(&ascii, 150, 6, ui::topology::render)
    );
}

#[test]
fn steps_list_shows_each_steps_value() {
    let mut app = broken();
    press(&mut app, KeyCode::Char('4'));
    assert_snapshot!("steps_list", part(&app, 34, 10, ui::steps::render));
    assert_snapshot!(
        "steps_list_with_guide",
        part(&app, 34, 14, ui::steps::render)
    );
}

#[test]
fn region_list_cuts_long_names_with_an_ellipsis_and_keeps_host_names_whole() {
    let app = on_step(Step::Region);
    assert_snapshot!("region_list", part(&app, 46, 14, ui::step_body::render));
    let mut closing = on_step(Step::Region);
    type_text(&mut closing, "/nanjing");
    let shown = part(&closing, 46, 11, ui::step_body::render);
    assert!(shown.contains("… (no reg.)"), "{shown}");
    assert_snapshot!("region_list_filtered_no_registry", shown);
}

#[test]
fn choice_step_explains_each_option() {
    assert_snapshot!(
        "cni_choice",
        part(&on_step(Step::Cni), 46, 22, ui::step_body::render)
    );
}

#[test]
fn cidr_editor_shows_an_invalid_entry_with_its_reason() {
    let mut app = on_step(Step::Cidrs);
    press_n(&mut app, KeyCode::Char('j'), 3);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Backspace);
    assert_snapshot!(
        "cidr_editor_invalid",
        part(&app, 46, 12, ui::step_body::render)
    );
}

#[test]
fn review_lists_findings_by_hop_with_fixes() {
    let mut app = broken();
    press(&mut app, KeyCode::Char('5'));
    assert_snapshot!("review_findings", part(&app, 62, 18, ui::step_body::render));
    assert_snapshot!(
        "review_no_findings",
        part(&on_step(Step::Review), 46, 5, ui::step_body::render)
    );
}

#[test]
fn save_step_shows_path_state_and_preview() {
    assert_snapshot!(
        "save_step",
        part(&on_step(Step::Save), 46, 10, ui::step_body::render)
    );
}

#[test]
fn hop_details_say_when_more_follows_below() {
    let app = broken();
    let shown = part(&app, 46, 12, ui::details::render);
    assert!(shown.contains("more below"), "{shown}");
    assert_snapshot!("details_more_below", shown);
    let mut scrolled = broken();
    press(&mut scrolled, KeyCode::Tab);
    press(&mut scrolled, KeyCode::Tab);
    press_n(&mut scrolled, KeyCode::PageDown, 20);
    let end = part(&scrolled, 46, 12, ui::details::render);
    assert!(!end.contains("more below"), "{end}");
}

/// Each context's status line: only keys that do something now, each word once.
#[test]
fn status_line_hints_per_context() {
    let mut lines = Vec::new();
    let mut add = |what: &str, app: &App| lines.push(format!("{what:<24}|{}", status(app)));
    add("steps", &example());
    add("steps, broken plan", &broken());
    add("region, browsing", &on_step(Step::Region));
    let mut filtered = on_step(Step::Region);
    type_text(&mut filtered, "/shang");
    add("region, filtered", &filtered);
    add("choice", &on_step(Step::Cni));
    let mut cidrs = on_step(Step::Cidrs);
    add("cidrs", &cidrs);
    press(&mut cidrs, KeyCode::Char('j'));
    press(&mut cidrs, KeyCode::Enter);
    add("typing, valid", &cidrs);
    press(&mut cidrs, KeyCode::Backspace);
    add("typing, invalid", &cidrs);
    let mut edited = on_step(Step::Cidrs);
    press(&mut edited, KeyCode::Char('j'));
    press(&mut edited, KeyCode::Char('d'));
    press(&mut edited, KeyCode::Esc);
    press(&mut edited, KeyCode::Char('4'));
    add("cidrs, modified", &edited);
    press(&mut edited, KeyCode::Char('u'));
    add("cidrs, undone", &edited);
    let mut read_only = on_step(Step::Cidrs);
    read_only.session_mut().set_read_only(true);
    add("cidrs, read-only", &read_only);
    add("review, no findings", &on_step(Step::Review));
    let mut review = broken();
    press(&mut review, KeyCode::Char('5'));
    add("review, findings", &review);
    let save = status(&on_step(Step::Save));
    assert_eq!(save.matches(" save ").count(), 1, "{save}");
    add("save", &on_step(Step::Save));
    let mut walk = broken();
    press(&mut walk, KeyCode::Char('w'));
    add("walkthrough", &walk);
    let mut help = example();
    press(&mut help, KeyCode::Char('?'));
    add("help", &help);
    let lines = lines.join("\n");
    assert_snapshot!("status_lines", lines);
}

#[test]
fn help_overlay_covers_the_width_it_stands_on() {
    let mut app = example();
    press(&mut app, KeyCode::Char('?'));
    assert_snapshot!("help_steps", part(&app, 80, 22, ui::help::render));
    let mut typing = on_step(Step::Cidrs);
    press(&mut typing, KeyCode::Char('j'));
    press(&mut typing, KeyCode::Enter);
    press(&mut typing, KeyCode::F(1));
    assert_snapshot!("help_typing_cidr", part(&typing, 80, 16, ui::help::render));
}

#[test]
fn quit_question_with_unsaved_changes() {
    let mut app = on_step(Step::Cni);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('q'));
    assert_snapshot!("quit_question", part(&app, 64, 8, ui::dialog::render));
}

// --- Whole screens ----------------------------------------------------------------------

#[test]
fn wizard_screens() {
    for (w, h) in [(80, 24), (120, 40)] {
        assert_snapshot!(format!("wizard_{w}x{h}"), screen(&example(), w, h));
    }
}

#[test]
fn ascii_screens_have_no_box_or_arrow_glyphs() {
    let mut app = example_with(Theme::default_dark(), ASCII);
    press(&mut app, KeyCode::Char('l'));
    for (w, h) in [(80, 24), (120, 40)] {
        let shown = screen(&app, w, h);
        assert!(shown.is_ascii(), "{shown}");
        assert_snapshot!(format!("ascii_{w}x{h}"), shown);
    }
}

#[test]
fn broken_plan_review_screens() {
    let mut app = broken();
    press(&mut app, KeyCode::Char('5'));
    for (w, h) in [(80, 24), (120, 40)] {
        assert_snapshot!(format!("broken_review_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn walkthrough_screens() {
    let mut app = broken();
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Right);
    assert_snapshot!("walkthrough_edge_nodes_80x24", screen(&app, 80, 24));
    press_n(&mut app, KeyCode::Char('l'), 2);
    assert_snapshot!("walkthrough_firewall_120x40", screen(&app, 120, 40));
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
            assert!(s.contains("too small"), "{w}x{h}: {s}");
        }
    }
}
