//! The CNI and transit steps: the options of each, with what the choice means for the hops.

use crate::plan::{Cni, Transit, expected_ids};
use crate::tui::app::{App, Step};
use crate::tui::ui::span;
use crate::tui::ui::text::Doc;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// The CNI options: value, name, what it means for the hops.
pub fn cni_options() -> [(Cni, &'static str, &'static str); 2] {
    [
        (
            Cni::Flannel,
            "Flannel",
            "VXLAN overlay on UDP 8472: the firewall, the security group and the edge nodes must pass UDP 8472. \
             Pod addresses stay inside the overlay, so no hop routes container blocks.",
        ),
        (
            Cni::TerwayEdge,
            "Terway Edge",
            "Pods get routable addresses from the edge container blocks: the core switch learns them by BGP, \
             and the VBR, the ECR or CEN and the VPC route table route them back to the data center.",
        ),
    ]
}

/// The transit options: value, name, what it means for the hops.
pub fn transit_options() -> [(Transit, &'static str, &'static str); 3] {
    [
        (
            Transit::Ecr,
            "ECR (Express Connect Router)",
            "The VBR and the VPC are associated with one ECR. Its route table sends the VPC and cloud-service blocks \
             towards the VPC and the data-center blocks to the VBR; the VPC route table points back at the ECR.",
        ),
        (
            Transit::Cen,
            "CEN (Cloud Enterprise Network)",
            "A CEN transit router joins the VBR attachment and the VPC attachment with the same routes as an ECR; \
             the VPC route table points the data-center blocks at the CEN transit router.",
        ),
        (
            Transit::Direct,
            "VPC direct connection",
            "No transit router: the VBR routes the VPC and cloud-service blocks to the VPC, and the VPC route table \
             sends the data-center blocks straight to the VBR. The path has no ECR or CEN hop.",
        ),
    ]
}

/// Draws the question and the options, the plan's choice marked; true when lines
/// follow below the view.
pub fn render(app: &App, frame: &mut Frame, area: Rect, focused: bool) -> bool {
    let t = &app.theme;
    let g = &app.glyphs;
    let (question, options, cursor): (&str, Vec<(bool, &str, &str)>, usize) =
        if app.step == Step::Cni {
            let opts = cni_options()
                .into_iter()
                .map(|(c, n, e)| (c == app.plan().cni, n, e))
                .collect();
            (
                "Which CNI plugin does the ACK Edge cluster use?",
                opts,
                app.components.choice.cni,
            )
        } else {
            let opts = transit_options()
                .into_iter()
                .map(|(c, n, e)| (c == app.plan().transit, n, e))
                .collect();
            (
                "How does the VBR reach the VPC?",
                opts,
                app.components.choice.transit,
            )
        };
    let mut d = Doc::new(area.width);
    d.wrapped(vec![], question, t.heading());
    let mut cursor_line = 0;
    for (i, (chosen, name, explanation)) in options.into_iter().enumerate() {
        d.gap();
        let under = i == cursor;
        if under {
            cursor_line = d.lines.len();
        }
        let pointer = if under { g.pointer } else { " " };
        let radio = if chosen { g.radio_on } else { g.radio_off };
        let mut style = if chosen { t.current() } else { t.base() };
        if under {
            style = style.patch(t.cursor(focused));
        }
        let width = usize::from(area.width);
        d.line(span(
            format!("{:<width$}", format!("{pointer}{radio} {name}")),
            style,
        ));
        d.wrapped(vec![span("      ", t.base())], explanation, t.muted());
    }
    let ids = if app.step == Step::Cni {
        expected_ids::<Cni>()
    } else {
        expected_ids::<Transit>()
    };
    d.gap();
    d.wrapped(
        vec![],
        &format!("Enter uses the option under the cursor (plan file: {ids})."),
        t.muted(),
    );
    let first = super::scroll_to(cursor_line + 3, d.lines.len(), usize::from(area.height));
    let more = d.lines.len() > first + usize::from(area.height);
    frame.render_widget(Paragraph::new(d.lines).scroll((first as u16, 0)), area);
    more
}
