//! Unit tests of the per-worker metrics batch.

use std::sync::atomic::Ordering::Relaxed;

use crate::runtime::metrics::WorkerMetrics;
use crate::runtime::scheduler::multi_thread::metrics::MetricsBatch;

/// `(park, noop, steal, steal_operations, poll, overflow)` as published.
fn counts(m: &WorkerMetrics) -> (u64, u64, u64, u64, u64, u64) {
    (
        m.park_count.load(Relaxed),
        m.noop_count.load(Relaxed),
        m.steal_count.load(Relaxed),
        m.steal_operations.load(Relaxed),
        m.poll_count.load(Relaxed),
        m.overflow_count.load(Relaxed),
    )
}

#[test]
fn nothing_is_visible_before_submit() {
    let published = WorkerMetrics::default();
    let mut batch = MetricsBatch::new();
    batch.incr_poll_count();
    batch.incr_steal(3);
    batch.incr_overflow_count();
    assert_eq!(counts(&published), (0, 0, 0, 0, 0, 0));

    batch.submit(&published);
    assert_eq!(counts(&published), (0, 0, 3, 1, 1, 1));
}

#[test]
fn a_park_without_polls_since_the_last_unpark_is_a_noop() {
    let published = WorkerMetrics::default();
    let mut batch = MetricsBatch::new();
    // Busy stretch with a poll, then park: not a no-op.
    batch.incr_poll_count();
    batch.about_to_park();
    batch.unparked();
    // Woken, found nothing, parked again: a no-op.
    batch.about_to_park();
    batch.unparked();
    batch.incr_poll_count();
    batch.about_to_park();
    batch.submit(&published);
    assert_eq!(counts(&published), (3, 1, 0, 0, 2, 0));
}

#[test]
fn busy_duration_accumulates_between_unpark_and_park() {
    let published = WorkerMetrics::default();
    let mut batch = MetricsBatch::new();
    batch.about_to_park();
    batch.submit(&published);
    let first = published.busy_duration_total.load(Relaxed);
    batch.unparked();
    batch.about_to_park();
    batch.submit(&published);
    let second = published.busy_duration_total.load(Relaxed);
    assert!(second >= first);
}
