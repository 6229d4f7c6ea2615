//! One bounded HTTP GET: a timeout to connect and one for the whole read,
//! a size cap checked while reading (never more than the cap plus one
//! buffer in memory), redirects followed by hand (at most
//! [`MAX_REDIRECTS`], never from `https` to `http`), no credentials, and a
//! token only for the host that was given one.

use std::io::Read;
use std::time::Duration;

use ureq::Agent;
use url::Url;

use super::{RemoteError, address};

/// The most redirects one fetch follows.
pub const MAX_REDIRECTS: usize = 5;

/// How much is read at a time (and the most read past the cap).
const CHUNK: usize = 64 * 1024;

/// The limits of every request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// To open the connection (and the TLS handshake).
    pub connect: Duration,
    /// For the whole request, from connecting to the last byte.
    pub total: Duration,
    /// The largest body read.
    pub max_bytes: u64,
}

/// What a request asks beyond the address.
#[derive(Debug, Clone, Default)]
pub struct Ask<'a> {
    /// `Accept`.
    pub accept: Option<&'a str>,
    /// `If-None-Match`, from a cached copy.
    pub etag: Option<&'a str>,
    /// `If-Modified-Since`, from a cached copy.
    pub last_modified: Option<&'a str>,
}

/// A response read whole.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The address that answered, after redirects.
    pub url: Url,
    /// 200 (or another 2xx), or 304 for a copy that is still current.
    pub status: u16,
    /// `ETag`.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<String>,
    /// `Content-Type`, lowercase, without parameters.
    pub content_type: Option<String>,
    /// The body (empty for a 304).
    pub body: Vec<u8>,
}

/// The client: one agent with the limits, and a token for one origin.
#[derive(Debug)]
pub struct Http {
    agent: Agent,
    limits: Limits,
    /// `(origin, token)`: sent as `Authorization` to that origin only.
    token: Option<(String, String)>,
}

impl Http {
    /// A client with `limits`; `token` goes only to requests whose origin
    /// (scheme, host, port) is `token_origin`'s.
    pub fn new(limits: Limits, token: Option<(Url, String)>) -> Http {
        let agent: Agent = Agent::config_builder()
            .timeout_connect(Some(limits.connect))
            .timeout_global(Some(limits.total))
            // Redirects are followed by hand, to count them and refuse a downgrade.
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("quire/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Http {
            agent,
            limits,
            token: token.map(|(url, t)| (url.origin().ascii_serialization(), t)),
        }
    }

    /// The limits this client keeps.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// GETs `url`, following redirects, reading the body up to the cap;
    /// `progress` hears (bytes read, bytes expected) as the body comes.
    pub fn get(
        &self,
        url: &Url,
        ask: &Ask<'_>,
        progress: &mut dyn FnMut(u64, Option<u64>),
    ) -> Result<Reply, RemoteError> {
        let mut at = url.clone();
        let mut redirects = 0;
        loop {
            address::check(&at)?;
            let mut request = self.agent.get(at.as_str());
            if let Some(accept) = ask.accept {
                request = request.header("Accept", accept);
            }
            if let Some(etag) = ask.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(since) = ask.last_modified {
                request = request.header("If-Modified-Since", since);
            }
            if let Some((origin, token)) = &self.token {
                if at.origin().ascii_serialization() == *origin {
                    request = request.header("Authorization", format!("Bearer {token}"));
                }
            }
            let mut response = request.call().map_err(|e| error(&at, e, &self.limits))?;
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            if (300..400).contains(&status) && status != 304 {
                let Some(location) = header("location") else {
                    return Err(RemoteError::Status {
                        url: at.to_string(),
                        status,
                    });
                };
                if redirects == MAX_REDIRECTS {
                    return Err(RemoteError::Redirects {
                        url: url.to_string(),
                        limit: MAX_REDIRECTS,
                    });
                }
                redirects += 1;
                at = redirect(&at, &location)?;
                continue;
            }
            let etag = header("etag");
            let last_modified = header("last-modified");
            let content_type = header("content-type").map(|t| {
                t.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            });
            if status == 304 {
                return Ok(Reply {
                    url: at,
                    status,
                    etag,
                    last_modified,
                    content_type,
                    body: Vec::new(),
                });
            }
            if !(200..300).contains(&status) {
                return Err(RemoteError::Status {
                    url: at.to_string(),
                    status,
                });
            }
            let expected = response.body().content_length();
            if expected.is_some_and(|n| n > self.limits.max_bytes) {
                return Err(RemoteError::TooLarge {
                    url: at.to_string(),
                    limit: self.limits.max_bytes,
                });
            }
            let reader = response
                .body_mut()
                .with_config()
                .limit(self.limits.max_bytes.saturating_add(1))
                .reader();
            let body = read_capped(reader, &at, &self.limits, expected, progress)?;
            return Ok(Reply {
                url: at,
                status,
                etag,
                last_modified,
                content_type,
                body,
            });
        }
    }
}

