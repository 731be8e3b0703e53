//! The driver seam on the multi-thread runtime: exactly one sleeping worker
//! parks on the driver, busy workers still poll it every `event_interval`
//! ticks, and it is shut down once, on a worker thread.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use runtime_core::runtime::Builder;
use runtime_core::runtime::driver::{Driver, DriverLayer, Unpark};
use runtime_core::task;

#[derive(Default)]
struct Counts {
    /// Threads inside `park` right now, and the most ever seen at once.
    parked_now: AtomicUsize,
    parked_max: AtomicUsize,
    parks: AtomicUsize,
    polls: AtomicUsize,
    shutdowns: AtomicUsize,
    shutdown_thread: Mutex<Option<String>>,
}

/// Wraps the driver below and counts what the scheduler does with it.
struct Counting {
    inner: Box<dyn Driver>,
    counts: Arc<Counts>,
}

impl Driver for Counting {
    fn park(&mut self) {
        let now = self.counts.parked_now.fetch_add(1, SeqCst) + 1;
        self.counts.parked_max.fetch_max(now, SeqCst);
        self.counts.parks.fetch_add(1, SeqCst);
        self.inner.park();
        self.counts.parked_now.fetch_sub(1, SeqCst);
    }

    fn park_timeout(&mut self, duration: Duration) {
        if duration == Duration::ZERO {
            self.counts.polls.fetch_add(1, SeqCst);
        }
        self.inner.park_timeout(duration);
    }

    fn unparker(&self) -> Arc<dyn Unpark> {
        self.inner.unparker()
    }

    fn shutdown(&mut self) {
        self.counts.shutdowns.fetch_add(1, SeqCst);
        *self.counts.shutdown_thread.lock().unwrap() =
            std::thread::current().name().map(str::to_owned);
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

#[test]
fn at_most_one_idle_worker_parks_on_the_driver() {
    let counts = Arc::new(Counts::default());
    let rt = Builder::new_multi_thread()
        .worker_threads(4)
        .thread_name("mt-driver")
        .driver_layer(layer(&counts))
        .build()
        .unwrap();
    // Give the workers rounds of work and idleness.
    for round in 0..20u32 {
        let handles: Vec<_> = (0..8u32)
            .map(|i| rt.spawn(async move { i + round }))
            .collect();
        rt.block_on(async {
            for handle in handles {
                handle.await.unwrap();
            }
        });
        while counts.parked_now.load(SeqCst) == 0 {
            std::thread::yield_now();
        }
    }
    drop(rt);
    assert!(counts.parks.load(SeqCst) >= 1);
    assert_eq!(
        counts.parked_max.load(SeqCst),
        1,
        "one driver holder at a time"
    );
    assert_eq!(counts.shutdowns.load(SeqCst), 1);
    assert_eq!(
        counts.shutdown_thread.lock().unwrap().as_deref(),
        Some("mt-driver"),
        "shut down on a worker thread"
    );
}

#[test]
fn busy_workers_still_poll_the_driver() {
    let counts = Arc::new(Counts::default());
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .event_interval(4)
        .driver_layer(layer(&counts))
        .build()
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let spinner = {
        let stop = stop.clone();
        rt.spawn(async move {
            let mut spins = 0u64;
            while !stop.load(SeqCst) {
                spins += 1;
                task::yield_now().await;
            }
            spins
        })
    };
    // The only worker never runs out of work, yet the driver is polled.
    while counts.polls.load(SeqCst) < 10 {
        std::thread::yield_now();
    }
    stop.store(true, SeqCst);
    assert!(rt.block_on(spinner).unwrap() > 0);
}

#[test]
fn a_worker_parked_on_the_driver_is_woken_by_a_remote_spawn() {
    let counts = Arc::new(Counts::default());
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .driver_layer(layer(&counts))
        .build()
        .unwrap();
    // Wait until the only worker sleeps in the driver.
    while counts.parked_now.load(SeqCst) == 0 {
        std::thread::yield_now();
    }
    let (tx, rx) = std::sync::mpsc::channel();
    rt.spawn(async move { tx.send("ran").unwrap() });
    assert_eq!(rx.recv().unwrap(), "ran");
}
