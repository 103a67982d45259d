//! Pages about one record (`/projects/{id}`, `/incidents/{id}`, …) and the forms that make or
//! change one: how the id is read from the address, the page shown with the notice of the form
//! that led there, and where the browser goes after a form. Said once here, so each record
//! page says only what is its own.

use super::{Done, Fields, done_notice, post_for_id, see_other};
use crate::layout::{self, Nav, Notice};
use crate::{AppState, Failure};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::MethodRouter;
use std::future::Future;

query! {
    /// The notice a record page shows after the redirect that followed one of its forms.
    DoneQuery { done }
}

/// A page about one record.
pub(crate) trait RecordPage: Copy + Send + Sync + 'static {
    type Id: Copy + std::fmt::Display + Send + Sync + 'static;
    /// Where the page sits in the navigation; a bad address is a 404 shown there.
    const NAV: Nav;
    /// The record's id as the address gives it, or a 404 naming the page that lists them.
    fn id_of(raw: &str) -> Result<Self::Id, Failure>;
    /// The page's address.
    fn address(id: Self::Id) -> String;
    /// The page with this status and these notices (a failed form's page is drawn again).
    fn render(
        s: &AppState,
        id: Self::Id,
        status: StatusCode,
        notices: Vec<Notice>,
    ) -> impl Future<Output = Response> + Send;
}

/// The id in a record page's address, or 404 naming the kind and the page that lists them.
pub(crate) fn record_id<T: std::str::FromStr>(
    raw: &str,
    what: &str,
    page: &str,
) -> Result<T, Failure> {
    raw.parse().map_err(|_| {
        Failure::new(
            StatusCode::NOT_FOUND,
            format!("there is no {what} {raw:?}: the {page} page lists them"),
        )
    })
}

/// `GET` a record's page, with the notice its `?done=` code names.
pub(crate) fn show<P: RecordPage>(_page: P) -> MethodRouter<AppState> {
    axum::routing::get(
        |State(s): State<AppState>, Path(raw): Path<String>, Query(q): Query<DoneQuery>| async move {
            let notices: Vec<Notice> = done_notice(q.done.as_deref()).into_iter().collect();
            match P::id_of(&raw) {
                Ok(id) => P::render(&s, id, StatusCode::OK, notices).await,
                Err(f) => layout::failure_page(&s, P::NAV, &f),
            }
        },
    )
}

/// The POST route of a form of a record's page: `change` gets the record's id; then back to
/// the page with the notice, or the page drawn again with the failure.
pub(crate) fn form<P, F, Fut>(_page: P, change: F) -> MethodRouter<AppState>
where
    P: RecordPage,
    F: FnOnce(AppState, P::Id, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Done> + Send + 'static,
{
    post_for_id(move |s: AppState, raw: String, form: Fields| async move {
        let id = match P::id_of(&raw) {
            Ok(id) => id,
            Err(f) => return layout::failure_page(&s, P::NAV, &f),
        };
        match change(s.clone(), id, form).await {
            Ok(code) => {
                s.changed();
                see_other(&format!("{}?done={code}", P::address(id)))
            }
            Err(f) => P::render(&s, id, f.status, vec![Notice::Failed(f.message)]).await,
        }
    })
}

/// The POST route of a form that makes a record: `make` keeps it and gives its id; then to
/// the new record's page with the notice `code`, or `render` draws the form's page again
/// with the failure.
pub(crate) fn add<P, R, RF, F, Fut>(
    _page: P,
    code: &'static str,
    render: R,
    make: F,
) -> MethodRouter<AppState>
where
    P: RecordPage,
    R: FnOnce(AppState, StatusCode, Vec<Notice>) -> RF + Clone + Send + Sync + 'static,
    RF: Future<Output = Response> + Send + 'static,
    F: FnOnce(AppState, Fields) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<P::Id, Failure>> + Send + 'static,
{
    super::post_then(render, move |s: AppState, form: Fields| async move {
        let id = make(s, form).await?;
        Ok(format!("{}?done={code}", P::address(id)))
    })
}

/// A [`RecordPage`] named by its id type, navigation, the kind and list page its 404 names,
/// its address's prefix and the function that draws it:
/// `record_page!(ProjectPage: i64, Nav::Technical, "project" listed on "Projects", "/projects", show_render);`
macro_rules! record_page {
    ($name:ident: $id:ty, $nav:expr, $what:literal listed on $list:literal, $base:literal, $render:path) => {
        #[doc = concat!("`", $base, "/{id}`.")]
        #[derive(Clone, Copy)]
        struct $name;

        impl $crate::pages::record::RecordPage for $name {
            type Id = $id;
            const NAV: $crate::layout::Nav = $nav;
            fn id_of(raw: &str) -> Result<$id, $crate::Failure> {
                $crate::pages::record::record_id(raw, $what, $list)
            }
            fn address(id: $id) -> String {
                format!("{}/{id}", $base)
            }
            async fn render(
                s: &$crate::AppState,
                id: $id,
                status: axum::http::StatusCode,
                notices: Vec<$crate::layout::Notice>,
            ) -> axum::response::Response {
                $render(s, id, status, notices).await
            }
        }
    };
}
pub(crate) use record_page;

/// The routes of a record page's forms, each `SUFFIX => change` a [`form`] at
/// `PREFIX/SUFFIX`: `record_forms!(ProjectPage, "/projects/{id}", { "edit" => edit })`.
macro_rules! record_forms {
    ($page:expr, $prefix:literal, { $($suffix:literal => $change:expr),+ $(,)? }) => {
        axum::Router::new()
            $(.route(concat!($prefix, "/", $suffix), $crate::pages::record::form($page, $change)))+
    };
}
pub(crate) use record_forms;
