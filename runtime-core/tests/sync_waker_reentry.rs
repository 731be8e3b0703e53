//! A waker whose drop re-enters the primitive that stored it (sends on the
//! channel, notifies, returns permits) must not deadlock: every primitive
//! drops replaced and removed wakers after releasing its lock.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Wake, Waker};

use runtime_core::sync::{Notify, Semaphore, broadcast};

/// A waker that runs `on_drop` when its last clone goes.
struct OnDrop<F: Fn() + Send + Sync + 'static>(F);

impl<F: Fn() + Send + Sync + 'static> Wake for OnDrop<F> {
    fn wake(self: Arc<Self>) {}
}

impl<F: Fn() + Send + Sync + 'static> Drop for OnDrop<F> {
    fn drop(&mut self) {
        (self.0)()
    }
}

fn waker_on_drop(f: impl Fn() + Send + Sync + 'static) -> Waker {
    Waker::from(Arc::new(OnDrop(f)))
}

#[test]
fn broadcast_receiver_replacing_or_dropping_a_reentrant_waker() {
    let (tx, mut rx) = broadcast::channel::<u32>(4);
    let mut watcher = tx.subscribe();
    {
        let mut recv = pin!(rx.recv());
        let tx2 = tx.clone();
        let waker = waker_on_drop(move || {
            let _ = tx2.send(1);
        });
        assert!(
            recv.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        // Replacing the stored waker drops it: it sends on the channel, and
        // this receive gets what was sent.
        let _ = recv.as_mut().poll(&mut Context::from_waker(Waker::noop()));
        assert_eq!(
            recv.as_mut().poll(&mut Context::from_waker(Waker::noop())),
            std::task::Poll::Ready(Ok(1))
        );
    }
    assert_eq!(watcher.try_recv(), Ok(1));
    // Dropping a pending receive drops its stored waker the same way.
    let (tx, mut rx) = broadcast::channel::<u32>(4);
    let mut watcher = tx.subscribe();
    {
        let mut recv = pin!(rx.recv());
        let tx2 = tx.clone();
        let waker = waker_on_drop(move || {
            let _ = tx2.send(7);
        });
        assert!(
            recv.as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        // Dropped while pending: its entry and waker go.
    }
    assert_eq!(watcher.try_recv(), Ok(7));
}

#[test]
fn notified_replacing_or_dropping_a_reentrant_waker() {
    let notify = Arc::new(Notify::new());
    let n2 = notify.clone();
    {
        let mut notified = pin!(notify.notified());
        let waker = waker_on_drop(move || n2.notify_one());
        assert!(
            notified
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        // Replacing the waker drops it, which notifies this very waiter.
        let _ = notified
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        assert!(
            notified
                .as_mut()
                .poll(&mut Context::from_waker(Waker::noop()))
                .is_ready()
        );
    }
    let n3 = notify.clone();
    {
        let mut notified = pin!(notify.notified());
        let waker = waker_on_drop(move || n3.notify_one());
        assert!(
            notified
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        // Dropped while pending: the drop of its waker stores a permit.
    }
    assert!(
        pin!(notify.notified())
            .poll(&mut Context::from_waker(Waker::noop()))
            .is_ready()
    );
}

#[test]
fn acquire_replacing_or_dropping_a_reentrant_waker() {
    let sem = Arc::new(Semaphore::new(0));
    {
        let mut acquire = pin!(sem.acquire());
        let s2 = sem.clone();
        let waker = waker_on_drop(move || s2.add_permits(1));
        assert!(
            acquire
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
        // Replacing the waker drops it, which adds the permit it waits for.
        let _ = acquire
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        match acquire
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            std::task::Poll::Ready(Ok(permit)) => permit.forget(),
            _ => panic!("the permit added by the waker's drop was not granted"),
        }
    }
    {
        let mut acquire = pin!(sem.acquire());
        let s2 = sem.clone();
        let waker = waker_on_drop(move || s2.add_permits(1));
        assert!(
            acquire
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_pending()
        );
        drop(waker);
    }
    assert_eq!(sem.available_permits(), 1);
}

#[test]
fn mpsc_receiver_replacing_a_reentrant_waker() {
    let (tx, mut rx) = runtime_core::sync::mpsc::unbounded_channel::<u32>();
    let tx2 = tx.clone();
    let waker = waker_on_drop(move || {
        let _ = tx2.send(5);
    });
    assert!(rx.poll_recv(&mut Context::from_waker(&waker)).is_pending());
    drop(waker);
    // Replacing the waker drops it, which sends the value this receive gets.
    let _ = rx.poll_recv(&mut Context::from_waker(Waker::noop()));
    assert_eq!(rx.try_recv(), Ok(5));
    drop(tx);
}
