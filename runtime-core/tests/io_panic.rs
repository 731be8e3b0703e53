//! Panics of the io API point at the caller's line (`#[track_caller]`).

use std::panic;
use std::sync::{Arc, Mutex};

use runtime_core::io::{self, ReadBuf};

/// Runs `f`, which must panic, and returns the file the panic points at.
fn panic_file(f: impl FnOnce() + panic::UnwindSafe) -> String {
    let seen = Arc::new(Mutex::new(None));
    let s = seen.clone();
    let prev = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        *s.lock().unwrap() = info.location().map(|l| l.file().to_string());
    }));
    let result = panic::catch_unwind(f);
    panic::set_hook(prev);
    assert!(result.is_err(), "expected a panic");
    seen.lock().unwrap().take().expect("panic location")
}

#[test]
fn panics_point_at_caller() {
    assert_eq!(
        panic_file(|| {
            let mut storage = [0u8; 1];
            ReadBuf::new(&mut storage).initialize_unfilled_to(2);
        }),
        file!()
    );
    assert_eq!(
        panic_file(|| {
            let mut storage: [u8; 0] = [];
            ReadBuf::new(&mut storage).advance(1);
        }),
        file!()
    );
    assert_eq!(
        panic_file(|| {
            let mut storage: [u8; 0] = [];
            ReadBuf::new(&mut storage).set_filled(2);
        }),
        file!()
    );
    assert_eq!(
        panic_file(|| {
            let mut storage = [0u8; 1];
            ReadBuf::new(&mut storage).put_slice(b"ab");
        }),
        file!()
    );
    // One test: the panic hook is global to the process.
    assert_eq!(
        panic_file(|| {
            let (rd, _) = io::split(io::SimplexStream::new_unsplit(1));
            let (_, wr) = io::split(io::SimplexStream::new_unsplit(1));
            rd.unsplit(wr);
        }),
        file!()
    );
    // Zero capacities.
    assert_eq!(panic_file(|| drop(io::duplex(0))), file!());
    assert_eq!(panic_file(|| drop(io::simplex(0))), file!());
    assert_eq!(
        panic_file(|| drop(io::SimplexStream::new_unsplit(0))),
        file!()
    );
    assert_eq!(
        panic_file(|| drop(io::BufReader::with_capacity(0, io::empty()))),
        file!()
    );
    assert_eq!(
        panic_file(|| drop(io::BufStream::with_capacity(0, 1, io::empty()))),
        file!()
    );
}
