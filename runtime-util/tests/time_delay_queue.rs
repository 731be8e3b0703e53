//! `DelayQueue` under paused time: order, removal, resets, wakeups and the
//! bookkeeping methods.
#![cfg(feature = "time")]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::StreamExt;
use futures::task::{ArcWake, waker};
use runtime_time::{Instant, advance};
use runtime_util::time::{DelayQueue, Key};

fn paused_rt() -> runtime_core::runtime::Runtime {
    runtime_core::runtime::Builder::new_current_thread()
        .driver_layer(runtime_time::driver::layer())
        .start_paused(true)
        .build()
        .unwrap()
}

struct CountingWaker(AtomicUsize);

impl ArcWake for CountingWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        arc_self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Polls once with a waker that counts its wakes.
fn poll_once<T>(
    queue: &mut DelayQueue<T>,
    counter: &Arc<CountingWaker>,
) -> Poll<Option<(T, Key, Instant)>> {
    let waker = waker(counter.clone());
    let mut cx = Context::from_waker(&waker);
    queue
        .poll_expired(&mut cx)
        .map(|e| e.map(|e| (e.key(), e.deadline(), e.into_inner())))
        .map(|e| e.map(|(k, d, v)| (v, k, d)))
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn values_come_out_in_deadline_order_and_equal_deadlines_in_insertion_order() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut queue = DelayQueue::new();
        queue.insert_at("c", start + ms(30));
        queue.insert_at("a1", start + ms(10));
        queue.insert_at("b", start + ms(20));
        queue.insert_at("a2", start + ms(10));
        let mut out = Vec::new();
        while let Some(expired) = queue.next().await {
            out.push((expired.deadline() - start, expired.into_inner()));
        }
        assert_eq!(
            out,
            [(ms(10), "a1"), (ms(10), "a2"), (ms(20), "b"), (ms(30), "c")]
        );
        assert!(queue.is_empty());
        assert!(Instant::now() >= start + ms(30));
    });
}

#[test]
fn nothing_expires_before_its_deadline_and_it_expires_exactly_at_it() {
    paused_rt().block_on(async {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        let start = Instant::now();
        let key = queue.insert(7u32, ms(100));
        assert_eq!(queue.deadline(&key), start + ms(100));
        assert!(poll_once(&mut queue, &counter).is_pending());
        advance(ms(99)).await;
        assert!(poll_once(&mut queue, &counter).is_pending());
        advance(ms(1)).await;
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        assert_eq!(
            poll_once(&mut queue, &counter),
            Poll::Ready(Some((7, key, start + ms(100))))
        );
        assert_eq!(poll_once(&mut queue, &counter), Poll::Ready(None));
    });
}

#[test]
fn a_deadline_in_the_past_expires_at_the_next_poll() {
    paused_rt().block_on(async {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        advance(ms(50)).await;
        let past = Instant::now() - ms(20);
        let key = queue.insert_at('x', past);
        assert_eq!(
            poll_once(&mut queue, &counter),
            Poll::Ready(Some(('x', key, past)))
        );
        let key = queue.insert('y', Duration::ZERO);
        assert_eq!(
            poll_once(&mut queue, &counter),
            Poll::Ready(Some(('y', key, Instant::now())))
        );
    });
}

#[test]
fn removed_values_never_expire_and_their_keys_become_invalid() {
    paused_rt().block_on(async {
        let mut queue = DelayQueue::new();
        let a = queue.insert("a", ms(10));
        let b = queue.insert("b", ms(20));
        let c = queue.insert("c", ms(30));
        assert_eq!(queue.peek(), Some(a));
        let removed = queue.remove(&a);
        assert_eq!(*removed.get_ref(), "a");
        assert_eq!(removed.key(), a);
        assert_eq!(queue.peek(), Some(b));
        assert!(queue.try_remove(&a).is_none());
        assert_eq!(queue.try_remove(&c).map(|e| e.into_inner()), Some("c"));
        assert_eq!(queue.len(), 1);
        let out: Vec<_> = queue.by_ref().map(|e| e.into_inner()).collect().await;
        assert_eq!(out, ["b"]);
        assert_eq!(queue.peek(), None);
    });
}

#[test]
#[should_panic(expected = "invalid key")]
fn removing_an_unknown_key_panics() {
    let mut other = DelayQueue::new();
    let foreign = other.insert_at(1u8, Instant::now());
    let mut queue = DelayQueue::<u8>::new();
    let _ = queue.remove(&foreign);
}

#[test]
#[should_panic(expected = "invalid key")]
fn resetting_a_removed_key_panics() {
    paused_rt().block_on(async {
        let mut queue = DelayQueue::new();
        let key = queue.insert(1, ms(5));
        queue.remove(&key);
        queue.reset(&key, ms(5));
    });
}

