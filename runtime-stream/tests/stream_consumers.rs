//! The consuming futures of `StreamExt`: next, try_next, all, any, fold,
//! collect (into every supported collection).

mod support;

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::pin::pin;
use std::task::Poll;

use futures::executor::block_on;
use runtime_stream::{self as stream, StreamExt};
use support::{Scripted, Task, end, item, pending};

#[test]
fn next_is_cancel_safe() {
    let task = Task::new();
    let (mut s, counters) = Scripted::new([pending(), item(1), end()]);
    {
        let next = pin!(s.next());
        assert_eq!(task.poll_fut(next), Poll::Pending);
    }
    {
        let next = pin!(s.next());
        assert_eq!(task.poll_fut(next), Poll::Ready(Some(1)));
    }
    assert_eq!(block_on(s.next()), None);
    assert_eq!(counters.polls(), 3);
}

#[test]
fn next_works_on_unsized_and_boxed_streams() {
    let mut boxed: Box<dyn runtime_stream::Stream<Item = i32> + Unpin> =
        Box::new(stream::iter(vec![4]));
    assert_eq!(block_on(boxed.next()), Some(4));
    let as_dyn: &mut (dyn runtime_stream::Stream<Item = i32> + Unpin) = &mut *boxed;
    assert_eq!(block_on(as_dyn.next()), None);

    let mut pinned = Box::pin(stream::iter(vec![1]).then(|x| async move { x + 1 }));
    assert_eq!(block_on(pinned.next()), Some(2));
}

#[test]
fn try_next_transposes() {
    let mut s = stream::iter(vec![Ok(1), Err("bad"), Ok(2)]);
    assert_eq!(block_on(s.try_next()), Ok(Some(1)));
    assert_eq!(block_on(s.try_next()), Err("bad"));
    // An error does not end the stream.
    assert_eq!(block_on(s.try_next()), Ok(Some(2)));
    assert_eq!(block_on(s.try_next()), Ok(None));

    let task = Task::new();
    let (mut s, _) = Scripted::<Result<u8, ()>>::new([pending(), item(Ok(3))]);
    let fut = pin!(s.try_next());
    assert_eq!(task.poll_fut(fut), Poll::Pending);
}

#[test]
fn all_short_circuits_and_leaves_the_rest() {
    let mut s = stream::iter(vec![2, 4, 5, 6]);
    let mut seen = Vec::new();
    assert!(!block_on(s.all(|x| {
        seen.push(x);
        x % 2 == 0
    })));
    assert_eq!(seen, [2, 4, 5]);
    assert_eq!(block_on(s.next()), Some(6));

    assert!(block_on(stream::iter(vec![2, 4]).all(|x| x % 2 == 0)));
    assert!(block_on(stream::empty::<i32>().all(|_| false)));
}

#[test]
fn all_yields_to_the_executor_after_32_items() {
    let task = Task::new();
    // `iter` itself yields every 32 items; use a stream that never does, so
    // only `all` decides.
    let mut s = AlwaysReady(1..=100);
    let mut fut = pin!(s.all(|x| x > 0));
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.wakes(), 1);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Ready(true));
    assert_eq!(task.wakes(), 3);
}

#[test]
fn any_short_circuits_and_leaves_the_rest() {
    let mut s = stream::iter(vec![1, 3, 4, 5]);
    let mut calls = 0;
    assert!(block_on(s.any(|x| {
        calls += 1;
        x % 2 == 0
    })));
    assert_eq!(calls, 3);
    assert_eq!(block_on(s.next()), Some(5));

    assert!(!block_on(stream::iter(vec![1, 3]).any(|x| x % 2 == 0)));
    assert!(!block_on(stream::empty::<i32>().any(|_| true)));
}

#[test]
fn any_yields_to_the_executor_after_32_items() {
    let task = Task::new();
    let mut s = AlwaysReady(0..40);
    let mut fut = pin!(s.any(|x| x == 39));
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.wakes(), 1);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Ready(true));
}

#[test]
fn fold_accumulates_across_pending() {
    let task = Task::new();
    let (s, _) = Scripted::new([item(1), pending(), item(2), item(3), end()]);
    let mut fut = pin!(s.fold(String::new(), |mut acc, x| {
        acc.push_str(&x.to_string());
        acc
    }));
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Ready("123".to_string()));

    assert_eq!(block_on(stream::empty::<u8>().fold(7, |a, b| a + b)), 7);
}

#[test]
fn collect_into_vec_and_box_slice_and_deque() {
    let v: Vec<i32> = block_on(stream::iter(vec![1, 2, 3]).collect());
    assert_eq!(v, [1, 2, 3]);
    let b: Box<[i32]> = block_on(stream::iter(vec![1, 2]).collect());
    assert_eq!(&*b, &[1, 2]);
    let d: VecDeque<i32> = block_on(stream::iter(vec![3, 4]).collect());
    assert_eq!(d, [3, 4]);
    let e: Vec<i32> = block_on(stream::empty().collect());
    assert!(e.is_empty());
}

#[test]
fn collect_into_vec_reserves_the_lower_size_hint() {
    let v: Vec<u8> = block_on(stream::iter(vec![0u8; 100]).collect());
    assert_eq!(v.len(), 100);
    assert_eq!(v.capacity(), 100);
}

