-- Where a record's accepted/rejected message was last published from: the consumed message whose Kafka
-- transaction carried it. `published` is set only after that transaction commits, so a validator that dies
-- in between leaves it false; the consumer group's committed offset then tells whether the transaction
-- committed (offset past this one) or not, and a later duplicate of the record is not published twice.
ALTER TABLE job_record_decisions
  ADD COLUMN publishing_group     text,
  ADD COLUMN publishing_topic     text,
  ADD COLUMN publishing_partition integer,
  ADD COLUMN publishing_offset    bigint;
