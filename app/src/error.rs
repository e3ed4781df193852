//! One error for every server function (GUIDE §1): it crosses the wire as JSON, and a page matches on its variant
//! to choose what to show (sign in, a refusal, the form with its flash), never on the text of a message. The
//! server's middleware gives each variant its HTTP status ([`AppError::status`]).

use crate::domain::form::Flash;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, for the person asking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppError {
    /// Nobody is signed in, and this needs someone (401).
    SignInRequired,
    /// Signed in, but not allowed to do this (403). The message says what is not allowed.
    Forbidden(String),
    /// What was asked for does not exist, or is not this person's to see (404).
    NotFound(String),
    /// A rule refuses it: the slot is full, the deadline has passed (422). The message says why and what to do.
    Refused(String),
    /// A form with problems: its values and a message per field (422). Server functions that redirect back to the
    /// form keep it in the session instead ([`crate::api::session::fail_back`]); services return it.
    Invalid(Flash),
    /// The database is busy (locked, or no connection free in time): try again shortly (503).
    Busy(String),
    /// The request itself could not be read: a tampered or broken post, never a person's typing (400).
    Unreadable(String),
    /// The server's own fault (500); the detail is in the log, never shown.
    Internal,
}

use crate::i18n::{t, Key};

impl AppError {
    /// The HTTP status the answer carries.
    pub fn status(&self) -> u16 {
        match self {
            AppError::SignInRequired => 401,
            AppError::Forbidden(_) => 403,
            AppError::NotFound(_) => 404,
            AppError::Refused(_) | AppError::Invalid(_) => 422,
            AppError::Busy(_) => 503,
            AppError::Unreadable(_) => 400,
            AppError::Internal => 500,
        }
    }

    /// The message for the person, in the request's language.
    pub fn message(&self) -> String {
        match self {
            AppError::SignInRequired => t(Key::PleaseSignIn).to_string(),
            AppError::Forbidden(m) | AppError::NotFound(m) | AppError::Refused(m) | AppError::Busy(m) | AppError::Unreadable(m) => {
                m.clone()
            }
            AppError::Invalid(f) => f.errors.first().map(|e| e.message.clone()).unwrap_or_else(|| t(Key::CheckEntries).to_string()),
            AppError::Internal => t(Key::Busy).to_string(),
        }
    }

    /// The server's own fault: logged with its detail, answered with [`AppError::Internal`].
    #[cfg(feature = "ssr")]
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "internal error");
        AppError::Internal
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) | ServerFnErrorErr::Deserialization(m) => {
                #[cfg(feature = "ssr")]
                tracing::info!(detail = %m, "unreadable request");
                let _ = m;
                AppError::Unreadable(t(Key::Unreadable).to_string())
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// A storage error: busy (the pool timed out, SQLite is locked) is worth a retry; anything else is the server's fault.
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        let busy = match &e {
            sqlx::Error::PoolTimedOut => true,
            sqlx::Error::Database(d) => {
                let m = d.message();
                m.contains("database is locked") || m.contains("database is busy")
            }
            _ => false,
        };
        if busy {
            tracing::warn!(error = %e, "database busy");
            AppError::Busy(t(Key::Busy).to_string())
        } else {
            AppError::internal(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each variant keeps its status and message across the wire, so the page can match on it.
    #[test]
    fn errors_round_trip_with_their_status() {
        let all = [
            (AppError::SignInRequired, 401),
            (AppError::Forbidden("您没有办理此项业务的权限".into()), 403),
            (AppError::NotFound("找不到该预约".into()), 404),
            (AppError::Refused("该时段已约满".into()), 422),
            (AppError::Invalid(Flash::new("book").with_error("slot", "请选择时段")), 422),
            (AppError::Busy(t(Key::Busy).into()), 503),
            (AppError::Unreadable("x".into()), 400),
            (AppError::Internal, 500),
        ];
        for (e, status) in all {
            assert_eq!(e.status(), status, "{e:?}");
            assert_eq!(AppError::de(e.ser()), e);
        }
        assert_eq!(AppError::Invalid(Flash::new("book").with_error("slot", "请选择时段")).message(), "请选择时段");
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("code".into())).status(), 400);
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Request("down".into())), AppError::Internal);
    }
}