#[test]
fn collect_into_linked_list_keeps_order_across_pending() {
    let l: LinkedList<i32> = block_on(stream::iter(vec![1, 2, 3]).collect());
    assert_eq!(l.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    let e: LinkedList<i32> = block_on(stream::empty().collect());
    assert!(e.is_empty());

    let task = Task::new();
    let (s, _) = Scripted::new([item(4), pending(), item(5), end()]);
    let mut fut = pin!(s.collect::<LinkedList<i32>>());
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    let l = match task.poll_fut(fut.as_mut()) {
        Poll::Ready(l) => l,
        Poll::Pending => panic!("collect should be done"),
    };
    assert_eq!(l.into_iter().collect::<Vec<_>>(), [4, 5]);

    let r: Result<LinkedList<i32>, &str> =
        block_on(stream::iter(vec![Ok(1), Err("no"), Ok(2)]).collect());
    assert_eq!(r, Err("no"));
}

#[test]
fn collect_preallocates_deque_and_hash_collections_from_the_size_hint() {
    let d: VecDeque<u8> = block_on(stream::iter(vec![0u8; 100]).collect());
    assert!(d.capacity() >= 100);
    let d: VecDeque<u8> = block_on(AlwaysReady(vec![7u8].into_iter()).collect());
    assert_eq!(d, [7]);
    let h: HashSet<u16> = block_on(stream::iter(0..100u16).collect());
    assert_eq!(h.len(), 100);
    assert!(h.capacity() >= 100);
    let m: HashMap<u16, ()> = block_on(stream::iter((0..100u16).map(|k| (k, ()))).collect());
    assert!(m.capacity() >= 100);
    let heap: BinaryHeap<u8> = block_on(stream::iter(vec![1u8; 50]).collect());
    assert!(heap.capacity() >= 50);
}

#[test]
fn collect_into_strings() {
    let s: String = block_on(stream::iter(vec!["ab", "", "c"]).collect());
    assert_eq!(s, "abc");
    let s: String = block_on(stream::iter(vec![String::from("x"), String::from("y")]).collect());
    assert_eq!(s, "xy");
}

#[test]
fn collect_into_maps_and_sets() {
    let pairs = vec![("b", 2), ("a", 1), ("b", 3)];
    let h: HashMap<&str, i32> = block_on(stream::iter(pairs.clone()).collect());
    assert_eq!(h, HashMap::from([("a", 1), ("b", 3)]));
    let t: BTreeMap<&str, i32> = block_on(stream::iter(pairs).collect());
    assert_eq!(t.into_iter().collect::<Vec<_>>(), [("a", 1), ("b", 3)]);

    let hs: HashSet<i32> = block_on(stream::iter(vec![1, 1, 2]).collect());
    assert_eq!(hs, HashSet::from([1, 2]));
    let ts: BTreeSet<i32> = block_on(stream::iter(vec![3, 1, 3]).collect());
    assert_eq!(ts.into_iter().collect::<Vec<_>>(), [1, 3]);
    let heap: BinaryHeap<i32> = block_on(stream::iter(vec![2, 9, 4]).collect());
    assert_eq!(heap.into_sorted_vec(), [2, 4, 9]);
}

#[test]
fn collect_into_unit_drains_the_stream() {
    let (s, counters) = Scripted::new([item(()), item(()), end()]);
    block_on(s.collect::<()>());
    assert_eq!(counters.polls(), 3);
}

#[test]
fn collect_into_result_stops_at_the_first_error() {
    let ok: Result<Vec<i32>, &str> = block_on(stream::iter(vec![Ok(1), Ok(2)]).collect());
    assert_eq!(ok, Ok(vec![1, 2]));

    let (s, counters) = Scripted::new([item(Ok(1)), item(Err("e1")), item(Err("e2")), end()]);
    let err: Result<Vec<i32>, &str> = block_on(s.collect());
    assert_eq!(err, Err("e1"));
    // Collecting stopped at the error: later items were never pulled.
    assert_eq!(counters.polls(), 2);

    let nested: Result<String, u8> = block_on(stream::iter(vec![Ok("a"), Ok("b")]).collect());
    assert_eq!(nested, Ok("ab".to_string()));
    let empty: Result<Vec<u8>, u8> = block_on(stream::empty().collect());
    assert_eq!(empty, Ok(vec![]));
}

#[test]
fn collect_keeps_its_progress_across_pending() {
    let task = Task::new();
    let (s, _) = Scripted::new([item(1), pending(), item(2), end()]);
    let mut fut = pin!(s.collect::<Vec<i32>>());
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Pending);
    assert_eq!(task.poll_fut(fut.as_mut()), Poll::Ready(vec![1, 2]));
}

/// A stream over an iterator that is always ready (unlike `iter`, it never
/// yields on its own), so tests see only the consumer's yielding.
struct AlwaysReady<I>(I);

impl<I: Iterator + Unpin> runtime_stream::Stream for AlwaysReady<I> {
    type Item = I::Item;

    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> Poll<Option<I::Item>> {
        Poll::Ready(self.0.next())
    }
}
