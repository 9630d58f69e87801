use chrono::{DateTime, Utc};

use super::*;
use crate::samples;

const NOW: &str = "2026-11-28T09:00:00Z";

fn now() -> DateTime<Utc> {
    crate::model::parse_date(NOW).unwrap()
}

fn account(name: &str, code: &str, domain: &str) -> InputFile {
    InputFile::new(
        name,
        format!(
            r#"{{"format": "mimecast-config-bundle", "version": 1,
                "account": {{"accountCode": "{code}", "accountName": "Customer {code}"}},
                "internalDomains": [{{"domain": "{domain}"}}]}}"#
        ),
    )
}

fn stored(files: &[InputFile]) -> Vec<StoredFile> {
    let mut out = Vec::new();
    add_files(&mut out, files);
    out
}

fn refs(files: &[StoredFile]) -> Vec<FileRef> {
    files.iter().map(FileRef::with_data).collect()
}

fn assessment(seq: u64, a: &Assessment) -> Request {
    Request::Assessment {
        seq,
        assessment: Box::new(a.clone()),
        now: Some(NOW.into()),
    }
}

/// Runs a request, returning the responses and the progress heard.
fn run(s: &mut Session, req: Request) -> (Vec<Response>, Vec<Progress>) {
    let mut heard = Vec::new();
    let out = s.handle(req, &mut |p| heard.push(p));
    (out, heard)
}

/// The `Added` answer among `out`.
fn added(out: &[Response]) -> &Response {
    out.iter()
        .find(|r| matches!(r, Response::Added { .. }))
        .expect("an added answer")
}

fn analysis(out: &[Response]) -> &Analysis {
    out.iter()
        .find_map(|r| match r {
            Response::Analysis(a) => Some(a.as_ref()),
            _ => None,
        })
        .expect("an analysis")
}

/// Every response survives the JSON the worker sends it as.
fn round_trips(out: &[Response]) {
    for r in out {
        let text = serde_json::to_string(r).unwrap();
        let back: Response = serde_json::from_str(&text).unwrap();
        match (r, &back) {
            // The file texts travel beside the JSON.
            (Response::Added { files, .. }, Response::Added { files: b, .. }) => {
                assert_eq!(files.len(), b.len());
                assert!(b.iter().all(|f| f.data.is_none()));
            }
            _ => assert_eq!(r, &back, "{text}"),
        }
    }
}

#[test]
fn files_give_the_report_of_the_assessment_with_its_tenant_and_an_announcement() {
    let mut a = Assessment::new("a1", "Northwind", "Alex", "2026-11-28");
    let mut s = Session::new();
    let (out, _) = run(&mut s, assessment(1, &a));
    assert!(analysis(&out).announcement.is_none(), "no files yet");
    let files = stored(&samples::pitfall_tenant());
    let (out, heard) = run(
        &mut s,
        Request::Files {
            seq: 2,
            files: refs(&files),
        },
    );
    round_trips(&out);
    let got = analysis(&out);
    a.files = files.clone();
    let want = a.report(&Options {
        at: None,
        now: Some(now()),
    });
    assert_eq!(got.seq, 2);
    // The tenant's strings stay in the session (see the export test).
    let mut shown = want.clone();
    shown.tenant = Default::default();
    assert!(got.report == shown, "the report of the assessment");
    assert_eq!(
        got.announcement.as_deref(),
        Some(loaded_announcement(&want).as_str())
    );
    assert!(!got.tenant.domains.is_empty(), "{:?}", got.tenant);
    // Each file is parsed, then analysed, in that order.
    for f in &files {
        let phases: Vec<Phase> = heard
            .iter()
            .filter(|p| p.file == f.name)
            .map(|p| p.phase)
            .collect();
        assert_eq!(phases, [Phase::Parsing, Phase::Analysing], "{}", f.name);
    }
}

