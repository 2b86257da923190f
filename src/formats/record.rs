//! One JSON object of a graph file (a node, a link) as the field mapping reads it: its fields
//! in key order, each key once, scalars kept as they are and strings borrowed from the file's
//! text where they can be. A `serde_json::Map` of the same object holds the same fields in
//! the same order (it sorts its keys, and a repeated key keeps its last value), so the mapping
//! gives the same node or edge either way; reading records straight from the text saves a
//! `String` per key and per string value, which on a 500,000-link file is most of the work.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// A field's value: a scalar as it is, a string borrowed where the text allows, and a list or
/// object (rare in node and link records) as a whole [`Value`].
#[derive(Clone, Debug, PartialEq)]
pub enum Field<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Str(Cow<'a, str>),
    Nested(Value),
}

impl Field<'_> {
    /// The field of a value, taking it over.
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(b),
            Value::Number(n) => Self::Number(n),
            Value::String(s) => Self::Str(Cow::Owned(s)),
            other => Self::Nested(other),
        }
    }

    /// The value again (for messages that describe it).
    pub fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(b) => Value::Bool(b),
            Self::Number(n) => Value::Number(n),
            Self::Str(s) => Value::String(s.into_owned()),
            Self::Nested(value) => value,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Self::Number(_))
    }

    /// Whether it is a string, a number or a boolean (what [`Self::scalar_text`] writes out).
    pub fn is_scalar(&self) -> bool {
        matches!(self, Self::Str(_) | Self::Number(_) | Self::Bool(_))
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Self::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A number, or text that is one (`"1.0"`, as Gephi's JSON exporter writes every value),
    /// finite: what a weight may be.
    pub fn as_f64_or_numeric_text(&self) -> Option<f64> {
        match self {
            Self::Str(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
            other => other.as_f64(),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// As [`super::fields::scalar_text`]: strings as they are, numbers and booleans written
    /// out; `None` otherwise.
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Self::Str(s) => Some(s.as_ref().to_owned()),
            Self::Number(n) => Some(number_text(n)),
            Self::Bool(b) => Some(b.to_string()),
            Self::Null | Self::Nested(_) => None,
        }
    }

    /// As [`super::import::attribute_text`]: strings as they are, anything else as compact
    /// JSON.
    pub fn into_attribute_text(self) -> String {
        match self {
            Self::Str(s) => s.into_owned(),
            Self::Null => "null".to_owned(),
            Self::Bool(b) => b.to_string(),
            Self::Number(n) => number_text(&n),
            Self::Nested(value) => value.to_string(),
        }
    }
}

/// A number as `serde_json` writes it; whole non-negative ones (years, counts) quickly.
fn number_text(n: &Number) -> String {
    match n.as_u64() {
        Some(whole) => super::import::decimal_text("", whole),
        None => n.to_string(),
    }
}

/// An object's fields in key order, each key once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record<'a> {
    fields: Vec<(Cow<'a, str>, Field<'a>)>,
}

impl<'a> Record<'a> {
    /// The fields of `map`, in its order.
    pub fn from_map(map: Map<String, Value>) -> Self {
        Self {
            fields: map
                .into_iter()
                .map(|(key, value)| (Cow::Owned(key), Field::from_value(value)))
                .collect(),
        }
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|(k, _)| k == key)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.position(key).is_some()
    }

    pub fn get(&self, key: &str) -> Option<&Field<'a>> {
        self.position(key).map(|i| &self.fields[i].1)
    }

    pub fn remove(&mut self, key: &str) -> Option<Field<'a>> {
        self.position(key).map(|i| self.fields.remove(i).1)
    }

    /// As [`super::fields::flatten_nested`]: moves the fields of a nested object up; fields
    /// already at the top win, and a different nested value stays as `KEY.FIELD`.
    pub fn flatten_nested(&mut self, key: &str) {
        if let Some(Field::Nested(Value::Object(nested))) = self.remove(key) {
            for (field, value) in nested {
                let value = Field::from_value(value);
                let held = self
                    .fields
                    .binary_search_by(|(k, _)| (**k).cmp(field.as_str()));
                let name = match held {
                    Err(_) => field,
                    Ok(at) if self.fields[at].1 == value => continue,
                    Ok(_) => format!("{key}.{field}"),
                };
                if let Err(at) = self
                    .fields
                    .binary_search_by(|(k, _)| (**k).cmp(name.as_str()))
                {
                    self.fields.insert(at, (Cow::Owned(name), value));
                }
            }
        }
    }
}

