//! Any `serde::Serialize` value as a [`json::Value`](crate::json::Value), so a
//! resolved request becomes its JSON body without `serde_json` (which the npm
//! crate may not use). Only what JSON can hold is supported: maps need string
//! keys, and a non-finite number becomes `null` when written.

use serde::ser::{self, Serialize};

use crate::json::Value;

/// `value` as a JSON tree (object members in declaration order). `None`
/// fields skipped by `skip_serializing_if` stay absent.
///
/// ```
/// use verify8x8::{api::to_value, json, params::Coverage};
/// let v = to_value(&Coverage { is_available: true }).unwrap();
/// assert_eq!(json::to_string(&v), r#"{"isAvailable":true}"#);
/// ```
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, BodyError> {
    value.serialize(ValueSerializer)
}

/// Why a value could not become JSON (a map with non-string keys, a custom
/// serializer error). The crate's own models never cause one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError(pub String);

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BodyError {}

impl ser::Error for BodyError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        BodyError(msg.to_string())
    }
}

struct ValueSerializer;

/// Collects the items of a sequence, or the members of a map or struct.
struct Collect {
    items: Vec<Value>,
    members: Vec<(String, Value)>,
    key: Option<String>,
    /// For `{"Variant": …}` enum forms: the variant name.
    variant: Option<&'static str>,
}

impl Collect {
    fn new(variant: Option<&'static str>) -> Collect {
        Collect {
            items: Vec::new(),
            members: Vec::new(),
            key: None,
            variant,
        }
    }

    fn wrap(self, value: Value) -> Value {
        match self.variant {
            Some(name) => Value::Object(vec![(name.to_owned(), value)]),
            None => value,
        }
    }

    fn end_seq(mut self) -> Value {
        let items = std::mem::take(&mut self.items);
        self.wrap(Value::Array(items))
    }

    fn end_map(mut self) -> Value {
        let members = std::mem::take(&mut self.members);
        self.wrap(Value::Object(members))
    }
}

type R = Result<Value, BodyError>;

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = BodyError;
    type SerializeSeq = Collect;
    type SerializeTuple = Collect;
    type SerializeTupleStruct = Collect;
    type SerializeTupleVariant = Collect;
    type SerializeMap = Collect;
    type SerializeStruct = Collect;
    type SerializeStructVariant = Collect;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(Value::Number(v as f64))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(Value::Number(v as f64))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(Value::Number(f64::from(v)))
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(Value::Number(v))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Value::String(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Value::Array(
            v.iter().map(|b| Value::Number(f64::from(*b))).collect(),
        ))
    }
    fn serialize_none(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(Value::String(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> R {
        Ok(Collect::new(Some(variant)).wrap(value.serialize(self)?))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Collect, BodyError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Collect, BodyError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Collect, BodyError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Collect, BodyError> {
        Ok(Collect::new(Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Collect, BodyError> {
        Ok(Collect::new(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collect, BodyError> {
        Ok(Collect::new(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Collect, BodyError> {
        Ok(Collect::new(Some(variant)))
    }
}

impl ser::SerializeSeq for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BodyError> {
        self.items.push(to_value(value)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(self.end_seq())
    }
}

impl ser::SerializeTuple for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BodyError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        Ok(self.end_seq())
    }
}

impl ser::SerializeTupleStruct for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BodyError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        Ok(self.end_seq())
    }
}

impl ser::SerializeTupleVariant for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BodyError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> R {
        Ok(self.end_seq())
    }
}

impl ser::SerializeMap for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), BodyError> {
        match to_value(key)? {
            Value::String(key) => {
                self.key = Some(key);
                Ok(())
            }
            other => Err(BodyError(format!(
                "a JSON object key must be a string, not {}",
                other.type_name()
            ))),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), BodyError> {
        let key = self.key.take().unwrap_or_default();
        self.members.push((key, to_value(value)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(self.end_map())
    }
}

impl ser::SerializeStruct for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), BodyError> {
        self.members.push((key.to_owned(), to_value(value)?));
        Ok(())
    }
    fn end(self) -> R {
        Ok(self.end_map())
    }
}

impl ser::SerializeStructVariant for Collect {
    type Ok = Value;
    type Error = BodyError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), BodyError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> R {
        Ok(self.end_map())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::json;

    #[test]
    fn matches_serde_json_on_the_models() {
        let input = json::parse(
            r#"{"destination":"+6587654321","channel":"call","brand":"ACME","call":{"speed":1.5}}"#,
        )
        .unwrap();
        let request = crate::params::validate_verification(&input)
            .request
            .unwrap();
        let ours = json::to_string(&to_value(&request).unwrap());
        assert_eq!(ours, serde_json::to_string(&request).unwrap());
    }

    #[test]
    fn maps_need_string_keys() {
        let mut ok = BTreeMap::new();
        ok.insert("a", vec![Some(1u8), None]);
        assert_eq!(
            json::to_string(&to_value(&ok).unwrap()),
            r#"{"a":[1,null]}"#
        );
        let mut bad = BTreeMap::new();
        bad.insert(1u8, 2u8);
        assert!(to_value(&bad).is_err());
    }

    #[derive(serde::Serialize)]
    enum Shape {
        Unit,
        New(u8),
        Tuple(u8, bool),
        Named { x: i64 },
    }

    #[test]
    fn enums_take_serde_json_forms() {
        for shape in [
            Shape::Unit,
            Shape::New(1),
            Shape::Tuple(2, true),
            Shape::Named { x: -3 },
        ] {
            assert_eq!(
                json::to_string(&to_value(&shape).unwrap()),
                serde_json::to_string(&shape).unwrap()
            );
        }
        assert_eq!(
            json::to_string(&to_value(&('x', (), 2.5f32)).unwrap()),
            r#"["x",null,2.5]"#
        );
    }
}
