//! The CIDR value being typed: its target field, the text, and the plan as it was
//! before typing began. Only valid values reach the plan. Fields come from the core
//! [`Field`] model: its CIDR lists and its single values.

use super::cidrs::CidrRow;
use crate::checks::{FieldRef, Finding, Report};
use crate::cidr::{parse_addr, parse_net, parse_pasted};
use crate::draft::Unfinished;
use crate::plan::{Field, FieldKind, FieldValue, Plan};
use ipnet::Ipv4Net;
use tui_input::Input;

/// The entries of a CIDR-list field (none for other fields).
pub fn entries(list: Field, plan: &Plan) -> &[Ipv4Net] {
    list.cidrs(plan).map_or(&[], Vec::as_slice)
}

/// The entries of a CIDR-list field, to change them.
fn entries_mut(list: Field, plan: &mut Plan) -> &mut Vec<Ipv4Net> {
    list.cidrs_mut(plan)
        .expect("CIDR editor rows name only Field::CIDR_LISTS as lists")
}

/// The value of a single-value field as text, if set.
pub fn single_text(field: Field, plan: &Plan) -> Option<String> {
    match field.get(plan) {
        FieldValue::Cidr(Some(net)) => Some(net.to_string()),
        FieldValue::Address(Some(addr)) => Some(addr.to_string()),
        _ => None,
    }
}

/// Parses `text` as the field's kind and stores it; empty text clears the value, and
/// white space around it (a paste) is ignored. Errors leave `plan` as it is.
pub fn set_single_text(field: Field, plan: &mut Plan, text: &str) -> Result<(), String> {
    let text = text.trim();
    let value = match (text.is_empty(), field.kind()) {
        (true, _) => None,
        (false, FieldKind::Address) => {
            Some(Ipv4Net::from(parse_addr(text).map_err(|e| e.to_string())?))
        }
        (false, _) => Some(parse_net(text).map_err(|e| e.to_string())?),
    };
    field.set_single(plan, value);
    Ok(())
}

/// The text of a `[meta]` field, if set.
pub fn meta_text(field: Field, plan: &Plan) -> Option<&str> {
    match field.get(plan) {
        FieldValue::Text(text) => text,
        _ => None,
    }
}

/// Sets a `[meta]` field; empty text (white space alone) clears it.
fn set_meta_text(field: Field, plan: &mut Plan, text: &str) {
    if let Some(slot) = field.text_mut(plan) {
        let text = text.trim();
        *slot = (!text.is_empty()).then(|| text.to_string());
    }
}

/// Removes entry `i` of a list; the entry removed.
pub fn remove_entry(list: Field, plan: &mut Plan, i: usize) -> Ipv4Net {
    entries_mut(list, plan).remove(i)
}

/// What a draft will change when kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftTarget {
    /// Replaces entry `i` of a CIDR-list field.
    Entry(Field, usize),
    /// Appends to a CIDR-list field.
    New(Field),
    /// Sets (or, when empty, clears) a single-value field.
    Single(Field),
    /// Sets (or, when empty, clears) a free-text `[meta]` field.
    Text(Field),
}

/// Text being typed into the CIDR editor, with the plan as it was before typing began.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Where the value goes.
    pub target: DraftTarget,
    /// The text and cursor.
    pub input: Input,
    /// The plan before this edit; Esc restores it.
    pub before: Plan,
    /// Why the text is not a valid value; `None` when it is.
    pub error: Option<String>,
}

impl Draft {
    /// Starts editing `target` with `text` in the box.
    pub fn new(target: DraftTarget, text: String, before: Plan) -> Draft {
        let mut draft = Draft {
            target,
            input: Input::new(text),
            before,
            error: None,
        };
        draft.error = draft.apply().err();
        draft
    }

