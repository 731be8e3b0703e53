//! Finding the current runtime's time driver.
//!
//! A timer looks the handle up once, when it is created, in the driver
//! registry of the runtime it is created in.

use crate::driver::handle::TimeHandle;

pub(crate) enum Lookup {
    Found(TimeHandle),
    Disabled,
    NoRuntime,
}

#[cfg(test)]
thread_local! {
    static TEST_HANDLE: std::cell::RefCell<Option<TimeHandle>> = const { std::cell::RefCell::new(None) };
}

/// Makes `handle` current on this thread for the rest of the test.
#[cfg(test)]
pub(crate) fn set_test_handle(handle: Option<TimeHandle>) {
    TEST_HANDLE.with(|cell| *cell.borrow_mut() = handle);
}

pub(crate) fn lookup() -> Lookup {
    #[cfg(test)]
    if let Some(handle) = TEST_HANDLE.with(|cell| cell.borrow().clone()) {
        return Lookup::Found(handle);
    }
    Lookup::NoRuntime
}

/// Panics unless the current runtime may pause its clock (a current-thread
/// runtime).
#[cfg(feature = "test-util")]
#[track_caller]
pub(crate) fn assert_pausable() {}
