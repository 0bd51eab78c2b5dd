//! The one place that changes the app: `update(app, action)`.

use super::app::MessageKind;
use super::app::{App, Mode, Overlay, Pane, Step};
use super::editor::{CidrRow, Draft, DraftTarget, RegionPicker, Single, step_index};
use super::keys::{Action, Context, context, keymap};
use super::persist;
use crate::catalog::Catalog;
use crate::checks::{FieldRef, Finding};
use crate::hop::Hop;
use crate::plan::{CidrList, Cni, ContainerDefault, Field, Plan, Scope, Transit};
use ratatui::crossterm::event::KeyEvent;
use strum::VariantArray;

/// Lines a page key moves.
const PAGE: isize = 10;

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

/// Applies one action to the app.
pub fn update(app: &mut App, action: Action) {
    let ctx = context(app);
    if action != Action::ToggleHelp {
        // A message is read once; the next key clears it (and may set a new one).
        app.message = None;
    }
    match action {
        Action::Quit => quit(app),
        Action::Save => {
            save(app);
        }
        Action::ToggleHelp => {
            app.overlay = match app.overlay {
                Some(Overlay::Help) => None,
                _ => Some(Overlay::Help),
            }
        }
        Action::NextPane | Action::PrevPane => {
            app.focus = app.focus.cycle(action == Action::NextPane);
        }
        Action::OpenWalkthrough => {
            app.mode = Mode::Walkthrough;
            app.walkthrough_scroll = 0;
        }
        Action::CloseWalkthrough => app.mode = Mode::Wizard,
        Action::GoToStep(step) => go_to_step(app, step),
        Action::PrevHop => select_hop(app, app.hop.prev()),
        Action::NextHop => select_hop(app, app.hop.next()),
        Action::Up => move_cursor(app, ctx, -1),
        Action::Down => move_cursor(app, ctx, 1),
        Action::PageUp => move_cursor(app, ctx, -PAGE),
        Action::PageDown => move_cursor(app, ctx, PAGE),
        Action::OpenStep => app.focus = Pane::Body,
        Action::Back => app.focus = Pane::Steps,
        Action::ShowDetails => app.focus = Pane::Details,
        Action::ChooseRegion => choose_region(app),
        Action::ClearFilter => {
            if app.regions.filter.value().is_empty() {
                app.focus = Pane::Steps;
            } else {
                app.regions.filter.reset();
                app.regions.refilter(&app.plan.region);
            }
        }
        Action::Choose => choose(app),
        Action::EditRow => edit_row(app),
        Action::AddEntry => {
            let list = match app.cidr_row() {
                CidrRow::Entry(list, _) | CidrRow::Add(list) => list,
                CidrRow::Scope | CidrRow::Single(_) => {
                    return say_error(app, "a adds to a list; move onto a list first");
                }
            };
            start_draft(app, DraftTarget::New(list));
        }
        Action::DeleteEntry => delete_entry(app),
        Action::CommitDraft => {
            commit_draft(app);
        }
        Action::CancelDraft => {
            if let Some(d) = app.draft.take() {
                app.set_plan(d.before);
            }
        }
        Action::JumpToFix => jump_to_fix(app),
        Action::SaveToPath => save_to_path(app),
        Action::SaveAndQuit => {
            app.overlay = None;
            if save(app) {
                app.quit = true;
            }
        }
        Action::DiscardAndQuit => app.quit = true,
        Action::CancelQuit => app.overlay = None,
        Action::RestoreDraft => {
            if let Some(recovered) = app.recovered.take() {
                app.overlay = None;
                let n = recovered.changes.len();
                app.set_plan(recovered.plan);
                app.hop = app.first_broken_hop().unwrap_or(app.hop);
                app.say(
                    MessageKind::Info,
                    format!("Restored {n} unsaved change(s); Ctrl-S saves them"),
                );
            }
        }
        Action::DiscardDraft => {
            if app.recovered.take().is_some() {
                app.overlay = None;
                app.with_autosave(|a, app| a.discard(app));
                app.say(
                    MessageKind::Info,
                    "Discarded the unsaved changes of the earlier session",
                );
            }
        }
        Action::OpenReadOnly => {
            if app.elsewhere.take().is_some() {
                app.overlay = None;
                app.read_only = true;
            }
        }
        Action::TakeOver => {
            if let Some(elsewhere) = app.elsewhere.take() {
                app.overlay = None;
                super::claim_and_recover(app, elsewhere.base);
            }
        }
        Action::Type(request) => type_text(app, ctx, request),
    }
}

