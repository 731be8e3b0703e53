//! The channel wrappers: `ReceiverStream`, `UnboundedReceiverStream`,
//! `BroadcastStream`, `WatchStream`. The channels work with any executor,
//! so these tests step them by hand or with `block_on`.

mod support;

use std::pin::pin;
use std::task::Poll;

use futures::executor::block_on;
use runtime_core::sync::mpsc;
use runtime_stream::wrappers::{ReceiverStream, UnboundedReceiverStream};
use runtime_stream::{Stream, StreamExt};
use support::Task;

#[test]
fn receiver_stream_yields_messages_then_ends_when_senders_drop() {
    let task = Task::new();
    let (tx, rx) = mpsc::channel(4);
    let mut s = ReceiverStream::new(rx);
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    assert_eq!(s.size_hint(), (0, None));

    tx.try_send(1).unwrap();
    assert_eq!(task.wakes(), 1);
    tx.try_send(2).unwrap();
    assert_eq!(s.size_hint(), (2, None));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
    assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(2)));
    assert_eq!(task.poll_next(&mut s), Poll::Pending);

    drop(tx);
    assert_eq!(task.wakes(), 2);
    assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
}

#[test]
fn receiver_stream_close_drains_buffered_messages() {
    let (tx, rx) = mpsc::channel(4);
    let mut s = ReceiverStream::from(rx);
    tx.try_send("a").unwrap();
    tx.try_send("b").unwrap();
    s.close();
    assert!(tx.try_send("c").is_err());
    assert_eq!(s.size_hint(), (2, Some(2)));
    let items: Vec<&str> = block_on(s.collect());
    assert_eq!(items, ["a", "b"]);
}

#[test]
fn receiver_stream_size_hint_counts_reserved_permits_once_closed() {
    let (tx, rx) = mpsc::channel::<u8>(4);
    let mut s = ReceiverStream::new(rx);
    tx.try_send(1).unwrap();
    let permit = tx.try_reserve().unwrap();
    s.close();
    // One buffered, one more may still come through the permit.
    assert_eq!(s.size_hint(), (1, Some(2)));
    permit.send(2);
    let items: Vec<u8> = block_on(s.collect());
    assert_eq!(items, [1, 2]);
}

#[test]
fn receiver_stream_gives_the_receiver_back() {
    let (tx, rx) = mpsc::channel(1);
    let mut s = ReceiverStream::new(rx);
    tx.try_send(5).unwrap();
    assert_eq!(s.as_ref().len(), 1);
    assert_eq!(s.as_mut().try_recv(), Ok(5));
    let mut rx = s.into_inner();
    drop(tx);
    assert_eq!(block_on(rx.recv()), None);
}

#[test]
fn unbounded_receiver_stream_yields_messages_then_ends() {
    let task = Task::new();
    let (tx, rx) = mpsc::unbounded_channel();
    let mut s = UnboundedReceiverStream::new(rx);
    assert_eq!(task.poll_next(&mut s), Poll::Pending);
    for i in 0..3 {
        tx.send(i).unwrap();
    }
    assert_eq!(task.wakes(), 1);
    assert_eq!(s.size_hint(), (3, None));
    drop(tx);
    assert_eq!(s.size_hint(), (3, Some(3)));
    let items: Vec<i32> = block_on(s.collect());
    assert_eq!(items, [0, 1, 2]);
}

#[test]
fn unbounded_receiver_stream_close_and_accessors() {
    let (tx, rx) = mpsc::unbounded_channel();
    let mut s: UnboundedReceiverStream<u8> = rx.into();
    tx.send(1).unwrap();
    s.close();
    assert!(tx.send(2).is_err());
    assert!(s.as_ref().is_closed());
    assert_eq!(s.as_mut().try_recv(), Ok(1));
    let mut rx = s.into_inner();
    assert_eq!(block_on(rx.recv()), None);
}

#[test]
fn receiver_stream_in_a_select_loses_nothing() {
    // `next()` on a ReceiverStream is cancel safe: dropping it while
    // pending leaves the next message for the next call.
    let task = Task::new();
    let (tx, rx) = mpsc::channel(1);
    let mut s = ReceiverStream::new(rx);
    {
        let next = pin!(s.next());
        assert_eq!(task.poll_fut(next), Poll::Pending);
    }
    tx.try_send(9).unwrap();
    assert_eq!(block_on(s.next()), Some(9));
}

#[cfg(feature = "sync")]
mod broadcast_and_watch {
    use runtime_core::sync::{broadcast, watch};
    use runtime_stream::wrappers::errors::BroadcastStreamRecvError;
    use runtime_stream::wrappers::{BroadcastStream, WatchStream};

    use super::*;

    #[test]
    fn broadcast_stream_yields_values_in_order() {
        let task = Task::new();
        let (tx, rx) = broadcast::channel(8);
        let mut s = BroadcastStream::new(rx);
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
        tx.send(1).unwrap();
        tx.send(2).unwrap();
        assert!(task.wakes() >= 1);
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(Ok(1))));
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(Ok(2))));
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
        drop(tx);
        assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    }

    #[test]
    fn broadcast_stream_reports_lag_as_an_item_and_carries_on() {
        let (tx, rx) = broadcast::channel(2);
        let s = BroadcastStream::from(rx);
        for value in 0..5 {
            tx.send(value).unwrap();
        }
        drop(tx);
        let items: Vec<_> = block_on(s.collect());
        assert_eq!(
            items,
            [Err(BroadcastStreamRecvError::Lagged(3)), Ok(3), Ok(4)]
        );
    }

    #[test]
    fn broadcast_stream_recv_error_displays_the_count() {
        let err = BroadcastStreamRecvError::Lagged(7);
        assert_eq!(err.to_string(), "channel lagged by 7");
        let _: &dyn std::error::Error = &err;
    }

    #[test]
    fn watch_stream_new_yields_the_current_value_first() {
        let task = Task::new();
        let (tx, rx) = watch::channel(0);
        let mut s = WatchStream::new(rx);
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(0)));
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
        tx.send(1).unwrap();
        assert_eq!(task.wakes(), 1);
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(1)));
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
        drop(tx);
        assert_eq!(task.poll_next(&mut s), Poll::Ready(None));
    }

    #[test]
    fn watch_stream_skips_values_overwritten_before_the_poll() {
        let (tx, rx) = watch::channel("a");
        let mut s = WatchStream::new(rx);
        tx.send("b").unwrap();
        tx.send("c").unwrap();
        assert_eq!(block_on(s.next()), Some("c"));
        drop(tx);
        assert_eq!(block_on(s.next()), None);
    }

    #[test]
    fn watch_stream_from_changes_waits_for_a_change() {
        let task = Task::new();
        let (tx, rx) = watch::channel(10);
        let mut s = WatchStream::from_changes(rx);
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
        tx.send(11).unwrap();
        assert_eq!(task.poll_next(&mut s), Poll::Ready(Some(11)));
        assert_eq!(task.poll_next(&mut s), Poll::Pending);
    }

    #[test]
    fn watch_stream_from_changes_sees_an_unseen_initial_change() {
        let (tx, mut rx) = watch::channel(1);
        rx.mark_changed();
        let mut s = WatchStream::from_changes(rx);
        assert_eq!(block_on(s.next()), Some(1));
        drop(tx);
        assert_eq!(block_on(s.next()), None);
    }
}
