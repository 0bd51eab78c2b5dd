//! The review outputs of a surveyed plan: `show`'s Observed blocks and flows, the JSON
//! export's `flows` (the same objects as `check`'s), and the Markdown export's observed
//! tables and Flows section. A design-only plan reads as before.

mod export_support;

use assert_cmd::Command;
use edgeplan::cli::{ExportFormat, export_text, show_text};
use edgeplan::plan::{Plan, load_path, parse_plan};
use export_support::validate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

const FLANNEL: &str = "tests/fixtures/example-flannel-ecr.toml";
const OBSERVED: &str = "tests/fixtures/observed-flannel-ecr.toml";
const NO_ROUTE_BACK: &str = "tests/fixtures/observed/no-route-back.toml";
const CLOUD_ONLY: &str = "tests/fixtures/observed/cloud-side-only.toml";

fn plan(path: &str) -> Plan {
    load_path(path.as_ref()).unwrap().0
}

fn observed_fixtures() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir("tests/fixtures/observed")
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".toml"))
        .collect();
    paths.sort();
    paths.push(OBSERVED.into());
    paths
}

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("edgeplan")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn markdown_of_a_surveyed_plan_with_every_flow_delivered() {
    insta::assert_snapshot!(export_text(&plan(OBSERVED), ExportFormat::Markdown));
}

#[test]
fn markdown_of_a_surveyed_plan_whose_route_back_is_rejected() {
    let md = export_text(&plan(NO_ROUTE_BACK), ExportFormat::Markdown);
    assert!(md.contains("| 10.0.0.0/8 | transit | Rejected |"), "{md}");
    assert!(md.contains("- Flows: 14 required: 0 delivered, 14 blocked, 0 unknown"));
    assert!(md.contains(
        "| vpc-to-kubelet-10250 | 192.168.0.1 (VPC) | 10.0.0.1 (data center) | tcp 10250 | blocked | vpc-route-table (forward): NO_ROUTE"
    ));
    insta::assert_snapshot!(md);
}

/// The cells of every table row, as text, in document order.
fn rows(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut cell = None::<String>;
    for e in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(Vec::new()),
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
            }
            Event::End(TagEnd::TableCell) => {
                let row: &mut Vec<String> = rows.last_mut().unwrap();
                row.push(cell.take().unwrap());
            }
            _ => {}
        }
    }
    rows
}

#[test]
fn markdown_of_every_surveyed_fixture_has_a_table_per_survey_and_one_of_flows() {
    for path in observed_fixtures() {
        let p = plan(&path);
        let md = export_text(&p, ExportFormat::Markdown);
        let evs: Vec<Event> = Parser::new_ext(&md, Options::ENABLE_TABLES).collect();
        assert!(
            !evs.iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
            "{path}"
        );
        let reqs = edgeplan::requirements::derive(&p, edgeplan::Catalog::builtin());
        let path_hops = edgeplan::Hop::path(p.transit);
        let requirement_tables = path_hops
            .iter()
            .filter(|h| !reqs.hop(**h).items.is_empty())
            .count();
        let survey_tables = path_hops
            .iter()
            .filter_map(|h| p.observed.survey(*h))
            .filter(|s| {
                let full = |n: Option<usize>| n.is_some_and(|n| n > 0);
                full(s.routes.as_ref().map(Vec::len)) || full(s.rules.as_ref().map(Vec::len))
            })
            .count();
        let tables = evs
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Table(_))))
            .count();
        assert_eq!(tables, requirement_tables + survey_tables + 1, "{path}");
        // Every flow is one row of seven cells, its verdict in the fifth.
        let flows = edgeplan::trace::trace_required(&p, edgeplan::Catalog::builtin());
        let flow_rows: Vec<Vec<String>> = rows(&md)
            .into_iter()
            .filter(|r| r.len() == 7 && r[0] != "Flow")
            .collect();
        assert_eq!(flow_rows.len(), flows.len(), "{path}");
        for (row, f) in flow_rows.iter().zip(&flows) {
            assert_eq!(row[0], f.flow.id);
            assert_eq!(row[4], f.trace.as_ref().unwrap().verdict.id(), "{path}");
        }
        let surveyed = path_hops
            .iter()
            .filter(|h| edgeplan::observed::is_surveyable(**h))
            .count();
        assert_eq!(
            md.matches("#### Observed on the device").count(),
            surveyed,
            "{path}"
        );
    }
}

#[test]
fn markdown_says_which_hops_are_not_surveyed() {
    let md = export_text(&plan(CLOUD_ONLY), ExportFormat::Markdown);
    assert_eq!(md.matches("Not surveyed: unknown").count(), 4, "{md}");
    assert!(md.contains("| unknown | INSUFFICIENT_INFO: no surveyed hop stops it"));
}

