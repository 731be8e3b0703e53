//! The current-thread runtime: block_on, spawn, wake-ups, shutdown.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use runtime_core::runtime::{Builder, Handle, RuntimeFlavor};
use runtime_core::task;
use support::{DropCounter, PendingDrop, Signal, rt};

#[test]
fn block_on_returns_the_output() {
    let rt = rt();
    assert_eq!(rt.block_on(async { 1 + 2 }), 3);
    // Twice on the same runtime.
    assert_eq!(rt.block_on(async { "again" }), "again");
}

#[test]
fn spawned_tasks_run_and_join() {
    let rt = rt();
    let out = rt.block_on(async {
        let handles: Vec<_> = (0..100)
            .map(|i| task::spawn(async move { i * 2 }))
            .collect();
        let mut sum = 0;
        for h in handles {
            sum += h.await.unwrap();
        }
        sum
    });
    assert_eq!(out, (0..100).map(|i| i * 2).sum::<i32>());
}

#[test]
fn thousands_of_tasks_spawned_from_outside_complete() {
    let rt = rt();
    let counter = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..5000)
        .map(|_| {
            let counter = counter.clone();
            rt.spawn(async move {
                counter.fetch_add(1, Ordering::SeqCst);
            })
        })
        .collect();
    rt.block_on(async {
        for h in handles {
            h.await.unwrap();
        }
    });
    assert_eq!(counter.load(Ordering::SeqCst), 5000);
}

#[test]
fn task_woken_from_another_thread_runs() {
    let rt = rt();
    let signal = Signal::new();
    let wait = signal.wait();
    let handle = rt.spawn(async move {
        wait.await;
        "woken"
    });
    let th = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(5));
        signal.fire();
    });
    assert_eq!(rt.block_on(handle).unwrap(), "woken");
    th.join().unwrap();
}

#[test]
fn spawn_from_another_thread_through_handle() {
    let rt = rt();
    let handle = rt.handle().clone();
    let th = std::thread::spawn(move || handle.spawn(async { 11 }));
    let join = th.join().unwrap();
    assert_eq!(rt.block_on(join).unwrap(), 11);
}

#[test]
fn spawn_while_blocked_in_block_on_from_another_thread() {
    let rt = rt();
    let handle = rt.handle().clone();
    let out = rt.block_on(async move {
        let th = std::thread::spawn(move || handle.spawn(async { 5 }));
        // Not blocking the runtime thread: the join handle comes over a
        // blocking task.
        let join = task::spawn_blocking(move || th.join().unwrap())
            .await
            .unwrap();
        join.await.unwrap()
    });
    assert_eq!(out, 5);
}

#[test]
fn nested_block_on_panics_with_advice() {
    let rt = rt();
    let rt2 = support::rt();
    let err = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(async { rt2.block_on(async {}) })
    }))
    .unwrap_err();
    let msg = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap();
    assert!(
        msg.contains("Cannot start a runtime from within a runtime"),
        "{msg}"
    );
    // The runtime still works after the panic.
    assert_eq!(rt.block_on(async { 1 }), 1);
}

#[test]
fn handle_current_outside_runtime_fails_clearly() {
    let err = Handle::try_current().unwrap_err();
    assert!(err.is_missing_context());
    assert!(
        err.to_string()
            .contains("must be called from the context of a Tokio 1.x runtime")
    );
    let panic = std::panic::catch_unwind(Handle::current).unwrap_err();
    let msg = panic.downcast_ref::<String>().unwrap();
    assert!(msg.contains("no reactor running"), "{msg}");
}

#[test]
fn spawn_outside_runtime_panics() {
    let panic = std::panic::catch_unwind(|| task::spawn(async {})).unwrap_err();
    let msg = panic.downcast_ref::<String>().unwrap();
    assert!(
        msg.contains("must be called from the context of a Tokio 1.x runtime"),
        "{msg}"
    );
}

