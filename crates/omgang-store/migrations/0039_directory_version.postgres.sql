-- An organisation's directory (its staff, locations, rooms and entrances) has a version that
-- every change bumps, in the same transaction, whoever makes it (this instance, another one
-- on the same database, a bulk load). A process may keep the directory in memory while the
-- version it read with a request's sign-in is the one it holds.
ALTER TABLE organisations ADD COLUMN directory_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION omgang_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    orgs TEXT[];
BEGIN
    orgs := ARRAY[]::TEXT[];
    IF TG_TABLE_NAME = 'rooms' THEN
        IF TG_OP <> 'DELETE' THEN
            orgs := orgs || (SELECT org_id FROM locations WHERE id = NEW.location_id);
        END IF;
        IF TG_OP <> 'INSERT' THEN
            orgs := orgs || (SELECT org_id FROM locations WHERE id = OLD.location_id);
        END IF;
    ELSE
        IF TG_OP <> 'DELETE' THEN orgs := orgs || NEW.org_id; END IF;
        IF TG_OP <> 'INSERT' THEN orgs := orgs || OLD.org_id; END IF;
    END IF;
    UPDATE organisations SET directory_version = directory_version + 1 WHERE id = ANY (orgs);
    RETURN NULL;
END;
$$;

CREATE TRIGGER users_directory AFTER INSERT OR DELETE OR UPDATE OF id, org_id, email, name,
    role, password_hash, is_volunteer, vog_issued_on, training_completed_on, active, lang
    ON users FOR EACH ROW EXECUTE FUNCTION omgang_directory_changed();
CREATE TRIGGER locations_directory AFTER INSERT OR UPDATE OR DELETE ON locations
    FOR EACH ROW EXECUTE FUNCTION omgang_directory_changed();
CREATE TRIGGER rooms_directory AFTER INSERT OR UPDATE OR DELETE ON rooms
    FOR EACH ROW EXECUTE FUNCTION omgang_directory_changed();
