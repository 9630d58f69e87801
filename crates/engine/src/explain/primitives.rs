//! Pure helpers of the explainer: address, IP, host and display-name
//! normalisation (spec R2.1–R2.4), glob matching of policy values (R3.3),
//! offline SPF evaluation (R3.6), DMARC lookup and alignment (R4.6.1),
//! look-alike distances and domains (R4.7.2, R6.2, SC4).
//!
//! Nothing here reads the message or the policies as a whole, and nothing
//! panics on any input. Approximations made without the crates the
//! specification names (no `idna`, no NFKC tables: the engine takes no new
//! dependencies) are listed in [`APPROXIMATIONS`]; organisational domains
//! use the Public Suffix List the engine embeds.

pub mod address;
pub mod display_name;
pub mod dmarc_eval;
pub mod glob;
pub mod lookalike;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
pub mod spf_eval;
#[cfg(test)]
mod test_config;

pub use address::{
    canonical_ip, normalise_domain, normalise_host, normalise_scope_domain, parse_address,
    parse_ip, Address,
};
pub use display_name::{normalise_display_name, same_name_words};
pub use dmarc_eval::{aligned, dmarc_policy_for, organisational_domain, DmarcLookup};
pub use glob::glob_match;
pub use lookalike::{
    damerau_levenshtein, lookalike_of, max_similar_distance, similar_internal_domain,
    vip_local_part,
};
pub use spf_eval::{spf_auth, spf_eval, SpfAuth, SpfEval, SpfResult, BYPASS_TERM_LIMIT};

/// Internationalised domain names are not converted to punycode.
pub const IDN_APPROXIMATION: &str =
    "Internationalised domains are compared as written (lower-cased), without punycode conversion.";

/// Display names are not NFKC-normalised in full.
pub const DISPLAY_NAME_APPROXIMATION: &str = "Display names are compared after lower-casing, removing surrounding quotes and collapsing spaces; of Unicode's compatibility forms, full-width, mathematical, circled and ligature letters and digits are read as the plain letters they show, other forms are compared as written.";

/// SPF is evaluated without DNS.
pub const SPF_APPROXIMATION: &str = "SPF is evaluated offline: a shared provider's domain passes the provider's published ranges and otherwise gives the provider's published ending; a record in the bundle is walked with its include and redirect terms; a, mx, ptr and exists terms cannot be checked without DNS and make the result unknown.";

/// Every approximation these helpers make, in plain words, for the
/// documentation (the explanation lists those that matter for a message).
pub const APPROXIMATIONS: &[&str] = &[
    IDN_APPROXIMATION,
    DISPLAY_NAME_APPROXIMATION,
    SPF_APPROXIMATION,
];
