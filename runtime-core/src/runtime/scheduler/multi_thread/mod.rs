//! The multi-threaded work-stealing scheduler.
//!
//! # Design
//!
//! A fixed set of worker threads, each owning a *core*: a bounded lock-free
//! run queue ([`queue`]), a LIFO slot, and its metrics. Work arrives in
//! three ways and is found in the matching order:
//!
//! 1. A task woken *by the task running on this worker* goes to the LIFO
//!    slot and runs next: a message sent to a freshly woken receiver is
//!    handled while it is still in cache. A bound on consecutive LIFO polls
//!    keeps two tasks ping-ponging through the slot from starving the rest
//!    of the queue.
//! 2. Tasks spawned or woken on a worker go to its local queue. When it is
//!    full, half of it moves to the global queue in one batch.
//! 3. Tasks spawned or woken from outside any worker go to the global
//!    injection queue ([`inject`]), which every worker checks every
//!    `global_queue_interval` polls so it is never starved, and whenever
//!    its own queue runs dry.
//!
//! A worker with nothing to do *searches*: it steals half of another
//! worker's queue, or takes a share of the global queue. The accounting of
//! who searches and who sleeps ([`idle`]) keeps at most about half the
//! workers searching, wakes at most one sleeper per new piece of work, and
//! never loses a wake-up.
//!
//! # Files
//!
//! * [`queue`]: the local run queue (single producer, many stealers).
//! * [`inject`]: the global injection queue.
//! * [`idle`]: searching and parked worker accounting.
//! * [`park`]: the per-worker parker and the shared driver slot.
//! * [`metrics`]: per-worker counters, published without contention.

pub(crate) mod idle;
pub(crate) mod inject;
pub(crate) mod metrics;
pub(crate) mod park;
pub(crate) mod queue;

#[cfg(test)]
mod tests;
