// Small SVG bar charts for the quality report: every bar carries its value as text, so colour is never the only cue.
import { html, percent } from './ui.js';

/** Horizontal bars of shares (0..1), one per row: `rows` is [{ label, value, note? }]. */
export function ShareBars({ title, rows, id }) {
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  const height = rows.length * rowHeight + 8;
  return html`<figure class="chart" aria-labelledby=${`${id}-caption`}>
    <figcaption id=${`${id}-caption`}>${title}</figcaption>
    <svg
      viewBox=${`0 0 ${width} ${height}`}
      role="img"
      aria-label=${`${title}: ${rows.map((r) => `${r.label} ${percent(r.value)}`).join(', ')}`}
    >
      ${rows.map((row, i) => {
        const y = i * rowHeight + 4;
        const value = row.value ?? 0;
        return html`<g>
          <text x=${labelWidth - 8} y=${y + 16} text-anchor="end" class="chart-label"
            >${row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}</text
          >
          <rect x=${labelWidth} y=${y + 3} width=${barWidth} height="16" class="chart-track" />
          <rect
            x=${labelWidth}
            y=${y + 3}
            width=${Math.max(value * barWidth, row.value === null ? 0 : 1)}
            height="16"
            class=${row.className ?? 'chart-bar'}
          />
          <text x=${labelWidth + barWidth + 6} y=${y + 16} class="chart-value">${percent(row.value)}</text>
        </g>`;
      })}
    </svg>
  </figure>`;
}

/** Counts as horizontal bars scaled to the largest. */
export function CountBars({ title, rows, id }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const scaled = rows.map((r) => ({ ...r, share: r.value / max }));
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  return html`<figure class="chart" aria-labelledby=${`${id}-caption`}>
    <figcaption id=${`${id}-caption`}>${title}</figcaption>
    <svg
      viewBox=${`0 0 ${width} ${rows.length * rowHeight + 8}`}
      role="img"
      aria-label=${`${title}: ${rows.map((r) => `${r.label} ${r.value}`).join(', ')}`}
    >
      ${scaled.map((row, i) => {
        const y = i * rowHeight + 4;
        return html`<g>
          <text x=${labelWidth - 8} y=${y + 16} text-anchor="end" class="chart-label">${row.label}</text>
          <rect
            x=${labelWidth}
            y=${y + 3}
            width=${Math.max(row.share * barWidth, 1)}
            height="16"
            class="chart-bar-alert"
          />
          <text x=${labelWidth + Math.max(row.share * barWidth, 1) + 6} y=${y + 16} class="chart-value"
            >${row.value}</text
          >
        </g>`;
      })}
    </svg>
  </figure>`;
}

/** Record share next to exemplar share, per category or histogram bin. */
export function PairedBars({ title, rows, id }) {
  const rowHeight = 34;
  const labelWidth = 170;
  const width = 560;
  const barWidth = width - labelWidth - 70;
  return html`<figure class="chart" aria-labelledby=${`${id}-caption`}>
    <figcaption id=${`${id}-caption`}>
      ${title}
      <span class="legend"
        ><span class="swatch swatch-records"></span> records
        <span class="swatch swatch-exemplars"></span> exemplars</span
      >
    </figcaption>
    <svg
      viewBox=${`0 0 ${width} ${rows.length * rowHeight + 8}`}
      role="img"
      aria-label=${`${title}: ${rows.map((r) => `${r.label} records ${percent(r.records)}, exemplars ${percent(r.exemplars)}`).join('; ')}`}
    >
      ${rows.map((row, i) => {
        const y = i * rowHeight + 4;
        return html`<g>
          <text x=${labelWidth - 8} y=${y + 19} text-anchor="end" class="chart-label"
            >${row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}</text
          >
          <rect x=${labelWidth} y=${y + 2} width=${Math.max(row.records * barWidth, 1)} height="13" class="chart-bar" />
          <text x=${labelWidth + Math.max(row.records * barWidth, 1) + 4} y=${y + 13} class="chart-value"
            >${percent(row.records)}</text
          >
          <rect
            x=${labelWidth}
            y=${y + 16}
            width=${Math.max(row.exemplars * barWidth, 1)}
            height="13"
            class="chart-bar-alt"
          />
          <text x=${labelWidth + Math.max(row.exemplars * barWidth, 1) + 4} y=${y + 27} class="chart-value"
            >${percent(row.exemplars)}</text
          >
        </g>`;
      })}
    </svg>
  </figure>`;
}
