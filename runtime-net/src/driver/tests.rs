//! Hand-driven tests of the reactor: register sources, park, check what
//! reached which registration.

use std::io::{Read, Write};
use std::sync::Arc as StdArc;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use runtime_core::runtime::driver::{Driver, LayerContext, ParkThread, Registry};

use super::*;
use crate::driver::handle::Handle;
use crate::driver::registration::Registration;
use crate::driver::scheduled_io::{Direction, bits};

struct Count(AtomicUsize);
impl Wake for Count {
    fn wake(self: StdArc<Self>) {
        self.0.fetch_add(1, SeqCst);
    }
}

fn counter() -> (StdArc<Count>, Waker) {
    let c = StdArc::new(Count(AtomicUsize::new(0)));
    (c.clone(), Waker::from(c))
}

fn pair() -> (mio::net::UnixStream, std::os::unix::net::UnixStream) {
    let (a, b) = std::os::unix::net::UnixStream::pair().unwrap();
    a.set_nonblocking(true).unwrap();
    (mio::net::UnixStream::from_std(a), b)
}

/// Parks until `cond` holds (events can take more than one poll to arrive
/// on a loaded machine; the verdict never depends on the timing).
fn park_until(reactor: &mut Reactor, mut cond: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if cond() {
            return;
        }
        reactor.park_timeout(Duration::from_millis(50));
    }
    panic!("condition never held");
}

#[test]
fn layer_replaces_parker_and_registers_handle() {
    let mut registry = Registry::new();
    let mut cx = LayerContext {
        registry: &mut registry,
        start_paused: false,
    };
    let mut driver = layer()(Box::new(ParkThread::new()), &mut cx).unwrap();
    assert!(registry.contains::<Handle>());
    // The driver's unparker interrupts a blocking park.
    let unparker = driver.unparker();
    let th = std::thread::spawn(move || unparker.unpark());
    driver.park();
    th.join().unwrap();
    driver.shutdown();
    assert!(registry.get::<Handle>().unwrap().is_shutdown());
}

#[test]
fn stored_unpark_makes_next_park_return() {
    let (mut reactor, _handle) = Reactor::new(64, 64).unwrap();
    reactor.unparker().unpark();
    // Would block forever if the wake-up were lost.
    reactor.park();
}

#[test]
fn unpark_from_the_driving_thread_costs_no_wake_up() {
    let (mut reactor, _handle) = Reactor::new(64, 64).unwrap();
    let unparker = reactor.unparker();
    // The thread that polls the reactor is not parked: nothing to interrupt.
    unparker.unpark_self();
    assert!(!reactor.poll_for_unpark());
    // An unpark from elsewhere still reaches the poller, once.
    unparker.unpark();
    assert!(reactor.poll_for_unpark());
    assert!(!reactor.poll_for_unpark());
}

#[test]
fn readable_event_wakes_reader_and_read_clears() {
    let (mut reactor, handle) = Reactor::new(64, 64).unwrap();
    let (mut src, mut peer) = pair();
    let reg = Registration::new_with_handle(
        &mut src,
        mio::Interest::READABLE | mio::Interest::WRITABLE,
        handle.clone(),
    )
    .unwrap();
    assert_eq!(handle.registration_count(), 1);
    // Writable right away: the first event is the socket's write room.
    park_until(&mut reactor, || {
        reg.shared().ready_event(bits::WRITABLE).ready != 0
    });

    let (c, w) = counter();
    let mut cx = Context::from_waker(&w);
    assert!(reg.poll_ready(&mut cx, Direction::Read).is_pending());
    peer.write_all(b"abc").unwrap();
    park_until(&mut reactor, || c.0.load(SeqCst) == 1);
    let mut buf = [0u8; 8];
    let got = match reg.poll_io(&mut cx, Direction::Read, || (&src).read(&mut buf)) {
        Poll::Ready(Ok(n)) => n,
        other => panic!("expected a read, got {other:?}"),
    };
    assert_eq!(&buf[..got], b"abc");
    // The next read finds WouldBlock, clears readiness and waits again.
    assert!(
        reg.poll_io(&mut cx, Direction::Read, || (&src).read(&mut buf))
            .is_pending()
    );
    assert_eq!(reg.shared().ready_event(bits::READABLE).ready, 0);
    assert_eq!(c.0.load(SeqCst), 1);

    // Peer closes: READ_CLOSED wakes the reader, read gives EOF.
    drop(peer);
    park_until(&mut reactor, || c.0.load(SeqCst) == 2);
    assert!(matches!(
        reg.poll_io(&mut cx, Direction::Read, || (&src).read(&mut buf)),
        Poll::Ready(Ok(0))
    ));
    reg.deregister(&mut src).unwrap();
    drop(reg);
    assert_eq!(handle.registration_count(), 0);
}

#[test]
fn event_for_freed_registration_is_dropped() {
    let (mut reactor, handle) = Reactor::new(64, 64).unwrap();
    let (mut src, mut peer) = pair();
    let reg =
        Registration::new_with_handle(&mut src, mio::Interest::READABLE, handle.clone()).unwrap();
    // Make an event pending in the kernel, then free the registration
    // *without* deregistering: the worst case, an event already queued for
    // a token whose slot is gone.
    peer.write_all(b"x").unwrap();
    drop(reg);
    assert_eq!(handle.registration_count(), 0);
    // A new registration reuses slot 0 with a new generation.
    let (mut src2, _peer2) = pair();
    let reg2 =
        Registration::new_with_handle(&mut src2, mio::Interest::READABLE, handle.clone()).unwrap();
    for _ in 0..5 {
        reactor.park_timeout(Duration::from_millis(10));
    }
    // src's readable event carried the old token: reg2 must not see it.
    assert_eq!(reg2.shared().ready_event(bits::READ_MASK).ready, 0);
    reg2.deregister(&mut src2).unwrap();
    let _ = handle.inner.registry.deregister(&mut src);
}

