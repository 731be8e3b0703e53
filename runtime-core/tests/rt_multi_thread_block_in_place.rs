//! `task::block_in_place`: a worker that blocks hands its queue to a new
//! thread, so the other tasks keep running.

use std::sync::mpsc as std_mpsc;

use futures::channel::oneshot;
use runtime_core::runtime::Builder;
use runtime_core::task;

#[test]
fn block_in_place_keeps_other_tasks_running_on_a_single_worker() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    let (tx, rx) = std_mpsc::channel::<u32>();
    let outcome = rt.block_on(async move {
        task::spawn(async move {
            // Queued behind the blocker on the only worker: it can only run
            // if the worker's core moves to another thread.
            let helper = task::spawn(async move { tx.send(5).unwrap() });
            let got = task::block_in_place(|| rx.recv().unwrap());
            helper.await.unwrap();
            got * 2
        })
        .await
        .unwrap()
    });
    assert_eq!(outcome, 10);
}

#[test]
fn the_task_continues_after_block_in_place_and_can_await() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let result = rt.block_on(async {
        task::spawn(async {
            let a = task::block_in_place(|| 20);
            let (tx, rx) = oneshot::channel();
            task::spawn(async move { tx.send(1).unwrap() });
            let b = rx.await.unwrap();
            let c = task::block_in_place(|| task::block_in_place(|| 21));
            a + b + c
        })
        .await
        .unwrap()
    });
    assert_eq!(result, 42);
}

#[test]
fn many_block_in_place_calls_in_parallel_all_return() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let handles: Vec<_> = (0..50u64)
        .map(|i| {
            rt.spawn(async move {
                let doubled = task::block_in_place(|| i * 2);
                task::yield_now().await;
                doubled
            })
        })
        .collect();
    let sum: u64 = rt.block_on(async {
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.unwrap();
        }
        sum
    });
    assert_eq!(sum, 49 * 50);
}

#[test]
fn block_in_place_in_block_on_of_a_multi_thread_runtime_is_allowed() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    assert_eq!(rt.block_on(async { task::block_in_place(|| 3) }), 3);
}

#[test]
fn block_in_place_outside_any_runtime_just_runs_the_closure() {
    assert_eq!(task::block_in_place(|| "ran"), "ran");
}

#[test]
#[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
fn block_in_place_on_a_current_thread_runtime_panics() {
    let rt = Builder::new_current_thread().build().unwrap();
    rt.block_on(async { task::block_in_place(|| ()) });
}

#[test]
fn a_panic_inside_block_in_place_is_reported_by_the_join_handle() {
    let rt = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    let err = rt
        .block_on(rt.spawn(async { task::block_in_place(|| panic!("inside")) }))
        .unwrap_err();
    assert!(err.is_panic());
    // The runtime still runs tasks afterwards.
    assert_eq!(rt.block_on(rt.spawn(async { 1 })).unwrap(), 1);
}

#[test]
fn handle_block_on_inside_block_in_place_is_allowed() {
    let rt = Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    let out = rt
        .block_on(rt.spawn(async {
            let handle = runtime_core::runtime::Handle::current();
            task::block_in_place(move || {
                // The thread no longer drives the runtime, so it may block
                // on a future; the spawned task runs on another thread.
                handle.block_on(async { task::spawn(async { 5 }).await.unwrap() })
            })
        }))
        .unwrap();
    assert_eq!(out, 5);
}

#[test]
fn every_worker_blocking_in_place_at_once_still_runs_other_tasks() {
    const WORKERS: usize = 2;
    let rt = Builder::new_multi_thread()
        .worker_threads(WORKERS)
        .build()
        .unwrap();
    let (tx, rx) = std_mpsc::channel::<()>();
    let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
    // Each blocker waits for a message that only a later task sends.
    let blockers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let rx = rx.clone();
            rt.spawn(async move { task::block_in_place(|| rx.lock().unwrap().recv().unwrap()) })
        })
        .collect();
    let sender = rt.spawn(async move {
        for _ in 0..WORKERS {
            tx.send(()).unwrap();
        }
    });
    rt.block_on(async {
        sender.await.unwrap();
        for blocker in blockers {
            blocker.await.unwrap();
        }
    });
}

fn mt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap()
}

#[test]
#[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
fn block_in_place_in_a_local_sets_run_until_panics() {
    // `block_on` of a multi-thread runtime allows `block_in_place`, but not
    // inside a `LocalSet`: its `!Send` tasks are tied to this thread.
    let rt = mt();
    rt.block_on(async {
        let local = task::LocalSet::new();
        local.run_until(async { task::block_in_place(|| ()) }).await;
    });
}

#[test]
#[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
fn block_in_place_in_a_local_task_panics() {
    let rt = mt();
    rt.block_on(async {
        let local = task::LocalSet::new();
        let inner = local.spawn_local(async { task::block_in_place(|| ()) });
        local.await;
        if let Err(e) = inner.await {
            std::panic::resume_unwind(e.into_panic());
        }
    });
}

#[test]
fn block_in_place_after_a_local_set_is_done_is_allowed_again() {
    let rt = mt();
    rt.block_on(async {
        let local = task::LocalSet::new();
        local.run_until(async {}).await;
        assert_eq!(task::block_in_place(|| 5), 5);
    });
}

#[test]
fn handle_block_on_a_yield_inside_block_in_place_completes() {
    let rt = mt();
    let n = rt.block_on(async {
        task::spawn(async {
            task::block_in_place(|| {
                // The yield's wake-up must not wait for the worker's
                // scheduler, which this thread no longer drives.
                runtime_core::runtime::Handle::current().block_on(task::yield_now());
                7
            })
        })
        .await
        .unwrap()
    });
    assert_eq!(n, 7);
}
