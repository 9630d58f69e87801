//! Specificity levels (spec R3.7) and the ranking models (R3.8). One table:
//! a correction to Mimecast's order (open question Q1) is one edit here.

use crate::model::Target;

/// The rank of a target type (larger is more specific) and its level name.
pub fn level(t: &Target) -> (u8, &'static str) {
    match t {
        Target::Everyone => (0, "Everyone"),
        Target::InternalAddresses => (1, "Internal Addresses"),
        Target::ExternalAddresses => (1, "External Addresses"),
        Target::EmailDomain(_) => (2, "Email Domain"),
        Target::FreeMailDomains => (2, "Free Mail Domains"),
        Target::AddressAttribute(_) => (3, "Address Attribute"),
        Target::ProfileGroup { .. } => (4, "Profile Group"),
        Target::IndividualEmailAddress(_) => (5, "Individual Email Address"),
        Target::HeaderDisplayName(_) => (5, "Header Display Name"),
        Target::Unknown(_) => (0, "Unknown scope"),
    }
}

/// True when the rank of `t` is one Mimecast's table does not state (only
/// Everyone, Internal Addresses and Individual Email Address are sourced).
pub fn rank_is_inferred(t: &Target) -> bool {
    !matches!(
        t,
        Target::Everyone | Target::InternalAddresses | Target::IndividualEmailAddress(_)
    )
}

/// A ranking model: how Policy Override is read and which side is
/// compared first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    /// Override outranks specificity (the primary reading) or only breaks
    /// ties.
    pub override_first: bool,
    /// The sender scope is compared first (the primary reading).
    pub sender_first: bool,
}

impl Model {
    /// The primary model P: override first, sender first.
    pub const PRIMARY: Model = Model {
        override_first: true,
        sender_first: true,
    };

    /// The four models, P first.
    pub const ALL: [Model; 4] = [
        Model::PRIMARY,
        Model {
            override_first: true,
            sender_first: false,
        },
        Model {
            override_first: false,
            sender_first: true,
        },
        Model {
            override_first: false,
            sender_first: false,
        },
    ];
}

/// Which key position separates two candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPart {
    /// Policy Override.
    Override,
    /// Sender specificity.
    Sender,
    /// Recipient specificity.
    Recipient,
    /// Satisfied source conditions.
    Conditions,
}

/// The ranking inputs of one candidate in one orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    /// Policy Override.
    pub ov: u8,
    /// Rank of the target read against the sender.
    pub s: u8,
    /// Rank of the target read against the recipient.
    pub r: u8,
    /// Restricted by conditions it satisfies.
    pub cond: u8,
}

impl Rank {
    /// The key under `m`, with the part each position stands for.
    pub fn key(&self, m: Model) -> [(u8, KeyPart); 4] {
        let (o, s, r, c) = (
            (self.ov, KeyPart::Override),
            (self.s, KeyPart::Sender),
            (self.r, KeyPart::Recipient),
            (self.cond, KeyPart::Conditions),
        );
        match (m.override_first, m.sender_first) {
            (true, true) => [o, s, r, c],
            (true, false) => [o, r, s, c],
            (false, true) => [s, r, o, c],
            (false, false) => [r, s, o, c],
        }
    }

    /// The key's values under `m`, for comparing.
    pub fn values(&self, m: Model) -> [u8; 4] {
        self.key(m).map(|(v, _)| v)
    }

    /// The first key position where `self` is smaller than `winner`.
    pub fn separated_by(&self, winner: &Rank, m: Model) -> Option<KeyPart> {
        self.key(m)
            .iter()
            .zip(winner.key(m).iter())
            .find(|(a, b)| a.0 != b.0)
            .map(|(a, _)| a.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rank(t: &Target) -> u8 {
        level(t).0
    }

    #[test]
    fn each_rank_boundary_of_the_table() {
        let domain = Target::EmailDomain("x.example".into());
        let group = Target::ProfileGroup {
            id: "g".into(),
            name: None,
        };
        let person = Target::IndividualEmailAddress("a@x.example".into());
        assert!(rank(&Target::Everyone) < rank(&Target::InternalAddresses));
        assert_eq!(
            rank(&Target::InternalAddresses),
            rank(&Target::ExternalAddresses)
        );
        assert!(rank(&Target::ExternalAddresses) < rank(&domain));
        assert_eq!(rank(&domain), rank(&Target::FreeMailDomains));
        assert!(rank(&domain) < rank(&Target::AddressAttribute("v".into())));
        assert!(rank(&Target::AddressAttribute("v".into())) < rank(&group));
        assert!(rank(&group) < rank(&person));
        assert_eq!(
            rank(&person),
            rank(&Target::HeaderDisplayName("Jane".into()))
        );
        assert!(!rank_is_inferred(&person) && rank_is_inferred(&group));
    }

    #[test]
    fn models_order_the_key_differently() {
        let ovr_everyone = Rank {
            ov: 1,
            s: 0,
            r: 0,
            cond: 1,
        };
        let domain = Rank {
            ov: 0,
            s: 2,
            r: 1,
            cond: 0,
        };
        let p = Model::PRIMARY;
        assert!(ovr_everyone.values(p) > domain.values(p));
        assert_eq!(
            domain.separated_by(&ovr_everyone, p),
            Some(KeyPart::Override)
        );
        let tb = Model::ALL[2];
        assert!(ovr_everyone.values(tb) < domain.values(tb));
        assert_eq!(
            ovr_everyone.separated_by(&domain, tb),
            Some(KeyPart::Sender)
        );
        let a = Rank {
            ov: 0,
            s: 0,
            r: 2,
            cond: 0,
        };
        let b = Rank {
            ov: 0,
            s: 1,
            r: 0,
            cond: 0,
        };
        assert!(a.values(Model::ALL[1]) > b.values(Model::ALL[1]));
        assert!(a.values(p) < b.values(p));
    }
}
