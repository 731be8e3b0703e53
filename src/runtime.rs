//! The runtime: [`Runtime`], [`Builder`], [`Handle`].
//!
//! Mirrors `tokio::runtime`. The facade's [`Builder`] wraps runtime-core's
//! and composes the drivers: `enable_io` installs runtime-net's reactor and
//! `enable_time` runtime-time's timer wheel, through the driver seam
//! (`runtime_core::runtime::driver`). [`Runtime`] derefs to the core
//! runtime, so it can be passed wherever a `&runtime_core::runtime::Runtime`
//! is expected (for instance `LocalSet::block_on`).

use std::fmt;
use std::future::Future;
use std::io;
use std::ops::Deref;
use std::time::Duration;

#[doc(inline)]
pub use runtime_core::runtime::{
    EnterGuard, Handle, Id, RuntimeFlavor, RuntimeMetrics, TryCurrentError, is_rt_shutdown_err,
    worker_index,
};

use crate::task::JoinHandle;

mod local_runtime;
pub use local_runtime::{LocalOptions, LocalRuntime};

/// Builds a runtime with custom settings.
///
/// # Examples
///
/// ```
/// use runtime::runtime::Builder;
///
/// let rt = Builder::new_current_thread().enable_all().build().unwrap();
/// assert_eq!(rt.block_on(async { 2 + 2 }), 4);
/// ```
pub struct Builder {
    inner: runtime_core::runtime::Builder,
    #[cfg_attr(
        not(any(feature = "net", feature = "signal", feature = "process")),
        allow(dead_code)
    )]
    enable_io: bool,
    /// I/O events taken per idle poll, and per busy poll (`None`: as many).
    #[cfg_attr(
        not(any(feature = "net", feature = "signal", feature = "process")),
        allow(dead_code)
    )]
    io_events: (usize, Option<usize>),
    #[cfg_attr(not(feature = "time"), allow(dead_code))]
    enable_time: bool,
}

impl Builder {
    /// A builder for a runtime whose tasks all run on the thread that calls
    /// `block_on`. No driver is enabled: call
    /// [`enable_all`](Builder::enable_all) (or `enable_io` / `enable_time`).
    pub fn new_current_thread() -> Builder {
        Builder::wrap(runtime_core::runtime::Builder::new_current_thread())
    }

    /// A builder for the multi-threaded work-stealing runtime (one worker
    /// per CPU by default). No driver is enabled: call
    /// [`enable_all`](Builder::enable_all).
    #[cfg(feature = "rt-multi-thread")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rt-multi-thread")))]
    pub fn new_multi_thread() -> Builder {
        Builder::wrap(runtime_core::runtime::Builder::new_multi_thread())
    }

    fn wrap(inner: runtime_core::runtime::Builder) -> Builder {
        Builder {
            inner,
            enable_io: false,
            // runtime_net::driver::DEFAULT_EVENTS_PER_TICK (named here only with `net`).
            io_events: (1024, None),
            enable_time: false,
        }
    }

    /// Enables every driver compiled in: I/O (features `net`, `signal`,
    /// `process`) and time (feature `time`).
    pub fn enable_all(&mut self) -> &mut Self {
        #[cfg(any(feature = "net", feature = "signal", feature = "process"))]
        self.enable_io();
        #[cfg(feature = "time")]
        self.enable_time();
        self
    }

