//! Runs the digit patterns of the metadata, compiled by
//! `tools/phonegen/regex.mjs` into a small bytecode (its layout is described
//! there). No regex crate: the patterns only ever see ASCII digits, so two
//! small engines suffice.
//!
//! - [`Matcher::full`] / [`Matcher::prefix`] / [`Matcher::partial`] track the
//!   *set* of input positions a pattern can reach, as bits of a `u64`: no
//!   backtracking, linear in the pattern, and a whole alternative is skipped
//!   as soon as its set is empty. Validation and type detection use these.
//! - [`Matcher::exec`] is a backtracking matcher with JavaScript's priority
//!   rules and capture groups, for the few places where *which* match matters
//!   (national prefixes, international prefixes, formatting).

use alloc::{vec, vec::Vec};

/// A literal digit is its own opcode (0 to 9).
const ANY: u8 = 10;
const CLASS: u8 = 11;
const GROUP: u8 = 12;
const BAR: u8 = 13;
const CLOSE: u8 = 14;
const END: u8 = 15;
const REP: u8 = 16;
/// Ends a pattern inside the metadata streams; never inside a pattern slice.
pub(crate) const END_OF_REGEX: u8 = 17;
const CAPTURE: u8 = 32;
const CLASS_DICT: u8 = 48;
const ANY_N: u8 = 128;

/// Longest input the position-set engine handles (a bit per position).
const MAX_INPUT: usize = 62;

/// Capture groups a pattern may have (templates name them `$1` to `$9`).
pub(crate) const MAX_CAPTURES: usize = 9;

/// Spans of capture groups (`None`: the group did not take part).
pub(crate) type Captures = [Option<(usize, usize)>; MAX_CAPTURES];

/// The patterns of one metadata file: knows how to decode digit classes.
#[derive(Clone, Copy)]
pub(crate) struct Matcher<'m> {
    /// Masks of the one-byte class opcodes.
    pub(crate) dict: &'m [u16],
    /// Lengths of the group and repeat nodes of the metadata, by offset
    /// from `base` (0: not a group): lets dead alternatives be skipped in
    /// one step. Empty for patterns outside the metadata.
    pub(crate) ends: &'m [u16],
    /// Address of the metadata the offsets of `ends` count from.
    pub(crate) base: usize,
}

/// Precomputed per-input bit sets: which positions hold each digit. Build
/// one with [`Input::new`] to test many patterns on the same digits.
pub(crate) struct Input {
    by_digit: [u64; 10],
    /// Positions that hold a digit (all positions before the end).
    all: u64,
    len: usize,
    /// See [`Input::first_digit`].
    first: u16,
}

impl Input {
    pub(crate) fn new(digits: &[u8]) -> Option<Input> {
        if digits.len() > MAX_INPUT {
            return None;
        }
        let mut by_digit = [0u64; 10];
        for (i, &b) in digits.iter().enumerate() {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            by_digit[d as usize] |= 1 << i;
        }
        Some(Input {
            by_digit,
            all: (1u64 << digits.len()) - 1,
            len: digits.len(),
            first: digits.first().map_or(0, |&d| 1 << (d - b'0')),
        })
    }

    /// How many digits.
    pub(crate) fn digit_count(&self) -> usize {
        self.len
    }

    /// The first digit as a digit mask (bit d for digit d); 0 if none.
    pub(crate) fn first_digit(&self) -> u16 {
        self.first
    }

    fn class(&self, mask: u16) -> u64 {
        // OR the positions of at most five digits: those of the class, or
        // else those outside it.
        let outside = mask.count_ones() > 5;
        let mut digits = if outside { !mask & 0x3ff } else { mask };
        let mut set = 0;
        while digits != 0 {
            set |= self
                .by_digit
                .get(digits.trailing_zeros() as usize)
                .unwrap_or(&0);
            digits &= digits - 1;
        }
        if outside {
            self.all & !set
        } else {
            set
        }
    }
}

