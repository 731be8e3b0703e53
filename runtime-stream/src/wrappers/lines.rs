//! [`LinesStream`]: an `io::Lines` as a stream of lines.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncBufRead, Lines};

pin_project! {
    /// A [`Stream`] of the lines of an
    /// [`io::Lines`](runtime_core::io::Lines) (from
    /// [`AsyncBufReadExt::lines`](runtime_core::io::AsyncBufReadExt::lines)).
    ///
    /// Each item is a line without its `\n` (or `\r\n`), or the read error.
    /// The stream ends at the end of the input.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    /// use runtime_stream::StreamExt;
    /// use runtime_stream::wrappers::LinesStream;
    ///
    /// # futures::executor::block_on(async {
    /// let input: &[u8] = b"one\ntwo\r\nthree";
    /// let lines: Vec<String> = LinesStream::new(input.lines())
    ///     .map(|line| line.unwrap())
    ///     .collect()
    ///     .await;
    ///
    /// assert_eq!(lines, ["one", "two", "three"]);
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct LinesStream<R> {
        #[pin]
        inner: Lines<R>,
    }
}

impl<R> LinesStream<R> {
    /// Wraps a `Lines`.
    pub fn new(lines: Lines<R>) -> Self {
        LinesStream { inner: lines }
    }

    /// Returns the `Lines`.
    pub fn into_inner(self) -> Lines<R> {
        self.inner
    }

    /// Returns a pinned mutable reference to the `Lines`.
    pub fn as_pin_mut(self: Pin<&mut Self>) -> Pin<&mut Lines<R>> {
        self.project().inner
    }
}

impl<R: AsyncBufRead> Stream for LinesStream<R> {
    type Item = io::Result<String>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<String>>> {
        self.project()
            .inner
            .poll_next_line(cx)
            .map(Result::transpose)
    }
}

impl<R> AsRef<Lines<R>> for LinesStream<R> {
    fn as_ref(&self) -> &Lines<R> {
        &self.inner
    }
}

impl<R> AsMut<Lines<R>> for LinesStream<R> {
    fn as_mut(&mut self) -> &mut Lines<R> {
        &mut self.inner
    }
}
