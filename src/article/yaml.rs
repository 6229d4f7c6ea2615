//! YAML front matter read within bounds: aliases may not expand it past a
//! node budget, counted before any value is built.
//!
//! serde_yaml limits how often aliases are followed, not how much they
//! expand: three lines of 300 aliases each name 27 million nodes. A first
//! pass walks the document's events through serde_yaml's own deserializer
//! (which replays an alias's events where it is used) and only counts; it
//! stops at [`NODE_BUDGET`], so neither time nor memory can grow past it.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

use super::fields::Value;
pub use super::nesting::MAX_FLOW_DEPTH;
use super::nesting::too_deep_at;

/// The most nodes (scalars, lists, mappings, aliases expanded) a YAML front
/// matter may hold. Without aliases, the largest front matter quire reads
/// (256 KB) has about 130,000; real ones have a few dozen.
pub const NODE_BUDGET: usize = 200_000;

/// Why YAML front matter was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlError {
    /// Aliases expand it past [`NODE_BUDGET`] nodes.
    TooManyNodes,
    /// Flow collections nest past [`MAX_FLOW_DEPTH`] levels, first on this
    /// 1-based line of the front matter.
    TooDeep(usize),
    /// Not valid YAML: serde_yaml's message without its location, and the
    /// 1-based line within the front matter.
    Malformed(String, Option<usize>),
    /// Valid YAML whose top level is not a mapping: its type.
    NotAMapping(&'static str),
}

/// Parses YAML front matter into a mapping. Empty front matter (or `~`) is an
/// empty mapping.
pub fn parse(raw: &str) -> Result<Value, YamlError> {
    if raw.trim().is_empty() {
        return Ok(Value::Map(Vec::new()));
    }
    // Checked first: deep nesting makes serde_yaml's own passes slow.
    if let Some(line) = too_deep_at(raw, MAX_FLOW_DEPTH) {
        return Err(YamlError::TooDeep(line));
    }
    // An alias needs a `*`; without one the size cap already bounds the nodes.
    if raw.contains('*') {
        count_nodes(raw, NODE_BUDGET).map_err(|err| match err {
            Some(err) => malformed(&err),
            None => YamlError::TooManyNodes,
        })?;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(raw) {
        Ok(value) => match Value::from_yaml(value) {
            map @ Value::Map(_) => Ok(map),
            Value::Null => Ok(Value::Map(Vec::new())),
            other => Err(YamlError::NotAMapping(other.type_name())),
        },
        Err(err) => Err(malformed(&err)),
    }
}

fn malformed(err: &serde_yaml::Error) -> YamlError {
    YamlError::Malformed(
        without_location(&err.to_string()),
        err.location().map(|at| at.line()),
    )
}

/// The nodes in `raw` with every alias expanded. `Err(None)` when there are
/// more than `budget`; `Err(Some(_))` for YAML that does not parse (found
/// before anything is expanded: serde_yaml reads all events first).
pub fn count_nodes(raw: &str, budget: usize) -> Result<usize, Option<serde_yaml::Error>> {
    let counter = Counter {
        seen: Cell::new(0),
        budget,
        over: Cell::new(false),
    };
    let counted = (&counter).deserialize(serde_yaml::Deserializer::from_str(raw));
    match counted {
        _ if counter.over.get() => Err(None),
        Err(err) => Err(Some(err)),
        Ok(()) => Ok(counter.seen.get()),
    }
}

/// Counts the nodes it visits and fails once past its budget. Shared by
/// reference so every nested visit adds to the same count.
struct Counter {
    seen: Cell<usize>,
    budget: usize,
    over: Cell<bool>,
}

impl Counter {
    /// Counts one node; an error once the budget is spent.
    fn tick<E: de::Error>(&self) -> Result<(), E> {
        let seen = self.seen.get() + 1;
        self.seen.set(seen);
        if seen > self.budget {
            self.over.set(true);
            return Err(E::custom("front matter expands past the node budget"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for &Counter {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &Counter {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.tick()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.tick()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.tick()
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.tick()
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.tick()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.tick()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.tick()
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.tick()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.tick()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.tick()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.tick()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged node (`!tag value`): the tag, then the value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// serde_yaml's message without its " at line L column C" marks (which count
/// from the fence, not the file; the warning carries the file line instead).
fn without_location(message: &str) -> String {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let after = &after[digits(after)..];
        rest = match after.strip_prefix(" column ") {
            Some(col) => &col[digits(col)..],
            None => after,
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wide, shallow bomb: `width` aliases of `width` aliases.
    fn bomb(width: usize) -> String {
        let row = |item: &str| vec![item; width].join(",");
        format!(
            "title: Bomb\na: &a [{}]\nb: &b [{}]\nc: [{}]\n",
            row("x"),
            row("*a"),
            row("*b")
        )
    }

    #[test]
    fn nodes_are_counted_with_aliases_expanded() {
        assert_eq!(count_nodes("a: 1", 100).ok(), Some(3));
        assert_eq!(
            count_nodes("a: &x [1, 2]\nb: *x\nc: *x", 100).ok(),
            Some(13)
        );
        assert_eq!(count_nodes("t: !custom {k: v}", 100).ok(), Some(6));
        assert!(matches!(count_nodes("a: &x [1, 2]\nb: *x", 5), Err(None)));
    }

    #[test]
    fn an_alias_bomb_is_refused_before_it_is_built() {
        let raw = bomb(300);
        assert!(raw.len() < 3000);
        assert!(matches!(count_nodes(&raw, NODE_BUDGET), Err(None)));
        assert_eq!(parse(&raw), Err(YamlError::TooManyNodes));
        // A few aliases are fine.
        assert!(parse(&bomb(10)).is_ok());
    }

    #[test]
    fn malformed_yaml_is_reported_by_the_real_parse() {
        assert!(matches!(count_nodes("tags: [a, b\n", 100), Err(Some(_))));
        match parse("title: ok\ntags: [a, b\ndate: x\n") {
            Err(YamlError::Malformed(message, line)) => {
                assert!(!message.contains(" at line "), "{message}");
                assert!(line.is_some());
            }
            other => panic!("{other:?}"),
        }
    }
}
