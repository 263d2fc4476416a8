//! Ctrl-C (SIGINT) and SIGTERM during an audit: the audit stops between
//! files and chunks, the half-written reports are dropped (their temporary
//! files removed), the previous reports stay as they were, and the process
//! exits with 128 + the signal number, as a shell reports a killed command.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::flag;

use super::ExitStatus;

/// The signals that stop an audit, and what each makes the exit status.
const SIGNALS: [(i32, ExitStatus); 2] = [
    (SIGINT, ExitStatus::Interrupted),
    (SIGTERM, ExitStatus::Terminated),
];

/// Handlers for SIGINT and SIGTERM that only record the signal, for the
/// audit loop to notice.
pub(super) struct Interrupt {
    flag: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Installs the handlers. A second signal, once the first is being
    /// honoured, ends the process at once (with the same status): a stuck
    /// cleanup must not make Ctrl-C useless. That exit leaves temporary
    /// files behind but, like the first, never a half-written report.
    pub(super) fn install() -> std::io::Result<Interrupt> {
        let flag = Arc::new(AtomicBool::new(false));
        let signal = Arc::new(AtomicUsize::new(0));
        for (number, status) in SIGNALS {
            // Order matters: the shutdown is armed only by an earlier signal.
            flag::register_conditional_shutdown(number, status as i32, Arc::clone(&flag))?;
            flag::register_usize(number, Arc::clone(&signal), number as usize)?;
            flag::register(number, Arc::clone(&flag))?;
        }
        Ok(Interrupt { flag, signal })
    }

    /// The flag the audit loop checks.
    pub(super) fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.flag)
    }

    /// The exit status to end with, once a signal has arrived.
    pub(super) fn status(&self) -> Option<ExitStatus> {
        if !self.flag.load(Ordering::SeqCst) {
            return None;
        }
        let number = self.signal.load(Ordering::SeqCst);
        SIGNALS
            .iter()
            .find(|(n, _)| *n as usize == number)
            .map(|(_, status)| *status)
            .or(Some(ExitStatus::Interrupted))
    }
}
