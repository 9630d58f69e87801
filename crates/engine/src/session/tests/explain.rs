//! The explain request: answered on the files and the checklist entries
//! merged, at the report's analysis date, with a suggestion from the data.

use super::*;
use crate::assessment::load_files;
use crate::explain::scenarios::build::UNKNOWN_IP as UNKNOWN_SERVER_IP;
use crate::explain::MessageInput;
use crate::session::explain::{
    error_is_for, general_errors, suggested_spoof, Explained, MessageForm, FIELDS,
};

fn explain_req(seq: u64, message: &MessageInput, at: Option<&str>) -> Request {
    Request::Explain {
        seq,
        message: Box::new(message.clone()),
        at: at.map(str::to_string),
    }
}

fn explained(out: &[Response]) -> &Explained {
    match out {
        [Response::Explained(e)] => e,
        other => panic!("one explained answer expected, got {other:?}"),
    }
}

fn spoof(domain: &str) -> MessageInput {
    MessageInput {
        envelope_from: Some(format!("ceo@{domain}")),
        header_from: Some(format!("ceo@{domain}")),
        sending_ip: Some(UNKNOWN_SERVER_IP.into()),
        recipient: Some(format!("user@{domain}")),
        ..MessageInput::default()
    }
}

/// The session with the pitfall sample loaded, and its report's date.
fn pitfall_session() -> (Session, String) {
    let mut s = Session::new();
    let files = stored(&samples::pitfall_tenant());
    let (out, _) = run(
        &mut s,
        Request::Files {
            seq: 1,
            files: refs(&files),
        },
    );
    let date = analysis(&out).report.analysis_date.clone();
    (s, date)
}

#[test]
fn a_message_is_explained_on_the_loaded_files_at_the_report_s_date() {
    let (mut s, report_date) = pitfall_session();
    let cfg = load_files(s.files()).config;
    let suggestion = suggested_spoof(&cfg).expect("the sample has internal domains");
    let (out, heard) = run(&mut s, explain_req(7, &suggestion, None));
    assert!(heard.is_empty(), "nothing is loaded again");
    round_trips(&out);
    let got = explained(&out);
    assert_eq!(got.seq, 7);
    assert_eq!(got.suggestion.as_ref(), Some(&suggestion));
    // The engine's own answer for the same data at the report's date.
    let at = crate::model::parse_date(&report_date).unwrap();
    let want = crate::explain::explain(&cfg, &suggestion, at);
    let want = want.expect("the engine explains a spoof of the sample's domain");
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    assert_eq!(got.explanation.as_ref(), Some(&want));
    assert_eq!(
        want.analysis_date, report_date,
        "judged at the report's date"
    );
}

#[test]
fn the_suggestion_is_a_spoof_of_the_first_internal_domain_that_receives_mail() {
    let mut s = Session::new();
    let file = InputFile::new(
        "d.json",
        r#"{"format": "mimecast-config-bundle", "version": 1,
            "internalDomains": [{"domain": "zeta.example"}, {"domain": "Alpha.Example."},
                                {"domain": "aaa.example", "sendOnly": true}]}"#,
    );
    run(
        &mut s,
        Request::Files {
            seq: 1,
            files: refs(&stored(&[file])),
        },
    );
    let (out, _) = run(&mut s, explain_req(2, &MessageInput::default(), None));
    let got = explained(&out);
    let want = MessageInput {
        header_display_name: Some(String::new()),
        ..spoof("alpha.example")
    };
    assert_eq!(got.suggestion.as_ref(), Some(&want));
    // Nothing given: every required field is reported, nothing explained.
    assert!(got.explanation.is_none());
    assert!(!got.errors.is_empty());
}

#[test]
fn checklist_entries_are_part_of_the_configuration_explained() {
    let mut s = Session::new();
    let mut a = Assessment::new("a1", "N", "A", "2026-11-28");
    a.entries.insert(
        "internalDomains".into(),
        serde_json::json!([{"domain": "entered.example"}]),
    );
    run(&mut s, assessment(1, &a));
    let (out, _) = run(&mut s, explain_req(2, &spoof("entered.example"), None));
    let got = explained(&out);
    assert_eq!(
        got.suggestion.as_ref().and_then(|m| m.recipient.as_deref()),
        Some("user@entered.example")
    );
    // Explained on the entered data alone; the sections not entered are
    // said to be not assessed.
    let e = got.explanation.as_ref().expect("explained on entered data");
    assert_eq!(e.message.recipient, "user@entered.example");
    assert!(e.verdict.certainty.partial);
    assert!(e
        .steps
        .iter()
        .any(|s| s.status == crate::explain::output::StepStatus::NotAssessed));
    // A change of the data is seen by the next request.
    a.entries.insert(
        "internalDomains".into(),
        serde_json::json!([{"domain": "other.example"}]),
    );
    run(&mut s, assessment(3, &a));
    let (out, _) = run(&mut s, explain_req(4, &spoof("entered.example"), None));
    assert_eq!(
        explained(&out)
            .suggestion
            .as_ref()
            .and_then(|m| m.recipient.as_deref()),
        Some("user@other.example")
    );
    // Without any data there is nothing to suggest.
    let (out, _) = run(
        &mut Session::new(),
        explain_req(1, &spoof("x.example"), None),
    );
    let got = explained(&out);
    assert!(got.suggestion.is_none());
    assert!(got.explanation.is_none() && !got.errors.is_empty());
}

