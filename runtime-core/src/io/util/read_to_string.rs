//! The future of [`AsyncReadExt::read_to_string`](crate::io::AsyncReadExt::read_to_string).
//!
//! The string's allocation is taken out and read into as bytes; UTF-8 is
//! checked once, at the end. On an error (I/O or invalid UTF-8) the string
//! is given back holding exactly what it held before the call.

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_to_end::read_to_end_internal;
use super::vec_with_initialized::VecWithInitialized;
use crate::io::AsyncRead;

pin_project! {
    /// Future for the
    /// [`read_to_string`](crate::io::AsyncReadExt::read_to_string) method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadToString<'a, R: ?Sized> {
        reader: &'a mut R,
        // The caller's string, emptied while the read is in progress.
        output: &'a mut String,
        // The string's bytes, being appended to.
        buf: VecWithInitialized<Vec<u8>>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_to_string<'a, R>(
    reader: &'a mut R,
    output: &'a mut String,
) -> ReadToString<'a, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    let bytes = mem::take(output).into_bytes();
    ReadToString {
        reader,
        output,
        buf: VecWithInitialized::new(bytes),
        _pin: PhantomPinned,
    }
}

pub(super) fn invalid_utf8() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "stream did not contain valid UTF-8",
    )
}

/// Puts `bytes` back into `output` as a string: all of them when they are
/// valid UTF-8 and `keep_new` is set, otherwise only the `original` prefix
/// that was in the string before the call. Returns whether the new bytes were
/// valid UTF-8.
///
/// Only the new bytes are validated: the prefix came from a `String`, so a
/// caller appending many lines to one string pays for each line once.
pub(super) fn restore(
    output: &mut String,
    mut bytes: Vec<u8>,
    original: usize,
    keep_new: bool,
) -> bool {
    let valid = std::str::from_utf8(&bytes[original..]).is_ok();
    if !(valid && keep_new) {
        bytes.truncate(original);
    }
    // SAFETY: `bytes[..original]` is the content of a `String` (taken from
    // `output` when the operation started, and only appended to since), and
    // whatever follows it was just checked to be UTF-8, or was truncated
    // away. `original` is a char boundary of that string, so the
    // concatenation is UTF-8 as well.
    *output = unsafe { String::from_utf8_unchecked(bytes) };
    valid
}

impl<R> Future for ReadToString<'_, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        let res = ready!(read_to_end_internal(me.buf, Pin::new(&mut **me.reader), cx));
        let read = me.buf.appended();
        let bytes = mem::replace(me.buf, VecWithInitialized::new(Vec::new())).into_inner();
        let original = bytes.len() - read;
        Poll::Ready(match res {
            Ok(n) => {
                if restore(me.output, bytes, original, true) {
                    Ok(n)
                } else {
                    Err(invalid_utf8())
                }
            }
            Err(e) => {
                restore(me.output, bytes, original, false);
                Err(e)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_keeps_valid_new_bytes() {
        let mut out = String::new();
        let bytes = "héllo wörld".as_bytes().to_vec();
        assert!(restore(&mut out, bytes, "héllo".len(), true));
        assert_eq!(out, "héllo wörld");
    }

    #[test]
    fn restore_drops_invalid_new_bytes() {
        let mut out = String::new();
        let mut bytes = "prefix é".as_bytes().to_vec();
        bytes.extend_from_slice(&[b'x', 0xC3]); // truncated 2-byte sequence
        assert!(!restore(&mut out, bytes, "prefix é".len(), true));
        assert_eq!(out, "prefix é");
    }

    #[test]
    fn restore_without_keep_drops_valid_new_bytes() {
        let mut out = String::new();
        let bytes = b"old new".to_vec();
        assert!(restore(&mut out, bytes, 3, false));
        assert_eq!(out, "old");
    }
}
