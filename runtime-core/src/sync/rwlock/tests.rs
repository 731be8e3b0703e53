//! Unit tests of the lock and its guards (also run under miri).

use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use super::*;

fn cx() -> Context<'static> {
    Context::from_waker(Waker::noop())
}

#[test]
fn readers_share_writer_excludes() {
    let lock = RwLock::new(vec![1]);
    let r1 = lock.try_read().unwrap();
    let r2 = lock.try_read().unwrap();
    assert!(lock.try_write().is_err());
    assert_eq!(r1.len() + r2.len(), 2);
    drop((r1, r2));
    let mut w = lock.try_write().unwrap();
    w.push(2);
    assert!(lock.try_read().is_err());
    drop(w);
    assert_eq!(*lock.try_read().unwrap(), [1, 2]);
}

#[test]
fn waiting_writer_blocks_new_readers() {
    let lock = RwLock::new(0);
    let r = lock.try_read().unwrap();
    let mut write = pin!(lock.write());
    assert!(write.as_mut().poll(&mut cx()).is_pending());
    // A reader arriving after the writer must wait.
    assert!(lock.try_read().is_err());
    let mut read = pin!(lock.read());
    assert!(read.as_mut().poll(&mut cx()).is_pending());
    drop(r);
    let Poll::Ready(mut w) = write.as_mut().poll(&mut cx()) else {
        panic!("writer not served first");
    };
    *w = 1;
    assert!(read.as_mut().poll(&mut cx()).is_pending());
    drop(w);
    let Poll::Ready(r) = read.as_mut().poll(&mut cx()) else {
        panic!("reader not served after writer");
    };
    assert_eq!(*r, 1);
}

#[test]
fn mapped_and_downgraded_guards() {
    let lock = RwLock::new((1, String::from("a")));
    let w = lock.try_write().unwrap();
    let w = RwLockWriteGuard::try_map(w, |_| None::<&mut u8>).unwrap_err();
    let mut s = RwLockWriteGuard::map(w, |p| &mut p.1);
    s.push('b');
    let s = RwLockMappedWriteGuard::map(s, |s| s.as_mut_str());
    assert_eq!(&*s, "ab");
    drop(s);
    let w = lock.try_write().unwrap();
    let r = RwLockWriteGuard::downgrade_map(w, |p| &p.0);
    assert_eq!(*r, 1);
    let r2 = lock.try_read().unwrap();
    let r2 = RwLockReadGuard::map(r2, |p| p.1.as_str());
    assert_eq!(&*r2, "ab");
    drop((r, r2));
    let w = lock.try_write().unwrap();
    let w = RwLockWriteGuard::try_downgrade_map(w, |_| None::<&u8>).unwrap_err();
    drop(w);
    assert_eq!(lock.into_inner().1, "ab");
}

#[test]
fn owned_guards() {
    let lock = Arc::new(RwLock::new([1u8, 2, 3]));
    let w = lock.clone().try_write_owned().unwrap();
    assert!(lock.clone().try_read_owned().is_err());
    let mut m = OwnedRwLockWriteGuard::map(w, |a| &mut a[0]);
    *m = 9;
    let m = OwnedRwLockMappedWriteGuard::map(m, |x| x);
    assert!(Arc::ptr_eq(OwnedRwLockMappedWriteGuard::rwlock(&m), &lock));
    drop(m);
    let w = lock.clone().try_write_owned().unwrap();
    let r = w.downgrade();
    let r = OwnedRwLockReadGuard::map(r, |a| &a[2]);
    assert_eq!(*r, 3);
    let r2 = lock.clone().try_read_owned().unwrap();
    assert_eq!(*r2, [9, 2, 3]);
    assert!(lock.try_write().is_err());
    drop((r, r2));
    let w = lock.clone().try_write_owned().unwrap();
    let r = OwnedRwLockWriteGuard::downgrade_map(w, |a| &a[1]);
    assert_eq!(*r, 2);
    drop(r);
    assert_eq!(*lock.try_write().unwrap(), [9, 2, 3]);
}

#[test]
fn max_readers_is_enforced() {
    let lock = RwLock::with_max_readers((), 2);
    let _a = lock.try_read().unwrap();
    let _b = lock.try_read().unwrap();
    assert!(lock.try_read().is_err());
}

#[test]
#[should_panic(expected = "readers")]
fn too_many_readers_panics() {
    let _ = RwLock::with_max_readers((), u32::MAX);
}
