use super::*;
use crate::model::{parse_date, FromPart, Origin, PolicyOption, Validity};

fn policy(from: Target) -> Policy {
    Policy {
        id: Some("p".into()),
        description: "d".into(),
        comment: String::new(),
        option: PolicyOption::Apply,
        definition_id: None,
        from_part: FromPart::Both,
        from,
        to: Target::InternalAddresses,
        enabled: true,
        enforced: false,
        override_: false,
        bidirectional: false,
        validity: Validity::default(),
        source_ips: vec![],
        hostnames: vec![],
        spf_domains: vec![],
        origin: Origin::default(),
    }
}

fn at(s: &str) -> DateTime<Utc> {
    parse_date(s).unwrap()
}

#[test]
fn activity_reports_why_a_policy_is_inactive() {
    let mut p = policy(Target::Everyone);
    assert_eq!(activity(&p, at("2026-01-01")), Ok(()));
    p.enabled = false;
    assert_eq!(activity(&p, at("2026-01-01")), Err(Inactive::Disabled));
    p.enabled = true;
    p.validity = Validity {
        from: Some(at("2026-02-01")),
        to: Some(at("2026-03-01")),
    };
    assert_eq!(
        activity(&p, at("2026-01-01")).unwrap_err().describe(),
        "starts on 2026-02-01"
    );
    assert_eq!(
        activity(&p, at("2026-04-01")).unwrap_err().describe(),
        "expired on 2026-03-01"
    );
    assert!(is_effective(&p, at("2026-02-15")));
}

#[test]
fn domain_coverage_by_scope_type() {
    let cfg = Config::default();
    let cov = |t: Target, d: &str| covers_internal_domain(&t, d, &cfg);
    assert_eq!(cov(Target::Everyone, "example.com"), Coverage::Yes);
    assert_eq!(cov(Target::InternalAddresses, "example.com"), Coverage::Yes);
    assert_eq!(
        cov(Target::EmailDomain("example.com".into()), "example.com"),
        Coverage::Yes
    );
    assert_eq!(
        cov(
            Target::EmailDomain("example.com".into()),
            "mail.example.com"
        ),
        Coverage::Yes,
        "parent domain covers subdomain"
    );
    assert_eq!(
        cov(
            Target::EmailDomain("mail.example.com".into()),
            "example.com"
        ),
        Coverage::No,
        "subdomain does not cover parent"
    );
    assert_eq!(
        cov(Target::EmailDomain("myexample.com".into()), "example.com"),
        Coverage::No
    );
    assert_eq!(cov(Target::ExternalAddresses, "example.com"), Coverage::No);
    assert_eq!(
        cov(
            Target::IndividualEmailAddress("ceo@example.com".into()),
            "example.com"
        ),
        Coverage::No
    );
    assert!(matches!(
        cov(
            Target::ProfileGroup {
                id: "g".into(),
                name: None
            },
            "example.com"
        ),
        Coverage::Unknown(_)
    ));
}

#[test]
fn bidirectional_policies_also_cover_through_their_to_scope() {
    let mut p = policy(Target::InternalAddresses);
    p.from = Target::ExternalAddresses;
    p.to = Target::EmailDomain("example.com".into());
    let cfg = Config::default();
    assert_eq!(
        policy_covers_internal_domain(&p, "example.com", &cfg),
        Coverage::No
    );
    p.bidirectional = true;
    assert_eq!(
        policy_covers_internal_domain(&p, "example.com", &cfg),
        Coverage::Yes
    );
}

fn cfg_with(domains: &[&str], members: &[(&str, &[(&str, &str)])]) -> Config {
    use crate::model::{GroupMember, InternalDomain, Origin};
    let mut cfg = Config::default();
    for d in domains {
        cfg.internal_domains.push(InternalDomain {
            domain: d.to_string(),
            send_only: false,
            local: false,
            inbound_type: None,
            origin: Origin::default(),
        });
    }
    for (id, list) in members {
        let m = list
            .iter()
            .map(|(addr, dom)| GroupMember {
                email_address: addr.to_string(),
                domain: dom.to_string(),
                name: String::new(),
                internal: None,
                kind: None,
                notes: String::new(),
                origin: Origin::default(),
            })
            .collect();
        cfg.group_members.insert(id.to_string(), m);
    }
    cfg
}

