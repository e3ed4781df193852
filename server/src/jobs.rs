//! Background jobs: the notification queue's deliveries, booking reminders and no-shows.
//!
//! Every job runs on the app clock. On a real server that is the real time; with `PALM_TEST_CLOCK=1` it is the
//! fixed default clock (`PALM_CLOCK`), so a test server's jobs never act on a date a test did not choose. A test
//! that needs a job at its own "now" posts to `/dev/jobs/run` (test clock only), which runs the jobs once at the
//! request's `palm_now`: "a day later" without sleeping.

use app::service::AppState;
use chrono::{DateTime, Utc};
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Deliver the due messages of the notification queue (retries with backoff).
    Notifications,
    /// Booking reminders (day before, one hour before) and no-shows.
    Bookings,
    /// Draft applications: warn a week before removing one untouched for 90 days, then remove it.
    Drafts,
    /// 好差评: remind the applicant of a case completed three days ago and still unrated.
    Ratings,
}

impl Job {
    pub const ALL: [Job; 4] = [Job::Notifications, Job::Bookings, Job::Drafts, Job::Ratings];

    pub fn name(self) -> &'static str {
        match self {
            Job::Notifications => "notifications",
            Job::Bookings => "bookings",
            Job::Drafts => "drafts",
            Job::Ratings => "ratings",
        }
    }

    pub fn parse(name: &str) -> Option<Job> {
        Job::ALL.into_iter().find(|j| j.name() == name)
    }

    fn period(self) -> Duration {
        match self {
            Job::Notifications => Duration::from_secs(2),
            Job::Bookings => Duration::from_secs(60),
            Job::Drafts => Duration::from_secs(3600),
            Job::Ratings => Duration::from_secs(600),
        }
    }
}

/// Runs `job` once at `now`; returns what it did, for logs and `/dev/jobs/run`.
pub async fn run(state: &AppState, job: Job, now: DateTime<Utc>) -> Result<String, String> {
    let t = now.timestamp();
    match job {
        Job::Notifications => app::store::notifications::deliver_due(&state.db, state.sms.as_ref(), t)
            .await
            .map(|sent| format!("notifications: {sent} sent"))
            .map_err(|e| e.to_string()),
        Job::Bookings => app::service::booking::run_jobs(&state.db, t)
            .await
            .map(|(no_shows, reminders)| format!("bookings: {no_shows} no-shows, {reminders} reminders"))
            .map_err(|e| e.to_string()),
        Job::Drafts => app::service::filing::run_jobs(&state.db, &state.filing.files, t)
            .await
            .map(|(told, removed)| format!("drafts: {told} owners told, {removed} removed"))
            .map_err(|e| e.to_string()),
        Job::Ratings => app::service::rating::run_jobs(state, t)
            .await
            .map(|sent| format!("ratings: {sent} reminders"))
            .map_err(|e| e.to_string()),
    }
}

/// Runs `job` forever at its period, on the app clock.
pub async fn every(state: AppState, job: Job) {
    let mut tick = tokio::time::interval(job.period());
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) = run(&state, job, state.clock.now_for(None)).await {
            tracing::warn!(job = job.name(), error = %e, "background job");
        }
    }
}

/// Starts every background job.
pub fn spawn_all(state: &AppState) {
    for job in Job::ALL {
        tokio::spawn(every(state.clone(), job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_names_round_trip() {
        for job in Job::ALL {
            assert_eq!(Job::parse(job.name()), Some(job));
        }
        assert_eq!(Job::parse("reminders"), None);
    }
}
