//! `[remote]`: where the forges' APIs are, and the limits of every fetch.

use std::time::Duration;

use super::{Parser, Value};

/// The `[remote]` settings as the file gives them; `None` where it says nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Remote {
    /// `github-api`: the GitHub API's base (GitHub Enterprise: `https://HOST/api/v3`).
    pub github_api: Option<String>,
    /// `github-raw`: where GitHub serves raw files (a folder's files are read
    /// there, outside the API's rate limit).
    pub github_raw: Option<String>,
    /// `gitlab-api`: the GitLab API's base (`https://HOST/api/v4`).
    pub gitlab_api: Option<String>,
    /// `timeout`: the most a whole fetch may take.
    pub timeout: Option<Duration>,
    /// `connect-timeout`: the most connecting may take.
    pub connect_timeout: Option<Duration>,
    /// `max-size`: the largest body read, in bytes (written in MB).
    pub max_bytes: Option<u64>,
}

impl Parser<'_> {
    /// Reads the `[remote]` table into `remote`.
    pub(super) fn remote(&mut self, remote: &mut Remote, v: &Value<'_>) {
        let Some(t) = self.table("remote", v) else {
            return;
        };
        for (k, v) in t.iter() {
            let key = format!("remote.{}", k.get_ref());
            match k.get_ref().as_ref() {
                "github-api" => remote.github_api = self.base_url(&key, v),
                "github-raw" => remote.github_raw = self.base_url(&key, v),
                "gitlab-api" => remote.gitlab_api = self.base_url(&key, v),
                "timeout" => remote.timeout = self.seconds(&key, v),
                "connect-timeout" => remote.connect_timeout = self.seconds(&key, v),
                "max-size" => {
                    remote.max_bytes = self
                        .positive(&key, v)
                        .map(|mb| (mb * 1024.0 * 1024.0) as u64);
                }
                _ => self.warn(k.span(), &key, "unknown setting; ignored"),
            }
        }
    }

    fn base_url(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        let s = self.string(key, v)?;
        if s.starts_with("https://") || s.starts_with("http://") {
            return Some(s.trim_end_matches('/').to_string());
        }
        self.warn(
            v.span(),
            key,
            "expected an http:// or https:// address; using the default",
        );
        None
    }

    fn seconds(&mut self, key: &str, v: &Value<'_>) -> Option<Duration> {
        self.positive(key, v).map(Duration::from_secs_f64)
    }

    /// A number above zero, whole or not.
    fn positive(&mut self, key: &str, v: &Value<'_>) -> Option<f64> {
        let n = match v.get_ref() {
            toml::de::DeValue::Integer(i) => {
                i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                    .ok()
                    .map(|n| n as f64)
            }
            toml::de::DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            _ => None,
        };
        match n {
            Some(n) if n > 0.0 && n.is_finite() && n <= 1e6 => Some(n),
            Some(n) => {
                self.warn(
                    v.span(),
                    key,
                    format!("{n} is out of range (above 0, at most 1000000); using the default"),
                );
                None
            }
            None => {
                let what = v.get_ref().type_str();
                self.warn(
                    v.span(),
                    key,
                    format!("expected a number, found {what}; using the default"),
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::time::Duration;

    #[test]
    fn remote_settings_read_and_bad_values_warn() {
        let text = "[remote]\ngithub-api = \"http://127.0.0.1:9/api/\"\ntimeout = 0.5\n\
                    connect-timeout = 2\nmax-size = 1\ngitlab-api = \"ftp://x\"\nnope = 1\n";
        let (c, w) = crate::config::parse(text, Path::new("/c.toml"));
        let r = &c.remote;
        assert_eq!(r.github_api.as_deref(), Some("http://127.0.0.1:9/api"));
        assert_eq!(r.timeout, Some(Duration::from_millis(500)));
        assert_eq!(r.connect_timeout, Some(Duration::from_secs(2)));
        assert_eq!(r.max_bytes, Some(1024 * 1024));
        assert_eq!(r.gitlab_api, None);
        let keys: Vec<&str> = w.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(keys, ["remote.gitlab-api", "remote.nope"]);
    }
}
