//! Helpers shared by the time tests: runtimes with the time driver, and a
//! hand-polled task harness that counts wakes.

#![allow(dead_code, unreachable_pub, missing_docs)]

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use runtime_core::runtime::{Builder, Runtime};

/// A current-thread runtime with timers and a paused clock.
pub fn paused_rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .expect("runtime builds")
}

/// A current-thread runtime with timers and the real clock.
pub fn rt() -> Runtime {
    Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .build()
        .expect("runtime builds")
}

pub fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

struct WakeCounter(AtomicUsize);

impl Wake for WakeCounter {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A future polled by hand with a waker that counts its wakes.
pub struct Spawned<F> {
    future: Pin<Box<F>>,
    counter: Arc<WakeCounter>,
    waker: Waker,
}

pub fn spawn<F>(future: F) -> Spawned<F> {
    let counter = Arc::new(WakeCounter(AtomicUsize::new(0)));
    Spawned {
        future: Box::pin(future),
        waker: Waker::from(counter.clone()),
        counter,
    }
}

impl<F: Future> Spawned<F> {
    pub fn poll(&mut self) -> Poll<F::Output> {
        self.future
            .as_mut()
            .poll(&mut Context::from_waker(&self.waker))
    }
}

impl<F> Spawned<F> {
    /// Polls with a closure given the pinned future and the counting context.
    pub fn enter<R>(&mut self, f: impl FnOnce(&mut Context<'_>, Pin<&mut F>) -> R) -> R {
        f(&mut Context::from_waker(&self.waker), self.future.as_mut())
    }

    pub fn wake_count(&self) -> usize {
        self.counter.0.load(Ordering::SeqCst)
    }

    pub fn is_woken(&self) -> bool {
        self.wake_count() > 0
    }

    pub fn inner(&self) -> &F {
        &self.future
    }

    pub fn inner_mut(&mut self) -> Pin<&mut F> {
        self.future.as_mut()
    }
}

#[macro_export]
macro_rules! assert_pending {
    ($e:expr) => {
        match $e {
            std::task::Poll::Pending => {}
            std::task::Poll::Ready(v) => panic!("expected Pending, got Ready({:?})", v),
        }
    };
}

#[macro_export]
macro_rules! assert_ready {
    ($e:expr) => {
        match $e {
            std::task::Poll::Ready(v) => v,
            std::task::Poll::Pending => panic!("expected Ready, got Pending"),
        }
    };
}

/// The message of a caught panic.
pub fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic>".to_string()
    }
}
