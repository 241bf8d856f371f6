//! The numbering plans of every region, read from `metadata.bin`.
//!
//! `metadata.bin` is written by `tools/phonegen/generate.mjs` from the
//! libphonenumber-js metadata pinned in package.json (see that script to
//! update it). Layout, all integers little-endian:
//!
//! - header: layout version (u8, 2), plan count (u16), class-dictionary size
//!   (u8) and that many u16 digit masks, then the byte length (LEB128) of
//!   each of seven streams;
//! - the streams, one after the other: `plans` (fixed-size fields), then
//!   `national`, `types`, `formatPatterns`, `formatLeading`, `strings`,
//!   `smallRegexes`. Each plan takes its fields from every stream in turn, in
//!   the order [`read_plan`] reads them. Regexes end with
//!   [`END_OF_REGEX`](super::matcher::END_OF_REGEX), strings with a 0 byte
//!   (inside a string, bytes 1 to 9 stand for `$1` to `$9`).
//!
//! It is decoded once, on first use, into slices of the embedded bytes; with
//! the Cargo feature `metadata-file` nothing is embedded, and the bytes are
//! handed over at start by [`load`] (the `verify8x8/phone` entry reads them
//! from its `metadata.bin`, which `npm/trim-phone.mjs` can trim).
//!
//! A plan whose national pattern is empty is a stub: the region and its
//! calling code exist, but this metadata does not carry their rules (a
//! trimmed file). Numbers of a stub get `Invalid::UnsupportedCountry`.

use alloc::{boxed::Box, vec, vec::Vec};

use once_cell::race::OnceBox;

use super::matcher::{record_node_lengths, Matcher, END_OF_REGEX};
use super::region::Region;

static METADATA: OnceBox<Metadata> = OnceBox::new();

/// The phone number types of libphonenumber, in metadata order.
pub(crate) const TYPE_COUNT: usize = 10;

/// One type pattern: which national numbers are of that type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TypeDef {
    pub(crate) pattern: &'static [u8],
    /// Bit n set when the type has national numbers of n digits; 0: those of
    /// the plan.
    pub(crate) lengths: u32,
    /// The digits its numbers can start with (bit d for digit d), worked
    /// out at load ([`Matcher::first_digits`]).
    pub(crate) first_digits: u16,
}

/// One national format (`formats` in libphonenumber).
#[derive(Clone, Copy, Debug)]
pub(crate) struct FormatDef {
    pub(crate) pattern: &'static [u8],
    pub(crate) format: &'static [u8],
    /// The most precise leading-digits pattern; empty: any.
    pub(crate) leading: &'static [u8],
    /// Empty: the plan's rule.
    pub(crate) national_prefix_rule: &'static [u8],
    /// Empty: same as `format`.
    pub(crate) international: &'static [u8],
}

/// The numbering plan of one region (or non-geographic calling code).
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub(crate) region: Option<Region>,
    pub(crate) calling_code: u16,
    pub(crate) lengths: u32,
    pub(crate) idd: &'static [u8],
    pub(crate) national: &'static [u8],
    pub(crate) national_prefix: &'static [u8],
    pub(crate) national_prefix_rule: &'static [u8],
    pub(crate) national_prefix_for_parsing: &'static [u8],
    pub(crate) transform: &'static [u8],
    pub(crate) leading_digits: &'static [u8],
    pub(crate) extension_prefix: &'static [u8],
    pub(crate) types: [Option<TypeDef>; TYPE_COUNT],
    pub(crate) formats: &'static [FormatDef],
}

impl Plan {
    /// The pattern libphonenumber-js uses to strip a national prefix.
    pub(crate) fn prefix_for_parsing(&self) -> &'static [u8] {
        self.national_prefix_for_parsing
    }

    /// Whether this metadata leaves the plan's rules out (a trimmed file):
    /// its numbers cannot be judged.
    pub(crate) fn is_stub(&self) -> bool {
        self.national.is_empty()
    }

    /// Whether the plan defines any type pattern.
    pub(crate) fn has_types(&self) -> bool {
        self.types.iter().any(Option::is_some)
    }
}

/// Every plan, with the lookups parsing needs.
pub(crate) struct Metadata {
    /// The bytes every slice points into.
    blob: &'static [u8],
    pub(crate) plans: Vec<Plan>,
    pub(crate) dict: Vec<u16>,
    /// Lengths of group nodes by offset in the blob (see `Matcher::ends`).
    ends: Vec<u16>,
    /// Plan index + 1 by region code (`(a - 'A') * 26 + (b - 'A')`), 0: none.
    by_region: Vec<u16>,
    /// First plan index + 1 by calling code, 0: none.
    by_calling_code: Vec<u16>,
}

impl Metadata {
    /// No plan at all: what parsing sees before metadata is loaded, or if
    /// the embedded metadata does not decode (a test fails then).
    const EMPTY: Metadata = Metadata {
        blob: &[],
        plans: Vec::new(),
        dict: Vec::new(),
        ends: Vec::new(),
        by_region: Vec::new(),
        by_calling_code: Vec::new(),
    };

