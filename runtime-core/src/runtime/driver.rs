//! The driver seam: how satellites plug I/O and timers into the schedulers.
//!
//! A worker that runs out of tasks *parks*. While parked it must still notice
//! I/O readiness and the next timer, yet the reactor lives in `runtime-net`
//! and the timer wheel in `runtime-time`, neither of which this crate knows.
//! So this module defines the seam and the satellites implement it:
//!
//! * [`Driver`]: what a worker parks on. The base driver is a plain thread
//!   parker ([`ParkThread`]); the I/O driver replaces it (it parks in
//!   `epoll_wait`); the time driver *wraps* whichever is below it, parking the
//!   inner driver no longer than until the next deadline and firing due
//!   timers afterwards.
//! * [`Unpark`]: a handle any thread may call to wake a parked driver, for
//!   instance when a task is spawned from outside the runtime.
//! * [`Registry`]: a typed map filled once at build time, where each driver
//!   stores its handle. A resource (`TcpStream::connect`, `sleep`) looks its
//!   driver up once, at creation, through
//!   [`Handle::driver`](crate::runtime::Handle::driver), never per operation.
//!
//! * [`Timer`]: what a time driver offers back to this crate, so that
//!   runtime-core's own primitives can time out (`mpsc::Sender::send_timeout`)
//!   without depending on runtime-time. The time driver registers a
//!   [`TimerHandle`]; a cold path, so a boxed future is fine here.
//!
//! The stack is built by [`Builder::driver_layer`](crate::runtime::Builder::driver_layer):
//! each layer receives the driver built so far and the registry, and returns
//! the driver to use from then on. The facade's `enable_io` / `enable_time`
//! add the satellites' layers in that order.
//!
//! # Cost
//!
//! One dynamic call per park and per unpark; nothing per I/O operation or per
//! timer. Exactly one thread holds the driver at a time (the schedulers
//! guarantee it), so `park` takes `&mut self`.

use std::any::{Any, TypeId};
use std::fmt;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::time::Duration;

use std::sync::Arc;

/// What a worker thread parks on when it has no task to run.
///
/// Implementations process their events (wake the tasks whose I/O became
/// ready, fire due timers) before returning from `park` / `park_timeout`.
///
/// The scheduler guarantees that at most one thread uses a driver at a time,
/// and that `shutdown` is called once, on a runtime thread, before the
/// driver is dropped.
pub trait Driver: Send + 'static {
    /// Blocks the thread until [`Unpark::unpark`] is called or the driver has
    /// events, then processes them. May return spuriously.
    fn park(&mut self);

    /// Like [`park`](Driver::park), but returns after at most `duration`.
    ///
    /// A zero duration polls for events without blocking; the schedulers use
    /// it every `event_interval` polls so that I/O and timers are serviced
    /// even when tasks never run out.
    fn park_timeout(&mut self, duration: Duration);

    /// A handle that wakes this driver from `park`, from any thread.
    ///
    /// (A std `Arc` even under loom: it is a handle to the driver, not a
    /// synchronisation structure, and must coerce to a trait object.)
    fn unparker(&self) -> Arc<dyn Unpark>;

    /// Shuts the driver down: every resource still registered is woken and
    /// from then on fails with an error that says the runtime is gone.
    fn shutdown(&mut self);
}

/// Wakes a parked [`Driver`].
pub trait Unpark: Send + Sync + 'static {
    /// Wakes the driver if it is parked, or makes its next `park` return
    /// immediately.
    fn unpark(&self);

    /// Called instead of [`unpark`](Unpark::unpark) when the wake-up comes
    /// from the thread that drives the runtime, while it drives it (a task
    /// whose I/O became ready wakes the `block_on` future from inside
    /// `park`, say).
    ///
    /// That thread is not parked, and the scheduler checks for work before
    /// it parks again, so there is nothing to interrupt: a driver whose
    /// unpark costs a system call may skip it here. A driver that keeps
    /// bookkeeping about wake-ups (the paused clock notes that the runtime
    /// was woken, so as not to jump ahead) must still do that part.
    ///
    /// The default calls `unpark`, which is always correct.
    fn unpark_self(&self) {
        self.unpark();
    }
}

/// A typed map from a driver handle's type to the handle, filled once when
/// the runtime is built.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::driver::Registry;
///
/// #[derive(Debug, PartialEq)]
/// struct MyDriverHandle(u32);
///
/// let mut registry = Registry::new();
/// registry.insert(MyDriverHandle(7));
/// assert_eq!(registry.get::<MyDriverHandle>(), Some(&MyDriverHandle(7)));
/// assert_eq!(registry.get::<String>(), None);
/// ```
#[derive(Default)]
pub struct Registry {
    // A handful of drivers at most: a vector beats a hash map here.
    entries: Vec<(TypeId, Box<dyn Any + Send + Sync>)>,
}

