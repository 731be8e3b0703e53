//! Asynchronous I/O: the traits, extension methods and utilities, at
//! `tokio::io`'s paths.
//!
//! The traits ([`AsyncRead`], [`AsyncWrite`], [`AsyncBufRead`],
//! [`AsyncSeek`], [`ReadBuf`]) are always available. The extension traits
//! and helpers need the `io-util` feature; the standard streams need
//! `io-std`; [`Interest`] and [`Ready`] come with `net`. Everything here
//! lives in `runtime-core`'s `io` module.
//!
//! # Examples
//!
//! ```
//! # #[cfg(feature = "io-util")]
//! # futures::executor::block_on(async {
//! use runtime::io::{self, AsyncReadExt, AsyncWriteExt};
//!
//! let (mut client, mut server) = io::duplex(64);
//! client.write_all(b"ping").await?;
//! let mut buf = [0u8; 4];
//! server.read_exact(&mut buf).await?;
//! assert_eq!(&buf, b"ping");
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

#[doc(inline)]
pub use runtime_core::io::{
    AsyncBufRead, AsyncRead, AsyncSeek, AsyncWrite, Error, ErrorKind, ReadBuf, Result, SeekFrom,
};

#[cfg(feature = "io-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "io-util")))]
#[doc(inline)]
pub use runtime_core::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufReader, BufStream, BufWriter,
    Chain, DuplexStream, Empty, Join, Lines, ReadHalf, Repeat, SimplexStream, Sink, Split, Take,
    WriteHalf, copy, copy_bidirectional, copy_bidirectional_with_sizes, copy_buf, duplex, empty,
    join, repeat, simplex, sink, split,
};

#[cfg(feature = "io-std")]
#[cfg_attr(docsrs, doc(cfg(feature = "io-std")))]
#[doc(inline)]
pub use runtime_core::io::{Stderr, Stdin, Stdout, stderr, stdin, stdout};

#[cfg(feature = "net")]
#[cfg_attr(docsrs, doc(cfg(feature = "net")))]
#[doc(inline)]
pub use runtime_core::io::{Interest, Ready};

/// Unix-specific I/O: [`AsyncFd`](unix::AsyncFd), readiness for any file
/// descriptor, at tokio's `tokio::io::unix` path.
#[cfg(all(unix, feature = "net"))]
#[cfg_attr(docsrs, doc(cfg(all(unix, feature = "net"))))]
pub mod unix {
    #[doc(inline)]
    pub use runtime_net::{
        AsyncFd, AsyncFdReadyGuard, AsyncFdReadyMutGuard, AsyncFdRegisterError, AsyncFdTryNewError,
        TryIoError,
    };
}
