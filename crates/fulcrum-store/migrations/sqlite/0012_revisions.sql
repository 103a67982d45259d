-- A revision counter per owner that every write to the owner's rows moves, kept by triggers so
-- that a write from any process (the CLI while the server runs, a second server) is seen. A
-- server keeps pages built for one revision and builds anew when it moves. Events and commits
-- have no owner of their own: every import that writes them also updates its source's row,
-- which moves the revision. The table is derived state, not part of a backup.
CREATE TABLE revisions (
    owner_id BIGINT PRIMARY KEY,
    revision BIGINT NOT NULL
);

CREATE TRIGGER settings_insert_revision AFTER INSERT ON settings BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER settings_update_revision AFTER UPDATE ON settings BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER settings_delete_revision AFTER DELETE ON settings BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER sources_insert_revision AFTER INSERT ON sources BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER sources_update_revision AFTER UPDATE ON sources BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER sources_delete_revision AFTER DELETE ON sources BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER tasks_insert_revision AFTER INSERT ON tasks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER tasks_update_revision AFTER UPDATE ON tasks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER tasks_delete_revision AFTER DELETE ON tasks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plans_insert_revision AFTER INSERT ON plans BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plans_update_revision AFTER UPDATE ON plans BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plans_delete_revision AFTER DELETE ON plans BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plan_blocks_insert_revision AFTER INSERT ON plan_blocks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plan_blocks_update_revision AFTER UPDATE ON plan_blocks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER plan_blocks_delete_revision AFTER DELETE ON plan_blocks BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER reviews_insert_revision AFTER INSERT ON reviews BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER reviews_update_revision AFTER UPDATE ON reviews BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER reviews_delete_revision AFTER DELETE ON reviews BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER inbox_insert_revision AFTER INSERT ON inbox BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER inbox_update_revision AFTER UPDATE ON inbox BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER inbox_delete_revision AFTER DELETE ON inbox BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER entries_insert_revision AFTER INSERT ON entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER entries_update_revision AFTER UPDATE ON entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER entries_delete_revision AFTER DELETE ON entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_insert_revision AFTER INSERT ON people BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_update_revision AFTER UPDATE ON people BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER people_delete_revision AFTER DELETE ON people BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER observations_insert_revision AFTER INSERT ON observations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER observations_update_revision AFTER UPDATE ON observations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER observations_delete_revision AFTER DELETE ON observations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_notes_insert_revision AFTER INSERT ON one_on_one_notes BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_notes_update_revision AFTER UPDATE ON one_on_one_notes BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_notes_delete_revision AFTER DELETE ON one_on_one_notes BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_items_insert_revision AFTER INSERT ON one_on_one_items BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_items_update_revision AFTER UPDATE ON one_on_one_items BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER one_on_one_items_delete_revision AFTER DELETE ON one_on_one_items BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER feedback_insert_revision AFTER INSERT ON feedback BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER feedback_update_revision AFTER UPDATE ON feedback BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER feedback_delete_revision AFTER DELETE ON feedback BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER delegations_insert_revision AFTER INSERT ON delegations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER delegations_update_revision AFTER UPDATE ON delegations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER delegations_delete_revision AFTER DELETE ON delegations BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER interactions_insert_revision AFTER INSERT ON interactions BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER interactions_update_revision AFTER UPDATE ON interactions BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER interactions_delete_revision AFTER DELETE ON interactions BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER commitments_insert_revision AFTER INSERT ON commitments BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER commitments_update_revision AFTER UPDATE ON commitments BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER commitments_delete_revision AFTER DELETE ON commitments BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER preps_insert_revision AFTER INSERT ON preps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER preps_update_revision AFTER UPDATE ON preps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER preps_delete_revision AFTER DELETE ON preps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER onboarding_steps_insert_revision AFTER INSERT ON onboarding_steps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER onboarding_steps_update_revision AFTER UPDATE ON onboarding_steps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER onboarding_steps_delete_revision AFTER DELETE ON onboarding_steps BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER manual_entries_insert_revision AFTER INSERT ON manual_entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER manual_entries_update_revision AFTER UPDATE ON manual_entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;

CREATE TRIGGER manual_entries_delete_revision AFTER DELETE ON manual_entries BEGIN
    INSERT INTO revisions (owner_id, revision) VALUES (OLD.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revision + 1;
END;
