//! ReadBuf: property tests of its invariants against a simple model, and
//! the panics of its checked methods.

use std::mem::MaybeUninit;

use proptest::prelude::*;
use runtime_core::io::ReadBuf;

#[derive(Debug, Clone)]
enum Op {
    PutSlice(Vec<u8>),
    InitializeUnfilledTo(usize),
    Advance(usize),
    SetFilled(usize),
    Clear,
    TakeAndFill(usize, Vec<u8>),
    WriteUnfilledAndAssume(Vec<u8>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..12).prop_map(Op::PutSlice),
        (0usize..40).prop_map(Op::InitializeUnfilledTo),
        (0usize..40).prop_map(Op::Advance),
        (0usize..40).prop_map(Op::SetFilled),
        Just(Op::Clear),
        ((0usize..40), proptest::collection::vec(any::<u8>(), 0..12))
            .prop_map(|(n, d)| Op::TakeAndFill(n, d)),
        proptest::collection::vec(any::<u8>(), 0..12).prop_map(Op::WriteUnfilledAndAssume),
    ]
}

/// What the buffer should hold: every initialised byte, and the marks.
struct Model {
    bytes: Vec<u8>,
    filled: usize,
    initialized: usize,
}

fn check(buf: &ReadBuf<'_>, model: &Model, cap: usize) {
    assert_eq!(buf.capacity(), cap);
    assert!(buf.filled().len() <= buf.initialized().len());
    assert!(buf.initialized().len() <= buf.capacity());
    assert_eq!(buf.filled().len(), model.filled);
    assert_eq!(buf.initialized().len(), model.initialized);
    assert_eq!(buf.remaining(), cap - model.filled);
    assert_eq!(buf.filled(), &model.bytes[..model.filled]);
    assert_eq!(buf.initialized(), &model.bytes[..model.initialized]);
}

proptest! {
    #[test]
    fn read_buf_matches_model(
        cap in 0usize..32,
        start_init in any::<bool>(),
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let mut init_storage = vec![0u8; cap];
        let mut uninit_storage = vec![MaybeUninit::<u8>::uninit(); cap];
        let mut buf = if start_init {
            ReadBuf::new(&mut init_storage)
        } else {
            ReadBuf::uninit(&mut uninit_storage)
        };
        let mut model = Model {
            bytes: vec![0; cap],
            filled: 0,
            initialized: if start_init { cap } else { 0 },
        };
        check(&buf, &model, cap);

        for op in ops {
            match op {
                Op::PutSlice(data) => {
                    if data.len() > buf.remaining() {
                        continue;
                    }
                    buf.put_slice(&data);
                    let end = model.filled + data.len();
                    model.bytes[model.filled..end].copy_from_slice(&data);
                    model.filled = end;
                    model.initialized = model.initialized.max(end);
                }
                Op::InitializeUnfilledTo(n) => {
                    if n > buf.remaining() {
                        continue;
                    }
                    let slice = buf.initialize_unfilled_to(n);
                    assert_eq!(slice.len(), n);
                    // Newly initialised bytes are zero; old ones keep their value.
                    let end = model.filled + n;
                    for i in model.initialized.max(model.filled)..end {
                        model.bytes[i] = 0;
                    }
                    assert_eq!(&*slice, &model.bytes[model.filled..end]);
                    model.initialized = model.initialized.max(end);
                }
                Op::Advance(n) => {
                    if model.filled + n > model.initialized {
                        continue;
                    }
                    buf.advance(n);
                    model.filled += n;
                }
                Op::SetFilled(n) => {
                    if n > model.initialized {
                        continue;
                    }
                    buf.set_filled(n);
                    model.filled = n;
                }
                Op::Clear => {
                    buf.clear();
                    model.filled = 0;
                }
                Op::TakeAndFill(n, data) => {
                    let mut sub = buf.take(n);
                    let max = n.min(cap - model.filled);
                    assert_eq!(sub.capacity(), max);
                    assert!(sub.filled().is_empty());
                    let k = data.len().min(max);
                    sub.put_slice(&data[..k]);
                    let sub_init = sub.initialized().len();
                    assert!(sub_init >= k);
                    // What was put into the sub-buffer is in our unfilled part.
                    let end = model.filled + k;
                    model.bytes[model.filled..end].copy_from_slice(&data[..k]);
                    // SAFETY: the sub-buffer initialised `sub_init` bytes from
                    // our filled mark.
                    unsafe { buf.assume_init(sub_init) };
                    model.initialized = model.initialized.max(model.filled + sub_init);
                    buf.advance(k);
                    model.filled = end;
                }
                Op::WriteUnfilledAndAssume(data) => {
                    let k = data.len().min(buf.remaining());
                    // SAFETY: only initialised bytes are written.
                    let unfilled = unsafe { buf.unfilled_mut() };
                    for (dst, src) in unfilled.iter_mut().zip(&data[..k]) {
                        dst.write(*src);
                    }
                    // SAFETY: the first `k` unfilled bytes were just written.
                    unsafe { buf.assume_init(k) };
                    let end = model.filled + k;
                    model.bytes[model.filled..end].copy_from_slice(&data[..k]);
                    model.initialized = model.initialized.max(end);
                }
            }
            check(&buf, &model, cap);
        }
    }

    #[test]
    fn advance_past_initialized_always_panics(cap in 1usize..16, fill in 0usize..16) {
        let fill = fill.min(cap);
        let result = std::panic::catch_unwind(move || {
            let mut storage = vec![MaybeUninit::<u8>::uninit(); cap];
            let mut buf = ReadBuf::uninit(&mut storage);
            buf.put_slice(&vec![1; fill]);
            buf.advance(1);
        });
        prop_assert!(result.is_err());
    }
}

#[test]
#[should_panic(expected = "filled must not become larger than initialized")]
fn set_filled_past_initialized_panics() {
    let mut storage = [MaybeUninit::<u8>::uninit(); 4];
    let mut buf = ReadBuf::uninit(&mut storage);
    buf.set_filled(1);
}

#[test]
#[should_panic]
fn initialize_unfilled_to_past_remaining_panics() {
    let mut storage = [0u8; 4];
    let mut buf = ReadBuf::new(&mut storage);
    buf.put_slice(b"ab");
    buf.initialize_unfilled_to(3);
}

#[test]
#[should_panic]
fn advance_overflow_panics() {
    let mut storage = [0u8; 4];
    let mut buf = ReadBuf::new(&mut storage);
    buf.advance(1);
    buf.advance(usize::MAX);
}

#[test]
fn debug_shows_marks() {
    let mut storage = [0u8; 8];
    let mut buf = ReadBuf::new(&mut storage);
    buf.put_slice(b"abc");
    assert_eq!(
        format!("{buf:?}"),
        "ReadBuf { filled: 3, initialized: 8, capacity: 8 }"
    );
}