fn say_error(app: &mut App, text: impl Into<String>) {
    app.say(MessageKind::Error, text);
}

/// True unless the session is read-only, which is then said with what it refuses
/// (`refused`: "nothing is saved").
fn writable(app: &mut App, refused: &str) -> bool {
    if app.read_only {
        say_error(
            app,
            format!("read-only: started with --read-only, so {refused}"),
        );
    }
    !app.read_only
}

/// Refuses a change in read-only mode; true when the change may go ahead.
fn may_edit(app: &mut App) -> bool {
    writable(app, "the plan cannot be changed")
}

fn quit(app: &mut App) {
    if app.mode == Mode::LoadFailed || !app.dirty() || app.read_only || app.recovered.is_some() {
        app.quit = true;
    } else {
        app.overlay = Some(Overlay::ConfirmQuit);
    }
}

fn go_to_step(app: &mut App, step: Step) {
    app.step = step;
    app.focus = Pane::Body;
}

fn select_hop(app: &mut App, hop: Option<Hop>) {
    if let Some(hop) = hop {
        app.hop = hop;
        app.details_scroll = 0;
        app.walkthrough_scroll = 0;
    }
}

fn scroll(value: &mut usize, delta: isize) {
    *value = value.saturating_add_signed(delta);
}

fn move_cursor(app: &mut App, ctx: Context, delta: isize) {
    match ctx {
        Context::Steps => {
            app.step = Step::ALL[step_index(app.step.index(), delta, Step::ALL.len())]
        }
        Context::Details => scroll(&mut app.details_scroll, delta),
        Context::Walkthrough => scroll(&mut app.walkthrough_scroll, delta),
        Context::Region => app.regions.move_by(delta),
        Context::Choice if app.step == Step::Cni => {
            app.cni_cursor = step_index(app.cni_cursor, delta, Cni::VARIANTS.len());
        }
        Context::Choice => {
            app.transit_cursor = step_index(app.transit_cursor, delta, Transit::VARIANTS.len())
        }
        Context::Cidrs => {
            app.cidr_cursor = step_index(app.cidr_cursor, delta, app.cidr_rows().len())
        }
        Context::Review => {
            app.review_cursor = step_index(app.review_cursor, delta, app.review_findings().len());
            if let Some(f) = app.review_findings().get(app.review_cursor) {
                let hop = f.hop();
                select_hop(app, Some(hop));
            }
        }
        _ => {}
    }
}

fn choose_region(app: &mut App) {
    let Some(region) = app.regions.selected() else {
        return say_error(app, "no region matches the filter; Esc clears it");
    };
    if !may_edit(app) {
        return;
    }
    let mut plan = app.plan.clone();
    let note = match plan.set_region(Catalog::builtin(), &region.id) {
        Ok(Some(ip)) => format!(
            "; management_ip {ip} was {}'s, so it is unset: resolve cs-anony-vpc.{}.aliyuncs.com in the VPC",
            app.plan.region, region.id
        ),
        Ok(None) => String::new(),
        Err(_) => return say_error(app, "that region is not in the catalog"),
    };
    app.set_plan(plan);
    app.regions.filter.reset();
    app.regions.refilter(&app.plan.region);
    app.say(
        MessageKind::Info,
        format!("Region: {} ({}){note}", region.id, region.name),
    );
    go_to_step(app, Step::Cni);
}

fn choose(app: &mut App) {
    if !may_edit(app) {
        return;
    }
    let mut plan = app.plan.clone();
    let mut note = None;
    if app.step == Step::Cni {
        note = match plan.set_cni(Cni::VARIANTS[app.cni_cursor]) {
            ContainerDefault::Unchanged => None,
            ContainerDefault::SourceExample(block) => Some(format!(
                "Terway Edge: added the edge container block {block} (the source's example); edit it in step 4"
            )),
            ContainerDefault::Substitute(block) => Some(format!(
                "Terway Edge: added the edge container block {block}, as 172.16.0.0/12 overlaps the plan"
            )),
            ContainerDefault::NoneFree => {
                Some("Terway Edge needs an edge container block: add one in step 4".to_string())
            }
        };
    } else {
        plan.transit = Transit::VARIANTS[app.transit_cursor];
    }
    app.set_plan(plan);
    go_to_step(app, app.step.next());
    if let Some(note) = note {
        app.say(MessageKind::Info, note);
    }
}

