//! [`StreamMap`]: many keyed streams polled as one.
//!
//! # Design
//!
//! The entries live in a plain `Vec<(K, V)>`. Maps of streams are small
//! (tens, rarely thousands) and are polled far more often than they are
//! changed, so a linear scan on `insert`/`remove` costs less than hashing
//! would on every poll, and iteration is a slice walk. Keys are compared
//! with `Eq` only; the `Hash` bound mirrors tokio-stream's signatures.
//!
//! Each poll visits every stream at most once, in circular order from a
//! random starting index, so no stream is systematically polled first and
//! a busy stream cannot starve the others. A stream that ends is removed
//! on the spot with `swap_remove`, which moves the last entry into the
//! hole; the scan below accounts for whether that entry was already
//! visited in this round, so every live stream is polled exactly once.

use std::borrow::Borrow;
use std::future::poll_fn;
use std::hash::Hash;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::util::rand::thread_rng_n;

/// A map of keyed streams that is itself a stream, yielding `(key, item)`
/// pairs from whichever streams are ready.
///
/// `StreamMap` is the tool for merging a changing set of streams: add
/// streams with [`insert`](StreamMap::insert), drop them with
/// [`remove`](StreamMap::remove), and read from all of them with
/// [`StreamExt::next`](crate::StreamExt::next). For exactly two streams,
/// [`StreamExt::merge`](crate::StreamExt::merge) is simpler.
///
/// # Fairness
///
/// Every poll starts at a random stream and polls each stream at most once,
/// so a stream that is always ready cannot starve the others.
///
/// # Ended streams
///
/// A stream that ends (returns `None`) is removed from the map, and its
/// end is not reported. To learn when a stream ends, wrap it in
/// [`StreamNotifyClose`](crate::StreamNotifyClose), which turns its end
/// into a final `None` item. Once the map is empty, polling it returns
/// `Ready(None)`; inserting more streams brings it back to life.
///
/// # Unpin
///
/// Keys and streams must be [`Unpin`] to poll the map; pin a stream that is
/// not with [`Box::pin`].
///
/// # Examples
///
/// Merging two channels' worth of messages, with the key telling them
/// apart:
///
/// ```
/// use runtime_stream::{self as stream, StreamExt, StreamMap};
///
/// # futures::executor::block_on(async {
/// let mut map = StreamMap::new();
/// map.insert("odd", stream::iter(vec![1, 3]));
/// map.insert("even", stream::iter(vec![2]));
///
/// let mut seen = Vec::new();
/// while let Some((key, value)) = map.next().await {
///     seen.push((key, value));
/// }
/// seen.sort();
///
/// assert_eq!(seen, vec![("even", 2), ("odd", 1), ("odd", 3)]);
/// assert!(map.is_empty());
/// # });
/// ```
#[derive(Debug)]
pub struct StreamMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> StreamMap<K, V> {
    /// Creates an empty `StreamMap`. It does not allocate until a stream is
    /// inserted.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, Pending};
    ///
    /// let map: StreamMap<&str, Pending<()>> = StreamMap::new();
    /// assert!(map.is_empty());
    /// ```
    pub fn new() -> StreamMap<K, V> {
        StreamMap {
            entries: Vec::new(),
        }
    }

    /// Creates an empty `StreamMap` with room for at least `capacity`
    /// streams before it reallocates.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, Pending};
    ///
    /// let map: StreamMap<&str, Pending<()>> = StreamMap::with_capacity(10);
    /// assert!(map.capacity() >= 10);
    /// ```
    pub fn with_capacity(capacity: usize) -> StreamMap<K, V> {
        StreamMap {
            entries: Vec::with_capacity(capacity),
        }
    }