impl<'m> Matcher<'m> {
    /// Whether `code` matches all of `digits`.
    pub(crate) fn full(self, code: &[u8], digits: &[u8]) -> bool {
        match Input::new(digits) {
            Some(input) => self.run(code, &input, &mut false) & (1 << input.len) != 0,
            None => false,
        }
    }

    /// [`Matcher::full`] on digits prepared once.
    pub(crate) fn full_input(self, code: &[u8], input: &Input) -> bool {
        self.run(code, input, &mut false) & (1 << input.len) != 0
    }

    /// Whether `code` matches some prefix of `digits` (JavaScript's
    /// `digits.search(pattern) === 0`).
    pub(crate) fn prefix(self, code: &[u8], digits: &[u8]) -> bool {
        match Input::new(digits) {
            Some(input) => self.run(code, &input, &mut false) != 0,
            None => false,
        }
    }

    /// Whether `digits` matches `code` or could become a match with more
    /// digits typed.
    pub(crate) fn could_complete(self, code: &[u8], digits: &[u8]) -> bool {
        match Input::new(digits) {
            Some(input) => {
                let mut ran_out = false;
                let ends = self.run(code, &input, &mut ran_out);
                ends & (1 << input.len) != 0 || ran_out
            }
            None => false,
        }
    }

    /// The longest text each capture group of `code` can match.
    pub(crate) fn group_max_lengths(self, code: &[u8]) -> Vec<usize> {
        let mut lengths = vec![0; capture_count(code)];
        let mut pc = 0;
        while let Some(&op) = code.get(pc) {
            if let CAPTURE..CLASS_DICT = op {
                if let Some(slot) = lengths.get_mut(usize::from(op - CAPTURE)) {
                    *slot = max_len(code, pc);
                }
            }
            pc += match op {
                CLASS | REP => 3,
                _ => 1,
            };
        }
        lengths
    }

    fn run(self, code: &[u8], input: &Input, ran_out: &mut bool) -> u64 {
        if code.is_empty() {
            return 0;
        }
        self.alternatives(code, 0, 1, input, ran_out).0
    }

    /// Evaluates alternatives from `pc` to the closing `)` or the end;
    /// returns the reachable end positions and the pc after the `)`.
    fn alternatives(
        self,
        code: &[u8],
        mut pc: usize,
        set: u64,
        input: &Input,
        ran_out: &mut bool,
    ) -> (u64, usize) {
        let mut reached = 0;
        loop {
            let (ends, next) = self.sequence(code, pc, set, input, ran_out);
            reached |= ends;
            match code.get(next) {
                Some(&BAR) => pc = next + 1,
                Some(_) => return (reached, next + 1),
                None => return (reached, next),
            }
        }
    }

    fn sequence(
        self,
        code: &[u8],
        mut pc: usize,
        mut set: u64,
        input: &Input,
        ran_out: &mut bool,
    ) -> (u64, usize) {
        while let Some(&op) = code.get(pc) {
            if op == BAR || op == CLOSE {
                break;
            }
            if set == 0 {
                pc = self.skip(code, pc);
            } else {
                (set, pc) = self.node(code, pc, set, input, ran_out);
            }
        }
        (set, pc)
    }