    /// The plan with this draft applied: `before` with the value when the text is valid,
    /// else `before` as it is, so an invalid text never enters the plan and never takes
    /// the old value out of it (a hang-up then keeps the old value). A list entry may
    /// hold several blocks (a pasted list): they all go in, in order.
    pub fn plan(&self) -> Plan {
        if self.error.is_some() {
            return self.before.clone();
        }
        self.applied()
    }

    /// `before` with the text applied as far as it is valid: an invalid entry is left
    /// out (so comparing with `before` shows the hops the entry feeds).
    pub fn without_invalid(&self) -> Plan {
        self.applied()
    }

    /// `before` and `without_invalid()` cut down to what tells the hops the edited value
    /// feeds: the edited entry alone in its list, every other list down to one block. A
    /// block's requirements do not depend on how many others its list holds, so the
    /// answer is the same as for the whole plan, at the cost of a small one.
    pub fn probe(&self) -> (Plan, Plan) {
        let shrink = |mut plan: Plan, edited: Option<Field>| {
            for list in Field::CIDR_LISTS {
                if Some(list) != edited {
                    entries_mut(list, &mut plan).truncate(1);
                }
            }
            plan
        };
        match self.target {
            DraftTarget::Entry(list, i) => {
                let mut with = shrink(self.before.clone(), Some(list));
                let entries = entries_mut(list, &mut with);
                *entries = entries.get(i).copied().into_iter().collect();
                let mut without = with.clone();
                entries_mut(list, &mut without).clear();
                (with, without)
            }
            _ => (
                shrink(self.before.clone(), None),
                shrink(self.applied(), None),
            ),
        }
    }

    fn applied(&self) -> Plan {
        let mut plan = self.before.clone();
        let text = self.input.value();
        match self.target {
            DraftTarget::Entry(list, i) => {
                let entries = entries_mut(list, &mut plan);
                let blocks = parse_pasted(text).unwrap_or_default();
                entries.splice(i..=i, blocks);
            }
            DraftTarget::New(list) => {
                if let Ok(blocks) = parse_pasted(text) {
                    entries_mut(list, &mut plan).extend(blocks);
                }
            }
            DraftTarget::Single(field) => {
                if set_single_text(field, &mut plan, text).is_err() {
                    field.set_single(&mut plan, None);
                }
            }
            DraftTarget::Text(field) => set_meta_text(field, &mut plan, text),
        }
        plan
    }

    /// Validates the text: `Err` carries the reason shown beside it.
    pub fn apply(&self) -> Result<(), String> {
        let text = self.input.value();
        match self.target {
            DraftTarget::Entry(..) | DraftTarget::New(_) => parse_pasted(text).map(|_| ()),
            DraftTarget::Single(field) => set_single_text(field, &mut self.before.clone(), text),
            DraftTarget::Text(_) => Ok(()),
        }
    }

    /// Re-validates after a keystroke.
    pub fn revalidate(&mut self) {
        self.error = self.apply().err();
    }

    /// The text and where it goes, while the text is not a valid value.
    pub fn unfinished(&self) -> Option<Unfinished> {
        self.error.as_ref()?;
        let field = match self.target {
            DraftTarget::Entry(list, i) => FieldRef {
                field: list,
                entry: Some(i),
            }
            .to_string(),
            DraftTarget::New(list) => format!("{list}[new]"),
            DraftTarget::Single(field) | DraftTarget::Text(field) => field.to_string(),
        };
        Some(Unfinished {
            field,
            text: self.input.value().to_string(),
        })
    }