    /// The decoded metadata (decoded on first use).
    #[cfg(not(feature = "metadata-file"))]
    pub(crate) fn get() -> &'static Metadata {
        static BLOB: &[u8] = include_bytes!("metadata.bin");
        METADATA.get_or_init(|| Box::new(decode(BLOB).unwrap_or(Metadata::EMPTY)))
    }

    /// The metadata handed to [`load`]; empty (no plan) before that.
    #[cfg(feature = "metadata-file")]
    pub(crate) fn get() -> &'static Metadata {
        static EMPTY: Metadata = Metadata::EMPTY;
        METADATA.get().unwrap_or(&EMPTY)
    }

    /// Whether metadata is there at all (false only before [`load`]).
    pub(crate) fn is_loaded(&self) -> bool {
        !self.plans.is_empty()
    }

    pub(crate) fn matcher(&self) -> Matcher<'_> {
        Matcher {
            dict: &self.dict,
            ends: &self.ends,
            base: self.blob.as_ptr() as usize,
        }
    }

    /// The plan of a region.
    pub(crate) fn region(&self, region: Region) -> Option<&Plan> {
        let index = *self.by_region.get(region.index())?;
        self.plans.get(usize::from(index).checked_sub(1)?)
    }

    /// The plans sharing a calling code, main region first; empty if the
    /// code is unknown.
    pub(crate) fn calling_code(&self, code: u16) -> &[Plan] {
        let Some(first) = self
            .by_calling_code
            .get(usize::from(code))
            .and_then(|&i| usize::from(i).checked_sub(1))
        else {
            return &[];
        };
        let count = self.plans[first..]
            .iter()
            .take_while(|p| p.calling_code == code)
            .count();
        &self.plans[first..first + count]
    }

    /// The formats of a plan: its own, or else its main region's.
    pub(crate) fn formats<'a>(&'a self, plan: &'a Plan) -> &'a [FormatDef] {
        if plan.formats.is_empty() {
            if let Some(main) = self.calling_code(plan.calling_code).first() {
                return main.formats;
            }
        }
        plan.formats
    }

    /// The national prefix formatting rule of a plan, or its main region's.
    pub(crate) fn national_prefix_rule<'a>(&'a self, plan: &'a Plan) -> &'a [u8] {
        if plan.national_prefix_rule.is_empty() {
            if let Some(main) = self.calling_code(plan.calling_code).first() {
                return main.national_prefix_rule;
            }
        }
        plan.national_prefix_rule
    }
}

/// Why [`load`] refused metadata.
#[cfg(feature = "metadata-file")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The bytes are not a `metadata.bin` of this version of the crate.
    NotMetadata,
    /// Metadata was loaded already (it is loaded once, at start).
    AlreadyLoaded,
}

/// Installs the phone metadata (the bytes of a `metadata.bin`, whole or
/// trimmed): once, before the first call. Feature `metadata-file`.
#[cfg(feature = "metadata-file")]
pub fn load(bytes: Vec<u8>) -> Result<(), LoadError> {
    if METADATA.get().is_some() {
        return Err(LoadError::AlreadyLoaded);
    }
    // Lives as long as the program, like embedded metadata.
    let blob: &'static [u8] = Vec::leak(bytes);
    let metadata = decode(blob).ok_or(LoadError::NotMetadata)?;
    METADATA
        .set(Box::new(metadata))
        .map_err(|_| LoadError::AlreadyLoaded)
}

/// A cursor over one stream.
struct Stream {
    bytes: &'static [u8],
    at: usize,
}

impl Stream {
    fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from(self.u8()?) | u16::from(self.u8()?) << 8)
    }

    fn u24(&mut self) -> Option<u32> {
        Some(u32::from(self.u16()?) | u32::from(self.u8()?) << 16)
    }

    fn varint(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..28).step_by(7) {
            let b = self.u8()?;
            value |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn until(&mut self, terminator: u8) -> Option<&'static [u8]> {
        let rest = self.bytes.get(self.at..)?;
        let len = rest.iter().position(|&b| b == terminator)?;
        self.at += len + 1;
        Some(&rest[..len])
    }

    fn regex(&mut self) -> Option<&'static [u8]> {
        self.until(END_OF_REGEX)
    }

    fn string(&mut self) -> Option<&'static [u8]> {
        self.until(0)
    }
}

struct Streams {
    plans: Stream,
    national: Stream,
    types: Stream,
    format_patterns: Stream,
    format_leading: Stream,
    strings: Stream,
    small: Stream,
}

