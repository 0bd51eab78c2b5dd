use super::*;
use crate::tui::glyphs::UNICODE;

#[test]
fn the_example_opens_clean_on_the_region_step() {
    let app = App::example(Theme::default_dark(), UNICODE);
    assert!(!app.dirty());
    assert_eq!((app.step, app.focus), (Step::Region, Pane::Steps));
    assert_eq!(app.regions().selected().unwrap().id, "cn-hangzhou");
}
