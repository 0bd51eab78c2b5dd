//! The one place that changes the app: `update(app, action)`. It handles what spans
//! the app (panes, steps, hops, overlays, saving, quitting) and hands the rest to the
//! component the key context names.

use super::app::{App, Mode, Overlay, Pane, Step};
use super::components::export::ExportDialog;
use super::components::region::RegionPicker;
use super::components::{Effect, Effects, writable};
use super::fix::jump_to_fix;
use super::keys::{Action, Context, context, keymap};
use crate::hop::Hop;
use ratatui::crossterm::event::KeyEvent;

/// Maps a key in the current context and applies it; returns true when it did something.
pub fn handle_key(app: &mut App, key: KeyEvent) -> bool {
    match keymap(context(app), key) {
        Some(action) => {
            update(app, action);
            true
        }
        None => false,
    }
}

/// Pasted text: typed into the box being edited, one character at a time, with line
/// breaks and tabs as spaces (the CIDR editor splits pasted lists); ignored where keys
/// are commands, so a paste cannot quit or jump. On the survey step it goes whole, line
/// breaks kept, into the paste box (opened for it).
pub fn paste(app: &mut App, text: &str) {
    match context(app) {
        // A device's output keeps its lines; pasted on the survey step, it opens the box.
        Context::SurveyPaste => return app.components.survey.paste_text(text),
        Context::Survey => {
            let opened = app
                .components
                .survey
                .open_paste(app.hop, &app.session, text);
            return apply(app, opened.unwrap_or_else(|e| e));
        }
        ctx if !ctx.is_text() => return,
        _ => {}
    }
    for c in text.chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !c.is_control() {
            update(app, Action::Type(tui_input::InputRequest::InsertChar(c)));
        }
    }
}

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    let ctx = context(app);
    if !matches!(action, Action::ToggleHelp | Action::ToggleMessages) {
        // A message is read once; the next key clears it (and may set a new one).
        app.message = None;
    }
    let effects = match action {
        Action::Quit => quit(app),
        Action::Save => save(app).unwrap_or_else(|e| e),
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                // Help over the export dialog closes back to it, the typed path kept.
                Some(Overlay::Help) => app.components.export.as_ref().map(|_| Overlay::Export),
                _ => Some(Overlay::Help),
            };
            vec![]
        }
        Action::ToggleMessages => {
            app.overlay = match app.overlay {
                Some(Overlay::Messages) => None,
                _ => Some(Overlay::Messages),
            };
            vec![]
        }
        Action::NextPane | Action::PrevPane => {
            app.focus = app.focus.cycle(action == Action::NextPane);
            vec![]
        }
        Action::OpenWalkthrough => {
            app.mode = Mode::Walkthrough;
            app.components.walkthrough.open();
            vec![]
        }
        Action::CloseWalkthrough if app.slides_only => {
            app.quit = true;
            vec![]
        }
        Action::CloseWalkthrough => {
            app.mode = Mode::Wizard;
            vec![]
        }
        Action::OpenExport => {
            app.components.export = Some(ExportDialog::open(&app.session));
            app.overlay = Some(Overlay::Export);
            vec![]
        }
        Action::CloseExport => {
            app.components.export = None;
            app.overlay = None;
            vec![]
        }
        Action::GoToStep(step) => vec![Effect::GoToStep(step)],
        Action::PrevHop => {
            let prev = app.hop.prev_on(app.plan().transit);
            prev.map(Effect::SelectHop).into_iter().collect()
        }
        Action::NextHop => {
            let next = app.hop.next_on(app.plan().transit);
            next.map(Effect::SelectHop).into_iter().collect()
        }
        Action::OpenStep => {
            app.focus = Pane::Body;
            survey_a_device(app);
            vec![]
        }
        Action::Back => vec![Effect::Back],
        Action::ShowDetails => {
            app.focus = Pane::Details;
            vec![]
        }
        Action::JumpToFix if ctx == Context::Review => jump_to_fix(app),
        Action::Undo | Action::Redo => undo_redo(app, action == Action::Undo).unwrap_or_else(|e| e),
        Action::SaveAndQuit => {
            app.overlay = None;
            let saved = save(app);
            app.quit = saved.is_ok();
            saved.unwrap_or_else(|e| e)
        }
        Action::DiscardAndQuit => {
            app.quit = true;
            vec![]
        }
        Action::CancelQuit => {
            app.overlay = None;
            vec![]
        }
        Action::RestoreDraft => restore_draft(app),
        Action::DiscardDraft => {
            if app.session.discard_recovered() {
                app.overlay = None;
                vec![super::components::info(
                    "Discarded the unsaved changes of the earlier session",
                )]
            } else {
                vec![]
            }
        }
        Action::OpenReadOnly => {
            if app.session.set_elsewhere(None).is_some() {
                app.overlay = None;
                app.session.set_read_only(true);
            }
            vec![]
        }
        Action::TakeOver => {
            if let Some(elsewhere) = app.session.set_elsewhere(None) {
                app.overlay = None;
                super::claim_and_recover(app, elsewhere.base);
            }
            vec![]
        }
        _ => to_component(app, ctx, action),
    };
    apply(app, effects);
}

