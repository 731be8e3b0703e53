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
