//! `PollSemaphore`: poll-based acquisition, fairness, closing, `Stream`.

use std::future::poll_fn;
use std::sync::Arc;
use std::task::Poll;

use futures::StreamExt;
use runtime_core::sync::{OwnedSemaphorePermit, Semaphore};
use runtime_test::task;
use runtime_util::sync::PollSemaphore;

fn acquire(
    sem: &mut PollSemaphore,
) -> impl std::future::Future<Output = Option<OwnedSemaphorePermit>> + '_ {
    poll_fn(move |cx| sem.poll_acquire(cx))
}

fn acquire_many(
    sem: &mut PollSemaphore,
    n: u32,
) -> impl std::future::Future<Output = Option<OwnedSemaphorePermit>> + '_ {
    poll_fn(move |cx| sem.poll_acquire_many(cx, n))
}

#[test]
fn immediate_acquire_takes_a_permit() {
    let mut sem = PollSemaphore::new(Arc::new(Semaphore::new(1)));
    let mut a = task::spawn(acquire(&mut sem));
    let permit = match a.poll() {
        Poll::Ready(Some(p)) => p,
        other => panic!("expected a permit, got {other:?}"),
    };
    drop(a);
    assert_eq!(permit.num_permits(), 1);
    assert_eq!(sem.available_permits(), 0);
    drop(permit);
    assert_eq!(sem.available_permits(), 1);
}

#[test]
fn pending_acquire_is_woken_by_release() {
    let inner = Arc::new(Semaphore::new(1));
    let held = inner.clone().try_acquire_owned().unwrap();
    let mut sem = PollSemaphore::new(inner);
    {
        let mut a = task::spawn(acquire(&mut sem));
        assert!(a.poll().is_pending());
        assert!(!a.is_woken());
        drop(held);
        assert!(a.is_woken());
        let permit = match a.poll() {
            Poll::Ready(Some(p)) => p,
            other => panic!("expected a permit, got {other:?}"),
        };
        assert_eq!(permit.num_permits(), 1);
    }
    assert_eq!(sem.available_permits(), 1);
}

#[test]
fn acquire_many_waits_for_all_permits() {
    let inner = Arc::new(Semaphore::new(1));
    let mut sem = PollSemaphore::new(inner.clone());
    let mut a = task::spawn(acquire_many(&mut sem, 3));
    assert!(a.poll().is_pending());
    inner.add_permits(1);
    assert!(a.poll().is_pending());
    inner.add_permits(1);
    assert!(a.is_woken());
    match a.poll() {
        Poll::Ready(Some(p)) => assert_eq!(p.num_permits(), 3),
        other => panic!("expected 3 permits, got {other:?}"),
    }
    drop(a);
    assert_eq!(sem.available_permits(), 3);
}

#[test]
fn pending_acquisition_keeps_its_place_in_the_queue() {
    let inner = Arc::new(Semaphore::new(0));
    let mut first = PollSemaphore::new(inner.clone());
    let mut second = first.clone();
    let mut a = task::spawn(acquire(&mut first));
    let mut b = task::spawn(acquire(&mut second));
    assert!(a.poll().is_pending());
    assert!(b.poll().is_pending());
    inner.add_permits(1);
    assert!(a.is_woken());
    assert!(!b.is_woken());
    let pa = a.poll();
    assert!(matches!(pa, Poll::Ready(Some(_))));
    assert!(b.poll().is_pending());
}

#[test]
fn closed_semaphore_yields_none() {
    let inner = Arc::new(Semaphore::new(0));
    let mut sem = PollSemaphore::new(inner.clone());
    {
        let mut a = task::spawn(acquire(&mut sem));
        assert!(a.poll().is_pending());
        inner.close();
        assert!(a.is_woken());
        assert!(matches!(a.poll(), Poll::Ready(None)));
    }
    let mut again = task::spawn(acquire(&mut sem));
    assert!(matches!(again.poll(), Poll::Ready(None)));
}

#[test]
fn inner_accessors_and_add_permits() {
    let inner = Arc::new(Semaphore::new(2));
    let sem = PollSemaphore::new(inner.clone());
    assert!(Arc::ptr_eq(&sem.clone_inner(), &inner));
    sem.add_permits(3);
    assert_eq!(sem.available_permits(), 5);
    assert_eq!(AsRef::<Semaphore>::as_ref(&sem).available_permits(), 5);
    let back = sem.into_inner();
    assert!(Arc::ptr_eq(&back, &inner));
}

#[test]
fn stream_yields_permits_until_closed() {
    futures::executor::block_on(async {
        let inner = Arc::new(Semaphore::new(2));
        let mut sem = PollSemaphore::new(inner.clone());
        let a = sem.next().await.unwrap();
        let b = sem.next().await.unwrap();
        assert_eq!(a.num_permits() + b.num_permits(), 2);
        inner.close();
        assert!(sem.next().await.is_none());
    });
}

#[test]
fn is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<PollSemaphore>();
}

#[test]
fn asking_for_a_different_count_restarts_the_acquisition() {
    let inner = Arc::new(Semaphore::new(1));
    let mut sem = PollSemaphore::new(inner.clone());
    {
        let mut many = task::spawn(acquire_many(&mut sem, 3));
        assert!(many.poll().is_pending());
    }
    // The pending 3-permit request must not keep the free permit away from
    // a 1-permit request on the same wrapper.
    {
        let mut one = task::spawn(acquire(&mut sem));
        match one.poll() {
            Poll::Ready(Some(p)) => assert_eq!(p.num_permits(), 1),
            other => panic!("expected a permit, got {other:?}"),
        }
    }
    assert_eq!(inner.available_permits(), 1);
}

#[test]
fn clone_does_not_share_the_pending_acquisition() {
    let inner = Arc::new(Semaphore::new(0));
    let mut a = PollSemaphore::new(inner.clone());
    {
        let mut pending = task::spawn(acquire(&mut a));
        assert!(pending.poll().is_pending());
    }
    let mut b = a.clone();
    inner.add_permits(1);
    // `a` is first in the queue; `b` starts fresh behind it.
    let mut on_b = task::spawn(acquire(&mut b));
    assert!(on_b.poll().is_pending());
    drop(on_b);
    let mut on_a = task::spawn(acquire(&mut a));
    assert!(matches!(on_a.poll(), Poll::Ready(Some(_))));
}
