-- A cached completion replays as the live one was read: a reply cut at the token limit (finish_reason "length")
-- is cut again on a rerun, and tokens our tokenizer estimated stay marked estimated. Rows written before this
-- have neither: NULL finish_reason reads as a complete reply, as it did then.
ALTER TABLE llm_completion_cache
  ADD COLUMN finish_reason text,
  ADD COLUMN usage_source  text NOT NULL DEFAULT 'reported'
    CHECK (usage_source IN ('reported', 'total_only', 'estimated'));
