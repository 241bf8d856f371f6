//! Phone numbers: parse what people type, normalize to E.164, classify, format.
//!
//! PLACEHOLDER (params branch only): a minimal stand-in with the interface of
//! CONTRACTS.md so `params` compiles before the `phone` branch lands. It is
//! replaced wholesale by the real module when `phone` is merged; nothing here
//! is meant to survive that merge.

/// What kind of line a number is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberType {
    /// Mobile.
    Mobile,
    /// Fixed line.
    FixedLine,
    /// Either (the numbering plan does not tell).
    FixedLineOrMobile,
    /// Toll free.
    TollFree,
    /// Premium rate.
    PremiumRate,
    /// Shared cost.
    SharedCost,
    /// VoIP.
    Voip,
    /// Personal number.
    PersonalNumber,
    /// Pager.
    Pager,
    /// UAN.
    Uan,
    /// Voicemail.
    Voicemail,
}

impl NumberType {
    /// Whether an SMS can reach this kind of line.
    pub fn can_receive_sms(self) -> bool {
        matches!(
            self,
            NumberType::Mobile | NumberType::FixedLineOrMobile | NumberType::PersonalNumber
        )
    }
}

/// Why a number is not valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// Not a phone number at all.
    NotANumber,
    /// Unknown country.
    InvalidCountry,
    /// Too short.
    TooShort,
    /// Too long.
    TooLong,
    /// A length no number of the country has.
    InvalidLength,
    /// Possible but not a number of the country.
    NotValidForRegion,
}

impl Invalid {
    /// The reason as a stable string.
    pub fn as_str(self) -> &'static str {
        match self {
            Invalid::NotANumber => "NOT_A_NUMBER",
            Invalid::InvalidCountry => "INVALID_COUNTRY",
            Invalid::TooShort => "TOO_SHORT",
            Invalid::TooLong => "TOO_LONG",
            Invalid::InvalidLength => "INVALID_LENGTH",
            Invalid::NotValidForRegion => "NOT_VALID_FOR_REGION",
        }
    }
}

/// A region (placeholder: the ISO code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region(pub String);

/// A parsed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// E.164.
    pub e164: String,
    /// Country calling code.
    pub country_calling_code: u16,
    /// National significant number.
    pub national_number: String,
    /// Extension.
    pub extension: Option<String>,
    /// Region.
    pub region: Option<Region>,
    /// Type.
    pub number_type: Option<NumberType>,
    /// Possible length.
    pub possible: bool,
    /// Valid.
    pub valid: bool,
    /// Why not valid.
    pub reason: Option<Invalid>,
}

/// Why parsing failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The reason.
    pub reason: Invalid,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.reason {
            Invalid::NotANumber => "not a phone number",
            Invalid::InvalidCountry => "unknown country calling code or region",
            Invalid::TooShort => "too short",
            Invalid::TooLong => "too long",
            Invalid::InvalidLength => "invalid length",
            Invalid::NotValidForRegion => "not a number of this region",
        })
    }
}

const CODES: &[(&str, u16)] = &[
    ("SG", 65),
    ("US", 1),
    ("CA", 1),
    ("GB", 44),
    ("FR", 33),
    ("DE", 49),
    ("AU", 61),
    ("IN", 91),
];

/// Placeholder parse: `+` and digits, or national digits with a region of a
/// tiny table; lengths 8 to 15 digits in all.
pub fn parse(input: &str, default_region: Option<&str>) -> Result<PhoneNumber, ParseError> {
    let fail = |reason| Err(ParseError { reason });
    let trimmed = input.trim();
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || " ()-.+".contains(c)))
    {
        return fail(Invalid::NotANumber);
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return fail(Invalid::NotANumber);
    }
    let (cc, national) = if trimmed.starts_with('+') {
        let Some(&(_, cc)) = CODES
            .iter()
            .find(|(_, cc)| digits.starts_with(&cc.to_string()))
        else {
            return fail(Invalid::InvalidCountry);
        };
        (cc, digits[cc.to_string().len()..].to_owned())
    } else {
        let Some(&(_, cc)) = CODES.iter().find(|(r, _)| Some(*r) == default_region) else {
            return fail(Invalid::InvalidCountry);
        };
        (cc, digits.trim_start_matches('0').to_owned())
    };
    if national.len() < 7 {
        return fail(Invalid::TooShort);
    }
    if national.len() > 12 {
        return fail(Invalid::TooLong);
    }
    Ok(PhoneNumber {
        e164: format!("+{cc}{national}"),
        country_calling_code: cc,
        national_number: national,
        extension: None,
        region: None,
        number_type: None,
        possible: true,
        valid: true,
        reason: None,
    })
}
