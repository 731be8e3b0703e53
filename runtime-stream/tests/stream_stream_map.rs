//! `StreamMap`: the map API, `(key, item)` polling, fairness, removal of
//! ended streams, `next_many`.

mod support;

use std::collections::HashMap;
use std::pin::pin;
use std::sync::Arc;
use std::task::Poll;

use futures::executor::block_on;
use runtime_stream::{self as stream, Stream, StreamExt, StreamMap, StreamNotifyClose};
use support::{Counters, Scripted, Task, end, item, pending};

type Boxed = std::pin::Pin<Box<dyn Stream<Item = i32>>>;

#[test]
fn empty_map_ends_immediately() {
    let task = Task::new();
    let mut map: StreamMap<u8, stream::Iter<std::vec::IntoIter<i32>>> = StreamMap::new();
    assert!(map.is_empty());
    assert_eq!(map.len(), 0);
    assert_eq!(map.size_hint(), (0, Some(0)));
    assert_eq!(task.poll_next(&mut map), Poll::Ready(None));
    // It comes back to life once a stream is inserted.
    map.insert(1, stream::iter(vec![10]));
    assert_eq!(task.poll_next(&mut map), Poll::Ready(Some((1, 10))));
    assert_eq!(task.poll_next(&mut map), Poll::Ready(None));
    assert!(map.is_empty());
}

#[test]
fn insert_replace_remove_and_lookups() {
    let mut map = StreamMap::new();
    assert!(map.insert("a", stream::iter(vec![1])).is_none());
    assert!(map.insert("b", stream::iter(vec![2])).is_none());
    assert_eq!(map.len(), 2);

    // Replacing returns the previous stream, keeping one entry per key.
    let mut old = map.insert("a", stream::iter(vec![3])).expect("replaced");
    assert_eq!(block_on(old.next()), Some(1));
    assert_eq!(map.len(), 2);

    assert!(map.contains_key("a"));
    assert!(map.contains_key(&"b"));
    assert!(!map.contains_key("c"));

    let mut keys: Vec<_> = map.keys().copied().collect();
    keys.sort();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(map.values().count(), 2);
    assert_eq!(map.iter().count(), 2);

    let mut removed = map.remove("b").expect("present");
    assert_eq!(block_on(removed.next()), Some(2));
    assert!(map.remove("b").is_none());
    assert_eq!(map.len(), 1);

    assert_eq!(block_on(map.next()), Some(("a", 3)));

    map.clear();
    assert!(map.is_empty());
}

#[test]
fn remove_by_borrowed_key() {
    let mut map = StreamMap::new();
    map.insert(String::from("key"), stream::pending::<()>());
    assert!(map.contains_key("key"));
    assert!(map.remove("key").is_some());
    assert!(map.is_empty());
}

#[test]
fn with_capacity_and_default() {
    let map: StreamMap<i32, stream::Pending<i32>> = StreamMap::with_capacity(8);
    assert!(map.capacity() >= 8);
    let map: StreamMap<i32, stream::Pending<i32>> = StreamMap::default();
    assert_eq!(map.capacity(), 0);
}

#[test]
fn iter_mut_and_values_mut_reach_the_streams() {
    let mut map = StreamMap::new();
    map.insert(1, stream::iter(vec![1, 2]));
    for (_, s) in map.iter_mut() {
        assert_eq!(block_on(s.next()), Some(1));
    }
    for s in map.values_mut() {
        assert_eq!(block_on(s.next()), Some(2));
    }
    assert_eq!(block_on(map.next()), None);
}

#[test]
fn yields_every_item_with_its_key_and_removes_ended_streams() {
    let mut map = StreamMap::new();
    map.insert("a", stream::iter(vec![1, 2, 3]));
    map.insert("b", stream::iter(vec![]));
    map.insert("c", stream::iter(vec![10]));
    let mut items: Vec<(&str, i32)> = block_on(map.by_ref_collect());
    items.sort();
    assert_eq!(items, [("a", 1), ("a", 2), ("a", 3), ("c", 10)]);
    assert!(map.is_empty());
}

