//! How much work the scenarios may do, counted without a clock (the engine
//! never reads one): one evaluation costs the number of variants the
//! explainer evaluated times the tenant's policies, and the scenarios may
//! spend [`UNITS_PER_RECORD`] units per record of the tenant (policies,
//! managed senders, group members), at least [`FLOOR`] — a share of the
//! analysis, which grows with the same records.

use crate::model::Config;

/// Units the scenarios may spend per record of the tenant, meant to keep
/// the scenarios within about a tenth of the analysis. Not calibrated
/// finely: on the 10 and 50 MB benchmark tenants one evaluation was
/// measured at over a minute (2026-12), and the worst-case guess before
/// the first evaluation keeps the budget from starting any there.
pub const UNITS_PER_RECORD: usize = 8;

/// Units any tenant may spend (small tenants: every scenario, every
/// domain).
pub const FLOOR: usize = 1_000_000;

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
            limit: (records.saturating_mul(UNITS_PER_RECORD)).max(FLOOR),
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
