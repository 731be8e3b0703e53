//! LocalRuntime: `!Send` tasks without a LocalSet of one's own.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use runtime::runtime::{Builder, LocalOptions, LocalRuntime};

/// Sets its flag when dropped.
struct SetOnDrop(Rc<Cell<bool>>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

#[test]
fn local_tasks_run_while_block_on_drives() {
    let rt = LocalRuntime::new().unwrap();
    let log = Rc::new(std::cell::RefCell::new(Vec::new()));
    let before = rt.spawn_local({
        let log = log.clone();
        async move {
            log.borrow_mut().push("spawned before block_on");
            1
        }
    });
    // Nothing runs until the runtime is driven.
    assert!(log.borrow().is_empty());
    let out = rt.block_on({
        let log = log.clone();
        async move {
            let inner = runtime::task::spawn_local({
                let log = log.clone();
                async move {
                    log.borrow_mut().push("spawned inside");
                    2
                }
            });
            before.await.unwrap() + inner.await.unwrap()
        }
    });
    assert_eq!(out, 3);
    assert_eq!(*log.borrow(), ["spawned before block_on", "spawned inside"]);
}

#[test]
fn send_tasks_from_other_threads_run_too() {
    let rt = LocalRuntime::new().unwrap();
    let handle = rt.handle().clone();
    let task = std::thread::spawn(move || handle.spawn(async { "from a thread" }))
        .join()
        .unwrap();
    assert_eq!(rt.block_on(task).unwrap(), "from a thread");
    // And `spawn` works inside as on any runtime.
    assert_eq!(
        rt.block_on(async { runtime::spawn(async { 4 }).await.unwrap() }),
        4
    );
}

#[test]
fn timers_and_blocking_work() {
    let rt = Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build_local(LocalOptions::default())
        .unwrap();
    let out = rt.block_on(async {
        let start = runtime::time::Instant::now();
        runtime::time::sleep(Duration::from_secs(3)).await;
        let slept = start.elapsed();
        let blocking = runtime::task::spawn_blocking(|| 6).await.unwrap();
        (slept, blocking)
    });
    assert_eq!(out, (Duration::from_secs(3), 6));
    assert_eq!(rt.block_on(rt.spawn_blocking(|| 7)).unwrap(), 7);
}

#[test]
fn dropping_the_runtime_drops_pending_local_tasks() {
    let dropped = Rc::new(Cell::new(false));
    {
        let rt = LocalRuntime::new().unwrap();
        let guard = SetOnDrop(dropped.clone());
        rt.block_on(async {
            runtime::task::spawn_local(async move {
                let _guard = guard;
                // Pending on a timer: its destructor deregisters from the
                // time driver, so it must run in the runtime's context.
                runtime::time::sleep(Duration::from_secs(3600)).await;
            });
            runtime::task::yield_now().await;
        });
        assert!(!dropped.get(), "still pending while the runtime lives");
    }
    assert!(dropped.get());
}

#[test]
fn shutdown_timeout_drops_local_tasks() {
    let dropped = Rc::new(Cell::new(false));
    let rt = LocalRuntime::new().unwrap();
    let guard = SetOnDrop(dropped.clone());
    let _task = rt.spawn_local(async move {
        let _guard = guard;
        std::future::pending::<()>().await;
    });
    rt.shutdown_timeout(Duration::from_secs(1));
    assert!(dropped.get());
}

#[test]
#[should_panic(expected = "multi_thread is not supported for LocalRuntime")]
fn multi_thread_builder_cannot_build_a_local_runtime() {
    let _ = Builder::new_multi_thread()
        .worker_threads(1)
        .build_local(LocalOptions::default());
}

#[test]
fn spawn_local_after_enter_goes_to_the_local_runtime() {
    let rt = LocalRuntime::new().unwrap();
    let ran = Rc::new(Cell::new(false));
    let task = {
        let _guard = rt.enter();
        let ran = ran.clone();
        runtime::task::spawn_local(async move {
            runtime::task::yield_now().await;
            ran.set(true);
            5
        })
    };
    // Spawned, not run: local tasks run when block_on drives the runtime.
    assert!(!ran.get());
    assert_eq!(rt.block_on(task).unwrap(), 5);
    assert!(ran.get());
}

#[test]
fn spawn_local_in_the_context_of_another_threads_local_runtime_panics() {
    let (tx, rx) = std::sync::mpsc::channel();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let owner = std::thread::spawn(move || {
        let rt = LocalRuntime::new().unwrap();
        tx.send(rt.handle().clone()).unwrap();
        // Keep the runtime alive until the other thread has tried.
        done_rx.recv().unwrap();
    });
    let handle = rx.recv().unwrap();
    let err = std::panic::catch_unwind(|| {
        let _guard = handle.enter();
        drop(runtime::task::spawn_local(async {}));
    })
    .unwrap_err();
    let msg = err
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| err.downcast_ref::<String>().cloned())
        .unwrap();
    assert!(
        msg.contains("Local tasks can only be spawned on a LocalRuntime from the thread the runtime was created on"),
        "{msg}"
    );
    done_tx.send(()).unwrap();
    owner.join().unwrap();
}

#[test]
fn a_plain_runtime_context_still_refuses_spawn_local() {
    let rt = Builder::new_current_thread().build().unwrap();
    let _guard = rt.enter();
    let err = std::panic::catch_unwind(|| drop(runtime::task::spawn_local(async {}))).unwrap_err();
    let msg = err
        .downcast_ref::<&str>()
        .copied()
        .unwrap_or_default()
        .to_string()
        + err
            .downcast_ref::<String>()
            .map(String::as_str)
            .unwrap_or_default();
    assert!(msg.contains("outside of a `task::LocalSet`"), "{msg}");
}

#[test]
fn local_runtimes_one_after_another_on_one_thread() {
    for i in 0..3 {
        let rt = LocalRuntime::new().unwrap();
        let task = {
            let _guard = rt.enter();
            runtime::task::spawn_local(async move { i })
        };
        assert_eq!(rt.block_on(task).unwrap(), i);
    }
}
