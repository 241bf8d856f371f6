//! Region codes: two-letter ISO 3166-1 codes as the metadata knows them.

use core::fmt;

/// A region (country or territory) code: two upper-case ASCII letters, as in
/// ISO 3166-1 alpha-2 (`"US"`, `"GB"`), plus the few codes libphonenumber
/// uses beyond it (`"AC"` Ascension, `"TA"` Tristan da Cunha, `"XK"`
/// Kosovo).
///
/// ```
/// use verify8x8_phone::Region;
/// let fr: Region = "fr".parse().unwrap();
/// assert_eq!(fr.as_str(), "FR");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Region([u8; 2]);

impl Region {
    /// The region of two ASCII letters (any case); `None` otherwise.
    pub fn from_bytes(code: [u8; 2]) -> Option<Region> {
        let up = [code[0].to_ascii_uppercase(), code[1].to_ascii_uppercase()];
        up.iter().all(u8::is_ascii_uppercase).then_some(Region(up))
    }

    /// The code, e.g. `"US"`.
    pub fn as_str(&self) -> &str {
        // Always two ASCII letters, so always UTF-8.
        core::str::from_utf8(&self.0).unwrap_or("ZZ")
    }

    /// Index into a 26 × 26 table.
    pub(crate) fn index(self) -> usize {
        usize::from(self.0[0] - b'A') * 26 + usize::from(self.0[1] - b'A')
    }
}

impl core::str::FromStr for Region {
    type Err = ();

    /// Parses two ASCII letters, in any case.
    fn from_str(s: &str) -> Result<Region, ()> {
        match s.as_bytes() {
            &[a, b] => Region::from_bytes([a, b]).ok_or(()),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.as_str())
    }
}