#[test]
fn profile_groups_cover_a_domain_only_through_a_whole_domain_member() {
    let cfg = cfg_with(
        &["example.com"],
        &[
            ("g-dom", &[("", "example.com")]),
            ("g-addr", &[("ceo@example.com", "example.com")]),
            ("g-empty", &[]),
        ],
    );
    let g = |id: &str| Target::ProfileGroup {
        id: id.into(),
        name: None,
    };
    assert_eq!(
        covers_internal_domain(&g("g-dom"), "example.com", &cfg),
        Coverage::Yes
    );
    assert_eq!(
        covers_internal_domain(&g("g-dom"), "sub.example.com", &cfg),
        Coverage::Yes
    );
    assert_eq!(
        covers_internal_domain(&g("g-addr"), "example.com", &cfg),
        Coverage::No,
        "one address is not the domain"
    );
    assert_eq!(
        covers_internal_domain(&g("g-empty"), "example.com", &cfg),
        Coverage::No
    );
    assert!(matches!(
        covers_internal_domain(&g("g-unloaded"), "example.com", &cfg),
        Coverage::Unknown(_)
    ));
}

#[test]
fn profile_groups_are_found_by_name_when_the_id_is_missing() {
    use crate::model::{Group, Origin};
    let mut cfg = cfg_with(&[], &[("g1", &[("", "example.com")])]);
    cfg.groups.push(Group {
        id: "g1".into(),
        description: "VIPs".into(),
        source: None,
        user_count: None,
        last_change: None,
        origin: Origin::default(),
    });
    let t = Target::ProfileGroup {
        id: String::new(),
        name: Some("vips".into()),
    };
    assert_eq!(group_members(&cfg, &t).unwrap().len(), 1);
    assert_eq!(
        group_label(
            &cfg,
            &Target::ProfileGroup {
                id: "g1".into(),
                name: None
            }
        ),
        "VIPs"
    );
    let typed = Target::ProfileGroup {
        id: "VIPs".into(),
        name: None,
    };
    assert_eq!(
        group_members(&cfg, &typed).unwrap().len(),
        1,
        "a name typed where the id goes"
    );
}

#[test]
fn inbound_scope_by_direction() {
    let cfg = cfg_with(&["example.com"], &[]);
    let mut p = policy(Target::Everyone);
    p.to = Target::InternalAddresses;
    assert!(applies_inbound(&p, &cfg) && covers_all_inbound(&p));
    p.from = Target::ExternalAddresses;
    p.to = Target::Everyone;
    assert!(applies_inbound(&p, &cfg) && covers_all_inbound(&p));
    p.to = Target::ProfileGroup {
        id: "vip".into(),
        name: None,
    };
    assert!(
        applies_inbound(&p, &cfg) && !covers_all_inbound(&p),
        "a group of recipients is partial"
    );
    p.from = Target::InternalAddresses;
    p.to = Target::ExternalAddresses;
    assert!(!applies_inbound(&p, &cfg), "outbound only");
    p.bidirectional = true;
    assert!(
        applies_inbound(&p, &cfg) && covers_all_inbound(&p),
        "bi-directional outbound also covers inbound"
    );
    p.bidirectional = false;
    p.from = Target::EmailDomain("example.com".into());
    p.to = Target::InternalAddresses;
    assert!(
        !applies_inbound(&p, &cfg),
        "internal domain senders are not inbound"
    );
    p.from = Target::EmailDomain("partner.example".into());
    assert!(applies_inbound(&p, &cfg) && !covers_all_inbound(&p));
    p.to = Target::IndividualEmailAddress("someone@other.example".into());
    assert!(!applies_inbound(&p, &cfg));
}

#[test]
fn addresses_and_internal_domains() {
    let cfg = cfg_with(&["example.com"], &[]);
    assert_eq!(domain_of("Alice@Mail.Example.com"), "mail.example.com");
    assert_eq!(domain_of("*@example.org"), "example.org");
    assert_eq!(domain_of("@*.example.org"), "example.org");
    assert_eq!(domain_of("example.net"), "example.net");
    assert!(is_internal_domain(&cfg, "mail.example.com"));
    assert!(!is_internal_domain(&cfg, "example.com.evil.example"));
    let mut p = policy(Target::ProfileGroup {
        id: "g".into(),
        name: Some("VIP".into()),
    });
    p.bidirectional = true;
    assert_eq!(
        describe_scope(&p, &cfg),
        "from profile_group VIP to internal_addresses (bi-directional)"
    );
}

