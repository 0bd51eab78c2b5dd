//! The observed state in the Markdown export: per surveyed hop what the device holds,
//! and the verdict of every required flow. Device words (a next hop off the path, a
//! route's status) and trace details are untrusted and go through `md`.

use super::markdown::md;
use crate::hop::Hop;
use crate::observed::{RouteEntry, RuleEntry, Survey, SurveyKey, is_filtering, is_routing};
use crate::trace::{FlowTrace, Verdict};
use std::fmt::Write as _;

/// A hop's "Observed on the device" part: its settings, then a table of its routes or
/// rules, or "Not surveyed." for a hop without a survey.
pub(super) fn observed(s: &mut String, hop: Hop, survey: Option<&Survey>) {
    let _ = writeln!(s, "\n#### Observed on the device\n");
    let Some(survey) = survey else {
        let _ = writeln!(
            s,
            "Not surveyed: unknown, assumed to do as designed when flows are traced."
        );
        return;
    };
    let settings: Vec<String> = SurveyKey::allowed(hop)
        .filter_map(|k| Some(format!("{} {}", k.key(), survey.setting(k)?)))
        .collect();
    if !settings.is_empty() {
        let _ = writeln!(s, "Settings: {}.\n", md(&settings.join(", ")));
    }
    // A list not surveyed is unknown, which "No routes." would hide.
    match (is_routing(hop), &survey.routes) {
        (true, Some(list)) => routes(s, list),
        (true, None) => {
            let _ = writeln!(s, "Routes not surveyed.");
        }
        _ => {}
    }
    match (is_filtering(hop), &survey.rules) {
        (true, Some(list)) => rules(s, list),
        (true, None) => {
            let _ = writeln!(s, "Rules not surveyed.");
        }
        _ => {}
    }
}

fn routes(s: &mut String, routes: &[RouteEntry]) {
    if routes.is_empty() {
        let _ = writeln!(s, "No routes.");
        return;
    }
    let _ = writeln!(
        s,
        "| Destination | Next hop | Status |\n| --- | --- | --- |"
    );
    for r in routes {
        let status = r.inactive.as_deref().map_or("active".to_string(), md);
        let _ = writeln!(
            s,
            "| {} | {} | {status} |",
            r.destination,
            md(r.next_hop.word())
        );
    }
}

fn rules(s: &mut String, rules: &[RuleEntry]) {
    if rules.is_empty() {
        let _ = writeln!(s, "No rules.");
        return;
    }
    let _ = writeln!(
        s,
        "| Direction | Action | Protocol | Ports | Peers | Priority |\n\
         | --- | --- | --- | --- | --- | --- |"
    );
    for r in rules {
        // A rule with no peers matches any address (see the tracer's filter).
        let peers = match r.peers.is_empty() {
            true => "any".to_string(),
            false => r
                .peers
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {peers} | {} |",
            r.direction, r.action, r.protocol, r.ports, r.priority
        );
    }
}

/// The counts line of the summary: `14 required: 7 delivered, 7 blocked, 0 unknown`.
pub(super) fn flow_counts(flows: &[FlowTrace]) -> String {
    let traced = || flows.iter().filter_map(|f| f.trace.as_ref());
    let count = |id: &str| traced().filter(|t| t.verdict.id() == id).count();
    format!(
        "{} required: {} delivered, {} blocked, {} unknown",
        traced().count(),
        count("delivered"),
        count("blocked"),
        count("unknown")
    )
}

/// The Flows section: one row per required flow with its verdict, where it stops and
/// the fix.
pub(super) fn flows(s: &mut String, flows: &[FlowTrace]) {
    let _ = writeln!(s, "\n## Flows\n");
    let _ = writeln!(s, "{}.\n", flow_counts(flows));
    let _ = writeln!(
        s,
        "| Flow | From | To | Protocol/port | Verdict | Where it stops | Fix |\n\
         | --- | --- | --- | --- | --- | --- | --- |"
    );
    for f in flows {
        let Some(t) = &f.trace else { continue };
        let (stops, fix) = match &t.verdict {
            Verdict::Delivered => ("-".to_string(), "-".to_string()),
            Verdict::Blocked(b) => (
                md(&format!(
                    "{} ({}): {}, {}",
                    b.hop, b.leg, b.disposition, b.detail
                )),
                md(&b.fix),
            ),
            Verdict::Unknown(_) => (md(&t.reason()), "Survey the hops named.".to_string()),
        };
        let _ = writeln!(
            s,
            "| {} | {} ({}) | {} ({}) | {} | {} | {stops} | {fix} |",
            md(&f.flow.id),
            f.flow.from.addr,
            f.flow.from.label,
            f.flow.to.addr,
            f.flow.to.label,
            f.flow.service(),
            t.verdict.id()
        );
    }
}
