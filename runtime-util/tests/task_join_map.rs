//! `JoinMap`: keys come back with outputs, replacement aborts and forgets
//! the old task, aborts by key and predicate, shutdown, panics, exact key
//! bookkeeping (also when every key hashes alike), local tasks, and
//! cancel-safe `join_next`.
#![cfg(feature = "join-map")]

use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::future::pending;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use futures::FutureExt;
use proptest::prelude::*;
use runtime_core::runtime::{Builder, Runtime};
use runtime_core::sync::oneshot;
use runtime_core::task::{Id, JoinError, LocalSet, yield_now};
use runtime_test::{assert_pending, task};
use runtime_util::task::JoinMap;

fn rt() -> Runtime {
    Builder::new_current_thread().build().unwrap()
}

/// Hashes every key to the same value, so that all keys share one chain.
#[derive(Default)]
struct Collide;

impl Hasher for Collide {
    fn finish(&self) -> u64 {
        7
    }

    fn write(&mut self, _: &[u8]) {}
}

type Colliding = BuildHasherDefault<Collide>;

/// Yields until `map` has `n` finished results, taking them with
/// `try_join_next`.
async fn take_ready<K, V, S>(map: &mut JoinMap<K, V, S>, n: usize) -> Vec<(K, Result<V, JoinError>)>
where
    K: Hash + Eq,
    V: 'static,
    S: std::hash::BuildHasher,
{
    let mut out = Vec::new();
    for _ in 0..10_000 {
        if out.len() == n {
            return out;
        }
        match map.try_join_next() {
            Some(joined) => out.push(joined),
            None => yield_now().await,
        }
    }
    panic!("only {} of {n} results came", out.len());
}

/// Asserts that `map` holds exactly `keys`, by every accessor.
fn assert_keys<S: std::hash::BuildHasher, V: 'static>(map: &JoinMap<u32, V, S>, keys: &[u32]) {
    let mut held: Vec<u32> = map.keys().copied().collect();
    held.sort();
    let mut want = keys.to_vec();
    want.sort();
    assert_eq!(held, want);
    assert_eq!(map.len(), keys.len());
    assert_eq!(map.keys().len(), keys.len());
    assert_eq!(map.is_empty(), keys.is_empty());
    for key in 0..16 {
        assert_eq!(map.contains_key(&key), keys.contains(&key), "key {key}");
    }
}

#[test]
fn join_next_returns_every_key_with_its_output() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        for i in 0..10u32 {
            map.spawn(i, async move {
                for _ in 0..i % 3 {
                    yield_now().await;
                }
                i * 2
            });
        }
        assert_eq!(map.len(), 10);

        let mut seen = BTreeMap::new();
        while let Some((key, res)) = map.join_next().await {
            assert!(seen.insert(key, res.unwrap()).is_none());
            assert_eq!(map.len(), 10 - seen.len());
            assert!(!map.contains_key(&key));
        }
        assert_eq!(seen, (0..10).map(|i| (i, i * 2)).collect());
        assert!(map.is_empty());
        assert!(map.join_next().await.is_none());
        assert!(map.try_join_next().is_none());
    });
}

#[test]
fn spawning_under_a_taken_key_aborts_and_forgets_the_old_task() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        let (old_tx, old_rx) = oneshot::channel::<()>();
        let (id_tx, id_rx) = oneshot::channel();
        map.spawn("job", async move {
            id_tx.send(runtime_core::task::id()).unwrap();
            let _keep = old_tx;
            pending::<u32>().await
        });
        let old_id = id_rx.await.unwrap();
        assert!(map.contains_task(&old_id));

        map.spawn("job", async { 2 });
        assert_eq!(map.len(), 1);
        assert!(!map.contains_task(&old_id));
        assert!(map.contains_key("job"));

        // The old task was aborted: its future (and sender) is dropped.
        assert!(old_rx.await.is_err());

        let (key, res) = map.join_next().await.unwrap();
        assert_eq!((key, res.unwrap()), ("job", 2));
        // The cancelled old task never shows up.
        assert!(map.join_next().await.is_none());
    });
}

#[test]
fn replacing_a_finished_task_drops_its_output() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        map.spawn(1u8, async { "old" });
        map.spawn(2u8, async { "other" });
        for _ in 0..4 {
            yield_now().await;
        }
        map.spawn(1u8, async { "new" });

        let mut got = take_ready(&mut map, 2).await;
        got.sort_by_key(|(key, _)| *key);
        let got: Vec<_> = got.into_iter().map(|(k, r)| (k, r.unwrap())).collect();
        assert_eq!(got, [(1, "new"), (2, "other")]);
        assert!(map.try_join_next().is_none());
        assert!(map.join_next().await.is_none());
    });
}