/// Reads `reader` to its end, refusing it once it passes the cap.
fn read_capped(
    mut reader: impl Read,
    url: &Url,
    limits: &Limits,
    expected: Option<u64>,
    progress: &mut dyn FnMut(u64, Option<u64>),
) -> Result<Vec<u8>, RemoteError> {
    let cap = limits.max_bytes;
    let start = expected.unwrap_or(0).min(cap).min(4 * 1024 * 1024);
    let mut body = Vec::with_capacity(start as usize);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let too_large = e
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<ureq::Error>())
                    .is_some_and(|u| matches!(u, ureq::Error::BodyExceedsLimit(_)));
                if too_large {
                    return Err(RemoteError::TooLarge {
                        url: url.to_string(),
                        limit: cap,
                    });
                }
                return Err(io_error(url, &e, limits));
            }
        };
        if (body.len() + n) as u64 > cap {
            return Err(RemoteError::TooLarge {
                url: url.to_string(),
                limit: cap,
            });
        }
        body.extend_from_slice(&chunk[..n]);
        progress(body.len() as u64, expected);
    }
    Ok(body)
}

/// Where a redirect from `from` to `location` leads, refused when it leaves
/// `https` for `http` or leads to another scheme.
pub fn redirect(from: &Url, location: &str) -> Result<Url, RemoteError> {
    let to = from.join(location).map_err(|e| RemoteError::Address {
        address: location.to_string(),
        why: e.to_string(),
    })?;
    if from.scheme() == "https" && to.scheme() == "http" {
        return Err(RemoteError::Downgrade {
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    address::check(&to)?;
    Ok(to)
}

/// A ureq error said for a person, with the address.
fn error(url: &Url, e: ureq::Error, limits: &Limits) -> RemoteError {
    let why = match e {
        ureq::Error::Timeout(_) => timed_out_text(limits),
        ureq::Error::Io(io) => return io_error(url, &io, limits),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        ureq::Error::BodyExceedsLimit(_) => {
            return RemoteError::TooLarge {
                url: url.to_string(),
                limit: limits.max_bytes,
            };
        }
        other => other.to_string(),
    };
    RemoteError::Network {
        url: url.to_string(),
        why,
    }
}

fn io_error(url: &Url, e: &std::io::Error, limits: &Limits) -> RemoteError {
    let timed_out = matches!(
        e.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    ) || e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
        .is_some_and(|u| matches!(u, ureq::Error::Timeout(_)));
    RemoteError::Network {
        url: url.to_string(),
        why: if timed_out {
            timed_out_text(limits)
        } else {
            e.to_string()
        },
    }
}

fn timed_out_text(limits: &Limits) -> String {
    format!(
        "no answer in time (connect {} s, whole read {} s)",
        seconds(limits.connect),
        seconds(limits.total)
    )
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("test url")
    }

    #[test]
    fn a_redirect_never_leaves_https_for_http() {
        let from = url("https://example.org/a.md");
        let err = redirect(&from, "http://example.org/b.md").expect_err("downgrade");
        assert!(matches!(err, RemoteError::Downgrade { .. }), "{err:?}");
        assert!(err.to_string().contains("https to http"), "{err}");
        let to = redirect(&from, "/b.md").expect("same scheme");
        assert_eq!(to.as_str(), "https://example.org/b.md");
        let up = redirect(&url("http://example.org/a"), "https://example.org/b").expect("upgrade");
        assert_eq!(up.scheme(), "https");
    }

    #[test]
    fn a_redirect_to_another_scheme_or_with_credentials_is_refused() {
        let from = url("https://example.org/a.md");
        assert!(matches!(
            redirect(&from, "file:///etc/passwd"),
            Err(RemoteError::Scheme(_))
        ));
        assert!(matches!(
            redirect(&from, "https://me:pw@example.org/"),
            Err(RemoteError::Credentials)
        ));
    }

    #[test]
    fn reading_stops_one_chunk_past_the_cap() {
        let limits = Limits {
            connect: Duration::from_secs(1),
            total: Duration::from_secs(1),
            max_bytes: 100_000,
        };
        let endless = std::io::repeat(b'x');
        let mut seen = 0;
        let err = read_capped(endless, &url("http://h/x"), &limits, None, &mut |n, _| {
            seen = n
        })
        .expect_err("over the cap");
        assert!(
            matches!(err, RemoteError::TooLarge { limit: 100_000, .. }),
            "{err:?}"
        );
        assert!(seen <= 100_000, "read {seen}");
        let small = read_capped(
            &b"# Hi\n"[..],
            &url("http://h/x"),
            &limits,
            Some(5),
            &mut |_, _| {},
        )
        .expect("small");
        assert_eq!(small, b"# Hi\n");
    }
}
