//! The accept loop: HTTP/1 connections served by the router, each with a
//! [`Kill`] switch that the "drop" fault uses to close it without answering.

use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tower_service::Service;

use axum::response::IntoResponse;

use crate::error::ApiError;

/// Closes the connection a request came on, without an answer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kill(Arc<AtomicBool>);

impl Kill {
    /// From now on the connection neither reads nor writes.
    pub(crate) fn fire(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn fired(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A TCP stream that fails every operation once its [`Kill`] fired, which
/// makes hyper drop the connection.
struct Killable {
    inner: TcpStream,
    kill: Kill,
}

fn killed() -> io::Error {
    io::Error::new(io::ErrorKind::ConnectionAborted, "dropped by a fault")
}

impl AsyncRead for Killable {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.kill.fired() {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for Killable {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.kill.fired() {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.kill.fired() {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves `app` on `listener` forever.
pub(crate) async fn serve(listener: TcpListener, app: Router) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors and the like: breathe, go on.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let kill = Kill::default();
        let io = TokioIo::new(Killable {
            inner: stream,
            kill: kill.clone(),
        });
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(kill.clone());
            let mut app = app.clone();
            async move {
                // A handler panic (a bug) answers 500 instead of killing the
                // connection silently.
                match tokio::spawn(async move { app.call(req).await }).await {
                    Ok(response) => response,
                    Err(_) => Ok(ApiError::internal().into_response()),
                }
            }
        });
        tokio::spawn(async move {
            let _ = http1::Builder::new().serve_connection(io, service).await;
        });
    }
}
