//! task_local!.

mod support;

use runtime_core::task;
use support::rt;

runtime_core::task_local! {
    static NUMBER: u32;
    /// A public key, to check that attributes and visibility pass through.
    pub static NAME: String;
}

#[test]
fn value_is_scoped_to_the_future() {
    let rt = rt();
    rt.block_on(async {
        assert!(NUMBER.try_with(|_| ()).is_err());
        NUMBER
            .scope(1, async {
                assert_eq!(NUMBER.get(), 1);
                task::yield_now().await;
                assert_eq!(NUMBER.get(), 1);
                NUMBER.scope(2, async { assert_eq!(NUMBER.get(), 2) }).await;
                assert_eq!(NUMBER.get(), 1);
            })
            .await;
        assert!(NUMBER.try_with(|_| ()).is_err());
    });
}

#[test]
fn interleaved_tasks_see_their_own_values() {
    let rt = rt();
    rt.block_on(async {
        let a = task::spawn(NUMBER.scope(10, async {
            for _ in 0..5 {
                assert_eq!(NUMBER.get(), 10);
                task::yield_now().await;
            }
        }));
        let b = task::spawn(NUMBER.scope(20, async {
            for _ in 0..5 {
                assert_eq!(NUMBER.get(), 20);
                task::yield_now().await;
            }
        }));
        a.await.unwrap();
        b.await.unwrap();
    });
}

#[test]
fn sync_scope_and_with() {
    let len = NAME.sync_scope("hello".to_string(), || NAME.with(|n| n.len()));
    assert_eq!(len, 5);
    let err = NAME.try_with(|n| n.clone()).unwrap_err();
    assert_eq!(err.to_string(), "task-local value not set");
}

#[test]
fn with_outside_scope_panics_with_message() {
    let err = std::panic::catch_unwind(|| NUMBER.with(|n| *n)).unwrap_err();
    assert_eq!(
        *err.downcast::<&str>().unwrap(),
        "cannot access a task-local storage value without setting it first"
    );
}

#[test]
fn take_value_returns_the_value() {
    let mut fut = Box::pin(NUMBER.scope(4, async {}));
    assert_eq!(fut.as_mut().take_value(), Some(4));
    assert_eq!(fut.as_mut().take_value(), None);
}

#[test]
fn value_is_set_while_the_inner_future_is_dropped() {
    struct Check;
    impl Drop for Check {
        fn drop(&mut self) {
            assert_eq!(NUMBER.get(), 77);
        }
    }
    let fut = NUMBER.scope(77, async {
        let _c = Check;
        std::future::pending::<()>().await;
    });
    let mut fut = Box::pin(fut);
    let waker = std::task::Waker::noop();
    let _ = fut
        .as_mut()
        .poll(&mut std::task::Context::from_waker(waker));
    drop(fut);
}
