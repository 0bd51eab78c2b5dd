//! What rendering asks of the app: how each hop stands, the selected flow, the rows and
//! messages to show. Reads only.

use super::*;

impl App {
    /// How a hop stands: the worst of its findings and the required flows it stops.
    pub fn hop_status(&self, hop: Hop) -> HopStatus {
        match self.session.stops_a_flow(hop) {
            true => HopStatus::Error,
            false => HopStatus::from_worst(self.report().worst(hop)),
        }
    }

    /// The flow selected on the flows step, while that step is shown.
    pub fn selected_flow(&self) -> Option<&edgeplan_core::trace::FlowTrace> {
        if self.step != Step::Flows || self.mode != Mode::Wizard {
            return None;
        }
        self.components.flows.selected(&self.session)
    }

    /// True when `hop` shows as unknown: other hops are surveyed, this device (or its
    /// route or rule list) is not, and nothing in the design is wrong with it. It is
    /// grey, never red: no trace can blame a device no one has looked at.
    pub fn hop_unknown(&self, hop: Hop) -> bool {
        let plan = self.plan();
        !plan.observed.is_empty()
            && !plan.observed.list_surveyed(hop)
            && crate::tui::components::survey::surveyable(plan, hop)
            && self.hop_status(hop) == HopStatus::Ok
    }

    /// True when `hop` is fed by a value being typed that is not valid yet: its
    /// verdict is the old value's until the new one is finished.
    pub fn waits_on_unfinished(&self, hop: Hop) -> bool {
        self.session
            .unfinished()
            .is_some_and(|u| u.hops.contains(&hop))
    }

    /// The first hop with an error, else with a warning.
    pub fn first_broken_hop(&self) -> Option<Hop> {
        let path = Hop::path(self.plan().transit);
        let worst = |status| path.iter().copied().find(|h| self.hop_status(*h) == status);
        worst(HopStatus::Error).or_else(|| worst(HopStatus::Warning))
    }

    /// Findings grouped by their primary hop in path order, worst first within a hop.
    pub fn review_findings(&self) -> Vec<&Finding> {
        review_findings(self.report())
    }

    /// The CIDR editor's rows; while a value is typed, those of the plan before typing.
    pub fn cidr_rows(&self) -> Vec<CidrRow> {
        self.components.cidrs.rows(self.plan())
    }

    /// The CIDR row under the cursor.
    pub fn cidr_row(&self) -> CidrRow {
        self.components.cidrs.row(self.plan())
    }

    /// Sets a status-bar message.
    pub fn say(&mut self, kind: MessageKind, text: impl Into<String>) {
        let message = Message {
            kind,
            text: text.into(),
        };
        if self.messages.len() == MESSAGES_KEPT {
            self.messages.pop_front();
        }
        self.messages.push_back(message.clone());
        self.message = Some(message);
    }

    /// The latest messages, oldest first.
    pub fn messages(&self) -> impl Iterator<Item = &Message> {
        self.messages.iter()
    }

    /// Notes the terminal's size, so keys know whether the screen is shown at all.
    pub fn set_screen(&mut self, columns: u16, rows: u16) {
        self.screen = Some((columns, rows));
    }

    /// True when the terminal is too small to show the screen: keys but quit do nothing.
    pub fn too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < crate::tui::ui::MIN_WIDTH || h < crate::tui::ui::MIN_HEIGHT)
    }
}
