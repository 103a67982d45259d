//! Every kind of kept record (`kept`): its word, how errors name it, whom and when it is filed
//! under. The words are stored; once released they never change.

use crate::kept::Kind;
use fulcrum_core::career::{CompassAnswer, SignsChecked};
use fulcrum_core::growth::{
    Conversation, GrowthPlan, Opportunity, Progress, Rater, Rating, Step, Support, Win,
};
use jiff::civil::Date;

const PLAN: Option<(&str, &str)> = Some(("growth-plan", "plan"));

impl Kind for GrowthPlan {
    const KIND: &'static str = "growth-plan";
    const WHAT: &'static str = "growth plan";
    fn on(&self) -> Option<Date> {
        Some(self.created_on)
    }
}

impl Kind for Step {
    const KIND: &'static str = "growth-step";
    const WHAT: &'static str = "growth step";
    const PARENT: Option<(&'static str, &'static str)> = PLAN;
    fn parent(&self) -> Option<i64> {
        Some(self.plan)
    }
    fn people(&self) -> Vec<i64> {
        self.depends_on.clone()
    }
    fn on(&self) -> Option<Date> {
        self.target
    }
}

impl Kind for Support {
    const KIND: &'static str = "growth-support";
    const WHAT: &'static str = "supporter";
    const PARENT: Option<(&'static str, &'static str)> = PLAN;
    fn parent(&self) -> Option<i64> {
        Some(self.plan)
    }
    fn person(&self) -> Option<i64> {
        Some(self.person)
    }
}

impl Kind for Opportunity {
    const KIND: &'static str = "growth-opportunity";
    const WHAT: &'static str = "opportunity";
    const PARENT: Option<(&'static str, &'static str)> = PLAN;
    fn parent(&self) -> Option<i64> {
        Some(self.plan)
    }
}

impl Kind for Win {
    const KIND: &'static str = "win";
    const WHAT: &'static str = "win";
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for Progress {
    const KIND: &'static str = "progress";
    const WHAT: &'static str = "progress entry";
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for Rating {
    const KIND: &'static str = "skill-rating";
    const WHAT: &'static str = "rating";
    fn person(&self) -> Option<i64> {
        match self.by {
            Rater::Person(id) => Some(id),
            Rater::Myself | Rater::Anonymous => None,
        }
    }
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for Conversation {
    const KIND: &'static str = "role-conversation";
    const WHAT: &'static str = "conversation";
    fn person(&self) -> Option<i64> {
        self.person
    }
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for CompassAnswer {
    const KIND: &'static str = "compass-answer";
    const WHAT: &'static str = "compass answer";
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for SignsChecked {
    const KIND: &'static str = "compass-signs";
    const WHAT: &'static str = "signs";
    fn on(&self) -> Option<Date> {
        Some(self.on)
    }
}

impl Kind for fulcrum_core::decisions::DecisionRecord {
    const KIND: &'static str = "decision";
    const WHAT: &'static str = "decision";
    fn on(&self) -> Option<Date> {
        self.decision.date
    }
}

// Delivery: deployments and incidents.

use fulcrum_core::delivery::Deploy;
use fulcrum_core::incidents::Incident;

/// The UTC day of an instant: deployments and incidents are filed under it, the day the
/// delivery metrics count them on.
fn utc_day(t: jiff::Timestamp) -> Date {
    fulcrum_core::time::local_date(t, &jiff::tz::TimeZone::UTC)
}

impl Kind for Deploy {
    const KIND: &'static str = "deploy";
    const WHAT: &'static str = "deployment";
    fn on(&self) -> Option<Date> {
        Some(utc_day(self.deployed_at))
    }
}

impl Kind for Incident {
    const KIND: &'static str = "incident";
    const WHAT: &'static str = "incident";
    fn people(&self) -> Vec<i64> {
        Incident::people(self)
    }
    fn on(&self) -> Option<Date> {
        Some(utc_day(self.started))
    }
}

// Projects and their milestones.

use fulcrum_core::projects::{Milestone, Project};

impl Kind for Project {
    const KIND: &'static str = "project";
    const WHAT: &'static str = "project";
    // Names its people without being filed under one: a team's project outlives a person
    // deleted from the register, as an incident does.
    fn people(&self) -> Vec<i64> {
        self.everyone()
    }
    fn on(&self) -> Option<Date> {
        self.started_on.or(self.deadline)
    }
}

impl Kind for Milestone {
    const KIND: &'static str = "project-milestone";
    const WHAT: &'static str = "milestone";
    const PARENT: Option<(&'static str, &'static str)> = Some(("project", "project"));
    fn parent(&self) -> Option<i64> {
        Some(self.project)
    }
    fn on(&self) -> Option<Date> {
        Some(self.due)
    }
}

// The risk register.

use fulcrum_core::risks::Risk;

impl Kind for Risk {
    const KIND: &'static str = "risk";
    const WHAT: &'static str = "risk";
    // Names its owner and the people told without being filed under one, as a project does:
    // the team's risk outlives a person deleted from the register.
    fn people(&self) -> Vec<i64> {
        Risk::people(self)
    }
    fn on(&self) -> Option<Date> {
        Some(self.identified_on)
    }
}
// Tech debt: the wall's items and the team's allocation policy.

use fulcrum_core::debt::{DebtItem, DebtPolicy};

impl Kind for DebtItem {
    const KIND: &'static str = "debt";
    const WHAT: &'static str = "debt item";
    // Names its champion without being filed under them: the debt stays when they leave.
    fn people(&self) -> Vec<i64> {
        self.champion.into_iter().collect()
    }
    fn on(&self) -> Option<Date> {
        Some(self.created_on)
    }
}

/// One per owner: the app reads the first and updates it in place.
impl Kind for DebtPolicy {
    const KIND: &'static str = "debt-policy";
    const WHAT: &'static str = "debt policy";
}
