//! The HTTP interactions endpoint in process on 127.0.0.1: bound to an
//! ephemeral port, served until the test stops it (or drops the harness),
//! and asked by a real HTTP client with requests signed as Discord signs
//! them. Every request is bounded in time.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use pactbot::dataset::{DataSource, Dataset, SharedDataset};
use pactbot::discord::endpoint::{self, Endpoint, Options};
use serde_json::Value;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::payloads as discord;

/// How long one request may take before the test fails.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

/// A running endpoint. Dropping it stops the server.
pub struct TestServer {
    pub addr: SocketAddr,
    pub endpoint: Arc<Endpoint>,
    pub http: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

/// A response, read whole.
pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// The built-in dataset, as the server holds it.
pub fn built_in() -> SharedDataset {
    SharedDataset::new(DataSource::Embedded, Dataset::embedded().unwrap())
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

impl TestServer {
    /// The built-in dataset with the default options.
    pub async fn start() -> TestServer {
        TestServer::start_with(Options::default(), built_in()).await
    }

    pub async fn start_with(options: Options, data: SharedDataset) -> TestServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let key = endpoint::public_key(|_| Some(discord::public_key_hex())).unwrap();
        let ep = Endpoint::new(key, Arc::new(data), &options);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(endpoint::serve(listener, &ep, &options, async move {
            let _ = stopped.await;
        }));
        TestServer {
            addr,
            endpoint: ep,
            http: reqwest::Client::builder()
                .timeout(REQUEST_DEADLINE)
                .build()
                .unwrap(),
            stop: Some(stop),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Requests being served right now (the in-flight gauge of the metrics).
    pub fn in_flight(&self) -> i64 {
        self.endpoint.metrics().in_flight().get()
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> Resp {
        let r = req.send().await.expect("the server answers");
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let content_type = headers
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = r.text().await.unwrap();
        Resp {
            status,
            content_type,
            headers,
            body,
        }
    }

    /// POST /interactions with exactly these signature headers (None = absent).
    pub async fn post(&self, sig: Option<&str>, ts: Option<&str>, body: &str) -> Resp {
        let mut req = self
            .http
            .post(self.url("/interactions"))
            .header("content-type", "application/json")
            .body(body.to_string());
        if let Some(s) = sig {
            req = req.header("x-signature-ed25519", s);
        }
        if let Some(t) = ts {
            req = req.header("x-signature-timestamp", t);
        }
        self.send(req).await
    }

    /// POST /interactions signed now, as Discord does.
    pub async fn signed(&self, body: &str) -> Resp {
        let (sig, ts) = discord::signature_now(body);
        self.post(Some(&sig), Some(&ts), body).await
    }

    /// A signed request that must be answered 200; its JSON.
    pub async fn answer(&self, body: &str) -> Value {
        let r = self.signed(body).await;
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(self.http.get(self.url(path))).await
    }

    /// Tells the server to shut down gracefully and hands back its task,
    /// which ends once the requests in flight are answered.
    pub fn begin_stop(&mut self) -> JoinHandle<std::io::Result<()>> {
        let _ = self.stop.take().expect("not stopped yet").send(());
        self.task.take().expect("not stopped yet")
    }

    /// Shuts the server down and waits (bounded) until it has stopped.
    pub async fn stop(mut self) -> std::io::Result<()> {
        let task = self.begin_stop();
        tokio::time::timeout(Duration::from_secs(5), task)
            .await
            .expect("the server stops")
            .unwrap()
    }
}

/// POSTs `body` to `url` (any pactbot endpoint, in process or a child)
/// signed now; returns the status and body. Bounded in time.
pub async fn signed_post(http: &reqwest::Client, url: &str, body: &str) -> (u16, String) {
    let (sig, ts) = discord::signature_now(body);
    let r = tokio::time::timeout(
        REQUEST_DEADLINE,
        http.post(url)
            .header("content-type", "application/json")
            .header("x-signature-ed25519", sig)
            .header("x-signature-timestamp", ts)
            .body(body.to_string())
            .send(),
    )
    .await
    .expect("answered in time")
    .expect("the server answers");
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}
