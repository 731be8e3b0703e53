//! [`JoinSetStream`]: a `JoinSet` as a stream of task results.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_core::task::{JoinError, JoinSet};

/// A [`Stream`] of the results of the tasks in a
/// [`JoinSet`](runtime_core::task::JoinSet), in the order they complete.
///
/// Each item is what [`JoinSet::join_next`] would return: the task's
/// output, or a [`JoinError`] if it panicked or was aborted. The stream
/// ends when the set is empty.
///
/// # Examples
///
/// ```
/// use runtime_core::task::JoinSet;
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::JoinSetStream;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let mut set = JoinSet::new();
/// for i in 0..3 {
///     set.spawn(async move { i * 10 });
/// }
///
/// let mut results: Vec<i32> = JoinSetStream::new(set)
///     .map(|result| result.unwrap())
///     .collect()
///     .await;
/// results.sort();
/// assert_eq!(results, [0, 10, 20]);
/// # });
/// ```
#[derive(Debug)]
pub struct JoinSetStream<T> {
    inner: JoinSet<T>,
}

impl<T> JoinSetStream<T> {
    /// Wraps a `JoinSet`.
    pub fn new(join_set: JoinSet<T>) -> Self {
        JoinSetStream { inner: join_set }
    }

    /// Returns the `JoinSet`, with the tasks that have not been yielded
    /// yet still in it.
    pub fn into_inner(self) -> JoinSet<T> {
        self.inner
    }
}

impl<T: 'static> Stream for JoinSetStream<T> {
    type Item = Result<T, JoinError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_join_next(cx)
    }

    /// Exactly the tasks still in the set.
    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.inner.len();
        (len, Some(len))
    }
}

impl<T> AsRef<JoinSet<T>> for JoinSetStream<T> {
    fn as_ref(&self) -> &JoinSet<T> {
        &self.inner
    }
}

impl<T> AsMut<JoinSet<T>> for JoinSetStream<T> {
    fn as_mut(&mut self) -> &mut JoinSet<T> {
        &mut self.inner
    }
}

impl<T> From<JoinSet<T>> for JoinSetStream<T> {
    fn from(join_set: JoinSet<T>) -> Self {
        Self::new(join_set)
    }
}
