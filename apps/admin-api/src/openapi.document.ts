import { jobRequestSchema, jobRerunRequestSchema, recordSchemaSchema } from '@vs/contracts';
import { chapterSchema } from '@vs/templates';
import { z } from 'zod';
import { rejectedRecordsQuerySchema } from './jobs.controller';
import {
  errorBodySchema,
  jobQualityReportSchema,
  jobResultSchema,
  revisionSummarySchema,
  templateSummarySchema,
} from './openapi.schemas';
import { createDraftSchema, jobQueueQuerySchema } from './request-parsing';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const ok = (name: string, description = 'OK') => ({
  description,
  content: { 'application/json': { schema: ref(name) } },
});
const errors = Object.fromEntries(
  ['400', '401', '403', '404', '409'].map((code) => [
    code,
    { description: 'see error.code and error.issues', content: { 'application/json': { schema: ref('Error') } } },
  ]),
);
const pathParam = (name: string, type: 'string' | 'integer' = 'string') => ({
  name,
  in: 'path',
  required: true,
  schema: { type },
});
const secured = (summary: string, role: string, extra: Record<string, unknown>) => ({
  summary: `${summary} (role: ${role})`,
  security: [{ bearer: [] }],
  ...extra,
});

function queryParameters(schema: z.ZodObject): unknown[] {
  const properties = (json(schema, 'input').properties ?? {}) as Record<string, unknown>;
  return Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const rev = [pathParam('id'), pathParam('rev', 'integer')];
  return {
    openapi: '3.1.0',
    info: { title: 'velocity-synth admin API', version: '0.1.0' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        JobRequest: json(jobRequestSchema, 'input'),
        JobRerunRequest: json(jobRerunRequestSchema, 'input'),
        JobResult: json(jobResultSchema),
        JobQualityReport: json(jobQualityReportSchema),
        CreateDraftRequest: json(createDraftSchema, 'input'),
        TemplateSummary: json(templateSummarySchema),
        RevisionSummary: json(revisionSummarySchema),
        RecordSchema: json(recordSchemaSchema),
        Chapter: json(chapterSchema),
        Error: json(errorBodySchema),
      },
    },
    paths: {
      '/health': {
        get: {
          summary: 'liveness and readiness',
          responses: { '200': { description: 'ready' }, '503': { description: 'database unreachable' } },
        },
      },
      '/templates': {
        get: secured('list templates with their revisions', 'viewer', {
          responses: { '200': { description: 'templates' }, ...errors },
        }),
      },
      '/templates/{id}': {
        get: secured('one template', 'viewer', {
          parameters: [pathParam('id')],
          responses: { '200': ok('TemplateSummary'), ...errors },
        }),
      },
      '/templates/{id}/revisions': {
        post: secured('create a draft revision (copy of from_revision or the latest)', 'admin', {
          parameters: [pathParam('id')],
          requestBody: body('CreateDraftRequest'),
          responses: { '201': { description: 'the new draft' }, ...errors },
        }),
      },
      '/templates/{id}/revisions/{rev}': {
        get: secured('a revision with record schema, chapters, subchapters, exemplars', 'viewer', {
          parameters: rev,
          responses: { '200': { description: 'revision' }, ...errors },
        }),
      },
      '/templates/{id}/revisions/{rev}/publish': {
        post: secured('publish a draft', 'admin', {
          parameters: rev,
          responses: { '200': { description: 'published' }, ...errors },
        }),
      },
      '/templates/{id}/revisions/{rev}/archive': {
        post: secured('archive a draft or published revision', 'admin', {
          parameters: rev,
          responses: { '200': { description: 'archived' }, ...errors },
        }),
      },
      '/jobs': {
        post: secured('trigger a job', 'operator', {
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: body('JobRequest'),
          responses: {
            '201': ok('JobResult', 'created'),
            '200': ok('JobResult', 'replayed: same idempotency key and body'),
            ...errors,
          },
        }),
        get: secured('the job queue', 'viewer', {
          parameters: queryParameters(jobQueueQuerySchema),
          responses: { '200': { description: '{ jobs, total, limit, offset }' }, ...errors },
        }),
      },
      '/jobs/{id}': {
        get: secured('a job (result contract, stage counts, tokens)', 'viewer', {
          parameters: [pathParam('id')],
          responses: { '200': ok('JobResult'), ...errors },
        }),
      },
      '/jobs/{id}/cancel': {
        post: secured('cancel a job (idempotent)', 'operator', {
          parameters: [pathParam('id')],
          responses: { '200': ok('JobResult'), ...errors },
        }),
      },
      '/jobs/{id}/rerun': {
        post: secured('run a failed job again under the same job_id (nothing is published twice)', 'operator', {
          parameters: [pathParam('id')],
          requestBody: { ...body('JobRerunRequest'), required: false },
          responses: { '202': ok('JobResult', 'queued again'), ...errors },
        }),
      },
      '/jobs/{id}/rejected-records': {
        get: secured('rejected records of a job, optionally only those with a reason of one check', 'viewer', {
          parameters: [pathParam('id'), ...queryParameters(rejectedRecordsQuerySchema)],
          responses: { '200': { description: '{ records, total, limit, offset }' }, ...errors },
        }),
      },
      '/jobs/{id}/quality': {
        get: secured(
          'the job’s quality report (per field, per subchapter, rejections by check, overall score); 404 until the job is finalised',
          'viewer',
          {
            parameters: [pathParam('id')],
            responses: { '200': ok('JobQualityReport'), ...errors },
          },
        ),
      },
      '/jobs/{id}/outputs/{index}': {
        get: secured('one file of the job’s output manifest (404 for another tenant’s job)', 'viewer', {
          parameters: [pathParam('id'), pathParam('index', 'integer')],
          responses: { '200': { description: 'the file, with X-Content-SHA256' }, ...errors },
        }),
      },
      '/session': {
        get: secured('who the bearer token is: name, role, tenant_id (the console signs in with it)', 'viewer', {
          responses: { '200': { description: '{ name, role, tenant_id }' }, ...errors },
        }),
      },
      '/openapi.json': { get: { summary: 'this document', responses: { '200': { description: 'OpenAPI 3.1' } } } },
    },
  };
}