#[test]
fn reset_moves_a_deadline_later_or_earlier() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut queue = DelayQueue::new();
        let a = queue.insert("a", ms(10));
        let b = queue.insert("b", ms(20));
        queue.reset_at(&a, start + ms(40));
        assert_eq!(queue.peek(), Some(b));
        assert_eq!(queue.deadline(&a), start + ms(40));
        queue.reset(&b, ms(50));
        assert_eq!(queue.peek(), Some(a));
        let first = queue.next().await.unwrap();
        assert_eq!(first.key(), a);
        assert_eq!(first.into_inner(), "a");
        assert_eq!(Instant::now(), start + ms(40));
        let second = queue.next().await.unwrap();
        assert_eq!(second.deadline(), start + ms(50));
        assert_eq!(second.into_inner(), "b");
        assert!(queue.next().await.is_none());
    });
}

#[test]
fn an_insert_wakes_the_task_that_saw_the_queue_empty_or_waits_for_later() {
    paused_rt().block_on(async {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        assert_eq!(poll_once(&mut queue, &counter), Poll::Ready(None));
        queue.insert(1, ms(100));
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        assert!(poll_once(&mut queue, &counter).is_pending());
        // A later deadline does not need a wake; an earlier one does.
        queue.insert(2, ms(200));
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        let k = queue.insert(3, ms(50));
        assert_eq!(counter.0.load(Ordering::SeqCst), 2);
        advance(ms(50)).await;
        assert_eq!(
            poll_once(&mut queue, &counter),
            Poll::Ready(Some((3, k, Instant::now())))
        );
    });
}

#[test]
fn expired_gives_access_to_its_value() {
    paused_rt().block_on(async {
        let mut queue = DelayQueue::new();
        let key = queue.insert(vec![1], ms(1));
        let mut expired = queue.next().await.unwrap();
        expired.get_mut().push(2);
        assert_eq!(expired.get_ref(), &[1, 2]);
        assert_eq!(expired.key(), key);
        assert_eq!(expired.into_inner(), [1, 2]);
    });
}

#[test]
fn keys_are_reused_and_survive_compact_and_shrink_to_fit() {
    let mut queue = DelayQueue::with_capacity(8);
    assert!(queue.capacity() >= 8);
    assert!(queue.is_empty());
    let far = Instant::now() + Duration::from_secs(3600);
    let keys: Vec<Key> = (0..6).map(|i| queue.insert_at(i, far + ms(i))).collect();
    for k in &keys[3..] {
        queue.remove(k);
    }
    queue.remove(&keys[1]);
    // A freed slot is handed out again.
    let again = queue.insert_at(10, far);
    assert_eq!(again, keys[1]);
    queue.remove(&again);

    queue.compact();
    queue.shrink_to_fit();
    assert_eq!(queue.len(), 2);
    assert!(queue.capacity() < 8);
    assert_eq!(queue.remove(&keys[2]).into_inner(), 2);
    assert_eq!(queue.peek(), Some(keys[0]));
    assert_eq!(queue.remove(&keys[0]).into_inner(), 0);

    queue.reserve(20);
    assert!(queue.capacity() >= 20);
    queue.insert_at(1, far);
    queue.insert_at(2, far);
    queue.clear();
    assert_eq!((queue.len(), queue.peek()), (0, None));
}

#[test]
fn many_resets_keep_the_latest_deadline_only() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut queue = DelayQueue::new();
        let key = queue.insert("x", ms(1));
        for i in 2..1000 {
            queue.reset_at(&key, start + ms(i));
        }
        let expired = queue.next().await.unwrap();
        assert_eq!(expired.deadline(), start + ms(999));
        assert_eq!(Instant::now(), start + ms(999));
        assert!(queue.next().await.is_none());
    });
}

#[test]
fn a_queue_full_of_expired_values_yields_to_the_scheduler_after_the_budget() {
    paused_rt().block_on(async {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        let now = Instant::now();
        for i in 0..200 {
            queue.insert_at(i, now);
        }
        let mut ready = 0;
        while let Poll::Ready(Some(_)) = poll_once(&mut queue, &counter) {
            ready += 1;
        }
        // The task budget is 128 polls; the Pending asked for a re-poll,
        // which the scheduler delivers once it has polled its driver.
        assert_eq!(ready, 128);
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
        assert_eq!(queue.len(), 72);
        runtime_core::task::yield_now().await;
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        let rest: Vec<i32> = queue.by_ref().map(|e| e.into_inner()).collect().await;
        assert_eq!(rest, (128..200).collect::<Vec<_>>());
    });
}

