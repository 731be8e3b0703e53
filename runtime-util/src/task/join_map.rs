//! [`JoinMap`]: a [`JoinSet`] whose tasks are named by keys.
//!
//! # Design
//!
//! The tasks themselves live in a `JoinSet<V>`, which does the waiting:
//! `join_next` asks it for the next finished task and gets back the task's
//! [`Id`]. The map then has to answer two questions in O(1):
//!
//! * which key belongs to this id (to hand it back with the output), and
//! * which task runs under this key (for `spawn`'s replacement, `abort`,
//!   `contains_key`).
//!
//! A key is stored once, and `K` is not required to be `Clone`, so two
//! `HashMap`s keyed by `K` and by `Id` cannot both own it. Instead:
//!
//! * `tasks` maps every task's `Id` to its [`Slot`]: the key, the task's
//!   [`AbortHandle`], and the key's hash computed with the map's
//!   `BuildHasher`;
//! * `heads` maps a key hash to the id of one task with that hash, and the
//!   slots with the same hash form a chain through `Slot::next`. Distinct
//!   keys share a chain only when their 64-bit hashes collide, so chains
//!   are one long in practice and a key lookup is one `heads` probe plus
//!   one `tasks` probe per chained slot, comparing keys with `Eq`.
//!
//! # Invariants
//!
//! * Every key in the map is unique (by `Eq`), and every slot in `tasks` is
//!   on exactly one chain, the one of its `hash`; `heads` holds no empty
//!   chain.
//! * Every slot's task is in the `JoinSet`. The reverse does not hold: a
//!   task replaced by `spawn` under the same key was aborted and unlinked at
//!   once but stays in the `JoinSet` until it is reaped; `join_next` drops
//!   such results silently, as their id is no longer in `tasks`.
//! * `detach_all` empties both the maps and the `JoinSet`.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::collections::hash_map::{self, RandomState};
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasher, Hash, Hasher};
use std::iter::FusedIterator;
use std::marker::PhantomData;

use runtime_core::runtime::Handle;
use runtime_core::task::{AbortHandle, Id, JoinError, JoinSet, LocalSet};

/// A set of tasks, each stored under a key, whose outputs come back with
/// their key as the tasks complete.
///
/// It works as [`JoinSet`] does, and adds keys: a task can be
/// [aborted by its key](Self::abort) (or [by a predicate on keys](Self::abort_matching)),
/// the map can tell [whether a key has a task](Self::contains_key), and
/// [`join_next`](Self::join_next) returns the finished task's key next to its
/// output. Outputs come out in completion order, not in spawn order (see
/// [`JoinQueue`](super::JoinQueue) for the latter). All tasks share the
/// output type `V`.
///
/// Keys are unique: spawning under a key that already has a task aborts that
/// task and forgets it, so its result never comes out of `join_next`.
///
/// Dropping the `JoinMap` aborts every task still in it.
///
/// Available with the `join-map` feature.
///
/// # Examples
///
/// Spawn ten tasks and collect their outputs by key:
///
/// ```
/// use runtime_util::task::JoinMap;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let mut map = JoinMap::new();
/// for i in 0..10u64 {
///     map.spawn(i, async move { i * i });
/// }
///
/// let mut squares = [0; 10];
/// while let Some((key, res)) = map.join_next().await {
///     squares[key as usize] = res.unwrap();
/// }
/// assert_eq!(squares, [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);
/// # });
/// ```
///
/// Abort one task by its key; its key still comes back, with a cancelled
/// error:
///
/// ```
/// use runtime_util::task::JoinMap;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let mut map = JoinMap::new();
/// map.spawn("quick", async { 1 });
/// map.spawn("stuck", std::future::pending());
///
/// assert!(map.abort("stuck"));
///
/// let mut seen = Vec::new();
/// while let Some((key, res)) = map.join_next().await {
///     match key {
///         "quick" => assert_eq!(res.unwrap(), 1),
///         _ => assert!(res.unwrap_err().is_cancelled()),
///     }
///     seen.push(key);
/// }
/// seen.sort();
/// assert_eq!(seen, ["quick", "stuck"]);
/// # });
/// ```
pub struct JoinMap<K, V, S = RandomState> {
    /// Every task of the map by id. Its hasher is the map's `S`, which also
    /// hashes the keys.
    tasks: HashMap<Id, Slot<K>, S>,
    /// Key hash -> first task of the chain of slots with that hash.
    heads: HashMap<u64, Id, PassThrough>,
    /// The tasks; may also hold replaced tasks not yet reaped.
    set: JoinSet<V>,
}

