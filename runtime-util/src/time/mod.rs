//! Timer utilities built on runtime-time.
//!
//! [`DelayQueue`] holds values until their deadlines pass and hands them out
//! in deadline order; it is the building block for caches with expiring
//! entries, retry schedules and per-connection timeouts managed from one task.

mod delay_queue;

pub use delay_queue::{DelayQueue, Expired, Key};
