//! `edgeplan export` and `show --format json`: Markdown for tickets (snapshots, parsed as
//! CommonMark, hostile plan text stays text), JSON validated against the schema kept in
//! `schemas/`, TOML normalised.

mod export_support;

use assert_cmd::Command;
use edgeplan::cli::{ExportFormat, export_text};
use edgeplan::plan::{Plan, load_path, parse_plan};
use export_support::validate;
use pulldown_cmark::{Event, Options, Parser, Tag};

const FLANNEL: &str = "tests/fixtures/example-flannel-ecr.toml";
const FINE: &str = "tests/fixtures/terway-cen-fine.toml";
const BROKEN: &str = "tests/fixtures/broken-terway-no-containers.toml";
const OBSERVED: &str = "tests/fixtures/observed-flannel-ecr.toml";

fn plan(path: &str) -> Plan {
    load_path(path.as_ref()).unwrap().0
}

fn events(md: &str) -> Vec<Event<'_>> {
    Parser::new_ext(md, Options::ENABLE_TABLES).collect()
}

fn count(md: &str, pick: impl Fn(&Event) -> bool) -> usize {
    events(md).iter().filter(|e| pick(e)).count()
}

#[test]
fn markdown_of_flannel_over_ecr() {
    insta::assert_snapshot!(export_text(&plan(FLANNEL), ExportFormat::Markdown));
}

#[test]
fn markdown_of_terway_edge_over_cen_in_fine_scope() {
    insta::assert_snapshot!(export_text(&plan(FINE), ExportFormat::Markdown));
}

#[test]
fn markdown_of_a_plan_with_errors_lists_them_with_fixes() {
    let md = export_text(&plan(BROKEN), ExportFormat::Markdown);
    assert!(md.contains("- error terway-without-container-cidr"));
    assert!(md.contains("  Fix: Add the edge container block"));
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_parses_as_commonmark_with_one_table_per_hop_with_requirements() {
    for path in [FLANNEL, FINE, BROKEN] {
        let p = plan(path);
        let md = export_text(&p, ExportFormat::Markdown);
        let reqs = edgeplan::requirements::derive(&p, edgeplan::Catalog::builtin());
        let hops_with_items = edgeplan::Hop::path(p.transit)
            .iter()
            .filter(|h| !reqs.hop(**h).items.is_empty())
            .count();
        let tables = count(&md, |e| matches!(e, Event::Start(Tag::Table(_))));
        assert_eq!(tables, hops_with_items, "{path}");
        assert_eq!(
            count(&md, |e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
            0
        );
        let sections = count(
            &md,
            |e| matches!(e, Event::Start(Tag::Heading { level, .. }) if *level == pulldown_cmark::HeadingLevel::H2),
        );
        assert_eq!(
            sections, 5,
            "summary, topology, hops, findings, catalog: {path}"
        );
    }
}

#[test]
fn hostile_plan_text_stays_text_in_markdown() {
    let text = std::fs::read_to_string(FLANNEL).unwrap().replace(
        "name = \"example-hangzhou-edge\"",
        "name = \"x <script>alert(1)</script> [link](http://e.vil) | cell *b* `c` \\u001b[2J\"\n\
         notes = \"\"\"\n# not a heading\n1. not a list\n- nor this\n> nor a quote\n    nor code\n\"\"\"",
    );
    let p = parse_plan("hostile.toml", &text).unwrap();
    let md = export_text(&p, ExportFormat::Markdown);
    assert!(!md.contains('\u{1b}'), "{md}");
    let evs = events(&md);
    assert!(
        !evs.iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    );
    assert!(
        !evs.iter()
            .any(|e| matches!(e, Event::Start(Tag::Link { .. })))
    );
    assert!(
        !evs.iter()
            .any(|e| matches!(e, Event::Start(Tag::Emphasis | Tag::Strong)))
    );
    assert!(!evs.iter().any(|e| matches!(e, Event::Code(_))));
    let h1 = count(
        &md,
        |e| matches!(e, Event::Start(Tag::Heading { level, .. }) if *level == pulldown_cmark::HeadingLevel::H1),
    );
    assert_eq!(h1, 1, "{md}");
    assert!(
        !evs.iter()
            .any(|e| matches!(e, Event::Start(Tag::List(Some(_)))))
    );
    assert!(!evs.iter().any(|e| matches!(
        e,
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented))
    )));
    let text: String = evs
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("x <script>alert(1)</script> [link](http://e.vil) | cell *b* `c` \\e[2J"),
        "{text}"
    );
}

