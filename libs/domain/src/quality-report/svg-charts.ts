/** Small inline SVG charts for the quality page: no script, no external font, every label escaped. */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ChartSeries {
  name: string;
  color: string;
}

export interface BarRow {
  label: string;
  values: number[];
}

const LABEL_WIDTH = 210;
const BAR_AREA = 420;
const VALUE_WIDTH = 70;

function truncateLabel(label: string, max = 30): string {
  const chars = Array.from(label);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

function legend(series: readonly ChartSeries[], y: number): string {
  return series
    .map(
      (s, i) =>
        `<rect x="${LABEL_WIDTH + i * 140}" y="${y}" width="12" height="12" fill="${s.color}"/>` +
        `<text x="${LABEL_WIDTH + i * 140 + 18}" y="${y + 10}" class="legend">${escapeHtml(s.name)}</text>`,
    )
    .join('');
}

/** Grouped horizontal bars, one group per row; `format` writes each value beside its bar. */
export function horizontalBarChart(
  title: string,
  rows: readonly BarRow[],
  series: readonly ChartSeries[],
  format: (value: number) => string,
  max = Math.max(1e-9, ...rows.flatMap((r) => r.values)),
): string {
  const barHeight = 14;
  const groupHeight = series.length * barHeight + 10;
  const top = 24;
  const height = top + rows.length * groupHeight + 6;
  const bars = rows
    .map((row, r) => {
      const y0 = top + r * groupHeight;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${y0 + (series.length * barHeight) / 2 + 4}" text-anchor="end" class="label"><title>${escapeHtml(row.label)}</title>${escapeHtml(truncateLabel(row.label))}</text>`;
      const rects = row.values
        .map((value, s) => {
          const width = Math.max(0, Math.min(1, value / max)) * BAR_AREA;
          const y = y0 + s * barHeight;
          return (
            `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${barHeight - 2}" fill="${series[s]!.color}"><title>${escapeHtml(`${series[s]!.name}: ${format(value)}`)}</title></rect>` +
            `<text x="${(LABEL_WIDTH + width + 4).toFixed(1)}" y="${y + barHeight - 4}" class="value">${escapeHtml(format(value))}</text>`
          );
        })
        .join('');
      return label + rects;
    })
    .join('');
  return svg(title, LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height, legend(series, 4) + bars);
}

export interface HistogramColumn {
  from: string;
  to: string;
  values: number[];
}

/** Grouped vertical bars over ordered bins (a histogram of shares), labelled at both ends and the middle. */
export function histogramChart(
  title: string,
  columns: readonly HistogramColumn[],
  series: readonly ChartSeries[],
): string {
  const width = 640;
  const plotLeft = 40;
  const plotTop = 24;
  const plotHeight = 150;
  const plotWidth = width - plotLeft - 10;
  const max = Math.max(1e-9, ...columns.flatMap((c) => c.values));
  const columnWidth = plotWidth / Math.max(1, columns.length);
  const barWidth = (columnWidth - 2) / series.length;
  const baseline = plotTop + plotHeight;
  const bars = columns
    .map((column, c) =>
      column.values
        .map((value, s) => {
          const h = (value / max) * plotHeight;
          const x = plotLeft + c * columnWidth + 1 + s * barWidth;
          return `<rect x="${x.toFixed(1)}" y="${(baseline - h).toFixed(1)}" width="${Math.max(0.5, barWidth - 0.5).toFixed(1)}" height="${h.toFixed(1)}" fill="${series[s]!.color}"><title>${escapeHtml(`${series[s]!.name}, ${column.from} – ${column.to}: ${(value * 100).toFixed(1)}%`)}</title></rect>`;
        })
        .join(''),
    )
    .join('');
  const ticks = [0, Math.floor(columns.length / 2), columns.length - 1]
    .filter((i, k, all) => i >= 0 && all.indexOf(i) === k)
    .map((i) => {
      const x = plotLeft + i * columnWidth + (i === columns.length - 1 && i > 0 ? columnWidth : 0);
      const text = i === columns.length - 1 && i > 0 ? columns[i]!.to : columns[i]!.from;
      const anchor = i === 0 ? 'start' : i === columns.length - 1 ? 'end' : 'middle';
      return `<text x="${x.toFixed(1)}" y="${baseline + 14}" text-anchor="${anchor}" class="tick">${escapeHtml(text)}</text>`;
    })
    .join('');
  const axis =
    `<line x1="${plotLeft}" y1="${baseline}" x2="${plotLeft + plotWidth}" y2="${baseline}" class="axis"/>` +
    `<text x="${plotLeft - 4}" y="${plotTop + 8}" text-anchor="end" class="tick">${(max * 100).toFixed(0)}%</text>` +
    `<text x="${plotLeft - 4}" y="${baseline}" text-anchor="end" class="tick">0%</text>`;
  const legendItems = series
    .map(
      (s, i) =>
        `<rect x="${plotLeft + i * 140}" y="4" width="12" height="12" fill="${s.color}"/><text x="${plotLeft + i * 140 + 18}" y="14" class="legend">${escapeHtml(s.name)}</text>`,
    )
    .join('');
  return svg(title, width, baseline + 22, legendItems + axis + bars + ticks);
}

/** A 0..1 meter: green from 0.9, amber from 0.7, red below. */
export function meter(value: number | null, width = 120): string {
  if (value === null) return '<span class="na">n/a</span>';
  const v = Math.max(0, Math.min(1, value));
  const color = v >= 0.9 ? '#16a34a' : v >= 0.7 ? '#d97706' : '#dc2626';
  return (
    `<svg class="meter" width="${width}" height="10" viewBox="0 0 ${width} 10" role="img" aria-label="${(v * 100).toFixed(1)}%">` +
    `<rect width="${width}" height="10" rx="3" fill="#e5e7eb"/><rect width="${(v * width).toFixed(1)}" height="10" rx="3" fill="${color}"/></svg>`
  );
}

function svg(title: string, width: number, height: number, body: string): string {
  return `<svg class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title>${body}</svg>`;
}
