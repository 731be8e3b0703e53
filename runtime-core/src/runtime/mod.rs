//! The runtime: schedulers, the blocking pool, and the driver seam.

pub mod driver;
mod park;
// Phase 1 of the multi-thread scheduler: its data structures, wired into a
// runtime once the task system lands.
#[allow(dead_code)]
mod scheduler;
