//! Behaviour of `sync::OnceCell` and `sync::SetOnce`.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use runtime_core::sync::{OnceCell, SetError, SetOnce, SetOnceError};
use support::{block_on, task};

#[test]
fn only_one_initialiser_runs() {
    let cell = OnceCell::new();
    let runs = AtomicUsize::new(0);
    let init = || async {
        runs.fetch_add(1, Ordering::SeqCst);
        7
    };
    assert_eq!(*block_on(cell.get_or_init(init)), 7);
    assert_eq!(*block_on(cell.get_or_init(init)), 7);
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert!(cell.initialized());
}

#[test]
fn waiters_get_the_first_initialisers_value() {
    let cell = OnceCell::new();
    let (tx, rx) = futures::channel::oneshot::channel::<u32>();
    let mut first = task(cell.get_or_init(|| async { rx.await.unwrap() }));
    let mut second = task(cell.get_or_init(|| async { 99 }));
    assert_pending!(first);
    assert_pending!(second);
    assert_eq!(
        cell.set(5),
        Err(SetError::InitializingError(5)),
        "set while initialising"
    );
    tx.send(1).unwrap();
    assert_eq!(*assert_ready!(first), 1);
    assert_eq!(second.wakes(), 1);
    assert_eq!(*assert_ready!(second), 1);
}

#[test]
fn failed_initialiser_leaves_cell_empty() {
    let cell = OnceCell::<u8>::new();
    assert_eq!(
        block_on(cell.get_or_try_init(|| async { Err("e") })),
        Err("e")
    );
    assert!(!cell.initialized());
    assert_eq!(
        block_on(cell.get_or_try_init(|| async { Ok::<_, ()>(2) })),
        Ok(&2)
    );
}

#[test]
fn set_errors() {
    let cell = OnceCell::new();
    cell.set(1).unwrap();
    let err = cell.set(2).unwrap_err();
    assert!(err.is_already_init_err());
    assert!(!err.is_initializing_err());
    assert_eq!(err, SetError::AlreadyInitializedError(2));
}

#[test]
fn new_with_take_into_inner_clone_eq() {
    let mut a = OnceCell::new_with(Some(1));
    let b = a.clone();
    assert_eq!(a, b);
    assert_eq!(a.take(), Some(1));
    assert_ne!(a, b);
    assert_eq!(b.into_inner(), Some(1));
    assert_eq!(OnceCell::<u8>::new().into_inner(), None);
    assert_eq!(OnceCell::from(3).get(), Some(&3));
}

#[test]
fn const_constructors() {
    static A: OnceCell<u8> = OnceCell::const_new();
    static B: OnceCell<u8> = OnceCell::const_new_with(4);
    assert_eq!(A.get(), None);
    assert_eq!(B.get(), Some(&4));
    assert!(B.set(5).unwrap_err().is_already_init_err());
}

#[test]
fn value_is_dropped_with_cell() {
    let v = Arc::new(());
    let cell = OnceCell::new();
    cell.set(v.clone()).unwrap();
    assert_eq!(Arc::strong_count(&v), 2);
    drop(cell);
    assert_eq!(Arc::strong_count(&v), 1);
}

#[test]
fn set_once_wait_and_set() {
    let once = SetOnce::new();
    let mut wait = task(once.wait());
    assert_pending!(wait);
    once.set(3).unwrap();
    assert_eq!(wait.wakes(), 1);
    assert_eq!(*assert_ready!(wait), 3);
    assert_eq!(once.set(4), Err(SetOnceError(4)));
    assert_eq!(once.get(), Some(&3));
    assert!(once.initialized());
}

#[test]
fn set_once_constructors() {
    static S: SetOnce<u8> = SetOnce::const_new();
    static T: SetOnce<u8> = SetOnce::const_new_with(1);
    assert_eq!(S.get(), None);
    assert_eq!(*block_on(T.wait()), 1);
    let a = SetOnce::new_with(Some(String::from("a")));
    assert_eq!(a.clone(), a);
    assert_eq!(a.into_inner().as_deref(), Some("a"));
}

#[test]
fn set_once_from_thread() {
    let once = Arc::new(SetOnce::new());
    let o2 = once.clone();
    let th = std::thread::spawn(move || o2.set(9));
    assert_eq!(*block_on(once.wait()), 9);
    assert_eq!(th.join().unwrap(), Ok(()));
}
