//! Auto traits of every public type: `Send`, `Sync`, `Unpin`, and the
//! `!Unpin` of the consuming futures.

use std::rc::Rc;

use runtime_stream::adapters::*;
use runtime_stream::*;

fn send<T: Send>() {}
fn sync<T: Sync>() {}
fn unpin<T: Unpin>() {}

/// `T` is not `Unpin`: a second, ambiguous impl exists exactly when `T:
/// Unpin`, so calling this with an `Unpin` type fails to compile.
trait AmbiguousIfUnpin<A> {}
impl<T: ?Sized> AmbiguousIfUnpin<()> for T {}
impl<T: ?Sized + Unpin> AmbiguousIfUnpin<u8> for T {}
fn not_unpin<T: AmbiguousIfUnpin<A>, A>(_: &T) {}

type It = Iter<std::vec::IntoIter<u8>>;

#[test]
fn constructors_are_send_sync_unpin() {
    send::<It>();
    sync::<It>();
    unpin::<It>();
    send::<Once<u8>>();
    sync::<Once<u8>>();
    unpin::<Once<u8>>();
    // Empty and Pending hold no `T`, so they are Send + Sync for any T.
    send::<Empty<Rc<u8>>>();
    sync::<Empty<Rc<u8>>>();
    unpin::<Empty<std::marker::PhantomPinned>>();
    send::<Pending<Rc<u8>>>();
    sync::<Pending<Rc<u8>>>();
    unpin::<Pending<std::marker::PhantomPinned>>();
}

#[test]
fn adapters_inherit_from_the_inner_stream() {
    send::<Map<It, fn(u8) -> u8>>();
    sync::<Map<It, fn(u8) -> u8>>();
    unpin::<Map<It, fn(u8) -> u8>>();
    unpin::<MapWhile<It, fn(u8) -> Option<u8>>>();
    unpin::<Filter<It, fn(&u8) -> bool>>();
    unpin::<FilterMap<It, fn(u8) -> Option<u8>>>();
    unpin::<Fuse<It>>();
    unpin::<Take<It>>();
    unpin::<TakeWhile<It, fn(&u8) -> bool>>();
    unpin::<Skip<It>>();
    unpin::<SkipWhile<It, fn(&u8) -> bool>>();
    unpin::<Chain<It, It>>();
    unpin::<Merge<It, It>>();
    unpin::<Peekable<It>>();
    send::<Peekable<It>>();
    send::<Then<It, std::future::Ready<u8>, fn(u8) -> std::future::Ready<u8>>>();
    unpin::<Then<It, std::future::Ready<u8>, fn(u8) -> std::future::Ready<u8>>>();
}

#[test]
fn stream_map_and_close_inherit_from_their_parts() {
    send::<StreamMap<String, It>>();
    sync::<StreamMap<String, It>>();
    unpin::<StreamMap<String, It>>();
    send::<StreamNotifyClose<It>>();
    sync::<StreamNotifyClose<It>>();
    unpin::<StreamNotifyClose<It>>();
}

#[test]
fn consuming_futures_are_send_but_not_unpin() {
    let mut s = iter(vec![1u8]);
    fn send_val<T: Send>(_: &T) {}
    let next = s.next();
    send_val(&next);
    not_unpin(&next);
    drop(next);
    let all = s.all(|_| true);
    not_unpin(&all);
    drop(all);
    let any = s.any(|_| true);
    not_unpin(&any);
    drop(any);
    let fold = iter(vec![1u8]).fold(0u8, |a, b| a + b);
    send_val(&fold);
    not_unpin(&fold);
    let collect = iter(vec![1u8]).collect::<Vec<u8>>();
    send_val(&collect);
    not_unpin(&collect);
    let mut r = iter(vec![Ok::<u8, ()>(1)]);
    let try_next = r.try_next();
    not_unpin(&try_next);
}

#[test]
fn channel_wrappers_are_send_sync_unpin() {
    use runtime_stream::wrappers::{ReceiverStream, UnboundedReceiverStream};
    send::<ReceiverStream<u8>>();
    sync::<ReceiverStream<u8>>();
    unpin::<ReceiverStream<u8>>();
    send::<UnboundedReceiverStream<u8>>();
    sync::<UnboundedReceiverStream<u8>>();
    unpin::<UnboundedReceiverStream<u8>>();
}

#[cfg(feature = "sync")]
#[test]
fn broadcast_and_watch_streams_are_send_sync_unpin() {
    use runtime_stream::wrappers::errors::BroadcastStreamRecvError;
    use runtime_stream::wrappers::{BroadcastStream, WatchStream};
    send::<BroadcastStream<u8>>();
    sync::<BroadcastStream<u8>>();
    unpin::<BroadcastStream<u8>>();
    send::<WatchStream<u8>>();
    sync::<WatchStream<u8>>();
    unpin::<WatchStream<u8>>();
    send::<BroadcastStreamRecvError>();
    sync::<BroadcastStreamRecvError>();
}

#[cfg(feature = "time")]
#[test]
fn time_adapters_are_send_sync() {
    use runtime_stream::wrappers::IntervalStream;
    send::<Timeout<It>>();
    sync::<Timeout<It>>();
    send::<TimeoutRepeating<It>>();
    unpin::<TimeoutRepeating<It>>();
    send::<Throttle<It>>();
    sync::<Throttle<It>>();
    send::<ChunksTimeout<It>>();
    send::<IntervalStream>();
    sync::<IntervalStream>();
    unpin::<IntervalStream>();
    send::<Elapsed>();
    sync::<Elapsed>();
}

#[cfg(feature = "io-util")]
#[test]
fn io_wrappers_inherit_from_the_reader() {
    use runtime_stream::wrappers::{LinesStream, SplitStream};
    send::<LinesStream<&[u8]>>();
    sync::<LinesStream<&[u8]>>();
    unpin::<LinesStream<&[u8]>>();
    send::<SplitStream<&[u8]>>();
    unpin::<SplitStream<&[u8]>>();
}

#[cfg(feature = "net")]
#[test]
fn listener_wrappers_are_send_sync_unpin() {
    use runtime_stream::wrappers::TcpListenerStream;
    send::<TcpListenerStream>();
    sync::<TcpListenerStream>();
    unpin::<TcpListenerStream>();
    #[cfg(unix)]
    {
        use runtime_stream::wrappers::UnixListenerStream;
        send::<UnixListenerStream>();
        sync::<UnixListenerStream>();
        unpin::<UnixListenerStream>();
    }
}
