//! TCP, UDP and Unix domain sockets, at tokio's `tokio::net` paths.
//!
//! The code lives in the `runtime-net` crate; this module only re-exports
//! it. Sockets need a runtime with the I/O driver (`Builder::enable_io`, or
//! `#[runtime::main]`, which enables everything).
//!
//! * TCP: [`TcpListener`], [`TcpStream`], [`TcpSocket`], and the halves a
//!   stream splits into, in [`tcp`].
//! * UDP: [`UdpSocket`].
//! * Unix domain sockets: [`UnixListener`], [`UnixStream`],
//!   [`UnixDatagram`], and [`unix`].
//! * Unix pipes, anonymous and named (FIFOs): [`unix::pipe`].
//! * Name resolution: [`lookup_host`] and [`ToSocketAddrs`].

#[doc(inline)]
pub use runtime_net::{
    TcpListener, TcpSocket, TcpStream, ToSocketAddrs, UdpSocket, UnixDatagram, UnixListener,
    UnixSocket, UnixStream, lookup_host,
};

#[doc(inline)]
pub use runtime_net::{tcp, unix};
