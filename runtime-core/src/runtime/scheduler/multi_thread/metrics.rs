//! Per-worker metrics: counters that each worker keeps in plain fields while
//! it runs and publishes, with relaxed stores, when it parks or does its
//! periodic maintenance.
//!
//! Counting must not slow down the hot path, so nothing here is a contended
//! atomic read-modify-write: a worker bumps ordinary `u64`s in its
//! [`MetricsBatch`] (in the core it owns), and [`MetricsBatch::submit`]
//! copies the running totals into the worker's `WorkerMetrics` with one
//! relaxed store each. Readers (`RuntimeMetrics`) see values that are at
//! most one maintenance interval stale, and never torn.

use std::time::Instant;

use crate::loom::sync::atomic::Ordering::Relaxed;
use crate::runtime::metrics::WorkerMetrics;

/// A worker's running totals, kept in the core it owns.
#[derive(Debug)]
pub(crate) struct MetricsBatch {
    park_count: u64,
    /// Parks plus unparks (odd while parked).
    park_unpark_count: u64,
    noop_count: u64,
    steal_count: u64,
    steal_operations: u64,
    poll_count: u64,
    /// `poll_count` when the worker last unparked: no polls since means the
    /// wake-up was a no-op.
    poll_count_on_unpark: u64,
    busy_duration_total: u64,
    /// When the current busy stretch started (the last unpark).
    busy_since: Instant,
    overflow_count: u64,
}

impl MetricsBatch {
    /// Fresh totals; the worker counts as busy from now.
    pub(crate) fn new() -> Self {
        MetricsBatch {
            park_count: 0,
            park_unpark_count: 0,
            noop_count: 0,
            steal_count: 0,
            steal_operations: 0,
            poll_count: 0,
            poll_count_on_unpark: 0,
            busy_duration_total: 0,
            busy_since: Instant::now(),
            overflow_count: 0,
        }
    }

    /// Publishes the running totals.
    pub(crate) fn submit(&self, to: &WorkerMetrics) {
        to.park_count.store(self.park_count, Relaxed);
        to.park_unpark_count.store(self.park_unpark_count, Relaxed);
        to.noop_count.store(self.noop_count, Relaxed);
        to.steal_count.store(self.steal_count, Relaxed);
        to.steal_operations.store(self.steal_operations, Relaxed);
        to.poll_count.store(self.poll_count, Relaxed);
        to.busy_duration_total
            .store(self.busy_duration_total, Relaxed);
        to.overflow_count.store(self.overflow_count, Relaxed);
    }

    /// The worker is about to sleep: ends the busy stretch.
    pub(crate) fn about_to_park(&mut self) {
        self.park_count += 1;
        self.park_unpark_count += 1;
        if self.poll_count == self.poll_count_on_unpark {
            self.noop_count += 1;
        }
        let busy = self.busy_since.elapsed();
        self.busy_duration_total = self
            .busy_duration_total
            .saturating_add(u64::try_from(busy.as_nanos()).unwrap_or(u64::MAX));
    }

    /// The worker woke up: starts a busy stretch.
    pub(crate) fn unparked(&mut self) {
        self.park_unpark_count += 1;
        self.poll_count_on_unpark = self.poll_count;
        self.busy_since = Instant::now();
    }

    /// One task poll.
    pub(crate) fn incr_poll_count(&mut self) {
        self.poll_count += 1;
    }

    /// One successful steal of `count` tasks.
    pub(crate) fn incr_steal(&mut self, count: usize) {
        self.steal_operations += 1;
        self.steal_count += count as u64;
    }

    /// The local queue overflowed into the global queue.
    pub(crate) fn incr_overflow_count(&mut self) {
        self.overflow_count += 1;
    }
}
