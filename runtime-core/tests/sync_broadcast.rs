//! Behaviour of `sync::broadcast`.

#[path = "support/hand_poll.rs"]
mod support;

use runtime_core::sync::broadcast::{
    self,
    error::{RecvError, SendError, TryRecvError},
};
use support::{block_on, task};

#[test]
#[should_panic(expected = "capacity cannot be zero")]
fn zero_capacity_panics() {
    let _ = broadcast::channel::<u8>(0);
}

#[test]
fn every_receiver_gets_every_value() {
    let (tx, mut a) = broadcast::channel(4);
    let mut b = tx.subscribe();
    assert_eq!(tx.send(1).unwrap(), 2);
    assert_eq!(tx.send(2).unwrap(), 2);
    assert_eq!(a.try_recv(), Ok(1));
    assert_eq!(a.try_recv(), Ok(2));
    assert_eq!(b.try_recv(), Ok(1));
    assert_eq!(b.try_recv(), Ok(2));
    assert_eq!(a.try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn lagged_receiver_skips_to_oldest() {
    let (tx, mut rx) = broadcast::channel(2);
    for i in 0..5 {
        tx.send(i).unwrap();
    }
    assert_eq!(rx.len(), 5);
    assert_eq!(block_on(rx.recv()), Err(RecvError::Lagged(3)));
    assert_eq!(block_on(rx.recv()), Ok(3));
    assert_eq!(block_on(rx.recv()), Ok(4));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn capacity_is_rounded_to_power_of_two() {
    let (tx, mut rx) = broadcast::channel(3);
    for i in 0..5 {
        tx.send(i).unwrap();
    }
    // Capacity 4: one value lost.
    assert_eq!(rx.try_recv(), Err(TryRecvError::Lagged(1)));
    assert_eq!(rx.try_recv(), Ok(1));
}

#[test]
fn new_subscriber_sees_only_later_values() {
    let (tx, mut a) = broadcast::channel(4);
    tx.send(1).unwrap();
    let mut b = tx.subscribe();
    let mut c = a.resubscribe();
    tx.send(2).unwrap();
    assert_eq!(a.try_recv(), Ok(1));
    assert_eq!(b.try_recv(), Ok(2));
    assert_eq!(c.try_recv(), Ok(2));
    assert_eq!(b.try_recv(), Err(TryRecvError::Empty));
}

#[test]
fn recv_waits_and_is_woken() {
    let (tx, mut rx) = broadcast::channel(2);
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    tx.send(8).unwrap();
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), Ok(8));
}

#[test]
fn closed_after_last_sender_and_drained() {
    let (tx, mut rx) = broadcast::channel(2);
    let tx2 = tx.clone();
    tx.send(1).unwrap();
    drop(tx);
    assert!(!rx.is_closed());
    drop(tx2);
    assert!(rx.is_closed());
    assert_eq!(block_on(rx.recv()), Ok(1));
    assert_eq!(block_on(rx.recv()), Err(RecvError::Closed));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
}

#[test]
fn pending_recv_is_woken_by_close() {
    let (tx, mut rx) = broadcast::channel::<u8>(2);
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    drop(tx);
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), Err(RecvError::Closed));
}

#[test]
fn send_without_receivers_fails() {
    let (tx, rx) = broadcast::channel(2);
    drop(rx);
    assert!(tx.is_closed());
    assert_eq!(tx.send(5), Err(SendError(5)));
}

#[test]
fn sender_len_counts_unread_values() {
    let (tx, mut a) = broadcast::channel(4);
    let mut b = tx.subscribe();
    tx.send(1).unwrap();
    tx.send(2).unwrap();
    assert_eq!(tx.len(), 2);
    a.try_recv().unwrap();
    assert_eq!(tx.len(), 2);
    b.try_recv().unwrap();
    assert_eq!(tx.len(), 1);
    drop(a);
    // `a`'s claim on value 2 is gone; `b` still has to read it.
    assert_eq!(tx.len(), 1);
    b.try_recv().unwrap();
    assert!(tx.is_empty());
}

#[test]
fn values_are_dropped_when_last_reader_reads_or_leaves() {
    use std::sync::Arc;
    let v = Arc::new(());
    let (tx, mut a) = broadcast::channel(4);
    let b = tx.subscribe();
    tx.send(v.clone()).unwrap();
    assert_eq!(Arc::strong_count(&v), 2);
    let got = a.try_recv().unwrap();
    drop(got);
    assert_eq!(Arc::strong_count(&v), 2);
    drop(b);
    assert_eq!(Arc::strong_count(&v), 1);
}

#[test]
fn cancelled_recv_takes_nothing() {
    let (tx, mut rx) = broadcast::channel(2);
    {
        let mut recv = task(rx.recv());
        assert_pending!(recv);
    }
    tx.send(1).unwrap();
    assert_eq!(rx.try_recv(), Ok(1));
}

#[test]
fn sender_closed_and_weak() {
    let (tx, rx) = broadcast::channel::<u8>(2);
    let weak = tx.downgrade();
    assert_eq!((tx.strong_count(), tx.weak_count()), (1, 1));
    assert_eq!(rx.sender_strong_count(), 1);
    {
        let mut closed = task(tx.closed());
        assert_pending!(closed);
        drop(rx);
        assert_eq!(closed.wakes(), 1);
        assert_ready!(closed);
    }
    drop(tx);
    assert!(weak.upgrade().is_none());
}

#[test]
fn eight_receivers_on_threads() {
    let (tx, _) = broadcast::channel(1024);
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let mut rx = tx.subscribe();
            std::thread::spawn(move || {
                let mut sum = 0u64;
                while let Ok(v) = rx.blocking_recv() {
                    sum += v;
                }
                sum
            })
        })
        .collect();
    for i in 0..100u64 {
        tx.send(i).unwrap();
    }
    drop(tx);
    for t in threads {
        assert_eq!(t.join().unwrap(), 4950);
    }
}

#[test]
fn error_messages() {
    assert_eq!(RecvError::Closed.to_string(), "channel closed");
    assert_eq!(RecvError::Lagged(3).to_string(), "channel lagged by 3");
    assert_eq!(TryRecvError::Empty.to_string(), "channel empty");
}
