//! Reading a site's config files into one value: TOML, YAML or JSON, and
//! Hugo's several places (`hugo.*`, `config.*`, `config/_default/`).

use std::fs;
use std::path::Path;

use serde_json::Value;

/// Hugo's config: the first of `hugo.*`/`config.*` in the site folder,
/// then `config/_default/` (`hugo.*`, `config.*`, and `markup.*` under the
/// `markup` key).
pub fn hugo_values(dir: &Path) -> Value {
    let mut merged = serde_json::Map::new();
    let mut add = |value: Value, under: Option<&str>| {
        let value = match under {
            Some(key) => serde_json::json!({ key: value }),
            None => value,
        };
        if let Value::Object(map) = value {
            for (k, v) in map {
                merge(merged.entry(k).or_insert(Value::Null), v);
            }
        }
    };
    for folder in [dir.to_path_buf(), dir.join("config/_default")] {
        for stem in ["hugo", "config", "markup"] {
            if stem == "markup" && folder.as_path() == dir {
                continue;
            }
            let under = (stem == "markup").then_some("markup");
            if let Some(value) = hugo_file(&folder, stem) {
                add(value, under);
            }
        }
    }
    Value::Object(merged)
}

/// `STEM.toml`, `.yaml`, `.yml` or `.json` in `folder`, the first there is.
pub fn hugo_file(folder: &Path, stem: &str) -> Option<Value> {
    toml_file(&folder.join(format!("{stem}.toml")))
        .or_else(|| yaml_file(&folder.join(format!("{stem}.yaml"))))
        .or_else(|| yaml_file(&folder.join(format!("{stem}.yml"))))
        .or_else(|| {
            let text = fs::read_to_string(folder.join(format!("{stem}.json"))).ok()?;
            serde_json::from_str(&text).ok()
        })
}

/// Fills what `into` lacks from `value` (tables merge key by key).
fn merge(into: &mut Value, value: Value) {
    match (into, value) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (slot @ Value::Null, v) => *slot = v,
        _ => {}
    }
}

pub fn toml_file(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    serde_json::to_value(table).ok()
}

pub fn yaml_file(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    serde_yaml::from_str(&text).ok()
}
