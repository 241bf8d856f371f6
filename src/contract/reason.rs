//! Each error answer of 8x8's contract: its HTTP status, its 8x8 `code` and
//! its wording, as 8x8 documents them
//! (<https://developer.8x8.com/connect/docs/api-error-codes>, and the error
//! examples of <https://developer.8x8.com/connect/reference/verification-api>).
//! The edge worker and the emulator answer with these; the client reads them
//! (`crate::api::ApiErrorKind::classify`).

/// Why a request is refused, as 8x8 answers it.
///
/// ```
/// use verify8x8::contract::Reason;
/// let r = Reason::ResendTooSoon;
/// assert_eq!((r.status(), r.code(), r.message()), (403, 1400, "Resending interval violation"));
/// assert_eq!(Reason::from_code(1404), Some(Reason::SessionNotFound));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// 400, 1000: a parameter (or the body) is invalid.
    InvalidParameter,
    /// 415, 1000: the body is not declared as JSON.
    UnsupportedMediaType,
    /// 413, 1000: the body is too large.
    PayloadTooLarge,
    /// 400, 1001: the sub-account is not in this account.
    InvalidSubAccount,
    /// 400, 1002: the destination is not an E.164 number.
    InvalidDestination,
    /// 400, 1008: an id is malformed.
    InvalidId,
    /// 400, 1009: the country code is invalid.
    InvalidCountry,
    /// 400, 1010: a parameter is out of range.
    OutOfRange,
    /// 400, 1012: the IP address is invalid.
    InvalidIp,
    /// 426, 1014: the TLS version is too old (with `Upgrade: TLS/1.3`).
    InsecureProtocol,
    /// 429, 1100: too many requests; nothing was processed.
    RateLimited,
    /// 401, 1200: the API key is missing or wrong.
    Unauthorized,
    /// 403, 1201: authenticated but not permitted.
    Forbidden,
    /// 404, 1300: no such resource (route).
    NotFound,
    /// 403, 1400: a start came before `resendingInterval` elapsed.
    ResendTooSoon,
    /// 404, 1404: no such session (or it is gone).
    SessionNotFound,
    /// 409, 1400: the edge worker's answer to a second start of a number
    /// whose code is still valid (8x8 would re-send it to whoever asked).
    SessionPending,
    /// 405, 2001: the resource exists but not with this method.
    MethodNotAllowed,
    /// 500, 2000: the server failed.
    ServerError,
    /// 502, 2000: the server behind the proxy could not be reached.
    BadGateway,
    /// 504, 2000: the server behind the proxy did not answer in time.
    GatewayTimeout,
}

impl Reason {
    /// Every reason, in the order [`Reason::from_code`] searches them.
    pub const ALL: [Reason; 21] = [
        Reason::InvalidParameter,
        Reason::UnsupportedMediaType,
        Reason::PayloadTooLarge,
        Reason::InvalidSubAccount,
        Reason::InvalidDestination,
        Reason::InvalidId,
        Reason::InvalidCountry,
        Reason::OutOfRange,
        Reason::InvalidIp,
        Reason::InsecureProtocol,
        Reason::RateLimited,
        Reason::Unauthorized,
        Reason::Forbidden,
        Reason::NotFound,
        Reason::ResendTooSoon,
        Reason::SessionNotFound,
        Reason::SessionPending,
        Reason::MethodNotAllowed,
        Reason::ServerError,
        Reason::BadGateway,
        Reason::GatewayTimeout,
    ];

    /// The HTTP status, e.g. 404.
    pub fn status(self) -> u16 {
        self.row().0
    }

    /// 8x8's error `code`, e.g. 1404.
    pub fn code(self) -> u32 {
        self.row().1
    }

    /// 8x8's wording, e.g. `"Session not found"`.
    pub fn message(self) -> &'static str {
        self.row().2
    }

    /// The reason 8x8 means by `code` (the first with that code: 1000 is
    /// [`Reason::InvalidParameter`], 2000 [`Reason::ServerError`]).
    pub fn from_code(code: u32) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }

    fn row(self) -> (u16, u32, &'static str) {
        use Reason::*;
        match self {
            InvalidParameter => (400, 1000, "Invalid parameter"),
            UnsupportedMediaType => (415, 1000, "Content-Type must be application/json"),
            PayloadTooLarge => (413, 1000, "Request body too large"),
            InvalidSubAccount => (
                400,
                1001,
                "Provided subAccountId doesn't belong to your account",
            ),
            InvalidDestination => (
                400,
                1002,
                "Invalid MSISDN format (not E.164 international number)",
            ),
            InvalidId => (400, 1008, "Invalid ID"),
            InvalidCountry => (400, 1009, "Invalid Country Code"),
            OutOfRange => (400, 1010, "Parameter out of range"),
            InvalidIp => (400, 1012, "Invalid Ip Address"),
            InsecureProtocol => (
                426,
                1014,
                "TLS 1.3+ is required for Singapore-bound messages. Detected: TLSv1.2",
            ),
            RateLimited => (429, 1100, "Too many requests"),
            Unauthorized => (401, 1200, "Request was not authenticated properly"),
            Forbidden => (403, 1201, "Access forbidden"),
            NotFound => (404, 1300, "Not found"),
            ResendTooSoon => (403, 1400, "Resending interval violation"),
            SessionNotFound => (404, 1404, "Session not found"),
            SessionPending => (409, 1400, "A code sent to this number is still valid"),
            MethodNotAllowed => (405, 2001, "Method not allowed"),
            ServerError => (500, 2000, "Internal server error"),
            BadGateway => (502, 2000, "Bad gateway"),
            GatewayTimeout => (504, 2000, "Gateway timeout"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Reason;

    #[test]
    fn every_reason_is_an_error_answer_and_found_by_its_code() {
        for reason in Reason::ALL {
            assert!(reason.status() >= 400, "{reason:?}");
            assert!(!reason.message().is_empty());
            let first = Reason::from_code(reason.code()).expect("known code");
            assert_eq!(first.code(), reason.code());
        }
        assert_eq!(Reason::from_code(1000), Some(Reason::InvalidParameter));
        assert_eq!(Reason::from_code(2000), Some(Reason::ServerError));
        assert_eq!(Reason::from_code(3030), None);
    }
}
