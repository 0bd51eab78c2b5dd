//! Rendering: each screen region has a module with `render(app, frame, area)`, and
//! every one only reads the `App`.
//!
//! Wide terminals (150 columns or more): the path across the top, then steps, the
//! current step and the selected hop's details side by side.
//!
//! ```text
//! ┌ Path ───────────────────────────────────────────────────── ✓ ok  ! warning  ✗ error ┐
//! │┏✓ Edge nodes┓   ┌✓ Core switch┐   ┌✓ Firewall┐ Express ┌✓ VBR┐   ┌✓ ECR┐   ┌…┐   ┌…┐ │
//! │┃10.0.0.0/8  ┃──▶│192.168.0.0/…│──▶│…         │════════▶│…    │──▶│…    │──▶│ │──▶│ │ │
//! │┗━━━━━━━━━━━━┛   └─────────────┘   └──────────┘ Connect └─────┘   └─────┘   └─┘   └─┘ │
//! └──────────────────────────────────────────────────────────────────────────────────────┘
//! ┌ Steps ───────┐┌ 1 Region ─────────────────────────────┐┌ Hop 1/7: Edge nodes ───────┐
//! │▸1 Region  …  ││ the current step: region list,        ││ findings with fixes, then  │
//! │ 2 CNI     …  ││ CNI / transit choice, CIDR editors,   ││ routes, rules and ports,   │
//! │ 3 Transit …  ││ review of findings, save              ││ each with its reason       │
//! │ 4 CIDRs   …  ││                                       ││                            │
//! │ 5 Review  …  ││                                       ││                            │
//! │ 6 Save    …  ││                                       ││                            │
//! └──────────────┘└───────────────────────────────────────┘└────────────────────────────┘
//!  plan.toml ● modified                              Enter open  Tab pane  ? help  q quit
//! ```
//!
//! Narrower terminals (80 to 149 columns): the path runs top to bottom in the left column
//! above the steps; the current step sits above the hop details. Below 80x24 only a
//! "terminal too small" notice is drawn.
//!
//! ```text
//! ┌ Path ──────────────────────────┐┌ 1 Region ─────────────────────────────────┐
//! │Data center                     ││ the current step                          │
//! │▸✓ Edge nodes  10.0.0.0/8       ││                                           │
//! │ ✓ Core switch 192.168.0.0/16 +1││                                           │
//! │ ✓ Firewall    192.168.0.0/16 +1││                                           │
//! │  ══ Express Connect ══         │└───────────────────────────────────────────┘
//! │Alibaba Cloud                   │┌ Hop 1/7: Edge nodes ──────────────────────┐
//! │ ✓ VBR … ✓ Sec. group           ││ findings, routes, rules, ports, reasons   │
//! └─── ✓ ok  ! warning  ✗ error ───┘│                                           │
//! ┌ Steps ─────────────────────────┐│                                           │
//! │▸1 Region   cn-hangzhou         ││                                           │
//! └────────────────────────────────┘└───────────────────────────────────────────┘
//!  built-in example ● modified          Enter open  Tab pane  ^S save  ? help  q quit
//! ```
//!
//! A message (saved, or why something failed) is drawn as a banner just above the
//! status line until the next key.
//!
//! The walkthrough slides replace everything above the status line (see
//! `walkthrough`); help, the quit question and the export dialog are drawn over the
//! screen.

pub mod details;
pub mod dialog;
pub mod export;
pub mod flow_details;
pub mod help;
pub mod load_error;
pub mod status;
pub mod step_body;
pub mod steps;
pub mod text;
pub mod title_slide;
pub mod topology;
pub mod walkthrough;

use super::app::{App, Mode, Overlay, Pane};
use super::glyphs::Glyphs;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The smallest terminal the TUI draws in.
pub const MIN_WIDTH: u16 = 80;
/// The smallest terminal height the TUI draws in.
pub const MIN_HEIGHT: u16 = 24;
/// Below this width the topology is drawn top to bottom: narrower, the seven boxes
/// side by side could not hold "✓ Security group" or "192.168.100.0/24" whole.
pub const VERTICAL_BELOW: u16 = 150;

/// Where each region of the wizard screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The path diagram.
    pub topology: Rect,
    /// The wizard steps.
    pub steps: Rect,
    /// The current step.
    pub body: Rect,
    /// The selected hop's details.
    pub details: Rect,
    /// The status line.
    pub status: Rect,
    /// Everything above the status line.
    pub main: Rect,
    /// True when the topology is drawn top to bottom.
    pub vertical: bool,
}

