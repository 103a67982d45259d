//! The SQL of the people records: observations, logged 1:1s and their items, feedback,
//! delegations, contacts, commitments, stakeholder preps and onboarding steps. Every query
//! names the owner; a person's records are read by person, for their page.

use super::columns::{day, json_col, json_text, opt_date, opt_day, opt_word, req_date};
use super::dialect::{DB, DbConnection, DbPool, DbRow};
use super::{Query, all, begin_write, found, from_word};
use crate::{PersonFile, PersonRecords, Result, StoreError};
use fulcrum_core::delegation::{CheckIn, Delegation, Expectations, FollowUp};
use fulcrum_core::feedback::Feedback;
use fulcrum_core::observations::Observation;
use fulcrum_core::onboarding::Step;
use fulcrum_core::one_on_one::{Item, OneOnOneNote};
use fulcrum_core::relationships::{Commitment, Interaction, Prep};
use sqlx::{Row, Transaction};

/// One person's rows of one table (`sql` binds the person as `$1`, the owner as `$2`).
async fn of_person<T>(
    conn: &mut DbConnection,
    owner: i64,
    sql: &'static str,
    person: i64,
    map: fn(&DbRow) -> Result<T>,
) -> Result<Vec<T>> {
    sqlx::query(sql)
        .bind(person)
        .bind(owner)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(map)
        .collect()
}

/// The columns of a logged 1:1 as every read but the owner's private one sees them.
macro_rules! note_columns {
    () => {
        "id, person_id, held_on, meeting_uid, shared_notes, CAST(NULL AS TEXT) AS private_notes, topics"
    };
}

/// Everything kept about one person but their private notes, read in one transaction. The
/// person row itself is the caller's to add.
pub(super) async fn person_file(pool: &DbPool, owner: i64, id: i64) -> Result<PersonFile> {
    let mut tx = pool.begin().await?;
    let c = &mut *tx;
    let file = PersonFile {
        person: None,
        notes: of_person(
            c,
            owner,
            concat!(
                "SELECT ",
                note_columns!(),
                " FROM one_on_one_notes WHERE person_id = $1 AND owner_id = $2 ORDER BY id"
            ),
            id,
            note_from_row,
        )
        .await?,
        items: of_person(
            c,
            owner,
            "SELECT * FROM one_on_one_items WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            item_from_row,
        )
        .await?,
        observations: of_person(
            c,
            owner,
            "SELECT * FROM observations WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            observation_from_row,
        )
        .await?,
        feedback: of_person(
            c,
            owner,
            "SELECT * FROM feedback WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            feedback_from_row,
        )
        .await?,
        delegations: of_person(
            c,
            owner,
            "SELECT * FROM delegations WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            delegation_from_row,
        )
        .await?,
        interactions: of_person(
            c,
            owner,
            "SELECT * FROM interactions WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            interaction_from_row,
        )
        .await?,
        commitments: of_person(
            c,
            owner,
            "SELECT * FROM commitments WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            commitment_from_row,
        )
        .await?,
        preps: of_person(
            c,
            owner,
            "SELECT * FROM preps WHERE person_id = $1 AND owner_id = $2 ORDER BY id",
            id,
            prep_from_row,
        )
        .await?,
        steps: of_person(
            c,
            owner,
            "SELECT * FROM onboarding_steps WHERE person_id = $1 AND owner_id = $2
             ORDER BY person_id, seq, id",
            id,
            step_from_row,
        )
        .await?,
    };
    tx.commit().await?;
    Ok(file)
}

async fn new_id(q: Query<'_>, pool: &DbPool) -> Result<i64> {
    Ok(q.fetch_one(pool).await?.try_get(0)?)
}

/// For each table of a person's records (children before parents): how to count and how to
/// delete theirs. Static strings, as sqlx wants.
macro_rules! record_table {
    ($t:literal) => {
        (
            concat!(
                "SELECT COUNT(*) FROM ",
                $t,
                " WHERE person_id = $1 AND owner_id = $2"
            ),
            concat!(
                "DELETE FROM ",
                $t,
                " WHERE person_id = $1 AND owner_id = $2"
            ),
        )
    };
}

const RECORD_TABLES: [(&str, &str); 10] = [
    record_table!("one_on_one_items"),
    record_table!("one_on_one_notes"),
    record_table!("observations"),
    record_table!("feedback"),
    record_table!("delegations"),
    record_table!("interactions"),
    record_table!("commitments"),
    record_table!("preps"),
    record_table!("onboarding_steps"),
    record_table!("records"),
];

