//! The sans-IO 8x8 Verify v2 client: requests described, responses interpreted.
