//! Auto traits of every public type, as tokio's.

use std::future::Ready;

use runtime_time::error::{Elapsed, Error};
use runtime_time::{Instant, Interval, MissedTickBehavior, Sleep, Timeout};

fn send<T: Send>() {}
fn sync<T: Sync>() {}
fn unpin<T: Unpin>() {}

#[test]
fn auto_traits() {
    send::<Sleep>();
    sync::<Sleep>();
    send::<Timeout<Ready<()>>>();
    sync::<Timeout<Ready<()>>>();
    send::<Interval>();
    sync::<Interval>();
    unpin::<Interval>();
    send::<Instant>();
    sync::<Instant>();
    unpin::<Instant>();
    send::<Elapsed>();
    sync::<Elapsed>();
    send::<Error>();
    sync::<Error>();
    send::<MissedTickBehavior>();
    unpin::<MissedTickBehavior>();
}

/// `Sleep` must not be `Unpin`: the wheel points into it.
#[test]
fn sleep_is_not_unpin() {
    trait AmbiguousIfUnpin<A> {
        fn some_item() {}
    }
    impl<T: ?Sized> AmbiguousIfUnpin<()> for T {}
    #[allow(dead_code)]
    struct Invalid;
    impl<T: ?Sized + Unpin> AmbiguousIfUnpin<Invalid> for T {}
    // Compiles only if `Sleep: !Unpin` (otherwise the call is ambiguous).
    <Sleep as AmbiguousIfUnpin<_>>::some_item();
}
