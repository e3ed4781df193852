//! Uploaded files, through the `object_store` crate's local filesystem store (S3 comes with scaling; the calls
//! stay the same). A file is streamed in, part by part, to a temporary object while its SHA-256 is computed, then
//! renamed to `sha256/{hash}`: named by content, so the same photo uploaded twice is stored once. Never held whole
//! in memory.

use futures::{Stream, StreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStoreExt, WriteMultipart};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The object store files go to.
#[derive(Clone, Debug)]
pub struct Files {
    store: Arc<LocalFileSystem>,
}

/// A file streamed in and kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub sha256: String,
    pub bytes: u64,
    /// Its first bytes, for the content check.
    pub head: Vec<u8>,
}

/// Why a stream was not kept.
#[derive(Debug)]
pub enum PutError {
    /// Over `limit` bytes: reading stopped there and nothing was kept.
    TooLarge,
    /// The request's body broke off.
    Body(String),
    Store(object_store::Error),
}

impl From<object_store::Error> for PutError {
    fn from(e: object_store::Error) -> Self {
        Self::Store(e)
    }
}

impl std::fmt::Display for PutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge => f.write_str("too large"),
            Self::Body(e) => write!(f, "body: {e}"),
            Self::Store(e) => write!(f, "store: {e}"),
        }
    }
}

fn by_hash(sha256: &str) -> Path {
    Path::from(format!("sha256/{sha256}"))
}

impl Files {
    /// The local store under `dir` (made if missing).
    pub fn local(dir: impl AsRef<std::path::Path>) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir.as_ref())?;
        let store = LocalFileSystem::new_with_prefix(dir.as_ref()).map_err(std::io::Error::other)?;
        Ok(Self { store: Arc::new(store) })
    }

    /// Streams `body` into the store: at most `limit` bytes (one more and it stops, keeping nothing). An empty body
    /// is kept as nothing too, and reported with 0 bytes.
    pub async fn put_stream<E: std::fmt::Display>(
        &self,
        mut body: impl Stream<Item = Result<leptos::server_fn::Bytes, E>> + Unpin,
        limit: u64,
        head_len: usize,
    ) -> Result<Stored, PutError> {
        let tmp = Path::from(format!("tmp/{}", super::new_id()));
        let mut upload = WriteMultipart::new(self.store.put_multipart(&tmp).await?);
        let (mut hash, mut bytes, mut head) = (Sha256::new(), 0u64, Vec::with_capacity(head_len));
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    let _ = upload.abort().await;
                    return Err(PutError::Body(e.to_string()));
                }
            };
            bytes += chunk.len() as u64;
            if bytes > limit {
                let _ = upload.abort().await;
                return Err(PutError::TooLarge);
            }
            if head.len() < head_len {
                head.extend_from_slice(&chunk[..chunk.len().min(head_len - head.len())]);
            }
            hash.update(&chunk);
            upload.wait_for_capacity(2).await?;
            upload.put(chunk);
        }
        if bytes == 0 {
            let _ = upload.abort().await;
            return Ok(Stored { sha256: String::new(), bytes, head });
        }
        upload.finish().await?;
        let sha256 = format!("{:x}", hash.finalize());
        self.store.rename(&tmp, &by_hash(&sha256)).await?;
        Ok(Stored { sha256, bytes, head })
    }

    /// A stored file's bytes, as a stream.
    pub async fn get(&self, sha256: &str) -> Result<futures::stream::BoxStream<'static, Result<leptos::server_fn::Bytes, object_store::Error>>, object_store::Error> {
        Ok(self.store.get(&by_hash(sha256)).await?.into_stream())
    }

    /// Removes a stored file that nothing refers to any more.
    pub async fn remove(&self, sha256: &str) -> Result<(), object_store::Error> {
        match self.store.delete(&by_hash(sha256)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            r => r,
        }
    }
}
