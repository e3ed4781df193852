//! The snapshot in use and the machinery that replaces it: a read lock held for one pointer copy, one build at a
//! time, and a background worker that recomputes when asked or when the database changed behind its back.

use super::{current_fingerprint, ZoneModel};
use crate::store::Db;
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// The current snapshot and the machinery that replaces it.
pub struct ZoneState {
    current: RwLock<Option<Arc<ZoneModel>>>,
    /// One build at a time; a request that finds no model waits for the build under way.
    building: tokio::sync::Mutex<()>,
    installed: AtomicU64,
    wanted: tokio::sync::Notify,
    versions: tokio::sync::watch::Sender<u64>,
}

impl Default for ZoneState {
    fn default() -> Self {
        Self {
            current: RwLock::new(None),
            building: tokio::sync::Mutex::new(()),
            installed: AtomicU64::new(0),
            wanted: tokio::sync::Notify::new(),
            versions: tokio::sync::watch::channel(0).0,
        }
    }
}

impl ZoneState {
    /// The snapshot in use, if one has been computed.
    pub fn snapshot(&self) -> Option<Arc<ZoneModel>> {
        self.current.read().expect("zone lock").clone()
    }

    /// The snapshot in use, computing the first one if there is none yet.
    pub async fn get(&self, db: &Db, now: DateTime<Utc>) -> Result<Arc<ZoneModel>, sqlx::Error> {
        if let Some(m) = self.snapshot() {
            return Ok(m);
        }
        let _one = self.building.lock().await;
        if let Some(m) = self.snapshot() {
            return Ok(m);
        }
        Ok(self.install(ZoneModel::load(db, now).await?))
    }

    /// Computes a new model from the database and swaps it in. Readers keep the old one until the swap.
    pub async fn recompute(&self, db: &Db, now: DateTime<Utc>) -> Result<Arc<ZoneModel>, sqlx::Error> {
        let _one = self.building.lock().await;
        let model = ZoneModel::load(db, now).await?;
        Ok(self.install(model))
    }

    /// Makes `model` the snapshot in use, numbering it.
    pub fn install(&self, mut model: ZoneModel) -> Arc<ZoneModel> {
        model.version = self.installed.fetch_add(1, Ordering::SeqCst) + 1;
        let model = Arc::new(model);
        *self.current.write().expect("zone lock") = Some(model.clone());
        self.versions.send_replace(model.version);
        tracing::info!(version = model.version, ms = model.compute_ms, "zones computed");
        model
    }

    /// Asks the background worker for a recompute (after points or the network changed).
    pub fn request_recompute(&self) {
        self.wanted.notify_one();
    }

    /// The installed version, to wait for a recompute.
    pub fn versions(&self) -> tokio::sync::watch::Receiver<u64> {
        self.versions.subscribe()
    }

    /// The background worker: recomputes when asked, and every minute checks whether the database changed behind
    /// its back (another instance, `server reset-demo`).
    pub async fn worker(self: Arc<Self>, db: Db, clock: crate::service::Clock) {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let asked = tokio::select! {
                _ = self.wanted.notified() => true,
                _ = tick.tick() => false,
            };
            let stale = match (asked, self.snapshot()) {
                (true, _) => true,
                (false, None) => false,
                (false, Some(m)) => current_fingerprint(&db).await.map(|f| f != m.fingerprint).unwrap_or(false),
            };
            if stale {
                if let Err(e) = self.recompute(&db, clock.now_for(None)).await {
                    tracing::warn!(error = %e, "zone recompute");
                }
            }
        }
    }
}
