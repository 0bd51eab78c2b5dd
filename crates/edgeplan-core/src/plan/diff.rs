//! What differs between two plans, field by field, in the file's words.

use super::{Choice, Plan};
use std::fmt::Write as _;

fn join(nets: &[ipnet::Ipv4Net]) -> String {
    let mut s = String::new();
    for (i, n) in nets.iter().enumerate() {
        let _ = write!(s, "{}{n}", if i == 0 { "" } else { ", " });
    }
    if s.is_empty() { "(none)".into() } else { s }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "(unset)".into(), T::to_string)
}

/// Every field as `(key, value)` text, in file order.
fn fields(p: &Plan) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = [
        ("meta.name", opt(&p.meta.name)),
        ("meta.customer", opt(&p.meta.customer)),
        ("meta.author", opt(&p.meta.author)),
        ("meta.notes", opt(&p.meta.notes)),
        ("network.region", p.region.clone()),
        ("network.cni", p.cni.id().into()),
        ("network.transit", p.transit.id().into()),
        ("network.scope", p.scope.id().into()),
    ]
    .map(|(k, v)| (k.to_string(), v))
    .into();
    for list in super::CidrList::ALL {
        out.push((format!("network.{}", list.key()), join(list.get(p))));
    }
    out.push(("network.service_cidr".into(), opt(&p.service_cidr)));
    out.push(("network.apiserver_ip".into(), opt(&p.apiserver_ip)));
    out.push(("network.management_ip".into(), opt(&p.management_ip)));
    out
}

/// One line per field that differs: `key: old -> new`.
pub fn changes(old: &Plan, new: &Plan) -> Vec<String> {
    fields(old)
        .into_iter()
        .zip(fields(new))
        .filter(|((_, a), (_, b))| a != b)
        .map(|((key, a), (_, b))| format!("{key}: {a} -> {b}"))
        .collect()
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
