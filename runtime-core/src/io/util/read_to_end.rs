//! The future of [`AsyncReadExt::read_to_end`](crate::io::AsyncReadExt::read_to_end).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::vec_with_initialized::VecWithInitialized;
use crate::io::AsyncRead;

pin_project! {
    /// Future for the [`read_to_end`](crate::io::AsyncReadExt::read_to_end)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadToEnd<'a, R: ?Sized> {
        reader: &'a mut R,
        buf: VecWithInitialized<&'a mut Vec<u8>>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_to_end<'a, R>(reader: &'a mut R, buf: &'a mut Vec<u8>) -> ReadToEnd<'a, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    ReadToEnd {
        reader,
        buf: VecWithInitialized::new(buf),
        _pin: PhantomPinned,
    }
}

/// Reads until end of file, appending to `buf`; returns the number of bytes
/// appended since `buf` was created. Reads that fail with `Interrupted` are
/// retried; on any other error the bytes read so far stay appended.
pub(super) fn read_to_end_internal<V, R>(
    buf: &mut VecWithInitialized<V>,
    mut reader: Pin<&mut R>,
    cx: &mut Context<'_>,
) -> Poll<io::Result<usize>>
where
    V: AsMut<Vec<u8>>,
    R: AsyncRead + ?Sized,
{
    loop {
        match ready!(buf.poll_read_once(reader.as_mut(), cx)) {
            Ok(0) => return Poll::Ready(Ok(buf.appended())),
            Ok(_) => {}
            // An interrupted read appended nothing; try again.
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Poll::Ready(Err(e)),
        }
    }
}

impl<R> Future for ReadToEnd<'_, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        read_to_end_internal(me.buf, Pin::new(&mut **me.reader), cx)
    }
}
