// The article as the writer wrote it: one <p> per line, sentences and relation parts as spans.
// Only text nodes carry article text; offsets from the service are code points, the DOM's
// are UTF-16 units, so both directions are mapped.

import { h } from './dom.js';

const ROLES = [['cue', 'cue'], ['source', 'src'], ['content', 'con']];

export function offsetMap(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return { u16: (i) => i, cp: (i) => i };
  const toU16 = [];
  let u = 0;
  for (const ch of text) { toU16.push(u); u += ch.length; }
  toU16.push(u);
  const toCp = new Int32Array(u + 1);
  let c = 0;
  for (let i = 0; i <= u; i += 1) {
    while (toU16[c] < i) c += 1;
    toCp[i] = c;
  }
  return { u16: (i) => toU16[Math.min(i, toU16.length - 1)], cp: (i) => toCp[Math.min(i, u)] };
}

export const flagKey = (sentence, f) => `${sentence}:${f.start}:${f.end}:${f.kind}`;

const PRONOUNS = new Set('i me we us you he him she her it they them'.split(' '));

// The name a pronoun source ("he") was resolved to ("Mark Rutte"), else null.
export function resolvedName(att, sourcesById) {
  const said = att.source && att.source.text.trim().toLowerCase();
  const src = said && PRONOUNS.has(said) && sourcesById.get(att.source_id);
  return src && src.name.toLowerCase() !== said ? src.name : null;
}

function collectMarks(analysis, U) {
  const marks = [];
  const sources = new Map(analysis.sources.map((s) => [s.id, s]));
  for (const att of analysis.attributions) {
    for (const [role, cls] of ROLES) {
      const span = att[role];
      if (!span) continue;
      const resolved = role === 'source' ? resolvedName(att, sources) : null;
      marks.push({ a: U.u16(span.start), b: U.u16(span.end), cls, rid: att.id, role, resolved });
    }
  }
  for (const s of analysis.sentences) {
    for (const f of (s.bias && s.bias.flags) || []) {
      marks.push({ a: U.u16(f.start), b: U.u16(f.end), cls: 'flag', key: flagKey(s.index, f) });
    }
  }
  return marks.filter((m) => m.b > m.a);
}

function biasNote(sentence, status) {
  const flags = (sentence.bias && sentence.bias.flags) || [];
  if (!flags.length) return null;
  const note = h('span', { class: 'bias-note', role: 'note', dataset: { i: sentence.index } });
  note.append(h('span', { class: 'bias-icon', 'aria-hidden': 'true' }, '⚑'));
  flags.forEach((f, k) => {
    const st = status.get(flagKey(sentence.index, f)) || 'unreviewed';
    note.append(h('span', { class: `bias-flag ${st}` },
      k ? '; ' : '', h('span', { class: 'kind' }, f.kind.replace('_', ' ')), `: ${f.reason}`));
  });
  return note;
}

