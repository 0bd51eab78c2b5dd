//! "Fix it": from a finding to the step and the row where it is fixed.

use super::app::{App, Step};
use super::components::cidrs::CidrRow;
use super::components::region::RegionPicker;
use super::components::{Effect, Effects};
use crate::checks::{FieldRef, Finding};
use crate::plan::{Field, Plan};

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
        // The `[meta]` fields have rows of their own under the CIDR step's "Plan" heading.
        _ => Step::Cidrs,
    }
}

/// The CIDR editor's row for a field: a list's named entry, else its first entry, else
/// its add row; `None` for fields edited on other steps.
fn editor_row(at: FieldRef, plan: &Plan) -> Option<CidrRow> {
    if let Some(entries) = at.field.cidrs(plan) {
        return Some(match at.entry.unwrap_or(0) {
            i if i < entries.len() => CidrRow::Entry(at.field, i),
            _ => CidrRow::Add(at.field),
        });
    }
    match at.field {
        Field::Scope => Some(CidrRow::Scope),
        single if Field::SINGLES.contains(&single) => Some(CidrRow::Single(single)),
        text if Field::TEXTS.contains(&text) => Some(CidrRow::Text(text)),
        reach if Field::REACHES.contains(&reach) => Some(CidrRow::Reach(reach)),
        _ => None,
    }
}

/// Goes to where the selected finding is fixed (Enter on a finding), the cursor on its field.
pub(super) fn jump_to_fix(app: &mut App) -> Effects {
    let Some(finding) = app
        .components
        .review
        .selected(app.session.report())
        .cloned()
    else {
        return super::components::error("no findings: nothing to fix");
    };
    let plan = app.session.plan();
    let (step, at) = fix_location(&finding);
    if let Some(row) = at.and_then(|at| editor_row(at, plan)) {
        app.components.cidrs.select(row, plan);
    }
    if step == Step::Region {
        app.components.region = RegionPicker::at(&plan.region);
    }
    vec![
        Effect::SelectHop(finding.hop()),
        Effect::GoToStep(step),
        super::components::info(format!("Fix: {}", finding.fix)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::checks::{FindingCode, check};
    use crate::plan::Cni;

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
            (Step::Cidrs, Some(CidrRow::Add(Field::ContainerCidrs)))
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
            (Step::Cidrs, Some(CidrRow::Entry(Field::DatacenterCidrs, 1)))
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
