-- Whether a decided record's accepted/rejected message has been committed to Kafka. A duplicate of a record
-- arriving later (an upstream redelivery) is then not published a second time.
ALTER TABLE job_record_decisions ADD COLUMN published boolean NOT NULL DEFAULT false;