    /// Iterates over the `(key, stream)` pairs, in no particular order.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert("a", pending::<i32>());
    /// map.insert("b", pending());
    ///
    /// let mut keys: Vec<&str> = map.iter().map(|(key, _)| *key).collect();
    /// keys.sort();
    /// assert_eq!(keys, ["a", "b"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &(K, V)> {
        self.entries.iter()
    }

    /// Iterates over the `(key, stream)` pairs with mutable access, in no
    /// particular order.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert(1, pending::<i32>());
    ///
    /// for (key, _stream) in map.iter_mut() {
    ///     *key += 1;
    /// }
    /// assert!(map.contains_key(&2));
    /// ```
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut (K, V)> {
        self.entries.iter_mut()
    }

    /// Iterates over the keys, in no particular order.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert("a", pending::<i32>());
    /// map.insert("b", pending());
    ///
    /// let mut keys: Vec<_> = map.keys().copied().collect();
    /// keys.sort();
    /// assert_eq!(keys, ["a", "b"]);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(key, _)| key)
    }

    /// Iterates over the streams, in no particular order.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert("a", pending::<i32>());
    ///
    /// assert_eq!(map.values().count(), 1);
    /// ```
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, stream)| stream)
    }

    /// Iterates over the streams with mutable access, in no particular
    /// order.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt, StreamMap};
    ///
    /// # futures::executor::block_on(async {
    /// let mut map = StreamMap::new();
    /// map.insert("a", stream::iter(vec![1, 2]));
    ///
    /// for stream in map.values_mut() {
    ///     assert_eq!(stream.next().await, Some(1));
    /// }
    /// assert_eq!(map.next().await, Some(("a", 2)));
    /// # });
    /// ```
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, stream)| stream)
    }

    /// Returns how many streams the map can hold without reallocating.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, Pending};
    ///
    /// let map: StreamMap<i32, Pending<()>> = StreamMap::with_capacity(10);
    /// assert!(map.capacity() >= 10);
    /// ```
    pub fn capacity(&self) -> usize {
        self.entries.capacity()
    }

    /// Returns the number of streams in the map.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// assert_eq!(map.len(), 0);
    /// map.insert(1, pending::<()>());
    /// assert_eq!(map.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Returns `true` if the map holds no stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// assert!(map.is_empty());
    /// map.insert(1, pending::<()>());
    /// assert!(!map.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes (and drops) every stream, keeping the allocated memory.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert(1, pending::<()>());
    /// map.clear();
    /// assert!(map.is_empty());
    /// ```
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Inserts a stream under `k`.
    ///
    /// If the map already had a stream under this key, that stream is
    /// replaced and returned (the key itself is replaced by `k` too, which
    /// only matters for keys that are equal but distinguishable);
    /// otherwise `None` is returned.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    ///
    /// assert!(map.insert(37, pending::<i32>()).is_none());
    /// assert!(!map.is_empty());
    ///
    /// map.insert(37, pending());
    /// assert!(map.insert(37, pending()).is_some());
    /// assert_eq!(map.len(), 1);
    /// ```
    pub fn insert(&mut self, k: K, stream: V) -> Option<V>
    where
        K: Hash + Eq,
    {
        let replaced = self.remove(&k);
        self.entries.push((k, stream));
        replaced
    }

    /// Removes the stream under `k` and returns it, or returns `None` if
    /// there is none.
    ///
    /// The key may be any borrowed form of `K`, as with
    /// [`HashMap::remove`](std::collections::HashMap::remove).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert(1, pending::<i32>());
    ///
    /// assert!(map.remove(&1).is_some());
    /// assert!(map.remove(&1).is_none());
    /// ```
    pub fn remove<Q>(&mut self, k: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let index = self.entries.iter().position(|(key, _)| key.borrow() == k)?;
        Some(self.entries.swap_remove(index).1)
    }

    /// Returns `true` if the map holds a stream under `k`.
    ///
    /// The key may be any borrowed form of `K`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{StreamMap, pending};
    ///
    /// let mut map = StreamMap::new();
    /// map.insert(1, pending::<i32>());
    ///
    /// assert!(map.contains_key(&1));
    /// assert!(!map.contains_key(&2));
    /// ```
    pub fn contains_key<Q>(&self, k: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.entries.iter().any(|(key, _)| key.borrow() == k)
    }
}

impl<K, V> StreamMap<K, V>
where
    K: Unpin,
    V: Stream + Unpin,
{
    /// Polls every stream at most once, in circular order from `start`,
    /// removing those that end. Each item goes to `on_item`, which returns
    /// `true` to stop the round early. Returns `true` if it stopped early.
    fn poll_round(
        &mut self,
        cx: &mut Context<'_>,
        start: usize,
        mut on_item: impl FnMut(&K, V::Item) -> bool,
    ) -> bool {
        // First leg: `start..len`. `swap_remove` brings in the last entry,
        // which this leg has not reached yet, so the index stays put.
        let mut idx = start;
        while idx < self.entries.len() {
            let (key, stream) = &mut self.entries[idx];
            match Pin::new(stream).poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    if on_item(key, item) {
                        return true;
                    }
                    idx += 1;
                }
                Poll::Ready(None) => {
                    self.entries.swap_remove(idx);
                }
                Poll::Pending => idx += 1,
            }
        }
        // Second leg: `0..start`, wrapping around. Now the entry that
        // `swap_remove` brings in comes from `start..`, already visited,
        // unless the first leg's entries are all gone.
        let mut idx = 0;
        while idx < start.min(self.entries.len()) {
            let (key, stream) = &mut self.entries[idx];
            match Pin::new(stream).poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    if on_item(key, item) {
                        return true;
                    }
                    idx += 1;
                }
                Poll::Ready(None) => {
                    self.entries.swap_remove(idx);
                    if self.entries.len() >= start {
                        idx += 1;
                    }
                }
                Poll::Pending => idx += 1,
            }
        }
        false
    }

    /// A random starting index for a round; the map must not be empty.
    fn random_start(&self) -> usize {
        thread_rng_n(self.entries.len() as u32) as usize
    }
}