#[test]
fn try_join_next_skips_replaced_tasks() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        for round in 0..5u32 {
            // All but the last are replaced; each ran to completion first.
            map.spawn("k", async move { round });
            yield_now().await;
        }
        let got = take_ready(&mut map, 1).await;
        assert_eq!(got[0].0, "k");
        assert_eq!(*got[0].1.as_ref().unwrap(), 4);
        for _ in 0..4 {
            yield_now().await;
            assert!(map.try_join_next().is_none());
        }
    });
}

#[test]
fn abort_by_key_returns_the_key_with_a_cancelled_error() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        map.spawn(String::from("stuck"), pending::<u32>());
        map.spawn(String::from("quick"), async { 1 });

        assert!(map.abort("stuck"));
        assert!(!map.abort("absent"));
        // Aborted but not joined: still in the map.
        assert!(map.contains_key("stuck"));
        assert_eq!(map.len(), 2);

        let mut got = BTreeMap::new();
        while let Some((key, res)) = map.join_next().await {
            got.insert(key, res);
        }
        assert!(got["stuck"].as_ref().unwrap_err().is_cancelled());
        assert_eq!(*got["quick"].as_ref().unwrap(), 1);
        assert!(!map.abort("stuck"));
    });
}

#[test]
fn abort_matching_aborts_exactly_the_matching_keys() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        for i in 0..8u32 {
            map.spawn(i, async move {
                yield_now().await;
                i
            });
        }
        let mut asked = Vec::new();
        map.abort_matching(|key| {
            asked.push(*key);
            key % 3 == 0
        });
        asked.sort();
        assert_eq!(asked, (0..8).collect::<Vec<_>>());
        assert_eq!(map.len(), 8);

        let mut cancelled = BTreeSet::new();
        let mut finished = BTreeSet::new();
        while let Some((key, res)) = map.join_next().await {
            match res {
                Ok(value) => assert!(finished.insert(value) && value == key),
                Err(err) => assert!(err.is_cancelled() && cancelled.insert(key)),
            }
        }
        assert_eq!(cancelled, BTreeSet::from([0, 3, 6]));
        assert_eq!(finished, BTreeSet::from([1, 2, 4, 5, 7]));
    });
}

#[test]
fn shutdown_aborts_and_reaps_everything() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        let mut receivers = Vec::new();
        for i in 0..4u32 {
            let (tx, rx) = oneshot::channel::<()>();
            receivers.push(rx);
            map.spawn(i, async move {
                let _keep = tx;
                pending::<()>().await
            });
        }
        map.spawn(9, async { panic!("ignored by shutdown") });
        map.shutdown().await;
        assert!(map.is_empty());
        assert_eq!(map.keys().count(), 0);
        for rx in receivers {
            assert!(rx.await.is_err());
        }
        assert!(map.join_next().await.is_none());
    });
}

#[test]
fn abort_all_keeps_the_keys_until_joined() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        for i in 0..3u32 {
            map.spawn(i, pending::<()>());
        }
        map.abort_all();
        assert_keys(&map, &[0, 1, 2]);
        let mut keys = BTreeSet::new();
        while let Some((key, res)) = map.join_next().await {
            assert!(res.unwrap_err().is_cancelled());
            keys.insert(key);
        }
        assert_eq!(keys, BTreeSet::from([0, 1, 2]));
    });
}

#[test]
fn a_panic_comes_back_as_a_join_error_with_its_key() {
    rt().block_on(async {
        let mut map: JoinMap<&str, u32> = JoinMap::new();
        map.spawn("bad", async { panic!("boom") });
        let (key, res) = map.join_next().await.unwrap();
        assert_eq!(key, "bad");
        let payload = res.unwrap_err().into_panic();
        assert_eq!(*payload.downcast::<&str>().unwrap(), "boom");

        // The map is still usable.
        map.spawn("good", async { 3 });
        let (key, res) = map.join_next().await.unwrap();
        assert_eq!((key, res.unwrap()), ("good", 3));
    });
}

#[test]
fn dropping_the_map_aborts_its_tasks() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        let (tx, rx) = oneshot::channel::<()>();
        map.spawn((), async move {
            let _keep = tx;
            pending::<()>().await
        });
        yield_now().await;
        drop(map);
        assert!(rx.await.is_err());
    });
}

