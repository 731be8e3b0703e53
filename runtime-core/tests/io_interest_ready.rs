//! Interest and Ready: constants, predicates, set operations.

use runtime_core::io::{Interest, Ready};

#[test]
fn interest_predicates() {
    assert!(Interest::READABLE.is_readable());
    assert!(!Interest::READABLE.is_writable());
    assert!(Interest::WRITABLE.is_writable());
    assert!(Interest::ERROR.is_error());
    assert!(!Interest::ERROR.is_readable());
    assert!(Interest::PRIORITY.is_priority());
    assert!(!Interest::PRIORITY.is_readable());
}

#[test]
fn interest_add_remove() {
    let all = Interest::READABLE
        .add(Interest::WRITABLE)
        .add(Interest::ERROR)
        .add(Interest::PRIORITY);
    assert!(all.is_readable() && all.is_writable() && all.is_error() && all.is_priority());
    let no_read = all.remove(Interest::READABLE).unwrap();
    assert!(!no_read.is_readable() && no_read.is_writable());
    assert_eq!(
        (Interest::READABLE | Interest::WRITABLE).remove(Interest::READABLE | Interest::WRITABLE),
        None
    );
    let mut i = Interest::WRITABLE;
    i |= Interest::READABLE;
    assert_eq!(i, Interest::READABLE | Interest::WRITABLE);
    assert_eq!(Interest::READABLE | Interest::READABLE, Interest::READABLE);
}

#[test]
fn interest_debug() {
    assert_eq!(
        format!("{:?}", Interest::WRITABLE | Interest::READABLE),
        "READABLE | WRITABLE"
    );
    assert_eq!(format!("{:?}", Interest::PRIORITY), "PRIORITY");
}

#[test]
fn ready_predicates() {
    assert!(Ready::EMPTY.is_empty());
    assert!(!Ready::EMPTY.is_readable());
    assert!(Ready::READABLE.is_readable());
    assert!(Ready::READ_CLOSED.is_readable());
    assert!(Ready::READ_CLOSED.is_read_closed());
    assert!(!Ready::READABLE.is_read_closed());
    assert!(Ready::WRITABLE.is_writable());
    assert!(Ready::WRITE_CLOSED.is_writable());
    assert!(Ready::WRITE_CLOSED.is_write_closed());
    assert!(Ready::ERROR.is_error());
    assert!(Ready::PRIORITY.is_priority());
    let all = Ready::ALL;
    assert!(
        all.is_readable()
            && all.is_writable()
            && all.is_read_closed()
            && all.is_write_closed()
            && all.is_error()
            && all.is_priority()
    );
}

#[test]
fn ready_set_operations() {
    let rw = Ready::READABLE | Ready::WRITABLE;
    assert_eq!(rw & Ready::WRITABLE, Ready::WRITABLE);
    assert_eq!(rw - Ready::WRITABLE, Ready::READABLE);
    let mut r = Ready::EMPTY;
    r |= Ready::ERROR;
    assert_eq!(r, Ready::ERROR);
    assert_eq!(
        Ready::ALL,
        Ready::READABLE
            | Ready::WRITABLE
            | Ready::READ_CLOSED
            | Ready::WRITE_CLOSED
            | Ready::ERROR
            | Ready::PRIORITY
    );
    assert!(Ready::EMPTY < Ready::READABLE);
}

#[test]
fn ready_debug_names_each_predicate() {
    let s = format!("{:?}", Ready::READABLE);
    assert!(s.starts_with("Ready {"), "{s}");
    assert!(s.contains("is_readable: true"), "{s}");
    assert!(s.contains("is_writable: false"), "{s}");
}
