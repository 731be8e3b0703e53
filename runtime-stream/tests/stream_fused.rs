//! `FusedStream` on the adapters, as tokio-stream 0.1.19: `Fuse`, `Take`,
//! `TakeWhile`, `MapWhile` and `Merge` know by themselves when they have
//! ended; `Map`, `Filter`, `FilterMap`, `Skip`, `SkipWhile`, `Then` and
//! `Chain` (through its second stream) ask their fused inner stream.

mod support;

use std::future::{Future, ready};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::stream::FusedStream;
use runtime_stream::{self as stream, StreamExt};
use support::{Scripted, Task, end, item, pending};

/// A fused stream over `items` (through `Fuse`).
fn fused(items: Vec<i32>) -> impl FusedStream<Item = i32> + Unpin {
    stream::iter(items).fuse()
}

/// Polls `s` until it ends, checking `is_terminated` is false all along
/// and true at the end (and stays true after one more poll).
fn drain_checking_termination<S>(mut s: S) -> Vec<S::Item>
where
    S: FusedStream + Unpin,
    S::Item: std::fmt::Debug,
{
    let task = Task::new();
    let mut out = Vec::new();
    loop {
        assert!(!s.is_terminated());
        match task.poll_next(&mut s) {
            Poll::Ready(Some(x)) => out.push(x),
            Poll::Ready(None) => break,
            Poll::Pending => {}
        }
    }
    assert!(s.is_terminated());
    assert!(matches!(task.poll_next(&mut s), Poll::Ready(None)));
    assert!(s.is_terminated());
    out
}

#[test]
fn fuse_is_terminated_after_the_first_none_only() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), pending(), end(), item(2)]);
    let mut s = inner.fuse();
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert!(s.is_terminated());
    // The inner stream was dropped with its end.
    assert_eq!(counters.drops(), 1);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 3);
}

#[test]
fn map_filter_filter_map_follow_the_inner_stream() {
    assert_eq!(
        drain_checking_termination(fused(vec![1, 2]).map(|x| x * 2)),
        [2, 4]
    );
    assert_eq!(
        drain_checking_termination(fused(vec![1, 2, 3]).filter(|x| x % 2 == 1)),
        [1, 3]
    );
    assert_eq!(
        drain_checking_termination(fused(vec![1, 2, 3]).filter_map(|x| (x > 1).then_some(x))),
        [2, 3]
    );
    // Even when every item is filtered out, the adapter ends with the inner
    // stream.
    assert!(drain_checking_termination(fused(vec![1, 2]).filter(|_| false)).is_empty());
}

#[test]
fn skip_and_skip_while_follow_the_inner_stream() {
    assert_eq!(
        drain_checking_termination(fused(vec![1, 2, 3]).skip(1)),
        [2, 3]
    );
    assert!(drain_checking_termination(fused(vec![1, 2]).skip(5)).is_empty());
    assert_eq!(
        drain_checking_termination(fused(vec![1, 2, 3, 1]).skip_while(|x| *x < 2)),
        [2, 3, 1]
    );
}

#[test]
fn then_is_terminated_only_without_a_future_in_flight() {
    let s = fused(vec![1, 2]).then(|x| ready(x * 10));
    assert_eq!(drain_checking_termination(s), [10, 20]);

    // A pending future keeps `Then` alive even after its inner stream ended.
    let task = Task::new();
    let mut s = fused(vec![7]).then(|x| YieldOnce {
        value: Some(x),
        yielded: false,
    });
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(7)));
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert!(s.is_terminated());
}

#[test]
fn chain_is_terminated_once_both_streams_ended() {
    let task = Task::new();
    let mut s = fused(vec![1]).chain(fused(vec![2]));
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert!(s.is_terminated());

    // The first stream need not be fused itself.
    let (first, _) = Scripted::new([item(1), end()]);
    assert_eq!(drain_checking_termination(first.chain(fused(vec![]))), [1]);
}

#[test]
fn merge_is_terminated_once_both_sides_ended_whatever_they_are() {
    let (a, _) = Scripted::new([item(1), pending(), end()]);
    let (b, _) = Scripted::new([item(2), end()]);
    let out = drain_checking_termination(a.merge(b));
    assert_eq!(out.len(), 2);
}

#[test]
fn take_is_terminated_when_the_count_is_used_up_or_the_inner_ended() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), item(2), item(3)]);
    let mut s = inner.take(2);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert!(!s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    // Terminated as soon as the last item has been taken, before the
    // `None` is even asked for.
    assert!(s.is_terminated());
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 2);

    let (inner, _) = Scripted::new([item(1), end()]);
    assert_eq!(drain_checking_termination(inner.take(5)), [1]);

    let (inner, counters) = Scripted::new([item(1)]);
    let mut s = inner.take(0);
    assert!(s.is_terminated());
    assert_eq!(Task::new().poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 0);
}

#[test]
fn take_while_and_map_while_are_terminated_at_their_end() {
    let (inner, counters) = Scripted::new([item(1), pending(), item(5), item(2)]);
    assert_eq!(
        drain_checking_termination(inner.take_while(|x| *x < 3)),
        [1]
    );
    assert_eq!(counters.polls(), 3);

    let (inner, counters) = Scripted::new([item(1), item(5), item(2)]);
    assert_eq!(
        drain_checking_termination(inner.map_while(|x: i32| (x < 3).then_some(x))),
        [1]
    );
    assert_eq!(counters.polls(), 2);

    let (inner, _) = Scripted::new([item(1), end()]);
    assert_eq!(drain_checking_termination(inner.map_while(Some)), [1]);
}

#[cfg(feature = "time")]
#[test]
fn interval_stream_is_never_terminated() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .unwrap();
    rt.block_on(async {
        let mut s = runtime_stream::wrappers::IntervalStream::new(runtime_time::interval(
            std::time::Duration::from_millis(1),
        ));
        assert!(!s.is_terminated());
        assert!(s.next().await.is_some());
        assert!(!s.is_terminated());
    });
}

/// A future that returns `Pending` once (waking itself), then its value.
struct YieldOnce<T> {
    value: Option<T>,
    yielded: bool,
}

impl<T: Unpin> Future for YieldOnce<T> {
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
