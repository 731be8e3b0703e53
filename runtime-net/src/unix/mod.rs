//! Unix domain sockets and pipes: the split halves of a
//! [`UnixStream`](crate::UnixStream), socket addresses, peer credentials,
//! and the [`pipe`] module, as in `tokio::net::unix`.
//!
//! [`UnixListener`](crate::UnixListener), [`UnixStream`](crate::UnixStream)
//! and [`UnixDatagram`](crate::UnixDatagram) are re-exported at the crate
//! root.

pub(crate) mod datagram;
pub(crate) mod listener;
pub mod pipe;
pub(crate) mod socket;
mod socket_addr;
mod split;
mod split_owned;
pub(crate) mod stream;
mod ucred;

pub use socket_addr::SocketAddr;
pub use split::{ReadHalf, WriteHalf};
pub use split_owned::{OwnedReadHalf, OwnedWriteHalf, ReuniteError};
pub use ucred::{UCred, gid_t, pid_t, uid_t};
