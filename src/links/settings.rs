//! The parts of a site's config that links read beyond its address: the
//! values Liquid's `site.KEY` names (GitHub's `repository` as its URL), and
//! Hugo's `markup.goldmark.parser.autoDefinitionTermID`, from every file
//! Hugo reads its config from, and Zola's `slugify.anchors`.

use std::path::Path;

use serde_json::Value;

use super::ids::ZolaAnchors;
use crate::site::Generator;
use crate::site::config_files::{hugo_values, toml_file, yaml_file};

/// What links read of a site's config.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The config as read (several Hugo files merged, the first one's keys
    /// first).
    values: Value,
    /// Hugo gives definition terms ids, in one sequence with headings.
    pub term_ids: bool,
    /// Zola's `slugify.anchors`: how it names sections.
    pub zola_anchors: ZolaAnchors,
}

impl Settings {
    /// The settings of the site whose config lives in `dir`.
    pub fn read(generator: Generator, dir: &Path) -> Settings {
        let values = match generator {
            Generator::Jekyll => ["_config.yml", "_config.yaml"]
                .iter()
                .find_map(|name| yaml_file(&dir.join(name)))
                .unwrap_or_default(),
            Generator::Hugo => hugo_values(dir),
            Generator::Zola => toml_file(&dir.join("config.toml")).unwrap_or_default(),
        };
        let term_ids = ["markup", "goldmark", "parser", "autoDefinitionTermID"]
            .iter()
            .try_fold(&values, |v, key| v.get(key))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let zola_anchors = ["slugify", "anchors"]
            .iter()
            .try_fold(&values, |v, key| v.get(key))
            .and_then(Value::as_str)
            .map(ZolaAnchors::parse)
            .unwrap_or_default();
        Settings {
            values,
            term_ids,
            zola_anchors,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
