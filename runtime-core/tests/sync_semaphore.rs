//! Behaviour of `sync::Semaphore`: permits, FIFO fairness, batch requests,
//! cancellation and closing.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;

use runtime_core::sync::{AcquireError, Semaphore, TryAcquireError};
use support::task;

#[test]
fn max_permits_matches_tokio() {
    assert_eq!(Semaphore::MAX_PERMITS, usize::MAX >> 3);
}

#[test]
#[should_panic]
fn new_above_max_panics() {
    let _ = Semaphore::new(Semaphore::MAX_PERMITS + 1);
}

#[test]
#[should_panic]
fn add_permits_overflow_panics() {
    let s = Semaphore::new(Semaphore::MAX_PERMITS);
    s.add_permits(1);
}

#[test]
fn try_acquire_counts() {
    let s = Semaphore::new(3);
    let a = s.try_acquire_many(2).unwrap();
    assert_eq!(s.available_permits(), 1);
    assert_eq!(
        s.try_acquire_many(2).unwrap_err(),
        TryAcquireError::NoPermits
    );
    let b = s.try_acquire().unwrap();
    assert_eq!(s.available_permits(), 0);
    drop(a);
    assert_eq!(s.available_permits(), 2);
    drop(b);
    assert_eq!(s.available_permits(), 3);
}

#[test]
fn waiters_served_in_fifo_order() {
    let s = Semaphore::new(0);
    let mut a = task(s.acquire());
    let mut b = task(s.acquire());
    let mut c = task(s.acquire());
    assert_pending!(a);
    assert_pending!(b);
    assert_pending!(c);
    s.add_permits(1);
    assert_eq!((a.wakes(), b.wakes(), c.wakes()), (1, 0, 0));
    let pa = assert_ready!(a).unwrap();
    assert_pending!(b);
    drop(pa);
    assert_eq!((b.wakes(), c.wakes()), (1, 0));
    let pb = assert_ready!(b).unwrap();
    assert_pending!(c);
    drop(pb);
    assert_eq!(c.wakes(), 1);
    assert_ready!(c).unwrap().forget();
    assert_eq!(s.available_permits(), 0);
}

#[test]
fn large_request_at_front_blocks_small_ones() {
    let s = Semaphore::new(1);
    let mut big = task(s.acquire_many(3));
    assert_pending!(big);
    // The available permit went to the queued request; newcomers wait.
    assert_eq!(s.available_permits(), 0);
    assert!(s.try_acquire().is_err());
    let mut small = task(s.acquire());
    assert_pending!(small);
    s.add_permits(1);
    assert_pending!(small);
    assert_pending!(big);
    s.add_permits(2);
    assert_eq!(big.wakes(), 1);
    let p = assert_ready!(big).unwrap();
    assert_eq!(p.num_permits(), 3);
    // The extra permit went to the next in line.
    assert_eq!(small.wakes(), 1);
    assert_ready!(small).unwrap().forget();
}

#[test]
fn cancelled_waiter_returns_partial_permits_and_unblocks_next() {
    let s = Semaphore::new(2);
    let mut big = task(s.acquire_many(5));
    let mut small = task(s.acquire());
    assert_pending!(big);
    assert_pending!(small);
    assert_eq!(s.available_permits(), 0);
    drop(big);
    // Two partial permits come back: one to `small`, one to the pool.
    assert_eq!(small.wakes(), 1);
    assert_ready!(small).unwrap().forget();
    assert_eq!(s.available_permits(), 1);
}

#[test]
fn cancelled_after_being_served_returns_permits() {
    let s = Semaphore::new(0);
    let mut a = task(s.acquire_many(2));
    assert_pending!(a);
    s.add_permits(2);
    assert!(a.is_woken());
    drop(a);
    assert_eq!(s.available_permits(), 2);
}

#[test]
fn close_fails_waiters_and_later_acquires() {
    let s = Semaphore::new(0);
    let mut a = task(s.acquire());
    assert_pending!(a);
    s.close();
    assert!(s.is_closed());
    assert_eq!(a.wakes(), 1);
    assert_eq!(
        assert_ready!(a).unwrap_err().to_string(),
        "semaphore closed"
    );
    assert_eq!(s.try_acquire().unwrap_err(), TryAcquireError::Closed);
    let mut b = task(s.acquire());
    let err: AcquireError = assert_ready!(b).unwrap_err();
    assert_eq!(err.to_string(), "semaphore closed");
}

#[test]
fn close_keeps_held_permits_valid() {
    let s = Semaphore::new(1);
    let p = s.try_acquire().unwrap();
    s.close();
    drop(p);
    assert_eq!(s.available_permits(), 1);
    assert!(s.try_acquire().unwrap_err().is_closed());
}

#[test]
fn forget_merge_split() {
    let s = Semaphore::new(5);
    let mut p = s.try_acquire_many(2).unwrap();
    p.merge(s.try_acquire().unwrap());
    assert_eq!(p.num_permits(), 3);
    let q = p.split(2).unwrap();
    assert_eq!((p.num_permits(), q.num_permits()), (1, 2));
    assert!(p.split(2).is_none());
    q.forget();
    assert_eq!(s.available_permits(), 2);
    drop(p);
    assert_eq!(s.available_permits(), 3);
    assert_eq!(s.forget_permits(10), 3);
    assert_eq!(s.available_permits(), 0);
}

#[test]
#[should_panic(expected = "different semaphore")]
fn merge_from_other_semaphore_panics() {
    let a = Semaphore::new(1);
    let b = Semaphore::new(1);
    let mut p = a.try_acquire().unwrap();
    p.merge(b.try_acquire().unwrap());
}

#[test]
fn owned_permits() {
    let s = Arc::new(Semaphore::new(2));
    let mut p = s.clone().try_acquire_owned().unwrap();
    let q = support::block_on(s.clone().acquire_owned()).unwrap();
    assert!(Arc::ptr_eq(p.semaphore(), &s));
    assert!(
        s.clone()
            .try_acquire_many_owned(1)
            .unwrap_err()
            .is_no_permits()
    );
    p.merge(q);
    assert_eq!(p.num_permits(), 2);
    let r = p.split(1).unwrap();
    drop(p);
    assert_eq!(s.available_permits(), 1);
    r.forget();
    assert_eq!(s.available_permits(), 1);
    let mut w = task(s.clone().acquire_many_owned(2));
    assert_pending!(w);
    s.add_permits(1);
    assert_eq!(assert_ready!(w).unwrap().num_permits(), 2);
}

#[test]
fn const_new_in_static() {
    static SEM: Semaphore = Semaphore::const_new(2);
    let p = SEM.try_acquire().unwrap();
    assert_eq!(SEM.available_permits(), 1);
    drop(p);
}

#[test]
fn contended_threads_never_exceed_limit() {
    let s = Arc::new(Semaphore::new(2));
    let inside = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let s = s.clone();
            let inside = inside.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let _p = support::block_on(s.acquire()).unwrap();
                    let n = inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    assert!(n < 2, "more holders than permits");
                    inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(s.available_permits(), 2);
}