#[test]
fn the_same_files_again_are_not_analysed_again_and_known_files_need_no_text() {
    let mut s = Session::new();
    let files = stored(&samples::pitfall_tenant());
    let (out, _) = run(
        &mut s,
        Request::Files {
            seq: 1,
            files: refs(&files),
        },
    );
    assert_eq!(out.len(), 1);
    // Names only: the session has their texts.
    let names: Vec<FileRef> = files
        .iter()
        .map(|f| FileRef {
            name: f.name.clone(),
            section: f.section.clone(),
            data: None,
        })
        .collect();
    let (out, heard) = run(
        &mut s,
        Request::Files {
            seq: 2,
            files: names.clone(),
        },
    );
    assert!(out.is_empty() && heard.is_empty(), "{out:?}");
    // One file fewer is a change; the dropped one is forgotten.
    let (out, _) = run(
        &mut s,
        Request::Files {
            seq: 3,
            files: names[1..].to_vec(),
        },
    );
    assert_eq!(analysis(&out).seq, 3);
    assert_eq!(s.files().len(), files.len() - 1);
    let (out, _) = run(
        &mut s,
        Request::Files {
            seq: 4,
            files: names,
        },
    );
    assert_eq!(out, [Response::Resend { seq: 4 }]);
    assert_eq!(s.files().len(), files.len() - 1, "left as it was");
}

#[test]
fn added_files_come_back_stored_and_analysed_with_a_saved_assessment_offered() {
    let mut s = Session::new();
    let inputs = samples::pitfall_tenant();
    let (out, heard) = run(
        &mut s,
        Request::Add {
            seq: 7,
            inputs: inputs.clone(),
        },
    );
    round_trips(&out);
    let Response::Added {
        seq,
        files,
        offer,
        mix,
        list,
    } = added(&out)
    else {
        panic!("{out:?}")
    };
    assert_eq!(*seq, 7);
    assert!(offer.is_none() && mix.is_none());
    let want = stored(&inputs);
    assert_eq!(files, &refs(&want));
    let lengths: Vec<(String, Option<String>, usize)> = want
        .iter()
        .map(|f| (f.name.clone(), f.section.clone(), f.data.len()))
        .collect();
    assert_eq!(list.as_ref(), Some(&lengths));
    assert_eq!(s.stored_text(), serde_json::to_string(&want).unwrap());
    assert_eq!(s.files(), want.as_slice());
    assert_eq!(analysis(&out).seq, 7);
    assert!(heard.iter().any(|p| p.phase == Phase::Analysing));

    // A bundle with an assessment block is offered (and still added).
    let mut saved = Assessment::new("a9", "Contoso", "Kim", "2026-11-01");
    saved.add_files(&samples::pitfall_tenant());
    let bundle = InputFile::new("contoso.bundle.json", saved.to_bundle(now()));
    let (out, _) = run(
        &mut s,
        Request::Add {
            seq: 8,
            inputs: vec![bundle],
        },
    );
    let Response::Added { offer, .. } = added(&out) else {
        panic!("{out:?}")
    };
    let offer = offer.as_ref().expect("offered");
    assert_eq!(
        (offer.name.as_str(), offer.customer.as_str()),
        ("contoso.bundle.json", "Contoso")
    );
    assert!(s.files().iter().any(|f| f.name == "contoso.bundle.json"));
}

#[test]
fn another_customers_files_are_asked_about_and_not_added() {
    let mut s = Session::new();
    let (out, _) = run(
        &mut s,
        Request::Add {
            seq: 1,
            inputs: vec![account("a.json", "C1", "a.example")],
        },
    );
    assert_eq!(analysis(&out).tenant.account_code.as_deref(), Some("C1"));
    let (out, _) = run(
        &mut s,
        Request::Add {
            seq: 2,
            inputs: vec![account("b.json", "C2", "b.example")],
        },
    );
    assert_eq!(out.len(), 1, "no analysis: nothing changed");
    let Response::Added {
        files, mix, list, ..
    } = &out[0]
    else {
        panic!("{out:?}")
    };
    let mix = mix.as_ref().expect("asked");
    assert_eq!(mix.customer.as_deref(), Some("Customer C2"));
    assert!(mix.why.contains("C2"), "{}", mix.why);
    assert!(list.is_none(), "not added");
    assert_eq!(s.files().len(), 1);
    // Joined anyway: the page sends the list, the new file by name only.
    let mut list = refs(s.files());
    list.push(FileRef {
        name: files[0].name.clone(),
        section: None,
        data: None,
    });
    let (out, _) = run(
        &mut s,
        Request::Files {
            seq: 3,
            files: list,
        },
    );
    assert_eq!(analysis(&out).seq, 3);
    assert_eq!(s.files().len(), 2);
}

