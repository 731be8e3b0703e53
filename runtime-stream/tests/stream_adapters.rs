//! The stream adapters of `StreamExt`: map, map_while, then, filter,
//! filter_map, fuse, take, take_while, skip, skip_while, chain, merge,
//! peekable. Each is stepped by hand over a scripted inner stream, checking
//! items, `Pending` pass-through, polls of the inner stream and size hints.

mod support;

use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use futures::executor::block_on;
use futures::stream::FusedStream;
use runtime_stream::{self as stream, Stream, StreamExt};
use support::{Scripted, Task, end, item, pending};

#[test]
fn map_transforms_each_item_and_passes_pending_through() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), pending(), item(2), end()]);
    let mut s = inner.with_size_hint(2, Some(5)).map(|x| x * 10);
    assert_eq!(s.size_hint(), (2, Some(5)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(10)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(20)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 4);
    drop(s);
    assert_eq!(counters.drops(), 1);
}

#[test]
fn map_calls_the_closure_once_per_item() {
    let mut calls = 0;
    let out: Vec<String> = block_on(
        stream::iter(vec!["a", "b", "c"])
            .map(|s| {
                calls += 1;
                s.to_uppercase()
            })
            .collect(),
    );
    assert_eq!(out, ["A", "B", "C"]);
    assert_eq!(calls, 3);
}

#[test]
fn map_while_stops_at_first_none_and_stays_ended() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), item(2), item(-1), item(3)]);
    let mut s = inner
        .with_size_hint(4, Some(4))
        .map_while(|x: i32| u32::try_from(x).ok());
    assert_eq!(s.size_hint(), (0, Some(4)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
    assert!(s.is_terminated());
    assert_eq!(s.size_hint(), (0, Some(0)));
    // As tokio-stream 0.1.19: the inner stream is not polled again, so its
    // trailing `3` is never seen.
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn map_while_ends_with_the_inner_stream_and_passes_pending_through() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), pending(), end()]);
    let mut s = inner.map_while(Some);
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert!(s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn then_runs_one_future_per_item_in_order() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), item(2), end()]);
    // Each future returns `Pending` once (waking its task) before it
    // resolves, to check that the adapter keeps the future across polls.
    let mut s = inner
        .with_size_hint(2, Some(2))
        .then(|x| YieldOnce::new(x * 100));
    assert_eq!(s.size_hint(), (2, Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.wakes(), 1);
    // One future in flight counts as one more item to come.
    assert_eq!(s.size_hint(), (3, Some(3)));
    assert_eq!(counters.polls(), 1);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(100)));
    // The second item is not pulled until the first future is done.
    assert_eq!(counters.polls(), 1);
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(counters.polls(), 2);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(200)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn then_with_async_closure_under_an_executor() {
    let out: Vec<usize> = block_on(
        stream::iter(vec!["a", "bb", "ccc"])
            .then(|s| async move { s.len() })
            .collect(),
    );
    assert_eq!(out, [1, 2, 3]);
}

