//! `edgeplan regions`: the catalog as text or JSON; unknown values are said as unknown.

use super::{EXIT_OK, EXIT_UNREADABLE, Format};
use crate::catalog::{Catalog, Region};
use crate::cidr::spaced;
use serde_json::{Value, json};
use std::io::Write;

fn nets(n: &[ipnet::Ipv4Net]) -> Vec<String> {
    n.iter().map(|n| n.to_string()).collect()
}

fn region_json(catalog: &Catalog, r: &Region) -> Value {
    json!({
        "id": r.id,
        "name": r.name,
        "registry": r.registry.as_ref().map(|g| json!({"endpoint": g.endpoint, "routes": nets(&g.routes)})),
        "oss": r.oss.as_ref().map(|o| json!({
            "group": o.group,
            "public_endpoint": o.public_endpoint,
            "internal_endpoint": o.internal_endpoint,
            "dual_stack_endpoint": o.dual_stack_endpoint,
            "vip_cidrs": o.vip_cidrs.as_deref().map(nets),
        })),
        "notes": catalog.notes(r),
    })
}

fn region_text(catalog: &Catalog, r: &Region) -> String {
    let registry = r.registry.as_ref().map_or_else(
        || "registry: not in the ACK registry table".to_string(),
        |g| format!("registry: {} routes {}", g.endpoint, spaced(&g.routes)),
    );
    let oss = match &r.oss {
        None => "oss: not in the OSS table".to_string(),
        Some(o) => format!(
            "oss: {} vips {}",
            o.internal_endpoint,
            o.vip_cidrs.as_deref().map_or("unknown".to_string(), spaced)
        ),
    };
    let mut text = format!("{:<17} {}\n    {registry}\n    {oss}\n", r.id, r.name);
    for note in catalog.notes(r) {
        text.push_str(&format!("    note: {note}\n"));
    }
    text
}

/// Runs `edgeplan regions`.
pub fn regions(format: Format, out: &mut dyn Write) -> i32 {
    let catalog = Catalog::builtin();
    let text = match format {
        Format::Json => {
            let all: Vec<Value> = catalog
                .regions
                .iter()
                .map(|r| region_json(catalog, r))
                .collect();
            format!("{:#}\n", Value::Array(all))
        }
        Format::Text => catalog
            .regions
            .iter()
            .map(|r| region_text(catalog, r))
            .collect(),
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_UNREADABLE,
    }
}