#[test]
fn a_design_only_plan_has_no_observed_parts_in_show_or_markdown() {
    let p = plan(FLANNEL);
    let md = export_text(&p, ExportFormat::Markdown);
    assert!(!md.contains("Observed") && !md.contains("## Flows") && !md.contains("Flows:"));
    let text = show_text(&p);
    assert!(
        !text.contains("Observed") && !text.contains("flows:"),
        "{text}"
    );
    assert_eq!(
        json(&export_text(&p, ExportFormat::Json))["flows"],
        serde_json::json!([])
    );
}

#[test]
fn device_words_stay_text_in_markdown_cells() {
    let hostile = "nat|x <b>y</b> *z* [l](http://e.vil)";
    let text = std::fs::read_to_string(OBSERVED).unwrap().replace(
        "{ destination = \"10.0.0.0/8\", next_hop = \"transit\" },\n]",
        &format!(
            "{{ destination = \"10.0.0.0/8\", next_hop = \"{hostile}\", status = \"`Rej` | \\u001b[2J\" }},\n]"
        ),
    );
    let p = parse_plan("hostile.toml", &text).unwrap();
    let md = export_text(&p, ExportFormat::Markdown);
    assert!(!md.contains('\u{1b}'), "{md}");
    let evs: Vec<Event> = Parser::new_ext(&md, Options::ENABLE_TABLES).collect();
    assert!(!evs.iter().any(|e| matches!(
        e,
        Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Code(_)
            | Event::Start(Tag::Link { .. } | Tag::Emphasis | Tag::Strong)
    )));
    let row = rows(&md)
        .into_iter()
        .find(|r| r.len() == 3 && r[0] == "10.0.0.0/8" && r[1].starts_with("nat"))
        .expect("the hostile route's row");
    assert_eq!(
        row,
        [
            "10.0.0.0/8".to_string(),
            hostile.to_string(),
            "`Rej` | \\e[2J".to_string()
        ]
    );
}

#[test]
fn json_flows_are_checks_flows_and_the_schema_holds_them() {
    let schema = json(&std::fs::read_to_string("schemas/export.schema.json").unwrap());
    for path in observed_fixtures() {
        let export = json(&run(&["export", &path, "--format", "json"]));
        let check = json(&run(&["check", &path, "--format", "json"]));
        assert_eq!(export["flows"], check["flows"], "{path}");
        assert_eq!(export["flows"].as_array().unwrap().len(), 14, "{path}");
        let problems = validate(&schema, &schema, &export, "$");
        assert!(problems.is_empty(), "{path}: {problems:#?}");
    }
    let mut bad = json(&run(&["export", NO_ROUTE_BACK, "--format", "json"]));
    bad["flows"][0]["verdict"] = "ok".into();
    bad["flows"][1]["blocked_at"] = "router".into();
    bad["flows"][2].as_object_mut().unwrap().remove("outcome");
    let problems = validate(&schema, &schema, &bad, "$");
    for want in [
        "flows[0].verdict",
        "flows[1].blocked_at",
        "flows[2]: missing required key outcome",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(want)),
            "{want}: {problems:?}"
        );
    }
    bad.as_object_mut().unwrap().remove("flows");
    let problems = validate(&schema, &schema, &bad, "$");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("missing required key flows"))
    );
}

#[test]
fn show_lists_each_surveyed_hops_state_and_checks_flows_section() {
    let show = run(&["show", NO_ROUTE_BACK]);
    let check = run(&["check", NO_ROUTE_BACK]);
    let flows = &check[check.find("\nflows: ").unwrap() + 1..];
    assert!(show.ends_with(&format!("\n{flows}")), "{show}");
    assert!(
        show.contains("  Observed:\n    routes (1):\n      10.0.0.0/8 -> transit (Rejected)\n")
    );
    assert!(show.contains("    settings: bgp false, vbr_peer_ip 10.255.255.1, mtu 1500\n"));
    assert!(show.contains(
        "      outbound allow tcp 443,6443 peers 192.168.0.0/16, 100.0.0.0/8 priority 10\n"
    ));
    assert!(!show.contains("not surveyed"));
    let cloud = run(&["show", CLOUD_ONLY]);
    assert_eq!(
        cloud.matches("  Observed: not surveyed\n").count(),
        4,
        "{cloud}"
    );
}

#[test]
fn show_counts_the_routes_past_the_first_ten() {
    let routes: String = (0..25)
        .map(|i| format!("    {{ destination = \"172.{i}.0.0/16\", next_hop = \"blackhole\" }},\n"))
        .collect();
    let text = std::fs::read_to_string(OBSERVED).unwrap().replace(
        "    { destination = \"10.0.0.0/8\", next_hop = \"transit\" },\n]",
        &format!("    {{ destination = \"10.0.0.0/8\", next_hop = \"transit\" }},\n{routes}]"),
    );
    let show = show_text(&parse_plan("many.toml", &text).unwrap());
    assert!(show.contains("    routes (26):\n"), "{show}");
    assert!(show.contains("      172.8.0.0/16 -> blackhole\n      \u{2026} and 16 more routes\n"));
    assert!(!show.contains("172.9.0.0/16"));
}
