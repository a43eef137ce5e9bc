//! The one shutdown signal of both Discord transports (`pactbot serve` and
//! `pactbot discord`): SIGINT (Ctrl-C) or SIGTERM, whichever comes first.

/// Waits for SIGINT (Ctrl-C) or SIGTERM; returns the signal's name, for the
/// log line that says why the process is stopping. If a handler cannot be
/// installed, that signal is simply never seen (the other still works).
pub async fn shutdown_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                r = tokio::signal::ctrl_c() => match r {
                    Ok(()) => "SIGINT",
                    Err(_) => {
                        term.recv().await;
                        "SIGTERM"
                    }
                },
                _ = term.recv() => "SIGTERM",
            },
            Err(_) => interrupt().await,
        }
    }
    #[cfg(not(unix))]
    {
        interrupt().await
    }
}

/// Ctrl-C only; never completes if its handler cannot be installed.
async fn interrupt() -> &'static str {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
    "SIGINT"
}