#[test]
fn enter_makes_handle_current() {
    let rt = rt();
    {
        let _guard = rt.enter();
        assert_eq!(Handle::current().id(), rt.handle().id());
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
        // spawn works with the context entered, outside block_on.
        let join = task::spawn(async { 3 });
        drop(_guard);
        assert_eq!(rt.block_on(join).unwrap(), 3);
    }
    assert!(Handle::try_current().is_err());
}

#[test]
fn dropping_runtime_drops_pending_tasks_on_the_dropping_thread() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let main = std::thread::current().id();
    let dropped_on = Arc::new(Mutex::new(Vec::new()));
    struct Check(
        Arc<Mutex<Vec<std::thread::ThreadId>>>,
        #[allow(dead_code)] DropCounter,
    );
    impl Drop for Check {
        fn drop(&mut self) {
            self.0.lock().unwrap().push(std::thread::current().id());
            // The runtime context is still set while tasks are dropped.
            assert!(Handle::try_current().is_ok());
        }
    }
    for _ in 0..10 {
        let check = Check(dropped_on.clone(), DropCounter(drops.clone()));
        rt.spawn(async move {
            let _check = check;
            std::future::pending::<()>().await;
        });
    }
    // Run them once so they are parked, not just queued.
    rt.block_on(task::yield_now());
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(rt);
    assert_eq!(drops.load(Ordering::SeqCst), 10);
    assert!(dropped_on.lock().unwrap().iter().all(|id| *id == main));
}

#[test]
fn join_handle_of_task_dropped_at_shutdown_is_cancelled() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let join = rt.spawn(PendingDrop(DropCounter(drops.clone())));
    drop(rt);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    let err = futures::executor::block_on(join).unwrap_err();
    assert!(err.is_cancelled());
}

#[test]
fn spawn_after_shutdown_is_cancelled_at_once() {
    let rt = rt();
    let handle = rt.handle().clone();
    drop(rt);
    let drops = Arc::new(AtomicUsize::new(0));
    let join = handle.spawn(PendingDrop(DropCounter(drops.clone())));
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    assert!(
        futures::executor::block_on(join)
            .unwrap_err()
            .is_cancelled()
    );
}

#[test]
fn yield_now_lets_other_tasks_run() {
    let rt = rt();
    let order = Arc::new(Mutex::new(Vec::new()));
    rt.block_on(async {
        let o1 = order.clone();
        let a = task::spawn(async move {
            for i in 0..3 {
                o1.lock().unwrap().push(("a", i));
                task::yield_now().await;
            }
        });
        let o2 = order.clone();
        let b = task::spawn(async move {
            for i in 0..3 {
                o2.lock().unwrap().push(("b", i));
                task::yield_now().await;
            }
        });
        a.await.unwrap();
        b.await.unwrap();
    });
    let order = order.lock().unwrap().clone();
    assert_eq!(
        order,
        vec![("a", 0), ("b", 0), ("a", 1), ("b", 1), ("a", 2), ("b", 2)]
    );
}

#[test]
fn budget_forces_a_busy_task_to_yield() {
    // A task that is always ready through a cooperative resource must still
    // let another task run.
    let rt = rt();
    let flag = Arc::new(AtomicUsize::new(0));
    rt.block_on(async {
        let f = flag.clone();
        let spinner = task::spawn(async move {
            let mut polls = 0u64;
            while f.load(Ordering::SeqCst) == 0 {
                task::consume_budget().await;
                polls += 1;
            }
            polls
        });
        let f = flag.clone();
        task::spawn(async move {
            f.store(1, Ordering::SeqCst);
        });
        let polls = spinner.await.unwrap();
        // It ran a whole budget (128 units) before yielding at least once.
        assert!(polls >= 128, "{polls}");
    });
}

#[test]
fn on_thread_park_and_unpark_are_called() {
    let parks = Arc::new(AtomicUsize::new(0));
    let unparks = Arc::new(AtomicUsize::new(0));
    let (p, u) = (parks.clone(), unparks.clone());
    let rt = Builder::new_current_thread()
        .on_thread_park(move || {
            p.fetch_add(1, Ordering::SeqCst);
        })
        .on_thread_unpark(move || {
            u.fetch_add(1, Ordering::SeqCst);
        })
        .build()
        .unwrap();
    let signal = Signal::new();
    let s2 = signal.clone();
    let th = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(10));
        s2.fire();
    });
    rt.block_on(signal.wait());
    th.join().unwrap();
    assert!(parks.load(Ordering::SeqCst) >= 1);
    assert_eq!(parks.load(Ordering::SeqCst), unparks.load(Ordering::SeqCst));
    assert!(rt.metrics().worker_park_count(0) >= 1);
}

