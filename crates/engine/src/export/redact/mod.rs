//! Redaction: a copy of a report (and of its comparison with a baseline)
//! that can be shared without naming the tenant.
//!
//! # Where tenant data comes from
//!
//! A value is hidden because of where it came from, not because of what it
//! looks like. Before rewriting anything, the [`Redactor`] learns:
//!
//! 1. every string of the tenant's loaded data that a report may quote
//!    ([`Report::tenant`], gathered from the model when first asked
//!    for): policy descriptions, comments and ids; definition, group,
//!    connector, directory, task, monitor and incident names, codes and ids;
//!    members' and audit users' names; phone numbers; scope attributes and
//!    display names; the `account` block; acceptance reasons and owners;
//!    file names; every domain, address and IP range (internal domains,
//!    senders, host names, SPF domains, DNS records);
//! 2. the report's own fields that carry tenant data: input names, evidence
//!    files and coverage sources (file names), acceptance reasons and
//!    owners, and any text a message or evidence value puts in quotes
//!    (“…”; in input errors, warnings and notes also "…" and `` `…` ``) —
//!    so that a report read back from JSON, without the loaded data, is
//!    still covered;
//! 3. the cover's customer and assessor names ([`super::prepare`]).
//!
//! The attack-path section is walked last (`attack_paths.rs`): its
//! domains, VIP name, permitted domain, managed-sender entry, messages,
//! explainer texts and policy references are rewritten like the rest.
//!
//! Then every string field of the report (and of the comparison) is
//! rewritten in one pass that finds, at each position, the longest of: a
//! learned name (whole words, case-insensitively; see `names.rs`), an email
//! address, an IP address or range, a host name (see `scan.rs`). Learned
//! names are matched in every free-text field, so a description quoted
//! inside a message, an evidence value or an object is replaced wherever it
//! appears, whatever it contains. Values of closed lists (states, statuses,
//! providers, options) are learned as kept and never become names.
//!
//! # Tokens
//!
//! The same value gives the same token everywhere in one export (the report
//! and its comparison share one redactor); numbers follow the order of
//! first appearance (inputs, results, coverage, then the comparison):
//!
//! - names → their kind and a number: "Anti-spoofing policy 3", "Group 2",
//!   "Connector 1", "Task 1", "Incident 1", "Person 4", "Reason 1"; ids →
//!   the same in lowercase with dashes (`anti-spoofing-policy-3`): a
//!   record's name and id share the number;
//! - domains → `domain-1.example` …; a subdomain of another domain of the
//!   report keeps that relation (`sub-1.domain-1.example`; leading
//!   protocol labels such as `_dmarc` stay). A domain is any syntactically
//!   valid host name (letters of any script, digits, `-`, `_`; a last label
//!   of two letters or more, or `xn--…`), with no list of endings; an IDN
//!   and its `xn--` form are one domain;
//! - email addresses → `user-1@<the domain's token>` (the local part is
//!   always replaced, even at a kept domain: `user-2@gmail.com`);
//! - IP addresses and ranges → documentation addresses `192.0.2.1` …
//!   (then `198.51.100.x`, `203.0.113.x`, `198.18.x.x`), `2001:db8::1` …;
//!   a prefix length stays;
//! - file names → `file-1.json` … (extension kept);
//! - the customer and assessor names → "Customer", "Assessor";
//! - in free text, the tenant's name word → "Customer": the first part of
//!   the label left of the public suffix (`northwind` of
//!   `northwind-shop.co.uk`, found with the Public Suffix List embedded
//!   in `dns_records/suffixes.rs`) when two or more redacted domains share it, else the
//!   most frequent one (see [`Redactor::brand_words`]).
//!
//! Kept, because they name no one: rule codes, names and texts; section
//! keys and the JSON keys of paths; option and other closed-list values;
//! dates, counts, scores; the well-known domains of [`crate::providers`]
//! (shared providers' SPF domains, free-mail and bulk-mail domains, matched
//! exactly) and anything under `mimecast.com`; IP ranges that overlap a
//! shared provider's published range, and ranges too broad to point at
//! anyone (IPv4 `/8` or shorter, IPv6 `/16` or shorter, `0.0.0.0`, `::`,
//! loopback); prefix lengths.
//!
//! Limits: a learned name shorter than three letters or digits is not
//! matched in text (it would replace ordinary words); in JSON paths only
//! ids, file names, addresses and domains seen elsewhere are replaced (the
//! other parts are the input's keys).
//!
//! This file holds [`Redactor`] and the keep rules ([`kept_domain`],
//! [`kept_range`]); `scan.rs` the text scanners; `names.rs` the matcher of
//! learned names.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::IpNet;

