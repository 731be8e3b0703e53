//! Behaviour of `sync::mpsc`: bounded and unbounded channels, permits,
//! closing, weak senders, fairness, cancellation and blocking use.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::sync::mpsc::{
    self,
    error::{SendError, TryRecvError, TrySendError},
};
use support::{block_on, task};

#[test]
#[should_panic(expected = "buffer > 0")]
fn zero_capacity_panics() {
    let _ = mpsc::channel::<()>(0);
}

#[test]
fn send_recv_in_order() {
    let (tx, mut rx) = mpsc::channel(4);
    block_on(async {
        for i in 0..4 {
            tx.send(i).await.unwrap();
        }
    });
    assert_eq!(rx.len(), 4);
    for i in 0..4 {
        assert_eq!(rx.try_recv(), Ok(i));
    }
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    drop(tx);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    assert_eq!(block_on(rx.recv()), None);
}

#[test]
fn full_channel_makes_sender_wait_and_recv_wakes_it() {
    let (tx, mut rx) = mpsc::channel(1);
    tx.try_send(1).unwrap();
    assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    assert_eq!(tx.capacity(), 0);
    let mut send = task(tx.send(3));
    assert_pending!(send);
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(send.wakes(), 1);
    assert_ready!(send).unwrap();
    assert_eq!(rx.try_recv(), Ok(3));
    assert_eq!(tx.capacity(), 1);
    assert_eq!(tx.max_capacity(), 1);
}

#[test]
fn waiting_senders_are_served_fifo() {
    let (tx, mut rx) = mpsc::channel(1);
    tx.try_send(0).unwrap();
    let mut a = task(tx.send(1));
    let mut b = task(tx.send(2));
    assert_pending!(a);
    assert_pending!(b);
    assert_eq!(rx.try_recv(), Ok(0));
    assert_eq!((a.wakes(), b.wakes()), (1, 0));
    assert_pending!(b);
    assert_ready!(a).unwrap();
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(b.wakes(), 1);
    assert_ready!(b).unwrap();
    assert_eq!(rx.try_recv(), Ok(2));
}

#[test]
fn cancelled_send_loses_no_slot() {
    let (tx, mut rx) = mpsc::channel(1);
    tx.try_send(0).unwrap();
    let mut a = task(tx.send(1));
    let mut b = task(tx.send(2));
    assert_pending!(a);
    assert_pending!(b);
    drop(a);
    assert_eq!(rx.try_recv(), Ok(0));
    // The slot went past the cancelled sender to the next one.
    assert_eq!(b.wakes(), 1);
    assert_ready!(b).unwrap();
    assert_eq!(rx.try_recv(), Ok(2));
    assert_eq!(tx.capacity(), 1);
}

#[test]
fn recv_waits_and_is_woken_by_send() {
    let (tx, mut rx) = mpsc::channel(2);
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    tx.try_send(7).unwrap();
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), Some(7));
}

#[test]
fn recv_is_woken_when_last_sender_drops() {
    let (tx, mut rx) = mpsc::channel::<u8>(2);
    let tx2 = tx.clone();
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    drop(tx);
    assert_eq!(recv.wakes(), 0);
    drop(tx2);
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), None);
}

#[test]
fn cancelled_recv_loses_no_message() {
    let (tx, mut rx) = mpsc::channel(2);
    {
        let mut recv = task(rx.recv());
        assert_pending!(recv);
    }
    tx.try_send(1).unwrap();
    assert_eq!(block_on(rx.recv()), Some(1));
}

