//! Writing plan TOML. One path serves both cases: a new file is the edit of an empty
//! document, and a loaded file is edited in place so that its comments, key order and
//! untouched values stay exactly as they were.

use super::{Choice, Plan, SCHEMA_VERSION, parse_plan};
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

/// A plan field written as a TOML string: its key and how to read it from a plan.
type TextField = (&'static str, fn(&Plan) -> Option<String>);
/// A `[meta]` field.
type MetaField = (&'static str, fn(&Plan) -> &Option<String>);

fn apply(doc: &mut DocumentMut, plan: &Plan, old: Option<&Plan>) {
    if old.is_none() {
        doc.insert("schema_version", value(SCHEMA_VERSION));
    }
    let differs = |f: &dyn Fn(&Plan) -> String| old.is_none_or(|o| f(o) != f(plan));

    let meta_fields: [MetaField; 4] = [
        ("name", |p| &p.meta.name),
        ("customer", |p| &p.meta.customer),
        ("author", |p| &p.meta.author),
        ("notes", |p| &p.meta.notes),
    ];
    if !plan.meta.is_empty() || doc.contains_key("meta") {
        let t = table(doc, "meta");
        for (key, get) in meta_fields {
            let changed = old.is_none_or(|o| get(o) != get(plan));
            set(t, key, get(plan).as_deref().map(Value::from), changed);
        }
        if t.is_empty() {
            doc.remove("meta");
        }
    }

    let t = table(doc, "network");
    let scalars: [TextField; 4] = [
        ("region", |p| Some(p.region.clone())),
        ("cni", |p| Some(p.cni.id().to_string())),
        ("transit", |p| Some(p.transit.id().to_string())),
        ("scope", |p| Some(p.scope.id().to_string())),
    ];
    for (key, get) in scalars {
        set(
            t,
            key,
            get(plan).map(Value::from),
            differs(&|p| format!("{:?}", get(p))),
        );
    }
    for list in super::CidrList::ALL {
        let changed = old.is_none_or(|o| list.get(o) != list.get(plan));
        set(t, list.key(), Some(cidr_array(list.get(plan))), changed);
    }
    let optionals: [TextField; 3] = [
        ("service_cidr", |p| p.service_cidr.map(|n| n.to_string())),
        ("apiserver_ip", |p| p.apiserver_ip.map(|a| a.to_string())),
        ("management_ip", |p| p.management_ip.map(|a| a.to_string())),
    ];
    for (key, get) in optionals {
        set(
            t,
            key,
            get(plan).map(Value::from),
            differs(&|p| format!("{:?}", get(p))),
        );
    }
}
