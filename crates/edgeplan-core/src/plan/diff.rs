//! What differs between two plans, field by field, in the file's words.

use super::{Field, Plan};

/// One line per field that differs, in file order: `key: old -> new`.
pub fn changes(old: &Plan, new: &Plan) -> Vec<String> {
    Field::ALL
        .iter()
        .filter_map(|field| {
            let (a, b) = (field.get(old), field.get(new));
            (a != b).then(|| format!("{}: {a} -> {b}", field.path()))
        })
        .collect()
}

/// Every change in one line each: the fields' (`changes`), then the observed sections'
/// (a hop surveyed or not, an entry added or removed, a setting), for an undo message
/// or a draft's summary.
pub fn all_changes(old: &Plan, new: &Plan) -> Vec<String> {
    let mut lines = changes(old, new);
    lines.extend(super::diff_observed::observed_changes(old, new));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_name_each_changed_field_with_old_and_new_values() {
        let old = Plan::example();
        let mut new = old.clone();
        assert!(changes(&old, &new).is_empty());
        new.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
        new.apiserver_ip = Some("192.168.0.10".parse().unwrap());
        assert_eq!(
            changes(&old, &new),
            [
                "network.vpc_cidrs: 192.168.0.0/16 -> 192.168.0.0/16, 172.16.0.0/16",
                "network.apiserver_ip: (unset) -> 192.168.0.10",
            ]
        );
    }
}