fn start_draft(app: &mut App, target: DraftTarget) {
    if !may_edit(app) {
        return;
    }
    let text = match target {
        DraftTarget::Entry(list, i) => list.get(&app.plan)[i].to_string(),
        DraftTarget::New(_) => String::new(),
        DraftTarget::Single(s) => s.get(&app.plan).unwrap_or_default(),
    };
    let draft = Draft::new(target, text, app.plan.clone());
    app.cidr_cursor = app
        .cidr_rows()
        .iter()
        .position(|r| *r == draft.row())
        .unwrap_or(0);
    app.draft = Some(draft);
}

fn edit_row(app: &mut App) {
    match app.cidr_row() {
        CidrRow::Scope => {
            if may_edit(app) {
                let mut plan = app.plan.clone();
                plan.scope = match plan.scope {
                    Scope::Broad => Scope::Fine,
                    Scope::Fine => Scope::Broad,
                };
                app.set_plan(plan);
            }
        }
        CidrRow::Entry(list, i) => start_draft(app, DraftTarget::Entry(list, i)),
        CidrRow::Add(list) => start_draft(app, DraftTarget::New(list)),
        CidrRow::Single(s) => start_draft(app, DraftTarget::Single(s)),
    }
}

fn delete_entry(app: &mut App) {
    if !may_edit(app) {
        return;
    }
    let mut plan = app.plan.clone();
    match app.cidr_row() {
        CidrRow::Entry(list, i) => {
            let removed = list.get_mut(&mut plan).remove(i);
            app.say(
                MessageKind::Info,
                format!("Removed {removed} from {}", list.key()),
            );
        }
        CidrRow::Single(s) => s.clear(&mut plan),
        CidrRow::Scope | CidrRow::Add(_) => return say_error(app, "nothing to delete on this row"),
    }
    app.set_plan(plan);
    app.cidr_cursor = app.cidr_cursor.min(app.cidr_rows().len() - 1);
}

/// Keeps a valid draft; refuses an invalid one. True when no draft is left open.
fn commit_draft(app: &mut App) -> bool {
    let Some(draft) = app.draft.as_ref() else {
        return true;
    };
    if draft.is_empty_new() {
        app.draft = None;
        return true;
    }
    if let Some(reason) = &draft.error {
        let value = crate::escape::Escaped(draft.input.value());
        let text = format!("\"{value}\" is not kept: {reason}");
        say_error(app, text);
        return false;
    }
    let row = draft.row();
    let plan = draft.plan();
    app.draft = None;
    app.set_plan(plan);
    let rows = app.cidr_rows();
    app.cidr_cursor = match row {
        // After adding, stay on the add row so the next entry can follow.
        CidrRow::Add(list) => rows.iter().position(|r| *r == CidrRow::Add(list)),
        r => rows.iter().position(|x| *x == r),
    }
    .unwrap_or(0);
    true
}

fn type_text(app: &mut App, ctx: Context, request: tui_input::InputRequest) {
    match ctx {
        Context::Region => {
            app.regions.filter.handle(request);
            app.regions.refilter(&app.plan.region);
        }
        Context::CidrDraft => {
            let Some(draft) = app.draft.as_mut() else {
                return;
            };
            draft.input.handle(request);
            draft.revalidate();
            let plan = draft.plan();
            app.set_plan(plan);
        }
        Context::SavePath => {
            app.save_path.handle(request);
            app.overwrite_armed = None;
        }
        _ => {}
    }
}

/// The step where a finding is fixed, and the field to put the cursor on: the first
/// field of its subject.
pub fn fix_location(finding: &Finding) -> (Step, Option<FieldRef>) {
    match finding.subject.first() {
        Some(&at) => (step_of(at.field), Some(at)),
        None => (Step::Cidrs, None),
    }
}

/// The wizard step that edits a field.
fn step_of(field: Field) -> Step {
    match field {
        Field::Region => Step::Region,
        Field::Cni => Step::Cni,
        Field::Transit => Step::Transit,
        // The wizard writes only the name, from the file name, when it saves.
        Field::Name | Field::Customer | Field::Author | Field::Notes => Step::Save,
        _ => Step::Cidrs,
    }
}

