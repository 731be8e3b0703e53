//! Unit tests of the local run queue; miri-clean.

use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use super::Counted;
use crate::runtime::scheduler::multi_thread::queue::{self, CAPACITY, Local, Overflow};

/// An overflow target that records what it receives, batch by batch.
#[derive(Default)]
struct Sink {
    batches: StdMutex<Vec<Vec<usize>>>,
}

impl Overflow<usize> for Sink {
    fn push(&self, item: usize) {
        self.batches.lock().unwrap().push(vec![item]);
    }

    fn push_batch<I: Iterator<Item = usize>>(&self, items: I) {
        self.batches.lock().unwrap().push(items.collect());
    }
}

impl Sink {
    fn take(&self) -> Vec<Vec<usize>> {
        std::mem::take(&mut *self.batches.lock().unwrap())
    }
}

fn drain(local: &mut Local<usize>) -> Vec<usize> {
    std::iter::from_fn(|| local.pop()).collect()
}

#[test]
fn push_then_pop_is_fifo() {
    let (steal, mut local) = queue::local();
    let sink = Sink::default();
    assert!(local.is_empty());
    assert_eq!(local.remaining_slots(), CAPACITY);
    for i in 0..10 {
        assert!(!local.push_back_or_overflow(i, &sink));
    }
    assert_eq!(local.len(), 10);
    assert_eq!(steal.len(), 10);
    assert!(!steal.is_empty());
    assert_eq!(local.remaining_slots(), CAPACITY - 10);
    assert_eq!(drain(&mut local), (0..10).collect::<Vec<_>>());
    assert!(local.is_empty());
    assert!(steal.is_empty());
    assert_eq!(local.remaining_slots(), CAPACITY);
    assert!(sink.take().is_empty());
}

#[test]
fn pop_on_empty_returns_none() {
    let (_steal, mut local) = queue::local::<usize>();
    assert_eq!(local.pop(), None);
    assert_eq!(local.len(), 0);
}

#[test]
fn full_queue_overflows_half_plus_the_new_item_in_one_batch() {
    let (_steal, mut local) = queue::local();
    let sink = Sink::default();
    for i in 0..CAPACITY {
        assert!(!local.push_back_or_overflow(i, &sink));
    }
    assert!(local.is_full());
    assert_eq!(local.remaining_slots(), 0);

    assert!(local.push_back_or_overflow(CAPACITY, &sink));
    let batches = sink.take();
    assert_eq!(batches.len(), 1, "one batch, one lock");
    let mut expected: Vec<usize> = (0..CAPACITY / 2).collect();
    expected.push(CAPACITY);
    assert_eq!(batches[0], expected);

    // The newer half stays, in order.
    assert_eq!(local.len(), CAPACITY / 2);
    assert_eq!(
        drain(&mut local),
        (CAPACITY / 2..CAPACITY).collect::<Vec<_>>()
    );
}

#[test]
fn push_after_overflow_reuses_the_freed_slots() {
    let (_steal, mut local) = queue::local();
    let sink = Sink::default();
    for i in 0..=CAPACITY {
        local.push_back_or_overflow(i, &sink);
    }
    assert_eq!(sink.take().len(), 1);
    for i in 0..CAPACITY / 2 {
        assert!(!local.push_back_or_overflow(1000 + i, &sink));
    }
    assert!(local.is_full());
    assert!(sink.take().is_empty());
    let popped = drain(&mut local);
    assert_eq!(popped.len(), CAPACITY);
    assert_eq!(popped[0], CAPACITY / 2);
    assert_eq!(popped[CAPACITY - 1], 1000 + CAPACITY / 2 - 1);
}

#[test]
fn steal_takes_half_rounded_up_and_returns_the_last() {
    let (steal, mut src) = queue::local();
    let (_dst_steal, mut dst) = queue::local();
    let sink = Sink::default();
    for i in 0..7 {
        src.push_back_or_overflow(i, &sink);
    }
    let (first, count) = steal.steal_into(&mut dst).unwrap();
    assert_eq!(count, 4);
    assert_eq!(first, 3);
    assert_eq!(dst.len(), 3);
    assert_eq!(src.len(), 3);
    assert_eq!(drain(&mut dst), vec![0, 1, 2]);
    assert_eq!(drain(&mut src), vec![4, 5, 6]);
}

#[test]
fn steal_single_item() {
    let (steal, mut src) = queue::local();
    let (_dst_steal, mut dst) = queue::local();
    src.push_back_or_overflow(42, &Sink::default());
    assert_eq!(steal.steal_into(&mut dst), Some((42, 1)));
    assert!(dst.is_empty());
    assert!(src.is_empty());
    assert_eq!(steal.steal_into(&mut dst), None);
}

#[test]
fn steal_from_empty_returns_none() {
    let (steal, _src) = queue::local::<usize>();
    let (_dst_steal, mut dst) = queue::local();
    assert_eq!(steal.steal_into(&mut dst), None);
    assert!(dst.is_empty());
}

