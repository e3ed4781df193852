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

    /// Removes a stored file that nothing refers to any more, and its thumbnail.
    pub async fn remove(&self, sha256: &str) -> Result<(), object_store::Error> {
        for path in [by_hash(sha256), thumb_path(sha256)] {
            match self.store.delete(&path).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Whether the file `sha256` is in the store.
    pub async fn has(&self, sha256: &str) -> bool {
        self.store.head(&by_hash(sha256)).await.is_ok()
    }
}

/// The longest side of a thumbnail, in pixels (shown at 96 CSS pixels: sharp on a 2× screen).
pub const THUMB_PX: usize = 192;

fn thumb_path(sha256: &str) -> Path {
    Path::from(format!("thumb/{sha256}.jpg"))
}

impl Files {
    /// Makes the thumbnail of a stored JPEG or PNG, if it can be read within bounded memory: `false` (no thumbnail:
    /// the page shows an icon) for a PDF or an image that cannot be.
    pub async fn make_thumbnail(&self, sha256: &str, kind: crate::domain::form::definition::FileType) -> Result<bool, object_store::Error> {
        // One thumbnail at a time: a burst of uploads queues here rather than decoding many photos at once.
        static ONE_AT_A_TIME: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
        let _turn = ONE_AT_A_TIME.acquire().await.ok();
        let path = self.store.path_to_filesystem(&by_hash(sha256))?;
        let jpeg = tokio::task::spawn_blocking(move || thumbnail_jpeg(&path, kind)).await.ok().flatten();
        match jpeg {
            Some(bytes) => {
                self.store.put(&thumb_path(sha256), bytes.into()).await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// A stored file's thumbnail, as a stream.
    pub async fn thumbnail(&self, sha256: &str) -> Result<futures::stream::BoxStream<'static, Result<leptos::server_fn::Bytes, object_store::Error>>, object_store::Error> {
        Ok(self.store.get(&thumb_path(sha256)).await?.into_stream())
    }
}

/// Reads the image at `path` small and encodes it as a JPEG thumbnail.
fn thumbnail_jpeg(path: &std::path::Path, kind: crate::domain::form::definition::FileType) -> Option<Vec<u8>> {
    use crate::domain::form::definition::FileType;
    let file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    let (w, h, rgb) = match kind {
        FileType::Jpeg => {
            let mut d = jpeg_decoder::Decoder::new(file);
            // Progressive JPEGs keep their coefficients whole whatever the scale: a file that declares more than a
            // 48-megapixel photo gets the icon, and the decoder never holds more than 256 MB.
            d.set_max_decoding_buffer_size(256 << 20);
            d.read_info().ok()?;
            let declared = d.info()?;
            if u64::from(declared.width) * u64::from(declared.height) > 48_000_000 {
                return None;
            }
            // The decoder scales by 1/2, 1/4 or 1/8 in the DCT, to the smallest size at least this big.
            d.scale(THUMB_PX as u16, THUMB_PX as u16).ok()?;
            let px = d.decode().ok()?;
            let info = d.info()?;
            let (w, h) = (info.width as usize, info.height as usize);
            let rgb = match info.pixel_format {
                jpeg_decoder::PixelFormat::RGB24 => px,
                jpeg_decoder::PixelFormat::L8 => px.iter().flat_map(|&l| [l, l, l]).collect(),
                jpeg_decoder::PixelFormat::L16 => px.chunks_exact(2).flat_map(|c| [c[0], c[0], c[0]]).collect(),
                // Adobe CMYK JPEGs store inverted values.
                jpeg_decoder::PixelFormat::CMYK32 => px
                    .chunks_exact(4)
                    .flat_map(|c| {
                        let k = u16::from(c[3]);
                        [c[0], c[1], c[2]].map(|v| (u16::from(v) * k / 255) as u8)
                    })
                    .collect(),
            };
            (w, h, rgb)
        }
        FileType::Png => {
            // 48 MB of pixels at most (a 4000 × 3000 RGBA screenshot); anything bigger gets the icon.
            let mut d = png::Decoder::new_with_limits(file, png::Limits { bytes: 48 << 20 });
            d.set_transformations(png::Transformations::normalize_to_color8());
            let mut reader = d.read_info().ok()?;
            let mut buf = vec![0; reader.output_buffer_size()?];
            let info = reader.next_frame(&mut buf).ok()?;
            let px = &buf[..info.buffer_size()];
            let rgb = match info.color_type {
                png::ColorType::Rgb => px.to_vec(),
                png::ColorType::Rgba => px.chunks_exact(4).flat_map(|c| [c[0], c[1], c[2]]).collect(),
                png::ColorType::Grayscale => px.iter().flat_map(|&l| [l, l, l]).collect(),
                png::ColorType::GrayscaleAlpha => px.chunks_exact(2).flat_map(|c| [c[0], c[0], c[0]]).collect(),
                png::ColorType::Indexed => return None,
            };
            (info.width as usize, info.height as usize, rgb)
        }
        FileType::Pdf => return None,
    };
    let (tw, th, small) = shrink(w, h, &rgb, THUMB_PX)?;
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 70).encode(&small, tw as u16, th as u16, jpeg_encoder::ColorType::Rgb).ok()?;
    Some(out)
}

/// Shrinks an RGB image so its longer side is at most `max` (averaging each block of pixels); a smaller image
/// stays as it is. `None` for an empty or inconsistent image.
fn shrink(w: usize, h: usize, rgb: &[u8], max: usize) -> Option<(usize, usize, Vec<u8>)> {
    if w == 0 || h == 0 || rgb.len() < w * h * 3 {
        return None;
    }
    let step = w.max(h).div_ceil(max).max(1);
    let (tw, th) = (w.div_ceil(step), h.div_ceil(step));
    let mut out = Vec::with_capacity(tw * th * 3);
    for ty in 0..th {
        for tx in 0..tw {
            let (mut sum, mut n) = ([0u32; 3], 0u32);
            for y in ty * step..((ty + 1) * step).min(h) {
                for x in tx * step..((tx + 1) * step).min(w) {
                    let i = (y * w + x) * 3;
                    for c in 0..3 {
                        sum[c] += u32::from(rgb[i + c]);
                    }
                    n += 1;
                }
            }
            out.extend(sum.map(|s| (s / n) as u8));
        }
    }
    Some((tw, th, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinking_averages_blocks_and_keeps_the_shape() {
        // 4 × 2: left half black, right half white → 2 × 1 at most 2 wide.
        let mut rgb = Vec::new();
        for _ in 0..2 {
            for x in 0..4 {
                rgb.extend([if x < 2 { 0 } else { 255 }; 3]);
            }
        }
        let (w, h, px) = shrink(4, 2, &rgb, 2).unwrap();
        assert_eq!((w, h), (2, 1));
        assert_eq!(px, vec![0, 0, 0, 255, 255, 255]);
        assert_eq!(shrink(3000, 4000, &vec![9; 3000 * 4000 * 3], THUMB_PX).map(|(w, h, _)| (w, h)), Some((143, 191)));
        assert!(shrink(2, 2, &[0; 5], 2).is_none());
    }

    #[tokio::test]
    async fn a_photo_gets_a_small_jpeg_thumbnail_and_a_pdf_none() {
        use crate::domain::form::definition::FileType;
        let dir = tempfile::tempdir().unwrap();
        let files = Files::local(dir.path()).unwrap();
        // A 600 × 400 PNG, made here.
        let mut png_bytes = Vec::new();
        {
            let mut e = png::Encoder::new(&mut png_bytes, 600, 400);
            e.set_color(png::ColorType::Rgb);
            let mut w = e.write_header().unwrap();
            w.write_image_data(&vec![200; 600 * 400 * 3]).unwrap();
        }
        let body = futures::stream::iter(vec![Ok::<_, std::io::Error>(leptos::server_fn::Bytes::from(png_bytes))]);
        let stored = files.put_stream(body, 10 << 20, 16).await.unwrap();
        assert!(files.make_thumbnail(&stored.sha256, FileType::Png).await.unwrap());
        let thumb: Vec<u8> = files.thumbnail(&stored.sha256).await.unwrap().map(|c| c.unwrap().to_vec()).concat().await;
        let mut d = jpeg_decoder::Decoder::new(&thumb[..]);
        d.read_info().unwrap();
        let info = d.info().unwrap();
        assert_eq!((info.width, info.height), (150, 100), "the longer side at most {THUMB_PX}");
        let pdf = futures::stream::iter(vec![Ok::<_, std::io::Error>(leptos::server_fn::Bytes::from_static(b"%PDF-1.7\n"))]);
        let stored = files.put_stream(pdf, 10 << 20, 16).await.unwrap();
        assert!(!files.make_thumbnail(&stored.sha256, FileType::Pdf).await.unwrap());
    }
}
