import { formatFinding, type ScoredRecord } from '@vs/contracts';
import type { JudgeItem, LlmJudge } from '@vs/engines';
import type { TemplateRevision } from '@vs/templates';

/**
 * The validator's optional second opinion: records the gate would accept are shown, text fields only, to
 * the LLM judge with their subchapter's intent. A verdict below the bar rejects the record (check
 * `llm_judge`); every verdict and its tokens go into the record's scores, and so into its lineage on
 * the accepted topic and in the sandbox. Records the gate already rejects are not sent: they cost nothing.
 */
export class LlmJudgeStep {
  constructor(private readonly judge: LlmJudge) {}

  async apply(records: ScoredRecord[], revision: TemplateRevision): Promise<ScoredRecord[]> {
    const textFields = revision.record_schema.fields.filter((f) => f.type === 'text' || f.type === 'string');
    const bySubchapter = new Map<string, ScoredRecord[]>();
    for (const record of records) {
      if (!record.accepted || record.fields === null) continue;
      const key = `${record.lineage.chapter_key}\u0000${record.lineage.subchapter_key ?? ''}`;
      bySubchapter.set(key, [...(bySubchapter.get(key) ?? []), record]);
    }
    const judged = new Map<string, ScoredRecord>();
    for (const group of bySubchapter.values()) {
      const { lineage } = group[0]!;
      const chapter = revision.chapters.find((c) => c.chapter_key === lineage.chapter_key);
      const subchapter = chapter?.subchapters.find((s) => s.subchapter_key === lineage.subchapter_key);
      const items: JudgeItem[] = group.map((r) => ({
        record_id: r.record_id,
        texts: Object.fromEntries(
          textFields.flatMap((f) =>
            typeof r.fields![f.name] === 'string' ? [[f.name, r.fields![f.name] as string]] : [],
          ),
        ),
      }));
      const verdicts = await this.judge.judge(
        {
          template_id: revision.template_id,
          chapter_title: chapter?.title ?? lineage.chapter_key,
          subchapter_title: subchapter?.title ?? lineage.subchapter_key ?? '',
          subchapter_intent: subchapter?.intent ?? '',
          locale: lineage.locale,
          exemplar_prompts: (subchapter?.exemplars ?? []).map((e) => e.prompt),
        },
        items,
      );
      for (const record of group) {
        const verdict = verdicts.get(record.record_id) ?? null;
        if (verdict === null) continue; // no usable verdict: the gate's own decision stands
        const llm_judge = {
          topicality: verdict.topicality,
          plausibility: verdict.plausibility,
          accepted: verdict.accepted,
          reason: verdict.reason,
          model: verdict.model,
          prompt_tokens: verdict.usage.prompt_tokens,
          completion_tokens: verdict.usage.completion_tokens,
        };
        const reasons = verdict.accepted
          ? record.reasons
          : [
              ...record.reasons,
              formatFinding({
                check: 'llm_judge',
                field: null,
                hard: true,
                penalty: 0,
                message: `topicality ${verdict.topicality}, plausibility ${verdict.plausibility}: ${verdict.reason}`,
              }),
            ];
        judged.set(record.record_id, {
          ...record,
          scores: { ...record.scores, llm_judge },
          reasons,
          accepted: verdict.accepted,
        });
      }
    }
    return records.map((r) => judged.get(r.record_id) ?? r);
  }
}