#[test]
fn steal_refuses_when_destination_is_more_than_half_full() {
    let (steal, mut src) = queue::local();
    let (_dst_steal, mut dst) = queue::local();
    let sink = Sink::default();
    for i in 0..4 {
        src.push_back_or_overflow(i, &sink);
    }
    for i in 0..=CAPACITY / 2 {
        dst.push_back_or_overflow(100 + i, &sink);
    }
    assert_eq!(steal.steal_into(&mut dst), None);
    assert_eq!(src.len(), 4);
    assert_eq!(dst.len(), CAPACITY / 2 + 1);
    // Exactly half full is still fine.
    dst.pop();
    let (item, count) = steal.steal_into(&mut dst).unwrap();
    assert_eq!((item, count), (1, 2));
    assert_eq!(dst.len(), CAPACITY / 2 + 1);
    drain(&mut src);
    drain(&mut dst);
}

#[test]
fn steal_from_a_full_queue_takes_half() {
    let (steal, mut src) = queue::local();
    let (_dst_steal, mut dst) = queue::local();
    let sink = Sink::default();
    for i in 0..CAPACITY {
        src.push_back_or_overflow(i, &sink);
    }
    let (item, count) = steal.steal_into(&mut dst).unwrap();
    assert_eq!(count, CAPACITY / 2);
    assert_eq!(item, CAPACITY / 2 - 1);
    assert_eq!(dst.len(), CAPACITY / 2 - 1);
    assert_eq!(src.remaining_slots(), CAPACITY / 2);
    drain(&mut src);
    drain(&mut dst);
}

#[test]
fn positions_wrap_around_the_ring_many_times() {
    let (steal, mut src) = queue::local();
    let (_dst_steal, mut dst) = queue::local();
    let sink = Sink::default();
    let mut next = 0;
    let mut seen = Vec::new();
    for round in 0..(if cfg!(miri) { 5 } else { 50 }) {
        for _ in 0..(CAPACITY / 2 + round % 7) {
            src.push_back_or_overflow(next, &sink);
            next += 1;
        }
        if let Some((item, _)) = steal.steal_into(&mut dst) {
            seen.push(item);
        }
        seen.extend(drain(&mut dst));
        seen.extend(drain(&mut src));
    }
    assert!(sink.take().is_empty());
    seen.sort_unstable();
    assert_eq!(seen, (0..next).collect::<Vec<_>>());
}

#[test]
fn push_back_batch_appends_in_order() {
    let (_steal, mut local) = queue::local();
    local.push_back_or_overflow(0, &Sink::default());
    local.push_back_batch(vec![1, 2, 3].into_iter());
    assert_eq!(local.len(), 4);
    assert_eq!(drain(&mut local), vec![0, 1, 2, 3]);
}

#[test]
#[should_panic(expected = "no room for a batch")]
fn push_back_batch_beyond_capacity_panics() {
    let (_steal, mut local) = queue::local();
    local.push_back_batch(0..CAPACITY + 1);
}

#[test]
fn ring_drops_leftover_items_exactly_once() {
    let drops = Arc::new(AtomicUsize::new(0));
    let (steal, mut local) = queue::local();
    for i in 0..5 {
        assert!(!local.push_back_or_overflow(Counted::new(i, &drops), &NoOverflow));
    }
    assert_eq!(local.pop().map(|c| c.value), Some(0));
    assert_eq!(drops.load(SeqCst), 1);
    // The owner's handle complains (in debug builds) about the leftovers...
    let dropped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(local)));
    assert_eq!(dropped.is_err(), cfg!(debug_assertions));
    assert_eq!(drops.load(SeqCst), 1, "the stealers' handle keeps the ring");
    // ...and the ring drops them when the last handle goes.
    drop(steal);
    assert_eq!(drops.load(SeqCst), 5);
}

#[test]
fn overflowed_items_move_without_drop() {
    let drops = Arc::new(AtomicUsize::new(0));
    let collected = StdMutex::new(Vec::new());
    struct Collect<'a>(&'a StdMutex<Vec<Counted>>);
    impl Overflow<Counted> for Collect<'_> {
        fn push(&self, item: Counted) {
            self.0.lock().unwrap().push(item);
        }
        fn push_batch<I: Iterator<Item = Counted>>(&self, items: I) {
            self.0.lock().unwrap().extend(items);
        }
    }
    let (_steal, mut local) = queue::local();
    for i in 0..=CAPACITY {
        local.push_back_or_overflow(Counted::new(i, &drops), &Collect(&collected));
    }
    assert_eq!(drops.load(SeqCst), 0);
    assert_eq!(collected.lock().unwrap().len(), CAPACITY / 2 + 1);
    while local.pop().is_some() {}
    assert_eq!(drops.load(SeqCst), CAPACITY / 2);
    collected.lock().unwrap().clear();
    assert_eq!(drops.load(SeqCst), CAPACITY + 1);
}

