//! Unit tests of the wheel on its own: entries are boxed nodes, "the lock"
//! is the test's exclusive `&mut Wheel`.

use std::ptr::NonNull;

#[cfg(not(miri))]
use proptest::prelude::*;

use super::*;

/// Nodes in a vector that is never resized once built: they stay put.
struct Nodes(Vec<TimerShared>);

impl Nodes {
    fn new(n: usize) -> Self {
        Nodes((0..n).map(|_| TimerShared::new()).collect())
    }

    fn ptr(&self, i: usize) -> NonNull<TimerShared> {
        NonNull::from(&self.0[i])
    }

    fn index_of(&self, node: NonNull<TimerShared>) -> usize {
        self.0
            .iter()
            .position(|b| NonNull::from(b) == node)
            .expect("a node of this set")
    }
}

/// Polls everything due at `now`, returning node indices in firing order.
fn drain(wheel: &mut Wheel, nodes: &Nodes, now: u64) -> Vec<usize> {
    let mut fired = Vec::new();
    // SAFETY: the nodes outlive the wheel's use; the test owns the wheel.
    while let Some(node) = unsafe { wheel.poll(now) } {
        fired.push(nodes.index_of(node));
    }
    fired
}

fn insert(wheel: &mut Wheel, nodes: &Nodes, i: usize, when: u64) {
    // SAFETY: the node is boxed (stable), unlinked, and outlives the wheel's
    // use of it.
    unsafe { wheel.insert(nodes.ptr(i), when) };
}

#[test]
fn fires_in_deadline_order_across_levels() {
    let nodes = Nodes::new(6);
    let mut wheel = Wheel::new();
    let whens = [5_000_000, 3, 64, 4_097, 63, 1 << 30];
    for (i, when) in whens.iter().enumerate() {
        insert(&mut wheel, &nodes, i, *when);
    }
    assert_eq!(wheel.len(), 6);
    assert_eq!(wheel.next_expiration_tick(), Some(3));
    assert_eq!(drain(&mut wheel, &nodes, 2), Vec::<usize>::new());
    assert_eq!(wheel.elapsed(), 2);
    assert_eq!(drain(&mut wheel, &nodes, 64), vec![1, 4, 2]);
    assert_eq!(wheel.elapsed(), 64);
    assert_eq!(drain(&mut wheel, &nodes, u64::MAX), vec![3, 0, 5]);
    assert!(wheel.is_empty());
    assert_eq!(wheel.elapsed(), MAX_TICK);
    assert_eq!(wheel.next_expiration_tick(), None);
}

#[test]
fn same_tick_fires_in_insertion_order() {
    let nodes = Nodes::new(4);
    let mut wheel = Wheel::new();
    for i in 0..4 {
        insert(&mut wheel, &nodes, i, 100);
    }
    assert_eq!(drain(&mut wheel, &nodes, 100), vec![0, 1, 2, 3]);
}

#[test]
fn remove_from_slot_and_pending() {
    let nodes = Nodes::new(3);
    let mut wheel = Wheel::new();
    insert(&mut wheel, &nodes, 0, 10);
    insert(&mut wheel, &nodes, 1, 10);
    insert(&mut wheel, &nodes, 2, 200);
    // SAFETY: node 2 is linked in this wheel.
    assert!(unsafe { wheel.remove(nodes.ptr(2)) });
    // SAFETY: removing again finds it unlinked.
    assert!(!unsafe { wheel.remove(nodes.ptr(2)) });
    // Pop one due entry, leaving the other in `pending`, then remove it.
    // SAFETY: the test owns the wheel.
    let first = unsafe { wheel.poll(10) }.unwrap();
    assert_eq!(nodes.index_of(first), 0);
    assert_eq!(wheel.next_expiration_tick(), Some(10));
    // SAFETY: node 1 sits in the pending list.
    assert!(unsafe { wheel.remove(nodes.ptr(1)) });
    assert!(wheel.is_empty());
    assert_eq!(drain(&mut wheel, &nodes, 1_000), Vec::<usize>::new());
}

#[test]
fn deadlines_beyond_the_span_wait_their_turn() {
    let nodes = Nodes::new(3);
    let mut wheel = Wheel::new();
    insert(&mut wheel, &nodes, 0, 3 * SPAN + 7);
    insert(&mut wheel, &nodes, 1, MAX_TICK);
    insert(&mut wheel, &nodes, 2, SPAN - 1);
    assert_eq!(drain(&mut wheel, &nodes, SPAN), vec![2]);
    assert_eq!(drain(&mut wheel, &nodes, 3 * SPAN + 6), Vec::<usize>::new());
    assert_eq!(wheel.len(), 2);
    assert_eq!(drain(&mut wheel, &nodes, 3 * SPAN + 7), vec![0]);
    assert_eq!(drain(&mut wheel, &nodes, MAX_TICK - 1), Vec::<usize>::new());
    assert_eq!(drain(&mut wheel, &nodes, MAX_TICK), vec![1]);
}

