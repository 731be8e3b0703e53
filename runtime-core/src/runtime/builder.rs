//! `Builder`: configures and builds a `Runtime`.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::Duration;

use super::blocking::{BlockingPool, pool_config};
use super::config::{Callback, Config, ThreadNameFn};
use super::driver::{Driver, DriverLayer, LayerContext, ParkThread, Registry};
use super::rt::Scheduler;
use super::scheduler::multi_thread::MultiThread;
use super::scheduler::{self, current_thread::CurrentThread};
use super::{Handle, Runtime};

/// Builds a runtime with custom settings.
///
/// Start with [`new_current_thread`](Builder::new_current_thread), set what
/// you need, then [`build`](Builder::build). The facade crate `runtime`
/// wraps this builder and adds `enable_io` / `enable_time`, which install
/// the I/O and time drivers through [`driver_layer`](Builder::driver_layer).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread()
///     .thread_name("my-pool")
///     .max_blocking_threads(4)
///     .build()
///     .unwrap();
/// let name = rt
///     .block_on(rt.spawn_blocking(|| std::thread::current().name().unwrap().to_owned()))
///     .unwrap();
/// assert_eq!(name, "my-pool");
/// ```
pub struct Builder {
    kind: Kind,
    pub(crate) worker_threads: Option<usize>,
    pub(crate) max_blocking_threads: usize,
    pub(crate) thread_name: ThreadNameFn,
    pub(crate) thread_stack_size: Option<usize>,
    pub(crate) after_start: Option<Callback>,
    pub(crate) before_stop: Option<Callback>,
    pub(crate) before_park: Option<Callback>,
    pub(crate) after_unpark: Option<Callback>,
    pub(crate) keep_alive: Option<Duration>,
    pub(crate) event_interval: u32,
    pub(crate) global_queue_interval: Option<u32>,
    pub(crate) disable_lifo_slot: bool,
    pub(crate) start_paused: bool,
    name: Option<Arc<str>>,
    driver_layers: Vec<DriverLayer>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    CurrentThread,
    MultiThread,
}

/// Default `event_interval`: tasks polled between two driver polls.
const DEFAULT_EVENT_INTERVAL: u32 = 61;
/// Default `global_queue_interval` of the current-thread scheduler.
const DEFAULT_GLOBAL_QUEUE_INTERVAL: u32 = 31;
/// Default `global_queue_interval` of the multi-thread scheduler.
const DEFAULT_MT_GLOBAL_QUEUE_INTERVAL: u32 = 31;
/// Default cap of the blocking pool.
const DEFAULT_MAX_BLOCKING_THREADS: usize = 512;
/// Default idle time before a blocking thread exits.
const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(10);

impl Builder {
    /// A builder for a runtime whose tasks all run on the thread that calls
    /// `block_on`.
    pub fn new_current_thread() -> Builder {
        Builder::new(Kind::CurrentThread)
    }

    /// A builder for a runtime with a pool of worker threads that steal
    /// work from each other (one worker per CPU by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_multi_thread()
    ///     .worker_threads(2)
    ///     .thread_name("my-workers")
    ///     .build()
    ///     .unwrap();
    /// let sum = rt.block_on(async {
    ///     let handles: Vec<_> = (0..10u32).map(|i| runtime_core::task::spawn(async move { i })).collect();
    ///     let mut sum = 0;
    ///     for handle in handles {
    ///         sum += handle.await.unwrap();
    ///     }
    ///     sum
    /// });
    /// assert_eq!(sum, 45);
    /// ```
    pub fn new_multi_thread() -> Builder {
        Builder::new(Kind::MultiThread)
    }

    fn new(kind: Kind) -> Builder {
        Builder {
            kind,
            worker_threads: None,
            max_blocking_threads: DEFAULT_MAX_BLOCKING_THREADS,
            thread_name: Arc::new(|| "runtime-worker".into()),
            thread_stack_size: None,
            after_start: None,
            before_stop: None,
            before_park: None,
            after_unpark: None,
            keep_alive: None,
            event_interval: DEFAULT_EVENT_INTERVAL,
            global_queue_interval: None,
            disable_lifo_slot: false,
            start_paused: false,
            name: None,
            driver_layers: Vec::new(),
        }
    }

    /// The number of worker threads of a multi-thread runtime (default: the
    /// number of CPUs available to the process, see
    /// [`std::thread::available_parallelism`]). Ignored by the
    /// current-thread runtime.
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_multi_thread().worker_threads(3).build().unwrap();
    /// assert_eq!(rt.metrics().num_workers(), 3);
    /// ```
    #[track_caller]
    pub fn worker_threads(&mut self, val: usize) -> &mut Self {
        assert!(val > 0, "Worker threads cannot be set to 0");
        self.worker_threads = Some(val);
        self
    }

