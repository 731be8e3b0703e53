//! Framing for UDP sockets: [`UdpFramed`] turns a [`UdpSocket`] into a
//! [`Stream`] of decoded `(frame, sender address)` pairs and a [`Sink`] of
//! `(frame, destination address)` pairs, through a codec.
//!
//! Unlike a byte stream, a socket delivers whole datagrams: each one is
//! decoded on its own (with [`Decoder::decode_eof`], so a datagram can hold
//! several frames but a frame never spans two datagrams), and everything
//! encoded between two flushes goes out as one datagram.

use std::borrow::Borrow;
use std::io;
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4};
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::BytesMut;
use futures_core::Stream;
use futures_sink::Sink;
use runtime_core::io::{AsyncRead, ReadBuf};
use runtime_net::UdpSocket;

use crate::codec::{Decoder, Encoder};
use crate::util::poll_read_buf;

/// Room reserved for each datagram received: the largest UDP payload over
/// IPv4 is just under 64 KiB.
const RECV_CAPACITY: usize = 64 * 1024;
/// Initial room for the datagram being encoded.
const SEND_CAPACITY: usize = 8 * 1024;

/// A [`Stream`] and [`Sink`] of frames over a UDP socket, through a codec.
///
/// `T` is the socket, or anything that [`Borrow`]s one (such as
/// `Arc<UdpSocket>`, to read and write from two `UdpFramed`s over one
/// socket).
///
/// * As a [`Stream`], it yields `Ok((frame, addr))` for each frame decoded
///   from a datagram received from `addr`, or the codec's (or socket's)
///   error; a failed item does not end the stream. Frames are decoded with
///   [`Decoder::decode_eof`], once per datagram until it returns `None`;
///   the rest of the datagram is then dropped. Empty datagrams yield
///   nothing with codecs that decode nothing from no bytes.
/// * As a [`Sink`], it takes `(frame, addr)`: the frame is encoded into the
///   send buffer and the buffer goes out as one datagram to `addr` on the
///   next flush. Readiness flushes first, so each frame sent with
///   `SinkExt::send` is a datagram of its own. A datagram the socket sends
///   only in part is an error.
///
/// # Examples
///
/// ```
/// use futures::{SinkExt, StreamExt};
/// use runtime_net::UdpSocket;
/// use runtime_util::codec::BytesCodec;
/// use runtime_util::udp::UdpFramed;
/// use bytes::Bytes;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
/// let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
/// let b_addr = b.local_addr().unwrap();
/// let a_addr = a.local_addr().unwrap();
///
/// let mut a = UdpFramed::new(a, BytesCodec::new());
/// let mut b = UdpFramed::new(b, BytesCodec::new());
/// a.send((Bytes::from_static(b"ping"), b_addr)).await.unwrap();
/// let (frame, from) = b.next().await.unwrap().unwrap();
/// assert_eq!(&frame[..], b"ping");
/// assert_eq!(from, a_addr);
/// # });
/// ```
#[must_use = "sinks do nothing unless polled"]
#[derive(Debug)]
pub struct UdpFramed<C, T = UdpSocket> {
    socket: T,
    codec: C,
    /// The datagram being decoded.
    rd: BytesMut,
    /// The datagram being encoded.
    wr: BytesMut,
    /// Where `wr` goes: the address of the last frame encoded.
    out_addr: SocketAddr,
    /// Whether `wr` has been sent (or was never written to).
    flushed: bool,
    /// Whether `rd` holds a received datagram that may have frames left.
    is_readable: bool,
    /// The sender of the datagram in `rd`.
    current_addr: Option<SocketAddr>,
}

// Nothing is pinned in place: the socket and codec are only used through
// `&`/`&mut`.
impl<C, T> Unpin for UdpFramed<C, T> {}