#[test]
fn an_edit_of_the_assessment_reanalyses_without_an_announcement() {
    let mut s = Session::new();
    let files = stored(&samples::demo_tenant());
    run(
        &mut s,
        Request::Files {
            seq: 1,
            files: refs(&files),
        },
    );
    let mut a = Assessment::new("a1", "N", "A", "2026-11-28");
    a.entries.insert(
        "spamScanningDefinitions".into(),
        serde_json::json!([{"id": "def-1", "description": "Default", "level": "moderate",
            "spamAction": "hold_for_review", "autoAllowSpamAction": "do_nothing",
            "permittedSenderSpamAction": "hold_for_review"}]),
    );
    a.analysis_date = Some("2026-01-01".into());
    let (out, heard) = run(&mut s, assessment(2, &a));
    assert!(heard.is_empty(), "the files are not loaded again");
    let got = analysis(&out);
    assert!(got.announcement.is_none());
    a.files = files;
    let mut want = a.report(&Options {
        at: crate::model::parse_date("2026-01-01").ok(),
        now: Some(now()),
    });
    want.tenant = Default::default();
    assert!(got.report == want, "the report of the assessment");
    assert!(got.report.analysis_date.starts_with("2026-01-01"));
}

#[test]
fn requests_read_back_from_their_json() {
    let r = Request::Files {
        seq: 3,
        files: vec![FileRef {
            name: "x.json".into(),
            section: Some("antiSpoofingPolicies".into()),
            data: Some("e30=".into()),
        }],
    };
    let text = serde_json::to_string(&r).unwrap();
    assert!(!text.contains("e30="), "texts travel beside the JSON");
    let back: Request = serde_json::from_str(&text).unwrap();
    assert_eq!(back.seq(), 3);
    let a = assessment(4, &Assessment::new("a", "b", "c", "d"));
    let back: Request = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
    let bad: Result<Request, _> = serde_json::from_str(r#"{"type":"nope"}"#);
    assert!(bad.is_err());
}

#[test]
fn exports_are_made_from_the_last_report_with_the_tenant_strings_for_redaction() {
    let mut s = Session::new();
    let files = stored(&samples::pitfall_tenant());
    run(
        &mut s,
        assessment(1, &Assessment::new("a1", "Northwind", "Alex", "2026-11-28")),
    );
    run(
        &mut s,
        Request::Files {
            seq: 2,
            files: refs(&files),
        },
    );
    let mut a = Assessment::new("a1", "Northwind", "Alex", "2026-11-28");
    a.files = files;
    let full = a.report(&Options {
        at: None,
        now: Some(now()),
    });
    let opts = ExportOptions {
        customer: "Northwind".into(),
        assessor: "Alex".into(),
        date: "2026-11-28".into(),
        redact: true,
        ..ExportOptions::default()
    };
    let export = |seq, format: &str, baseline: Option<Box<Report>>| Request::Export {
        seq,
        format: format.into(),
        customer: opts.customer.clone(),
        assessor: opts.assessor.clone(),
        date: opts.date.clone(),
        redact: true,
        baseline,
    };
    let (out, _) = run(&mut s, export(3, "markdown", None));
    let Response::Exported {
        seq,
        name,
        media_type,
        text,
    } = &out[0]
    else {
        panic!("{out:?}")
    };
    assert_eq!(*seq, 3);
    assert_eq!(name, &file_name(Format::Markdown, &full, &opts));
    assert_eq!(media_type, Format::Markdown.media_type());
    assert_eq!(text, &render_with(Format::Markdown, &full, None, &opts));
    assert!(!text.contains("northwind.example"), "redacted");
    // With a baseline, the comparison is made here too.
    let (out, _) = run(&mut s, export(4, "html", Some(Box::new(full.clone()))));
    let Response::Exported { text, .. } = &out[0] else {
        panic!("{out:?}")
    };
    let c = compare(&full, &full);
    let b = Baseline {
        report: &full,
        comparison: &c,
    };
    assert_eq!(text, &render_with(Format::Html, &full, Some(b), &opts));
}

#[test]
fn added_files_are_analysed_first_then_stored_from_the_bytes_read() {
    let mut s = Session::new();
    let first = account("a.json", "C1", "a.example");
    run(
        &mut s,
        Request::Add {
            seq: 1,
            inputs: vec![first.clone()],
        },
    );
    // A new file, and a new version of the held one under its name.
    let again = InputFile::new(
        "a.json",
        r#"{"format": "mimecast-config-bundle", "version": 1,
            "account": {"accountCode": "C1", "accountName": "Customer C1"},
            "internalDomains": [{"domain": "a.example"}, {"domain": "a2.example"}]}"#,
    );
    let other = InputFile::new(
        "b.json",
        r#"{"internalDomains": [{"domain": "b.example"}]}"#,
    );
    let mut told = Vec::new();
    s.handle_each(
        Request::Add {
            seq: 2,
            inputs: vec![other.clone(), again.clone()],
        },
        &mut |_| {},
        &mut |r| told.push(r),
    );
    assert!(
        matches!(
            told.as_slice(),
            [Response::Analysis(_), Response::Added { .. }]
        ),
        "{told:?}"
    );
    round_trips(&told);
    // Listed as add_files lists them: the held one replaced, the new one after.
    let want = stored(&[first, other, again]);
    assert_eq!(s.files(), want.as_slice());
    let Response::Added { files, list, .. } = added(&told) else {
        unreachable!()
    };
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["b.json", "a.json"]);
    assert_eq!(list.as_ref().map(Vec::len), Some(2));
    // The analysis is of the new bytes, the same as loading the stored texts.
    let mut fresh = Session::new();
    let (out, _) = run(
        &mut fresh,
        Request::Files {
            seq: 1,
            files: refs(&want),
        },
    );
    assert_eq!(analysis(&told).report, analysis(&out).report);
    assert!(
        analysis(&told).tenant.domains.contains("a2.example"),
        "{:?}",
        analysis(&told).tenant
    );
}

#[test]
fn a_saved_assessment_is_recognised_even_with_an_escaped_key() {
    let mut saved = Assessment::new("a9", "Contoso", "Kim", "2026-11-01");
    saved.add_files(&[account("a.json", "C1", "a.example")]);
    let text = saved.to_bundle(now());
    assert!(text.contains("\"assessment\""));
    let escaped = text.replacen("\"assessment\"", "\"\\u0061ssessment\"", 1);
    for (name, text) in [("plain.json", text), ("escaped.json", escaped)] {
        let mut s = Session::new();
        let (out, _) = run(
            &mut s,
            Request::Add {
                seq: 1,
                inputs: vec![InputFile::new(name, text)],
            },
        );
        let Response::Added { offer, .. } = added(&out) else {
            unreachable!()
        };
        assert_eq!(
            offer.as_ref().map(|o| o.customer.as_str()),
            Some("Contoso"),
            "{name}"
        );
    }
    // An export that names no such key is not one (and is not parsed for it).
    let file = account("c.json", "C3", "c.example");
    assert!(!may_be_saved(&file));
    assert!(saved_assessment(&file).is_none());
}

mod explain;