#[test]
fn items_of_one_stream_keep_their_order() {
    let mut map = StreamMap::new();
    for key in 0..4 {
        map.insert(key, stream::iter((0..50).map(move |i| key * 100 + i)));
    }
    let items = block_on(map.by_ref_collect());
    assert_eq!(items.len(), 200);
    for key in 0..4 {
        let own: Vec<i32> = items
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .collect();
        assert_eq!(own, (0..50).map(|i| key * 100 + i).collect::<Vec<_>>());
    }
}

#[test]
fn a_poll_visits_each_pending_stream_exactly_once() {
    for _ in 0..50 {
        let task = Task::new();
        let mut map = StreamMap::new();
        let mut counters = Vec::new();
        for key in 0..6 {
            let (s, c) = Scripted::<i32>::new([pending(), pending()]);
            map.insert(key, s);
            counters.push(c);
        }
        assert_eq!(task.poll_next(&mut map), Poll::Pending);
        assert_eq!(polls(&counters), [1; 6]);
        assert_eq!(task.poll_next(&mut map), Poll::Pending);
        assert_eq!(polls(&counters), [2; 6]);
    }
}

#[test]
fn ended_streams_are_removed_and_every_other_stream_still_polled_once() {
    // Whatever the random starting point, one poll must visit each live
    // stream exactly once, even as ended ones are swapped out of the
    // entry vector mid-scan.
    for _ in 0..300 {
        let task = Task::new();
        let mut map = StreamMap::new();
        let mut counters = Vec::new();
        for key in 0..7 {
            let script = if key % 2 == 0 {
                vec![end()]
            } else {
                vec![pending(), item(key)]
            };
            let (s, c) = Scripted::new(script);
            map.insert(key, s);
            counters.push(c);
        }
        assert_eq!(task.poll_next(&mut map), Poll::Pending);
        assert_eq!(polls(&counters), [1; 7]);
        assert_eq!(drops(&counters), [1, 0, 1, 0, 1, 0, 1]);
        let mut keys: Vec<_> = map.keys().copied().collect();
        keys.sort();
        assert_eq!(keys, [1, 3, 5]);
    }
}

#[test]
fn all_streams_ending_in_one_poll_ends_the_map() {
    for _ in 0..50 {
        let task = Task::new();
        let mut map = StreamMap::new();
        let mut counters = Vec::new();
        for key in 0..5 {
            let (s, c) = Scripted::<i32>::new([end()]);
            map.insert(key, s);
            counters.push(c);
        }
        assert_eq!(task.poll_next(&mut map), Poll::Ready(None));
        assert_eq!(polls(&counters), [1; 5]);
        assert_eq!(drops(&counters), [1; 5]);
        assert!(map.is_empty());
    }
}

#[test]
fn polling_starts_at_a_random_stream() {
    // Every stream is always ready, so the first one polled wins. Over
    // many polls, each must win sometimes.
    let mut map = StreamMap::new();
    for key in 0..4 {
        map.insert(key, stream::iter(std::iter::repeat(key)));
    }
    let task = Task::new();
    let mut wins = HashMap::new();
    for _ in 0..400 {
        if let Poll::Ready(Some((key, value))) = task.poll_next(&mut map) {
            assert_eq!(key, value);
            *wins.entry(key).or_insert(0) += 1;
        }
    }
    let mut winners: Vec<_> = wins.keys().copied().collect();
    winners.sort();
    assert_eq!(winners, [0, 1, 2, 3]);
}

#[test]
fn a_busy_stream_does_not_starve_a_quiet_one() {
    let mut map: StreamMap<&str, Boxed> = StreamMap::new();
    map.insert("busy", Box::pin(stream::iter(std::iter::repeat(0))));
    map.insert("quiet", Box::pin(stream::once(1)));
    let found = block_on(async {
        for _ in 0..200 {
            if let Some(("quiet", 1)) = map.next().await {
                return true;
            }
        }
        false
    });
    assert!(found);
}

#[test]
fn size_hint_sums_the_streams() {
    let mut map = StreamMap::new();
    map.insert(1, stream::iter(vec![1, 2]));
    map.insert(2, stream::iter(vec![3]));
    assert_eq!(map.size_hint(), (3, Some(3)));

    let mut map: StreamMap<i32, Boxed> = StreamMap::new();
    map.insert(1, Box::pin(stream::iter(vec![1])));
    map.insert(2, Box::pin(stream::pending()));
    assert_eq!(map.size_hint(), (1, None));
}

