//! [`SplitStream`]: an `io::Split` as a stream of segments.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncBufRead, Split};

pin_project! {
    /// A [`Stream`] of the segments of an
    /// [`io::Split`](runtime_core::io::Split) (from
    /// [`AsyncBufReadExt::split`](runtime_core::io::AsyncBufReadExt::split)).
    ///
    /// Each item is the bytes up to the delimiter (excluded), or the read
    /// error. The stream ends at the end of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    /// use runtime_stream::StreamExt;
    /// use runtime_stream::wrappers::SplitStream;
    ///
    /// # futures::executor::block_on(async {
    /// let input: &[u8] = b"a,bc,,d";
    /// let parts: Vec<Vec<u8>> = SplitStream::new(input.split(b','))
    ///     .map(|part| part.unwrap())
    ///     .collect()
    ///     .await;
    ///
    /// assert_eq!(parts, [&b"a"[..], b"bc", b"", b"d"]);
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct SplitStream<R> {
        #[pin]
        inner: Split<R>,
    }
}

impl<R> SplitStream<R> {
    /// Wraps a `Split`.
    pub fn new(split: Split<R>) -> Self {
        SplitStream { inner: split }
    }

    /// Returns the `Split`.
    pub fn into_inner(self) -> Split<R> {
        self.inner
    }

    /// Returns a pinned mutable reference to the `Split`.
    pub fn as_pin_mut(self: Pin<&mut Self>) -> Pin<&mut Split<R>> {
        self.project().inner
    }
}

impl<R: AsyncBufRead> Stream for SplitStream<R> {
    type Item = io::Result<Vec<u8>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<Vec<u8>>>> {
        self.project()
            .inner
            .poll_next_segment(cx)
            .map(Result::transpose)
    }
}

impl<R> AsRef<Split<R>> for SplitStream<R> {
    fn as_ref(&self) -> &Split<R> {
        &self.inner
    }
}

impl<R> AsMut<Split<R>> for SplitStream<R> {
    fn as_mut(&mut self) -> &mut Split<R> {
        &mut self.inner
    }
}
