-- An organisation's directory (its staff, locations, rooms and entrances) has a version that
-- every change bumps, in the same transaction, whoever makes it (this instance, another one
-- on the same database, a bulk load). A process may keep the directory in memory while the
-- version it read with a request's sign-in is the one it holds.
ALTER TABLE organisations ADD COLUMN directory_version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER users_directory_insert AFTER INSERT ON users
BEGIN UPDATE organisations SET directory_version = directory_version + 1 WHERE id = NEW.org_id; END;
CREATE TRIGGER users_directory_update AFTER UPDATE OF id, org_id, email, name, role,
    password_hash, is_volunteer, vog_issued_on, training_completed_on, active, lang ON users
BEGIN UPDATE organisations SET directory_version = directory_version + 1
    WHERE id = NEW.org_id OR id = OLD.org_id; END;
CREATE TRIGGER users_directory_delete AFTER DELETE ON users
BEGIN UPDATE organisations SET directory_version = directory_version + 1 WHERE id = OLD.org_id; END;

CREATE TRIGGER locations_directory_insert AFTER INSERT ON locations
BEGIN UPDATE organisations SET directory_version = directory_version + 1 WHERE id = NEW.org_id; END;
CREATE TRIGGER locations_directory_update AFTER UPDATE ON locations
BEGIN UPDATE organisations SET directory_version = directory_version + 1
    WHERE id = NEW.org_id OR id = OLD.org_id; END;
CREATE TRIGGER locations_directory_delete AFTER DELETE ON locations
BEGIN UPDATE organisations SET directory_version = directory_version + 1 WHERE id = OLD.org_id; END;

CREATE TRIGGER rooms_directory_insert AFTER INSERT ON rooms
BEGIN UPDATE organisations SET directory_version = directory_version + 1
    WHERE id = (SELECT org_id FROM locations WHERE id = NEW.location_id); END;
CREATE TRIGGER rooms_directory_update AFTER UPDATE ON rooms
BEGIN UPDATE organisations SET directory_version = directory_version + 1
    WHERE id IN (SELECT org_id FROM locations WHERE id = NEW.location_id OR id = OLD.location_id); END;
CREATE TRIGGER rooms_directory_delete AFTER DELETE ON rooms
BEGIN UPDATE organisations SET directory_version = directory_version + 1
    WHERE id = (SELECT org_id FROM locations WHERE id = OLD.location_id); END;
