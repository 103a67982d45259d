//! The checks every change passes, as axum extractors: a handler that takes a
//! [`CheckedForm`] only runs for a form sent by one of this server's own pages (its Origin or
//! Referer) carrying this process's token, so no handler repeats the checks or can forget them.

use crate::layout::{self, Nav};
use crate::pages::Fields;
use crate::{AppState, Failure, security};
use axum::extract::{FromRequest, FromRequestParts, RawForm, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// A change sent by one of this server's own pages (see [`security::same_origin`]). For
/// handlers that read their body themselves (the calendar upload); forms use [`CheckedForm`].
#[derive(Debug, Clone, Copy)]
pub struct SameOrigin;

impl FromRequestParts<AppState> for SameOrigin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Response> {
        security::same_origin(&parts.headers, s.bound).map(|()| SameOrigin)
    }
}

/// A form posted by one of this server's pages with this process's token, deserialised into
/// `T` (by default every field as it was sent, [`Fields`]). A foreign origin is refused with
/// 403 before the body is read; a missing or wrong token with 403 and the page saying to
/// reload.
#[derive(Debug, Clone)]
pub struct CheckedForm<T = Fields>(pub T);

/// Refuses a form whose token is missing or not this process's; `nav` is the menu entry of
/// the page that says so.
#[allow(clippy::result_large_err)]
pub fn check_token(s: &AppState, token: Option<&str>, nav: Nav) -> Result<(), Response> {
    if token.is_some_and(|t| security::token_matches(&s.csrf, t)) {
        Ok(())
    } else {
        Err(layout::failure_page(
            s,
            nav,
            &Failure::new(
                StatusCode::FORBIDDEN,
                "This form did not come from this Fulcrum, or Fulcrum restarted since the page \
                 was loaded: reload the page and try again.",
            ),
        ))
    }
}

impl<T> FromRequest<AppState> for CheckedForm<T>
where
    T: DeserializeOwned + Send,
{
    type Rejection = Response;

    async fn from_request(req: Request, s: &AppState) -> Result<Self, Response> {
        security::same_origin(req.headers(), s.bound)?;
        let nav = Nav::of_path(req.uri().path());
        let RawForm(body) = RawForm::from_request(req, s)
            .await
            .map_err(IntoResponse::into_response)?;
        let unreadable = |e: serde_urlencoded::de::Error| {
            layout::failure_page(
                s,
                nav,
                &Failure::bad_request(format!("the form could not be read: {e}")),
            )
        };
        let sent: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&body).map_err(unreadable)?;
        let token = sent.iter().rev().find(|(k, _)| k == "csrf").map(|(_, v)| v);
        check_token(s, token.map(String::as_str), nav)?;
        serde_urlencoded::from_bytes(&body)
            .map(CheckedForm)
            .map_err(unreadable)
    }
}
