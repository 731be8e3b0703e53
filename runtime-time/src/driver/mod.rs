//! The time driver: a hierarchical timer wheel plugged into the runtime's
//! driver seam.
//!
//! # How it fits the runtime
//!
//! [`layer`] returns a [`DriverLayer`] for
//! `runtime_core::runtime::Builder::driver_layer` (the facade's
//! `enable_time` passes it for you). At build time the layer wraps the
//! driver below it (the I/O driver, or a plain thread parker), stores a
//! handle in the runtime's registry, and becomes the driver the workers park
//! on. Every timer looks that handle up once, when it is created.
//!
//! # Parking
//!
//! When a worker parks, the driver asks the wheel for its next deadline,
//! parks the inner driver no longer than until then (or indefinitely when
//! there is no timer), and on waking fires every timer that is due, in
//! deadline order. A timer registered from another thread with an earlier
//! deadline than the one the driver sleeps towards unparks it.
//!
//! With a paused clock (`test-util`), a park with timers pending does not
//! sleep: it polls the inner driver without blocking and, if nothing woke
//! the runtime meanwhile, advances the clock to the next deadline. The
//! runtime parks only when it has nothing else to do, so time jumps exactly
//! when every task waits on a timer.
//!
//! # Shutdown
//!
//! [`Driver::shutdown`] fires every pending timer with an error and marks
//! the handle shut down; polling a timer afterwards panics, as tokio's do.
//!
//! # Layout
//!
//! * `wheel`: the six-level wheel of intrusive lists (level.rs, list.rs).
//! * `entry`: the node every `Sleep` embeds, and its atomic state.
//! * `atomic_waker`: the lock-free waker slot of an entry.
//! * `handle`: the lock around the wheel, and register / cancel / fire.
//! * `clock`: ticks, and the pausable clock of `test-util`.
//! * `context`: finding the current runtime's handle.

pub(crate) mod atomic_waker;
pub(crate) mod clock;
pub(crate) mod context;
pub(crate) mod entry;
pub(crate) mod handle;
pub(crate) mod wheel;

#[cfg(all(test, runtime_loom))]
mod loom_entry;
#[cfg(all(test, not(runtime_loom)))]
mod tests;

use std::fmt;
use std::io;
use std::time::Duration;

use runtime_core::runtime::driver::{
    Driver, DriverLayer, LayerContext, Timer, TimerHandle, Unpark,
};

use clock::Clock;
use handle::TimeHandle;

/// Returns the driver layer that adds timers to a runtime.
///
/// Pass it to `runtime_core::runtime::Builder::driver_layer` when you build
/// a runtime from `runtime-core` directly; the `runtime` facade's
/// `Builder::enable_time` (and `enable_all`) does it for you. Add it after
/// the I/O layer, if any: the time driver wraps whatever driver was built
/// before it.
///
/// The layer honours the builder's `start_paused` flag, which requires this
/// crate's `test-util` feature; without it, building a runtime with
/// `start_paused(true)` fails with an error of kind
/// [`Unsupported`](io::ErrorKind::Unsupported).
///
/// # Examples
///
/// Building the time driver by hand over a thread parker, which is what a
/// runtime does at build time:
///
/// ```
/// use runtime_core::runtime::driver::{LayerContext, ParkThread, Registry};
///
/// let layer = runtime_time::driver::layer();
/// let mut registry = Registry::new();
/// let mut ctx = LayerContext { registry: &mut registry, start_paused: false };
/// let mut driver = layer(Box::new(ParkThread::new()), &mut ctx).unwrap();
/// // No timers: a park with a timeout just waits for it.
/// driver.park_timeout(std::time::Duration::from_millis(1));
/// driver.shutdown();
/// ```
pub fn layer() -> DriverLayer {
    Box::new(|inner: Box<dyn Driver>, ctx: &mut LayerContext<'_>| {
        if ctx.start_paused && !cfg!(feature = "test-util") {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "`start_paused` requires the `test-util` feature of runtime-time",
            ));
        }
        let driver = TimeDriver::new(inner, ctx.start_paused);
        ctx.registry.insert(driver.handle.clone());
        // Offer our sleeps to runtime-core's own primitives
        // (`mpsc::Sender::send_timeout`).
        ctx.registry
            .insert(TimerHandle::new(std::sync::Arc::new(CoreTimer(
                driver.handle.clone(),
            ))));
        Ok(Box::new(driver) as Box<dyn Driver>)
    })
}

