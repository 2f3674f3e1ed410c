// The inspector (one sentence: label, relations, bias flags) and the sources panel.
// Every control saves one correction at once through ctx.correct(payload, description).

import { clear, h } from './dom.js';
import { flagKey, resolvedName } from './render.js';

const KINDS = ['direct_quote', 'indirect', 'mixed', 'according_to', 'hedge'];
const TYPES = ['person', 'organization', 'publication', 'document', 'anonymous', 'unknown'];
const ROLES = [['cue', 'Cue'], ['source', 'Source'], ['content', 'Content']];

const label = (k) => k.replace(/_/g, ' ');

function select(id, options, value, extra = {}) {
  const el = h('select', { id, ...extra });
  for (const [v, text] of options) el.append(h('option', { value: v, selected: v === value }, text));
  return el;
}

function sourceOptions(analysis) {
  return [['', '(no source)'], ...analysis.sources.map((s) => [s.id, `${s.name} (${s.type})`])];
}

function quote(text, max = 160) {
  return text.length > max ? `“${text.slice(0, max)}…”` : `“${text}”`;
}

// Offset inputs for one role of a relation, with "use selection" and (optional) clear.
function spanField(ctx, prefix, role, title, span, required) {
  const start = h('input', { id: `${prefix}-${role}-start`, type: 'number', min: 0, inputmode: 'numeric',
                             value: span ? span.start : '', 'aria-label': `${title} start offset` });
  const end = h('input', { id: `${prefix}-${role}-end`, type: 'number', min: 1, inputmode: 'numeric',
                           value: span ? span.end : '', 'aria-label': `${title} end offset` });
  const shown = h('span', { class: 'quote' }, span ? quote(ctx.article.text.slice(span.start, span.end)) : '—');
  const use = h('button', { type: 'button', id: `${prefix}-${role}-use`, class: 'small' }, 'Use selection');
  use.addEventListener('click', () => {
    const sel = ctx.selection();
    if (!sel) { ctx.say(`Select some article text first, then press “Use selection” for the ${title.toLowerCase()}.`, 'error'); return; }
    start.value = sel.start;
    end.value = sel.end;
    shown.textContent = quote(ctx.article.text.slice(sel.start, sel.end));
  });
  const row = h('div', { class: 'span-row' }, h('span', { class: `role role-${role}` }, title), shown,
                h('span', { class: 'offsets' }, start, '–', end, use));
  if (!required) {
    row.querySelector('.offsets').append(h('button', { type: 'button', class: 'small', onclick: () => {
      start.value = ''; end.value = ''; shown.textContent = '—';
    } }, 'Clear'));
  }
  const read = () => {
    if (start.value === '' && end.value === '') return null;
    return { start: Number(start.value), end: Number(end.value) };
  };
  return { row, read };
}

function relationEditor(ctx, att, isNew) {
  const prefix = isNew ? 'new-rel' : `rel-${att.id}`;
  const fields = ROLES.map(([role, title]) =>
    [role, spanField(ctx, prefix, role, title, att && att[role], role === 'cue')]);
  const kind = select(`${prefix}-kind`, KINDS.map((k) => [k, label(k)]), att ? att.kind : 'indirect');
  const source = select(`${prefix}-source`, sourceOptions(ctx.article.analysis), att ? att.source_id || '' : '');
  const box = h('div', { class: 'rel-edit' }, fields.map(([, f]) => f.row),
                h('div', { class: 'row' }, h('label', {}, 'Kind ', kind), h('label', {}, 'Source ', source)));
  const read = () => {
    const out = { kind: kind.value, source_id: source.value || null };
    for (const [role, f] of fields) out[role] = f.read();
    return out;
  };
  return { box, read };
}

