//! The autosave's promises: the debounce, the watcher's hand-over, restore and discard.

use super::*;
use crate::tui::App;
use crate::tui::glyphs::UNICODE;
use crate::tui::theme::Theme;
use crate::tui::{Action, update};

fn app_with_store(name: &str) -> App {
    let dir = std::env::temp_dir().join(format!("edgeplan-autosave-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut app = App::example(Theme::default_dark(), UNICODE);
    app.session_mut()
        .set_autosave(Autosave::new(Some(DraftStore { dir })));
    app
}

fn draft_file(app: &App) -> std::path::PathBuf {
    let s = app.session();
    s.autosave().store.as_ref().unwrap().path(&key_of(s.doc()))
}

fn edit(app: &mut App) {
    let mut plan = app.plan().clone();
    plan.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
    app.session_mut().set_plan(plan);
}

#[test]
fn an_edit_reaches_the_draft_after_the_debounce_and_not_before() {
    let mut app = app_with_store("debounce");
    edit(&mut app);
    let t0 = Instant::now();
    app.session_mut().tick(t0);
    assert!(!draft_file(&app).exists(), "gathered, not yet written");
    app.session_mut().tick(t0 + DEBOUNCE);
    let text = std::fs::read_to_string(draft_file(&app)).unwrap();
    assert!(text.contains("172.16.0.0/16"), "{text}");
    assert!(app.session().draft_up_to_date());
}

#[test]
fn the_watcher_is_handed_every_edit_at_once_and_writes_it_with_the_files_comments() {
    let dir = std::env::temp_dir().join(format!("edgeplan-handoff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("plan.toml");
    let text = format!("# kept\n{}", crate::plan::to_toml(&Plan::example()));
    let plan = crate::plan::parse_plan("plan.toml", &text).unwrap();
    let mut app = App::from_file(&path, plan, text, Theme::default_dark(), UNICODE);
    app.session_mut()
        .set_autosave(Autosave::new(Some(DraftStore {
            dir: dir.join("drafts"),
        })));
    let mut handoff = DraftHandoff::default();
    handoff.share(app.session());
    assert!(handoff.slot().lock().unwrap().is_none(), "nothing unsaved");

    edit(&mut app);
    handoff.share(app.session());
    let snapshot = handoff.slot().lock().unwrap().take().expect("handed over");
    assert!(
        !draft_file(&app).exists(),
        "nothing written before a signal"
    );
    let written = std::fs::read_to_string(snapshot.write().unwrap()).unwrap();
    assert!(written.contains("\n# kept\n"), "{written}");
    assert_eq!(
        crate::plan::parse_plan("draft", &written).unwrap(),
        *app.plan()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn undoing_the_change_removes_the_draft() {
    let mut app = app_with_store("undo");
    edit(&mut app);
    app.session_mut().flush();
    assert!(draft_file(&app).exists());
    let saved = app.session().doc().saved.clone();
    app.session_mut().set_plan(saved);
    app.session_mut().flush();
    assert!(!draft_file(&app).exists());
}

#[test]
fn a_later_session_is_offered_the_draft_and_restores_it_exactly() {
    let mut first = app_with_store("restore");
    edit(&mut first);
    first.session_mut().flush();
    let edited = first.plan().clone();

    let mut second = App::example(Theme::default_dark(), UNICODE);
    crate::tui::start_autosave(&mut second, first.session().autosave().store.clone());
    let offer = second
        .session()
        .recovered()
        .cloned()
        .expect("the draft is offered");
    assert_eq!(
        offer.changes,
        ["network.vpc_cidrs: 192.168.0.0/16 -> 192.168.0.0/16, 172.16.0.0/16"]
    );
    assert_eq!(
        *second.plan(),
        Plan::example(),
        "nothing changes before the user says so"
    );
    update(&mut second, Action::RestoreDraft);
    assert_eq!(*second.plan(), edited);
    assert!(second.dirty(), "restored changes are unsaved until saved");
}

#[test]
fn a_draft_is_discarded_only_when_told() {
    let mut first = app_with_store("discard");
    edit(&mut first);
    first.session_mut().flush();
    let store = first.session().autosave().store.clone();

    let mut second = App::example(Theme::default_dark(), UNICODE);
    crate::tui::start_autosave(&mut second, store.clone());
    second.session_mut().tick(Instant::now() + DEBOUNCE * 4);
    assert!(
        draft_file(&second).exists(),
        "kept while the question is open"
    );
    update(&mut second, Action::DiscardDraft);
    assert!(!draft_file(&second).exists());
    assert_eq!(*second.plan(), Plan::example());
}