use crate::compare::{Comparison, FindingChange};
use crate::model::Acceptance;
use crate::providers;
use crate::report::tenant::{Kind, Role};
use crate::report::Report;

mod attack_paths;
mod names;
mod scan;

use names::Names;
use scan::{
    domain_key, find_domains, find_emails, find_ips, find_quoted, is_host, unit_key, units,
};

/// A redacted copy of `report`.
pub fn redact(report: &Report) -> Report {
    Redactor::for_report(report).report(report)
}

/// Which kind of field a string is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Free text: messages, objects, evidence values.
    Text,
    /// An input's error, warning or note (also quotes values in "…").
    Input,
    /// A JSON path in an input file.
    Path,
    /// A file name (or several, comma-separated).
    File,
    /// A finding key `CODE:object`.
    Key,
    /// The reason of an acceptance (replaced whole).
    Reason,
    /// The owner of an acceptance or an assignment (replaced whole).
    Owner,
}

/// Visits every string of a report that may name the tenant, in JSON order.
fn walk_report(r: &mut Report, f: &mut impl FnMut(Field, &mut String)) {
    for i in &mut r.inputs {
        f(Field::File, &mut i.name);
        if let Some(e) = &mut i.error {
            f(Field::Input, e);
        }
        if let Some(p) = i.error_location.as_mut().and_then(|l| l.path.as_mut()) {
            f(Field::Path, p);
        }
        for w in i.warnings.iter_mut().chain(&mut i.notes) {
            f(Field::Input, w);
        }
        for s in i.other_tenant.iter_mut().chain(&mut i.looks_like) {
            f(Field::Input, s);
        }
    }
    for res in &mut r.results {
        for m in &mut res.missing_sections {
            if let Some(reason) = &mut m.reason {
                f(Field::Input, reason);
            }
        }
        for x in &mut res.findings {
            f(Field::Text, &mut x.message);
            f(Field::Text, &mut x.object);
            for e in &mut x.evidence {
                f(Field::File, &mut e.file);
                f(Field::Path, &mut e.path);
                f(Field::Text, &mut e.value);
            }
            f(Field::Key, &mut x.key);
            if let Some(a) = &mut x.acceptance {
                walk_acceptance(a, f);
            }
            if let Some(a) = &mut x.assignment {
                f(Field::Key, &mut a.finding);
                f(Field::Owner, &mut a.owner);
            }
        }
    }
    for c in &mut r.coverage {
        for s in &mut c.sources {
            f(Field::File, s);
        }
    }
    for m in &mut r.key_migrations {
        f(Field::Key, &mut m.from);
        f(Field::Key, &mut m.to);
    }
    // Last, so the other files keep the tokens they had before provenance;
    // the hashes stay: they prove which data was read without naming it.
    for s in &mut r.provenance.files {
        f(Field::File, &mut s.name);
    }
    // After everything else, so the tokens the rest of the report had
    // before the attack paths existed stay the same.
    attack_paths::walk(&mut r.attack_paths, f);
}

fn walk_acceptance(a: &mut Acceptance, f: &mut impl FnMut(Field, &mut String)) {
    f(Field::Key, &mut a.finding);
    f(Field::Reason, &mut a.reason);
    f(Field::Owner, &mut a.owner);
}

