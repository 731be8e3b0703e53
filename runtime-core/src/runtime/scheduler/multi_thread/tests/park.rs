//! Unit tests of the worker parker and the shared driver slot.

use std::sync::Arc as StdArc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::time::Duration;

use crate::loom::sync::Arc;
use crate::runtime::driver::{Driver, ParkThread, Unpark};
use crate::runtime::scheduler::multi_thread::park::{Parker, SharedDriver};

/// A driver that counts its calls and parks on a real thread parker.
struct CountingDriver {
    inner: ParkThread,
    parks: StdArc<AtomicUsize>,
    polls: StdArc<AtomicUsize>,
    shutdowns: StdArc<AtomicUsize>,
}

#[derive(Clone, Default)]
struct Counts {
    parks: StdArc<AtomicUsize>,
    polls: StdArc<AtomicUsize>,
    shutdowns: StdArc<AtomicUsize>,
}

impl Counts {
    fn driver(&self) -> Box<dyn Driver> {
        Box::new(CountingDriver {
            inner: ParkThread::new(),
            parks: self.parks.clone(),
            polls: self.polls.clone(),
            shutdowns: self.shutdowns.clone(),
        })
    }

    fn get(&self) -> (usize, usize, usize) {
        (
            self.parks.load(SeqCst),
            self.polls.load(SeqCst),
            self.shutdowns.load(SeqCst),
        )
    }
}

impl Driver for CountingDriver {
    fn park(&mut self) {
        self.parks.fetch_add(1, SeqCst);
        self.inner.park();
    }

    fn park_timeout(&mut self, duration: Duration) {
        assert_eq!(duration, Duration::ZERO);
        self.polls.fetch_add(1, SeqCst);
        self.inner.park_timeout(duration);
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        self.inner.unparker()
    }

    fn shutdown(&mut self) {
        self.shutdowns.fetch_add(1, SeqCst);
        self.inner.shutdown();
    }
}

#[test]
fn stored_notification_makes_park_return_without_touching_the_driver() {
    let counts = Counts::default();
    let mut parker = Parker::new(SharedDriver::new(counts.driver()));
    parker.unparker().unpark();
    parker.park();
    assert_eq!(counts.get(), (0, 0, 0));
}

#[test]
fn first_sleeper_parks_on_the_driver() {
    let counts = Counts::default();
    let mut parker = Parker::new(SharedDriver::new(counts.driver()));
    let unparker = parker.unparker();
    let th = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(5));
        unparker.unpark();
    });
    parker.park();
    th.join().unwrap();
    assert_eq!(counts.get().0, 1, "parked on the driver once");
}

#[test]
fn second_sleeper_parks_on_its_condvar() {
    let counts = Counts::default();
    let shared = SharedDriver::new(counts.driver());
    let mut first = Parker::new(shared.clone());
    let mut second = Parker::new(shared.clone());
    let (first_unpark, second_unpark) = (first.unparker(), second.unparker());

    // Hold the driver slot from another sleeper.
    let holder = std::thread::spawn(move || first.park());
    while counts.get().0 == 0 {
        std::thread::yield_now();
    }
    let sleeper = std::thread::spawn(move || second.park());
    std::thread::sleep(Duration::from_millis(5));
    second_unpark.unpark();
    sleeper.join().unwrap();
    assert_eq!(
        counts.get().0,
        1,
        "the second sleeper did not use the driver"
    );
    first_unpark.unpark();
    holder.join().unwrap();
}

#[test]
fn maintain_polls_the_driver_without_blocking() {
    let counts = Counts::default();
    let mut parker = Parker::new(SharedDriver::new(counts.driver()));
    parker.maintain_driver();
    parker.maintain_driver();
    assert_eq!(counts.get(), (0, 2, 0));
}

#[test]
fn driver_shuts_down_once_and_is_not_used_after() {
    let counts = Counts::default();
    let shared = SharedDriver::new(counts.driver());
    let mut parker = Parker::new(shared.clone());
    assert!(shared.shutdown());
    assert!(!shared.shutdown());
    assert_eq!(counts.get(), (0, 0, 1));
    parker.maintain_driver();
    parker.unparker().unpark();
    parker.park();
    assert_eq!(counts.get(), (0, 0, 1));
}
