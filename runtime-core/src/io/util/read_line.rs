//! The future of [`AsyncBufReadExt::read_line`](crate::io::AsyncBufReadExt::read_line).
//!
//! The string's allocation is taken out and read into as bytes; the new bytes
//! are checked for UTF-8 once the line is complete. If they are not valid, the
//! string gets back exactly what it held before the call and the error is
//! `InvalidData` carrying the [`Utf8Error`](std::str::Utf8Error) of the whole
//! string as it would have been; the invalid line has been consumed from the
//! reader.

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_to_string::{invalid_utf8, restore};
use super::read_until::read_until_internal;
use crate::io::AsyncBufRead;

pin_project! {
    /// Future for the [`read_line`](crate::io::AsyncBufReadExt::read_line)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadLine<'a, R: ?Sized> {
        reader: &'a mut R,
        // The caller's string, emptied while the line is being read.
        output: &'a mut String,
        // The string's bytes, being appended to.
        buf: Vec<u8>,
        // Bytes appended to `buf` by this call so far.
        read: usize,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_line<'a, R>(reader: &'a mut R, output: &'a mut String) -> ReadLine<'a, R>
where
    R: AsyncBufRead + ?Sized + Unpin,
{
    ReadLine {
        reader,
        buf: mem::take(output).into_bytes(),
        output,
        read: 0,
        _pin: PhantomPinned,
    }
}

impl<R: AsyncBufRead + ?Sized + Unpin> Future for ReadLine<'_, R> {
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        let res = ready!(read_until_internal(
            Pin::new(*me.reader),
            cx,
            b'\n',
            me.buf,
            me.read
        ));
        let bytes = mem::take(me.buf);
        // `read_until_internal` resets `read` only on success.
        let appended = match &res {
            Ok(n) => *n,
            Err(_) => mem::replace(me.read, 0),
        };
        let original = bytes.len() - appended;
        // On an I/O error the valid bytes read so far stay in the string, as
        // with std's `read_line`.
        let utf8 = restore(me.output, bytes, original, true);
        Poll::Ready(match (res, utf8) {
            (Ok(n), Ok(())) => Ok(n),
            (Ok(_), Err(e)) => Err(invalid_utf8(e)),
            (Err(e), _) => Err(e),
        })
    }
}