/// One task of a [`JoinMap`].
struct Slot<K> {
    key: K,
    abort: AbortHandle,
    /// `key`'s hash under the map's `BuildHasher`.
    hash: u64,
    /// The next slot whose key has the same hash.
    next: Option<Id>,
}

/// Hashes a `u64` that already is a hash to itself, for [`JoinMap::heads`].
#[derive(Clone, Copy, Default)]
struct PassThrough;

impl BuildHasher for PassThrough {
    type Hasher = PassThroughHasher;

    fn build_hasher(&self) -> PassThroughHasher {
        PassThroughHasher(0)
    }
}

struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64`s are hashed here (`write_u64`); folding other input
        // keeps the hasher correct should that ever change.
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Aborts a freshly spawned task if inserting it into the map unwinds (a
/// key's `Eq` panicked): a task that no key names must not run on.
struct AbortOnUnwind(Option<AbortHandle>);

impl AbortOnUnwind {
    fn disarm(mut self) -> AbortHandle {
        self.0.take().expect("armed until disarmed")
    }
}

impl Drop for AbortOnUnwind {
    fn drop(&mut self) {
        if let Some(abort) = &self.0 {
            abort.abort();
        }
    }
}

impl<K, V> JoinMap<K, V> {
    /// Creates an empty map.
    ///
    /// Its key tables start with no capacity: they allocate when the first
    /// task is spawned.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// let map: JoinMap<String, u32> = JoinMap::new();
    /// assert!(map.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub fn new() -> Self {
        Self::with_hasher(RandomState::new())
    }

    /// Creates an empty map that can hold at least `capacity` tasks before
    /// its key tables reallocate.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// let map: JoinMap<u32, ()> = JoinMap::with_capacity(32);
    /// assert!(map.capacity() >= 32);
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity(capacity: usize) -> Self {
        Self::with_capacity_and_hasher(capacity, RandomState::new())
    }
}

impl<K, V, S> JoinMap<K, V, S> {
    /// Creates an empty map whose keys (and task ids) are hashed with
    /// `hash_builder`.
    ///
    /// The default `RandomState` is seeded randomly so that an attacker who
    /// chooses keys cannot make them collide on purpose; a fixed hasher gives
    /// that protection up.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::collections::hash_map::RandomState;
    ///
    /// use runtime_util::task::JoinMap;
    ///
    /// let map: JoinMap<&str, (), _> = JoinMap::with_hasher(RandomState::new());
    /// assert!(map.is_empty());
    /// ```
    #[inline]
    #[must_use]
    pub fn with_hasher(hash_builder: S) -> Self {
        Self::with_capacity_and_hasher(0, hash_builder)
    }

    /// Creates an empty map with room for at least `capacity` tasks, whose
    /// keys are hashed with `hash_builder`. With a `capacity` of 0 the key
    /// tables do not allocate.
    ///
    /// The warning on [`with_hasher`](Self::with_hasher) about fixed hashers
    /// applies.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::collections::hash_map::RandomState;
    ///
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::with_capacity_and_hasher(8, RandomState::new());
    /// assert!(map.capacity() >= 8);
    /// map.spawn('a', async { "first letter" });
    /// assert_eq!(map.join_next().await.unwrap().1.unwrap(), "first letter");
    /// # });
    /// ```
    #[inline]
    #[must_use]
    pub fn with_capacity_and_hasher(capacity: usize, hash_builder: S) -> Self {
        JoinMap {
            tasks: HashMap::with_capacity_and_hasher(capacity, hash_builder),
            heads: HashMap::with_capacity_and_hasher(capacity, PassThrough),
            set: JoinSet::new(),
        }
    }

    /// The number of tasks in the map, including finished ones whose output
    /// has not been taken by [`join_next`](Self::join_next) yet.
    ///
    /// A task replaced by spawning under its key no longer counts.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether the map has no task.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// How many tasks the map can hold before its key tables reallocate
    /// (at least; spawning still allocates the task itself).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// let map: JoinMap<u8, u8> = JoinMap::with_capacity(100);
    /// assert!(map.capacity() >= 100);
    /// ```
    #[inline]
    pub fn capacity(&self) -> usize {
        // Each new task takes a `tasks` entry and, if its hash is new, a
        // `heads` entry: count the worst case, every new hash distinct.
        let chained = self.tasks.len() - self.heads.len();
        self.tasks
            .capacity()
            .min(self.heads.capacity().saturating_add(chained))
    }
}

