use super::*;
use tui_input::InputRequest;

fn typed(form: &mut SurveyForm, text: &str) {
    for c in text.chars() {
        form.handle(InputRequest::InsertChar(c));
    }
}

#[test]
fn a_route_is_written_only_when_every_box_holds_a_value() {
    let mut survey = Survey::default();
    let mut form = SurveyForm::new(FormTarget::NewRoute, &survey);
    typed(&mut form, "192.168.1.1/16");
    assert!(
        form.boxes[0]
            .error
            .as_deref()
            .unwrap()
            .contains("host bits")
    );
    assert!(form.apply(&mut survey).is_err());
    assert_eq!(survey.routes, None, "a refused entry surveys nothing");
    form.boxes[0] = FormBox::new(Column::Destination, "192.168.0.0/16".into());
    form.move_focus(true);
    typed(&mut form, "vbr");
    form.apply(&mut survey).unwrap();
    assert_eq!(
        survey.routes,
        Some(vec![RouteEntry::new(
            "192.168.0.0/16".parse().unwrap(),
            NextHop::from_word("vbr")
        )])
    );
}

#[test]
fn a_rule_names_the_box_that_is_wrong() {
    let mut survey = Survey::default();
    let mut form = SurveyForm::new(FormTarget::NewRule, &survey);
    form.focus = 3;
    typed(&mut form, "70000");
    form.focus = 4;
    typed(&mut form, "10.0.0.0/8");
    let (at, why) = form.apply(&mut survey).unwrap_err();
    assert_eq!(at, 3);
    assert!(why.starts_with("ports \"70000\""), "{why}");
    form.boxes[3] = FormBox::new(Column::Ports, "443,6443".into());
    form.apply(&mut survey).unwrap();
    let rules = survey.rules.as_deref().unwrap();
    assert_eq!(rules[0].ports.to_string(), "443,6443");
    assert_eq!(rules[0].priority, 1);
}

#[test]
fn words_outside_the_vocabulary_are_refused_with_the_choices() {
    assert_eq!(
        Column::Protocol.check("sctp").unwrap(),
        "\"sctp\" is not tcp, udp, icmp or all"
    );
    assert!(Column::Direction.check("outbound").is_none());
    assert!(Column::NextHop.check("black hole").is_some());
    assert!(Column::Value(SurveyKey::Mtu).check("9000").is_none());
    assert!(Column::Value(SurveyKey::Mtu).check("20").is_some());
}
