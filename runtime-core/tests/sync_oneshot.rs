//! Behaviour of `sync::oneshot`.

#[path = "support/hand_poll.rs"]
mod support;

use runtime_core::sync::oneshot::{
    self,
    error::{RecvError, TryRecvError},
};
use support::{block_on, task};

#[test]
fn send_then_recv() {
    let (tx, rx) = oneshot::channel();
    assert!(!tx.is_closed());
    tx.send("v").unwrap();
    assert_eq!(block_on(rx), Ok("v"));
}

#[test]
fn recv_is_woken_by_send() {
    let (tx, rx) = oneshot::channel();
    let mut rx = task(rx);
    assert_pending!(rx);
    tx.send(1).unwrap();
    assert_eq!(rx.wakes(), 1);
    assert_eq!(assert_ready!(rx), Ok(1));
}

#[test]
fn dropped_sender_gives_recv_error() {
    let (tx, rx) = oneshot::channel::<u8>();
    let mut rx = task(rx);
    assert_pending!(rx);
    drop(tx);
    assert_eq!(rx.wakes(), 1);
    let err: RecvError = assert_ready!(rx).unwrap_err();
    assert_eq!(err.to_string(), "channel closed");
}

#[test]
fn send_to_closed_or_dropped_receiver_returns_value() {
    let (tx, mut rx) = oneshot::channel();
    rx.close();
    assert!(tx.is_closed());
    assert_eq!(tx.send(3), Err(3));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));

    let (tx, rx) = oneshot::channel();
    drop(rx);
    assert_eq!(tx.send(4), Err(4));
}

#[test]
fn value_sent_before_close_is_still_received() {
    let (tx, mut rx) = oneshot::channel();
    tx.send(5).unwrap();
    rx.close();
    assert_eq!(rx.try_recv(), Ok(5));
}

#[test]
fn try_recv_states_and_is_terminated() {
    let (tx, mut rx) = oneshot::channel();
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    assert!(rx.is_empty());
    tx.send(1).unwrap();
    assert!(!rx.is_empty());
    assert!(!rx.is_terminated());
    assert_eq!(rx.try_recv(), Ok(1));
    assert!(rx.is_terminated());
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
}

#[test]
#[should_panic(expected = "after completion")]
fn polling_after_completion_panics() {
    let (tx, mut rx) = oneshot::channel();
    tx.send(1).unwrap();
    assert_eq!(block_on(&mut rx), Ok(1));
    let _ = block_on(&mut rx);
}

#[test]
fn closed_waits_for_receiver_drop() {
    let (mut tx, rx) = oneshot::channel::<u8>();
    let mut closed = task(async move {
        tx.closed().await;
        tx
    });
    assert_pending!(closed);
    drop(rx);
    assert_eq!(closed.wakes(), 1);
    let tx = assert_ready!(closed);
    assert!(tx.is_closed());
}

#[test]
fn cancelled_recv_keeps_value() {
    let (tx, mut rx) = oneshot::channel();
    {
        let mut fut = task(&mut rx);
        assert_pending!(fut);
    }
    tx.send(9).unwrap();
    assert_eq!(block_on(rx), Ok(9));
}

#[test]
fn blocking_recv_from_thread() {
    let (tx, rx) = oneshot::channel();
    let th = std::thread::spawn(move || rx.blocking_recv());
    tx.send(2).unwrap();
    assert_eq!(th.join().unwrap(), Ok(2));
}

#[test]
fn error_messages() {
    let (tx, rx) = oneshot::channel::<u8>();
    drop(tx);
    assert_eq!(block_on(rx).unwrap_err().to_string(), "channel closed");
    assert_eq!(TryRecvError::Empty.to_string(), "channel empty");
    assert_eq!(TryRecvError::Closed.to_string(), "channel closed");
}