impl<K, V, S> JoinMap<K, V, S>
where
    K: Hash + Eq,
    V: 'static,
    S: BuildHasher,
{
    /// Spawns `task` on the current runtime and stores it under `key`.
    ///
    /// If `key` already has a task, that task is aborted and removed from
    /// the map: [`join_next`](Self::join_next) will not return a result for
    /// it, not even a cancelled [`JoinError`]. The new `key` replaces the
    /// stored one.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// map.spawn("job", std::future::pending());
    /// // Replaces (and aborts) the pending task.
    /// map.spawn("job", async { 2 });
    /// assert_eq!(map.len(), 1);
    ///
    /// // Only the new task's result comes out.
    /// let (key, res) = map.join_next().await.unwrap();
    /// assert_eq!((key, res.unwrap()), ("job", 2));
    /// assert!(map.join_next().await.is_none());
    /// # });
    /// ```
    #[track_caller]
    pub fn spawn<F>(&mut self, key: K, task: F)
    where
        F: Future<Output = V> + Send + 'static,
        V: Send,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn(task);
        self.insert(key, hash, abort);
    }

    /// Spawns `task` on the runtime of `handle` and stores it under `key`.
    ///
    /// A task already under `key` is aborted and forgotten, as with
    /// [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_on<F>(&mut self, key: K, task: F, handle: &Handle)
    where
        F: Future<Output = V> + Send + 'static,
        V: Send,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn_on(task, handle);
        self.insert(key, hash, abort);
    }

    /// Runs the blocking closure `f` on the current runtime's blocking pool
    /// and stores it under `key`.
    ///
    /// A task already under `key` is aborted and forgotten, as with
    /// [`spawn`](Self::spawn). Aborting cannot stop a blocking closure that
    /// has started running: a replaced blocking task that already started
    /// runs to the end (its output is dropped); one still waiting for a
    /// thread never runs.
    ///
    /// # Panics
    ///
    /// Panics outside a runtime context.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// map.spawn_blocking("sum", || (1..=100u32).sum::<u32>());
    /// let (key, res) = map.join_next().await.unwrap();
    /// assert_eq!((key, res.unwrap()), ("sum", 5050));
    /// # });
    /// ```
    #[track_caller]
    pub fn spawn_blocking<F>(&mut self, key: K, f: F)
    where
        F: FnOnce() -> V + Send + 'static,
        V: Send,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn_blocking(f);
        self.insert(key, hash, abort);
    }

    /// Runs the blocking closure `f` on the blocking pool of `handle`'s
    /// runtime and stores it under `key`.
    ///
    /// Replacement works as for [`spawn_blocking`](Self::spawn_blocking).
    #[track_caller]
    pub fn spawn_blocking_on<F>(&mut self, key: K, f: F, handle: &Handle)
    where
        F: FnOnce() -> V + Send + 'static,
        V: Send,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn_blocking_on(f, handle);
        self.insert(key, hash, abort);
    }

    /// Spawns the `!Send` `task` on the current [`LocalSet`] and stores it
    /// under `key`.
    ///
    /// A task already under `key` is aborted and forgotten, as with
    /// [`spawn`](Self::spawn).
    ///
    /// # Panics
    ///
    /// Panics outside a `LocalSet` context.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    ///
    /// use runtime_core::task::LocalSet;
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// let local = LocalSet::new();
    /// local.block_on(&rt, async {
    ///     let mut map = JoinMap::new();
    ///     let shared = Rc::new(5);
    ///     map.spawn_local("rc", async move { *shared + 1 });
    ///     let (key, res) = map.join_next().await.unwrap();
    ///     assert_eq!((key, res.unwrap()), ("rc", 6));
    /// });
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&mut self, key: K, task: F)
    where
        F: Future<Output = V> + 'static,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn_local(task);
        self.insert(key, hash, abort);
    }

    /// Spawns the `!Send` `task` on `local_set` and stores it under `key`.
    ///
    /// A task already under `key` is aborted and forgotten, as with
    /// [`spawn`](Self::spawn).
    #[track_caller]
    pub fn spawn_local_on<F>(&mut self, key: K, task: F, local_set: &LocalSet)
    where
        F: Future<Output = V> + 'static,
    {
        let hash = self.hash_key(&key);
        let abort = self.set.spawn_local_on(task, local_set);
        self.insert(key, hash, abort);
    }

    /// Waits for one of the tasks to finish and returns its key with its
    /// result; `None` when the map is empty.
    ///
    /// The result is:
    ///
    /// * `Ok(value)` if the task returned `value`;
    /// * `Err(err)` if the task panicked or was aborted; `err` says which
    ///   ([`JoinError::is_panic`], [`JoinError::is_cancelled`]).
    ///
    /// The task leaves the map: its key is no longer in
    /// [`keys`](Self::keys).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped before it completes (say, in
    /// a `select!` whose other branch won), no task has left the map and no
    /// result is lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map: JoinMap<u32, u32> = JoinMap::new();
    /// map.spawn(1, async { panic!("boom") });
    /// let (key, res) = map.join_next().await.unwrap();
    /// assert_eq!(key, 1);
    /// assert!(res.unwrap_err().is_panic());
    /// assert!(map.join_next().await.is_none());
    /// # });
    /// ```
    pub async fn join_next(&mut self) -> Option<(K, Result<V, JoinError>)> {
        loop {
            let joined = self.set.join_next_with_id().await?;
            if let Some(output) = self.claim(joined) {
                return Some(output);
            }
        }
    }

    /// Returns the key and result of a task that has already finished,
    /// without waiting; `None` if no task has finished yet or the map is
    /// empty.
    ///
    /// The result is as for [`join_next`](Self::join_next).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// assert!(map.try_join_next().is_none());
    ///
    /// map.spawn("answer", async { 42 });
    /// let (key, res) = loop {
    ///     match map.try_join_next() {
    ///         Some(joined) => break joined,
    ///         None => runtime_core::task::yield_now().await,
    ///     }
    /// };
    /// assert_eq!((key, res.unwrap()), ("answer", 42));
    /// # });
    /// ```
    pub fn try_join_next(&mut self) -> Option<(K, Result<V, JoinError>)> {
        loop {
            let joined = self.set.try_join_next_with_id()?;
            if let Some(output) = self.claim(joined) {
                return Some(output);
            }
        }
    }

    /// Aborts every task and waits until all of them have stopped.
    ///
    /// The same as [`abort_all`](Self::abort_all) followed by
    /// [`join_next`](Self::join_next) until it returns `None`: the results
    /// are dropped, panics included. The map is empty afterwards.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// for i in 0..3 {
    ///     map.spawn(i, std::future::pending::<()>());
    /// }
    /// map.shutdown().await;
    /// assert!(map.is_empty());
    /// # });
    /// ```
    pub async fn shutdown(&mut self) {
        self.abort_all();
        while self.join_next().await.is_some() {}
    }

    /// Aborts the task stored under `key`; returns whether there was one.
    ///
    /// The task stays in the map until it is joined: `join_next` then
    /// returns `key` with a cancelled [`JoinError`] (or with the task's
    /// output, if it had finished before the abort).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// map.spawn(String::from("hello"), std::future::pending::<()>());
    ///
    /// // Keys are looked up by any borrowed form, as in `HashMap`.
    /// assert!(map.abort("hello"));
    /// assert!(!map.abort("goodbye"));
    ///
    /// let (key, res) = map.join_next().await.unwrap();
    /// assert_eq!(key, "hello");
    /// assert!(res.unwrap_err().is_cancelled());
    /// # });
    /// ```
    pub fn abort<Q>(&mut self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Eq,
        K: Borrow<Q>,
    {
        match self.slot_of(key) {
            Some(slot) => {
                slot.abort.abort();
                true
            }
            None => false,
        }
    }

    /// Aborts every task whose key satisfies `predicate`.
    ///
    /// `predicate` sees each key once, in no particular order. The aborted
    /// tasks stay in the map until joined, as with [`abort`](Self::abort).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// for i in 0..6u32 {
    ///     map.spawn(i, async move {
    ///         // Give the aborts below the time to land.
    ///         runtime_core::task::yield_now().await;
    ///         i
    ///     });
    /// }
    ///
    /// map.abort_matching(|key| key % 2 == 1);
    ///
    /// let mut finished = Vec::new();
    /// while let Some((key, res)) = map.join_next().await {
    ///     match res {
    ///         Ok(value) => finished.push(value),
    ///         Err(err) => assert!(err.is_cancelled() && key % 2 == 1),
    ///     }
    /// }
    /// finished.sort();
    /// assert_eq!(finished, [0, 2, 4]);
    /// # });
    /// ```
    pub fn abort_matching(&mut self, mut predicate: impl FnMut(&K) -> bool) {
        // Abort only: the slots stay, so that `join_next` can still return
        // the keys with the cancelled results.
        for slot in self.tasks.values() {
            if predicate(&slot.key) {
                slot.abort.abort();
            }
        }
    }

    /// The keys of the tasks in the map, in no particular order.
    ///
    /// A task that has finished but has not been joined yet still has its
    /// key here.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// map.spawn("a", async {});
    /// map.spawn("b", async {});
    ///
    /// let mut keys: Vec<_> = map.keys().copied().collect();
    /// keys.sort();
    /// assert_eq!(keys, ["a", "b"]);
    /// # });
    /// ```
    pub fn keys(&self) -> JoinMapKeys<'_, K, V> {
        JoinMapKeys {
            slots: self.tasks.values(),
            _value: PhantomData,
        }
    }

    /// Whether the map has a task under `key`, finished but not yet joined
    /// included.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// map.spawn("k", async {});
    /// assert!(map.contains_key("k"));
    /// map.join_next().await.unwrap();
    /// assert!(!map.contains_key("k"));
    /// # });
    /// ```
    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        Q: ?Sized + Hash + Eq,
        K: Borrow<Q>,
    {
        self.slot_of(key).is_some()
    }

    /// Whether the map has the task with [id](Id) `task`, finished but not
    /// yet joined included.
    ///
    /// A task replaced by spawning under its key is no longer in the map.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::new();
    /// let (tx, rx) = runtime_core::sync::oneshot::channel::<runtime_core::task::Id>();
    /// map.spawn("me", async move { tx.send(runtime_core::task::id()).unwrap() });
    /// let id = rx.await.unwrap();
    /// assert!(map.contains_task(&id));
    /// map.join_next().await.unwrap();
    /// assert!(!map.contains_task(&id));
    /// # });
    /// ```
    pub fn contains_task(&self, task: &Id) -> bool {
        self.tasks.contains_key(task)
    }

    /// Makes room for at least `additional` more tasks in the key tables
    /// (the tasks themselves are still allocated when spawned).
    ///
    /// # Panics
    ///
    /// Panics if the new capacity overflows `usize`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// let mut map: JoinMap<u32, ()> = JoinMap::new();
    /// map.reserve(16);
    /// assert!(map.capacity() >= 16);
    /// ```
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.tasks.reserve(additional);
        self.heads.reserve(additional);
    }

    /// Shrinks the key tables as far as their resize policy allows, never
    /// below the number of tasks.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::with_capacity(100);
    /// map.spawn(1, async { 10 });
    /// map.spawn(2, async { 20 });
    /// map.shrink_to_fit();
    /// assert!(map.capacity() >= 2);
    /// # });
    /// ```
    #[inline]
    pub fn shrink_to_fit(&mut self) {
        self.tasks.shrink_to_fit();
        self.heads.shrink_to_fit();
    }

    /// Shrinks the key tables, but not below `min_capacity` nor below the
    /// number of tasks. Does nothing if the capacity is already below
    /// `min_capacity`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let mut map = JoinMap::with_capacity(100);
    /// map.spawn(1, async { 10 });
    /// map.spawn(2, async { 20 });
    /// map.shrink_to(10);
    /// assert!(map.capacity() >= 10);
    /// map.shrink_to(0);
    /// assert!(map.capacity() >= 2);
    /// # });
    /// ```
    #[inline]
    pub fn shrink_to(&mut self, min_capacity: usize) {
        self.tasks.shrink_to(min_capacity);
        self.heads.shrink_to(min_capacity);
    }

    fn hash_key<Q: ?Sized + Hash>(&self, key: &Q) -> u64 {
        self.tasks.hasher().hash_one(key)
    }

    /// The id of the task under the key equal to `key`, whose hash is `hash`.
    fn find<Q>(&self, hash: u64, key: &Q) -> Option<Id>
    where
        Q: ?Sized + Eq,
        K: Borrow<Q>,
    {
        let mut next = self.heads.get(&hash).copied();
        while let Some(id) = next {
            let slot = &self.tasks[&id];
            if slot.key.borrow() == key {
                return Some(id);
            }
            next = slot.next;
        }
        None
    }

    fn slot_of<Q>(&self, key: &Q) -> Option<&Slot<K>>
    where
        Q: ?Sized + Hash + Eq,
        K: Borrow<Q>,
    {
        let id = self.find(self.hash_key(key), key)?;
        self.tasks.get(&id)
    }

    /// Stores the task just spawned as `abort` under `key` (of hash `hash`),
    /// replacing and aborting the task that had the same key.
    fn insert(&mut self, key: K, hash: u64, abort: AbortHandle) {
        // Comparing keys runs user code that may panic; the new task is
        // then in the `JoinSet` but under no key, so abort it.
        let guard = AbortOnUnwind(Some(abort));
        let replaced = self.find(hash, &key);
        let abort = guard.disarm();

        let replaced = replaced.map(|id| self.unlink(id));
        let id = abort.id();
        let slot = Slot {
            key,
            abort,
            hash,
            next: self.heads.get(&hash).copied(),
        };
        let previous = self.tasks.insert(id, slot);
        debug_assert!(previous.is_none(), "task ids are unique");
        self.heads.insert(hash, id);

        // Last, once the map is consistent: dropping the old key runs user
        // code that may panic.
        if let Some(old) = replaced {
            old.abort.abort();
            drop(old);
        }
    }

    /// Removes the slot of task `id` from `tasks` and from its chain.
    fn unlink(&mut self, id: Id) -> Slot<K> {
        let slot = self.tasks.remove(&id).expect("unlink of a task in the map");
        let head = self
            .heads
            .get_mut(&slot.hash)
            .expect("every slot is on its hash's chain");
        if *head == id {
            match slot.next {
                Some(next) => *head = next,
                None => {
                    self.heads.remove(&slot.hash);
                }
            }
        } else {
            let mut prev = *head;
            loop {
                let prev_slot = self.tasks.get_mut(&prev).expect("chains hold live slots");
                if prev_slot.next == Some(id) {
                    prev_slot.next = slot.next;
                    break;
                }
                prev = prev_slot.next.expect("every slot is on its hash's chain");
            }
        }
        slot
    }

    /// Turns a result from the `JoinSet` into the key and result handed to
    /// the caller, removing the task from the map; `None` if the task was
    /// replaced (it is no longer in the map).
    fn claim(&mut self, joined: Result<(Id, V), JoinError>) -> Option<(K, Result<V, JoinError>)> {
        let (id, res) = match joined {
            Ok((id, value)) => (id, Ok(value)),
            Err(err) => (err.id(), Err(err)),
        };
        if !self.tasks.contains_key(&id) {
            return None;
        }
        Some((self.unlink(id).key, res))
    }
}

