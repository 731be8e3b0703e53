//! The process-wide state: the wake-up socket, the broadcast table, and
//! which handlers are installed.
//!
//! Signal dispositions belong to the process, not to a runtime, so this
//! state is a lazily created global that is never freed (the handler may
//! read it at any time, from any thread). It holds
//!
//! * a non-blocking Unix socket pair: the handler writes a byte to one end;
//!   each runtime's signal driver registers its own duplicate of the other
//!   end with its I/O driver (a descriptor may not be registered twice with
//!   one poller, and each runtime has its own poller);
//! * the [`Table`] of pending flags, versions and waiters;
//! * per signal, the outcome of installing the handler (done once; a
//!   failure is remembered and reported to every later listener), and the
//!   previous handler, for chaining.

use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::OnceLock;

use libc::c_int;
use runtime_core::loom::sync::atomic::{
    AtomicBool, AtomicUsize, Ordering::Acquire, Ordering::Release,
};

use crate::registry::Table;
use crate::sys;

static GLOBALS: OnceLock<Globals> = OnceLock::new();

/// See the module docs.
#[derive(Debug)]
pub(crate) struct Globals {
    sender: UnixStream,
    receiver: UnixStream,
    table: Table,
    slots: Box<[Slot]>,
}

#[derive(Debug, Default)]
struct Slot {
    /// The outcome of installing our handler: `Err(Some(errno))` or
    /// `Err(None)` when the OS gave no error code.
    installed: OnceLock<Result<(), Option<i32>>>,
    /// The handler installed before ours (`sa_sigaction`), 0 when none.
    previous: AtomicUsize,
    previous_siginfo: AtomicBool,
}

/// The globals if they were created already (the handler's way in: it
/// never creates them).
pub(crate) fn get() -> Option<&'static Globals> {
    GLOBALS.get()
}

/// The globals, created on first use.
///
/// # Errors
///
/// If the wake-up socket cannot be created (out of descriptors).
pub(crate) fn globals() -> io::Result<&'static Globals> {
    if let Some(globals) = GLOBALS.get() {
        return Ok(globals);
    }
    let (receiver, sender) = UnixStream::pair()?;
    receiver.set_nonblocking(true)?;
    sender.set_nonblocking(true)?;
    let len = max_signal() as usize + 1;
    let globals = Globals {
        sender,
        receiver,
        table: Table::new(len),
        slots: (0..len).map(|_| Slot::default()).collect(),
    };
    // Another thread may have won the race; its globals are the ones, and
    // ours (and their sockets) are dropped.
    let _ = GLOBALS.set(globals);
    Ok(GLOBALS.get().expect("set above"))
}

/// The largest signal number a listener may ask for: the real-time signals
/// included where the platform has them.
fn max_signal() -> c_int {
    #[cfg(any(target_os = "linux", target_os = "illumos"))]
    {
        libc::SIGRTMAX()
    }
    #[cfg(not(any(target_os = "linux", target_os = "illumos")))]
    {
        // The classic signals; every Unix numbers them below 33.
        33
    }
}

impl Globals {
    pub(crate) fn table(&self) -> &Table {
        &self.table
    }

    /// The end the handler writes to.
    pub(crate) fn wake_fd(&self) -> c_int {
        self.sender.as_raw_fd()
    }

    /// A new descriptor for the end a driver reads from (non-blocking, as
    /// the flag belongs to the shared open file).
    pub(crate) fn receiver(&self) -> io::Result<UnixStream> {
        self.receiver.try_clone()
    }

    /// Whether `signum` has a slot here.
    pub(crate) fn in_range(&self, signum: c_int) -> bool {
        signum > 0 && (signum as usize) < self.slots.len()
    }

    /// Installs the handler for `signum` unless that was done (or tried)
    /// before; a failure is remembered and reported again.
    pub(crate) fn enable(&self, signum: c_int) -> io::Result<()> {
        let slot = &self.slots[signum as usize];
        slot.installed
            .get_or_init(|| sys::install(self, signum).map_err(|e| e.raw_os_error()))
            .map_err(|code| match code {
                Some(code) => io::Error::from_raw_os_error(code),
                None => io::Error::other("registering signal handler failed"),
            })
    }

    /// Remembers the handler that was installed for `signum` before ours.
    pub(crate) fn set_previous(&self, signum: c_int, action: libc::sighandler_t, siginfo: bool) {
        let slot = &self.slots[signum as usize];
        let chain = action != libc::SIG_DFL && action != libc::SIG_IGN;
        slot.previous_siginfo.store(siginfo, Release);
        slot.previous.store(if chain { action } else { 0 }, Release);
    }

    /// The handler to chain to for `signum`, and whether it takes three
    /// arguments.
    pub(crate) fn previous(&self, signum: c_int) -> Option<(libc::sighandler_t, bool)> {
        let slot = self.slots.get(usize::try_from(signum).ok()?)?;
        let action = slot.previous.load(Acquire);
        (action != 0).then(|| (action, slot.previous_siginfo.load(Acquire)))
    }
}
