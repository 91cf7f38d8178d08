import { describe, expect, it } from 'vitest';
import { errorBodySummary, readEventStream } from './response-body';

describe(errorBodySummary.name, () => {
  it('reduces an HTML page to its title, a JSON error to its message, anything else to one line', () => {
    const page = '<!DOCTYPE html>\n<html><head><title>502 Bad\n Gateway</title></head><body><h1>x</h1></body></html>';
    expect(errorBodySummary(502, page)).toBe('502 Bad Gateway');
    expect(errorBodySummary(503, '<html><body><h1>Service &amp; more</h1></body></html>')).toBe('Service & more');
    expect(errorBodySummary(503, '<html><body>down</body></html>', 'Service Unavailable')).toBe(
      'HTTP 503 Service Unavailable',
    );
    expect(errorBodySummary(400, '{"error":{"message":"bad\\nthing"}}')).toBe('bad thing');
    expect(errorBodySummary(400, '{"detail":"Not Found"}')).toBe('Not Found');
    expect(errorBodySummary(500, '')).toBe('HTTP 500');
  });
});

describe(readEventStream.name, () => {
  it('joins the deltas, keeps the last finish_reason and the usage of the final chunk', () => {
    const chunk = (body: object) => `data: ${JSON.stringify(body)}\n\n`;
    const body = [
      chunk({ choices: [{ delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      chunk({ choices: [{ delta: { content: '{"records":' }, finish_reason: null }] }),
      chunk({ choices: [{ delta: { content: '[]}' }, finish_reason: 'length' }] }),
      chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }),
      'data: [DONE]\n\n',
    ].join('');
    expect(readEventStream(body)).toEqual({
      parts: { content: '{"records":[]}', toolArguments: '', reasoning: '' },
      refusal: null,
      finishReason: 'length',
      usage: { prompt_tokens: 3, completion_tokens: 2 },
      error: null,
    });
    expect(readEventStream('event: ping\n\n')).toBeNull();
  });

  it('joins streamed tool-call arguments and reasoning, and keeps an error chunk', () => {
    const chunk = (body: object) => `data: ${JSON.stringify(body)}\n\n`;
    const call = (args: string) => ({
      choices: [{ delta: { tool_calls: [{ index: 0, function: { arguments: args } }] } }],
    });
    const body = [
      chunk({ choices: [{ delta: { reasoning_content: 'thinking' } }] }),
      chunk(call('{"records"')),
      chunk(call(':[]}')),
      chunk({ error: { message: 'upstream\nclosed', code: 502 } }),
    ].join('');
    expect(readEventStream(body)).toMatchObject({
      parts: { content: '', toolArguments: '{"records":[]}', reasoning: 'thinking' },
      error: { message: 'upstream closed', status: 502 },
    });
  });
});
