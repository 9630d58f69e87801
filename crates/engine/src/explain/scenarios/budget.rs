//! How much work the scenarios may do, counted without a clock (the engine
//! never reads one): one evaluation costs the number of variants the
//! explainer evaluated times the tenant's policies, and the scenarios may
//! spend one unit per [`RECORDS_PER_UNIT`] records of the tenant (policies,
//! managed senders, group members), at least [`FLOOR`] — a share of the
//! analysis, which grows with the same records.

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

/// Units any tenant may spend (about a second at the rate above): on a
/// small tenant every scenario of every domain.
pub const FLOOR: usize = 200_000;

/// Variants assumed for an evaluation before any has been measured: the
/// most the explainer enumerates in full (worlds × ranking models, spec
/// R3.12), so that the first evaluation on a big tenant is not started
/// when it could alone exceed the budget.
const FIRST_GUESS: usize = 1024;

/// The work budget of one run.
#[derive(Debug)]
pub struct Budget {
    limit: usize,
    spent: usize,
    policies: usize,
    last: usize,
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
            last: FIRST_GUESS.saturating_mul(policies),
        }
    }

    /// Whether one more evaluation fits, judged by the last one's cost.
    pub fn allows(&self) -> bool {
        self.spent.saturating_add(self.last) <= self.limit
    }

    /// The tenant's policies (the cost of one variant).
    pub fn policies(&self) -> usize {
        self.policies
    }

    /// Counts an evaluation that evaluated `variants` variants.
    pub fn spend(&mut self, variants: usize) {
        self.last = variants.max(1).saturating_mul(self.policies);
        self.spent = self.spent.saturating_add(self.last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_stops_before_an_evaluation_that_would_not_fit() {
        let mut b = Budget {
            limit: 100,
            spent: 0,
            policies: 10,
            last: 10,
        };
        assert!(b.allows());
        b.spend(4); // 40
        assert!(b.allows());
        b.spend(4); // 80; the next would reach 120
        assert!(!b.allows());
        let small = Budget::new(&Config::default());
        assert_eq!(small.limit, FLOOR);
        assert!(small.allows());
        // Before any measurement, the worst case is assumed.
        let big = Budget {
            limit: 1_000_000,
            spent: 0,
            policies: 1_000,
            last: FIRST_GUESS * 1_000,
        };
        assert!(!big.allows());
    }
}
