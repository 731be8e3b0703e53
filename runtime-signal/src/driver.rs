//! The signal driver: the layer that turns wake-up bytes into broadcasts.
//!
//! # How it fits the runtime
//!
//! [`layer`] wraps the I/O driver (install it right after
//! `runtime_net::driver::layer()`; the facade's `enable_io` does). It parks
//! by parking the driver below, and after every park checks one flag: was
//! the wake-up socket reported readable? Only then does it read the socket
//! dry and call the broadcast table, so a runtime that receives no signal
//! pays one atomic swap per park.
//!
//! The socket is registered lazily, by the first [`signal`](crate::unix::signal)
//! call in the runtime (that call runs in the runtime's context, which
//! registering with the I/O driver needs). It is a duplicate of the global
//! receiving end, registered through [`AsyncFd`] for read readiness. The
//! waker given to the I/O driver is the flag above: waking it sets the flag
//! and unparks the driver.
//!
//! # Several runtimes
//!
//! Every runtime that listens registers its own duplicate, so a signal wakes
//! all of them. Whichever reads the bytes first broadcasts, and the table is
//! global, so the listeners of every runtime are notified by that one
//! broadcast; the others find the socket empty. A byte is only consumed by a
//! driver that broadcasts afterwards, and the handler sets the pending flag
//! before it writes the byte, so no delivery is missed.
//!
//! # Shutdown
//!
//! `Driver::shutdown` deregisters the socket, marks the handle shut down and
//! wakes this runtime's listeners (only those: the table knows each
//! listener's driver), which then see that their driver is gone: `recv`
//! returns `None` (after any notification that arrived before). New
//! listeners fail with an error.

use std::fmt;
use std::io::{self, Read};
use std::os::unix::net::UnixStream;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use runtime_core::io::Interest;
use runtime_core::loom::sync::atomic::{
    AtomicBool,
    Ordering::{AcqRel, Acquire, Release},
};
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::runtime::driver::{Driver, DriverLayer, LayerContext, Unpark};
use runtime_net::AsyncFd;

use crate::globals::{self, Globals};

/// The signal driver as a layer for runtime-core's `Builder::driver_layer`.
///
/// The facade's `Builder::enable_io` (and `enable_all`) installs it when the
/// `signal` feature is on; use it directly when building a runtime from
/// `runtime-core` alone. It needs the I/O driver below it: install it right
/// after `runtime_net::driver::layer()` and before the time driver's layer.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
/// use runtime_signal::unix::{SignalKind, signal};
///
/// # fn main() -> std::io::Result<()> {
/// let rt = Builder::new_current_thread()
///     .driver_layer(runtime_net::driver::layer())
///     .driver_layer(runtime_signal::driver::layer())
///     .build()?;
/// rt.block_on(async {
///     let mut hangups = signal(SignalKind::hangup())?;
///     // SAFETY: raising a signal whose handler is installed (by `signal`).
///     unsafe { libc::raise(libc::SIGHUP) };
///     assert_eq!(hangups.recv().await, Some(()));
///     Ok::<(), std::io::Error>(())
/// })?;
/// # Ok(())
/// # }
/// ```
pub fn layer() -> DriverLayer {
    Box::new(|below: Box<dyn Driver>, cx: &mut LayerContext<'_>| {
        let wakeup = std::sync::Arc::new(Wakeup {
            pending: AtomicBool::new(false),
            unpark: below.unparker(),
        });
        let shared = Arc::new(Shared {
            waker: Waker::from(wakeup.clone()),
            wakeup,
            pipe: Mutex::new(Pipe {
                fd: None,
                shut_down: false,
            }),
            is_shutdown: AtomicBool::new(false),
        });
        cx.registry.insert(Handle {
            shared: shared.clone(),
        });
        Ok(Box::new(SignalDriver {
            inner: below,
            shared,
        }) as Box<dyn Driver>)
    })
}

/// What a runtime's registry holds of its signal driver; listeners keep a
/// clone to learn when the driver is gone.
#[derive(Clone)]
pub(crate) struct Handle {
    shared: Arc<Shared>,
}

struct Shared {
    wakeup: std::sync::Arc<Wakeup>,
    /// A waker made from `wakeup`, for the I/O driver.
    waker: Waker,
    pipe: Mutex<Pipe>,
    is_shutdown: AtomicBool,
}

/// This runtime's registration of the wake-up socket.
struct Pipe {
    fd: Option<AsyncFd<UnixStream>>,
    shut_down: bool,
}

/// The flag the I/O driver's readiness wakes: set it, and make sure the
/// driver comes round to look at it. (In a std `Arc` even under loom:
/// `Waker::from` takes one.)
struct Wakeup {
    pending: AtomicBool,
    unpark: std::sync::Arc<dyn Unpark>,
}

