//! Unit tests of the redactor: tokens, keep rules, the Public Suffix List,
//! IDN, and names learned by where they came from.

use super::*;

/// A redactor that learned `texts` as free text of a report.
fn learned(texts: &[&str]) -> Redactor {
    let mut r = Redactor::new();
    for t in texts {
        r.learn_field(Field::Text, t);
    }
    r.finish();
    r
}

#[test]
fn keeps_providers_and_broad_ranges() {
    assert!(
        kept_domain("spf.protection.outlook.com")
            && kept_domain("GMAIL.com.")
            && kept_domain("eu-api.mimecast.com")
    );
    assert!(!kept_domain("northwind.onmicrosoft.com") && !kept_domain("northwind.example"));
    assert!(
        kept_range(&"40.107.0.0/16".parse().unwrap()) && kept_range(&"0.0.0.0/0".parse().unwrap())
    );
    assert!(!kept_range(&"198.51.100.0/24".parse().unwrap()));
}

#[test]
fn tokens_are_consistent_and_keep_relations() {
    let mut r = learned(&["bulk.northwind.example", "northwind.example"]);
    assert_eq!(r.text("bulk.northwind.example"), "sub-1.domain-1.example");
    assert_eq!(
        r.text("Northwind.Example and _dmarc.northwind.example"),
        "domain-1.example and _dmarc.domain-1.example"
    );
    assert_eq!(
        r.text("a@northwind.example, A@Northwind.example, b@gmail.com"),
        "user-1@domain-1.example, user-1@domain-1.example, user-2@gmail.com"
    );
    assert_eq!(r.text("northwind.onmicrosoft.com"), "sub-2.onmicrosoft.com");
    assert_eq!(
        r.text("10.1.2.0/24 10.1.2.0 2001:db8:1::/48 40.107.0.0/16"),
        "192.0.2.1/24 192.0.2.1 2001:db8::1/48 40.107.0.0/16"
    );
    assert_eq!(ipv4_token(255), Ipv4Addr::new(198, 51, 100, 1));
    assert_eq!(ipv4_token(3 * 254 + 1), Ipv4Addr::new(198, 18, 0, 1));
}

#[test]
fn tokens_never_equal_an_original() {
    let mut r = Redactor::new();
    r.learn_field(
        Field::Text,
        "domain-1.example other.example 192.0.2.1 10.0.0.1",
    );
    r.learn("Group 1", Learned::Name(Kind::Value, 9));
    r.learn("Finance", Learned::Name(Kind::Group, 7));
    r.finish();
    assert_eq!(r.text("other.example"), "domain-2.example");
    assert_eq!(r.text("10.0.0.1"), "192.0.2.2");
    assert_eq!(r.text("Finance"), "Group 2");
}

#[test]
fn any_ending_is_a_domain_and_an_idn_is_one_domain_in_both_forms() {
    let mut r = learned(&[
        "northwind.shop acme.group first.bank ads.agency it.solutions fabrikam.ltd \
         outlet.store kiez.berlin health.pharmacy",
        "münchen-filiale.de",
    ]);
    let out = r.text(
        "northwind.shop acme.group first.bank ads.agency it.solutions fabrikam.ltd \
         outlet.store kiez.berlin health.pharmacy",
    );
    assert_eq!(
        out,
        "domain-1.example domain-2.example domain-3.example domain-4.example \
         domain-5.example domain-6.example domain-7.example domain-8.example domain-9.example"
    );
    let unicode = r.text("münchen-filiale.de");
    assert_eq!(unicode, r.text("XN--MNCHEN-FILIALE-GSB.DE"));
    assert_eq!(
        r.text("jörg@münchen-filiale.de"),
        format!("user-1@{unicode}")
    );
}

#[test]
fn the_tenant_name_word_comes_from_the_registrable_domain() {
    // `co.uk` is a public suffix: the word is `northwind`, not `co`.
    let r = learned(&[
        "northwind.co.uk",
        "mail.northwind.co.uk northwind-shop.co.uk",
    ]);
    assert_eq!(r.brand_words(), ["northwind"]);
    let mut r = learned(&["northwind.co.uk northwind.shop vendor.example"]);
    assert_eq!(
        r.text("Google Workspace - Northwind Labs; NorthwindX stays"),
        "Google Workspace - Customer Labs; NorthwindX stays"
    );
    let r = learned(&["münchen-filiale.de münchen.berlin"]);
    assert_eq!(r.brand_words(), ["münchen"]);
    // A public suffix is never a parent domain.
    let mut r = learned(&["co.uk northwind.co.uk"]);
    assert_eq!(r.text("northwind.co.uk"), "domain-1.example");
}

#[test]
fn learned_names_are_replaced_whole_and_by_kind() {
    let mut r = Redactor::new();
    r.names
        .insert("VIP - Executives", Learned::Name(Kind::Group, 1));
    r.names.insert("eNo1jrGRP0001", Learned::Id(Kind::Group, 1));
    r.names
        .insert("Trusted Senders", Learned::Name(Kind::Group, 2));
    r.names
        .insert("Bypass Managed & Trusted Senders", Learned::Keep);
    r.names.insert("data", Learned::Name(Kind::Group, 3));
    r.finish();
    assert_eq!(
        r.text("VIP group vip - executives (eNo1jrGRP0001) and Trusted Senders"),
        "VIP group Group 1 (group-1) and Group 2"
    );
    assert_eq!(
        r.text("has Bypass Managed & Trusted Senders on"),
        "has Bypass Managed & Trusted Senders on",
        "the tool's own phrase stays"
    );
    // In paths only ids (and files, addresses, known domains) are replaced:
    // the other parts are the input's keys.
    assert_eq!(
        r.field(Field::Path, "groupMembers.eNo1jrGRP0001.data[0]"),
        "groupMembers.group-1.data[0]"
    );
}

#[test]
fn quoted_text_and_ids_of_objects_are_learned_from_the_report() {
    let mut r = Redactor::new();
    r.learn_field(
        Field::Text,
        "Sync & Recover task \u{201c}Kiel mailboxes\u{201d} (state \u{201c}Needs Attention\u{201d})",
    );
    r.kept.insert("needs attention".into());
    r.learn_field(Field::Key, "SRC002:Kiel mailboxes");
    r.learn_field(Field::Key, "ASP004:eNo1jrASP0005");
    r.learn_field(
        Field::Input,
        "data[0].option: unknown value \"quarantine_all\" kept",
    );
    r.learn_field(
        Field::Input,
        "sourceIPs[0]: expected a CIDR range, found \"office printer\"",
    );
    r.finish();
    assert_eq!(
        r.field(Field::Key, "SRC002:Kiel mailboxes"),
        "SRC002:Value 1"
    );
    assert_eq!(
        r.field(Field::Key, "ASP004:eNo1jrASP0005"),
        "ASP004:value-2"
    );
    assert_eq!(
        r.field(
            Field::Input,
            "unknown value \"quarantine_all\", found \"office printer\""
        ),
        "unknown value \"quarantine_all\", found \"Value 3\""
    );
}
