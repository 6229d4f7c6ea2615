//! The remote cache: each fetched address's body with its `ETag` and
//! `Last-Modified`, so a second open revalidates (a 304 costs no body) and
//! works offline.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedPage {
    /// The address asked for (the key).
    pub url: String,
    /// The address that answered, after redirects.
    pub final_url: String,
    /// `ETag`, to send as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified`, to send as `If-Modified-Since`.
    pub last_modified: Option<String>,
    /// `Content-Type`, lowercase, without parameters.
    pub content_type: Option<String>,
    /// When it was last fetched or confirmed current (seconds since the epoch).
    pub checked: i64,
    /// The body.
    pub body: Vec<u8>,
}

impl Store {
    /// The cached copy of `url`, if any.
    pub fn remote_get(&self, url: &str) -> Result<Option<CachedPage>, StoreError> {
        let page = self
            .conn
            .query_row(
                "SELECT final_url, etag, last_modified, content_type, checked, body
                 FROM remote_cache WHERE url = ?1",
                [url],
                |r| {
                    Ok(CachedPage {
                        url: url.to_string(),
                        final_url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                        content_type: r.get(3)?,
                        checked: r.get(4)?,
                        body: r.get(5)?,
                    })
                },
            )
            .optional()?;
        Ok(page)
    }

    /// Keeps `page` as the copy of its address.
    pub fn remote_put(&self, page: &CachedPage) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT OR REPLACE INTO remote_cache
             (url, final_url, etag, last_modified, content_type, checked, body)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                page.url,
                page.final_url,
                page.etag,
                page.last_modified,
                page.content_type,
                page.checked,
                page.body
            ],
        )?;
        Ok(())
    }

    /// Notes that the copy of `url` was found current at `checked`.
    pub fn remote_checked(&self, url: &str, checked: i64) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE remote_cache SET checked = ?2 WHERE url = ?1",
            params![url, checked],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_kept_replaced_and_marked_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("quire.db")).expect("store");
        assert_eq!(store.remote_get("http://h/a.md").expect("get"), None);
        let mut page = CachedPage {
            url: "http://h/a.md".into(),
            final_url: "http://h/b.md".into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            content_type: Some("text/markdown".into()),
            checked: 10,
            body: b"# A\n".to_vec(),
        };
        store.remote_put(&page).expect("put");
        assert_eq!(
            store.remote_get("http://h/a.md").expect("get"),
            Some(page.clone())
        );
        page.body = b"# B\n".to_vec();
        store.remote_put(&page).expect("replace");
        store.remote_checked("http://h/a.md", 20).expect("checked");
        let found = store
            .remote_get("http://h/a.md")
            .expect("get")
            .expect("kept");
        assert_eq!((found.body.as_slice(), found.checked), (&b"# B\n"[..], 20));
    }
}
