//! JoinSet.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::task::{self, JoinSet, LocalSet};
use support::{DropCounter, PendingDrop, Signal, rt};

#[test]
fn outputs_come_in_completion_order() {
    let rt = rt();
    rt.block_on(async {
        let (s1, s2, s3) = (Signal::new(), Signal::new(), Signal::new());
        let mut set = JoinSet::new();
        let (w1, w2, w3) = (s1.wait(), s2.wait(), s3.wait());
        set.spawn(async move {
            w1.await;
            1
        });
        set.spawn(async move {
            w2.await;
            2
        });
        set.spawn(async move {
            w3.await;
            3
        });
        assert_eq!(set.len(), 3);
        s2.fire();
        assert_eq!(set.join_next().await.unwrap().unwrap(), 2);
        s3.fire();
        assert_eq!(set.join_next().await.unwrap().unwrap(), 3);
        s1.fire();
        assert_eq!(set.join_next().await.unwrap().unwrap(), 1);
        assert!(set.join_next().await.is_none());
        assert!(set.is_empty());
    });
}

#[test]
fn join_next_with_id_reports_ids() {
    let rt = rt();
    rt.block_on(async {
        let mut set = JoinSet::new();
        let abort = set.spawn(async { 5 });
        let (id, v) = set.join_next_with_id().await.unwrap().unwrap();
        assert_eq!(id, abort.id());
        assert_eq!(v, 5);
    });
}

#[test]
fn try_join_next_does_not_wait() {
    let rt = rt();
    rt.block_on(async {
        let mut set = JoinSet::new();
        let signal = Signal::new();
        let wait = signal.wait();
        set.spawn(async move {
            wait.await;
            "late"
        });
        set.spawn(async { "early" });
        task::yield_now().await;
        assert_eq!(set.try_join_next().unwrap().unwrap(), "early");
        assert!(set.try_join_next().is_none());
        signal.fire();
        task::yield_now().await;
        assert_eq!(set.try_join_next().unwrap().unwrap(), "late");
        assert!(set.try_join_next().is_none());
    });
}

#[test]
fn abort_all_and_shutdown_cancel_everything() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    rt.block_on(async {
        let mut set = JoinSet::new();
        for _ in 0..5 {
            set.spawn(PendingDrop(DropCounter(drops.clone())));
        }
        set.abort_all();
        let mut cancelled = 0;
        while let Some(res) = set.join_next().await {
            assert!(res.unwrap_err().is_cancelled());
            cancelled += 1;
        }
        assert_eq!(cancelled, 5);
        for _ in 0..3 {
            set.spawn(PendingDrop(DropCounter(drops.clone())));
        }
        set.shutdown().await;
        assert!(set.is_empty());
    });
    assert_eq!(drops.load(Ordering::SeqCst), 8);
}

#[test]
fn dropping_the_set_aborts_its_tasks() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    rt.block_on(async {
        let mut set = JoinSet::new();
        for _ in 0..4 {
            set.spawn(PendingDrop(DropCounter(drops.clone())));
        }
        task::yield_now().await;
        drop(set);
        task::yield_now().await;
    });
    assert_eq!(drops.load(Ordering::SeqCst), 4);
}

#[test]
fn detach_all_keeps_tasks_running() {
    let rt = rt();
    let signal = Signal::new();
    rt.block_on(async {
        let mut set = JoinSet::new();
        let s = signal.clone();
        set.spawn(async move { s.fire() });
        set.detach_all();
        assert!(set.is_empty());
        drop(set);
        signal.wait().await;
    });
}

#[test]
fn join_all_returns_every_output() {
    let rt = rt();
    let mut out = rt.block_on(async {
        let set: JoinSet<u32> = (0..20u32).map(|i| async move { i }).collect();
        set.join_all().await
    });
    out.sort();
    assert_eq!(out, (0..20).collect::<Vec<_>>());
}

#[test]
fn join_all_resumes_a_panic() {
    let rt = rt();
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(async {
            let mut set = JoinSet::new();
            set.spawn(async { panic!("inner") });
            set.join_all().await
        })
    }));
    let err = res.unwrap_err();
    assert_eq!(*err.downcast::<&str>().unwrap(), "inner");
}

#[test]
fn many_tasks_with_slot_reuse() {
    let rt = rt();
    rt.block_on(async {
        let mut set = JoinSet::new();
        let mut total = 0u64;
        for round in 0..10u64 {
            for i in 0..100u64 {
                set.spawn(async move { round * 100 + i });
            }
            while let Some(v) = set.join_next().await {
                total += v.unwrap();
            }
        }
        assert_eq!(total, (0..1000u64).sum::<u64>());
    });
}

#[test]
fn spawn_local_and_blocking_in_a_set() {
    let rt = rt();
    let local = LocalSet::new();
    local.block_on(&rt, async {
        let mut set = JoinSet::new();
        let rc = std::rc::Rc::new(3);
        set.spawn_local(async move { *rc });
        set.spawn_blocking(|| 4);
        let mut got = Vec::new();
        while let Some(v) = set.join_next().await {
            got.push(v.unwrap());
        }
        got.sort();
        assert_eq!(got, vec![3, 4]);
    });
}

#[test]
fn a_replaced_parent_waker_is_dropped_outside_the_lock() {
    use std::sync::Arc;
    use std::task::{Context, Wake, Waker};

    /// A waker whose drop drives the runtime, completing the set's task
    /// (whose completion takes the set's lock).
    struct DriveOnDrop(runtime_core::runtime::Runtime);

    impl Wake for DriveOnDrop {
        fn wake(self: Arc<Self>) {}
    }

    impl Drop for DriveOnDrop {
        fn drop(&mut self) {
            self.0.block_on(runtime_core::task::yield_now());
        }
    }

    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let mut set = runtime_core::task::JoinSet::new();
    set.spawn_on(async { 42 }, rt.handle());
    let waker = Waker::from(Arc::new(DriveOnDrop(rt)));
    assert!(
        set.poll_join_next(&mut Context::from_waker(&waker))
            .is_pending()
    );
    drop(waker);
    // Replacing the waker drops the last `DriveOnDrop`, which runs the task.
    assert!(
        set.poll_join_next(&mut Context::from_waker(Waker::noop()))
            .is_pending()
    );
    assert_eq!(set.try_join_next().unwrap().unwrap(), 42);
}
