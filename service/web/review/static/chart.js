// The scores as a few figures and one small bar chart (inline SVG, drawn here).

import { clear, h, pct } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text = null) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

// Share of sentences that are direct, rest on a named / an anonymous source, or are hedged.
export function sentenceShares(analysis) {
  const sources = new Map(analysis.sources.map((s) => [s.id, s]));
  const rels = new Map(analysis.attributions.map((a) => [a.id, a]));
  const n = analysis.sentences.length || 1;
  const count = { direct: 0, named: 0, anonymous: 0, hedged: 0 };
  for (const s of analysis.sentences) {
    const own = s.attribution_ids.map((id) => rels.get(id)).filter(Boolean);
    const srcs = own.map((a) => sources.get(a.source_id)).filter(Boolean);
    const flags = (s.bias && s.bias.flags) || [];
    if (s.label === 'direct') count.direct += 1;
    if (srcs.some((x) => x.named)) count.named += 1;
    if (srcs.some((x) => !x.named)) count.anonymous += 1;
    if (own.some((a) => a.kind === 'hedge') || flags.some((f) => f.kind === 'hedge')) count.hedged += 1;
  }
  return [
    ['direct', 'Direct (writer’s voice)', count.direct / n],
    ['named', 'Named source', count.named / n],
    ['anonymous', 'Anonymous source', count.anonymous / n],
    ['hedged', 'Hedged', count.hedged / n],
  ];
}

export function renderChart(el, shares) {
  const rowH = 22;
  const labelW = 128;
  const barW = 130;
  const chart = svg('svg', { viewBox: `0 0 ${labelW + barW + 40} ${rowH * shares.length}`,
                             role: 'img', 'aria-labelledby': 'chart-title', class: 'bars' });
  chart.append(svg('title', { id: 'chart-title' },
    `Share of sentences: ${shares.map(([, label, v]) => `${label} ${pct(v)}`).join(', ')}`));
  shares.forEach(([key, label, value], i) => {
    const y = i * rowH;
    chart.append(svg('text', { x: 0, y: y + 15, class: 'lbl' }, label));
    chart.append(svg('rect', { x: labelW, y: y + 4, width: barW, height: 14, class: 'track' }));
    chart.append(svg('rect', { x: labelW, y: y + 4, width: Math.max(0, value * barW).toFixed(1),
                               height: 14, class: `bar bar-${key}` }));
    chart.append(svg('text', { x: labelW + barW + 6, y: y + 15, class: 'val' }, pct(value)));
  });
  clear(el).append(chart);
}

export function renderSummary(figuresEl, chartEl, analysis) {
  const sc = analysis.scores;
  const rows = [
    ['Sentences', `${sc.sentences}`],
    ['Reported', `${sc.reported_sentences} (${pct(sc.attribution_density)})`],
    ['Relations', `${sc.attributions}`],
    ['Sources', `${sc.sources}: ${sc.named_sources} named, ${sc.anonymous_sources} anonymous`],
  ];
  if (sc.attributions) rows.push(['Top source', pct(sc.top_source_share)]);
  if (sc.writer_bias_share !== undefined) rows.push(['Biased (writer)', pct(sc.writer_bias_share)]);
  if (sc.hedges !== undefined) {
    rows.push(['Hedges · loaded verbs', `${sc.hedges} · ${sc.loaded_verbs}`]);
  }
  clear(figuresEl);
  for (const [k, v] of rows) figuresEl.append(h('div', {}, h('dt', {}, k), h('dd', {}, v)));
  renderChart(chartEl, sentenceShares(analysis));
}