#[test]
fn block_on_from_two_threads_both_complete() {
    let rt = Arc::new(rt());
    let signal = Signal::new();
    let rt2 = rt.clone();
    let wait = signal.wait();
    let th = std::thread::spawn(move || {
        rt2.block_on(async move {
            wait.await;
            1
        })
    });
    std::thread::sleep(Duration::from_millis(5));
    let out = rt.block_on(async {
        signal.fire();
        2
    });
    assert_eq!(out, 2);
    assert_eq!(th.join().unwrap(), 1);
}

#[test]
fn metrics_count_spawns_and_alive_tasks() {
    let rt = rt();
    let m = rt.metrics();
    let signal = Signal::new();
    let h = rt.spawn(signal.wait());
    assert_eq!(m.num_alive_tasks(), 1);
    assert_eq!(m.spawned_tasks_count(), 1);
    signal.fire();
    rt.block_on(h).unwrap();
    assert_eq!(m.num_alive_tasks(), 0);
    assert!(m.worker_poll_count(0) >= 1);
}

#[test]
fn runtime_ids_differ() {
    let a = rt();
    let b = rt();
    assert_ne!(a.handle().id(), b.handle().id());
}

#[test]
fn self_waking_block_on_future_does_not_starve_spawned_tasks() {
    // The block_on future wakes itself on every poll; the spawned task must
    // still get to run (it is what completes the future).
    let rt = rt();
    let flag = Arc::new(AtomicUsize::new(0));
    let f = flag.clone();
    rt.spawn(async move { f.store(1, Ordering::SeqCst) });
    let mut polls = 0u32;
    rt.block_on(std::future::poll_fn(|cx| {
        polls += 1;
        if flag.load(Ordering::SeqCst) == 1 {
            std::task::Poll::Ready(())
        } else {
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }));
    assert!(polls >= 2);
}

#[test]
fn runtimes_can_be_named() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .name("first")
        .build()
        .unwrap();
    assert_eq!(rt.handle().name(), Some("first"));
    let mt = runtime_core::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .name("second")
        .build()
        .unwrap();
    assert_eq!(mt.handle().name(), Some("second"));
    let unnamed = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    assert_eq!(unnamed.handle().name(), None);
}

#[test]
#[should_panic(expected = "runtime name shouldn't be empty")]
fn an_empty_runtime_name_panics() {
    runtime_core::runtime::Builder::new_current_thread().name(" ");
}

#[test]
fn a_panicking_task_is_dropped_while_the_panic_unwinds() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Panics when polled; records whether its destructor ran during the
    /// unwinding.
    struct Boom(Arc<AtomicBool>);

    impl std::future::Future for Boom {
        type Output = ();

        fn poll(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<()> {
            panic!("boom");
        }
    }

    impl Drop for Boom {
        fn drop(&mut self) {
            self.0.store(std::thread::panicking(), Ordering::SeqCst);
        }
    }

    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let dropped_while_panicking = Arc::new(AtomicBool::new(false));
    let err = rt
        .block_on(rt.spawn(Boom(dropped_while_panicking.clone())))
        .unwrap_err();
    assert!(err.is_panic());
    assert!(dropped_while_panicking.load(Ordering::SeqCst));
}

