//! Behaviour of `sync::Barrier`.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;

use runtime_core::sync::Barrier;
use support::task;

#[test]
fn last_arrival_is_leader_and_releases_all() {
    let b = Barrier::new(3);
    let mut w1 = task(b.wait());
    let mut w2 = task(b.wait());
    assert_pending!(w1);
    assert_pending!(w2);
    let mut w3 = task(b.wait());
    assert!(assert_ready!(w3).is_leader());
    assert_eq!((w1.wakes(), w2.wakes()), (1, 1));
    assert!(!assert_ready!(w1).is_leader());
    assert!(!assert_ready!(w2).is_leader());
}

#[test]
fn barrier_is_reusable() {
    let b = Barrier::new(2);
    for _ in 0..3 {
        let mut a = task(b.wait());
        assert_pending!(a);
        let mut c = task(b.wait());
        assert!(assert_ready!(c).is_leader());
        assert!(!assert_ready!(a).is_leader());
    }
}

#[test]
fn zero_and_one_never_wait() {
    for n in [0, 1] {
        let b = Barrier::new(n);
        let mut w = task(b.wait());
        assert!(assert_ready!(w).is_leader());
    }
}

#[test]
fn threads_have_one_leader_per_generation() {
    let b = Arc::new(Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let b = b.clone();
            std::thread::spawn(move || {
                (0..10)
                    .filter(|_| futures::executor::block_on(b.wait()).is_leader())
                    .count()
            })
        })
        .collect();
    let leaders: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(leaders, 10);
}