    fn node(
        self,
        code: &[u8],
        pc: usize,
        set: u64,
        input: &Input,
        ran_out: &mut bool,
    ) -> (u64, usize) {
        let op = code[pc];
        let step = |mask: u64, ran_out: &mut bool| {
            if set & (1 << input.len) != 0 {
                *ran_out = true;
            }
            (set & mask) << 1
        };
        match op {
            0..=9 => (step(input.by_digit[op as usize], ran_out), pc + 1),
            ANY => (step(input.all, ran_out), pc + 1),
            CLASS => {
                let mask = class_mask(code[pc + 1], code[pc + 2]);
                (step(input.class(mask), ran_out), pc + 3)
            }
            END => (set & (1 << input.len), pc + 1),
            GROUP | CAPTURE..CLASS_DICT => self.alternatives(code, pc + 1, set, input, ran_out),
            REP => {
                let (min, max) = (code[pc + 1].wrapping_sub(32), code[pc + 2].wrapping_sub(32));
                let atom = pc + 3;
                let after = self.skip(code, atom);
                let mut current = set;
                for _ in 0..min {
                    current = self.node(code, atom, current, input, ran_out).0;
                }
                let mut reached = current;
                for _ in min..max {
                    if current == 0 {
                        break;
                    }
                    current = self.node(code, atom, current, input, ran_out).0;
                    reached |= current;
                }
                (reached, after)
            }
            ANY_N.. => {
                let n = usize::from(op - ANY_N);
                let mut current = set;
                for _ in 0..n {
                    current = step_any(current, input, ran_out);
                }
                (current, pc + 1)
            }
            _ => {
                let mask = self.dict_mask(op);
                (step(input.class(mask), ran_out), pc + 1)
            }
        }
    }

    /// `skip`, in one step for the groups of the metadata.
    fn skip(self, code: &[u8], pc: usize) -> usize {
        if let GROUP | REP | CAPTURE..CLASS_DICT = code[pc] {
            let offset = (code.as_ptr() as usize)
                .wrapping_sub(self.base)
                .wrapping_add(pc);
            if let Some(&len) = self.ends.get(offset) {
                if len != 0 {
                    return pc + usize::from(len);
                }
            }
        }
        skip(code, pc)
    }

    /// The digits a match of `code` can start with, as a digit mask (bit d
    /// for digit d): a number starting with another digit cannot match, so
    /// its patterns need not run. A superset where unsure.
    pub(crate) fn first_digits(self, code: &[u8]) -> u16 {
        match self.alternatives_first(code, 0) {
            (mask, false) => mask,
            // The pattern can match nothing at all: any digit may follow.
            (_, true) => 0x3ff,
        }
    }

    /// The first digits of the alternatives from `pc` to their `)` or the
    /// end, and whether one can match the empty string.
    fn alternatives_first(self, code: &[u8], mut pc: usize) -> (u16, bool) {
        let (mut mask, mut empty) = (0, false);
        loop {
            let (first, may_be_empty) = self.sequence_first(code, pc);
            mask |= first;
            empty |= may_be_empty;
            pc = next_alternative(code, pc);
            match code.get(pc) {
                Some(&BAR) => pc += 1,
                _ => return (mask, empty),
            }
        }
    }

    /// The first digits of the sequence at `pc` (up to its `|` or `)`), and
    /// whether it can match the empty string.
    fn sequence_first(self, code: &[u8], mut pc: usize) -> (u16, bool) {
        let mut mask = 0;
        while let Some(&op) = code.get(pc) {
            if op == BAR || op == CLOSE {
                break;
            }
            let (first, empty) = self.node_first(code, pc);
            mask |= first;
            if !empty {
                return (mask, false);
            }
            pc = skip(code, pc);
        }
        (mask, true)
    }

    /// [`Matcher::sequence_first`] of one node.
    fn node_first(self, code: &[u8], pc: usize) -> (u16, bool) {
        let Some(&op) = code.get(pc) else {
            return (0, true);
        };
        match op {
            0..=9 => (1 << op, false),
            ANY => (0x3ff, false),
            CLASS => match (code.get(pc + 1), code.get(pc + 2)) {
                (Some(&lo), Some(&hi)) => (class_mask(lo, hi), false),
                _ => (0x3ff, true),
            },
            END => (0, true),
            GROUP | CAPTURE..CLASS_DICT => self.alternatives_first(code, pc + 1),
            REP => {
                let min = code.get(pc + 1).map_or(0, |m| m.wrapping_sub(32));
                let (first, empty) = self.node_first(code, pc + 3);
                (first, empty || min == 0)
            }
            ANY_N.. => (0x3ff, op == ANY_N),
            BAR | CLOSE | END_OF_REGEX => (0, true),
            _ => (self.dict_mask(op), false),
        }
    }