#[test]
fn a_runtime_in_a_thread_local_is_dropped_at_thread_exit() {
    use std::cell::RefCell;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    thread_local! {
        static RT: RefCell<Option<runtime_core::runtime::Runtime>> = const { RefCell::new(None) };
    }

    /// Records that it was dropped (by the runtime's shutdown).
    struct Flag(Arc<AtomicBool>);

    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    let dropped = Arc::new(AtomicBool::new(false));
    let flag = Flag(dropped.clone());
    std::thread::spawn(move || {
        // The thread-local is set up first, so it is destroyed after the
        // runtime's own thread-locals: its drop finds them gone.
        RT.with(|cell| {
            let rt = runtime_core::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            // A task still pending when the runtime goes: shutdown drops it.
            rt.spawn(async move {
                let _flag = flag;
                std::future::pending::<()>().await;
            });
            *cell.borrow_mut() = Some(rt);
        });
        // A second runtime, dropped normally before the thread-local one.
        let _other = runtime_core::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
    })
    .join()
    .unwrap();
    // The thread-local runtime was shut down (its task dropped) while the
    // thread's other thread-locals were being destroyed, without a panic.
    assert!(dropped.load(Ordering::SeqCst));
}

#[test]
fn enter_guards_nest() {
    use runtime_core::runtime::{Builder, Handle};
    let rt1 = Builder::new_current_thread().build().unwrap();
    let rt2 = Builder::new_current_thread().build().unwrap();
    let g1 = rt1.enter();
    assert_eq!(Handle::current().id(), rt1.handle().id());
    let g2 = rt2.enter();
    assert_eq!(Handle::current().id(), rt2.handle().id());
    drop(g2);
    assert_eq!(Handle::current().id(), rt1.handle().id());
    drop(g1);
    assert!(Handle::try_current().is_err());
}

#[test]
#[should_panic(expected = "`EnterGuard` values dropped out of order")]
fn enter_guards_dropped_out_of_order_panic() {
    let rt1 = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let rt2 = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let g1 = rt1.enter();
    let g2 = rt2.enter();
    drop(g1);
    drop(g2);
}

#[test]
#[should_panic(expected = "`EnterGuard` values dropped out of order")]
fn enter_guards_of_one_runtime_dropped_out_of_order_panic() {
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let _g1 = rt.enter();
    let g2 = rt.enter();
    let g3 = rt.enter();
    drop(g2);
    drop(g3);
}

#[test]
fn a_task_yielded_from_on_thread_park_runs_instead_of_parking() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::{Context, Wake};

    /// Wakes the `block_on` future through a `Notify` when woken.
    struct NotifyOnWake(runtime_core::sync::Notify);

    impl Wake for NotifyOnWake {
        fn wake(self: Arc<Self>) {
            self.0.notify_one();
        }
    }

    let notify = Arc::new(NotifyOnWake(runtime_core::sync::Notify::new()));
    let waker = std::task::Waker::from(notify.clone());
    let yielded = Arc::new(AtomicBool::new(false));
    let yielded2 = yielded.clone();
    let rt = runtime_core::runtime::Builder::new_current_thread()
        .on_thread_park(move || {
            if !yielded2.swap(true, Ordering::SeqCst) {
                // `yield_now` defers its waker: the scheduler must wake it
                // (which notifies the block_on future) instead of parking.
                let mut cx = Context::from_waker(&waker);
                let fut = std::pin::pin!(runtime_core::task::yield_now());
                let _ = std::future::Future::poll(fut, &mut cx);
            }
        })
        .build()
        .unwrap();
    rt.block_on(async { notify.0.notified().await });
    assert!(yielded.load(Ordering::SeqCst));
}

/// `Handle::block_on` sleeps on its own parker: a future that takes std's
/// per-thread park token (as `thread::park` code does) cannot steal the
/// wake-up meant for it.
#[test]
fn handle_block_on_survives_a_future_consuming_the_thread_park_token() {
    use std::task::Poll;
    for rt in [
        runtime_core::runtime::Builder::new_current_thread()
            .build()
            .unwrap(),
        runtime_core::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap(),
    ] {
        let mut exit = false;
        let polls = rt.handle().block_on(std::future::poll_fn(move |cx| {
            if exit {
                return Poll::Ready("done");
            }
            cx.waker().wake_by_ref();
            std::thread::current().unpark();
            std::thread::park();
            exit = true;
            Poll::Pending
        }));
        assert_eq!(polls, "done");
    }
}