/// The CIDR editor's row for a field: a list's named entry, else its first entry, else
/// its add row; `None` for fields edited on other steps.
fn editor_row(at: FieldRef, plan: &Plan) -> Option<CidrRow> {
    if let Some(list) = CidrList::of(at.field) {
        let len = list.get(plan).len();
        return Some(match at.entry.unwrap_or(0) {
            i if i < len => CidrRow::Entry(list, i),
            _ => CidrRow::Add(list),
        });
    }
    let single = match at.field {
        Field::Scope => return Some(CidrRow::Scope),
        Field::ServiceCidr => Single::ServiceCidr,
        Field::ApiserverIp => Single::ApiserverIp,
        Field::ManagementIp => Single::ManagementIp,
        _ => return None,
    };
    Some(CidrRow::Single(single))
}

fn jump_to_fix(app: &mut App) {
    let findings = app.review_findings();
    let at = app.review_cursor.min(findings.len().saturating_sub(1));
    let Some(finding) = findings.get(at).map(|f| (*f).clone()) else {
        return say_error(app, "no findings: nothing to fix");
    };
    let (step, at) = fix_location(&finding);
    if let Some(row) = at.and_then(|at| editor_row(at, &app.plan)) {
        app.cidr_cursor = app.cidr_rows().iter().position(|r| *r == row).unwrap_or(0);
    }
    if step == Step::Region {
        app.regions = RegionPicker::at(&app.plan.region);
    }
    select_hop(app, Some(finding.hop()));
    go_to_step(app, step);
    app.say(MessageKind::Info, format!("Fix: {}", finding.fix));
}

/// Saves to the plan's file; true when it was written.
fn save(app: &mut App) -> bool {
    if !writable(app, "nothing is saved") || !commit_draft(app) {
        return false;
    }
    match app.doc.path.clone() {
        Some(path) => persist::save(app, &path),
        None => {
            go_to_step(app, Step::Save);
            say_error(
                app,
                "the example has no file yet: check the path on the Save step, then Enter saves it",
            );
            false
        }
    }
}

fn save_to_path(app: &mut App) {
    if !writable(app, "nothing is saved") {
        return;
    }
    let text = app.save_path.value().trim().to_string();
    if text.is_empty() {
        return say_error(app, "type the path to save to");
    }
    let path = std::path::PathBuf::from(text);
    let same_file = app.doc.path.as_ref() == Some(&path);
    if !same_file && path.exists() && app.overwrite_armed.as_ref() != Some(&path) {
        app.overwrite_armed = Some(path.clone());
        return say_error(
            app,
            format!(
                "{} exists and is another file: Enter again overwrites it",
                path.display()
            ),
        );
    }
    app.overwrite_armed = None;
    persist::save(app, &path);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{FindingCode, check};

    /// Where "fix it" takes the cursor for the finding with `code`.
    fn fix_row(plan: &Plan, code: FindingCode) -> (Step, Option<CidrRow>) {
        let report = check(plan, Catalog::builtin());
        let f = report.findings.iter().find(|f| f.code == code).unwrap();
        let (step, at) = fix_location(f);
        (step, at.and_then(|at| editor_row(at, plan)))
    }

    #[test]
    fn terway_without_containers_is_fixed_in_the_container_list() {
        let mut plan = Plan::example();
        plan.cni = Cni::TerwayEdge;
        assert_eq!(
            fix_row(&plan, FindingCode::TerwayWithoutContainerCidr),
            (Step::Cidrs, Some(CidrRow::Add(CidrList::Container)))
        );
    }

    #[test]
    fn an_overlap_points_at_the_named_entry() {
        let mut plan = Plan::example();
        plan.datacenter_cidrs
            .insert(0, "172.20.0.0/16".parse().unwrap());
        plan.vpc_cidrs.push("10.1.0.0/16".parse().unwrap());
        assert_eq!(
            fix_row(&plan, FindingCode::OverlapDatacenterVpc),
            (Step::Cidrs, Some(CidrRow::Entry(CidrList::Datacenter, 1)))
        );
    }

    #[test]
    fn a_region_finding_is_fixed_on_the_region_step() {
        let mut plan = Plan::example();
        plan.region = "xx-nowhere-1".into();
        assert_eq!(
            fix_row(&plan, FindingCode::UnknownRegion),
            (Step::Region, None)
        );
    }
}