#[test]
fn filter_skips_rejected_items_within_one_poll() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), item(2), item(3), pending(), item(4), end()]);
    let mut s = inner.with_size_hint(3, Some(9)).filter(|x| x % 2 == 0);
    assert_eq!(s.size_hint(), (0, Some(9)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(counters.polls(), 2);
    // 3 is dropped, then the inner stream is pending.
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(counters.polls(), 4);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(4)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn filter_map_keeps_only_some() {
    let out: Vec<i32> = block_on(
        stream::iter(vec!["1", "x", "3", "", "5"])
            .filter_map(|s| s.parse().ok())
            .collect(),
    );
    assert_eq!(out, [1, 3, 5]);

    let task = Task::new();
    let (inner, _) = Scripted::new([item("no"), pending(), item("7")]);
    let mut s = inner
        .with_size_hint(1, Some(2))
        .filter_map(|s: &str| s.parse::<u8>().ok());
    assert_eq!(s.size_hint(), (0, Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(7)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn fuse_never_polls_the_inner_stream_after_its_end() {
    let task = Task::new();
    // Without fuse, this stream would yield 2 after its `None`.
    let (inner, counters) = Scripted::new([item(1), pending(), end(), item(2)]);
    let mut s = inner.with_size_hint(1, Some(3)).fuse();
    assert_eq!(s.size_hint(), (1, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    // The inner stream is dropped as soon as it ends.
    assert_eq!(counters.drops(), 1);
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn take_stops_polling_after_n_items() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item('a'), pending(), item('b'), item('c')]);
    let mut s = inner.with_size_hint(3, None).take(2);
    assert_eq!(s.size_hint(), (2, Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some('a')));
    assert_eq!(s.size_hint(), (1, Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some('b')));
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn take_of_a_short_stream_and_take_zero() {
    let out: Vec<i32> = block_on(stream::iter(vec![1, 2]).take(10).collect());
    assert_eq!(out, [1, 2]);

    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1)]);
    let mut s = inner.take(0);
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 0);

    // The size hint is capped by the inner stream's own.
    let s = stream::iter(vec![1, 2]).take(10);
    assert_eq!(s.size_hint(), (2, Some(2)));
}

#[test]
fn take_while_drops_the_failing_item_and_stops() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), item(2), item(9), item(3)]);
    let mut s = inner.with_size_hint(4, Some(4)).take_while(|x| *x < 5);
    assert_eq!(s.size_hint(), (0, Some(4)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn take_while_ends_with_the_inner_stream() {
    let out: Vec<i32> = block_on(stream::iter(vec![1, 2]).take_while(|_| true).collect());
    assert_eq!(out, [1, 2]);
}

#[test]
fn skip_drops_the_first_n_items() {
    let task = Task::new();
    let (inner, _) = Scripted::new([item(1), pending(), item(2), item(3), item(4), end()]);
    let mut s = inner.with_size_hint(4, Some(4)).skip(2);
    assert_eq!(s.size_hint(), (2, Some(2)));
    // Skips 1, then the inner stream is pending: the count is kept.
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(4)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));

    let out: Vec<i32> = block_on(stream::iter(vec![1, 2]).skip(5).collect());
    assert!(out.is_empty());
    assert_eq!(stream::iter(vec![1, 2]).skip(5).size_hint(), (0, Some(0)));
}

