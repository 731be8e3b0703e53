//! Unit tests of the idle-worker accounting.

use crate::runtime::scheduler::multi_thread::idle::Idle;

#[test]
fn starts_all_awake_none_searching() {
    let idle = Idle::new(4);
    assert_eq!(idle.num_unparked(), 4);
    assert_eq!(idle.num_searching(), 0);
    assert_eq!(idle.worker_to_notify(), None, "nobody sleeps");
}

#[test]
#[should_panic(expected = "worker count out of range")]
fn zero_workers_is_rejected() {
    Idle::new(0);
}

#[test]
fn at_most_half_the_workers_search() {
    let idle = Idle::new(4);
    assert!(idle.transition_worker_to_searching());
    assert!(idle.transition_worker_to_searching());
    assert!(!idle.transition_worker_to_searching());
    assert_eq!(idle.num_searching(), 2);

    let idle = Idle::new(1);
    assert!(idle.transition_worker_to_searching());
    assert!(!idle.transition_worker_to_searching());

    let idle = Idle::new(3);
    assert!(idle.transition_worker_to_searching());
    assert!(idle.transition_worker_to_searching());
    assert!(!idle.transition_worker_to_searching());
}

#[test]
fn last_searcher_is_reported() {
    let idle = Idle::new(4);
    assert!(idle.transition_worker_to_searching());
    assert!(idle.transition_worker_to_searching());
    assert!(!idle.transition_worker_from_searching());
    assert!(idle.transition_worker_from_searching());
    assert_eq!(idle.num_searching(), 0);
}

#[test]
fn parking_updates_counts_and_reports_last_searcher() {
    let idle = Idle::new(3);
    assert!(!idle.transition_worker_to_parked(0, false));
    assert_eq!((idle.num_unparked(), idle.num_searching()), (2, 0));
    assert!(idle.is_parked(0));

    assert!(idle.transition_worker_to_searching());
    assert!(idle.transition_worker_to_searching());
    assert!(
        !idle.transition_worker_to_parked(1, true),
        "one searcher remains"
    );
    assert!(
        idle.transition_worker_to_parked(2, true),
        "the last searcher"
    );
    assert_eq!((idle.num_unparked(), idle.num_searching()), (0, 0));
}

#[test]
fn notify_wakes_exactly_one_sleeper_and_only_if_nobody_searches() {
    let idle = Idle::new(3);
    idle.transition_worker_to_parked(0, false);
    idle.transition_worker_to_parked(1, false);
    assert!(idle.transition_worker_to_searching());
    assert_eq!(
        idle.worker_to_notify(),
        None,
        "a searcher will find the work"
    );
    assert!(idle.transition_worker_from_searching());

    let woken = idle.worker_to_notify().unwrap();
    assert_eq!(woken, 1, "the most recent sleeper is warmest");
    assert!(!idle.is_parked(1));
    assert!(idle.is_parked(0));
    assert_eq!((idle.num_unparked(), idle.num_searching()), (2, 1));
    // The woken worker searches, so a second notification wakes nobody.
    assert_eq!(idle.worker_to_notify(), None);
}

#[test]
fn unpark_by_id_removes_from_sleepers_once() {
    let idle = Idle::new(2);
    idle.transition_worker_to_parked(1, false);
    assert!(idle.is_parked(1));
    assert!(idle.unpark_worker_by_id(1));
    assert!(!idle.is_parked(1));
    assert!(!idle.unpark_worker_by_id(1));
    assert_eq!((idle.num_unparked(), idle.num_searching()), (2, 0));
}