/// Visits every string of a comparison that may name the tenant.
fn walk_comparison(c: &mut Comparison, f: &mut impl FnMut(Field, &mut String)) {
    let lists: [&mut Vec<FindingChange>; 5] = [
        &mut c.findings.new,
        &mut c.findings.fixed,
        &mut c.findings.unchanged,
        &mut c.findings.accepted,
        &mut c.findings.unknown,
    ];
    for list in lists {
        for x in list {
            f(Field::Key, &mut x.key);
            f(Field::Text, &mut x.object);
            f(Field::Text, &mut x.message);
            if let Some(a) = &mut x.acceptance {
                walk_acceptance(a, f);
            }
        }
    }
}

/// What a learned string is replaced by.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Learned {
    /// "Group 2".
    Name(Kind, usize),
    /// `group-2`.
    Id(Kind, usize),
    /// `file-1.json`.
    File,
    /// A fixed word ("Customer").
    Fixed(&'static str),
    /// The tool's own words (a section's title, a console label of a
    /// rule's fix), kept: a name inside them is not the tenant's there.
    Keep,
}

/// One match in a string.
#[derive(Debug, Clone)]
enum Hit {
    Learned(Learned),
    Email,
    Ip,
    Domain,
}

/// The replacement tables of one export. Learn everything first
/// ([`Redactor::learn_report`], [`Redactor::learn_comparison`],
/// [`Redactor::learn_name`], or [`Redactor::for_report`] for a report
/// alone), so that tokens do not depend on the order of fields; then
/// rewrite with [`Redactor::report`], [`Redactor::comparison`] and
/// [`Redactor::text`], which share the tokens. Learning after rewriting has
/// begun panics: a token handed out must never change.
#[derive(Debug)]
pub struct Redactor {
    collecting: bool,
    /// Learned names, ids, file names.
    names: Names<Learned>,
    /// Closed-list values (lowercase), never learned as names.
    kept: HashSet<String>,
    /// Every domain seen (its key → its first spelling, lowercase).
    seen_domains: BTreeMap<String, String>,
    /// Every original value (lowercase), which no token may equal.
    originals: HashSet<String>,
    /// Records learned so far (names learned from the report get new ones
    /// after those of the loaded data).
    records: usize,
    brand: HashSet<String>,
    numbers: HashMap<(Kind, usize), usize>,
    counts: HashMap<Kind, usize>,
    domains: HashMap<String, String>,
    emails: HashMap<String, String>,
    ips: HashMap<String, String>,
    files: HashMap<String, String>,
    n_file: usize,
    n_domain: usize,
    n_sub: usize,
    n_user: usize,
    n_ip4: u32,
    n_ip6: u32,
}

impl Default for Redactor {
    fn default() -> Self {
        Redactor {
            collecting: true,
            names: Names::default(),
            kept: HashSet::new(),
            seen_domains: BTreeMap::new(),
            originals: HashSet::new(),
            records: 0,
            brand: HashSet::new(),
            numbers: HashMap::new(),
            counts: HashMap::new(),
            domains: HashMap::new(),
            emails: HashMap::new(),
            ips: HashMap::new(),
            files: HashMap::new(),
            n_file: 0,
            n_domain: 0,
            n_sub: 0,
            n_user: 0,
            n_ip4: 0,
            n_ip6: 0,
        }
    }
}

/// Words that are never the tenant's name word (those of the tokens).
const TOKEN_WORDS: &[&str] = &["domain", "user", "file", "customer", "example", "redacted"];

impl Redactor {
    /// A redactor that has learned nothing yet.
    pub fn new() -> Redactor {
        Redactor::default()
    }

    /// A redactor that has learned `report` and is ready to rewrite.
    pub fn for_report(report: &Report) -> Redactor {
        let mut r = Redactor::new();
        r.learn_report(report);
        r.finish();
        r
    }

