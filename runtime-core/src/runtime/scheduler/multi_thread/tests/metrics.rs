//! Unit tests of the per-worker metrics batch.

use std::time::Duration;

use crate::runtime::scheduler::multi_thread::metrics::{
    MetricsBatch, WorkerMetrics, WorkerSnapshot,
};

#[test]
fn nothing_is_visible_before_submit() {
    let published = WorkerMetrics::new();
    let mut batch = MetricsBatch::new();
    batch.incr_poll_count();
    batch.incr_steal(3);
    batch.incr_overflow_count();
    assert_eq!(published.snapshot(), WorkerSnapshot::default());

    batch.submit(&published);
    let snapshot = published.snapshot();
    assert_eq!(snapshot.poll_count, 1);
    assert_eq!(snapshot.steal_count, 3);
    assert_eq!(snapshot.steal_operations, 1);
    assert_eq!(snapshot.overflow_count, 1);
    assert_eq!(snapshot.park_count, 0);
}

#[test]
fn a_park_without_polls_since_the_last_unpark_is_a_noop() {
    let published = WorkerMetrics::new();
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
    let snapshot = published.snapshot();
    assert_eq!(snapshot.park_count, 3);
    assert_eq!(snapshot.noop_count, 1);
    assert_eq!(snapshot.poll_count, 2);
}

#[test]
fn busy_duration_accumulates_between_unpark_and_park() {
    let published = WorkerMetrics::new();
    let mut batch = MetricsBatch::new();
    batch.about_to_park();
    batch.submit(&published);
    let first = published.snapshot().busy_duration_total;
    batch.unparked();
    batch.about_to_park();
    batch.submit(&published);
    let second = published.snapshot().busy_duration_total;
    assert!(second >= first);
    assert!(second < Duration::from_secs(3600));
}
