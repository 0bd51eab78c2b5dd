//! Writing the `[observed.<hop>]` sections: in path order, keys in [`SurveyKey`] order,
//! routes and rules as arrays of inline tables one per line so a git diff shows the route
//! that changed. Editing a loaded file changes only the entries that differ.

use super::{Plan, SCHEMA_VERSION};
use crate::hop::Hop;
use crate::observed::{RouteEntry, RuleEntry, Survey, SurveyKey, is_surveyable};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, TableLike, Value};

/// The surveys the file holds: every surveyed hop on the plan's path. A transit survey
/// is left out while the plan is a direct connection: there is no such device, and the
/// reader refuses the section.
pub(super) fn written(plan: &Plan) -> impl Iterator<Item = (Hop, &Survey)> {
    plan.observed
        .surveys
        .iter()
        .filter(|(hop, _)| is_surveyable(**hop) && hop.on_path(plan.transit))
        .map(|(hop, survey)| (*hop, survey))
}

fn route_value(route: &RouteEntry) -> Value {
    let mut t = InlineTable::new();
    t.insert("destination", route.destination.to_string().into());
    t.insert("next_hop", route.next_hop.word().into());
    if let Some(status) = &route.inactive {
        t.insert("status", status.as_str().into());
    }
    Value::InlineTable(t)
}

fn rule_value(rule: &RuleEntry) -> Value {
    let mut t = InlineTable::new();
    t.insert("direction", <&str>::from(rule.direction).into());
    t.insert("action", <&str>::from(rule.action).into());
    t.insert("protocol", <&str>::from(rule.protocol).into());
    // ICMP and `all` match every port; `ports = "all"` would only repeat it.
    if rule.protocol.has_ports() || rule.ports != crate::observed::Ports::All {
        t.insert("ports", rule.ports.to_string().into());
    }
    let peers: Array = rule.peers.iter().map(|n| n.to_string()).collect();
    t.insert("peers", Value::Array(peers));
    t.insert("priority", i64::from(rule.priority).into());
    Value::InlineTable(t)
}

/// The prefix that puts an entry on a line of its own.
const ENTRY_PREFIX: &str = "\n    ";

/// Entries one per line, with a trailing comma, so adding one touches one line.
fn entry_array(values: impl Iterator<Item = Value>) -> Value {
    let mut array = Array::new();
    for mut v in values {
        v.decor_mut().set_prefix(ENTRY_PREFIX);
        v.decor_mut().set_suffix("");
        array.push_formatted(v);
    }
    if !array.is_empty() {
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    }
    Value::Array(array)
}

/// The value of `key` in `survey`, as written; `None` when the survey leaves it unset.
fn key_value(survey: &Survey, key: SurveyKey) -> Option<Value> {
    let action = |a: crate::observed::RuleAction| Value::from(<&str>::from(a));
    match key {
        SurveyKey::Bgp => survey.bgp.map(Value::from),
        SurveyKey::VbrPeerIp => survey.vbr_peer_ip.map(|a| Value::from(a.to_string())),
        SurveyKey::Mtu => survey.mtu.map(|m| Value::from(i64::from(m))),
        SurveyKey::DefaultInbound => survey.default_inbound.map(action),
        SurveyKey::DefaultOutbound => survey.default_outbound.map(action),
        SurveyKey::Routes => {
            (survey.routes.as_ref()).map(|l| entry_array(l.iter().map(route_value)))
        }
        SurveyKey::Rules => (survey.rules.as_ref()).map(|l| entry_array(l.iter().map(rule_value))),
    }
}

/// A new `[observed.<hop>]` table holding `survey`: every allowed key that is set, and
/// a surveyed route or rule list even when empty ("surveyed, none found"); a list not
/// surveyed is left out.
fn survey_table(hop: Hop, survey: &Survey) -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    for key in SurveyKey::allowed(hop) {
        if let Some(v) = key_value(survey, key) {
            t.insert(key.key(), Item::Value(v));
        }
    }
    t
}

