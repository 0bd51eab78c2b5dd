//! The selected hop: its findings with fixes, then the routes, rules, ports and
//! endpoints it must carry, each with its reason.

use super::text::Doc;
use super::{pane, span};
use crate::hop::Hop;
use crate::hop::HopStatus;
use crate::plan::Transit;
use crate::requirements::{Direction, Requirement, RequirementKind, capitalise};
use crate::tui::app::{App, Pane};
use crate::tui::glyphs::Glyphs;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// What a hop is, in a phrase.
pub fn hop_description(hop: Hop, transit: Transit) -> &'static str {
    match (hop, transit) {
        (Hop::EdgeNode, _) => {
            "the data center servers that join the ACK Edge cluster as edge nodes"
        }
        (Hop::CoreSwitch, _) => {
            "the data center core switch, where the server LANs meet in one routing domain"
        }
        (Hop::Firewall, _) => {
            "the data center network firewall between the core switch and Express Connect"
        }
        (Hop::Vbr, _) => "the virtual border router at the Express Connect access point",
        (Hop::Transit, Transit::Ecr) => "the Express Connect Router that links the VBR to the VPC",
        (Hop::Transit, Transit::Cen) => {
            "the Cloud Enterprise Network transit router that links the VBR to the VPC"
        }
        (Hop::Transit, Transit::Direct) => {
            "not on this path: a VPC direct connection links the VBR to the VPC with no transit router"
        }
        (Hop::VpcRouteTable, _) => "the route table of the cluster's VPC",
        (Hop::SecurityGroup, _) => "the security group of the cluster's nodes in the VPC",
    }
}

/// The headings requirements are grouped under, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// Routes towards the cloud.
    InboundRoutes,
    /// Routes back to the data center.
    OutboundRoutes,
    /// Allow rules and ports.
    Rules,
    /// Addresses the edge nodes reach.
    Endpoints,
    /// Settings in words.
    Settings,
}

impl Group {
    /// Every group in display order.
    pub const ALL: [Group; 5] = [
        Group::InboundRoutes,
        Group::OutboundRoutes,
        Group::Rules,
        Group::Endpoints,
        Group::Settings,
    ];

    /// The group of a requirement.
    pub fn of(req: &Requirement) -> Group {
        match &req.kind {
            RequirementKind::Route(r) if r.direction == Direction::Inbound => Group::InboundRoutes,
            RequirementKind::Route(_) => Group::OutboundRoutes,
            RequirementKind::Rule(_) => Group::Rules,
            RequirementKind::Endpoint(_) => Group::Endpoints,
            RequirementKind::Setting(_) => Group::Settings,
        }
    }

    /// The heading a customer follows, for the walkthrough slides.
    pub fn customer_heading(self) -> &'static str {
        match self {
            Group::InboundRoutes => "Routes towards the cloud",
            Group::OutboundRoutes => "Routes back to the data center",
            Group::Rules => "Traffic to allow",
            Group::Endpoints => "Services the edge nodes reach",
            Group::Settings => "Settings",
        }
    }

    /// The heading.
    pub fn heading(self) -> &'static str {
        match self {
            Group::InboundRoutes => "Inbound routes (data center to cloud)",
            Group::OutboundRoutes => "Outbound routes (cloud to data center)",
            Group::Rules => "Rules and ports",
            Group::Endpoints => "Endpoints the edge nodes reach",
            Group::Settings => "Settings",
        }
    }
}

/// At most this many blocks of a rule's lists are named on screen; `edgeplan show`
/// lists them all.
pub const LISTED_BLOCKS: usize = 32;

/// One requirement as a line; routes read destination, then where they go.
pub fn requirement_line(req: &Requirement, g: &Glyphs) -> String {
    match &req.kind {
        RequirementKind::Route(r) => r.line(g.to),
        other => other.brief(LISTED_BLOCKS),
    }
}

/// The details of the selected hop as lines wrapped to `width`.
pub fn doc(app: &App, width: u16) -> Doc<'static> {
    doc_upto(app, width, usize::MAX)
}

