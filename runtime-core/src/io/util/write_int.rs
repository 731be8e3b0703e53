//! The futures of the `write_u8` ... `write_f64_le` methods of
//! [`AsyncWriteExt`](crate::io::AsyncWriteExt).
//!
//! Each future holds the encoded number and how much of it the sink took;
//! a sink that accepts zero bytes fails the write with `WriteZero`, and a
//! write that fails with `Interrupted` is retried. Dropping
//! the future part-way leaves an unknown prefix written (not cancellation
//! safe).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::write_all::write_zero;
use crate::io::AsyncWrite;

macro_rules! write_number {
    ($($name:ident => $ty:ty, $to:ident;)*) => {$(
        pin_project! {
            #[doc = concat!("Future for the `", stringify!($ty), "` writing methods of ")]
            #[doc = "[`AsyncWriteExt`](crate::io::AsyncWriteExt)."]
            #[derive(Debug)]
            #[must_use = "futures do nothing unless you `.await` or poll them"]
            pub struct $name<W> {
                #[pin]
                dst: W,
                buf: [u8; std::mem::size_of::<$ty>()],
                written: u8,
                #[pin]
                _pin: PhantomPinned,
            }
        }

        impl<W> $name<W> {
            pub(crate) fn new(dst: W, n: $ty) -> Self {
                $name {
                    dst,
                    buf: n.$to(),
                    written: 0,
                    _pin: PhantomPinned,
                }
            }
        }

        impl<W: AsyncWrite> Future for $name<W> {
            type Output = io::Result<()>;

            fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
                let mut me = self.project();
                const SIZE: usize = std::mem::size_of::<$ty>();
                while usize::from(*me.written) < SIZE {
                    let rest = &me.buf[usize::from(*me.written)..];
                    let n = match ready!(me.dst.as_mut().poll_write(cx, rest)) {
                        Ok(n) => n,
                        // An interrupted write took nothing; try again.
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Poll::Ready(Err(e)),
                    };
                    if n == 0 {
                        return Poll::Ready(Err(write_zero()));
                    }
                    // A sink claiming more than it was given is a bug in the
                    // sink; clamp rather than loop forever or index past.
                    let n = n.min(rest.len());
                    // `n <= SIZE <= 16`, so the cast cannot truncate.
                    *me.written += n as u8;
                }
                Poll::Ready(Ok(()))
            }
        }
    )*};
}

write_number! {
    WriteU8 => u8, to_be_bytes;
    WriteI8 => i8, to_be_bytes;
    WriteU16 => u16, to_be_bytes;
    WriteI16 => i16, to_be_bytes;
    WriteU32 => u32, to_be_bytes;
    WriteI32 => i32, to_be_bytes;
    WriteU64 => u64, to_be_bytes;
    WriteI64 => i64, to_be_bytes;
    WriteU128 => u128, to_be_bytes;
    WriteI128 => i128, to_be_bytes;
    WriteF32 => f32, to_be_bytes;
    WriteF64 => f64, to_be_bytes;
    WriteU16Le => u16, to_le_bytes;
    WriteI16Le => i16, to_le_bytes;
    WriteU32Le => u32, to_le_bytes;
    WriteI32Le => i32, to_le_bytes;
    WriteU64Le => u64, to_le_bytes;
    WriteI64Le => i64, to_le_bytes;
    WriteU128Le => u128, to_le_bytes;
    WriteI128Le => i128, to_le_bytes;
    WriteF32Le => f32, to_le_bytes;
    WriteF64Le => f64, to_le_bytes;
}