#[test]
fn receiver_close_fails_sends_but_drains() {
    let (tx, mut rx) = mpsc::channel(4);
    tx.try_send(1).unwrap();
    let permit = tx.try_reserve().unwrap();
    let mut waiting = task(async {
        let tx = tx.clone();
        // Fill the channel, then wait.
        tx.send(2).await.unwrap();
        tx.send(3).await.unwrap();
        tx.send(4).await
    });
    assert_pending!(waiting);
    rx.close();
    assert!(rx.is_closed());
    assert!(tx.is_closed());
    assert_eq!(waiting.wakes(), 1);
    assert_eq!(assert_ready!(waiting), Err(SendError(4)));
    assert_eq!(tx.try_send(9), Err(TrySendError::Closed(9)));
    assert_eq!(block_on(tx.send(9)), Err(SendError(9)));
    // A permit reserved before the close still delivers.
    permit.send(10);
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(rx.try_recv(), Ok(2));
    assert_eq!(rx.try_recv(), Ok(3));
    assert_eq!(rx.try_recv(), Ok(10));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    assert_eq!(block_on(rx.recv()), None);
}

#[test]
fn close_with_outstanding_permit_waits_for_it() {
    let (tx, mut rx) = mpsc::channel::<u8>(2);
    let permit = tx.try_reserve().unwrap();
    rx.close();
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    drop(permit);
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), None);
}

#[test]
fn dropping_receiver_drops_queued_values_and_wakes_closed() {
    struct Counted(Arc<AtomicUsize>);
    impl Drop for Counted {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel(4);
    tx.try_send(Counted(drops.clone())).unwrap();
    tx.try_send(Counted(drops.clone())).unwrap();
    let mut closed = task(tx.closed());
    assert_pending!(closed);
    drop(rx);
    assert_eq!(drops.load(Ordering::SeqCst), 2);
    assert_eq!(closed.wakes(), 1);
    assert_ready!(closed);
    let err = tx.try_send(Counted(drops.clone())).unwrap_err();
    assert!(matches!(err, TrySendError::Closed(_)));
    drop(err);
    assert_eq!(drops.load(Ordering::SeqCst), 3);
}

#[test]
fn reserve_and_permits() {
    let (tx, mut rx) = mpsc::channel(3);
    let p = block_on(tx.reserve()).unwrap();
    assert_eq!(tx.capacity(), 2);
    drop(p);
    assert_eq!(tx.capacity(), 3);
    let mut many = block_on(tx.reserve_many(2)).unwrap();
    assert_eq!(many.len(), 2);
    many.next().unwrap().send(1);
    drop(many);
    assert_eq!(tx.capacity(), 2);
    assert!(block_on(tx.reserve_many(4)).is_err());
    assert!(matches!(
        tx.try_reserve_many(4),
        Err(TrySendError::Full(()))
    ));
    let it = tx.try_reserve_many(2).unwrap();
    assert!(matches!(tx.try_reserve(), Err(TrySendError::Full(()))));
    for (i, p) in it.enumerate() {
        p.send(10 + i as i32);
    }
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(rx.try_recv(), Ok(10));
    assert_eq!(rx.try_recv(), Ok(11));
}

#[test]
fn owned_permits() {
    let (tx, mut rx) = mpsc::channel(1);
    let p = block_on(tx.clone().reserve_owned()).unwrap();
    assert!(p.same_channel_as_sender(&tx));
    let tx2 = match tx.clone().try_reserve_owned() {
        Err(TrySendError::Full(tx2)) => tx2,
        other => panic!("expected Full, got {other:?}"),
    };
    let back = p.send(5);
    assert!(back.same_channel(&tx2));
    assert_eq!(rx.try_recv(), Ok(5));
    let p = tx.clone().try_reserve_owned().unwrap();
    let _ = p.release();
    assert_eq!(tx.capacity(), 1);
}

#[test]
fn weak_senders() {
    let (tx, mut rx) = mpsc::channel::<u8>(1);
    let weak = tx.downgrade();
    assert_eq!((tx.strong_count(), tx.weak_count()), (1, 1));
    let weak2 = weak.clone();
    assert_eq!(rx.sender_weak_count(), 2);
    let up = weak.upgrade().unwrap();
    assert_eq!(rx.sender_strong_count(), 2);
    drop((tx, up));
    assert!(weak2.upgrade().is_none());
    assert_eq!(block_on(rx.recv()), None);
    assert_eq!(weak.strong_count(), 0);
}

#[test]
fn recv_many_respects_limit() {
    let (tx, mut rx) = mpsc::channel(8);
    for i in 0..5 {
        tx.try_send(i).unwrap();
    }
    let mut buf = vec![100];
    assert_eq!(block_on(rx.recv_many(&mut buf, 0)), 0);
    assert_eq!(block_on(rx.recv_many(&mut buf, 3)), 3);
    assert_eq!(buf, [100, 0, 1, 2]);
    assert_eq!(block_on(rx.recv_many(&mut buf, 10)), 2);
    drop(tx);
    assert_eq!(block_on(rx.recv_many(&mut buf, 10)), 0);
    assert_eq!(buf.len(), 6);
}

#[test]
fn unbounded_send_recv_and_close() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    for i in 0..100 {
        tx.send(i).unwrap();
    }
    assert_eq!(rx.len(), 100);
    let mut buf = Vec::new();
    assert_eq!(block_on(rx.recv_many(&mut buf, 1000)), 100);
    rx.close();
    assert_eq!(tx.send(1), Err(SendError(1)));
    assert!(tx.is_closed());
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
}