impl<C, T> UdpFramed<C, T>
where
    T: Borrow<UdpSocket>,
{
    /// Frames `socket` with `codec`.
    pub fn new(socket: T, codec: C) -> UdpFramed<C, T> {
        UdpFramed {
            socket,
            codec,
            rd: BytesMut::with_capacity(RECV_CAPACITY),
            wr: BytesMut::with_capacity(SEND_CAPACITY),
            out_addr: SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0)),
            flushed: true,
            is_readable: false,
            current_addr: None,
        }
    }

    /// A reference to the socket.
    ///
    /// Receiving or sending on it directly bypasses the buffers and can
    /// interleave badly with the framed traffic.
    pub fn get_ref(&self) -> &T {
        &self.socket
    }

    /// A mutable reference to the socket; the same care applies as for
    /// [`get_ref`](Self::get_ref).
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.socket
    }

    /// A reference to the codec.
    pub fn codec(&self) -> &C {
        &self.codec
    }

    /// A mutable reference to the codec.
    pub fn codec_mut(&mut self) -> &mut C {
        &mut self.codec
    }

    /// The receive buffer: the rest of the datagram being decoded.
    pub fn read_buffer(&self) -> &BytesMut {
        &self.rd
    }

    /// The receive buffer, mutably.
    pub fn read_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.rd
    }

    /// Returns the socket, dropping the codec and both buffers (a datagram
    /// encoded but not flushed is lost).
    pub fn into_inner(self) -> T {
        self.socket
    }
}

/// Receives one datagram through the `AsyncRead` interface, so that the
/// shared [`poll_read_buf`] can fill the spare capacity of a `BytesMut`
/// without zeroing it; remembers who sent it.
struct RecvFrom<'a> {
    socket: &'a UdpSocket,
    from: Option<SocketAddr>,
}

impl AsyncRead for RecvFrom<'_> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let from = ready!(self.socket.poll_recv_from(cx, buf))?;
        self.from = Some(from);
        Poll::Ready(Ok(()))
    }
}

impl<C, T> Stream for UdpFramed<C, T>
where
    T: Borrow<UdpSocket>,
    C: Decoder,
{
    type Item = Result<(C::Item, SocketAddr), C::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.is_readable {
                if let Some(frame) = this.codec.decode_eof(&mut this.rd)? {
                    let from = this
                        .current_addr
                        .expect("a datagram was received before decoding");
                    return Poll::Ready(Some(Ok((frame, from))));
                }
                // Nothing more in this datagram: the rest is dropped.
                this.is_readable = false;
                this.rd.clear();
            }

            // Room for a whole datagram: decoding may have split off part of
            // the buffer's capacity with the frames.
            this.rd.reserve(RECV_CAPACITY);
            let mut recv = RecvFrom {
                socket: this.socket.borrow(),
                from: None,
            };
            ready!(poll_read_buf(Pin::new(&mut recv), cx, &mut this.rd))?;
            this.current_addr = recv.from;
            this.is_readable = true;
        }
    }
}

impl<I, C, T> Sink<(I, SocketAddr)> for UdpFramed<C, T>
where
    T: Borrow<UdpSocket>,
    C: Encoder<I>,
{
    type Error = C::Error;

    /// Sends the pending datagram first, if there is one.
    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), C::Error>> {
        if self.flushed {
            Poll::Ready(Ok(()))
        } else {
            self.poll_flush(cx)
        }
    }

    /// Encodes the frame into the pending datagram and makes `addr` its
    /// destination.
    fn start_send(self: Pin<&mut Self>, (frame, addr): (I, SocketAddr)) -> Result<(), C::Error> {
        let this = self.get_mut();
        this.codec.encode(frame, &mut this.wr)?;
        this.out_addr = addr;
        this.flushed = false;
        Ok(())
    }

    /// Sends the pending datagram. It is dropped once sent, also when the
    /// socket sent only part of it (an error).
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), C::Error>> {
        let this = self.get_mut();
        if this.flushed {
            return Poll::Ready(Ok(()));
        }
        let sent = ready!(
            this.socket
                .borrow()
                .poll_send_to(cx, &this.wr, this.out_addr)
        )?;
        let whole = sent == this.wr.len();
        this.wr.clear();
        this.flushed = true;
        if whole {
            Poll::Ready(Ok(()))
        } else {
            Poll::Ready(Err(io::Error::other(
                "failed to write entire datagram to socket",
            )
            .into()))
        }
    }

    /// Flushes; the socket stays open.
    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), C::Error>> {
        self.poll_flush(cx)
    }
}
