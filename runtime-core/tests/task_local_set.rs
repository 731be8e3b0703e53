//! LocalSet and spawn_local.

mod support;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::task::{self, LocalSet};
use support::{DropCounter, Signal, rt};

#[test]
fn not_send_futures_run_on_the_set_thread() {
    let rt = rt();
    let local = LocalSet::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    local.block_on(&rt, async move {
        let l2 = l.clone();
        let a = task::spawn_local(async move {
            l2.borrow_mut().push(std::thread::current().id());
        });
        a.await.unwrap();
        l.borrow_mut().push(std::thread::current().id());
    });
    let log = log.borrow();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|id| *id == std::thread::current().id()));
}

#[test]
fn spawn_local_outside_a_set_panics() {
    let rt = rt();
    let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rt.block_on(async {
            drop(task::spawn_local(async {}));
        })
    }));
    let err = res.unwrap_err();
    let msg = err
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .unwrap_or_default();
    assert!(
        msg.contains(
            "`spawn_local` called from outside of a `task::LocalSet` or `runtime::LocalRuntime`"
        ),
        "{msg}"
    );
}

#[test]
fn awaiting_the_set_runs_all_tasks() {
    let rt = rt();
    let local = LocalSet::new();
    let count = Rc::new(RefCell::new(0));
    for _ in 0..10 {
        let c = count.clone();
        local.spawn_local(async move {
            task::yield_now().await;
            *c.borrow_mut() += 1;
        });
    }
    rt.block_on(local);
    assert_eq!(*count.borrow(), 10);
}

#[test]
fn wake_from_another_thread_reaches_a_local_task() {
    let rt = rt();
    let local = LocalSet::new();
    let signal = Signal::new();
    let s2 = signal.clone();
    let out = local.block_on(&rt, async move {
        let wait = signal.wait();
        let h = task::spawn_local(async move {
            wait.await;
            Rc::new(8)
        });
        std::thread::spawn(move || s2.fire());
        *h.await.unwrap()
    });
    assert_eq!(out, 8);
}

#[test]
fn dropping_the_set_drops_its_tasks() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let local = LocalSet::new();
    let d = drops.clone();
    local.spawn_local(async move {
        let _c = DropCounter(d);
        std::future::pending::<()>().await;
    });
    local.block_on(&rt, task::yield_now());
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(local);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn enter_allows_spawn_local() {
    let rt = rt();
    let local = LocalSet::new();
    let h = {
        let _g = local.enter();
        task::spawn_local(async { 2 })
    };
    assert_eq!(local.block_on(&rt, h).unwrap(), 2);
}

#[test]
fn a_local_set_in_a_thread_local_is_dropped_at_thread_exit() {
    use std::cell::RefCell;

    thread_local! {
        static SET: RefCell<Option<runtime_core::task::LocalSet>> = const { RefCell::new(None) };
    }

    let (tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        // Set up first, so the runtime's own thread-locals are destroyed
        // before this one: the set's drop finds them gone.
        SET.with(|cell| {
            let local = runtime_core::task::LocalSet::new();
            let rt = runtime_core::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            local.block_on(&rt, async {
                runtime_core::task::spawn_local(async {});
            });
            // A task still queued when the thread ends: dropped with the set.
            local.spawn_local(async move {
                let _tx = tx;
                std::future::pending::<()>().await;
            });
            *cell.borrow_mut() = Some(local);
        });
    })
    .join()
    .unwrap();
    // The pending task was dropped (its sender with it) at thread exit.
    assert!(rx.recv().is_err());
}
