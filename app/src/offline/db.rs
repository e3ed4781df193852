//! The browser's store, IndexedDB database `palm-drafts` (indexed_db_futures). Every record names its owner (a digest
//! of the signed-in account), so one person's drafts are never offered to another; sign-out deletes the database.
//! A connection is opened per use and closed after it, so deleting the database is never blocked by this page.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub const NAME: &str = "palm-drafts";
pub const DRAFTS: &str = "drafts";
pub const OUTBOX: &str = "outbox";
pub const FILES: &str = "files";
pub const META: &str = "meta";

/// What was typed on one page of one application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftRec {
    /// `{owner}/{draft}/{page}`.
    pub key: String,
    pub owner: String,
    pub draft: String,
    /// `s/{section}` or `delivery`.
    pub page: String,
    /// The page's inputs by name, as a form post sends them.
    pub values: Vec<(String, String)>,
    /// When last edited, on the server's clock (unix seconds).
    pub edited: f64,
    /// The server's time of the section this copy started from.
    pub base: f64,
    /// The server has this copy (the sync's answer said so).
    pub synced: bool,
    /// The page's own 继续 carried this copy; whether it arrived shows on the next load (the server's section time).
    #[serde(default)]
    pub posted: bool,
}

/// A submit made offline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutRec {
    /// The submit's idempotency key.
    pub key: String,
    pub owner: String,
    pub draft: String,
    pub item: String,
    pub queued: f64,
}

/// A file picked offline (or whose upload broke off), kept as a Blob until it can be sent.
#[derive(Serialize, Deserialize)]
pub struct FileRec {
    /// `{owner}/{draft}/{material}`: a newer pick of the same material replaces it.
    pub key: String,
    pub owner: String,
    pub draft: String,
    pub material: String,
    pub name: String,
    pub back_to_check: bool,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub blob: web_sys::Blob,
}

#[derive(Serialize, Deserialize)]
struct Meta {
    key: String,
    value: f64,
    #[serde(default)]
    text: Option<String>,
}

fn fail(e: impl std::fmt::Display) -> String {
    e.to_string()
}

async fn open() -> Result<Database, String> {
    Database::open(NAME)
        .with_version(1u32)
        .with_on_upgrade_needed(|_event, db| {
            let have: Vec<String> = db.object_store_names().collect();
            for store in [DRAFTS, OUTBOX, FILES, META] {
                if !have.iter().any(|n| n == store) {
                    db.create_object_store(store).with_key_path(KeyPath::from("key")).build()?;
                }
            }
            Ok(())
        })
        .await
        .map_err(fail)
}

/// Writes `value` (keyed by its `key`) into `store`.
pub async fn put<T: Serialize>(store: &str, value: &T) -> Result<(), String> {
    let db = open().await?;
    let done = async {
        let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(store)?.put(value).serde()?.await?;
        tx.commit().await
    }
    .await;
    db.close();
    done.map_err(fail)
}

/// The record `key` of `store`.
pub async fn get<T: DeserializeOwned>(store: &str, key: &str) -> Result<Option<T>, String> {
    let db = open().await?;
    let got = async {
        let tx = db.transaction(store).build()?;
        let v: Option<T> = tx.object_store(store)?.get(key).serde()?.await?;
        Ok::<_, indexed_db_futures::error::Error>(v)
    }
    .await;
    db.close();
    got.map_err(fail)
}

/// Every record of `store` that belongs to `owner` (all of them when `None`).
pub async fn all<T: DeserializeOwned + Owned>(store: &str, owner: Option<&str>) -> Result<Vec<T>, String> {
    let db = open().await?;
    let got = async {
        let tx = db.transaction(store).build()?;
        let v: Vec<T> = tx.object_store(store)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        Ok::<_, indexed_db_futures::error::Error>(v)
    }
    .await;
    db.close();
    Ok(got.map_err(fail)?.into_iter().filter(|r| owner.is_none_or(|o| r.owner() == o)).collect())
}

/// Reads the record `key` of `store` and writes what `change` makes of it, in one transaction: another write of
/// the same record (typing while a sync answer arrives) comes before or after, never between. `None` leaves it.
pub async fn update<T: Serialize + DeserializeOwned>(store: &str, key: &str, change: impl FnOnce(Option<T>) -> Option<T>) -> Result<Option<T>, String> {
    let db = open().await?;
    let done = async {
        let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
        let s = tx.object_store(store)?;
        let old: Option<T> = s.get(key).serde()?.await?;
        let new = change(old);
        if let Some(v) = &new {
            s.put(v).serde()?.await?;
        }
        tx.commit().await?;
        Ok::<_, indexed_db_futures::error::Error>(new)
    }
    .await;
    db.close();
    done.map_err(fail)
}

/// Removes the record `key` of `store`.
pub async fn delete(store: &str, key: &str) -> Result<(), String> {
    let db = open().await?;
    let done = async {
        let tx = db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(store)?.delete(key).await?;
        tx.commit().await
    }
    .await;
    db.close();
    done.map_err(fail)
}

/// A number kept in `meta` (the clock's offset).
pub async fn meta(key: &str) -> Result<Option<f64>, String> {
    Ok(get::<Meta>(META, key).await?.map(|m| m.value))
}

pub async fn put_meta(key: &str, value: f64) -> Result<(), String> {
    put(META, &Meta { key: key.into(), value, text: None }).await
}

/// A sentence to say on the next load of a page (`note:{draft key}`), taken once.
pub async fn take_note(key: &str) -> Option<String> {
    let k = format!("note:{key}");
    let m = get::<Meta>(META, &k).await.ok().flatten()?;
    let _ = delete(META, &k).await;
    m.text
}

pub async fn put_note(key: &str, text: &str) -> Result<(), String> {
    put(META, &Meta { key: format!("note:{key}"), value: 0.0, text: Some(text.into()) }).await
}

/// Deletes the whole database (sign-out).
pub async fn destroy() -> Result<(), String> {
    Database::delete_by_name(NAME).map_err(fail)?.await.map_err(fail)?;
    Ok(())
}

/// A record with an owner.
pub trait Owned {
    fn owner(&self) -> &str;
}

impl Owned for DraftRec {
    fn owner(&self) -> &str {
        &self.owner
    }
}

impl Owned for OutRec {
    fn owner(&self) -> &str {
        &self.owner
    }
}

impl Owned for FileRec {
    fn owner(&self) -> &str {
        &self.owner
    }
}
