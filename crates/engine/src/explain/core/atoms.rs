//! Facts the bundle cannot decide (atoms), the worlds built from their
//! values, and the conditions that read them (spec R3.11).

/// One unknown fact: its name, why it is unknown, and its values (the
/// primary one first).
#[derive(Debug, Clone, PartialEq)]
pub struct Atom {
    /// `groupMember(grp-block, y@bad.example)` …
    pub name: String,
    /// Why the bundle cannot decide it.
    pub why: String,
    /// Its values, primary first (`no`, `yes` for a yes/no fact).
    pub values: Vec<String>,
}

/// The atoms of one message, each raised once.
#[derive(Debug, Clone, Default)]
pub struct Atoms {
    /// In the order they were raised.
    pub list: Vec<Atom>,
}

impl Atoms {
    /// The index of the atom named `name`, raising it when new.
    pub fn raise(&mut self, name: String, why: impl Into<String>, values: &[&str]) -> usize {
        if let Some(i) = self.list.iter().position(|a| a.name == name) {
            return i;
        }
        self.list.push(Atom {
            name,
            why: why.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        });
        self.list.len() - 1
    }

    /// A yes/no atom (primary `no`).
    pub fn yes_no(&mut self, name: String, why: impl Into<String>) -> usize {
        self.raise(name, why, &["no", "yes"])
    }

    /// How many worlds the atoms span (saturating).
    pub fn world_count(&self) -> usize {
        self.list
            .iter()
            .fold(1usize, |n, a| n.saturating_mul(a.values.len().max(1)))
    }
}

/// One assignment of a value to every atom (indexes into `values`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct World(pub Vec<usize>);

impl World {
    /// The primary world: every atom at its primary value.
    pub fn primary(atoms: &Atoms) -> World {
        World(vec![0; atoms.list.len()])
    }

    /// The value index of atom `i` (primary when out of range).
    pub fn get(&self, i: usize) -> usize {
        self.0.get(i).copied().unwrap_or(0)
    }

    /// True when the yes/no atom `i` is `yes`.
    pub fn yes(&self, i: usize) -> bool {
        self.get(i) == 1
    }

    /// Every world of the atoms, in order (the caller checks the count).
    pub fn all(atoms: &Atoms) -> Vec<World> {
        let mut out = vec![World::primary(atoms)];
        for (i, a) in atoms.list.iter().enumerate() {
            let mut next = Vec::with_capacity(out.len() * a.values.len().max(1));
            for w in &out {
                for v in 0..a.values.len().max(1) {
                    let mut w = w.clone();
                    if let Some(slot) = w.0.get_mut(i) {
                        *slot = v;
                    }
                    next.push(w);
                }
            }
            out = next;
        }
        out
    }
}

/// A condition over atoms: known, or true when its atoms say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cond {
    /// Holds on known facts.
    True,
    /// Fails on known facts.
    False,
    /// Holds when the yes/no atom is `yes`.
    Atom(usize),
    /// Holds when any part holds.
    Any(Vec<Cond>),
}

impl Cond {
    /// From a known truth value.
    pub fn of(b: bool) -> Cond {
        if b {
            Cond::True
        } else {
            Cond::False
        }
    }

    /// Either holds (simplified).
    pub fn or(self, other: Cond) -> Cond {
        match (self, other) {
            (Cond::True, _) | (_, Cond::True) => Cond::True,
            (Cond::False, c) | (c, Cond::False) => c,
            (a, b) => Cond::Any(vec![a, b]),
        }
    }

    /// True when the condition holds in `world`.
    pub fn holds(&self, world: &World) -> bool {
        match self {
            Cond::True => true,
            Cond::False => false,
            Cond::Atom(i) => world.yes(*i),
            Cond::Any(v) => v.iter().any(|c| c.holds(world)),
        }
    }

    /// True when the condition fails on known facts (no atom can help).
    pub fn is_false(&self) -> bool {
        matches!(self, Cond::False)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_are_raised_once_and_span_the_product_of_their_values() {
        let mut a = Atoms::default();
        let g = a.yes_no("groupMember(g, a)".into(), "members not collected");
        assert_eq!(a.yes_no("groupMember(g, a)".into(), "again"), g);
        a.raise(
            "spfResult(x)".into(),
            "",
            &["neutral", "pass", "softfail", "fail"],
        );
        assert_eq!(a.world_count(), 8);
        let all = World::all(&a);
        assert_eq!(all.len(), 8);
        assert_eq!(all[0], World::primary(&a));
        assert!(all.iter().any(|w| w.get(1) == 3 && w.yes(0)));
    }

    #[test]
    fn conditions_simplify_and_read_the_world() {
        assert_eq!(Cond::False.or(Cond::Atom(0)), Cond::Atom(0));
        assert_eq!(Cond::True.or(Cond::Atom(0)), Cond::True);
        let c = Cond::Atom(0).or(Cond::Atom(1));
        assert!(!c.holds(&World(vec![0, 0])));
        assert!(c.holds(&World(vec![0, 1])));
        assert!(Cond::False.is_false() && !Cond::Atom(0).is_false());
    }
}
