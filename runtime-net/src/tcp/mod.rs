//! TCP: the listener, the stream, the unconnected socket, and the halves a
//! stream splits into.
//!
//! [`TcpListener`](crate::TcpListener), [`TcpStream`](crate::TcpStream) and
//! [`TcpSocket`](crate::TcpSocket) are re-exported at the crate root; this
//! module holds the split halves, as `tokio::net::tcp` does.

pub(crate) mod listener;
pub(crate) mod socket;
mod split;
mod split_owned;
pub(crate) mod stream;

pub use split::{ReadHalf, WriteHalf};
pub use split_owned::{OwnedReadHalf, OwnedWriteHalf, ReuniteError};
