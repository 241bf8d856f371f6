//! `country`: an ISO 3166-1 alpha-2 code.

use crate::json::Value;

use super::fields::string;
use super::report::Report;
use super::violation::{Violation, ViolationCode as Code};

/// Every code accepted as `country`: the 249 ISO 3166-1 alpha-2 codes plus
/// AC (Ascension), TA (Tristan da Cunha) and XK (Kosovo), which numbering
/// plans use. Sorted, upper case.
pub const COUNTRIES: [&str; 252] = [
    "AC", "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
    "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR",
    "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM",
    "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC",
    "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE",
    "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK",
    "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE",
    "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB",
    "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH",
    "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF",
    "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU",
    "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR",
    "SS", "ST", "SV", "SX", "SY", "SZ", "TA", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM",
    "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE",
    "VG", "VI", "VN", "VU", "WF", "WS", "XK", "YE", "YT", "ZA", "ZM", "ZW",
];

/// The code in upper case if `s` is a known country code (either case).
///
/// ```
/// use verify8x8::params::normalize_country;
/// assert_eq!(normalize_country("sg").as_deref(), Some("SG"));
/// assert_eq!(normalize_country("SGP"), None);
/// assert_eq!(normalize_country("ZZ"), None);
/// ```
pub fn normalize_country(s: &str) -> Option<String> {
    let upper = s.to_ascii_uppercase();
    COUNTRIES.binary_search(&upper.as_str()).ok().map(|_| upper)
}

/// `country`: a string naming a known ISO alpha-2 code; the code upper-cased.
pub(crate) fn field(r: &mut Report, value: &Value) -> Option<String> {
    let s = string(r, "country", value)?;
    let found = normalize_country(s);
    if found.is_none() {
        r.error(Violation::new(
            "country",
            Code::InvalidCountry,
            format!(
                "country must be an ISO 3166-1 alpha-2 code such as \"SG\" or \"US\" (got {s:?})"
            ),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique() {
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRIES.iter().all(|c| c.len() == 2));
    }

    #[test]
    fn knows_countries_and_rejects_others() {
        for code in ["SG", "US", "GB", "XK", "AQ", "ZW", "AC"] {
            assert!(normalize_country(code).is_some(), "{code}");
        }
        for code in ["", "S", "UK", "EU", "ZZ", "SGP", "S1", "ß"] {
            assert!(normalize_country(code).is_none(), "{code}");
        }
    }
}
