//! The walkthrough slides drawn with ratatui's `TestBackend`: the title slide and a hop
//! slide at 80x24, 120x40 and 200x50, each read by eye; moving between slides; the
//! customer wording on screen.

mod tui_support;

use edgeplan::hop::Hop;
use edgeplan::plan::load_path;
use edgeplan::tui::app::Mode;
use edgeplan::tui::components::walkthrough::Slide;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tui_support::{opened, press, press_n, screen};

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn slides() -> edgeplan::tui::App {
    let (plan, _) = load_path(std::path::Path::new(FIXTURE)).unwrap();
    let mut app = opened(plan, Theme::default_dark(), UNICODE);
    press(&mut app, KeyCode::Char('w'));
    app
}

/// The source's example as a file, with its customer.
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/example-flannel-ecr.toml"
);

fn slide(app: &edgeplan::tui::App) -> Slide {
    app.components().walkthrough.current(app.plan().transit)
}

#[test]
fn the_title_slide_names_the_plan_customer_choices_and_verdict() {
    let app = slides();
    assert_eq!((app.mode(), slide(&app)), (Mode::Walkthrough, Slide::Title));
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        for needle in ["example-hangzhou-edge", "ACME", "slide 1 of 8"] {
            assert!(shown.contains(needle), "{w}x{h}: {needle}\n{shown}");
        }
        assert_snapshot!(format!("title_{w}x{h}"), shown);
    }
}

#[test]
fn a_hop_slide_lights_its_hop_and_says_what_to_configure_in_plain_words() {
    let mut app = slides();
    press(&mut app, KeyCode::Right);
    assert_eq!(slide(&app), Slide::Hop(Hop::EdgeNode));
    assert_eq!(app.hop(), Hop::EdgeNode);
    for (w, h) in SIZES {
        let shown = screen(&app, w, h);
        assert!(shown.contains("Hop 1 of 7: Edge nodes"), "{shown}");
        assert!(!shown.contains("source"), "{w}x{h}\n{shown}");
        assert_snapshot!(format!("edge_nodes_{w}x{h}"), shown);
    }
    press_n(&mut app, KeyCode::Right, 2);
    assert_eq!(app.hop(), Hop::Firewall);
    for (w, h) in SIZES {
        assert_snapshot!(format!("firewall_{w}x{h}"), screen(&app, w, h));
    }
}

#[test]
fn every_slide_key_moves_as_its_help_says() {
    let mut app = slides();
    press(&mut app, KeyCode::PageDown);
    assert_eq!(slide(&app), Slide::Hop(Hop::EdgeNode));
    press(&mut app, KeyCode::End);
    assert_eq!(slide(&app), Slide::Hop(Hop::SecurityGroup));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        slide(&app),
        Slide::Hop(Hop::SecurityGroup),
        "stays on the last"
    );
    press(&mut app, KeyCode::PageUp);
    assert_eq!(slide(&app), Slide::Hop(Hop::VpcRouteTable));
    press(&mut app, KeyCode::Left);
    assert_eq!(slide(&app), Slide::Hop(Hop::Transit));
    press(&mut app, KeyCode::Home);
    assert_eq!(slide(&app), Slide::Title);
    press(&mut app, KeyCode::Left);
    assert_eq!(slide(&app), Slide::Title, "stays on the first");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.components().walkthrough.scroll, 1);
    press(&mut app, KeyCode::Up);
    assert_eq!(app.components().walkthrough.scroll, 0);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Wizard);
}

#[test]
fn the_title_slide_of_a_broken_plan_says_not_ready_and_lists_each_fix() {
    let mut app = opened(
        tui_support::three_hop_errors(),
        Theme::default_dark(),
        UNICODE,
    );
    press(&mut app, KeyCode::Char('w'));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Not ready: 2 errors to resolve"), "{shown}");
    assert!(shown.contains("Fix:"), "{shown}");
    // The customer's words: labels, not the plan's keys or the source's notation.
    for word in ["_cidrs", "source", "(the "] {
        assert!(!shown.contains(word), "{word}\n{shown}");
    }
    assert_snapshot!("title_with_errors_120x40", shown);
}

#[test]
fn help_over_the_export_dialog_closes_back_to_it_with_the_path_kept() {
    use edgeplan::tui::app::Overlay;
    let mut app = tui_support::example();
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.overlay(), Some(Overlay::Export));
    tui_support::type_text(&mut app, "-v2");
    press(&mut app, KeyCode::F(1));
    assert_eq!(app.overlay(), Some(Overlay::Help));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), Some(Overlay::Export));
    let path = app.export_dialog().unwrap().path.value().to_string();
    assert_eq!(path, "example-hangzhou-edge.md-v2");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.overlay(), None);
    assert!(app.export_dialog().is_none());
}

#[test]
fn the_export_dialog_shows_the_formats_and_the_path_next_to_the_plan() {
    let (plan, _) = load_path(std::path::Path::new(FIXTURE)).unwrap();
    let mut app = opened(plan, Theme::default_dark(), UNICODE);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Down);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("plans/site.json"), "{shown}");
    assert_snapshot!("export_dialog_80x24", shown);
}