#[test]
fn unbounded_weak_and_counts() {
    let (tx, mut rx) = mpsc::unbounded_channel::<u8>();
    let weak = tx.downgrade();
    let tx2 = weak.upgrade().unwrap();
    assert!(tx.same_channel(&tx2));
    assert_eq!((rx.sender_strong_count(), rx.sender_weak_count()), (2, 1));
    let mut recv = task(rx.recv());
    assert_pending!(recv);
    drop(tx);
    drop(tx2);
    assert_eq!(recv.wakes(), 1);
    assert_eq!(assert_ready!(recv), None);
    assert!(weak.upgrade().is_none());
}

#[test]
fn blocking_send_and_recv_across_threads() {
    let (tx, mut rx) = mpsc::channel(1);
    let th = std::thread::spawn(move || {
        for i in 0..50 {
            tx.blocking_send(i).unwrap();
        }
    });
    let mut got = Vec::new();
    while let Some(v) = rx.blocking_recv() {
        got.push(v);
    }
    th.join().unwrap();
    assert_eq!(got, (0..50).collect::<Vec<_>>());
}

#[test]
fn four_producers_one_consumer() {
    let (tx, mut rx) = mpsc::channel(4);
    let threads: Vec<_> = (0..4)
        .map(|p| {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for i in 0..100 {
                    block_on(tx.send(p * 1000 + i)).unwrap();
                }
            })
        })
        .collect();
    drop(tx);
    let mut per_producer = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    block_on(async {
        while let Some(v) = rx.recv().await {
            per_producer[v / 1000].push(v % 1000);
        }
    });
    for t in threads {
        t.join().unwrap();
    }
    for seq in per_producer {
        // Each producer's values arrive in the order it sent them.
        assert_eq!(seq, (0..100).collect::<Vec<_>>());
    }
}

#[test]
fn error_messages() {
    assert_eq!(SendError(1).to_string(), "channel closed");
    assert_eq!(TrySendError::Full(1).to_string(), "no available capacity");
    assert_eq!(TrySendError::Closed(1).to_string(), "channel closed");
    assert_eq!(
        TryRecvError::Empty.to_string(),
        "receiving on an empty channel"
    );
    assert_eq!(
        TryRecvError::Disconnected.to_string(),
        "receiving on a closed channel"
    );
    assert_eq!(TrySendError::Full(3).into_inner(), 3);
}

#[test]
fn recv_takes_cooperative_budget() {
    // Outside a runtime the budget is unconstrained: a long run of ready
    // receives never yields.
    let (tx, mut rx) = mpsc::unbounded_channel();
    for i in 0..1000 {
        tx.send(i).unwrap();
    }
    let mut recv_all = task(async {
        let mut n = 0;
        while n < 1000 {
            rx.recv().await.unwrap();
            n += 1;
        }
        n
    });
    assert_eq!(assert_ready!(recv_all), 1000);
}