#[test]
fn compact_shrinks_to_len_and_old_keys_keep_working() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let mut queue = DelayQueue::new();
        let k1 = queue.insert_at("a", start + ms(10));
        let k2 = queue.insert_at("b", start + ms(10));
        let k3 = queue.insert_at("c", start + ms(20));
        let k4 = queue.insert_at("d", start + ms(20));
        queue.remove(&k1);
        queue.remove(&k2);

        queue.compact();
        assert_eq!((queue.len(), queue.capacity()), (2, 2));
        // "c" and "d" moved to the front, but answer to their old keys.
        assert_eq!(queue.peek(), Some(k3));
        assert_eq!(queue.deadline(&k4), start + ms(20));

        // New values get keys that differ from every live one, although
        // "c" and "d" now sit in slots whose indexes were other keys.
        let k5 = queue.insert_at("e", start + ms(5));
        let k6 = queue.insert_at("f", start + ms(30));
        let keys = [k3, k4, k5, k6];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        queue.reset_at(&k4, start + ms(1));
        assert_eq!(queue.peek(), Some(k4));

        let mut order = Vec::new();
        while let Some(expired) = queue.next().await {
            order.push((expired.key(), expired.into_inner()));
        }
        assert_eq!(order, [(k4, "d"), (k5, "e"), (k3, "c"), (k6, "f")]);

        queue.compact();
        assert_eq!(queue.capacity(), 0);
    });
}

#[test]
fn after_compact_a_key_is_invalid_once_its_value_left() {
    let far = Instant::now() + Duration::from_secs(3600);
    let mut queue = DelayQueue::new();
    let a = queue.insert_at(1, far);
    let b = queue.insert_at(2, far + ms(1));
    queue.remove(&a);
    queue.compact();
    // `a` was removed before the compaction; `b` now sits where `a` was.
    assert!(queue.try_remove(&a).is_none());
    let c = queue.insert_at(3, far);
    assert_ne!(c, b);
    assert_eq!(queue.remove(&b).into_inner(), 2);
    assert!(queue.try_remove(&b).is_none());
    assert_eq!(queue.remove(&c).into_inner(), 3);
    assert!(queue.try_remove(&c).is_none());
    assert!(queue.is_empty());
    // `clear` forgets the translation: keys are slot indexes again.
    let d = queue.insert_at(4, far);
    queue.clear();
    assert!(queue.try_remove(&d).is_none());
}

#[test]
fn removing_the_last_value_or_clearing_wakes_the_poller() {
    paused_rt().block_on(async {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        let a = queue.insert(1, ms(100));
        let b = queue.insert(2, ms(200));
        assert!(poll_once(&mut queue, &counter).is_pending());
        // Not the last value: the poller keeps waiting.
        queue.remove(&b);
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
        queue.remove(&a);
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        assert_eq!(poll_once(&mut queue, &counter), Poll::Ready(None));

        queue.insert(3, ms(100));
        assert_eq!(counter.0.load(Ordering::SeqCst), 2);
        assert!(poll_once(&mut queue, &counter).is_pending());
        queue.clear();
        assert_eq!(counter.0.load(Ordering::SeqCst), 3);
        assert_eq!(poll_once(&mut queue, &counter), Poll::Ready(None));
        // Clearing an empty queue wakes nobody.
        queue.clear();
        assert_eq!(counter.0.load(Ordering::SeqCst), 3);
    });
}

#[test]
fn a_reset_that_moves_the_earliest_deadline_wakes_the_poller() {
    paused_rt().block_on(async {
        let start = Instant::now();
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let mut queue = DelayQueue::new();
        let a = queue.insert_at("a", start + ms(100));
        let b = queue.insert_at("b", start + ms(200));
        assert!(poll_once(&mut queue, &counter).is_pending());
        // `b` is not the earliest and stays behind `a`: no wake.
        queue.reset_at(&b, start + ms(300));
        assert_eq!(counter.0.load(Ordering::SeqCst), 0);
        // The earliest deadline moves later: wake to wait for the new one.
        queue.reset_at(&a, start + ms(120));
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        assert!(poll_once(&mut queue, &counter).is_pending());
        advance(ms(119)).await;
        assert!(poll_once(&mut queue, &counter).is_pending());
        assert_eq!(counter.0.load(Ordering::SeqCst), 1);
        advance(ms(1)).await;
        assert_eq!(counter.0.load(Ordering::SeqCst), 2);
        assert_eq!(
            poll_once(&mut queue, &counter),
            Poll::Ready(Some(("a", a, start + ms(120))))
        );
    });
}

#[test]
fn the_types_are_also_at_their_tokio_util_path() {
    use runtime_util::time::delay_queue;
    let mut queue: delay_queue::DelayQueue<u8> = DelayQueue::new();
    let key: delay_queue::Key = queue.insert_at(1, Instant::now());
    let expired: delay_queue::Expired<u8> = queue.remove(&key);
    assert_eq!(expired.into_inner(), 1);
}