#[test]
fn the_internal_domain_index_finds_the_most_specific_domain_and_follows_changes() {
    let mut cfg = cfg_with(&["example.com", "mail.example.com"], &[]);
    assert_eq!(
        cfg.internal_domain_containing("a.mail.example.com")
            .unwrap()
            .domain,
        "mail.example.com"
    );
    assert_eq!(
        cfg.internal_domain_containing("Example.COM.")
            .unwrap()
            .domain,
        "example.com"
    );
    assert_eq!(
        cfg.internal_domain_containing("x.example.com")
            .unwrap()
            .domain,
        "example.com"
    );
    assert!(cfg
        .internal_domain_containing("example.com.evil.example")
        .is_none());
    assert!(cfg.internal_domain_containing("notexample.com").is_none());
    let mut more = cfg_with(&["example.org"], &[]);
    more.internal_domains[0].domain = "example.org".into();
    crate::input::merge(&mut cfg, more);
    assert!(
        is_internal_domain(&cfg, "www.example.org"),
        "the index is rebuilt after a merge"
    );
    cfg.remove_section(crate::model::Section::InternalDomains);
    assert!(!is_internal_domain(&cfg, "example.com"));
}

#[test]
fn the_cover_index_agrees_with_the_resolver() {
    let cfg = cfg_with(
        &["example.com", "shop.example", "x.example.org"],
        &[
            ("g-dom", &[("", "shop.example")]),
            ("g-addr", &[("a@x.example.org", "x.example.org")]),
        ],
    );
    let scopes = [
        Target::EmailDomain("example.com".into()),
        Target::EmailDomain("Mail.Example.com.".into()),
        Target::EmailDomain("example.org".into()),
        Target::ProfileGroup {
            id: "g-dom".into(),
            name: None,
        },
        Target::ProfileGroup {
            id: "g-addr".into(),
            name: None,
        },
        Target::ExternalAddresses,
        Target::IndividualEmailAddress("a@example.com".into()),
    ];
    let domains = [
        "example.com",
        "mail.example.com",
        "a.mail.example.com",
        "shop.example",
        "x.example.org",
        "other.example",
    ];
    for from in &scopes {
        for bidirectional in [false, true] {
            let mut p = policy(from.clone());
            p.to = Target::EmailDomain("x.example.org".into());
            p.bidirectional = bidirectional;
            let index = CoverIndex::build([&p], &cfg);
            for d in domains {
                let resolver = policy_covers_internal_domain(&p, d, &cfg) == Coverage::Yes;
                assert_eq!(
                    index.covering(d).is_some(),
                    resolver,
                    "{from:?} bidirectional={bidirectional} domain={d}"
                );
            }
        }
    }
    let everyone = policy(Target::InternalAddresses);
    assert!(CoverIndex::build([&everyone], &cfg)
        .covering("anything.example")
        .is_some());
}

#[test]
fn a_policy_finds_its_definition_by_id_else_by_name() {
    use crate::model::{Origin, SpamDefinition};
    let def = |id: &str, d: &str| SpamDefinition {
        id: id.into(),
        description: d.into(),
        level: None,
        spam_action: None,
        auto_allow_action: None,
        permitted_sender_action: None,
        origin: Origin::default(),
    };
    let defs = [
        def("d1", "Default"),
        def("Relaxed", "Other"),
        def("d3", "Relaxed "),
    ];
    let mut p = policy(Target::Everyone);
    p.definition_id = Some(" d1 ".into());
    assert_eq!(definition_of(&p, &defs).unwrap().id, "d1");
    p.definition_id = Some("default".into());
    assert_eq!(
        definition_of(&p, &defs).unwrap().id,
        "d1",
        "by the name the console shows"
    );
    p.definition_id = Some("Relaxed".into());
    assert_eq!(
        definition_of(&p, &defs).unwrap().id,
        "Relaxed",
        "an id wins over a name"
    );
    p.definition_id = None;
    assert!(definition_of(&p, &defs).is_none());
}

#[test]
fn group_records_are_found_by_id_or_name() {
    use crate::model::{Group, Origin};
    let mut cfg = Config::default();
    cfg.groups.push(Group {
        id: "g1".into(),
        description: "VIPs".into(),
        source: None,
        user_count: None,
        last_change: None,
        origin: Origin::default(),
    });
    let found = |id: &str, name: Option<&str>| {
        group_record(
            &cfg,
            &Target::ProfileGroup {
                id: id.into(),
                name: name.map(str::to_string),
            },
        )
        .map(|g| g.id.clone())
    };
    assert_eq!(found("g1", None).as_deref(), Some("g1"));
    assert_eq!(found("", Some("vips")).as_deref(), Some("g1"));
    assert_eq!(found("VIPs", None).as_deref(), Some("g1"));
    assert_eq!(found("g2", Some("Finance")), None);
}
