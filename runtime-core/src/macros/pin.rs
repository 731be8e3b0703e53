//! [`pin!`](crate::pin): pin values on the stack, shadowing their bindings.

/// Pins one or more values on the stack.
///
/// Calling a method that takes `self: Pin<&mut Self>` (such as
/// [`Future::poll`](core::future::Future::poll)), or awaiting `&mut fut` in a
/// loop, needs a pinned future. `pin!(fut)` moves `fut` into a stack slot the
/// caller can no longer reach and rebinds the name `fut` to a
/// `Pin<&mut _>` pointing at it, so the value can never move again. Nothing
/// is allocated.
///
/// Two forms are accepted: a list of local variable names, or a list of
/// `let` statements that bind and pin in one go.
///
/// # Examples
///
/// Pin a future to resume it across the iterations of a `select!` loop:
///
/// ```
/// use runtime_core::{pin, select};
///
/// # futures::executor::block_on(async {
/// let countdown = async { 3 };
/// pin!(countdown);
///
/// let mut ticks = 0;
/// let value = loop {
///     select! {
///         value = &mut countdown => break value,
///         _ = async {} => ticks += 1,
///     }
/// };
/// assert_eq!(value, 3);
/// # let _ = ticks;
/// # });
/// ```
///
/// Bind and pin with `let`:
///
/// ```
/// use std::future::Future;
/// use std::task::{Context, Poll};
/// use runtime_core::pin;
///
/// pin! {
///     let first = async { 1 };
///     let second = async { 2 };
/// }
/// let mut cx = Context::from_waker(std::task::Waker::noop());
/// assert_eq!(first.as_mut().poll(&mut cx), Poll::Ready(1));
/// assert_eq!(second.as_mut().poll(&mut cx), Poll::Ready(2));
/// ```
#[macro_export]
macro_rules! pin {
    ($($x:ident),* $(,)?) => {
        $(
            #[allow(unused_mut)]
            let mut $x = $crate::macros::support::pin!($x);
        )*
    };
    ($(let $x:ident = $init:expr;)*) => {
        $(
            let $x = $init;
            $crate::pin!($x);
        )*
    };
}