#[test]
fn shutdown_fails_pending_and_new_operations() {
    let (mut reactor, handle) = Reactor::new(64, 64).unwrap();
    let (mut src, _peer) = pair();
    let reg =
        Registration::new_with_handle(&mut src, mio::Interest::READABLE, handle.clone()).unwrap();
    // Known writable before the shutdown (the guess of a fresh socket).
    reg.assume_ready(bits::WRITABLE);
    let (c, w) = counter();
    let mut cx = Context::from_waker(&w);
    assert!(reg.poll_ready(&mut cx, Direction::Read).is_pending());
    reactor.shutdown();
    assert_eq!(c.0.load(SeqCst), 1);
    match reg.poll_ready(&mut cx, Direction::Read) {
        Poll::Ready(Err(e)) => {
            assert_eq!(e.kind(), std::io::ErrorKind::Other);
            assert!(e.to_string().contains("being shutdown"), "{e}");
        }
        other => panic!("expected the shutdown error, got {other:?}"),
    }
    // A `try_io` acts on the readiness known so far (none here): it does
    // not run the operation, and says `WouldBlock` as it would have before.
    let err = reg
        .try_io(bits::READ_MASK, || -> std::io::Result<()> {
            panic!("not ready: must not run")
        })
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::WouldBlock);
    // With readiness known from before the shutdown, it runs the operation.
    assert_eq!(
        reg.try_io(bits::WRITE_MASK, || Ok::<_, std::io::Error>(7))
            .unwrap(),
        7
    );
    // And a guess made after the shutdown changes nothing.
    reg.assume_ready(bits::READABLE);
    assert_eq!(reg.shared().ready_event(bits::READ_MASK).ready, 0);
    let (mut src2, _peer2) = pair();
    let err = Registration::new_with_handle(&mut src2, mio::Interest::READABLE, handle.clone())
        .unwrap_err();
    assert!(err.to_string().contains("being shutdown"));
    assert_eq!(handle.registration_count(), 1);
    assert!(reg.handle().is_shutdown());
    reg.deregister(&mut src).unwrap();
}

#[test]
fn dropping_the_reactor_shuts_down() {
    let (reactor, handle) = Reactor::new(64, 64).unwrap();
    let (mut src, _peer) = pair();
    let reg =
        Registration::new_with_handle(&mut src, mio::Interest::READABLE, handle.clone()).unwrap();
    let (c, w) = counter();
    assert!(
        reg.poll_ready(&mut Context::from_waker(&w), Direction::Read)
            .is_pending()
    );
    drop(reactor);
    assert_eq!(c.0.load(SeqCst), 1);
    assert!(reg.shared().is_shutdown());
}

#[test]
fn many_registrations_each_get_their_own_events() {
    let (mut reactor, handle) = Reactor::new(64, 64).unwrap();
    let mut socks = Vec::new();
    for _ in 0..64 {
        let (mut src, peer) = pair();
        let reg = Registration::new_with_handle(&mut src, mio::Interest::READABLE, handle.clone())
            .unwrap();
        socks.push((src, peer, reg));
    }
    assert_eq!(handle.registration_count(), 64);
    for (i, (_, peer, _)) in socks.iter_mut().enumerate() {
        if i % 3 == 0 {
            peer.write_all(b"!").unwrap();
        }
    }
    park_until(&mut reactor, || {
        socks
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == 0)
            .all(|(_, (_, _, reg))| reg.shared().ready_event(bits::READABLE).ready != 0)
    });
    for (i, (_, _, reg)) in socks.iter().enumerate() {
        let ready = reg.shared().ready_event(bits::READABLE).ready != 0;
        assert_eq!(ready, i % 3 == 0, "socket {i}");
    }
    for (mut src, _peer, reg) in socks {
        reg.deregister(&mut src).unwrap();
    }
    assert_eq!(handle.registration_count(), 0);
}

#[test]
fn a_busy_poll_takes_the_smaller_batch_and_leaves_the_rest_queued() {
    let (mut reactor, handle) = Reactor::new(64, 1).unwrap();
    let mut ends = Vec::new();
    let mut regs = Vec::new();
    for _ in 0..3 {
        let (mut src, peer) = pair();
        // Readable interest only: the one event each will get is its data.
        let reg = Registration::new_with_handle(&mut src, mio::Interest::READABLE, handle.clone())
            .unwrap();
        ends.push((src, peer));
        regs.push(reg);
    }
    for (_, peer) in &mut ends {
        peer.write_all(b"x").unwrap();
    }
    let readable = |regs: &[Registration]| {
        regs.iter()
            .filter(|r| r.shared().ready_event(bits::READABLE).ready != 0)
            .count()
    };
    // Each poll that does not wait takes one event; the others stay in the
    // kernel until the next poll.
    reactor.park_timeout(Duration::ZERO);
    assert_eq!(readable(&regs), 1);
    reactor.park_timeout(Duration::ZERO);
    assert_eq!(readable(&regs), 2);
    // A poll that may wait takes the large batch.
    reactor.park_timeout(Duration::from_millis(100));
    assert_eq!(readable(&regs), 3);
    for (reg, (mut src, _)) in regs.into_iter().zip(ends) {
        reg.deregister(&mut src).unwrap();
    }
}

#[test]
#[should_panic(expected = "max_io_events_per_busy_tick must be non-zero")]
fn a_zero_busy_batch_is_refused() {
    drop(layer_with_events(8, 0));
}
