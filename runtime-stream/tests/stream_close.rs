//! `StreamNotifyClose`.

mod support;

use std::task::Poll;

use runtime_stream::{self as stream, Stream, StreamNotifyClose};
use support::{Scripted, Task, end, item, pending};

#[test]
fn wraps_items_then_announces_the_end_once() {
    let task = Task::new();
    let (inner, counters) = Scripted::new([item(1), pending(), item(2), end(), item(3)]);
    let mut s = StreamNotifyClose::new(inner.with_size_hint(2, Some(2)));
    assert_eq!(s.size_hint(), (3, Some(3)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(Some(1))));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(Some(2))));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(None)));
    // The inner stream is dropped at its end and never polled again.
    assert_eq!(counters.drops(), 1);
    assert_eq!(s.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    assert_eq!(counters.polls(), 4);
    assert!(s.into_inner().is_none());
}

#[test]
fn into_inner_before_the_end_returns_the_stream() {
    let task = Task::new();
    let mut s = StreamNotifyClose::new(stream::iter(vec![1, 2]));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(Some(1))));
    let mut inner = s.into_inner().expect("not ended yet");
    assert_eq!(task.poll_next(&mut inner), Poll::Ready(Some(2)));
}

#[test]
fn empty_inner_stream_yields_just_the_close() {
    let task = Task::new();
    let mut s = StreamNotifyClose::new(stream::empty::<u8>());
    assert_eq!(s.size_hint(), (1, Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(None)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn size_hint_overflow_has_no_upper_bound() {
    let s = StreamNotifyClose::new(stream::iter(0..usize::MAX));
    assert_eq!(s.size_hint(), (usize::MAX, None));
}
