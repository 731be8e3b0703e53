//! Unit tests of the global injection queue.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

use super::Counted;
use crate::runtime::scheduler::multi_thread::inject::Inject;
use crate::runtime::scheduler::multi_thread::queue::{self, CAPACITY};

#[test]
fn push_pop_is_fifo_and_len_tracks() {
    let inject = Inject::new();
    assert!(inject.is_empty());
    assert_eq!(inject.pop(), None);
    assert!(inject.push(1));
    assert!(inject.push(2));
    assert!(inject.push_batch([3, 4, 5].into_iter()));
    assert_eq!(inject.len(), 5);
    assert!(!inject.is_empty());
    let popped: Vec<_> = std::iter::from_fn(|| inject.pop()).collect();
    assert_eq!(popped, vec![1, 2, 3, 4, 5]);
    assert_eq!(inject.len(), 0);
    assert!(inject.is_empty());
}

#[test]
fn pop_into_moves_up_to_max_and_returns_the_first() {
    let inject = Inject::new();
    inject.push_batch(0..10);
    let (_steal, mut local) = queue::local();
    assert_eq!(inject.pop_into(&mut local, 4), Some(0));
    assert_eq!(local.len(), 3);
    assert_eq!(inject.len(), 6);
    let local_items: Vec<_> = std::iter::from_fn(|| local.pop()).collect();
    assert_eq!(local_items, vec![1, 2, 3]);
    // `max` larger than what is left takes everything.
    assert_eq!(inject.pop_into(&mut local, 100), Some(4));
    assert_eq!(local.len(), 5);
    assert!(inject.is_empty());
    assert_eq!(inject.pop_into(&mut local, 100), None);
    assert_eq!(inject.pop_into(&mut local, 0), None);
    while local.pop().is_some() {}
}

#[test]
fn pop_into_respects_the_local_queue_room() {
    let inject = Inject::new();
    inject.push_batch(0..10);
    let (_steal, mut local) = queue::local();
    local.push_back_batch(100..100 + CAPACITY - 2);
    assert_eq!(inject.pop_into(&mut local, 10), Some(0));
    assert!(local.is_full());
    assert_eq!(inject.len(), 7, "only two fit");
    while local.pop().is_some() {}
}

#[test]
fn push_after_close_drops_and_reports() {
    let drops = Arc::new(AtomicUsize::new(0));
    let inject = Inject::new();
    assert!(inject.push(Counted::new(1, &drops)));
    assert!(!inject.is_closed());
    assert!(inject.close());
    assert!(inject.is_closed());
    assert!(
        !inject.close(),
        "second close reports it was already closed"
    );

    assert!(!inject.push(Counted::new(2, &drops)));
    assert_eq!(drops.load(SeqCst), 1);
    let batch = (3..6).map(|i| Counted::new(i, &drops));
    assert!(!inject.push_batch(batch));
    assert_eq!(drops.load(SeqCst), 4);

    // What was queued before closing can still be taken.
    assert_eq!(inject.len(), 1);
    let item = inject.pop().unwrap();
    assert_eq!(item.value, 1);
    drop(item);
    assert_eq!(drops.load(SeqCst), 5);
    assert!(inject.pop().is_none());
}

#[test]
fn dropping_the_queue_drops_its_items() {
    let drops = Arc::new(AtomicUsize::new(0));
    let inject = Inject::new();
    inject.push_batch((0..3).map(|i| Counted::new(i, &drops)));
    drop(inject);
    assert_eq!(drops.load(SeqCst), 3);
}

#[test]
fn local_overflow_goes_to_the_inject_queue() {
    let inject = Inject::new();
    let (_steal, mut local) = queue::local();
    for i in 0..=CAPACITY {
        local.push_back_or_overflow(i, &inject);
    }
    assert_eq!(inject.len(), CAPACITY / 2 + 1);
    assert_eq!(inject.pop(), Some(0));
    while local.pop().is_some() {}
}
