//! Where the user is: the wizard's steps and the panes the focus moves between.

/// A wizard step, in the order the left pane lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Pick the cluster's region.
    Region,
    /// Pick Flannel or Terway Edge.
    Cni,
    /// Pick ECR, CEN or a direct connection.
    Transit,
    /// Edit the CIDR blocks and addresses.
    Cidrs,
    /// Every finding with its fix.
    Review,
    /// Write the plan file.
    Save,
    /// On site: record what each hop's device really has.
    Survey,
    /// Every required flow traced through what the devices have.
    Flows,
}

impl Step {
    /// Every step in order.
    pub const ALL: [Step; 8] = [
        Step::Region,
        Step::Cni,
        Step::Transit,
        Step::Cidrs,
        Step::Review,
        Step::Save,
        Step::Survey,
        Step::Flows,
    ];

    /// The step's name.
    pub fn title(self) -> &'static str {
        match self {
            Step::Region => "Region",
            Step::Cni => "CNI",
            Step::Transit => "Transit",
            Step::Cidrs => "CIDRs",
            Step::Review => "Review",
            Step::Save => "Save",
            Step::Survey => "Survey",
            Step::Flows => "Flows",
        }
    }

    /// Position in the list, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The step after this one (the last stays put).
    pub fn next(self) -> Step {
        Step::ALL[(self.index() + 1).min(Step::ALL.len() - 1)]
    }
}

/// A region of the screen that can have the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The path diagram.
    Topology,
    /// The list of wizard steps.
    Steps,
    /// The current step.
    Body,
    /// The selected hop's requirements and findings.
    Details,
}

impl Pane {
    /// Tab order: left to right, top to bottom.
    pub const ORDER: [Pane; 4] = [Pane::Steps, Pane::Body, Pane::Details, Pane::Topology];

    /// The pane Tab moves to (`forward`) or Shift-Tab moves to.
    pub fn cycle(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        Pane::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_visits_every_pane_and_comes_back() {
        let mut p = Pane::Steps;
        for _ in 0..4 {
            p = p.cycle(true);
        }
        assert_eq!(p, Pane::Steps);
        assert_eq!(Pane::Steps.cycle(false), Pane::Topology);
    }
}
