//! [`UdpSocket`]: a UDP socket.

use std::fmt;
use std::future::poll_fn;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::task::{Context, Poll, ready};

use runtime_core::io::ReadBuf;

use crate::addr::{ToSocketAddrs, each_addr, no_addresses, to_socket_addrs};
use runtime_core::io::{Interest, Ready};

use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::Direction;
use crate::sys;

/// A UDP socket.
///
/// UDP is connectionless: [`send_to`](UdpSocket::send_to) and
/// [`recv_from`](UdpSocket::recv_from) name the peer with each datagram.
/// After [`connect`](UdpSocket::connect), [`send`](UdpSocket::send) and
/// [`recv`](UdpSocket::recv) talk to that one peer and datagrams from
/// anyone else are dropped by the kernel.
///
/// Every method takes `&self`, so the socket can be shared between tasks
/// with an `Arc` and used for sending and receiving at the same time.
///
/// A datagram longer than the buffer given to a receive call is truncated:
/// the rest is lost.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::UdpSocket;
///
/// let server = UdpSocket::bind("127.0.0.1:0").await?;
/// let client = UdpSocket::bind("127.0.0.1:0").await?;
/// client.send_to(b"ping", server.local_addr()?).await?;
///
/// let mut buf = [0u8; 1024];
/// let (len, peer) = server.recv_from(&mut buf).await?;
/// assert_eq!((&buf[..len], peer), (&b"ping"[..], client.local_addr()?));
/// server.send_to(&buf[..len], peer).await?;
/// let len = client.recv(&mut buf).await?;
/// assert_eq!(&buf[..len], b"ping");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct UdpSocket {
    io: PollEvented<mio::net::UdpSocket>,
}