/// Writes the observed sections of `plan` into `doc`; with `old` (the plan `doc` was
/// read as), only what differs is touched.
pub(super) fn apply_observed(doc: &mut DocumentMut, plan: &Plan, old: Option<&Plan>) {
    let new: Vec<(Hop, &Survey)> = written(plan).collect();
    if !new.is_empty() {
        raise_version(doc);
    }
    let was: Vec<(Hop, &Survey)> = old.map(|o| written(o).collect()).unwrap_or_default();
    if new.is_empty() && was.is_empty() {
        return;
    }
    if !doc.contains_key("observed") {
        let mut t = Table::new();
        // Only the [observed.<hop>] headers are written, never a bare [observed].
        t.set_implicit(true);
        doc.insert("observed", Item::Table(t));
    }
    let Some(observed) = doc["observed"].as_table_like_mut() else {
        return;
    };
    for hop in Hop::ALL {
        let before = was.iter().find(|(h, _)| *h == hop).map(|(_, s)| *s);
        let after = new.iter().find(|(h, _)| *h == hop).map(|(_, s)| *s);
        match (before, after) {
            (None, None) => {}
            (Some(_), None) => {
                observed.remove(hop.id());
            }
            (None, Some(s)) => {
                observed.insert(hop.id(), Item::Table(survey_table(hop, s)));
            }
            (Some(b), Some(a)) if a == b => {}
            (Some(b), Some(a)) => {
                match observed.get_mut(hop.id()).and_then(Item::as_table_like_mut) {
                    Some(t) => update_survey(t, hop, b, a),
                    None => {
                        observed.insert(hop.id(), Item::Table(survey_table(hop, a)));
                    }
                }
            }
        }
    }
    if observed.is_empty() {
        doc.remove("observed");
    }
}

/// A version-1 file that gains observed state becomes version 2; one without stays as
/// it is, so older builds still read it and a save makes no needless change.
fn raise_version(doc: &mut DocumentMut) {
    let Some(Item::Value(v)) = doc.get_mut("schema_version") else {
        return;
    };
    if v.as_integer().is_some_and(|n| n < SCHEMA_VERSION) {
        let decor = v.decor().clone();
        *v = Value::from(SCHEMA_VERSION);
        *v.decor_mut() = decor;
    }
}

/// Changes the keys of one hop's table that differ between `old` and `new`.
fn update_survey(table: &mut dyn TableLike, hop: Hop, old: &Survey, new: &Survey) {
    for key in SurveyKey::allowed(hop) {
        let same = match key {
            SurveyKey::Routes => old.routes == new.routes,
            SurveyKey::Rules => old.rules == new.rules,
            _ => {
                key_value(old, key).map(|v| v.to_string())
                    == key_value(new, key).map(|v| v.to_string())
            }
        };
        if same {
            continue;
        }
        let array = table
            .get_mut(key.key())
            .and_then(Item::as_value_mut)
            .and_then(Value::as_array_mut);
        // A list edited in place keeps its layout; one that becomes (or stops being)
        // surveyed is written (or removed) whole.
        let routes = (old.routes.as_deref(), new.routes.as_deref());
        let rules = (old.rules.as_deref(), new.rules.as_deref());
        match (key, array, routes, rules) {
            (SurveyKey::Routes, Some(array), (Some(old), Some(new)), _) => {
                edit_entries(array, old, new, route_value);
            }
            (SurveyKey::Rules, Some(array), _, (Some(old), Some(new))) => {
                edit_entries(array, old, new, rule_value);
            }
            _ => match key_value(new, key) {
                None => {
                    table.remove(key.key());
                }
                Some(mut v) => {
                    if let Some(old) = table.get(key.key()).and_then(Item::as_value) {
                        *v.decor_mut() = old.decor().clone();
                    }
                    table.insert(key.key(), Item::Value(v));
                }
            },
        }
    }
}

/// Turns `array` (holding `old`, one element per entry) into `new`, keeping the entries
/// that did not change as written: the common head and tail stay, changed entries are
/// replaced in place with their comments, and the rest are inserted or removed.
fn edit_entries<T: PartialEq>(array: &mut Array, old: &[T], new: &[T], value: fn(&T) -> Value) {
    let head = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (old_mid, new_mid) = (old.len() - head - tail, new.len() - head - tail);
    let shared = old_mid.min(new_mid);
    for (i, entry) in new.iter().enumerate().skip(head).take(shared) {
        array.replace(i, value(entry));
    }
    for _ in new_mid..old_mid {
        array.remove(head + shared);
    }
    if new_mid > old_mid && array.is_empty() {
        // An empty `[]` grows into the one-per-line layout.
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    }
    for (i, entry) in new
        .iter()
        .enumerate()
        .take(head + new_mid)
        .skip(head + shared)
    {
        let mut v = value(entry);
        // Lay the new entry out like its neighbour, so a one-line list stays one line.
        let prefix = array
            .get(i.saturating_sub(1))
            .or_else(|| array.get(i))
            .and_then(|n| n.decor().prefix().cloned());
        match prefix {
            Some(p) => v.decor_mut().set_prefix(p),
            None => v.decor_mut().set_prefix(ENTRY_PREFIX),
        }
        v.decor_mut().set_suffix("");
        // The space before `]` belongs to whichever entry is last.
        if i == array.len()
            && let Some(last) = i.checked_sub(1).and_then(|j| array.get_mut(j))
            && let Some(suffix) = last.decor().suffix().cloned()
        {
            last.decor_mut().set_suffix("");
            v.decor_mut().set_suffix(suffix);
        }
        array.insert_formatted(i, v);
    }
}
