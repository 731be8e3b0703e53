//! `AbortOnDropHandle` and `AbortOnDrop`.
#![cfg(feature = "rt")]

use std::future::pending;

use runtime_core::task::{spawn, yield_now};
use runtime_util::task::{AbortOnDrop, AbortOnDropHandle};

fn rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

#[test]
fn the_handle_yields_the_result_and_aborts_on_drop_unless_detached() {
    rt().block_on(async {
        let handle = AbortOnDropHandle::new(spawn(async { 5 }));
        assert_eq!(handle.as_ref().id(), handle.abort_handle().id());
        assert!(format!("{handle:?}").starts_with("AbortOnDropHandle { id: "));
        assert_eq!(handle.await.unwrap(), 5);

        let handle = AbortOnDropHandle::new(spawn(pending::<()>()));
        let probe = handle.abort_handle();
        yield_now().await;
        assert!(!handle.is_finished());
        drop(handle);
        yield_now().await;
        assert!(probe.is_finished());

        let handle = AbortOnDropHandle::new(spawn(pending::<()>()));
        handle.abort();
        assert!(handle.await.unwrap_err().is_cancelled());

        let handle = AbortOnDropHandle::new(spawn(async {
            yield_now().await;
            6
        }));
        let plain = handle.detach();
        yield_now().await;
        assert_eq!(plain.await.unwrap(), 6);
    });
}

#[test]
fn the_abort_handle_aborts_on_drop_unless_detached() {
    rt().block_on(async {
        let task = spawn(pending::<()>());
        let guard = AbortOnDrop::new(task.abort_handle());
        assert!(format!("{guard:?}").starts_with("AbortOnDrop { id: "));
        assert!(!guard.is_finished());
        drop(guard);
        assert!(task.await.unwrap_err().is_cancelled());

        let task = spawn(async {
            yield_now().await;
            1
        });
        let guard = AbortOnDrop::new(task.abort_handle());
        let plain = guard.detach();
        yield_now().await;
        assert_eq!(task.await.unwrap(), 1);
        assert!(plain.is_finished());

        let task = spawn(pending::<()>());
        let guard = AbortOnDrop::new(task.abort_handle());
        guard.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(guard.is_finished());
    });
}
