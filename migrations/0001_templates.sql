-- Template taxonomy: templates, numbered revisions (draft -> published -> archived), their chapters,
-- subchapters, exemplars and record schema. A published revision is immutable (enforced below).

CREATE TABLE templates (
  template_id    text PRIMARY KEY CHECK (template_id ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  name           text NOT NULL,
  domain         text NOT NULL,
  description    text NOT NULL DEFAULT '',
  default_engine text NOT NULL DEFAULT 'deterministic' CHECK (default_engine IN ('deterministic', 'openai-compatible')),
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE template_revisions (
  template_id  text NOT NULL REFERENCES templates (template_id),
  revision     integer NOT NULL CHECK (revision > 0),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  locales      text[] NOT NULL CHECK (cardinality(locales) > 0),
  -- Acceptance thresholds of the validator, per revision: {"completeness":0.8,"realism":0.6,"chapter_coverage":1}
  thresholds   jsonb NOT NULL DEFAULT '{"completeness": 0.8, "realism": 0.6, "chapter_coverage": 1}',
  notes        text NOT NULL DEFAULT '',
  content_hash text NOT NULL,
  created_by   text NOT NULL DEFAULT 'system',
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  archived_at  timestamptz,
  PRIMARY KEY (template_id, revision),
  CHECK ((status = 'draft') = (published_at IS NULL) OR status = 'archived'),
  CHECK ((status = 'archived') = (archived_at IS NOT NULL))
);

CREATE TABLE template_record_fields (
  template_id text NOT NULL,
  revision    integer NOT NULL,
  position    integer NOT NULL,
  name        text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
  type        text NOT NULL CHECK (type IN ('string', 'text', 'integer', 'number', 'boolean', 'date', 'datetime',
                                            'email', 'phone', 'url', 'uuid', 'enum')),
  required    boolean NOT NULL DEFAULT true,
  semantic    text,
  description text NOT NULL DEFAULT '',
  constraints jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (template_id, revision, name),
  UNIQUE (template_id, revision, position),
  FOREIGN KEY (template_id, revision) REFERENCES template_revisions (template_id, revision) ON DELETE CASCADE
);

CREATE TABLE template_chapters (
  template_id text NOT NULL,
  revision    integer NOT NULL,
  chapter_key text NOT NULL CHECK (chapter_key ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  position    integer NOT NULL,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  PRIMARY KEY (template_id, revision, chapter_key),
  FOREIGN KEY (template_id, revision) REFERENCES template_revisions (template_id, revision) ON DELETE CASCADE
);

CREATE TABLE template_subchapters (
  template_id    text NOT NULL,
  revision       integer NOT NULL,
  chapter_key    text NOT NULL,
  subchapter_key text NOT NULL CHECK (subchapter_key ~ '^[a-z0-9][a-z0-9_-]{0,99}$'),
  position       integer NOT NULL,
  title          text NOT NULL,
  intent         text NOT NULL,
  PRIMARY KEY (template_id, revision, chapter_key, subchapter_key),
  FOREIGN KEY (template_id, revision, chapter_key)
    REFERENCES template_chapters (template_id, revision, chapter_key) ON DELETE CASCADE
);

CREATE TABLE template_exemplars (
  template_id    text NOT NULL,
  revision       integer NOT NULL,
  chapter_key    text NOT NULL,
  subchapter_key text NOT NULL,
  exemplar_id    text NOT NULL CHECK (exemplar_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
  position       integer NOT NULL,
  locale         text NOT NULL,
  prompt         text NOT NULL,
  record         jsonb NOT NULL CHECK (jsonb_typeof(record) = 'object'),
  PRIMARY KEY (template_id, revision, exemplar_id),
  FOREIGN KEY (template_id, revision, chapter_key, subchapter_key)
    REFERENCES template_subchapters (template_id, revision, chapter_key, subchapter_key) ON DELETE CASCADE
);

-- A revision's lifecycle moves one way: draft -> published -> archived (or draft -> archived).
-- Once published, nothing about it changes except the move to archived.
CREATE FUNCTION guard_template_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'template revision %/% is % and cannot be deleted', OLD.template_id, OLD.revision, OLD.status
        USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'published' AND NEW.status = 'archived'
     AND (NEW.template_id, NEW.revision, NEW.locales, NEW.thresholds, NEW.notes, NEW.content_hash, NEW.created_by,
          NEW.created_at, NEW.published_at)
         IS NOT DISTINCT FROM
         (OLD.template_id, OLD.revision, OLD.locales, OLD.thresholds, OLD.notes, OLD.content_hash, OLD.created_by,
          OLD.created_at, OLD.published_at) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'template revision %/% is % and immutable', OLD.template_id, OLD.revision, OLD.status
    USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER template_revisions_immutable
  BEFORE UPDATE OR DELETE ON template_revisions
  FOR EACH ROW EXECUTE FUNCTION guard_template_revision();

-- Children of a revision may only change while the revision is a draft.
CREATE FUNCTION guard_template_revision_content() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_template text := COALESCE(NEW.template_id, OLD.template_id);
  row_revision integer := COALESCE(NEW.revision, OLD.revision);
  current_status text;
BEGIN
  IF TG_OP = 'UPDATE' AND (OLD.template_id, OLD.revision) IS DISTINCT FROM (NEW.template_id, NEW.revision) THEN
    RAISE EXCEPTION 'content cannot move between template revisions' USING ERRCODE = 'check_violation';
  END IF;
  SELECT status INTO current_status FROM template_revisions WHERE template_id = row_template AND revision = row_revision;
  IF current_status IS NOT NULL AND current_status <> 'draft' THEN
    RAISE EXCEPTION 'template revision %/% is % and its % are immutable', row_template, row_revision, current_status, TG_TABLE_NAME
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END $$;

CREATE TRIGGER template_record_fields_immutable BEFORE INSERT OR UPDATE OR DELETE ON template_record_fields
  FOR EACH ROW EXECUTE FUNCTION guard_template_revision_content();
CREATE TRIGGER template_chapters_immutable BEFORE INSERT OR UPDATE OR DELETE ON template_chapters
  FOR EACH ROW EXECUTE FUNCTION guard_template_revision_content();
CREATE TRIGGER template_subchapters_immutable BEFORE INSERT OR UPDATE OR DELETE ON template_subchapters
  FOR EACH ROW EXECUTE FUNCTION guard_template_revision_content();
CREATE TRIGGER template_exemplars_immutable BEFORE INSERT OR UPDATE OR DELETE ON template_exemplars
  FOR EACH ROW EXECUTE FUNCTION guard_template_revision_content();
