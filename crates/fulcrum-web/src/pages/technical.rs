//! What the technical records' pages share: their sub-navigation.

use maud::{Markup, html};

/// The technical records' pages, in the order of their sub-navigation.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    Decisions,
    Debt,
    Risks,
    Incidents,
    Projects,
    Delivery,
}

/// The small navigation between the technical pages, marking the current one.
pub fn sub_nav(current: Sub) -> Markup {
    let link = |to: Sub, href: &str, label: &str| {
        html! { a href=(href) aria-current=[(current == to).then_some("page")] { (label) } }
    };
    html! {
        nav.sub-nav #technical-nav aria-label="Technical records" {
            (link(Sub::Decisions, "/decisions", "Decisions"))
            (link(Sub::Debt, "/debt", "Tech debt"))
            (link(Sub::Risks, "/risks", "Risks"))
            (link(Sub::Incidents, "/incidents", "Incidents"))
            (link(Sub::Projects, "/projects", "Projects"))
            (link(Sub::Delivery, "/delivery", "Delivery"))
        }
    }
}
