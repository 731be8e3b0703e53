//! The future of [`AsyncSeekExt::seek`](crate::io::AsyncSeekExt::seek) (and
//! of `rewind` and `stream_position`, which are seeks).
//!
//! A seek is two steps on [`AsyncSeek`]: the future first waits for any seek
//! still in flight, then starts its own and waits for it.

use std::future::Future;
use std::io::{self, SeekFrom};
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::io::AsyncSeek;

pin_project! {
    /// Future for the [`seek`](crate::io::AsyncSeekExt::seek) method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Seek<'a, S: ?Sized> {
        seek: &'a mut S,
        // `Some` until the seek has been started.
        pos: Option<SeekFrom>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn seek<S>(seek: &mut S, pos: SeekFrom) -> Seek<'_, S>
where
    S: AsyncSeek + ?Sized + Unpin,
{
    Seek {
        seek,
        pos: Some(pos),
        _pin: PhantomPinned,
    }
}

impl<S> Future for Seek<'_, S>
where
    S: AsyncSeek + ?Sized + Unpin,
{
    type Output = io::Result<u64>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let me = self.project();
        let mut seek = Pin::new(&mut **me.seek);
        if let Some(pos) = *me.pos {
            // Finish whatever seek was in flight before starting ours.
            ready!(seek.as_mut().poll_complete(cx))?;
            *me.pos = None;
            seek.as_mut().start_seek(pos)?;
        }
        seek.poll_complete(cx)
    }
}
