//! The settings a scheduler reads while it runs (a subset of `Builder`).

use std::sync::Arc;

/// A user callback (`on_thread_park` and friends).
pub(crate) type Callback = Arc<dyn Fn() + Send + Sync>;

/// Names threads (`thread_name` / `thread_name_fn`).
pub(crate) type ThreadNameFn = Arc<dyn Fn() -> String + Send + Sync>;

/// Scheduler settings.
#[derive(Clone)]
pub(crate) struct Config {
    /// Tasks run between two non-blocking polls of the driver.
    pub(crate) event_interval: u32,
    /// Ticks between two checks of the injection queue first.
    pub(crate) global_queue_interval: u32,
    pub(crate) before_park: Option<Callback>,
    pub(crate) after_unpark: Option<Callback>,
    /// Multi-thread only: turn the LIFO slot off.
    pub(crate) disable_lifo_slot: bool,
    /// The runtime's name (`Builder::name`).
    pub(crate) name: Option<Arc<str>>,
}