fn decode(blob: &'static [u8]) -> Option<Metadata> {
    let mut header = Stream { bytes: blob, at: 0 };
    if header.u8()? != 2 {
        return None;
    }
    let count = usize::from(header.u16()?);
    let dict_len = usize::from(header.u8()?);
    let dict = (0..dict_len)
        .map(|_| header.u16())
        .collect::<Option<Vec<_>>>()?;
    let mut lens = [0usize; 7];
    for len in &mut lens {
        *len = header.varint()?;
    }
    let mut at = header.at;
    let mut next = |len: usize| -> Option<Stream> {
        let bytes = blob.get(at..at + len)?;
        at += len;
        Some(Stream { bytes, at: 0 })
    };
    let mut s = Streams {
        plans: next(lens[0])?,
        national: next(lens[1])?,
        types: next(lens[2])?,
        format_patterns: next(lens[3])?,
        format_leading: next(lens[4])?,
        strings: next(lens[5])?,
        small: next(lens[6])?,
    };
    let mut plans = Vec::with_capacity(count);
    let mut by_region = vec![0u16; 26 * 26];
    let mut by_calling_code = vec![0u16; 1000];
    for i in 0..count {
        let plan = read_plan(&mut s)?;
        let tag = u16::try_from(i + 1).ok()?;
        if let Some(region) = plan.region {
            by_region[region.index()] = tag;
        }
        let slot = by_calling_code.get_mut(usize::from(plan.calling_code))?;
        if *slot == 0 {
            *slot = tag;
        }
        plans.push(plan);
    }
    let matcher = Matcher {
        dict: &dict,
        ends: &[],
        base: 0,
    };
    for plan in &mut plans {
        for def in plan.types.iter_mut().flatten() {
            def.first_digits = matcher.first_digits(def.pattern);
        }
    }
    let mut ends = vec![0u16; blob.len()];
    for plan in &plans {
        let mut record = |code: &[u8]| {
            let offset = (code.as_ptr() as usize).wrapping_sub(blob.as_ptr() as usize);
            record_node_lengths(code, offset, &mut ends);
        };
        for code in [
            plan.idd,
            plan.national,
            plan.national_prefix_for_parsing,
            plan.leading_digits,
        ] {
            record(code);
        }
        for def in plan.types.iter().flatten() {
            record(def.pattern);
        }
        for format in plan.formats {
            record(format.pattern);
            record(format.leading);
        }
    }
    if plans.is_empty() {
        return None;
    }
    Some(Metadata {
        blob,
        plans,
        dict,
        ends,
        by_region,
        by_calling_code,
    })
}

fn read_plan(s: &mut Streams) -> Option<Plan> {
    let code = [s.plans.u8()?, s.plans.u8()?];
    let region = Region::from_bytes(code);
    let calling_code = s.plans.u16()?;
    let lengths = s.plans.u24()?;
    let idd = s.small.regex()?;
    let national = s.national.regex()?;
    let national_prefix = s.strings.string()?;
    let national_prefix_rule = s.strings.string()?;
    let national_prefix_for_parsing = s.small.regex()?;
    let transform = s.strings.string()?;
    let leading_digits = s.small.regex()?;
    let extension_prefix = s.strings.string()?;
    let present = s.plans.u16()?;
    let mut types = [None; TYPE_COUNT];
    for (k, slot) in types.iter_mut().enumerate() {
        if present & (1 << k) != 0 {
            let pattern = s.types.regex()?;
            let lengths = s.plans.u24()?;
            *slot = Some(TypeDef {
                pattern,
                lengths,
                first_digits: 0x3ff,
            });
        }
    }
    let format_count = s.plans.u8()?;
    let mut formats = Vec::with_capacity(usize::from(format_count));
    for _ in 0..format_count {
        let pattern = s.format_patterns.regex()?;
        let format = s.strings.string()?;
        let leading = s.format_leading.regex()?;
        let national_prefix_rule = s.strings.string()?;
        let international = s.strings.string()?;
        formats.push(FormatDef {
            pattern,
            format,
            leading,
            national_prefix_rule,
            international,
        });
    }
    Some(Plan {
        region,
        calling_code,
        lengths,
        idd,
        national,
        national_prefix,
        national_prefix_rule,
        national_prefix_for_parsing,
        transform,
        leading_digits,
        extension_prefix,
        types,
        // Leaked once: the metadata lives as long as the program.
        formats: Vec::leak(formats),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::borrow::ToOwned;

    #[test]
    fn decodes_every_plan() {
        let m = Metadata::get();
        assert_eq!(m.plans.len(), 254);
        // An empty national pattern marks a plan left out of a trimmed file.
        assert!(m.plans.iter().all(|p| !p.is_stub()));
        let us = m
            .region(Region::from_bytes(*b"US").expect("US"))
            .expect("US plan");
        assert_eq!(us.calling_code, 1);
        assert_eq!(us.national_prefix, b"1");
        assert!(!m.formats(us).is_empty());
        let nanpa = m.calling_code(1);
        assert_eq!(nanpa.len(), 25);
        assert_eq!(
            nanpa[0].region.map(|r| r.as_str().to_owned()),
            Some("US".into())
        );
        assert_eq!(m.calling_code(800).len(), 1);
        assert!(m.calling_code(800)[0].region.is_none());
        assert!(m.calling_code(999).is_empty());
    }

    #[test]
    fn shared_plans_inherit_formats() {
        let m = Metadata::get();
        let im = m
            .region(Region::from_bytes(*b"IM").expect("IM"))
            .expect("IM plan");
        assert!(im.formats.is_empty());
        assert!(!m.formats(im).is_empty());
    }
}
