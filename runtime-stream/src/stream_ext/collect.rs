//! [`Collect`] and [`FromStream`]: gathering a stream into a collection.
//!
//! [`FromStream`] is sealed: its methods live on the private supertrait
//! `FromStreamPriv`, which each collection implements with an internal
//! accumulator (`Vec<T>` for `Box<[T]>`, `Result<C, E>` for
//! `Result<C, E>` ...). Collecting into a `Result` stops pulling items at
//! the first error, leaving the rest of the stream untouched.

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::fmt;
use std::future::Future;
use std::hash::Hash;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use pin_project_lite::pin_project;

pin_project! {
    /// Future for [`StreamExt::collect`](crate::StreamExt::collect): the
    /// collection built from the stream's items.
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Collect<T, U>
    where
        T: Stream,
        U: FromStream<T::Item>,
    {
        #[pin]
        stream: T,
        collection: U::InternalCollection,
        #[pin]
        _pin: PhantomPinned,
    }
}

/// A collection that can be built from a stream's items, the asynchronous
/// counterpart of [`FromIterator`]; see
/// [`StreamExt::collect`](crate::StreamExt::collect).
///
/// The trait is sealed: it is implemented for `()`, `String`, `Vec<T>`,
/// `Box<[T]>`, `VecDeque<T>`, `LinkedList<T>`, `BinaryHeap<T>`,
/// `HashMap<K, V>`, `HashSet<T>` (with the standard hasher),
/// `BTreeMap<K, V>`, `BTreeSet<T>`, and `Result<C, E>` for any such `C`.
pub trait FromStream<T>: sealed::FromStreamPriv<T> {}

pub(crate) mod sealed {
    /// The methods of [`FromStream`](super::FromStream), kept out of users'
    /// reach.
    pub trait FromStreamPriv<T> {
        /// What accumulates the items until the stream ends.
        type InternalCollection;

        /// Creates an empty accumulator, given the stream's size hint.
        fn initialize(_: Internal, lower: usize, upper: Option<usize>) -> Self::InternalCollection;

        /// Adds one item. Returns `false` when collecting should stop.
        fn extend(_: Internal, collection: &mut Self::InternalCollection, item: T) -> bool;

        /// Turns the accumulator into the result, leaving it empty.
        fn finalize(_: Internal, collection: &mut Self::InternalCollection) -> Self;
    }

    /// A token only this crate can make, so that only it can call the
    /// methods above.
    #[derive(Debug)]
    pub struct Internal;
}

use sealed::{FromStreamPriv, Internal};

impl<T, U> fmt::Debug for Collect<T, U>
where
    T: Stream + fmt::Debug,
    U: FromStream<T::Item>,
    U::InternalCollection: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collect")
            .field("stream", &self.stream)
            .field("collection", &self.collection)
            .finish()
    }
}

impl<T, U> Collect<T, U>
where
    T: Stream,
    U: FromStream<T::Item>,
{
    pub(super) fn new(stream: T) -> Self {
        let (lower, upper) = stream.size_hint();
        Collect {
            stream,
            collection: U::initialize(Internal, lower, upper),
            _pin: PhantomPinned,
        }
    }
}

impl<T, U> Future for Collect<T, U>
where
    T: Stream,
    U: FromStream<T::Item>,
{
    type Output = U;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<U> {
        let mut me = self.project();
        loop {
            let Some(item) = ready!(me.stream.as_mut().poll_next(cx)) else {
                return Poll::Ready(U::finalize(Internal, me.collection));
            };
            if !U::extend(Internal, me.collection, item) {
                return Poll::Ready(U::finalize(Internal, me.collection));
            }
        }
    }
}

impl FromStream<()> for () {}

impl FromStreamPriv<()> for () {
    type InternalCollection = ();

    fn initialize(_: Internal, _: usize, _: Option<usize>) {}

    fn extend(_: Internal, _: &mut (), _: ()) -> bool {
        true
    }

    fn finalize(_: Internal, _: &mut ()) {}
}

impl<T: AsRef<str>> FromStream<T> for String {}

impl<T: AsRef<str>> FromStreamPriv<T> for String {
    type InternalCollection = String;

    fn initialize(_: Internal, _: usize, _: Option<usize>) -> String {
        String::new()
    }

    fn extend(_: Internal, collection: &mut String, item: T) -> bool {
        collection.push_str(item.as_ref());
        true
    }