// Build the article into `root`; returns lookups used for highlighting and selection.
export function renderArticle(root, article) {
  const t0 = performance.now();
  const { text, analysis, review } = article;
  const U = offsetMap(text);
  const sents = analysis.sentences.map((s) => ({ a: U.u16(s.start), b: U.u16(s.end), s }));
  const marks = collectMarks(analysis, U);
  const corrected = new Set(review.corrected.sentences);
  const status = new Map(review.flags.map((f) => [flagKey(f.sentence, f), f.status]));
  const points = new Set([0, text.length]);
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) {
    points.add(k); points.add(k + 1);
  }
  const starts = new Map();
  const ends = new Map();
  const add = (map, k, m) => { if (!map.has(k)) map.set(k, []); map.get(k).push(m); };
  for (const x of sents) { points.add(x.a); points.add(x.b); }
  for (const m of marks) { points.add(m.a); points.add(m.b); add(starts, m.a, m); add(ends, m.b, m); }
  const cuts = [...points].filter((k) => k >= 0 && k <= text.length).sort((p, q) => p - q);

  const index = { U, textNodes: new WeakMap(), sentences: new Map(), rels: new Map(),
                  flags: new Map(), renderMs: 0 };
  const frag = document.createDocumentFragment();
  const active = new Set();
  let para = null;
  let sentEl = null;
  let si = 0;
  for (let k = 0; k < cuts.length - 1; k += 1) {
    const a = cuts[k];
    const b = cuts[k + 1];
    for (const m of ends.get(a) || []) active.delete(m);
    for (const m of starts.get(a) || []) active.add(m);
    const piece = text.slice(a, b);
    if (piece === '\n') { para = null; sentEl = null; continue; }
    while (si < sents.length && sents[si].b <= a) si += 1;
    const cur = si < sents.length && sents[si].a <= a ? sents[si] : null;
    if (!para) { para = h('p'); frag.append(para); }
    let parent = para;
    if (cur) {
      if (!sentEl || sentEl.parentNode !== para || Number(sentEl.dataset.i) !== cur.s.index) {
        const s = cur.s;
        sentEl = h('span', { class: `s s-${s.label}${corrected.has(s.index) ? ' corrected' : ''}`,
                             tabindex: '-1', dataset: { i: s.index } });
        para.append(sentEl);
        if (!index.sentences.has(s.index)) index.sentences.set(s.index, []);
        index.sentences.get(s.index).push(sentEl);
      }
      parent = sentEl;
    } else {
      sentEl = null;
    }
    const node = document.createTextNode(piece);
    index.textNodes.set(node, a);
    if (active.size) {
      const classes = new Set(['m']);
      const rels = [];
      const flags = [];
      let resolved = null;
      for (const m of active) {
        classes.add(m.cls);
        if (m.rid) (m.role === 'content' ? rels.push(m.rid) : rels.unshift(m.rid));
        if (m.key) flags.push(m.key);
        if (m.resolved && m.b === b) resolved = m.resolved;  // after the pronoun's last piece
      }
      if (resolved) classes.add('resolved');
      // shown by the style sheet (::after), so the article's text nodes stay the text
      const el = h('span', { class: [...classes].join(' '), dataset: resolved ? { resolved } : null }, node);
      if (rels.length) el.dataset.rels = [...new Set(rels)].join(' ');
      if (flags.length) el.dataset.flags = flags.join(' ');
      for (const r of new Set(rels)) {
        if (!index.rels.has(r)) index.rels.set(r, []);
        index.rels.get(r).push(el);
      }
      for (const f of flags) {
        if (!index.flags.has(f)) index.flags.set(f, []);
        index.flags.get(f).push(el);
      }
      parent.append(el);
    } else {
      parent.append(node);
    }
    if (cur && b === cur.b) {
      const note = biasNote(cur.s, status);
      if (note) para.append(note);
      sentEl = null;
    }
  }
  root.replaceChildren(frag);
  index.renderMs = performance.now() - t0;
  return index;
}

// Highlight the relation ids `ids` with class `cls` (previous holders lose it).
export function highlight(root, index, ids, cls = 'active') {
  for (const el of root.querySelectorAll(`.${cls}`)) el.classList.remove(cls);
  for (const id of ids) for (const el of index.rels.get(id) || []) el.classList.add(cls);
}

function textPoint(root, index, node, offset, isEnd) {
  if (node.nodeType === Node.TEXT_NODE && index.textNodes.has(node)) {
    return index.textNodes.get(node) + offset;
  }
  // A boundary between elements (or inside a bias note): snap to the nearest article text.
  const probe = document.createRange();
  probe.setStart(node, offset);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let best = null;
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!index.textNodes.has(t)) continue;
    if (!isEnd && probe.comparePoint(t, 0) >= 0) return index.textNodes.get(t);
    if (isEnd) {
      if (probe.comparePoint(t, t.data.length) > 0) break;
      best = index.textNodes.get(t) + t.data.length;
    }
  }
  return best;
}

// The current text selection inside `root` as code-point offsets, trimmed of white space.
export function selectionSpan(root, index, text) {
  const sel = window.getSelection();
  if (!sel || !sel.rangeCount || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!root.contains(r.commonAncestorContainer)) return null;
  let a = textPoint(root, index, r.startContainer, r.startOffset, false);
  let b = textPoint(root, index, r.endContainer, r.endOffset, true);
  if (a === null || b === null) return null;
  while (a < b && /\s/.test(text[a])) a += 1;
  while (b > a && /\s/.test(text[b - 1])) b -= 1;
  if (b <= a) return null;
  return { start: index.U.cp(a), end: index.U.cp(b) };
}
