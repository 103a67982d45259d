//! The SQL of people: who they are (their private notes read only with the owner's key),
//! and the store of their records, whose queries are in `records`.

use super::dialect::DbRow;
use super::{Db, Query, all, date_col, found, from_word, one, records};
use crate::{
    OwnerKey, PeopleStore, PersonFile, PersonRecords, PrivateNotes, PrivateOf, PrivateStore,
    Result, StoreError,
};
use async_trait::async_trait;
use fulcrum_core::delegation::Delegation;
use fulcrum_core::feedback::Feedback;
use fulcrum_core::observations::Observation;
use fulcrum_core::onboarding::Step;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::people::{Person, Relation};
use fulcrum_core::relationships::{Commitment, Interaction, Prep};
use sqlx::Row;

/// A person's columns as every read but the owner's private one sees them: `notes` (their
/// private notes) stays empty.
macro_rules! person_columns {
    () => {
        "id, name, emails, relation, team, start_date, cadence_days, duration_minutes, archived,
         CAST(NULL AS TEXT) AS notes, interests, knowledge, growth_goals, working_style,
         feedback_style, contact_cadence_days"
    };
}

fn person_from_row(row: &DbRow) -> Result<Person> {
    let count = |what: &'static str, v: i64| {
        u32::try_from(v).map_err(|_| StoreError::Corrupt {
            what,
            message: v.to_string(),
        })
    };
    let list = |what: &'static str, col: &str| -> Result<Vec<String>> {
        let text: String = row.try_get(col)?;
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            what,
            message: e.to_string(),
        })
    };
    Ok(Person {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        emails: list("person's e-mails", "emails")?,
        relation: from_word::<Relation>("person's relation", row.try_get("relation")?)?,
        team: row.try_get("team")?,
        start_date: date_col("person's start date", row.try_get("start_date")?)?,
        cadence_days: count("person's cadence", row.try_get("cadence_days")?)?,
        duration_minutes: count("person's 1:1 length", row.try_get("duration_minutes")?)?,
        archived: row.try_get::<i64, _>("archived")? != 0,
        interests: list("person's interests", "interests")?,
        knowledge: list("person's knowledge", "knowledge")?,
        growth_goals: list("person's growth goals", "growth_goals")?,
        working_style: row
            .try_get::<Option<String>, _>("working_style")?
            .map(|w| from_word("person's working style", w))
            .transpose()?,
        feedback_style: row.try_get("feedback_style")?,
        contact_cadence_days: row
            .try_get::<Option<i64>, _>("contact_cadence_days")?
            .map(|v| count("person's contact cadence", v))
            .transpose()?,
        private_notes: row.try_get("notes")?,
    })
}

/// Binds a person's columns but their private notes, in the order the INSERT and UPDATE name
/// them.
fn bind_person<'q>(q: Query<'q>, p: &'q Person) -> Query<'q> {
    let list = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    q.bind(&p.name)
        .bind(list(&p.emails))
        .bind(p.relation.as_str())
        .bind(&p.team)
        .bind(p.start_date.map(|d| d.to_string()))
        .bind(i64::from(p.cadence_days))
        .bind(i64::from(p.duration_minutes))
        .bind(i64::from(p.archived))
        .bind(list(&p.interests))
        .bind(list(&p.knowledge))
        .bind(list(&p.growth_goals))
        .bind(p.working_style.map(|w| w.as_str()))
        .bind(&p.feedback_style)
        .bind(p.contact_cadence_days.map(i64::from))
}