/// Hands an action to the component the context names.
fn to_component(app: &mut App, ctx: Context, action: Action) -> Effects {
    let (c, session) = (&mut app.components, &mut app.session);
    match ctx {
        Context::Steps => {
            let delta = super::components::scroll_delta(action);
            let i = super::components::step_index(app.step.index(), delta, Step::ALL.len());
            app.step = Step::ALL[i];
            vec![]
        }
        Context::Details => {
            c.details.update(action);
            vec![]
        }
        Context::Walkthrough => c.walkthrough.update(action, session.plan().transit),
        Context::Export => {
            let Some(dialog) = c.export.as_mut() else {
                return vec![];
            };
            match dialog.update(action, session) {
                Ok(effects) => {
                    c.export = None;
                    app.overlay = None;
                    effects
                }
                Err(effects) => effects,
            }
        }
        Context::Region | Context::RegionFilter => c.region.update(action, session),
        Context::Choice => c.choice.update(action, app.step, session),
        Context::Cidrs | Context::CidrDraft => c.cidrs.update(action, session),
        Context::Review => c.review.update(action, session),
        Context::SavePath => c.save.update(action, session),
        Context::Survey | Context::SurveyForm | Context::SurveyPaste => {
            c.survey.update(action, app.hop, session)
        }
        Context::Flows => {
            // Another flow's trace starts at its top.
            c.details.scroll = 0;
            c.flows.update(action, session)
        }
        _ => vec![],
    }
}

/// Applies what the components asked for, in order.
fn apply(app: &mut App, effects: Effects) {
    for effect in effects {
        match effect {
            Effect::Say(kind, text) => app.say(kind, text),
            Effect::GoToStep(step) => go_to_step(app, step),
            Effect::Back => app.focus = Pane::Steps,
            Effect::SelectHop(hop) => select_hop(app, hop),
        }
    }
}

fn quit(app: &mut App) -> Effects {
    let clean = !app.dirty() || app.session.read_only() || app.session.recovered().is_some();
    if app.mode == Mode::LoadFailed || clean {
        app.quit = true;
    } else {
        app.overlay = Some(Overlay::ConfirmQuit);
    }
    vec![]
}

/// Undoes (or redoes) one edit and says which fields it changed.
fn undo_redo(app: &mut App, undo: bool) -> Result<Effects, Effects> {
    super::components::may_edit(&app.session)?;
    let before = app.session.plan().clone();
    let (moved, verb, none) = match undo {
        true => (app.session.undo(), "Undid", "nothing to undo"),
        false => (app.session.redo(), "Redid", "nothing to redo"),
    };
    if !moved {
        return Err(super::components::error(none));
    }
    let plan = app.session.plan();
    // The cursors follow the plan they show.
    app.components.region = RegionPicker::at(&plan.region);
    app.components.choice = super::components::choice::Choices::at(plan);
    let rows = app.components.cidrs.rows(plan).len();
    app.components.cidrs.cursor = app.components.cidrs.cursor.min(rows - 1);
    let changed = crate::plan::all_changes(&before, plan);
    let more = match changed.len() {
        0 | 1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let what = changed.first().map_or("", String::as_str);
    Ok(vec![super::components::info(format!(
        "{verb} {what}{more}"
    ))])
}

fn go_to_step(app: &mut App, step: Step) {
    app.step = step;
    app.focus = Pane::Body;
    survey_a_device(app);
}

/// On the survey step, a hop that cannot be surveyed (the edge nodes) gives way to the
/// first one that can: the step opens on something to edit.
fn survey_a_device(app: &mut App) {
    use super::components::survey::surveyable;
    let plan = app.plan();
    if app.step != Step::Survey || surveyable(plan, app.hop) {
        return;
    }
    if let Some(&hop) = Hop::path(plan.transit)
        .iter()
        .find(|h| surveyable(plan, **h))
    {
        select_hop(app, hop);
    }
}

fn select_hop(app: &mut App, hop: Hop) {
    if app.hop != hop {
        app.components.survey.close();
    }
    app.hop = hop;
    app.components.details.scroll = 0;
    app.components.walkthrough.scroll = 0;
}

fn restore_draft(app: &mut App) -> Effects {
    let Some((n, unfinished)) = app.session.restore_draft() else {
        return vec![];
    };
    app.overlay = None;
    app.hop = app.first_broken_hop().unwrap_or(app.hop);
    // The half-typed value comes back in its editor, as typed, still not kept.
    if let Some(u) = unfinished
        && app.components.cidrs.reopen(&u, &mut app.session)
    {
        go_to_step(app, Step::Cidrs);
        return super::components::error(format!(
            "Restored {n} change(s); {} was being typed: finish it (Enter) or Esc to keep the old value",
            u.field
        ));
    }
    vec![super::components::info(format!(
        "Restored {n} unsaved change(s); Ctrl-S saves them"
    ))]
}

/// Saves to the plan's file (Ctrl-S); `Ok` when it was written.
fn save(app: &mut App) -> Result<Effects, Effects> {
    writable(&app.session, "nothing is saved")?;
    app.components.cidrs.commit(&mut app.session)?;
    app.components
        .survey
        .commit_open(app.hop, &mut app.session)?;
    match app.session.doc().path.clone() {
        Some(path) => app.components.save.write(&mut app.session, &path),
        None => {
            let mut effects = vec![Effect::GoToStep(Step::Save)];
            effects.extend(super::components::error(
                "the example has no file yet: check the path on the Save step, then Enter saves it",
            ));
            Err(effects)
        }
    }
}
