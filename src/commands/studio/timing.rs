//! 단계별 시간 (stage timing): how long each stage of one studio build took, for
//! `benches/studio_latency.mjs`. Kept only when the studio runs with `GONGSI_STUDIO_TIMING=1`;
//! then the state the page reads carries it (`timing`), so the benchmark can split the whole
//! loop into the server's stages and the browser's. Nothing is printed.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// The variable that turns stage timing on.
pub const VARIABLE: &str = "GONGSI_STUDIO_TIMING";

/// Whether stage timing is on for this run.
pub fn enabled() -> bool {
    std::env::var_os(VARIABLE).is_some_and(|v| v == "1")
}

/// Milliseconds since the Unix epoch (the benchmark's clock is the same wall clock).
pub fn epoch_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// One build's stages, in the order they ran.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Timing {
    /// When the builder took the job (the watcher's debounce is over), epoch ms.
    pub job_at: f64,
    /// When the new state was published, epoch ms.
    pub published_at: f64,
    /// Each stage's name and milliseconds.
    pub stages: Vec<(&'static str, f64)>,
    /// How many pages were drawn anew.
    pub drawn: usize,
}

/// A stopwatch that records laps when timing is on.
pub struct Laps {
    on: bool,
    last: Instant,
    timing: Timing,
}

impl Laps {
    /// Starts timing a build whose job was taken at `job_at` (epoch ms).
    pub fn start(job_at: f64) -> Self {
        Laps {
            on: enabled(),
            last: Instant::now(),
            timing: Timing {
                job_at,
                ..Timing::default()
            },
        }
    }

    /// Ends the stage `name` now.
    pub fn lap(&mut self, name: &'static str) {
        if self.on {
            let now = Instant::now();
            let ms = now.duration_since(self.last).as_secs_f64() * 1000.0;
            self.timing.stages.push((name, ms));
            self.last = now;
        }
    }

    /// Notes how many pages were drawn anew.
    pub fn drawn(&mut self, pages: usize) {
        self.timing.drawn = pages;
    }

    /// The stages, stamped as published now; `None` when timing is off.
    pub fn finish(mut self) -> Option<Timing> {
        self.on.then(|| {
            self.timing.published_at = epoch_ms();
            self.timing
        })
    }
}
