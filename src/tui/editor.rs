//! The editors of the wizard's steps: the region picker's filter and the CIDR editor's
//! rows and draft. They hold text being typed; only valid values reach the plan.

use crate::catalog::{Catalog, Region};
use crate::cidr::{parse_addr, parse_net};
use crate::plan::{CidrList, Plan};
use tui_input::Input;

/// A region list filtered by what the user typed.
#[derive(Debug, Clone, Default)]
pub struct RegionPicker {
    /// The filter text; every word must appear in the region's id or name.
    pub filter: Input,
    /// Index into the filtered list.
    pub cursor: usize,
}

impl RegionPicker {
    /// A picker with the cursor on `current`.
    pub fn at(current: &str) -> RegionPicker {
        let cursor = Catalog::builtin()
            .regions
            .iter()
            .position(|r| r.id == current)
            .unwrap_or(0);
        RegionPicker {
            filter: Input::default(),
            cursor,
        }
    }

    /// The regions that match the filter, in catalog order.
    pub fn matches(&self) -> Vec<&'static Region> {
        let words: Vec<String> = self
            .filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        Catalog::builtin()
            .regions
            .iter()
            .filter(|r| {
                let (id, name) = (r.id.to_lowercase(), r.name.to_lowercase());
                words
                    .iter()
                    .all(|w| id.contains(w.as_str()) || name.contains(w.as_str()))
            })
            .collect()
    }

    /// The region under the cursor, if any matches.
    pub fn selected(&self) -> Option<&'static Region> {
        self.matches().get(self.cursor).copied()
    }

    /// Moves the cursor by `delta`, staying in the list.
    pub fn move_by(&mut self, delta: isize) {
        let len = self.matches().len();
        self.cursor = step_index(self.cursor, delta, len);
    }

    /// Puts the cursor back in range after the filter changed, on `current` when it matches.
    pub fn refilter(&mut self, current: &str) {
        let matches = self.matches();
        self.cursor = matches.iter().position(|r| r.id == current).unwrap_or(0);
    }
}

/// `index + delta` kept inside `0..len`.
pub fn step_index(index: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    index.saturating_add_signed(delta).min(len - 1)
}

/// An optional single value of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Single {
    /// `service_cidr`
    ServiceCidr,
    /// `apiserver_ip`
    ApiserverIp,
    /// `management_ip`
    ManagementIp,
}

impl Single {
    /// Every single value in file order.
    pub const ALL: [Single; 3] = [
        Single::ServiceCidr,
        Single::ApiserverIp,
        Single::ManagementIp,
    ];

    /// The key in the plan file.
    pub fn key(self) -> &'static str {
        match self {
            Single::ServiceCidr => "service_cidr",
            Single::ApiserverIp => "apiserver_ip",
            Single::ManagementIp => "management_ip",
        }
    }

    /// A short label for people.
    pub fn label(self) -> &'static str {
        match self {
            Single::ServiceCidr => "Service CIDR",
            Single::ApiserverIp => "API server address",
            Single::ManagementIp => "ACK management address",
        }
    }

    /// The value as text, if set.
    pub fn get(self, plan: &Plan) -> Option<String> {
        match self {
            Single::ServiceCidr => plan.service_cidr.map(|n| n.to_string()),
            Single::ApiserverIp => plan.apiserver_ip.map(|a| a.to_string()),
            Single::ManagementIp => plan.management_ip.map(|a| a.to_string()),
        }
    }

    /// Parses `text` and stores it; empty text clears the value. Errors leave `plan` as is.
    pub fn set(self, plan: &mut Plan, text: &str) -> Result<(), String> {
        if text.is_empty() {
            self.clear(plan);
            return Ok(());
        }
        match self {
            Single::ServiceCidr => {
                plan.service_cidr = Some(parse_net(text).map_err(|e| e.to_string())?)
            }
            Single::ApiserverIp => {
                plan.apiserver_ip = Some(parse_addr(text).map_err(|e| e.to_string())?)
            }
            Single::ManagementIp => {
                plan.management_ip = Some(parse_addr(text).map_err(|e| e.to_string())?)
            }
        }
        Ok(())
    }

    /// Unsets the value.
    pub fn clear(self, plan: &mut Plan) {
        match self {
            Single::ServiceCidr => plan.service_cidr = None,
            Single::ApiserverIp => plan.apiserver_ip = None,
            Single::ManagementIp => plan.management_ip = None,
        }
    }
}

