//! What every upload form shares: a server function with `input = Streaming` receives the multipart body as it
//! arrives ([`UploadBody`]), and [`multipart`] reads it field by field, so a file can be streamed on rather than
//! held whole. [`streamed_args!`] gives the function's argument struct the conversions `Streaming` asks for.

use crate::error::AppError;

/// An upload's request body as it arrives.
pub struct UploadBody(pub std::pin::Pin<Box<dyn futures::Stream<Item = Result<leptos::server_fn::Bytes, AppError>> + Send>>);

impl std::fmt::Debug for UploadBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UploadBody")
    }
}

/// Gives a streaming server function's argument struct (one field, `data: UploadBody`) the conversions from and to
/// a byte stream. The browser never calls these functions from Rust (the form posts), so an error simply ends
/// the stream.
#[macro_export]
macro_rules! streamed_args {
    ($args:ident) => {
        impl From<leptos::server_fn::codec::ByteStream<$crate::error::AppError>> for $args {
            fn from(body: leptos::server_fn::codec::ByteStream<$crate::error::AppError>) -> Self {
                $args { data: $crate::api::upload::UploadBody(Box::pin(body.into_inner())) }
            }
        }

        impl futures::Stream for $args {
            type Item = leptos::server_fn::Bytes;

            fn poll_next(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
                match self.data.0.as_mut().poll_next(cx) {
                    std::task::Poll::Ready(Some(Ok(b))) => std::task::Poll::Ready(Some(b)),
                    std::task::Poll::Ready(_) => std::task::Poll::Ready(None),
                    std::task::Poll::Pending => std::task::Poll::Pending,
                }
            }
        }
    };
}

/// The body as multipart fields, within `limits`; `None` when the request is not multipart.
#[cfg(feature = "ssr")]
pub fn multipart(data: UploadBody, limits: multer::Constraints) -> Option<multer::Multipart<'static>> {
    use futures::StreamExt;
    use leptos::prelude::use_context;
    let boundary = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string))
        .and_then(|ct| multer::parse_boundary(ct).ok())?;
    let stream = data.0.map(|chunk| chunk.map_err(|e| std::io::Error::other(e.to_string())));
    Some(multer::Multipart::with_constraints(stream, boundary, limits))
}

/// An upload form's short fields (up to 200 bytes each), read up to its `file` part, and that part (`None` when the
/// form has none): the file is then streamed on by whoever keeps it.
#[cfg(feature = "ssr")]
pub async fn fields_then_file(parts: &mut multer::Multipart<'static>) -> (std::collections::BTreeMap<String, String>, Option<multer::Field<'static>>) {
    let mut fields = std::collections::BTreeMap::new();
    while let Ok(Some(mut field)) = parts.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        // `file`, or `file-{material}` where one page has several upload forms (ids are unique on a page).
        if name == "file" || name.starts_with("file-") {
            return (fields, Some(field));
        }
        let mut value = String::new();
        while let Ok(Some(c)) = field.chunk().await {
            if value.len() + c.len() > 200 {
                break;
            }
            value.push_str(&String::from_utf8_lossy(&c));
        }
        fields.insert(name, value);
    }
    (fields, None)
}

/// The multipart reader of an upload of one material's file: the body may be twice the file limit (the service,
/// not the parser, meets an over-size file and says so).
#[cfg(feature = "ssr")]
pub fn material_parts(data: UploadBody, max_upload_bytes: u64) -> Option<multer::Multipart<'static>> {
    let most = crate::domain::form::upload::request_limit(max_upload_bytes);
    multipart(data, multer::Constraints::new().size_limit(multer::SizeLimit::new().whole_stream(most).per_field(most)))
}
