//! Ownership and counting, as two parties and a flood would try them.

use super::*;

const NUMBER: &str = "+6581234501";

fn book_for(op: &Op, book: &mut Book) {
    // What the object does before `apply`: every named key loaded.
    for name in op.names() {
        if name.starts_with("claim:") {
            book.claims.entry(name).or_insert(None);
        } else if name.starts_with("breaker:") {
            book.breakers.entry(name).or_default();
        } else {
            book.logs.entry(name).or_default();
        }
    }
}

fn run(book: &mut Book, op: Op, now: u64) -> (Outcome, Changes) {
    book_for(&op, book);
    book.apply(&op, now)
}

fn claim(grant: &str, until_ms: u64, counters: Vec<Counter>) -> Op {
    Op::Claim {
        number: NUMBER.into(),
        grant: grant.into(),
        until_ms,
        counters,
    }
}

fn act(grant: &str, counters: Vec<Counter>) -> Op {
    Op::Act {
        number: NUMBER.into(),
        grant: grant.into(),
        counters,
    }
}

fn release(grant: &str, refund: Option<&str>) -> Op {
    Op::Release {
        number: NUMBER.into(),
        grant: grant.into(),
        refund: refund.map(str::to_owned),
    }
}

#[test]
fn a_second_starter_is_refused_while_the_first_claim_lives() {
    let mut book = Book::default();
    assert_eq!(
        run(&mut book, claim("victim", 300_000, vec![]), 0).0,
        Outcome::Done
    );
    assert_eq!(
        run(&mut book, claim("attacker", 600_000, vec![]), 1_000).0,
        Outcome::Busy { until_ms: 300_000 }
    );
    // The attacker's grant acts on nothing; the owner's does.
    assert_eq!(
        run(&mut book, act("attacker", vec![]), 2_000).0,
        Outcome::NotOwner
    );
    assert_eq!(
        run(&mut book, act("victim", vec![]), 2_000).0,
        Outcome::Done
    );
    // Nor can the attacker release or extend the owner's claim.
    assert_eq!(
        run(&mut book, release("attacker", None), 3_000).0,
        Outcome::NotOwner
    );
    let extend = Op::Extend {
        number: NUMBER.into(),
        grant: "attacker".into(),
        until_ms: 900_000,
    };
    assert_eq!(run(&mut book, extend, 3_000).0, Outcome::NotOwner);
    assert_eq!(
        run(&mut book, act("victim", vec![]), 299_999).0,
        Outcome::Done
    );
}

#[test]
fn a_lapsed_or_released_claim_frees_the_number_and_its_old_grant_acts_no_more() {
    let mut book = Book::default();
    run(&mut book, claim("first", 300_000, vec![]), 0);
    assert_eq!(
        run(&mut book, act("first", vec![]), 300_000).0,
        Outcome::NotOwner
    );
    assert_eq!(
        run(&mut book, claim("second", 600_000, vec![]), 300_000).0,
        Outcome::Done
    );
    assert_eq!(
        run(&mut book, act("first", vec![]), 300_001).0,
        Outcome::NotOwner
    );
    let (outcome, changes) = run(&mut book, release("second", None), 400_000);
    assert_eq!(outcome, Outcome::Done);
    assert_eq!(changes.deleted, vec![claim_key(NUMBER)]);
    assert_eq!(
        run(&mut book, act("second", vec![]), 400_001).0,
        Outcome::NotOwner
    );
    assert_eq!(
        run(&mut book, claim("third", 700_000, vec![]), 400_002).0,
        Outcome::Done
    );
}

#[test]
fn a_refused_count_records_no_claim() {
    let mut book = Book::default();
    let counters = || vec![("destination".to_owned(), vec![Rule::new(1, 600)])];
    assert_eq!(
        run(&mut book, claim("a", 300_000, counters()), 0).0,
        Outcome::Done
    );
    run(&mut book, release("a", None), 1);
    let (outcome, changes) = run(&mut book, claim("b", 300_000, counters()), 2);
    assert!(
        matches!(outcome, Outcome::Limited { index: 0, .. }),
        "{outcome:?}"
    );
    assert_eq!(changes, Changes::default());
    assert_eq!(run(&mut book, act("b", vec![]), 3).0, Outcome::NotOwner);
}

#[test]
fn failed_checks_are_counted_in_advance_and_a_right_code_is_refunded() {
    let mut book = Book::default();
    let failures = || vec![("failures".to_owned(), vec![Rule::new(3, 86_400)])];
    run(&mut book, claim("g", 300_000, vec![]), 0);
    for t in 1..=2 {
        assert_eq!(run(&mut book, act("g", failures()), t).0, Outcome::Done);
    }
    // The third check is right: counted, then taken back.
    assert_eq!(run(&mut book, act("g", failures()), 3).0, Outcome::Done);
    let (_, changes) = run(&mut book, release("g", Some("failures")), 4);
    assert_eq!(changes.logs[0].1.hits, vec![1, 2]);
    // Two failures stand: one more check for the number, then the cap.
    run(&mut book, claim("h", 600_000, vec![]), 5);
    assert_eq!(run(&mut book, act("h", failures()), 6).0, Outcome::Done);
    assert!(matches!(
        run(&mut book, act("h", failures()), 7).0,
        Outcome::Limited { index: 0, .. }
    ));
}

