//! Behaviour of `select!`: which branch wins, preconditions, pattern
//! mismatches, `else`, the all-disabled panic, fairness, `biased;`,
//! cancellation of the losers, and the accepted syntax.

#[path = "support/macros.rs"]
mod support;

use std::cell::{Cell, RefCell};
use std::future::{IntoFuture, pending, ready};
use std::task::Poll;

use futures::StreamExt;
use futures::channel::{mpsc, oneshot};
use futures::executor::block_on;
use runtime_core::{pin, select};

use support::{Counters, Tracked, never, poll_once};

#[test]
fn the_first_ready_branch_wins_and_its_handler_gives_the_value() {
    let value = block_on(async {
        select! {
            v = pending::<u32>() => v,
            v = ready(21) => v * 2,
        }
    });
    assert_eq!(value, 42);
}

#[test]
fn a_branch_that_completes_later_wins_over_one_that_never_does() {
    let counters = Counters::new();
    let value = block_on(async {
        select! {
            biased;
            () = never(&counters) => "never",
            v = Tracked::new("late", 3, &counters) => v,
        }
    });
    assert_eq!(value, "late");
    // 4 polls of the winner (3 pending, 1 ready) and 4 of the loser, one
    // each per round; both dropped.
    assert_eq!(counters.polls.get(), 8);
    assert_eq!(counters.drops.get(), 2);
}

#[test]
fn pending_until_a_branch_completes() {
    let (tx, rx) = oneshot::channel::<u8>();
    let fut = async {
        select! {
            v = rx => v.unwrap(),
            () = pending() => 0,
        }
    };
    pin!(fut);
    assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
    tx.send(9).unwrap();
    assert_eq!(poll_once(fut.as_mut()), Poll::Ready(9));
}

#[test]
fn losers_are_dropped_before_the_handler_runs() {
    let counters = Counters::new();
    let drops_seen_by_handler = block_on(async {
        select! {
            () = never(&counters) => unreachable!(),
            v = Tracked::new(5, 0, &counters) => {
                assert_eq!(v, 5);
                counters.drops.get()
            }
            () = never(&counters) => unreachable!(),
        }
    });
    // All three futures (the winner included) were dropped when the handler
    // ran.
    assert_eq!(drops_seen_by_handler, 3);
    assert_eq!(counters.drops.get(), 3);
}

#[test]
fn the_handler_may_use_what_a_future_borrowed() {
    let (tx, mut rx) = mpsc::unbounded::<u32>();
    tx.unbounded_send(1).unwrap();
    tx.unbounded_send(2).unwrap();
    let second = block_on(async {
        select! {
            // `rx.next()` borrows `rx` mutably; the handler borrows it again.
            Some(_) = rx.next() => rx.next().await,
            () = pending() => None,
        }
    });
    assert_eq!(second, Some(2));
}

#[test]
fn a_false_precondition_disables_the_branch_without_polling_it() {
    let counters = Counters::new();
    let value = block_on(async {
        select! {
            v = Tracked::new(1, 0, &counters), if false => v,
            v = Tracked::new(2, 1, &counters), if 1 + 1 == 2 => v,
        }
    });
    assert_eq!(value, 2);
    // The disabled future was built but never polled: 2 polls in all.
    assert_eq!(counters.polls.get(), 2);
    assert_eq!(counters.drops.get(), 2);
}

#[test]
fn preconditions_then_futures_are_evaluated_in_order() {
    let log = RefCell::new(Vec::new());
    let note = |what: &'static str| log.borrow_mut().push(what);
    block_on(async {
        select! {
            () = { note("future a"); ready(()) }, if { note("condition a"); true } => {}
            () = { note("future b"); pending() }, if { note("condition b"); false } => {}
        }
    });
    assert_eq!(
        *log.borrow(),
        ["condition a", "condition b", "future a", "future b"]
    );
}

#[test]
fn all_disabled_by_preconditions_runs_else() {
    let counters = Counters::new();
    let value = block_on(async {
        select! {
            v = Tracked::new(1, 0, &counters), if false => v,
            v = Tracked::new(2, 0, &counters), if false => v,
            else => 99,
        }
    });
    assert_eq!(value, 99);
    assert_eq!(counters.polls.get(), 0);
    assert_eq!(counters.drops.get(), 2);
}

