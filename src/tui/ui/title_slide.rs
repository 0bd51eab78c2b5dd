//! The walkthrough's title slide: the plan's name and customer, its choices in words,
//! the verdict of the checks, every finding with its fix, and the slides that follow.

use super::details::hop_description;
use super::span;
use super::step_body::choice::{cni_options, transit_options};
use super::text::Doc;
use super::walkthrough::{fact, plural};
use crate::catalog::Catalog;
use crate::checks::Finding;
use crate::checks::Severity;
use crate::hop::{Hop, HopStatus};
use crate::plan::Scope;
use crate::tui::app::App;
use ratatui::text::Line;

/// Columns the labels of the facts take.
const LABEL: usize = 12;

/// The verdict in words, with the status it is drawn in.
fn verdict(app: &App) -> (HopStatus, String) {
    let report = app.report();
    let (errors, warnings) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
    );
    match (errors, warnings) {
        (0, 0) => (
            HopStatus::Ok,
            "Ready: the checks found no errors and no warnings.".into(),
        ),
        (0, w) => (
            HopStatus::Warning,
            format!("Ready, with {} to review.", plural(w, "warning")),
        ),
        (e, w) => {
            let also = match w {
                0 => String::new(),
                w => format!(" and {}", plural(w, "warning")),
            };
            (
                HopStatus::Error,
                format!(
                    "Not ready: {}{also} to resolve before the network is configured.",
                    plural(e, "error")
                ),
            )
        }
    }
}

/// The title: the plan's name, who it is for and by, and the verdict.
pub fn header(app: &App, width: u16) -> Doc<'static> {
    let (t, g) = (&app.theme, &app.glyphs);
    let meta = &app.plan().meta;
    let mut d = Doc::new(width);
    let name = meta.name.as_deref().unwrap_or("Unnamed plan");
    d.wrapped(vec![], name, t.heading());
    d.wrapped(
        vec![],
        "Private network path from the data center to the Alibaba Cloud VPC for ACK Edge nodes",
        t.muted(),
    );
    d.gap();
    let who = [("Customer", &meta.customer), ("Author", &meta.author)];
    for (label, value) in who {
        let value = value.clone().unwrap_or_else(|| "not given".into());
        d.line(Line::from(fact(app, label, value, LABEL)));
    }
    d.gap();
    let (status, words) = verdict(app);
    d.wrapped(
        vec![span(format!("{} ", g.status(status)), t.hop(status, false))],
        &words,
        t.hop(status, false),
    );
    d
}

/// The facts, the findings and the slides that follow, wrapped to `width`; only the
/// first `limit` lines are laid out.
pub fn doc_upto(app: &App, width: u16, limit: usize) -> Doc<'static> {
    let (t, g) = (&app.theme, &app.glyphs);
    let plan = app.plan();
    let mut d = Doc::upto(width, limit);
    d.line(span("The plan", t.heading()));
    let region = match Catalog::builtin().region(&plan.region) {
        Some(r) => format!("{}, {}", r.name, plan.region),
        None if plan.has_region() => format!("{}, not in the region catalog", plan.region),
        None => "not chosen yet".into(),
    };
    let cni = cni_options()
        .into_iter()
        .find(|(c, ..)| *c == plan.cni)
        .map_or("", |(_, name, _)| name);
    let transit = transit_options()
        .into_iter()
        .find(|(c, ..)| *c == plan.transit)
        .map_or("", |(_, name, _)| name);
    let scope = match plan.scope {
        Scope::Broad => "Broad: all traffic between the data center and the cloud side",
        Scope::Fine => "Fine: only the ports and services the cluster needs",
    };
    let mut facts = vec![
        ("Region", region),
        ("CNI plugin", cni.to_string()),
        ("Transit", transit.to_string()),
        ("Scope", scope.to_string()),
    ];
    if let Some(v) = &plan.kubernetes_version {
        facts.push(("Kubernetes", v.clone()));
    }
    for (label, value) in facts {
        d.wrapped(fact(app, label, String::new(), LABEL), &value, t.base());
    }
    let findings = app.review_findings();
    if !findings.is_empty() {
        d.gap();
        let on_hop =
            |f: &Finding| format!("{}: {}", f.hop().title(plan.transit), f.customer.message);
        super::walkthrough::fix_first(app, &mut d, &findings, on_hop);
    }
    d.gap();
    d.line(span("One slide per hop follows", t.heading()));
    for (i, &hop) in Hop::path(plan.transit).iter().enumerate() {
        let status = app.hop_status(hop);
        let lead = format!("  {} {}. ", g.status(status), i + 1);
        d.wrapped(
            vec![
                span(lead, t.hop(status, false)),
                span(format!("{}: ", hop.title(plan.transit)), t.base()),
            ],
            hop_description(hop, plan.transit),
            t.muted(),
        );
    }
    d
}