#[test]
fn level_boundaries() {
    // Deadlines just either side of each level's span, from a non-zero
    // `elapsed`, fire exactly at their tick.
    let mut whens = Vec::new();
    for level in 1..LEVELS as u32 {
        let edge = 1u64 << (SLOT_BITS * level);
        whens.extend([edge - 1, edge, edge + 1]);
    }
    let nodes = Nodes::new(whens.len());
    let mut wheel = Wheel::new();
    let _ = drain(&mut wheel, &nodes, 1);
    for (i, when) in whens.iter().enumerate() {
        insert(&mut wheel, &nodes, i, *when);
    }
    for (i, when) in whens.iter().enumerate() {
        assert_eq!(drain(&mut wheel, &nodes, when - 1), Vec::<usize>::new());
        assert_eq!(drain(&mut wheel, &nodes, *when), vec![i], "deadline {when}");
    }
}

#[test]
fn pop_any_drains_everything() {
    let nodes = Nodes::new(5);
    let mut wheel = Wheel::new();
    for (i, when) in [1, 1, 70, 5_000, SPAN * 2].into_iter().enumerate() {
        insert(&mut wheel, &nodes, i, when);
    }
    let mut seen = Vec::new();
    // SAFETY: the test owns the wheel.
    while let Some(node) = unsafe { wheel.pop_any() } {
        seen.push(nodes.index_of(node));
    }
    seen.sort_unstable();
    assert_eq!(seen, vec![0, 1, 2, 3, 4]);
    assert!(wheel.is_empty());
}

#[test]
#[cfg_attr(miri, ignore = "a million iterations are too slow under miri")]
fn a_million_inserted_and_cancelled_leave_nothing() {
    const N: usize = 1_000_000;
    let nodes = Nodes::new(1_000);
    let mut wheel = Wheel::new();
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..N / 1_000 {
        for i in 0..1_000 {
            // xorshift: spread deadlines over every level.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let when = 1 + (state >> (state % 40)) % (SPAN * 4);
            insert(&mut wheel, &nodes, i, when);
        }
        assert_eq!(wheel.len(), 1_000, "round {round}");
        for i in (0..1_000).rev() {
            // SAFETY: node i is linked.
            assert!(unsafe { wheel.remove(nodes.ptr(i)) });
        }
        assert!(wheel.is_empty());
    }
    assert_eq!(wheel.next_expiration_tick(), None);
    assert_eq!(drain(&mut wheel, &nodes, MAX_TICK), Vec::<usize>::new());
}

// Proptest reads the working directory, which miri's isolation forbids.
#[cfg(not(miri))]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Against a model (sort by deadline, then insertion), with polls at
    /// arbitrary times and removals in between.
    #[test]
    fn matches_a_sorted_model(
        whens in proptest::collection::vec(1u64..(1 << 40), 1..60),
        polls in proptest::collection::vec(0u64..(1 << 41), 1..8),
        removed in proptest::collection::vec(any::<bool>(), 60),
    ) {
        let nodes = Nodes::new(whens.len());
        let mut wheel = Wheel::new();
        for (i, when) in whens.iter().enumerate() {
            insert(&mut wheel, &nodes, i, *when);
        }
        let mut live: Vec<(u64, usize)> = Vec::new();
        for (i, when) in whens.iter().enumerate() {
            if removed[i] {
                // SAFETY: node i is linked.
                let was_linked = unsafe { wheel.remove(nodes.ptr(i)) };
                prop_assert!(was_linked);
            } else {
                live.push((*when, i));
            }
        }
        let mut polls = polls;
        polls.sort_unstable();
        polls.push(u64::MAX);
        let mut fired = Vec::new();
        for now in polls {
            let got = drain(&mut wheel, &nodes, now);
            for &i in &got {
                prop_assert!(whens[i] <= now.min(MAX_TICK));
            }
            fired.extend(got);
        }
        // Stable sort by deadline: equal deadlines in insertion order is
        // stronger than the wheel promises across levels, so compare the
        // deadlines only, plus the set of indices.
        live.sort_by_key(|&(when, _)| when);
        let fired_whens: Vec<u64> = fired.iter().map(|&i| whens[i]).collect();
        let model_whens: Vec<u64> = live.iter().map(|&(w, _)| w).collect();
        prop_assert_eq!(fired_whens, model_whens);
        let mut fired_sorted = fired.clone();
        fired_sorted.sort_unstable();
        let mut model_idx: Vec<usize> = live.iter().map(|&(_, i)| i).collect();
        model_idx.sort_unstable();
        prop_assert_eq!(fired_sorted, model_idx);
        prop_assert!(wheel.is_empty());
    }
}

#[test]
fn overflow_entries_migrate_once_and_can_be_removed() {
    let nodes = Nodes::new(3);
    let mut wheel = Wheel::new();
    insert(&mut wheel, &nodes, 0, 5 * SPAN);
    insert(&mut wheel, &nodes, 1, 5 * SPAN + 3);
    insert(&mut wheel, &nodes, 2, 10);
    // SAFETY: node 0 is linked (in the overflow list).
    assert!(unsafe { wheel.remove(nodes.ptr(0)) });
    assert_eq!(wheel.next_expiration_tick(), Some(10));
    assert_eq!(drain(&mut wheel, &nodes, 10), vec![2]);
    // The bound may be stale (node 0 left), never late.
    assert!(wheel.next_expiration_tick().unwrap() <= 5 * SPAN + 3);
    assert_eq!(drain(&mut wheel, &nodes, 5 * SPAN + 2), Vec::<usize>::new());
    assert_eq!(wheel.len(), 1);
    assert_eq!(drain(&mut wheel, &nodes, 5 * SPAN + 3), vec![1]);
    assert!(wheel.is_empty());
    assert_eq!(wheel.next_expiration_tick(), None);
}