#[test]
#[should_panic(expected = "all branches are disabled and there is no else branch")]
fn all_disabled_by_preconditions_without_else_panics() {
    block_on(async {
        select! {
            () = ready(()), if false => {}
            () = pending(), if false => {}
        }
    });
}

#[test]
fn a_pattern_mismatch_disables_the_branch_and_the_race_goes_on() {
    let counters = Counters::new();
    let value = block_on(async {
        select! {
            biased;
            Some(v) = Tracked::new(None::<u32>, 0, &counters) => v,
            v = Tracked::new(7, 2, &counters) => v + 100,
        }
    });
    assert_eq!(value, 107);
    // The mismatching branch was polled once, then never again; the other
    // three times.
    assert_eq!(counters.polls.get(), 4);
}

#[test]
fn all_mismatching_runs_else() {
    let value = block_on(async {
        select! {
            Some(v) = ready(None::<u8>) => v,
            Ok(v) = ready(Err::<u8, ()>(())) => v,
            else => 0,
        }
    });
    assert_eq!(value, 0);
}

#[test]
#[should_panic(expected = "all branches are disabled and there is no else branch")]
fn all_mismatching_without_else_panics() {
    block_on(async {
        select! {
            Some(v) = ready(None::<u8>) => v,
            Ok(v) = ready(Err::<u8, ()>(())) => v,
        }
    });
}

#[test]
fn else_alone_is_its_expression() {
    let value: u8 = block_on(async {
        select! { else => 3 }
    });
    assert_eq!(value, 3);
    let value: u8 = block_on(async {
        select! { biased; else => { std::convert::identity(4) }, }
    });
    assert_eq!(value, 4);
}

#[test]
fn a_loop_over_a_channel_and_a_timer() {
    // The "timer" is a future that completes after five polls; it is pinned
    // once and resumed with `&mut` on every iteration.
    let counters = Counters::new();
    let (tx, mut rx) = mpsc::unbounded::<u32>();
    for i in 1..=3 {
        tx.unbounded_send(i).unwrap();
    }
    let timer = Tracked::new("tick", 5, &counters);
    let (received, fired) = block_on(async {
        pin!(timer);
        let mut received = Vec::new();
        let mut timer_done = false;
        loop {
            select! {
                biased;
                Some(v) = rx.next() => received.push(v),
                t = &mut timer, if !timer_done => {
                    timer_done = true;
                    assert_eq!(t, "tick");
                }
                else => break,
            }
            if timer_done && received.len() == 3 {
                break;
            }
        }
        (received, timer_done)
    });
    assert_eq!(received, [1, 2, 3]);
    assert!(fired);
    // Built once, resumed across iterations: one drop, six polls in all.
    assert_eq!(counters.drops.get(), 1);
    assert_eq!(counters.polls.get(), 6);
    drop(tx);
}

#[test]
fn a_loop_ends_through_else_once_every_channel_is_closed() {
    let (tx1, mut rx1) = mpsc::unbounded::<u32>();
    let (tx2, mut rx2) = mpsc::unbounded::<u32>();
    for i in 0..5 {
        tx1.unbounded_send(i).unwrap();
        tx2.unbounded_send(100 + i).unwrap();
    }
    drop((tx1, tx2));
    let (mut open1, mut open2) = (true, true);
    let mut got = Vec::new();
    block_on(async {
        loop {
            select! {
                v = rx1.next(), if open1 => match v {
                    Some(v) => got.push(v),
                    None => open1 = false,
                },
                v = rx2.next(), if open2 => match v {
                    Some(v) => got.push(v),
                    None => open2 = false,
                },
                else => break,
            }
        }
    });
    got.sort_unstable();
    assert_eq!(got, [0, 1, 2, 3, 4, 100, 101, 102, 103, 104]);
}

