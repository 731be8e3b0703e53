//! [`Split`]: the segments of an [`AsyncBufRead`] between delimiter bytes.

use std::io;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_until::read_until_internal;
use crate::io::AsyncBufRead;

pin_project! {
    /// Splits an [`AsyncBufRead`] into segments at a delimiter byte.
    ///
    /// Created by [`AsyncBufReadExt::split`](crate::io::AsyncBufReadExt::split).
    /// Each segment is returned without its delimiter; a last segment without
    /// a delimiter is returned too.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncBufReadExt, BufReader};
    ///
    /// # futures::executor::block_on(async {
    /// let mut parts = BufReader::new(&b"a,b,,c"[..]).split(b',');
    /// assert_eq!(parts.next_segment().await?, Some(b"a".to_vec()));
    /// assert_eq!(parts.next_segment().await?, Some(b"b".to_vec()));
    /// assert_eq!(parts.next_segment().await?, Some(b"".to_vec()));
    /// assert_eq!(parts.next_segment().await?, Some(b"c".to_vec()));
    /// assert_eq!(parts.next_segment().await?, None);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct Split<R> {
        #[pin]
        reader: R,
        buf: Vec<u8>,
        delim: u8,
        read: usize,
    }
}

pub(crate) fn split<R: AsyncBufRead>(reader: R, delim: u8) -> Split<R> {
    Split {
        reader,
        buf: Vec::new(),
        delim,
        read: 0,
    }
}

impl<R: AsyncBufRead + Unpin> Split<R> {
    /// Returns the next segment, or `None` at end of file.
    ///
    /// # Errors
    ///
    /// Any error of the reader other than `Interrupted` (an interrupted fill
    /// is retried).
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: a partly read segment is kept inside
    /// `Split`, and the next call continues it.
    pub async fn next_segment(&mut self) -> io::Result<Option<Vec<u8>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next_segment(cx)).await
    }
}

impl<R: AsyncBufRead> Split<R> {
    /// Polls for the next segment: `Ready(Ok(None))` at end of file.
    ///
    /// When this returns `Pending`, the task is woken once the reader has
    /// more data.
    ///
    /// # Errors
    ///
    /// Any error of the reader other than `Interrupted` (an interrupted fill
    /// is retried).
    pub fn poll_next_segment(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<Option<Vec<u8>>>> {
        let me = self.project();
        let n = ready!(read_until_internal(
            me.reader, cx, *me.delim, me.buf, me.read
        ))?;
        if n == 0 && me.buf.is_empty() {
            return Poll::Ready(Ok(None));
        }
        if me.buf.last() == Some(me.delim) {
            me.buf.pop();
        }
        Poll::Ready(Ok(Some(mem::take(me.buf))))
    }
}