    fn dict_mask(self, op: u8) -> u16 {
        self.dict
            .get(usize::from(op.wrapping_sub(CLASS_DICT)))
            .copied()
            .unwrap_or(0)
    }

    /// Matches `code` against the start of `digits` like JavaScript's
    /// `new RegExp('^(?:' + pattern + ')').exec(digits)`: the first match in
    /// priority order (greedy quantifiers, leftmost alternatives). Returns
    /// the length matched and the capture groups.
    pub(crate) fn exec(self, code: &[u8], digits: &[u8]) -> Option<(usize, Captures)> {
        if code.is_empty() {
            return None;
        }
        let mut caps: Captures = [None; MAX_CAPTURES];
        let mut end = 0;
        let bt = Backtrack {
            m: self,
            code,
            s: digits,
        };
        let found = bt.alternatives(0, 0, &mut caps, &mut |_, p| {
            end = p;
            true
        });
        found.then_some((end, caps))
    }
}

/// The longest text the node at `pc` can match.
fn max_len(code: &[u8], pc: usize) -> usize {
    match code[pc] {
        END => 0,
        REP => usize::from(code[pc + 2].wrapping_sub(32)) * max_len(code, pc + 3),
        GROUP | CAPTURE..CLASS_DICT => {
            let (mut best, mut current, mut p) = (0, 0, pc + 1);
            while let Some(&op) = code.get(p) {
                match op {
                    CLOSE => break,
                    BAR => {
                        best = best.max(current);
                        current = 0;
                        p += 1;
                    }
                    _ => {
                        current += max_len(code, p);
                        p = skip(code, p);
                    }
                }
            }
            best.max(current)
        }
        op @ ANY_N.. => usize::from(op - ANY_N),
        _ => 1,
    }
}

/// The digit mask of a CLASS payload (two bytes of five bits, plus 64).
fn class_mask(lo: u8, hi: u8) -> u16 {
    u16::from(lo.wrapping_sub(64) & 31) | u16::from(hi.wrapping_sub(64) & 31) << 5
}

/// How many capture groups a pattern has.
pub(crate) fn capture_count(code: &[u8]) -> usize {
    let mut count = 0;
    let mut pc = 0;
    while let Some(&op) = code.get(pc) {
        pc += match op {
            CLASS | REP => 3,
            CAPTURE..CLASS_DICT => {
                count = count.max(usize::from(op - CAPTURE) + 1);
                1
            }
            _ => 1,
        };
    }
    count
}

fn step_any(set: u64, input: &Input, ran_out: &mut bool) -> u64 {
    if set & (1 << input.len) != 0 {
        *ran_out = true;
    }
    (set & input.all) << 1
}

/// Records in `ends` (indexed from `code_offset`) the length of every group
/// and repeat node of `code`.
pub(crate) fn record_node_lengths(code: &[u8], code_offset: usize, ends: &mut [u16]) {
    let mut pc = 0;
    while let Some(&op) = code.get(pc) {
        if let GROUP | REP | CAPTURE..CLASS_DICT = op {
            let len = u16::try_from(skip(code, pc) - pc).unwrap_or(0);
            if let Some(slot) = ends.get_mut(code_offset + pc) {
                *slot = len;
            }
        }
        pc += match op {
            CLASS | REP => 3,
            _ => 1,
        };
    }
}

/// The pc of the `|` or `)` that ends the alternative starting at `pc` (or
/// the end of the code).
fn next_alternative(code: &[u8], mut pc: usize) -> usize {
    while let Some(&op) = code.get(pc) {
        if op == BAR || op == CLOSE {
            break;
        }
        pc = skip(code, pc);
    }
    pc
}