    /// The findings of `report` about the value typed (a finding about the whole list
    /// counts too): what this edit causes, shown under it. None while the text is invalid.
    pub fn findings<'a>(&self, report: &'a Report) -> Vec<&'a Finding> {
        if self.error.is_some() {
            return vec![];
        }
        let typed = parse_pasted(self.input.value()).map_or(0, |b| b.len());
        let (field, entries) = match self.target {
            DraftTarget::Entry(list, i) => (list, i..i + typed),
            DraftTarget::New(list) => {
                let len = entries(list, &self.before).len();
                (list, len..len + typed)
            }
            DraftTarget::Single(field) | DraftTarget::Text(field) => (field, 0..usize::MAX),
        };
        let about =
            |at: &FieldRef| at.field == field && at.entry.is_none_or(|i| entries.contains(&i));
        report
            .findings
            .iter()
            .filter(|f| f.subject.iter().any(about))
            .collect()
    }

    /// True when nothing was typed into a new entry (Enter then just closes it).
    pub fn is_empty_new(&self) -> bool {
        matches!(self.target, DraftTarget::New(_)) && self.input.value().trim().is_empty()
    }

    /// The row the draft stands on.
    pub fn row(&self) -> CidrRow {
        match self.target {
            DraftTarget::Entry(list, i) => CidrRow::Entry(list, i),
            DraftTarget::New(list) => CidrRow::Add(list),
            DraftTarget::Single(s) => CidrRow::Single(s),
            DraftTarget::Text(t) => CidrRow::Text(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tui_input::InputRequest;

    #[test]
    fn an_invalid_draft_keeps_the_old_value_in_the_plan() {
        let plan = Plan::example();
        let mut d = Draft::new(
            DraftTarget::Entry(Field::VpcCidrs, 0),
            "192.168.0.0/16".into(),
            plan.clone(),
        );
        assert_eq!(d.plan(), plan);
        d.input.handle(InputRequest::DeletePrevChar);
        d.revalidate();
        assert!(
            d.error.as_deref().unwrap().contains("host bits"),
            "{:?}",
            d.error
        );
        assert_eq!(
            d.plan(),
            plan,
            "the old value stays until a valid one replaces it"
        );
        assert!(d.without_invalid().vpc_cidrs.is_empty());
        let unfinished = d.unfinished().unwrap();
        assert_eq!(unfinished.field, "network.vpc_cidrs[0]");
        assert_eq!(unfinished.text, "192.168.0.0/1");
    }

    #[test]
    fn a_pasted_list_in_an_entry_becomes_one_entry_per_block_in_place() {
        let mut plan = Plan::example();
        plan.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
        let d = Draft::new(
            DraftTarget::Entry(Field::VpcCidrs, 0),
            " 192.168.0.0/16, 192.169.0.0/16\n".into(),
            plan,
        );
        assert_eq!(d.error, None);
        let blocks: Vec<String> = d.plan().vpc_cidrs.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            blocks,
            ["192.168.0.0/16", "192.169.0.0/16", "172.16.0.0/16"]
        );
    }

    #[test]
    fn a_pasted_address_with_white_space_around_it_is_taken() {
        let d = Draft::new(
            DraftTarget::Single(Field::ApiserverIp),
            "  192.168.0.10 ".into(),
            Plan::example(),
        );
        assert_eq!(d.error, None);
        assert_eq!(d.plan().apiserver_ip, Some("192.168.0.10".parse().unwrap()));
    }

    #[test]
    fn an_empty_single_clears_the_value() {
        let d = Draft::new(
            DraftTarget::Single(Field::ManagementIp),
            String::new(),
            Plan::example(),
        );
        assert_eq!(d.error, None);
        assert_eq!(d.plan().management_ip, None);
    }

    #[test]
    fn an_address_field_refuses_a_block_and_a_block_field_takes_one() {
        let mut plan = Plan::example();
        assert!(set_single_text(Field::ApiserverIp, &mut plan, "10.0.0.0/8").is_err());
        set_single_text(Field::ApiserverIp, &mut plan, "192.168.0.10").unwrap();
        assert_eq!(
            single_text(Field::ApiserverIp, &plan).as_deref(),
            Some("192.168.0.10")
        );
        set_single_text(Field::ServiceCidr, &mut plan, "172.21.0.0/20").unwrap();
        assert_eq!(
            single_text(Field::ServiceCidr, &plan).as_deref(),
            Some("172.21.0.0/20")
        );
    }
}