#[test]
fn detach_all_empties_the_map_and_lets_the_tasks_run() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        let (go_tx, go_rx) = oneshot::channel::<()>();
        let (done_tx, done_rx) = oneshot::channel();
        map.spawn(1, async move {
            go_rx.await.unwrap();
            done_tx.send(5).unwrap();
        });
        map.detach_all();
        assert!(map.is_empty());
        assert!(!map.contains_key(&1));
        drop(map);
        go_tx.send(()).unwrap();
        assert_eq!(done_rx.await.unwrap(), 5);
    });
}

#[test]
fn join_next_is_cancel_safe() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        let (tx, rx) = oneshot::channel::<u32>();
        map.spawn("k", async move { rx.await.unwrap() });

        {
            let mut join = task::spawn(map.join_next());
            assert_pending!(join.poll());
            tx.send(8).unwrap();
            for _ in 0..4 {
                yield_now().await;
            }
            assert!(join.is_woken());
            // Dropped without being polled again.
        }
        assert!(map.contains_key("k"));
        let (key, res) = map.join_next().await.unwrap();
        assert_eq!((key, res.unwrap()), ("k", 8));
    });
}

#[test]
fn join_next_copes_with_an_exhausted_budget() {
    const N: u32 = 1000;
    rt().block_on(async {
        let mut map = JoinMap::new();
        let done = Arc::new(AtomicU32::new(0));
        for i in 0..N {
            let done = Arc::clone(&done);
            map.spawn(i, async move {
                done.fetch_add(1, Ordering::Relaxed);
                i
            });
        }
        // Let every task finish.
        while done.load(Ordering::Relaxed) < N {
            yield_now().await;
        }
        let mut joined = 0;
        let mut starved = 0;
        loop {
            match map.join_next().now_or_never() {
                Some(Some((key, res))) => {
                    assert_eq!(res.unwrap(), key);
                    joined += 1;
                }
                Some(None) => break,
                None => {
                    starved += 1;
                    yield_now().await;
                }
            }
        }
        assert_eq!(joined, N);
        assert!(starved >= 1, "the budget ran out at least once");
    });
}

#[test]
fn spawn_local_runs_non_send_tasks() {
    let rt = rt();
    let local = LocalSet::new();
    local.block_on(&rt, async {
        let mut map = JoinMap::new();
        let counter = Rc::new(Cell::new(0));
        for i in 0..3u32 {
            let counter = Rc::clone(&counter);
            map.spawn_local(i, async move {
                counter.set(counter.get() + 1);
                i
            });
        }
        let mut keys = BTreeSet::new();
        while let Some((key, res)) = map.join_next().await {
            assert_eq!(res.unwrap(), key);
            keys.insert(key);
        }
        assert_eq!(keys, BTreeSet::from([0, 1, 2]));
        assert_eq!(counter.get(), 3);
    });
}

#[test]
fn spawn_local_on_targets_the_given_set() {
    let rt = rt();
    let local = LocalSet::new();
    let mut map = JoinMap::new();
    let value = Rc::new(4u32);
    let v = Rc::clone(&value);
    map.spawn_local_on("a", async move { *v + 1 }, &local);
    let (key, res) = local.block_on(&rt, map.join_next()).unwrap();
    assert_eq!((key, res.unwrap()), ("a", 5));
}

#[test]
#[should_panic(expected = "`spawn_local` called from outside of a `task::LocalSet`")]
fn spawn_local_outside_a_local_set_panics() {
    let mut map = JoinMap::new();
    map.spawn_local((), async {});
}

#[test]
fn spawn_on_and_the_blocking_variants() {
    let other = Builder::new_multi_thread()
        .worker_threads(1)
        .build()
        .unwrap();
    rt().block_on(async {
        let mut map = JoinMap::new();
        map.spawn_on("on", async { 1 }, other.handle());
        map.spawn_blocking("blocking", || 2);
        map.spawn_blocking_on("blocking_on", || 3, other.handle());
        let mut got = BTreeMap::new();
        while let Some((key, res)) = map.join_next().await {
            got.insert(key, res.unwrap());
        }
        assert_eq!(
            got,
            BTreeMap::from([("blocking", 2), ("blocking_on", 3), ("on", 1)])
        );
    });
}

#[test]
fn a_task_on_a_dropped_runtime_comes_back_cancelled() {
    let mut map = JoinMap::new();
    {
        let gone = rt();
        map.spawn_on("key", async { 1 }, gone.handle());
    }
    let (key, res) = rt().block_on(map.join_next()).unwrap();
    assert_eq!(key, "key");
    assert!(res.unwrap_err().is_cancelled());
}