#[test]
fn a_pinned_future_resumed_by_reference_is_built_once() {
    let counters = Counters::new();
    let built = Cell::new(0);
    let make = || {
        built.set(built.get() + 1);
        Tracked::new(1u8, 3, &counters)
    };
    let rounds = block_on(async {
        let fut = make();
        pin!(fut);
        let mut rounds = 0;
        loop {
            rounds += 1;
            select! {
                biased;
                v = &mut fut => break { assert_eq!(v, 1); rounds },
                () = async {} => {}
            }
        }
    });
    // Each round polls `fut` once; the `async {}` wins the first three.
    assert_eq!(rounds, 4);
    assert_eq!(built.get(), 1);
    assert_eq!(counters.polls.get(), 4);
    assert_eq!(counters.drops.get(), 1);
}

#[test]
fn biased_polls_in_source_order() {
    let log = RefCell::new(Vec::new());
    let probe = |name: &'static str| {
        let log = &log;
        std::future::poll_fn(move |_| {
            log.borrow_mut().push(name);
            Poll::<()>::Pending
        })
    };
    for _ in 0..20 {
        log.borrow_mut().clear();
        let value = block_on(async {
            select! {
                biased;
                () = probe("a") => 0,
                () = probe("b") => 1,
                v = ready(2) => v,
                () = probe("d") => 3,
            }
        });
        assert_eq!(value, 2);
        assert_eq!(*log.borrow(), ["a", "b"]);
    }
}

#[test]
fn without_biased_every_ready_branch_wins_sometimes() {
    // Three always-ready branches, 1000 runs: each wins with probability
    // 1/3 per run, so the chance that one never wins is below 1e-170.
    let mut wins = [0u32; 3];
    for _ in 0..1000 {
        let w = block_on(async {
            select! {
                v = ready(0) => v,
                v = ready(1) => v,
                v = ready(2) => v,
            }
        });
        wins[w] += 1;
    }
    for (branch, count) in wins.iter().enumerate() {
        assert!(*count > 0, "branch {branch} never won: {wins:?}");
    }
    assert_eq!(wins.iter().sum::<u32>(), 1000);
}

#[test]
fn each_poll_polls_every_pending_branch_once_in_a_rotation() {
    // Five pending branches: every poll of the `select!` visits each of them
    // exactly once, from the random start to the last branch and then from
    // the first up to the start. Over 200 polls every start shows up.
    let log = RefCell::new(Vec::new());
    let probe = |i: usize| {
        let log = &log;
        std::future::poll_fn(move |_| {
            log.borrow_mut().push(i);
            Poll::<()>::Pending
        })
    };
    let fut = async {
        select! {
            () = probe(0) => {}
            () = probe(1) => {}
            () = probe(2) => {}
            () = probe(3) => {}
            () = probe(4) => {}
        }
    };
    pin!(fut);
    let mut starts = [0u32; 5];
    for _ in 0..200 {
        log.borrow_mut().clear();
        assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
        let order = log.borrow().clone();
        assert_eq!(order.len(), 5, "{order:?}");
        let start = order[0];
        let expected: Vec<usize> = (0..5).map(|k| (start + k) % 5).collect();
        assert_eq!(order, expected);
        starts[start] += 1;
    }
    assert!(starts.iter().all(|&n| n > 0), "{starts:?}");
}

#[test]
fn a_rotation_skips_the_disabled_branches_on_both_sides_of_the_start() {
    // Branches 1 and 3 are disabled; the others are polled once per poll,
    // whichever side of the start they are on.
    let log = RefCell::new(Vec::new());
    let probe = |i: usize| {
        let log = &log;
        std::future::poll_fn(move |_| {
            log.borrow_mut().push(i);
            Poll::<()>::Pending
        })
    };
    let enabled = [true, false, true, false, true];
    let fut = async {
        select! {
            () = probe(0), if enabled[0] => {}
            () = probe(1), if enabled[1] => {}
            () = probe(2), if enabled[2] => {}
            () = probe(3), if enabled[3] => {}
            () = probe(4), if enabled[4] => {}
        }
    };
    pin!(fut);
    for _ in 0..100 {
        log.borrow_mut().clear();
        assert_eq!(poll_once(fut.as_mut()), Poll::Pending);
        let mut order = log.borrow().clone();
        let first = order[0];
        let at = [0, 2, 4].iter().position(|&b| b == first).unwrap();
        let expected: Vec<usize> = (0..3).map(|k| [0, 2, 4][(at + k) % 3]).collect();
        assert_eq!(order, expected);
        order.sort_unstable();
        assert_eq!(order, [0, 2, 4]);
    }
}

