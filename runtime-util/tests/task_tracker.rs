//! `TaskTracker`: counting, close/reopen, and `wait` only when closed and
//! empty.
#![cfg(feature = "rt")]

use std::task::Poll;

use runtime_core::runtime::{Builder, Runtime};
use runtime_core::sync::oneshot;
use runtime_test::task;
use runtime_util::task::TaskTracker;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

#[test]
fn open_empty_tracker_does_not_complete_wait() {
    let tracker = TaskTracker::new();
    assert!(tracker.is_empty());
    assert!(!tracker.is_closed());
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Pending);
    assert!(tracker.close());
    assert!(wait.is_woken());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn closed_empty_tracker_completes_at_once() {
    let tracker = TaskTracker::default();
    assert!(tracker.close());
    assert!(!tracker.close());
    assert!(tracker.is_closed());
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn closed_tracker_with_tasks_waits_for_the_last_one() {
    let tracker = TaskTracker::new();
    let a = tracker.token();
    let b = tracker.token();
    assert_eq!(tracker.len(), 2);
    tracker.close();
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Pending);
    drop(a);
    assert_eq!(tracker.len(), 1);
    assert!(!wait.is_woken());
    assert_eq!(wait.poll(), Poll::Pending);
    drop(b);
    assert!(wait.is_woken());
    assert!(tracker.is_empty());
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn empty_but_open_after_tasks_exit_keeps_waiting() {
    let tracker = TaskTracker::new();
    let token = tracker.token();
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Pending);
    drop(token);
    assert!(!wait.is_woken());
    assert_eq!(wait.poll(), Poll::Pending);
    tracker.close();
    assert_eq!(wait.poll(), Poll::Ready(()));
}

#[test]
fn reopen_and_close_report_previous_state() {
    let tracker = TaskTracker::new();
    assert!(!tracker.reopen());
    assert!(tracker.close());
    assert!(tracker.reopen());
    assert!(!tracker.is_closed());
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Pending);
}

#[test]
fn wait_completes_once_notified_even_if_reopened() {
    let tracker = TaskTracker::new();
    let token = tracker.token();
    tracker.close();
    let mut wait = task::spawn(tracker.wait());
    assert_eq!(wait.poll(), Poll::Pending);
    drop(token);
    tracker.reopen();
    let _new = tracker.token();
    assert_eq!(wait.poll(), Poll::Ready(()));
    // A fresh wait sees the current, open and non-empty state.
    let mut fresh = task::spawn(tracker.wait());
    assert_eq!(fresh.poll(), Poll::Pending);
}

#[test]
fn tokens_clone_and_count() {
    let tracker = TaskTracker::new();
    let token = tracker.token();
    let clone = token.clone();
    assert_eq!(tracker.len(), 2);
    assert!(TaskTracker::ptr_eq(token.task_tracker(), &tracker));
    drop(token);
    drop(clone);
    assert_eq!(tracker.len(), 0);
}

#[test]
fn tracked_future_counts_until_dropped_not_until_done() {
    let tracker = TaskTracker::new();
    let mut fut = task::spawn(tracker.track_future(async { 3 }));
    assert_eq!(tracker.len(), 1);
    assert_eq!(fut.poll(), Poll::Ready(3));
    assert_eq!(tracker.len(), 1);
    drop(fut);
    assert_eq!(tracker.len(), 0);
}

#[test]
fn clones_are_the_same_tracker() {
    let a = TaskTracker::new();
    let b = a.clone();
    let other = TaskTracker::new();
    assert!(TaskTracker::ptr_eq(&a, &b));
    assert!(!TaskTracker::ptr_eq(&a, &other));
    b.close();
    assert!(a.is_closed());
    let _t = b.token();
    assert_eq!(a.len(), 1);
    assert_eq!(format!("{a:?}"), "TaskTracker { len: 1, is_closed: true }");
}

#[test]
fn spawned_tasks_are_tracked_until_they_exit() {
    let rt = rt();
    rt.block_on(async {
        let tracker = TaskTracker::new();
        let (tx, rx) = oneshot::channel::<()>();
        let handle = tracker.spawn(async move {
            rx.await.unwrap();
            "task out"
        });
        let blocking = tracker.spawn_blocking(|| 40 + 2);
        // The blocking task may already have returned on its thread.
        assert!((1..=2).contains(&tracker.len()));
        tracker.close();
        assert_eq!(blocking.await.unwrap(), 42);
        assert_eq!(tracker.len(), 1);
        let mut wait = Box::pin(tracker.wait());
        assert!(futures::poll!(wait.as_mut()).is_pending());
        tx.send(()).unwrap();
        wait.await;
        assert!(tracker.is_empty());
        assert_eq!(handle.await.unwrap(), "task out");
    });
}

#[test]
fn spawn_on_and_spawn_blocking_on_use_the_handle() {
    let rt = rt();
    let tracker = TaskTracker::new();
    let a = tracker.spawn_on(async { 1 }, rt.handle());
    let b = tracker.spawn_blocking_on(|| 2, rt.handle());
    tracker.close();
    let sum = rt.block_on(async {
        tracker.wait().await;
        a.await.unwrap() + b.await.unwrap()
    });
    assert_eq!(sum, 3);
    assert!(tracker.is_empty());
}

#[test]
fn spawn_local_and_spawn_local_on() {
    let rt = rt();
    let local = runtime_core::task::LocalSet::new();
    let tracker = TaskTracker::new();
    let rc = std::rc::Rc::new(5);
    let rc2 = rc.clone();
    let on = tracker.spawn_local_on(async move { *rc2 }, &local);
    let out = local.block_on(&rt, async {
        let inner = tracker.spawn_local(async move { *rc + 1 });
        tracker.close();
        tracker.wait().await;
        (on.await.unwrap(), inner.await.unwrap())
    });
    assert_eq!(out, (5, 6));
    assert!(tracker.is_empty());
}

#[test]
fn aborted_task_leaves_the_tracker() {
    let rt = rt();
    rt.block_on(async {
        let tracker = TaskTracker::new();
        let handle = tracker.spawn(std::future::pending::<()>());
        runtime_core::task::yield_now().await;
        assert_eq!(tracker.len(), 1);
        handle.abort();
        tracker.close();
        tracker.wait().await;
        assert!(handle.await.unwrap_err().is_cancelled());
        assert_eq!(tracker.len(), 0);
    });
}

#[test]
fn is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<TaskTracker>();
    assert_send_sync::<runtime_util::task::task_tracker::TaskTrackerToken>();
    assert_send_sync::<runtime_util::task::task_tracker::TaskTrackerWaitFuture<'static>>();
}
