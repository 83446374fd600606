//! 출입 검사 (guard): who may use the studio. The studio listens on the loopback address only,
//! but any program or web page on the PC can reach that address, so every request must show:
//! the `Host` the studio printed (a web page that renamed its own site to 127.0.0.1 — DNS
//! rebinding — sends its own name); the run's secret, once in the opened address and then
//! as a cookie that only the studio's own pages send (HttpOnly, SameSite=Strict); and for a
//! request that changes something, the studio's own `Origin` (no other site may post to
//! it, and no CORS header ever allows one).

use std::net::SocketAddr;

/// The query parameter of the opened address that carries the secret.
pub const TOKEN_PARAMETER: &str = "token";

/// What the guard decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Let the request through.
    Pass,
    /// Let it through and give the browser the cookie (the opened address, with the secret).
    PassAndRemember,
    /// Refuse it (403) for this reason, in Korean.
    Refuse(&'static str),
}

/// The secret of one run and the address it is served at.
#[derive(Debug, Clone)]
pub struct Guard {
    token: String,
    host: String,
    origin: String,
    cookie: String,
}

/// What the guard looks at in a request.
#[derive(Debug, Default, Clone, Copy)]
pub struct Asked<'a> {
    /// Whether the method may change something (anything but GET and HEAD).
    pub changes: bool,
    /// The path, without the query.
    pub path: &'a str,
    /// The query string, if any.
    pub query: Option<&'a str>,
    /// The `Host` header.
    pub host: Option<&'a str>,
    /// The `Origin` header.
    pub origin: Option<&'a str>,
    /// The `Cookie` headers, joined.
    pub cookies: Option<&'a str>,
}

impl Guard {
    /// A guard for a studio at `address` with the secret `token`.
    pub fn new(address: SocketAddr, token: String) -> Self {
        Guard {
            host: address.to_string(),
            origin: format!("http://{address}"),
            cookie: format!("gongsi-studio-{}", address.port()),
            token,
        }
    }

    /// The address to open: the studio's page with the secret.
    pub fn opening_url(&self) -> String {
        format!("{}/?{TOKEN_PARAMETER}={}", self.origin, self.token)
    }

    /// The studio's own origin, `http://127.0.0.1:port`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The `Set-Cookie` value that remembers the secret in this browser for this run.
    pub fn set_cookie(&self) -> String {
        format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            self.cookie, self.token
        )
    }

    /// Whether `asked` may go through.
    pub fn check(&self, asked: &Asked) -> Verdict {
        if asked.host != Some(self.host.as_str()) {
            return Verdict::Refuse(
                "스튜디오는 터미널에 찍힌 주소(127.0.0.1과 포트)로만 열 수 있습니다.",
            );
        }
        if asked.changes && asked.origin != Some(self.origin.as_str()) {
            return Verdict::Refuse("스튜디오 밖의 페이지에서 보낸 요청은 받지 않습니다.");
        }
        if self.cookie_holds(asked.cookies) {
            return Verdict::Pass;
        }
        if !asked.changes && asked.path == "/" && self.query_holds(asked.query) {
            return Verdict::PassAndRemember;
        }
        Verdict::Refuse(
            "이 브라우저에는 스튜디오의 열쇠가 없습니다. gongsi studio가 터미널에 찍은 주소(?token=… 까지)를 그대로 여세요.",
        )
    }

    fn cookie_holds(&self, cookies: Option<&str>) -> bool {
        cookies
            .into_iter()
            .flat_map(|c| c.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == self.cookie && same(value, &self.token))
    }

    fn query_holds(&self, query: Option<&str>) -> bool {
        query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .filter_map(|pair| pair.split_once('='))
            .any(|(name, value)| name == TOKEN_PARAMETER && same(value, &self.token))
    }
}

/// Compares two secrets in time that does not depend on where they first differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A new secret: 32 random bytes from the system, as hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard::new("127.0.0.1:4000".parse().unwrap(), "abc123".into())
    }

    fn asked<'a>(path: &'a str) -> Asked<'a> {
        Asked {
            path,
            host: Some("127.0.0.1:4000"),
            ..Asked::default()
        }
    }

    #[test]
    fn the_secret_opens_the_page_once_then_the_cookie_does() {
        let g = guard();
        let first = Asked {
            query: Some("token=abc123"),
            ..asked("/")
        };
        assert_eq!(g.check(&first), Verdict::PassAndRemember);
        assert!(g.set_cookie().contains("HttpOnly; SameSite=Strict"));
        let later = Asked {
            cookies: Some("x=1; gongsi-studio-4000=abc123"),
            ..asked("/events")
        };
        assert_eq!(g.check(&later), Verdict::Pass);
        for wrong in ["token=abc124", "token=abc12", "tok=abc123", ""] {
            let a = Asked {
                query: Some(wrong),
                ..asked("/")
            };
            assert!(matches!(g.check(&a), Verdict::Refuse(_)), "{wrong}");
        }
        // The secret in the address opens only the page, and another port's cookie nothing.
        let elsewhere = Asked {
            query: Some("token=abc123"),
            ..asked("/state")
        };
        assert!(matches!(g.check(&elsewhere), Verdict::Refuse(_)));
        let other_port = Asked {
            cookies: Some("gongsi-studio-4001=abc123"),
            ..asked("/state")
        };
        assert!(matches!(g.check(&other_port), Verdict::Refuse(_)));
    }

    #[test]
    fn another_host_or_origin_is_refused_even_with_the_secret() {
        let g = guard();
        let cookie = Some("gongsi-studio-4000=abc123");
        for host in [
            "evil.example:4000",
            "localhost:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
        ] {
            let a = Asked {
                host: Some(host),
                cookies: cookie,
                ..asked("/")
            };
            assert!(matches!(g.check(&a), Verdict::Refuse(_)), "{host}");
        }
        for origin in [None, Some("http://evil.example"), Some("null")] {
            let a = Asked {
                changes: true,
                origin,
                cookies: cookie,
                ..asked("/upload")
            };
            assert!(matches!(g.check(&a), Verdict::Refuse(_)), "{origin:?}");
        }
        let own = Asked {
            changes: true,
            origin: Some("http://127.0.0.1:4000"),
            cookies: cookie,
            ..asked("/upload")
        };
        assert_eq!(g.check(&own), Verdict::Pass);
    }

    #[test]
    fn secrets_are_long_and_differ() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token().unwrap());
    }
}
