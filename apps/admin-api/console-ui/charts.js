// Bar charts for the quality report, drawn with HTML and CSS so labels stay readable at any width; every bar
// carries its value as text, so colour is never the only cue.
import { html, percent } from './ui.js';

const width = (share) => `${Math.max(0, Math.min(1, share ?? 0)) * 100}%`;

function Chart({ id, title, legend, children, paired }) {
  return html`<figure class=${paired ? 'chart chart-paired' : 'chart'} aria-labelledby=${`${id}-caption`}>
    <figcaption id=${`${id}-caption`}>${title}${legend ?? null}</figcaption>
    <div class="bars" role="list">${children}</div>
  </figure>`;
}

const Row = ({ label, children }) =>
  html`<div class="bar-row" role="listitem">
    <span class="bar-label" title=${label}>${label}</span>
    <div class="bar-cells">${children}</div>
  </div>`;

const Bar = ({ share, text, className = 'bar' }) =>
  html`<div class="bar-line">
    <span class="bar-track"><span class=${className} style=${{ width: width(share) }}></span></span>
    <span class="bar-value">${text}</span>
  </div>`;

/** Shares (0..1) as bars, one per row: `rows` is [{ label, value }]; null reads "—" (does not apply). */
export function ShareBars({ title, rows, id }) {
  return html`<${Chart} id=${id} title=${title}>
    ${rows.map((row) => html`<${Row} label=${row.label}><${Bar} share=${row.value} text=${percent(row.value)} /></${Row}>`)}
  </${Chart}>`;
}

/** Counts as bars scaled to the largest. */
export function CountBars({ title, rows, id }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return html`<${Chart} id=${id} title=${title}>
    ${rows.map(
      (row) =>
        html`<${Row} label=${row.label}><${Bar} share=${row.value / max} text=${String(row.value)} className="bar bar-alert" /></${Row}>`,
    )}
  </${Chart}>`;
}

/** Record share next to exemplar share, per category or histogram bin. */
export function PairedBars({ title, rows, id }) {
  const legend = html`<span class="legend"
    ><span class="swatch swatch-records"></span> records <span class="swatch swatch-exemplars"></span> exemplars</span
  >`;
  return html`<${Chart} id=${id} title=${title} legend=${legend} paired>
    ${rows.map(
      (row) => html`<${Row} label=${row.label}>
        <${Bar} share=${row.records} text=${`records ${percent(row.records)}`} />
        <${Bar} share=${row.exemplars} text=${`exemplars ${percent(row.exemplars)}`} className="bar bar-alt" />
      </${Row}>`,
    )}
  </${Chart}>`;
}
