//! Request models of the three Verify v2 endpoints and their validation.

mod sub_account;

pub use sub_account::{is_valid_sub_account_id, SUB_ACCOUNT_ID_MAX_LEN, SUB_ACCOUNT_ID_MIN_LEN};
