//! Assertions on `Poll` and `Result` values that return the value inside.
//!
//! Each macro takes an optional format string and arguments, appended to
//! the panic message.

/// Asserts that a `Poll` is `Ready` and returns its value.
///
/// # Panics
///
/// Panics with "pending" (and the optional message) if it is `Pending`.
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use runtime_test::assert_ready;
///
/// let v = assert_ready!(Poll::Ready(3));
/// assert_eq!(v, 3);
/// ```
///
/// ```should_panic
/// use std::task::Poll;
/// use runtime_test::assert_ready;
///
/// assert_ready!(Poll::<()>::Pending, "the channel should have had a value");
/// ```
#[macro_export]
macro_rules! assert_ready {
    ($e:expr) => {{
        match $e {
            ::core::task::Poll::Ready(v) => v,
            ::core::task::Poll::Pending => ::core::panic!("pending"),
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $e {
            ::core::task::Poll::Ready(v) => v,
            ::core::task::Poll::Pending => {
                ::core::panic!("pending; {}", ::core::format_args!($($msg)+))
            }
        }
    }};
}

/// Asserts that a `Poll` is `Ready(Ok(_))` and returns the `Ok` value.
///
/// # Panics
///
/// Panics if it is `Pending` or `Ready(Err(_))`; the error is printed with
/// `Debug`.
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use runtime_test::assert_ready_ok;
///
/// let v = assert_ready_ok!(Poll::Ready(Ok::<_, ()>(3)));
/// assert_eq!(v, 3);
/// ```
#[macro_export]
macro_rules! assert_ready_ok {
    ($e:expr) => {{
        match $crate::assert_ready!($e) {
            Ok(v) => v,
            Err(e) => ::core::panic!("error = {:?}", e),
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $crate::assert_ready!($e, $($msg)+) {
            Ok(v) => v,
            Err(e) => ::core::panic!("error = {:?}; {}", e, ::core::format_args!($($msg)+)),
        }
    }};
}

/// Asserts that a `Poll` is `Ready(Err(_))` and returns the error.
///
/// # Panics
///
/// Panics if it is `Pending` or `Ready(Ok(_))`; the value is printed with
/// `Debug`.
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use runtime_test::assert_ready_err;
///
/// let e = assert_ready_err!(Poll::Ready(Err::<(), _>("boom")));
/// assert_eq!(e, "boom");
/// ```
#[macro_export]
macro_rules! assert_ready_err {
    ($e:expr) => {{
        match $crate::assert_ready!($e) {
            Ok(v) => ::core::panic!("value = {:?}", v),
            Err(e) => e,
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $crate::assert_ready!($e, $($msg)+) {
            Ok(v) => ::core::panic!("value = {:?}; {}", v, ::core::format_args!($($msg)+)),
            Err(e) => e,
        }
    }};
}

/// Asserts that a `Poll` is `Pending`.
///
/// # Panics
///
/// Panics if it is `Ready`; the value is printed with `Debug`.
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use runtime_test::assert_pending;
///
/// assert_pending!(Poll::<()>::Pending);
/// ```
///
/// ```should_panic
/// use std::task::Poll;
/// use runtime_test::assert_pending;
///
/// assert_pending!(Poll::Ready(1), "nothing was sent yet");
/// ```
#[macro_export]
macro_rules! assert_pending {
    ($e:expr) => {{
        match $e {
            ::core::task::Poll::Pending => {}
            ::core::task::Poll::Ready(v) => ::core::panic!("ready; value = {:?}", v),
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $e {
            ::core::task::Poll::Pending => {}
            ::core::task::Poll::Ready(v) => {
                ::core::panic!("ready; value = {:?}; {}", v, ::core::format_args!($($msg)+))
            }
        }
    }};
}

/// Asserts that a `Poll` is `Ready` with a value equal to the expected one.
///
/// # Panics
///
/// Panics if it is `Pending`, or if the values differ (as `assert_eq!`).
///
/// # Examples
///
/// ```
/// use std::task::Poll;
/// use runtime_test::assert_ready_eq;
///
/// assert_ready_eq!(Poll::Ready(2 + 2), 4);
/// ```
#[macro_export]
macro_rules! assert_ready_eq {
    ($e:expr, $expect:expr) => {{
        let val = $crate::assert_ready!($e);
        ::core::assert_eq!(val, $expect)
    }};
    ($e:expr, $expect:expr, $($msg:tt)+) => {{
        let val = $crate::assert_ready!($e, $($msg)+);
        ::core::assert_eq!(val, $expect, $($msg)+)
    }};
}

/// Asserts that a `Result` is `Ok` and returns the value.
///
/// # Panics
///
/// Panics if it is `Err`; the error is printed with `Debug`.
///
/// # Examples
///
/// ```
/// use runtime_test::assert_ok;
///
/// let n: u8 = assert_ok!("42".parse::<u8>());
/// assert_eq!(n, 42);
/// ```
#[macro_export]
macro_rules! assert_ok {
    ($e:expr) => {{
        match $e {
            Ok(v) => v,
            Err(e) => ::core::panic!("assertion failed: Err({:?})", e),
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $e {
            Ok(v) => v,
            Err(e) => {
                ::core::panic!("assertion failed: Err({:?}): {}", e, ::core::format_args!($($msg)+))
            }
        }
    }};
}

/// Asserts that a `Result` is `Err` and returns the error.
///
/// # Panics
///
/// Panics if it is `Ok`; the value is printed with `Debug`.
///
/// # Examples
///
/// ```
/// use runtime_test::assert_err;
///
/// let e = assert_err!("x".parse::<u8>());
/// assert_eq!(e.to_string(), "invalid digit found in string");
/// ```
#[macro_export]
macro_rules! assert_err {
    ($e:expr) => {{
        match $e {
            Ok(v) => ::core::panic!("assertion failed: Ok({:?})", v),
            Err(e) => e,
        }
    }};
    ($e:expr, $($msg:tt)+) => {{
        match $e {
            Ok(v) => {
                ::core::panic!("assertion failed: Ok({:?}): {}", v, ::core::format_args!($($msg)+))
            }
            Err(e) => e,
        }
    }};
}

/// Asserts that the time since `start` is `duration`, give or take the
/// timer's one-millisecond resolution: at least `duration` and at most one
/// millisecond more.
///
/// `start` is anything with an `elapsed()` method returning a
/// [`Duration`](std::time::Duration), such as `runtime_time::Instant`. It
/// is meant for runtimes whose clock is paused (`start_paused`), where time
/// moves only as the timers fire, so the check is exact and independent of
/// the machine's speed.
///
/// # Panics
///
/// Panics if the elapsed time is outside that range, printing both.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use runtime_core::runtime::Builder;
/// use runtime_test::assert_elapsed;
///
/// let rt = Builder::new_current_thread()
///     .driver_layer(runtime_time::driver::layer())
///     .start_paused(true)
///     .build()
///     .unwrap();
/// rt.block_on(async {
///     let start = runtime_time::Instant::now();
///     runtime_time::sleep(Duration::from_secs(5)).await;
///     assert_elapsed!(start, Duration::from_secs(5));
/// });
/// ```
#[macro_export]
macro_rules! assert_elapsed {
    ($start:expr, $duration:expr $(,)?) => {{
        let elapsed: ::core::time::Duration = $start.elapsed();
        let expected: ::core::time::Duration = $duration;
        let upper = expected + ::core::time::Duration::from_millis(1);
        ::core::assert!(
            elapsed >= expected && elapsed <= upper,
            "assertion failed: elapsed time {:?} is not in [{:?}, {:?}]",
            elapsed,
            expected,
            upper,
        );
    }};
}
