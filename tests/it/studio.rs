//! `gongsi studio` over real HTTP: the binary is started with `--no-open` on a copy of a plan,
//! the address it prints is read, and requests are written by hand on a TCP socket (no client
//! library that would fix up a wrong Host or a `..` for us). Security: no secret, a wrong
//! Host, a cross-origin POST, an oversize upload, `..` and `%2e%2e` in every route, a plan path
//! other than the one chosen. Then the pages, the live update of only the changed pages, the
//! last good pages kept on errors, an uploaded workbook, downloads equal to the commands'
//! files, and Ctrl-C. Every wait is bounded.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

const LIMIT: Duration = Duration::from_secs(120);

/// A running studio; stopped (SIGINT, then kill) when dropped.
pub struct Studio {
    child: Child,
    /// `127.0.0.1:port`.
    host: String,
    token: String,
    stderr: std::path::PathBuf,
    /// The studio's temporary folder (`TMPDIR`), empty again once it stopped.
    tmp: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

/// An answer: status, headers (lower-case names) and body.
pub struct Reply {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Studio {
    /// Starts `gongsi studio --no-open` with `args` in `cwd`.
    pub fn start(cwd: &Path, args: &[&str]) -> Studio {
        let dir = tempfile::tempdir().unwrap();
        let stderr = dir.path().join("err.txt");
        let tmp = dir.path().join("tmp");
        fs::create_dir(&tmp).unwrap();
        let mut child = gongsi()
            .current_dir(cwd)
            .env("TMPDIR", &tmp)
            .arg("studio")
            .arg("--no-open")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(fs::File::create(&stderr).unwrap()))
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .strip_prefix("gongsi 스튜디오: http://")
            .unwrap_or_else(|| panic!("no address printed: {line:?} {}", read(&stderr)));
        let (host, token) = url.split_once("/?token=").unwrap();
        assert!(host.starts_with("127.0.0.1:"), "{host}");
        Studio {
            child,
            host: host.to_string(),
            token: token.to_string(),
            stderr,
            tmp,
            _dir: dir,
        }
    }

    fn cookie(&self) -> String {
        let port = self.host.rsplit(':').next().unwrap();
        format!("gongsi-studio-{port}={}", self.token)
    }

    fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// A request with exactly these headers (Host included only if given).
    fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.host).unwrap();
        stream.set_read_timeout(Some(LIMIT)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        // The studio may answer and close before reading a body it refuses.
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body));
        parse(&mut stream)
    }

    /// A GET as the studio's own page makes it.
    pub fn get(&self, path: &str) -> Reply {
        let cookie = self.cookie();
        self.raw(
            "GET",
            path,
            &[("Host", &self.host), ("Cookie", &cookie)],
            b"",
        )
    }

    /// A POST as the studio's own page makes it.
    fn post(&self, path: &str, body: &[u8]) -> Reply {
        let (cookie, origin) = (self.cookie(), self.origin());
        let headers = [
            ("Host", self.host.as_str()),
            ("Cookie", cookie.as_str()),
            ("Origin", origin.as_str()),
        ];
        self.raw("POST", path, &headers, body)
    }

    pub fn state(&self) -> serde_json::Value {
        let reply = self.get("/state");
        assert_eq!(reply.status, 200, "{}", reply.text());
        serde_json::from_slice(&reply.body).unwrap()
    }

    /// Waits for a state that `ready` accepts and returns it.
    pub fn wait_for(
        &self,
        what: &str,
        ready: impl Fn(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let started = Instant::now();
        loop {
            let state = self.state();
            if ready(&state) {
                return state;
            }
            assert!(
                started.elapsed() < LIMIT,
                "timed out waiting for {what}: {state}\n{}",
                read(&self.stderr)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Ctrl-C, and the exit status.
    fn stop(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the studio did not stop on SIGINT"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_default()
}

/// Reads an HTTP/1.1 answer (whole or chunked body) until the server closes.
fn parse(stream: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no answer: {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut body = bytes[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = end + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// A copy of the example plan in a new folder.
fn plan_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&fixture("minimal"), &plan);
    (dir, plan)
}

fn ids(state: &serde_json::Value) -> Vec<String> {
    state["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn only_the_secret_gets_in_and_is_kept_as_a_strict_cookie() {
    let (dir, plan) = plan_copy();
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    let host = studio.host.clone();
    let cookie = studio.cookie();

    // No secret, a wrong one, or the secret on another address than the page: 403.
    for path in [
        "/",
        "/state",
        "/events",
        "/studio.js",
        "/download/pdf",
        "/?token=0000",
    ] {
        let reply = studio.raw("GET", path, &[("Host", &host)], b"");
        assert_eq!(reply.status, 403, "{path}");
        assert!(reply.text().contains("열쇠"), "{}", reply.text());
    }
    let elsewhere = format!("/state?token={}", studio.token);
    assert_eq!(
        studio
            .raw("GET", &elsewhere, &[("Host", &host)], b"")
            .status,
        403
    );

    // The opened address: the page, and the secret kept as a strict, script-proof cookie.
    let opened = format!("/?token={}", studio.token);
    let reply = studio.raw("GET", &opened, &[("Host", &host)], b"");
    assert_eq!(reply.status, 200);
    let set = reply.header("set-cookie").unwrap();
    assert!(set.starts_with(&cookie), "{set}");
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    assert!(
        reply
            .header("content-security-policy")
            .unwrap()
            .contains("default-src 'none'")
    );
    assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(reply.header("x-frame-options"), Some("DENY"));
    assert!(reply.header("access-control-allow-origin").is_none());
    assert_eq!(studio.get("/state").status, 200);
}

#[test]
fn another_host_or_origin_is_refused_even_with_the_secret() {
    let (dir, plan) = plan_copy();
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    let host = studio.host.clone();
    let cookie = studio.cookie();
    let opened = format!("/?token={}", studio.token);

    // Another Host (DNS rebinding), even with the secret: 403.
    let port = host.rsplit(':').next().unwrap();
    for other in [
        format!("localhost:{port}"),
        format!("evil.example:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.parse::<u16>().unwrap() + 1),
    ] {
        let reply = studio.raw(
            "GET",
            "/state",
            &[("Host", &other), ("Cookie", &cookie)],
            b"",
        );
        assert_eq!(reply.status, 403, "{other}");
    }
    let reply = studio.raw("GET", &opened, &[], b"");
    assert_eq!(reply.status, 403, "no Host at all");

    // A POST from another origin, or with none: 403, and nothing opened.
    let cases: [&[(&str, &str)]; 3] = [
        &[("Host", &host), ("Cookie", &cookie)],
        &[
            ("Host", &host),
            ("Cookie", &cookie),
            ("Origin", "http://evil.example"),
        ],
        &[("Host", &host), ("Cookie", &cookie), ("Origin", "null")],
    ];
    for headers in cases {
        let reply = studio.raw("POST", "/upload?name=a.xlsx", headers, b"PK");
        assert_eq!(reply.status, 403, "{headers:?}");
        assert!(reply.text().contains("스튜디오 밖"), "{}", reply.text());
    }
}

#[test]
fn no_address_reaches_a_file() {
    let (dir, plan) = plan_copy();
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    let secret = fs::read_to_string(plan.join("plan.yaml")).unwrap();
    let escapes = [
        "../../../../../../etc/passwd",
        "..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "%2e%2e%2f%2e%2e%2fplan%2fplan.yaml",
        "%252e%252e%252fplan.yaml",
        "..\\..\\plan\\plan.yaml",
        "plan/plan.yaml",
        "plan.yaml",
    ];
    let routes = [
        "/",
        "/state/",
        "/events/",
        "/studio.js/",
        "/studio.css/",
        "/page/",
        "/download/",
        "/open/",
        "/upload/",
        "/download/pdf/",
        "/compare/",
        "/compare-upload/",
        "/compare-again/",
        "/compare.js/",
        "/font/",
    ];
    for route in routes {
        for escape in escapes {
            let path = format!("{route}{escape}");
            for method in ["GET", "POST"] {
                let reply = if method == "GET" {
                    studio.get(&path)
                } else {
                    studio.post(&path, b"")
                };
                let body = reply.text();
                assert!(
                    [400, 404, 405].contains(&reply.status),
                    "{method} {path}: {}",
                    reply.status
                );
                assert!(
                    !body.contains("root:") && !body.contains("district:"),
                    "{path}: {body}"
                );
                assert!(!body.contains(secret.lines().next().unwrap()), "{path}");
            }
        }
    }
    // A page that is not (or no longer) there, by a well-formed or a made-up name.
    assert_eq!(
        studio
            .get(&format!("/page/{}?w=832", "0".repeat(32)))
            .status,
        404
    );
    assert_eq!(studio.get("/page/%2e%2e?w=832").status, 404);
    // The page's typeface: the very TrueType files the PDF is set in, by their two names only.
    for (name, bytes) in [
        ("regular.ttf", gongsi::model::typeface::PRETENDARD_REGULAR),
        ("bold.ttf", gongsi::model::typeface::PRETENDARD_BOLD),
    ] {
        let reply = studio.get(&format!("/font/{name}"));
        assert_eq!(reply.status, 200, "{name}");
        assert_eq!(reply.header("content-type"), Some("font/ttf"), "{name}");
        assert!(reply.body == bytes, "{name}");
    }
    assert_eq!(studio.get("/font/regular.otf").status, 404);
    let css = studio.get("/studio.css").text();
    assert!(
        css.contains(r#"url("/font/regular.ttf") format("truetype")"#),
        "{css}"
    );
    assert!(
        css.contains(r#"url("/font/bold.ttf") format("truetype")"#),
        "{css}"
    );
}

/// The width in a PNG's header.
fn png_width(png: &[u8]) -> u32 {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    u32::from_be_bytes(png[16..20].try_into().unwrap())
}

#[test]
fn uploads_obey_the_commands_limits_and_the_chosen_plan_stays() {
    let (dir, plan) = plan_copy();
    let chosen = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    // A studio given a plan opens no other, by path or upload path tricks.
    for other in ["/etc", "../plan", plan.parent().unwrap().to_str().unwrap()] {
        let reply = chosen.post("/open", other.as_bytes());
        assert_eq!(reply.status, 403, "{other}");
        assert!(
            reply.text().contains("시작할 때 준 계획만"),
            "{}",
            reply.text()
        );
    }
    drop(chosen);

    let open = Studio::start(dir.path(), &[]);
    // Too large: 413 with the words the commands use, before it is read.
    let size = 10 * 1024 * 1024 + 1;
    let big = vec![b'x'; size];
    let reply = open.post("/upload?name=big.xlsx", &big);
    assert_eq!(reply.status, 413, "{}", reply.text());
    assert!(
        reply.text().contains("파일이 너무 큽니다"),
        "{}",
        reply.text()
    );
    assert!(reply.text().contains("10 MiB"), "{}", reply.text());
    // Not a workbook by name: refused; a workbook name that is not a workbook: its error.
    let reply = open.post("/upload?name=plan.yaml", b"district: x");
    assert_eq!(reply.status, 415, "{}", reply.text());
    let reply = open.post(
        "/upload?name=..%2F..%2F%EA%B3%84%ED%9A%8D.xlsx",
        b"not a zip",
    );
    assert_eq!(reply.status, 204, "{}", reply.text());
    let state = open.wait_for("the workbook's error", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    let error = state["errors"][0].to_string();
    assert!(error.contains("계획.xlsx"), "{error}");
    assert!(!dir.path().join("계획.xlsx").exists());
    // A folder that is not there: said so.
    let reply = open.post("/open", b"/no/such/plan");
    assert_eq!(reply.status, 404);
    assert!(
        reply.text().contains("계획을 찾을 수 없습니다"),
        "{}",
        reply.text()
    );
}

#[test]
fn pages_follow_edits_and_errors_keep_the_last_good_pages() {
    let (dir, plan) = plan_copy();
    let mut studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    let first = studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    assert!(
        first["title"].as_str().unwrap().contains("가상군"),
        "{first}"
    );
    assert!(!first["headings"].as_array().unwrap().is_empty(), "{first}");
    let before = ids(&first);
    // A page is a PNG as many pixels wide as asked (the tab's width × its pixel ratio), so
    // it is sharp at any zoom; a width out of bounds or not a number is no page.
    for width in [832, 1664] {
        let page = studio.get(&format!("/page/{}?w={width}", before[0]));
        assert_eq!(page.status, 200);
        assert_eq!(page.header("content-type"), Some("image/png"));
        assert_eq!(png_width(&page.body), width);
    }
    let no_width = studio.get(&format!("/page/{}", before[0]));
    assert_eq!(
        png_width(&no_width.body),
        1024,
        "no width asked: the default"
    );
    for wrong in ["?w=", "?w=10", "?w=5000", "?w=8e2", "?w=832&w=64", "?x=832"] {
        let page = studio.get(&format!("/page/{}{wrong}", before[0]));
        assert_eq!(page.status, 404, "{wrong}");
    }

    // One sentence edited: its page changes, the others keep their names (not sent again).
    let strategy = plan.join("strategies/01-youth.yaml");
    let text = read(&strategy);
    fs::write(&strategy, text.replace("관내 청년 40명", "관내 청년 41명")).unwrap();
    let version = first["version"].as_u64().unwrap();
    let edited = studio.wait_for("the edited pages", |s| {
        s["version"].as_u64().unwrap() > version && ids(s) != before
    });
    let after = ids(&edited);
    assert_eq!(after.len(), before.len());
    let changed = before.iter().zip(&after).filter(|(a, b)| a != b).count();
    assert!(
        (1..=2).contains(&changed),
        "{changed} of {} pages changed",
        after.len()
    );

    // A broken file: its errors, placed, over the last good pages.
    let info = plan.join("plan.yaml");
    fs::write(&info, "district: [\n").unwrap();
    let broken = studio.wait_for("the errors", |s| {
        !s["errors"].as_array().unwrap().is_empty()
    });
    assert_eq!(ids(&broken), after);
    let error = &broken["errors"][0];
    assert!(
        error["place"].as_str().unwrap().contains("plan.yaml:"),
        "{error}"
    );
    assert_eq!(error["severity"], "error");

    // Ctrl-C: a clean stop, even with a tab following the events.
    let mut events = TcpStream::connect(&studio.host).unwrap();
    let head = format!(
        "GET /events HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\r\n",
        studio.host,
        studio.cookie()
    );
    events.write_all(head.as_bytes()).unwrap();
    let mut first = [0u8; 64];
    events.set_read_timeout(Some(LIMIT)).unwrap();
    let read_bytes = events.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..read_bytes]).starts_with("HTTP/1.1 200"));
    let status = studio.stop();
    assert!(status.success(), "{}", read(&studio.stderr));
    assert!(read(&studio.stderr).contains("스튜디오를 마칩니다."));
    let left: Vec<_> = fs::read_dir(&studio.tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

#[test]
fn downloads_are_the_commands_own_files() {
    let (dir, plan) = plan_copy();
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    let plan_arg = plan.to_str().unwrap();
    for (args, route) in [
        (vec!["build", plan_arg, "-o", "a.pdf"], "pdf"),
        (vec!["build", plan_arg, "-o", "a.hwpx"], "hwpx"),
        (vec!["export", "xlsx", plan_arg, "-o", "a.xlsx"], "xlsx"),
    ] {
        let made = run(&out, &args);
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
        let reply = studio.get(&format!("/download/{route}"));
        assert_eq!(reply.status, 200, "{route}: {}", reply.text());
        let file = out.join(format!("a.{route}"));
        assert!(
            reply.body == fs::read(&file).unwrap(),
            "{route} differs from the command's"
        );
        let disposition = reply.header("content-disposition").unwrap();
        assert!(
            disposition.contains("filename*=UTF-8''2024-"),
            "{disposition}"
        );
    }
    let reply = studio.get("/download/zip");
    assert_eq!(reply.status, 200, "{}", reply.text());
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(reply.body)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert!(
        names.iter().any(|n| n.ends_with("/manifest.json")),
        "{names:?}"
    );
    let pdf_name = names.iter().find(|n| n.ends_with(".pdf")).unwrap().clone();
    let mut pdf = Vec::new();
    zip.by_name(&pdf_name)
        .unwrap()
        .read_to_end(&mut pdf)
        .unwrap();
    assert!(
        pdf == fs::read(out.join("a.pdf")).unwrap(),
        "the zip's PDF differs"
    );
    assert_eq!(studio.get("/download/exe").status, 404);
}

#[test]
fn the_studio_works_in_a_real_browser() {
    assert!(
        root()
            .join("tests/browser/node_modules/playwright-core")
            .is_dir()
            && Path::new("/usr/bin/chromium").exists(),
        "the browser check needs chromium and tests/browser/node_modules: run `bash .ci/setup`"
    );
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    let old = dir.path().join("old");
    copy_dir(&plan, &old);
    let with_plan = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    let without = Studio::start(dir.path(), &[]);
    // Screenshots go where people can look at them after the tests (the guide's are copies).
    let shots = root().join("target/studio-screenshots");
    let downloads = dir.path().join("downloads");
    fs::create_dir_all(&shots).unwrap();
    fs::create_dir_all(&downloads).unwrap();
    let config = serde_json::json!({
        "plan_url": format!("http://{}/?token={}", with_plan.host, with_plan.token),
        "open_url": format!("http://{}/?token={}", without.host, without.token),
        "old": old,
        "edit": {
            "file": plan.join("strategies/01-youth.yaml"),
            "from": "관내 청년 창업 희망자 25명",
            "to": "관내 청년 창업 희망자 26명",
            "again": "관내 청년 창업 희망자 27명",
            "again_inserted": "27명(만19세~39세)",
        },
        "workbook": root().join("content/2021-인천서구.xlsx"),
        "shots": shots,
        "downloads": downloads,
    });
    let config_file = dir.path().join("config.json");
    fs::write(&config_file, config.to_string()).unwrap();
    let report = browser_report("studio.mjs", &[&config_file], &read(&with_plan.stderr));
    assert_report(&report);
    downloads_equal_the_commands(dir.path(), &plan, &downloads);
}

/// What the browser check saw: every page, findings, the 순서, the secret gone from the address
/// bar, only the changed page fetched, pages sharp when zoomed, keyboard use, the comparison, the upload, no axe
/// violation.
fn assert_report(report: &serde_json::Value) {
    assert_eq!(report["pages"], REFERENCE_PAGES);
    assert!(report["findings"].as_u64().unwrap() > 5, "{report}");
    assert!(report["headings"].as_u64().unwrap() >= 5, "{report}");
    assert!(
        !report["address"].as_str().unwrap().contains("token"),
        "the secret left the address bar"
    );
    assert_eq!(
        report["edit"]["changed"], report["edit"]["fetched"],
        "{report}"
    );
    // Zoomed in, every page asked for again with the pixels it now covers: none blurred.
    assert_eq!(report["sharp"]["zoomed"]["blurred"], 0, "{report}");
    assert_eq!(
        report["sharp"]["zoomed"]["asked"], REFERENCE_PAGES,
        "{report}"
    );
    assert_eq!(report["keyboard"]["marked"], true, "{report}");
    assert!(
        report["compared"]["summary"]
            .as_str()
            .unwrap()
            .starts_with("바뀐 곳 1건"),
        "{report}"
    );
    assert_eq!(
        report["compared"]["inserted"],
        serde_json::json!(["26명(만19세~39세)"]),
        "{report}"
    );
    // The change chosen: the redlined pages shown (the review PDF's: its summary page, then
    // the plan's), its page scrolled to and its line outlined.
    let redlined = &report["compared"]["redlined"];
    assert!(
        redlined["pages"].as_u64().unwrap() > REFERENCE_PAGES as u64,
        "{report}"
    );
    assert_eq!(redlined["shown"], true, "{report}");
    assert_eq!(redlined["marked"], 1, "{report}");
    assert_eq!(redlined["inView"], true, "{report}");
    let page = redlined["page"].as_u64().unwrap();
    assert!(page > 2, "{report}");
    assert_eq!(redlined["listed"], format!("검토 {page}쪽"), "{report}");
    assert_eq!(
        report["compared"]["followed"],
        serde_json::json!(["27명(만19세~39세)"]),
        "{report}"
    );
    assert_eq!(report["uploaded"]["pages"], REFERENCE_PAGES, "{report}");
    for list in report["violations"].as_object().unwrap().values() {
        assert_eq!(list, &serde_json::json!([]), "axe: {report}");
    }
}

/// The files downloaded in the browser are the commands' own files for the plan as edited.
fn downloads_equal_the_commands(dir: &Path, plan: &Path, downloads: &Path) {
    let out_dir = dir.join("out");
    fs::create_dir(&out_dir).unwrap();
    let plan_arg = plan.to_str().unwrap();
    for (args, name) in [
        (vec!["build", plan_arg, "-o", "a.pdf"], "studio.pdf"),
        (
            vec!["export", "xlsx", plan_arg, "-o", "a.xlsx"],
            "studio.xlsx",
        ),
    ] {
        let made = run(&out_dir, &args);
        assert!(made.status.success());
        let ours = fs::read(out_dir.join(args[args.len() - 1])).unwrap();
        assert!(
            fs::read(downloads.join(name)).unwrap() == ours,
            "{name} differs"
        );
    }
}

#[test]
fn an_earlier_draft_is_compared_by_diff() {
    let (dir, plan) = plan_copy();
    let old = dir.path().join("old");
    copy_dir(&plan, &old);
    let strategy = plan.join("strategies/01-youth.yaml");
    let text = read(&strategy);
    fs::write(
        &strategy,
        text.replace("budget: {local: 50000}", "budget: {local: 60000}"),
    )
    .unwrap();
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    // Nothing to compare again before a draft is chosen.
    assert_eq!(studio.post("/compare-again", b"").status, 409);
    let reply = studio.post("/compare", old.to_str().unwrap().as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.text());
    let view: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    // The same summary line as `gongsi diff` prints for the two drafts.
    let diff = run(dir.path(), &["diff", "old", "plan"]);
    let printed = String::from_utf8_lossy(&diff.stdout);
    assert!(
        printed.contains(view["summary"].as_str().unwrap()),
        "{view}\n{printed}"
    );
    let numbers: Vec<&serde_json::Value> = view["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["changes"].as_array().unwrap())
        .filter(|c| c["verb"] == "숫자")
        .collect();
    assert!(
        numbers
            .iter()
            .any(|c| c["old"] == "50,000" && c["new"] == "60,000"),
        "{view}"
    );
    let tasks = view["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"].as_str().unwrap().starts_with("IV"))
        .unwrap();
    assert!(tasks["page"].as_u64().unwrap() > 1, "{tasks}");
    // The review PDF: `gongsi diff --pdf` for the same drafts, given as the studio was.
    let (old_arg, plan_arg) = (old.to_str().unwrap(), plan.to_str().unwrap());
    let made = run(
        dir.path(),
        &["diff", old_arg, plan_arg, "--pdf", "review.pdf"],
    );
    assert_eq!(
        made.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let reply = studio.get("/download/review");
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(
        reply.body == fs::read(dir.path().join("review.pdf")).unwrap(),
        "review differs"
    );
    redlined_pages_show_the_changes(&studio, &view, &dir.path().join("review.pdf"));
    // The plan edited again: compared again with the same draft, the list follows.
    let text = read(&strategy);
    fs::write(
        &strategy,
        text.replace("budget: {local: 60000}", "budget: {local: 70000}"),
    )
    .unwrap();
    let again = studio.post("/compare-again", b"");
    assert_eq!(again.status, 200, "{}", again.text());
    assert!(
        again.text().contains("\"new\":\"70,000\""),
        "{}",
        again.text()
    );
    // A draft with errors is refused with its errors.
    let reply = studio.post("/compare", b"/no/such/draft");
    assert_eq!(reply.status, 422, "{}", reply.text());
}

/// Two tabs comparing two different drafts each keep their own: compared again with the
/// draft that tab chose, its redlined pages still served, its review PDF made with it.
#[test]
fn two_tabs_comparing_different_drafts_each_keep_theirs() {
    let (dir, plan) = plan_copy();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    copy_dir(&plan, &first);
    copy_dir(&plan, &second);
    let strategy = "strategies/01-youth.yaml";
    let text = read(&plan.join(strategy));
    for (draft, budget) in [(&first, "40000"), (&second, "30000")] {
        let edited = text.replace(
            "budget: {local: 50000}",
            &format!("budget: {{local: {budget}}}"),
        );
        assert_ne!(edited, text);
        fs::write(draft.join(strategy), edited).unwrap();
    }
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    let compare = |draft: &Path| {
        let reply = studio.post("/compare", draft.to_str().unwrap().as_bytes());
        assert_eq!(reply.status, 200, "{}", reply.text());
        serde_json::from_slice::<serde_json::Value>(&reply.body).unwrap()
    };
    let (one, two) = (compare(&first), compare(&second));
    assert_ne!(one["draft"], two["draft"]);
    assert!(one.to_string().contains("\"old\":\"40,000\""), "{one}");
    // The first tab compares again: with its own draft, not the one compared last.
    let again = studio.post(&format!("/compare-again?draft={}", one["draft"]), b"");
    assert_eq!(again.status, 200, "{}", again.text());
    let again: serde_json::Value = serde_json::from_slice(&again.body).unwrap();
    assert_eq!(again["draft"], one["draft"]);
    assert_eq!(again["old"], first.display().to_string());
    assert!(again.to_string().contains("\"old\":\"40,000\""), "{again}");
    // The second tab's redlined pages are still there.
    let page = two["pages"][0]["id"].as_str().unwrap();
    assert_eq!(studio.get(&format!("/page/{page}?w=200")).status, 200);
    // Each tab's review PDF is `diff --pdf` with its own draft.
    // (given as the studio was: the review's summary page names the drafts)
    let (first_arg, plan_arg) = (first.to_str().unwrap(), plan.to_str().unwrap());
    let made = run(
        dir.path(),
        &["diff", first_arg, plan_arg, "--pdf", "first.pdf"],
    );
    assert_eq!(made.status.code(), Some(1));
    let reply = studio.get(&format!("/download/review?draft={}", one["draft"]));
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.body == fs::read(dir.path().join("first.pdf")).unwrap());
    // A comparison the studio no longer keeps, or a number that is none, is refused.
    for (query, status) in [("draft=999", 409), ("draft=x", 400), ("draft=1&x=2", 400)] {
        let reply = studio.post(&format!("/compare-again?{query}"), b"");
        assert_eq!(reply.status, status, "{query}: {}", reply.text());
    }
    let reply = studio.get("/download/review?draft=..%2f");
    assert_eq!(reply.status, 400, "{}", reply.text());
}

/// The comparison's redlined pages are the review PDF's (`review`, made by `diff --pdf`):
/// as many, each asked for by its id as the plan's pages are; every change listed there is
/// shown on one of them, its group linked to its first change's page.
fn redlined_pages_show_the_changes(studio: &Studio, view: &serde_json::Value, review: &Path) {
    let pages = view["pages"].as_array().unwrap();
    let info = std::process::Command::new("pdfinfo")
        .arg(review)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let count = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse::<usize>().unwrap())
        .unwrap();
    assert_eq!(pages.len(), count, "{view}");
    for page in pages {
        let reply = studio.get(&format!("/page/{}?w=832", page["id"].as_str().unwrap()));
        assert_eq!(reply.status, 200);
        assert_eq!(png_width(&reply.body), 832, "{}", page["id"]);
    }
    for section in view["sections"].as_array().unwrap() {
        let changes = section["changes"].as_array().unwrap();
        for change in changes {
            let page = change["shown"]["page"]
                .as_u64()
                .unwrap_or_else(|| panic!("not shown: {change}"));
            assert!(page > 2 && page <= count as u64, "{change}");
        }
        assert_eq!(section["page"], changes[0]["shown"]["page"], "{section}");
    }
}

/// A 한글 검토본 chosen as the draft to compare with: the reviewer's rewritten sentence and 메모
/// come back as `gongsi diff PLAN 검토본.hwpx` reads them, each placed in the plan's files, the
/// plan before the 검토본 whatever the order of choosing; no review PDF is offered.
#[test]
fn a_reviewers_hangul_copy_is_compared_as_diff_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan");
    copy_dir(&root().join("content/2021-인천서구"), &plan);
    let made = run(dir.path(), &["build", "plan", "-o", "계획.hwpx"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let reviewed = dir.path().join("검토본.hwpx");
    let edited = std::process::Command::new("python3")
        .arg(root().join("tests/hwpx_review.py"))
        .arg(dir.path().join("계획.hwpx"))
        .arg(&reviewed)
        .args(["sentence", "memo"])
        .output()
        .expect("python3 runs (bash .ci/setup installs python-hwpx)");
    assert!(
        edited.status.success(),
        "{}",
        String::from_utf8_lossy(&edited.stderr)
    );
    // As another writer may save it: every entry stored unpacked, fonts and all (21 MB, over
    // the 10 MiB of a workbook), which the studio takes as `diff` does.
    let unpacked = dir.path().join("풀어둔.hwpx");
    crate::hwpx_fonts::store_unpacked(&reviewed, &unpacked);
    fs::rename(&unpacked, &reviewed).unwrap();
    let size = fs::metadata(&reviewed).unwrap().len();
    assert!(size > 20_000_000, "{size}");
    let studio = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    studio.wait_for("the pages", |s| !s["pages"].as_array().unwrap().is_empty());
    let name = "%EA%B2%80%ED%86%A0%EB%B3%B8.hwpx"; // 검토본.hwpx
    let reply = studio.post(
        &format!("/compare-upload?name={name}"),
        &fs::read(&reviewed).unwrap(),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    let view: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    let diff = run(dir.path(), &["diff", "plan", "검토본.hwpx"]);
    let printed = String::from_utf8_lossy(&diff.stdout);
    assert!(
        printed.contains(view["summary"].as_str().unwrap()),
        "{view}\n{printed}"
    );
    let changes: Vec<&serde_json::Value> = view["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["changes"].as_array().unwrap())
        .collect();
    let sentence =
        changes
            .iter()
            .find(|c| {
                c["words"].as_array().unwrap().iter().any(|w| {
                    w["op"] == "insert" && w["text"].as_str().unwrap().contains("취업알선")
                })
            })
            .unwrap_or_else(|| panic!("the rewritten sentence: {view}"));
    assert!(
        sentence["place"]
            .as_str()
            .is_some_and(|p| p.contains("strategies/01-youth.yaml:")),
        "{sentence}"
    );
    let remarks = view["remarks"].as_array().unwrap();
    assert!(
        remarks
            .iter()
            .any(|r| r.as_str().unwrap().contains("근거 자료를 붙여 주세요")),
        "{view}"
    );
    assert_eq!(view["review"], false, "{view}");
    // A 한글 file over diff's 100 MiB: 413 with diff's words, before it is read.
    let big = vec![b'x'; 100 * 1024 * 1024 + 1];
    let reply = studio.post(&format!("/compare-upload?name={name}"), &big);
    assert_eq!(reply.status, 413, "{}", reply.text());
    assert!(
        reply
            .text()
            .contains("한글 문서가 100 MB보다 커서 읽지 않았습니다"),
        "{}",
        reply.text()
    );
    // A file that is neither a workbook nor a 한글 file is refused in Korean.
    let reply = studio.post("/compare-upload?name=a.pdf", b"%PDF");
    assert_eq!(reply.status, 415, "{}", reply.text());
    assert!(
        reply.text().contains("한글 검토본(.hwpx)"),
        "{}",
        reply.text()
    );
}

#[test]
fn a_new_plan_and_next_years_are_made_by_init_and_new() {
    let dir = tempfile::tempdir().unwrap();
    let studio = Studio::start(dir.path(), &[]);
    let starter = r#"{"district": "가상도 시험군", "year": 2026, "strategies": 2}"#;
    let reply = studio.post("/init", starter.as_bytes());
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert!(
        reply.text().contains("2026-가상도시험군"),
        "{}",
        reply.text()
    );
    assert!(dir.path().join("2026-가상도시험군/plan.yaml").is_file());
    studio.wait_for("the starter plan", |s| s["title"] == "2026 가상도 시험군");
    // Made again: init refuses a folder that is not empty, in its own words.
    let again = studio.post("/init", starter.as_bytes());
    assert_eq!(again.status, 422, "{}", again.text());
    let reply = studio.post("/next-year", b"");
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert!(dir.path().join("2027-가상도시험군/plan.yaml").is_file());
    studio.wait_for("next year's plan", |s| s["title"] == "2027 가상도 시험군");
    let wrong = studio.post(
        "/init",
        br#"{"district": "x", "year": 1800, "strategies": 2}"#,
    );
    assert_eq!(wrong.status, 422, "{}", wrong.text());
    assert_eq!(studio.post("/init", b"not json").status, 400);
    drop(studio);

    let (dir, plan) = plan_copy();
    let chosen = Studio::start(dir.path(), &[plan.to_str().unwrap()]);
    assert_eq!(chosen.post("/init", starter.as_bytes()).status, 403);
    assert_eq!(chosen.post("/next-year", b"").status, 403);
}
