//! Unix pipes: anonymous ones made by [`pipe()`], and named ones (FIFOs)
//! opened with [`OpenOptions`], as in `tokio::net::unix::pipe`.
//!
//! A pipe is a one-way byte stream with two ends: bytes written to the
//! [`Sender`] come out of the [`Receiver`] in order. Both ends are
//! registered with the runtime's I/O driver, so reads and writes wait for
//! readiness instead of blocking a worker thread.
//!
//! # Design
//!
//! Each end wraps a mio pipe end in the crate's `PollEvented`, registered
//! for the one direction that end serves: a `Sender` for writing only, a
//! `Receiver` for reading only. Reads and writes therefore take the same
//! path as a stream socket's: the cooperative budget, readiness cleared
//! on `WouldBlock` or on a short transfer (a pipe that gave fewer bytes
//! than asked is drained, one that took fewer is full), and the driver's
//! shutdown error once the runtime is gone. The one difference is the
//! system call: a pipe is not a socket, so a `Receiver` reads with
//! `read(2)` where sockets use `recv(2)`, still straight into the caller's
//! possibly uninitialised buffer.
//!
//! Invariants every end keeps:
//!
//! * Its descriptor is in non-blocking mode. [`pipe()`], [`OpenOptions`]
//!   and the checked `from_file` / `from_owned_fd` constructors make it
//!   so; the `*_unchecked` constructors leave it to the caller, as their
//!   docs say. A blocking descriptor would stall the thread that polls it.
//! * The end owns its descriptor. Dropping it deregisters the descriptor
//!   from the driver, then closes it; `into_blocking_fd` and
//!   `into_nonblocking_fd` deregister it and hand it over instead.
//!
//! # Closing
//!
//! Once every writing end of a pipe is closed, a `Receiver` reads the
//! bytes still buffered and then `Ok(0)`, end of file. Once every reading
//! end is closed, a write on a `Sender` fails with
//! [`BrokenPipe`](std::io::ErrorKind::BrokenPipe) (the `EPIPE` error).
//! The kernel also raises `SIGPIPE`, which Rust programs ignore by default;
//! a program that restored the default action is killed instead.
//!
//! A FIFO outlives its writers: after end of file, a new writer can open it
//! again. For the driver, though, a closed direction stays closed (as in
//! tokio), so a `Receiver` that saw end of file reads a new writer's bytes
//! when they are there but cannot sleep until they come: its reads finish
//! at once, with `Ok(0)` while nobody writes. To wait for the next writer,
//! open the FIFO again for a new `Receiver`, or (Linux) open the receiver
//! with [`read_write`](OpenOptions::read_write): holding a writing end
//! itself, it never sees end of file.
//!
mod open_options;
mod receiver;
mod sender;

use std::fs::File;
use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::fs::FileTypeExt;

pub use open_options::OpenOptions;
pub use receiver::Receiver;
pub use sender::Sender;

use crate::driver::scheduled_io::bits;

/// Creates an anonymous pipe and registers both ends with the current
/// runtime's I/O driver.
///
/// The ends are non-blocking and close-on-exec. To hand an end to a child
/// process, turn it into a blocking descriptor first with
/// [`Sender::into_blocking_fd`] or [`Receiver::into_blocking_fd`] (std's
/// `Stdio::piped()` is the simpler route when the child is spawned with
/// `std::process::Command`).
///
/// # Errors
///
/// The error of the `pipe2(2)` system call, for instance when the process
/// is out of file descriptors.
///
/// # Panics
///
/// Outside a runtime, or in a runtime without the I/O driver.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
/// use runtime_net::unix::pipe;
///
/// let (mut tx, mut rx) = pipe::pipe()?;
/// tx.write_all(b"through the pipe").await?;
/// drop(tx); // the reader sees end of file once the only sender is gone
///
/// let mut text = String::new();
/// rx.read_to_string(&mut text).await?;
/// assert_eq!(text, "through the pipe");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
#[track_caller]
pub fn pipe() -> io::Result<(Sender, Receiver)> {
    let (tx, rx) = mio::unix::pipe::new()?;
    let tx = Sender::from_mio(tx)?;
    // A fresh pipe is empty, so its writing end is writable now; waiting for
    // the driver to report it would only delay the first write.
    tx.registration().assume_ready(bits::WRITABLE);
    let rx = Receiver::from_mio(rx)?;
    Ok((tx, rx))
}

/// Which end of a pipe a descriptor is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Sender,
    Receiver,
}

/// The error of a file that is not a pipe or a FIFO.
fn not_a_pipe() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a pipe or a FIFO")
}

/// Whether `file` is a pipe or a FIFO.
fn is_fifo(file: &File) -> io::Result<bool> {
    Ok(file.metadata()?.file_type().is_fifo())
}

/// Hands `fd` back if it is a pipe (or FIFO) opened with the access `end`
/// needs: `InvalidInput` otherwise. Used by the checked constructors.
fn check_end(fd: OwnedFd, end: End) -> io::Result<OwnedFd> {
    let file = File::from(fd);
    if !is_fifo(&file)? {
        return Err(not_a_pipe());
    }
    let mode = crate::sys::access_mode(file.as_fd())?;
    match end {
        End::Sender if !mode.write => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the pipe end is not open for writing (O_WRONLY or O_RDWR)",
        )),
        End::Receiver if !mode.read => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the pipe end is not open for reading (O_RDONLY or O_RDWR)",
        )),
        _ => Ok(OwnedFd::from(file)),
    }
}