    fn finalize(_: Internal, collection: &mut String) -> String {
        mem::take(collection)
    }
}

impl<T> FromStream<T> for Vec<T> {}

impl<T> FromStreamPriv<T> for Vec<T> {
    type InternalCollection = Vec<T>;

    fn initialize(_: Internal, lower: usize, _: Option<usize>) -> Vec<T> {
        Vec::with_capacity(lower)
    }

    fn extend(_: Internal, collection: &mut Vec<T>, item: T) -> bool {
        collection.push(item);
        true
    }

    fn finalize(_: Internal, collection: &mut Vec<T>) -> Vec<T> {
        mem::take(collection)
    }
}

impl<T> FromStream<T> for Box<[T]> {}

impl<T> FromStreamPriv<T> for Box<[T]> {
    type InternalCollection = Vec<T>;

    fn initialize(_: Internal, lower: usize, upper: Option<usize>) -> Vec<T> {
        <Vec<T> as FromStreamPriv<T>>::initialize(Internal, lower, upper)
    }

    fn extend(_: Internal, collection: &mut Vec<T>, item: T) -> bool {
        <Vec<T> as FromStreamPriv<T>>::extend(Internal, collection, item)
    }

    fn finalize(_: Internal, collection: &mut Vec<T>) -> Box<[T]> {
        mem::take(collection).into_boxed_slice()
    }
}

/// Implements `FromStream` for a collection that is `Extend`, accumulating
/// straight into itself; `$init` builds the empty collection from the lower
/// bound of the stream's size hint (preallocating where the collection can).
macro_rules! from_stream_via_extend {
    ($(impl<$($g:ident),*> for $coll:ty, item $item:ty, where [$($w:tt)*], init |$lower:pat_param| $init:expr;)*) => {$(
        impl<$($g),*> FromStream<$item> for $coll where $($w)* {}

        impl<$($g),*> FromStreamPriv<$item> for $coll where $($w)* {
            type InternalCollection = $coll;

            fn initialize(_: Internal, $lower: usize, _: Option<usize>) -> $coll {
                $init
            }

            fn extend(_: Internal, collection: &mut $coll, item: $item) -> bool {
                collection.extend(std::iter::once(item));
                true
            }

            fn finalize(_: Internal, collection: &mut $coll) -> $coll {
                mem::take(collection)
            }
        }
    )*};
}

from_stream_via_extend! {
    impl<T> for VecDeque<T>, item T, where [], init |lower| VecDeque::with_capacity(lower);
    impl<T> for LinkedList<T>, item T, where [], init |_| LinkedList::new();
    impl<T> for BinaryHeap<T>, item T, where [T: Ord], init |lower| BinaryHeap::with_capacity(lower);
    impl<T> for BTreeSet<T>, item T, where [T: Ord], init |_| BTreeSet::new();
    impl<K, V> for BTreeMap<K, V>, item (K, V), where [K: Ord], init |_| BTreeMap::new();
    impl<T> for HashSet<T>, item T, where [T: Eq + Hash], init |lower| HashSet::with_capacity(lower);
    impl<K, V> for HashMap<K, V>, item (K, V), where [K: Eq + Hash], init |lower| HashMap::with_capacity(lower);
}

impl<T, U, E> FromStream<Result<T, E>> for Result<U, E> where U: FromStream<T> {}

impl<T, U, E> FromStreamPriv<Result<T, E>> for Result<U, E>
where
    U: FromStream<T>,
{
    /// The inner accumulator and the first error, if one was seen.
    type InternalCollection = (U::InternalCollection, Option<E>);

    fn initialize(_: Internal, lower: usize, upper: Option<usize>) -> Self::InternalCollection {
        (U::initialize(Internal, lower, upper), None)
    }

    fn extend(_: Internal, collection: &mut Self::InternalCollection, item: Result<T, E>) -> bool {
        let (inner, error) = collection;
        if error.is_some() {
            return false;
        }
        match item {
            Ok(item) => U::extend(Internal, inner, item),
            Err(err) => {
                *error = Some(err);
                false
            }
        }
    }

    fn finalize(_: Internal, collection: &mut Self::InternalCollection) -> Result<U, E> {
        let (inner, error) = collection;
        match error.take() {
            Some(err) => Err(err),
            None => Ok(U::finalize(Internal, inner)),
        }
    }
}
