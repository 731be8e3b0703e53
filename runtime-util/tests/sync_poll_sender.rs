//! `PollSender`: reservation state machine, closing, aborting, `Sink`.

use std::future::poll_fn;
use std::task::Poll;

use futures::SinkExt;
use runtime_core::sync::mpsc;
use runtime_test::task;
use runtime_util::sync::{PollSendError, PollSender};

#[test]
fn reserve_then_send() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let mut sender = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    // A held reservation is reported again without taking another slot.
    let mut again = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert_eq!(again.poll(), Poll::Ready(Ok(())));
    drop(again);
    assert_eq!(sender.get_ref().unwrap().capacity(), 1);
    sender.send_item(10).unwrap();
    assert_eq!(rx.try_recv(), Ok(10));
}

#[test]
fn full_channel_pends_until_a_slot_frees() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    futures::executor::block_on(sender.send(1)).unwrap();
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert!(reserve.poll().is_pending());
    assert!(!reserve.is_woken());
    assert_eq!(rx.try_recv(), Ok(1));
    assert!(reserve.is_woken());
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    sender.send_item(2).unwrap();
    assert_eq!(rx.try_recv(), Ok(2));
}

#[test]
#[should_panic(expected = "without first calling `poll_reserve`")]
fn send_item_without_reservation_panics() {
    let (tx, _rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    let _ = sender.send_item(1);
}

#[test]
fn receiver_dropped_fails_reserve_and_send() {
    let (tx, rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    assert!(!sender.is_closed());
    drop(rx);
    assert!(sender.is_closed());
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    match reserve.poll() {
        Poll::Ready(Err(e)) => {
            assert_eq!(e.to_string(), "channel closed");
            assert_eq!(e.into_inner(), None);
        }
        other => panic!("expected an error, got {other:?}"),
    }
    drop(reserve);
    let err = sender.send_item(5).unwrap_err();
    assert_eq!(err.into_inner(), Some(5));
}

#[test]
fn receiver_dropped_while_reserving_wakes_with_error() {
    let (tx, rx) = mpsc::channel::<u32>(1);
    tx.try_send(0).unwrap();
    let mut sender = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert!(reserve.poll().is_pending());
    drop(rx);
    assert!(reserve.is_woken());
    assert!(matches!(reserve.poll(), Poll::Ready(Err(_))));
}

#[test]
fn close_drops_the_sender_and_ends_the_channel() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    sender.close();
    assert!(sender.is_closed());
    assert!(sender.get_ref().is_none());
    assert_eq!(rx.try_recv(), Err(mpsc::error::TryRecvError::Disconnected));
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert!(matches!(reserve.poll(), Poll::Ready(Err(_))));
    drop(reserve);
    assert_eq!(sender.send_item(3).unwrap_err().into_inner(), Some(3));
}

#[test]
fn close_after_reserve_still_sends_the_reserved_item() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    sender.close();
    assert!(sender.get_ref().is_none());
    sender.send_item(9).unwrap();
    assert!(sender.is_closed());
    assert_eq!(rx.try_recv(), Ok(9));
    assert_eq!(rx.try_recv(), Err(mpsc::error::TryRecvError::Disconnected));
    assert_eq!(sender.send_item(1).unwrap_err().into_inner(), Some(1));
}

#[test]
fn abort_send_returns_the_reserved_slot() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    assert!(!sender.abort_send());
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    assert_eq!(sender.get_ref().unwrap().capacity(), 0);
    assert!(sender.abort_send());
    assert_eq!(sender.get_ref().unwrap().capacity(), 1);
    assert!(!sender.abort_send());
    // Usable again afterwards.
    futures::executor::block_on(sender.send(4)).unwrap();
    assert_eq!(rx.try_recv(), Ok(4));
}

#[test]
fn abort_send_cancels_a_pending_reservation() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    tx.try_send(0).unwrap();
    let mut sender = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert!(reserve.poll().is_pending());
    drop(reserve);
    assert!(sender.abort_send());
    assert_eq!(rx.try_recv(), Ok(0));
    // The freed slot was not taken by the aborted reservation.
    assert_eq!(sender.get_ref().unwrap().capacity(), 1);
    futures::executor::block_on(sender.send(1)).unwrap();
    assert_eq!(rx.try_recv(), Ok(1));
}

#[test]
fn abort_after_close_leaves_it_closed() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let mut sender = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    sender.close();
    assert!(sender.abort_send());
    assert!(sender.is_closed());
    assert_eq!(rx.try_recv(), Err(mpsc::error::TryRecvError::Disconnected));
}

#[test]
fn clone_starts_idle_and_clone_of_closed_is_closed() {
    let (tx, mut rx) = mpsc::channel::<u32>(2);
    let mut a = PollSender::new(tx);
    let mut reserve = task::spawn(poll_fn(|cx| a.poll_reserve(cx)));
    assert_eq!(reserve.poll(), Poll::Ready(Ok(())));
    drop(reserve);
    let mut b = a.clone();
    assert!(!b.abort_send());
    futures::executor::block_on(b.send(2)).unwrap();
    a.send_item(1).unwrap();
    assert_eq!(rx.try_recv(), Ok(2));
    assert_eq!(rx.try_recv(), Ok(1));

    a.close();
    let c = a.clone();
    assert!(c.is_closed());
    assert!(c.get_ref().is_none());
    // `b` still holds the channel open.
    assert!(!b.is_closed());
}

#[test]
fn sink_sends_in_order_and_close_ends_stream() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    let out = futures::executor::block_on(async move {
        let mut sink = PollSender::new(tx);
        let producer = async {
            for i in 0..5 {
                sink.send(i).await.unwrap();
            }
            SinkExt::close(&mut sink).await.unwrap();
        };
        let consumer = async {
            let mut got = Vec::new();
            while let Some(v) = rx.recv().await {
                got.push(v);
            }
            got
        };
        futures::join!(producer, consumer).1
    });
    assert_eq!(out, vec![0, 1, 2, 3, 4]);
}

#[test]
fn is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PollSender<u32>>();
    assert_send_sync::<PollSendError<u32>>();
}

#[test]
fn items_may_borrow_locals() {
    // No `T: 'static` bound: the items are references to locals, including
    // while a reservation is pending and when it is dropped unfinished.
    let data = [String::from("a"), String::from("b"), String::from("c")];
    let (tx, mut rx) = mpsc::channel::<&String>(1);
    let mut sender = PollSender::new(tx);
    runtime_test::block_on(async {
        sender.send(&data[0]).await.unwrap();
        let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
        assert!(reserve.poll().is_pending());
        assert_eq!(rx.recv().await, Some(&data[0]));
        assert!(reserve.is_woken());
        assert!(reserve.poll().is_ready());
        drop(reserve);
        sender.send_item(&data[1]).unwrap();
        assert_eq!(rx.recv().await, Some(&data[1]));
        // A reservation left pending, then the sender dropped with it.
        sender.send(&data[2]).await.unwrap();
        let mut reserve = task::spawn(poll_fn(|cx| sender.poll_reserve(cx)));
        assert!(reserve.poll().is_pending());
        drop(reserve);
        drop(sender);
        assert_eq!(rx.recv().await, Some(&data[2]));
        assert_eq!(rx.recv().await, None);
    });
}