#[test]
fn with_biased_the_first_ready_branch_always_wins() {
    for _ in 0..1000 {
        let w = block_on(async {
            select! {
                biased;
                v = ready(0) => v,
                v = ready(1) => v,
            }
        });
        assert_eq!(w, 0);
    }
}

#[test]
fn handlers_act_on_the_code_around_the_macro() {
    fn parse_first(values: &[&str]) -> Result<u32, std::num::ParseIntError> {
        block_on(async {
            let mut total = 0;
            for text in values {
                select! {
                    v = ready(text.parse::<u32>()) => {
                        let v = v?;
                        if v == 0 {
                            continue;
                        }
                        if v > 100 {
                            break;
                        }
                        if v == 42 {
                            return Ok(42);
                        }
                        total += v;
                    }
                }
            }
            Ok(total)
        })
    }
    assert_eq!(parse_first(&["1", "0", "2"]), Ok(3));
    assert_eq!(parse_first(&["1", "500", "2"]), Ok(1));
    assert_eq!(parse_first(&["1", "42", "2"]), Ok(42));
    assert!(parse_first(&["1", "x"]).is_err());
}

#[derive(Debug, PartialEq)]
enum Message {
    Data { id: u32, body: String },
    Ping(u8),
}

#[test]
fn patterns_with_binding_modifiers_nesting_and_long_paths() {
    block_on(async {
        let v = select! { mut v = ready(1) => { v += 1; v } };
        assert_eq!(v, 2);

        let v = select! { Some(mut v) = ready(Some(String::from("a"))) => { v.push('b'); v } };
        assert_eq!(v, "ab");

        let v = select! { ref v = ready(String::from("r")) => v.clone() };
        assert_eq!(v, "r");

        let v = select! {
            Message::Data { ref mut body, id: 7 } = ready(Message::Data { id: 7, body: "x".into() }) => {
                body.push('y');
                body.clone()
            }
        };
        assert_eq!(v, "xy");

        let v = select! {
            (a, [b, mut c, ..], Message::Ping(d)) = ready((1, [2, 3, 4], Message::Ping(5))) => {
                c *= 10;
                a + b + c + u32::from(d)
            }
        };
        assert_eq!(v, 38);

        // Seven tokens and more: accumulated across steps.
        let v = select! {
            ::core::option::Option::Some(::core::result::Result::Ok(v)) = ready(Some(Ok::<u8, ()>(9))) => v,
        };
        assert_eq!(v, 9);

        let v = select! {
            Message::Ping(1 | 2) | Message::Ping(5) = ready(Message::Ping(5)) => "matched",
            else => "no",
        };
        assert_eq!(v, "matched");

        let v = select! {
            Message::Ping(x @ 10..=20) = ready(Message::Ping(30)) => x,
            else => 0,
        };
        assert_eq!(v, 0);

        let v = select! { _ = ready("ignored") => 1 };
        assert_eq!(v, 1);

        let r = &mut 5;
        let v = select! { &mut v = ready(r) => v };
        assert_eq!(v, 5);
    });
}

#[test]
fn every_handler_form_is_accepted() {
    block_on(async {
        // Block handlers with and without commas, expression handlers, an
        // expression handler last without a comma.
        let v: u32 = select! {
            biased;
            () = pending() => { 0 },
            () = pending() => { 1 }
            () = pending(), if true => 2,
            v = ready(3), if true => { v }
            v = ready(4) => v
        };
        assert_eq!(v, 3);

        let v: u32 = select! {
            () = pending(), if false => 0,
            else => { 5 }
        };
        assert_eq!(v, 5);
    });
}

struct Deferred(u32);

impl IntoFuture for Deferred {
    type Output = u32;
    type IntoFuture = std::future::Ready<u32>;

