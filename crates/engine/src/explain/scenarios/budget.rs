//! How much work the scenarios may do, counted without a clock (the engine
//! never reads one): one evaluation costs the number of variants the
//! explainer evaluated times the tenant's policies, and the scenarios may
//! spend one unit per [`RECORDS_PER_UNIT`] records of the tenant (policies,
//! managed senders, group members), at least [`FLOOR`] — a share of the
//! analysis, which grows with the same records. An evaluation starts only
//! when the most it could cost (the explainer's bound on its variants,
//! known before evaluating) fits in what is left.

use crate::model::Config;

/// Records of the tenant per unit the scenarios may spend, meant to keep
/// the scenarios within about a tenth of the analysis. Measured on the
/// end-to-end tests' 50 MB tenant (400 policies, 200 domains, 500,000
/// managed senders; release build, 2026-12): one unit took about 4.8 µs
/// and the analysis about 5 µs per record, so a tenth of the analysis is
/// about one unit per ten records. (Before this was measured the budget
/// allowed eight units per record: that tenant spent 7.6 s on 1,000
/// scenario messages, three times its whole analysis.)
pub const RECORDS_PER_UNIT: usize = 10;

/// Units any tenant may spend (about half a second at the rate above): on
/// a small tenant every scenario of every domain.
pub const FLOOR: usize = 100_000;

/// The work budget of one run.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    spent: usize,
    policies: usize,
}

impl Budget {
    /// The budget for `cfg`.
    pub fn new(cfg: &Config) -> Budget {
        let policies = cfg.policies.values().map(Vec::len).sum::<usize>().max(1);
        let members: usize = cfg.group_members.values().map(Vec::len).sum();
        let records = policies + cfg.managed_senders.len() + members;
        Budget {
            limit: (records / RECORDS_PER_UNIT).max(FLOOR),
            spent: 0,
            policies,
        }
    }

    /// Whether an evaluation of at most `variants` variants (the
    /// explainer's bound for the message, known before evaluating) fits:
    /// no evaluation is started that could overrun the budget.
    pub fn allows(&self, variants: usize) -> bool {
        self.spent
            .saturating_add(variants.max(1).saturating_mul(self.policies))
            <= self.limit
    }

    /// The tenant's policies (the cost of one variant).
    pub fn policies(&self) -> usize {
        self.policies
    }

    /// Counts an evaluation that evaluated `variants` variants.
    pub fn spend(&mut self, variants: usize) {
        self.spent = self
            .spent
            .saturating_add(variants.max(1).saturating_mul(self.policies));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_stops_before_an_evaluation_that_could_not_fit() {
        let mut b = Budget {
            limit: 100,
            spent: 0,
            policies: 10,
        };
        assert!(b.allows(4));
        b.spend(4); // 40
        assert!(b.allows(6)); // 40 + 60 = 100
        assert!(!b.allows(7)); // its bound could reach 110
        b.spend(4); // 80
        assert!(b.allows(2));
        assert!(!b.allows(3));
        let small = Budget::new(&Config::default());
        assert_eq!(small.limit, FLOOR);
        assert!(small.allows(64));
    }
}
