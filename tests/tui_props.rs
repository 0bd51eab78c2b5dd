//! Properties over random key presses: the app never panics at any terminal size, and
//! what it shows is always derived from the plan it holds.

mod tui_support;

use edgeplan::catalog::Catalog;
use edgeplan::checks::check;
use edgeplan::hop::Hop;
use edgeplan::plan::Plan;
use edgeplan::requirements::derive;
use edgeplan::tui::App;
use edgeplan::tui::glyphs::{ASCII, UNICODE};
use edgeplan::tui::handle_key;
use edgeplan::tui::keys::{Context, context};
use edgeplan::tui::persist::Document;
use edgeplan::tui::theme::Theme;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::{TempDir, draw};

fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::F(1)),
        prop::sample::select("0123456789./ abdehjklnqwy?-:".chars().collect::<Vec<_>>())
            .prop_map(KeyCode::Char),
    ];
    let ctrl = prop::sample::select(vec!['s', 'u', 'w', 'c'])
        .prop_map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    prop_oneof![9 => plain.prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE)), 1 => ctrl]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_never_panic_and_the_screen_follows_the_plan(
        // Each key comes with the terminal size after it: the terminal is resized all the
        // time, down to 0x0 and 1x1.
        steps in prop::collection::vec((key(), 0u16..220, 0u16..70), 1..60),
        ascii in any::<bool>(),
    ) {
        let dir = TempDir::new("props");
        let plan = Plan::example();
        let doc = Document { path: Some(dir.join("plan.toml")), original: None, saved: plan.clone(), new_file: true, stamp: None };
        let mut app = App::new(plan, doc, Theme::default_dark(), if ascii { ASCII } else { UNICODE });
        for (key, width, height) in steps {
            if context(&app) == Context::SavePath && key.code == KeyCode::Enter {
                // Typed paths are random; saving them would write outside the temp dir.
                continue;
            }
            handle_key(&mut app, key);
            prop_assert_eq!(app.report(), &check(app.plan(), Catalog::builtin()));
            let derived = derive(app.plan(), Catalog::builtin());
            for hop in Hop::ALL {
                prop_assert_eq!(app.hop_requirements(hop), derived.hop(hop));
            }
            draw(&app, width, height);
            if app.quitting() {
                break;
            }
        }
        draw(&app, 80, 24);
    }
}