    /// Turns off the multi-thread scheduler's LIFO slot: a task woken by the
    /// running task then goes to the back of the worker's queue instead of
    /// running next. Trades message-passing latency for stricter FIFO
    /// order. Ignored by the current-thread runtime.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_multi_thread().disable_lifo_slot().build().unwrap();
    /// assert_eq!(rt.block_on(rt.spawn(async { 1 })).unwrap(), 1);
    /// ```
    pub fn disable_lifo_slot(&mut self) -> &mut Self {
        self.disable_lifo_slot = true;
        self
    }

    /// Names the runtime; [`Handle::name`](super::Handle::name) returns it.
    ///
    /// # Panics
    ///
    /// Panics if `name` is empty or only whitespace.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread().name("ingest").build().unwrap();
    /// assert_eq!(rt.handle().name(), Some("ingest"));
    /// ```
    #[track_caller]
    pub fn name(&mut self, name: impl Into<String>) -> &mut Self {
        let name = name.into();
        assert!(!name.trim().is_empty(), "runtime name shouldn't be empty");
        self.name = Some(name.into());
        self
    }

    /// The name of the threads the runtime spawns (default
    /// `"runtime-worker"`).
    pub fn thread_name(&mut self, name: impl Into<String>) -> &mut Self {
        let name = name.into();
        self.thread_name = Arc::new(move || name.clone());
        self
    }

    /// A function that names each thread the runtime spawns.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use runtime_core::runtime::Builder;
    ///
    /// let rt = Builder::new_current_thread()
    ///     .thread_name_fn(|| {
    ///         static ID: AtomicUsize = AtomicUsize::new(0);
    ///         format!("pool-{}", ID.fetch_add(1, Ordering::SeqCst))
    ///     })
    ///     .build()
    ///     .unwrap();
    /// let name = rt
    ///     .block_on(rt.spawn_blocking(|| std::thread::current().name().unwrap().to_owned()))
    ///     .unwrap();
    /// assert!(name.starts_with("pool-"));
    /// ```
    pub fn thread_name_fn<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() -> String + Send + Sync + 'static,
    {
        self.thread_name = Arc::new(f);
        self
    }

    /// The stack size of the threads the runtime spawns.
    pub fn thread_stack_size(&mut self, size: usize) -> &mut Self {
        self.thread_stack_size = Some(size);
        self
    }

