//! Loom models of the local run queue (capacity 4 under loom): every item is
//! seen exactly once, whatever the interleaving of push, pop, overflow and
//! steal.

use crate::loom::sync::Arc;
use crate::loom::thread;
use crate::runtime::scheduler::multi_thread::inject::Inject;
use crate::runtime::scheduler::multi_thread::queue::{self, CAPACITY, Local, Steal};

fn drain(local: &mut Local<usize>) -> Vec<usize> {
    std::iter::from_fn(|| local.pop()).collect()
}

/// A stealer thread: steals once into its own queue and drains it.
fn spawn_stealer(steal: Steal<usize>) -> loom::thread::JoinHandle<Vec<usize>> {
    thread::spawn(move || {
        let (_mine_steal, mut mine) = queue::local();
        let mut seen = Vec::new();
        if let Some((item, count)) = steal.steal_into(&mut mine) {
            seen.push(item);
            seen.extend(drain(&mut mine));
            assert_eq!(seen.len(), count);
        }
        seen
    })
}

fn assert_exactly_once(mut seen: Vec<usize>, n: usize) {
    seen.sort_unstable();
    assert_eq!(seen, (0..n).collect::<Vec<_>>());
}

#[test]
fn loom_push_pop_vs_steal() {
    crate::loom::model(|| {
        let inject = Arc::new(Inject::new());
        let (steal, mut local) = queue::local();
        local.push_back_or_overflow(0, &*inject);
        local.push_back_or_overflow(1, &*inject);

        let stealer = spawn_stealer(steal);

        local.push_back_or_overflow(2, &*inject);
        let mut seen = Vec::new();
        seen.extend(local.pop());
        seen.extend(stealer.join().unwrap());
        seen.extend(drain(&mut local));
        assert!(
            inject.is_empty(),
            "three items never overflow a ring of four"
        );
        assert_exactly_once(seen, 3);
    });
}

#[test]
fn loom_steal_vs_steal() {
    crate::loom::model(|| {
        let inject = Inject::new();
        let (steal, mut local) = queue::local();
        for i in 0..CAPACITY {
            local.push_back_or_overflow(i, &inject);
        }

        let first = spawn_stealer(steal.clone());
        let second = spawn_stealer(steal);

        // The owner frees a slot and refills it while the steals run: it
        // must not overwrite a slot either stealer is still copying.
        let mut seen = Vec::new();
        seen.extend(local.pop());
        local.push_back_or_overflow(CAPACITY, &inject);
        seen.extend(drain(&mut local));
        let a = first.join().unwrap();
        let b = second.join().unwrap();
        assert!(a.len() <= CAPACITY / 2 && b.len() <= CAPACITY / 2);
        seen.extend(a);
        seen.extend(b);
        seen.extend(std::iter::from_fn(|| inject.pop()));
        assert_exactly_once(seen, CAPACITY + 1);
    });
}

#[test]
fn loom_overflow_vs_steal() {
    crate::loom::model(|| {
        let inject = Arc::new(Inject::new());
        let (steal, mut local) = queue::local();
        for i in 0..CAPACITY {
            local.push_back_or_overflow(i, &*inject);
        }

        let stealer = spawn_stealer(steal);

        // The ring is full: these either overflow (half the ring and the
        // new item, or only the new item while the steal is in flight) or
        // land in slots the stealer freed.
        local.push_back_or_overflow(CAPACITY, &*inject);
        local.push_back_or_overflow(CAPACITY + 1, &*inject);

        let mut seen = drain(&mut local);
        seen.extend(stealer.join().unwrap());
        seen.extend(std::iter::from_fn(|| inject.pop()));
        assert_exactly_once(seen, CAPACITY + 2);
    });
}

#[test]
fn loom_wrapping_pop_and_push_during_steal() {
    crate::loom::model(|| {
        let inject = Arc::new(Inject::new());
        let (steal, mut local) = queue::local();
        for i in 0..3 {
            local.push_back_or_overflow(i, &*inject);
        }

        let stealer = spawn_stealer(steal);

        // Pops move `real` while a steal may be in flight, and pushes reuse
        // slots only once the stealer has released them.
        let mut seen = Vec::new();
        seen.extend(local.pop());
        for i in 3..6 {
            local.push_back_or_overflow(i, &*inject);
        }
        seen.extend(local.pop());
        seen.extend(stealer.join().unwrap());
        seen.extend(drain(&mut local));
        seen.extend(std::iter::from_fn(|| inject.pop()));
        assert_exactly_once(seen, 6);
    });
}
