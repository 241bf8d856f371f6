//! Phone numbers: parse what people type, normalize to E.164, classify, format.
