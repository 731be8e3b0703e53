//! Behaviour of `sync::Notify`: stored permit, FIFO `notify_one`,
//! `notify_last`, `notify_waiters`, `enable`, and cancellation.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;

use runtime_core::sync::Notify;
use support::{block_on, task};

#[test]
fn notify_one_without_waiter_stores_one_permit() {
    let notify = Notify::new();
    notify.notify_one();
    notify.notify_one();
    let mut a = task(notify.notified());
    assert_ready!(a);
    let mut b = task(notify.notified());
    assert_pending!(b);
}

#[test]
fn notify_one_wakes_oldest_waiter() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    let mut b = task(notify.notified());
    assert_pending!(a);
    assert_pending!(b);
    notify.notify_one();
    assert_eq!((a.wakes(), b.wakes()), (1, 0));
    assert_pending!(b);
    assert_ready!(a);
    notify.notify_one();
    assert_eq!(b.wakes(), 1);
    assert_ready!(b);
}

#[test]
fn notify_last_wakes_newest_waiter() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    let mut b = task(notify.notified());
    assert_pending!(a);
    assert_pending!(b);
    notify.notify_last();
    assert_eq!((a.wakes(), b.wakes()), (0, 1));
    assert_ready!(b);
    assert_pending!(a);
}

#[test]
fn notify_waiters_wakes_all_and_stores_nothing() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    let mut b = task(notify.notified());
    // Created, not yet polled: still covered by notify_waiters.
    let mut c = task(notify.notified());
    assert_pending!(a);
    assert_pending!(b);
    notify.notify_waiters();
    assert_eq!((a.wakes(), b.wakes()), (1, 1));
    assert_ready!(a);
    assert_ready!(b);
    assert_ready!(c);
    let mut d = task(notify.notified());
    assert_pending!(d);
}

#[test]
fn enable_registers_for_notify_one() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    assert!(!a.as_pin().enable());
    notify.notify_one();
    // The notification went to `a`, not to the stored permit.
    let mut b = task(notify.notified());
    assert_pending!(b);
    assert_ready!(a);
}

#[test]
fn enable_consumes_stored_permit() {
    let notify = Notify::new();
    notify.notify_one();
    let mut a = task(notify.notified());
    assert!(a.as_pin().enable());
    assert_ready!(a);
    let mut b = task(notify.notified());
    assert_pending!(b);
}

#[test]
fn dropped_notified_future_forwards_notification() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    let mut b = task(notify.notified());
    assert_pending!(a);
    assert_pending!(b);
    notify.notify_one();
    drop(a);
    assert_eq!(b.wakes(), 1);
    assert_ready!(b);
}

#[test]
fn dropped_notified_future_forwards_to_permit() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    assert_pending!(a);
    notify.notify_one();
    drop(a);
    let mut b = task(notify.notified());
    assert_ready!(b);
}

#[test]
fn dropped_waiting_future_takes_nothing() {
    let notify = Notify::new();
    let mut a = task(notify.notified());
    assert_pending!(a);
    drop(a);
    notify.notify_one();
    // Nobody waits: the permit is stored.
    let mut b = task(notify.notified());
    assert_ready!(b);
}

#[test]
fn owned_notified_and_threads() {
    let notify = Arc::new(Notify::new());
    let mut owned = task(notify.clone().notified_owned());
    assert_pending!(owned);
    let n2 = notify.clone();
    std::thread::spawn(move || n2.notify_one()).join().unwrap();
    assert_eq!(owned.wakes(), 1);
    assert_ready!(owned);
    let n3 = notify.clone();
    let th = std::thread::spawn(move || block_on(n3.notified()));
    // The waiter eventually gets one of these notifications, whenever it
    // starts waiting.
    notify.notify_one();
    th.join().unwrap();
}

#[test]
fn const_new_static() {
    static N: Notify = Notify::const_new();
    N.notify_one();
    block_on(N.notified());
}