#[test]
fn an_unreadable_date_to_judge_at_is_an_input_error_of_at() {
    let (mut s, _) = pitfall_session();
    let (out, _) = run(
        &mut s,
        explain_req(5, &spoof("example.com"), Some("someday")),
    );
    let got = explained(&out);
    assert!(got.explanation.is_none());
    assert_eq!(got.errors.len(), 1);
    assert_eq!(got.errors[0].field, "at");
    assert!(
        got.errors[0].message.contains("someday"),
        "{:?}",
        got.errors
    );
}

#[test]
fn explain_requests_read_back_from_their_json() {
    let r = explain_req(9, &spoof("example.com"), Some("2026-11-20"));
    let text = serde_json::to_string(&r).unwrap();
    assert!(
        text.contains("\"envelopeFrom\":\"ceo@example.com\""),
        "{text}"
    );
    let back: Request = serde_json::from_str(&text).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.seq(), 9);
}

#[test]
fn the_form_turns_typed_text_into_a_message_description() {
    let mut f = MessageForm::default();
    assert!(f.is_blank());
    f.set("envelopeFrom", " <> ");
    f.set("headerFrom", "ceo@example.com");
    f.set("headerDisplayName", "Jane Doe");
    f.set("sendingIp", "203.0.113.9");
    f.set("recipient", "");
    f.set("auth.spf", "pass");
    f.set("signals.newlyObservedDomain", "true");
    f.set("signals.displayNameIsInternalUser", "unknown");
    f.set("spamScore", "6");
    f.set("nonsense", "x");
    assert!(!f.is_blank());
    let (m, errors) = f.to_input();
    assert!(errors.is_empty());
    assert_eq!(m.envelope_from.as_deref(), Some("<>"));
    assert_eq!(m.header_display_name.as_deref(), Some("Jane Doe"));
    assert_eq!(m.recipient, None, "an empty field is absent");
    assert_eq!(m.auth.as_ref().and_then(|a| a.spf.as_deref()), Some("pass"));
    assert_eq!(m.auth.as_ref().and_then(|a| a.dkim.as_deref()), None);
    let signals = m.signals.clone().unwrap();
    assert_eq!(signals.newly_observed_domain, Some(serde_json::json!(true)));
    assert_eq!(
        signals.display_name_is_internal_user,
        Some(serde_json::json!("unknown"))
    );
    assert_eq!(signals.threat_dictionary_hit, None);
    assert_eq!(m.spam_score, Some(6.0));
    // And back: the form of a description holds the same message.
    assert_eq!(MessageForm::from_input(&m).to_input().0, m);
    // A spam score that is no number is the form's error, by field.
    f.set("spamScore", "high");
    let (m, errors) = f.to_input();
    assert_eq!(m.spam_score, None);
    assert_eq!(errors.len(), 1);
    assert!(error_is_for(&errors[0], "spamScore"));
    // Defaults left alone send no auth or signals block.
    let (m, _) = MessageForm::from_input(&spoof("example.com")).to_input();
    assert_eq!(m, spoof("example.com"));
}

#[test]
fn errors_are_matched_to_the_form_s_fields() {
    let e = |field: &str| InputError {
        field: field.into(),
        message: "bad".into(),
    };
    assert!(error_is_for(&e("sendingIp"), "sendingIp"));
    assert!(error_is_for(&e("auth.spf"), "auth.spf"));
    assert!(error_is_for(&e("spf"), "auth.spf"));
    assert!(!error_is_for(&e("spf"), "sendingIp"));
    assert!(!error_is_for(&e("ip"), "sendingIp"));
    let all = [e("recipient"), e(""), e("internalDomains"), e("dkim")];
    let general: Vec<&str> = general_errors(&all)
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(general, ["", "internalDomains"]);
    let keys: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
    let mut unique = keys.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "field keys are unique");
}