impl UdpSocket {
    /// Creates a socket bound to `addr` (port 0 picks a free port).
    ///
    /// # Errors
    ///
    /// The last address's error, or `InvalidInput` when `addr` resolves to
    /// no address.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    pub async fn bind<A: ToSocketAddrs>(addr: A) -> io::Result<UdpSocket> {
        each_addr(addr, |addr| async move {
            UdpSocket::new(mio::net::UdpSocket::bind(addr)?)
        })
        .await
    }

    #[track_caller]
    fn new(sys: mio::net::UdpSocket) -> io::Result<UdpSocket> {
        Ok(UdpSocket {
            io: PollEvented::new(sys)?,
        })
    }

    /// Creates a socket from a `std::net::UdpSocket`, which should already
    /// be in non-blocking mode.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(socket: std::net::UdpSocket) -> io::Result<UdpSocket> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&socket))?;
        UdpSocket::new(mio::net::UdpSocket::from_std(socket))
    }

    /// Turns the socket back into a `std::net::UdpSocket`, still in
    /// non-blocking mode.
    pub fn into_std(self) -> io::Result<std::net::UdpSocket> {
        let sys = self.io.into_inner()?;
        Ok(std::net::UdpSocket::from(std::os::fd::OwnedFd::from(sys)))
    }

    /// The local address the socket is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// The address the socket is connected to.
    ///
    /// # Errors
    ///
    /// `NotConnected` when [`connect`](UdpSocket::connect) was never called.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr()
    }

    /// Connects the socket to `addr`: [`send`](UdpSocket::send) goes there
    /// and only its datagrams are received. Each resolved address is tried
    /// until one succeeds.
    pub async fn connect<A: ToSocketAddrs>(&self, addr: A) -> io::Result<()> {
        let addrs = to_socket_addrs(addr).await?;
        let mut last = None;
        for addr in addrs {
            match self.io.connect(addr) {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(no_addresses))
    }

    /// Waits until the socket can receive (a datagram is queued, or an error
    /// is pending).
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn readable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Read.mask())
            .await?;
        Ok(())
    }

    /// Waits until the socket can send.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn writable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Write.mask())
            .await?;
        Ok(())
    }

    /// Waits for any of the readiness in `interest` and returns what is
    /// set. Use it to drive reads and writes from one task with the `try_*`
    /// methods.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn ready(&self, interest: Interest) -> io::Result<Ready> {
        let event = self
            .io
            .registration()
            .readiness(interest::mask(interest))
            .await?;
        Ok(interest::to_ready(event.ready))
    }

    /// Runs the non-blocking `f` if the socket looks ready for `interest`,
    /// clearing the readiness when `f` returns `WouldBlock`. For system
    /// calls this type does not wrap.
    ///
    /// # Errors
    ///
    /// `WouldBlock` without calling `f` when not ready; `f`'s result
    /// otherwise.
    pub fn try_io<R>(
        &self,
        interest: Interest,
        f: impl FnOnce() -> io::Result<R>,
    ) -> io::Result<R> {
        self.io.registration().try_io(interest::mask(interest), f)
    }

    /// Waits for `interest` and runs `f`, repeating (and clearing the
    /// readiness) while `f` returns `WouldBlock`.
    pub async fn async_io<R>(
        &self,
        interest: Interest,
        f: impl FnMut() -> io::Result<R>,
    ) -> io::Result<R> {
        self.io
            .registration()
            .async_io(interest::mask(interest), f)
            .await
    }

    /// Polls for send readiness. Only the most recent caller's waker is
    /// woken.
    pub fn poll_send_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Write)
            .map_ok(|_| ())
    }

    /// Polls for receive readiness. Only the most recent caller's waker is
    /// woken.
    pub fn poll_recv_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Read)
            .map_ok(|_| ())
    }

    /// Sends `buf` to the connected peer, returning the bytes sent.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, nothing was sent.
    pub async fn send(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Write.mask(), || self.io.send(buf))
            .await
    }

    /// Polls to send `buf` to the connected peer.
    pub fn poll_send(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.io
            .registration()
            .poll_io(cx, Direction::Write, || self.io.send(buf))
    }

    /// Sends to the connected peer without waiting.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when the socket cannot send right now.
    pub fn try_send(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || self.io.send(buf))
    }

    /// Receives one datagram from the connected peer into `buf`.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.recv(buf))
            .await
    }

    /// Polls to receive one datagram from the connected peer into the
    /// unfilled part of `buf`.
    pub fn poll_recv(&self, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        ready!(self.io.registration().poll_io(cx, Direction::Read, || {
            sys::recv_read_buf(self.io.as_fd(), buf, 0)
        }))?;
        Poll::Ready(Ok(()))
    }

    /// Receives from the connected peer without waiting.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when no datagram is queued.
    pub fn try_recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.recv(buf))
    }

    /// Receives into a `BufMut` from the connected peer without waiting.
    pub fn try_recv_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            sys::recv_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Receives one datagram into a `BufMut` from the connected peer.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn recv_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || {
                sys::recv_buf_mut(self.io.as_fd(), buf)
            })
            .await
    }

    /// Sends `buf` to `target`, returning the bytes sent.
    ///
    /// # Errors
    ///
    /// `InvalidInput` when `target` resolves to no address; the send error
    /// otherwise. Only the first resolved address is used.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, nothing was sent.
    pub async fn send_to<A: ToSocketAddrs>(&self, buf: &[u8], target: A) -> io::Result<usize> {
        let addr = to_socket_addrs(target)
            .await?
            .into_iter()
            .next()
            .ok_or_else(no_addresses)?;
        self.io
            .registration()
            .async_io(Direction::Write.mask(), || self.io.send_to(buf, addr))
            .await
    }

    /// Polls to send `buf` to `target`.
    pub fn poll_send_to(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
        target: SocketAddr,
    ) -> Poll<io::Result<usize>> {
        self.io
            .registration()
            .poll_io(cx, Direction::Write, || self.io.send_to(buf, target))
    }

    /// Sends to `target` without waiting.
    pub fn try_send_to(&self, buf: &[u8], target: SocketAddr) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || self.io.send_to(buf, target))
    }

    /// Receives one datagram and its sender's address.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.recv_from(buf))
            .await
    }

    /// Polls to receive one datagram into the unfilled part of `buf`,
    /// returning its sender.
    pub fn poll_recv_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<SocketAddr>> {
        self.poll_recv_from_flags(cx, buf, 0)
    }

    fn poll_recv_from_flags(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
        flags: libc::c_int,
    ) -> Poll<io::Result<SocketAddr>> {
        let addr = ready!(self.io.registration().poll_io(cx, Direction::Read, || {
            sys::recv_from_read_buf(self.io.as_fd(), buf, flags)
        }))?;
        Poll::Ready(Ok(addr))
    }

    /// Receives a datagram and its sender without waiting.
    pub fn try_recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.recv_from(buf))
    }

    /// Receives into a `BufMut` and returns the sender, without waiting.
    pub fn try_recv_buf_from<B: bytes::BufMut>(
        &self,
        buf: &mut B,
    ) -> io::Result<(usize, SocketAddr)> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            sys::recv_from_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Receives one datagram into a `BufMut`, returning its sender.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn recv_buf_from<B: bytes::BufMut>(
        &self,
        buf: &mut B,
    ) -> io::Result<(usize, SocketAddr)> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || {
                sys::recv_from_buf_mut(self.io.as_fd(), buf)
            })
            .await
    }

    /// Reads the next datagram and its sender without removing it from the
    /// queue.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn peek_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.peek_from(buf))
            .await
    }

    /// Polls to peek at the next datagram, returning its sender.
    pub fn poll_peek_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<SocketAddr>> {
        self.poll_recv_from_flags(cx, buf, libc::MSG_PEEK)
    }

    /// Peeks at the next datagram without waiting.
    pub fn try_peek_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.peek_from(buf))
    }

    /// Reads the next datagram from the connected peer without removing it.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.peek(buf))
            .await
    }

    /// Polls to read the next datagram from the connected peer into the
    /// unfilled part of `buf` without removing it from the queue.
    ///
    /// A datagram larger than the buffer is truncated (the rest of it stays
    /// queued for the next read). On `Pending` the waker of `cx` is
    /// registered for read readiness, replacing the one of an earlier call.
    pub fn poll_peek(&self, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        ready!(self.io.registration().poll_io(cx, Direction::Read, || {
            sys::recv_read_buf(self.io.as_fd(), buf, libc::MSG_PEEK)
        }))?;
        Poll::Ready(Ok(()))
    }

    /// Reads the next datagram from the connected peer without removing
    /// it and without waiting.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when no datagram is queued.
    pub fn try_peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.peek(buf))
    }

    /// The sender of the next datagram, leaving it queued.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn peek_sender(&self) -> io::Result<SocketAddr> {
        poll_fn(|cx| self.poll_peek_sender(cx)).await
    }

    /// Polls for the sender of the next datagram, leaving it queued.
    pub fn poll_peek_sender(&self, cx: &mut Context<'_>) -> Poll<io::Result<SocketAddr>> {
        // A zero-length peek reports the sender without copying the payload.
        let mut empty = [];
        self.poll_peek_from(cx, &mut ReadBuf::new(&mut empty))
    }

    /// The sender of the next datagram, without waiting.
    pub fn try_peek_sender(&self) -> io::Result<SocketAddr> {
        let mut empty = [];
        self.try_peek_from(&mut empty).map(|(_, addr)| addr)
    }

    /// Whether `SO_BROADCAST` is set.
    pub fn broadcast(&self) -> io::Result<bool> {
        self.io.broadcast()
    }

    /// Sets `SO_BROADCAST`, allowing sends to broadcast addresses.
    pub fn set_broadcast(&self, on: bool) -> io::Result<()> {
        self.io.set_broadcast(on)
    }

    /// Whether `IP_MULTICAST_LOOP` is set.
    pub fn multicast_loop_v4(&self) -> io::Result<bool> {
        self.io.multicast_loop_v4()
    }

    /// Sets `IP_MULTICAST_LOOP`.
    pub fn set_multicast_loop_v4(&self, on: bool) -> io::Result<()> {
        self.io.set_multicast_loop_v4(on)
    }

    /// The `IP_MULTICAST_TTL`.
    pub fn multicast_ttl_v4(&self) -> io::Result<u32> {
        self.io.multicast_ttl_v4()
    }

    /// Sets `IP_MULTICAST_TTL`.
    pub fn set_multicast_ttl_v4(&self, ttl: u32) -> io::Result<()> {
        self.io.set_multicast_ttl_v4(ttl)
    }

    /// Whether `IPV6_MULTICAST_LOOP` is set.
    pub fn multicast_loop_v6(&self) -> io::Result<bool> {
        self.io.multicast_loop_v6()
    }

    /// Sets `IPV6_MULTICAST_LOOP`.
    pub fn set_multicast_loop_v6(&self, on: bool) -> io::Result<()> {
        self.io.set_multicast_loop_v6(on)
    }

    /// The `IP_TTL` of outgoing packets.
    pub fn ttl(&self) -> io::Result<u32> {
        self.io.ttl()
    }

    /// Sets `IP_TTL`.
    pub fn set_ttl(&self, ttl: u32) -> io::Result<()> {
        self.io.set_ttl(ttl)
    }

    /// Joins the IPv4 multicast group `multiaddr` on `interface`
    /// (`Ipv4Addr::UNSPECIFIED` lets the OS choose).
    pub fn join_multicast_v4(&self, multiaddr: Ipv4Addr, interface: Ipv4Addr) -> io::Result<()> {
        self.io.join_multicast_v4(&multiaddr, &interface)
    }

    /// Joins the IPv6 multicast group `multiaddr` on interface index
    /// `interface` (0 lets the OS choose).
    pub fn join_multicast_v6(&self, multiaddr: &Ipv6Addr, interface: u32) -> io::Result<()> {
        self.io.join_multicast_v6(multiaddr, interface)
    }

    /// Leaves an IPv4 multicast group.
    pub fn leave_multicast_v4(&self, multiaddr: Ipv4Addr, interface: Ipv4Addr) -> io::Result<()> {
        self.io.leave_multicast_v4(&multiaddr, &interface)
    }

    /// Leaves an IPv6 multicast group.
    pub fn leave_multicast_v6(&self, multiaddr: &Ipv6Addr, interface: u32) -> io::Result<()> {
        self.io.leave_multicast_v6(multiaddr, interface)
    }

    /// Takes the pending `SO_ERROR`, if any.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.io.take_error()
    }

    /// The `IP_TOS` field (type of service) set on this IPv4 socket.
    #[cfg(not(any(
        target_os = "fuchsia",
        target_os = "redox",
        target_os = "solaris",
        target_os = "illumos",
        target_os = "haiku",
        target_os = "wasi",
    )))]
    pub fn tos_v4(&self) -> io::Result<u32> {
        self.sock_ref().tos_v4()
    }

    /// Sets `IP_TOS`: the type-of-service byte of every IPv4 packet sent
    /// from this socket (DSCP and ECN bits).
    #[cfg(not(any(
        target_os = "fuchsia",
        target_os = "redox",
        target_os = "solaris",
        target_os = "illumos",
        target_os = "haiku",
        target_os = "wasi",
    )))]
    pub fn set_tos_v4(&self, tos: u32) -> io::Result<()> {
        self.sock_ref().set_tos_v4(tos)
    }

    /// Former name of [`tos_v4`](UdpSocket::tos_v4), kept so that code written
    /// for older releases builds.
    #[deprecated(note = "the option is IPv4-only: use `tos_v4`")]
    #[doc(hidden)]
    #[cfg(not(any(
        target_os = "fuchsia",
        target_os = "redox",
        target_os = "solaris",
        target_os = "illumos",
        target_os = "haiku",
        target_os = "wasi",
    )))]
    pub fn tos(&self) -> io::Result<u32> {
        self.tos_v4()
    }

    /// Former name of [`set_tos_v4`](UdpSocket::set_tos_v4).
    #[deprecated(note = "the option is IPv4-only: use `set_tos_v4`")]
    #[doc(hidden)]
    #[cfg(not(any(
        target_os = "fuchsia",
        target_os = "redox",
        target_os = "solaris",
        target_os = "illumos",
        target_os = "haiku",
        target_os = "wasi",
    )))]
    pub fn set_tos(&self, tos: u32) -> io::Result<()> {
        self.set_tos_v4(tos)
    }

    /// The `IPV6_TCLASS` field (traffic class) set on this IPv6 socket.
    #[cfg(any(
        target_os = "android",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "fuchsia",
        target_os = "linux",
        target_os = "macos",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "cygwin",
    ))]
    pub fn tclass_v6(&self) -> io::Result<u32> {
        self.sock_ref().tclass_v6()
    }

    /// Sets `IPV6_TCLASS`: the traffic-class byte of every IPv6 packet sent
    /// from this socket.
    #[cfg(any(
        target_os = "android",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "fuchsia",
        target_os = "linux",
        target_os = "macos",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "cygwin",
    ))]
    pub fn set_tclass_v6(&self, tclass: u32) -> io::Result<()> {
        self.sock_ref().set_tclass_v6(tclass)
    }

    /// The interface this socket is bound to with `SO_BINDTODEVICE`, or
    /// `None`.
    #[cfg(any(target_os = "android", target_os = "fuchsia", target_os = "linux"))]
    pub fn device(&self) -> io::Result<Option<Vec<u8>>> {
        self.sock_ref().device()
    }

    /// Binds the socket to a network interface by name (`SO_BINDTODEVICE`):
    /// only packets from that interface are received, and packets are sent
    /// through it. `None` removes the binding.
    ///
    /// Binding usually needs `CAP_NET_RAW`; without it the call fails with
    /// `PermissionDenied`.
    #[cfg(any(target_os = "android", target_os = "fuchsia", target_os = "linux"))]
    pub fn bind_device(&self, interface: Option<&[u8]>) -> io::Result<()> {
        self.sock_ref().bind_device(interface)
    }

    /// A socket2 view of the socket, for the options mio does not offer.
    fn sock_ref(&self) -> socket2::SockRef<'_> {
        socket2::SockRef::from(&*self.io)
    }
}

impl TryFrom<std::net::UdpSocket> for UdpSocket {
    type Error = io::Error;

    /// Same as [`UdpSocket::from_std`].
    fn try_from(socket: std::net::UdpSocket) -> io::Result<Self> {
        UdpSocket::from_std(socket)
    }
}

impl AsRawFd for UdpSocket {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for UdpSocket {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for UdpSocket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