    /// Enables the I/O driver, needed by sockets, child processes and (with
    /// the `signal` feature, which adds the signal driver on top) signals.
    #[cfg(any(feature = "net", feature = "signal", feature = "process"))]
    #[cfg_attr(
        docsrs,
        doc(cfg(any(feature = "net", feature = "signal", feature = "process")))
    )]
    pub fn enable_io(&mut self) -> &mut Self {
        self.enable_io = true;
        self
    }

    /// Sets the most I/O events the driver handles per poll (1024 by
    /// default); more stay queued in the kernel for the next poll.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread()
    ///     .enable_io()
    ///     .max_io_events_per_tick(256)
    ///     .build()
    ///     .unwrap();
    /// # drop(rt);
    /// ```
    #[cfg(any(feature = "net", feature = "signal", feature = "process"))]
    #[cfg_attr(
        docsrs,
        doc(cfg(any(feature = "net", feature = "signal", feature = "process")))
    )]
    #[track_caller]
    pub fn max_io_events_per_tick(&mut self, capacity: usize) -> &mut Self {
        assert!(capacity > 0, "max_io_events_per_tick must be non-zero");
        self.io_events.0 = capacity;
        self
    }

    /// Sets the most I/O events handled by a poll that does not wait: one a
    /// worker makes while it still has tasks to run (every
    /// [`event_interval`](Builder::event_interval) ticks), or with a timer
    /// already due. Each event may wake a task into the worker's queue, so a
    /// smaller batch keeps a busy worker from piling up woken tasks; the
    /// rest stay in the kernel. An idle worker still takes up to
    /// [`max_io_events_per_tick`](Builder::max_io_events_per_tick). By
    /// default both are the same.
    ///
    /// # Panics
    ///
    /// If `capacity` is zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread()
    ///     .enable_io()
    ///     .max_io_events_per_tick(128)
    ///     .max_io_events_per_busy_tick(8)
    ///     .build()
    ///     .unwrap();
    /// # drop(rt);
    /// ```
    #[cfg(any(feature = "net", feature = "signal", feature = "process"))]
    #[cfg_attr(
        docsrs,
        doc(cfg(any(feature = "net", feature = "signal", feature = "process")))
    )]
    #[track_caller]
    pub fn max_io_events_per_busy_tick(&mut self, capacity: usize) -> &mut Self {
        assert!(capacity > 0, "max_io_events_per_busy_tick must be non-zero");
        self.io_events.1 = Some(capacity);
        self
    }

    /// Enables the time driver, needed by `sleep`, `timeout` and `interval`.
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    pub fn enable_time(&mut self) -> &mut Self {
        self.enable_time = true;
        self
    }

    /// Starts the runtime's clock paused (see `time::pause`). Needs the
    /// time driver.
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn start_paused(&mut self, start_paused: bool) -> &mut Self {
        self.inner.start_paused(start_paused);
        self
    }

    /// The number of worker threads of a multi-thread runtime (default: the
    /// number of CPUs). Ignored by the current-thread runtime.
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn worker_threads(&mut self, val: usize) -> &mut Self {
        self.inner.worker_threads(val);
        self
    }

    /// Turns off the LIFO slot of the multi-thread scheduler, so that a
    /// woken task always goes to the back of the run queue.
    pub fn disable_lifo_slot(&mut self) -> &mut Self {
        self.inner.disable_lifo_slot();
        self
    }

    /// Names the runtime; [`Handle::name`] returns it.
    ///
    /// # Panics
    ///
    /// Panics if `name` is empty or only whitespace.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().name("ingest").build().unwrap();
    /// assert_eq!(rt.handle().name(), Some("ingest"));
    /// ```
    #[track_caller]
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        self.inner.name(name);
        self
    }

    /// The name of the threads the runtime spawns.
    pub fn thread_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.inner.thread_name(name);
        self
    }

    /// A function that names each thread the runtime spawns.
    pub fn thread_name_fn<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() -> String + Send + Sync + 'static,
    {
        self.inner.thread_name_fn(f);
        self
    }

    /// The stack size of the threads the runtime spawns.
    pub fn thread_stack_size(&mut self, size: usize) -> &mut Self {
        self.inner.thread_stack_size(size);
        self
    }

    /// Called on each thread the runtime starts.
    pub fn on_thread_start<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.inner.on_thread_start(f);
        self
    }

    /// Called on each thread the runtime started, before it exits.
    pub fn on_thread_stop<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.inner.on_thread_stop(f);
        self
    }

    /// Called by a worker just before it parks.
    pub fn on_thread_park<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.inner.on_thread_park(f);
        self
    }

    /// Called by a worker just after it unparks.
    pub fn on_thread_unpark<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.inner.on_thread_unpark(f);
        self
    }

    /// The most threads the blocking pool may run at once (default 512).
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn max_blocking_threads(&mut self, val: usize) -> &mut Self {
        self.inner.max_blocking_threads(val);
        self
    }

    /// How long an idle blocking thread waits before exiting (default 10s).
    pub fn thread_keep_alive(&mut self, duration: Duration) -> &mut Self {
        self.inner.thread_keep_alive(duration);
        self
    }

    /// Tasks polled between two polls of the I/O and time drivers.
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn event_interval(&mut self, val: u32) -> &mut Self {
        self.inner.event_interval(val);
        self
    }

    /// Ticks between two looks at the global queue first.
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn global_queue_interval(&mut self, val: u32) -> &mut Self {
        self.inner.global_queue_interval(val);
        self
    }

    /// Builds the runtime with the drivers enabled so far.
    ///
    /// # Errors
    ///
    /// Fails if a driver (the OS poller) or a thread cannot be created.
    pub fn build(&mut self) -> io::Result<Runtime> {
        #[allow(unused_mut)]
        let mut layers: Vec<runtime_core::runtime::driver::DriverLayer> = Vec::new();
        #[cfg(any(feature = "net", feature = "signal", feature = "process"))]
        if self.enable_io {
            let (per_tick, per_busy_tick) = self.io_events;
            layers.push(runtime_net::driver::layer_with_events(
                per_tick,
                per_busy_tick.unwrap_or(per_tick),
            ));
            // The signal driver wraps the I/O driver (it drains its wake-up
            // socket after each park); the time driver wraps both.
            #[cfg(all(unix, feature = "signal"))]
            layers.push(runtime_signal::driver::layer());
        }
        #[cfg(feature = "time")]
        if self.enable_time {
            layers.push(runtime_time::driver::layer());
        }
        self.inner.set_driver_layers(layers);
        Ok(Runtime {
            inner: self.inner.build()?,
        })
    }
}

