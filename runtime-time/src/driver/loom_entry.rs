//! Loom models of a timer entry's state: the owner (a `Sleep`) and the
//! driver on different threads.
//!
//! Each model registers a `Sleep` with a bare `TimeHandle` (no parker: the
//! driver's side is `process_at`, the firing loop), then races one owner
//! operation against a firing. They check that the waker is woken exactly
//! when the owner could not see the firing, that nothing stays linked that
//! should not, and (through loom's checked cells) that the entry's links are
//! never touched by two threads at once, including while it is freed.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use runtime_core::loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use runtime_core::loom::thread;
use runtime_core::runtime::driver::Unpark;

use crate::Sleep;
use crate::driver::clock::Clock;
use crate::driver::handle::TimeHandle;

struct NoPark;
impl Unpark for NoPark {
    fn unpark(&self) {}
}

struct Counter(AtomicUsize);
impl Wake for Counter {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.fetch_add(1, SeqCst);
    }
}

fn counter() -> (std::sync::Arc<Counter>, Waker) {
    let counter = std::sync::Arc::new(Counter(AtomicUsize::new(0)));
    let waker = Waker::from(counter.clone());
    (counter, waker)
}

fn handle() -> TimeHandle {
    TimeHandle::new(Clock::new(false), std::sync::Arc::new(NoPark))
}

fn poll(sleep: Pin<&mut Sleep>, waker: &Waker) -> Poll<()> {
    sleep.poll(&mut Context::from_waker(waker))
}

/// A registered sleep 10 ms out, and the tick at which it is due.
fn registered(handle: &TimeHandle, waker: &Waker) -> (Pin<Box<Sleep>>, u64) {
    let deadline = handle.clock().now() + Duration::from_millis(10);
    let mut sleep = Box::pin(Sleep::new_with_handle(handle.clone(), deadline));
    assert_eq!(poll(sleep.as_mut(), waker), Poll::Pending);
    (sleep, handle.clock().deadline_to_tick(deadline))
}

#[test]
fn loom_fire_racing_poll_never_loses_the_wake() {
    runtime_core::loom::model(|| {
        let handle = handle();
        let (count, waker) = counter();
        let (mut sleep, due) = registered(&handle, &waker);

        let driver = handle.clone();
        let th = thread::spawn(move || driver.process_at(due));
        let second = poll(sleep.as_mut(), &waker);
        assert_eq!(th.join().unwrap(), 1);

        let wakes = count.0.load(SeqCst);
        match second {
            // Saw the firing. The firing may have taken the waker while the
            // poll re-registered it, in which case the poll also woke itself:
            // one spurious wake, never more.
            Poll::Ready(()) => assert!(wakes <= 2),
            // Did not see it: the firing must have woken us, exactly once.
            Poll::Pending => assert_eq!(wakes, 1),
        }
        assert_eq!(poll(sleep.as_mut(), &waker), Poll::Ready(()));
        assert_eq!(handle.wheel_len(), 0);
    });
}

#[test]
fn loom_fire_racing_drop_from_another_thread() {
    runtime_core::loom::model(|| {
        let handle = handle();
        let (count, waker) = counter();
        let (sleep, due) = registered(&handle, &waker);

        let th = thread::spawn(move || drop(sleep));
        let fired = handle.process_at(due);
        th.join().unwrap();

        // Either the driver fired it (and woke the waker), or the drop
        // unlinked it first (and nothing fired).
        assert_eq!(count.0.load(SeqCst), fired);
        assert!(fired <= 1);
        assert_eq!(handle.wheel_len(), 0);
    });
}

#[test]
fn loom_reset_racing_fire() {
    runtime_core::loom::model(|| {
        let handle = handle();
        let (count, waker) = counter();
        let (mut sleep, due) = registered(&handle, &waker);

        let driver = handle.clone();
        let th = thread::spawn(move || driver.process_at(due));
        let later = handle.clock().now() + Duration::from_secs(60);
        sleep.as_mut().reset(later);
        // Whatever the order, the reset re-armed it for the later deadline.
        assert_eq!(poll(sleep.as_mut(), &waker), Poll::Pending);
        let fired = th.join().unwrap();
        assert_eq!(count.0.load(SeqCst), fired);
        assert_eq!(handle.wheel_len(), 1);

        handle.process_at(handle.clock().deadline_to_tick(later));
        assert_eq!(count.0.load(SeqCst), fired + 1);
        assert_eq!(poll(sleep.as_mut(), &waker), Poll::Ready(()));
    });
}

#[test]
fn loom_shutdown_racing_drop() {
    runtime_core::loom::model(|| {
        let handle = handle();
        let (count, waker) = counter();
        let (sleep, _) = registered(&handle, &waker);

        let th = thread::spawn(move || drop(sleep));
        handle.shutdown();
        th.join().unwrap();
        assert!(count.0.load(SeqCst) <= 1);
        assert_eq!(handle.wheel_len(), 0);
        assert!(handle.is_shutdown());
    });
}

#[test]
fn loom_register_from_another_thread_while_firing() {
    runtime_core::loom::model(|| {
        let handle = handle();
        let (first_count, first_waker) = counter();
        let (first, due) = registered(&handle, &first_waker);

        // Another thread registers a second timer, with the same deadline,
        // while the driver fires the first.
        let other = handle.clone();
        let deadline = first.deadline();
        let th = thread::spawn(move || {
            let (count, waker) = counter();
            let mut sleep = Box::pin(Sleep::new_with_handle(other.clone(), deadline));
            let at_registration = poll(sleep.as_mut(), &waker);
            (sleep, at_registration, count, waker)
        });
        let fired_now = handle.process_at(due);
        let (mut second, at_registration, second_count, second_waker) = th.join().unwrap();
        assert!(fired_now >= 1);
        assert_eq!(first_count.0.load(SeqCst), 1);

        let fired_later = handle.process_at(due);
        match at_registration {
            // Either registered after the driver passed its tick (fired on
            // the spot, unlinked, with no waker yet to wake), or linked and
            // fired by the driver before the poll checked its state (woken
            // if its waker was registered by then).
            Poll::Ready(()) => match fired_now + fired_later {
                1 => assert_eq!(second_count.0.load(SeqCst), 0),
                2 => assert!(second_count.0.load(SeqCst) <= 1),
                n => panic!("{n} timers fired"),
            },
            // Linked: fired with the first or on the next turn, never lost.
            Poll::Pending => {
                assert_eq!(fired_now + fired_later, 2);
                assert_eq!(second_count.0.load(SeqCst), 1);
            }
        }
        assert_eq!(poll(second.as_mut(), &second_waker), Poll::Ready(()));
        assert_eq!(handle.wheel_len(), 0);
        drop(first);
    });
}