function relationBlock(ctx, att) {
  const { sources } = ctx.article.analysis;
  const src = sources.find((s) => s.id === att.source_id);
  const resolved = resolvedName(att, new Map(sources.map((s) => [s.id, s])));
  const editor = relationEditor(ctx, att, false);
  const save = h('button', { type: 'button', id: `rel-${att.id}-save` }, 'Save relation');
  save.addEventListener('click', () => ctx.correct(
    { kind: 'relation_spans', target: { attribution_id: att.id }, after: editor.read() },
    `relation ${att.id} updated`));
  const del = h('button', { type: 'button', id: `rel-${att.id}-delete`, class: 'danger' }, 'Delete relation');
  del.addEventListener('click', () => ctx.correct(
    { kind: 'relation_delete', target: { attribution_id: att.id } }, `relation ${att.id} deleted`));
  const head = h('h4', {}, `${label(att.kind)} · `,
                 resolved ? `${att.source.text} → ${resolved}` : (src ? src.name : 'no source'),
                 ctx.article.review.corrected.attributions.includes(att.id) ? h('span', { class: 'saved-mark' }, ' ✓ corrected') : null);
  const block = h('div', { class: 'rel', dataset: { rid: att.id }, tabindex: '-1' }, head,
                  h('details', {}, h('summary', {}, 'Correct spans, kind or source'), editor.box,
                    h('div', { class: 'row' }, save, del)));
  for (const ev of ['mouseenter', 'focusin']) block.addEventListener(ev, () => ctx.preview([att.id]));
  for (const ev of ['mouseleave', 'focusout']) block.addEventListener(ev, () => ctx.preview(null));
  return block;
}

function flagBlock(ctx, sentence, flag, status) {
  const key = flagKey(sentence, flag);
  const target = { sentence, start: flag.start, end: flag.end, kind: flag.kind };
  const buttons = [];
  if (status !== 'confirmed') {
    buttons.push(h('button', { type: 'button', class: 'small', id: `flag-${key}-confirm`, onclick: () =>
      ctx.correct({ kind: 'bias_flag', target, after: { status: 'confirmed' } }, `${label(flag.kind)} flag confirmed`) },
      status === 'dismissed' ? 'Restore' : 'Confirm'));
  }
  if (status !== 'dismissed') {
    buttons.push(h('button', { type: 'button', class: 'small', id: `flag-${key}-dismiss`, onclick: () =>
      ctx.correct({ kind: 'bias_flag', target, after: { status: 'dismissed' } }, `${label(flag.kind)} flag dismissed`) },
      'Dismiss'));
  }
  const sure = typeof flag.confidence === 'number' ? `${Math.round(flag.confidence * 100)}% sure` : '';
  // the plain reason first; the provenance (word lists, corpus figures, model weight) on demand
  const evidence = flag.evidence
    ? h('details', { class: 'evidence', id: `flag-${key}-evidence` },
        h('summary', {}, 'Evidence'), h('span', {}, flag.evidence))
    : '';
  return h('li', { class: `flag-item ${status}` },
           h('b', {}, label(flag.kind)), ' ', quote(flag.text, 60),
           sure ? h('span', { class: 'confidence' }, ` ${sure}`) : '', h('br'),
           h('span', { class: 'reason' }, flag.reason), ' ',
           h('span', { class: 'badge' }, status), ' ', buttons, evidence);
}