/// The pc after the node at `pc`.
fn skip(code: &[u8], pc: usize) -> usize {
    match code[pc] {
        CLASS => pc + 3,
        REP => skip(code, pc + 3),
        GROUP | CAPTURE..CLASS_DICT => {
            let mut p = pc + 1;
            while let Some(&op) = code.get(p) {
                match op {
                    CLOSE => return p + 1,
                    BAR => p += 1,
                    _ => p = skip(code, p),
                }
            }
            p
        }
        _ => pc + 1,
    }
}

/// What to do with a match of the part already tried: accept (true) or ask
/// for another one (false).
type Continue<'k> = &'k mut dyn FnMut(&mut Captures, usize) -> bool;

struct Backtrack<'a, 'm> {
    m: Matcher<'m>,
    code: &'a [u8],
    s: &'a [u8],
}

impl Backtrack<'_, '_> {
    fn alternatives(&self, mut pc: usize, pos: usize, caps: &mut Captures, k: Continue) -> bool {
        loop {
            if self.sequence(pc, pos, caps, k) {
                return true;
            }
            // Next alternative, if any.
            let mut p = pc;
            while let Some(&op) = self.code.get(p) {
                if op == BAR || op == CLOSE {
                    break;
                }
                p = skip(self.code, p);
            }
            match self.code.get(p) {
                Some(&BAR) => pc = p + 1,
                _ => return false,
            }
        }
    }

    fn sequence(&self, pc: usize, pos: usize, caps: &mut Captures, k: Continue) -> bool {
        match self.code.get(pc) {
            None | Some(&BAR) | Some(&CLOSE) => k(caps, pos),
            Some(_) => {
                let next = skip(self.code, pc);
                self.node(pc, pos, caps, &mut |caps, p| {
                    self.sequence(next, p, caps, k)
                })
            }
        }
    }

    fn digit_is(&self, pos: usize, mask: u16) -> bool {
        match self.s.get(pos) {
            Some(b) => {
                let d = b.wrapping_sub(b'0');
                d <= 9 && mask & (1 << d) != 0
            }
            None => false,
        }
    }

