//! `sync::ReusableBoxFuture`: replacing the future in place, falling back to
//! a new box, polling through every entry point, and its auto traits.

use std::cell::Cell;
use std::future::{Future, pending, ready};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use runtime_test::task;
use runtime_util::sync::ReusableBoxFuture;

fn address<T>(boxed: &mut ReusableBoxFuture<'_, T>) -> usize {
    let pin = boxed.get_pin();
    (&*pin as *const (dyn Future<Output = T> + Send)).cast::<()>() as usize
}

/// A future that is pending until `release` is set, counting its polls.
struct Gate {
    polls: Arc<AtomicUsize>,
    release: Arc<AtomicUsize>,
    value: u32,
}

impl Future for Gate {
    type Output = u32;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls.fetch_add(1, Ordering::SeqCst);
        if self.release.load(Ordering::SeqCst) > 0 {
            Poll::Ready(self.value)
        } else {
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[test]
fn set_with_the_same_type_keeps_the_address() {
    let mut boxed = ReusableBoxFuture::new(ready(String::from("one")));
    let first = address(&mut boxed);
    for word in ["two", "three", "four"] {
        boxed.set(ready(String::from(word)));
        assert_eq!(address(&mut boxed), first);
    }
    let mut run = task::spawn(boxed);
    assert_eq!(run.poll(), Poll::Ready(String::from("four")));
}

#[test]
fn try_set_gives_a_future_of_another_layout_back_untouched() {
    let mut boxed = ReusableBoxFuture::new(ready(1u8));
    let before = address(&mut boxed);

    let polled = Arc::new(AtomicUsize::new(0));
    let wide = [3u64; 16];
    let flag = polled.clone();
    let larger = async move {
        flag.fetch_add(1, Ordering::SeqCst);
        wide.iter().sum::<u64>() as u8
    };
    let larger = boxed.try_set(larger).unwrap_err();
    assert_eq!(polled.load(Ordering::SeqCst), 0);
    assert_eq!(address(&mut boxed), before);

    // The stored future is still the first one.
    let mut cx = Context::from_waker(std::task::Waker::noop());
    assert_eq!(boxed.poll(&mut cx), Poll::Ready(1));

    // The returned future is the very one we passed: it still runs.
    let mut run = task::spawn(larger);
    assert_eq!(run.poll(), Poll::Ready(48));
    assert_eq!(polled.load(Ordering::SeqCst), 1);
}

#[test]
fn set_falls_back_to_a_new_box_when_the_layout_differs() {
    let mut boxed = ReusableBoxFuture::new(pending::<u64>());
    let wide = [1u64; 32];
    boxed.set(async move { wide.iter().sum::<u64>() });
    let mut run = task::spawn(boxed);
    assert_eq!(run.poll(), Poll::Ready(32));
}

#[test]
fn the_old_future_is_dropped_by_set_and_the_new_one_runs() {
    let (tx, rx) = futures::channel::oneshot::channel::<u32>();
    let mut boxed = ReusableBoxFuture::new(async move { rx.await.unwrap_or(0) });
    let mut cx = Context::from_waker(std::task::Waker::noop());
    assert_eq!(boxed.poll(&mut cx), Poll::Pending);

    boxed.set(async { 5 });
    // The receiver lived inside the old future: it is gone.
    assert!(tx.is_canceled());
    assert_eq!(boxed.poll(&mut cx), Poll::Ready(5));
}

#[test]
fn poll_get_pin_and_future_poll_reach_the_same_future() {
    let polls = Arc::new(AtomicUsize::new(0));
    let release = Arc::new(AtomicUsize::new(0));
    let gate = |value| Gate {
        polls: polls.clone(),
        release: release.clone(),
        value,
    };
    let mut boxed = ReusableBoxFuture::new(gate(1));
    let mut cx = Context::from_waker(std::task::Waker::noop());

    assert_eq!(boxed.poll(&mut cx), Poll::Pending);
    assert_eq!(boxed.get_pin().poll(&mut cx), Poll::Pending);
    assert_eq!(Pin::new(&mut boxed).poll(&mut cx), Poll::Pending);
    assert_eq!(polls.load(Ordering::SeqCst), 3);

    boxed.set(gate(2));
    release.store(1, Ordering::SeqCst);
    let mut run = task::spawn(boxed);
    assert_eq!(run.poll(), Poll::Ready(2));
    assert_eq!(polls.load(Ordering::SeqCst), 4);
}

#[test]
fn works_as_the_state_of_a_hand_written_stream() {
    async fn next_square(n: u64) -> u64 {
        n * n
    }

    let mut boxed = ReusableBoxFuture::new(next_square(0));
    let start = address(&mut boxed);
    let mut out = Vec::new();
    let mut cx = Context::from_waker(std::task::Waker::noop());
    for n in 1..=4 {
        match boxed.poll(&mut cx) {
            Poll::Ready(v) => out.push(v),
            Poll::Pending => unreachable!("next_square never waits"),
        }
        boxed.set(next_square(n));
        assert_eq!(address(&mut boxed), start);
    }
    assert_eq!(out, [0, 1, 4, 9]);
}

#[test]
fn is_send_sync_and_unpin_even_for_a_future_that_is_not_sync() {
    fn send_sync_unpin<T: Send + Sync + Unpin>(_: &T) {}
    // `Cell` makes the future `Send` but not `Sync`.
    let cell = Cell::new(1);
    let boxed = ReusableBoxFuture::new(async move { cell.get() });
    send_sync_unpin(&boxed);
}

#[test]
fn debug_names_the_type() {
    let boxed = ReusableBoxFuture::new(ready(()));
    assert_eq!(format!("{boxed:?}"), "ReusableBoxFuture");
}