/// Like `doc`, laid out only as far as its first `limit` lines.
pub fn doc_upto(app: &App, width: u16, limit: usize) -> Doc<'static> {
    let (t, g) = (&app.theme, &app.glyphs);
    let hop = app.hop;
    let status = app.hop_status(hop);
    let mut d = Doc::upto(width, limit);
    let verdict = match status {
        HopStatus::Ok => "ok",
        HopStatus::Warning => "warning",
        HopStatus::Error => "error",
    };
    // While a value it depends on is half typed, the verdict is the old value's.
    let (mark, verdict) = if app.waits_on_unfinished(hop) {
        (g.ellipsis, format!("{verdict} with the old value"))
    } else {
        (g.status(status), verdict.to_string())
    };
    d.line(Line::from(vec![
        span(
            format!("{mark} {}", hop.title(app.plan().transit)),
            t.hop(status, false).patch(t.heading()),
        ),
        span(format!("  {verdict}"), t.hop(status, false)),
    ]));
    if let Some(u) = app
        .session()
        .unfinished()
        .filter(|_| app.waits_on_unfinished(hop))
    {
        d.wrapped(
            vec![span(format!("{} ", g.ellipsis), t.hop(HopStatus::Warning, false))],
            &format!(
                "Waits on an unfinished value: {} \"{}\" is not valid ({}); this hop shows the old value until it is.",
                u.value.field, u.value.text, u.reason
            ),
            t.hop(HopStatus::Warning, false),
        );
    }
    d.wrapped(
        vec![],
        &format!("{}.", capitalise(hop_description(hop, app.plan().transit))),
        t.muted(),
    );
    let findings: Vec<_> = app.report().on(hop).collect();
    d.gap();
    if findings.is_empty() {
        d.line(span("No findings on this hop.", t.fix()));
    } else {
        d.line(span("Findings", t.heading()));
        for f in findings {
            if d.full() {
                break;
            }
            let mark = format!(" {} ", g.severity(f.severity));
            d.wrapped(
                vec![span(mark, t.finding(f.severity))],
                &format!("{}: {}", f.code, f.message),
                t.finding(f.severity),
            );
            d.wrapped(vec![span("   fix: ", t.muted())], &f.fix, t.fix());
        }
    }
    write_groups(&mut d, app, hop, Group::heading, |d, r| {
        d.wrapped(
            vec![span(format!(" {} ", g.bullet), t.base())],
            &requirement_line(r, g),
            t.base(),
        );
        d.wrapped(vec![span("   why: ", t.muted())], &r.reason, t.muted());
    });
    d
}

/// A hop's requirements, group by group under each heading (`heading` names it),
/// skipping empty groups; `item` writes one requirement. Stops once `d` is full.
/// Returns how many requirements were written.
pub fn write_groups(
    d: &mut Doc<'static>,
    app: &App,
    hop: Hop,
    heading: fn(Group) -> &'static str,
    mut item: impl FnMut(&mut Doc<'static>, &Requirement),
) -> usize {
    let items = &app.hop_requirements(hop).items;
    let mut written = 0;
    for group in Group::ALL {
        if d.full() {
            break;
        }
        let mut in_group = items.iter().filter(|r| Group::of(r) == group).peekable();
        if in_group.peek().is_none() {
            continue;
        }
        d.gap();
        d.line(span(heading(group), app.theme.heading()));
        for r in in_group {
            if d.full() {
                break;
            }
            item(d, r);
            written += 1;
        }
    }
    written
}

/// Draws the details pane: on the flows step, the selected flow's trace.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(flow) = app.selected_flow() {
        return super::flow_details::render(app, frame, area, flow);
    }
    let title = format!(
        " Hop {}/{}: {} ",
        super::hop_number(app),
        Hop::path(app.plan().transit).len(),
        app.hop.title(app.plan().transit)
    );
    let block = pane(app, title, Pane::Details);
    let inner = block.inner(area);
    // Laid out only down to the bottom of the view: a hop may carry 100,000 routes.
    let height = usize::from(inner.height);
    let d = doc_upto(
        app,
        inner.width,
        app.components.details.scroll.saturating_add(height + 1),
    );
    let block = if d.more_below(app.components.details.scroll, height) {
        block.title_bottom(Line::from(span(more_label(app), app.theme.muted())).right_aligned())
    } else {
        block
    };
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(d.window(app.components.details.scroll, height)),
        inner,
    );
}

/// The note on a pane's bottom border when its text goes on below.
pub fn more_label(app: &App) -> String {
    app.glyphs.key_label(" more below: ↓/PgDn ")
}
