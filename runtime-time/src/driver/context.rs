//! Finding the current runtime's time driver.
//!
//! A timer looks the handle up once, when it is created, in the driver
//! registry of the runtime it is created in
//! ([`Handle::driver`](runtime_core::runtime::Handle::driver)).

#[cfg(feature = "test-util")]
use runtime_core::runtime::Handle;
#[cfg(feature = "test-util")]
use runtime_core::runtime::RuntimeFlavor;
use runtime_core::runtime::driver;

#[cfg(feature = "test-util")]
use crate::driver::clock::Clock;
use crate::driver::handle::TimeHandle;

pub(crate) enum Lookup {
    Found(TimeHandle),
    /// In a runtime built without the time driver.
    Disabled,
    /// Outside any runtime.
    NoRuntime,
}

pub(crate) fn lookup() -> Lookup {
    // Borrow the handle in place: cloning the runtime handle first would
    // cost two extra atomic operations per timer.
    match driver::with_current::<TimeHandle, _>(|time| time.cloned()) {
        Ok(Some(time)) => Lookup::Found(time),
        Ok(None) => Lookup::Disabled,
        Err(_) => Lookup::NoRuntime,
    }
}

/// Calls `f` with the current runtime's clock, if there is one with timers.
#[cfg(feature = "test-util")]
pub(crate) fn with_current_clock<R>(f: impl FnOnce(&Clock) -> R) -> Option<R> {
    driver::with_current::<TimeHandle, _>(|time| time.map(|time| f(time.clock())))
        .ok()
        .flatten()
}

/// Panics unless the current runtime may pause its clock: only a
/// current-thread runtime can (its clock jumps when its one thread idles).
#[cfg(feature = "test-util")]
#[track_caller]
pub(crate) fn assert_pausable() {
    if let Ok(handle) = Handle::try_current() {
        if handle.runtime_flavor() != RuntimeFlavor::CurrentThread {
            panic!(
                "`time::pause()` requires the `current_thread` runtime. \
                 This is the default runtime used by `#[runtime::test]`."
            );
        }
    }
}