impl<K, V> StreamMap<K, V>
where
    K: Clone + Unpin,
    V: Stream + Unpin,
{
    /// Receives up to `limit` items from the map's streams into `buffer`,
    /// waiting until at least one is available, and returns how many were
    /// received.
    ///
    /// Items are appended to `buffer` as `(key, item)` pairs; what it held
    /// before is kept. Streams are visited fairly from a random starting
    /// point, taking at most one item from each stream per pass.
    ///
    /// Returns `0`, without waiting, if `limit` is `0` or the map is empty
    /// (which includes the case where every stream has ended).
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: if it is dropped before completing, no
    /// item has been taken from any stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamMap};
    ///
    /// # futures::executor::block_on(async {
    /// let mut map = StreamMap::new();
    /// map.insert("a", stream::iter(vec![1, 2, 3]));
    ///
    /// let mut buffer = Vec::new();
    /// assert_eq!(map.next_many(&mut buffer, 2).await, 2);
    /// assert_eq!(buffer, vec![("a", 1), ("a", 2)]);
    ///
    /// buffer.clear();
    /// assert_eq!(map.next_many(&mut buffer, 10).await, 1);
    /// assert_eq!(buffer, vec![("a", 3)]);
    /// # });
    /// ```
    pub async fn next_many(&mut self, buffer: &mut Vec<(K, V::Item)>, limit: usize) -> usize {
        poll_fn(|cx| self.poll_next_many(cx, buffer, limit)).await
    }

    /// Polls for up to `limit` items from the map's streams, appending them
    /// to `buffer` as `(key, item)` pairs.
    ///
    /// Returns:
    ///
    /// * `Poll::Pending` if no stream has an item ready and the map is not
    ///   empty; the task is woken when one may have.
    /// * `Poll::Ready(n)` with `n > 0` once `n` items were appended.
    /// * `Poll::Ready(0)` if `limit` is `0` or the map is empty.
    pub fn poll_next_many(
        &mut self,
        cx: &mut Context<'_>,
        buffer: &mut Vec<(K, V::Item)>,
        limit: usize,
    ) -> Poll<usize> {
        let mut added = 0;
        while added < limit && !self.entries.is_empty() {
            let before = added;
            let start = self.random_start();
            self.poll_round(cx, start, |key, item| {
                buffer.push((key.clone(), item));
                added += 1;
                added == limit
            });
            if added == before {
                break;
            }
        }
        if added > 0 || limit == 0 || self.entries.is_empty() {
            Poll::Ready(added)
        } else {
            Poll::Pending
        }
    }
}

impl<K, V> Default for StreamMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V> Stream for StreamMap<K, V>
where
    K: Clone + Unpin,
    V: Stream + Unpin,
{
    type Item = (K, V::Item);

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.entries.is_empty() {
            return Poll::Ready(None);
        }
        let start = self.random_start();
        let mut next = None;
        self.poll_round(cx, start, |key, item| {
            next = Some((key.clone(), item));
            true
        });
        match next {
            Some(pair) => Poll::Ready(Some(pair)),
            None if self.entries.is_empty() => Poll::Ready(None),
            None => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let mut lower = 0usize;
        let mut upper = Some(0usize);
        for (_, stream) in &self.entries {
            let (low, high) = stream.size_hint();
            lower = lower.saturating_add(low);
            upper = match (upper, high) {
                (Some(total), Some(high)) => total.checked_add(high),
                _ => None,
            };
        }
        (lower, upper)
    }
}

impl<K, V> FromIterator<(K, V)> for StreamMap<K, V>
where
    K: Hash + Eq,
{
    /// Builds a map from `(key, stream)` pairs; for a repeated key, the
    /// last stream wins.
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let iter = iter.into_iter();
        let mut map = StreamMap::with_capacity(iter.size_hint().0);
        map.extend(iter);
        map
    }
}

impl<K, V> Extend<(K, V)> for StreamMap<K, V>
where
    K: Hash + Eq,
{
    /// Inserts every `(key, stream)` pair, as [`insert`](StreamMap::insert)
    /// does: a stream under an existing key replaces the old one.
    fn extend<T: IntoIterator<Item = (K, V)>>(&mut self, iter: T) {
        for (key, stream) in iter {
            self.insert(key, stream);
        }
    }
}
