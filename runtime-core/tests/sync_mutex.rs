//! Behaviour of `sync::Mutex`.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;

use runtime_core::sync::{MappedMutexGuard, Mutex, MutexGuard, OwnedMutexGuard};
use support::{block_on, task};

#[test]
fn lock_and_try_lock() {
    let m = Mutex::new(1);
    let g = block_on(m.lock());
    let err = m.try_lock().unwrap_err();
    assert_eq!(err.to_string(), "operation would block");
    drop(g);
    *m.try_lock().unwrap() = 2;
    assert_eq!(m.into_inner(), 2);
}

#[test]
fn waiters_get_lock_in_fifo_order() {
    let m = Mutex::new(Vec::new());
    let g = m.try_lock().unwrap();
    let mut a = task(async {
        m.lock().await.push('a');
    });
    let mut b = task(async {
        m.lock().await.push('b');
    });
    assert_pending!(a);
    assert_pending!(b);
    drop(g);
    assert_eq!((a.wakes(), b.wakes()), (1, 0));
    assert_pending!(b);
    assert_ready!(a);
    assert_eq!(b.wakes(), 1);
    assert_ready!(b);
    assert_eq!(*m.try_lock().unwrap(), ['a', 'b']);
}

#[test]
fn cancelled_waiter_does_not_keep_lock() {
    let m = Mutex::new(0);
    let g = m.try_lock().unwrap();
    let mut a = task(m.lock());
    let mut b = task(m.lock());
    assert_pending!(a);
    assert_pending!(b);
    drop(g);
    // `a` was handed the lock; dropping it passes the lock on.
    drop(a);
    assert_eq!(b.wakes(), 1);
    let g = assert_ready!(b);
    drop(g);
    assert!(m.try_lock().is_ok());
}

#[test]
fn owned_and_mapped_guards() {
    let m = Arc::new(Mutex::new((1, String::new())));
    let g = block_on(m.clone().lock_owned());
    assert!(Arc::ptr_eq(OwnedMutexGuard::mutex(&g), &m));
    assert!(m.clone().try_lock_owned().is_err());
    let mut s = OwnedMutexGuard::map(g, |t| &mut t.1);
    s.push('x');
    drop(s);
    let g = m.try_lock().unwrap();
    assert!(std::ptr::eq(MutexGuard::mutex(&g), &*m));
    let mut n = MutexGuard::map(g, |t| &mut t.0);
    *n += 1;
    let n = MappedMutexGuard::try_map(n, |_| None::<&mut u8>).unwrap_err();
    assert_eq!(format!("{n:?} {n}"), "2 2");
    drop(n);
    assert_eq!(*m.try_lock().unwrap(), (2, String::from("x")));
}

#[test]
fn get_mut_and_default_and_debug() {
    let mut m: Mutex<u8> = Mutex::default();
    *m.get_mut() = 4;
    assert_eq!(format!("{m:?}"), "Mutex { data: 4 }");
    let _g = m.try_lock().unwrap();
    assert_eq!(format!("{m:?}"), "Mutex { data: <locked> }");
}

#[test]
fn blocking_lock_from_threads() {
    let m = Arc::new(Mutex::new(0u32));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let m = m.clone();
            std::thread::spawn(move || {
                for _ in 0..250 {
                    *m.blocking_lock() += 1;
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(*m.blocking_lock(), 1000);
    let g = m.clone().blocking_lock_owned();
    assert_eq!(*g, 1000);
}

#[test]
fn const_new_static() {
    static M: Mutex<u32> = Mutex::const_new(5);
    assert_eq!(*block_on(M.lock()), 5);
}