    /// Learns the tenant data of `report` (its loaded data, then its
    /// fields).
    pub fn learn_report(&mut self, report: &Report) {
        self.start();
        let base = self.records;
        // Numbers of the data's records first, then of names learned here.
        for t in report.tenant.strings() {
            if let Role::Name { record, .. } | Role::Id { record, .. } = t.role {
                self.records = self.records.max(base + record);
            }
        }
        for t in report.tenant.strings() {
            match t.role {
                Role::File => self.learn_file(&t.text),
                Role::Net => self.learn_net(&t.text),
                Role::Kept => {
                    self.kept.insert(t.text.to_lowercase());
                }
                Role::Name { kind, record } => {
                    self.learn(&t.text, Learned::Name(kind, base + record));
                }
                Role::Id { kind, record } => {
                    self.learn(&t.text, Learned::Id(kind, base + record));
                }
            }
        }
        // The tool's own phrases, after the tenant's names (which win
        // when equal): a group named "Permitted Senders" is not replaced
        // inside "Bypass Managed & Permitted Senders".
        for s in crate::model::Section::ALL {
            self.names.insert(s.title(), Learned::Keep);
        }
        for res in &report.results {
            for block in crate::doc::blocks(&res.fix) {
                let spans = match block {
                    crate::doc::Block::Paragraph(i) => i,
                    crate::doc::Block::List(items) => items.into_iter().flatten().collect(),
                };
                for span in spans {
                    if let crate::doc::Inline::Em(t) | crate::doc::Inline::Strong(t) = span {
                        self.names.insert(&t, Learned::Keep);
                    }
                }
            }
        }
        let mut copy = report.clone();
        walk_report(&mut copy, &mut |field, s| self.learn_field(field, s));
    }

    /// Learns the fields of a comparison (findings only in the baseline are
    /// there).
    pub fn learn_comparison(&mut self, c: &Comparison) {
        self.start();
        let mut copy = c.clone();
        walk_comparison(&mut copy, &mut |field, s| self.learn_field(field, s));
    }

    /// Learns a name given outside the data (the cover's customer), to be
    /// replaced by `by` wherever it appears.
    pub fn learn_name(&mut self, name: &str, by: &'static str) {
        self.start();
        if !name.trim().is_empty() {
            self.originals.insert(name.trim().to_lowercase());
            // The name and its shorter forms ("Northwind Traders" of
            // "Northwind Traders Holding GmbH"); one word alone is left to
            // the tenant's name words.
            let words: Vec<&str> = name.split_whitespace().collect();
            for n in (2..words.len()).rev() {
                self.names.insert(&words[..n].join(" "), Learned::Fixed(by));
            }
            self.names.insert(name, Learned::Fixed(by));
        }
    }

    /// The redacted copy of `report`.
    pub fn report(&mut self, report: &Report) -> Report {
        self.finish();
        let mut copy = report.clone();
        walk_report(&mut copy, &mut |field, s| *s = self.field(field, s));
        copy.tenant = Default::default();
        copy
    }

    /// The redacted copy of a comparison, with the same tokens as the
    /// report.
    pub fn comparison(&mut self, c: &Comparison) -> Comparison {
        self.finish();
        let mut copy = c.clone();
        walk_comparison(&mut copy, &mut |field, s| *s = self.field(field, s));
        copy
    }

    /// Free text (a title) redacted with the same tokens as the report.
    pub fn text(&mut self, s: &str) -> String {
        self.finish();
        self.field(Field::Text, s)
    }

