//! The embedded region catalog must match the source document row for row. The source is
//! read from the shared seed when it is beside the checkout (and must then equal the copy
//! under tests/fixtures), else from that copy.

use edgeplan::catalog::Catalog;
use std::collections::BTreeMap;
use std::path::Path;

const VENDORED: &str = "tests/fixtures/source-ack-edge-dedicated-network.txt";
const SEED: &str = "../shared/seed/000_2aa0834e8393d7da.txt";

fn source() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let vendored = std::fs::read_to_string(root.join(VENDORED)).expect("vendored source");
    if let Ok(seed) = std::fs::read_to_string(root.join(SEED)) {
        assert_eq!(seed, vendored, "{VENDORED} must be an exact copy of {SEED}");
    }
    vendored
}

fn is_cidr(s: &str) -> bool {
    edgeplan::cidr::parse_net(s).is_ok()
}

/// (name, endpoint, routes) per region id, from the ACK registry table.
fn ack_rows(src: &str) -> BTreeMap<String, (String, String, Vec<String>)> {
    let mut rows = BTreeMap::new();
    for line in src.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() == 5 && cells[2].starts_with("registry-") {
            let routes = cells[3].split_whitespace().map(String::from).collect();
            rows.insert(
                cells[1].to_string(),
                (cells[0].to_string(), cells[2].to_string(), routes),
            );
        }
    }
    rows
}

struct OssRow {
    name: String,
    public: String,
    internal: String,
    dual_stack: Option<String>,
    vips: Option<Vec<String>>,
}

/// OSS rows: a CIDR in any column after the internal endpoint is a VIP block; any other
/// non-empty cell there is the dual-stack endpoint; an empty cell is unknown.
fn oss_rows(src: &str) -> BTreeMap<String, OssRow> {
    let mut rows = BTreeMap::new();
    for line in src.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() >= 5 && cells[3].ends_with("-internal.aliyuncs.com") {
            let mut row = OssRow {
                name: cells[0].to_string(),
                public: cells[2].to_string(),
                internal: cells[3].to_string(),
                dual_stack: None,
                vips: None,
            };
            for cell in cells[4..].iter().filter(|c| !c.is_empty()) {
                if is_cidr(cell) {
                    row.vips.get_or_insert_with(Vec::new).push(cell.to_string());
                } else {
                    row.dual_stack = Some(cell.to_string());
                }
            }
            rows.insert(cells[1].to_string(), row);
        }
    }
    // Hangzhou's OSS blocks are given in the "dependencies" paragraph instead.
    let deps = src
        .lines()
        .find(|l| l.starts_with("Object Storage Service (OSS):"))
        .expect("dependencies paragraph");
    let hangzhou: Vec<String> = deps
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| is_cidr(w))
        .map(String::from)
        .collect();
    assert_eq!(hangzhou.len(), 4, "the paragraph names four OSS blocks");
    rows.get_mut("cn-hangzhou").expect("Hangzhou OSS row").vips = Some(hangzhou);
    rows
}

fn strings(nets: &[ipnet::Ipv4Net]) -> Vec<String> {
    nets.iter().map(|n| n.to_string()).collect()
}

#[test]
fn every_ack_registry_row_of_the_source_is_in_the_catalog_exactly() {
    let rows = ack_rows(&source());
    assert_eq!(rows.len(), 26);
    let catalog = Catalog::builtin();
    for (id, (name, endpoint, routes)) in &rows {
        let region = catalog.region(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(&region.name, name, "{id} name");
        let registry = region
            .registry
            .as_ref()
            .unwrap_or_else(|| panic!("{id} registry"));
        assert_eq!(&registry.endpoint, endpoint, "{id} endpoint");
        assert_eq!(&strings(&registry.routes), routes, "{id} routes");
    }
    let with_registry = catalog
        .regions
        .iter()
        .filter(|r| r.registry.is_some())
        .count();
    assert_eq!(
        with_registry,
        rows.len(),
        "no registry rows beyond the source's"
    );
}

#[test]
fn every_oss_row_of_the_source_is_in_the_catalog_with_vips_never_as_endpoints() {
    let rows = oss_rows(&source());
    assert_eq!(rows.len(), 27);
    let catalog = Catalog::builtin();
    for (id, row) in &rows {
        let region = catalog.region(id).unwrap_or_else(|| panic!("{id} missing"));
        let oss = region.oss.as_ref().unwrap_or_else(|| panic!("{id} oss"));
        assert_eq!(
            oss.name.as_deref().unwrap_or(&region.name),
            row.name,
            "{id} name"
        );
        assert_eq!(oss.public_endpoint, row.public, "{id} public");
        assert_eq!(oss.internal_endpoint, row.internal, "{id} internal");
        assert_eq!(oss.dual_stack_endpoint, row.dual_stack, "{id} dual-stack");
        assert_eq!(
            oss.vip_cidrs.as_deref().map(strings),
            row.vips,
            "{id} VIP blocks"
        );
        if let Some(ds) = &oss.dual_stack_endpoint {
            assert!(!is_cidr(ds), "{id}: a CIDR is never an endpoint");
        }
    }
    let with_oss = catalog.regions.iter().filter(|r| r.oss.is_some()).count();
    assert_eq!(with_oss, rows.len(), "no OSS rows beyond the source's");
}

#[test]
fn garbled_rows_are_read_as_the_guide_says() {
    let c = Catalog::builtin();
    let vips = |id: &str| c.region(id).unwrap().oss_vips().map(strings);
    assert_eq!(
        vips("ap-northeast-2"),
        Some(vec!["100.99.119.0/24".to_string()])
    );
    assert_eq!(
        vips("eu-west-1"),
        Some(vec!["100.114.114.128/25".to_string()])
    );
    assert_eq!(
        vips("us-west-1"),
        Some(vec!["100.115.107.0/24".to_string()])
    );
    assert_eq!(
        vips("ap-southeast-7"),
        Some(vec!["100.98.249.0/24".to_string()])
    );
    assert_eq!(vips("cn-shanghai"), None, "unknown, not none");
    assert_eq!(
        c.region("ap-northeast-1")
            .unwrap()
            .oss
            .as_ref()
            .unwrap()
            .dual_stack_endpoint,
        None
    );
    assert!(c.region("cn-nanjing").unwrap().registry.is_none());
}
