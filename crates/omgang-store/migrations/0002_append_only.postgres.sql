-- The audit log and the case events are append-only: the database refuses changes.
CREATE FUNCTION omgang_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION omgang_refuse_change();
CREATE TRIGGER case_events_append_only BEFORE UPDATE ON case_events
    FOR EACH ROW EXECUTE FUNCTION omgang_refuse_change();
