//! Behaviour of `sync::watch`.

#[path = "support/hand_poll.rs"]
mod support;

use runtime_core::sync::watch::{self, error::SendError};
use support::{block_on, task};

#[test]
fn initial_value_is_seen() {
    let (_tx, mut rx) = watch::channel(1);
    assert!(!rx.has_changed().unwrap());
    let r = rx.borrow_and_update();
    assert_eq!(*r, 1);
    assert!(!r.has_changed());
}

#[test]
fn changed_wakes_on_send_and_marks_seen() {
    let (tx, mut rx) = watch::channel(0);
    {
        let mut changed = task(rx.changed());
        assert_pending!(changed);
        tx.send(1).unwrap();
        assert_eq!(changed.wakes(), 1);
        assert_ready!(changed).unwrap();
    }
    assert!(!rx.has_changed().unwrap());
    assert_eq!(*rx.borrow(), 1);
    let mut again = task(rx.changed());
    assert_pending!(again);
}

#[test]
fn only_latest_value_is_kept() {
    let (tx, mut rx) = watch::channel(0);
    tx.send(1).unwrap();
    tx.send(2).unwrap();
    assert!(rx.borrow().has_changed());
    block_on(rx.changed()).unwrap();
    assert_eq!(*rx.borrow_and_update(), 2);
    let mut pending = task(rx.changed());
    assert_pending!(pending);
}

#[test]
fn changed_errors_only_after_sender_dropped_and_value_seen() {
    let (tx, mut rx) = watch::channel(0);
    tx.send(1).unwrap();
    drop(tx);
    assert!(rx.has_changed().is_err());
    assert!(block_on(rx.changed()).is_ok());
    assert_eq!(*rx.borrow(), 1);
    let err = block_on(rx.changed()).unwrap_err();
    assert_eq!(err.to_string(), "channel closed");
}

#[test]
fn changed_is_woken_by_sender_drop() {
    let (tx, mut rx) = watch::channel(0);
    let mut changed = task(rx.changed());
    assert_pending!(changed);
    drop(tx);
    assert_eq!(changed.wakes(), 1);
    assert!(assert_ready!(changed).is_err());
}

#[test]
fn send_without_receivers_fails_but_send_replace_stores() {
    let (tx, rx) = watch::channel(0);
    drop(rx);
    assert!(tx.is_closed());
    assert_eq!(tx.send(1), Err(SendError(1)));
    assert_eq!(*tx.borrow(), 0);
    assert_eq!(tx.send_replace(2), 0);
    assert_eq!(*tx.borrow(), 2);
    let rx = tx.subscribe();
    assert!(!rx.has_changed().unwrap());
}

#[test]
fn send_modify_and_if_modified() {
    let (tx, mut rx) = watch::channel(vec![1]);
    tx.send_modify(|v| v.push(2));
    assert!(rx.has_changed().unwrap());
    assert_eq!(*rx.borrow_and_update(), [1, 2]);
    assert!(!tx.send_if_modified(|v| {
        v.push(3);
        false
    }));
    // Modified in place but not announced.
    assert!(!rx.has_changed().unwrap());
    assert_eq!(*rx.borrow(), [1, 2, 3]);
}

#[test]
fn mark_changed_and_unchanged() {
    let (tx, mut rx) = watch::channel(0);
    rx.mark_changed();
    assert!(rx.has_changed().unwrap());
    block_on(rx.changed()).unwrap();
    tx.send(1).unwrap();
    rx.mark_unchanged();
    assert!(!rx.has_changed().unwrap());
}

#[test]
fn wait_for_checks_current_then_waits() {
    let (tx, mut rx) = watch::channel(3);
    assert_eq!(*block_on(rx.wait_for(|v| *v == 3)).unwrap(), 3);
    {
        let mut wait = task(rx.wait_for(|v| *v >= 5));
        assert_pending!(wait);
        tx.send(4).unwrap();
        assert_pending!(wait);
        tx.send(6).unwrap();
        let r = assert_ready!(wait).unwrap();
        assert_eq!(*r, 6);
    }
    drop(tx);
    assert!(block_on(rx.wait_for(|v| *v == 100)).is_err());
    // A matching current value is returned even after close.
    assert_eq!(*block_on(rx.wait_for(|v| *v == 6)).unwrap(), 6);
}

#[test]
fn sender_closed_waits_for_all_receivers() {
    let (tx, rx) = watch::channel(());
    let rx2 = rx.clone();
    assert_eq!(tx.receiver_count(), 2);
    let mut closed = task(tx.closed());
    assert_pending!(closed);
    drop(rx);
    assert_pending!(closed);
    drop(rx2);
    assert_eq!(closed.wakes(), 1);
    assert_ready!(closed);
}

#[test]
fn cloned_senders_and_new() {
    let tx = watch::Sender::new(0);
    assert_eq!(tx.receiver_count(), 0);
    let mut rx = tx.subscribe();
    let tx2 = tx.clone();
    assert_eq!(tx.sender_count(), 2);
    assert!(tx.same_channel(&tx2));
    drop(tx);
    tx2.send(1).unwrap();
    drop(tx2);
    assert!(block_on(rx.changed()).is_ok());
    assert!(block_on(rx.changed()).is_err());
}

#[test]
fn two_borrows_on_one_thread_do_not_deadlock() {
    let (tx, rx) = watch::channel(1);
    let rx2 = tx.subscribe();
    let a = rx.borrow();
    let b = rx2.borrow();
    assert_eq!(*a + *b, 2);
}

#[test]
fn sends_from_another_thread() {
    let (tx, mut rx) = watch::channel(0);
    let th = std::thread::spawn(move || {
        for i in 1..=100 {
            tx.send(i).unwrap();
        }
    });
    let mut last = 0;
    block_on(async {
        while rx.changed().await.is_ok() {
            let v = *rx.borrow_and_update();
            assert!(v > last, "values go forward");
            last = v;
        }
    });
    th.join().unwrap();
    assert_eq!(last, 100);
}
