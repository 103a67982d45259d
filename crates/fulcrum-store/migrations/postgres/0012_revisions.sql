-- A revision counter per owner that every write to the owner's rows moves, kept by triggers so
-- that a write from any process (the CLI while the server runs, a second server) is seen. A
-- server keeps pages built for one revision and builds anew when it moves. Events and commits
-- have no owner of their own: every import that writes them also updates its source's row,
-- which moves the revision. The table is derived state, not part of a backup.
CREATE TABLE revisions (
    owner_id BIGINT PRIMARY KEY,
    revision BIGINT NOT NULL
);

CREATE FUNCTION bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        owner := OLD.owner_id;
    ELSE
        owner := NEW.owner_id;
    END IF;
    INSERT INTO revisions (owner_id, revision) VALUES (owner, 1)
        ON CONFLICT (owner_id) DO UPDATE SET revision = revisions.revision + 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER settings_revision AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER sources_revision AFTER INSERT OR UPDATE OR DELETE ON sources
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER tasks_revision AFTER INSERT OR UPDATE OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER plans_revision AFTER INSERT OR UPDATE OR DELETE ON plans
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER plan_blocks_revision AFTER INSERT OR UPDATE OR DELETE ON plan_blocks
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER reviews_revision AFTER INSERT OR UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER inbox_revision AFTER INSERT OR UPDATE OR DELETE ON inbox
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER entries_revision AFTER INSERT OR UPDATE OR DELETE ON entries
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER people_revision AFTER INSERT OR UPDATE OR DELETE ON people
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER observations_revision AFTER INSERT OR UPDATE OR DELETE ON observations
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER one_on_one_notes_revision AFTER INSERT OR UPDATE OR DELETE ON one_on_one_notes
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER one_on_one_items_revision AFTER INSERT OR UPDATE OR DELETE ON one_on_one_items
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER feedback_revision AFTER INSERT OR UPDATE OR DELETE ON feedback
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER delegations_revision AFTER INSERT OR UPDATE OR DELETE ON delegations
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER interactions_revision AFTER INSERT OR UPDATE OR DELETE ON interactions
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER commitments_revision AFTER INSERT OR UPDATE OR DELETE ON commitments
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER preps_revision AFTER INSERT OR UPDATE OR DELETE ON preps
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER onboarding_steps_revision AFTER INSERT OR UPDATE OR DELETE ON onboarding_steps
    FOR EACH ROW EXECUTE FUNCTION bump_revision();

CREATE TRIGGER manual_entries_revision AFTER INSERT OR UPDATE OR DELETE ON manual_entries
    FOR EACH ROW EXECUTE FUNCTION bump_revision();
