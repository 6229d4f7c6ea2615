//! The parts of a site's config that links read beyond its address: the
//! values Liquid's `site.KEY` names (GitHub's `repository` as its URL), and
//! Hugo's `markup.goldmark.parser.autoDefinitionTermID`, from every file
//! Hugo reads its config from.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::site::Generator;

/// What links read of a site's config.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The config as read (several Hugo files merged, the first one's keys
    /// first).
    values: Value,
    /// Hugo gives definition terms ids, in one sequence with headings.
    pub term_ids: bool,
}

impl Settings {
    /// The settings of the site whose config lives in `dir`.
    pub fn read(generator: Generator, dir: &Path) -> Settings {
        let values = match generator {
            Generator::Jekyll => ["_config.yml", "_config.yaml"]
                .iter()
                .find_map(|name| yaml(&dir.join(name)))
                .unwrap_or_default(),
            Generator::Hugo => hugo_values(dir),
            Generator::Zola => toml_file(&dir.join("config.toml")).unwrap_or_default(),
        };
        let term_ids = ["markup", "goldmark", "parser", "autoDefinitionTermID"]
            .iter()
            .try_fold(&values, |v, key| v.get(key))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        Settings { values, term_ids }
    }

    /// Liquid's `site.KEY` (`KEY` may be dotted) when the config holds a
    /// string or number there. `repository` (`owner/name`, from GitHub's
    /// metadata) is the repository's URL, as `site.github.repository_url`.
    pub fn site_value(&self, key: &str) -> Option<String> {
        if key == "repository" || key == "github.repository_url" {
            let repo = self.values.get("repository")?.as_str()?.trim();
            if repo.contains("://") {
                return Some(repo.trim_end_matches('/').to_string());
            }
            return Some(format!("https://github.com/{}", repo.trim_matches('/')));
        }
        let found = key
            .split('.')
            .try_fold(&self.values, |v, part| v.get(part))?;
        match found {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

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
        .or_else(|| yaml(&folder.join(format!("{stem}.yaml"))))
        .or_else(|| yaml(&folder.join(format!("{stem}.yml"))))
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

fn toml_file(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    serde_json::to_value(table).ok()
}

fn yaml(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    serde_yaml::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_config_folders_merge_and_markup_files_nest() {
        let dir = tempfile::tempdir().expect("temp");
        let d = dir.path();
        fs::create_dir_all(d.join("config/_default")).expect("mkdir");
        fs::write(d.join("hugo.yaml"), "baseURL: https://a.example/\n").expect("write");
        fs::write(
            d.join("config/_default/markup.toml"),
            "[goldmark.parser]\nautoDefinitionTermID = true\n",
        )
        .expect("write");
        let settings = Settings::read(Generator::Hugo, d);
        assert!(settings.term_ids);
        assert_eq!(
            settings.site_value("baseURL").as_deref(),
            Some("https://a.example/")
        );
    }

    #[test]
    fn jekyll_repository_is_a_github_url() {
        let dir = tempfile::tempdir().expect("temp");
        fs::write(
            dir.path().join("_config.yml"),
            "repository: owner/site\ndocs:\n  home: /guide/\n",
        )
        .expect("write");
        let settings = Settings::read(Generator::Jekyll, dir.path());
        assert_eq!(
            settings.site_value("repository").as_deref(),
            Some("https://github.com/owner/site")
        );
        assert_eq!(settings.site_value("docs.home").as_deref(), Some("/guide/"));
        assert_eq!(settings.site_value("docs"), None);
        assert!(!settings.term_ids);
    }
}