/// `(id, text)` pairs of one private column as a map.
fn by_id(rows: Vec<DbRow>) -> Result<std::collections::BTreeMap<i64, String>> {
    rows.iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

impl Db {
    /// Refuses a record that names someone who is not this owner's person: a handle writes
    /// only about its own people (the foreign key alone would accept another owner's).
    async fn own_person(&self, person_id: Option<i64>) -> Result<()> {
        let Some(id) = person_id else { return Ok(()) };
        let mine: Option<i64> =
            sqlx::query_scalar("SELECT id FROM people WHERE id = $1 AND owner_id = $2")
                .bind(id)
                .bind(self.owner)
                .fetch_optional(&self.pool)
                .await?;
        mine.map(|_| ())
            .ok_or(StoreError::NotFound { what: "person", id })
    }
}

#[async_trait]
impl PeopleStore for Db {
    async fn add_person(&self, p: &Person) -> Result<Person> {
        let row = bind_person(
            sqlx::query(
                "INSERT INTO people (name, emails, relation, team, start_date, cadence_days,
                    duration_minutes, archived, interests, knowledge, growth_goals,
                    working_style, feedback_style, contact_cadence_days, notes, owner_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                 RETURNING id",
            ),
            p,
        )
        .bind(&p.private_notes)
        .bind(self.owner)
        .fetch_one(&self.pool)
        .await?;
        Ok(Person {
            id: row.try_get(0)?,
            ..p.clone()
        })
    }

    async fn update_person(&self, p: &Person) -> Result<()> {
        let done = bind_person(
            sqlx::query(
                "UPDATE people SET name = $1, emails = $2, relation = $3, team = $4, start_date = $5,
                    cadence_days = $6, duration_minutes = $7, archived = $8, interests = $9,
                    knowledge = $10, growth_goals = $11, working_style = $12,
                    feedback_style = $13, contact_cadence_days = $14
                 WHERE id = $15 AND owner_id = $16",
            ),
            p,
        )
        .bind(p.id)
        .bind(self.owner)
        .execute(&self.pool)
        .await?;
        found(done, "person", p.id)
    }

    async fn people(&self) -> Result<Vec<Person>> {
        all(
            &self.pool,
            self.owner,
            concat!(
                "SELECT ",
                person_columns!(),
                " FROM people WHERE owner_id = $1 ORDER BY id"
            ),
            person_from_row,
        )
        .await
    }

    async fn person(&self, id: i64) -> Result<Option<Person>> {
        one(
            &self.pool,
            self.owner,
            concat!(
                "SELECT ",
                person_columns!(),
                " FROM people WHERE id = $1 AND owner_id = $2"
            ),
            id,
            person_from_row,
        )
        .await
    }

    async fn person_file(&self, id: i64) -> Result<PersonFile> {
        let Some(person) = self.person(id).await? else {
            return Err(StoreError::NotFound { what: "person", id });
        };
        Ok(PersonFile {
            person: Some(person),
            ..records::person_file(&self.pool, self.owner, id).await?
        })
    }

    async fn person_records(&self, id: i64) -> Result<PersonRecords> {
        records::person_records(&self.pool, self.owner, id).await
    }

    async fn delete_person(&self, id: i64) -> Result<PersonRecords> {
        records::delete_person(&self.pool, self.owner, id).await
    }

    async fn add_observation(&self, o: &Observation) -> Result<Observation> {
        self.own_person(Some(o.person_id)).await?;
        records::add_observation(&self.pool, self.owner, o).await
    }

    async fn observations(&self) -> Result<Vec<Observation>> {
        records::observations(&self.pool, self.owner).await
    }

    async fn log_one_on_one(
        &self,
        note: &OneOnOneNote,
        discussed: &[i64],
        new_items: &[Item],
    ) -> Result<OneOnOneNote> {
        self.own_person(Some(note.person_id)).await?;
        records::log_one_on_one(&self.pool, self.owner, note, discussed, new_items).await
    }

    async fn update_note(&self, note: &OneOnOneNote) -> Result<()> {
        records::update_note(&self.pool, self.owner, note).await
    }

    async fn notes(&self) -> Result<Vec<OneOnOneNote>> {
        records::notes(&self.pool, self.owner).await
    }

    async fn add_item(&self, item: &Item) -> Result<Item> {
        self.own_person(Some(item.person_id)).await?;
        records::add_item(&self.pool, self.owner, item).await
    }

    async fn update_item(&self, item: &Item) -> Result<()> {
        records::update_item(&self.pool, self.owner, item).await
    }

    async fn items(&self) -> Result<Vec<Item>> {
        records::items(&self.pool, self.owner).await
    }

    async fn item(&self, id: i64) -> Result<Option<Item>> {
        let sql = "SELECT * FROM one_on_one_items WHERE id = $1 AND owner_id = $2";
        one(&self.pool, self.owner, sql, id, records::item_from_row).await
    }

    async fn add_feedback(&self, f: &Feedback) -> Result<Feedback> {
        self.own_person(f.person_id).await?;
        records::add_feedback(&self.pool, self.owner, f).await
    }

    async fn update_feedback(&self, f: &Feedback) -> Result<()> {
        self.own_person(f.person_id).await?;
        records::update_feedback(&self.pool, self.owner, f).await
    }

    async fn feedback(&self) -> Result<Vec<Feedback>> {
        records::feedback(&self.pool, self.owner).await
    }

    async fn feedback_item(&self, id: i64) -> Result<Option<Feedback>> {
        let sql = "SELECT * FROM feedback WHERE id = $1 AND owner_id = $2";
        one(&self.pool, self.owner, sql, id, records::feedback_from_row).await
    }

    async fn add_delegation(&self, d: &Delegation) -> Result<Delegation> {
        self.own_person(Some(d.person_id)).await?;
        records::add_delegation(&self.pool, self.owner, d).await
    }

    async fn update_delegation(&self, d: &Delegation) -> Result<()> {
        self.own_person(Some(d.person_id)).await?;
        records::update_delegation(&self.pool, self.owner, d).await
    }

    async fn delegations(&self) -> Result<Vec<Delegation>> {
        records::delegations(&self.pool, self.owner).await
    }

    async fn delegation(&self, id: i64) -> Result<Option<Delegation>> {
        let sql = "SELECT * FROM delegations WHERE id = $1 AND owner_id = $2";
        one(
            &self.pool,
            self.owner,
            sql,
            id,
            records::delegation_from_row,
        )
        .await
    }

    async fn add_interaction(&self, i: &Interaction) -> Result<Interaction> {
        self.own_person(Some(i.person_id)).await?;
        records::add_interaction(&self.pool, self.owner, i).await
    }

    async fn interactions(&self) -> Result<Vec<Interaction>> {
        records::interactions(&self.pool, self.owner).await
    }

    async fn add_commitment(&self, c: &Commitment) -> Result<Commitment> {
        self.own_person(c.person_id).await?;
        records::add_commitment(&self.pool, self.owner, c).await
    }

    async fn update_commitment(&self, c: &Commitment) -> Result<()> {
        self.own_person(c.person_id).await?;
        records::update_commitment(&self.pool, self.owner, c).await
    }

    async fn commitments(&self) -> Result<Vec<Commitment>> {
        records::commitments(&self.pool, self.owner).await
    }

    async fn add_prep(&self, p: &Prep) -> Result<Prep> {
        self.own_person(Some(p.person_id)).await?;
        records::add_prep(&self.pool, self.owner, p).await
    }

    async fn update_prep(&self, p: &Prep) -> Result<()> {
        records::update_prep(&self.pool, self.owner, p).await
    }

    async fn preps(&self) -> Result<Vec<Prep>> {
        records::preps(&self.pool, self.owner).await
    }

    async fn add_onboarding_steps(&self, steps: &[Step]) -> Result<Vec<Step>> {
        let mut people: Vec<i64> = steps.iter().map(|s| s.person_id).collect();
        people.dedup();
        for id in people {
            self.own_person(Some(id)).await?;
        }
        records::add_onboarding_steps(&self.pool, self.owner, steps).await
    }

    async fn update_onboarding_step(&self, step: &Step) -> Result<()> {
        records::update_onboarding_step(&self.pool, self.owner, step).await
    }

    async fn onboarding_steps(&self) -> Result<Vec<Step>> {
        records::onboarding_steps(&self.pool, self.owner).await
    }
}

#[async_trait]
impl PrivateStore for Db {
    async fn set_private_notes(
        &self,
        key: &OwnerKey,
        of: PrivateOf,
        text: Option<&str>,
    ) -> Result<()> {
        let owner = self.private_to(key)?;
        let (sql, what, id) = match of {
            PrivateOf::Person(id) => (
                "UPDATE people SET notes = $1 WHERE id = $2 AND owner_id = $3",
                "person",
                id,
            ),
            PrivateOf::OneOnOne(id) => (
                "UPDATE one_on_one_notes SET private_notes = $1 WHERE id = $2 AND owner_id = $3",
                "logged 1:1",
                id,
            ),
        };
        let done = sqlx::query(sql)
            .bind(text)
            .bind(id)
            .bind(owner)
            .execute(&self.pool)
            .await?;
        found(done, what, id)
    }

    async fn private_notes(&self, key: &OwnerKey, person: Option<i64>) -> Result<PrivateNotes> {
        let owner = self.private_to(key)?;
        let people = sqlx::query(
            "SELECT id, notes FROM people
             WHERE owner_id = $1 AND notes IS NOT NULL AND (CAST($2 AS BIGINT) IS NULL OR id = $2)",
        )
        .bind(owner)
        .bind(person)
        .fetch_all(&self.pool)
        .await?;
        let one_on_ones = sqlx::query(
            "SELECT id, private_notes FROM one_on_one_notes
             WHERE owner_id = $1 AND private_notes IS NOT NULL
               AND (CAST($2 AS BIGINT) IS NULL OR person_id = $2)",
        )
        .bind(owner)
        .bind(person)
        .fetch_all(&self.pool)
        .await?;
        Ok(PrivateNotes {
            people: by_id(people)?,
            one_on_ones: by_id(one_on_ones)?,
        })
    }
}