#[test]
fn from_iterator_and_extend_keep_the_last_stream_per_key() {
    let mut map: StreamMap<&str, _> = vec![
        ("a", stream::iter(vec![1])),
        ("b", stream::iter(vec![2])),
        ("a", stream::iter(vec![3])),
    ]
    .into_iter()
    .collect();
    assert_eq!(map.len(), 2);
    map.extend(vec![
        ("c", stream::iter(vec![4])),
        ("b", stream::iter(vec![5])),
    ]);
    assert_eq!(map.len(), 3);
    let mut items = block_on(map.by_ref_collect());
    items.sort();
    assert_eq!(items, [("a", 3), ("b", 5), ("c", 4)]);
}

#[test]
fn notify_close_reports_which_stream_ended() {
    let mut map = StreamMap::new();
    map.insert("x", StreamNotifyClose::new(stream::iter(vec![1, 2])));
    map.insert("y", StreamNotifyClose::new(stream::iter(vec![])));
    let mut items = block_on(map.by_ref_collect());
    items.sort();
    assert_eq!(
        items,
        [("x", None), ("x", Some(1)), ("x", Some(2)), ("y", None)]
    );
}

#[test]
fn next_many_gathers_up_to_the_limit() {
    let mut map = StreamMap::new();
    map.insert("a", stream::iter(vec![1, 2, 3]));
    map.insert("b", stream::iter(vec![10, 20]));
    let mut buffer = vec![("old", 0)];
    let n = block_on(map.next_many(&mut buffer, 4));
    assert_eq!(n, 4);
    assert_eq!(buffer.len(), 5);
    assert_eq!(buffer[0], ("old", 0));

    let n = block_on(map.next_many(&mut buffer, 100));
    assert_eq!(n, 1);
    let mut items = buffer[1..].to_vec();
    items.sort();
    assert_eq!(items, [("a", 1), ("a", 2), ("a", 3), ("b", 10), ("b", 20)]);

    // Every stream has ended: the map is empty and says so with 0.
    assert_eq!(block_on(map.next_many(&mut buffer, 10)), 0);
    assert!(map.is_empty());
}

#[test]
fn next_many_with_zero_limit_or_empty_map_returns_zero() {
    let mut map = StreamMap::new();
    let mut buffer: Vec<(u8, i32)> = Vec::new();
    assert_eq!(block_on(map.next_many(&mut buffer, 5)), 0);
    map.insert(1, stream::iter(vec![1]));
    assert_eq!(block_on(map.next_many(&mut buffer, 0)), 0);
    assert!(buffer.is_empty());
    assert_eq!(map.len(), 1);
}

#[test]
fn poll_next_many_is_pending_until_an_item_arrives() {
    let task = Task::new();
    let mut map = StreamMap::new();
    let (s, counters) = Scripted::new([pending(), item(7), pending()]);
    map.insert(1, s);
    let mut buffer = Vec::new();
    {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        assert_eq!(map.poll_next_many(&mut cx, &mut buffer, 3), Poll::Pending);
        assert_eq!(map.poll_next_many(&mut cx, &mut buffer, 3), Poll::Ready(1));
    }
    assert_eq!(buffer, [(1, 7)]);
    assert_eq!(counters.polls(), 3);
    let fut = pin!(map.next_many(&mut buffer, 3));
    assert_eq!(task.poll_fut(fut), Poll::Ready(0));
}

fn polls(counters: &[Arc<Counters>]) -> Vec<usize> {
    counters.iter().map(|c| c.polls()).collect()
}

fn drops(counters: &[Arc<Counters>]) -> Vec<usize> {
    counters.iter().map(|c| c.drops()).collect()
}

/// Drains a map without consuming it.
trait ByRefCollect: Stream + Unpin + Sized {
    async fn by_ref_collect(&mut self) -> Vec<Self::Item> {
        let mut out = Vec::new();
        while let Some(item) = self.next().await {
            out.push(item);
        }
        out
    }
}

