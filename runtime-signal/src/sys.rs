//! The OS half: installing the process-wide handler with `sigaction(2)`,
//! and the handler itself.
//!
//! The handler runs on whatever thread the kernel picks, at any point in
//! that thread's execution, so it may only do async-signal-safe work. It
//!
//! 1. saves `errno` (the `write` below may change it, and the interrupted
//!    code may be about to read it),
//! 2. records the delivery in the broadcast table (one atomic store),
//! 3. writes one byte to the non-blocking wake-up socket; a full buffer
//!    (`EAGAIN`) is fine, since the reader has bytes to wake on already,
//! 4. calls the handler that was installed before ours, if it was a function
//!    (not `SIG_DFL` / `SIG_IGN`), so that a library that handled the signal
//!    first keeps working,
//! 5. restores `errno`.
//!
//! It takes no lock and allocates nothing. The globals it reads are set
//! before the handler is installed and never freed.
//!
//! Miri cannot run `sigaction`; the unsafe here is kept to the system calls
//! and is exercised by the integration tests.

use std::io;

use libc::{c_int, c_void, siginfo_t};

use crate::globals::{self, Globals};

/// Signals a handler must not be installed for: `SIGKILL` and `SIGSTOP`
/// cannot be caught, and returning from a handler of a synchronous fault
/// (`SIGILL`, `SIGFPE`, `SIGSEGV`) re-executes the faulting instruction.
pub(crate) const FORBIDDEN: &[c_int] = &[
    libc::SIGKILL,
    libc::SIGSTOP,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGSEGV,
];

/// Installs the process-wide handler for `signum`, remembering the previous
/// action in `globals` so the handler can chain to it.
///
/// Call once per signal (the caller guards it with a `OnceLock`).
pub(crate) fn install(globals: &Globals, signum: c_int) -> io::Result<()> {
    // SAFETY: `sigaction` is plain-old-data; all zeroes is a valid value
    // (empty mask, no flags, SIG_DFL), and every field we rely on is set
    // below.
    let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
    // SAFETY: a null `act` only queries; `old` is a valid, writable
    // `sigaction` for the duration of the call.
    if unsafe { libc::sigaction(signum, std::ptr::null(), &mut old) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // Stored before our handler can run, so it never sees a stale value.
    globals.set_previous(
        signum,
        old.sa_sigaction,
        old.sa_flags & libc::SA_SIGINFO != 0,
    );

    // SAFETY: as above, all zeroes is a valid `sigaction`.
    let mut new: libc::sigaction = unsafe { std::mem::zeroed() };
    new.sa_sigaction = handler as extern "C" fn(c_int, *mut siginfo_t, *mut c_void) as usize;
    // SA_RESTART: system calls interrupted on other threads restart instead
    // of failing with EINTR. SA_SIGINFO: the three-argument form, which we
    // need to chain to a previous three-argument handler.
    //
    // No SA_ONSTACK, and every signal blocked while the handler runs: with
    // the small alternate stack Rust gives each thread, a burst of distinct
    // signals (say the 31 real-time ones) nested one handler frame per
    // signal there and overflowed it (SIGSEGV). Blocked signals are
    // delivered as soon as the handler returns; it is short.
    new.sa_flags = libc::SA_RESTART | libc::SA_SIGINFO;
    // SAFETY: `new.sa_mask` is a valid, writable signal set.
    unsafe { libc::sigfillset(&mut new.sa_mask) };
    // SAFETY: `new` is fully initialised and `handler` is async-signal-safe
    // (module docs); a null `oldact` is allowed.
    if unsafe { libc::sigaction(signum, &new, std::ptr::null_mut()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The handler installed for every signal someone listens to.
extern "C" fn handler(signum: c_int, info: *mut siginfo_t, context: *mut c_void) {
    let saved = errno::get();
    // Installed only after the globals exist, so this is always `Some`.
    if let Some(globals) = globals::get() {
        globals.table().record(signum as usize);
        wake(globals.wake_fd());
        if let Some((previous, siginfo)) = globals.previous(signum) {
            if siginfo {
                // SAFETY: `previous` was installed for this signal with
                // SA_SIGINFO by someone else, so it is a function of this
                // signature that expects to be called from a signal handler
                // with these arguments.
                let f: extern "C" fn(c_int, *mut siginfo_t, *mut c_void) =
                    unsafe { std::mem::transmute(previous) };
                f(signum, info, context);
            } else {
                // SAFETY: as above, for a one-argument handler (installed
                // without SA_SIGINFO).
                let f: extern "C" fn(c_int) = unsafe { std::mem::transmute(previous) };
                f(signum);
            }
        }
    }
    errno::set(saved);
}

/// Writes one wake-up byte to `fd`, ignoring failure (async-signal-safe).
fn wake(fd: c_int) {
    let byte = 1u8;
    // SAFETY: `fd` is the write end of the wake-up socket, open for the
    // life of the process; the buffer is one valid byte. `write` is
    // async-signal-safe. A failure (a full buffer) needs no handling: the
    // reader has bytes to wake on already.
    let _ = unsafe { libc::write(fd, (&raw const byte).cast::<c_void>(), 1) };
}

/// Saving and restoring `errno` around the handler.
mod errno {
    #[cfg(any(target_os = "illumos", target_os = "solaris"))]
    use libc::___errno as location;
    #[cfg(any(target_os = "android", target_os = "netbsd", target_os = "openbsd"))]
    use libc::__errno as location;
    #[cfg(any(
        target_os = "linux",
        target_os = "emscripten",
        target_os = "fuchsia",
        target_os = "hurd"
    ))]
    use libc::__errno_location as location;
    #[cfg(any(target_vendor = "apple", target_os = "freebsd"))]
    use libc::__error as location;

    #[cfg(any(
        target_os = "linux",
        target_os = "emscripten",
        target_os = "fuchsia",
        target_os = "hurd",
        target_os = "android",
        target_os = "netbsd",
        target_os = "openbsd",
        target_vendor = "apple",
        target_os = "freebsd",
        target_os = "illumos",
        target_os = "solaris"
    ))]
    mod imp {
        use super::location;

        pub(crate) fn get() -> libc::c_int {
            // SAFETY: the function returns the calling thread's `errno`
            // slot, valid for the thread's lifetime.
            unsafe { *location() }
        }

        pub(crate) fn set(value: libc::c_int) {
            // SAFETY: as in `get`.
            unsafe { *location() = value }
        }
    }

    // Elsewhere errno is left as the handler leaves it.
    #[cfg(not(any(
        target_os = "linux",
        target_os = "emscripten",
        target_os = "fuchsia",
        target_os = "hurd",
        target_os = "android",
        target_os = "netbsd",
        target_os = "openbsd",
        target_vendor = "apple",
        target_os = "freebsd",
        target_os = "illumos",
        target_os = "solaris"
    )))]
    mod imp {
        pub(crate) fn get() -> libc::c_int {
            0
        }

        pub(crate) fn set(_: libc::c_int) {}
    }

    pub(crate) use imp::{get, set};
}
