//! The one shutdown signal of both Discord transports (`pactbot serve` and
//! `pactbot discord`): SIGINT (Ctrl-C) or SIGTERM, whichever comes first.

/// Installs the SIGINT (Ctrl-C) and SIGTERM handlers now and returns a future
/// that waits for either; it gives the signal's name, for the log line that
/// says why the process is stopping. Installing eagerly matters: a signal
/// that arrives after start-up but before the future is first polled must
/// start a graceful shutdown, not kill the process (the default action).
/// Must be called inside the tokio runtime. If a handler cannot be
/// installed, that signal is simply never seen (the other still works).
pub fn shutdown_signal() -> impl std::future::Future<Output = &'static str> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let term = signal(SignalKind::terminate()).ok();
        let int = signal(SignalKind::interrupt()).ok();
        async move {
            match (term, int) {
                (Some(mut term), Some(mut int)) => tokio::select! {
                    _ = int.recv() => "SIGINT",
                    _ = term.recv() => "SIGTERM",
                },
                (Some(mut term), None) => {
                    term.recv().await;
                    "SIGTERM"
                }
                (None, _) => interrupt().await,
            }
        }
    }
    #[cfg(not(unix))]
    {
        interrupt()
    }
}

/// Ctrl-C only; never completes if its handler cannot be installed.
async fn interrupt() -> &'static str {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
    "SIGINT"
}