impl Wake for Wakeup {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        self.pending.store(true, Release);
        self.unpark.unpark();
    }
}

/// The driver the layer returns: the driver below, plus draining.
struct SignalDriver {
    inner: Box<dyn Driver>,
    shared: Arc<Shared>,
}

/// The error for a listener created on a runtime whose signal driver shut
/// down (worded as tokio's).
pub(crate) fn gone_error() -> io::Error {
    io::Error::other("signal driver gone")
}

impl Handle {
    /// Whether the driver shut down.
    pub(crate) fn is_shutdown(&self) -> bool {
        self.shared.is_shutdown.load(Acquire)
    }

    /// Names this driver in the broadcast table: the address of its shared
    /// state, which its listeners keep alive, so no other driver has it
    /// while they exist.
    pub(crate) fn id(&self) -> usize {
        &*self.shared as *const Shared as usize
    }

    /// Fails if the driver shut down.
    pub(crate) fn check_alive(&self) -> io::Result<()> {
        if self.is_shutdown() {
            Err(gone_error())
        } else {
            Ok(())
        }
    }

    /// Registers this runtime's duplicate of the wake-up socket with the I/O
    /// driver, once. Must run in the runtime's context.
    ///
    /// # Panics
    ///
    /// If the runtime has no I/O driver.
    #[track_caller]
    pub(crate) fn register(&self, globals: &Globals) -> io::Result<()> {
        let mut pipe = self.shared.pipe.lock();
        if pipe.shut_down {
            return Err(gone_error());
        }
        if pipe.fd.is_some() {
            return Ok(());
        }
        let fd = AsyncFd::with_interest(globals.receiver()?, Interest::READABLE)?;
        // Arm: the I/O driver now holds our waker. Bytes already waiting
        // make the socket ready at once; then process them at the next park.
        // (A poll refused by the task's budget wakes the waker too.)
        if fd
            .poll_read_ready(&mut Context::from_waker(&self.shared.waker))
            .is_ready()
        {
            self.shared.waker.wake_by_ref();
        }
        pipe.fd = Some(fd);
        Ok(())
    }
}

impl Shared {
    /// Reads the socket dry if the I/O driver reported it readable, then
    /// broadcasts.
    fn process(&self) {
        if !self.wakeup.pending.swap(false, AcqRel) {
            return;
        }
        {
            let pipe = self.pipe.lock();
            if let Some(fd) = &pipe.fd {
                self.drain(fd);
            }
        }
        if let Some(globals) = globals::get() {
            globals.table().broadcast();
        }
    }

    /// Reads until `WouldBlock`, clears the readiness, and polls again so
    /// the I/O driver keeps our waker (or reports new readiness, which we
    /// read too).
    fn drain(&self, fd: &AsyncFd<UnixStream>) {
        let mut cx = Context::from_waker(&self.waker);
        let mut buf = [0u8; 128];
        loop {
            let mut guard = match fd.poll_read_ready(&mut cx) {
                Poll::Ready(Ok(guard)) => guard,
                // Pending: armed. An error: the I/O driver shut down.
                Poll::Pending | Poll::Ready(Err(_)) => return,
            };
            loop {
                match guard.get_inner().read(&mut buf) {
                    Ok(0) => return, // cannot happen: the writer lives forever
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        guard.clear_ready();
                        break;
                    }
                    Err(_) => return,
                }
            }
        }
    }

    /// Marks the driver gone, deregisters the socket and wakes the
    /// listeners. Idempotent.
    fn shutdown(&self) {
        let fd = {
            let mut pipe = self.pipe.lock();
            pipe.shut_down = true;
            pipe.fd.take()
        };
        drop(fd);
        if self.is_shutdown.swap(true, AcqRel) {
            return;
        }
        if let Some(globals) = globals::get() {
            globals.table().wake_owner(self as *const Shared as usize);
        }
    }
}

impl Driver for SignalDriver {
    fn park(&mut self) {
        self.inner.park();
        self.shared.process();
    }

    fn park_timeout(&mut self, duration: Duration) {
        self.inner.park_timeout(duration);
        self.shared.process();
    }

    fn unparker(&self) -> std::sync::Arc<dyn Unpark> {
        self.inner.unparker()
    }

    fn shutdown(&mut self) {
        self.shared.shutdown();
        self.inner.shutdown();
    }
}

impl Drop for SignalDriver {
    fn drop(&mut self) {
        // `shutdown` runs first in a normal teardown; this covers a driver
        // dropped without it.
        self.shared.shutdown();
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignalHandle")
            .field("is_shutdown", &self.is_shutdown())
            .finish()
    }
}
