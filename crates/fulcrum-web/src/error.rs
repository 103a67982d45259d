//! What went wrong, as a status code and a message the user can act on.

use axum::http::StatusCode;
use fulcrum_app::AppError;

/// A refused or failed request: pages show `message` in the page, the API returns it as
/// `{"error": message}`.
#[derive(Debug, Clone)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        let status = match &e {
            AppError::NotInitialised => StatusCode::CONFLICT,
            // A task, inbox item, person or one of their records that is not there (deleted,
            // or a stale page).
            AppError::Store(fulcrum_store::StoreError::NotFound { .. })
            | AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Fetch { .. } => StatusCode::BAD_GATEWAY,
            AppError::Calendar { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            // Bad input: a week, a setting, a path, a rule.
            _ => StatusCode::BAD_REQUEST,
        };
        let message = match e {
            AppError::NotInitialised => NOT_INITIALISED.to_string(),
            // What the database said is for the log, not for the page.
            e @ AppError::Store(
                fulcrum_store::StoreError::Database(_) | fulcrum_store::StoreError::Migrate(_),
            ) => {
                tracing::error!(error = %e, "a request failed in the store");
                STORE_FAILED.to_string()
            }
            e => e.to_string(),
        };
        Failure { status, message }
    }
}

/// Shown instead of the CLI's hint when the store has no profile yet.
pub const NOT_INITIALISED: &str = "Fulcrum does not know you yet: tell it your e-mails and time zone on the Settings page \
     (or run `fulcrum init`).";

/// Shown instead of the store's own words when reading or writing it failed.
pub const STORE_FAILED: &str =
    "Fulcrum could not read or write its store; the details are in the server log.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_store_is_described_in_words_not_in_sql() {
        let e = AppError::Store(fulcrum_store::StoreError::Database(sqlx::Error::Protocol(
            "no such table: secret_sql".into(),
        )));
        let f = Failure::from(e);
        assert_eq!(f.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(f.message, STORE_FAILED);
        assert!(!f.message.contains("secret_sql"));
    }
}