#[test]
fn keys_and_tasks_stay_exact_with_colliding_hashes() {
    rt().block_on(async {
        let mut map: JoinMap<u32, u32, Colliding> = JoinMap::with_hasher(Colliding::default());
        let mut ids = BTreeMap::new();
        for i in 0..6u32 {
            let (tx, rx) = oneshot::channel();
            map.spawn(i, async move {
                tx.send(runtime_core::task::id()).unwrap();
                pending::<u32>().await
            });
            ids.insert(i, rx.await.unwrap());
        }
        assert_keys(&map, &[0, 1, 2, 3, 4, 5]);
        assert!(ids.values().all(|id| map.contains_task(id)));

        // Replace a key in the middle of the chain, abort the head and the
        // tail.
        map.spawn(3, async { 33 });
        assert!(!map.contains_task(&ids[&3]));
        assert!(map.abort(&5));
        assert!(map.abort(&0));
        assert_keys(&map, &[0, 1, 2, 3, 4, 5]);

        let mut got = take_ready(&mut map, 3).await;
        got.sort_by_key(|(key, _)| *key);
        assert!(got[0].1.as_ref().unwrap_err().is_cancelled());
        assert_eq!(*got[1].1.as_ref().unwrap(), 33);
        assert!(got[2].1.as_ref().unwrap_err().is_cancelled());
        assert_eq!(got.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [0, 3, 5]);
        assert_keys(&map, &[1, 2, 4]);
        for key in [1, 2, 4] {
            assert!(map.contains_task(&ids[&key]));
        }
        for key in [0, 3, 5] {
            assert!(!map.contains_task(&ids[&key]));
        }

        map.abort_matching(|key| *key == 2);
        let got = take_ready(&mut map, 1).await;
        assert_eq!(got[0].0, 2);
        assert_keys(&map, &[1, 4]);
        map.shutdown().await;
        assert_keys(&map, &[]);
    });
}

/// A key whose `Eq` panics while `PANIC_ON_EQ` is set.
#[derive(Debug)]
struct Touchy(u32);

