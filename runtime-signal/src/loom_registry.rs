//! Loom models of a delivery racing a listener.
//!
//! The signal handler is modelled as a thread that records the delivery and
//! then "writes the wake-up byte" (an atomic counter standing in for the
//! socket); the driver as a thread that consumes the bytes and, if it got
//! any, broadcasts. The listener polls on the main thread. Each model checks
//! that a delivery the listener's poll did not see has woken it, so the next
//! poll sees it: no lost wake-up, and exactly one notification for the
//! (coalesced) deliveries.

use std::sync::Arc as StdArc;
use std::task::{Context, Poll, Wake, Waker};

use runtime_core::loom::sync::Arc;
use runtime_core::loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use runtime_core::loom::thread;

use crate::registry::Table;

struct Count(AtomicUsize);
impl Wake for Count {
    fn wake(self: StdArc<Self>) {
        self.0.fetch_add(1, SeqCst);
    }
}

fn counter() -> (StdArc<Count>, Waker) {
    let count = StdArc::new(Count(AtomicUsize::new(0)));
    (count.clone(), Waker::from(count))
}

const SIG: usize = 1;

/// The handler: pending flag first, then the byte.
fn deliver(table: &Table, pipe: &AtomicUsize) {
    table.record(SIG);
    pipe.fetch_add(1, SeqCst);
}

/// The driver: only a driver that consumed bytes broadcasts.
fn drive(table: &Table, pipe: &AtomicUsize) {
    if pipe.swap(0, SeqCst) > 0 {
        table.broadcast();
    }
}

#[test]
fn loom_delivery_racing_poll_is_never_lost() {
    runtime_core::loom::model(|| {
        let table = Arc::new(Table::new(2));
        let pipe = Arc::new(AtomicUsize::new(0));
        let (count, waker) = counter();
        let mut listener = table.listen(SIG, 0);

        let (t, p) = (table.clone(), pipe.clone());
        let handler = thread::spawn(move || deliver(&t, &p));
        let (t, p) = (table.clone(), pipe.clone());
        let driver = thread::spawn(move || drive(&t, &p));

        let mut cx = Context::from_waker(&waker);
        let first = table.poll(&mut listener, &mut cx, || false);
        handler.join().unwrap();
        driver.join().unwrap();
        // The byte may still be unread if the driver ran before the handler:
        // a later wake-up of the driver reads it.
        drive(&table, &pipe);

        match first {
            Poll::Ready(Some(())) => {
                // Seen: nothing more to report.
                assert_eq!(table.poll(&mut listener, &mut cx, || false), Poll::Pending);
            }
            Poll::Pending => {
                // Not seen: the broadcast must have woken us, once.
                assert_eq!(count.0.load(SeqCst), 1);
                assert_eq!(
                    table.poll(&mut listener, &mut cx, || false),
                    Poll::Ready(Some(()))
                );
                assert_eq!(table.poll(&mut listener, &mut cx, || false), Poll::Pending);
            }
            Poll::Ready(None) => unreachable!("the driver never shuts down here"),
        }
        table.unlisten(&listener);
    });
}

#[test]
fn loom_two_deliveries_two_listeners_coalesce() {
    runtime_core::loom::model(|| {
        let table = Arc::new(Table::new(2));
        let pipe = Arc::new(AtomicUsize::new(0));
        let (count, waker) = counter();
        let mut a = table.listen(SIG, 0);
        let mut b = table.listen(SIG, 0);
        let mut cx = Context::from_waker(&waker);
        assert_eq!(table.poll(&mut a, &mut cx, || false), Poll::Pending);
        assert_eq!(table.poll(&mut b, &mut cx, || false), Poll::Pending);

        let (t, p) = (table.clone(), pipe.clone());
        let handler = thread::spawn(move || {
            deliver(&t, &p);
            deliver(&t, &p);
        });
        drive(&table, &pipe);
        handler.join().unwrap();
        drive(&table, &pipe);

        // Both listeners are woken and each sees at least one notification;
        // once caught up, nothing is left.
        assert!(count.0.load(SeqCst) >= 2);
        for l in [&mut a, &mut b] {
            assert_eq!(table.poll(l, &mut cx, || false), Poll::Ready(Some(())));
            assert_eq!(table.poll(l, &mut cx, || false), Poll::Pending);
        }
        table.unlisten(&a);
        table.unlisten(&b);
    });
}

#[test]
fn loom_shutdown_racing_poll_is_never_lost() {
    runtime_core::loom::model(|| {
        let table = Arc::new(Table::new(2));
        let gone = Arc::new(AtomicBool::new(false));
        let (count, waker) = counter();
        let mut listener = table.listen(SIG, 0);

        let (t, g) = (table.clone(), gone.clone());
        let shutdown = thread::spawn(move || {
            g.store(true, SeqCst);
            t.wake_owner(0);
        });
        let mut cx = Context::from_waker(&waker);
        let first = table.poll(&mut listener, &mut cx, || gone.load(SeqCst));
        shutdown.join().unwrap();
        if first.is_pending() {
            assert_eq!(count.0.load(SeqCst), 1);
        }
        assert_eq!(
            table.poll(&mut listener, &mut cx, || gone.load(SeqCst)),
            Poll::Ready(None)
        );
        table.unlisten(&listener);
    });
}
