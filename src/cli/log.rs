//! `serve`'s log: one line per request, gathered in memory and written to
//! stderr in batches by one background thread.
//!
//! Why not a write (or a hand-off to a logging thread) per line: on a busy
//! endpoint each line then costs a wake-up of the writer, a context switch
//! and a `write` — measured at about 3 µs a request, a tenth of the CPU of a
//! verified PING (BENCHMARKS.md). Here a line is one copy into a buffer
//! under an uncontended lock; the thread wakes once per batch, waits
//! [`BATCH`] for more lines to gather, and writes them all with one `write`.
//! A line therefore reaches stderr within about [`BATCH`].
//!
//! Lossy, as a request log should be: if stderr stalls (a full pipe, a
//! stuck journald), at most [`MAX_PENDING`] bytes wait and later lines are
//! dropped and counted, never blocking a request; the count is written
//! once stderr moves again. Dropping the [`Guard`] (when `main` returns)
//! writes what is left.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use tracing_subscriber::fmt::MakeWriter;

/// How long the writer waits after the first line of a batch.
pub const BATCH: Duration = Duration::from_millis(20);
/// Bytes that may wait for stderr; lines beyond are dropped.
pub const MAX_PENDING: usize = 1 << 20;

#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    dropped: u64,
    closing: bool,
}

#[derive(Default)]
struct Shared {
    pending: Mutex<Pending>,
    /// Signalled when the first line of a batch arrives, and on closing.
    arrived: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Pending> {
        // A panic while holding the lock leaves plain bytes: still usable.
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The [`MakeWriter`] for `tracing_subscriber::fmt`, which hands it one
/// whole formatted line per event.
#[derive(Clone)]
pub struct BatchedLog(Arc<Shared>);

/// Writes what is pending and stops the writer thread when dropped.
pub struct Guard {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

/// The log and its guard; lines go to `out` (stderr in `main`, a buffer in
/// tests). Fails only if the system refuses a thread.
pub fn batched(out: impl Write + Send + 'static) -> std::io::Result<(BatchedLog, Guard)> {
    let shared = Arc::new(Shared::default());
    let thread = {
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("pactbot-log".into())
            .spawn(move || write_batches(&shared, out))?
    };
    Ok((
        BatchedLog(Arc::clone(&shared)),
        Guard {
            shared,
            thread: Some(thread),
        },
    ))
}

impl BatchedLog {
    /// Adds one line (tracing-subscriber's fmt layer writes each event
    /// whole, with one `write`), or counts it as dropped when too much waits.
    fn push(&self, line: &[u8]) {
        let first = {
            let mut p = self.0.lock();
            if p.bytes.len() + line.len() > MAX_PENDING {
                p.dropped += 1;
                return;
            }
            let first = p.bytes.is_empty();
            p.bytes.extend_from_slice(line);
            first
        };
        if first {
            self.0.arrived.notify_one();
        }
    }
}

fn write_batches(shared: &Shared, mut out: impl Write) {
    let mut batch = Vec::new();
    loop {
        let (closing, dropped) = {
            let mut p = shared.lock();
            while p.bytes.is_empty() && !p.closing {
                p = shared.arrived.wait(p).unwrap_or_else(|e| e.into_inner());
            }
            if !p.closing {
                // Let the rest of the batch gather.
                drop(p);
                std::thread::sleep(BATCH);
                p = shared.lock();
            }
            std::mem::swap(&mut batch, &mut p.bytes);
            (p.closing, std::mem::take(&mut p.dropped))
        };
        if dropped > 0 {
            let _ = writeln!(
                batch,
                "pactbot: {dropped} log lines dropped (stderr was not keeping up)"
            );
        }
        // Nothing to tell anyone if stderr itself fails.
        let _ = out.write_all(&batch).and_then(|()| out.flush());
        batch.clear();
        if closing && shared.lock().bytes.is_empty() {
            return;
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.shared.lock().closing = true;
        self.shared.arrived.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What the fmt layer writes a line into: the batch itself.
pub struct Line<'a>(&'a BatchedLog);

impl Write for Line<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for BatchedLog {
    type Writer = Line<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        Line(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `Write` whose bytes a test can read.
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn every_line_is_written_in_order_by_the_time_the_guard_is_dropped() {
        let sink = Sink::default();
        let (log, guard) = batched(sink.clone()).unwrap();
        for i in 0..1000 {
            log.make_writer()
                .write_all(format!("line {i}\n").as_bytes())
                .unwrap();
        }
        drop(guard);
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let want: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        assert_eq!(text, want);
    }

    #[test]
    fn a_line_arrives_without_the_guard_being_dropped() {
        let sink = Sink::default();
        let (log, _guard) = batched(sink.clone()).unwrap();
        log.make_writer().write_all(b"listening\n").unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while sink.0.lock().unwrap().as_slice() != b"listening\n" {
            assert!(std::time::Instant::now() < deadline, "the line never came");
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// A stderr that does not move: lines beyond [`MAX_PENDING`] are
    /// dropped and counted, and the writer never blocks.
    #[test]
    fn a_stalled_output_drops_lines_and_says_how_many() {
        let gate = Arc::new(Mutex::new(()));
        struct Stalled(Arc<Mutex<()>>, Sink);
        impl Write for Stalled {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                let _open = self.0.lock().unwrap();
                self.1.write(buf)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let closed = gate.lock().unwrap();
        let (log, guard) = batched(Stalled(Arc::clone(&gate), sink.clone())).unwrap();
        let mut line = [b'x'; 1024];
        line[1023] = b'\n';
        let mut n = 0;
        // Three times what may wait, at least one batch stuck in the write.
        while n < 3 * MAX_PENDING / 1024 {
            log.make_writer().write_all(&line).unwrap();
            n += 1;
        }
        drop(closed);
        drop(guard);
        let out = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let kept = out.lines().filter(|l| l.starts_with('x')).count();
        let said = out
            .lines()
            .filter_map(|l| l.strip_prefix("pactbot: "))
            .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
            .sum::<usize>();
        assert!(kept < n, "nothing dropped: {kept} of {n}");
        assert!(said > 0, "the drop was not reported");
    }
}