pub(super) async fn person_records(pool: &DbPool, owner: i64, id: i64) -> Result<PersonRecords> {
    let mut n = [0u64; 10];
    for (slot, (count, _)) in n.iter_mut().zip(RECORD_TABLES) {
        let c: i64 = sqlx::query(count)
            .bind(id)
            .bind(owner)
            .fetch_one(pool)
            .await?
            .try_get(0)?;
        *slot = c as u64;
    }
    let [
        items,
        notes,
        observations,
        feedback,
        delegations,
        interactions,
        commitments,
        preps,
        steps,
        other,
    ] = n;
    Ok(PersonRecords {
        one_on_one_notes: notes,
        agenda_and_action_items: items,
        observations,
        feedback,
        delegations,
        interactions,
        commitments,
        stakeholder_preps: preps,
        onboarding_steps: steps,
        other_records: other,
    })
}

pub(super) async fn delete_person(pool: &DbPool, owner: i64, id: i64) -> Result<PersonRecords> {
    let records = person_records(pool, owner, id).await?;
    let mut tx = begin_write(pool).await?;
    for (_, delete) in RECORD_TABLES {
        sqlx::query(delete)
            .bind(id)
            .bind(owner)
            .execute(&mut *tx)
            .await?;
    }
    let done = sqlx::query("DELETE FROM people WHERE id = $1 AND owner_id = $2")
        .bind(id)
        .bind(owner)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound { what: "person", id });
    }
    tx.commit().await?;
    Ok(records)
}

fn observation_from_row(row: &DbRow) -> Result<Observation> {
    let energy: i64 = row.try_get("energy")?;
    Ok(Observation {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        on: req_date("observation date", row, "observed_on")?,
        energy: u8::try_from(energy).map_err(|_| StoreError::Corrupt {
            what: "observation energy",
            message: energy.to_string(),
        })?,
        context: from_word("observation context", row.try_get("context")?)?,
        note: row.try_get("note")?,
    })
}