struct NoOverflow;

impl<T> Overflow<T> for NoOverflow {
    fn push(&self, _: T) {
        panic!("unexpected overflow");
    }
    fn push_batch<I: Iterator<Item = T>>(&self, _: I) {
        panic!("unexpected overflow");
    }
}

/// One owner pushing and popping, two stealers stealing into their own
/// queues and draining them: every item is seen exactly once.
#[test]
fn concurrent_push_pop_steal_sees_every_item_once() {
    const ITEMS: usize = if cfg!(miri) { 300 } else { 20_000 };
    let (steal, mut local) = queue::local::<usize>();
    let sink = Arc::new(Sink::default());
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));

    let stealers: Vec<_> = (0..2)
        .map(|_| {
            let steal = steal.clone();
            let done = done.clone();
            std::thread::spawn(move || {
                let (_mine_steal, mut mine) = queue::local::<usize>();
                let mut seen = Vec::new();
                loop {
                    let finished = done.load(SeqCst);
                    if let Some((item, count)) = steal.steal_into(&mut mine) {
                        assert!(count >= 1);
                        seen.push(item);
                        seen.extend(std::iter::from_fn(|| mine.pop()));
                    } else if finished {
                        break;
                    } else {
                        std::thread::yield_now();
                    }
                }
                seen
            })
        })
        .collect();

    let mut seen = Vec::new();
    for i in 0..ITEMS {
        local.push_back_or_overflow(i, &*sink);
        if i % 3 == 0 {
            seen.extend(local.pop());
        }
    }
    seen.extend(std::iter::from_fn(|| local.pop()));
    done.store(true, SeqCst);
    for stealer in stealers {
        seen.extend(stealer.join().unwrap());
    }
    seen.extend(std::iter::from_fn(|| local.pop()));
    for batch in sink.take() {
        seen.extend(batch);
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..ITEMS).collect::<Vec<_>>());
}

#[cfg(not(miri))]
mod model {
    //! Model-based test: random sequences of operations on two queues
    //! against a `VecDeque` model of what each should hold.

    use std::collections::VecDeque;

    use proptest::prelude::*;

    use super::Sink;
    use crate::runtime::scheduler::multi_thread::queue::{self, CAPACITY};

    #[derive(Debug, Clone)]
    enum Op {
        Push(usize, usize),
        Pop(usize),
        Steal(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..2usize, 1..40usize).prop_map(|(q, n)| Op::Push(q, n)),
            2 => (0..2usize).prop_map(Op::Pop),
            1 => (0..2usize).prop_map(Op::Steal),
        ]
    }

    proptest! {
        #[test]
        fn queues_behave_like_the_model(ops in proptest::collection::vec(op(), 1..200)) {
            let (s0, l0) = queue::local::<usize>();
            let (s1, l1) = queue::local::<usize>();
            let mut locals = [l0, l1];
            let steals = [s0, s1];
            let mut model = [VecDeque::new(), VecDeque::new()];
            let sink = Sink::default();
            let mut overflowed = Vec::new();
            let mut next = 0;

            for op in ops {
                match op {
                    Op::Push(q, n) => {
                        for _ in 0..n {
                            let did = locals[q].push_back_or_overflow(next, &sink);
                            if model[q].len() == CAPACITY {
                                prop_assert!(did);
                                let mut batch: Vec<usize> =
                                    model[q].drain(..CAPACITY / 2).collect();
                                batch.push(next);
                                overflowed.push(batch);
                            } else {
                                prop_assert!(!did);
                                model[q].push_back(next);
                            }
                            next += 1;
                        }
                    }
                    Op::Pop(q) => {
                        prop_assert_eq!(locals[q].pop(), model[q].pop_front());
                    }
                    Op::Steal(q) => {
                        let dst = 1 - q;
                        let [a, b] = &mut locals;
                        let dst_local = if dst == 0 { a } else { b };
                        let got = steals[q].steal_into(dst_local);
                        let len = model[q].len();
                        if len == 0 || CAPACITY - model[dst].len() < CAPACITY / 2 {
                            prop_assert_eq!(got, None);
                        } else {
                            let count = len - len / 2;
                            let mut taken: Vec<usize> = model[q].drain(..count).collect();
                            let last = taken.pop().unwrap();
                            model[dst].extend(taken);
                            prop_assert_eq!(got, Some((last, count)));
                        }
                    }
                }
                for q in 0..2 {
                    prop_assert_eq!(locals[q].len(), model[q].len());
                    prop_assert_eq!(locals[q].remaining_slots(), CAPACITY - model[q].len());
                }
            }
            prop_assert_eq!(sink.take(), overflowed);
            for q in 0..2 {
                let rest: Vec<usize> = std::iter::from_fn(|| locals[q].pop()).collect();
                prop_assert_eq!(rest, model[q].iter().copied().collect::<Vec<_>>());
            }
        }
    }
}