#[test]
fn extending_moves_the_end_forward_only() {
    let mut book = Book::default();
    run(&mut book, claim("g", 300_000, vec![]), 0);
    let extend = |until_ms| Op::Extend {
        number: NUMBER.into(),
        grant: "g".into(),
        until_ms,
    };
    assert_eq!(run(&mut book, extend(400_000), 10).0, Outcome::Done);
    run(&mut book, extend(350_000), 20);
    assert_eq!(
        run(&mut book, claim("x", 900_000, vec![]), 360_000).0,
        Outcome::Busy { until_ms: 400_000 }
    );
}

#[test]
fn everything_is_forgotten_once_it_no_longer_counts() {
    let mut book = Book::default();
    let counters = vec![("destination".to_owned(), vec![Rule::new(3, 600)])];
    let (_, changes) = run(&mut book, claim("g", 300_000, counters), 1_000);
    assert_eq!(changes.keep_until(), 601_000);
    assert_eq!(book.keep_until(), 601_000);
    assert!(book.sweep(300_000).contains(&claim_key(NUMBER)));
    assert!(book.sweep(600_999).is_empty());
    assert_eq!(book.sweep(601_000), vec![counter_key("destination")]);
    assert!(book.claims.is_empty() && book.logs.is_empty());
    assert_eq!(book.keep_until(), 0);
}

#[test]
fn logs_round_trip_through_storage() {
    let log = Log {
        horizon: 600,
        hits: vec![5, 9],
    };
    assert_eq!(log.to_stored(), vec![600, 5, 9]);
    assert_eq!(Log::from_stored(&log.to_stored()), log);
    assert_eq!(Log::from_stored(&[]), Log::default());
}

const BREAKER: Breaker = Breaker {
    window: 3600,
    min_starts: 3,
    min_conversion: 20,
    cooldown: 1800,
    grace: 120,
};

fn guard(rules: Vec<Rule>) -> Op {
    Op::Guard {
        breaker: Some(("conversion".into(), BREAKER)),
        counters: vec![("range".into(), rules)],
    }
}

#[test]
fn a_guarded_start_passes_the_breaker_then_the_counters() {
    let mut book = Book::default();
    let s = 1000;
    for t in 0..3 {
        // Nothing verified yet: done, and cold.
        assert_eq!(
            run(&mut book, guard(vec![Rule::new(5, 3600)]), t * s).0,
            Outcome::Cold
        );
    }
    // Settled, none verified: the breaker pauses, once told `tripped`.
    assert_eq!(
        run(&mut book, guard(vec![Rule::new(5, 3600)]), 200 * s).0,
        Outcome::Paused {
            retry_after: 1800,
            tripped: true
        }
    );
    let (outcome, changes) = run(&mut book, guard(vec![Rule::new(5, 3600)]), 201 * s);
    assert_eq!(
        outcome,
        Outcome::Paused {
            retry_after: 1799,
            tripped: false
        }
    );
    assert!(changes.logs.is_empty(), "a paused start counts nothing");
    assert_eq!(book.logs[&counter_key("range")].hits.len(), 3);
    // Its state is remembered until the cool-down ends at least.
    assert!(book.keep_until() >= 200 * s + 1_800_000);
}

#[test]
fn verifications_keep_the_breaker_closed_and_a_refund_takes_a_start_back() {
    let mut book = Book::default();
    let s = 1000;
    let verified = Op::Verified {
        name: "conversion".into(),
        horizon: 3600,
    };
    for t in 0..20 {
        // Cold until the first verification.
        let expected = if t == 0 { Outcome::Cold } else { Outcome::Done };
        assert_eq!(run(&mut book, guard(vec![]), t * 10 * s).0, expected, "{t}");
        if t % 4 == 0 {
            // One in four entered: 25 % ≥ 20 %.
            run(&mut book, verified.clone(), t * 10 * s + s);
        }
    }
    // The counter refuses before the breaker records the start.
    let limited = run(&mut book, guard(vec![Rule::new(1, 3600)]), 300 * s);
    assert_eq!(
        run(&mut book, guard(vec![Rule::new(1, 3600)]), 301 * s).0,
        Outcome::Limited {
            index: 0,
            retry_after: 3599
        }
    );
    assert_eq!(limited.0, Outcome::Done);
    let starts = book.breakers[&breaker_key("conversion")].starts.len();
    // 8x8 sent nothing for the last one: taken back from the counter and the breaker.
    let refund = Op::Refund {
        counters: vec!["range".into()],
        breaker: Some("conversion".into()),
    };
    let (_, changes) = run(&mut book, refund, 302 * s);
    assert_eq!(changes.logs[0].1.hits, Vec::<u64>::new());
    assert_eq!(
        book.breakers[&breaker_key("conversion")].starts.len(),
        starts - 1
    );
    assert_eq!(
        run(&mut book, guard(vec![Rule::new(1, 3600)]), 303 * s).0,
        Outcome::Done
    );
    // An hour after the last record everything is forgotten.
    let gone = book.sweep(303 * s + 3_600_000);
    assert!(gone.contains(&breaker_key("conversion")));
    assert!(book.breakers.is_empty());
}