    fn node(&self, pc: usize, pos: usize, caps: &mut Captures, k: Continue) -> bool {
        let op = self.code[pc];
        let one = |mask: u16, caps: &mut Captures, k: Continue| {
            self.digit_is(pos, mask) && k(caps, pos + 1)
        };
        match op {
            0..=9 => one(1 << op, caps, k),
            ANY => one(0x3ff, caps, k),
            CLASS => {
                let mask = class_mask(self.code[pc + 1], self.code[pc + 2]);
                one(mask, caps, k)
            }
            END => pos == self.s.len() && k(caps, pos),
            GROUP => self.alternatives(pc + 1, pos, caps, k),
            CAPTURE..CLASS_DICT => {
                let index = usize::from(op - CAPTURE);
                self.alternatives(pc + 1, pos, caps, &mut |caps, p| {
                    let Some(slot) = caps.get_mut(index) else {
                        return k(caps, p);
                    };
                    let old = slot.replace((pos, p));
                    if k(caps, p) {
                        return true;
                    }
                    caps[index] = old;
                    false
                })
            }
            REP => {
                let (min, max) = (
                    self.code[pc + 1].wrapping_sub(32),
                    self.code[pc + 2].wrapping_sub(32),
                );
                self.repeat(pc + 3, min, max, 0, pos, caps, k)
            }
            ANY_N.. => {
                let end = pos + usize::from(op - ANY_N);
                end <= self.s.len() && (pos..end).all(|p| self.digit_is(p, 0x3ff)) && k(caps, end)
            }
            _ => one(self.m.dict_mask(op), caps, k),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        atom: usize,
        min: u8,
        max: u8,
        count: u8,
        pos: usize,
        caps: &mut Captures,
        k: Continue,
    ) -> bool {
        if count < max {
            let more = self.node(atom, pos, caps, &mut |caps, p| {
                // An empty iteration cannot help; stop looping on it.
                (p != pos || count < min) && self.repeat(atom, min, max, count + 1, p, caps, k)
            });
            if more {
                return true;
            }
        }
        count >= min && k(caps, pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Matcher<'static> = Matcher {
        dict: &[],
        ends: &[],
        base: 0,
    };

    // Hand-assembled bytecode, as regex.mjs writes it.
    #[test]
    fn literal_class_and_counted_repeat() {
        // 4[1-3]\d{2}
        let code = [4, CLASS, 64 + 0b1110, 64, ANY_N + 2];
        assert!(M.full(&code, b"4255"));
        assert!(!M.full(&code, b"4455"));
        assert!(!M.full(&code, b"425"));
        assert!(M.prefix(&code, b"42559"));
        assert!(M.could_complete(&code, b"42"));
        assert!(!M.could_complete(&code, b"49"));
        assert!(!M.could_complete(&code, b"42559"));
        assert_eq!(
            M.group_max_lengths(&[
                CAPTURE,
                ANY_N + 3,
                CLOSE,
                CAPTURE + 1,
                REP,
                34,
                36,
                ANY,
                CLOSE
            ]),
            [3, 4]
        );
    }

    #[test]
    fn alternation_groups_and_optional() {
        // 1(?:2|34)?5
        let code = [1, REP, 32, 33, GROUP, 2, BAR, 3, 4, CLOSE, 5];
        for ok in ["15", "125", "1345"] {
            assert!(M.full(&code, ok.as_bytes()), "{ok}");
        }
        for bad in ["1", "135", "12345"] {
            assert!(!M.full(&code, bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn first_digits_of_alternatives_groups_and_optional_nodes() {
        // 1(?:2|34)?5|[6-7]\d  starts with 1, 6 or 7.
        let code = [
            1,
            REP,
            32,
            33,
            GROUP,
            2,
            BAR,
            3,
            4,
            CLOSE,
            5,
            BAR,
            CLASS,
            64,
            64 + 0b110,
            ANY,
        ];
        assert_eq!(M.first_digits(&code), 1 << 1 | 1 << 6 | 1 << 7);
        // (?:2|34)?5  starts with 2, 3 or, without the group, 5.
        assert_eq!(M.first_digits(&code[1..11]), 1 << 2 | 1 << 3 | 1 << 5);
        // \d?  can match nothing: any digit.
        assert_eq!(M.first_digits(&[REP, 32, 33, ANY]), 0x3ff);
    }

    #[test]
    fn exec_follows_javascript_priority_and_captures() {
        // 0?(?:(11|2\d)15)?  on "0111512345678": the prefix is "01115", group 1 = "11"
        let code = [
            REP, 32, 33, 0, REP, 32, 33, GROUP, CAPTURE, 1, 1, BAR, 2, ANY, CLOSE, 1, 5, CLOSE,
        ];
        let (end, caps) = M.exec(&code, b"0111512345678").expect("matches");
        assert_eq!(end, 5);
        assert_eq!(caps[0], Some((1, 3)));
        // Without the 15 the optional group is skipped and only "0" matches.
        let (end, caps) = M.exec(&code, b"0112345678").expect("matches");
        assert_eq!(end, 1);
        assert_eq!(caps[0], None);
    }

    #[test]
    fn exec_end_anchor() {
        // ([2-9]\d{6})$|1
        let code = [
            CAPTURE,
            CLASS,
            64 + 0b11100,
            64 + 0b11111,
            ANY_N + 6,
            CLOSE,
            END,
            BAR,
            1,
        ];
        let (end, caps) = M.exec(&code, b"2345678").expect("matches");
        assert_eq!((end, caps[0]), (7, Some((0, 7))));
        assert_eq!(M.exec(&code, b"12345678").map(|m| m.0), Some(1));
        assert!(M.exec(&code, b"23456789").is_none());
    }

    #[test]
    fn long_or_odd_input_never_matches_or_panics() {
        let code = [ANY_N + 3];
        assert!(!M.full(&code, &[b'1'; 70]));
        assert!(!M.full(&code, b"12a"));
        assert!(!M.full(&[], b""));
    }
}