/// One row of the CIDR editor the cursor can stand on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CidrRow {
    /// The broad/fine scope switch.
    Scope,
    /// Entry `i` of a list.
    Entry(CidrList, usize),
    /// "add an entry" at the end of a list.
    Add(CidrList),
    /// An optional single value.
    Single(Single),
}

/// The CIDR editor's rows for a plan: scope, each list's entries and its add row, then
/// the single values.
pub fn cidr_rows(plan: &Plan) -> Vec<CidrRow> {
    let mut rows = vec![CidrRow::Scope];
    for list in CidrList::ALL {
        rows.extend((0..list.get(plan).len()).map(|i| CidrRow::Entry(list, i)));
        rows.push(CidrRow::Add(list));
    }
    rows.extend(Single::ALL.map(CidrRow::Single));
    rows
}

/// What a draft will change when kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftTarget {
    /// Replaces entry `i` of a list.
    Entry(CidrList, usize),
    /// Appends to a list.
    New(CidrList),
    /// Sets (or, when empty, clears) a single value.
    Single(Single),
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
    /// or without the entry when it is not, so an invalid entry never enters the plan.
    pub fn plan(&self) -> Plan {
        let mut plan = self.before.clone();
        let text = self.input.value();
        match self.target {
            DraftTarget::Entry(list, i) => {
                let entries = list.get_mut(&mut plan);
                match parse_net(text) {
                    Ok(net) => entries[i] = net,
                    Err(_) => {
                        entries.remove(i);
                    }
                }
            }
            DraftTarget::New(list) => {
                if let Ok(net) = parse_net(text) {
                    list.get_mut(&mut plan).push(net);
                }
            }
            DraftTarget::Single(single) => {
                if single.set(&mut plan, text).is_err() {
                    single.clear(&mut plan);
                }
            }
        }
        plan
    }

    /// Validates the text: `Err` carries the reason shown beside it.
    pub fn apply(&self) -> Result<(), String> {
        let text = self.input.value();
        match self.target {
            DraftTarget::Entry(..) | DraftTarget::New(_) => {
                parse_net(text).map(|_| ()).map_err(|e| e.to_string())
            }
            DraftTarget::Single(single) => single.set(&mut self.before.clone(), text),
        }
    }

    /// Re-validates after a keystroke.
    pub fn revalidate(&mut self) {
        self.error = self.apply().err();
    }

    /// True when nothing was typed into a new entry (Enter then just closes it).
    pub fn is_empty_new(&self) -> bool {
        matches!(self.target, DraftTarget::New(_)) && self.input.value().is_empty()
    }

    /// The row the draft stands on.
    pub fn row(&self) -> CidrRow {
        match self.target {
            DraftTarget::Entry(list, i) => CidrRow::Entry(list, i),
            DraftTarget::New(list) => CidrRow::Add(list),
            DraftTarget::Single(s) => CidrRow::Single(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tui_input::InputRequest;

    #[test]
    fn filter_matches_id_and_name_words() {
        let mut p = RegionPicker {
            filter: Input::new("shang".into()),
            cursor: 0,
        };
        assert_eq!(
            p.matches()
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["cn-shanghai"]
        );
        p.filter = Input::new("china hong".into());
        assert_eq!(p.matches()[0].id, "cn-hongkong");
    }

    #[test]
    fn an_invalid_draft_takes_the_entry_out_of_the_plan() {
        let plan = Plan::example();
        let mut d = Draft::new(
            DraftTarget::Entry(CidrList::Vpc, 0),
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
        assert!(d.plan().vpc_cidrs.is_empty());
    }

    #[test]
    fn an_empty_single_clears_the_value() {
        let d = Draft::new(
            DraftTarget::Single(Single::ManagementIp),
            String::new(),
            Plan::example(),
        );
        assert_eq!(d.error, None);
        assert_eq!(d.plan().management_ip, None);
    }
}
