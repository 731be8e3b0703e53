//! JoinHandle, AbortHandle and JoinError.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::task::{self, JoinError};
use support::{DropCounter, PendingDrop, Signal, rt};

#[test]
fn panic_is_caught_and_carries_its_payload() {
    let rt = rt();
    let err = rt
        .block_on(rt.spawn(async { panic!("boom {}", std::hint::black_box(7)) }))
        .unwrap_err();
    assert!(err.is_panic());
    assert!(!err.is_cancelled());
    let id = err.id();
    assert_eq!(
        err.to_string(),
        format!("task {id} panicked with message \"boom 7\"")
    );
    let payload = err.into_panic();
    assert_eq!(payload.downcast_ref::<String>().unwrap(), "boom 7");
    // The runtime survived the panic.
    assert_eq!(rt.block_on(async { 1 }), 1);
}

#[test]
fn non_string_panic_payload() {
    let rt = rt();
    let err = rt
        .block_on(rt.spawn(async { std::panic::panic_any(42u8) }))
        .unwrap_err();
    assert_eq!(err.to_string(), format!("task {} panicked", err.id()));
    assert_eq!(*err.into_panic().downcast::<u8>().unwrap(), 42);
}

#[test]
fn try_into_panic_gives_cancelled_error_back() {
    let rt = rt();
    let join = rt.spawn(std::future::pending::<()>());
    join.abort();
    let err: JoinError = rt.block_on(join).unwrap_err();
    assert!(err.is_cancelled());
    assert_eq!(err.to_string(), format!("task {} was cancelled", err.id()));
    let err = err.try_into_panic().unwrap_err();
    assert!(err.is_cancelled());
    let io: std::io::Error = err.into();
    assert_eq!(io.to_string(), "task was cancelled");
}

#[test]
fn abort_before_first_poll_never_polls() {
    let rt = rt();
    let polled = Arc::new(AtomicUsize::new(0));
    let p = polled.clone();
    let join = rt.spawn(async move {
        p.fetch_add(1, Ordering::SeqCst);
    });
    join.abort();
    assert!(rt.block_on(join).unwrap_err().is_cancelled());
    assert_eq!(polled.load(Ordering::SeqCst), 0);
}

#[test]
fn abort_parked_task_drops_future_on_runtime() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let join = rt.spawn(PendingDrop(DropCounter(drops.clone())));
    rt.block_on(task::yield_now());
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    let abort = join.abort_handle();
    // Abort from another thread: the future is dropped by the runtime.
    std::thread::spawn(move || abort.abort()).join().unwrap();
    assert!(rt.block_on(join).unwrap_err().is_cancelled());
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn abort_finished_task_is_a_noop() {
    let rt = rt();
    let join = rt.spawn(async { 5 });
    rt.block_on(task::yield_now());
    assert!(join.is_finished());
    join.abort();
    assert_eq!(rt.block_on(join).unwrap(), 5);
}

#[test]
fn task_aborting_itself_completes_as_cancelled() {
    let rt = rt();
    let signal = Signal::new();
    let wait = signal.wait();
    let join = rt.spawn(async move {
        wait.await;
    });
    let abort = join.abort_handle();
    let join2 = rt.spawn(async move {
        abort.abort();
    });
    rt.block_on(join2).unwrap();
    assert!(rt.block_on(join).unwrap_err().is_cancelled());
}

#[test]
fn dropping_join_handle_detaches() {
    let rt = rt();
    let signal = Signal::new();
    let s2 = signal.clone();
    drop(rt.spawn(async move { s2.fire() }));
    rt.block_on(signal.wait());
}

#[test]
fn output_of_detached_task_is_dropped_on_completion() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    let join = rt.spawn(async move { DropCounter(d) });
    drop(join);
    rt.block_on(task::yield_now());
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn output_is_dropped_with_unread_join_handle() {
    let rt = rt();
    let drops = Arc::new(AtomicUsize::new(0));
    let d = drops.clone();
    let join = rt.spawn(async move { DropCounter(d) });
    rt.block_on(task::yield_now());
    assert!(join.is_finished());
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(join);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn ids_are_unique_and_visible_inside() {
    let rt = rt();
    let a = rt.spawn(async { task::id() });
    let b = rt.spawn(async { task::try_id() });
    let (ida, idb) = (a.id(), b.id());
    assert_ne!(ida, idb);
    assert_eq!(rt.block_on(a).unwrap(), ida);
    assert_eq!(rt.block_on(b).unwrap(), Some(idb));
    assert_eq!(task::try_id(), None);
    assert!(std::panic::catch_unwind(task::id).is_err());
}

#[test]
fn id_is_set_while_the_future_is_dropped() {
    let rt = rt();
    struct SeeId(Arc<std::sync::Mutex<Option<task::Id>>>);
    impl Drop for SeeId {
        fn drop(&mut self) {
            *self.0.lock().unwrap() = task::try_id();
        }
    }
    let seen = Arc::new(std::sync::Mutex::new(None));
    let guard = SeeId(seen.clone());
    let join = rt.spawn(async move {
        let _g = guard;
        std::future::pending::<()>().await;
    });
    let id = join.id();
    rt.block_on(task::yield_now());
    join.abort();
    let _ = rt.block_on(join);
    assert_eq!(*seen.lock().unwrap(), Some(id));
}

#[test]
fn join_handle_waker_is_updated_when_polled_by_another_task() {
    let rt = rt();
    let signal = Signal::new();
    let wait = signal.wait();
    let target = rt.spawn(async move {
        wait.await;
        9
    });
    let out = rt.block_on(async move {
        // Poll the handle once from this task, then hand it to another.
        let mut target = target;
        let first = futures::poll!(&mut target);
        assert!(first.is_pending());
        let waiter = task::spawn(async move { target.await.unwrap() });
        task::yield_now().await;
        signal.fire();
        waiter.await.unwrap()
    });
    assert_eq!(out, 9);
}
