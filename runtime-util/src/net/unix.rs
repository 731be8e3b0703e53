//! Unix domain socket helpers: [`Listener`] for
//! [`runtime_net::UnixListener`].
//!
//! The module holds only that impl (it is where tokio-util keeps it); the
//! trait itself is [`crate::net::Listener`].

use std::io::Result;
use std::task::{Context, Poll};

use super::Listener;

impl Listener for runtime_net::UnixListener {
    type Io = runtime_net::UnixStream;
    type Addr = runtime_net::unix::SocketAddr;

    fn poll_accept(&mut self, cx: &mut Context<'_>) -> Poll<Result<(Self::Io, Self::Addr)>> {
        runtime_net::UnixListener::poll_accept(self, cx)
    }

    fn local_addr(&self) -> Result<Self::Addr> {
        runtime_net::UnixListener::local_addr(self)
    }
}
