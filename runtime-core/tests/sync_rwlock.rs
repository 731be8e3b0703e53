//! Behaviour of `sync::RwLock`: shared reads, exclusive writes, writer
//! fairness, guards.

#[path = "support/hand_poll.rs"]
mod support;

use std::sync::Arc;

use runtime_core::sync::{OwnedRwLockWriteGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};
use support::{block_on, task};

#[test]
fn many_readers_one_writer() {
    let l = RwLock::new(0);
    let r1 = block_on(l.read());
    let r2 = l.try_read().unwrap();
    assert!(l.try_write().is_err());
    let mut w = task(l.write());
    assert_pending!(w);
    drop(r1);
    assert_pending!(w);
    drop(r2);
    assert_eq!(w.wakes(), 1);
    *assert_ready!(w) = 5;
    assert_eq!(*l.try_read().unwrap(), 5);
}

#[test]
fn waiting_writer_blocks_later_readers() {
    let l = RwLock::new(0);
    let r = l.try_read().unwrap();
    let mut w = task(l.write());
    assert_pending!(w);
    assert!(l.try_read().is_err());
    let mut late_reader = task(l.read());
    assert_pending!(late_reader);
    drop(r);
    assert_eq!((w.wakes(), late_reader.wakes()), (1, 0));
    let g = assert_ready!(w);
    assert_pending!(late_reader);
    drop(g);
    assert_eq!(late_reader.wakes(), 1);
    drop(assert_ready!(late_reader));
}

#[test]
fn cancelled_writer_lets_readers_through() {
    let l = RwLock::new(0);
    let r = l.try_read().unwrap();
    let mut w = task(l.write());
    assert_pending!(w);
    let mut reader = task(l.read());
    assert_pending!(reader);
    drop(w);
    assert_eq!(reader.wakes(), 1);
    drop(assert_ready!(reader));
    drop(r);
}

#[test]
fn downgrade_admits_readers_not_writers() {
    let l = RwLock::new(1);
    let w = l.try_write().unwrap();
    let mut reader = task(l.read());
    assert_pending!(reader);
    let r = RwLockWriteGuard::downgrade(w);
    assert_eq!(reader.wakes(), 1);
    drop(assert_ready!(reader));
    assert!(l.try_write().is_err());
    assert_eq!(*r, 1);
}

#[test]
fn mapped_guards() {
    let l = RwLock::new((1, 2));
    let w = block_on(l.write());
    let mut second = RwLockWriteGuard::map(w, |p| &mut p.1);
    *second = 3;
    drop(second);
    let r = l.try_read().unwrap();
    let first = RwLockReadGuard::map(r, |p| &p.0);
    assert_eq!(*first, 1);
    let first = RwLockReadGuard::try_map(first, |_| None::<&u8>).unwrap_err();
    assert_eq!(format!("{first:?}"), "1");
    drop(first);
    assert_eq!(l.into_inner(), (1, 3));
}

#[test]
fn owned_guards() {
    let l = Arc::new(RwLock::new(vec![1]));
    let w = block_on(l.clone().write_owned());
    assert!(Arc::ptr_eq(OwnedRwLockWriteGuard::rwlock(&w), &l));
    assert!(l.clone().try_read_owned().is_err());
    let r = w.downgrade();
    let r2 = block_on(l.clone().read_owned());
    assert_eq!(r.len() + r2.len(), 2);
    drop((r, r2));
    let mut w = l.clone().try_write_owned().unwrap();
    w.push(2);
    drop(w);
    assert_eq!(*l.blocking_read(), [1, 2]);
    l.blocking_write().push(3);
    assert_eq!(l.try_read().unwrap().len(), 3);
}

#[test]
fn max_readers() {
    let l = RwLock::with_max_readers((), 1);
    let _r = l.try_read().unwrap();
    assert!(l.try_read().is_err());
}

#[test]
#[should_panic]
fn max_readers_above_limit_panics() {
    let _ = RwLock::with_max_readers((), (u32::MAX >> 3) + 1);
}

#[test]
fn get_mut_and_debug() {
    let mut l = RwLock::new(1);
    *l.get_mut() = 2;
    assert_eq!(format!("{l:?}"), "RwLock { data: 2 }");
}

#[test]
fn read_heavy_threads() {
    let l = Arc::new(RwLock::new(0u64));
    let threads: Vec<_> = (0..4)
        .map(|i| {
            let l = l.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    if i == 0 {
                        *l.blocking_write() += 1;
                    } else {
                        let v = *l.blocking_read();
                        assert!(v <= 200);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(*l.blocking_read(), 200);
}
