//! [`Lines`]: the lines of an [`AsyncBufRead`], one `String` at a time.

use std::io;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_until::read_until_internal;
use crate::io::AsyncBufRead;

pin_project! {
    /// Reads the lines of an [`AsyncBufRead`].
    ///
    /// Created by [`AsyncBufReadExt::lines`](crate::io::AsyncBufReadExt::lines).
    /// Each line is returned without its `\n` or `\r\n` ending; a last line
    /// without an ending is returned too. A line that is not valid UTF-8 is an
    /// `InvalidData` error (the line is consumed; the next call returns the
    /// next line).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut lines = (&b"one\r\ntwo\nthree"[..]).lines();
    /// assert_eq!(lines.next_line().await?, Some("one".to_string()));
    /// assert_eq!(lines.next_line().await?, Some("two".to_string()));
    /// assert_eq!(lines.next_line().await?, Some("three".to_string()));
    /// assert_eq!(lines.next_line().await?, None);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Lines<R> {
        #[pin]
        reader: R,
        // The partial line read so far; kept across cancelled calls.
        buf: Vec<u8>,
        read: usize,
    }
}

pub(crate) fn lines<R: AsyncBufRead>(reader: R) -> Lines<R> {
    Lines {
        reader,
        buf: Vec::new(),
        read: 0,
    }
}

impl<R: AsyncBufRead + Unpin> Lines<R> {
    /// Returns the next line, or `None` at end of file.
    ///
    /// # Errors
    ///
    /// Any error of the reader other than `Interrupted` (an interrupted fill
    /// is retried), and `InvalidData` for a line that is not valid UTF-8,
    /// with the line's bytes in the
    /// [`FromUtf8Error`](std::string::FromUtf8Error) inside it; the next
    /// call reads the following line.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: a partly read line is kept inside
    /// `Lines`, and the next call continues it.
    pub async fn next_line(&mut self) -> io::Result<Option<String>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next_line(cx)).await
    }

    /// A mutable reference to the reader. Reading from it directly skips
    /// whatever it returns; a partly read line stays in `Lines`.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.reader
    }

    /// A shared reference to the reader.
    pub fn get_ref(&self) -> &R {
        &self.reader
    }

    /// Gives back the reader. A partly read line is lost.
    pub fn into_inner(self) -> R {
        self.reader
    }
}

impl<R: AsyncBufRead> Lines<R> {
    /// Polls for the next line: `Ready(Ok(None))` at end of file.
    ///
    /// When this returns `Pending`, the task is woken once the reader has
    /// more data. Only the waker of the latest call is woken.
    ///
    /// # Errors
    ///
    /// Any error of the reader other than `Interrupted` (an interrupted fill
    /// is retried), and `InvalidData` for a line that is not valid UTF-8,
    /// with the line's bytes in the
    /// [`FromUtf8Error`](std::string::FromUtf8Error) inside it; the next
    /// call reads the following line.
    pub fn poll_next_line(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<Option<String>>> {
        let me = self.project();
        let n = ready!(read_until_internal(me.reader, cx, b'\n', me.buf, me.read))?;
        if n == 0 && me.buf.is_empty() {
            return Poll::Ready(Ok(None));
        }
        if me.buf.last() == Some(&b'\n') {
            me.buf.pop();
            if me.buf.last() == Some(&b'\r') {
                me.buf.pop();
            }
        }
        let line = mem::take(me.buf);
        // An invalid line is handed to the caller inside the error (its
        // bytes are in the `FromUtf8Error`); the next call reads on.
        Poll::Ready(
            String::from_utf8(line)
                .map(Some)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
        )
    }
}