    /// Called on each thread the runtime starts, before it does anything.
    pub fn on_thread_start<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.after_start = Some(Arc::new(f));
        self
    }

    /// Called on each thread the runtime started, before it exits.
    pub fn on_thread_stop<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.before_stop = Some(Arc::new(f));
        self
    }

    /// Called by a worker just before it parks (has no task to run).
    pub fn on_thread_park<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.before_park = Some(Arc::new(f));
        self
    }

    /// Called by a worker just after it unparks.
    pub fn on_thread_unpark<F>(&mut self, f: F) -> &mut Self
    where
        F: Fn() + Send + Sync + 'static,
    {
        self.after_unpark = Some(Arc::new(f));
        self
    }

    /// The most threads the blocking pool may run at once (default 512).
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn max_blocking_threads(&mut self, val: usize) -> &mut Self {
        assert!(val > 0, "Max blocking threads cannot be set to 0");
        self.max_blocking_threads = val;
        self
    }

    /// How long an idle blocking thread waits for work before exiting
    /// (default 10 seconds).
    pub fn thread_keep_alive(&mut self, duration: Duration) -> &mut Self {
        self.keep_alive = Some(duration);
        self
    }

    /// How many tasks the scheduler polls between two polls of the driver
    /// for I/O and timer events (default 61).
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn event_interval(&mut self, val: u32) -> &mut Self {
        assert!(val > 0, "event_interval must be greater than 0");
        self.event_interval = val;
        self
    }

    /// How many ticks the scheduler runs before it takes from the global
    /// queue first, so that tasks woken from other threads are not starved
    /// (default 31 on the current-thread scheduler).
    ///
    /// # Panics
    ///
    /// Panics if `val` is 0.
    #[track_caller]
    pub fn global_queue_interval(&mut self, val: u32) -> &mut Self {
        assert!(val > 0, "global_queue_interval must be greater than 0");
        self.global_queue_interval = Some(val);
        self
    }

    /// Starts the clock paused (used by the time driver's test utilities).
    pub fn start_paused(&mut self, start_paused: bool) -> &mut Self {
        self.start_paused = start_paused;
        self
    }

    /// Adds a layer to the driver stack: the I/O or time driver, or your
    /// own. Layers run in the order given, each wrapping or replacing the
    /// driver built so far (the first one receives a plain thread parker).
    ///
    /// This is the build half of the driver seam; see
    /// [`driver`](super::driver). The facade's `enable_io` / `enable_time`
    /// call it for you.
    pub fn driver_layer(&mut self, layer: DriverLayer) -> &mut Self {
        self.driver_layers.push(layer);
        self
    }

    /// Replaces every driver layer added so far.
    pub fn set_driver_layers(&mut self, layers: Vec<DriverLayer>) -> &mut Self {
        self.driver_layers = layers;
        self
    }

    /// Builds the runtime.
    ///
    /// # Errors
    ///
    /// Fails when a driver cannot be created (for instance the I/O driver's
    /// epoll instance) or a thread cannot be spawned.
    pub fn build(&mut self) -> io::Result<Runtime> {
        match self.kind {
            Kind::CurrentThread => self.build_current_thread(),
            Kind::MultiThread => self.build_multi_thread(),
        }
    }

    /// Builds the driver stack and its registry.
    pub(crate) fn build_driver(&self) -> io::Result<(Box<dyn Driver>, Registry)> {
        let mut registry = Registry::new();
        let mut driver: Box<dyn Driver> = Box::new(ParkThread::new());
        let mut cx = LayerContext {
            registry: &mut registry,
            start_paused: self.start_paused,
        };
        for layer in &self.driver_layers {
            driver = layer(driver, &mut cx)?;
        }
        Ok((driver, registry))
    }

    pub(crate) fn config(&self, default_global_queue_interval: u32) -> Config {
        Config {
            event_interval: self.event_interval,
            global_queue_interval: self
                .global_queue_interval
                .unwrap_or(default_global_queue_interval),
            before_park: self.before_park.clone(),
            after_unpark: self.after_unpark.clone(),
            disable_lifo_slot: self.disable_lifo_slot,
            name: self.name.clone(),
        }
    }

    pub(crate) fn blocking_pool(&self) -> BlockingPool {
        BlockingPool::new(pool_config(self))
    }

    fn build_current_thread(&mut self) -> io::Result<Runtime> {
        let (driver, registry) = self.build_driver()?;
        let blocking_pool = self.blocking_pool();
        let config = self.config(DEFAULT_GLOBAL_QUEUE_INTERVAL);
        let (scheduler, handle) =
            CurrentThread::new(driver, registry, blocking_pool.spawner().clone(), config);
        let handle = Handle {
            inner: scheduler::Handle::CurrentThread(handle),
        };
        Ok(Runtime::from_parts(
            Scheduler::CurrentThread(scheduler),
            handle,
            blocking_pool,
        ))
    }

    fn build_multi_thread(&mut self) -> io::Result<Runtime> {
        let workers = match self.worker_threads {
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let (driver, registry) = self.build_driver()?;
        // Worker threads run on the blocking pool (so that they share its
        // naming, hooks and shutdown), on top of the blocking threads.
        let mut pool_config = super::blocking::pool_config(self);
        pool_config.thread_cap = pool_config.thread_cap.saturating_add(workers);
        let blocking_pool = BlockingPool::new(pool_config);
        let config = self.config(DEFAULT_MT_GLOBAL_QUEUE_INTERVAL);
        let (scheduler, handle) = MultiThread::new(
            workers,
            driver,
            registry,
            blocking_pool.spawner().clone(),
            config,
        )?;
        let handle = Handle {
            inner: scheduler::Handle::MultiThread(handle),
        };
        scheduler.launch(&handle.inner);
        Ok(Runtime::from_parts(
            Scheduler::MultiThread(scheduler),
            handle,
            blocking_pool,
        ))
    }

    pub(crate) fn keep_alive(&self) -> Duration {
        self.keep_alive.unwrap_or(DEFAULT_KEEP_ALIVE)
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("kind", &self.kind)
            .field("worker_threads", &self.worker_threads)
            .field("max_blocking_threads", &self.max_blocking_threads)
            .field("thread_stack_size", &self.thread_stack_size)
            .field("thread_keep_alive", &self.keep_alive)
            .field("event_interval", &self.event_interval)
            .field("global_queue_interval", &self.global_queue_interval)
            .field("disable_lifo_slot", &self.disable_lifo_slot)
            .field("start_paused", &self.start_paused)
            .field("driver_layers", &self.driver_layers.len())
            .finish()
    }
}
