//! `task::spawn`: polling by hand with a waker that records and counts.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

use futures::StreamExt;
use runtime_test::{assert_pending, assert_ready, assert_ready_eq, task};

/// Pending until `ready` is set; counts its polls; keeps the last waker.
#[derive(Default)]
struct Gate {
    polls: Arc<AtomicUsize>,
    ready: bool,
    waker: Option<Waker>,
}

impl Future for Gate {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let n = self.polls.fetch_add(1, Ordering::SeqCst) + 1;
        if self.ready {
            Poll::Ready(n)
        } else {
            self.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

#[test]
fn poll_counts_and_wakes() {
    let mut gate = task::spawn(Gate::default());
    assert_eq!(gate.waker_ref_count(), 1);
    assert_pending!(gate.poll());
    assert_eq!(gate.polls.load(Ordering::SeqCst), 1);
    assert_eq!(gate.waker_ref_count(), 2);
    assert!(!gate.is_woken());

    gate.waker.as_ref().unwrap().wake_by_ref();
    assert!(gate.is_woken());
    gate.ready = true; // DerefMut: Gate is Unpin
    assert_ready_eq!(gate.poll(), 2);
    // Polling cleared the flag.
    assert!(!gate.is_woken());

    let inner = gate.into_inner();
    assert!(inner.ready);
}

#[test]
fn wake_by_value_and_drop_release_references() {
    let mut t = task::spawn(());
    let w1 = t.enter(|cx, _| cx.waker().clone());
    let w2 = w1.clone();
    assert_eq!(t.waker_ref_count(), 3);
    w1.wake();
    assert!(t.is_woken());
    assert_eq!(t.waker_ref_count(), 2);
    drop(w2);
    assert_eq!(t.waker_ref_count(), 1);
}

#[test]
fn enter_clears_the_flag() {
    let mut t = task::spawn(());
    let w = t.enter(|cx, _| cx.waker().clone());
    w.wake_by_ref();
    assert!(t.is_woken());
    t.enter(|_, _| ());
    assert!(!t.is_woken());
}

#[test]
fn wake_from_another_thread() {
    let mut t = task::spawn(());
    let w = t.enter(|cx, _| cx.waker().clone());
    std::thread::spawn(move || w.wake()).join().unwrap();
    assert!(t.is_woken());
    assert_eq!(t.waker_ref_count(), 1);
}

#[test]
fn streams_poll_next() {
    let mut s = task::spawn(futures::stream::iter([1, 2]));
    assert_eq!(assert_ready!(s.poll_next()), Some(1));
    assert_eq!(assert_ready!(s.poll_next()), Some(2));
    assert_eq!(assert_ready!(s.poll_next()), None);
}

#[test]
fn spawn_is_itself_a_future_and_a_stream() {
    let out = runtime_test::block_on(task::spawn(async { 5 }));
    assert_eq!(out, 5);
    let items: Vec<u8> =
        runtime_test::block_on(task::spawn(futures::stream::iter([7u8, 8])).collect());
    assert_eq!(items, [7, 8]);
    let s = task::spawn(futures::stream::iter([1, 2, 3]));
    assert_eq!(futures::Stream::size_hint(&s), (3, Some(3)));
}

#[test]
fn not_unpin_futures_are_fine() {
    let mut t = task::spawn(async {
        let x = [0u8; 8];
        futures::future::ready(()).await;
        x.len()
    });
    assert_ready_eq!(t.poll(), 8);
}

#[test]
fn block_on_waits_for_a_wake_from_another_thread() {
    let (tx, rx) = futures::channel::oneshot::channel();
    let thread = std::thread::spawn(move || tx.send(99).unwrap());
    assert_eq!(runtime_test::block_on(rx).unwrap(), 99);
    thread.join().unwrap();
}