export function renderInspector(ctx, body, empty, heading, index) {
  clear(body);
  const analysis = ctx.article.analysis;
  const s = index === null ? null : analysis.sentences[index];
  empty.hidden = Boolean(s);
  heading.textContent = s ? `Sentence ${s.index + 1} of ${analysis.sentences.length}` : 'Sentence';
  if (!s) return;
  const corrected = ctx.article.review.corrected.sentences.includes(s.index);
  body.append(h('p', { class: 'sentence-text' }, quote(s.text, 400)));
  const labels = h('div', { class: 'row labels', role: 'group', 'aria-label': 'Sentence label' });
  for (const value of ['reported', 'direct']) {
    const btn = h('button', { type: 'button', id: `label-${value}`, 'aria-pressed': String(s.label === value),
                              class: `label-btn ${value}` }, value === 'reported' ? 'Reported' : 'Direct');
    btn.addEventListener('click', () => ctx.correct(
      { kind: 'sentence_label', target: { sentence: s.index }, after: { label: value } },
      `sentence ${s.index + 1} marked ${value}`));
    labels.append(btn);
  }
  body.append(h('p', { class: 'hint' }, `Model: ${Math.round(s.probability * 100)}% reported`,
                corrected ? h('span', { class: 'saved-mark' }, ' · ✓ label corrected') : null), labels);

  const rels = s.attribution_ids.map((id) => analysis.attributions.find((a) => a.id === id)).filter(Boolean);
  body.append(h('h3', {}, `Relations (${rels.length})`));
  for (const att of rels) body.append(relationBlock(ctx, att));
  const editor = relationEditor(ctx, null, true);
  const add = h('button', { type: 'button', id: 'new-rel-add' }, 'Add relation');
  add.addEventListener('click', () => {
    const after = editor.read();
    if (!after.cue) { ctx.say('A new relation needs a cue: select it in the text and press “Use selection”.', 'error'); return; }
    ctx.correct({ kind: 'relation_add', after }, 'relation added');
  });
  body.append(h('details', { class: 'add-rel' }, h('summary', {}, 'Add a missed relation'),
                h('p', { class: 'hint' }, 'Select text in the article, then “Use selection” for each part.'),
                editor.box, add));

  const flags = (s.bias && s.bias.flags) || [];
  const status = new Map(ctx.article.review.flags.map((f) => [flagKey(f.sentence, f), f.status]));
  const dismissed = ctx.article.review.flags.filter((f) => f.sentence === s.index && f.status === 'dismissed');
  if (flags.length || dismissed.length || s.bias) {
    const list = h('ul', { class: 'flags' });
    for (const f of flags) list.append(flagBlock(ctx, s.index, f, status.get(flagKey(s.index, f)) || 'unreviewed'));
    for (const f of dismissed) list.append(flagBlock(ctx, s.index, f, 'dismissed'));
    const score = s.bias ? ` · bias ${Math.round(s.bias.score * 100)}% (${s.bias.voice})` : '';
    body.append(h('h3', {}, `Bias flags${score}`),
                list.childElementCount ? list : h('p', { class: 'hint' }, 'No flagged words.'));
  }
}

export function renderSources(ctx, list) {
  clear(list);
  const { analysis, review } = ctx.article;
  if (!analysis.sources.length) list.append(h('li', { class: 'hint' }, 'No sources found.'));
  for (const src of analysis.sources) {
    const pressed = ctx.pinnedSource === src.id;
    const btn = h('button', { type: 'button', class: 'source-btn', id: `source-${src.id}`,
                              'aria-pressed': String(pressed) }, src.name);
    btn.addEventListener('click', () => ctx.pinSource(pressed ? null : src.id));
    const name = h('input', { type: 'text', id: `source-${src.id}-name`, value: src.name, maxlength: 200 });
    const type = select(`source-${src.id}-type`, TYPES.map((t) => [t, t]), src.type);
    const named = h('input', { type: 'checkbox', id: `source-${src.id}-named`, checked: src.named });
    const save = h('button', { type: 'button', id: `source-${src.id}-save`, class: 'small' }, 'Save source');
    save.addEventListener('click', () => {
      const after = {};
      if (name.value.trim() && name.value.trim() !== src.name) after.name = name.value.trim();
      if (type.value !== src.type) after.type = type.value;
      if (named.checked !== src.named) after.named = named.checked;
      if (!Object.keys(after).length) { ctx.say('Nothing to save: change the name, type or named first.', 'error'); return; }
      ctx.correct({ kind: 'source', target: { source_id: src.id }, after }, `source “${src.name}” corrected`);
    });
    const claims = src.attribution_count === 1 ? '1 claim' : `${src.attribution_count} claims`;
    list.append(h('li', { class: `source ${src.named ? 'named' : 'anonymous'}` },
      btn, ' ', h('span', { class: `badge type-${src.type}` }, src.type), ' ',
      src.type === 'anonymous' ? null : h('span', { class: 'badge' }, src.named ? 'named' : 'unnamed'), ' ',
      h('span', { class: 'claims' }, claims),
      review.corrected.sources.includes(src.id) ? h('span', { class: 'saved-mark' }, ' ✓ corrected') : null,
      h('details', {}, h('summary', {}, 'Correct'),
        h('div', { class: 'source-edit' }, h('label', {}, 'Name ', name), h('label', {}, 'Type ', type),
          h('label', {}, named, ' named'), save))));
  }
}