    /// The tenant's name words: the first part of the label left of the
    /// public suffix (`northwind` in `northwind-shop.co.uk`), at least four
    /// letters long, kept when two or more redacted domains share it (a
    /// third party's domain rarely does); when none is shared, the most
    /// frequent one. Longest first.
    pub fn brand_words(&self) -> Vec<String> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for (key, spelling) in &self.seen_domains {
            if kept_domain(key) {
                continue;
            }
            let Some(registrable) = crate::dns_records::registrable_domain(key) else {
                continue;
            };
            // The same label in the domain as written (an IDN's Unicode
            // form when it was written so).
            let index = key.split('.').count() - registrable.split('.').count();
            let label = spelling
                .trim_end_matches('.')
                .split('.')
                .nth(index)
                .unwrap_or_default();
            let word = label.split('-').next().unwrap_or(label);
            if word.chars().count() >= 4
                && word.chars().all(char::is_alphanumeric)
                && !word.starts_with("xn")
                && !TOKEN_WORDS.contains(&word)
            {
                *counts.entry(word.to_string()).or_default() += 1;
            }
        }
        let mut v: Vec<String> = counts
            .iter()
            .filter(|(_, n)| **n >= 2)
            .map(|(w, _)| w.clone())
            .collect();
        if v.is_empty() {
            v.extend(
                counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(w, _)| w.clone()),
            );
        }
        v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        v
    }

    fn start(&mut self) {
        assert!(
            self.collecting,
            "a redactor learns everything before it rewrites"
        );
    }

    /// Ends learning: from here on, tokens are handed out.
    fn finish(&mut self) {
        if self.collecting {
            self.collecting = false;
            self.brand = self.brand_words().into_iter().collect();
        }
    }

    fn next_record(&mut self) -> usize {
        self.records += 1;
        self.records
    }

    /// Learns a name or id of the data (an address or domain as such).
    fn learn(&mut self, text: &str, what: Learned) {
        let t = text.trim();
        if t.is_empty() {
            return;
        }
        if whole_net(t) {
            self.learn_net(t);
            return;
        }
        self.originals.insert(t.to_lowercase());
        if t.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
            self.names.insert(t, what);
        }
    }

    fn learn_file(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        self.originals.insert(name.to_lowercase());
        self.names.insert(name, Learned::File);
        // Its last part alone (a zip's entry, a folder's file).
        if let Some(last) = name.rsplit(['/', '\\']).next().filter(|l| *l != name) {
            self.learn_file(last);
        }
    }

    /// Learns the domains, addresses and IPs in `s`; a value that holds
    /// none is learned as a name.
    fn learn_net(&mut self, s: &str) {
        let mut found = false;
        for (a, b) in find_emails(s) {
            found = true;
            let m = &s[a..b];
            self.originals.insert(m.to_lowercase());
            if let Some((local, domain)) = m.rsplit_once('@') {
                self.originals.insert(local.to_lowercase());
                self.see_domain(domain);
            }
        }
        for (a, b) in find_ips(s) {
            found = true;
            if let Some(net) = parse_ip(&s[a..b]) {
                self.originals.insert(net.addr().to_string());
            }
        }
        for (a, b) in find_domains(s, false, &|_| true) {
            found = true;
            self.see_domain(&s[a..b]);
        }
        if !found && !self.kept.contains(&s.trim().to_lowercase()) {
            let r = self.next_record();
            self.learn(s, Learned::Name(Kind::Value, r));
        }
    }

    fn see_domain(&mut self, d: &str) {
        let key = domain_key(d);
        self.originals.insert(key.clone());
        self.originals
            .insert(d.trim_end_matches('.').to_lowercase());
        self.seen_domains
            .entry(key)
            .or_insert_with(|| d.trim_end_matches('.').to_lowercase());
    }

    /// Learns text in quotes that is not a closed-list value.
    fn learn_quoted(&mut self, s: &str, spans: Vec<(usize, usize)>, identifiers: bool) {
        for (a, b) in spans {
            let q = s[a..b].trim();
            let option = q
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                || identifiers
                    && q.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && q.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if option || self.kept.contains(&q.to_lowercase()) || self.names.get(q).is_some() {
                continue;
            }
            self.learn_net(q);
            if !whole_net(q) && self.names.get(q).is_none() {
                let r = self.next_record();
                self.learn(q, Learned::Name(Kind::Value, r));
            }
        }
    }

    fn learn_field(&mut self, field: Field, s: &str) {
        match field {
            Field::File => {
                self.learn_file(s);
                for part in s.split(", ") {
                    self.learn_file(part);
                }
            }
            Field::Path => {}
            Field::Reason | Field::Owner => {
                let kind = if field == Field::Reason {
                    Kind::Reason
                } else {
                    Kind::Owner
                };
                if self.names.get(s).is_none() {
                    let r = self.next_record();
                    self.learn(s, Learned::Name(kind, r));
                }
            }
            Field::Key => {
                // An object is ids, domains, addresses and ranges joined by
                // `#`, `+` or `:` (or a section key, or a platform's name).
                let (_, object) = split_key(s);
                for part in object.split(['#', '+', ':']) {
                    if whole_net(part) {
                        self.learn_net(part);
                    } else if looks_like_id(part) && self.names.get(part).is_none() {
                        let r = self.next_record();
                        self.learn(part, Learned::Id(Kind::Value, r));
                    }
                }
            }
            Field::Text | Field::Input => {
                self.learn_quoted(s, find_quoted(s, '\u{201c}', '\u{201d}'), false);
                if field == Field::Input {
                    self.learn_quoted(s, find_quoted(s, '"', '"'), true);
                    self.learn_quoted(s, find_quoted(s, '`', '`'), true);
                }
                // Domains, addresses and IPs in text; a text with none is
                // not a name for that.
                for (a, b) in find_emails(s) {
                    self.learn_net(&s[a..b]);
                }
                for (a, b) in find_ips(s) {
                    self.learn_net(&s[a..b]);
                }
                for (a, b) in find_domains(s, false, &|_| true) {
                    self.see_domain(&s[a..b]);
                }
            }
        }
    }

    fn field(&mut self, field: Field, s: &str) -> String {
        match field {
            Field::File => {
                if self.names.get(s).is_some() || !s.contains(", ") {
                    self.file(s)
                } else {
                    s.split(", ")
                        .map(|p| self.file(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            }
            Field::Reason | Field::Owner => match self.names.get(s).cloned() {
                Some(l) => self.learned(l, s),
                None => self.rewrite(s, false),
            },
            Field::Key => {
                let (code, object) = split_key(s);
                format!("{code}{}", self.rewrite(object, false))
            }
            Field::Path => self.rewrite(s, true),
            Field::Text | Field::Input => self.rewrite(s, false),
        }
    }

    /// Replaces every learned name, address, IP and domain in `s`, the
    /// longest match first; in free text also the tenant's name words.
    fn rewrite(&mut self, s: &str, path: bool) -> String {
        let mut hits: Vec<(usize, usize, u8, Hit)> = Vec::new();
        for (a, b, l) in self.names.find(s) {
            if !path || matches!(l, Learned::Id(..) | Learned::File) {
                hits.push((a, b, 0, Hit::Learned(l)));
            }
        }
        for (a, b) in find_emails(s) {
            hits.push((a, b, 1, Hit::Email));
        }
        for (a, b) in find_ips(s) {
            hits.push((a, b, 1, Hit::Ip));
        }
        let seen = &self.seen_domains;
        for (a, b) in find_domains(s, path, &|d| !path || seen.contains_key(&domain_key(d))) {
            hits.push((a, b, 2, Hit::Domain));
        }
        hits.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)).then(x.2.cmp(&y.2)));
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for (a, b, _, hit) in hits {
            if a < at {
                continue;
            }
            out.push_str(&self.plain(&s[at..a], path));
            let m = &s[a..b];
            let token = match hit {
                Hit::Learned(l) => self.learned(l, m),
                Hit::Email => {
                    let (local, domain) = m.rsplit_once('@').expect("an email has an @");
                    self.email(local, domain)
                }
                Hit::Ip => self.ip(m),
                Hit::Domain => self.domain(m),
            };
            out.push_str(&token);
            at = b;
        }
        out.push_str(&self.plain(&s[at..], path));
        out
    }

    /// Text between matches: the tenant's name words become "Customer"
    /// (not in paths).
    fn plain(&self, s: &str, path: bool) -> String {
        if path || self.brand.is_empty() {
            return s.to_string();
        }
        units(s)
            .into_iter()
            .map(|(a, b)| {
                if self.brand.contains(&unit_key(&s[a..b])) {
                    "Customer"
                } else {
                    &s[a..b]
                }
            })
            .collect()
    }

    fn learned(&mut self, l: Learned, m: &str) -> String {
        match l {
            Learned::Name(kind, record) => {
                format!("{} {}", kind.label(), self.number(kind, record))
            }
            Learned::Id(kind, record) => {
                format!("{}-{}", slug(kind), self.number(kind, record))
            }
            Learned::File => self.file(m),
            Learned::Fixed(t) => t.to_string(),
            Learned::Keep => m.to_string(),
        }
    }

    /// The number of a record among those of its kind (from 1, in order
    /// of first use, never giving a token that equals an original).
    fn number(&mut self, kind: Kind, record: usize) -> usize {
        if let Some(&n) = self.numbers.get(&(kind, record)) {
            return n;
        }
        let n = loop {
            let c = self.counts.entry(kind).or_default();
            *c += 1;
            let n = *c;
            let name = format!("{} {n}", kind.label()).to_lowercase();
            let id = format!("{}-{n}", slug(kind));
            if !self.originals.contains(&name) && !self.originals.contains(&id) {
                break n;
            }
        };
        self.numbers.insert((kind, record), n);
        n
    }

    fn file(&mut self, name: &str) -> String {
        let key = name.trim().to_lowercase();
        if let Some(t) = self.files.get(&key) {
            return t.clone();
        }
        let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
        let ext = last
            .rsplit_once('.')
            .map(|(_, e)| e)
            .filter(|e| {
                !e.is_empty() && e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric())
            })
            .map(|e| format!(".{}", e.to_ascii_lowercase()))
            .unwrap_or_default();
        let token = loop {
            self.n_file += 1;
            let t = format!("file-{}{ext}", self.n_file);
            if !self.originals.contains(&t) {
                break t;
            }
        };
        self.files.insert(key, token.clone());
        token
    }

    fn email(&mut self, local: &str, domain: &str) -> String {
        let key = format!("{}@{}", local.to_lowercase(), domain_key(domain));
        if let Some(t) = self.emails.get(&key) {
            return t.clone();
        }
        let d = self.domain(domain);
        let token = loop {
            self.n_user += 1;
            let t = format!("user-{}@{d}", self.n_user);
            if !self.originals.contains(&t) {
                break t;
            }
        };
        self.emails.insert(key, token.clone());
        token
    }

    fn domain(&mut self, d: &str) -> String {
        let key = domain_key(d);
        if kept_domain(&key) {
            return d.to_string();
        }
        if let Some(t) = self.domains.get(&key) {
            return t.clone();
        }
        let labels: Vec<&str> = key.split('.').collect();
        // The longest proper suffix (two labels or more, not a public
        // suffix) that is kept or was seen: this domain is written as a
        // subdomain of it.
        let parent = (1..labels.len().saturating_sub(1)).find(|&i| {
            let suffix = labels[i..].join(".");
            (kept_domain(&suffix) || self.seen_domains.contains_key(&suffix))
                && !crate::dns_records::is_public_suffix(&suffix)
        });
        let token = match parent {
            Some(i) => {
                let parent = self.domain(&labels[i..].join("."));
                let prefix = &labels[..i];
                if prefix.iter().all(|l| l.starts_with('_')) {
                    format!("{}.{parent}", prefix.join("."))
                } else {
                    loop {
                        self.n_sub += 1;
                        let t = format!("sub-{}.{parent}", self.n_sub);
                        if !self.originals.contains(&t) {
                            break t;
                        }
                    }
                }
            }
            None => loop {
                self.n_domain += 1;
                let t = format!("domain-{}.example", self.n_domain);
                if !self.originals.contains(&t) {
                    break t;
                }
            },
        };
        self.domains.insert(key, token.clone());
        token
    }

    fn ip(&mut self, m: &str) -> String {
        let Some(net) = parse_ip(m) else {
            return m.to_string();
        };
        if kept_range(&net) {
            return m.to_string();
        }
        let key = net.addr().to_string();
        let token = match self.ips.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = loop {
                    let t = match net {
                        IpNet::V4(_) => {
                            self.n_ip4 += 1;
                            ipv4_token(self.n_ip4).to_string()
                        }
                        IpNet::V6(_) => {
                            self.n_ip6 += 1;
                            Ipv6Addr::new(
                                0x2001,
                                0xdb8,
                                0,
                                0,
                                0,
                                0,
                                (self.n_ip6 >> 16) as u16,
                                self.n_ip6 as u16,
                            )
                            .to_string()
                        }
                    };
                    if !self.originals.contains(&t) {
                        break t;
                    }
                };
                self.ips.insert(key, t.clone());
                t
            }
        };
        match m.split_once('/') {
            Some((_, p)) => format!("{token}/{p}"),
            None => token,
        }
    }
}