impl Registry {
    /// Creates an empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `handle`, replacing any earlier handle of the same type.
    pub fn insert<T: Any + Send + Sync>(&mut self, handle: T) {
        let id = TypeId::of::<T>();
        self.entries.retain(|(existing, _)| *existing != id);
        self.entries.push((id, Box::new(handle)));
    }

    /// Looks up the handle of type `T`.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        self.entries
            .iter()
            .find(|(existing, _)| *existing == id)
            .and_then(|(_, handle)| handle.downcast_ref::<T>())
    }

    /// Whether a handle of type `T` is present.
    pub fn contains<T: Any + Send + Sync>(&self) -> bool {
        self.get::<T>().is_some()
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("drivers", &self.entries.len())
            .finish()
    }
}

/// Everything a driver layer may need while the runtime is being built.
#[derive(Debug)]
pub struct LayerContext<'a> {
    /// The registry where the layer stores its handle.
    pub registry: &'a mut Registry,
    /// Whether the runtime starts with a paused clock (`Builder::start_paused`).
    pub start_paused: bool,
}

/// A step in building the driver stack: receives the driver below and
/// returns the driver to park on from now on.
///
/// A layer is a function, not a one-shot closure, because
/// [`Builder::build`](crate::runtime::Builder::build) may be called several
/// times on the same builder.
pub type DriverLayer = Box<
    dyn Fn(Box<dyn Driver>, &mut LayerContext<'_>) -> io::Result<Box<dyn Driver>> + Send + Sync,
>;

pub use crate::runtime::park::ParkThread;

/// A source of sleeps, registered by a time driver for runtime-core's own
/// use (see [`TimerHandle`]).
pub trait Timer: Send + Sync + 'static {
    /// A future that completes after `duration` on the runtime's clock
    /// (which may be paused in tests).
    fn sleep(
        &self,
        duration: Duration,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + Sync + 'static>>;
}

/// The registry entry through which a time driver offers its [`Timer`] to
/// runtime-core.
///
/// # Examples
///
/// ```
/// use std::future::Future;
/// use std::pin::Pin;
/// use std::sync::Arc;
/// use std::time::Duration;
/// use runtime_core::runtime::driver::{Registry, Timer, TimerHandle};
///
/// struct Instant0;
/// impl Timer for Instant0 {
///     fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + Sync>> {
///         Box::pin(async {})
///     }
/// }
///
/// let mut registry = Registry::new();
/// registry.insert(TimerHandle::new(Arc::new(Instant0)));
/// assert!(registry.contains::<TimerHandle>());
/// ```
#[derive(Clone)]
pub struct TimerHandle {
    timer: Arc<dyn Timer>,
}

impl TimerHandle {
    /// Wraps a timer for the registry.
    pub fn new(timer: Arc<dyn Timer>) -> TimerHandle {
        TimerHandle { timer }
    }

    /// A sleep of `duration` on this timer.
    pub fn sleep(
        &self,
        duration: Duration,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + Sync + 'static>> {
        self.timer.sleep(duration)
    }
}

impl fmt::Debug for TimerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerHandle").finish()
    }
}

/// A sleep on the current runtime's timer.
///
/// # Panics
///
/// Outside a runtime, or when the runtime has no time driver; the message
/// says which, and names `enable_time`.
#[track_caller]
pub(crate) fn current_sleep(
    duration: Duration,
) -> Pin<Box<dyn Future<Output = ()> + Send + Sync + 'static>> {
    match with_current::<TimerHandle, _>(|timer| timer.map(|t| t.sleep(duration))) {
        Ok(Some(sleep)) => sleep,
        Ok(None) => panic!(
            "A Tokio 1.x context was found, but timers are disabled. Call `enable_time` on the \
             runtime builder to enable timers."
        ),
        Err(e) => panic!("{e}"),
    }
}

/// Runs `f` with the current runtime's driver handle of type `T` (`None`
/// if that runtime has no such driver), borrowing it in place.
///
/// The cheap form of [`Handle::current`](crate::runtime::Handle::current)
/// followed by [`Handle::driver`](crate::runtime::Handle::driver): nothing
/// is cloned, so creating a resource costs no reference-count traffic on
/// the runtime handle.
///
/// # Errors
///
/// Fails outside a runtime context, as `Handle::try_current` does.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::{Builder, driver};
///
/// struct MyDriverHandle;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// let _guard = rt.enter();
/// let found = driver::with_current::<MyDriverHandle, _>(|h| h.is_some()).unwrap();
/// assert!(!found);
/// drop(_guard);
/// assert!(driver::with_current::<MyDriverHandle, _>(|_| ()).is_err());
/// ```
pub fn with_current<T, R>(
    f: impl FnOnce(Option<&T>) -> R,
) -> Result<R, crate::runtime::TryCurrentError>
where
    T: Any + Send + Sync,
{
    crate::runtime::context::with_current(|handle| f(handle.registry().get::<T>()))
}