impl Hash for Touchy {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

thread_local! {
    static PANIC_ON_EQ: Cell<bool> = const { Cell::new(false) };
}

impl PartialEq for Touchy {
    fn eq(&self, other: &Self) -> bool {
        assert!(!PANIC_ON_EQ.get(), "Touchy::eq");
        self.0 == other.0
    }
}

impl Eq for Touchy {}

#[test]
fn a_panicking_key_comparison_aborts_the_new_task_and_keeps_the_map() {
    rt().block_on(async {
        let mut map = JoinMap::new();
        map.spawn(Touchy(1), async { 1 });

        let (tx, rx) = oneshot::channel::<()>();
        PANIC_ON_EQ.set(true);
        let res = catch_unwind(AssertUnwindSafe(|| {
            map.spawn(Touchy(1), async move {
                let _keep = tx;
                pending::<u32>().await
            })
        }));
        PANIC_ON_EQ.set(false);
        assert!(res.is_err());

        // The new task was aborted; the old one is intact.
        assert!(rx.await.is_err());
        assert_eq!(map.len(), 1);
        let (key, res) = map.join_next().await.unwrap();
        assert_eq!((key.0, res.unwrap()), (1, 1));
        assert!(map.join_next().await.is_none());
    });
}

/// A key whose drop panics while armed.
#[derive(Debug, Hash, PartialEq, Eq)]
struct LoudDrop(bool);

impl Drop for LoudDrop {
    fn drop(&mut self) {
        if self.0 {
            self.0 = false;
            panic!("LoudDrop::drop");
        }
    }
}

#[test]
fn a_panicking_drop_of_the_replaced_key_leaves_the_map_consistent() {
    rt().block_on(async {
        // Keys compare by their flag: `LoudDrop(true)` is replaced by an
        // equal key.
        let mut map = JoinMap::new();
        let (tx, rx) = oneshot::channel::<()>();
        map.spawn(LoudDrop(true), async move {
            let _keep = tx;
            pending::<u32>().await
        });
        let res = catch_unwind(AssertUnwindSafe(|| map.spawn(LoudDrop(true), async { 7 })));
        assert!(res.is_err());

        // The old task was aborted, the new one is in the map.
        assert!(rx.await.is_err());
        assert_eq!(map.len(), 1);
        let (mut key, res) = map.join_next().await.unwrap();
        key.0 = false;
        assert_eq!(res.unwrap(), 7);
        assert!(map.join_next().await.is_none());
    });
}

#[test]
fn capacity_reserve_and_shrink() {
    rt().block_on(async {
        let mut map: JoinMap<u32, u32> = JoinMap::with_capacity(64);
        assert!(map.capacity() >= 64);
        map.spawn(1, async { 1 });
        map.spawn(2, async { 2 });
        map.shrink_to(16);
        assert!(map.capacity() >= 16);
        map.shrink_to_fit();
        assert!(map.capacity() >= 2);
        map.reserve(100);
        assert!(map.capacity() >= 102);

        // With every hash equal, capacity still counts real room.
        let mut colliding: JoinMap<u32, (), Colliding> =
            JoinMap::with_capacity_and_hasher(0, Colliding::default());
        for i in 0..5 {
            colliding.spawn(i, async {});
        }
        colliding.shrink_to_fit();
        assert!(colliding.capacity() >= 5);
    });
}

#[test]
fn debug_lists_keys_with_task_ids() {
    struct NotDebug;
    rt().block_on(async {
        let mut map: JoinMap<&str, NotDebug> = JoinMap::default();
        assert_eq!(format!("{map:?}"), "JoinMap { tasks: {} }");
        map.spawn("a", async { NotDebug });
        let (tx, rx) = oneshot::channel::<Id>();
        map.spawn("b", async move {
            tx.send(runtime_core::task::id()).unwrap();
            NotDebug
        });
        let id = rx.await.unwrap();
        let shown = format!("{map:?}");
        assert!(shown.contains(&format!("\"b\": {id:?}")), "{shown}");
        assert!(shown.starts_with("JoinMap { tasks: {"), "{shown}");
        let keys = format!("{:?}", map.keys().clone());
        assert!(keys == r#"["a", "b"]"# || keys == r#"["b", "a"]"#, "{keys}");
    });
}

#[derive(Debug, Clone)]
enum Op {
    /// Spawn a task that finishes at once with this value.
    Ready(u32, u32),
    /// Spawn a task that never finishes.
    Pending(u32),
    Abort(u32),
    /// Take every result that is due.
    Join,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..6u32, any::<u32>()).prop_map(|(k, v)| Op::Ready(k, v)),
        (0..6u32).prop_map(Op::Pending),
        (0..6u32).prop_map(Op::Abort),
        Just(Op::Join),
    ]
}

/// What the model expects of a key's task.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Due {
    Value(u32),
    Cancelled,
    Never,
}

fn run_model<S: std::hash::BuildHasher>(ops: Vec<Op>, mut map: JoinMap<u32, u32, S>) {
    rt().block_on(async move {
        let mut model: BTreeMap<u32, Due> = BTreeMap::new();
        for op in ops.into_iter().chain([Op::Join]) {
            match op {
                Op::Ready(k, v) => {
                    map.spawn(k, async move { v });
                    model.insert(k, Due::Value(v));
                }
                Op::Pending(k) => {
                    map.spawn(k, pending());
                    model.insert(k, Due::Never);
                }
                Op::Abort(k) => {
                    assert_eq!(map.abort(&k), model.contains_key(&k));
                    // Tasks run only while `Join` yields, and `Join` takes
                    // every finished one: a task still in the map has not
                    // finished, so the abort lands.
                    if let Some(due) = model.get_mut(&k) {
                        *due = Due::Cancelled;
                    }
                }
                Op::Join => {
                    let due: Vec<u32> = model
                        .iter()
                        .filter(|(_, d)| **d != Due::Never)
                        .map(|(k, _)| *k)
                        .collect();
                    let got = take_ready(&mut map, due.len()).await;
                    for (key, res) in got {
                        match (model.remove(&key).unwrap(), res) {
                            (Due::Value(v), Ok(got)) => assert_eq!(v, got),
                            (Due::Cancelled, Err(err)) => assert!(err.is_cancelled()),
                            (due, res) => panic!("key {key}: expected {due:?}, got {res:?}"),
                        }
                    }
                    yield_now().await;
                    assert!(map.try_join_next().is_none());
                }
            }
            let keys: Vec<u32> = model.keys().copied().collect();
            assert_keys(&map, &keys);
        }
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bookkeeping_matches_a_model(ops in prop::collection::vec(op(), 0..40)) {
        run_model(ops.clone(), JoinMap::new());
        run_model(ops, JoinMap::with_hasher(Colliding::default()));
    }
}
