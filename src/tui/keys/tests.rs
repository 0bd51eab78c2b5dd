use super::*;

fn press(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn letters_type_into_the_region_filter_but_quit_elsewhere() {
    assert_eq!(
        keymap(Context::Region, press(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap(Context::Region, press(KeyCode::Char('/'))),
        Some(Action::StartFilter)
    );
    assert_eq!(
        keymap(Context::RegionFilter, press(KeyCode::Char('q'))),
        Some(Action::Type(InputRequest::InsertChar('q')))
    );
    assert_eq!(
        keymap(Context::Steps, press(KeyCode::Char('q'))),
        Some(Action::Quit)
    );
}

#[test]
fn shift_tab_and_question_mark_match_with_shift_held() {
    let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(keymap(Context::Steps, back), Some(Action::PrevPane));
    let q = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(keymap(Context::Cidrs, q), Some(Action::ToggleHelp));
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    let all = [
        Context::Steps,
        Context::Topology,
        Context::Details,
        Context::Region,
        Context::RegionFilter,
        Context::Choice,
        Context::Cidrs,
        Context::CidrDraft,
        Context::Review,
        Context::SavePath,
        Context::Survey,
        Context::SurveyForm,
        Context::SurveyPaste,
        Context::Flows,
        Context::Walkthrough,
        Context::Help,
        Context::ConfirmQuit,
        Context::RestoreDraft,
        Context::OpenElsewhere,
        Context::LoadFailed,
        Context::Messages,
        Context::Export,
        Context::TooSmall,
    ];
    for ctx in all {
        let keys: Vec<Key> = bindings(ctx)
            .into_iter()
            .flatten()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, key) in keys.iter().enumerate() {
            // A context's own table may shadow a shared key on purpose only when the action agrees.
            let later: Vec<_> = keys[i + 1..].iter().filter(|k| *k == key).collect();
            let actions: Vec<Action> = bindings(ctx)
                .into_iter()
                .flatten()
                .filter(|b| b.keys.contains(key))
                .map(|b| b.action)
                .collect();
            assert!(
                later.is_empty() || actions.windows(2).all(|w| w[0] == w[1]),
                "{ctx:?}: {key:?} -> {actions:?}"
            );
        }
    }
}

#[test]
fn help_and_quit_are_the_hints_always_shown_chosen_by_action_not_wording() {
    for table in [GLOBAL, TEXT_GLOBAL] {
        let always: Vec<Action> = table
            .iter()
            .filter(|b| b.hint.is_some() && b.always_hinted())
            .map(|b| b.action)
            .collect();
        assert_eq!(always, [Action::ToggleHelp, Action::Quit]);
    }
}

#[test]
fn a_key_help_lists_with_another_has_no_hint() {
    let hidden = GLOBAL.iter().filter(|b| b.help.is_none());
    assert_eq!(hidden.clone().count(), 7, "2-8 go under 1-8");
    assert!(hidden.into_iter().all(|b| b.hint.is_none()));
}