/// Splits the screen for drawing with `glyphs`; `None` when it is smaller than 80x24.
pub fn areas(area: Rect, glyphs: &Glyphs) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [main, status] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let vertical = area.width < VERTICAL_BELOW;
    let [topology, steps, body, details] = if vertical {
        let [left, right] = Layout::horizontal([
            Constraint::Length(topology::vertical_width(glyphs)),
            Constraint::Min(0),
        ])
        .areas(main);
        // The path takes what it needs; the steps the rest, with room for the guide.
        let [topology, steps] = Layout::vertical([
            Constraint::Length(topology::VERTICAL_HEIGHT + 2),
            Constraint::Min(8),
        ])
        .areas(left);
        let [body, details] =
            Layout::vertical([Constraint::Fill(4), Constraint::Fill(3)]).areas(right);
        [topology, steps, body, details]
    } else {
        let [topology, rest] = Layout::vertical([
            Constraint::Length(topology::HORIZONTAL_HEIGHT),
            Constraint::Min(0),
        ])
        .areas(main);
        let steps_width = if area.width >= 140 { 26 } else { 16 };
        let [steps, body, details] = Layout::horizontal([
            Constraint::Length(steps_width),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ])
        .areas(rest);
        [topology, steps, body, details]
    };
    Some(Areas {
        topology,
        steps,
        body,
        details,
        status,
        main,
        vertical,
    })
}

/// Draws the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    frame.buffer_mut().set_style(area, app.theme.base());
    let Some(areas) = areas(area, &app.glyphs) else {
        return too_small(app, frame, area);
    };
    match app.mode {
        Mode::LoadFailed => load_error::render(app, frame, areas.main),
        Mode::Walkthrough => walkthrough::render(app, frame, areas.main),
        Mode::Wizard => {
            topology::render(app, frame, areas.topology);
            steps::render(app, frame, areas.steps);
            step_body::render(app, frame, areas.body);
            details::render(app, frame, areas.details);
        }
    }
    status::render(app, frame, areas.status);
    status::render_message(app, frame, areas.main);
    match app.overlay {
        Some(Overlay::Help) => help::render(app, frame, areas.main),
        Some(Overlay::ConfirmQuit) => dialog::render(app, frame, areas.main),
        Some(Overlay::RestoreDraft) => dialog::render_restore(app, frame, areas.main),
        Some(Overlay::OpenElsewhere) => dialog::render_elsewhere(app, frame, areas.main),
        Some(Overlay::Messages) => status::render_messages(app, frame, areas.main),
        Some(Overlay::Export) => export::render(app, frame, areas.main),
        None => {}
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = vec![
        Line::styled("Terminal too small", t.heading()),
        Line::raw(format!(
            "edgeplan needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}.",
            area.width, area.height
        )),
        Line::styled("Enlarge the window; Ctrl-C quits.", t.muted()),
    ];
    let height = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let centred = Rect { y, height, ..area };
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        centred,
    );
}

/// A pane's frame: border and title styled by focus, drawn with the session's glyphs.
pub fn pane<'a>(app: &App, title: impl Into<Line<'a>>, pane: Pane) -> Block<'a> {
    let focused = app.focus == pane && app.mode == Mode::Wizard && app.overlay.is_none();
    let title: Line = title.into();
    Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(app.theme.border(focused))
        .title(title.style(app.theme.title(focused)))
}

/// A span of `text` in a style, for building lines tersely. Text from a plan, a file
/// name or a message may hold terminal controls, bidi or zero-width characters, which
/// the buffer would pass on: they are escaped here (escaping is idempotent, so text
/// escaped earlier is unchanged).
pub fn span<'a>(
    text: impl Into<std::borrow::Cow<'a, str>>,
    style: ratatui::style::Style,
) -> Span<'a> {
    let text = text.into();
    let escaped = match crate::escape::escape(&text) {
        std::borrow::Cow::Owned(safe) => Some(safe),
        std::borrow::Cow::Borrowed(_) => None,
    };
    Span::styled(escaped.map_or(text, std::borrow::Cow::Owned), style)
}

/// The selected hop's number on the plan's path, `-` when the path does not have it (the
/// transit hop of a direct connection).
pub fn hop_number(app: &App) -> String {
    app.hop
        .position(app.plan().transit)
        .map_or_else(|| "-".into(), |i| (i + 1).to_string())
}
