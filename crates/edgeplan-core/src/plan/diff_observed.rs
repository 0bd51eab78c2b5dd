//! What differs between two plans' observed sections, one line per change in the file's
//! words: a hop surveyed or not, a route or rule added or removed, a setting changed.
//! The lines quote device words, so whoever prints them escapes them.

use crate::hop::Hop;
use crate::observed::{Survey, SurveyKey};
use crate::plan::Plan;

/// The size of a survey in words: `3 routes`, `1 rule`, `empty`, `routes not surveyed`.
fn size(hop: Hop, survey: &Survey) -> String {
    let (n, what) = if crate::observed::is_routing(hop) {
        (survey.routes.as_ref().map(Vec::len), "route")
    } else {
        (survey.rules.as_ref().map(Vec::len), "rule")
    };
    match n {
        None => format!("{what}s not surveyed"),
        Some(0) => "empty".into(),
        Some(1) => format!("1 {what}"),
        Some(n) => format!("{n} {what}s"),
    }
}

/// The entries of `old` missing from `new`, and those of `new` missing from `old`.
fn moved(old: &[String], new: &[String]) -> (Vec<String>, Vec<String>) {
    let gone = old.iter().filter(|e| !new.contains(e)).cloned().collect();
    let came = new.iter().filter(|e| !old.contains(e)).cloned().collect();
    (gone, came)
}

/// One line per observed change from `old` to `new`, in path order.
pub fn observed_changes(old: &Plan, new: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for hop in Hop::ALL {
        let (a, b) = (old.observed.survey(hop), new.observed.survey(hop));
        match (a, b) {
            _ if a == b => {}
            (None, Some(s)) => out.push(format!(
                "observed.{hop}: not surveyed -> surveyed ({})",
                size(hop, s)
            )),
            (Some(s), None) => out.push(format!(
                "observed.{hop}: surveyed ({}) -> not surveyed",
                size(hop, s)
            )),
            (Some(a), Some(b)) => {
                for key in [SurveyKey::Routes, SurveyKey::Rules] {
                    let (x, y) = (a.list_state(key), b.list_state(key));
                    if x != y {
                        let show = |v: Option<&str>| v.unwrap_or_default().to_string();
                        let key = key.key();
                        out.push(format!("observed.{hop}.{key}: {} -> {}", show(x), show(y)));
                    }
                }
                let lists = [
                    (
                        "routes",
                        a.routes
                            .iter()
                            .flatten()
                            .map(|r| r.summary())
                            .collect::<Vec<_>>(),
                        b.routes
                            .iter()
                            .flatten()
                            .map(|r| r.summary())
                            .collect::<Vec<_>>(),
                    ),
                    (
                        "rules",
                        a.rules.iter().flatten().map(|r| r.summary()).collect(),
                        b.rules.iter().flatten().map(|r| r.summary()).collect(),
                    ),
                ];
                for (key, old, new) in lists {
                    let (gone, came) = moved(&old, &new);
                    for e in gone {
                        out.push(format!("observed.{hop}.{key}: - {e}"));
                    }
                    for e in came {
                        out.push(format!("observed.{hop}.{key}: + {e}"));
                    }
                }
                for key in SurveyKey::allowed(hop) {
                    let (x, y) = (a.setting(key), b.setting(key));
                    if x != y {
                        let show = |v: Option<String>| v.unwrap_or_else(|| "(unset)".into());
                        out.push(format!(
                            "observed.{hop}.{}: {} -> {}",
                            key.key(),
                            show(x),
                            show(y)
                        ));
                    }
                }
            }
            (None, None) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observed::{NextHop, RouteEntry};

    #[test]
    fn each_observed_change_is_one_line_in_the_files_words() {
        let old = Plan::example();
        let mut new = old.clone();
        assert!(observed_changes(&old, &new).is_empty());
        let vbr = new.observed.surveys.entry(Hop::Vbr).or_default();
        vbr.routes_mut().push(RouteEntry::new(
            "10.0.0.0/8".parse().unwrap(),
            NextHop::from_word("core-switch"),
        ));
        assert_eq!(
            observed_changes(&old, &new),
            ["observed.vbr: not surveyed -> surveyed (1 route)"]
        );
        let mut newer = new.clone();
        let vbr = newer.observed.surveys.get_mut(&Hop::Vbr).unwrap();
        vbr.routes_mut()[0].next_hop = NextHop::from_word("blackhole");
        vbr.mtu = Some(1500);
        assert_eq!(
            observed_changes(&new, &newer),
            [
                "observed.vbr.routes: - 10.0.0.0/8 -> core-switch",
                "observed.vbr.routes: + 10.0.0.0/8 -> blackhole",
                "observed.vbr.mtu: (unset) -> 1500",
            ]
        );
        assert_eq!(
            observed_changes(&newer, &old),
            ["observed.vbr: surveyed (1 route) -> not surveyed"]
        );
    }

    #[test]
    fn a_list_becoming_surveyed_or_unknown_is_a_change_even_empty() {
        let mut old = Plan::example();
        old.observed.surveys.entry(Hop::Vbr).or_default().mtu = Some(1500);
        let mut new = old.clone();
        new.observed.surveys.get_mut(&Hop::Vbr).unwrap().routes = Some(Vec::new());
        assert_eq!(
            observed_changes(&old, &new),
            ["observed.vbr.routes: not surveyed -> surveyed"]
        );
        assert_eq!(
            observed_changes(&new, &old),
            ["observed.vbr.routes: surveyed -> not surveyed"]
        );
        assert_eq!(
            observed_changes(&Plan::example(), &old),
            ["observed.vbr: not surveyed -> surveyed (routes not surveyed)"]
        );
        let review = crate::review::diff(&old, &new, crate::Catalog::builtin());
        let delta = review.observed(Hop::Vbr).unwrap();
        assert_eq!(delta.settings, ["routes: not surveyed -> surveyed"]);
    }
}
