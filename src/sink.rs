//! Where a check's file reports go, in file order, a few files at a time as soon as they are
//! checked: the baseline takes away the findings it accepts, the exit code and the report (or the
//! baseline being written) take in what is left, and the file's text is dropped. A run so holds
//! the texts of the files being checked, never those of every file.

use std::io::Write;
use std::path::PathBuf;

use crate::baseline::{self, Baseline, Entry};
use crate::config::ConfigError;
use crate::diagnostic::Severity;
use crate::output::Output;
use crate::report::{self, FileReport, Reporter, Run};
use crate::timings::{self, Kind::Stage};

/// What the reports of a run amounted to, for its exit code.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// A file could not be read.
    pub unreadable: bool,
    /// A file has a finding at or above its `--fail-on` threshold.
    pub findings: bool,
}

/// Takes a run's file reports in order; [`Sink::finish`] completes what they go into.
pub struct Sink<'a> {
    kind: Kind<'a>,
    tally: Tally,
}

enum Kind<'a> {
    /// `--write-baseline`: every finding's entry, written at the end; no report.
    WriteBaseline {
        path: PathBuf,
        entries: Vec<Entry>,
        quiet: bool,
    },
    Report(Box<Report<'a>>),
}

/// A report being written.
pub struct Report<'a> {
    pub reporter: Box<dyn Reporter>,
    pub run: Run<'a>,
    pub output: Output,
    /// The findings `--baseline` accepts.
    pub accepted: Option<Baseline>,
    /// Whether unreadable files are told on standard error (with colour or not), as when the
    /// report leaves them out.
    pub errors_to_stderr: Option<bool>,
}

impl<'a> Sink<'a> {
    /// Gathers the findings into a baseline at `path` instead of reporting them.
    pub fn write_baseline(path: PathBuf, quiet: bool) -> Self {
        Self {
            kind: Kind::WriteBaseline {
                path,
                entries: Vec::new(),
                quiet,
            },
            tally: Tally::default(),
        }
    }

    /// Reports the findings; starts the report.
    pub fn report(mut report: Report<'a>) -> Self {
        let started = report.reporter.start(&report.run, &mut report.output);
        if let Err(error) = started {
            report.output.fail(error);
        }
        Self {
            kind: Kind::Report(Box::new(report)),
            tally: Tally::default(),
        }
    }

    /// Takes the reports of the next files, in order, each with the severity from which its
    /// findings fail the run (none for `--fail-on never`).
    pub fn take(&mut self, mut reports: Vec<FileReport>, fail_on: &[Option<Severity>]) {
        let report = match &mut self.kind {
            Kind::WriteBaseline { entries, .. } => {
                for file in &reports {
                    self.tally.unreadable |= file.error.is_some();
                    entries.extend(baseline::entries(file));
                }
                return;
            }
            Kind::Report(report) => report,
        };
        if let Some(accepted) = &mut report.accepted {
            accepted.filter(&mut reports);
        }
        for (file, threshold) in reports.iter().zip(fail_on) {
            self.tally.unreadable |= file.error.is_some();
            self.tally.findings |= threshold
                .is_some_and(|threshold| file.diagnostics.iter().any(|d| d.severity >= threshold));
        }
        if let Some(color) = report.errors_to_stderr {
            for file in &reports {
                if let Some(error) = &file.error {
                    eprint!(
                        "{}",
                        report::human::render_read_error(&file.name, error, color)
                    );
                }
            }
        }
        timings::time(Stage, "report", || {
            for file in &reports {
                if let Err(error) = report.reporter.file(&report.run, file, &mut report.output) {
                    report.output.fail(error);
                }
            }
            let _ = report.output.flush();
        });
    }

    /// Completes the report or writes the baseline.
    pub fn finish(self) -> Result<Tally, ConfigError> {
        match self.kind {
            Kind::WriteBaseline {
                path,
                entries,
                quiet,
            } => {
                let count = baseline::write(&path, entries).map_err(ConfigError::plain)?;
                if !quiet {
                    eprintln!(
                        "galley: wrote {} to {}",
                        report::plural(count, "finding"),
                        path.display()
                    );
                }
            }
            Kind::Report(report) => {
                let mut report = *report;
                timings::time(Stage, "report", || {
                    let finished = report.reporter.finish(&report.run, &mut report.output);
                    if let Err(error) = finished {
                        report.output.fail(error);
                    }
                    report.output.finish()
                })?;
            }
        }
        Ok(self.tally)
    }
}