impl<S: Stream + Unpin> ByRefCollect for S {}

mod model {
    //! One poll of a map whose streams each answer `Pending`, `Ready(None)`
    //! or an item, in every combination proptest finds: whatever the random
    //! start, each stream is polled at most once, every ended stream that
    //! was polled is removed, and the result agrees with the answers.

    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Answer {
        Pending,
        End,
        Item,
    }

    fn answer() -> impl Strategy<Value = Answer> {
        prop_oneof![Just(Answer::Pending), Just(Answer::End), Just(Answer::Item)]
    }

    proptest! {
        #[test]
        fn one_poll(answers in proptest::collection::vec(answer(), 0..12)) {
            let task = Task::new();
            let mut map = StreamMap::new();
            let mut counters = Vec::new();
            for (key, answer) in answers.iter().enumerate() {
                let step = match answer {
                    Answer::Pending => pending(),
                    Answer::End => end(),
                    Answer::Item => item(key),
                };
                let (s, c) = Scripted::new([step]);
                map.insert(key, s);
                counters.push(c);
            }
            let result = task.poll_next(&mut map);
            let polls = polls(&counters);
            prop_assert!(polls.iter().all(|&p| p <= 1), "polled twice: {:?}", polls);
            for (key, answer) in answers.iter().enumerate() {
                let removed = !map.contains_key(&key);
                let expect_removed = *answer == Answer::End && polls[key] == 1;
                prop_assert_eq!(removed, expect_removed, "key {}", key);
                prop_assert_eq!(counters[key].drops(), usize::from(expect_removed));
            }
            match result {
                Poll::Ready(Some((key, value))) => {
                    prop_assert_eq!(key, value);
                    prop_assert_eq!(answers[key], Answer::Item);
                    prop_assert_eq!(polls[key], 1);
                    // Streams polled after the winner: none. The winner
                    // stops the round, so exactly the polled streams up to it
                    // saw a poll; at least the winner did.
                    let polled_items = answers
                        .iter()
                        .zip(&polls)
                        .filter(|(a, p)| **a == Answer::Item && **p == 1)
                        .count();
                    prop_assert_eq!(polled_items, 1);
                }
                Poll::Ready(None) => {
                    prop_assert!(answers.iter().all(|a| *a == Answer::End));
                    prop_assert!(polls.iter().all(|&p| p == 1));
                    prop_assert!(map.is_empty());
                }
                Poll::Pending => {
                    prop_assert!(answers.contains(&Answer::Pending));
                    prop_assert!(!answers.contains(&Answer::Item));
                    prop_assert!(polls.iter().all(|&p| p == 1));
                }
            }
        }

        #[test]
        fn next_many_takes_every_ready_item(answers in proptest::collection::vec(answer(), 0..12)) {
            let task = Task::new();
            let mut map = StreamMap::new();
            for (key, answer) in answers.iter().enumerate() {
                let step = match answer {
                    Answer::Pending => pending(),
                    Answer::End => end(),
                    Answer::Item => item(key),
                };
                // After its first answer, each stream is pending for good.
                let (s, _) = Scripted::new([step, pending()]);
                map.insert(key, s);
            }
            let mut buffer = Vec::new();
            let result = {
                let fut = pin!(map.next_many(&mut buffer, 100));
                task.poll_fut(fut)
            };
            let items = answers.iter().filter(|a| **a == Answer::Item).count();
            let live = answers.iter().filter(|a| **a != Answer::End).count();
            if items > 0 {
                prop_assert_eq!(result, Poll::Ready(items));
            } else if live == 0 {
                prop_assert_eq!(result, Poll::Ready(0));
            } else {
                prop_assert_eq!(result, Poll::Pending);
            }
            let mut keys: Vec<usize> = buffer.iter().map(|(k, v)| { assert_eq!(k, v); *k }).collect();
            keys.sort();
            let expected: Vec<usize> = answers
                .iter()
                .enumerate()
                .filter(|(_, a)| **a == Answer::Item)
                .map(|(k, _)| k)
                .collect();
            prop_assert_eq!(keys, expected);
            prop_assert_eq!(map.len(), live);
        }
    }
}