impl<'a> IntoIterator for Record<'a> {
    type Item = (Cow<'a, str>, Field<'a>);
    type IntoIter = std::vec::IntoIter<(Cow<'a, str>, Field<'a>)>;

    fn into_iter(self) -> Self::IntoIter {
        self.fields.into_iter()
    }
}

/// Reads an object as a `serde_json::Map` would hold it: keys sorted, a repeated key keeping
/// its last value. Anything but an object is an error.
impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let mut fields: Vec<(Cow<'de, str>, Field<'de>)> = Vec::with_capacity(8);
        while let Some(key) = map.next_key_seed(Text)? {
            let value = map.next_value_seed(FieldSeed)?;
            fields.push((key, value));
        }
        // Stable: repeated keys stay in file order, and the last one is kept.
        fields.sort_by(|(a, _), (b, _)| a.cmp(b));
        fields.dedup_by(|later, earlier| {
            let same = later.0 == earlier.0;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        Ok(Record { fields })
    }
}

/// A string, borrowed from the text unless it has escapes.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A field's value, read as `serde_json::Value` reads it (a float with no JSON form is null).
struct FieldSeed;

impl<'de> DeserializeSeed<'de> for FieldSeed {
    type Value = Field<'de>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Field::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Field::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Field::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Number::from_f64(v).map_or(Field::Null, Field::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Field::Str(Cow::Owned(v)))
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        FieldSeed.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Field::Nested)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Field::Nested)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECT: &str = r#"{"b": "x\"y", "a": 1, "c": [1, {"d": null}], "a": 2.5, "e": null,
        "f": true, "g": {"h": "i"}, "big": 18446744073709551615, "neg": -3}"#;

    #[test]
    fn a_record_holds_what_a_map_holds_in_its_order() {
        let record: Record = serde_json::from_str(OBJECT).unwrap();
        let map: Map<String, Value> = serde_json::from_str(OBJECT).unwrap();
        assert_eq!(record, Record::from_map(map));
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        for text in [
            "0",
            "7",
            "2012",
            "18446744073709551615",
            "-3",
            "1.5",
            "1e300",
            "-0.0",
        ] {
            let number: Number = serde_json::from_str(text).unwrap();
            assert_eq!(number_text(&number), number.to_string(), "{text}");
        }
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let record: Record = serde_json::from_str(r#"{"id": "n1", "q": "a\nb"}"#).unwrap();
        assert!(matches!(
            record.get("id"),
            Some(Field::Str(Cow::Borrowed("n1")))
        ));
        assert!(matches!(record.get("q"), Some(Field::Str(Cow::Owned(_)))));
    }

    #[test]
    fn nested_fields_are_flattened_as_a_map_would_be() {
        let text = r#"{"z": 1, "m": "n", "attributes": {"a": 1, "z": 2, "m": "n"}}"#;
        let mut record: Record = serde_json::from_str(text).unwrap();
        record.flatten_nested("attributes");
        let mut map: Map<String, Value> = serde_json::from_str(text).unwrap();
        super::super::fields::flatten_nested(&mut map, "attributes");
        assert_eq!(
            map["attributes.z"], 2,
            "a clash keeps the nested value: {map:?}"
        );
        assert!(
            !map.contains_key("attributes.m"),
            "the same value is kept once"
        );
        assert_eq!(record, Record::from_map(map));
    }
}
