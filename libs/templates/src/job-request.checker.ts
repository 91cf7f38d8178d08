import { InvalidInputError, type EngineName, type JobRequest } from '@vs/contracts';
import type { JobPolicy } from './job.policy';
import type { InputIssue } from './zod-issues';
import type { TemplateRevision } from './template.types';

/**
 * Checks a well-formed request against the revision it names: only published revisions make
 * production data; previews may try a draft, small and never distributed. Returns the engine to use.
 */
export function checkRequestAgainstRevision(
  request: JobRequest,
  revision: TemplateRevision,
  policy: JobPolicy,
): EngineName {
  const issues: InputIssue[] = [];
  const preview = request.mode === 'preview';
  const usable = preview ? ['published', 'draft'] : ['published'];
  if (!usable.includes(revision.status)) {
    issues.push({
      field: 'template_revision',
      problem: `revision ${revision.revision} of "${revision.template_id}" is ${revision.status}; ${preview ? 'a preview' : 'a production job'} needs a ${usable.join(' or ')} revision`,
      accepted: preview ? 'a published or draft revision' : 'a published revision (or mode "preview" to try a draft)',
    });
  }
  const chapter = revision.chapters.find((c) => c.chapter_key === request.chapter_key);
  if (!chapter) {
    issues.push({
      field: 'chapter_key',
      problem: `no chapter "${request.chapter_key}" in this revision`,
      accepted: revision.chapters.map((c) => c.chapter_key).join(' | '),
    });
  } else if (request.subchapter_key && !chapter.subchapters.some((s) => s.subchapter_key === request.subchapter_key)) {
    issues.push({
      field: 'subchapter_key',
      problem: `no subchapter "${request.subchapter_key}" in chapter "${chapter.chapter_key}"`,
      accepted: chapter.subchapters.map((s) => s.subchapter_key).join(' | '),
    });
  }
  if (!revision.locales.includes(request.locale)) {
    issues.push({
      field: 'locale',
      problem: `"${request.locale}" is not a locale of this revision`,
      accepted: revision.locales.join(' | '),
    });
  }
  const max = preview ? Math.min(policy.previewRecordCountMax, policy.recordCountMax) : policy.recordCountMax;
  if (request.record_count < policy.recordCountMin || request.record_count > max) {
    issues.push({
      field: 'record_count',
      problem: `${request.record_count} is out of range${preview ? ' for a preview' : ''}`,
      accepted: `${policy.recordCountMin}..${max}`,
    });
  }
  // Asked for by name, the LLM engine is never swapped for another silently; a template's default may be.
  if (request.engine === 'openai-compatible' && !policy.llmAvailable) {
    issues.push({
      field: 'engine',
      problem: 'no LLM endpoint is configured here (LLM_API_KEY is not set)',
      accepted:
        '"deterministic", or leave engine out; or set LLM_API_KEY (and LLM_BASE_URL, LLM_MODEL) for this service',
    });
  }
  if (issues.length > 0)
    throw new InvalidInputError(`job request refused: ${issues.map((i) => i.field).join(', ')}`, issues);
  const engine = (request.engine ?? revision.default_engine) as EngineName;
  return engine === 'openai-compatible' && !policy.llmAvailable ? 'deterministic' : engine;
}
