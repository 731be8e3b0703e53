//! The I/O driver of `runtime` and its sockets.
//!
//! Most users reach this crate through the facade, as `runtime::net`
//! (`runtime::net::TcpListener`, `runtime::net::UdpSocket`, ...) and
//! `runtime::io::unix::AsyncFd`, with the driver installed by
//! `Builder::enable_io`. The types here are tokio 1.x's `tokio::net` types:
//! same names, signatures and behaviour.
//!
//! * [`driver`]: the mio reactor and how it plugs into runtime-core.
//! * TCP: [`TcpListener`], [`TcpStream`], [`TcpSocket`], and the split
//!   halves in [`tcp`].
//! * UDP: [`UdpSocket`].
//! * Unix domain sockets: [`UnixListener`], [`UnixStream`],
//!   [`UnixDatagram`], and [`unix`].
//! * [`AsyncFd`]: readiness for any file descriptor.
//! * [`lookup_host`] and [`ToSocketAddrs`].

#![cfg_attr(docsrs, feature(doc_cfg))]

#[macro_use]
mod sys;

mod addr;
pub mod driver;
pub mod tcp;
mod udp;

pub use addr::{ToSocketAddrs, lookup_host};
pub use tcp::listener::TcpListener;
pub use tcp::socket::TcpSocket;
pub use tcp::stream::TcpStream;
pub use udp::UdpSocket;
pub mod unix;
pub use unix::datagram::UnixDatagram;
pub use unix::listener::UnixListener;
pub use unix::socket::UnixSocket;
pub use unix::stream::UnixStream;
mod async_fd;
pub use async_fd::{
    AsyncFd, AsyncFdReadyGuard, AsyncFdReadyMutGuard, AsyncFdRegisterError, AsyncFdTryNewError,
    TryIoError,
};