/// `group` from "Group", `anti-spoofing-policy` from "Anti-spoofing policy".
fn slug(kind: Kind) -> String {
    kind.label().to_lowercase().replace(' ', "-")
}

/// `("ASP001:", "object")`; a key without a code prefix is all object.
fn split_key(s: &str) -> (&str, &str) {
    match s.split_once(':') {
        Some((code, _))
            if !code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'@') =>
        {
            s.split_at(code.len() + 1)
        }
        _ => ("", s),
    }
}

/// A single word with a digit, `-` or `_` (a record's id), that is not a
/// section key.
fn looks_like_id(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(char::is_whitespace)
        && s.contains(|c: char| c.is_ascii_digit() || c == '-' || c == '_')
        && crate::model::Section::from_key(s).is_none()
}

/// Whether all of `s` is one domain, email address or IP range.
fn whole_net(s: &str) -> bool {
    let s = s.trim();
    is_host(s) || find_emails(s) == [(0, s.len())] || find_ips(s) == [(0, s.len())]
}

/// An address or range as found by the scanner.
fn parse_ip(m: &str) -> Option<IpNet> {
    match m.split_once('/') {
        Some(_) => m.parse().ok(),
        None => m.parse::<std::net::IpAddr>().ok().map(IpNet::from),
    }
}