impl<K, V, S> JoinMap<K, V, S>
where
    V: 'static,
{
    /// Aborts every task in the map.
    ///
    /// The tasks stay in the map until joined: call
    /// [`join_next`](Self::join_next) until it returns `None` to wait for
    /// them, or use [`shutdown`](Self::shutdown).
    pub fn abort_all(&mut self) {
        self.set.abort_all();
    }

    /// Removes every task from the map without aborting it: they keep
    /// running, detached, even after the map is dropped.
    ///
    /// The map is empty afterwards, so the detached tasks can no longer be
    /// aborted through it.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::oneshot;
    /// use runtime_util::task::JoinMap;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
    /// # rt.block_on(async {
    /// let (tx, rx) = oneshot::channel();
    /// let mut map = JoinMap::new();
    /// map.spawn("report", async move { tx.send("done").unwrap() });
    /// map.detach_all();
    /// assert!(map.is_empty());
    /// drop(map);
    /// // The task was not aborted with the map.
    /// assert_eq!(rx.await.unwrap(), "done");
    /// # });
    /// ```
    pub fn detach_all(&mut self) {
        self.set.detach_all();
        self.tasks.clear();
        self.heads.clear();
    }
}

/// Shows each key with its task's id; `V` need not be `Debug`.
impl<K: fmt::Debug, V, S> fmt::Debug for JoinMap<K, V, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Tasks<'a, K, S>(&'a HashMap<Id, Slot<K>, S>);

        impl<K: fmt::Debug, S> fmt::Debug for Tasks<'_, K, S> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_map()
                    .entries(self.0.values().map(|slot| (&slot.key, slot.abort.id())))
                    .finish()
            }
        }

        f.debug_struct("JoinMap")
            .field("tasks", &Tasks(&self.tasks))
            .finish()
    }
}

impl<K, V> Default for JoinMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

/// An iterator over the keys of a [`JoinMap`], from [`JoinMap::keys`].
pub struct JoinMapKeys<'a, K, V> {
    slots: hash_map::Values<'a, Id, Slot<K>>,
    /// `V` is not used, but part of the type so that the map's layout may
    /// change without an API break.
    _value: PhantomData<&'a V>,
}

impl<'a, K, V> Iterator for JoinMapKeys<'a, K, V> {
    type Item = &'a K;

    fn next(&mut self) -> Option<&'a K> {
        self.slots.next().map(|slot| &slot.key)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl<K, V> ExactSizeIterator for JoinMapKeys<'_, K, V> {
    fn len(&self) -> usize {
        self.slots.len()
    }
}

impl<K, V> FusedIterator for JoinMapKeys<'_, K, V> {}

impl<K, V> Clone for JoinMapKeys<'_, K, V> {
    fn clone(&self) -> Self {
        JoinMapKeys {
            slots: self.slots.clone(),
            _value: PhantomData,
        }
    }
}

impl<K: fmt::Debug, V> fmt::Debug for JoinMapKeys<'_, K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
