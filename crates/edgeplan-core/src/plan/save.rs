//! Writing plan TOML. One path serves both cases: a new file is the edit of an empty
//! document, and a loaded file is edited in place so that its comments, key order and
//! untouched values stay exactly as they were.

use super::{Field, FieldValue, Plan, SCHEMA_VERSION, Section, parse_plan};
use ipnet::Ipv4Net;
use toml_edit::{Array, DocumentMut, Item, Table, Value, value};

/// The plan as canonical TOML text: stable key order, one CIDR per line in longer lists.
pub fn to_toml(plan: &Plan) -> String {
    let mut doc = DocumentMut::new();
    apply(&mut doc, plan, None);
    let text = doc.to_string();
    text.trim_start().to_string()
}

/// `original` with only the values that differ from `plan` rewritten; comments stay.
/// Falls back to canonical text when `original` is not a readable plan.
pub fn update_toml(original: &str, plan: &Plan) -> String {
    let (Ok(mut doc), Ok(old)) = (original.parse::<DocumentMut>(), parse_plan("", original)) else {
        return to_toml(plan);
    };
    apply(&mut doc, plan, Some(&old));
    doc.to_string()
}

fn cidr_array(nets: &[Ipv4Net]) -> Value {
    let mut array: Array = nets.iter().map(|n| n.to_string()).collect();
    if nets.len() > 1 {
        // One entry per line keeps git diffs to the entry that changed.
        for v in array.iter_mut() {
            v.decor_mut().set_prefix("\n    ");
        }
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    }
    Value::Array(array)
}

/// Sets `key` to `new` unless the old plan already had that value; keeps the old decor
/// (the trailing comment) of a replaced value.
fn set(table: &mut Table, key: &str, new: Option<Value>, changed: bool) {
    if !changed {
        return;
    }
    match new {
        None => {
            table.remove(key);
        }
        Some(mut new) => {
            if let Some(old) = table.get(key).and_then(Item::as_value) {
                *new.decor_mut() = old.decor().clone();
            }
            table.insert(key, Item::Value(new));
        }
    }
}

fn table<'d>(doc: &'d mut DocumentMut, name: &str) -> &'d mut Table {
    if !doc.contains_key(name) {
        let mut t = Table::new();
        t.decor_mut().set_prefix("\n");
        doc.insert(name, Item::Table(t));
    }
    doc[name].as_table_mut().expect("plan sections are tables")
}

/// The field's value as TOML; `None` removes the key.
fn toml_value(value: FieldValue<'_>) -> Option<Value> {
    match value {
        FieldValue::Text(text) => text.map(Value::from),
        FieldValue::Id(id) => Some(Value::from(id)),
        FieldValue::Cidrs(nets) => Some(cidr_array(nets)),
        FieldValue::Cidr(net) => net.map(|n| Value::from(n.to_string())),
        FieldValue::Address(addr) => addr.map(|a| Value::from(a.to_string())),
    }
}

fn apply(doc: &mut DocumentMut, plan: &Plan, old: Option<&Plan>) {
    if old.is_none() {
        doc.insert("schema_version", value(SCHEMA_VERSION));
    }
    for section in [Section::Meta, Section::Network] {
        // An empty [meta] is left out of the file rather than written as a bare header.
        let optional = section == Section::Meta;
        if optional && plan.meta.is_empty() && !doc.contains_key(section.key()) {
            continue;
        }
        let t = table(doc, section.key());
        for field in Field::ALL.iter().filter(|f| f.section() == section) {
            let new = field.get(plan);
            let changed = old.is_none_or(|o| field.get(o) != new);
            set(t, field.key(), toml_value(new), changed);
        }
        if optional && t.is_empty() {
            doc.remove(section.key());
        }
    }
    super::observed_save::apply_observed(doc, plan, old);
}