/// The n-th (from 1) IPv4 documentation address.
fn ipv4_token(n: u32) -> Ipv4Addr {
    let n = n - 1;
    match n / 254 {
        0 => Ipv4Addr::new(192, 0, 2, (n % 254 + 1) as u8),
        1 => Ipv4Addr::new(198, 51, 100, (n % 254 + 1) as u8),
        2 => Ipv4Addr::new(203, 0, 113, (n % 254 + 1) as u8),
        _ => {
            // 198.18.0.0/15 (benchmarking), skipping .0 and .255.
            let k = n - 3 * 254;
            let host = k % 254 + 1;
            let net = k / 254;
            Ipv4Addr::new(
                198,
                18 + (net / 256 % 2) as u8,
                (net % 256) as u8,
                host as u8,
            )
        }
    }
}

/// Well-known domains that are kept as they are (exact match), and
/// everything under `mimecast.com`.
pub fn kept_domain(d: &str) -> bool {
    let d = domain_key(d);
    let exact = providers::SHARED_PROVIDERS
        .iter()
        .flat_map(|p| p.spf_domains.iter())
        .chain(providers::FREE_MAIL_DOMAINS.iter())
        .chain(
            providers::BULK_SERVICES
                .iter()
                .flat_map(|s| s.domains.iter()),
        )
        .any(|k| *k == d);
    exact
        || ["mimecast.com", "mimecast-offshore.com"]
            .iter()
            .any(|b| providers::is_same_or_subdomain(&d, b))
}

/// Ranges kept as they are: a shared provider's, or too broad to name
/// anyone.
pub fn kept_range(net: &IpNet) -> bool {
    let broad = match net {
        IpNet::V4(n) => n.prefix_len() <= 8 || n.addr().is_unspecified() || n.addr().is_loopback(),
        IpNet::V6(n) => n.prefix_len() <= 16 || n.addr().is_unspecified() || n.addr().is_loopback(),
    };
    broad || !providers::overlapping_ranges(net).is_empty()
}

#[cfg(test)]
mod gateway_tests;
#[cfg(test)]
mod tests;
