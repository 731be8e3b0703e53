//! The blocking pool: spawn_blocking, its limits and shutdown.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use runtime_core::runtime::{Builder, Handle};
use runtime_core::task;
use support::rt;

#[test]
fn spawn_blocking_runs_on_another_thread_with_context() {
    let rt = rt();
    let main = std::thread::current().id();
    let (id, has_ctx) = rt.block_on(async {
        task::spawn_blocking(|| (std::thread::current().id(), Handle::try_current().is_ok()))
            .await
            .unwrap()
    });
    assert_ne!(id, main);
    assert!(has_ctx);
}

#[test]
fn panic_in_blocking_task_is_reported() {
    let rt = rt();
    let err = rt
        .block_on(task::unconstrained(async {
            rt.spawn_blocking(|| panic!("blocking boom")).await
        }))
        .unwrap_err();
    assert!(err.is_panic());
    assert_eq!(
        *err.into_panic().downcast::<&str>().unwrap(),
        "blocking boom"
    );
}

#[test]
fn pool_never_exceeds_max_blocking_threads() {
    let rt = Builder::new_current_thread()
        .max_blocking_threads(2)
        .build()
        .unwrap();
    let running = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let running = running.clone();
            let peak = peak.clone();
            rt.spawn_blocking(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
                running.fetch_sub(1, Ordering::SeqCst);
            })
        })
        .collect();
    rt.block_on(async {
        for h in handles {
            h.await.unwrap();
        }
    });
    assert!(peak.load(Ordering::SeqCst) <= 2);
    assert!(rt.metrics().num_blocking_threads() <= 2);
}

#[test]
fn idle_threads_exit_after_keep_alive() {
    let rt = Builder::new_current_thread()
        .thread_keep_alive(Duration::from_millis(10))
        .build()
        .unwrap();
    rt.block_on(rt.spawn_blocking(|| ())).unwrap();
    // Wait (bounded) for the idle thread to leave; the verdict does not
    // depend on timing, only on the eventual state.
    let deadline = Instant::now() + Duration::from_secs(10);
    while rt.metrics().num_blocking_threads() != 0 {
        assert!(Instant::now() < deadline, "blocking thread never exited");
        std::thread::sleep(Duration::from_millis(5));
    }
    // The pool grows again on demand.
    assert_eq!(rt.block_on(rt.spawn_blocking(|| 3)).unwrap(), 3);
}

#[test]
fn shutdown_timeout_returns_with_a_stuck_blocking_task() {
    let rt = rt();
    let release = Arc::new(Barrier::new(2));
    let r = release.clone();
    let started = Arc::new(Barrier::new(2));
    let s = started.clone();
    rt.spawn_blocking(move || {
        s.wait();
        r.wait();
    });
    started.wait();
    // Returns although the task is still blocked: it is left running.
    rt.shutdown_timeout(Duration::from_millis(10));
    release.wait();
}

/// As tokio's pool: a task queued behind a busy thread is run by that
/// thread once it is free, shutdown or not (only tasks no thread was on its
/// way to may be cancelled), and `shutdown_timeout` waits for it.
#[test]
fn a_task_queued_behind_a_busy_thread_still_runs_at_shutdown() {
    let rt = Builder::new_current_thread()
        .max_blocking_threads(1)
        .build()
        .unwrap();
    let gate = Arc::new(Barrier::new(2));
    let g = gate.clone();
    let started = Arc::new(Barrier::new(2));
    let s = started.clone();
    let first = rt.spawn_blocking(move || {
        s.wait();
        g.wait();
    });
    let ran = Arc::new(Mutex::new(false));
    let r = ran.clone();
    let second = rt.spawn_blocking(move || *r.lock().unwrap() = true);
    // The first task holds the only thread; the second is queued.
    started.wait();
    let handle = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        gate.wait();
    });
    rt.shutdown_timeout(Duration::from_secs(10));
    handle.join().unwrap();
    assert!(futures::executor::block_on(first).is_ok());
    assert!(futures::executor::block_on(second).is_ok());
    assert!(*ran.lock().unwrap());
}

/// A task spawned right before the shutdown has a thread on its way to it:
/// it runs, and the shutdown waits for it (tokio's
/// "spawn_blocking started before shutdown continues").
#[test]
fn a_task_spawned_just_before_shutdown_runs() {
    let rt = Builder::new_current_thread().build().unwrap();
    let task = rt.spawn_blocking(|| 42);
    rt.shutdown_timeout(Duration::from_secs(10));
    assert_eq!(futures::executor::block_on(task).unwrap(), 42);
}

#[test]
fn dropping_a_runtime_inside_async_code_panics_but_background_works() {
    let outer = rt();
    let inner = rt();
    let res = outer.block_on(async move {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(inner)))
    });
    let err = res.unwrap_err();
    let msg = err
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| err.downcast_ref::<&str>().unwrap().to_string());
    assert!(msg.contains("Cannot drop a runtime in a context where blocking is not allowed"));
    let inner = rt();
    outer.block_on(async move { inner.shutdown_background() });
}

#[test]
fn on_thread_start_and_stop_hooks_run_on_pool_threads() {
    let starts = Arc::new(AtomicUsize::new(0));
    let stops = Arc::new(AtomicUsize::new(0));
    let (a, b) = (starts.clone(), stops.clone());
    let rt = Builder::new_current_thread()
        .on_thread_start(move || {
            a.fetch_add(1, Ordering::SeqCst);
        })
        .on_thread_stop(move || {
            b.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    rt.block_on(rt.spawn_blocking(|| ())).unwrap();
    drop(rt);
    assert_eq!(starts.load(Ordering::SeqCst), 1);
    assert_eq!(stops.load(Ordering::SeqCst), 1);
}

#[test]
fn queued_mandatory_blocking_tasks_run_despite_shutdown() {
    let rt = Builder::new_current_thread()
        .max_blocking_threads(1)
        .build()
        .unwrap();
    let gate = Arc::new(Barrier::new(2));
    let g = gate.clone();
    let started = Arc::new(Barrier::new(2));
    let s = started.clone();
    let (first, optional, mandatory, ran_rx) = {
        let _enter = rt.enter();
        let first = task::spawn_blocking(move || {
            s.wait();
            g.wait();
        });
        let optional = task::spawn_blocking(|| ());
        let (ran_tx, ran_rx) = std::sync::mpsc::channel();
        let mandatory =
            task::spawn_mandatory_blocking(move || ran_tx.send(()).unwrap()).expect("accepted");
        (first, optional, mandatory, ran_rx)
    };
    // The first task holds the only thread; the other two are queued.
    started.wait();
    // Returns at once; the pool thread, once free, runs what was queued
    // for it.
    rt.shutdown_background();
    gate.wait();
    ran_rx.recv().unwrap();
    assert!(futures::executor::block_on(first).is_ok());
    assert!(futures::executor::block_on(optional).is_ok());
    assert!(futures::executor::block_on(mandatory).is_ok());
}

#[test]
fn mandatory_blocking_task_is_refused_after_shutdown() {
    let rt = Builder::new_current_thread().build().unwrap();
    let handle = rt.handle().clone();
    rt.shutdown_background();
    let _enter = handle.enter();
    assert!(task::spawn_mandatory_blocking(|| ()).is_none());
}
