//! The one line a loaded file gets: its sections by title, shortened when
//! there are many.

use crate::{analyze, samples, InputFile, Options};

#[test]
fn a_file_with_a_few_sections_lists_their_titles() {
    let f = InputFile::new(
        "b.json",
        r#"{"format": "mimecast-config-bundle", "version": 1,
            "internalDomains": [], "antiSpoofingPolicies": []}"#,
    );
    let r = analyze(&[f], &Options::default());
    assert_eq!(
        r.inputs[0].summary(),
        "Internal domains, Anti-spoofing policies"
    );
}

#[test]
fn a_file_with_many_sections_names_two_and_counts_the_rest() {
    let r = analyze(&samples::pitfall_tenant(), &Options::default());
    let i = &r.inputs[0];
    let n = i.sections.len();
    assert!(n > 4);
    let titles = i.section_titles();
    assert_eq!(
        i.summary(),
        format!(
            "{n} sections: {}, {} and {} more",
            titles[0],
            titles[1],
            n - 2
        )
    );
    assert!(!i.summary().contains("internalDomains"), "titles, not keys");
}
