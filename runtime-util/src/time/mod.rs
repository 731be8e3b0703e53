//! Timer utilities built on runtime-time.
//!
//! [`DelayQueue`] holds values until their deadlines pass and hands them out
//! in deadline order; it is the building block for caches with expiring
//! entries, retry schedules and per-connection timeouts managed from one task.

pub mod delay_queue;

// `Expired` and `Key` also live at `time::delay_queue::*`, their
// tokio-util path.
pub use delay_queue::{DelayQueue, Expired, Key};

// tokio-util's first home of `FutureExt`, kept there as an alias.
#[doc(inline)]
pub use crate::future::FutureExt;
