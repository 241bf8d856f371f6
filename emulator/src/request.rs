//! What the emulator needs from a valid `POST /sessions` body: the resolved
//! request of `verify8x8::params`, reduced to the fields that drive a session.

use std::net::IpAddr;

use verify8x8::params::CodeType;

/// The delivery channel: the core's, so the emulator and the crate cannot disagree.
pub(crate) use verify8x8::params::Channel;

/// A validated start request with 8x8's defaults applied.
#[derive(Debug, Clone)]
pub(crate) struct StartRequest {
    /// E.164, e.g. `+6587654321`.
    pub(crate) destination: String,
    pub(crate) channel: Channel,
    pub(crate) brand: Option<String>,
    pub(crate) code_length: u8,
    /// Seconds.
    pub(crate) code_validity: u32,
    pub(crate) code_kind: CodeType,
    pub(crate) template: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) reset_session: bool,
    /// Seconds.
    pub(crate) resending_interval: u32,
    pub(crate) callback_url: Option<String>,
    pub(crate) client_ip: Option<IpAddr>,
    /// `sms.source` or `call.source`.
    pub(crate) source: Option<String>,
    pub(crate) whatsapp_template: Option<String>,
}

/// A validated coverage request.
#[derive(Debug, Clone)]
pub(crate) struct CoverageRequest {
    pub(crate) client_ip: IpAddr,
    /// E.164, when given.
    pub(crate) destination: Option<String>,
}