    fn into_future(self) -> Self::IntoFuture {
        ready(self.0 + 1)
    }
}

#[test]
fn into_future_values_are_accepted() {
    let v = block_on(async {
        select! { v = Deferred(1) => v }
    });
    assert_eq!(v, 2);
}

#[test]
fn the_futures_are_not_boxed() {
    // A select! over two ready futures adds no allocation: checked by size,
    // the select! future holds its branch futures inline.
    let big = async {
        let buf = [0u8; 1024];
        ready(()).await;
        buf.len()
    };
    let fut = async {
        select! { v = big => v, () = pending() => 0 }
    };
    assert!(std::mem::size_of_val(&fut) >= 1024);
    assert_eq!(block_on(fut), 1024);
}

include!("support/select_64.rs");

#[test]
fn dropping_a_pending_select_drops_every_future() {
    let counters = Counters::new();
    {
        let fut = async {
            select! {
                () = never(&counters) => 0,
                v = Tracked::new(1, 100, &counters) => v,
                v = Tracked::new(2, 100, &counters), if false => v,
            }
        };
        pin!(fut);
        assert!(poll_once(fut.as_mut()).is_pending());
        // Two enabled branches polled once each; nothing dropped yet.
        assert_eq!(counters.polls.get(), 2);
        assert_eq!(counters.drops.get(), 0);
    }
    assert_eq!(counters.drops.get(), 3);
}

#[test]
fn the_expansion_does_not_clash_with_the_callers_names() {
    // Items and locals named like the expansion's own.
    #[derive(Debug, PartialEq)]
    enum Out {
        Disabled,
    }
    let disabled = Out::Disabled;
    let output = 5;
    let branches = 6;
    let v = block_on(async {
        select! {
            biased;
            v = ready(output), if branches == 6 => (v, Out::Disabled),
            else => (0, Out::Disabled),
        }
    });
    assert_eq!(v, (5, Out::Disabled));
    assert_eq!(disabled, Out::Disabled);
}

#[test]
fn a_mismatch_disables_the_branch_for_that_call_only() {
    // A mismatch disables a branch for this call only: the next select!
    // evaluates a fresh future.
    let mut attempts = 0;
    let got = block_on(async {
        loop {
            attempts += 1;
            let attempt = attempts;
            select! {
                Some(v) = ready(if attempt < 3 { None } else { Some(attempt) }) => break v,
                else => continue,
            }
        }
    });
    assert_eq!(got, 3);
    assert_eq!(attempts, 3);
}

async fn first_of<T, F: std::future::Future<Output = T>>(a: F, b: F) -> T {
    select! {
        biased;
        v = a => v,
        v = b => v,
    }
}

#[test]
fn works_in_generic_functions_and_nests() {
    assert_eq!(block_on(first_of(ready(1), ready(2))), 1);
    let v = block_on(async {
        select! {
            v = async {
                select! {
                    biased;
                    x = ready(10) => x,
                    () = pending() => 0,
                }
            } => select! {
                y = ready(v + 1) => y * 2,
            },
            () = pending() => 0,
        }
    });
    assert_eq!(v, 22);
}

#[test]
fn temporaries_in_future_expressions_live_long_enough() {
    block_on(async {
        select! {
            () = &mut ready(()) => {}
        }
        let (a, b) = runtime_core::join!(&mut ready(1), &mut ready(2));
        assert_eq!((a, b), (1, 2));
        let r = runtime_core::try_join!(&mut ready(Ok::<u8, ()>(3)));
        assert_eq!(r, Ok((3,)));
    });
}

#[test]
fn the_select_future_stays_small() {
    // The futures themselves, one pointer to them all (they are pinned
    // together, as one tuple) and the mask.
    let one = async {
        select! {
            _ = ready(0i32) => {}
        }
    };
    let two = async {
        select! {
            _ = ready(0i32) => {}
            _ = ready(0i32) => {}
        }
    };
    let word = std::mem::size_of::<usize>();
    assert!(std::mem::size_of_val(&one) <= 4 * word);
    assert!(std::mem::size_of_val(&two) <= 5 * word);
}