#[test]
fn skip_while_stops_calling_the_predicate_once_it_fails() {
    let mut calls = 0;
    let out: Vec<i32> = block_on(
        stream::iter(vec![1, 2, 5, 1, 7])
            .skip_while(|x| {
                calls += 1;
                *x < 3
            })
            .collect(),
    );
    assert_eq!(out, [5, 1, 7]);
    assert_eq!(calls, 3);

    let task = Task::new();
    let (inner, _) = Scripted::new([item(1), pending(), item(4), end()]);
    let mut s = inner.with_size_hint(3, Some(3)).skip_while(|x| *x < 3);
    assert_eq!(s.size_hint(), (0, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(4)));
    // Done skipping: the inner hint passes through.
    assert_eq!(s.size_hint(), (3, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn chain_yields_the_first_then_the_second() {
    let task = Task::new();
    let (a, a_counters) = Scripted::new([item(1), pending(), end(), item(99)]);
    let (b, b_counters) = Scripted::new([item(2), end()]);
    let mut s = a
        .with_size_hint(1, Some(2))
        .chain(b.with_size_hint(1, Some(1)));
    assert_eq!(s.size_hint(), (2, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(b_counters.polls(), 0);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    // The first stream is fused: its 99 is never seen, and it was dropped.
    assert_eq!(a_counters.polls(), 3);
    assert_eq!(a_counters.drops(), 1);
    assert_eq!(b_counters.polls(), 2);
}

#[test]
fn chain_size_hint_overflow_gives_no_upper_bound() {
    let s = stream::iter(0..usize::MAX).chain(stream::iter(0..2));
    assert_eq!(s.size_hint(), (usize::MAX, None));
}

#[test]
fn merge_alternates_which_side_goes_first() {
    let out: Vec<i32> = block_on(
        stream::iter(vec![1, 3, 5])
            .merge(stream::iter(vec![2, 4, 6]))
            .collect(),
    );
    assert_eq!(out, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn merge_ends_only_when_both_sides_end() {
    let task = Task::new();
    let (a, a_counters) = Scripted::new([end(), item(100)]);
    let (b, b_counters) = Scripted::new([pending(), item(1), pending(), end()]);
    let mut s = a
        .with_size_hint(0, Some(0))
        .merge(b.with_size_hint(1, Some(1)));
    assert_eq!(s.size_hint(), (1, Some(1)));
    // a ends, b pending.
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    // a was fused after its end: its 100 never appears.
    assert_eq!(a_counters.polls(), 1);
    assert_eq!(b_counters.polls(), 4);
}

#[test]
fn merge_does_not_let_a_ready_side_starve_the_other() {
    let mut s = stream::iter(std::iter::repeat(0)).merge(stream::iter(std::iter::repeat(1)));
    let first: Vec<i32> = block_on(async {
        let mut v = Vec::new();
        for _ in 0..10 {
            v.push(s.next().await.unwrap());
        }
        v
    });
    assert_eq!(first, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
}

#[test]
fn peekable_peek_then_next_yields_the_same_item() {
    block_on(async {
        let (inner, counters) = Scripted::new([item(1), item(2), end()]);
        let mut s = inner.with_size_hint(2, Some(2)).peekable();
        assert_eq!(s.peek().await, Some(&1));
        assert_eq!(s.peek().await, Some(&1));
        assert_eq!(counters.polls(), 1);
        assert_eq!(s.size_hint(), (3, Some(3)));
        assert_eq!(s.next().await, Some(1));
        assert_eq!(counters.polls(), 1);
        assert_eq!(s.next().await, Some(2));
        assert_eq!(s.peek().await, None);
        assert_eq!(s.next().await, None);
        // Fused inside: the end is not polled twice.
        assert_eq!(counters.polls(), 3);
    });
}

#[test]
fn peekable_peek_is_cancel_safe() {
    let task = Task::new();
    let (inner, _) = Scripted::new([pending(), item(5), end()]);
    let mut s = inner.peekable();
    {
        let peek = pin!(s.peek());
        assert_eq!(task.poll_fut(peek), Poll::Pending);
        // Dropped while pending.
    }
    {
        let peek = pin!(s.peek());
        assert_eq!(task.poll_fut(peek), Poll::Ready(Some(&5)));
    }
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(5)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn adapters_compose() {
    let out: Vec<i32> = block_on(
        stream::iter(1..=20)
            .skip(1)
            .filter(|x| x % 2 == 0)
            .map(|x| x * 3)
            .take_while(|x| *x < 40)
            .chain(stream::once(-1))
            .collect(),
    );
    assert_eq!(out, [6, 12, 18, 24, 30, 36, -1]);
}

/// A future that returns `Pending` once (waking its task) and then its
/// value.
struct YieldOnce<T> {
    value: Option<T>,
    yielded: bool,
}

impl<T> YieldOnce<T> {
    fn new(value: T) -> Self {
        YieldOnce {
            value: Some(value),
            yielded: false,
        }
    }
}

impl<T> Unpin for YieldOnce<T> {}

impl<T> Future for YieldOnce<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if !self.yielded {
            self.yielded = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.value.take().expect("polled after completion"))
    }
}

#[test]
fn merge_registers_interest_in_both_sides() {
    use runtime_core::sync::mpsc;
    use runtime_stream::wrappers::UnboundedReceiverStream;

    let task = Task::new();
    let (tx_a, rx_a) = mpsc::unbounded_channel();
    let (tx_b, rx_b) = mpsc::unbounded_channel();
    let mut s = UnboundedReceiverStream::new(rx_a).merge(UnboundedReceiverStream::new(rx_b));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    // Either side waking is enough.
    tx_b.send("b").unwrap();
    assert_eq!(task.wakes(), 1);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some("b")));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    tx_a.send("a").unwrap();
    assert_eq!(task.wakes(), 2);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some("a")));
    // One side ending is not the end of the merge.
    drop(tx_a);
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    drop(tx_b);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn chain_waits_on_the_second_stream_after_the_first_ends() {
    use runtime_core::sync::mpsc;
    use runtime_stream::wrappers::UnboundedReceiverStream;

    let task = Task::new();
    let (tx, rx) = mpsc::unbounded_channel();
    let mut s = stream::iter(vec![1]).chain(UnboundedReceiverStream::new(rx));
    assert_eq!(s.size_hint(), (1, None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    tx.send(2).unwrap();
    assert_eq!(task.wakes(), 1);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    drop(tx);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}