pub(super) async fn add_observation(
    pool: &DbPool,
    owner: i64,
    o: &Observation,
) -> Result<Observation> {
    let id = new_id(
        sqlx::query(
            "INSERT INTO observations (person_id, observed_on, energy, context, note, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(o.person_id)
        .bind(day(o.on))
        .bind(i64::from(o.energy))
        .bind(o.context.as_str())
        .bind(&o.note)
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Observation { id, ..o.clone() })
}

pub(super) async fn observations(pool: &DbPool, owner: i64) -> Result<Vec<Observation>> {
    all(
        pool,
        owner,
        "SELECT * FROM observations WHERE owner_id = $1 ORDER BY id",
        observation_from_row,
    )
    .await
}

fn note_from_row(row: &DbRow) -> Result<OneOnOneNote> {
    Ok(OneOnOneNote {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        held_on: req_date("1:1 date", row, "held_on")?,
        meeting_uid: row.try_get("meeting_uid")?,
        shared_notes: row.try_get("shared_notes")?,
        private_notes: row.try_get("private_notes")?,
        topics: json_col("1:1 topics", row, "topics")?,
    })
}

fn bind_note<'q>(q: Query<'q>, n: &'q OneOnOneNote) -> Query<'q> {
    q.bind(n.person_id)
        .bind(day(n.held_on))
        .bind(&n.meeting_uid)
        .bind(&n.shared_notes)
        .bind(json_text(&n.topics))
}

pub(super) fn item_from_row(row: &DbRow) -> Result<Item> {
    Ok(Item {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        kind: from_word("1:1 item kind", row.try_get("kind")?)?,
        owner: from_word("1:1 item owner", row.try_get("owner")?)?,
        text: row.try_get("body")?,
        due: opt_date("1:1 item date", row, "due")?,
        created_on: req_date("1:1 item date", row, "created_on")?,
        created_in: row.try_get("created_in")?,
        closed_on: opt_date("1:1 item date", row, "closed_on")?,
        closed_in: row.try_get("closed_in")?,
    })
}

fn bind_item<'q>(q: Query<'q>, i: &'q Item) -> Query<'q> {
    q.bind(i.person_id)
        .bind(i.kind.as_str())
        .bind(i.owner.as_str())
        .bind(&i.text)
        .bind(opt_day(i.due))
        .bind(day(i.created_on))
        .bind(i.created_in)
        .bind(opt_day(i.closed_on))
        .bind(i.closed_in)
}

const INSERT_ITEM: &str =
    "INSERT INTO one_on_one_items (person_id, kind, owner, body, due, created_on,
        created_in, closed_on, closed_in, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

pub(super) async fn log_one_on_one(
    pool: &DbPool,
    owner: i64,
    note: &OneOnOneNote,
    discussed: &[i64],
    new_items: &[Item],
) -> Result<OneOnOneNote> {
    let mut tx: Transaction<'_, DB> = begin_write(pool).await?;
    let id: i64 = bind_note(
        sqlx::query(
            "INSERT INTO one_on_one_notes (person_id, held_on, meeting_uid, shared_notes,
                topics, private_notes, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        ),
        note,
    )
    .bind(&note.private_notes)
    .bind(owner)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    for item in discussed {
        let done = sqlx::query(
            "UPDATE one_on_one_items SET closed_on = $1, closed_in = $2
             WHERE id = $3 AND person_id = $4 AND owner_id = $5 AND closed_on IS NULL",
        )
        .bind(day(note.held_on))
        .bind(id)
        .bind(item)
        .bind(note.person_id)
        .bind(owner)
        .execute(&mut *tx)
        .await?;
        found(done, "open agenda item", *item)?;
    }
    for item in new_items {
        let item = Item {
            person_id: note.person_id,
            created_in: Some(id),
            ..item.clone()
        };
        bind_item(sqlx::query(INSERT_ITEM), &item)
            .bind(owner)
            .fetch_one(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(OneOnOneNote { id, ..note.clone() })
}

pub(super) async fn update_note(pool: &DbPool, owner: i64, n: &OneOnOneNote) -> Result<()> {
    let done = bind_note(
        sqlx::query(
            "UPDATE one_on_one_notes SET person_id = $1, held_on = $2, meeting_uid = $3,
                shared_notes = $4, topics = $5 WHERE id = $6 AND owner_id = $7",
        ),
        n,
    )
    .bind(n.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "logged 1:1", n.id)
}

pub(super) async fn notes(pool: &DbPool, owner: i64) -> Result<Vec<OneOnOneNote>> {
    all(
        pool,
        owner,
        concat!(
            "SELECT ",
            note_columns!(),
            " FROM one_on_one_notes WHERE owner_id = $1 ORDER BY id"
        ),
        note_from_row,
    )
    .await
}

pub(super) async fn add_item(pool: &DbPool, owner: i64, i: &Item) -> Result<Item> {
    let id = new_id(bind_item(sqlx::query(INSERT_ITEM), i).bind(owner), pool).await?;
    Ok(Item { id, ..i.clone() })
}

pub(super) async fn update_item(pool: &DbPool, owner: i64, i: &Item) -> Result<()> {
    let done = bind_item(
        sqlx::query(
            "UPDATE one_on_one_items SET person_id = $1, kind = $2, owner = $3, body = $4, due = $5,
                created_on = $6, created_in = $7, closed_on = $8, closed_in = $9 WHERE id = $10 AND owner_id = $11",
        ),
        i,
    )
    .bind(i.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "agenda or action item", i.id)
}

pub(super) async fn items(pool: &DbPool, owner: i64) -> Result<Vec<Item>> {
    all(
        pool,
        owner,
        "SELECT * FROM one_on_one_items WHERE owner_id = $1 ORDER BY id",
        item_from_row,
    )
    .await
}

pub(super) fn feedback_from_row(row: &DbRow) -> Result<Feedback> {
    let what = "feedback date";
    Ok(Feedback {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        who: row.try_get("who")?,
        direction: from_word("feedback direction", row.try_get("direction")?)?,
        polarity: opt_word("feedback polarity", row.try_get("polarity")?)?,
        situation: row.try_get("situation")?,
        behaviour: row.try_get("behaviour")?,
        impact: row.try_get("impact")?,
        theme: row.try_get("theme")?,
        event_on: req_date(what, row, "event_on")?,
        delivered_on: opt_date(what, row, "delivered_on")?,
        follow_up_due: opt_date(what, row, "follow_up_due")?,
        followed_up_on: opt_date(what, row, "followed_up_on")?,
        follow_up_note: row.try_get("follow_up_note")?,
    })
}

fn bind_feedback<'q>(q: Query<'q>, f: &'q Feedback) -> Query<'q> {
    q.bind(f.person_id)
        .bind(&f.who)
        .bind(f.direction.as_str())
        .bind(f.polarity.map(|p| p.as_str()))
        .bind(&f.situation)
        .bind(&f.behaviour)
        .bind(&f.impact)
        .bind(&f.theme)
        .bind(day(f.event_on))
        .bind(opt_day(f.delivered_on))
        .bind(opt_day(f.follow_up_due))
        .bind(opt_day(f.followed_up_on))
        .bind(&f.follow_up_note)
}

pub(super) async fn add_feedback(pool: &DbPool, owner: i64, f: &Feedback) -> Result<Feedback> {
    let id = new_id(
        bind_feedback(
            sqlx::query(
                "INSERT INTO feedback (person_id, who, direction, polarity, situation, behaviour,
                    impact, theme, event_on, delivered_on, follow_up_due, followed_up_on,
                    follow_up_note, owner_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
            ),
            f,
        )
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Feedback { id, ..f.clone() })
}

pub(super) async fn update_feedback(pool: &DbPool, owner: i64, f: &Feedback) -> Result<()> {
    let done = bind_feedback(
        sqlx::query(
            "UPDATE feedback SET person_id = $1, who = $2, direction = $3, polarity = $4,
                situation = $5, behaviour = $6, impact = $7, theme = $8, event_on = $9,
                delivered_on = $10, follow_up_due = $11, followed_up_on = $12, follow_up_note = $13
             WHERE id = $14 AND owner_id = $15",
        ),
        f,
    )
    .bind(f.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "feedback", f.id)
}

pub(super) async fn feedback(pool: &DbPool, owner: i64) -> Result<Vec<Feedback>> {
    all(
        pool,
        owner,
        "SELECT * FROM feedback WHERE owner_id = $1 ORDER BY id",
        feedback_from_row,
    )
    .await
}

pub(super) fn delegation_from_row(row: &DbRow) -> Result<Delegation> {
    let what = "delegation date";
    let category: String = row.try_get("category")?;
    let check_ins: Vec<CheckIn> = json_col("delegation check-ins", row, "check_ins")?;
    Ok(Delegation {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        title: row.try_get("title")?,
        category: category.parse().map_err(|_| StoreError::Corrupt {
            what: "delegation category",
            message: category.clone(),
        })?,
        style: from_word("delegation style", row.try_get("style")?)?,
        expectations: Expectations {
            specific: row.try_get("specific")?,
            measurable: row.try_get("measurable")?,
            achievable: row.try_get("achievable")?,
            relevant: row.try_get("relevant")?,
            deadline: opt_date(what, row, "deadline")?,
            trackable: row.try_get("trackable")?,
        },
        status: from_word("delegation status", row.try_get("status")?)?,
        created_on: req_date(what, row, "created_on")?,
        handed_over_on: opt_date(what, row, "handed_over_on")?,
        check_ins,
        outcome: opt_word("delegation outcome", row.try_get("outcome")?)?,
        follow_up: FollowUp {
            what_worked: row.try_get("what_worked")?,
            challenges: row.try_get("challenges")?,
            do_better: row.try_get("do_better")?,
            their_feedback: row.try_get("their_feedback")?,
        },
        closed_on: opt_date(what, row, "closed_on")?,
        origin: row.try_get("origin")?,
    })
}

fn bind_delegation<'q>(q: Query<'q>, d: &'q Delegation) -> Query<'q> {
    let e = &d.expectations;
    q.bind(d.person_id)
        .bind(&d.title)
        .bind(d.category.as_str())
        .bind(d.style.as_str())
        .bind(d.status.as_str())
        .bind(&e.specific)
        .bind(&e.measurable)
        .bind(&e.achievable)
        .bind(&e.relevant)
        .bind(opt_day(e.deadline))
        .bind(&e.trackable)
        .bind(day(d.created_on))
        .bind(opt_day(d.handed_over_on))
        .bind(json_text(&d.check_ins))
        .bind(d.outcome.map(|o| o.as_str()))
        .bind(&d.follow_up.what_worked)
        .bind(&d.follow_up.challenges)
        .bind(&d.follow_up.do_better)
        .bind(&d.follow_up.their_feedback)
        .bind(opt_day(d.closed_on))
        .bind(&d.origin)
}

pub(super) async fn add_delegation(
    pool: &DbPool,
    owner: i64,
    d: &Delegation,
) -> Result<Delegation> {
    let id = new_id(
        bind_delegation(
            sqlx::query(
                "INSERT INTO delegations (person_id, title, category, style, status, specific,
                    measurable, achievable, relevant, deadline, trackable, created_on,
                    handed_over_on, check_ins, outcome, what_worked, challenges, do_better,
                    their_feedback, closed_on, origin, owner_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
                    $17, $18, $19, $20, $21, $22) RETURNING id",
            ),
            d,
        )
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Delegation { id, ..d.clone() })
}

pub(super) async fn update_delegation(pool: &DbPool, owner: i64, d: &Delegation) -> Result<()> {
    let done = bind_delegation(
        sqlx::query(
            "UPDATE delegations SET person_id = $1, title = $2, category = $3, style = $4,
                status = $5, specific = $6, measurable = $7, achievable = $8, relevant = $9,
                deadline = $10, trackable = $11, created_on = $12, handed_over_on = $13,
                check_ins = $14, outcome = $15, what_worked = $16, challenges = $17,
                do_better = $18, their_feedback = $19, closed_on = $20, origin = $21
             WHERE id = $22 AND owner_id = $23",
        ),
        d,
    )
    .bind(d.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "delegation", d.id)
}

pub(super) async fn delegations(pool: &DbPool, owner: i64) -> Result<Vec<Delegation>> {
    all(
        pool,
        owner,
        "SELECT * FROM delegations WHERE owner_id = $1 ORDER BY id",
        delegation_from_row,
    )
    .await
}

fn interaction_from_row(row: &DbRow) -> Result<Interaction> {
    Ok(Interaction {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        on: req_date("contact date", row, "happened_on")?,
        kind: from_word("contact kind", row.try_get("kind")?)?,
        note: row.try_get("note")?,
    })
}

pub(super) async fn add_interaction(
    pool: &DbPool,
    owner: i64,
    i: &Interaction,
) -> Result<Interaction> {
    let id = new_id(
        sqlx::query(
            "INSERT INTO interactions (person_id, happened_on, kind, note, owner_id)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(i.person_id)
        .bind(day(i.on))
        .bind(i.kind.as_str())
        .bind(&i.note)
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Interaction { id, ..i.clone() })
}

pub(super) async fn interactions(pool: &DbPool, owner: i64) -> Result<Vec<Interaction>> {
    all(
        pool,
        owner,
        "SELECT * FROM interactions WHERE owner_id = $1 ORDER BY id",
        interaction_from_row,
    )
    .await
}

fn commitment_from_row(row: &DbRow) -> Result<Commitment> {
    let what = "commitment date";
    Ok(Commitment {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        to: row.try_get("promised_to")?,
        what: row.try_get("what")?,
        made_on: req_date(what, row, "made_on")?,
        due: req_date(what, row, "due")?,
        status: from_word("commitment status", row.try_get("status")?)?,
        last_update_on: opt_date(what, row, "last_update_on")?,
        closed_on: opt_date(what, row, "closed_on")?,
        note: row.try_get("note")?,
    })
}

fn bind_commitment<'q>(q: Query<'q>, c: &'q Commitment) -> Query<'q> {
    q.bind(c.person_id)
        .bind(&c.to)
        .bind(&c.what)
        .bind(day(c.made_on))
        .bind(day(c.due))
        .bind(c.status.as_str())
        .bind(opt_day(c.last_update_on))
        .bind(opt_day(c.closed_on))
        .bind(&c.note)
}

pub(super) async fn add_commitment(
    pool: &DbPool,
    owner: i64,
    c: &Commitment,
) -> Result<Commitment> {
    let id = new_id(
        bind_commitment(
            sqlx::query(
                "INSERT INTO commitments (person_id, promised_to, what, made_on, due, status,
                    last_update_on, closed_on, note, owner_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            ),
            c,
        )
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Commitment { id, ..c.clone() })
}

pub(super) async fn update_commitment(pool: &DbPool, owner: i64, c: &Commitment) -> Result<()> {
    let done = bind_commitment(
        sqlx::query(
            "UPDATE commitments SET person_id = $1, promised_to = $2, what = $3, made_on = $4,
                due = $5, status = $6, last_update_on = $7, closed_on = $8, note = $9
             WHERE id = $10 AND owner_id = $11",
        ),
        c,
    )
    .bind(c.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "commitment", c.id)
}

pub(super) async fn commitments(pool: &DbPool, owner: i64) -> Result<Vec<Commitment>> {
    all(
        pool,
        owner,
        "SELECT * FROM commitments WHERE owner_id = $1 ORDER BY id",
        commitment_from_row,
    )
    .await
}

fn prep_from_row(row: &DbRow) -> Result<Prep> {
    Ok(Prep {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        topic: row.try_get("topic")?,
        meeting_on: opt_date("prep date", row, "meeting_on")?,
        reframe: row.try_get("reframe")?,
        relate: row.try_get("relate")?,
        reinforce: row.try_get("reinforce")?,
        created_on: req_date("prep date", row, "created_on")?,
    })
}

fn bind_prep<'q>(q: Query<'q>, p: &'q Prep) -> Query<'q> {
    q.bind(p.person_id)
        .bind(&p.topic)
        .bind(opt_day(p.meeting_on))
        .bind(&p.reframe)
        .bind(&p.relate)
        .bind(&p.reinforce)
        .bind(day(p.created_on))
}

pub(super) async fn add_prep(pool: &DbPool, owner: i64, p: &Prep) -> Result<Prep> {
    let id = new_id(
        bind_prep(
            sqlx::query(
                "INSERT INTO preps (person_id, topic, meeting_on, reframe, relate, reinforce,
                    created_on, owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            ),
            p,
        )
        .bind(owner),
        pool,
    )
    .await?;
    Ok(Prep { id, ..p.clone() })
}

pub(super) async fn update_prep(pool: &DbPool, owner: i64, p: &Prep) -> Result<()> {
    let done = bind_prep(
        sqlx::query(
            "UPDATE preps SET person_id = $1, topic = $2, meeting_on = $3, reframe = $4,
                relate = $5, reinforce = $6, created_on = $7 WHERE id = $8 AND owner_id = $9",
        ),
        p,
    )
    .bind(p.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "stakeholder prep", p.id)
}

pub(super) async fn preps(pool: &DbPool, owner: i64) -> Result<Vec<Prep>> {
    all(
        pool,
        owner,
        "SELECT * FROM preps WHERE owner_id = $1 ORDER BY id",
        prep_from_row,
    )
    .await
}

fn step_from_row(row: &DbRow) -> Result<Step> {
    let seq: i64 = row.try_get("seq")?;
    Ok(Step {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        seq: u32::try_from(seq).map_err(|_| StoreError::Corrupt {
            what: "onboarding step",
            message: seq.to_string(),
        })?,
        title: row.try_get("title")?,
        due: opt_date("onboarding date", row, "due")?,
        done_on: opt_date("onboarding date", row, "done_on")?,
    })
}

pub(super) async fn add_onboarding_steps(
    pool: &DbPool,
    owner: i64,
    steps: &[Step],
) -> Result<Vec<Step>> {
    let mut tx = begin_write(pool).await?;
    let mut out = Vec::with_capacity(steps.len());
    for s in steps {
        let id: i64 = sqlx::query(
            "INSERT INTO onboarding_steps (person_id, seq, title, due, done_on, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(s.person_id)
        .bind(i64::from(s.seq))
        .bind(&s.title)
        .bind(opt_day(s.due))
        .bind(opt_day(s.done_on))
        .bind(owner)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        out.push(Step { id, ..s.clone() });
    }
    tx.commit().await?;
    Ok(out)
}

pub(super) async fn update_onboarding_step(pool: &DbPool, owner: i64, s: &Step) -> Result<()> {
    let done = sqlx::query(
        "UPDATE onboarding_steps SET person_id = $1, seq = $2, title = $3, due = $4, done_on = $5
         WHERE id = $6 AND owner_id = $7",
    )
    .bind(s.person_id)
    .bind(i64::from(s.seq))
    .bind(&s.title)
    .bind(opt_day(s.due))
    .bind(opt_day(s.done_on))
    .bind(s.id)
    .bind(owner)
    .execute(pool)
    .await?;
    found(done, "onboarding step", s.id)
}

pub(super) async fn onboarding_steps(pool: &DbPool, owner: i64) -> Result<Vec<Step>> {
    all(
        pool,
        owner,
        "SELECT * FROM onboarding_steps WHERE owner_id = $1 ORDER BY person_id, seq, id",
        step_from_row,
    )
    .await
}