impl Builder {
    /// Builds a [`LocalRuntime`]: a current-thread runtime on which `!Send`
    /// tasks can be spawned (with the drivers enabled so far).
    ///
    /// # Errors
    ///
    /// Fails if a driver cannot be created.
    ///
    /// # Panics
    ///
    /// Panics on a multi-thread builder: a local runtime runs on one thread.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime::runtime::{Builder, LocalOptions};
    ///
    /// let rt = Builder::new_current_thread()
    ///     .build_local(LocalOptions::default())
    ///     .unwrap();
    /// let out = rt.block_on(async {
    ///     let text = std::rc::Rc::new("not Send");
    ///     runtime::task::spawn_local(async move { text.len() }).await.unwrap()
    /// });
    /// assert_eq!(out, 8);
    /// ```
    pub fn build_local(&mut self, options: LocalOptions) -> io::Result<LocalRuntime> {
        let _ = options;
        let rt = self.build()?;
        assert!(
            rt.handle().runtime_flavor() == RuntimeFlavor::CurrentThread,
            "multi_thread is not supported for LocalRuntime"
        );
        Ok(LocalRuntime::from_runtime(rt))
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("inner", &self.inner)
            .field("enable_io", &self.enable_io)
            .field("enable_time", &self.enable_time)
            .finish()
    }
}

/// The runtime: a scheduler with its I/O and time drivers and its blocking
/// pool. Dropping it shuts it down.
///
/// # Examples
///
/// ```
/// use runtime::runtime::Builder;
///
/// let rt = Builder::new_current_thread().enable_all().build().unwrap();
/// let out = rt.block_on(async { runtime::spawn(async { 21 * 2 }).await.unwrap() });
/// assert_eq!(out, 42);
/// ```
pub struct Runtime {
    inner: runtime_core::runtime::Runtime,
}

impl Runtime {
    /// A multi-thread runtime with every driver enabled: what
    /// `#[runtime::main]` builds.
    ///
    /// # Errors
    ///
    /// Fails if a driver or a worker thread cannot be created.
    ///
    /// # Examples
    ///
    /// ```
    /// let rt = runtime::runtime::Runtime::new().unwrap();
    /// assert_eq!(rt.block_on(async { 1 }), 1);
    /// ```
    #[cfg(feature = "rt-multi-thread")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rt-multi-thread")))]
    pub fn new() -> io::Result<Runtime> {
        Builder::new_multi_thread().enable_all().build()
    }

    /// The runtime's handle.
    pub fn handle(&self) -> &Handle {
        self.inner.handle()
    }

    /// Spawns a future onto the runtime.
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.inner.spawn(future)
    }

    /// Runs a blocking closure on the blocking pool.
    #[track_caller]
    pub fn spawn_blocking<F, R>(&self, func: F) -> JoinHandle<R>
    where
        F: FnOnce() -> R + Send + 'static,
        R: Send + 'static,
    {
        self.inner.spawn_blocking(func)
    }

    /// Runs a future to completion, driving the runtime meanwhile.
    ///
    /// # Panics
    ///
    /// Panics when called from a thread that already drives a runtime.
    #[track_caller]
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.inner.block_on(future)
    }

    /// Enters the runtime's context until the guard is dropped.
    pub fn enter(&self) -> EnterGuard<'_> {
        self.inner.enter()
    }

    /// Shuts down, waiting at most `duration` for running blocking tasks.
    pub fn shutdown_timeout(self, duration: Duration) {
        self.inner.shutdown_timeout(duration)
    }

    /// Shuts down without waiting for blocking tasks.
    pub fn shutdown_background(self) {
        self.inner.shutdown_background()
    }

    /// Metrics about the runtime.
    pub fn metrics(&self) -> RuntimeMetrics {
        self.inner.metrics()
    }
}

impl Deref for Runtime {
    type Target = runtime_core::runtime::Runtime;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl fmt::Debug for Runtime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}
