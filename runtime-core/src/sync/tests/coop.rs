//! Every wait in `sync` takes a unit of the cooperative budget when it
//! completes, and yields (waking itself) once the budget is spent.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use crate::sync::{Semaphore, broadcast, mpsc, oneshot, watch};
use crate::task::coop;

struct CountWake(AtomicUsize);

impl Wake for CountWake {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Runs `op` (one ready operation per call) repeatedly inside one budgeted
/// task poll; returns how many completed before one yielded, and how many
/// times the task was woken.
fn ready_ops_before_yield(mut op: impl FnMut(&mut Context<'_>) -> Poll<()>) -> (usize, usize) {
    let wakes = Arc::new(CountWake(AtomicUsize::new(0)));
    let waker = Waker::from(wakes.clone());
    let mut cx = Context::from_waker(&waker);
    let done = coop::budget(|| {
        let mut done = 0;
        while op(&mut cx).is_ready() {
            done += 1;
        }
        done
    });
    (done, wakes.0.load(Ordering::SeqCst))
}

/// Polls a fresh future from `make` once.
fn poll_once<F: Future>(cx: &mut Context<'_>, fut: F) -> Poll<()> {
    pin!(fut).poll(cx).map(|_| ())
}

#[test]
fn mpsc_recv_spends_budget() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    for i in 0..1000 {
        tx.send(i).unwrap();
    }
    let (done, wakes) = ready_ops_before_yield(|cx| rx.poll_recv(cx).map(|_| ()));
    assert_eq!(done, coop::BUDGET as usize);
    assert_eq!(wakes, 1);
    // Nothing was lost by the yield.
    assert_eq!(rx.len(), 1000 - coop::BUDGET as usize);
}

#[test]
fn bounded_send_spends_budget() {
    let (tx, _rx) = mpsc::channel(1000);
    let (done, wakes) = ready_ops_before_yield(|cx| poll_once(cx, tx.send(1)));
    assert_eq!(done, coop::BUDGET as usize);
    assert_eq!(wakes, 1);
    assert_eq!(tx.capacity(), 1000 - coop::BUDGET as usize);
}

#[test]
fn semaphore_acquire_spends_budget() {
    let sem = Semaphore::new(10);
    let (done, wakes) = ready_ops_before_yield(|cx| poll_once(cx, sem.acquire()));
    assert_eq!(done, coop::BUDGET as usize);
    assert_eq!(wakes, 1);
    assert_eq!(sem.available_permits(), 10);
}

#[test]
fn broadcast_and_oneshot_spend_budget() {
    let (tx, mut rx) = broadcast::channel(256);
    for i in 0..200 {
        tx.send(i).unwrap();
    }
    let (done, _) = ready_ops_before_yield(|cx| poll_once(cx, rx.recv()));
    assert_eq!(done, coop::BUDGET as usize);

    let wakes = Arc::new(CountWake(AtomicUsize::new(0)));
    let waker = Waker::from(wakes.clone());
    let mut cx = Context::from_waker(&waker);
    let (otx, mut orx) = oneshot::channel();
    otx.send(1).unwrap();
    coop::budget(|| {
        for _ in 0..coop::BUDGET {
            let _ = pin!(coop::consume_budget()).poll(&mut cx);
        }
        assert!(Pin::new(&mut orx).poll(&mut cx).is_pending());
    });
    assert_eq!(orx.try_recv(), Ok(1));
}

#[test]
fn watch_waits_that_need_not_wait_still_spend_budget() {
    // A value that already matches.
    let (tx, mut rx) = watch::channel(1);
    let (done, wakes) = ready_ops_before_yield(|cx| poll_once(cx, rx.wait_for(|v| *v == 1)));
    assert_eq!((done, wakes), (coop::BUDGET as usize, 1));
    // A closed channel: `wait_for` and `changed` fail at once.
    drop(tx);
    let (done, _) = ready_ops_before_yield(|cx| poll_once(cx, rx.wait_for(|v| *v == 2)));
    assert_eq!(done, coop::BUDGET as usize);
    let (done, _) = ready_ops_before_yield(|cx| poll_once(cx, rx.changed()));
    assert_eq!(done, coop::BUDGET as usize);
    // Every receiver already gone.
    let (tx, rx) = watch::channel(());
    drop(rx);
    let (done, wakes) = ready_ops_before_yield(|cx| poll_once(cx, tx.closed()));
    assert_eq!((done, wakes), (coop::BUDGET as usize, 1));
}

#[test]
fn acquire_out_of_budget_keeps_its_place_in_the_queue() {
    let sem = Semaphore::new(1);
    let held = sem.try_acquire().unwrap();
    let wakes_a = Arc::new(CountWake(AtomicUsize::new(0)));
    let waker_a = Waker::from(wakes_a.clone());
    let wakes_b = Arc::new(CountWake(AtomicUsize::new(0)));
    let waker_b = Waker::from(wakes_b.clone());
    let mut a = pin!(sem.acquire());
    let mut b = pin!(sem.acquire());
    // `a` polls with its budget spent: it still queues first.
    coop::budget(|| {
        for _ in 0..coop::BUDGET {
            let _ = pin!(coop::consume_budget()).poll(&mut Context::from_waker(&waker_a));
        }
        assert!(
            a.as_mut()
                .poll(&mut Context::from_waker(&waker_a))
                .is_pending()
        );
    });
    let before = wakes_a.0.load(Ordering::SeqCst);
    assert!(
        b.as_mut()
            .poll(&mut Context::from_waker(&waker_b))
            .is_pending()
    );
    drop(held);
    // The permit goes to `a`, the first in line.
    assert_eq!(wakes_a.0.load(Ordering::SeqCst), before + 1);
    assert_eq!(wakes_b.0.load(Ordering::SeqCst), 0);
    let Poll::Ready(Ok(permit_a)) = a.as_mut().poll(&mut Context::from_waker(&waker_a)) else {
        panic!("`a` was granted the permit");
    };
    assert!(
        b.as_mut()
            .poll(&mut Context::from_waker(&waker_b))
            .is_pending()
    );
    drop(permit_a);
    assert_eq!(wakes_b.0.load(Ordering::SeqCst), 1);
}

#[test]
fn acquire_deferred_by_the_budget_holds_its_permits_until_done_or_dropped() {
    let sem = Semaphore::new(3);
    let waker = Waker::from(Arc::new(CountWake(AtomicUsize::new(0))));
    let mut cx = Context::from_waker(&waker);
    {
        let mut acq = pin!(sem.acquire_many(2));
        coop::budget(|| {
            for _ in 0..coop::BUDGET {
                let _ = pin!(coop::consume_budget()).poll(&mut cx);
            }
            assert!(acq.as_mut().poll(&mut cx).is_pending());
        });
        // Acquired, not yet handed out: nobody else can take them.
        assert_eq!(sem.available_permits(), 1);
        // The next poll, with budget, completes without acquiring again.
        let permit = match acq.as_mut().poll(&mut cx) {
            Poll::Ready(Ok(p)) => p,
            other => panic!("expected the permits, got {:?}", other.map(|r| r.is_ok())),
        };
        assert_eq!((permit.num_permits(), sem.available_permits()), (2, 1));
    }
    assert_eq!(sem.available_permits(), 3);
    // Dropped while deferred: the permits go back.
    {
        let mut acq = pin!(sem.acquire_many(2));
        coop::budget(|| {
            for _ in 0..coop::BUDGET {
                let _ = pin!(coop::consume_budget()).poll(&mut cx);
            }
            assert!(acq.as_mut().poll(&mut cx).is_pending());
        });
        assert_eq!(sem.available_permits(), 1);
    }
    assert_eq!(sem.available_permits(), 3);
    // Closed while deferred: the close wins and the permits go back.
    let mut acq = pin!(sem.acquire_many(2));
    coop::budget(|| {
        for _ in 0..coop::BUDGET {
            let _ = pin!(coop::consume_budget()).poll(&mut cx);
        }
        assert!(acq.as_mut().poll(&mut cx).is_pending());
    });
    sem.close();
    assert!(matches!(acq.as_mut().poll(&mut cx), Poll::Ready(Err(_))));
    assert_eq!(sem.available_permits(), 3);
}