/// The [`Timer`] runtime-core's primitives use, backed by this driver.
struct CoreTimer(TimeHandle);

impl Timer for CoreTimer {
    fn sleep(
        &self,
        duration: Duration,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + Sync + 'static>> {
        let now = self.0.clock().now();
        let deadline = now
            .checked_add(duration)
            .unwrap_or_else(|| now + crate::sleep::far_future_offset());
        Box::pin(crate::Sleep::new_with_handle(self.0.clone(), deadline))
    }
}

/// The time driver: the wheel's handle plus the driver it wraps.
pub(crate) struct TimeDriver {
    handle: TimeHandle,
    park: Box<dyn Driver>,
}

impl TimeDriver {
    pub(crate) fn new(park: Box<dyn Driver>, start_paused: bool) -> TimeDriver {
        let handle = TimeHandle::new(Clock::new(start_paused), park.unparker());
        TimeDriver { handle, park }
    }

    fn park_internal(&mut self, limit: Option<Duration>) {
        #[cfg(feature = "test-util")]
        if self.handle.clock().is_paused() {
            return self.park_paused(limit);
        }
        match self.handle.begin_park() {
            Some(tick) => {
                let until = self.handle.clock().until_tick(tick);
                let wait = limit.map_or(until, |limit| limit.min(until));
                // The wake-up may be early (at a wheel slot boundary rather
                // than the deadline itself): processing then only cascades,
                // and the runtime parks again.
                self.park.park_timeout(wait);
            }
            None => match limit {
                Some(limit) => self.park.park_timeout(limit),
                None => self.park.park(),
            },
        }
        self.handle.process();
    }

    /// Parks with a paused clock: polls the inner driver without blocking
    /// and, unless that (or anything else) woke the runtime, jumps the clock
    /// to the next deadline (no further than `limit`) and fires what is due.
    /// With no timer at all there is nothing to jump to: it parks for real.
    #[cfg(feature = "test-util")]
    fn park_paused(&mut self, limit: Option<Duration>) {
        let clock = self.handle.clock();
        let mut remaining = limit;
        loop {
            let Some(tick) = self.handle.begin_park() else {
                match limit {
                    Some(limit) => self.park.park_timeout(limit),
                    None => self.park.park(),
                }
                self.handle.process();
                return;
            };
            self.park.park_timeout(Duration::ZERO);
            let until = clock.until_tick(tick);
            let step = remaining.map_or(until, |left| left.min(until));
            // A stale flag from an earlier unpark only skips one jump: the
            // runtime parks again at once if it still has nothing to do.
            if self.handle.take_did_wake() || step.is_zero() {
                self.handle.process();
                return;
            }
            // Nothing else can make progress: time flies.
            clock
                .advance(step)
                .expect("the clock was paused when this park began");
            if self.handle.process() > 0 {
                return;
            }
            if let Some(left) = remaining.as_mut() {
                *left -= step;
                if left.is_zero() {
                    return;
                }
            }
            // The jump reached a wheel slot boundary, not a deadline: only
            // entries moved down a level. Go on to the deadline itself.
        }
    }
}

impl Driver for TimeDriver {
    fn park(&mut self) {
        self.park_internal(None)
    }

    fn park_timeout(&mut self, duration: Duration) {
        self.park_internal(Some(duration))
    }

    fn unparker(&self) -> std::sync::Arc<dyn Unpark> {
        self.handle.unparker()
    }

    fn shutdown(&mut self) {
        if self.handle.is_shutdown() {
            return;
        }
        self.handle.shutdown();
        self.park.shutdown();
    }
}

impl fmt::Debug for TimeDriver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeDriver")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}