fn schema() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string("schemas/export.schema.json").unwrap()).unwrap()
}

#[test]
fn json_export_of_each_plan_satisfies_the_schema() {
    let schema = schema();
    for path in [
        FLANNEL,
        FINE,
        BROKEN,
        OBSERVED,
        "tests/fixtures/warning-only.toml",
    ] {
        let doc: serde_json::Value =
            serde_json::from_str(&export_text(&plan(path), ExportFormat::Json)).unwrap();
        let problems = validate(&schema, &schema, &doc, "$");
        assert!(problems.is_empty(), "{path}: {problems:#?}");
    }
}

#[test]
fn the_schema_validator_catches_a_missing_key_and_a_wrong_type() {
    let schema = schema();
    let mut doc: serde_json::Value =
        serde_json::from_str(&export_text(&plan(FLANNEL), ExportFormat::Json)).unwrap();
    doc["hops"][0]["requirements"][0]["ports"] = "443".into();
    doc.as_object_mut().unwrap().remove("findings");
    let problems = validate(&schema, &schema, &doc, "$");
    assert!(
        problems.iter().any(|p| p.contains("findings")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("requirements[0]")),
        "{problems:?}"
    );
}

#[test]
fn json_export_carries_routes_rules_and_endpoints_as_data() {
    let doc: serde_json::Value =
        serde_json::from_str(&export_text(&plan(FINE), ExportFormat::Json)).unwrap();
    assert_eq!(doc["schema_version"], 1);
    assert_eq!(doc["plan"]["network"]["region"], "eu-central-1");
    let reqs: Vec<&serde_json::Value> = doc["hops"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["requirements"].as_array().unwrap())
        .collect();
    assert!(reqs.iter().any(|r| r["kind"] == "route"
        && r["direction"] == "outbound"
        && r["destination"]["cidr"] == "172.16.0.0/12"
        && r["next_hop"] == "VBR attachment"));
    assert!(
        reqs.iter().any(|r| r["kind"] == "rule"
            && r["action"] == "allow"
            && r["peers"]["from"].is_array())
    );
    assert!(
        reqs.iter()
            .any(|r| r["kind"] == "endpoint" && r["hosts"].is_array() && r["routes"].is_array())
    );
}

#[test]
fn json_export_carries_each_hops_observed_state_or_null() {
    let schema = schema();
    let doc: serde_json::Value =
        serde_json::from_str(&export_text(&plan(OBSERVED), ExportFormat::Json)).unwrap();
    let hop = |id: &str| {
        doc["hops"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["hop"] == id)
            .unwrap()
            .clone()
    };
    assert!(hop("edge-node")["observed"].is_null());
    let core = hop("core-switch")["observed"].clone();
    assert_eq!(core["bgp"], false);
    assert_eq!(core["mtu"], 1500);
    // The core switch has no rules to survey: the list is not surveyed, not empty.
    assert!(core["rules"].is_null(), "{core}");
    assert_eq!(
        core["routes"][0],
        serde_json::json!({"destination": "192.168.0.0/16", "next_hop": "vbr", "status": null})
    );
    let rule = &hop("firewall")["observed"]["rules"][0];
    assert_eq!(
        *rule,
        serde_json::json!({"direction": "outbound", "action": "allow", "protocol": "tcp", "ports": "443,6443", "peers": ["192.168.0.0/16", "100.0.0.0/8"], "priority": 10})
    );
    assert!(hop("security-group")["observed"]["default_outbound"].is_null());
    // The plan's own keys carry the sections as the file writes them.
    assert_eq!(
        doc["plan"]["observed"]["vbr"]["routes"][0]["next_hop"],
        "core-switch"
    );
    assert_eq!(doc["plan"]["schema_version"], 2);
    // Unsurveyed hops of a version-1 plan are null, and the schema holds them to shape.
    let v1: serde_json::Value =
        serde_json::from_str(&export_text(&plan(FLANNEL), ExportFormat::Json)).unwrap();
    assert!(
        v1["hops"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["observed"].is_null())
    );
    let mut bad = doc.clone();
    bad["hops"][1]["observed"]["routes"][0]
        .as_object_mut()
        .unwrap()
        .remove("next_hop");
    bad["plan"]["observed"]["firewall"]["rules"][0]["protocol"] = "TCP".into();
    let problems = validate(&schema, &schema, &bad, "$");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("routes[0]: missing required key next_hop")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("plan.observed.firewall.rules[0].protocol")),
        "{problems:?}"
    );
}

