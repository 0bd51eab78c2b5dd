//! Whole screens of editing at a jump host, at 80x24 and 120x40, read as a user: the
//! region step browsing and filtering, a long message on its own line and recalled
//! whole, and a plan with no data-center block.

mod tui_support;

use edgeplan::tui::App;
use insta::assert_snapshot;
use ratatui::crossterm::event::KeyCode;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        assert_snapshot!(format!("{name}_{w}x{h}"), screen(app, w, h));
    }
}

#[test]
fn region_step_browsing_then_filtering() {
    let mut app = example();
    press(&mut app, KeyCode::Enter);
    snap("region_browsing", &app);
    type_text(&mut app, "/sing");
    snap("region_filtering", &app);
}

#[test]
fn a_long_message_on_its_line_and_recalled_whole() {
    let mut app = example();
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "/singapore");
    press(&mut app, KeyCode::Enter);
    snap("message_line", &app);
    type_text(&mut app, "m");
    snap("messages_recalled", &app);
}

#[test]
fn no_data_center_block_after_deleting_it() {
    let mut app = example();
    type_text(&mut app, "4jd");
    snap("no_datacenter_block", &app);
}
