//! The futures of the `read_u8` ... `read_f64_le` methods of
//! [`AsyncReadExt`](crate::io::AsyncReadExt).
//!
//! Each future owns a small array the size of its number and fills it across
//! as many `poll_read`s as the source needs; a source that ends before the
//! array is full yields `UnexpectedEof`, and a read that fails with
//! `Interrupted` is retried. The partial bytes live in the future,
//! so dropping it loses them (the methods are not cancellation safe).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_exact::eof;
use crate::io::{AsyncRead, ReadBuf};

macro_rules! read_number {
    ($($name:ident => $ty:ty, $from:ident;)*) => {$(
        pin_project! {
            #[doc = concat!("Future for the `", stringify!($ty), "` reading methods of ")]
            #[doc = "[`AsyncReadExt`](crate::io::AsyncReadExt)."]
            #[derive(Debug)]
            #[must_use = "futures do nothing unless you `.await` or poll them"]
            pub struct $name<R> {
                #[pin]
                src: R,
                buf: [u8; std::mem::size_of::<$ty>()],
                read: u8,
                #[pin]
                _pin: PhantomPinned,
            }
        }

        impl<R> $name<R> {
            pub(crate) fn new(src: R) -> Self {
                $name {
                    src,
                    buf: [0; std::mem::size_of::<$ty>()],
                    read: 0,
                    _pin: PhantomPinned,
                }
            }
        }

        impl<R: AsyncRead> Future for $name<R> {
            type Output = io::Result<$ty>;

            fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<$ty>> {
                let mut me = self.project();
                const SIZE: usize = std::mem::size_of::<$ty>();
                while usize::from(*me.read) < SIZE {
                    let mut buf = ReadBuf::new(&mut me.buf[usize::from(*me.read)..]);
                    match ready!(me.src.as_mut().poll_read(cx, &mut buf)) {
                        Ok(()) => {}
                        // An interrupted read did nothing; try again.
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Poll::Ready(Err(e)),
                    }
                    let n = buf.filled().len();
                    if n == 0 {
                        return Poll::Ready(Err(eof()));
                    }
                    // `n <= SIZE <= 16`, so the cast cannot truncate.
                    *me.read += n as u8;
                }
                Poll::Ready(Ok(<$ty>::$from(*me.buf)))
            }
        }
    )*};
}

read_number! {
    ReadU8 => u8, from_be_bytes;
    ReadI8 => i8, from_be_bytes;
    ReadU16 => u16, from_be_bytes;
    ReadI16 => i16, from_be_bytes;
    ReadU32 => u32, from_be_bytes;
    ReadI32 => i32, from_be_bytes;
    ReadU64 => u64, from_be_bytes;
    ReadI64 => i64, from_be_bytes;
    ReadU128 => u128, from_be_bytes;
    ReadI128 => i128, from_be_bytes;
    ReadF32 => f32, from_be_bytes;
    ReadF64 => f64, from_be_bytes;
    ReadU16Le => u16, from_le_bytes;
    ReadI16Le => i16, from_le_bytes;
    ReadU32Le => u32, from_le_bytes;
    ReadI32Le => i32, from_le_bytes;
    ReadU64Le => u64, from_le_bytes;
    ReadI64Le => i64, from_le_bytes;
    ReadU128Le => u128, from_le_bytes;
    ReadI128Le => i128, from_le_bytes;
    ReadF32Le => f32, from_le_bytes;
    ReadF64Le => f64, from_le_bytes;
}