#[test]
fn a_list_not_surveyed_is_null_in_json_said_in_markdown_and_show() {
    let mut p = plan(OBSERVED);
    let vbr = p.observed.surveys.get_mut(&edgeplan::Hop::Vbr).unwrap();
    vbr.routes = None;
    let doc: serde_json::Value =
        serde_json::from_str(&export_text(&p, ExportFormat::Json)).unwrap();
    let problems = validate(&schema(), &schema(), &doc, "$");
    assert!(problems.is_empty(), "{problems:#?}");
    let vbr = doc["hops"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["hop"] == "vbr")
        .unwrap();
    assert!(vbr["observed"]["routes"].is_null(), "{vbr}");
    assert_eq!(vbr["observed"]["mtu"], 1500);
    let md = export_text(&p, ExportFormat::Markdown);
    assert!(md.contains("Routes not surveyed."), "{md}");
    let shown = edgeplan::cli::show_text(&p);
    assert!(shown.contains("    routes: not surveyed"), "{shown}");
    // Surveyed and empty is another thing, said as such.
    p.observed
        .surveys
        .get_mut(&edgeplan::Hop::Vbr)
        .unwrap()
        .routes = Some(vec![]);
    assert!(export_text(&p, ExportFormat::Markdown).contains("No routes."));
    assert!(edgeplan::cli::show_text(&p).contains("    routes: none"));
}

fn bin() -> Command {
    Command::cargo_bin("edgeplan").unwrap()
}

#[test]
fn show_json_prints_the_same_document_as_export_json() {
    let show = bin()
        .args(["show", FINE, "--format", "json"])
        .assert()
        .code(0);
    let export = bin()
        .args(["export", FINE, "--format", "json"])
        .assert()
        .code(0);
    assert_eq!(show.get_output().stdout, export.get_output().stdout);
}

#[test]
fn toml_export_is_the_normalised_plan_and_reads_back_the_same() {
    let out = bin()
        .args(["export", FLANNEL, "--format", "toml"])
        .assert()
        .code(0);
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(!text.contains("# The source document's example"));
    assert_eq!(parse_plan("x.toml", &text).unwrap(), plan(FLANNEL));
}

#[test]
fn export_to_a_file_writes_it_and_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.md");
    let out = bin()
        .args(["export", FLANNEL, "--format", "markdown", "-o"])
        .arg(&file)
        .assert()
        .code(0);
    assert!(out.get_output().stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        export_text(&plan(FLANNEL), ExportFormat::Markdown)
    );
}

#[test]
fn export_exits_2_on_an_unreadable_plan_or_a_bad_format() {
    bin()
        .args(["export", "tests/fixtures/bad-toml.toml", "--format", "json"])
        .assert()
        .code(2);
    let out = bin()
        .args(["export", FLANNEL, "--format", "html"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("expected markdown | json | toml"), "{err}");
}
