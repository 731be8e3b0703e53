//! The driver seam on the current-thread runtime: the `block_on` future's
//! waker interrupts the driver only when it fires off the driving thread,
//! and once per wake-up.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::task::Poll;
use std::time::Duration;

use runtime_core::runtime::driver::{Driver, DriverLayer, Unpark};
use runtime_core::runtime::{Builder, Runtime};
use runtime_core::task;

#[derive(Default)]
struct Counts {
    unparks: AtomicUsize,
    self_unparks: AtomicUsize,
}

impl Counts {
    fn get(&self) -> (usize, usize) {
        (self.unparks.load(SeqCst), self.self_unparks.load(SeqCst))
    }
}

/// Wraps the driver below; its unparker counts both kinds of wake-up.
struct Counting {
    inner: Box<dyn Driver>,
    counts: Arc<Counts>,
}

struct CountingUnpark {
    inner: Arc<dyn Unpark>,
    counts: Arc<Counts>,
}

impl Unpark for CountingUnpark {
    fn unpark(&self) {
        self.counts.unparks.fetch_add(1, SeqCst);
        self.inner.unpark();
    }

    fn unpark_self(&self) {
        self.counts.self_unparks.fetch_add(1, SeqCst);
        self.inner.unpark_self();
    }
}

impl Driver for Counting {
    fn park(&mut self) {
        self.inner.park();
    }

    fn park_timeout(&mut self, duration: Duration) {
        self.inner.park_timeout(duration);
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        Arc::new(CountingUnpark {
            inner: self.inner.unparker(),
            counts: self.counts.clone(),
        })
    }

    fn shutdown(&mut self) {
        self.inner.shutdown();
    }
}

fn layer(counts: &Arc<Counts>) -> DriverLayer {
    let counts = counts.clone();
    Box::new(move |inner, _cx| {
        Ok(Box::new(Counting {
            inner,
            counts: counts.clone(),
        }) as Box<dyn Driver>)
    })
}

fn rt(counts: &Arc<Counts>) -> Runtime {
    Builder::new_current_thread()
        .driver_layer(layer(counts))
        .build()
        .unwrap()
}

#[test]
fn a_wake_on_the_driving_thread_does_not_interrupt_the_driver() {
    let counts = Arc::new(Counts::default());
    let rt = rt(&counts);
    let out = rt.block_on(async {
        let mut sum = 0;
        for i in 0..10u32 {
            // The task completes on this thread, and its join handle wakes
            // the `block_on` future from there.
            sum += task::spawn(async move { i }).await.unwrap();
        }
        sum
    });
    assert_eq!(out, 45);
    let (unparks, self_unparks) = counts.get();
    assert_eq!(unparks, 0);
    assert_eq!(self_unparks, 10);
}

#[test]
fn a_wake_from_another_thread_interrupts_the_driver() {
    let counts = Arc::new(Counts::default());
    let rt = rt(&counts);
    let (tx, rx) = std::sync::mpsc::channel::<std::task::Waker>();
    let th = std::thread::spawn(move || {
        let waker = rx.recv().unwrap();
        waker.wake();
    });
    let mut sent = Some(tx);
    rt.block_on(std::future::poll_fn(|cx| match sent.take() {
        // First poll: hand the waker to the other thread and park.
        Some(tx) => {
            tx.send(cx.waker().clone()).unwrap();
            Poll::Pending
        }
        None => Poll::Ready(()),
    }));
    th.join().unwrap();
    assert_eq!(counts.get(), (1, 0));
}

#[test]
fn repeated_wakes_before_the_next_poll_interrupt_once() {
    let counts = Arc::new(Counts::default());
    let rt = rt(&counts);
    let mut polls = 0;
    rt.block_on(std::future::poll_fn(|cx| {
        polls += 1;
        if polls == 3 {
            return Poll::Ready(());
        }
        // Three wake-ups, one poll to follow: one notification is enough.
        cx.waker().wake_by_ref();
        cx.waker().wake_by_ref();
        cx.waker().wake_by_ref();
        Poll::Pending
    }));
    assert_eq!(polls, 3);
    assert_eq!(counts.get(), (0, 2));
}
