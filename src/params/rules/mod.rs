//! The rules of single fields that need more than a type, a range or a
//! length: each file one rule, each returning the violation it finds.

pub(crate) mod callback_url;
pub(crate) mod client_ip;
pub(crate) mod code;
pub(crate) mod sender;
pub(crate) mod session_id;
pub(crate) mod template;
