//! A small HTTP/1.1 server on 127.0.0.1 for the tests of remote reading:
//! each connection on its own thread, one request each (`Connection:
//! close`), answered by a route function; every request is kept so a test
//! can check what quire sent. Every way of answering ends by itself.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The path and query (`/blog/post.md?x=1`).
    pub path: String,
    /// The headers, names lowercase.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The value of the header `name` (lowercase), if sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// How the server answers a request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with a body; with an `ETag`, a request that sends it back gets 304.
    Page {
        content_type: &'static str,
        body: Vec<u8>,
        etag: Option<&'static str>,
    },
    /// A status with an empty body.
    Status(u16),
    /// 302 to `location`.
    Redirect(String),
    /// `bytes` of `x` with no length announced (sent until the client stops reading).
    Endless { bytes: u64 },
    /// A `Content-Length` of `bytes`, announced and sent.
    Announced { bytes: u64 },
    /// Reads the request and never answers (until the client goes, or 30 s).
    Silent,
    /// Headers and a first line at once, then a byte every 50 ms (30 s at most).
    Slow,
    /// Closes the connection without a word.
    Close,
}

impl Reply {
    /// A markdown page.
    pub fn markdown(body: &str) -> Reply {
        Reply::Page {
            content_type: "text/markdown; charset=utf-8",
            body: body.as_bytes().to_vec(),
            etag: None,
        }
    }
}

/// A running server.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Every request so far, with the status it got.
    pub log: Arc<Mutex<Vec<(Request, u16)>>>,
}

impl Server {
    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The requests of `path` (without query) so far, with their statuses.
    pub fn hits(&self, path: &str) -> Vec<(Request, u16)> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|(r, _)| r.path.split('?').next() == Some(path))
            .cloned()
            .collect()
    }
}

/// Starts a server answering with `route`.
pub fn start(route: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port on 127.0.0.1");
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let route = Arc::new(route);
    let kept = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let route = Arc::clone(&route);
            let log = Arc::clone(&kept);
            std::thread::spawn(move || serve(stream, &*route, &log));
        }
    });
    Server { port, log }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let path = first.split_whitespace().nth(1)?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Some(Request { path, headers })
}

fn head(stream: &mut TcpStream, status: u16, extra: &str) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status} X\r\nConnection: close\r\n{extra}\r\n"
    )
}

fn serve(
    mut stream: TcpStream,
    route: &(dyn Fn(&Request) -> Reply + Send + Sync),
    log: &Mutex<Vec<(Request, u16)>>,
) {
    let Some(request) = read_request(&stream) else {
        return;
    };
    let reply = route(&request);
    let status = match &reply {
        Reply::Page {
            etag: Some(tag), ..
        } if request.header("if-none-match") == Some(tag) => 304,
        Reply::Page { .. } | Reply::Endless { .. } | Reply::Announced { .. } | Reply::Slow => 200,
        Reply::Status(s) => *s,
        Reply::Redirect(_) => 302,
        Reply::Silent | Reply::Close => 0,
    };
    log.lock().unwrap().push((request, status));
    let _ = answer(&mut stream, reply, status);
}

fn answer(stream: &mut TcpStream, reply: Reply, status: u16) -> std::io::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(30);
    match reply {
        Reply::Page {
            etag: Some(tag), ..
        } if status == 304 => head(stream, 304, &format!("ETag: {tag}\r\n")),
        Reply::Page {
            content_type,
            body,
            etag,
        } => {
            let tag = etag.map_or(String::new(), |t| format!("ETag: {t}\r\n"));
            head(
                stream,
                200,
                &format!(
                    "Content-Type: {content_type}\r\nContent-Length: {}\r\n{tag}",
                    body.len()
                ),
            )?;
            stream.write_all(&body)
        }
        Reply::Status(s) => head(stream, s, "Content-Length: 0\r\n"),
        Reply::Redirect(to) => head(
            stream,
            302,
            &format!("Location: {to}\r\nContent-Length: 0\r\n"),
        ),
        Reply::Endless { bytes } | Reply::Announced { bytes } => {
            let length = match reply {
                Reply::Announced { .. } => format!("Content-Length: {bytes}\r\n"),
                _ => String::new(),
            };
            head(
                stream,
                200,
                &format!("Content-Type: text/markdown\r\n{length}"),
            )?;
            let chunk = [b'x'; 64 * 1024];
            let mut sent = 0u64;
            while sent < bytes && Instant::now() < deadline {
                let n = chunk.len().min((bytes - sent) as usize);
                stream.write_all(&chunk[..n])?;
                sent += n as u64;
            }
            Ok(())
        }
        Reply::Silent => {
            let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
            let mut buf = [0u8; 256];
            // Until the client gives up (or the read times out).
            while matches!(stream.read(&mut buf), Ok(n) if n > 0) {}
            Ok(())
        }
        Reply::Slow => {
            head(
                stream,
                200,
                "Content-Type: text/markdown\r\nContent-Length: 1000000\r\n",
            )?;
            stream.write_all(b"# Slow\n\n")?;
            while Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
                stream.write_all(b"x")?;
            }
            Ok(())
        }
        Reply::Close => Ok(()),
    }
}
